/*
 * The mount system calls: mount(2) (new mounts, bind mounts, remounts,
 * propagation types, moves), umount2(2), pivot_root(2) and chroot(2),
 * with Linux's checks in Linux's order. The tree, the namespaces and
 * their locks are fs/namespace.c's; what propagates is fs/pnode.c's.
 *
 * Every change is made under lock_mount() (vfs_lock, so the mountpoint
 * cannot be removed meanwhile, then namespace_sem) or, when no
 * directory is mounted on, under namespace_sem alone.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs_context.h>
#include <tine/mm.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

/* may_mount - CAP_SYS_ADMIN over the owner of the caller's namespace. */
bool may_mount(void)
{
	return ns_capable(current->nsproxy->mnt_ns->user_ns, CAP_SYS_ADMIN);
}

/* path_mounted - is p the root of its mount (what mount flags and
 * umount act on)? */
bool path_mounted(const struct path *p)
{
	return p->dentry == p->mnt->mnt_root;
}

/*
 * lock_mount - lock for a change at p, after moving p onto the root of
 * the top mount there: vfs_lock and namespace_sem held on success.
 * Returns p's mountpoint (counted), or ERR_PTR(-ENOENT) if the
 * directory was removed, -ENOMEM. May sleep.
 */
struct mountpoint *lock_mount(struct path *p)
{
	struct mountpoint *mp;
	struct vfsmount *top;

	for (;;) {
		mutex_lock(&vfs_lock);
		follow_mount(p);
		namespace_lock();
		spin_lock(&mount_lock);
		top = __lookup_mnt(p->mnt, p->dentry);
		spin_unlock(&mount_lock);
		if (!top)
			break;
		/* Mounted on meanwhile: go on top of that too. */
		namespace_unlock();
		mutex_unlock(&vfs_lock);
	}
	mp = d_unhashed(p->dentry) ? ERR_PTR(-ENOENT)
				   : get_mountpoint(p->dentry);
	if (IS_ERR(mp)) {
		namespace_unlock();
		mutex_unlock(&vfs_lock);
	}
	return mp;
}

/* unlock_mount - the end of a lock_mount(). */
void unlock_mount(struct mountpoint *mp)
{
	put_mountpoint(mp);
	namespace_unlock();
	mutex_unlock(&vfs_lock);
}

/* Attach a new tree on mp of parent (and wherever parent propagates). */
static int graft_tree(struct vfsmount *m, struct vfsmount *parent,
		      struct mountpoint *mp)
{
	if (S_ISDIR(mp->m_dentry->d_inode->i_mode) !=
	    S_ISDIR(m->mnt_root->d_inode->i_mode))
		return -ENOTDIR;
	return attach_recursive_mnt(m, parent, mp, false);
}

/* --- new mounts --- */

/*
 * Would mounting a new instance of sb (proc) show the owner of a user
 * namespace more than it sees already? Only where one such mount is
 * fully visible: at its filesystem's root, nothing locked on top of it,
 * and flags no stricter than the new mount's (which inherits its
 * locks). [N]
 */
static bool mnt_already_visible(struct mnt_namespace *ns,
				struct super_block *sb, int *new_flags)
{
	struct vfsmount *m, *c;

	list_for_each_entry(m, &ns->list, mnt_list) {
		int fl = m->mnt_flags;

		if (m->mnt_sb->s_type != sb->s_type ||
		    m->mnt_root != m->mnt_sb->s_root)
			continue;
		if (m->mnt_sb->s_flags & MS_RDONLY)
			fl |= MNT_LOCK_READONLY;
		if ((fl & MNT_LOCK_READONLY) && !(*new_flags & MNT_READONLY))
			continue;
		if ((fl & MNT_LOCK_ATIME) &&
		    (fl & MNT_ATIME_MASK) != (*new_flags & MNT_ATIME_MASK))
			continue;
		list_for_each_entry(c, &m->mnt_mounts, mnt_child)
			if (IS_MNT_LOCKED(c))
				goto next;
		*new_flags |= fl & (MNT_LOCK_READONLY | MNT_LOCK_ATIME);
		return true;
next:;
	}
	return false;
}

