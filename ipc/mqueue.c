/*
 * POSIX message queues: mq_open, mq_unlink and the mqueue filesystem
 * (mq_timedsend, mq_timedreceive, mq_notify and mq_getsetattr on an
 * open queue are in ipc/mqueue_msg.c; ipc/mqueue.h has what they share).
 *
 * A queue is an inode of the mqueue filesystem (one superblock per IPC
 * namespace, mounted internally and by `mount -t mqueue`, usually at
 * /dev/mqueue). Its messages are kept in priority order, FIFO within a
 * priority; reading the file gives Linux's QSIZE line. Senders wait for
 * room and receivers for a message on the queue's two wait queues (also
 * what poll/select/epoll see). mq_notify registers one process for a
 * signal (SIGEV_SIGNAL) or nothing (SIGEV_NONE) when a message arrives
 * in an empty queue with no receiver waiting; SIGEV_THREAD needs a
 * netlink socket, which tine does not have, so it fails as Linux does
 * when given none (EBADF, ENOTSOCK, or EINVAL for another socket).
 *
 * Locks: vfs_lock around the names (open, create, unlink); a queue's
 * info->lock [Q] (a spinlock) for its messages, attributes and
 * notification; no user copy under it, and the notification signal is
 * sent after it is dropped. RLIMIT_MSGQUEUE: each queue's maximum size
 * (messages, their bytes and Linux's per-message overhead) is charged
 * to its creator's real uid when it is made (EMFILE past the creator's
 * limit, root included, as Linux) and given back when it goes.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/net.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include "mqueue.h"
#include "util.h"

/* The bytes of all of one user's queues, against RLIMIT_MSGQUEUE. */
struct mq_user {
	struct list_head list;		/* [mq_users_lock] in mq_users */
	kuid_t uid;
	unsigned long bytes;		/* [mq_users_lock] */
};

static LIST_HEAD(mq_users);
/* A leaf: the per-user charges, and each sb's s_fs_info (the ns). */
static DEFINE_SPINLOCK_RANKED(mq_users_lock, LR_UCOUNTS);

/* Linux's kernel-side size of a queue's messages (msg_msg: 48 bytes,
 * a priority tree node per priority: 48) on top of their text. */
#define MQ_MSG_OVERHEAD 48
#define MQ_NODE_OVERHEAD 48

static const struct file_operations mqueue_file_operations;
static const struct inode_operations mqueue_dir_inode_operations;
static DEFINE_MUTEX(mq_mount_lock);	/* creating a namespace's mount */

/* --- queue inodes --- */

/* What a queue of attr's size costs against RLIMIT_MSGQUEUE. */
static unsigned long mq_cost(const struct mq_attr *attr)
{
	return attr->mq_maxmsg * (MQ_MSG_OVERHEAD + attr->mq_msgsize) +
	       MIN(attr->mq_maxmsg, (long)MQ_PRIO_MAX) * MQ_NODE_OVERHEAD;
}

static struct mq_user *mq_find_user(kuid_t uid)
{
	struct mq_user *u;

	assert_spin_locked(&mq_users_lock);
	list_for_each_entry(u, &mq_users, list)
		if (uid_eq(u->uid, uid))
			return u;
	return NULL;
}

/* Charge bytes to current's real uid: 0, -EMFILE (over its limit) or
 * -ENOMEM. Takes mq_users_lock. */
static int mq_charge(kuid_t uid, unsigned long bytes)
{
	unsigned long limit = current->signal->rlim[RLIMIT_MSGQUEUE].rlim_cur;
	struct mq_user *spare = kzalloc(sizeof(*spare)), *u;
	int err = 0;

	spin_lock(&mq_users_lock);
	u = mq_find_user(uid);
	if (!u && spare) {
		u = spare;
		spare = NULL;
		u->uid = uid;
		list_add(&u->list, &mq_users);
	}
	if (!u)
		err = -ENOMEM;
	else if (u->bytes + bytes < u->bytes || u->bytes + bytes > limit)
		err = -EMFILE;
	else
		u->bytes += bytes;
	if (u && !u->bytes) {
		list_del(&u->list);
		spare = u;
	}
	spin_unlock(&mq_users_lock);
	kfree(spare);
	return err;
}

/* Give back what mq_charge() took. */
static void mq_uncharge(kuid_t uid, unsigned long bytes)
{
	struct mq_user *u, *gone = NULL;

	spin_lock(&mq_users_lock);
	u = mq_find_user(uid);
	if (u) {
		u->bytes -= MIN(bytes, u->bytes);
		if (!u->bytes) {
			list_del(&u->list);
			gone = u;
		}
	}
	spin_unlock(&mq_users_lock);
	kfree(gone);
}

