/*
 * Namespace-changing system calls: mknod, mkdir, unlink, rmdir,
 * symlink, link, rename, and readlink. Each walks to the parent under
 * vfs_lock, checks what Linux checks (in Linux's order, so the same
 * errno comes out), then calls the filesystem's inode operation.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

/* Mode of a new object: permission bits minus the umask, plus type. */
static mode_t create_mode(mode_t mode, bool umask)
{
	mode_t perm = mode & 07777;

	if (umask)
		perm &= ~current_umask();
	return (mode & S_IFMT) | perm;
}

/* What a create names: an inode type and what it needs. */
struct new_node {
	mode_t mode;			/* S_IFDIR, S_IFLNK, or a mknod type */
	unsigned int dev;		/* device number (mknod) */
	const char *target;		/* symlink target */
	struct path *created;		/* out: the new node (references) */
	bool probe;			/* check only; -EINVAL instead */
};

/*
 * create_at - the one path of mknod, mkdir and symlink: look the parent
 * up, make a negative dentry for the last component (EEXIST if taken),
 * and let the directory's inode operation fill it. -EPERM when the
 * filesystem cannot make that kind of inode, or for a device node
 * without CAP_MKNOD (in the initial namespace; the 0:0 "whiteout"
 * character device is free, as Linux).
 */
static int create_at(int dfd, const char *name, const struct new_node *n)
{
	struct nameidata nd;
	struct dentry *d;
	struct inode *dir;
	int err = parent_walk(&nd, dfd, name);

	if (err)
		return err;
	d = lookup_create(&nd, S_ISDIR(n->mode));
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	err = -EPERM;
	if ((S_ISBLK(n->mode) || (S_ISCHR(n->mode) && n->dev != 0)) &&
	    !capable(CAP_MKNOD))
		goto out_dput;
	if (n->probe)
		err = -EINVAL;
	else if (S_ISDIR(n->mode) && dir->i_op->mkdir)
		err = dir->i_op->mkdir(dir, d, n->mode);
	else if (S_ISLNK(n->mode) && dir->i_op->symlink)
		err = dir->i_op->symlink(dir, d, n->target);
	else if (!S_ISDIR(n->mode) && !S_ISLNK(n->mode) && dir->i_op->create)
		err = dir->i_op->create(dir, d, n->mode, n->dev);
	if (!err)
		fsnotify_create(dir, d);
	if (!err && n->created) {
		n->created->mnt = mntget(nd.path.mnt);
		n->created->dentry = dget(d);
	}
out_dput:
	dput(d);
out:
	parent_done(&nd);
	return err;
}

/*
 * do_mknodat - create a regular file, device node, FIFO or socket
 * inode at name. umask says whether the caller's umask applies (the
 * initramfs sets exact modes).
 */
static int do_mknodat(int dfd, const char *name, mode_t mode,
		      unsigned int dev, bool umask)
{
	struct new_node n = { .dev = dev };

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFCHR:
	case S_IFBLK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	n.mode = create_mode(mode, umask);
	return create_at(dfd, name, &n);
}

static int do_mkdirat(int dfd, const char *name, mode_t mode, bool umask)
{
	struct new_node n = {
		.mode = S_IFDIR | create_mode(mode & 07777, umask),
	};

	return create_at(dfd, name, &n);
}

static int do_symlinkat(const char *target, int dfd, const char *name)
{
	struct new_node n = { .mode = S_IFLNK | 0777, .target = target };

	return create_at(dfd, name, &n);
}

/* Kernel-side creators for the initramfs and devtmpfs (no umask). */
int vfs_mknod_path(const char *path, mode_t mode, unsigned int dev)
{
	return do_mknodat(AT_FDCWD, path, mode, dev, false);
}

/* vfs_mkdir_path - as vfs_mknod_path, a directory. */
int vfs_mkdir_path(const char *path, mode_t mode)
{
	return do_mkdirat(AT_FDCWD, path, mode, false);
}

/* vfs_symlink_path - as vfs_mknod_path, a symlink to target. */
int vfs_symlink_path(const char *target, const char *path)
{
	return do_symlinkat(target, AT_FDCWD, path);
}

