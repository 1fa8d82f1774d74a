/*
 * Filesystem contexts: the one way a superblock is made or changed.
 * mount(2) (new mounts and remounts, fs/mount.c) and the new mount API
 * (fsopen, fspick, fsconfig, fsmount: fs/fsopen.c) both gather their
 * parameters in a struct fs_context and act through vfs_get_tree() and
 * reconfigure_super(), as Linux's fs/fs_context.c.
 *
 * Parameters: the VFS takes the superblock flags ("ro", "rw", "sync",
 * ...) and "source" itself; every other key goes to the filesystem, which
 * may check it at once (file_system_type.check_param, so fsconfig()
 * fails on the bad key as Linux does) and gets them all as one option
 * string "key=value,key" when the superblock is made or reconfigured.
 *
 * Refusals are told as Linux tells them (logfc()): in the context's own
 * log, which read() on the fsopen/fspick fd returns, or, for mount(2)'s
 * contexts, in the kernel log.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs_context.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

#define OPTIONS_MAX 4096		/* a page, as mount(2)'s data */

static struct fs_context *alloc_fs_context(struct file_system_type *t,
					   enum fs_context_purpose purpose)
{
	struct fs_context *fc = kzalloc(sizeof(*fc));

	if (!fc)
		return ERR_PTR(-ENOMEM);
	mutex_init(&fc->uapi_mutex);
	fc->fs_type = t;
	fc->purpose = purpose;
	return fc;
}

/*
 * fs_context_for_mount - a context for a new superblock of type t with
 * sb_flags (MS_RDONLY...). ERR_PTR(-ENOMEM). May sleep.
 */
struct fs_context *fs_context_for_mount(struct file_system_type *t,
					unsigned int sb_flags)
{
	struct fs_context *fc = alloc_fs_context(t, FS_CONTEXT_FOR_MOUNT);

	if (!IS_ERR(fc)) {
		fc->sb_flags = sb_flags;
		fc->phase = FS_CONTEXT_CREATE_PARAMS;
	}
	return fc;
}

/*
 * fs_context_for_reconfigure - a context changing the superblock of m
 * (referenced by the context): the flags of sb_flags_mask become those
 * of sb_flags. ERR_PTR(-ENOMEM). May sleep.
 */
struct fs_context *fs_context_for_reconfigure(struct vfsmount *m,
					      unsigned int sb_flags,
					      unsigned int sb_flags_mask)
{
	struct fs_context *fc = alloc_fs_context(m->mnt_sb->s_type,
						 FS_CONTEXT_FOR_RECONFIGURE);

	if (!IS_ERR(fc)) {
		fc->mnt = mntget(m);
		fc->sb_flags = sb_flags;
		fc->sb_flags_mask = sb_flags_mask;
		fc->phase = FS_CONTEXT_RECONF_PARAMS;
	}
	return fc;
}

/* put_fs_context - free fc and what it holds. May sleep. */
void put_fs_context(struct fs_context *fc)
{
	if (fc->mnt)
		mntput(fc->mnt);
	kfree(fc->source);
	kfree(fc->options);
	if (fc->log)
		for (int i = 0; i < FC_LOG_SIZE; i++)
			kfree(fc->log->buffer[i]);
	kfree(fc->log);
	kfree(fc);
}

/* fc_log_alloc - give fc a message log (fsopen, fspick). 0 or -ENOMEM. */
int fc_log_alloc(struct fs_context *fc)
{
	fc->log = kzalloc(sizeof(*fc->log));
	return fc->log ? 0 : -ENOMEM;
}

/* "<level> <prefix>: <text>\n" of a message, kmalloc'd (or NULL). */
static char *fc_log_format(const char *prefix, char level, const char *fmt,
			   va_list ap)
{
	size_t plen = prefix ? strlen(prefix) + 2 : 0;
	va_list aq;
	char *q;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	q = kmalloc(2 + plen + n + 2, GFP_KERNEL);
	if (q) {
		snprintf(q, 3 + plen, "%c %s%s", level, prefix ? prefix : "",
			 prefix ? ": " : "");
		vsnprintf(q + 2 + plen, n + 1, fmt, ap);
		memcpy(q + 2 + plen + n, "\n", 2);
	}
	return q;
}

/*
 * logfc - tell a message about fc: level 'e' (error), 'w' (warning) or
 * 'i' (note), prefix (or NULL) and text. Kept in fc's log if it has
 * one (the ninth drops the oldest), else printed to the kernel log as
 * Linux's mount(2) does. uapi_mutex held when fc has a log; may sleep.
 */