/* Check attr against the namespace's limits (Linux's mq_attr_ok). */
static int mq_attr_ok(struct ipc_namespace *ns, const struct mq_attr *attr)
{
	if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0)
		return -EINVAL;
	if (capable(CAP_SYS_RESOURCE)) {
		if (attr->mq_maxmsg > HARD_MSGMAX ||
		    attr->mq_msgsize > HARD_MSGSIZEMAX)
			return -EINVAL;
	} else if (attr->mq_maxmsg > READ_ONCE(ns->mq_msg_max) ||
		   attr->mq_msgsize > READ_ONCE(ns->mq_msgsize_max)) {
		return -EINVAL;
	}
	if ((unsigned long)attr->mq_msgsize > ~0UL / attr->mq_maxmsg)
		return -EOVERFLOW;
	return 0;
}

static struct mqueue_inode_info *mq_info_alloc(struct ipc_namespace *ns,
					       const struct mq_attr *attr)
{
	struct mqueue_inode_info *info = kzalloc(sizeof(*info));

	if (!info)
		return NULL;
	spin_lock_init_ranked(&info->lock, "mqueue_inode_info.lock",
			      LR_IPC_OBJ);
	INIT_LIST_HEAD(&info->msgs);
	init_waitqueue_head(&info->wait_recv);
	init_waitqueue_head(&info->wait_send);
	info->attr.mq_maxmsg = attr ? attr->mq_maxmsg
				    : MIN(READ_ONCE(ns->mq_msg_max),
					  READ_ONCE(ns->mq_msg_default));
	info->attr.mq_msgsize = attr ? attr->mq_msgsize
				     : MIN(READ_ONCE(ns->mq_msgsize_max),
					   READ_ONCE(ns->mq_msgsize_default));
	return info;
}

/*
 * Make queue d in dir with attr (NULL: the defaults). Counts against
 * queues_max (ENOSPC) unless CAP_SYS_RESOURCE, and is charged to the
 * caller's RLIMIT_MSGQUEUE (EMFILE). Needs vfs_lock.
 */
static int mqueue_create_attr(struct inode *dir, struct dentry *d,
			      mode_t mode, const struct mq_attr *attr)
{
	struct ipc_namespace *ns = dir->i_sb->s_fs_info;
	struct mqueue_inode_info *info;
	struct inode *i;
	int err;

	mutex_assert_held(&vfs_lock);
	if (!ns)
		return -EACCES;		/* its namespace is gone */
	if (atomic_add_return(&ns->mq_queues_count, 1) >
		    (int)READ_ONCE(ns->mq_queues_max) &&
	    !capable(CAP_SYS_RESOURCE)) {
		atomic_dec(&ns->mq_queues_count);
		return -ENOSPC;
	}
	info = mq_info_alloc(ns, attr);
	if (!info) {
		err = -ENOMEM;
		goto uncount;
	}
	info->user = current_uid();
	info->charged = mq_cost(&info->attr);
	err = mq_charge(info->user, info->charged);
	if (err)
		goto free_info;
	i = new_inode(dir->i_sb);
	if (!i) {
		err = -ENOMEM;
		goto uncharge;
	}
	inode_init_owner(i, dir, S_IFREG | (mode & 07777));
	i->i_fop = &mqueue_file_operations;
	i->i_private = info;
	d_add(d, i);
	dget(d);			/* the name's pin */
	dir->i_mtime = dir->i_ctime = current_time();
	return 0;

uncharge:
	mq_uncharge(info->user, info->charged);
free_info:
	kfree(info);
uncount:
	atomic_dec(&ns->mq_queues_count);
	return err;
}

static int mqueue_create(struct inode *dir, struct dentry *d, mode_t mode,
			 unsigned int rdev)
{
	return mqueue_create_attr(dir, d, mode, NULL);
}

/* Unlink: the sticky root lets only the owner (or CAP_FOWNER) remove. */
static int mqueue_unlink(struct inode *dir, struct dentry *d)
{
	return simple_unlink(dir, d);
}

static const struct inode_operations mqueue_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = mqueue_create,
	.unlink = mqueue_unlink,
};

/* A queue of sb went: one fewer for its namespace, unless the namespace
 * is gone (an fd outlived it: mq_exit_ns() cleared s_fs_info). */
static void mq_uncount(struct super_block *sb)
{
	struct ipc_namespace *ns;

	spin_lock(&mq_users_lock);
	ns = sb->s_fs_info;
	if (ns)
		atomic_dec(&ns->mq_queues_count);
	spin_unlock(&mq_users_lock);
}

/**
 * mq_exit_ns - a dying namespace lets go of its mqueue superblock: its
 * internal mount goes; queues still open elsewhere live on unnamed.
 * May sleep.
 */
