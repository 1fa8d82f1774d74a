/*
 * Path name lookup: turn "a/b/../c" into a (vfsmount, dentry) pair.
 *
 * The walk runs under vfs_lock, so the tree cannot change beneath it.
 * It keeps the text still to walk in a kmalloc'd buffer; a symlink in
 * the middle of a path replaces the buffer with "target/rest", so
 * following links needs no recursion. At most MAXSYMLINKS (40) links
 * are followed per lookup, then ELOOP; fs.protected_symlinks guards
 * links in sticky world-writable directories (may_follow_link()).
 *
 * A final component is left to the caller (nd->last): plain lookups
 * resolve it with lookup_last(), creators (mkdir, open O_CREAT, ...)
 * look at it themselves.
 */
#include <tine/err.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

/* path_get - take references on both halves of p. */
void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

/* path_put - drop references on both halves of p (NULL halves ok). */
void path_put(const struct path *p)
{
	dput(p->dentry);
	if (p->mnt)
		mntput(p->mnt);
}

/* path_equal - same mount and same dentry? */
bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

static int classify(const char *name, int len)
{
	if (name[0] == '.' && len == 1)
		return LAST_DOT;
	if (name[0] == '.' && name[1] == '.' && len == 2)
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * path_init - set up nd to walk name from dfd (or the cwd, or the root
 * for absolute names). Caller holds vfs_lock; nd_cleanup() always.
 */
int path_init(struct nameidata *nd, int dfd, const char *name,
	      unsigned int flags)
{
	mutex_assert_held(&vfs_lock);
	memset(nd, 0, sizeof(*nd));
	nd->flags = flags;
	nd->buf = kstrdup(name);
	if (!nd->buf)
		return -ENOMEM;
	nd->p = nd->buf;
	if (current->fs)
		get_fs_root(current->fs, &nd->root);
	else
		nd->root = (struct path){ mntget(root_mnt),
					  dget(root_mnt->mnt_root) };
	if (name[0] == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
	} else if (dfd == AT_FDCWD) {
		if (current->fs)
			get_fs_pwd(current->fs, &nd->path);
		else
			nd->path = nd->root, path_get(&nd->path);
	} else {
		struct file *f = fget_raw(dfd);

		if (!f)
			return -EBADF;
		if (*name && !S_ISDIR(f->f_inode->i_mode)) {
			fput(f);
			return -ENOTDIR;
		}
		nd->path = f->f_path;
		path_get(&nd->path);
		fput(f);
	}
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	return 0;
}

/* nd_cleanup - drop everything path_init() and the walk took. */
void nd_cleanup(struct nameidata *nd)
{
	path_put(&nd->path);
	path_put(&nd->root);
	kfree(nd->buf);
	nd->path = (struct path){ NULL, NULL };
	nd->root = nd->path;
	nd->buf = NULL;
}

/*
 * follow_mount - while something is mounted on p, step onto the root of
 * the topmost mount. Caller holds vfs_lock.
 */
void follow_mount(struct path *p)
{
	mutex_assert_held(&vfs_lock);
	while (p->dentry->d_mounted) {
		struct vfsmount *m = lookup_mnt(p);

		if (!m)
			break;
		dput(p->dentry);
		mntput(p->mnt);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
	}
}

/* Step to the parent directory, crossing mount points, never above root. */
static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct path *p = &nd->path;

		if (path_equal(p, &nd->root))
			break;
		if (p->dentry != p->mnt->mnt_root) {
			struct dentry *up = dget(p->dentry->d_parent);

			dput(p->dentry);
			p->dentry = up;
			break;
		}
		if (!follow_up(p))
			break;
	}
	follow_mount(&nd->path);
}

/*
 * lookup_one - the child of parent named name[0..len), referenced:
 * from the dcache, else from the filesystem's lookup. ERR_PTR(-ENOENT)
 * when there is no such name. Caller holds vfs_lock.
 */
struct dentry *lookup_one(struct dentry *parent, const char *name, int len)
{
	struct inode *dir = parent->d_inode;
	struct dentry *d = d_lookup(parent, name, len);
	int err;

