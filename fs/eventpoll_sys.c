/*
 * The epoll system calls that work on an existing instance: epoll_ctl
 * (argument checks, then fs/eventpoll.c's ep_insert, ep_modify,
 * ep_remove) and epoll_wait, epoll_pwait, epoll_pwait2 (the timeout and
 * signal mask, then ep_poll). epoll_create is in fs/eventpoll.c.
 */
#include <tine/eventpoll.h>
#include <tine/fs.h>
#include <tine/mutex.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "eventpoll_internal.h"
#include "internal.h"

#define EP_MAX_EVENTS (INT32_MAX / (int)sizeof(struct epoll_event))
#define EPOLLEXCLUSIVE_OK_BITS                                          \
	(EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | \
	 EPOLLEXCLUSIVE)
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL

/* ---- epoll_ctl ---- */

static bool ep_op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

/* The argument checks that need no lock: 0 or -errno. */
static int ep_ctl_check(struct file *f, struct file *tf, int op,
			struct epoll_event *epds)
{
	if (!file_can_poll(tf))
		return -EPERM;
	/* EPOLLWAKEUP needs CAP_BLOCK_SUSPEND; without suspend it has
	 * nothing to do, so it is dropped as for a caller without it. */
	if (ep_op_has_event(op))
		epds->events &= ~EPOLLWAKEUP;
	if (f == tf || !is_file_epoll(f))
		return -EINVAL;
	if (ep_op_has_event(op) && (epds->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD &&
		    (is_file_epoll(tf) ||
		     (epds->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	return 0;
}

static int do_epoll_ctl(struct file *f, struct file *tf, int op, int fd,
			struct epoll_event *epds)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;
	bool full = false;
	int error;

	error = ep_ctl_check(f, tf, op, epds);
	if (error)
		return error;
	if (op == EPOLL_CTL_ADD) {
		error = ep_ctl_nest_check(ep, tf, &full);
		if (error)
			goto out;
	}
	mutex_lock(&ep->mtx);
	epi = ep_find(ep, tf, fd);
	error = -EINVAL;
	switch (op) {
	case EPOLL_CTL_ADD:
		epds->events |= EPOLLERR | EPOLLHUP;
		error = epi ? -EEXIST : ep_insert(ep, epds, tf, fd, full);
		break;
	case EPOLL_CTL_DEL:
		error = -ENOENT;
		if (epi) {
			ep_remove(ep, epi);
			error = 0;
		}
		break;
	case EPOLL_CTL_MOD:
		error = -ENOENT;
		if (epi) {
			error = -EINVAL;
			epds->events |= EPOLLERR | EPOLLHUP;
			if (!(epi->event.events & EPOLLEXCLUSIVE))
				error = ep_modify(ep, epi, epds);
		}
		break;
	}
	mutex_unlock(&ep->mtx);
out:
	if (full)
		mutex_unlock(&epmutex);
	return error;
}

static long sys_epoll_ctl(int epfd, int op, int fd,
			  struct epoll_event __user *event)
{
	struct epoll_event epds = { 0, 0 };
	struct file *f, *tf;
	long error;

	if (ep_op_has_event(op) && copy_from_user(&epds, event, sizeof(epds)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	error = -EBADF;
	tf = fget(fd);
	if (tf) {
		error = do_epoll_ctl(f, tf, op, fd, &epds);
		fput(tf);
	}
	fput(f);
	return error;
}
SYSCALL_ENTRY(epoll_ctl, sys_epoll_ctl);

/* ---- epoll_wait and friends ---- */

static long do_epoll_wait(int epfd, struct epoll_event __user *events,
			  int maxevents, u64 deadline, bool zero)
{
	struct file *f;
	long error;

	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(events, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	error = -EINVAL;
	if (is_file_epoll(f))
		error = ep_poll(f->private_data, events, maxevents, deadline,
				zero);
	fput(f);
	return error;
}

/* A millisecond timeout as a deadline (negative: none). */
static u64 ms_deadline(int timeout, bool *zero)
{
	*zero = timeout == 0;
	if (timeout <= 0)
		return 0;
	return ktime_get_ns() + (u64)timeout * NSEC_PER_MSEC;
}

static long sys_epoll_wait(int epfd, struct epoll_event __user *events,
			   int maxevents, int timeout)
{
	bool zero;
	u64 deadline = ms_deadline(timeout, &zero);

	return do_epoll_wait(epfd, events, maxevents, deadline, zero);
}
SYSCALL_ENTRY(epoll_wait, sys_epoll_wait);

/* epoll_pwait/pwait2: the wait with a temporary signal mask. */
static long epoll_pwait_common(int epfd, struct epoll_event __user *events,
			       int maxevents, u64 deadline, bool zero,
			       const sigset_t __user *sigmask, size_t size)
{
	bool set;
	long error = set_user_sigmask(sigmask, size, &set);

	if (error)
		return error;
	error = do_epoll_wait(epfd, events, maxevents, deadline, zero);
	restore_user_sigmask(set, error);
	return error;
}

static long sys_epoll_pwait(int epfd, struct epoll_event __user *events,
			    int maxevents, int timeout,
			    const sigset_t __user *sigmask, size_t size)
{
	bool zero;
	u64 deadline = ms_deadline(timeout, &zero);

	return epoll_pwait_common(epfd, events, maxevents, deadline, zero,
				  sigmask, size);
}
SYSCALL_ENTRY(epoll_pwait, sys_epoll_pwait);

static long sys_epoll_pwait2(int epfd, struct epoll_event __user *events,
			     int maxevents,
			     const struct timespec_k __user *timeout,
			     const sigset_t __user *sigmask, size_t size)
{
	struct timespec_k ts;
	bool zero = false;
	u64 deadline = 0;

	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		zero = !ts.tv_sec && !ts.tv_nsec;
		if (!zero)
			deadline = ktime_get_ns() +
				   (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	return epoll_pwait_common(epfd, events, maxevents, deadline, zero,
				  sigmask, size);
}
SYSCALL_ENTRY(epoll_pwait2, sys_epoll_pwait2);
