/*
 * Signals: who wants a signal, sending (kill, tkill, sigqueue, faults,
 * the kernel's own). Dequeueing and default actions (get_signal) are
 * kernel/signal_dequeue.c's; the pending queues are kernel/sigqueue.c's, group stop, orphaned process
 * groups and SIGCHLD kernel/jobctl.c's, a task's masks, handlers and
 * alternate stack kernel/sigaction.c's, the syscalls signal_sys.c's.
 * The frame a handler runs on is built by arch/x86_64/signal.c;
 * interval timers live in kernel/itimer.c.
 *
 * Lock order: tasklist_lock -> sighand->siglock -> p->pi_lock ->
 * rq->lock (and wait queue locks, and sigpending_lock for the per-user
 * count of queued siginfo). Pending sets, blocked masks and jobctl are
 * [siglock]. A group's thread list is walked here under the siglock
 * alone, as in Linux: copy_process() and release_task() link and
 * unlink thread_node under it too.
 *
 * There is no TIF_SIGPENDING cache: signal_pending() looks at the sets
 * each time, so recalc_sigpending() has nothing left to do.
 */
#include <tine/coredump.h>
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#include "signal_internal.h"

/* How force_sig_info_to_task() treats the target's action. */
enum sig_handler {
	HANDLER_CURRENT,	/* keep a handler if one is installed */
	HANDLER_SIG_DFL,	/* reset to SIG_DFL: the signal must kill */
};

static bool has_pending(const sigset_t *pending, const sigset_t *blocked)
{
	return pending->sig[0] & ~blocked->sig[0];
}

/* Is t the initial namespace's init (it ignores what it has no handler for)? */
bool is_global_init(struct task_struct *t)
{
	return t && t->tgid == 1;
}

/* ---- who wants a signal ---- */

static void *sig_handler(struct task_struct *t, int sig)
{
	return t->sighand->action[sig - 1].handler;
}

/* Does handler discard sig (SIG_IGN, or SIG_DFL of an ignored signal)? */
bool sig_handler_ignored(void *handler, int sig)
{
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Would t discard sig on arrival, whatever its mask? */
static bool sig_task_ignored(struct task_struct *t, int sig, bool force)
{
	void *handler = sig_handler(t, sig);

	if (is_global_init(t) && sig_kernel_only(sig))
		return true;
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_kernel_only(sig)))
		return true;
	/* Kernel threads take only what the kernel itself sends. */
	if ((t->flags & PF_KTHREAD) && !force)
		return true;
	return sig_handler_ignored(handler, sig);
}

/* A blocked signal is kept: the handler may change before unblocking. */
static bool sig_ignored(struct task_struct *t, int sig, bool force)
{
	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	if (t->ptrace && sig != SIGKILL)
		return false;
	return sig_task_ignored(t, sig, force);
}

/* Is sig's action "terminate the group" for t's process? */
static bool sig_fatal(struct task_struct *t, int sig)
{
	return !sig_kernel_ignore(sig) && !sig_kernel_stop(sig) &&
	       sig_handler(t, sig) == SIG_DFL;
}

static bool task_is_stopped_or_traced(struct task_struct *t)
{
	return t->state & (__TASK_STOPPED | __TASK_TRACED);
}

/* Could t take sig off the queue now? siglock held. */
static bool wants_signal(int sig, struct task_struct *t)
{
	assert_spin_locked(&t->sighand->siglock);
	if (sigismember(&t->blocked, sig) || (t->flags & PF_EXITING))
		return false;
	if (sig == SIGKILL)
		return true;
	return !task_is_stopped_or_traced(t);
}

/* Wake t to look at its signals; fatal ones also end killable sleeps.
 * A t running on another CPU is interrupted to notice at once. */
void signal_wake_up(struct task_struct *t, bool fatal)
{
	unsigned int state = TASK_INTERRUPTIBLE;

	if (fatal) {
		t->jobctl &= ~JOBCTL_STOPPED;
		state |= TASK_WAKEKILL;
	}
	if (!wake_up_state(t, state))
		kick_process(t);
}