void mq_exit_ns(struct ipc_namespace *ns)
{
	if (!ns->mq_mnt)
		return;
	spin_lock(&mq_users_lock);
	ns->mq_mnt->mnt_sb->s_fs_info = NULL;
	spin_unlock(&mq_users_lock);
	mntput(ns->mq_mnt);
	ns->mq_mnt = NULL;
}

static void mqueue_evict_inode(struct inode *i)
{
	struct mqueue_inode_info *info = MQUEUE_I(i);
	struct mq_msg *m, *t;

	if (!info || !S_ISREG(i->i_mode))
		return;
	list_for_each_entry_safe(m, t, &info->msgs, list)
		kfree(m);
	if (info->notify_owner)
		put_pid(info->notify_owner);
	if (info->notify_user_ns)
		put_user_ns(info->notify_user_ns);
	mq_uncount(i->i_sb);
	mq_uncharge(info->user, info->charged);
	kfree(info);
}

static const struct super_operations mqueue_super_ops = {
	.evict_inode = mqueue_evict_inode,
};

/* A new mqueue superblock for ns: root mode 1777, owned by the caller
 * (root at boot for the initial namespace). */
static struct super_block *mqueue_fill_super(struct file_system_type *t,
					     struct ipc_namespace *ns)
{
	struct super_block *sb = alloc_super(t, &mqueue_super_ops,
					     MQUEUE_MAGIC);
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	root = new_inode(sb);
	if (!root) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	inode_init_owner(root, NULL, S_IFDIR | S_ISVTX | 0777);
	root->i_op = &mqueue_dir_inode_operations;
	root->i_fop = &simple_dir_operations;
	root->i_nlink = 2;
	sb->s_fs_info = ns;
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

/* Not registered: the mount each namespace's queues live on (data is
 * the namespace). */
static struct super_block *mqueue_internal_mount(struct file_system_type *t,
						 int flags, const char *dev,
						 void *data)
{
	return mqueue_fill_super(t, data);
}

static struct file_system_type mqueue_internal_type = {
	.name = "mqueue",
	.nodev = true,
	.mount = mqueue_internal_mount,
	.kill_sb = kill_litter_super,
};

/* ns's internal mount, made on first use. ERR_PTR(-ENOMEM). */
static struct vfsmount *mq_internal_mount(struct ipc_namespace *ns)
{
	struct vfsmount *mnt;