/*
 * vfs_mknod_socket - create the socket node of an AF_UNIX bind at name
 * (relative to the cwd; mode already has the umask applied) and return
 * its path (references) in *res. With res NULL nothing is created: every
 * check runs and success is -EINVAL (bind of a bound socket: Linux
 * reports the path's own errors, EEXIST first). May sleep.
 */
int vfs_mknod_socket(const char *name, mode_t mode, struct path *res)
{
	struct new_node n = {
		.mode = S_IFSOCK | (mode & 07777),
		.created = res,
		.probe = !res,
	};

	return create_at(AT_FDCWD, name, &n);
}

/*
 * The sticky bit: in such a directory only the file's owner, the
 * directory's owner, or CAP_FOWNER (where the file's ids are mapped)
 * may remove or rename a name.
 */
static bool check_sticky(struct inode *dir, struct inode *i)
{
	kuid_t fsuid = current_fsuid();

	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (uid_eq(i->i_uid, fsuid) || uid_eq(dir->i_uid, fsuid))
		return false;
	return !capable_wrt_inode_uidgid(i, CAP_FOWNER);
}

/*
 * may_delete - may the caller remove victim from dir? Checks write and
 * search permission, the sticky bit, and the type (isdir: rmdir).
 */
static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *i = victim->d_inode;
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (check_sticky(dir, i))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(i->i_mode))
			return -ENOTDIR;
		if (victim->d_parent == victim)
			return -EBUSY;
	} else if (S_ISDIR(i->i_mode)) {
		return -EISDIR;
	}
	return 0;
}

/*
 * The events of a removed name d (an unlink or rmdir just succeeded;
 * vfs_lock held), in Linux's order: the inode lost a link; if no one
 * else holds the dentry (only our lookup's reference) and that was the
 * last link, the inode is gone now (else when its last user lets go:
 * dput); the directory lost the name.
 */
static void d_delete_notify(struct inode *dir, struct dentry *d, bool unlink)
{
	struct inode *inode = d->d_inode;

	mutex_assert_held(&vfs_lock);
	if (unlink)
		fsnotify_link_count(inode);
	if (!inode->i_nlink && atomic_read(&d->d_count) == 1)
		fsnotify_inoderemove(inode);
	fsnotify_delete(dir, d, inode);
}

/* The victim of an unlink or rmdir whose parent nd walked, on a
 * writable mount: its dentry or ERR_PTR(-EROFS or the lookup's). */
static struct dentry *lookup_delete_victim(struct nameidata *nd)
{
	if (is_mnt_rdonly(nd->path.mnt))
		return ERR_PTR(-EROFS);
	return lookup_one(nd->path.dentry, nd->last, nd->last_len);
}

/*
 * Remove d from dir, checked by the caller (may_delete): a mount point
 * of this namespace cannot go (EBUSY); the filesystem's rmdir or unlink
 * (EPERM if it has none); then the events and other namespaces' mounts
 * on d go. 0 or -errno. vfs_lock held.
 */
static int vfs_remove(struct inode *dir, struct dentry *d, bool is_dir)
{
	int (*op)(struct inode *, struct dentry *) =
		is_dir ? dir->i_op->rmdir : dir->i_op->unlink;
	int err = is_local_mountpoint(d) ? -EBUSY : 0;

	mutex_assert_held(&vfs_lock);
	if (!err)
		err = op ? op(dir, d) : -EPERM;
	if (!err) {
		d_delete_notify(dir, d, !is_dir);
		detach_mounts(d);	/* other namespaces' mounts on it */
	}
	return err;
}

static int do_rmdir(int dfd, const char *name)
{
	struct nameidata nd;
	struct dentry *d;
	struct inode *dir;
	int err;

	err = parent_walk(&nd, dfd, name);
	if (err)
		return err;
	if (nd.last_type != LAST_NORM) {
		err = nd.last_type == LAST_DOTDOT ? -ENOTEMPTY
		      : nd.last_type == LAST_DOT  ? -EINVAL
						  : -EBUSY;
		goto out;
	}
	d = lookup_delete_victim(&nd);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	err = may_delete(dir, d, true);
	if (!err)
		err = vfs_remove(dir, d, true);
	dput(d);
out:
	parent_done(&nd);
	return err;
}