/*
 * signal_pending - may p have to act on a signal before returning to
 * user mode: an unblocked pending signal, a group exit it has not yet
 * joined, or a group stop to take part in. Lock-free (a hint that the
 * caller re-checks under the siglock, as Linux's TIF_SIGPENDING).
 */
bool signal_pending(struct task_struct *p)
{
	/* A core's dumper (Linux clears its TIF_SIGPENDING): only SIGKILL
	 * cuts its writes short (prepare_signal() drops the others). */
	if (unlikely(p->flags & PF_DUMPCORE) && !(p->flags & PF_EXITING))
		return fatal_signal_pending(p);
	if (has_pending(&p->pending.signal, &p->blocked) ||
	    has_pending(&p->signal->shared_pending.signal, &p->blocked))
		return true;
	if (p->flags & PF_EXITING)
		return false;
	return (p->signal->flags & SIGNAL_GROUP_EXIT) ||
	       (p->jobctl & (JOBCTL_STOP_PENDING | JOBCTL_TRAP_MASK));
}

/*
 * SIGKILL pending (Linux's __fatal_signal_pending). A group exit
 * gives every other thread SIGKILL; the last thread leaving by exit(2)
 * marks the group exit too (synchronize_group_exit) but has no fatal
 * signal: it may still stop for its tracer.
 */
bool fatal_signal_pending(struct task_struct *p)
{
	return sigismember(&p->pending.signal, SIGKILL);
}

/*
 * signal_pending_state - should a sleep in `state` end for a signal?
 * TASK_INTERRUPTIBLE: any; TASK_WAKEKILL (killable): fatal ones only.
 */
int signal_pending_state(long state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

/* Nothing is cached: see the comment at the top of the file. */
void recalc_sigpending(void)
{
}

/*
 * Shared signals that tsk can no longer take (it blocks them now, or
 * exits): wake another thread that can. siglock held.
 */
void retarget_shared_pending(struct task_struct *tsk,
				    const sigset_t *which)
{
	struct task_struct *t;
	sigset_t retarget;

	assert_spin_locked(&tsk->sighand->siglock);
	retarget.sig[0] = tsk->signal->shared_pending.signal.sig[0] &
			  which->sig[0];
	for_each_thread(tsk, t) {
		if (sigisemptyset(&retarget))
			break;
		if (t == tsk || (t->flags & PF_EXITING))
			continue;
		if (!has_pending(&retarget, &t->blocked))
			continue;
		retarget.sig[0] &= t->blocked.sig[0];
		signal_wake_up(t, false);
	}
}

/* ---- sending ---- */

/* Replace the stop state of p's group with flags. p's siglock held. */
void set_stop_flags(struct task_struct *p, unsigned int flags)
{
	struct signal_struct *sig = p->signal;

	assert_spin_locked(&p->sighand->siglock);
	sig->flags = (sig->flags & ~SIGNAL_STOP_MASK) | flags;
}

/*
 * The side effects of sig arriving, whatever is done with it later: a
 * stop signal cancels pending SIGCONTs, SIGCONT cancels pending stops
 * and resumes a stopped group (even if blocked or ignored). Returns
 * whether sig should be queued at all. siglock held.
 */
static bool prepare_signal(int sig, struct task_struct *p, bool force)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;
	sigset_t flush;

	assert_spin_locked(&p->sighand->siglock);
	if (signal->flags & SIGNAL_GROUP_EXIT) {
		/* Dying: nothing to stop or continue; while a core is
		 * dumped, only SIGKILL (to cut it short) gets in. */
		if (signal->core_state)
			return sig == SIGKILL;
	} else if (sig_kernel_stop(sig)) {
		sigemptyset(&flush);
		sigaddset(&flush, SIGCONT);
		flush_group_sigqueue_mask(p, &flush);
	} else if (sig == SIGCONT) {
		unsigned int why = 0;

		flush.sig[0] = SIG_KERNEL_STOP_MASK;
		flush_group_sigqueue_mask(p, &flush);
		for_each_thread(p, t) {
			t->jobctl &= ~(JOBCTL_PENDING_MASK |
				       JOBCTL_STOP_DEQUEUED | JOBCTL_STOPPED);
			/* A SEIZEd tracee tells its tracer instead. */
			if (likely(!(READ_ONCE(t->ptrace) & PT_SEIZED)))
				wake_up_state(t, __TASK_STOPPED);
			else
				ptrace_trap_notify(t);
		}
		/* The parent hears of it from a woken thread (get_signal). */
		if (signal->flags & SIGNAL_STOP_STOPPED)
			why = SIGNAL_CLD_CONTINUED;
		else if (signal->group_stop_count)
			why = SIGNAL_CLD_STOPPED;
		if (why) {
			set_stop_flags(p, why | SIGNAL_STOP_CONTINUED);
			signal->group_stop_count = 0;
			signal->stop_code = 0;
		}
	}
	return !sig_ignored(p, sig, force);
}

