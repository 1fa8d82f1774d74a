/*
 * Extended attributes: the twelve system calls ({,l,f}{set,get,list,
 * remove}xattr) and the in-memory store tmpfs uses (tine/xattr.h), as
 * Linux 6.1's fs/xattr.c and shmem:
 *
 *   - the name is 1..255 bytes (else ERANGE), a value at most 64 KiB
 *     (E2BIG), flags XATTR_CREATE/XATTR_REPLACE only (EINVAL);
 *   - "user." attributes only on regular files and directories (a
 *     write elsewhere is EPERM, a read ENODATA), with the file's read
 *     or write permission, and in a sticky directory only its owner
 *     writes; "trusted." needs CAP_SYS_ADMIN (EPERM / ENODATA) and is
 *     listed only for it; writing "security." needs CAP_SYS_ADMIN;
 *   - a namespace the filesystem has no handler for is EOPNOTSUPP:
 *     tmpfs (and rootfs, devtmpfs) keep "security." and "trusted."
 *     (Linux 6.1's tmpfs has no "user." attributes: they came in 6.6),
 *     ramfs, procfs, sysfs and the rest keep none.
 *
 * The store: a list of (name, value) per inode under its own spinlock
 * (a leaf); values are built before it is taken and copied out of a
 * kernel buffer after it is dropped, so no user memory is touched and
 * nothing sleeps with it held.
 */
#include <tine/capability.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/list.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/xattr.h>
#include <uapi/errno.h>
#include "internal.h"

#define XATTR_SECURITY_CAPS "security.capability"

struct simple_xattrs {
	spinlock_t lock;
	struct list_head head;		/* [lock] simple_xattr.node */
};

struct simple_xattr {
	struct list_head node;		/* [lock] in simple_xattrs.head */
	char *name;
	size_t size;
	char value[];
};

