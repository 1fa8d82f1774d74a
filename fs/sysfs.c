/*
 * sysfs: the kernel's objects under /sys (see include/tine/sysfs.h),
 * one kernfs instance shared by every mount.
 */
#include <tine/err.h>
#include <tine/printk.h>
#include <tine/seq_buf.h>
#include <tine/sysfs.h>
#include <uapi/stat.h>

static struct kernfs_root sysfs_root = { .magic = SYSFS_MAGIC };
struct kernfs_node *sysfs_root_kn;
struct kernfs_node *kernel_kn;
struct kernfs_node *fs_kn;
struct kernfs_node *devices_kn;
struct kernfs_node *system_kn;
struct kernfs_node *class_kn;
struct kernfs_node *dev_kn;

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

/* "never" is tine's answer: it has no transparent huge pages. */
static int thp_enabled_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_puts(m, "always madvise [never]\n");
	return 0;
}

static const struct kernfs_ops thp_enabled_ops = {
	.show = thp_enabled_show,
};

/* The directories every system has, empty until something fills them,
 * and the mount points of the filesystems that live under /sys. */
static bool sysfs_skeleton(void)
{
	struct kernfs_node *thp, *mm;

	devices_kn = kernfs_create_dir(sysfs_root_kn, "devices", 0755);
	class_kn = kernfs_create_dir(sysfs_root_kn, "class", 0755);
	dev_kn = kernfs_create_dir(sysfs_root_kn, "dev", 0755);
	system_kn = devices_kn ? kernfs_create_dir(devices_kn, "system", 0755)
			       : NULL;
	mm = kernfs_create_dir(kernel_kn, "mm", 0755);
	thp = mm ? kernfs_create_dir(mm, "transparent_hugepage", 0755) : NULL;
	return system_kn && thp && class_kn && dev_kn &&
	       kernfs_create_dir(sysfs_root_kn, "block", 0755) &&
	       kernfs_create_dir(sysfs_root_kn, "bus", 0755) &&
	       kernfs_create_dir(sysfs_root_kn, "firmware", 0755) &&
	       kernfs_create_dir(sysfs_root_kn, "module", 0755) &&
	       kernfs_create_dir(sysfs_root_kn, "power", 0755) &&
	       sysfs_create_mount_point(kernel_kn, "debug") &&
	       sysfs_create_mount_point(kernel_kn, "security") &&
	       sysfs_create_mount_point(fs_kn, "cgroup") &&
	       kernfs_create_file(thp, "enabled", 0644, &thp_enabled_ops, NULL);
}

/* sysfs_init - see sysfs.h. */
void sysfs_init(void)
{
	kernfs_init_root(&sysfs_root, &sysfs_fs_type, 0555);
	sysfs_root_kn = sysfs_root.kn;
	kernel_kn = kernfs_create_dir(sysfs_root_kn, "kernel", 0755);
	fs_kn = kernfs_create_dir(sysfs_root_kn, "fs", 0755);
	if (!kernel_kn || !fs_kn ||
	    !sysfs_create_mount_point(kernel_kn, "tracing") ||
	    !sysfs_skeleton())
		panic("sysfs: no memory");
}