	mutex_assert_held(&vfs_lock);
	if (d && d->d_inode && d->d_inode->i_op &&
	    d->d_inode->i_op->revalidate && !d->d_inode->i_op->revalidate(d)) {
		d_delete(d);
		dput(d);
		d = NULL;
	}
	if (d)
		return d;
	if (!dir->i_op || !dir->i_op->lookup || d_unhashed(parent))
		return ERR_PTR(-ENOENT);
	d = d_alloc(parent, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = dir->i_op->lookup(dir, d);
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

/* may_lookup - search permission on the directory we stand in. */
static int may_lookup(struct nameidata *nd)
{
	return inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
}

/*
 * The link protections (fs.protected_*), with Debian's defaults:
 * symlinks and hardlinks on, fifos and regular off (0, 1 or 2).
 */
static int sysctl_protected_symlinks = 1;
static int sysctl_protected_hardlinks = 1;
static int sysctl_protected_fifos;
static int sysctl_protected_regular;

/* A sticky world-writable directory (/tmp): 0002 and the sticky bit. */
static bool is_sticky_world_writable(const struct inode *dir)
{
	return (dir->i_mode & (S_ISVTX | S_IWOTH)) == (S_ISVTX | S_IWOTH);
}

/*
 * With fs.protected_symlinks, a symlink in a sticky world-writable
 * directory is followed only by its owner or when the directory's owner
 * owns it too (no capability overrides it): EACCES otherwise.
 */
static int may_follow_link(struct nameidata *nd, struct dentry *link)
{
	const struct inode *dir = nd->path.dentry->d_inode;
	const struct inode *i = link->d_inode;

	if (!READ_ONCE(sysctl_protected_symlinks) ||
	    uid_eq(current_fsuid(), i->i_uid) ||
	    !is_sticky_world_writable(dir) || uid_eq(dir->i_uid, i->i_uid))
		return 0;
	return -EACCES;
}

/* A file anyone may hard-link to: a regular file, not set-id (setgid
 * without group execute is mandatory locking, not set-id), that the
 * caller may read and write. */
static bool safe_hardlink_source(struct inode *i)
{
	mode_t mode = i->i_mode;

	if (!S_ISREG(mode) || (mode & S_ISUID) ||
	    (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		return false;
	return !inode_permission(i, MAY_READ | MAY_WRITE);
}

/* may_linkat - see internal.h. */
int may_linkat(struct inode *i)
{
	mutex_assert_held(&vfs_lock);
	if (!READ_ONCE(sysctl_protected_hardlinks) ||
	    safe_hardlink_source(i) || inode_owner_or_capable(i))
		return 0;
	return -EPERM;
}

/* may_create_in_sticky - see internal.h. */
int may_create_in_sticky(struct inode *dir, struct inode *i)
{
	int fifos = READ_ONCE(sysctl_protected_fifos);
	int regular = READ_ONCE(sysctl_protected_regular);

	if ((!fifos && S_ISFIFO(i->i_mode)) ||
	    (!regular && S_ISREG(i->i_mode)) || !(dir->i_mode & S_ISVTX) ||
	    uid_eq(i->i_uid, dir->i_uid) || uid_eq(current_fsuid(), i->i_uid))
		return 0;
	if ((dir->i_mode & S_IWOTH) ||
	    ((dir->i_mode & S_IWGRP) &&
	     ((fifos >= 2 && S_ISFIFO(i->i_mode)) ||
	      (regular >= 2 && S_ISREG(i->i_mode)))))
		return -EACCES;
	return 0;
}

static const struct ctl_table namei_table[] = {
	{ .procname = "protected_fifos", .data = &sysctl_protected_fifos,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_TWO },
	{ .procname = "protected_hardlinks",
	  .data = &sysctl_protected_hardlinks, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "protected_regular", .data = &sysctl_protected_regular,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_TWO },
	{ .procname = "protected_symlinks",
	  .data = &sysctl_protected_symlinks, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ }
};

static void namei_sysctl_init(void)
{
	register_sysctl("fs", namei_table);
}
__initcall(namei_sysctl_init);

/*
 * nd_jump_link - continue the walk at the target of link, followed by
 * rest (a tail of the current buffer). Returns 1 (jumped) or -err.
 */
static int nd_jump_link(struct nameidata *nd, struct dentry *link,
			const char *rest)
{
	struct inode *i = link->d_inode;
	size_t restlen = strlen(rest);
	char *target, *buf;
	long n;

	if (++nd->link_count > MAXSYMLINKS)
		return -ELOOP;
	n = may_follow_link(nd, link);
	if (n)
		return n;
	/* Nothing is followed on a nosymfollow mount. */
	if (READ_ONCE(nd->path.mnt->mnt_flags) & MNT_NOSYMFOLLOW)
		return -ELOOP;
	if (i->i_op && i->i_op->get_path) {
		struct path p;
		int err = i->i_op->get_path(link, &p);

		if (err)
			return err;
		/* More path after a magic link to a non-directory (even
		 * just a slash): ENOTDIR, as any walk through a file. */
		if (*rest && !S_ISDIR(p.dentry->d_inode->i_mode)) {
			path_put(&p);
			return -ENOTDIR;
		}
		buf = kmalloc(restlen + 1, GFP_KERNEL);
		if (!buf) {
			path_put(&p);
			return -ENOMEM;
		}
		memcpy(buf, rest, restlen + 1);
		path_put(&nd->path);
		nd->path = p;
		goto jumped;
	}
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	n = vfs_readlink(link, target, PATH_MAX);
	if (n == 0)
		n = -ENOENT;
	if (n < 0) {
		kfree(target);
		return n;
	}
	buf = kmalloc(n + 1 + restlen + 1, GFP_KERNEL);
	if (!buf) {
		kfree(target);
		return -ENOMEM;
	}
	memcpy(buf, target, n);
	buf[n] = '/';
	memcpy(buf + n + 1, rest, restlen + 1);
	if (!restlen)
		buf[n] = 0;
	if (target[0] == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	kfree(target);
jumped:
	kfree(nd->buf);
	nd->buf = buf;
	nd->p = buf;
	return 1;
}

/*
 * walk_component - move nd->path to its child name (".", ".." and mount
 * points included). A symlink is followed when follow is set: the walk
 * then continues at its target followed by rest, and 1 is returned.
 */
static int walk_component(struct nameidata *nd, const char *name, int len,
			  bool follow, const char *rest)
{
	struct path next;
	struct dentry *d;
	int type = classify(name, len);

	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	d = lookup_one(nd->path.dentry, name, len);
	if (IS_ERR(d))
		return PTR_ERR(d);
	next.mnt = mntget(nd->path.mnt);
	next.dentry = d;
	follow_mount(&next);
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode)) {
		int err = nd_jump_link(nd, next.dentry, rest);

		path_put(&next);
		return err;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * link_path_walk - walk every component of nd->p but the last, which is
 * left in nd->last (LAST_ROOT when the name ends at a "/" or is empty).
 */
int link_path_walk(struct nameidata *nd)
{
	const char *s = nd->p;

	for (;;) {
		const char *name;
		int len = 0, err;
		bool slash;

		while (*s == '/')
			s++;
		if (!*s) {
			nd->last = s;
			nd->last_len = 0;
			nd->last_type = LAST_ROOT;
			nd->last_slash = false;
			nd->p = s;
			return 0;
		}
		name = s;
		while (s[len] && s[len] != '/')
			len++;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		s += len;
		slash = *s == '/';
		while (*s == '/')
			s++;
		if (!*s) {
			nd->last = name;
			nd->last_len = len;
			nd->last_type = classify(name, len);
			nd->last_slash = slash;
			nd->p = s;
			return 0;
		}
		err = may_lookup(nd);
		if (err)
			return err;
		err = walk_component(nd, name, len, true, s);
		if (err < 0)
			return err;
		if (err == 1) {
			s = nd->p;
			continue;
		}
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
	}
}

/*
 * lookup_last - resolve the final component left by link_path_walk().
 * Returns 0, 1 when it was a symlink now to be walked, or -err.
 */
int lookup_last(struct nameidata *nd)
{
	bool follow = (nd->flags & LOOKUP_FOLLOW) || nd->last_slash;
	int err;

	if (nd->last_type == LAST_ROOT || nd->last_type == LAST_DOT)
		return 0;
	if (nd->last_type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	err = may_lookup(nd);
	if (err)
		return err;
	return walk_component(nd, nd->last, nd->last_len, follow,
			      nd->last_slash ? "/" : "");
}

/**
 * at_lookup_flags - the LOOKUP_* flags a call's AT_* flags ask for: a
 * final symlink followed unless AT_SYMLINK_NOFOLLOW, "" meaning dfd
 * itself with AT_EMPTY_PATH, AT_NO_AUTOMOUNT passed on. The caller has
 * refused the AT_* flags it does not take. No lock; does not sleep.
 */
unsigned int at_lookup_flags(unsigned int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;

	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_NO_AUTOMOUNT)
		lookup |= LOOKUP_NO_AUTOMOUNT;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	return lookup;
}

/*
 * filename_lookup - resolve name (a kernel string) relative to dfd.
 * On success *p holds references the caller drops with path_put().
 */
int filename_lookup(int dfd, const char *name, unsigned int flags,
		    struct path *p)
{
	struct nameidata nd;
	int err;

	mutex_lock(&vfs_lock);
	err = path_init(&nd, dfd, name, flags);
	while (!err) {
		err = link_path_walk(&nd);
		if (!err)
			err = lookup_last(&nd);
		if (err != 1)
			break;
		err = 0;
	}
	if (!err && (nd.last_slash || (flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(nd.path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*p = nd.path;
		nd.path = (struct path){ NULL, NULL };
	}
	nd_cleanup(&nd);
	mutex_unlock(&vfs_lock);
	return err;
}

/* kern_path - filename_lookup() relative to the cwd. */
int kern_path(const char *name, unsigned int flags, struct path *p)
{
	return filename_lookup(AT_FDCWD, name, flags, p);
}

/* user_path_at - filename_lookup() of a user-space name. */
int user_path_at(int dfd, const char __user *name, unsigned int flags,
		 struct path *p)
{
	char *s = getname_flags(name, flags & LOOKUP_EMPTY);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	err = filename_lookup(dfd, s, flags, p);
	kfree(s);
	return err;
}

/*
 * vfs_readlink - the text of symlink d into buf (not NUL-terminated):
 * its length, or -EINVAL when d is not a symlink.
 */
long vfs_readlink(struct dentry *d, char *buf, size_t len)
{
	struct inode *i = d->d_inode;

	if (!S_ISLNK(i->i_mode))
		return -EINVAL;
	if (i->i_op && i->i_op->readlink)
		return i->i_op->readlink(d, buf, len);
	if (i->i_op && i->i_op->get_path) {
		struct path p;
		int err = i->i_op->get_path(d, &p);

		return err ? err : path_readlink(&p, buf, len);
	}
	return -EINVAL;
}

/* path_readlink - see fs.h. */
long path_readlink(struct path *p, char *buf, size_t len)
{
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL), *s;
	long n;

	if (!tmp) {
		path_put(p);
		return -ENOMEM;
	}
	s = d_path(p, tmp, PATH_MAX);
	path_put(p);
	n = IS_ERR(s) ? PTR_ERR(s) : (long)MIN(strlen(s), len);
	if (n > 0)
		memcpy(buf, s, n);
	kfree(tmp);
	return n;
}

/*
 * lookup_create - the new, unhashed dentry for the final component of
 * nd, after checking it does not exist and we may create it there.
 * is_dir allows a trailing slash (mkdir). Caller holds vfs_lock.
 */
struct dentry *lookup_create(struct nameidata *nd, bool is_dir)
{
	struct dentry *dir = nd->path.dentry;
	struct dentry *d;
	int err;

	mutex_assert_held(&vfs_lock);
	if (nd->last_type != LAST_NORM)
		return ERR_PTR(-EEXIST);
	err = may_lookup(nd);
	if (err)
		return ERR_PTR(err);
	d = lookup_one(dir, nd->last, nd->last_len);
	if (!IS_ERR(d)) {
		dput(d);
		return ERR_PTR(-EEXIST);
	}
	if (PTR_ERR(d) != -ENOENT)
		return d;
	/* A directory that cannot hold new names (proc): no such entry. */
	if (!dir->d_inode->i_op->create && !dir->d_inode->i_op->mkdir)
		return d;
	if (nd->last_slash && !is_dir)
		return ERR_PTR(-ENOENT);
	if (d_unhashed(dir))
		return ERR_PTR(-ENOENT);
	if (is_mnt_rdonly(nd->path.mnt))
		return ERR_PTR(-EROFS);
	err = inode_permission(dir->d_inode, MAY_WRITE | MAY_EXEC);
	if (err)
		return ERR_PTR(err);
	d = d_alloc(dir, nd->last, nd->last_len);
	return d ? d : ERR_PTR(-ENOMEM);
}

/*
 * parent_walk - lock vfs_lock and walk name up to its last component.
 * On error the lock is dropped and nd cleaned; on success the caller
 * must call parent_done().
 */
int parent_walk(struct nameidata *nd, int dfd, const char *name)
{
	int err;

	mutex_lock(&vfs_lock);
	err = path_init(nd, dfd, name, 0);
	if (!err)
		err = link_path_walk(nd);
	if (err) {
		nd_cleanup(nd);
		mutex_unlock(&vfs_lock);
	}
	return err;
}

/* parent_done - end of a parent_walk() section. */
void parent_done(struct nameidata *nd)
{
	nd_cleanup(nd);
	mutex_unlock(&vfs_lock);
}
