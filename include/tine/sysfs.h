/*
 * sysfs: /sys, built on kernfs (include/tine/kernfs.h). Subsystems add
 * their directories and files under these nodes at boot with
 * kernfs_create_dir()/kernfs_create_file(). It holds what tine has
 * objects for: /sys/devices/system/cpu (fs/sysfs_cpu.c), the character
 * devices in /sys/devices/virtual, /sys/class and /sys/dev/char
 * (fs/sysfs_dev.c, include/tine/device.h), /sys/kernel
 * (mount points for tracefs, debugfs and securityfs; mm/), /sys/fs
 * (cgroup/ mount point), and the directories every system has (block,
 * bus, firmware, module, power), empty.
 */
#ifndef TINE_SYSFS_H
#define TINE_SYSFS_H

#include <tine/kernfs.h>

#define SYSFS_MAGIC 0x62656572

extern struct kernfs_node *sysfs_root_kn;	/* /sys */
extern struct kernfs_node *kernel_kn;		/* /sys/kernel */
extern struct kernfs_node *fs_kn;		/* /sys/fs */
extern struct kernfs_node *devices_kn;		/* /sys/devices */
extern struct kernfs_node *system_kn;		/* /sys/devices/system */
extern struct kernfs_node *class_kn;		/* /sys/class */
extern struct kernfs_node *dev_kn;		/* /sys/dev */

/*
 * sysfs_create_mount_point - an empty directory in parent where another
 * filesystem is mounted (Linux's name). NULL on failure. Boot only.
 */
struct kernfs_node *sysfs_create_mount_point(struct kernfs_node *parent,
					     const char *name);

/* sysfs_init - register sysfs and make its tree (boot, after vfs_init). */
void sysfs_init(void);

#endif
