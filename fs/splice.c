/*
 * splice, tee, vmsplice and copy_file_range: moving data through pipes
 * without a trip through user memory.
 *
 * tine's pipe is a byte ring (fs/pipe.c), not Linux's array of page
 * buffers, so "moving" is copying through a kernel buffer, one chunk
 * (at most 64 KiB) at a time; what the calls return, when they wait and
 * which errors they give follow Linux 6.1 (do_splice(), do_tee(),
 * vmsplice_to_pipe() ...). Differences that show: a vmsplice'd page is
 * copied at once (Linux references it, so later writes to it may still
 * reach the reader), and a pipe's capacity is bytes, not 16 buffers.
 *
 * Locks: pipe->mutex of one pipe, or of both (pipe to pipe, tee) in
 * address order (same rank). A file's own read or write (kread,
 * read_iter, kwrite, write_iter) runs with no pipe lock held, so
 * sockets and files keep their own lock order: data taken from a pipe
 * is put back if the write fell short (pipe_unconsume()).
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/net.h>
#include <tine/pipe.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/uio.h>
#include <tine/wait.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#define SPLICE_F_MOVE 0x01
#define SPLICE_F_NONBLOCK 0x02
#define SPLICE_F_MORE 0x04
#define SPLICE_F_GIFT 0x08
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | \
		      SPLICE_F_GIFT)

#define SPLICE_CHUNK 65536UL

/* Read up to n bytes of in at *pos into buf (kread, or a socket's own
 * splice read, which may not wait when nonblock). */
static ssize_t splice_kread(struct file *in, void *buf, size_t n,
			    off_t *pos, bool nonblock)
{
	if (sock_from_file(in))
		return sock_splice_read(in, buf, n, nonblock);
	return in->f_op->kread(in, buf, n, pos);
}

/* Write n bytes of buf to out at *pos (kwrite, or write_iter). */
static ssize_t splice_kwrite(struct file *out, const void *buf, size_t n,
			     off_t *pos)
{
	struct kvec kv = { (void *)buf, n };
	struct iov_iter it;

	if (out->f_op->kwrite)
		return out->f_op->kwrite(out, buf, n, pos);
	iov_iter_kvec(&it, &kv, 1, n);
	return out->f_op->write_iter(out, &it);
}

/* A read_iter alone is not enough: Linux 6.1 splices only from files
 * with a splice_read, which an eventfd lacks (EINVAL). */
static bool can_splice_read(struct file *f)
{
	return f->f_op && (f->f_op->kread || sock_from_file(f));
}

static bool can_splice_write(struct file *f)
{
	return f->f_op && (f->f_op->kwrite || f->f_op->write_iter);
}

/* Take both pipes' mutexes, lower address first (equal rank). */
static void pipe_double_lock(struct pipe_inode_info *a,
			     struct pipe_inode_info *b)
{
	if (a > b) {
		struct pipe_inode_info *t = a;

		a = b;
		b = t;
	}
	mutex_lock(&a->mutex);
	mutex_lock(&b->mutex);
}

static void pipe_double_unlock(struct pipe_inode_info *a,
			       struct pipe_inode_info *b)
{
	mutex_unlock(&a->mutex);
	mutex_unlock(&b->mutex);
}

/* Wait (both unlocked) for data in p (data) or room in p; 0 or -errno. */
static int pipe_wait_one(struct pipe_inode_info *p, bool data, bool nonblock)
{
	int err;

	mutex_lock(&p->mutex);
	err = data ? pipe_wait_data(p, nonblock) : pipe_wait_room(p, nonblock);
	mutex_unlock(&p->mutex);
	return err < 0 ? err : 0;
}

/* Append all n bytes of buf to pipe, waiting for room (the data is in
 * hand). The bytes added; fewer on -EPIPE or a signal. */
static size_t pipe_put_all(struct pipe_inode_info *pipe, const char *buf,
			   size_t n)
{
	size_t done = 0;

	mutex_lock(&pipe->mutex);
	while (done < n) {
		ssize_t w;

		if (pipe_wait_room(pipe, false))
			break;
		w = pipe_put(pipe, buf + done, n - done, false);
		if (w <= 0)
			break;
		done += w;
	}
	mutex_unlock(&pipe->mutex);
	return done;
}

