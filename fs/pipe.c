/*
 * Pipes and FIFOs.
 *
 * The ring is nr_pages pages (16 = 64 KiB, as Linux) used as one byte
 * ring: head and tail count bytes ever written and read, so the fill is
 * head - tail. Pages are allocated on first use and kept until the pipe
 * goes away. Writes of at most PIPE_BUF bytes are atomic: they wait for
 * room for all of it.
 *
 * An anonymous pipe's inode lives on the internal pipefs; a FIFO's is
 * any filesystem's S_IFIFO inode, whose pipe_inode_info exists while
 * some file has the FIFO open. Locking: pipe->mutex protects the ring
 * and the counts; i_lock (FIFOs) protects inode->i_pipe.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/pipe.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

static struct vfsmount *pipe_mnt;

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe));

	if (!pipe)
		return NULL;
	pipe->nr_pages = PIPE_DEF_BUFFERS;
	pipe->pages = kzalloc(pipe->nr_pages * sizeof(struct page *));
	if (!pipe->pages) {
		kfree(pipe);
		return NULL;
	}
	mutex_init_ranked(&pipe->mutex, "pipe->mutex", LR_PIPE);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	return pipe;
}

/* free_pipe_info - free a pipe's ring (its last file is gone). */
void free_pipe_info(struct pipe_inode_info *pipe)
{
	unsigned int i;

	for (i = 0; i < pipe->nr_pages; i++)
		if (pipe->pages[i])
			put_page(pipe->pages[i]);
	kfree(pipe->pages);
	kfree(pipe);
}

static size_t pipe_size(struct pipe_inode_info *pipe)
{
	return (size_t)pipe->nr_pages * PAGE_SIZE;
}

static size_t pipe_len(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
}

/* Where byte number pos lives, allocating its page. Holds mutex. */
static char *ring_addr(struct pipe_inode_info *pipe, unsigned long pos,
		       size_t *room)
{
	unsigned long off = pos % pipe_size(pipe);
	unsigned int idx = off >> PAGE_SHIFT;

	if (!pipe->pages[idx]) {
		pipe->pages[idx] = alloc_page(0);
		if (!pipe->pages[idx])
			return NULL;
	}
	*room = PAGE_SIZE - (off & (PAGE_SIZE - 1));
	return (char *)page_address(pipe->pages[idx]) + (off & (PAGE_SIZE - 1));
}

/* Copy up to n bytes out of the ring. Holds mutex. */
static ssize_t ring_read(struct pipe_inode_info *pipe, char __user *buf,
			 size_t n)
{
	size_t done = 0;

	n = MIN(n, pipe_len(pipe));
	while (done < n) {
		size_t room, chunk;
		char *src = ring_addr(pipe, pipe->tail, &room);

		if (!src)
			break;
		chunk = MIN(room, n - done);
		if (copy_to_user(buf + done, src, chunk))
			return done ? (ssize_t)done : -EFAULT;
		pipe->tail += chunk;
		done += chunk;
	}
	return done;
}

