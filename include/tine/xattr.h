/*
 * Extended attributes (fs/xattr.c): name/value pairs beside a file's
 * data, in namespaces named by a prefix ("user.", "trusted.",
 * "security.", "system."). The VFS checks names, sizes and permissions
 * as Linux 6.1 does; a filesystem that keeps attributes lists handlers
 * in sb->s_xattr, one per prefix it supports. In-memory filesystems
 * (tmpfs) keep them on the inode with the simple_xattr_* helpers.
 */
#ifndef TINE_XATTR_H
#define TINE_XATTR_H

#include <tine/types.h>

#define XATTR_CREATE 0x1		/* fail if it exists (EEXIST) */
#define XATTR_REPLACE 0x2		/* fail if it does not (ENODATA) */

#define XATTR_NAME_MAX 255		/* bytes of a name, prefix included */
#define XATTR_SIZE_MAX 65536		/* bytes of a value */
#define XATTR_LIST_MAX 65536		/* bytes of a listxattr answer */

#define XATTR_SECURITY_PREFIX "security."
#define XATTR_SYSTEM_PREFIX "system."
#define XATTR_TRUSTED_PREFIX "trusted."
#define XATTR_USER_PREFIX "user."

struct inode;
struct simple_xattrs;

/*
 * One namespace a filesystem supports. name is the whole name (prefix
 * included). get copies the value into buf (a kernel buffer of size
 * bytes; size 0 only asks the length): the length, -ENODATA, -ERANGE.
 * set stores value (NULL: remove) as XATTR_CREATE/REPLACE allow: 0,
 * -EEXIST, -ENODATA, -ENOMEM. Both may sleep; no lock is held.
 */
struct xattr_handler {
	const char *prefix;
	int (*get)(const struct xattr_handler *h, struct inode *i,
		   const char *name, void *buf, size_t size);
	int (*set)(const struct xattr_handler *h, struct inode *i,
		   const char *name, const void *value, size_t size,
		   int flags);
};

/*
 * The in-memory store (i->i_xattrs, created on the first set, freed by
 * simple_xattrs_free() when the inode goes). Its own spinlock; values
 * are copied in and out of kernel buffers only. Any context that may
 * sleep.
 */
int simple_xattr_get(struct inode *i, const char *name, void *buf,
		     size_t size);
int simple_xattr_set(struct inode *i, const char *name, const void *value,
		     size_t size, int flags);
/* The names, each NUL-terminated, into buf (kernel, size bytes; size 0
 * only asks the length), "trusted." ones only with CAP_SYS_ADMIN:
 * the length or -ERANGE. */
ssize_t simple_xattr_list(struct inode *i, char *buf, size_t size);
/* Free i's attributes (the inode is being destroyed). */
void simple_xattrs_free(struct inode *i);

/* tmpfs's handlers (security., trusted.), as Linux 6.1's shmem. */
extern const struct xattr_handler *const simple_xattr_handlers[];

#endif
