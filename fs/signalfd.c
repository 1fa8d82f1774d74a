/*
 * signalfd: read pending signals as struct signalfd_siginfo records
 * instead of running handlers. The file holds only the set of signals
 * it accepts; which signals are there is the reader's business: a
 * read takes them off the *reading* thread's queue and its process's,
 * as Linux does, so a signalfd inherited across fork or exec reads
 * the new owner's signals. The signals are normally blocked, or they
 * would be delivered first.
 *
 * Readers and pollers wait on current->sighand->signalfd_wqh, which
 * signal sending wakes under the siglock (signalfd_notify). When a
 * sighand_struct is freed, signalfd_cleanup() unhooks the epoll items
 * still on its queue (wake_up_pollfree).
 *
 * Locks: ctx->sigmask is read and written under the reader's siglock.
 */
#include <tine/anon_inodes.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define SFD_CLOEXEC O_CLOEXEC
#define SFD_NONBLOCK O_NONBLOCK

/* The record read(2) returns: 128 bytes, as Linux's. */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};

BUILD_BUG_ON(sizeof(struct signalfd_siginfo) != 128);

struct signalfd_ctx {
	sigset_t sigmask;		/* [siglock] signals NOT accepted */
};

/* signalfd_cleanup - see signal.h. */
void signalfd_cleanup(struct sighand_struct *sighand)
{
	if (waitqueue_active(&sighand->signalfd_wqh))
		wake_up_pollfree(&sighand->signalfd_wqh);
}

static int signalfd_release(struct inode *i, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static unsigned int signalfd_poll(struct file *f, struct poll_table *pt)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct sighand_struct *sh = current->sighand;
	unsigned int mask = 0;
	unsigned long fl;

	poll_wait(f, &sh->signalfd_wqh, pt);
	fl = spin_lock_irqsave(&sh->siglock);
	if (has_pending_signal(current, &ctx->sigmask))
		mask = POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&sh->siglock, fl);
	return mask;
}

/* Which union member of a siginfo is live (Linux's siginfo_layout). */
enum sil { SIL_KILL, SIL_TIMER, SIL_FAULT, SIL_CHLD, SIL_RT };

static enum sil siginfo_layout(int sig, int code)
{
	if (code > SI_USER && code < SI_KERNEL) {
		if (sig == SIGCHLD)
			return SIL_CHLD;
		if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		    sig == SIGFPE || sig == SIGTRAP)
			return SIL_FAULT;
		return SIL_KILL;
	}
	if (code == SI_TIMER)
		return SIL_TIMER;
	return code < 0 ? SIL_RT : SIL_KILL;
}

/* The record for info, as Linux's signalfd_copyinfo fills it. */
static void signalfd_fill(struct signalfd_siginfo *s, const siginfo_t *info)
{
	memset(s, 0, sizeof(*s));
	s->ssi_signo = info->si_signo;
	s->ssi_errno = info->si_errno;
	s->ssi_code = info->si_code;
	switch (siginfo_layout(info->si_signo, info->si_code)) {
	case SIL_RT:
		s->ssi_ptr = (u64)(unsigned long)info->rt.value.sival_ptr;
		s->ssi_int = info->rt.value.sival_int;
		s->ssi_pid = info->rt.pid;
		s->ssi_uid = info->rt.uid;
		break;
	case SIL_KILL:
		s->ssi_pid = info->rt.pid;
		s->ssi_uid = info->rt.uid;
		break;
	case SIL_TIMER:
		s->ssi_tid = info->timer.tid;
		s->ssi_overrun = info->timer.overrun;
		s->ssi_ptr = (u64)(unsigned long)info->timer.value.sival_ptr;
		s->ssi_int = info->timer.value.sival_int;
		break;
	case SIL_FAULT:
		s->ssi_addr = (u64)(unsigned long)info->fault.addr;
		break;
	case SIL_CHLD:
		s->ssi_pid = info->chld.pid;
		s->ssi_uid = info->chld.uid;
		s->ssi_status = info->chld.status;
		s->ssi_utime = info->chld.utime;
		s->ssi_stime = info->chld.stime;
		break;
	}
}

/*
 * Take one accepted signal off current's queues into info, waiting
 * for one unless nonblock. The signal number, -EAGAIN or -ERESTARTSYS.
 */