/* Copy up to n bytes into the ring (room permitting). Holds mutex. */
static ssize_t ring_write(struct pipe_inode_info *pipe,
			  const char __user *buf, size_t n, bool user)
{
	size_t done = 0;

	n = MIN(n, pipe_size(pipe) - pipe_len(pipe));
	while (done < n) {
		size_t room, chunk;
		char *dst = ring_addr(pipe, pipe->head, &room);

		if (!dst)
			return done ? (ssize_t)done : -ENOMEM;
		chunk = MIN(room, n - done);
		if (!user)
			memcpy(dst, buf + done, chunk);
		else if (copy_from_user(dst, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		pipe->head += chunk;
		done += chunk;
	}
	return done;
}

/* --- the ring for splice, tee and vmsplice (fs/splice.c) --- */

/* get_pipe_info - the pipe behind f (a pipe or FIFO end), or NULL. */
struct pipe_inode_info *get_pipe_info(struct file *f)
{
	return f->f_op == &pipefifo_fops ? f->private_data : NULL;
}

/* pipe_data_len / pipe_room - bytes queued / free. Hold pipe->mutex. */
size_t pipe_data_len(struct pipe_inode_info *pipe)
{
	return pipe_len(pipe);
}

size_t pipe_room(struct pipe_inode_info *pipe)
{
	return pipe_size(pipe) - pipe_len(pipe);
}

/**
 * pipe_peek - copy up to n bytes starting off bytes into the queued
 * data to buf, without consuming them. Returns the bytes copied. Holds
 * pipe->mutex.
 */
size_t pipe_peek(struct pipe_inode_info *pipe, size_t off, void *buf,
		 size_t n)
{
	size_t done = 0, room;

	mutex_assert_held(&pipe->mutex);
	if (off >= pipe_len(pipe))
		return 0;
	n = MIN(n, pipe_len(pipe) - off);
	while (done < n) {
		char *src = ring_addr(pipe, pipe->tail + off + done, &room);
		size_t chunk = MIN(room, n - done);

		if (!src)
			break;
		memcpy((char *)buf + done, src, chunk);
		done += chunk;
	}
	return done;
}

/* pipe_consume - drop n queued bytes (n <= pipe_data_len) and wake the
 * writers. Holds pipe->mutex. */
void pipe_consume(struct pipe_inode_info *pipe, size_t n)
{
	mutex_assert_held(&pipe->mutex);
	pipe->tail += n;
	wake_up_interruptible_poll(&pipe->wr_wait, POLLOUT | POLLWRNORM);
}

/* pipe_unconsume - put back n bytes just consumed, if nobody read and no
 * writer reused their room since (tail still at tail); else false. */
bool pipe_unconsume(struct pipe_inode_info *pipe, unsigned long tail,
		    size_t n)
{
	mutex_assert_held(&pipe->mutex);
	if (pipe->tail != tail || pipe->head - (tail - n) > pipe_size(pipe))
		return false;
	pipe->tail = tail - n;
	return true;
}

/**
 * pipe_put - append up to n bytes of buf (kernel or user memory, as
 * user says) as room allows and wake the readers. The bytes added, or
 * -ENOMEM/-EFAULT when none were. Holds pipe->mutex.
 */
ssize_t pipe_put(struct pipe_inode_info *pipe, const void *buf, size_t n,
		 bool user)
{
	ssize_t r;

	mutex_assert_held(&pipe->mutex);
	r = ring_write(pipe, buf, n, user);
	if (r > 0)
		wake_up_interruptible_poll(&pipe->rd_wait, POLLIN | POLLRDNORM);
	return r;
}

/**
 * pipe_wait_data - wait for queued data. 0 (data), 1 (empty and no
 * writer: end of file), -EAGAIN (nonblock) or -ERESTARTSYS. Called and
 * returns with pipe->mutex held (dropped while asleep).
 */
int pipe_wait_data(struct pipe_inode_info *pipe, bool nonblock)
{
	mutex_assert_held(&pipe->mutex);
	while (!pipe_len(pipe)) {
		if (!pipe->writers)
			return 1;
		if (nonblock)
			return -EAGAIN;
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(pipe->rd_wait,
					     pipe_len(pipe) ||
						     !READ_ONCE(pipe->writers))) {
			mutex_lock(&pipe->mutex);
			return -ERESTARTSYS;
		}
		mutex_lock(&pipe->mutex);
	}
	return 0;
}

/**
 * pipe_wait_room - wait for room. 0, -EPIPE (no reader: SIGPIPE sent),
 * -EAGAIN (nonblock) or -ERESTARTSYS. Called and returns with
 * pipe->mutex held (dropped while asleep).
 */
int pipe_wait_room(struct pipe_inode_info *pipe, bool nonblock)
{
	mutex_assert_held(&pipe->mutex);
	for (;;) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			return -EPIPE;
		}
		if (pipe_size(pipe) > pipe_len(pipe))
			return 0;
		if (nonblock)
			return -EAGAIN;
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(pipe->wr_wait,
					     pipe_size(pipe) > pipe_len(pipe) ||
						     !READ_ONCE(pipe->readers))) {
			mutex_lock(&pipe->mutex);
			return -ERESTARTSYS;
		}
		mutex_lock(&pipe->mutex);
	}
}