/*
 * A signal is pending on p (thread-directed) or its group: pick a
 * thread to take it and wake it. A fatal one starts the group exit at
 * once, so no thread runs on while a slower one dequeues it.
 */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (wants_signal(sig, p)) {
		t = p;
	} else if (!group || signal->nr_threads <= 1) {
		return;	/* it will be dequeued when p gets to it */
	} else {
		bool found = false;

		for_each_thread(p, t) {
			if (wants_signal(sig, t)) {
				found = true;
				break;
			}
		}
		if (!found)
			return;
	}
	/* A SIGKILL during a core dump (signal->core_state) kills at once
	 * too: the dumper's writes must stop. */
	if (sig_fatal(p, sig) &&
	    (signal->core_state || !(signal->flags & SIGNAL_GROUP_EXIT)) &&
	    !sigismember(&t->real_blocked, sig) &&
	    (sig == SIGKILL || !p->ptrace) && !sig_kernel_coredump(sig)) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		for_each_thread(p, t) {
			t->jobctl &= ~JOBCTL_PENDING_MASK;
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* Wake signalfd readers and pollers on t's handlers. siglock held. */
static void signalfd_notify(struct task_struct *t)
{
	assert_spin_locked(&t->sighand->siglock);
	if (waitqueue_active(&t->sighand->signalfd_wqh))
		wake_up(&t->sighand->signalfd_wqh);
}

/*
 * Queue sig with its info on t (or t's group) and wake a taker. A
 * standard signal already pending is merged; a real-time one queues
 * again. When no memory is left the signal is still sent, without its
 * info, except for a real-time signal from sigqueue(): -EAGAIN.
 * siglock held.
 */
/*
 * A sender's uid in info is in the sender's user namespace; the
 * receiver t must see it in its own (an unmapped one as 65534).
 */
static void userns_fixup_signal_uid(siginfo_t *info, struct task_struct *t)
{
	int code = info->si_code;
	kuid_t uid;

	/* Only layouts with a sender's pid and uid (Linux's SIL_KILL and
	 * SIL_RT); the kernel's own codes are filled in the right view. */
	if (code > 0 || code == SI_TIMER || code == SI_SIGIO)
		return;
	uid = make_kuid(current_user_ns(), info->rt.uid);
	info->rt.uid = task_from_kuid_munged(t, uid);
}

/*
 * __send_signal_locked - queue sig (info NULL: from the kernel) for t,
 * or for its process if group; force queues what t would ignore. Then
 * picks a thread to wake. Returns 0 (also for a discarded signal) or
 * -EAGAIN (no queue slot for a real-time signal). siglock held.
 */
int __send_signal_locked(int sig, siginfo_t *info,
				struct task_struct *t, bool group, bool force)
{
	struct sigpending *pending;
	struct sigqueue *q;

	assert_spin_locked(&t->sighand->siglock);
	if (!prepare_signal(sig, t, force))
		return 0;
	pending = group ? &t->signal->shared_pending : &t->pending;
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	if (sig == SIGKILL || (t->flags & PF_KTHREAD))
		goto out_set;
	/* Standard signals from kill() or the kernel always get info. */
	q = sigqueue_alloc(t, sig < SIGRTMIN && info->si_code >= 0);
	if (q) {
		q->info = *info;
		q->info.si_signo = sig;
		userns_fixup_signal_uid(&q->info, t);
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && info->si_code != SI_USER) {
		return -EAGAIN;	/* a real-time signal must not lose it */
	}
out_set:
	sigaddset(&pending->signal, sig);
	signalfd_notify(t);
	complete_signal(sig, t, group);
	return 0;
}

/* NULL info: sent by the kernel (SI_KERNEL), as Linux's SEND_SIG_PRIV. */
static int send_signal_locked(int sig, siginfo_t *info, struct task_struct *t,
			      bool group)
{
	siginfo_t kinfo;
	bool force;

	if (!info) {
		fill_kernel_info(&kinfo, sig);
		info = &kinfo;
	}
	force = info->si_code == SI_KERNEL;
	/* Sent from an ancestor pid namespace: the sender has no pid in
	 * t's, and even t's namespace init must take SIGKILL from it. */
	if ((info->si_code == SI_USER || info->si_code == SI_QUEUE ||
	     info->si_code == SI_TKILL) &&
	    !task_pid_nr_ns(current, task_active_pid_ns(t))) {
		kinfo = *info;
		kinfo.rt.pid = 0;
		info = &kinfo;
		force = true;
	}
	return __send_signal_locked(sig, info, t, group, force);
}

/*
 * lock_task_sighand - lock the siglock of p's handler table, following
 * an exec that swaps it under us, for someone holding a reference to p
 * (any table p ever had lives as long as p's task_struct: put_sighand).
 * Returns the locked table, or NULL (nothing locked) if p is past
 * release_task(): it takes no more signals and its state is gone. Any
 * locks up to tasklist_lock may be held; interrupts are saved in
 * *flags. Does not sleep.
 */
struct sighand_struct *lock_task_sighand(struct task_struct *p,
					 unsigned long *flags)
{
	for (;;) {
		struct sighand_struct *sh = READ_ONCE(p->sighand);

		*flags = spin_lock_irqsave(&sh->siglock);
		if (sh == READ_ONCE(p->sighand)) {
			/* release_task() unlinks p under this lock. */
			if (!list_empty(&p->thread_node))
				return sh;
			spin_unlock_irqrestore(&sh->siglock, *flags);
			return NULL;
		}
		spin_unlock_irqrestore(&sh->siglock, *flags);
	}
}

/* send_sigqueue - see signal.h. Any context. */
void send_sigqueue(struct sigqueue *q, struct task_struct *t, bool group,
		   int overruns)
{
	int sig = q->info.si_signo;
	struct sighand_struct *sh;
	struct sigpending *pending;
	unsigned long f;

	sh = lock_task_sighand(t, &f);
	if (!sh)
		return;
	if (!list_empty(&q->list)) {
		/* Still pending: one more expiry nobody has seen. */
		q->info.timer.overrun = q->info.timer.overrun >
						INT32_MAX - 1 - overruns ?
			INT32_MAX : q->info.timer.overrun + 1 + overruns;
		goto out;
	}
	q->info.timer.overrun = overruns;
	if (!prepare_signal(sig, t, false))
		goto out;	/* ignored */
	pending = group ? &t->signal->shared_pending : &t->pending;
	list_add_tail(&q->list, &pending->list);
	sigaddset(&pending->signal, sig);
	signalfd_notify(t);
	complete_signal(sig, t, group);
out:
	spin_unlock_irqrestore(&sh->siglock, f);
}

/* unlock_task_sighand - undo a successful lock_task_sighand(). */
void unlock_task_sighand(struct task_struct *p, unsigned long *flags)
{
	spin_unlock_irqrestore(&p->sighand->siglock, *flags);
}

/*
 * do_send_sig_info - send sig to thread p (group: its process), taking
 * p's siglock. -ESRCH if p has been released. Any locks up to
 * tasklist_lock may be held.
 */
int do_send_sig_info(int sig, siginfo_t *info, struct task_struct *p,
			    bool group)
{
	struct sighand_struct *sh;
	unsigned long f;
	int ret;

	sh = lock_task_sighand(p, &f);
	if (!sh)
		return -ESRCH;
	ret = send_signal_locked(sig, info, p, group);
	spin_unlock_irqrestore(&sh->siglock, f);
	return ret;
}

/*
 * send_sig_info - send sig to thread p. info NULL means from the
 * kernel (SI_KERNEL). Returns 0, -EINVAL or -ESRCH. Takes p's siglock:
 * callable under tasklist_lock, and from interrupts.
 */
int send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	if (!valid_signal(sig) || sig < 1)
		return -EINVAL;
	return do_send_sig_info(sig, info, p, false);
}

