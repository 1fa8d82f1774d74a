/*
 * Opening files, and the attribute-changing system calls: open,
 * openat, creat, chdir, fchdir, getcwd, access, chmod, chown, truncate
 * (utimensat and the other time setters are in fs/utimes.c).
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mount.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

/* build_fmode - FMODE_* for the access mode of open flags. */
int build_fmode(int flags)
{
	int mode = FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;

	if (flags & O_PATH)
		return FMODE_PATH;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		mode |= FMODE_READ;
		break;
	case O_WRONLY:
		mode |= FMODE_WRITE;
		break;
	case O_RDWR:
		mode |= FMODE_READ | FMODE_WRITE;
		break;
	}
	return mode;
}

/* MAY_* needed to open with flags (O_TRUNC needs write). */
static int open_acc_mode(int flags)
{
	int acc = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		acc |= MAY_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		acc |= MAY_WRITE;
	if ((flags & O_ACCMODE) == 3)
		acc = MAY_READ | MAY_WRITE;
	if (flags & O_TRUNC)
		acc |= MAY_WRITE;
	if (flags & O_APPEND && (acc & MAY_WRITE))
		acc |= MAY_APPEND;
	return acc;
}

/*
 * may_open - can the object at p be opened with acc (MAY_*)? With
 * MAY_EXEC (execve) only a regular file on a mount without noexec will
 * do, and this is decided before anything is opened: a FIFO would wait
 * for a writer, a device would run its driver's open.
 */
static int may_open(struct path *p, int acc, int flags)
{
	struct inode *i = p->dentry->d_inode;
	int err;

	switch (i->i_mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc & MAY_WRITE)
			return -EISDIR;
		if (acc & MAY_EXEC)
			return -EACCES;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if (!may_open_dev(p))
			return -EACCES;
		/* fall through */
	case S_IFIFO:
	case S_IFSOCK:
		if (acc & MAY_EXEC)
			return -EACCES;
		break;
	case S_IFREG:
		if ((acc & MAY_EXEC) && path_noexec(p))
			return -EACCES;
		break;
	}
	if ((acc & MAY_WRITE) && is_mnt_rdonly(p->mnt) &&
	    (S_ISREG(i->i_mode) || S_ISDIR(i->i_mode)))
		return -EROFS;
	err = inode_permission(i, acc & (MAY_READ | MAY_WRITE | MAY_EXEC));
	if (err)
		return err;
	/* Not updating atime is for the owner (or CAP_FOWNER). */
	if ((flags & O_NOATIME) && !inode_owner_or_capable(i))
		return -EPERM;
	return 0;
}

static int open_truncate(struct path *p)
{
	struct iattr ia = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME,
			    .ia_size = 0 };
	int err;

	ia.ia_valid |= should_remove_suid(p->dentry->d_inode);
	mutex_lock(&vfs_lock);
	err = notify_change(p->dentry, &ia);
	mutex_unlock(&vfs_lock);
	return err;
}

/*
 * Make the open file for p (already checked). A regular file opened for
 * writing takes write access first, and an O_TRUNC takes it for the
 * truncate even with O_RDONLY (Linux's handle_truncate), so that neither
 * a write nor a truncate reaches a program being executed: -ETXTBSY.
 */
static struct file *finish_open(struct path *p, int flags, bool truncate)
{
	struct inode *i = p->dentry->d_inode;
	bool writer = S_ISREG(i->i_mode) && (build_fmode(flags) & FMODE_WRITE);
	struct file *f;
	int err;