static int do_unlinkat(int dfd, const char *name)
{
	struct nameidata nd;
	struct dentry *d;
	struct inode *dir;
	int err;

	err = parent_walk(&nd, dfd, name);
	if (err)
		return err;
	err = -EISDIR;
	if (nd.last_type != LAST_NORM)
		goto out;
	d = lookup_delete_victim(&nd);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	if (nd.last_slash)
		err = S_ISDIR(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
	else
		err = may_delete(dir, d, false);
	if (!err)
		err = vfs_remove(dir, d, false);
	dput(d);
out:
	parent_done(&nd);
	return err;
}

static int do_linkat(int olddfd, const char *oldname, int newdfd,
		     const char *newname, int flags)
{
	struct nameidata nd;
	struct path old;
	struct dentry *d;
	struct inode *dir;
	unsigned int lf = 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		lf |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	err = filename_lookup(olddfd, oldname, lf, &old);
	if (err)
		return err;
	err = parent_walk(&nd, newdfd, newname);
	if (err)
		goto out_old;
	err = -EXDEV;
	if (old.mnt != nd.path.mnt)
		goto out;
	d = lookup_create(&nd, false);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	if (S_ISDIR(old.dentry->d_inode->i_mode))
		err = -EPERM;
	else if (!old.dentry->d_inode->i_nlink &&
		 !(old.dentry->d_inode->i_state & I_LINKABLE))
		err = -ENOENT;
	else if (!dir->i_op->link)
		err = -EPERM;
	else
		err = may_linkat(old.dentry->d_inode);
	if (!err)
		err = dir->i_op->link(old.dentry, dir, d);
	if (!err)
		fsnotify_link(dir, old.dentry->d_inode, d);
	dput(d);
out:
	parent_done(&nd);
out_old:
	path_put(&old);
	return err;
}

/* Walk both parents of a rename under one vfs_lock section. */
static int rename_walk(struct nameidata *o, int odfd, const char *oname,
		       struct nameidata *n, int ndfd, const char *nname)
{
	int err;

	mutex_lock(&vfs_lock);
	err = path_init(o, odfd, oname, 0);
	if (!err)
		err = link_path_walk(o);
	if (err) {
		nd_cleanup(o);
		memset(n, 0, sizeof(*n));
		return err;
	}
	err = path_init(n, ndfd, nname, 0);
	if (!err)
		err = link_path_walk(n);
	return err;
}

/* Checks on the two dentries of a rename, in Linux's order. */
static int may_rename(struct nameidata *o, struct dentry *od,
		      struct nameidata *n, struct dentry *nd,
		      unsigned int flags)
{
	struct inode *oi = od->d_inode, *ni = nd->d_inode;
	bool odir = S_ISDIR(oi->i_mode);
	int err;

	if (!odir && (o->last_slash ||
		      (!(flags & RENAME_EXCHANGE) && n->last_slash)))
		return -ENOTDIR;
	if (od == nd || (ni && oi == ni))
		return 1;	/* same file: nothing to do */
	if (is_subdir(n->path.dentry, od))
		return -EINVAL;
	if (ni && is_subdir(o->path.dentry, nd))
		return (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
	err = may_delete(o->path.dentry->d_inode, od, odir);
	if (err)
		return err;
	if (ni) {
		/* An exchange keeps both types; a replace must match. */
		err = may_delete(n->path.dentry->d_inode, nd,
				 (flags & RENAME_EXCHANGE) ? S_ISDIR(ni->i_mode)
							   : odir);
	} else {
		err = inode_permission(n->path.dentry->d_inode,
				       MAY_WRITE | MAY_EXEC);
	}
	if (err)
		return err;
	if (is_local_mountpoint(od) || is_local_mountpoint(nd))
		return -EBUSY;
	return 0;
}

/* Look up the target of a rename; a missing name gets a new dentry. */
static struct dentry *rename_target(struct nameidata *n, unsigned int flags)
{
	struct dentry *nd = lookup_one(n->path.dentry, n->last, n->last_len);

	if (!IS_ERR(nd)) {
		if (flags & RENAME_NOREPLACE) {
			dput(nd);
			return ERR_PTR(-EEXIST);
		}
		return nd;
	}
	if (PTR_ERR(nd) != -ENOENT)
		return nd;
	if (flags & RENAME_EXCHANGE)
		return ERR_PTR(-ENOENT);
	if (d_unhashed(n->path.dentry))
		return ERR_PTR(-ENOENT);
	nd = d_alloc(n->path.dentry, n->last, n->last_len);
	return nd ? nd : ERR_PTR(-ENOMEM);
}

/*
 * The filesystem's rename, reported (fsnotify_move; an exchange is two
 * moves, as Linux). The names change on the way: copied first, while
 * someone watches.
 */
static int rename_notify(struct inode *odir, struct dentry *od,
			 struct inode *ndir, struct dentry *nd,
			 unsigned int flags)
{
	struct inode *src = od->d_inode, *target = nd->d_inode;
	char *oname = NULL, *nname = NULL;
	int err = -ENOMEM;

	if (!odir->i_op->rename)
		return -EPERM;
	if (atomic_read(&fsnotify_nr_marks)) {
		oname = kstrdup(od->d_name);
		nname = kstrdup(nd->d_name);
		if (!oname || !nname)
			goto out;
	}
	err = odir->i_op->rename(odir, od, ndir, nd, flags);
	if (err || !oname)
		goto out;
	if (flags & RENAME_EXCHANGE) {
		fsnotify_move(odir, oname, ndir, nname, S_ISDIR(src->i_mode),
			      NULL, src);
		fsnotify_move(ndir, nname, odir, oname,
			      S_ISDIR(target->i_mode), NULL, target);
	} else {
		fsnotify_move(odir, oname, ndir, nname, S_ISDIR(src->i_mode),
			      target, src);
	}
out:
	kfree(oname);
	kfree(nname);
	return err;
}

static int do_renameat2(int odfd, const char *oname, int ndfd,
			const char *nname, unsigned int flags)
{
	struct nameidata o, n;
	struct dentry *od, *nd = NULL;
	struct inode *odir;
	bool replaced;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;
	err = rename_walk(&o, odfd, oname, &n, ndfd, nname);
	if (err)
		goto out;
	err = -EXDEV;
	if (o.path.mnt != n.path.mnt)
		goto out;
	err = -EBUSY;
	if (o.last_type != LAST_NORM)
		goto out;
	if (n.last_type != LAST_NORM) {
		err = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
		goto out;
	}
	err = is_mnt_rdonly(o.path.mnt) ? -EROFS : 0;
	if (err)
		goto out;
	od = lookup_one(o.path.dentry, o.last, o.last_len);
	if (IS_ERR(od)) {
		err = PTR_ERR(od);
		goto out;
	}
	nd = rename_target(&n, flags);
	if (IS_ERR(nd)) {
		err = PTR_ERR(nd);
		nd = NULL;
		goto out_od;
	}
	err = may_rename(&o, od, &n, nd, flags);
	if (err == 1) {
		err = 0;
		goto out_nd;
	}
	odir = o.path.dentry->d_inode;
	replaced = nd->d_inode && !(flags & RENAME_EXCHANGE);
	if (!err)
		err = rename_notify(odir, od, n.path.dentry->d_inode, nd, flags);
	/* A replaced name: other namespaces' mounts on it go. */
	if (!err && replaced)
		detach_mounts(nd);
out_nd:
	dput(nd);
out_od:
	dput(od);
out:
	nd_cleanup(&o);
	nd_cleanup(&n);
	mutex_unlock(&vfs_lock);
	return err;
}

/* Run fn on a user path copied into the kernel. */
#define WITH_NAME(uname, var, expr)                          \
	({                                                   \
		char *var = getname(uname);                  \
		long __r;                                    \
		if (IS_ERR(var))                             \
			__r = PTR_ERR(var);                  \
		else {                                       \
			__r = (expr);                        \
			kfree(var);                          \
		}                                            \
		__r;                                         \
	})

static long sys_mknodat(int dfd, const char __user *name, unsigned int mode,
			unsigned int dev)
{
	return WITH_NAME(name, s,
			 do_mknodat(dfd, s, mode, new_decode_dev(dev), true));
}
SYSCALL_ENTRY(mknodat, sys_mknodat);

static long sys_mknod(const char __user *name, unsigned int mode,
		      unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, name, mode, dev);
}
SYSCALL_ENTRY(mknod, sys_mknod);

static long sys_mkdirat(int dfd, const char __user *name, unsigned int mode)
{
	return WITH_NAME(name, s, do_mkdirat(dfd, s, mode, true));
}
SYSCALL_ENTRY(mkdirat, sys_mkdirat);

static long sys_mkdir(const char __user *name, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, name, mode);
}
SYSCALL_ENTRY(mkdir, sys_mkdir);