/* send_sig - to thread p; priv: from the kernel, else from current. */
int send_sig(int sig, struct task_struct *p, int priv)
{
	siginfo_t info;

	if (priv)
		return send_sig_info(sig, NULL, p);
	fill_user_info(&info, sig, SI_USER);
	return send_sig_info(sig, &info, p);
}

/*
 * check_kill_permission - may current send sig with info to t? Linux's
 * rule: any signal within a thread group; otherwise a uid match or
 * CAP_KILL over t (kill_ok_by_cred()), or SIGCONT within the session.
 * Signals from the kernel are not checked. 0, -EINVAL or -EPERM.
 * Callable under tasklist_lock (takes t's cred_lock).
 */
int check_kill_permission(int sig, siginfo_t *info, struct task_struct *t)
{
	const struct cred *tcred;
	bool ok;

	if (!valid_signal(sig) || sig < 0)
		return -EINVAL;
	if (!info || SI_FROMKERNEL(info))
		return 0;
	if (same_thread_group(current, t))
		return 0;
	tcred = get_task_cred(t);
	ok = kill_ok_by_cred(current_cred(), tcred);
	put_cred(tcred);
	if (ok)
		return 0;
	if (sig == SIGCONT && task_session(current) == task_session(t))
		return 0;
	return -EPERM;
}

