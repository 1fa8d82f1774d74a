/*
 * Setting a file's access and modification times: utimensat, futimesat,
 * utimes, utime. The owner (or CAP_FOWNER) may set any time; anyone who
 * may write the file may set both to now.
 */
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

/* Set times of p; times NULL = now, UTIME_NOW / UTIME_OMIT honored. */
static int utimes_common(const struct path *p, struct uapi_timespec *times)
{
	struct inode *i = p->dentry->d_inode;
	struct iattr ia = { .ia_valid = ATTR_CTIME | ATTR_ATIME | ATTR_MTIME };
	bool explicit = false;
	int err;

	if (times) {
		if (times[0].tv_nsec == UTIME_OMIT)
			ia.ia_valid &= ~ATTR_ATIME;
		else if (times[0].tv_nsec != UTIME_NOW) {
			ia.ia_valid |= ATTR_ATIME_SET;
			ia.ia_atime = (struct timespec64){ times[0].tv_sec,
							   times[0].tv_nsec };
			explicit = true;
		}
		if (times[1].tv_nsec == UTIME_OMIT)
			ia.ia_valid &= ~ATTR_MTIME;
		else if (times[1].tv_nsec != UTIME_NOW) {
			ia.ia_valid |= ATTR_MTIME_SET;
			ia.ia_mtime = (struct timespec64){ times[1].tv_sec,
							   times[1].tv_nsec };
			explicit = true;
		}
		if (times[0].tv_nsec == UTIME_OMIT &&
		    times[1].tv_nsec == UTIME_OMIT)
			return 0;
	}
	if (explicit) {
		if (!inode_owner_or_capable(i))
			return -EPERM;
	} else if (!inode_owner_or_capable(i)) {
		err = inode_permission(i, MAY_WRITE);
		if (err)
			return err;
	}
	return path_setattr(p, &ia);
}

static bool bad_nsec(long ns)
{
	return (ns < 0 || ns >= 1000000000) && ns != UTIME_NOW &&
	       ns != UTIME_OMIT;
}

static long do_utimes(int dfd, const char __user *name,
		      struct uapi_timespec *t, int flags)
{
	struct path p;
	long err;

	if (t && (bad_nsec(t[0].tv_nsec) || bad_nsec(t[1].tv_nsec)))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!name) {
		struct file *f;

		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = utimes_common(&f->f_path, t);
		fput(f);
		return err;
	}
	err = user_path_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = utimes_common(&p, t);
	path_put(&p);
	return err;
}

static long sys_utimensat(int dfd, const char __user *name,
			  const struct uapi_timespec __user *times, int flags)
{
	struct uapi_timespec t[2];

	if (times && copy_from_user(t, times, sizeof(t)))
		return -EFAULT;
	return do_utimes(dfd, name, times ? t : NULL, flags);
}
SYSCALL_ENTRY(utimensat, sys_utimensat);

static long sys_futimesat(int dfd, const char __user *name,
			  const struct uapi_timeval __user *tv)
{
	struct uapi_timeval v[2];
	struct uapi_timespec t[2];

	if (!tv)
		return do_utimes(dfd, name, NULL, 0);
	if (copy_from_user(v, tv, sizeof(v)))
		return -EFAULT;
	if (v[0].tv_usec < 0 || v[0].tv_usec >= 1000000 ||
	    v[1].tv_usec < 0 || v[1].tv_usec >= 1000000)
		return -EINVAL;
	t[0] = (struct uapi_timespec){ v[0].tv_sec, v[0].tv_usec * 1000 };
	t[1] = (struct uapi_timespec){ v[1].tv_sec, v[1].tv_usec * 1000 };
	return do_utimes(dfd, name, t, 0);
}
SYSCALL_ENTRY(futimesat, sys_futimesat);

static long sys_utimes(const char __user *name,
		       const struct uapi_timeval __user *tv)
{
	return sys_futimesat(AT_FDCWD, name, tv);
}
SYSCALL_ENTRY(utimes, sys_utimes);

static long sys_utime(const char __user *name,
		      const struct utimbuf __user *buf)
{
	struct utimbuf u;
	struct uapi_timespec t[2];

	if (!buf)
		return do_utimes(AT_FDCWD, name, NULL, 0);
	if (copy_from_user(&u, buf, sizeof(u)))
		return -EFAULT;
	t[0] = (struct uapi_timespec){ u.actime, 0 };
	t[1] = (struct uapi_timespec){ u.modtime, 0 };
	return do_utimes(AT_FDCWD, name, t, 0);
}
SYSCALL_ENTRY(utime, sys_utime);
