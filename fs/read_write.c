/*
 * read, write and friends: the checks common to every file, then the
 * file's own ->read/->write. The file position of regular files and
 * directories is updated under f_pos_lock, so threads sharing an fd
 * never see torn or duplicated positions.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/falloc.h>
#include <uapi/stat.h>
#include "internal.h"

/* generic_file_llseek - lseek on a file with a size. */
off_t generic_file_llseek(struct file *f, off_t off, int whence)
{
	off_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = f->f_inode->i_size;
		break;
	case SEEK_DATA:
		if (off < 0 || off >= f->f_inode->i_size)
			return -ENXIO;
		base = 0;
		break;
	case SEEK_HOLE:
		if (off < 0 || off >= f->f_inode->i_size)
			return -ENXIO;
		base = 0;
		off = f->f_inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base + off < base) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

/* no_llseek - pipes, ttys, sockets: -ESPIPE. */
off_t no_llseek(struct file *f, off_t off, int whence)
{
	return -ESPIPE;
}

/* noop_llseek - files with no position (eventfd...): says where f_pos is. */
off_t noop_llseek(struct file *f, off_t off, int whence)
{
	return f->f_pos;
}

/* vfs_setpos - see fs.h. */
off_t vfs_setpos(struct file *f, off_t off)
{
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

/* default_dir_llseek - directories: positions are opaque cookies. */
off_t default_dir_llseek(struct file *f, off_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	return vfs_setpos(f, off);
}

static void pos_lock(struct file *f)
{
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_lock(&f->f_pos_lock);
}

static void pos_unlock(struct file *f)
{
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_unlock(&f->f_pos_lock);
}

/* A read of r bytes from f happened: IN_ACCESS if any. Returns r. */
static ssize_t notify_access(struct file *f, ssize_t r)
{
	if (r > 0)
		fsnotify_access(f);
	return r;
}

/* A write of r bytes to f happened: IN_MODIFY if any. Returns r. */
static ssize_t notify_modify(struct file *f, ssize_t r)
{
	if (r > 0)
		fsnotify_modify(f);
	return r;
}

/* Checks and the call of f->f_op->read (no I/O accounting). */
static ssize_t __vfs_read(struct file *f, char __user *buf, size_t n,
			  off_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	if (n > (size_t)MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	/* Other files decide for themselves (eventfd: EINVAL). */
	if (!n && S_ISREG(f->f_inode->i_mode) && !f->f_op->read_zero_count)
		return 0;
	return notify_access(f, f->f_op->read(f, buf, n, pos));
}

/* Checks and the call of f->f_op->write (no I/O accounting). */
static ssize_t __vfs_write(struct file *f, const char __user *buf, size_t n,
			   off_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	if (n > (size_t)MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (!n && S_ISREG(f->f_inode->i_mode))
		return 0;
	return notify_modify(f, f->f_op->write(f, buf, n, pos));
}

/*
 * vfs_read - read up to n bytes at *pos into user buf: bytes read,
 * 0 at end of file, or -err (-EBADF not open for reading, -EISDIR).
 * Counted as one read call of current (/proc/<pid>/io).
 */
ssize_t vfs_read(struct file *f, char __user *buf, size_t n, off_t *pos)
{
	ssize_t r = __vfs_read(f, buf, n, pos);

	account_read(r);
	return r;
}

/* vfs_write - write n bytes at *pos from user buf (see vfs_read). */
ssize_t vfs_write(struct file *f, const char __user *buf, size_t n,
		  off_t *pos)
{
	ssize_t r = __vfs_write(f, buf, n, pos);

	account_write(r);
	return r;
}

/*
 * kernel_read - read into a kernel buffer (exec reads ELF files this
 * way). Only files with ->kread (ramfs, procfs) support it: -EINVAL.
 */
ssize_t kernel_read(struct file *f, void *buf, size_t n, off_t *pos)
{
	off_t p = pos ? *pos : f->f_pos;
	ssize_t r;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->kread)
		return -EINVAL;
	r = notify_access(f, f->f_op->kread(f, buf, n, &p));
	if (pos)
		*pos = p;
	else
		f->f_pos = p;
	return r;
}

/* kernel_write - write from a kernel buffer (see kernel_read). */
ssize_t kernel_write(struct file *f, const void *buf, size_t n, off_t *pos)
{
	off_t p = pos ? *pos : f->f_pos;
	ssize_t r;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->kwrite)
		return -EINVAL;
	r = notify_modify(f, f->f_op->kwrite(f, buf, n, &p));
	if (pos)
		*pos = p;
	else
		f->f_pos = p;
	return r;
}

static long sys_read(unsigned int fd, char __user *buf, size_t n)
{
	struct file *f = fget(fd);
	off_t pos;
	ssize_t r;

	if (!f)
		return -EBADF;
	pos_lock(f);
	pos = f->f_pos;
	r = vfs_read(f, buf, n, &pos);
	if (r >= 0)
		f->f_pos = pos;
	pos_unlock(f);
	fput(f);
	return r;
}
SYSCALL_ENTRY(read, sys_read);

static long sys_write(unsigned int fd, const char __user *buf, size_t n)
{
	struct file *f = fget(fd);
	off_t pos;
	ssize_t r;

	if (!f)
		return -EBADF;
	pos_lock(f);
	pos = f->f_pos;
	r = vfs_write(f, buf, n, &pos);
	if (r >= 0)
		f->f_pos = pos;
	pos_unlock(f);
	fput(f);
	return r;
}
SYSCALL_ENTRY(write, sys_write);

static long sys_pread64(unsigned int fd, char __user *buf, size_t n,
			long pos)
{
	struct file *f;
	ssize_t r;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	r = (f->f_mode & FMODE_PREAD) ? vfs_read(f, buf, n, &pos) : -ESPIPE;
	fput(f);
	return r;
}
SYSCALL_ENTRY(pread64, sys_pread64);

static long sys_pwrite64(unsigned int fd, const char __user *buf, size_t n,
			 long pos)
{
	struct file *f;
	ssize_t r;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	r = (f->f_mode & FMODE_PWRITE) ? vfs_write(f, buf, n, &pos) : -ESPIPE;
	fput(f);
	return r;
}
SYSCALL_ENTRY(pwrite64, sys_pwrite64);

/* Segment after segment through ->read/->write, stopping when short. */
static ssize_t do_iter_segments(struct file *f, struct iovec *iov,
				unsigned long nr, off_t *pos, bool write)
{
	ssize_t done = 0;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		ssize_t r;

		if (!iov[i].iov_len)
			continue;
		r = write ? __vfs_write(f, iov[i].iov_base, iov[i].iov_len, pos)
			  : __vfs_read(f, iov[i].iov_base, iov[i].iov_len, pos);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}

/* readv/writev core: import the vector, then whole or by segment. */
static ssize_t do_iter(struct file *f, const struct iovec __user *uvec,
		       unsigned long nr, off_t *pos, bool write)
{
	struct iovec *iov;
	struct iov_iter it;
	ssize_t r = import_iovec(uvec, nr, &iov, &it);

	if (r < 0)
		return r;
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		r = -EBADF;
	else if (!iov_iter_count(&it))
		r = 0;			/* nothing asked of any file (Linux) */
	else if (write ? f->f_op->write_iter : f->f_op->read_iter)
		r = write ? f->f_op->write_iter(f, &it)
			  : f->f_op->read_iter(f, &it);
	else
		r = do_iter_segments(f, iov, nr, pos, write);
	kfree(iov);
	if (write)
		account_write(r);
	else
		account_read(r);
	return r;
}

static long do_readv_writev(unsigned long fd, const struct iovec __user *v,
			    unsigned long nr, long upos, bool positioned,
			    bool write)
{
	struct file *f;
	off_t pos;
	ssize_t r;

	if (positioned && upos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (positioned) {
		pos = upos;
		r = (f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)) ?
			do_iter(f, v, nr, &pos, write) : -ESPIPE;
	} else {
		pos_lock(f);
		pos = f->f_pos;
		r = do_iter(f, v, nr, &pos, write);
		if (r >= 0)
			f->f_pos = pos;
		pos_unlock(f);
	}
	fput(f);
	return r;
}

static long sys_readv(unsigned long fd, const struct iovec __user *v,
		      unsigned long nr)
{
	return do_readv_writev(fd, v, nr, 0, false, false);
}
SYSCALL_ENTRY(readv, sys_readv);

static long sys_writev(unsigned long fd, const struct iovec __user *v,
		       unsigned long nr)
{
	return do_readv_writev(fd, v, nr, 0, false, true);
}
SYSCALL_ENTRY(writev, sys_writev);

static long sys_preadv(unsigned long fd, const struct iovec __user *v,
		       unsigned long nr, unsigned long lo, unsigned long hi)
{
	return do_readv_writev(fd, v, nr, (long)lo, true, false);
}
SYSCALL_ENTRY(preadv, sys_preadv);

static long sys_pwritev(unsigned long fd, const struct iovec __user *v,
			unsigned long nr, unsigned long lo, unsigned long hi)
{
	return do_readv_writev(fd, v, nr, (long)lo, true, true);
}
SYSCALL_ENTRY(pwritev, sys_pwritev);

static long sys_preadv2(unsigned long fd, const struct iovec __user *v,
			unsigned long nr, unsigned long lo, unsigned long hi,
			int flags)
{
	if (flags & ~0x1f)
		return -EOPNOTSUPP;
	return do_readv_writev(fd, v, nr, (long)lo, (long)lo != -1, false);
}
SYSCALL_ENTRY(preadv2, sys_preadv2);

static long sys_pwritev2(unsigned long fd, const struct iovec __user *v,
			 unsigned long nr, unsigned long lo, unsigned long hi,
			 int flags)
{
	if (flags & ~0x1f)
		return -EOPNOTSUPP;
	return do_readv_writev(fd, v, nr, (long)lo, (long)lo != -1, true);
}
SYSCALL_ENTRY(pwritev2, sys_pwritev2);

static long sys_lseek(unsigned int fd, long off, unsigned int whence)
{
	struct file *f = fget(fd);
	off_t r;

	if (!f)
		return -EBADF;
	if (whence > SEEK_HOLE)
		r = -EINVAL;
	else if (!f->f_op->llseek)
		r = -ESPIPE;
	else {
		pos_lock(f);
		r = f->f_op->llseek(f, off, whence);
		pos_unlock(f);
	}
	fput(f);
	return r;
}
SYSCALL_ENTRY(lseek, sys_lseek);

/* The mode checks vfs_fallocate() makes before looking at the file. */
static int fallocate_mode_ok(int mode)
{
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
	    (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_ZERO_RANGE) &&
	    (mode & ~(FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) &&
	    mode != FALLOC_FL_COLLAPSE_RANGE)
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && mode != FALLOC_FL_INSERT_RANGE)
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	return 0;
}