/*
 * group_send_sig_info - send sig to p's whole process (shared queue).
 * sig 0 only checks. info NULL means from the kernel; a user-space
 * info is permission-checked against current. Any locks up to
 * tasklist_lock may be held; takes p's siglock.
 */
int group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, info, p);

	if (!ret && sig)
		ret = do_send_sig_info(sig, info, p, true);
	return ret;
}

/* Note sig for p's forks in progress (a stop and a SIGCONT cancel each
 * other, as when queued). siglock held. */
static void note_forks_in_progress(struct task_struct *p, int sig)
{
	struct multiprocess_signals *d;

	assert_spin_locked(&p->sighand->siglock);
	list_for_each_entry(d, &p->signal->multiprocess, node) {
		if (sig == SIGCONT)
			d->signal.sig[0] &= ~SIG_KERNEL_STOP_MASK;
		else if (sig_kernel_stop(sig))
			sigdelset(&d->signal, SIGCONT);
		sigaddset(&d->signal, sig);
	}
}

/*
 * group_send_sig_info_many - group_send_sig_info() for one of many
 * processes a signal goes to (a process group, a session, kill(-1)): a
 * child p's process is making meanwhile is born with it too. 0 or
 * -errno. tasklist_lock held (a fork links its child under it, so the
 * child is either among the receivers or gets the noted signal).
 */
int group_send_sig_info_many(int sig, siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, info, p);
	unsigned long f;

	assert_rwlock_held(&tasklist_lock);
	if (ret || !sig)
		return ret;
	if (!lock_task_sighand(p, &f))
		return -ESRCH;
	ret = send_signal_locked(sig, info, p, true);
	if (!ret && sigismember(&p->signal->shared_pending.signal, sig))
		note_forks_in_progress(p, sig);
	unlock_task_sighand(p, &f);
	return ret;
}

/*
 * fork_signals_begin - a fork (thread: a new thread, which needs none
 * of this) starts: from now on signals to many processes are noted for
 * its child. A signal already pending is delivered first: then the fork
 * restarts (-ERESTARTNOINTR). Undo with fork_signals_end().
 */
int fork_signals_begin(struct multiprocess_signals *d, bool thread)
{
	unsigned long f;

	sigemptyset(&d->signal);
	INIT_LIST_HEAD(&d->node);
	f = spin_lock_irqsave(&current->sighand->siglock);
	if (!thread)
		list_add(&d->node, &current->signal->multiprocess);
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	return signal_pending(current) ? -ERESTARTNOINTR : 0;
}