/*
 * mount_too_revealing - would a new mount of sb in the caller's user
 * namespace show more than it sees? *new_flags gains the locks of the
 * mount that shows it already. Takes namespace_sem.
 */
bool mount_too_revealing(struct super_block *sb, int *new_flags)
{
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	bool visible;

	if (ns->user_ns == &init_user_ns ||
	    !(sb->s_iflags & SB_I_USERNS_VISIBLE))
		return false;
	namespace_lock();
	visible = mnt_already_visible(ns, sb, new_flags);
	namespace_unlock();
	return !visible;
}

/* Attach the new mount m on p (the top mount there). */
static int do_add_mount(struct vfsmount *m, struct path *p, int mnt_flags)
{
	struct mountpoint *mp = lock_mount(p);
	int err = -EINVAL;

	if (IS_ERR(mp))
		return PTR_ERR(mp);
	if (!check_mnt(p->mnt))
		goto out;
	/* The same filesystem on the same mount point: no. */
	err = -EBUSY;
	if (p->mnt->mnt_sb == m->mnt_sb && path_mounted(p))
		goto out;
	err = -EINVAL;
	if (S_ISLNK(m->mnt_root->d_inode->i_mode))
		goto out;
	m->mnt_flags = mnt_flags;
	err = graft_tree(m, p->mnt, mp);
out:
	unlock_mount(mp);
	return err;
}

/*
 * A new mount of a new superblock: its context from mount(2)'s
 * arguments (options checked before the permission, as Linux), the
 * superblock, then the mount on p.
 */
static int do_new_mount(struct path *p, const char *type, int sb_flags,
			int mnt_flags, const char *dev, void *data)
{
	struct file_system_type *t;
	struct fs_context *fc;
	struct vfsmount *m;
	int err;

	if (!type)
		return -EINVAL;
	t = get_fs_type(type);
	if (!t)
		return -ENODEV;
	fc = fs_context_for_mount(t, sb_flags);
	if (IS_ERR(fc))
		return PTR_ERR(fc);
	fc->oldapi = true;
	err = dev ? vfs_parse_fs_string(fc, "source", dev) : 0;
	if (!err)
		err = parse_monolithic_mount_data(fc, data);
	if (!err && !mount_capable(fc))
		err = -EPERM;
	if (!err)
		err = vfs_get_tree(fc);
	if (err)
		goto out;
	m = mntget(fc->mnt);
	err = -EPERM;
	if (!mount_too_revealing(m->mnt_sb, &mnt_flags))
		err = do_add_mount(m, p, mnt_flags);
	if (err)
		mntput(m);
out:
	put_fs_context(fc);
	return err;
}

/* --- bind mounts --- */

/*
 * __do_loopback - the copy (or with recurse, the tree) a bind mount of
 * old attaches: -EINVAL for an unbindable mount, one of another
 * namespace (but nsfs files) or one with locked children. [N]
 */
struct vfsmount *__do_loopback(struct path *old, bool recurse)
{
	struct vfsmount *m, *o = old->mnt;

	if (IS_MNT_UNBINDABLE(o))
		return ERR_PTR(-EINVAL);
	if (!check_mnt(o) && !is_nsfs_dentry(old->dentry))
		return ERR_PTR(-EINVAL);
	if (!recurse && has_locked_children(o, old->dentry))
		return ERR_PTR(-EINVAL);
	if (recurse)
		m = copy_tree(o, old->dentry, CL_COPY_MNT_NS_FILE);
	else
		m = clone_mnt(o, old->dentry, 0);
	if (!IS_ERR(m))
		m->mnt_flags &= ~MNT_LOCKED;
	return m;
}

static int do_loopback(struct path *p, const char *old_name, bool recurse)
{
	struct path old;
	struct mountpoint *mp;
	struct vfsmount *m;
	int err;

	if (!old_name || !*old_name)
		return -EINVAL;
	err = kern_path(old_name, LOOKUP_FOLLOW, &old);
	if (err)
		return err;
	err = -EINVAL;
	if (mnt_ns_loop(old.dentry))
		goto out;
	mp = lock_mount(p);
	err = PTR_ERR(mp);
	if (IS_ERR(mp))
		goto out;
	err = -EINVAL;
	if (!check_mnt(p->mnt))
		goto out_unlock;
	m = __do_loopback(&old, recurse);
	err = PTR_ERR(m);
	if (IS_ERR(m))
		goto out_unlock;
	err = graft_tree(m, p->mnt, mp);
	if (err) {
		spin_lock(&mount_lock);
		umount_tree(m, UMOUNT_SYNC);
		spin_unlock(&mount_lock);
	}
out_unlock:
	unlock_mount(mp);
out:
	path_put(&old);
	return err;
}