/*
 * vfs_fallocate - fallocate(2) on f: Linux's checks in Linux's order
 * (range, mode, open for writing, file type), then f_op->fallocate.
 * 0 or -errno (EOPNOTSUPP where the filesystem has no fallocate).
 * May sleep.
 */
long vfs_fallocate(struct file *f, int mode, off_t off, off_t len)
{
	struct inode *i = f->f_inode;
	long err;

	if (off < 0 || len <= 0)
		return -EINVAL;
	err = fallocate_mode_ok(mode);
	if (err)
		return err;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (S_ISFIFO(i->i_mode))
		return -ESPIPE;
	if (S_ISDIR(i->i_mode))
		return -EISDIR;
	if (!S_ISREG(i->i_mode) && !S_ISBLK(i->i_mode))
		return -ENODEV;
	if ((unsigned long)off + (unsigned long)len > 0x7fffffffffffffffUL)
		return -EFBIG;	/* past MAX_LFS_FILESIZE */
	if (!f->f_op || !f->f_op->fallocate)
		return -EOPNOTSUPP;
	err = f->f_op->fallocate(f, mode, off, len);
	if (!err)
		fsnotify_modify(f);
	return err;
}

static long sys_fallocate(int fd, int mode, long off, long len)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fallocate(f, mode, off, len);
	fput(f);
	return err;
}
SYSCALL_ENTRY(fallocate, sys_fallocate);

