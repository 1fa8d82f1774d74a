/*
 * Job control and the parent's view of its children: SIGCHLD for an
 * exit (do_notify_parent) or a stop or continue (CLD_STOPPED,
 * CLD_CONTINUED), group stops (every thread takes part; the last one
 * tells the parent), and POSIX orphaned process groups (SIGHUP and
 * SIGCONT to a stopped group that loses its last outside parent).
 * Split from signal.c; get_signal() calls in here.
 *
 * Locks: tasklist_lock -> siglock, as in signal.c; process groups are
 * walked through pid->tasks[PIDTYPE_PGID] under tasklist_lock.
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

static long ns_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / 100);	/* USER_HZ */
}

/* SIGCHLD info about child tsk for parent; an exit (whole) counts the
 * times of the process's threads gone before it too. */
static void fill_chld_info(siginfo_t *info, int sig, struct task_struct *tsk,
			   struct task_struct *parent, int code, int status,
			   bool whole)
{
	u64 utime, stime;

	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->chld.pid = task_pid_nr_ns(tsk, task_active_pid_ns(parent));
	info->chld.uid = task_from_kuid_munged(parent, task_uid(tsk));
	info->chld.status = status;
	task_cputime(tsk, &utime, &stime);
	if (whole) {
		utime += tsk->signal->utime;
		stime += tsk->signal->stime;
	}
	info->chld.utime = ns_to_clock_t(utime);
	info->chld.stime = ns_to_clock_t(stime);
}
/*
 * do_notify_parent - leader tsk is a zombie whose group is gone: send
 * sig (its exit_signal; <= 0 for none) to the parent's process with
 * CLD_EXITED/KILLED/DUMPED info, and wake the parent's wait. Returns
 * true if the parent does not want it (SIGCHLD ignored or SA_NOCLDWAIT)
 * and tsk should be reaped at once. tasklist_lock held.
 */
bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct signal_struct *s = tsk->signal;
	int status = (s->flags & SIGNAL_GROUP_EXIT) ? s->group_exit_code :
						       tsk->exit_code;
	struct k_sigaction *ka;
	bool autoreap = false;
	siginfo_t info;
	unsigned long f;

	assert_write_locked(&tasklist_lock);
	/* A parent that has exec'd since it made us did not ask for our
	 * exit signal: it gets SIGCHLD. (Only a real parent can differ:
	 * tracers and reapers are always sent SIGCHLD.) */
	if (sig != SIGCHLD &&
	    tsk->parent_exec_id != READ_ONCE(parent->self_exec_id))
		sig = SIGCHLD;
	if (status & 0x80)
		fill_chld_info(&info, sig, tsk, parent, CLD_DUMPED,
			       status & 0x7f, true);
	else if (status & 0x7f)
		fill_chld_info(&info, sig, tsk, parent, CLD_KILLED,
			       status & 0x7f, true);
	else
		fill_chld_info(&info, sig, tsk, parent, CLD_EXITED,
			       (status >> 8) & 0xff, true);
	f = spin_lock_irqsave(&parent->sighand->siglock);
	ka = &parent->sighand->action[SIGCHLD - 1];
	if (!tsk->ptrace && sig == SIGCHLD &&
	    (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (ka->handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && valid_signal(sig))
		__send_signal_locked(sig, &info, parent, true, false);
	__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&parent->sighand->siglock, f);
	return autoreap;
}

/*
 * Tell tsk's real parent its group stopped or continued (why is
 * CLD_STOPPED or CLD_CONTINUED): SIGCHLD unless the parent set
 * SA_NOCLDSTOP, and always a wake-up for wait. tasklist_lock held.
 */
