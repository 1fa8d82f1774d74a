/*
 * sysfs: the kernel's objects under /sys (see include/tine/sysfs.h),
 * one kernfs instance shared by every mount.
 */
#include <tine/err.h>
#include <tine/printk.h>
#include <tine/sysfs.h>
#include <uapi/stat.h>

static struct kernfs_root sysfs_root = { .magic = SYSFS_MAGIC };
struct kernfs_node *sysfs_root_kn;
struct kernfs_node *kernel_kn;
struct kernfs_node *fs_kn;

static struct super_block *sysfs_mount(struct file_system_type *t,
				       int flags, const char *dev, void *data)
{
	return kernfs_get_sb(&sysfs_root, t);
}

static struct file_system_type sysfs_fs_type = {
	.name = "sysfs",
	.nodev = true,
	.mount = sysfs_mount,
	.kill_sb = kill_anon_super,
};

/* sysfs_create_mount_point - see sysfs.h. */
struct kernfs_node *sysfs_create_mount_point(struct kernfs_node *parent,
					     const char *name)
{
	return kernfs_create_dir(parent, name, 0755);
}

/* sysfs_init - see sysfs.h. */
void sysfs_init(void)
{
	kernfs_init_root(&sysfs_root, &sysfs_fs_type, 0555);
	sysfs_root_kn = sysfs_root.kn;
	kernel_kn = kernfs_create_dir(sysfs_root_kn, "kernel", 0755);
	fs_kn = kernfs_create_dir(sysfs_root_kn, "fs", 0755);
	if (!kernel_kn || !fs_kn ||
	    !sysfs_create_mount_point(kernel_kn, "tracing"))
		panic("sysfs: no memory");
}