void logfc(struct fs_context *fc, const char *prefix, char level,
	   const char *fmt, ...)
{
	struct fc_log *log = fc->log;
	char *q;
	va_list ap;

	va_start(ap, fmt);
	q = fc_log_format(prefix, level, fmt, ap);
	va_end(ap);
	if (!log) {
		const char *kern = level == 'e' ? KERN_ERR :
				   level == 'w' ? KERN_WARNING : KERN_NOTICE;

		if (q)
			printk("%s%s", kern, q + 2);
		kfree(q);
		return;
	}
	mutex_assert_held(&fc->uapi_mutex);
	if (log->head - log->tail == FC_LOG_SIZE)
		kfree(log->buffer[log->tail++ % FC_LOG_SIZE]);
	log->buffer[log->head++ % FC_LOG_SIZE] = q;
}

/*
 * fc_log_read - read() of an fsopen/fspick fd: the oldest message of
 * fc's log, whole, which leaves the log. -ENODATA if there is none,
 * -EMSGSIZE if it is longer than n (it stays), -EFAULT. Takes
 * uapi_mutex; may sleep.
 */
ssize_t fc_log_read(struct fs_context *fc, char __user *buf, size_t n)
{
	static const char oom[] = "OOM: Can't store error string";
	struct fc_log *log = fc->log;
	const char *p;
	ssize_t ret;
	size_t len;
	char *q;

	mutex_lock(&fc->uapi_mutex);
	ret = -ENODATA;
	if (log->head == log->tail)
		goto out;
	q = log->buffer[log->tail % FC_LOG_SIZE];
	p = q ? q : oom;
	len = strlen(p);
	ret = -EMSGSIZE;
	if (len > n)
		goto out;
	log->buffer[log->tail++ % FC_LOG_SIZE] = NULL;
	mutex_unlock(&fc->uapi_mutex);
	ret = copy_to_user(buf, p, len) ? -EFAULT : (ssize_t)len;
	kfree(q);
	return ret;
out:
	mutex_unlock(&fc->uapi_mutex);
	return ret;
}

/* The superblock flags the VFS takes from a key: 0 (taken) or -ENOENT. */
static int vfs_parse_sb_flag(struct fs_context *fc, const char *key)
{
	static const struct { const char *name; unsigned int flag; bool set; }
	sb_flags[] = {
		{ "dirsync", MS_DIRSYNC, true },
		{ "lazytime", MS_LAZYTIME, true },
		{ "mand", MS_MANDLOCK, true },
		{ "ro", MS_RDONLY, true },
		{ "sync", MS_SYNCHRONOUS, true },
		{ "async", MS_SYNCHRONOUS, false },
		{ "nolazytime", MS_LAZYTIME, false },
		{ "nomand", MS_MANDLOCK, false },
		{ "rw", MS_RDONLY, false },
	};
	size_t n;

	for (n = 0; n < ARRAY_SIZE(sb_flags); n++) {
		if (strcmp(key, sb_flags[n].name))
			continue;
		if (sb_flags[n].set)
			fc->sb_flags |= sb_flags[n].flag;
		else
			fc->sb_flags &= ~sb_flags[n].flag;
		fc->sb_flags_mask |= sb_flags[n].flag;
		return 0;
	}
	return -ENOENT;
}