/*
 * A file into a pipe: wait for room (SPLICE_F_NONBLOCK: EAGAIN), read
 * what fits (at most len) from in at *pos and queue it. Bytes moved,
 * 0 at end of file, or -errno.
 */
static ssize_t splice_file_to_pipe(struct file *in, struct pipe_inode_info *opipe,
				   off_t *pos, size_t len, unsigned int flags)
{
	size_t room, n, done;
	ssize_t r;
	char *buf;
	int err;

	mutex_lock(&opipe->mutex);
	err = pipe_wait_room(opipe, flags & SPLICE_F_NONBLOCK);
	room = pipe_room(opipe);
	mutex_unlock(&opipe->mutex);
	if (err)
		return err;
	n = MIN(MIN(len, room), SPLICE_CHUNK);
	buf = kmalloc(n, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	r = splice_kread(in, buf, n, pos, flags & SPLICE_F_NONBLOCK);
	if (r > 0) {
		done = pipe_put_all(opipe, buf, r);
		if (done < (size_t)r && (in->f_mode & FMODE_LSEEK))
			*pos -= r - done;	/* unread what did not fit */
		r = done ? (ssize_t)done : -EPIPE;
	}
	kfree(buf);
	return r;
}

/*
 * Take up to n queued bytes off pipe into buf (waiting for the first
 * unless nonblock or nothing: then 0 or -errno); *tail is where the
 * ring's tail is after, for pipe_unconsume().
 */
static ssize_t pipe_take(struct pipe_inode_info *pipe, char *buf, size_t n,
			 bool wait, bool nonblock, unsigned long *tail)
{
	ssize_t got = 0;
	int err;

	mutex_lock(&pipe->mutex);
	err = wait ? pipe_wait_data(pipe, nonblock) : 0;
	if (err < 0) {
		got = err;
	} else if (!err) {
		got = pipe_peek(pipe, 0, buf, n);
		pipe_consume(pipe, got);
		*tail = pipe->tail;
	}
	mutex_unlock(&pipe->mutex);
	return got;
}

/* Put back what a short write left (see the header). */
static void pipe_give_back(struct pipe_inode_info *pipe, unsigned long tail,
			   size_t n)
{
	mutex_lock(&pipe->mutex);
	/* FIXME: lost if another reader or writer got there first. */
	if (pipe_unconsume(pipe, tail, n))
		wake_up_interruptible_all(&pipe->rd_wait);
	mutex_unlock(&pipe->mutex);
}

/*
 * A pipe into a file: what is queued, up to len (waiting only for the
 * first bytes, unless SPLICE_F_NONBLOCK), written to out at *pos.
 * Bytes moved, 0 (no data, no writer) or -errno.
 */
static ssize_t splice_pipe_to_file(struct pipe_inode_info *ipipe,
				   struct file *out, off_t *pos, size_t len,
				   unsigned int flags)
{
	size_t chunk = MIN(len, SPLICE_CHUNK), done = 0;
	char *buf = kmalloc(chunk, GFP_KERNEL);
	ssize_t ret = 0;

	if (!buf)
		return -ENOMEM;
	while (done < len) {
		unsigned long tail = 0;
		ssize_t got, w;

		got = pipe_take(ipipe, buf, MIN(chunk, len - done), !done,
				flags & SPLICE_F_NONBLOCK, &tail);
		if (got <= 0) {
			ret = got;
			break;
		}
		w = splice_kwrite(out, buf, got, pos);
		if (w < got)
			pipe_give_back(ipipe, tail, got - MAX(w, 0L));
		if (w <= 0) {
			ret = w;
			break;
		}
		done += w;
		if (w < got)
			break;
	}
	kfree(buf);
	return done ? (ssize_t)done : ret;
}

/*
 * Pipe to pipe: move up to len bytes, waiting for input and for room
 * until something moved (unless nonblock). tee (consume false) copies
 * without taking, and waits only once on each side, as Linux's.
 */
static ssize_t pipe_to_pipe(struct pipe_inode_info *ipipe,
			    struct pipe_inode_info *opipe, size_t len,
			    bool nonblock, bool consume)
{
	char *buf = kmalloc(SPLICE_CHUNK, GFP_KERNEL);
	size_t done = 0;
	ssize_t ret = 0;

	if (!buf)
		return -ENOMEM;
	pipe_double_lock(ipipe, opipe);
	while (done < len) {
		size_t skip = consume ? 0 : done, n;
		size_t avail = pipe_data_len(ipipe) > skip ?
				       pipe_data_len(ipipe) - skip : 0;

		if (!opipe->readers) {
			send_sig(SIGPIPE, current, 0);
			ret = -EPIPE;
			break;
		}
		if (!avail || !pipe_room(opipe)) {
			if (done || (!avail && !ipipe->writers))
				break;
			pipe_double_unlock(ipipe, opipe);
			ret = pipe_wait_one(avail ? opipe : ipipe, !avail,
					    nonblock);
			pipe_double_lock(ipipe, opipe);
			if (ret)
				break;
			continue;
		}
		n = MIN(MIN(len - done, pipe_room(opipe)), SPLICE_CHUNK);
		n = pipe_peek(ipipe, skip, buf, n);
		pipe_put(opipe, buf, n, false);
		if (consume)
			pipe_consume(ipipe, n);
		done += n;
	}
	pipe_double_unlock(ipipe, opipe);
	kfree(buf);
	return done ? (ssize_t)done : ret;
}

/* A pipe end to a file (or a pipe) at an offset: Linux's do_splice. */
static long do_splice(struct file *in, off_t *off_in, struct file *out,
		      off_t *off_out, size_t len, unsigned int flags)
{
	struct pipe_inode_info *ipipe = get_pipe_info(in);
	struct pipe_inode_info *opipe = get_pipe_info(out);
	off_t pos;
	ssize_t ret;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (ipipe && opipe) {
		if (ipipe == opipe)
			return -EINVAL;
		if ((in->f_flags | out->f_flags) & O_NONBLOCK)
			flags |= SPLICE_F_NONBLOCK;
		return pipe_to_pipe(ipipe, opipe, len,
				    flags & SPLICE_F_NONBLOCK, true);
	}
	if (ipipe) {
		if (off_out && !(out->f_mode & FMODE_PWRITE))
			return -EINVAL;
		if ((out->f_flags & O_APPEND) || !can_splice_write(out))
			return -EINVAL;
		pos = off_out ? *off_out : out->f_pos;
		if (pos < 0 || (off_t)(pos + len) < 0)
			return -EINVAL;
		if (in->f_flags & O_NONBLOCK)
			flags |= SPLICE_F_NONBLOCK;
		ret = splice_pipe_to_file(ipipe, out, &pos, MIN(len,
					  (size_t)MAX_RW_COUNT), flags);
		if (ret > 0)
			fsnotify_modify(out);
		if (off_out)
			*off_out = pos;
		else
			out->f_pos = pos;
		return ret;
	}
	if (opipe) {
		if (off_in && !(in->f_mode & FMODE_PREAD))
			return -EINVAL;
		if (!can_splice_read(in))
			return -EINVAL;
		pos = off_in ? *off_in : in->f_pos;
		if (pos < 0 || (off_t)(pos + len) < 0)
			return -EINVAL;
		if (out->f_flags & O_NONBLOCK)
			flags |= SPLICE_F_NONBLOCK;
		ret = splice_file_to_pipe(in, opipe, &pos, len, flags);
		if (ret > 0)
			fsnotify_access(in);
		if (off_in)
			*off_in = pos;
		else
			in->f_pos = pos;
		return ret;
	}
	return -EINVAL;
}

/* Copy in an offset argument (NULL: none). 0 or -EFAULT. */
static int get_off(const off_t __user *u, off_t *k, off_t **kp)
{
	*kp = NULL;
	if (!u)
		return 0;
	if (copy_from_user(k, u, sizeof(*k)))
		return -EFAULT;
	*kp = k;
	return 0;
}

static long __do_splice(struct file *in, off_t __user *off_in,
			struct file *out, off_t __user *off_out, size_t len,
			unsigned int flags)
{
	off_t kin, kout, *pin, *pout;
	long ret;

	if ((get_pipe_info(in) && off_in) || (get_pipe_info(out) && off_out))
		return -ESPIPE;
	if (get_off(off_out, &kout, &pout) || get_off(off_in, &kin, &pin))
		return -EFAULT;
	ret = do_splice(in, pin, out, pout, len, flags);
	if (ret < 0)
		return ret;
	if ((pout && copy_to_user(off_out, pout, sizeof(*pout))) ||
	    (pin && copy_to_user(off_in, pin, sizeof(*pin))))
		return -EFAULT;
	return ret;
}

static long sys_splice(int fd_in, off_t __user *off_in, int fd_out,
		       off_t __user *off_out, size_t len, unsigned int flags)
{
	struct file *in, *out;
	long ret = -EBADF;

	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (out) {
		ret = __do_splice(in, off_in, out, off_out, len, flags);
		fput(out);
	}
	fput(in);
	return ret;
}
SYSCALL_ENTRY(splice, sys_splice);

static long sys_tee(int fd_in, int fd_out, size_t len, unsigned int flags)
{
	struct pipe_inode_info *ipipe, *opipe;
	struct file *in, *out;
	long ret = -EBADF;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (!out)
		goto put_in;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto put_out;
	ipipe = get_pipe_info(in);
	opipe = get_pipe_info(out);
	ret = -EINVAL;
	if (!ipipe || !opipe || ipipe == opipe)
		goto put_out;
	if ((in->f_flags | out->f_flags) & O_NONBLOCK)
		flags |= SPLICE_F_NONBLOCK;
	ret = pipe_to_pipe(ipipe, opipe, len, flags & SPLICE_F_NONBLOCK, false);
put_out:
	fput(out);
put_in:
	fput(in);
	return ret;
}
SYSCALL_ENTRY(tee, sys_tee);

/* --- vmsplice --- */

/* User memory into the pipe: what fits once there is room. */
static long vmsplice_to_pipe(struct pipe_inode_info *pipe,
			     const struct iovec *iov, unsigned long nr,
			     unsigned int flags)
{
	long done = 0;
	int err;

	mutex_lock(&pipe->mutex);
	err = pipe_wait_room(pipe, flags & SPLICE_F_NONBLOCK);
	for (unsigned long i = 0; !err && i < nr && pipe_room(pipe); i++) {
		ssize_t w;

		if (!iov[i].iov_len)
			continue;
		w = pipe_put(pipe, iov[i].iov_base, iov[i].iov_len, true);
		if (w < 0) {
			err = w;
			break;
		}
		done += w;
		if ((size_t)w < iov[i].iov_len)
			break;
	}
	mutex_unlock(&pipe->mutex);
	return done ? done : err;
}

/* The pipe's data into user memory (vmsplice on a read end). */
static long vmsplice_to_user(struct pipe_inode_info *pipe,
			     const struct iovec *iov, unsigned long nr,
			     unsigned int flags)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	long done = 0;
	int err;

	if (!buf)
		return -ENOMEM;
	mutex_lock(&pipe->mutex);
	err = pipe_wait_data(pipe, flags & SPLICE_F_NONBLOCK);
	for (unsigned long i = 0; !err && i < nr; i++) {
		size_t off = 0;

		while (off < iov[i].iov_len && pipe_data_len(pipe)) {
			size_t n = pipe_peek(pipe, 0, buf,
					     MIN(PAGE_SIZE, iov[i].iov_len - off));

			if (copy_to_user((char __user *)iov[i].iov_base + off,
					 buf, n)) {
				err = -EFAULT;
				break;
			}
			pipe_consume(pipe, n);
			off += n;
			done += n;
		}
		if (off < iov[i].iov_len)
			break;
	}
	mutex_unlock(&pipe->mutex);
	kfree(buf);
	return done ? done : (err > 0 ? 0 : err);
}