/* --- remounts --- */

/* can_change_locked_flags - may the flags of m change to flags, given
 * what is locked on it? */
bool can_change_locked_flags(struct vfsmount *m, int flags)
{
	int fl = m->mnt_flags;

	if ((fl & MNT_LOCK_READONLY) && !(flags & MNT_READONLY))
		return false;
	if ((fl & MNT_LOCK_NODEV) && !(flags & MNT_NODEV))
		return false;
	if ((fl & MNT_LOCK_NOSUID) && !(flags & MNT_NOSUID))
		return false;
	if ((fl & MNT_LOCK_NOEXEC) && !(flags & MNT_NOEXEC))
		return false;
	if ((fl & MNT_LOCK_ATIME) &&
	    (fl & MNT_ATIME_MASK) != (flags & MNT_ATIME_MASK))
		return false;
	return true;
}

/* m's settable flags become flags (read-only already dealt with). [M] */
static void set_mount_attributes(struct vfsmount *m, int flags)
{
	WRITE_ONCE(m->mnt_flags,
		   flags | (m->mnt_flags & ~MNT_USER_SETTABLE_MASK));
	touch_mnt_namespace(m->mnt_ns);
}

/* Make m read-only or writable as flags say (-EBUSY: open writers). */
static int change_mount_ro_state(struct vfsmount *m, int flags)
{
	bool ro = flags & MNT_READONLY;

	if (ro == !!(m->mnt_flags & MNT_READONLY))
		return 0;
	if (ro)
		return mnt_make_readonly(m);
	WRITE_ONCE(m->mnt_flags, m->mnt_flags & ~MNT_READONLY);
	return 0;
}

/* The checks both kinds of remount make. [N] */
static int may_remount(struct path *p, int mnt_flags)
{
	if (!check_mnt(p->mnt) || !path_mounted(p))
		return -EINVAL;
	if (!can_change_locked_flags(p->mnt, mnt_flags))
		return -EPERM;
	return 0;
}

/* MS_REMOUNT|MS_BIND: this mount's flags only. */
static int do_reconfigure_mnt(struct path *p, int mnt_flags)
{
	int err;

	namespace_lock();
	err = may_remount(p, mnt_flags);
	if (!err) {
		spin_lock(&mount_lock);
		err = change_mount_ro_state(p->mnt, mnt_flags);
		if (!err)
			set_mount_attributes(p->mnt, mnt_flags);
		spin_unlock(&mount_lock);
	}
	namespace_unlock();
	return err;
}

/* MS_REMOUNT: the filesystem (by its owner, with its own options in
 * data) and this mount's flags. */
static int do_remount(struct path *p, int sb_flags, int mnt_flags,
		      const char *data)
{
	struct fs_context *fc;
	int err;

	namespace_lock();
	err = may_remount(p, mnt_flags);
	namespace_unlock();
	if (err)
		return err;
	fc = fs_context_for_reconfigure(p->mnt, sb_flags, MS_RMT_MASK);
	if (IS_ERR(fc))
		return PTR_ERR(fc);
	fc->oldapi = true;
	err = parse_monolithic_mount_data(fc, data);
	if (err)
		goto out;
	namespace_lock();
	err = -EPERM;
	if (ns_capable(p->mnt->mnt_sb->s_user_ns, CAP_SYS_ADMIN))
		err = reconfigure_super(fc);
	if (!err) {
		spin_lock(&mount_lock);
		set_mount_attributes(p->mnt, mnt_flags);
		spin_unlock(&mount_lock);
	}
	namespace_unlock();
out:
	put_fs_context(fc);
	return err;
}

/* --- propagation types --- */

/* The one propagation type ms_flags names, or 0. */
static int flags_to_propagation_type(unsigned long ms_flags)
{
	unsigned long type = ms_flags & ~(MS_REC | MS_SILENT);

	if (type != MS_SHARED && type != MS_PRIVATE && type != MS_SLAVE &&
	    type != MS_UNBINDABLE)
		return 0;
	return type;
}