static long sys_rmdir(const char __user *name)
{
	return WITH_NAME(name, s, do_rmdir(AT_FDCWD, s));
}
SYSCALL_ENTRY(rmdir, sys_rmdir);

static long sys_unlinkat(int dfd, const char __user *name, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return WITH_NAME(name, s, do_rmdir(dfd, s));
	return WITH_NAME(name, s, do_unlinkat(dfd, s));
}
SYSCALL_ENTRY(unlinkat, sys_unlinkat);

static long sys_unlink(const char __user *name)
{
	return WITH_NAME(name, s, do_unlinkat(AT_FDCWD, s));
}
SYSCALL_ENTRY(unlink, sys_unlink);

static long sys_symlinkat(const char __user *target, int dfd,
			  const char __user *name)
{
	char *t = getname(target);
	long r;

	if (IS_ERR(t))
		return PTR_ERR(t);
	r = WITH_NAME(name, s, do_symlinkat(t, dfd, s));
	kfree(t);
	return r;
}
SYSCALL_ENTRY(symlinkat, sys_symlinkat);

static long sys_symlink(const char __user *target, const char __user *name)
{
	return sys_symlinkat(target, AT_FDCWD, name);
}
SYSCALL_ENTRY(symlink, sys_symlink);

static long sys_linkat(int odfd, const char __user *oname, int ndfd,
		       const char __user *nname, int flags)
{
	char *o = getname_flags(oname, flags & AT_EMPTY_PATH);
	long r;

	if (IS_ERR(o))
		return PTR_ERR(o);
	r = WITH_NAME(nname, s, do_linkat(odfd, o, ndfd, s, flags));
	kfree(o);
	return r;
}
SYSCALL_ENTRY(linkat, sys_linkat);