	truncate = truncate && S_ISREG(i->i_mode);
	if (writer || truncate) {
		err = get_write_access(i);
		if (err)
			return ERR_PTR(err);
		/* Counted on the mount: it cannot go read-only now. */
		err = mnt_want_write(p->mnt);
		if (err) {
			put_write_access(i);
			return ERR_PTR(err);
		}
	}
	if (truncate) {
		err = open_truncate(p);
		if (!writer)
			put_write_access(i);	/* held for the truncate only */
		if (err)
			goto out_put_write;
	}
	f = alloc_file(p, flags, i->i_fop ? i->i_fop : &empty_fops);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto out_put_write;
	}
	if (writer)
		f->f_mode |= FMODE_WRITER;	/* __fput puts it back */
	/* ->open sees O_TRUNC (tracefs empties its buffer on it) and
	 * O_NOCTTY (a tty), as on Linux, where do_dentry_open() clears
	 * them only afterwards. */
	f->f_flags |= flags & (O_TRUNC | O_NOCTTY);
	if (f->f_op->open) {
		err = f->f_op->open(i, f);
		if (err) {
			f->f_mode |= FMODE_PATH;	/* no release */
			fput(f);
			return ERR_PTR(err);
		}
	}
	f->f_flags &= ~(O_TRUNC | O_NOCTTY);
	fsnotify_open(f);
	return f;

out_put_write:
	if (writer) {
		mnt_drop_write(p->mnt);
		put_write_access(i);
	}
	return ERR_PTR(err);
}

/*
 * open_exec_path - open the program at p for execve (Linux's
 * do_open_execat): a regular file on a mount without noexec that the
 * caller may execute, read permission or not; with writes denied while
 * the file is held (-ETXTBSY if it is open for writing): give it back
 * with allow_write_access() before fput(). Returns the file or ERR_PTR.
 */
struct file *open_exec_path(struct path *p)
{
	struct file *f;
	int err;

	err = may_open(p, MAY_EXEC, O_RDONLY);
	if (err)
		return ERR_PTR(err);
	f = finish_open(p, O_RDONLY | O_LARGEFILE, false);
	if (IS_ERR(f))
		return f;
	f->f_mode |= FMODE_EXEC;
	err = deny_write_access(f);
	if (err) {
		fput(f);
		return ERR_PTR(err);
	}
	return f;
}

/*
 * do_open - open the object at p (the walk's result). created says the
 * open just made it (no permission check, no truncate).
 */
struct file *do_open(struct path *p, int flags, bool created)
{
	struct inode *i = p->dentry->d_inode;
	int err;

	if (flags & O_PATH) {
		if ((flags & O_DIRECTORY) && !S_ISDIR(i->i_mode))
			return ERR_PTR(-ENOTDIR);
		return alloc_file(p, flags, &empty_fops);
	}
	if ((flags & O_CREAT) && S_ISDIR(i->i_mode))
		return ERR_PTR(-EISDIR);
	if (S_ISSOCK(i->i_mode))
		return ERR_PTR(-ENXIO);	/* sockets are reached by connect() */
	if ((flags & O_DIRECTORY) && !S_ISDIR(i->i_mode))
		return ERR_PTR(S_ISLNK(i->i_mode) ? -ELOOP : -ENOTDIR);
	if (!created) {
		err = may_open(p, open_acc_mode(flags), flags);
		if (err)
			return ERR_PTR(err);
	}
	return finish_open(p, flags, !created && (flags & O_TRUNC));
}

/* Create a regular file at the final component of nd. */
static int open_create(struct nameidata *nd, mode_t mode)
{
	struct inode *dir = nd->path.dentry->d_inode;
	struct dentry *d;
	struct path p;
	int err;

	if (d_unhashed(nd->path.dentry) || !dir->i_op->create)
		return -ENOENT;
	if (is_mnt_rdonly(nd->path.mnt))
		return -EROFS;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	d = d_alloc(nd->path.dentry, nd->last, nd->last_len);
	if (!d)
		return -ENOMEM;
	err = dir->i_op->create(dir, d,
				S_IFREG | (mode & 07777 & ~current_umask()), 0);
	if (err) {
		dput(d);
		return err;
	}
	fsnotify_create(dir, d);
	p.mnt = mntget(nd->path.mnt);
	p.dentry = d;
	path_put(&nd->path);
	nd->path = p;
	return 0;
}

/*
 * The final component of an open: look it up (following a symlink
 * unless O_NOFOLLOW, or O_CREAT|O_EXCL), creating it for O_CREAT.
 * Returns 0, 1 to walk a symlink's target, or -err.
 */