void do_notify_parent_cldstop(struct task_struct *tsk, int why,
				     int status)
{
	struct task_struct *leader = tsk->group_leader;
	struct task_struct *parent = leader->real_parent;
	struct k_sigaction *ka;
	siginfo_t info;
	unsigned long f;

	assert_rwlock_held(&tasklist_lock);
	if (!parent || parent == leader)
		return;
	fill_chld_info(&info, SIGCHLD, leader, parent, why, status, false);
	f = spin_lock_irqsave(&parent->sighand->siglock);
	ka = &parent->sighand->action[SIGCHLD - 1];
	if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
		__send_signal_locked(SIGCHLD, &info, parent, true, false);
	__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&parent->sighand->siglock, f);
}

/*
 * Would process group pgrp be orphaned (no member has a parent in
 * another group of the same session) if `ignored` were gone? Such a
 * group has nobody to continue it, so it must not stop.
 * tasklist_lock held.
 */
static bool will_become_orphaned_pgrp(struct pid *pgrp,
				      struct task_struct *ignored)
{
	struct task_struct *p;

	assert_rwlock_held(&tasklist_lock);
	if (!pgrp)
		return true;
	list_for_each_entry(p, &pgrp->tasks[PIDTYPE_PGID],
			    pid_links[PIDTYPE_PGID]) {
		struct task_struct *rp = p->real_parent;

		if (p == ignored || !rp || is_global_init(rp) ||
		    (p->exit_state && p->signal->nr_threads <= 1))
			continue;
		if (task_pgrp(rp) != pgrp &&
		    task_session(rp) == task_session(p))
			return false;
	}
	return true;
}

/* Is our process group orphaned (a stop signal must not stop it)? */
bool is_current_pgrp_orphaned(void)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	bool ret = will_become_orphaned_pgrp(task_pgrp(current), NULL);

	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

static bool has_stopped_jobs(struct pid *pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &pgrp->tasks[PIDTYPE_PGID],
			    pid_links[PIDTYPE_PGID])
		if (p->signal->flags & SIGNAL_STOP_STOPPED)
			return true;
	return false;
}

/*
 * kill_orphaned_pgrp - POSIX: a process group that becomes orphaned
 * while some member is stopped gets SIGHUP then SIGCONT. Call it from
 * exit with parent NULL (tsk's exit may orphan its own group) and when
 * reparenting child tsk away from parent. tasklist_lock held.
 */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	struct pid *pgrp = task_pgrp(tsk);
	struct task_struct *ignored = tsk;

	assert_rwlock_held(&tasklist_lock);
	if (!parent)
		parent = tsk->real_parent;
	else
		ignored = NULL;
	if (!parent || !pgrp || task_pgrp(parent) == pgrp ||
	    task_session(parent) != task_session(tsk))
		return;
	if (will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		__kill_pgrp_info(pgrp, SIGHUP, NULL);
		__kill_pgrp_info(pgrp, SIGCONT, NULL);
	}
}

/*
 * t is done with its part of a group stop. Returns true if it was the
 * last thread to stop: the group is now stopped. siglock held.
 */
bool task_participate_group_stop(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	bool consume = t->jobctl & JOBCTL_STOP_CONSUME;

	assert_spin_locked(&t->sighand->siglock);
	t->jobctl &= ~(JOBCTL_PENDING_MASK | JOBCTL_STOP_DEQUEUED);
	if (!consume)
		return false;
	if (sig->group_stop_count)
		sig->group_stop_count--;
	if (!sig->group_stop_count && !(sig->flags & SIGNAL_STOP_STOPPED)) {
		set_stop_flags(t, SIGNAL_STOP_STOPPED);
		return true;
	}
	return false;
}

/*
 * ptrace_trap_notify - the group stop of SEIZEd tracee t started or
 * ended: it re-traps with PTRACE_EVENT_STOP, woken from a
 * PTRACE_LISTEN if it listens. siglock held.
 */
void ptrace_trap_notify(struct task_struct *t)
{
	assert_spin_locked(&t->sighand->siglock);
	t->jobctl |= JOBCTL_TRAP_NOTIFY;
	if (t->jobctl & JOBCTL_LISTENING)
		wake_up_state(t, __TASK_TRACED);
	else
		signal_wake_up(t, false);
}