static int do_change_type(struct path *p, unsigned long ms_flags)
{
	bool recurse = ms_flags & MS_REC;
	struct vfsmount *m = p->mnt, *q;
	int type = flags_to_propagation_type(ms_flags);
	int err = 0;

	if (!path_mounted(p) || !type)
		return -EINVAL;
	namespace_lock();
	if (!check_mnt(m)) {
		err = -EINVAL;
		goto out;
	}
	if (type == MS_SHARED)
		invent_group_ids(m, recurse);
	spin_lock(&mount_lock);
	for (q = m; q; q = recurse ? next_mnt(q, m) : NULL)
		change_mnt_propagation(q, type);
	touch_mnt_namespace(m->mnt_ns);
	spin_unlock(&mount_lock);
out:
	namespace_unlock();
	return err;
}

/* --- moves --- */

static bool tree_contains_unbindable(struct vfsmount *m)
{
	struct vfsmount *p;

	for (p = m; p; p = next_mnt(p, m))
		if (IS_MNT_UNBINDABLE(p))
			return true;
	return false;
}

/*
 * The checks of a move of old onto p (p locked): old is an attached
 * mount of ours, or the root of a detached tree (fsmount, open_tree).
 * 0 or -errno. [N]
 */
static int may_move_mount(struct path *old, struct path *p, bool attached)
{
	struct vfsmount *o = old->mnt, *q;

	if (!check_mnt(p->mnt) || !o->mnt_ns)
		return -EINVAL;
	if (!(attached ? check_mnt(o) : is_anon_ns(o->mnt_ns)))
		return -EINVAL;
	if (IS_MNT_LOCKED(o) || !path_mounted(old))
		return -EINVAL;
	if (S_ISDIR(p->dentry->d_inode->i_mode) !=
	    S_ISDIR(old->dentry->d_inode->i_mode))
		return -EINVAL;
	/* Not out of a shared parent; nothing unbindable into one. */
	if (attached && IS_MNT_SHARED(o->mnt_parent))
		return -EINVAL;
	if (IS_MNT_SHARED(p->mnt) && tree_contains_unbindable(o))
		return -EINVAL;
	for (q = p->mnt; mnt_has_parent(q); q = q->mnt_parent)
		if (q == o)
			return -ELOOP;
	return 0;
}

/*
 * do_move_mount - MS_MOVE and move_mount(): the mount at old (its whole
 * tree) moves onto p; a detached tree is attached there and its
 * anonymous namespace freed. 0 or -errno. May sleep.
 */
int do_move_mount(struct path *old, struct path *p)
{
	struct vfsmount *parent;
	struct mountpoint *mp, *old_mp;
	struct mnt_namespace *ns;
	bool attached;
	int err;

	mp = lock_mount(p);
	if (IS_ERR(mp))
		return PTR_ERR(mp);
	parent = old->mnt->mnt_parent;
	attached = mnt_has_parent(old->mnt);
	old_mp = old->mnt->mnt_mp;
	ns = old->mnt->mnt_ns;
	err = may_move_mount(old, p, attached);
	if (!err)
		err = attach_recursive_mnt(old->mnt, p->mnt, mp, attached);
	if (!err && attached)
		put_mountpoint(old_mp);
	unlock_mount(mp);
	if (err)
		return err;
	if (attached)
		mntput_no_expire(parent);	/* the old place's reference */
	else
		free_mnt_ns(ns);
	return 0;
}

static int do_move_mount_old(struct path *p, const char *old_name)
{
	struct path old;
	int err;

	if (!old_name || !*old_name)
		return -EINVAL;
	err = kern_path(old_name, LOOKUP_FOLLOW, &old);
	if (err)
		return err;
	err = do_move_mount(&old, p);
	path_put(&old);
	return err;
}

/* --- mount(2) --- */