static int signalfd_dequeue(struct signalfd_ctx *ctx, siginfo_t *info,
			    bool nonblock)
{
	struct sighand_struct *sh = current->sighand;
	struct wait_queue_entry wait;
	unsigned long fl;
	int ret;

	fl = spin_lock_irqsave(&sh->siglock);
	ret = dequeue_signal(current, &ctx->sigmask, info);
	if (ret || nonblock) {
		spin_unlock_irqrestore(&sh->siglock, fl);
		return ret ? ret : -EAGAIN;
	}
	init_wait_entry(&wait);
	add_wait_queue(&sh->signalfd_wqh, &wait);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		ret = dequeue_signal(current, &ctx->sigmask, info);
		if (ret)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		spin_unlock_irqrestore(&sh->siglock, fl);
		schedule();
		fl = spin_lock_irqsave(&sh->siglock);
	}
	spin_unlock_irqrestore(&sh->siglock, fl);
	remove_wait_queue(&sh->signalfd_wqh, &wait);
	set_current_state(TASK_RUNNING);
	return ret;
}

/*
 * Read as many records as fit: the first may wait, the rest only take
 * what is there. Signals taken are never lost to a bad buffer after
 * the first (as Linux: the count so far is returned).
 */
static ssize_t signalfd_read(struct file *f, char __user *buf, size_t n,
			     off_t *pos)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct signalfd_siginfo rec;
	bool nonblock = f->f_flags & O_NONBLOCK;
	size_t count = n / sizeof(rec), done = 0;
	siginfo_t info;
	int ret;

	if (!count)
		return -EINVAL;
	do {
		ret = signalfd_dequeue(ctx, &info, nonblock);
		if (ret <= 0)
			break;
		signalfd_fill(&rec, &info);
		if (copy_to_user(buf + done * sizeof(rec), &rec, sizeof(rec))) {
			ret = -EFAULT;
			break;
		}
		done++;
		nonblock = true;
	} while (done < count);
	return done ? (ssize_t)(done * sizeof(rec)) : ret;
}

/* fdinfo: the signals it accepts (the complement of what it keeps). */
static void signalfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct signalfd_ctx *ctx = f->private_data;

	/* Read whole: the lock that guards it is its user's siglock, and
	 * the file may be shown from any process. */
	seq_printf(m, "sigmask:\t%016lx\n", ~READ_ONCE(ctx->sigmask.sig[0]));
}

static const struct file_operations signalfd_fops = {
	.show_fdinfo = signalfd_show_fdinfo,
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
	.llseek = noop_llseek,
};

/* A new signalfd refusing *notmask: the fd or -errno. */
static long signalfd_create(const sigset_t *notmask, int flags)
{
	struct signalfd_ctx *ctx = kzalloc(sizeof(*ctx));
	int fd;

	if (!ctx)
		return -ENOMEM;
	ctx->sigmask = *notmask;
	fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx,
			      O_RDWR | (flags & (SFD_CLOEXEC | SFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* Change the set an existing signalfd accepts; wake its waiters. */
static long signalfd_update(int ufd, const sigset_t *notmask)
{
	struct sighand_struct *sh = current->sighand;
	struct signalfd_ctx *ctx;
	struct file *f = fget(ufd);
	unsigned long fl;

	if (!f)
		return -EBADF;
	if (f->f_op != &signalfd_fops) {
		fput(f);
		return -EINVAL;
	}
	ctx = f->private_data;
	fl = spin_lock_irqsave(&sh->siglock);
	ctx->sigmask = *notmask;
	spin_unlock_irqrestore(&sh->siglock, fl);
	wake_up(&sh->signalfd_wqh);
	fput(f);
	return ufd;
}

static long do_signalfd4(int ufd, sigset_t *mask, int flags)
{
	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	/* SIGKILL and SIGSTOP cannot be read; store what is refused. */
	sigdelset(mask, SIGKILL);
	sigdelset(mask, SIGSTOP);
	mask->sig[0] = ~mask->sig[0];
	if (ufd == -1)
		return signalfd_create(mask, flags);
	return signalfd_update(ufd, mask);
}

static long sys_signalfd4(int ufd, const sigset_t __user *umask,
			  size_t sizemask, int flags)
{
	sigset_t mask;

	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	return do_signalfd4(ufd, &mask, flags);
}
SYSCALL_ENTRY(signalfd4, sys_signalfd4);

static long sys_signalfd(int ufd, const sigset_t __user *umask,
			 size_t sizemask)
{
	return sys_signalfd4(ufd, umask, sizemask, 0);
}
SYSCALL_ENTRY(signalfd, sys_signalfd);
