/*
 * anon_inodes: files with no name in any filesystem (pidfds, epoll,
 * eventfd, signalfd, timerfd, inotify). Like Linux's, every such file
 * is a dentry "[name]" on one shared inode of an internal mount, so
 * /proc/<pid>/fd shows "anon_inode:[name]".
 *
 * Lock: anon_inode_mutex guards the one-time set-up of the mount and
 * its inode.
 */
#include <tine/anon_inodes.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <uapi/errno.h>

#define ANON_INODE_FS_MAGIC 0x09041934

static DEFINE_MUTEX(anon_inode_mutex);
static struct vfsmount *anon_inode_mnt;		/* [anon_inode_mutex] */
static struct inode *anon_inode_inode;		/* [anon_inode_mutex] */

static char *anon_inodefs_dname(struct dentry *d, char *buf, size_t len)
{
	snprintf(buf, len, "anon_inode:%s", d->d_name);
	return buf;
}

static const struct super_operations anon_inodefs_ops = {
	.d_dname = anon_inodefs_dname,
};

static struct super_block *anon_inodefs_mount(struct file_system_type *t,
					      int flags, const char *dev,
					      void *data)
{
	return mount_pseudo(t, &anon_inodefs_ops, ANON_INODE_FS_MAGIC, 0500);
}

static struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
	.nodev = true,
	.mount = anon_inodefs_mount,
	.kill_sb = kill_anon_super,
};

/* Mount anon_inodefs and make its one inode, on first use. */
static int anon_inode_init(void)
{
	int err = 0;

	mutex_lock(&anon_inode_mutex);
	if (anon_inode_inode)
		goto out;
	if (!anon_inode_mnt) {
		struct vfsmount *m = kern_mount(&anon_inode_fs_type);

		if (IS_ERR(m)) {
			err = PTR_ERR(m);
			goto out;
		}
		anon_inode_mnt = m;
	}
	anon_inode_inode = new_inode(anon_inode_mnt->mnt_sb);
	if (!anon_inode_inode) {
		err = -ENOMEM;
		goto out;
	}
	/* As Linux: mode 0600, owned by root, neither file nor dir. */
	anon_inode_inode->i_mode = 0600;
out:
	mutex_unlock(&anon_inode_mutex);
	return err;
}

/* anon_inode_getfile - see anon_inodes.h. */
struct file *anon_inode_getfile(const char *name,
				       const struct file_operations *fops,
				       void *priv, unsigned int flags)
{
	struct path p;
	struct file *f;
	int err = anon_inode_init();

	if (err)
		return ERR_PTR(err);
	p.mnt = anon_inode_mnt;
	p.dentry = d_alloc(anon_inode_mnt->mnt_root, name, strlen(name));
	if (!p.dentry)
		return ERR_PTR(-ENOMEM);
	ihold(anon_inode_inode);
	d_instantiate(p.dentry, anon_inode_inode);
	f = alloc_file(&p, flags, fops);
	dput(p.dentry);
	if (IS_ERR(f))
		return f;
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	f->private_data = priv;
	return f;
}

/* anon_inode_getfd - see anon_inodes.h. */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, unsigned int flags)
{
	struct file *f;
	int fd = get_unused_fd_flags(flags & O_CLOEXEC);

	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fops, priv,
			       flags & (O_ACCMODE | O_NONBLOCK));
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}
