/*
 * The new mount API's mount half: detached trees (made by fsmount() or
 * open_tree(OPEN_TREE_CLONE), each the root of an anonymous mount
 * namespace held by an O_PATH file, unmounted when the file closes
 * unattached), move_mount() (MS_MOVE's code for attached mounts, and
 * attaching a detached tree; MOVE_MOUNT_SET_GROUP), open_tree() and
 * mount_setattr(), with Linux 6.1's checks in Linux's order. The tree
 * and its locks are fs/namespace.c's; moves are fs/mount.c's.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/ns_common.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>
#include <uapi/sched.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

/* --- detached trees --- */

/* Unmount the detached tree at m (the root of an anonymous namespace,
 * if it still is) and free that namespace. Takes namespace_sem. */
static void dissolve_tree(struct vfsmount *m)
{
	struct mnt_namespace *ns;

	namespace_lock();
	spin_lock(&mount_lock);
	ns = m->mnt_ns;
	if (ns && is_anon_ns(ns) && !mnt_has_parent(m))
		umount_tree(m, UMOUNT_CONNECTED);
	else
		ns = NULL;
	spin_unlock(&mount_lock);
	namespace_unlock();
	if (ns)
		free_mnt_ns(ns);
}

/*
 * dissolve_on_fput - the last reference to the O_PATH file of a detached
 * tree went: unless it was attached meanwhile, it is unmounted. May
 * sleep (takes namespace_sem).
 */
void dissolve_on_fput(struct vfsmount *m)
{
	dissolve_tree(m);
}

/*
 * open_detached_mount - the new tree at m (in no namespace; the caller's
 * reference becomes the tree's) becomes the root of an anonymous mount
 * namespace, held by an O_PATH file that unmounts it when closed
 * unattached. The file, or ERR_PTR (the tree unmounted). May sleep.
 */
struct file *open_detached_mount(struct vfsmount *m)
{
	struct mnt_namespace *ns;
	struct path p = { m, m->mnt_root };
	struct vfsmount *q;
	struct file *f;

	ns = alloc_mnt_ns(current->nsproxy->mnt_ns->user_ns);
	namespace_lock();
	spin_lock(&mount_lock);
	if (!ns) {
		umount_tree(m, UMOUNT_SYNC);
		spin_unlock(&mount_lock);
		namespace_unlock();
		return ERR_PTR(-ENOMEM);
	}
	for (q = m; q; q = next_mnt(q, m)) {
		q->mnt_ns = ns;
		list_add_tail(&q->mnt_list, &ns->list);
		ns->mounts++;
	}
	ns->root = m;
	spin_unlock(&mount_lock);
	namespace_unlock();
	f = dentry_open(&p, O_PATH);
	if (IS_ERR(f)) {
		dissolve_tree(m);
		return f;
	}
	f->f_mode |= FMODE_NEED_UNMOUNT;
	return f;
}

/* A detached copy of the mount (or tree) at p, as open_detached_mount. */
static struct file *open_detached_copy(struct path *p, bool recursive)
{
	struct vfsmount *m;

	namespace_lock();
	m = __do_loopback(p, recursive);
	namespace_unlock();
	if (IS_ERR(m))
		return ERR_PTR(PTR_ERR(m));
	return open_detached_mount(m);
}

/* --- open_tree --- */

/*
 * open_tree - an O_PATH fd of the object at name or, with
 * OPEN_TREE_CLONE (CAP_SYS_ADMIN over the namespace's owner), of a
 * detached copy of its mount (AT_RECURSIVE: and of those below).
 */
static long sys_open_tree(int dfd, const char __user *name,
			  unsigned int flags)
{
	bool detached = flags & OPEN_TREE_CLONE;
	struct file *f;
	struct path p;
	int fd, err;

	if (flags & ~(AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_RECURSIVE |
		      AT_SYMLINK_NOFOLLOW | OPEN_TREE_CLONE |
		      OPEN_TREE_CLOEXEC))
		return -EINVAL;
	if ((flags & (AT_RECURSIVE | OPEN_TREE_CLONE)) == AT_RECURSIVE)
		return -EINVAL;
	if (detached && !may_mount())
		return -EPERM;
	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd < 0)
		return fd;
	err = user_path_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		goto out_fd;
	if (detached)
		f = open_detached_copy(&p, flags & AT_RECURSIVE);
	else
		f = dentry_open(&p, O_PATH);
	path_put(&p);
	err = PTR_ERR(f);
	if (IS_ERR(f))
		goto out_fd;
	fd_install(fd, f);
	return fd;