static ssize_t pipe_read(struct file *f, char __user *buf, size_t n,
			 off_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	ssize_t r;

	if (!n)
		return 0;		/* at once, data or not (Linux) */
	mutex_lock(&pipe->mutex);
	for (;;) {
		if (pipe_len(pipe)) {
			r = ring_read(pipe, buf, n);
			wake_up_interruptible_poll(&pipe->wr_wait,
						   POLLOUT | POLLWRNORM);
			kill_fasync(&pipe->fasync_writers, POLL_OUT);
			if (pipe_len(pipe))	/* for the next reader */
				wake_up_interruptible_poll(&pipe->rd_wait,
							   POLLIN | POLLRDNORM);
			break;
		}
		r = 0;
		if (!pipe->writers)
			break;
		r = -EAGAIN;
		if (f->f_flags & O_NONBLOCK)
			break;
		mutex_unlock(&pipe->mutex);
		r = wait_event_interruptible_exclusive(pipe->rd_wait,
					pipe_len(pipe) || !READ_ONCE(pipe->writers));
		if (r)
			return r;
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	if (r > 0)
		touch_atime(f);
	return r;
}

/* Is there room for the next chunk of a write of total bytes? */
static bool pipe_writable(struct pipe_inode_info *pipe, size_t left,
			  size_t total)
{
	size_t room = pipe_size(pipe) - pipe_len(pipe);

	if (!READ_ONCE(pipe->readers))
		return true;
	return total <= PIPE_BUF ? room >= left : room > 0;
}

/* A writer waiting for room for its next chunk (pipe_wait_writable). */
struct pipe_writer_wait {
	struct wait_queue_entry w;
	struct pipe_inode_info *pipe;
	size_t left;			/* bytes still to write */
	size_t total;			/* the whole write (atomic if small) */
};

/*
 * Writers wait exclusive, as Linux's, so freed room wakes one writer,
 * not all. Each needs its own amount of room (a small write waits for
 * all of it), so a wake-up passes over a writer it cannot serve to the
 * next one that it can. Under wr_wait.lock; pipe_len is a snapshot.
 */
static int pipe_writer_wake(struct wait_queue_entry *w, unsigned int mode,
			    unsigned long key)
{
	struct pipe_writer_wait *pw = container_of(w, struct pipe_writer_wait,
						   w);

	if (!pipe_writable(pw->pipe, pw->left, pw->total))
		return 0;
	return default_wake_function(w, mode, key);
}

/* Sleep (pipe->mutex not held) until room for left of total bytes:
 * 0 or -ERESTARTSYS. */
static int pipe_wait_writable(struct pipe_inode_info *pipe, size_t left,
			      size_t total)
{
	struct pipe_writer_wait pw = { .pipe = pipe, .left = left,
				       .total = total };
	int r = 0;

	init_waitqueue_func_entry(&pw.w, pipe_writer_wake);
	pw.w.task = current;
	for (;;) {
		prepare_to_wait_exclusive(&pipe->wr_wait, &pw.w,
					  TASK_INTERRUPTIBLE);
		if (pipe_writable(pipe, left, total))
			break;
		if (signal_pending(current)) {
			r = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&pipe->wr_wait, &pw.w);
	return r;
}

static ssize_t pipe_do_write(struct file *f, const char *buf, size_t n,
			     bool user)
{
	struct pipe_inode_info *pipe = f->private_data;
	size_t done = 0;
	ssize_t r = 0;

	mutex_lock(&pipe->mutex);
	while (done < n) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			r = -EPIPE;
			break;
		}
		if (pipe_writable(pipe, n - done, n)) {
			r = ring_write(pipe, buf + done, n - done, user);
			if (r < 0)
				break;
			done += r;
			wake_up_interruptible_poll(&pipe->rd_wait,
						   POLLIN | POLLRDNORM);
			kill_fasync(&pipe->fasync_readers, POLL_IN);
			continue;
		}
		r = -EAGAIN;
		if (f->f_flags & O_NONBLOCK)
			break;
		mutex_unlock(&pipe->mutex);
		r = pipe_wait_writable(pipe, n - done, n);
		mutex_lock(&pipe->mutex);
		if (r)
			break;
	}
	if (pipe->readers && pipe_len(pipe) < pipe_size(pipe))
		wake_up_interruptible_poll(&pipe->wr_wait,	/* the next writer */
					   POLLOUT | POLLWRNORM);
	mutex_unlock(&pipe->mutex);
	if (done)
		file_update_time(f);
	return done ? (ssize_t)done : r;
}

static ssize_t pipe_write(struct file *f, const char __user *buf, size_t n,
			  off_t *pos)
{
	return pipe_do_write(f, buf, n, true);
}

