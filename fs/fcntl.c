/* fcntl, dup, dup2, dup3, flock, and ioctl's generic commands. */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/memfd.h>
#include <tine/pipe.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>
#include <uapi/stat.h>
#include "internal.h"

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

/* dup an fd into the lowest free slot >= start. */
static long dupfd(struct file *f, unsigned long start, unsigned int flags)
{
	int fd;

	if (start >= rlimit_nofile())
		return -EINVAL;
	fd = get_unused_fd_flags_from(start, flags);
	if (fd >= 0)
		fd_install(fd, get_file(f));
	return fd;
}

/* F_SETFL (and FIONBIO, FIOASYNC) on f as fd: turning O_ASYNC on or
 * off puts the file on or off its object's fasync list. */
static long setfl(int fd, struct file *f, unsigned long arg)
{
	int err;

	if ((arg & O_NOATIME) && !(f->f_flags & O_NOATIME) &&
	    !inode_owner_or_capable(f->f_inode))
		return -EPERM;
	if (((arg ^ f->f_flags) & O_ASYNC) && f->f_op && f->f_op->fasync) {
		err = f->f_op->fasync(fd, f, !!(arg & O_ASYNC));
		if (err < 0)
			return err;
	}
	mutex_lock(&f->f_pos_lock);
	f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
	mutex_unlock(&f->f_pos_lock);
	return 0;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg,
		     struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
		return dupfd(f, arg, 0);
	case F_DUPFD_CLOEXEC:
		return dupfd(f, arg, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		return setfl(fd, f, arg);
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return do_record_lock(f, cmd, (struct flock __user *)arg,
				      cmd >= F_OFD_GETLK,
				      cmd == F_SETLKW || cmd == F_OFD_SETLKW,
				      cmd == F_GETLK || cmd == F_OFD_GETLK);
	case F_GETOWN:
	case F_SETOWN:
	case F_GETOWN_EX:
	case F_SETOWN_EX:
	case F_GETSIG:
	case F_SETSIG:
		return fcntl_owner(f, cmd, arg);
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	case F_ADD_SEALS:
	case F_GET_SEALS:
		return memfd_fcntl(f, cmd, arg);
	default:
		return -EINVAL;
	}
}

static long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget_raw(fd);
	long r;

	if (!f)
		return -EBADF;
	if ((f->f_mode & FMODE_PATH) && cmd != F_DUPFD &&
	    cmd != F_DUPFD_CLOEXEC && cmd != F_GETFD && cmd != F_SETFD &&
	    cmd != F_GETFL)
		r = -EBADF;
	else
		r = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return r;
}
SYSCALL_ENTRY(fcntl, sys_fcntl);

static long sys_dup(unsigned int fd)
{
	struct file *f = fget_raw(fd);
	int r;

	if (!f)
		return -EBADF;
	r = get_unused_fd_flags(0);
	if (r >= 0)
		fd_install(r, f);
	else
		fput(f);
	return r;
}
SYSCALL_ENTRY(dup, sys_dup);

static long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;
	long r;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	r = replace_fd(newfd, f, flags);
	fput(f);
	return r;
}
SYSCALL_ENTRY(dup3, sys_dup3);

static long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}
SYSCALL_ENTRY(dup2, sys_dup2);

static long sys_flock(unsigned int fd, unsigned int cmd)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = do_flock(f, cmd);
	fput(f);
	return err;
}
SYSCALL_ENTRY(flock, sys_flock);

/* Generic ioctls that work on every file. */
static long generic_ioctl(int fd, struct file *f, unsigned int cmd,
			  unsigned long arg, bool *handled)
{
	int on;

	*handled = true;
	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, true);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, false);
		return 0;
	case FIONBIO:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		return setfl(fd, f, on ? (f->f_flags | O_NONBLOCK)
				   : (f->f_flags & ~O_NONBLOCK));
	case FIOASYNC:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		return setfl(fd, f, on ? (f->f_flags | O_ASYNC)
				   : (f->f_flags & ~O_ASYNC));
	case FIOQSIZE:
		if (!S_ISREG(f->f_inode->i_mode) && !S_ISDIR(f->f_inode->i_mode))
			return -ENOTTY;
		return put_user((long)f->f_inode->i_size, (long __user *)arg);
	case FIONREAD:
		if (!S_ISREG(f->f_inode->i_mode))
			break;
		return put_user((int)MAX(f->f_inode->i_size - f->f_pos, 0L),
				(int __user *)arg);
	}
	*handled = false;
	return 0;
}

static long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	bool handled;
	long r;

	if (!f)
		return -EBADF;
	r = generic_ioctl(fd, f, cmd, arg, &handled);
	if (!handled)
		r = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return r;
}
SYSCALL_ENTRY(ioctl, sys_ioctl);