/* Ask t to join the stop; false if it cannot (exiting). siglock held. */
static bool task_set_jobctl_pending(struct task_struct *t, int signr)
{
	assert_spin_locked(&t->sighand->siglock);
	if (t->flags & (PF_EXITING | PF_KTHREAD))
		return false;
	t->jobctl = (t->jobctl & ~JOBCTL_STOP_SIGMASK) | signr |
		    JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME;
	return true;
}

/*
 * task_join_group_stop - new thread t (not yet running, being linked
 * by current under the siglock) joins the group stop under way: it
 * counts as one more thread to stop, or, if the group has stopped
 * already, it stops too without counting. As Linux.
 */
void task_join_group_stop(struct task_struct *t)
{
	struct signal_struct *sig = current->signal;
	unsigned int signr = current->jobctl & JOBCTL_STOP_SIGMASK;

	assert_spin_locked(&current->sighand->siglock);
	if (sig->group_stop_count) {
		sig->group_stop_count++;
		t->jobctl = (t->jobctl & ~JOBCTL_STOP_SIGMASK) | signr |
			    JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME;
	} else if (sig->flags & SIGNAL_STOP_STOPPED) {
		t->jobctl = (t->jobctl & ~JOBCTL_STOP_SIGMASK) | signr |
			    JOBCTL_STOP_PENDING;
	}
}

/*
 * do_signal_stop - current stops for a group stop: the first thread
 * (with the dequeued stop signal signr) asks every other thread to
 * stop too; the last one to stop tells the parent. Called with the
 * siglock held (flags from its irqsave); returns true after having
 * slept, with the siglock dropped, false (lock still held) if no stop
 * is to happen after all.
 */
bool do_signal_stop(int signr, unsigned long *flags)
{
	struct signal_struct *sig = current->signal;
	int notify, code;

	assert_spin_locked(&current->sighand->siglock);
	if (!(current->jobctl & JOBCTL_STOP_PENDING)) {
		struct task_struct *t;

		/* A SIGCONT (or exit) since the dequeue cancels the stop. */
		if (!(current->jobctl & JOBCTL_STOP_DEQUEUED) ||
		    (sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task)
			return false;
		if (!(sig->flags & SIGNAL_STOP_STOPPED))
			sig->stop_code = signr;
		sig->group_stop_count = 0;
		if (task_set_jobctl_pending(current, signr))
			sig->group_stop_count++;
		for_each_thread(current, t) {
			if (t == current || (t->state & __TASK_STOPPED))
				continue;
			if (task_set_jobctl_pending(t, signr)) {
				sig->group_stop_count++;
				if (likely(!(READ_ONCE(t->ptrace) & PT_SEIZED)))
					signal_wake_up(t, false);
				else
					ptrace_trap_notify(t);
			}
		}
	}
	notify = task_participate_group_stop(current);
	code = sig->stop_code;
	if (unlikely(current->ptrace)) {
		/* A tracee reports the group stop as a trap (get_signal
		 * takes it); a real parent other than the tracer is told. */
		current->jobctl |= JOBCTL_TRAP_STOP;
		spin_unlock_irqrestore(&current->sighand->siglock, *flags);
		*flags = write_lock_irqsave(&tasklist_lock);
		if (notify && ptrace_reparented(current))
			do_notify_parent_cldstop(current, CLD_STOPPED, code);
		write_unlock_irqrestore(&tasklist_lock, *flags);
		*flags = spin_lock_irqsave(&current->sighand->siglock);
		return false;
	}
	current->jobctl |= JOBCTL_STOPPED;
	/* Set under the siglock: a SIGCONT after this point wakes us. */
	set_current_state(TASK_STOPPED);
	spin_unlock_irqrestore(&current->sighand->siglock, *flags);
	if (notify) {
		unsigned long f = write_lock_irqsave(&tasklist_lock);

		do_notify_parent_cldstop(current, CLD_STOPPED, code);
		write_unlock_irqrestore(&tasklist_lock, f);
	}
	schedule();
	return true;
}