/* sendfile into a pipe: the same, from a kernel buffer. */
static ssize_t pipe_kwrite(struct file *f, const void *buf, size_t n,
			   off_t *pos)
{
	return pipe_do_write(f, buf, n, false);
}

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	poll_wait(f, &pipe->rd_wait, pt);
	poll_wait(f, &pipe->wr_wait, pt);
	if (f->f_mode & FMODE_READ) {
		if (pipe_len(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers && pipe->w_counter)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (pipe_size(pipe) - pipe_len(pipe) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;

	if (cmd == 0x541B /* FIONREAD */)
		return put_user((int)pipe_len(pipe), (int __user *)arg);
	return -ENOTTY;
}

/* A FIFO's i_lock nests outside pipe->mutex, unlike a file's (inside
 * mmap_lock): a lock class of its own for lockdep. */
static const struct lock_class fifo_i_lock_class = {
	.name = "fifo inode->i_lock", .rank = LR_FIFO,
};

/* A file lets go of its end. The last one of a FIFO frees the ring. */
static int pipe_release(struct inode *i, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool last;

	mutex_lock(&i->i_lock);
	mutex_lock(&pipe->mutex);
	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	last = --pipe->files == 0;
	if (last)
		i->i_pipe = NULL;
	mutex_unlock(&pipe->mutex);
	mutex_unlock(&i->i_lock);
	if (last) {
		free_pipe_info(pipe);
		return 0;
	}
	wake_up_interruptible_all(&pipe->rd_wait);
	wake_up_interruptible_all(&pipe->wr_wait);
	kill_fasync(&pipe->fasync_readers, POLL_IN);
	kill_fasync(&pipe->fasync_writers, POLL_OUT);
	return 0;
}

/* pipe_wait_readers_gone - see tine/pipe.h. Linux's
 * wait_for_dump_helpers(): our write end stops counting while we wait. */
void pipe_wait_readers_gone(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	mutex_lock(&pipe->mutex);
	pipe->writers--;
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible_all(&pipe->rd_wait);
	kill_fasync(&pipe->fasync_readers, POLL_IN);
	wait_event_interruptible(pipe->wr_wait, !READ_ONCE(pipe->readers));
	mutex_lock(&pipe->mutex);
	pipe->writers++;
	mutex_unlock(&pipe->mutex);
}

/* O_ASYNC on an end: its file goes on the readers' and/or writers'
 * list (Linux's pipe_fasync). */
static int pipe_fasync(int fd, struct file *f, int on)
{
	struct pipe_inode_info *pipe = f->private_data;
	int err = 0;

	mutex_lock(&pipe->mutex);
	if (f->f_mode & FMODE_READ)
		err = fasync_helper(fd, f, on, &pipe->fasync_readers);
	if ((f->f_mode & FMODE_WRITE) && !err) {
		err = fasync_helper(fd, f, on, &pipe->fasync_writers);
		if (err && (f->f_mode & FMODE_READ))
			fasync_helper(-1, f, 0, &pipe->fasync_readers);
	}
	mutex_unlock(&pipe->mutex);
	return err;
}

/* Wait until *counter moves past old (the other end of a FIFO opened). */
static int wait_for_partner(struct pipe_inode_info *pipe,
			    unsigned int *counter, unsigned int old)
{
	int err;

	mutex_unlock(&pipe->mutex);
	err = wait_event_interruptible(pipe->rd_wait,
				       READ_ONCE(*counter) != old);
	mutex_lock(&pipe->mutex);
	return err;
}

/*
 * fifo_open - open a FIFO: O_RDONLY waits for a writer and O_WRONLY
 * for a reader (unless O_NONBLOCK: a reader goes ahead, a writer fails
 * with ENXIO); O_RDWR never waits.
 */
static int fifo_open(struct inode *i, struct file *f)
{
	/* A pipe reopened through /proc/<pid>/fd never waits. */
	bool is_pipe = i->i_sb && i->i_sb->s_magic == PIPEFS_MAGIC;
	struct pipe_inode_info *pipe;
	int err = 0;

	i->i_lock.class = &fifo_i_lock_class;
	mutex_lock(&i->i_lock);
	pipe = i->i_pipe;
	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe) {
			mutex_unlock(&i->i_lock);
			return -ENOMEM;
		}
		i->i_pipe = pipe;
	}
	mutex_lock(&pipe->mutex);
	pipe->files++;
	mutex_unlock(&i->i_lock);
	f->private_data = pipe;
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);

	switch (f->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		pipe->readers++;
		wake_up_interruptible(&pipe->rd_wait);
		if (!is_pipe && !pipe->writers && !(f->f_flags & O_NONBLOCK))
			err = wait_for_partner(pipe, &pipe->w_counter,
					       pipe->w_counter);
		if (err)
			pipe->readers--;
		break;
	case FMODE_WRITE:
		if (!is_pipe && (f->f_flags & O_NONBLOCK) && !pipe->readers) {
			err = -ENXIO;
			break;
		}
		pipe->w_counter++;
		pipe->writers++;
		wake_up_interruptible(&pipe->rd_wait);
		if (!is_pipe && !pipe->readers)
			err = wait_for_partner(pipe, &pipe->r_counter,
					       pipe->r_counter);
		if (err)
			pipe->writers--;
		break;
	case FMODE_READ | FMODE_WRITE:
		pipe->readers++;
		pipe->writers++;
		pipe->r_counter++;
		pipe->w_counter++;
		wake_up_interruptible(&pipe->rd_wait);
		break;
	default:
		err = -EINVAL;
	}
	mutex_unlock(&pipe->mutex);
	if (err) {
		f->f_mode &= ~(FMODE_READ | FMODE_WRITE);
		pipe_release(i, f);
	}
	return err;
}

