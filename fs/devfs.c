/*
 * devtmpfs: one tmpfs-like instance, made at boot with the device nodes
 * the kernel knows about; every mount of "devtmpfs" shows that same
 * instance (as Linux), so nodes made in one mount appear in all.
 */
#include <asm/rtc.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

static struct vfsmount *devtmpfs_mnt;	/* the internal mount: keeps it */

struct devnode {
	const char *name;
	mode_t mode;
	unsigned int major, minor;
};

static const struct devnode devnodes[] = {
	{ "console", S_IFCHR | 0600, 5, 1 },
	{ "tty", S_IFCHR | 0666, 5, 0 },
	{ "ttyS0", S_IFCHR | 0660, 4, 64 },
	{ "ptmx", S_IFCHR | 0666, 5, 2 },
	{ "null", S_IFCHR | 0666, 1, 3 },
	{ "zero", S_IFCHR | 0666, 1, 5 },
	{ "full", S_IFCHR | 0666, 1, 7 },
	{ "random", S_IFCHR | 0666, 1, 8 },
	{ "urandom", S_IFCHR | 0666, 1, 9 },
	{ "kmsg", S_IFCHR | 0644, 1, 11 },
	{ "rtc0", S_IFCHR | 0600, RTC_MAJOR, 0 },
};

static struct super_block *devtmpfs_mount(struct file_system_type *t,
					  int flags, const char *dev,
					  void *data)
{
	if (devtmpfs_mnt)
		return devtmpfs_mnt->mnt_sb;
	return ramfs_mount(t, flags, dev, data);
}

static struct file_system_type devtmpfs_type = {
	.name = "devtmpfs",
	.nodev = true,
	.mount = devtmpfs_mount,
	.kill_sb = shmem_kill_sb,
};

/* Make one node in the root of the devtmpfs instance. */
static int devtmpfs_create(const struct devnode *n)
{
	struct dentry *root = devtmpfs_mnt->mnt_root;
	struct inode *dir = root->d_inode;
	struct dentry *d = d_alloc(root, n->name, strlen(n->name));
	int err;

	if (!d)
		return -ENOMEM;
	err = dir->i_op->create(dir, d, n->mode, MKDEV(n->major, n->minor));
	dput(d);
	return err;
}

/* devtmpfs_init - register devtmpfs and create its nodes (boot). */
void devtmpfs_init(void)
{
	unsigned int i;

	register_filesystem(&devtmpfs_type);
	devtmpfs_mnt = kern_mount(&devtmpfs_type);
	if (IS_ERR(devtmpfs_mnt))
		panic("devtmpfs: %ld", PTR_ERR(devtmpfs_mnt));
	mutex_lock(&vfs_lock);
	for (i = 0; i < ARRAY_SIZE(devnodes); i++)
		if (devtmpfs_create(&devnodes[i]))
			panic("devtmpfs: cannot create %s", devnodes[i].name);
	mutex_unlock(&vfs_lock);
}

/* devtmpfs_for_each_node - see fs.h. */
void devtmpfs_for_each_node(void (*fn)(const char *name, mode_t mode,
				       unsigned int devt))
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devnodes); i++)
		fn(devnodes[i].name, devnodes[i].mode,
		   MKDEV(devnodes[i].major, devnodes[i].minor));
}