static bool has_prefix(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/* --- the in-memory store --- */

static struct simple_xattrs *xattrs_of(struct inode *i, bool create)
{
	struct simple_xattrs *x = READ_ONCE(i->i_xattrs), *old;

	if (x || !create)
		return x;
	x = kmalloc(sizeof(*x), 0);
	if (!x)
		return NULL;
	spin_lock_init_ranked(&x->lock, "xattrs", LR_XATTR);
	INIT_LIST_HEAD(&x->head);
	old = __sync_val_compare_and_swap(&i->i_xattrs, NULL, x);
	if (old) {
		kfree(x);
		return old;
	}
	return x;
}

static struct simple_xattr *find_xattr(struct simple_xattrs *x,
				       const char *name)
{
	struct simple_xattr *xa;

	assert_spin_locked(&x->lock);
	list_for_each_entry(xa, &x->head, node)
		if (!strcmp(xa->name, name))
			return xa;
	return NULL;
}

/* simple_xattr_get - see tine/xattr.h. */
int simple_xattr_get(struct inode *i, const char *name, void *buf,
		     size_t size)
{
	struct simple_xattrs *x = xattrs_of(i, false);
	struct simple_xattr *xa;
	int ret = -ENODATA;

	if (!x)
		return -ENODATA;
	spin_lock(&x->lock);
	xa = find_xattr(x, name);
	if (xa) {
		ret = xa->size;
		if (size && size < xa->size)
			ret = -ERANGE;
		else if (size)
			memcpy(buf, xa->value, xa->size);
	}
	spin_unlock(&x->lock);
	return ret;
}

static struct simple_xattr *new_xattr(const char *name, const void *value,
				      size_t size)
{
	struct simple_xattr *xa = kmalloc(sizeof(*xa) + size, 0);

	if (!xa)
		return NULL;
	xa->name = kstrdup(name);
	if (!xa->name) {
		kfree(xa);
		return NULL;
	}
	xa->size = size;
	memcpy(xa->value, value, size);
	return xa;
}

static void free_xattr(struct simple_xattr *xa)
{
	if (xa) {
		kfree(xa->name);
		kfree(xa);
	}
}

/* simple_xattr_set - see tine/xattr.h. */
int simple_xattr_set(struct inode *i, const char *name, const void *value,
		     size_t size, int flags)
{
	struct simple_xattrs *x = xattrs_of(i, value != NULL);
	struct simple_xattr *new = NULL, *old;
	int err = 0;

	if (!x)
		return value ? -ENOMEM : -ENODATA;
	if (value && !(new = new_xattr(name, value, size)))
		return -ENOMEM;
	spin_lock(&x->lock);
	old = find_xattr(x, name);
	if (old && (flags & XATTR_CREATE))
		err = -EEXIST;
	else if (!old && (!value || (flags & XATTR_REPLACE)))
		err = -ENODATA;
	if (err) {
		spin_unlock(&x->lock);
		free_xattr(new);
		return err;
	}
	if (old && new)
		list_replace_init(&old->node, &new->node);
	else if (old)
		list_del(&old->node);
	else
		list_add_tail(&new->node, &x->head);
	spin_unlock(&x->lock);
	free_xattr(old);
	return 0;
}

/* simple_xattr_list - see tine/xattr.h. */
ssize_t simple_xattr_list(struct inode *i, char *buf, size_t size)
{
	struct simple_xattrs *x = xattrs_of(i, false);
	bool trusted = capable(CAP_SYS_ADMIN);
	struct simple_xattr *xa;
	size_t used = 0;
	ssize_t err = 0;

	if (!x)
		return 0;
	spin_lock(&x->lock);
	list_for_each_entry(xa, &x->head, node) {
		size_t len = strlen(xa->name) + 1;

		if (!trusted && has_prefix(xa->name, XATTR_TRUSTED_PREFIX))
			continue;
		if (size && used + len > size) {
			err = -ERANGE;
			break;
		}
		if (size)
			memcpy(buf + used, xa->name, len);
		used += len;
	}
	spin_unlock(&x->lock);
	return err ? err : (ssize_t)used;
}

/* simple_xattrs_free - see tine/xattr.h. */
void simple_xattrs_free(struct inode *i)
{
	struct simple_xattrs *x = i->i_xattrs;
	struct simple_xattr *xa, *n;

	if (!x)
		return;
	list_for_each_entry_safe(xa, n, &x->head, node)
		free_xattr(xa);
	kfree(x);
	i->i_xattrs = NULL;
}

static int simple_handler_get(const struct xattr_handler *h, struct inode *i,
			      const char *name, void *buf, size_t size)
{
	return simple_xattr_get(i, name, buf, size);
}

static int simple_handler_set(const struct xattr_handler *h, struct inode *i,
			      const char *name, const void *value, size_t size,
			      int flags)
{
	return simple_xattr_set(i, name, value, size, flags);
}

static const struct xattr_handler simple_security_handler = {
	.prefix = XATTR_SECURITY_PREFIX,
	.get = simple_handler_get,
	.set = simple_handler_set,
};

static const struct xattr_handler simple_trusted_handler = {
	.prefix = XATTR_TRUSTED_PREFIX,
	.get = simple_handler_get,
	.set = simple_handler_set,
};

const struct xattr_handler *const simple_xattr_handlers[] = {
	&simple_security_handler,
	&simple_trusted_handler,
	NULL,
};

/* --- the VFS side --- */

/*
 * The handler of i's filesystem for name: -EOPNOTSUPP if none has its
 * prefix, -EINVAL for a bare prefix ("user.").
 */
static const struct xattr_handler *xattr_resolve(struct inode *i,
						 const char *name)
{
	const struct xattr_handler *const *h = i->i_sb ? i->i_sb->s_xattr
						      : NULL;

	for (; h && *h; h++) {
		if (!has_prefix(name, (*h)->prefix))
			continue;
		if (!name[strlen((*h)->prefix)])
			return ERR_PTR(-EINVAL);
		return *h;
	}
	return ERR_PTR(-EOPNOTSUPP);
}

/*
 * May current read (MAY_READ) or write (MAY_WRITE) name of i? Linux's
 * xattr_permission(): 0, -EPERM, -ENODATA (an attribute the caller may
 * not see) or the file's own permission error.
 */
static int xattr_permission(struct inode *i, const char *name, int mask)
{
	bool write = mask & MAY_WRITE;

	if (has_prefix(name, XATTR_SECURITY_PREFIX) ||
	    has_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;
	if (has_prefix(name, XATTR_TRUSTED_PREFIX))
		return capable(CAP_SYS_ADMIN) ? 0 : write ? -EPERM : -ENODATA;
	if (has_prefix(name, XATTR_USER_PREFIX)) {
		if (!S_ISREG(i->i_mode) && !S_ISDIR(i->i_mode))
			return write ? -EPERM : -ENODATA;
		if (S_ISDIR(i->i_mode) && (i->i_mode & S_ISVTX) && write &&
		    !inode_owner_or_capable(i))
			return -EPERM;
	}
	return inode_permission(i, mask);
}

/* Change (value) or remove (NULL) name of i: the checks, then the
 * filesystem. 0 or -errno. */
static int vfs_setxattr(struct inode *i, const char *name, const void *value,
			size_t size, int flags)
{
	const struct xattr_handler *h;
	int err = xattr_permission(i, name, MAY_WRITE);

	if (err)
		return err;
	/* The LSM's word (Linux's cap_inode_setxattr): security.* is
	 * CAP_SYS_ADMIN's. */
	if (has_prefix(name, XATTR_SECURITY_PREFIX) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	/* FIXME: no file capabilities: exec would ignore them. */
	if (!strcmp(name, XATTR_SECURITY_CAPS))
		return -EOPNOTSUPP;
	h = xattr_resolve(i, name);
	if (IS_ERR(h))
		return PTR_ERR(h);
	mutex_lock(&i->i_lock);
	err = h->set(h, i, name, value, size, flags);
	mutex_unlock(&i->i_lock);
	if (!err)
		i->i_ctime = current_time();
	return err;
}

/* Read name of i into buf (size 0: only its length). */
static int vfs_getxattr(struct inode *i, const char *name, void *buf,
			size_t size)
{
	const struct xattr_handler *h;
	int err = xattr_permission(i, name, MAY_READ);

	if (err)
		return err;
	h = xattr_resolve(i, name);
	if (IS_ERR(h))
		return PTR_ERR(h);
	return h->get(h, i, name, buf, size);
}

/* Copy the attribute name in: its length, or -ERANGE (empty or too
 * long) or -EFAULT. */
static int copy_xattr_name(char *kname, const char __user *uname)
{
	long n = strncpy_from_user(kname, uname, XATTR_NAME_MAX + 1);

	if (n == 0 || n == XATTR_NAME_MAX + 1)
		return -ERANGE;
	return n < 0 ? (int)n : 0;
}

/* Does path p sit on a mount or filesystem mounted read-only? */
static bool path_rdonly(const struct path *p)
{
	return is_mnt_rdonly(p->mnt) || (p->mnt->mnt_sb->s_flags & MS_RDONLY);
}

/* setxattr on p once the path is known (Linux's setxattr()). */
static long setxattr_path(const struct path *p, const char __user *uname,
			  const void __user *uvalue, size_t size, int flags)
{
	char kname[XATTR_NAME_MAX + 1];
	void *kvalue = NULL;
	long err;

	if (path_rdonly(p))
		return -EROFS;
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = copy_xattr_name(kname, uname);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	/* An empty value is an empty attribute, never a removal. */
	kvalue = kmalloc(size ? size : 1, 0);
	if (!kvalue)
		return -ENOMEM;
	err = -EFAULT;
	if (size && copy_from_user(kvalue, uvalue, size))
		goto out;
	err = vfs_setxattr(p->dentry->d_inode, kname, kvalue, size, flags);
out:
	kfree(kvalue);
	return err;
}

/* getxattr on p: the value's length (copied to uvalue if size). */
static long getxattr_path(const struct path *p, const char __user *uname,
			  void __user *uvalue, size_t size)
{
	char kname[XATTR_NAME_MAX + 1];
	void *kvalue = NULL;
	long err = copy_xattr_name(kname, uname);

	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		size = XATTR_SIZE_MAX;
	if (size && !(kvalue = kzalloc(size)))
		return -ENOMEM;
	err = vfs_getxattr(p->dentry->d_inode, kname, kvalue, size);
	if (err > 0 && size && copy_to_user(uvalue, kvalue, err))
		err = -EFAULT;
	else if (err == -ERANGE && size >= XATTR_SIZE_MAX)
		err = -E2BIG;
	kfree(kvalue);
	return err;
}

/* listxattr on p: the names' total length (copied if size). */
static long listxattr_path(const struct path *p, char __user *ulist,
			   size_t size)
{
	struct inode *i = p->dentry->d_inode;
	char *klist = NULL;
	long err = 0;

	if (size > XATTR_LIST_MAX)
		size = XATTR_LIST_MAX;
	if (size && !(klist = kmalloc(size, 0)))
		return -ENOMEM;
	/* A filesystem without attributes lists none (no LSM adds any). */
	if (i->i_sb && i->i_sb->s_xattr)
		err = simple_xattr_list(i, klist, size);
	if (err > 0 && size && copy_to_user(ulist, klist, err))
		err = -EFAULT;
	else if (err == -ERANGE && size >= XATTR_LIST_MAX)
		err = -E2BIG;
	kfree(klist);
	return err;
}

static long removexattr_path(const struct path *p, const char __user *uname)
{
	char kname[XATTR_NAME_MAX + 1];
	long err;

	if (path_rdonly(p))
		return -EROFS;
	err = copy_xattr_name(kname, uname);
	if (err)
		return err;
	return vfs_setxattr(p->dentry->d_inode, kname, NULL, 0, XATTR_REPLACE);
}

/* The four operations by path (l*: the link itself) or by fd. */
enum xattr_op { XA_SET, XA_GET, XA_LIST, XA_REMOVE };

struct xattr_args {
	enum xattr_op op;
	const char __user *name;
	void __user *value;		/* the list for XA_LIST */
	size_t size;
	int flags;
};

static long xattr_do(const struct path *p, const struct xattr_args *a)
{
	switch (a->op) {
	case XA_SET:
		return setxattr_path(p, a->name, a->value, a->size, a->flags);
	case XA_GET:
		return getxattr_path(p, a->name, a->value, a->size);
	case XA_LIST:
		return listxattr_path(p, a->value, a->size);
	default:
		return removexattr_path(p, a->name);
	}
}

static long xattr_at(const char __user *pathname, unsigned int lookup,
		     const struct xattr_args *a)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, pathname, lookup, &p);

	if (err)
		return err;
	err = xattr_do(&p, a);
	path_put(&p);
	return err;
}

static long xattr_fd(int fd, const struct xattr_args *a)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = xattr_do(&f->f_path, a);
	fput(f);
	return err;
}