/* fsync: nothing is ever dirty; files without storage say EINVAL. */
static long do_fsync(unsigned int fd)
{
	struct file *f = fget(fd);
	long r;

	if (!f)
		return -EBADF;
	r = (S_ISREG(f->f_inode->i_mode) || S_ISDIR(f->f_inode->i_mode)) ?
		0 : -EINVAL;
	fput(f);
	return r;
}

static long sys_fsync(unsigned int fd)
{
	return do_fsync(fd);
}
SYSCALL_ENTRY(fsync, sys_fsync);

static long sys_fdatasync(unsigned int fd)
{
	return do_fsync(fd);
}
SYSCALL_ENTRY(fdatasync, sys_fdatasync);

static long sys_sync(void)
{
	return 0;
}
SYSCALL_ENTRY(sync, sys_sync);

static long sys_syncfs(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}
SYSCALL_ENTRY(syncfs, sys_syncfs);

/*
 * sendfile between files that do kernel-buffer I/O (ramfs, procfs);
 * -EINVAL otherwise, which tells callers such as busybox to fall back
 * to read and write, as on Linux for unsupported pairs.
 */
/*
 * Where sendfile starts reading, checked in Linux's order: the offset is
 * copied in (EFAULT), then the input is checked (EBADF), then the range
 * (ESPIPE on a file that cannot seek; EINVAL for a negative count or
 * offset, or a range that would wrap past the largest offset).
 */