/* The operations of pipes and FIFOs (FIFO inodes point here). */
const struct file_operations pipefifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.kwrite = pipe_kwrite,
	.llseek = no_llseek,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.fasync = pipe_fasync,
};

/* Give pipe the new ring (its data already copied to the start). */
static void swap_pages(struct pipe_inode_info *pipe, struct page ***pages,
		       unsigned int *nr)
{
	struct page **old = pipe->pages;
	unsigned int oldnr = pipe->nr_pages;
	size_t len = pipe_len(pipe);

	pipe->pages = *pages;
	pipe->nr_pages = *nr;
	pipe->tail = 0;
	pipe->head = len;
	*pages = old;
	*nr = oldnr;
}

/*
 * pipe_fcntl - F_GETPIPE_SZ, and F_SETPIPE_SZ (rounded up to a power of
 * two pages; -EBUSY when the data would not fit).
 */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe;
	unsigned int nr = 1;
	struct page **pages;
	unsigned long i;
	long r;

	if (f->f_op != &pipefifo_fops)
		return -EBADF;
	pipe = f->private_data;
	if (cmd == F_GETPIPE_SZ)
		return pipe_size(pipe);
	if (arg > READ_ONCE(pipe_max_size) && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (arg > (1UL << 31))
		return -EINVAL;
	while ((unsigned long)nr * PAGE_SIZE < arg)
		nr *= 2;
	pages = kzalloc(nr * sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	mutex_lock(&pipe->mutex);
	r = -EBUSY;
	if (pipe_len(pipe) > (size_t)nr * PAGE_SIZE)
		goto out;
	/* Move the bytes to the start of the new ring. */
	for (i = 0; i < pipe_len(pipe); i++) {
		size_t room;
		char *src = ring_addr(pipe, pipe->tail + i, &room);
		unsigned int idx = i >> PAGE_SHIFT;

		if (!pages[idx])
			pages[idx] = alloc_page(0);
		r = -ENOMEM;
		if (!src || !pages[idx])
			goto out;
		((char *)page_address(pages[idx]))[i & (PAGE_SIZE - 1)] = *src;
	}
	swap_pages(pipe, &pages, &nr);
	r = pipe_size(pipe);
	wake_up_interruptible_poll(&pipe->wr_wait, POLLOUT | POLLWRNORM);
out:
	mutex_unlock(&pipe->mutex);
	for (i = 0; i < nr; i++)
		if (pages[i])
			put_page(pages[i]);
	kfree(pages);
	return r;
}

static char *pipefs_dname(struct dentry *d, char *buf, size_t len)
{
	snprintf(buf, len, "pipe:[%lu]", d->d_inode->i_ino);
	return buf;
}

static const struct super_operations pipefs_ops = {
	.d_dname = pipefs_dname,
};

static struct super_block *pipefs_mount(struct file_system_type *t,
					int flags, const char *dev, void *data)
{
	return mount_pseudo(t, &pipefs_ops, PIPEFS_MAGIC, 0600);
}

static struct file_system_type pipefs_type = {
	.name = "pipefs",
	.nodev = true,
	.mount = pipefs_mount,
	.kill_sb = kill_anon_super,
};

/* pipe_init - the internal pipefs mount (boot). */
void pipe_init(void)
{
	pipe_mnt = kern_mount(&pipefs_type);
	if (IS_ERR(pipe_mnt))
		panic("pipe_init: %ld", PTR_ERR(pipe_mnt));
}

/* One end of a new pipe as a file; counts itself in the pipe. */
static struct file *pipe_end(struct path *p, struct pipe_inode_info *pipe,
			     int flags)
{
	struct file *f = alloc_file(p, flags, &pipefifo_fops);

	if (IS_ERR(f))
		return f;
	f->private_data = pipe;
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	pipe->files++;
	if (f->f_mode & FMODE_READ)
		pipe->readers++;
	else
		pipe->writers++;
	return f;
}

/*
 * create_pipe_files - the two ends of a new anonymous pipe, read end in
 * res[0]. flags may hold O_NONBLOCK. 0 or -ENOMEM.
 */
int create_pipe_files(struct file **res, int flags)
{
	struct inode *i = new_inode(pipe_mnt->mnt_sb);
	struct pipe_inode_info *pipe;
	struct path p = { pipe_mnt, NULL };

	if (!i)
		return -ENOMEM;
	i->i_mode = S_IFIFO | 0600;
	i->i_lock.class = &fifo_i_lock_class;
	i->i_uid = current_fsuid();
	i->i_gid = current_fsgid();
	i->i_fop = &pipefifo_fops;
	pipe = alloc_pipe_info();
	p.dentry = d_alloc(pipe_mnt->mnt_root, "", 0);
	if (!pipe || !p.dentry) {
		if (pipe)
			free_pipe_info(pipe);
		dput(p.dentry);
		iput(i);
		return -ENOMEM;
	}
	pipe->r_counter = pipe->w_counter = 1;
	i->i_pipe = pipe;
	d_instantiate(p.dentry, i);
	res[0] = pipe_end(&p, pipe, O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[0])) {
		free_pipe_info(pipe);
		i->i_pipe = NULL;
		dput(p.dentry);
		return -ENOMEM;
	}
	res[1] = pipe_end(&p, pipe, O_WRONLY | (flags & O_NONBLOCK));
	dput(p.dentry);
	if (IS_ERR(res[1])) {
		fput(res[0]);
		return -ENOMEM;
	}
	return 0;
}