static long sys_link(const char __user *oname, const char __user *nname)
{
	return sys_linkat(AT_FDCWD, oname, AT_FDCWD, nname, 0);
}
SYSCALL_ENTRY(link, sys_link);

/* vfs_unlink_path - unlink (or rmdir) a kernel path (the initramfs). */
int vfs_unlink_path(const char *path, bool dir)
{
	return dir ? do_rmdir(AT_FDCWD, path) : do_unlinkat(AT_FDCWD, path);
}

/* vfs_link_path - hard link for the initramfs (kernel strings). */
int vfs_link_path(const char *old, const char *new)
{
	return do_linkat(AT_FDCWD, old, AT_FDCWD, new, 0);
}

static long sys_renameat2(int odfd, const char __user *oname, int ndfd,
			  const char __user *nname, unsigned int flags)
{
	char *o = getname(oname);
	long r;

	if (IS_ERR(o))
		return PTR_ERR(o);
	r = WITH_NAME(nname, s, do_renameat2(odfd, o, ndfd, s, flags));
	kfree(o);
	return r;
}
SYSCALL_ENTRY(renameat2, sys_renameat2);

static long sys_renameat(int odfd, const char __user *oname, int ndfd,
			 const char __user *nname)
{
	return sys_renameat2(odfd, oname, ndfd, nname, 0);
}
SYSCALL_ENTRY(renameat, sys_renameat);

static long sys_rename(const char __user *oname, const char __user *nname)
{
	return sys_renameat2(AT_FDCWD, oname, AT_FDCWD, nname, 0);
}
SYSCALL_ENTRY(rename, sys_rename);

static long sys_readlinkat(int dfd, const char __user *name,
			   char __user *buf, int size)
{
	struct path p;
	char *kbuf;
	long n;
	int err;

	if (size <= 0)
		return -EINVAL;
	err = user_path_at(dfd, name, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	kbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	n = kbuf ? vfs_readlink(p.dentry, kbuf, MIN(size, PATH_MAX))
		 : -ENOMEM;
	if (n > 0 && copy_to_user(buf, kbuf, n))
		n = -EFAULT;
	kfree(kbuf);
	path_put(&p);
	return n;
}
SYSCALL_ENTRY(readlinkat, sys_readlinkat);

static long sys_readlink(const char __user *name, char __user *buf, int size)
{
	return sys_readlinkat(AT_FDCWD, name, buf, size);
}
SYSCALL_ENTRY(readlink, sys_readlink);