static long sendfile_pos(struct file *in, const off_t __user *offset,
			 size_t count, off_t *pos)
{
	if (offset && get_user(*pos, offset))
		return -EFAULT;
	if (!in || !(in->f_mode & FMODE_READ))
		return -EBADF;
	if (offset && !(in->f_mode & FMODE_PREAD))
		return -ESPIPE;
	if (!offset)
		*pos = in->f_pos;
	if ((ssize_t)count < 0 || *pos < 0 ||
	    (off_t)((unsigned long)*pos + count) < 0)
		return -EINVAL;
	return 0;
}

static long sys_sendfile(int out_fd, int in_fd, off_t __user *offset,
			 size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	off_t pos, opos;
	char *buf = NULL;
	long done;

	done = sendfile_pos(in, offset, count, &pos);
	if (done)
		goto out;
	if (!out || !(out->f_mode & FMODE_WRITE)) {
		done = -EBADF;
		goto out;
	}
	/* Linux reads only regular files and block devices here. */
	if (!in->f_op->kread || !out->f_op->kwrite ||
	    (out->f_flags & O_APPEND) ||
	    (!S_ISREG(in->f_inode->i_mode) && !S_ISBLK(in->f_inode->i_mode))) {
		done = -EINVAL;
		goto out;
	}
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		done = -ENOMEM;
		goto out;
	}
	count = MIN(count, (size_t)MAX_RW_COUNT);
	while ((size_t)done < count) {
		ssize_t r = in->f_op->kread(in, buf,
					     MIN(PAGE_SIZE, count - done), &pos);
		ssize_t w;

		if (r <= 0) {
			if (!done)
				done = r;
			break;
		}
		opos = out->f_pos;
		w = out->f_op->kwrite(out, buf, r, &opos);
		if (w > 0)
			out->f_pos = opos;
		if (w < r) {
			pos -= r - MAX(w, 0L);
			if (w > 0)
				done += w;
			else if (!done)
				done = w;
			break;
		}
		done += w;
	}
	if (done > 0) {
		fsnotify_access(in);
		fsnotify_modify(out);
	}
	if (offset) {
		if (put_user(pos, offset))
			done = -EFAULT;
	} else {
		in->f_pos = pos;
	}
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return done;
}
SYSCALL_ENTRY(sendfile, sys_sendfile);
