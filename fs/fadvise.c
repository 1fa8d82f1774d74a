/*
 * fadvise64 and readahead. Every file tine can read lives in memory
 * (tmpfs, ramfs, procfs...), so there is nothing to read ahead or drop:
 * after Linux's checks, the advice is taken and has no effect, which is
 * what Linux does for files without a backing device (tmpfs).
 */
#include <tine/fs.h>
#include <tine/syscall.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define POSIX_FADV_NORMAL 0
#define POSIX_FADV_RANDOM 1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED 3
#define POSIX_FADV_DONTNEED 4
#define POSIX_FADV_NOREUSE 5

/* Linux's generic_fadvise() for a file with no backing device. */
static long vfs_fadvise(struct file *f, off_t offset, off_t len, int advice)
{
	if (S_ISFIFO(f->f_inode->i_mode))
		return -ESPIPE;
	if (len < 0 || advice < POSIX_FADV_NORMAL ||
	    advice > POSIX_FADV_NOREUSE)
		return -EINVAL;
	return 0;
}

static long sys_fadvise64(int fd, off_t offset, off_t len, int advice)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_fadvise(f, offset, len, advice);
	fput(f);
	return ret;
}
SYSCALL_ENTRY(fadvise64, sys_fadvise64);

/* readahead: regular files open for reading (EBADF, EINVAL). */
static long sys_readahead(int fd, off_t offset, size_t count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = -EBADF;
	if (f->f_mode & FMODE_READ)
		ret = S_ISREG(f->f_inode->i_mode) ?
			      vfs_fadvise(f, offset, count, POSIX_FADV_WILLNEED) :
			      -EINVAL;
	fput(f);
	return ret;
}
SYSCALL_ENTRY(readahead, sys_readahead);