static long sys_vmsplice(int fd, const struct iovec __user *uiov,
			 unsigned long nr_segs, unsigned int flags)
{
	struct pipe_inode_info *pipe;
	struct iovec *iov = NULL;
	struct iov_iter it;
	struct file *f;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -EBADF;
	if (!(f->f_mode & (FMODE_READ | FMODE_WRITE)))
		goto out;
	ret = import_iovec(uiov, nr_segs, &iov, &it);
	if (ret <= 0)
		goto out;
	pipe = get_pipe_info(f);
	if (!pipe)
		ret = -EBADF;
	else if (f->f_mode & FMODE_WRITE)
		ret = vmsplice_to_pipe(pipe, iov, nr_segs, flags);
	else
		ret = vmsplice_to_user(pipe, iov, nr_segs, flags);
out:
	kfree(iov);
	fput(f);
	return ret;
}
SYSCALL_ENTRY(vmsplice, sys_vmsplice);

/* --- copy_file_range --- */

/*
 * Linux 6.1's checks (generic_copy_file_checks): regular files only
 * (EISDIR, EINVAL), open for reading and for writing without O_APPEND
 * (EBADF), the same superblock (EXDEV: tine's filesystems have no
 * ->copy_file_range of their own), no wrap (EOVERFLOW), no overlap
 * within one file (EINVAL). *count is cut at the end of the input.
 */