#define XA(o, n, v, s, fl) (&(struct xattr_args){ o, n, v, s, fl })

static long sys_setxattr(const char __user *path, const char __user *name,
			 const void __user *value, size_t size, int flags)
{
	return xattr_at(path, LOOKUP_FOLLOW,
			XA(XA_SET, name, (void __user *)value, size, flags));
}
SYSCALL_ENTRY(setxattr, sys_setxattr);

static long sys_lsetxattr(const char __user *path, const char __user *name,
			  const void __user *value, size_t size, int flags)
{
	return xattr_at(path, 0,
			XA(XA_SET, name, (void __user *)value, size, flags));
}
SYSCALL_ENTRY(lsetxattr, sys_lsetxattr);

static long sys_fsetxattr(int fd, const char __user *name,
			  const void __user *value, size_t size, int flags)
{
	return xattr_fd(fd, XA(XA_SET, name, (void __user *)value, size,
			       flags));
}
SYSCALL_ENTRY(fsetxattr, sys_fsetxattr);

static long sys_getxattr(const char __user *path, const char __user *name,
			 void __user *value, size_t size)
{
	return xattr_at(path, LOOKUP_FOLLOW, XA(XA_GET, name, value, size, 0));
}
SYSCALL_ENTRY(getxattr, sys_getxattr);