static int open_last(struct nameidata *nd, int flags, mode_t mode,
		     bool *created)
{
	struct dentry *d;
	struct path next;
	int err;

	if (!(flags & O_CREAT)) {
		if (!(flags & O_NOFOLLOW))
			nd->flags |= LOOKUP_FOLLOW;
		return lookup_last(nd);
	}
	if (nd->last_type != LAST_NORM || nd->last_slash)
		return -EISDIR;
	err = inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
	if (err)
		return err;
	d = lookup_one(nd->path.dentry, nd->last, nd->last_len);
	if (IS_ERR(d)) {
		if (PTR_ERR(d) != -ENOENT)
			return PTR_ERR(d);
		err = open_create(nd, mode);
		if (!err)
			*created = true;
		return err;
	}
	if (flags & O_EXCL) {
		dput(d);
		return -EEXIST;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = d;
	follow_mount(&next);
	if (S_ISLNK(next.dentry->d_inode->i_mode) && !(flags & O_NOFOLLOW)) {
		path_put(&next);
		nd->flags |= LOOKUP_FOLLOW;
		return lookup_last(nd);
	}
	err = may_create_in_sticky(nd->path.dentry->d_inode,
				   next.dentry->d_inode);
	if (err) {
		path_put(&next);
		return err;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * O_TMPFILE: an unnamed regular file in the directory name, which
 * linkat(fd, "", ..., AT_EMPTY_PATH) may give a name later (unless
 * O_EXCL).
 */
static struct file *do_tmpfile(int dfd, const char *name, int flags,
			       mode_t mode)
{
	struct path dir;
	struct dentry *d;
	struct inode *di;
	struct file *f;
	int err = filename_lookup(dfd, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
				  &dir);

	if (err)
		return ERR_PTR(err);
	di = dir.dentry->d_inode;
	err = inode_permission(di, MAY_WRITE | MAY_EXEC);
	if (!err && !di->i_op->tmpfile)
		err = -EOPNOTSUPP;
	if (!err && is_mnt_rdonly(dir.mnt))
		err = -EROFS;
	d = err ? NULL : d_alloc(dir.dentry, "#tmpfile", 8);
	if (!err && !d)
		err = -ENOMEM;
	if (!err)
		err = di->i_op->tmpfile(di, d, S_IFREG |
					(mode & 07777 & ~current_umask()));
	if (err) {
		dput(d);
		path_put(&dir);
		return ERR_PTR(err);
	}
	if (!(flags & O_EXCL))
		d->d_inode->i_state |= I_LINKABLE;
	path_put(&dir);
	dir.mnt = mntget(dir.mnt);
	dir.dentry = d;
	f = do_open(&dir, flags & ~(O_TMPFILE & ~O_DIRECTORY) & ~O_DIRECTORY,
		    true);
	path_put(&dir);
	return f;
}

/*
 * do_filp_open - open name (a kernel string) relative to dfd with open
 * flags and creation mode. Returns the file or ERR_PTR. May sleep (a
 * FIFO waits for its other end).
 */
struct file *do_filp_open(int dfd, const char *name, int flags, mode_t mode)
{
	struct nameidata nd;
	struct path p;
	bool created = false;
	struct file *f;
	int err;

	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return do_tmpfile(dfd, name, flags, mode);
	mutex_lock(&vfs_lock);
	err = path_init(&nd, dfd, name, 0);
	while (!err) {
		err = link_path_walk(&nd);
		if (!err)
			err = open_last(&nd, flags, mode, &created);
		if (err != 1)
			break;
		err = 0;
	}
	if (!err && nd.last_slash && !S_ISDIR(nd.path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err) {
		p = nd.path;
		nd.path = (struct path){ NULL, NULL };
	}
	nd_cleanup(&nd);
	mutex_unlock(&vfs_lock);
	if (err)
		return ERR_PTR(err);
	f = do_open(&p, flags, created);
	path_put(&p);
	return f;
}

/* filp_open - do_filp_open() relative to the cwd, for the kernel. */
struct file *filp_open(const char *path, int flags, mode_t mode)
{
	return do_filp_open(AT_FDCWD, path, flags | O_LARGEFILE, mode);
}

/* dentry_open - open an already-resolved path. */
struct file *dentry_open(const struct path *p, int flags)
{
	struct path tmp = *p;

	return do_open(&tmp, flags, false);
}

static long do_sys_open(int dfd, const char __user *name, int flags,
			mode_t mode)
{
	char *s;
	struct file *f;
	int fd;

	if ((flags & O_TMPFILE) == O_TMPFILE &&
	    ((flags & O_ACCMODE) == O_RDONLY || (flags & O_CREAT)))
		return -EINVAL;
	s = getname(name);
	if (IS_ERR(s))
		return PTR_ERR(s);
	fd = get_unused_fd_flags(flags);
	if (fd >= 0) {
		f = do_filp_open(dfd, s, flags | O_LARGEFILE, mode);
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	kfree(s);
	return fd;
}

static long sys_open(const char __user *name, int flags, unsigned int mode)
{
	return do_sys_open(AT_FDCWD, name, flags, mode);
}
SYSCALL_ENTRY(open, sys_open);

static long sys_openat(int dfd, const char __user *name, int flags,
		       unsigned int mode)
{
	return do_sys_open(dfd, name, flags, mode);
}
SYSCALL_ENTRY(openat, sys_openat);

static long sys_creat(const char __user *name, unsigned int mode)
{
	return do_sys_open(AT_FDCWD, name, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
SYSCALL_ENTRY(creat, sys_creat);

static long sys_chdir(const char __user *name)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, name,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(current->fs, &p);
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(chdir, sys_chdir);

static long sys_fchdir(unsigned int fd)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	err = -ENOTDIR;
	if (S_ISDIR(f->f_inode->i_mode))
		err = inode_permission(f->f_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(current->fs, &f->f_path);
	fput(f);
	return err;
}
SYSCALL_ENTRY(fchdir, sys_fchdir);

static long sys_getcwd(char __user *buf, unsigned long size)
{
	struct path pwd, root;
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);
	char *cwd;
	long len;

	if (!page)
		return -ENOMEM;
	get_fs_root(current->fs, &root);
	get_fs_pwd(current->fs, &pwd);
	len = -ENOENT;
	if (!d_unhashed(pwd.dentry)) {
		cwd = d_absolute_path(&pwd, &root, page, PATH_MAX);
		len = IS_ERR(cwd) ? PTR_ERR(cwd) : (long)strlen(cwd) + 1;
		if (len > 0 && (unsigned long)len > size)
			len = -ERANGE;
		else if (len > 0 && copy_to_user(buf, cwd, len))
			len = -EFAULT;
	}
	path_put(&pwd);
	path_put(&root);
	kfree(page);
	return len;
}
SYSCALL_ENTRY(getcwd, sys_getcwd);

/*
 * access(2) asks with the real ids: credentials whose fsuid/fsgid are
 * the real ones, and whose capabilities are root's only if the real uid
 * is root (unless SECURE_NO_SETUID_FIXUP), as Linux.
 */
static const struct cred *access_override_creds(void)
{
	struct cred *c = prepare_creds();
	const struct cred *old;

	if (!c)
		return NULL;
	c->fsuid = c->uid;
	c->fsgid = c->gid;
	if (!(c->securebits & SECBIT_NO_SETUID_FIXUP)) {
		if (uid_eq(c->uid, make_kuid(c->user_ns, 0)))
			c->cap_effective = c->cap_permitted;
		else
			c->cap_effective = CAP_EMPTY_SET;
	}
	old = override_creds(c);
	put_cred(c);	/* override_creds() took its own reference */
	return old;
}

static long do_faccessat(int dfd, const char __user *name, int mode,
			 int flags)
{
	const struct cred *old = NULL;
	struct path p;
	unsigned int lf = at_lookup_flags(flags);
	int mask = 0;
	long err;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		old = access_override_creds();
		if (!old)
			return -ENOMEM;
	}
	err = user_path_at(dfd, name, lf, &p);
	if (err)
		goto out;
	if (mode & R_OK)
		mask |= MAY_READ;
	if (mode & W_OK)
		mask |= MAY_WRITE;
	if (mode & X_OK)
		mask |= MAY_EXEC;
	err = inode_permission(p.dentry->d_inode, mask);
	if (!err && (mode & W_OK) && is_mnt_rdonly(p.mnt))
		err = -EROFS;
	path_put(&p);
out:
	if (old)
		revert_creds(old);
	return err;
}

static long sys_faccessat2(int dfd, const char __user *name, int mode,
			   int flags)
{
	return do_faccessat(dfd, name, mode, flags);
}
SYSCALL_ENTRY(faccessat2, sys_faccessat2);

static long sys_faccessat(int dfd, const char __user *name, int mode)
{
	return do_faccessat(dfd, name, mode, 0);
}
SYSCALL_ENTRY(faccessat, sys_faccessat);

static long sys_access(const char __user *name, int mode)
{
	return do_faccessat(AT_FDCWD, name, mode, 0);
}
SYSCALL_ENTRY(access, sys_access);

/*
 * path_setattr - apply the attribute changes ia to p's inode
 * (notify_change()). 0, -EROFS (a read-only mount) or the filesystem's
 * -errno. Takes vfs_lock; may sleep.
 */
int path_setattr(const struct path *p, struct iattr *ia)
{
	int err;

	if (is_mnt_rdonly(p->mnt))
		return -EROFS;
	mutex_lock(&vfs_lock);
	err = notify_change(p->dentry, ia);
	mutex_unlock(&vfs_lock);
	return err;
}

/*
 * chmod: the owner or CAP_FOWNER; the set-group-ID bit only for a member
 * of the file's group or with CAP_FSETID (else silently dropped).
 */
static int chmod_common(const struct path *p, mode_t mode)
{
	struct inode *i = p->dentry->d_inode;
	struct iattr ia = { .ia_valid = ATTR_MODE };

	if (!inode_owner_or_capable(i))
		return -EPERM;
	mode &= 07777;
	if (!in_group_p(i->i_gid) && !capable_wrt_inode_uidgid(i, CAP_FSETID))
		mode &= ~S_ISGID;
	ia.ia_mode = mode;
	return path_setattr(p, &ia);
}

static long do_fchmodat(int dfd, const char __user *name, mode_t mode,
			unsigned int lf)
{
	struct path p;
	long err = user_path_at(dfd, name, lf, &p);

	if (err)
		return err;
	err = chmod_common(&p, mode);
	path_put(&p);
	return err;
}

static long sys_fchmodat(int dfd, const char __user *name, unsigned int mode)
{
	return do_fchmodat(dfd, name, mode, LOOKUP_FOLLOW);
}
SYSCALL_ENTRY(fchmodat, sys_fchmodat);

static long sys_chmod(const char __user *name, unsigned int mode)
{
	return do_fchmodat(AT_FDCWD, name, mode, LOOKUP_FOLLOW);
}
SYSCALL_ENTRY(chmod, sys_chmod);

static long sys_fchmod(unsigned int fd, unsigned int mode)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chmod_common(&f->f_path, mode);
	fput(f);
	return err;
}
SYSCALL_ENTRY(fchmod, sys_fchmod);

/* May current give i to uid: its owner keeping it, or CAP_CHOWN where
 * i's owner and group are mapped. */
static bool chown_ok(struct inode *i, kuid_t uid)
{
	if (uid_eq(current_fsuid(), i->i_uid) && uid_eq(uid, i->i_uid))
		return true;
	return capable_wrt_inode_uidgid(i, CAP_CHOWN);
}

/* ... or i's group to gid: its owner, to a group it is in. */
static bool chgrp_ok(struct inode *i, kgid_t gid)
{
	if (uid_eq(current_fsuid(), i->i_uid) &&
	    (in_group_p(gid) || gid_eq(gid, i->i_gid)))
		return true;
	return capable_wrt_inode_uidgid(i, CAP_CHOWN);
}

/*
 * chown: ids in the caller's user namespace (an unmapped one is
 * EINVAL); Linux's chown_ok()/chgrp_ok() rules (EPERM).
 */
static int chown_common(const struct path *p, uid_t user, gid_t group)
{
	struct inode *i = p->dentry->d_inode;
	struct iattr ia = { .ia_valid = ATTR_CTIME };
	kuid_t uid = make_kuid(current_user_ns(), user);
	kgid_t gid = make_kgid(current_user_ns(), group);

	if (user != (uid_t)-1) {
		if (!uid_valid(uid))
			return -EINVAL;
		if (!chown_ok(i, uid))
			return -EPERM;
		ia.ia_valid |= ATTR_UID;
		ia.ia_uid = uid;
	}
	if (group != (gid_t)-1) {
		if (!gid_valid(gid))
			return -EINVAL;
		if (!chgrp_ok(i, gid))
			return -EPERM;
		ia.ia_valid |= ATTR_GID;
		ia.ia_gid = gid;
	}
	/* A change of owner drops set-user-ID (and group-exec set-GID). */
	if (!S_ISDIR(i->i_mode) && (ia.ia_valid & (ATTR_UID | ATTR_GID))) {
		mode_t m = i->i_mode & 07777;

		m &= ~S_ISUID;
		if (m & 010)
			m &= ~S_ISGID;
		if (m != (i->i_mode & 07777)) {
			ia.ia_valid |= ATTR_MODE;
			ia.ia_mode = m;
		}
	}
	return path_setattr(p, &ia);
}

static long do_fchownat(int dfd, const char __user *name, uid_t uid,
			gid_t gid, int flags)
{
	struct path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = chown_common(&p, uid, gid);
	path_put(&p);
	return err;
}

static long sys_fchownat(int dfd, const char __user *name, uid_t uid,
			 gid_t gid, int flags)
{
	return do_fchownat(dfd, name, uid, gid, flags);
}
SYSCALL_ENTRY(fchownat, sys_fchownat);

static long sys_chown(const char __user *name, uid_t uid, gid_t gid)
{
	return do_fchownat(AT_FDCWD, name, uid, gid, 0);
}
SYSCALL_ENTRY(chown, sys_chown);

static long sys_lchown(const char __user *name, uid_t uid, gid_t gid)
{
	return do_fchownat(AT_FDCWD, name, uid, gid, AT_SYMLINK_NOFOLLOW);
}
SYSCALL_ENTRY(lchown, sys_lchown);

static long sys_fchown(unsigned int fd, uid_t uid, gid_t gid)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chown_common(&f->f_path, uid, gid);
	fput(f);
	return err;
}
SYSCALL_ENTRY(fchown, sys_fchown);

/* vfs_truncate - set the size of the regular file at p. */
int vfs_truncate(const struct path *p, off_t len)
{
	struct inode *i = p->dentry->d_inode;
	struct iattr ia = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME,
			    .ia_size = len };

	if (len < 0)
		return -EINVAL;
	if (S_ISDIR(i->i_mode))
		return -EISDIR;
	if (!S_ISREG(i->i_mode))
		return -EINVAL;
	ia.ia_valid |= should_remove_suid(i);
	return path_setattr(p, &ia);
}

static long sys_truncate(const char __user *name, long len)
{
	struct path p;
	long err;

	if (len < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (S_ISDIR(p.dentry->d_inode->i_mode))
		err = -EISDIR;
	else if (!S_ISREG(p.dentry->d_inode->i_mode))
		err = -EINVAL;
	else
		err = mnt_want_write(p.mnt);
	if (err)
		goto out;
	err = inode_permission(p.dentry->d_inode, MAY_WRITE);
	/* Not a program being executed: ETXTBSY, as for open. */
	if (!err)
		err = get_write_access(p.dentry->d_inode);
	if (!err) {
		err = vfs_truncate(&p, len);
		put_write_access(p.dentry->d_inode);
	}
	mnt_drop_write(p.mnt);
out:
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(truncate, sys_truncate);

static long sys_ftruncate(unsigned int fd, long len)
{
	struct file *f;
	long err;

	if (len < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = -EINVAL;
	if (S_ISREG(f->f_inode->i_mode) && (f->f_mode & FMODE_WRITE))
		err = vfs_truncate(&f->f_path, len);
	fput(f);
	return err;
}
SYSCALL_ENTRY(ftruncate, sys_ftruncate);
