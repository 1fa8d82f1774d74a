/* stat, fstat, lstat, newfstatat and statx. */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

static long cp_new_stat(struct kstat *k, struct stat __user *ubuf)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	s.st_dev = new_encode_dev(k->dev);
	s.st_ino = k->ino;
	s.st_nlink = k->nlink;
	s.st_mode = k->mode;
	s.st_uid = from_kuid_munged(current_user_ns(), k->uid);
	s.st_gid = from_kgid_munged(current_user_ns(), k->gid);
	s.st_rdev = new_encode_dev(k->rdev);
	s.st_size = k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = k->blocks;
	s.st_atime = k->atime.tv_sec;
	s.st_atime_nsec = k->atime.tv_nsec;
	s.st_mtime = k->mtime.tv_sec;
	s.st_mtime_nsec = k->mtime.tv_nsec;
	s.st_ctime = k->ctime.tv_sec;
	s.st_ctime_nsec = k->ctime.tv_nsec;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

/* stat of a name (or of dfd itself with AT_EMPTY_PATH). */
static long vfs_fstatat(int dfd, const char __user *name, struct kstat *k,
			int flags)
{
	struct path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = user_path_at(dfd, name, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = vfs_getattr(&p, k);
	path_put(&p);
	return err;
}

static long sys_newfstatat(int dfd, const char __user *name,
			   struct stat __user *buf, int flags)
{
	struct kstat k;
	long err = vfs_fstatat(dfd, name, &k, flags);

	return err ? err : cp_new_stat(&k, buf);
}
SYSCALL_ENTRY(newfstatat, sys_newfstatat);

static long sys_stat(const char __user *name, struct stat __user *buf)
{
	return sys_newfstatat(AT_FDCWD, name, buf, 0);
}
SYSCALL_ENTRY(stat, sys_stat);

static long sys_lstat(const char __user *name, struct stat __user *buf)
{
	return sys_newfstatat(AT_FDCWD, name, buf, AT_SYMLINK_NOFOLLOW);
}
SYSCALL_ENTRY(lstat, sys_lstat);

static long sys_fstat(unsigned int fd, struct stat __user *buf)
{
	struct file *f = fget_raw(fd);
	struct kstat k;
	long err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, &k);
	fput(f);
	return err ? err : cp_new_stat(&k, buf);
}
SYSCALL_ENTRY(fstat, sys_fstat);

static struct statx_timestamp stx_time(struct timespec64 t)
{
	return (struct statx_timestamp){ t.tv_sec, t.tv_nsec, 0 };
}

static long sys_statx(int dfd, const char __user *name, int flags,
		      unsigned int mask, struct statx __user *buf)
{
	struct statx s;
	struct kstat k;
	long err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = vfs_fstatat(dfd, name, &k, flags);
	if (err)
		return err;
	memset(&s, 0, sizeof(s));
	s.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	s.stx_blksize = k.blksize;
	s.stx_nlink = k.nlink;
	s.stx_uid = from_kuid_munged(current_user_ns(), k.uid);
	s.stx_gid = from_kgid_munged(current_user_ns(), k.gid);
	s.stx_mode = k.mode;
	s.stx_ino = k.ino;
	s.stx_size = k.size;
	s.stx_blocks = k.blocks;
	s.stx_atime = stx_time(k.atime);
	s.stx_ctime = stx_time(k.ctime);
	s.stx_mtime = stx_time(k.mtime);
	s.stx_rdev_major = MAJOR(k.rdev);
	s.stx_rdev_minor = MINOR(k.rdev);
	s.stx_dev_major = MAJOR(k.dev);
	s.stx_dev_minor = MINOR(k.dev);
	s.stx_mnt_id = k.mnt_id;
	return copy_to_user(buf, &s, sizeof(s)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(statx, sys_statx);