/* The per-mount flags mount(2)'s flags ask for (Linux's path_mount). */
static int ms_to_mnt_flags(unsigned long flags, const struct path *p)
{
	int mnt_flags = 0;

	if (!(flags & MS_NOATIME))
		mnt_flags |= MNT_RELATIME;
	if (flags & MS_NOSUID)
		mnt_flags |= MNT_NOSUID;
	if (flags & MS_NODEV)
		mnt_flags |= MNT_NODEV;
	if (flags & MS_NOEXEC)
		mnt_flags |= MNT_NOEXEC;
	if (flags & MS_NOATIME)
		mnt_flags |= MNT_NOATIME;
	if (flags & MS_NODIRATIME)
		mnt_flags |= MNT_NODIRATIME;
	if (flags & MS_STRICTATIME)
		mnt_flags &= ~(MNT_RELATIME | MNT_NOATIME);
	if (flags & MS_RDONLY)
		mnt_flags |= MNT_READONLY;
	if (flags & MS_NOSYMFOLLOW)
		mnt_flags |= MNT_NOSYMFOLLOW;
	/* A remount keeps the atime flags unless it names one. */
	if ((flags & MS_REMOUNT) &&
	    !(flags & (MS_NOATIME | MS_NODIRATIME | MS_RELATIME |
		       MS_STRICTATIME))) {
		mnt_flags &= ~MNT_ATIME_MASK;
		mnt_flags |= READ_ONCE(p->mnt->mnt_flags) & MNT_ATIME_MASK;
	}
	return mnt_flags;
}

/*
 * path_mount - mount(2) on p with kernel strings: a remount (of the
 * mount, or also of its filesystem), a bind mount, a propagation
 * change, a move or a new mount, tried in Linux's order.
 */
static int path_mount(const char *dev, struct path *p, const char *type,
		      unsigned long flags, void *data)
{
	int mnt_flags, sb_flags;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_NOUSER)
		return -EINVAL;
	if (!may_mount())
		return -EPERM;
	mnt_flags = ms_to_mnt_flags(flags, p);
	sb_flags = flags & (MS_RDONLY | MS_SYNCHRONOUS | MS_MANDLOCK |
			    MS_DIRSYNC | MS_SILENT | MS_LAZYTIME);
	if ((flags & (MS_REMOUNT | MS_BIND)) == (MS_REMOUNT | MS_BIND))
		return do_reconfigure_mnt(p, mnt_flags);
	if (flags & MS_REMOUNT)
		return do_remount(p, sb_flags, mnt_flags, data);
	if (flags & MS_BIND)
		return do_loopback(p, dev, flags & MS_REC);
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return do_change_type(p, flags);
	if (flags & MS_MOVE)
		return do_move_mount_old(p, dev);
	return do_new_mount(p, type, sb_flags, mnt_flags, dev, data);
}