static long sys_pipe2(int __user *ufds, int flags)
{
	struct file *files[2];
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fds[0] = get_unused_fd_flags(flags);
	if (fds[0] < 0) {
		err = fds[0];
		goto out_files;
	}
	fds[1] = get_unused_fd_flags(flags);
	if (fds[1] < 0) {
		err = fds[1];
		goto out_fd0;
	}
	err = -EFAULT;
	if (copy_to_user(ufds, fds, sizeof(fds)))
		goto out_fd1;
	fd_install(fds[0], files[0]);
	fd_install(fds[1], files[1]);
	return 0;

out_fd1:
	put_unused_fd(fds[1]);
out_fd0:
	put_unused_fd(fds[0]);
out_files:
	fput(files[0]);
	fput(files[1]);
	return err;
}
SYSCALL_ENTRY(pipe2, sys_pipe2);

static long sys_pipe(int __user *ufds)
{
	return sys_pipe2(ufds, 0);
}
SYSCALL_ENTRY(pipe, sys_pipe);

/* ---- sysctl: fs.pipe-max-size ---- */

unsigned int pipe_max_size = 1048576;

/*
 * fs.pipe-max-size is kept as a pipe size F_SETPIPE_SZ would make: a
 * power of two pages (at least one); more than 2 GiB is EINVAL.
 */
static int proc_dopipe_max_size(const struct ctl_table *t, int write,
				char *buf, size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;
	unsigned int size = READ_ONCE(pipe_max_size), nr = 1;
	int err;

	tmp.data = &size;
	err = proc_douintvec(&tmp, write, buf, lenp, ppos);
	if (err || !write)
		return err;
	if (size > (1U << 31))
		return -EINVAL;
	while ((unsigned long)nr * PAGE_SIZE < size)
		nr *= 2;
	WRITE_ONCE(pipe_max_size, nr * PAGE_SIZE);
	return 0;
}

static const struct ctl_table pipe_table[] = {
	{ .procname = "pipe-max-size", .data = &pipe_max_size,
	  .maxlen = sizeof(unsigned int), .mode = 0644,
	  .proc_handler = proc_dopipe_max_size },
	{ }
};

static void pipe_sysctl_init(void)
{
	register_sysctl("fs", pipe_table);
}
__initcall(pipe_sysctl_init);