static long sys_lgetxattr(const char __user *path, const char __user *name,
			  void __user *value, size_t size)
{
	return xattr_at(path, 0, XA(XA_GET, name, value, size, 0));
}
SYSCALL_ENTRY(lgetxattr, sys_lgetxattr);

static long sys_fgetxattr(int fd, const char __user *name,
			  void __user *value, size_t size)
{
	return xattr_fd(fd, XA(XA_GET, name, value, size, 0));
}
SYSCALL_ENTRY(fgetxattr, sys_fgetxattr);

static long sys_listxattr(const char __user *path, char __user *list,
			  size_t size)
{
	return xattr_at(path, LOOKUP_FOLLOW, XA(XA_LIST, NULL, list, size, 0));
}
SYSCALL_ENTRY(listxattr, sys_listxattr);

static long sys_llistxattr(const char __user *path, char __user *list,
			   size_t size)
{
	return xattr_at(path, 0, XA(XA_LIST, NULL, list, size, 0));
}
SYSCALL_ENTRY(llistxattr, sys_llistxattr);

static long sys_flistxattr(int fd, char __user *list, size_t size)
{
	return xattr_fd(fd, XA(XA_LIST, NULL, list, size, 0));
}
SYSCALL_ENTRY(flistxattr, sys_flistxattr);

static long sys_removexattr(const char __user *path, const char __user *name)
{
	return xattr_at(path, LOOKUP_FOLLOW, XA(XA_REMOVE, name, NULL, 0, 0));
}
SYSCALL_ENTRY(removexattr, sys_removexattr);

static long sys_lremovexattr(const char __user *path, const char __user *name)
{
	return xattr_at(path, 0, XA(XA_REMOVE, name, NULL, 0, 0));
}
SYSCALL_ENTRY(lremovexattr, sys_lremovexattr);

static long sys_fremovexattr(int fd, const char __user *name)
{
	return xattr_fd(fd, XA(XA_REMOVE, name, NULL, 0, 0));
}
SYSCALL_ENTRY(fremovexattr, sys_fremovexattr);