/* do_mount - mount(2) with kernel strings, dir relative to the cwd. */
int do_mount(const char *dev, const char *dir, const char *type,
	     unsigned long flags, void *data)
{
	struct path p;
	int err = kern_path(dir, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = path_mount(dev, &p, type, flags, data);
	path_put(&p);
	return err;
}

/* Copy an optional user string (mount's source, type) into the kernel. */
static char *copy_mount_string(const char __user *s)
{
	return s ? getname_flags(s, true) : NULL;
}

static long sys_mount(const char __user *dev, const char __user *dir,
		      const char __user *type, unsigned long flags,
		      const void __user *data)
{
	char *kdev, *kdir, *ktype, *kdata = NULL;
	long err;

	ktype = copy_mount_string(type);
	if (IS_ERR(ktype))
		return PTR_ERR(ktype);
	kdev = copy_mount_string(dev);
	err = PTR_ERR(kdev);
	if (IS_ERR(kdev))
		goto out_type;
	if (data) {
		kdata = getname_flags(data, true);
		err = PTR_ERR(kdata);
		if (IS_ERR(kdata))
			goto out_dev;
	}
	kdir = getname(dir);
	err = PTR_ERR(kdir);
	if (IS_ERR(kdir))
		goto out_data;
	err = do_mount(kdev, kdir, ktype, flags, kdata);
	kfree(kdir);
out_data:
	kfree(kdata);
out_dev:
	kfree(kdev);
out_type:
	kfree(ktype);
	return err;
}
SYSCALL_ENTRY(mount, sys_mount);

/* --- umount2(2) --- */

/* MNT_EXPIRE: the first call marks an unused mount and says EAGAIN; a
 * second one, with no use in between, unmounts it. [N] */
static int umount_expire(struct vfsmount *m)
{
	int busy;

	spin_lock(&mount_lock);
	busy = atomic_read(&m->mnt_count) != 2;
	spin_unlock(&mount_lock);
	if (busy)
		return -EBUSY;
	if (!__atomic_exchange_n(&m->mnt_expiry_mark, 1, __ATOMIC_ACQ_REL))
		return -EAGAIN;
	return 0;
}

/* umount of the caller's root without MNT_DETACH: it goes read-only. */
static int do_umount_root(struct super_block *sb)
{
	if (!ns_capable(sb->s_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (READ_ONCE(sb->s_flags) & MS_RDONLY)
		return 0;
	return sb_prepare_remount_readonly(sb);
}

static int do_umount(struct vfsmount *m, int flags)
{
	struct path root;
	bool is_root;
	int err;

	get_fs_root(current->fs, &root);
	is_root = root.mnt == m;
	path_put(&root);
	if (flags & MNT_EXPIRE) {
		if (is_root || (flags & (MNT_FORCE | MNT_DETACH)))
			return -EINVAL;
		err = umount_expire(m);
		if (err)
			return err;
	}
	if (is_root && !(flags & MNT_DETACH))
		return do_umount_root(m->mnt_sb);
	namespace_lock();
	spin_lock(&mount_lock);
	err = -EINVAL;
	if (IS_MNT_LOCKED(m) || !check_mnt(m))
		goto out;
	err = 0;
	if (flags & MNT_DETACH)
		umount_tree(m, UMOUNT_PROPAGATE);
	else if (propagate_mount_busy(m, 2))
		err = -EBUSY;
	else
		umount_tree(m, UMOUNT_PROPAGATE | UMOUNT_SYNC);
out:
	spin_unlock(&mount_lock);
	namespace_unlock();
	return err;
}

/* Linux's can_umount: the checks before any work. */
static int can_umount(const struct path *p, int flags)
{
	if (!may_mount())
		return -EPERM;
	if (!path_mounted(p))
		return -EINVAL;
	namespace_lock();
	if (!check_mnt(p->mnt) || IS_MNT_LOCKED(p->mnt)) {
		namespace_unlock();
		return -EINVAL;
	}
	namespace_unlock();
	if ((flags & MNT_FORCE) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

static long sys_umount2(const char __user *name, int flags)
{
	struct path p;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, name,
			   (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = can_umount(&p, flags);
	if (!err)
		err = do_umount(p.mnt, flags);
	/* Not path_put(): that would clear MNT_EXPIRE's mark. */
	dput(p.dentry);
	mntput_no_expire(p.mnt);
	return err;
}
SYSCALL_ENTRY(umount2, sys_umount2);

/* --- pivot_root(2) and chroot(2) --- */

/*
 * Every task whose root (or cwd) is old gets new instead (pivot_root).
 * The references old loses are dropped here, after the locks; the
 * caller holds one of its own, so none is the last.
 */
static void chroot_fs_refs(const struct path *old, const struct path *new)
{
	struct task_struct *p;
	unsigned long f;
	int n = 0;

	f = read_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks) {
		struct fs_struct *fs = p->fs;

		if (!fs)
			continue;
		spin_lock(&fs->lock);
		if (path_equal(&fs->root, old)) {
			path_get(new);
			fs->root = *new;
			n++;
		}
		if (path_equal(&fs->pwd, old)) {
			path_get(new);
			fs->pwd = *new;
			n++;
		}
		spin_unlock(&fs->lock);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	while (n--)
		path_put(old);
}

/* pivot_root's conditions (Linux's, in its order). [N] */
static int may_pivot_root(struct path *new, struct path *old,
			  struct path *root)
{
	struct vfsmount *new_mnt = new->mnt, *root_mnt = root->mnt;

	if (IS_MNT_SHARED(old->mnt) || IS_MNT_SHARED(new_mnt->mnt_parent) ||
	    IS_MNT_SHARED(root_mnt->mnt_parent))
		return -EINVAL;
	if (!check_mnt(root_mnt) || !check_mnt(new_mnt))
		return -EINVAL;
	if (IS_MNT_LOCKED(new_mnt))
		return -EINVAL;
	if (d_unhashed(new->dentry))
		return -ENOENT;
	if (new_mnt == root_mnt || old->mnt == root_mnt)
		return -EBUSY;	/* a loop, on the same filesystem */
	if (!path_mounted(root) || !mnt_has_parent(root_mnt))
		return -EINVAL;
	if (!path_mounted(new) || !mnt_has_parent(new_mnt))
		return -EINVAL;
	/* put_old under new_root, new_root under the root. */
	if (!is_path_reachable(old->mnt, old->dentry, new) ||
	    !is_path_reachable(new_mnt, new->dentry, root))
		return -EINVAL;
	return 0;
}

/*
 * The root mount moves onto old_mp of put_old, new_root's mount takes
 * its place; returns the old parent of new_root, whose reference the
 * caller drops. [N]
 */
static struct vfsmount *pivot_mounts(struct vfsmount *new_mnt,
				     struct vfsmount *root_mnt,
				     struct vfsmount *old_mnt,
				     struct mountpoint *old_mp)
{
	struct vfsmount *ex_parent = new_mnt->mnt_parent;
	struct vfsmount *root_parent = root_mnt->mnt_parent;
	struct mountpoint *root_mp;

	spin_lock(&mount_lock);
	umount_mnt(new_mnt);
	root_mp = unhash_mnt(root_mnt);
	if (IS_MNT_LOCKED(root_mnt)) {
		new_mnt->mnt_flags |= MNT_LOCKED;
		root_mnt->mnt_flags &= ~MNT_LOCKED;
	}
	attach_mnt(root_mnt, old_mnt, old_mp);
	attach_mnt(new_mnt, root_parent, root_mp);
	atomic_dec(&root_parent->mnt_count);	/* root_mnt's, moved */
	touch_mnt_namespace(current->nsproxy->mnt_ns);
	__put_mountpoint(root_mp);
	spin_unlock(&mount_lock);
	return ex_parent;
}

/*
 * pivot_root - the caller's namespace gets new_root as its root mount,
 * the old root moving onto put_old; every task whose root or cwd was
 * the old root moves to new_root.
 */
static long sys_pivot_root(const char __user *new_root,
			   const char __user *put_old)
{
	struct vfsmount *ex_parent = NULL;
	struct path new, old, root;
	struct mountpoint *old_mp;
	long err;

	if (!may_mount())
		return -EPERM;
	err = user_path_at(AT_FDCWD, new_root, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			   &new);
	if (err)
		return err;
	err = user_path_at(AT_FDCWD, put_old, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			   &old);
	if (err)
		goto out_new;
	get_fs_root(current->fs, &root);
	old_mp = lock_mount(&old);
	err = PTR_ERR(old_mp);
	if (IS_ERR(old_mp))
		goto out_root;
	err = may_pivot_root(&new, &old, &root);
	if (!err)
		ex_parent = pivot_mounts(new.mnt, root.mnt, old.mnt, old_mp);
	unlock_mount(old_mp);
	if (!err) {
		chroot_fs_refs(&root, &new);
		mntput_no_expire(ex_parent);
	}
out_root:
	path_put(&root);
	path_put(&old);
out_new:
	path_put(&new);
	return err;
}
SYSCALL_ENTRY(pivot_root, sys_pivot_root);

static long sys_chroot(const char __user *name)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, name,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC);
	if (!err && !ns_capable(current_user_ns(), CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		set_fs_root(current->fs, &p);
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(chroot, sys_chroot);

/*
 * current_chrooted - is current's root anything but the root of its
 * namespace (the top of whatever is stacked on it)? May sleep.
 */
bool current_chrooted(void)
{
	struct path ns_root, root;
	bool ret;

	mutex_lock(&vfs_lock);
	namespace_lock();
	ns_root.mnt = mntget(current->nsproxy->mnt_ns->root);
	namespace_unlock();
	ns_root.dentry = dget(ns_root.mnt->mnt_root);
	follow_mount(&ns_root);
	mutex_unlock(&vfs_lock);
	get_fs_root(current->fs, &root);
	ret = !path_equal(&root, &ns_root);
	path_put(&root);
	path_put(&ns_root);
	return ret;
}