	mutex_lock(&mq_mount_lock);
	if (!ns->mq_mnt) {
		mnt = vfs_kern_mount(&mqueue_internal_type, 0, "mqueue", ns);
		if (!IS_ERR(mnt))
			ns->mq_mnt = mnt;
	}
	mnt = ns->mq_mnt ? ns->mq_mnt : ERR_PTR(-ENOMEM);
	mutex_unlock(&mq_mount_lock);
	return mnt;
}

/* `mount -t mqueue`: the mounter's IPC namespace's one superblock. */
static struct super_block *mqueue_mount(struct file_system_type *t,
					int flags, const char *dev, void *data)
{
	struct vfsmount *mnt = mq_internal_mount(current_ipc_ns());

	return IS_ERR(mnt) ? ERR_CAST(mnt) : mnt->mnt_sb;
}

static struct file_system_type mqueue_fs_type = {
	.name = "mqueue",
	.nodev = true,
	.mount = mqueue_mount,
	.kill_sb = kill_litter_super,
};

/* mq_init - register the mqueue filesystem and mount the initial
 * namespace's (boot: its root directory is root's). */
void mq_init(void)
{
	register_filesystem(&mqueue_fs_type);
	if (IS_ERR(mq_internal_mount(&init_ipc_ns)))
		panic("mqueue: no internal mount");
}

/* --- the queue file: read gives QSIZE, poll --- */

static ssize_t mqueue_read_file(struct file *f, char __user *buf, size_t n,
				off_t *pos)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->f_inode);
	char line[96];
	size_t len;

	spin_lock(&info->lock);
	snprintf(line, sizeof(line),
		 "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		 info->qsize,
		 info->notify_owner ? info->notify.sigev_notify : 0,
		 (info->notify_owner &&
		  info->notify.sigev_notify == SIGEV_SIGNAL) ?
			 info->notify.sigev_signo : 0,
		 info->notify_owner ? pid_vnr(info->notify_owner) : 0);
	spin_unlock(&info->lock);
	len = strlen(line);
	if (*pos >= (off_t)len)
		return 0;
	n = MIN(n, len - *pos);
	if (copy_to_user(buf, line + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static unsigned int mqueue_poll_file(struct file *f, struct poll_table *pt)
{
	struct mqueue_inode_info *info = MQUEUE_I(f->f_inode);
	unsigned int mask = 0;

	poll_wait(f, &info->wait_recv, pt);
	poll_wait(f, &info->wait_send, pt);
	spin_lock(&info->lock);
	if (info->attr.mq_curmsgs)
		mask |= POLLIN | POLLRDNORM;
	if (info->attr.mq_curmsgs < info->attr.mq_maxmsg)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock(&info->lock);
	return mask;
}

/* Any close by the registered process drops its registration. */
static void mqueue_flush_file(struct file *f)
{
	mq_notify_drop(MQUEUE_I(f->f_inode), task_pid(current->group_leader));
}

static const struct file_operations mqueue_file_operations = {
	.flush = mqueue_flush_file,
	.read = mqueue_read_file,
	.poll = mqueue_poll_file,
	.llseek = default_dir_llseek,
};

/* --- mq_open, mq_unlink --- */

/* The access an existing queue's open needs: 0 or -errno. */
static int mq_open_existing(struct dentry *d, int oflag)
{
	static const int acc[3] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE };

	if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((oflag & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	return inode_permission(d->d_inode, acc[oflag & O_ACCMODE]);
}

/*
 * Find or make queue name in mnt and open it: the file or ERR_PTR
 * (ENOENT, EEXIST, EINVAL, EACCES, ENOSPC, ENOMEM). Takes vfs_lock.
 */
static struct file *mq_open_path(struct vfsmount *mnt, const char *name,
				 int oflag, mode_t mode,
				 const struct mq_attr *attr)
{
	struct path p = { .mnt = mnt };
	struct dentry *root = mnt->mnt_root;
	int len = strlen(name), err;
	struct file *f;

	if (!len || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return ERR_PTR(-EACCES);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	mutex_lock(&vfs_lock);
	p.dentry = d_lookup(root, name, len);
	if (p.dentry) {
		err = mq_open_existing(p.dentry, oflag);
	} else if (!(oflag & O_CREAT)) {
		err = -ENOENT;
	} else if (attr && (err = mq_attr_ok(mnt->mnt_sb->s_fs_info, attr))) {
		/* attributes are checked only for a new queue */
	} else {
		p.dentry = d_alloc(root, name, len);
		err = p.dentry ? mqueue_create_attr(root->d_inode, p.dentry,
						    mode & ~current_umask(),
						    attr)
			       : -ENOMEM;
	}
	f = err ? ERR_PTR(err)
		: dentry_open(&p, oflag & ~(O_CREAT | O_EXCL | O_TRUNC));
	if (p.dentry)
		dput(p.dentry);
	mutex_unlock(&vfs_lock);
	return f;
}

static long sys_mq_open(const char __user *u_name, int oflag, mode_t mode,
			const struct mq_attr __user *u_attr)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct mq_attr attr;
	struct vfsmount *mnt;
	struct file *f;
	char *name;
	int fd;

	if (u_attr && copy_from_user(&attr, u_attr, sizeof(attr)))
		return -EFAULT;
	mnt = mq_internal_mount(ns);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	name = getname(u_name);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		goto out;
	f = mq_open_path(mnt, name, oflag, mode, u_attr ? &attr : NULL);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		fd = PTR_ERR(f);
		goto out;
	}
	fd_install(fd, f);
out:
	kfree(name);
	return fd;
}
SYSCALL_ENTRY(mq_open, sys_mq_open);

/* May current remove d from the sticky directory dir? 0 or -EPERM. */
static int mq_may_unlink(struct inode *dir, struct dentry *d)
{
	kuid_t euid = current_fsuid();
	struct inode *i = d->d_inode;

	if (uid_eq(i->i_uid, euid) || uid_eq(dir->i_uid, euid) ||
	    capable_wrt_inode_uidgid(i, CAP_FOWNER))
		return 0;
	return -EPERM;
}

static long sys_mq_unlink(const char __user *u_name)
{
	struct vfsmount *mnt = mq_internal_mount(current_ipc_ns());
	struct dentry *root, *d;
	char *name;
	long err;

	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	root = mnt->mnt_root;
	name = getname(u_name);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = -EACCES;
	if (!*name || strchr(name, '/'))
		goto out;
	err = -ENAMETOOLONG;
	if (strlen(name) > NAME_MAX)
		goto out;
	mutex_lock(&vfs_lock);
	d = d_lookup(root, name, strlen(name));
	err = d ? inode_permission(root->d_inode, MAY_WRITE | MAY_EXEC)
		: -ENOENT;
	if (!err)
		err = mq_may_unlink(root->d_inode, d);
	if (!err)
		err = mqueue_unlink(root->d_inode, d);
	if (d)
		dput(d);
	mutex_unlock(&vfs_lock);
out:
	kfree(name);
	return err;
}
SYSCALL_ENTRY(mq_unlink, sys_mq_unlink);

/**
 * is_mqueue_file - is f an open message queue (of mq_open)? No lock;
 * does not sleep.
 */
bool is_mqueue_file(const struct file *f)
{
	return f->f_op == &mqueue_file_operations;
}