static int copy_file_checks(struct file *in, off_t pin, struct file *out,
			    off_t pout, size_t *count)
{
	struct inode *ii = in->f_inode, *oi = out->f_inode;
	off_t size;

	if (S_ISDIR(ii->i_mode) || S_ISDIR(oi->i_mode))
		return -EISDIR;
	if (!S_ISREG(ii->i_mode) || !S_ISREG(oi->i_mode))
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (ii->i_sb != oi->i_sb)
		return -EXDEV;
	if ((off_t)(pin + *count) < pin || (off_t)(pout + *count) < pout)
		return -EOVERFLOW;
	size = READ_ONCE(ii->i_size);
	*count = pin >= size ? 0 : MIN(*count, (size_t)(size - pin));
	if (ii == oi && pout + (off_t)*count > pin && pout < pin + (off_t)*count)
		return -EINVAL;
	if (pin < 0 || pout < 0)
		return -EINVAL;
	return 0;
}

/* Copy count bytes from in at *pin to out at *pout: the bytes copied. */
static ssize_t do_copy_file(struct file *in, off_t *pin, struct file *out,
			    off_t *pout, size_t count)
{
	char *buf = kmalloc(MIN(count, SPLICE_CHUNK), GFP_KERNEL);
	size_t done = 0;
	ssize_t ret = 0;

	if (!buf)
		return -ENOMEM;
	while (done < count) {
		ssize_t r = splice_kread(in, buf, MIN(count - done, SPLICE_CHUNK),
					 pin, false);
		ssize_t w;

		if (r <= 0) {
			ret = r;
			break;
		}
		w = splice_kwrite(out, buf, r, pout);
		if (w < r) {
			*pin -= r - MAX(w, 0L);
			if (w > 0)
				done += w;
			else
				ret = w;
			break;
		}
		done += w;
		if (fatal_signal_pending(current))
			break;
	}
	kfree(buf);
	if (done) {
		fsnotify_access(in);
		fsnotify_modify(out);
	}
	return done ? (ssize_t)done : ret;
}