out_fd:
	put_unused_fd(fd);
	return err;
}
SYSCALL_ENTRY(open_tree, sys_open_tree);

/* --- move_mount --- */

/*
 * MOVE_MOUNT_SET_GROUP: to (a private mount root) joins the peer group
 * and master of from (a shared or slave mount root of the same
 * filesystem whose root covers to's), in namespaces whose owners grant
 * the caller CAP_SYS_ADMIN (EPERM). Linux 6.1's do_set_group().
 */
static int do_set_group(struct path *from_path, struct path *to_path)
{
	struct vfsmount *from = from_path->mnt, *to = to_path->mnt;
	int err = -EINVAL;

	namespace_lock();
	if (!from->mnt_ns || !to->mnt_ns)
		goto out;
	err = -EPERM;
	if (!ns_capable(from->mnt_ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(to->mnt_ns->user_ns, CAP_SYS_ADMIN))
		goto out;
	err = -EINVAL;
	if (!path_mounted(from_path) || !path_mounted(to_path))
		goto out;
	if (from->mnt_sb != to->mnt_sb ||
	    !is_subdir(to->mnt_root, from->mnt_root) ||
	    has_locked_children(from, to->mnt_root))
		goto out;
	if (IS_MNT_SHARED(to) || IS_MNT_SLAVE(to))
		goto out;
	if (!IS_MNT_SHARED(from) && !IS_MNT_SLAVE(from))
		goto out;
	spin_lock(&mount_lock);
	if (IS_MNT_SLAVE(from)) {
		list_add(&to->mnt_slave, &from->mnt_master->mnt_slave_list);
		to->mnt_master = from->mnt_master;
	}
	if (IS_MNT_SHARED(from)) {
		to->mnt_group_id = from->mnt_group_id;
		list_add(&to->mnt_share, &from->mnt_share);
		set_mnt_shared(to);
	}
	touch_mnt_namespace(to->mnt_ns);
	spin_unlock(&mount_lock);
	err = 0;
out:
	namespace_unlock();
	return err;
}

/* Look up one side of move_mount: symlinks followed only if asked. */
static int move_mount_path(int dfd, const char __user *name, bool follow,
			   bool empty, struct path *p)
{
	unsigned int lookup = (follow ? LOOKUP_FOLLOW : 0) |
			      (empty ? LOOKUP_EMPTY : 0);

	return user_path_at(dfd, name, lookup, p);
}

/*
 * move_mount - move the mount at from (attached, or a detached tree)
 * onto to; or, with MOVE_MOUNT_SET_GROUP, make to a peer of from.
 */
static long sys_move_mount(int from_dfd, const char __user *from_name,
			   int to_dfd, const char __user *to_name,
			   unsigned int flags)
{
	struct path from, to;
	long err;

	if (!may_mount())
		return -EPERM;
	if (flags & ~MOVE_MOUNT__MASK)
		return -EINVAL;
	err = move_mount_path(from_dfd, from_name,
			      flags & MOVE_MOUNT_F_SYMLINKS,
			      flags & MOVE_MOUNT_F_EMPTY_PATH, &from);
	if (err)
		return err;
	err = move_mount_path(to_dfd, to_name, flags & MOVE_MOUNT_T_SYMLINKS,
			      flags & MOVE_MOUNT_T_EMPTY_PATH, &to);
	if (err)
		goto out_from;
	if (flags & MOVE_MOUNT_SET_GROUP)
		err = do_set_group(&from, &to);
	else
		err = do_move_mount(&from, &to);
	path_put(&to);
out_from:
	path_put(&from);
	return err;
}
SYSCALL_ENTRY(move_mount, sys_move_mount);

/* --- mount_setattr --- */

/* What one mount_setattr() asks, checked (Linux's mount_kattr). */
struct mount_kattr {
	int attr_set;			/* MNT_* flags to set */
	int attr_clr;			/* MNT_* flags to clear */
	int propagation;		/* MS_SHARED... or 0 */
	bool recurse;			/* AT_RECURSIVE */
	bool idmap;			/* MOUNT_ATTR_IDMAP with a valid ns */
};

/*
 * MOUNT_ATTR_IDMAP's user namespace fd: a user namespace other than the
 * initial one (EPERM), whose owner grants CAP_SYS_ADMIN (EPERM); never
 * cleared (EINVAL). 0 or -errno.
 */
static int build_mount_idmapped(const struct mount_attr *attr,
				struct mount_kattr *kattr)
{
	struct user_namespace *ns;
	struct ns_common *nsc;
	struct file *f;
	int err = -EINVAL;

	if (!((attr->attr_set | attr->attr_clr) & MOUNT_ATTR_IDMAP))
		return 0;
	if ((attr->attr_clr & MOUNT_ATTR_IDMAP) || attr->userns_fd > 0x7fffffff)
		return -EINVAL;
	f = fget(attr->userns_fd);
	if (!f)
		return -EBADF;
	nsc = get_proc_ns_file(f);
	if (!nsc || nsc->ops->type != CLONE_NEWUSER)
		goto out;
	ns = container_of(nsc, struct user_namespace, ns);
	err = -EPERM;
	if (ns == &init_user_ns || !ns_capable(ns, CAP_SYS_ADMIN))
		goto out;
	kattr->idmap = true;
	err = 0;
out:
	fput(f);
	return err;
}

/* The atime rules: MOUNT_ATTR__ATIME is an enum, changed only by
 * clearing the whole field and setting one value. */
static int build_atime(const struct mount_attr *attr,
		       struct mount_kattr *kattr)
{
	if (!(attr->attr_clr & MOUNT_ATTR__ATIME))
		return attr->attr_set & MOUNT_ATTR__ATIME ? -EINVAL : 0;
	if ((attr->attr_clr & MOUNT_ATTR__ATIME) != MOUNT_ATTR__ATIME)
		return -EINVAL;
	kattr->attr_clr |= MNT_RELATIME | MNT_NOATIME;
	kattr->attr_set &= ~(MNT_RELATIME | MNT_NOATIME);
	switch (attr->attr_set & MOUNT_ATTR__ATIME) {
	case MOUNT_ATTR_RELATIME:
		kattr->attr_set |= MNT_RELATIME;
		return 0;
	case MOUNT_ATTR_NOATIME:
		kattr->attr_set |= MNT_NOATIME;
		return 0;
	case MOUNT_ATTR_STRICTATIME:
		return 0;
	default:
		return -EINVAL;
	}
}

/* The MNT_* flags of attr flags, the atime field left out (its value 0,
 * "relatime", is only a setting when build_atime() says so). */
static int attr_to_mnt_flags(u64 attr)
{
	int fl;

	if (attr >> 32)
		return -EINVAL;
	attr &= ~(u64)MOUNT_ATTR_IDMAP;
	fl = mount_attr_to_mnt_flags(attr & ~(u64)MOUNT_ATTR__ATIME);
	return fl < 0 ? fl : fl & ~MNT_RELATIME;
}

/* Check and translate mount_setattr()'s argument. 0 or -EINVAL... */
static int build_mount_kattr(const struct mount_attr *attr,
			     struct mount_kattr *kattr, unsigned int flags)
{
	kattr->recurse = flags & AT_RECURSIVE;
	switch (attr->propagation) {
	case 0:
	case MS_UNBINDABLE:
	case MS_PRIVATE:
	case MS_SLAVE:
	case MS_SHARED:
		kattr->propagation = attr->propagation;
		break;
	default:
		return -EINVAL;
	}
	kattr->attr_set = attr_to_mnt_flags(attr->attr_set);
	kattr->attr_clr = attr_to_mnt_flags(attr->attr_clr);
	if (kattr->attr_set < 0 || kattr->attr_clr < 0)
		return -EINVAL;
	if (build_atime(attr, kattr))
		return -EINVAL;
	return build_mount_idmapped(attr, kattr);
}

static int recalc_flags(const struct mount_kattr *kattr, struct vfsmount *m)
{
	return (READ_ONCE(m->mnt_flags) & ~kattr->attr_clr) | kattr->attr_set;
}

/* Undo the writer holds of mount_setattr_prepare() up to (not) end. */
static void unhold_writers(struct vfsmount *mnt, struct vfsmount *end,
			   bool recurse)
{
	struct vfsmount *m;

	for (m = mnt; m && m != end; m = recurse ? next_mnt(m, mnt) : NULL)
		WRITE_ONCE(m->mnt_flags, m->mnt_flags & ~MNT_WRITE_HOLD);
}

/*
 * Can every mount of the change take it: locked flags (EPERM), idmapping
 * (no filesystem of tine's allows one: EINVAL, as Linux 6.1's tmpfs),
 * no writer on a mount becoming read-only (EBUSY; held off until the
 * commit). [N][M]
 */
static int mount_setattr_prepare(const struct mount_kattr *kattr,
				 struct vfsmount *mnt)
{
	struct vfsmount *m;
	int err = 0;

	for (m = mnt; m; m = kattr->recurse ? next_mnt(m, mnt) : NULL) {
		int fl = recalc_flags(kattr, m);

		if (!can_change_locked_flags(m, fl)) {
			err = -EPERM;
			break;
		}
		if (kattr->idmap) {
			err = -EINVAL;
			break;
		}
		if ((fl & MNT_READONLY) && !(m->mnt_flags & MNT_READONLY)) {
			WRITE_ONCE(m->mnt_flags, m->mnt_flags | MNT_WRITE_HOLD);
			smp_mb();
			if (atomic_read(&m->mnt_writers) > 0) {
				m->mnt_flags &= ~MNT_WRITE_HOLD;
				err = -EBUSY;
				break;
			}
		}
	}
	if (err)
		unhold_writers(mnt, m, kattr->recurse);
	return err;
}

/* Apply the flags (releasing the writer holds). [N][M] */
static void mount_setattr_commit(const struct mount_kattr *kattr,
				 struct vfsmount *mnt)
{
	struct vfsmount *m;

	for (m = mnt; m; m = kattr->recurse ? next_mnt(m, mnt) : NULL) {
		int fl = recalc_flags(kattr, m) & ~MNT_WRITE_HOLD;

		smp_wmb();
		WRITE_ONCE(m->mnt_flags, fl);
	}
	touch_mnt_namespace(mnt->mnt_ns);
}

/* Change the propagation of the mount (or tree) at mnt. [N][M] */
static void mount_setattr_propagation(const struct mount_kattr *kattr,
				      struct vfsmount *mnt)
{
	struct vfsmount *m;

	for (m = mnt; m; m = kattr->recurse ? next_mnt(m, mnt) : NULL)
		change_mnt_propagation(m, kattr->propagation);
}

/* mount_setattr on the mount at p: ours and attached, or a detached
 * tree's root (EINVAL otherwise). */
static int do_mount_setattr(struct path *p, const struct mount_kattr *kattr)
{
	struct vfsmount *mnt = p->mnt;
	int err = 0;

	if (!path_mounted(p))
		return -EINVAL;
	namespace_lock();
	if (kattr->propagation == MS_SHARED)
		err = invent_group_ids(mnt, kattr->recurse);
	if (err)
		goto out;
	spin_lock(&mount_lock);
	err = -EINVAL;
	if (mnt->mnt_ns && (mnt_has_parent(mnt) ? check_mnt(mnt)
						: is_anon_ns(mnt->mnt_ns)))
		err = mount_setattr_prepare(kattr, mnt);
	if (!err) {
		mount_setattr_commit(kattr, mnt);
		if (kattr->propagation)
			mount_setattr_propagation(kattr, mnt);
	}
	spin_unlock(&mount_lock);
	if (err && kattr->propagation == MS_SHARED)
		cleanup_group_ids(mnt, NULL);
out:
	namespace_unlock();
	return err;
}

/*
 * mount_setattr - change the flags (and propagation) of the mount, or
 * with AT_RECURSIVE the tree, at path: CAP_SYS_ADMIN over the
 * namespace's owner (EPERM); struct mount_attr of at least VER0 bytes
 * (EINVAL), at most a page (E2BIG), unknown tail bytes zero (E2BIG).
 */
static long sys_mount_setattr(int dfd, const char __user *path,
			      unsigned int flags, struct mount_attr __user *uattr,
			      size_t usize)
{
	struct mount_kattr kattr = { 0 };
	struct mount_attr attr;
	struct path p;
	long err;

	if (flags & ~(AT_EMPTY_PATH | AT_RECURSIVE | AT_SYMLINK_NOFOLLOW |
		      AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < MOUNT_ATTR_SIZE_VER0)
		return -EINVAL;
	if (!may_mount())
		return -EPERM;
	err = copy_struct_from_user(&attr, sizeof(attr), uattr, usize);
	if (err)
		return err;
	if (!attr.attr_set && !attr.attr_clr && !attr.propagation)
		return 0;	/* nothing to do: not even the path is looked up */
	err = build_mount_kattr(&attr, &kattr, flags);
	if (err)
		return err;
	err = user_path_at(dfd, path, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = do_mount_setattr(&p, &kattr);
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(mount_setattr, sys_mount_setattr);