/* fork_signals_end - the fork is over (done or failed). */
void fork_signals_end(struct multiprocess_signals *d)
{
	unsigned long f = spin_lock_irqsave(&current->sighand->siglock);

	list_del_init(&d->node);
	spin_unlock_irqrestore(&current->sighand->siglock, f);
}

/*
 * fork_take_signals - the new process child is being linked: it starts
 * with what was noted for it pending. tasklist_lock held for writing
 * (no sender can be noting now).
 */
void fork_take_signals(struct task_struct *child,
		       struct multiprocess_signals *d)
{
	assert_write_locked(&tasklist_lock);
	child->signal->shared_pending.signal = d->signal;
}

/*
 * __kill_pgrp_info - send to every process in process group pgrp
 * (NULL: none). 0 if any got it, else the last error or -ESRCH.
 * tasklist_lock held.
 */
int __kill_pgrp_info(struct pid *pgrp, int sig, siginfo_t *info)
{
	struct task_struct *p;
	int ret = -ESRCH;
	bool success = false;

	assert_rwlock_held(&tasklist_lock);
	if (!pgrp)
		return -ESRCH;
	list_for_each_entry(p, &pgrp->tasks[PIDTYPE_PGID],
			    pid_links[PIDTYPE_PGID]) {
		int err = group_send_sig_info_many(sig, info, p);

		success |= !err;
		ret = err;
	}
	return success ? 0 : ret;
}

/* kill_pgrp - as __kill_pgrp_info, taking tasklist_lock. */
int kill_pgrp(struct pid *pgrp, int sig, siginfo_t *info)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	int ret = __kill_pgrp_info(pgrp, sig, info);

	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

/*
 * A fault (or the kernel) signals current synchronously: the signal
 * cannot be blocked or ignored away, so unblock it and restore the
 * default action if need be (force_sig_info_to_task in Linux).
 */
static int force_sig_info_to_task(siginfo_t *info, struct task_struct *t,
				  enum sig_handler handler)
{
	int sig = info->si_signo, ret;
	struct k_sigaction *action;
	unsigned long f = spin_lock_irqsave(&t->sighand->siglock);
	bool blocked, ignored;

	action = &t->sighand->action[sig - 1];
	ignored = action->handler == SIG_IGN;
	blocked = sigismember(&t->blocked, sig);
	if (blocked || ignored || handler != HANDLER_CURRENT) {
		action->handler = SIG_DFL;
		if (blocked)
			sigdelset(&t->blocked, sig);
	}
	/* A fault in init kills it (and panics): nothing else can. */
	if (action->handler == SIG_DFL && !t->ptrace)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	ret = __send_signal_locked(sig, info, t, false, true);
	spin_unlock_irqrestore(&t->sighand->siglock, f);
	return ret;
}

/* force_sig_info - force info (with its si_signo) on current. */
int force_sig_info(siginfo_t *info)
{
	return force_sig_info_to_task(info, current, HANDLER_CURRENT);
}

/* force_sig_fault - a fault at addr: sig with si_code code on current. */
void force_sig_fault(int sig, int code, unsigned long addr)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.fault.addr = (void *)addr;
	force_sig_info(&info);
}

/* force_sig - sig from the kernel (SI_KERNEL) on current, unblocked. */
void force_sig(int sig)
{
	siginfo_t info;

	fill_kernel_info(&info, sig);
	force_sig_info(&info);
}

/*
 * force_sigsegv - a handler for sig could not be set up. If sig was
 * SIGSEGV itself, its handler is dropped so the next one kills.
 */
void force_sigsegv(int sig)
{
	siginfo_t info;

	fill_kernel_info(&info, SIGSEGV);
	force_sig_info_to_task(&info, current, sig == SIGSEGV ?
				HANDLER_SIG_DFL : HANDLER_CURRENT);
}

/*
 * zap_other_threads - SIGKILL every other thread of p's group (group
 * exit, exec). Returns how many other threads there are, dead or not.
 * siglock held.
 */
int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	assert_spin_locked(&p->sighand->siglock);
	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		if (t == p)
			continue;
		count++;
		t->jobctl &= ~JOBCTL_PENDING_MASK;
		if (t->exit_state)
			continue;
		sigaddset(&t->pending.signal, SIGKILL);
		signal_wake_up(t, true);
	}
	return count;
}
