/*
 * The device model, as far as tine has devices (fs/sysfs_dev.c): each
 * character device node devtmpfs makes at boot is a struct device of a
 * class ("mem", "tty", "misc"), which sysfs shows as Linux shows a
 * virtual device:
 *
 *	/sys/devices/virtual/<class>/<name>/{dev,uevent,subsystem}
 *	/sys/class/<class>/<name> -> ../../devices/virtual/<class>/<name>
 *	/sys/dev/char/<major>:<minor> -> ../../devices/virtual/<class>/<name>
 *
 * Devices are only added, at boot (no hotplug, no uevents).
 */
#ifndef TINE_DEVICE_H
#define TINE_DEVICE_H

#include <tine/kernfs.h>

struct device;

/* A class of devices. Legend: [c] constant once registered. */
struct class {
	const char *name;		/* [c] */
	/* The mode udev would give the node (DEVMODE in uevent), or 0
	 * for none, as Linux's class devnode() callbacks. May be NULL. */
	mode_t (*devnode)(unsigned int devt, mode_t node_mode);
	struct kernfs_node *dir;	/* [c] /sys/class/<name> */
	struct kernfs_node *virt;	/* [c] /sys/devices/virtual/<name> */
	/* The class's own attributes of a new device (rtc: date, time...):
	 * 0 or -ENOMEM. May be NULL. */
	int (*add_files)(struct device *dev);
};

/* One device. [c] all: made at boot and never freed. */
struct device {
	const char *name;		/* [c] its /dev name */
	unsigned int devt;		/* [c] MKDEV(major, minor) */
	mode_t devmode;			/* [c] DEVMODE, or 0 */
	struct class *class;		/* [c] */
	struct kernfs_node *kn;		/* [c] its sysfs directory */
};

/*
 * class_register - make /sys/class/<name> and
 * /sys/devices/virtual/<name> for cls. 0 or -ENOMEM. Boot; may sleep.
 */
int class_register(struct class *cls);

/*
 * device_create - a character device devt called name in cls, with its
 * sysfs directory and links; node_mode is the /dev node's mode (for
 * DEVMODE). Returns the device or NULL (no memory, or the name or
 * number is taken). Boot; may sleep.
 */
struct device *device_create(struct class *cls, unsigned int devt,
			     mode_t node_mode, const char *name);

#endif
