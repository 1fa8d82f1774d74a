/*
 * timerfd: a timer read through a file. Each expiry counts a tick;
 * read() returns the ticks since the last read (waiting for one unless
 * O_NONBLOCK) and poll says POLLIN while there are some. As in Linux,
 * a periodic timer is not re-armed by its callback but by the next
 * read, gettime or settime, which count the periods that went by
 * meanwhile: a tiny interval costs one callback per read, not one per
 * period.
 *
 * A CLOCK_REALTIME timer armed with TFD_TIMER_ABSTIME and
 * TFD_TIMER_CANCEL_ON_SET is cancelled when the clock is set: its next
 * read fails with ECANCELED (the timer itself stays armed).
 *
 * Locks: ctx->wqh.lock (irq-safe) protects a context's state, and is
 * taken by the hrtimer callback; hrtimer_lock nests inside it.
 * cancel_lock protects cancel_list and is outside ctx->wqh.lock.
 */
#include <tine/cred.h>
#include <tine/anon_inodes.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/hrtimer.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/time_namespace.h>
#include <uapi/errno.h>

#define TFD_CLOEXEC O_CLOEXEC
#define TFD_NONBLOCK O_NONBLOCK
#define TFD_CREATE_FLAGS (TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_TIMER_ABSTIME (1 << 0)
#define TFD_TIMER_CANCEL_ON_SET (1 << 1)
#define TFD_SETTIME_FLAGS (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)

struct timerfd_ctx {
	struct hrtimer t;		/* [wqh.lock] (re)armed under it */
	struct wait_queue_head wqh;	/* readers and pollers */
	u64 tintv;			/* [wqh.lock] interval, 0: one-shot */
	u64 ticks;			/* [wqh.lock] expiries not yet read */
	int clockid;			/* [I] */
	bool expired;			/* [wqh.lock] fired, not yet re-armed */
	bool might_cancel;		/* [wqh.lock] CANCEL_ON_SET armed */
	int settime_flags;		/* [wqh.lock] of the last settime */
	u64 set_seq;			/* [wqh.lock] clock_set_seq when armed */
	struct list_head clist;		/* [cancel_lock] in cancel_list */
};

static DEFINE_SPINLOCK_RANKED(cancel_lock, LR_TIMERFD_CANCEL);
static LIST_HEAD(cancel_list);		/* [cancel_lock] */
static u64 clock_set_seq;		/* [cancel_lock] clock sets so far */

static const struct file_operations timerfd_fops;

/* The *_ALARM clocks need CAP_WAKE_ALARM (initial namespace, as Linux). */
static bool capable_wake_alarm(void)
{
	return capable(CAP_WAKE_ALARM);
}

static bool isalarm(const struct timerfd_ctx *ctx)
{
	return ctx->clockid == CLOCK_REALTIME_ALARM ||
	       ctx->clockid == CLOCK_BOOTTIME_ALARM;
}

/* The callback: one more tick, wake readers. Interrupt context. */
static enum hrtimer_restart timerfd_tmrproc(struct hrtimer *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, t);
	unsigned long f = spin_lock_irqsave(&ctx->wqh.lock);

	ctx->expired = true;
	ctx->ticks++;
	__wake_up_locked_key(&ctx->wqh, TASK_NORMAL, 1, POLLIN | POLLRDNORM);
	spin_unlock_irqrestore(&ctx->wqh.lock, f);
	return HRTIMER_NORESTART;
}

/* timerfd_clock_was_set - see time.h. */
void timerfd_clock_was_set(void)
{
	struct timerfd_ctx *ctx;
	unsigned long f, g;

	f = spin_lock_irqsave(&cancel_lock);
	clock_set_seq++;
	list_for_each_entry(ctx, &cancel_list, clist) {
		g = spin_lock_irqsave(&ctx->wqh.lock);
		if (ctx->might_cancel) {
			ctx->ticks++;
			__wake_up_locked_key(&ctx->wqh, TASK_NORMAL, 1,
					     POLLIN | POLLRDNORM);
		}
		spin_unlock_irqrestore(&ctx->wqh.lock, g);
	}
	spin_unlock_irqrestore(&cancel_lock, f);
}

/*
 * Was the clock set since the timer was armed with CANCEL_ON_SET? If
 * so, say it once (the next check is against the new setting).
 * wqh.lock held.
 */
static bool timerfd_canceled(struct timerfd_ctx *ctx)
{
	u64 seq = __atomic_load_n(&clock_set_seq, __ATOMIC_ACQUIRE);

	assert_spin_locked(&ctx->wqh.lock);
	if (!ctx->might_cancel || ctx->set_seq == seq)
		return false;
	ctx->set_seq = seq;
	return true;
}