/* Add key[=value] to fc's option string: 0, -EINVAL (too long), -ENOMEM. */
static int append_option(struct fs_context *fc, const char *key,
			 const char *value)
{
	size_t old = fc->options ? strlen(fc->options) : 0;
	size_t len = old + (old ? 1 : 0) + strlen(key) +
		     (value ? 1 + strlen(value) : 0);
	char *s;

	if (len >= OPTIONS_MAX)
		return -EINVAL;
	s = kmalloc(len + 1, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	snprintf(s, len + 1, "%s%s%s%s%s", old ? fc->options : "",
		 old ? "," : "", key, value ? "=" : "", value ? value : "");
	kfree(fc->options);
	fc->options = s;
	return 0;
}

/*
 * vfs_parse_fs_string - one parameter, key with a string value (or NULL:
 * a flag): a superblock flag, "source" (once: EINVAL again), or the
 * filesystem's, which may refuse it (EINVAL; told in the kernel log for
 * mount(2), as Linux). 0 or -errno. May sleep.
 */
int vfs_parse_fs_string(struct fs_context *fc, const char *key,
			const char *value)
{
	int err;

	if (!*key)
		return -EINVAL;
	if (!vfs_parse_sb_flag(fc, key))
		return 0;
	if (!strcmp(key, "source")) {
		if (!value)
			return invalf(fc, "Non-string source");
		if (fc->source)
			return invalf(fc, "Multiple sources");
		fc->source = kstrdup(value);
		return fc->source ? 0 : -ENOMEM;
	}
	if (fc->fs_type->check_param) {
		err = fc->fs_type->check_param(key, value);
		if (err == -ENOPARAM)
			return invalf(fc, "%s: Unknown parameter '%s'",
				      fc->fs_type->name, key);
		if (err == -EINVAL)
			errorfc(fc, "Bad value for '%s'", key);
		if (err)
			return err;
	}
	return append_option(fc, key, value);
}

/**
 * fs_parse_monolithic - split an option string "key=value,key,..."
 * (mount(2)'s data, or the one vfs_get_tree() and reconfigure_super()
 * give a filesystem's ->mount and ->remount) and hand each parameter to
 * parse(priv, key, value), value NULL for a flag; empty ones are
 * skipped. A filesystem's parse is the one place its parameters are
 * declared: its check_param runs it on scratch settings.
 *
 * Returns 0 or the first -errno (-ENOPARAM, an unknown key, as
 * -EINVAL), -ENOMEM. No lock needed; may sleep (a copy of data).
 */
int fs_parse_monolithic(const char *data,
			int (*parse)(void *priv, const char *key,
				     const char *value),
			void *priv)
{
	char *copy, *key, *next;
	int err = 0;

	if (!data || !*data)
		return 0;
	copy = kstrdup(data);
	if (!copy)
		return -ENOMEM;
	for (key = copy; key && !err; key = next) {
		char *value;

		next = strchr(key, ',');
		if (next)
			*next++ = '\0';
		if (!*key)
			continue;
		value = strchr(key, '=');
		if (value)
			*value++ = '\0';
		err = parse(priv, key, value);
	}
	kfree(copy);
	return err == -ENOPARAM ? -EINVAL : err;
}

static int vfs_parse_param(void *fc, const char *key, const char *value)
{
	return vfs_parse_fs_string(fc, key, value);
}

/*
 * parse_monolithic_mount_data - mount(2)'s data "key=value,key,...", one
 * parameter at a time (empty ones skipped). 0 or the first -errno.
 * May sleep.
 */
int parse_monolithic_mount_data(struct fs_context *fc, const char *data)
{
	return fs_parse_monolithic(data, vfs_parse_param, fc);
}

/*
 * mount_capable - may the caller make the superblock fc describes:
 * CAP_SYS_ADMIN, in the initial user namespace unless the filesystem
 * may be mounted in others.
 */
bool mount_capable(struct fs_context *fc)
{
	if (!(fc->fs_type->fs_flags & FS_USERNS_MOUNT))
		return capable(CAP_SYS_ADMIN);
	return ns_capable(current_user_ns(), CAP_SYS_ADMIN);
}

/*
 * vfs_get_tree - make (or, for single-instance types, find) fc's
 * superblock: fc->mnt becomes a detached mount of its root. 0 or the
 * filesystem's -errno. May sleep.
 */
int vfs_get_tree(struct fs_context *fc)
{
	struct vfsmount *m;

	if (fc->mnt)
		return -EBUSY;
	m = vfs_kern_mount(fc->fs_type, fc->sb_flags, fc->source,
			   fc->options);
	if (IS_ERR(m))
		return PTR_ERR(m);
	fc->mnt = m;
	return 0;
}

/*
 * reconfigure_super - apply a reconfiguration context: the filesystem's
 * options (all or nothing), then the superblock flags named (read-only:
 * -EBUSY if a file is open for writing). The caller checked the
 * permission. namespace_sem held; may sleep.
 */
int reconfigure_super(struct fs_context *fc)
{
	struct super_block *sb = fc->mnt->mnt_sb;
	bool ro = fc->sb_flags & MS_RDONLY;
	unsigned int mask;
	int err;

	mutex_assert_held(&namespace_sem);
	if (sb->s_op && sb->s_op->remount_fs) {
		err = sb->s_op->remount_fs(sb, fc->options);
		if (err)
			return err;
	}
	mask = fc->sb_flags_mask & MS_RMT_MASK & ~MS_RDONLY;
	if ((fc->sb_flags_mask & MS_RDONLY) && ro &&
	    !(READ_ONCE(sb->s_flags) & MS_RDONLY)) {
		err = sb_prepare_remount_readonly(sb);
		if (err)
			return err;
	}
	if ((fc->sb_flags_mask & MS_RDONLY) && !ro)
		mask |= MS_RDONLY;
	spin_lock(&mount_lock);
	WRITE_ONCE(sb->s_flags, (sb->s_flags & ~mask) | (fc->sb_flags & mask));
	spin_unlock(&mount_lock);
	return 0;
}

/*
 * vfs_clean_context - after fsmount() or a reconfiguration: fc keeps
 * its superblock and takes parameters for a reconfiguration of it.
 */
void vfs_clean_context(struct fs_context *fc)
{
	kfree(fc->options);
	fc->options = NULL;
	fc->sb_flags = 0;
	fc->sb_flags_mask = 0;
	fc->purpose = FS_CONTEXT_FOR_RECONFIGURE;
	fc->phase = FS_CONTEXT_RECONF_PARAMS;
}
