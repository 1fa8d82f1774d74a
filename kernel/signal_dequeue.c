/*
 * Taking signals: dequeueing (a fault first, then the lowest pending
 * one) and get_signal(), which acts on what it takes before current
 * returns to user mode: notifies the parent of a group stop or
 * continue, stops for the tracer (signal-delivery-stop) and for job
 * control, runs default actions (ignore, stop, core dump and group
 * exit) or hands the signal to a handler. Also exit_signals(). Split
 * from kernel/signal.c (sending); locks as described there.
 */
#include <tine/coredump.h>
#include <tine/posix-timers.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>

#include "signal_internal.h"

/* Take one sig off list into info; made-up SI_USER info if none queued. */
static void collect_signal(int sig, struct sigpending *list, siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &list->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		sigdelset(&list->signal, sig);
	if (first) {
		list_del(&first->list);
		*info = first->info;
		if (first->flags & SIGQUEUE_PREALLOC)
			posixtimer_dequeued(first->timer,
					    first->info.timer.overrun);
		sigqueue_free(first);
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
}

/* The next signal not in mask: a synchronous one first, then lowest. */
static int next_signal(struct sigpending *pending, const sigset_t *mask)
{
	unsigned long x = pending->signal.sig[0] & ~mask->sig[0];

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzl(x) + 1;
}

/*
 * dequeue_signal - take a signal not in mask off t's queue, then its
 * group's. Returns the signal (info filled in) or 0. siglock held.
 */
int dequeue_signal(struct task_struct *t, const sigset_t *mask,
			  siginfo_t *info)
{
	int sig = next_signal(&t->pending, mask);

	assert_spin_locked(&t->sighand->siglock);
	if (sig) {
		collect_signal(sig, &t->pending, info);
	} else {
		sig = next_signal(&t->signal->shared_pending, mask);
		if (sig)
			collect_signal(sig, &t->signal->shared_pending, info);
	}
	/* do_signal_stop() checks that no SIGCONT came in between. */
	if (sig && sig_kernel_stop(sig))
		t->jobctl |= JOBCTL_STOP_DEQUEUED;
	return sig;
}

/*
 * has_pending_signal - is a signal not in mask pending on t or its
 * group (what dequeue_signal would take)? siglock held.
 */
bool has_pending_signal(struct task_struct *t, const sigset_t *mask)
{
	assert_spin_locked(&t->sighand->siglock);
	return next_signal(&t->pending, mask) ||
	       next_signal(&t->signal->shared_pending, mask);
}

/*
 * A fault current raised (si_code > 0, thread queue) goes before any
 * other signal, so the handler sees the fault it was installed for.
 */
static int dequeue_synchronous_signal(siginfo_t *info)
{
	struct sigpending *pending = &current->pending;
	struct sigqueue *q, *sync = NULL;
	int sig;

	if (!(pending->signal.sig[0] & ~current->blocked.sig[0] &
	      SYNCHRONOUS_MASK))
		return 0;
	list_for_each_entry(q, &pending->list, list) {
		sig = q->info.si_signo;
		if (q->info.si_code > SI_USER && sig < SIGRTMIN &&
		    (sigmask(sig) & SYNCHRONOUS_MASK) &&
		    !sigismember(&current->blocked, sig)) {
			sync = q;
			break;
		}
	}
	if (!sync)
		return 0;
	sig = sync->info.si_signo;
	collect_signal(sig, pending, info);
	return sig;
}

/* What get_signal() does next with the signal it dequeued. */
enum sig_verdict {
	SIG_NEXT,		/* consumed (ignored, stopped): the next one */
	SIG_RELOCK,		/* siglock was dropped: start again */
	SIG_HANDLE,		/* a handler runs it (ksig->ka filled in) */
	SIG_FATAL,		/* it kills the group */
};

/*
 * A stop or continue of the group is due to its parent (a woken thread
 * tells it, not the one that stopped or continued it): tell it. True if
 * so, with siglock (irq flags *f) dropped; false with it still held.
 */
static bool do_notify_pending_cldstop(unsigned long *f)
{
	struct signal_struct *signal = current->signal;
	int why, status;

	if (!(signal->flags & SIGNAL_CLD_MASK))
		return false;
	why = (signal->flags & SIGNAL_CLD_CONTINUED) ? CLD_CONTINUED
						      : CLD_STOPPED;
	status = why == CLD_CONTINUED ? SIGCONT : signal->stop_code;
	signal->flags &= ~SIGNAL_CLD_MASK;
	spin_unlock_irqrestore(&current->sighand->siglock, *f);
	*f = write_lock_irqsave(&tasklist_lock);
	do_notify_parent_cldstop(current, why, status);
	write_unlock_irqrestore(&tasklist_lock, *f);
	return true;
}

/*
 * A signal whose action is SIG_DFL: ignore it, stop the group (lost in
 * an orphaned process group, but SIGSTOP) or kill it. SIG_RELOCK means
 * siglock (irq flags *f) was dropped. siglock held.
 */
static enum sig_verdict sig_default_action(int signr, unsigned long *f)
{
	struct sighand_struct *sighand = current->sighand;

	assert_spin_locked(&sighand->siglock);
	if (sig_kernel_ignore(signr))
		return SIG_NEXT;
	if ((current->signal->flags & SIGNAL_UNKILLABLE) &&
	    !sig_kernel_only(signr))
		return SIG_NEXT;
	if (!sig_kernel_stop(signr))
		return SIG_FATAL;
	if (signr != SIGSTOP) {
		spin_unlock_irqrestore(&sighand->siglock, *f);
		if (is_current_pgrp_orphaned())
			return SIG_RELOCK;
		*f = spin_lock_irqsave(&sighand->siglock);
	}
	return do_signal_stop(signr, f) ? SIG_RELOCK : SIG_NEXT;
}

/* What current's action for signr makes of it (SIG_IGN, a handler, the
 * default). siglock held (irq flags *f); SIG_RELOCK: dropped. */
static enum sig_verdict sig_action(int signr, struct ksignal *ksig,
				   unsigned long *f)
{
	struct k_sigaction *ka = &current->sighand->action[signr - 1];

	assert_spin_locked(&current->sighand->siglock);
	if (ka->handler == SIG_IGN)
		return SIG_NEXT;
	if (ka->handler == SIG_DFL)
		return sig_default_action(signr, f);
	ksig->ka = *ka;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return SIG_HANDLE;
}

/*
 * The signal kills current's group: a core dump first where the signal
 * asks for one (it stops the other threads and leaves the exit code,
 * with WCOREDUMP if written, for do_group_exit()). No locks held.
 */
static void __noreturn do_fatal_signal(int signr, siginfo_t *info)
{
	current->flags |= PF_SIGNALED;
	if (sig_kernel_coredump(signr))
		do_coredump(info);
	do_group_exit(signr);
}

/*
 * get_signal - find the next signal current must act on before it
 * returns to user mode, carrying out default actions on the way:
 * ignore, stop (sleeps here until SIGCONT), and terminate (never
 * returns). Returns true with ksig filled in when a handler is to run.
 * Interrupts on, no locks held; may sleep.
 */
bool get_signal(struct ksignal *ksig)
{
	struct sighand_struct *sighand = current->sighand;
	enum sig_verdict v = SIG_NEXT;
	unsigned long f;
	int signr;

relock:
	f = spin_lock_irqsave(&sighand->siglock);
	if (do_notify_pending_cldstop(&f))
		goto relock;
	for (;;) {
		if ((current->signal->flags & SIGNAL_GROUP_EXIT) ||
		    current->signal->group_exec_task) {
			signr = SIGKILL;
			sigdelset(&current->pending.signal, SIGKILL);
			v = SIG_FATAL;
			break;
		}
		if ((current->jobctl & JOBCTL_STOP_PENDING) &&
		    do_signal_stop(0, &f))
			goto relock;
		if (unlikely(current->jobctl & JOBCTL_TRAP_MASK)) {
			spin_unlock_irqrestore(&sighand->siglock, f);
			do_jobctl_trap();
			goto relock;
		}
		signr = dequeue_synchronous_signal(&ksig->info);
		if (!signr)
			signr = dequeue_signal(current, &current->blocked,
					       &ksig->info);
		if (!signr)
			break;
		/* Signal-delivery-stop: the tracer may change or cancel it. */
		if (unlikely(current->ptrace) && signr != SIGKILL) {
			spin_unlock_irqrestore(&sighand->siglock, f);
			signr = ptrace_signal(signr, &ksig->info);
			f = spin_lock_irqsave(&sighand->siglock);
			if (!signr)
				continue;
		}
		v = sig_action(signr, ksig, &f);
		if (v == SIG_RELOCK)
			goto relock;
		if (v != SIG_NEXT)
			break;
	}
	spin_unlock_irqrestore(&sighand->siglock, f);
	if (v == SIG_FATAL)
		do_fatal_signal(signr, &ksig->info);
	ksig->sig = signr;
	return signr > 0;
}

/*
 * exit_signals - current starts exiting (PF_EXITING): it takes no more
 * signals, so hand its share of shared signals and of a group stop to
 * the others.
 */
void exit_signals(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	bool notify = false;
	unsigned long f;
	sigset_t unblocked;
	int code = 0;

	if (sig->nr_threads <= 1 || (sig->flags & SIGNAL_GROUP_EXIT)) {
		tsk->flags |= PF_EXITING;
		return;
	}
	f = spin_lock_irqsave(&tsk->sighand->siglock);
	tsk->flags |= PF_EXITING;
	unblocked.sig[0] = ~tsk->blocked.sig[0];
	retarget_shared_pending(tsk, &unblocked);
	if ((tsk->jobctl & JOBCTL_STOP_PENDING) &&
	    task_participate_group_stop(tsk)) {
		notify = true;
		code = sig->stop_code;
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, f);
	if (notify) {
		f = write_lock_irqsave(&tasklist_lock);
		do_notify_parent_cldstop(tsk, CLD_STOPPED, code);
		write_unlock_irqrestore(&tasklist_lock, f);
	}
}