/* Join or leave cancel_list as the settime flags say. */
static void timerfd_setup_cancel(struct timerfd_ctx *ctx, int flags)
{
	bool want = (ctx->clockid == CLOCK_REALTIME ||
		     ctx->clockid == CLOCK_REALTIME_ALARM) &&
		    (flags & TFD_TIMER_ABSTIME) &&
		    (flags & TFD_TIMER_CANCEL_ON_SET);
	unsigned long f = spin_lock_irqsave(&cancel_lock), g;

	if (want && list_empty(&ctx->clist))
		list_add_tail(&ctx->clist, &cancel_list);
	else if (!want && !list_empty(&ctx->clist))
		list_del_init(&ctx->clist);
	g = spin_lock_irqsave(&ctx->wqh.lock);
	ctx->might_cancel = want;
	ctx->set_seq = clock_set_seq;
	spin_unlock_irqrestore(&ctx->wqh.lock, g);
	spin_unlock_irqrestore(&cancel_lock, f);
}

/*
 * A periodic timer that fired: re-arm it after now and return the
 * periods that went by beyond the one already counted. wqh.lock held,
 * the timer idle.
 */
static u64 timerfd_restart(struct timerfd_ctx *ctx)
{
	u64 n = hrtimer_forward(&ctx->t, hrtimer_cb_get_time(&ctx->t),
				ctx->tintv);

	assert_spin_locked(&ctx->wqh.lock);
	hrtimer_start(&ctx->t, ctx->t.expires);
	ctx->expired = false;
	return n ? n - 1 : 0;
}

static int timerfd_release(struct inode *i, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;
	unsigned long fl = spin_lock_irqsave(&cancel_lock);

	if (!list_empty(&ctx->clist))
		list_del_init(&ctx->clist);
	spin_unlock_irqrestore(&cancel_lock, fl);
	hrtimer_cancel(&ctx->t);
	kfree(ctx);
	return 0;
}

static unsigned int timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->private_data;

	poll_wait(f, &ctx->wqh, pt);
	return READ_ONCE(ctx->ticks) ? POLLIN | POLLRDNORM : 0;
}

/*
 * Take the ticks (waiting for one unless nonblock): the count, or
 * -ECANCELED, -EAGAIN, -ERESTARTSYS.
 */
static long timerfd_take(struct timerfd_ctx *ctx, bool nonblock, u64 *ticks)
{
	unsigned long f;
	long err;

	for (;;) {
		f = spin_lock_irqsave(&ctx->wqh.lock);
		if (ctx->ticks)
			break;
		spin_unlock_irqrestore(&ctx->wqh.lock, f);
		if (nonblock)
			return -EAGAIN;
		err = wait_event_interruptible(ctx->wqh,
					       READ_ONCE(ctx->ticks) != 0);
		if (err)
			return err;
	}
	err = 0;
	if (timerfd_canceled(ctx)) {
		err = -ECANCELED;
	} else {
		*ticks = ctx->ticks;
		if (ctx->expired && ctx->tintv)
			*ticks += timerfd_restart(ctx);
	}
	ctx->expired = false;
	ctx->ticks = 0;
	spin_unlock_irqrestore(&ctx->wqh.lock, f);
	return err;
}

static ssize_t timerfd_read(struct file *f, char __user *buf, size_t n,
			    off_t *pos)
{
	u64 ticks;
	long err;

	if (n < sizeof(ticks))
		return -EINVAL;
	err = timerfd_take(f->private_data, f->f_flags & O_NONBLOCK, &ticks);
	if (err)
		return err;
	return copy_to_user(buf, &ticks, sizeof(ticks)) ? -EFAULT :
							  (ssize_t)sizeof(ticks);
}

/* fdinfo: clock, expiries unread, settime flags, value and interval. */
static void timerfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;
	unsigned long fl = spin_lock_irqsave(&ctx->wqh.lock);
	u64 ticks = ctx->ticks, intv = ctx->tintv;
	u64 left = hrtimer_get_remaining(&ctx->t);
	int flags = ctx->settime_flags;

	spin_unlock_irqrestore(&ctx->wqh.lock, fl);
	seq_printf(m, "clockid: %d\nticks: %llu\nsettime flags: 0%o\n"
		      "it_value: (%llu, %llu)\nit_interval: (%llu, %llu)\n",
		   ctx->clockid, (unsigned long long)ticks, flags,
		   (unsigned long long)(left / 1000000000),
		   (unsigned long long)(left % 1000000000),
		   (unsigned long long)(intv / 1000000000),
		   (unsigned long long)(intv % 1000000000));
}

static const struct file_operations timerfd_fops = {
	.show_fdinfo = timerfd_show_fdinfo,
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
	.llseek = noop_llseek,
};