static long sys_copy_file_range(int fd_in, off_t __user *off_in, int fd_out,
				off_t __user *off_out, size_t len,
				unsigned int flags)
{
	struct file *in, *out = NULL;
	off_t pin, pout;
	long ret;

	if (flags)
		return -EINVAL;
	in = fget(fd_in);
	ret = -EBADF;
	if (!in || !(out = fget(fd_out)))
		goto out;
	ret = -EFAULT;
	if ((off_in && copy_from_user(&pin, off_in, sizeof(pin))) ||
	    (off_out && copy_from_user(&pout, off_out, sizeof(pout))))
		goto out;
	if (!off_in)
		pin = in->f_pos;
	if (!off_out)
		pout = out->f_pos;
	ret = copy_file_checks(in, pin, out, pout, &len);
	if (ret || !len)
		goto out;
	if (!in->f_op->kread || !out->f_op->kwrite) {
		ret = -EINVAL;
		goto out;
	}
	ret = do_copy_file(in, &pin, out, &pout, MIN(len, (size_t)MAX_RW_COUNT));
	if (ret <= 0)
		goto out;
	if (off_in ? copy_to_user(off_in, &pin, sizeof(pin)) != 0
		   : ((in->f_pos = pin), false))
		ret = -EFAULT;
	if (off_out ? copy_to_user(off_out, &pout, sizeof(pout)) != 0
		    : ((out->f_pos = pout), false))
		ret = -EFAULT;
out:
	if (out)
		fput(out);
	if (in)
		fput(in);
	return ret;
}
SYSCALL_ENTRY(copy_file_range, sys_copy_file_range);
