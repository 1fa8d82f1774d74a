/*
 * eventfd: a 64-bit counter in a file. write() adds to it (waiting
 * while the sum would reach 2^64 - 1), read() takes it all and zeroes
 * it, or with EFD_SEMAPHORE takes 1; reads wait while it is 0. Poll
 * says POLLIN while it is non-zero, POLLOUT while a write of 1 would
 * not wait, POLLERR if it ever reached the maximum (it cannot from user
 * space).
 *
 * Lock: the counter is protected by the lock of the context's own wait
 * queue, ctx->wqh.lock (as Linux), so a change and the wake-up that
 * announces it are one step for the pollers hooked on wqh.
 */
#include <tine/anon_inodes.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/syscall.h>
#include <tine/uio.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC O_CLOEXEC
#define EFD_NONBLOCK O_NONBLOCK
#define EFD_FLAGS_SET (EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)
#define EFD_COUNT_MAX (~0ULL)

struct eventfd_ctx {
	struct wait_queue_head wqh;	/* readers, writers, pollers */
	u64 count;			/* [wqh.lock] */
	unsigned int flags;		/* [I] EFD_SEMAPHORE */
};

static int eventfd_release(struct inode *i, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static unsigned int eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned int mask = 0;
	u64 count;

	/* Queued first, then read: a later change wakes us (the lock in
	 * poll_wait orders the read after any earlier change). */
	poll_wait(f, &ctx->wqh, pt);
	count = READ_ONCE(ctx->count);
	if (count > 0)
		mask |= POLLIN | POLLRDNORM;
	if (count == EFD_COUNT_MAX)
		mask |= POLLERR;
	if (EFD_COUNT_MAX - 1 > count)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/*
 * Take the counter (or 1 of it) into *val once it is non-zero, waiting
 * unless nonblock. 0, -EAGAIN or -ERESTARTSYS.
 */
static int eventfd_take(struct eventfd_ctx *ctx, bool nonblock, u64 *val)
{
	unsigned long f;
	int err;

	for (;;) {
		f = spin_lock_irqsave(&ctx->wqh.lock);
		if (ctx->count)
			break;
		spin_unlock_irqrestore(&ctx->wqh.lock, f);
		if (nonblock)
			return -EAGAIN;
		err = wait_event_interruptible(ctx->wqh,
					       READ_ONCE(ctx->count) != 0);
		if (err)
			return err;
	}
	*val = (ctx->flags & EFD_SEMAPHORE) ? 1 : ctx->count;
	ctx->count -= *val;
	__wake_up_locked_key(&ctx->wqh, TASK_NORMAL, 1, POLLOUT | POLLWRNORM);
	spin_unlock_irqrestore(&ctx->wqh.lock, f);
	return 0;
}

/*
 * Linux reads an eventfd through read_iter: the 8 bytes may span the
 * segments of a readv. Writes stay one plain write per segment, so a
 * writev of two 4-byte segments is EINVAL there (and here).
 */
static ssize_t eventfd_read_iter(struct file *f, struct iov_iter *to)
{
	u64 val;
	int err;

	if (iov_iter_count(to) < sizeof(val))
		return -EINVAL;
	err = eventfd_take(f->private_data, f->f_flags & O_NONBLOCK, &val);
	if (err)
		return err;
	/* As Linux: the value is consumed even if the copy faults. */
	if (copy_to_iter(&val, sizeof(val), to) != sizeof(val))
		return -EFAULT;
	return sizeof(val);
}

static ssize_t eventfd_read(struct file *f, char __user *buf, size_t n,
			    off_t *pos)
{
	struct iovec iov = { .iov_base = buf, .iov_len = n };
	struct iov_iter to;

	iov_iter_init(&to, &iov, 1, n);
	return eventfd_read_iter(f, &to);
}

/* Room to add val without reaching the maximum? */
static bool eventfd_room(struct eventfd_ctx *ctx, u64 val)
{
	return EFD_COUNT_MAX - READ_ONCE(ctx->count) > val;
}

static ssize_t eventfd_write(struct file *f, const char __user *buf,
			     size_t n, off_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 val;
	int err;

	if (n < sizeof(val))
		return -EINVAL;
	if (copy_from_user(&val, buf, sizeof(val)))
		return -EFAULT;
	if (val == EFD_COUNT_MAX)
		return -EINVAL;
	for (;;) {
		flags = spin_lock_irqsave(&ctx->wqh.lock);
		if (eventfd_room(ctx, val))
			break;
		spin_unlock_irqrestore(&ctx->wqh.lock, flags);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(ctx->wqh, eventfd_room(ctx, val));
		if (err)
			return err;
	}
	ctx->count += val;
	if (val)
		__wake_up_locked_key(&ctx->wqh, TASK_NORMAL, 1,
				     POLLIN | POLLRDNORM);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return sizeof(val);
}

/* fdinfo: the counter, as Linux prints it. */
static void eventfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long fl = spin_lock_irqsave(&ctx->wqh.lock);
	u64 count = ctx->count;

	spin_unlock_irqrestore(&ctx->wqh.lock, fl);
	seq_printf(m, "eventfd-count: %16llx\n", (unsigned long long)count);
}

static const struct file_operations eventfd_fops = {
	.show_fdinfo = eventfd_show_fdinfo,
	.read = eventfd_read,
	.read_iter = eventfd_read_iter,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.llseek = noop_llseek,
	.release = eventfd_release,
};

static long sys_eventfd2(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~EFD_FLAGS_SET)
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags & EFD_SEMAPHORE;
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx,
			      O_RDWR | (flags & (EFD_CLOEXEC | EFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}
SYSCALL_ENTRY(eventfd2, sys_eventfd2);

static long sys_eventfd(unsigned int count)
{
	return sys_eventfd2(count, 0);
}
SYSCALL_ENTRY(eventfd, sys_eventfd);