static long sys_timerfd_create(int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	if ((flags & ~TFD_CREATE_FLAGS) ||
	    (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME &&
	     clockid != CLOCK_REALTIME_ALARM && clockid != CLOCK_BOOTTIME &&
	     clockid != CLOCK_BOOTTIME_ALARM))
		return -EINVAL;
	/* Alarm clocks would wake the system from suspend; tine never
	 * suspends, so they act as their base clocks, for those allowed. */
	if ((clockid == CLOCK_REALTIME_ALARM ||
	     clockid == CLOCK_BOOTTIME_ALARM) && !capable_wake_alarm())
		return -EPERM;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->clockid = clockid;
	INIT_LIST_HEAD(&ctx->clist);
	hrtimer_init(&ctx->t, clockid, timerfd_tmrproc);
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx,
			      O_RDWR | (flags & (TFD_CLOEXEC | TFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}
SYSCALL_ENTRY(timerfd_create, sys_timerfd_create);

/* The timerfd context behind fd (a file reference in *fp), or ERR_PTR. */
static struct timerfd_ctx *timerfd_fget(int fd, struct file **fp)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &timerfd_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	*fp = f;
	return f->private_data;
}

/* The current setting (re-arming a fired periodic timer). wqh.lock held. */
static void timerfd_get_setting(struct timerfd_ctx *ctx,
				struct itimerspec_k *cur)
{
	assert_spin_locked(&ctx->wqh.lock);
	if (ctx->expired && ctx->tintv)
		ctx->ticks += timerfd_restart(ctx);
	cur->it_value = ns_to_timespec_k(hrtimer_get_remaining(&ctx->t));
	cur->it_interval = ns_to_timespec_k(ctx->tintv);
}

/* Arm (or with a zero value disarm) the idle timer. wqh.lock held. */
static void timerfd_setup(struct timerfd_ctx *ctx, int flags,
			  const struct itimerspec_k *new)
{
	u64 value = timespec_to_ns(&new->it_value);
	bool abs = flags & TFD_TIMER_ABSTIME;

	assert_spin_locked(&ctx->wqh.lock);
	ctx->expired = false;
	ctx->ticks = 0;
	ctx->settime_flags = flags & TFD_SETTIME_FLAGS;
	ctx->tintv = timespec_to_ns(&new->it_interval);
	/* As Linux: a relative timer runs on the monotonic clock whatever
	 * the timerfd's clock; an absolute realtime one on the wall clock. */
	hrtimer_init(&ctx->t, abs ? ctx->clockid : CLOCK_MONOTONIC,
		     timerfd_tmrproc);
	/* An absolute MONOTONIC/BOOTTIME time is the time namespace's. */
	if (value)
		hrtimer_start(&ctx->t,
			      abs ? timens_ktime_to_host(ctx->clockid, value)
				  : hrtimer_cb_get_time(&ctx->t) + value);
}

/*
 * Lock ctx with its timer idle: a callback running on another CPU
 * takes wqh.lock, so wait for it outside the lock. Returns the flags.
 */
static unsigned long timerfd_lock_idle(struct timerfd_ctx *ctx)
{
	unsigned long f;

	for (;;) {
		f = spin_lock_irqsave(&ctx->wqh.lock);
		if (hrtimer_try_to_cancel(&ctx->t) >= 0)
			return f;
		spin_unlock_irqrestore(&ctx->wqh.lock, f);
		cpu_relax();
	}
}

static long do_timerfd_settime(int fd, int flags,
			       const struct itimerspec_k *new,
			       struct itimerspec_k *old)
{
	struct timerfd_ctx *ctx;
	struct file *file;
	unsigned long f;

	if ((flags & ~TFD_SETTIME_FLAGS) || !timespec_valid(&new->it_value) ||
	    !timespec_valid(&new->it_interval))
		return -EINVAL;
	ctx = timerfd_fget(fd, &file);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	if (isalarm(ctx) && !capable_wake_alarm()) {
		fput(file);
		return -EPERM;
	}
	timerfd_setup_cancel(ctx, flags);
	f = timerfd_lock_idle(ctx);
	/* The old value of a periodic timer that fired: its next period. */
	if (ctx->expired && ctx->tintv)
		hrtimer_forward(&ctx->t, hrtimer_cb_get_time(&ctx->t),
				ctx->tintv);
	old->it_value = ns_to_timespec_k(hrtimer_get_remaining(&ctx->t));
	old->it_interval = ns_to_timespec_k(ctx->tintv);
	timerfd_setup(ctx, flags, new);
	spin_unlock_irqrestore(&ctx->wqh.lock, f);
	fput(file);
	return 0;
}

static long sys_timerfd_settime(int fd, int flags,
				const struct itimerspec_k __user *unew,
				struct itimerspec_k __user *uold)
{
	struct itimerspec_k new, old;
	long err;

	if (copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	err = do_timerfd_settime(fd, flags, &new, &old);
	if (err)
		return err;
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(timerfd_settime, sys_timerfd_settime);

static long sys_timerfd_gettime(int fd, struct itimerspec_k __user *ucur)
{
	struct itimerspec_k cur;
	struct timerfd_ctx *ctx;
	struct file *file;
	unsigned long f;

	ctx = timerfd_fget(fd, &file);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	f = spin_lock_irqsave(&ctx->wqh.lock);
	timerfd_get_setting(ctx, &cur);
	spin_unlock_irqrestore(&ctx->wqh.lock, f);
	fput(file);
	return copy_to_user(ucur, &cur, sizeof(cur)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(timerfd_gettime, sys_timerfd_gettime);
