/*
 * nsfs: the files that stand for namespaces. Following a
 * /proc/<pid>/ns/<kind> link lands on one of them (fs/proc_ns.c); open
 * it, and the fd names the namespace for setns(2) and the NS_GET_*
 * ioctls; bind mount it, and the mount keeps the namespace alive. Every
 * file is a fresh dentry and inode on an internal mount whose inode
 * number is the namespace's (ns_common.inum), so stat() identifies a
 * namespace by (st_dev, st_ino) as on Linux; the inode holds a
 * reference on the namespace, dropped when the inode goes.
 *
 * Lock: nsfs_mnt is set once at boot; the inodes never change.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mount.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/uidgid.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define NSFS_MAGIC 0x6e736673

/* Linux's ioctls on namespace files (_IO(0xb7, n)). */
#define NSIO 0xb7
#define NS_GET_USERNS (NSIO << 8 | 0x1)
#define NS_GET_PARENT (NSIO << 8 | 0x2)
#define NS_GET_NSTYPE (NSIO << 8 | 0x3)
#define NS_GET_OWNER_UID (NSIO << 8 | 0x4)

static struct vfsmount *nsfs_mnt;

static const char *ns_kind_name(const struct ns_common *ns)
{
	return ns->ops->real_ns_name ? ns->ops->real_ns_name : ns->ops->name;
}

/* "uts:[4026531838]", as readlink() of the /proc link shows it. */
static char *nsfs_dname(struct dentry *d, char *buf, size_t len)
{
	struct ns_common *ns = d->d_inode->i_private;

	snprintf(buf, len, "%s:[%u]", ns_kind_name(ns), ns->inum);
	return buf;
}

static void nsfs_evict_inode(struct inode *i)
{
	struct ns_common *ns = i->i_private;

	if (ns)
		ns->ops->put(ns);
}

static const struct super_operations nsfs_ops = {
	.d_dname = nsfs_dname,
	.evict_inode = nsfs_evict_inode,
};

static struct super_block *nsfs_mount(struct file_system_type *t, int flags,
				      const char *dev, void *data)
{
	return mount_pseudo(t, &nsfs_ops, NSFS_MAGIC, 0500);
}

static struct file_system_type nsfs_type = {
	.name = "nsfs",
	.nodev = true,
	.mount = nsfs_mount,
	.kill_sb = kill_anon_super,
};

static long ns_ioctl(struct file *f, unsigned int cmd, unsigned long arg);

static const struct file_operations ns_file_operations = {
	.ioctl = ns_ioctl,
	.llseek = no_llseek,
};

/* nsfs_init - the internal nsfs mount (boot). */
void nsfs_init(void)
{
	nsfs_mnt = kern_mount(&nsfs_type);
	if (IS_ERR(nsfs_mnt))
		panic("nsfs_init: %ld", PTR_ERR(nsfs_mnt));
}

/* ns_get_path - see tine/ns_common.h. */
int ns_get_path(struct path *p, struct ns_common *ns)
{
	struct inode *i = new_inode(nsfs_mnt->mnt_sb);
	struct dentry *d;

	if (!i) {
		ns->ops->put(ns);
		return -ENOMEM;
	}
	i->i_ino = ns->inum;
	i->i_mode = S_IFREG | 0444;
	i->i_fop = &ns_file_operations;
	i->i_private = ns;		/* the inode's reference from here */
	d = d_alloc(nsfs_mnt->mnt_root, ns->ops->name, strlen(ns->ops->name));
	if (!d) {
		iput(i);
		return -ENOMEM;
	}
	d_instantiate(d, i);
	p->mnt = mntget(nsfs_mnt);
	p->dentry = d;
	return 0;
}

/* nsfs_dentry_ns - see tine/ns_common.h. */
struct ns_common *nsfs_dentry_ns(struct dentry *d)
{
	if (!nsfs_mnt || d->d_sb != nsfs_mnt->mnt_sb || !d->d_inode ||
	    d == nsfs_mnt->mnt_root)
		return NULL;
	return d->d_inode->i_private;
}

/* is_nsfs_dentry - see tine/ns_common.h. */
bool is_nsfs_dentry(struct dentry *d)
{
	return nsfs_dentry_ns(d) != NULL;
}

/* get_proc_ns_file - see tine/ns_common.h. */
struct ns_common *get_proc_ns_file(struct file *f)
{
	if (f->f_op != &ns_file_operations)
		return NULL;
	return nsfs_dentry_ns(f->f_path.dentry);
}

/* A new O_RDONLY|O_CLOEXEC fd on ns (whose reference it takes). */
static long open_related_ns(struct ns_common *ns)
{
	struct path p;
	struct file *f;
	int fd, err = ns_get_path(&p, ns);

	if (err)
		return err;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		path_put(&p);
		return fd;
	}
	f = dentry_open(&p, O_RDONLY);
	path_put(&p);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

/* NS_GET_USERNS: the owner, if the caller's user namespace is it or
 * above it (EPERM). */
static long ns_get_owner(struct ns_common *ns)
{
	struct user_namespace *owner = ns->ops->owner(ns);

	if (!owner || !in_userns(current_user_ns(), owner))
		return -EPERM;
	return open_related_ns(&get_user_ns(owner)->ns);
}

/*
 * The NS_GET_* ioctls: a new fd for the owning user namespace or the
 * parent (pid and user namespaces: EINVAL for other kinds), the kind
 * (CLONE_NEW*), a user namespace's owner uid as the caller sees it.
 * ENOTTY for anything else.
 */
static long ns_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct ns_common *ns = get_proc_ns_file(f), *parent;
	uid_t uid;

	if (!ns)
		return -ENOTTY;
	switch (cmd) {
	case NS_GET_USERNS:
		return ns_get_owner(ns);
	case NS_GET_PARENT:
		if (!ns->ops->get_parent)
			return -EINVAL;
		parent = ns->ops->get_parent(ns);
		if (IS_ERR(parent))
			return PTR_ERR(parent);
		return open_related_ns(parent);
	case NS_GET_NSTYPE:
		return ns->ops->type;
	case NS_GET_OWNER_UID:
		if (ns->ops != &userns_operations)
			return -EINVAL;
		uid = from_kuid_munged(current_user_ns(),
				       container_of(ns, struct user_namespace,
						    ns)->owner);
		return put_user(uid, (uid_t __user *)arg) ? -EFAULT : 0;
	}
	return -ENOTTY;
}
