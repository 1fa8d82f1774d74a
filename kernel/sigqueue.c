/*
 * Pending signals: the queued siginfo (struct sigqueue), charged to
 * the receiver's user against RLIMIT_SIGPENDING, the pending sets, and
 * the siginfo the kernel and kill() fill in. Split from signal.c.
 *
 * Locks: a pending set is [siglock] of its task's handlers;
 * sigpending_lock (inside siglock) guards the per-user counts.
 */
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#include "signal_internal.h"

/*
 * Queued siginfo are charged to the receiver's user, against its
 * RLIMIT_SIGPENDING, as Linux's ucounts. A small table; a uid that
 * finds no free slot is not limited.
 */
#define SIGPENDING_USERS 32
#define NO_CHARGE ((uid_t)-1)		/* sigqueue.uid: not counted */
static DEFINE_SPINLOCK_RANKED(sigpending_lock, LR_SIGPENDING);
static struct {
	uid_t uid;
	unsigned long count;		/* 0: slot free */
} sigpending_users[SIGPENDING_USERS];	/* [sigpending_lock] */

/* The slot counting uid (or a free one, claimed). sigpending_lock held. */
static unsigned long *sigpending_count(uid_t uid)
{
	int i, free = -1;

	assert_spin_locked(&sigpending_lock);
	for (i = 0; i < SIGPENDING_USERS; i++) {
		if (sigpending_users[i].count && sigpending_users[i].uid == uid)
			return &sigpending_users[i].count;
		if (!sigpending_users[i].count && free < 0)
			free = i;
	}
	if (free < 0)
		return NULL;
	sigpending_users[free].uid = uid;
	return &sigpending_users[free].count;
}

static void sigqueue_uncharge(uid_t uid)
{
	unsigned long f;

	if (uid == NO_CHARGE)
		return;
	f = spin_lock_irqsave(&sigpending_lock);
	for (int i = 0; i < SIGPENDING_USERS; i++) {
		if (sigpending_users[i].count && sigpending_users[i].uid == uid) {
			sigpending_users[i].count--;
			break;
		}
	}
	spin_unlock_irqrestore(&sigpending_lock, f);
}

/* sigpending_of_user - see signal.h. */
unsigned long sigpending_of_user(kuid_t kuid)
{
	uid_t uid = __kuid_val(kuid);
	unsigned long f = spin_lock_irqsave(&sigpending_lock), n = 0;

	for (int i = 0; i < SIGPENDING_USERS; i++)
		if (sigpending_users[i].count && sigpending_users[i].uid == uid)
			n = sigpending_users[i].count;
	spin_unlock_irqrestore(&sigpending_lock, f);
	return n;
}

/* Free q, unless a timer owns it (it only comes off its queue). */
void sigqueue_free(struct sigqueue *q)
{
	if (q->flags & SIGQUEUE_PREALLOC)
		return;
	sigqueue_uncharge(q->uid);
	kfree(q);
}

/* A sigqueue for t, or NULL if t's user is at its limit (unless
 * override) or memory is short. */
struct sigqueue *sigqueue_alloc(struct task_struct *t, bool override)
{
	unsigned long limit = t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur;
	unsigned long f, *count;
	struct sigqueue *q;

	uid_t uid = __kuid_val(task_uid(t));

	f = spin_lock_irqsave(&sigpending_lock);
	count = sigpending_count(uid);
	if (count && !override && *count >= limit) {
		spin_unlock_irqrestore(&sigpending_lock, f);
		return NULL;
	}
	if (count)
		(*count)++;
	spin_unlock_irqrestore(&sigpending_lock, f);
	q = kmalloc(sizeof(*q), 0);
	if (q) {
		q->uid = count ? uid : NO_CHARGE;
		q->flags = 0;
		q->timer = NULL;
	} else if (count) {
		sigqueue_uncharge(uid);
	}
	return q;
}

/* sigqueue_alloc_timer - see signal.h. */
struct sigqueue *sigqueue_alloc_timer(void *timer)
{
	struct sigqueue *q = sigqueue_alloc(current, false);

	if (q) {
		memset(&q->info, 0, sizeof(q->info));
		INIT_LIST_HEAD(&q->list);
		q->flags = SIGQUEUE_PREALLOC;
		q->timer = timer;
	}
	return q;
}

/*
 * sigqueue_free_timer - see signal.h. The timer's process is current's,
 * so its siglock is current's.
 */
void sigqueue_free_timer(struct sigqueue *q)
{
	unsigned long f = spin_lock_irqsave(&current->sighand->siglock);
	bool queued = !list_empty(&q->list);

	q->flags &= ~SIGQUEUE_PREALLOC;
	q->timer = NULL;
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	if (!queued)
		sigqueue_free(q);
}

/* An empty pending set. */
void init_sigpending(struct sigpending *p)
{
	INIT_LIST_HEAD(&p->list);
	sigemptyset(&p->signal);
}

/*
 * flush_signals - drop every signal pending for t and its process (an
 * exiting last thread that must sleep interruptibly regardless: Linux
 * clears TIF_SIGPENDING there). Takes t's siglock.
 */
void flush_signals(struct task_struct *t)
{
	unsigned long f = spin_lock_irqsave(&t->sighand->siglock);

	flush_sigqueue(&t->pending);
	flush_sigqueue(&t->signal->shared_pending);
	spin_unlock_irqrestore(&t->sighand->siglock, f);
}

/* Free every queued siginfo and clear the set. Caller owns p. */
void flush_sigqueue(struct sigpending *p)
{
	while (!list_empty(&p->list)) {
		struct sigqueue *q =
			list_first_entry(&p->list, struct sigqueue, list);

		list_del(&q->list);
		sigqueue_free(q);
	}
	sigemptyset(&p->signal);
}

/* Drop the signals in mask from one queue. siglock held (lock-unchecked:
 * a queue does not know its task; the one caller asserts it). */
static void flush_sigqueue_mask(const sigset_t *mask, struct sigpending *p)
{
	struct sigqueue *q, *n;

	if (!(p->signal.sig[0] & mask->sig[0]))
		return;
	p->signal.sig[0] &= ~mask->sig[0];
	list_for_each_entry_safe(q, n, &p->list, list) {
		if (sigismember(mask, q->info.si_signo)) {
			list_del(&q->list);
			sigqueue_free(q);
		}
	}
}

/* ... from the shared queue and every thread's. siglock held. */
void flush_group_sigqueue_mask(struct task_struct *p,
				      const sigset_t *mask)
{
	struct task_struct *t;

	assert_spin_locked(&p->sighand->siglock);
	flush_sigqueue_mask(mask, &p->signal->shared_pending);
	for_each_thread(p, t)
		flush_sigqueue_mask(mask, &t->pending);
}

/* Info for a signal the kernel sends (SI_KERNEL). */
void fill_kernel_info(siginfo_t *info, int sig)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_KERNEL;
}

/* kill()-style info naming current as the sender. */
void fill_user_info(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->rt.pid = task_tgid_vnr(current);
	info->rt.uid = from_kuid_munged(current_user_ns(), current_uid());
}
