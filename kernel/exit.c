/*
 * Process exit: do_exit() releases what the task holds, hands its
 * children to a reaper, becomes a zombie and tells its parent; the
 * parent's wait reaps it with release_task(). Threads (exit_signal -1)
 * reap themselves; a group leader's zombie is reported only once its
 * whole thread group is gone.
 */
#include <asm/arch.h>
#include <tine/cgroup.h>
#include <tine/coredump.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/ipc.h>
#include <tine/futex.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/wait_api.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/trace.h>
#include <tine/tty.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#include "signal_internal.h"

/*
 * __nr_user_processes - tasks (threads too) of real uid, from fork to
 * release (zombies count, as Linux charges RLIMIT_NPROC until
 * release_task). tasklist_lock held.
 */
unsigned long __nr_user_processes(kuid_t uid)
{
	struct task_struct *t;
	unsigned long n = 0;

	assert_rwlock_held(&tasklist_lock);
	list_for_each_entry(t, &task_list, tasks)
		if (uid_eq(task_uid(t), uid))
			n++;
	return n;
}

/*
 * mm_release - the task is done with its mm (exit or exec). Clears and
 * futex-wakes clear_child_tid, then completes the vfork parent's wait:
 * this is where today's Linux wakes the vfork parent.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	struct completion *vfork;

	if (tsk->robust_list) {
		exit_robust_list(tsk);
		tsk->robust_list = NULL;
	}
	exit_pi_state_list(tsk, tsk->flags & PF_EXITING);
	if (tsk->clear_child_tid) {
		if (atomic_read(&mm->mm_users) > 1) {
			put_user(0, tsk->clear_child_tid);
			futex_wake_addr((u32 __user *)tsk->clear_child_tid, 1);
		}
		tsk->clear_child_tid = NULL;
	}
	/* Complete under task_lock: a vfork parent killed meanwhile
	 * clears vfork_done under it before its completion (on its stack)
	 * goes away. */
	task_lock(tsk);
	vfork = tsk->vfork_done;
	if (vfork) {
		tsk->vfork_done = NULL;
		complete(vfork);
	}
	task_unlock(tsk);
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk, mm);
	/* get_task_mm() reads tsk->mm under task_lock: once it is NULL
	 * there, nobody new can take a user reference through us. */
	task_lock(tsk);
	tsk->mm = NULL;
	tsk->active_mm = NULL;
	task_unlock(tsk);
	mmput(mm);
}

/* A thread of p's process that is not exiting, or NULL. */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	list_for_each_entry(t, &p->signal->thread_head, thread_node)
		if (!(t->flags & PF_EXITING))
			return t;
	return NULL;
}

/*
 * father is exiting: if it is its pid namespace's reaper, another live
 * thread of its process takes the role (orphans must go to somebody
 * who can wait for them). Returns the namespace's reaper.
 * tasklist_lock held for writing.
 */
static struct task_struct *find_child_reaper(struct task_struct *father)
{
	struct pid_namespace *ns = task_active_pid_ns(father);
	struct task_struct *reaper = ns->child_reaper;

	assert_rwlock_held(&tasklist_lock);
	if (reaper == father) {
		reaper = find_alive_thread(father);
		if (reaper)
			ns->child_reaper = reaper;
		else
			reaper = father;	/* the last: see do_exit() */
	}
	return reaper;
}

/*
 * The reaper for an orphan of father: another live thread of its
 * process, else the nearest live subreaper among its ancestors in its
 * namespace, else the namespace's reaper. tasklist_lock held.
 */
static struct task_struct *find_new_reaper(struct task_struct *father,
					   struct task_struct *child_reaper)
{
	struct task_struct *t, *reaper = find_alive_thread(father);
	unsigned int level;

	assert_rwlock_held(&tasklist_lock);
	if (reaper)
		return reaper;
	if (!father->signal->has_child_subreaper)
		return child_reaper;
	level = task_pid(father)->level;
	for (t = father->real_parent; t->thread_pid &&
	     task_pid(t)->level == level; t = t->real_parent) {
		if (t->signal->is_child_subreaper) {
			reaper = find_alive_thread(t);
			if (reaper)
				return reaper;
		}
		if (t == t->real_parent)
			break;
	}
	return child_reaper;
}

/*
 * Orphan p (a leader) now belongs to another process: it tells its new
 * parent SIGCHLD whatever it was made with (nobody may pick the signal
 * init gets), a zombie is reported to it at once, and p's process group
 * may have become orphaned by father's death. tasklist_lock held.
 */
static void reparent_leader(struct task_struct *father, struct task_struct *p,
			    struct list_head *dead)
{
	assert_rwlock_held(&tasklist_lock);
	if (p->exit_state == EXIT_DEAD)
		return;
	p->exit_signal = SIGCHLD;
	if (!p->ptrace && p->exit_state == EXIT_ZOMBIE &&
	    p->signal->nr_threads == 1) {
		if (do_notify_parent(p, p->exit_signal)) {
			p->exit_state = EXIT_DEAD;
			list_add(&p->ptrace_entry, dead);
		}
	}
	/* POSIX: a group orphaned by our death, with a stopped member,
	 * gets SIGHUP and SIGCONT. */
	kill_orphaned_pgrp(p, father);
}

/* father's dying: its PR_SET_PDEATHSIG children hear it from him. */
static void send_pdeath_signal(struct task_struct *t)
{
	siginfo_t info;

	fill_user_info(&info, t->pdeath_signal, SI_USER);
	group_send_sig_info(t->pdeath_signal, &info, t);
}

/*
 * Move father's children to their new reaper. Another thread of
 * father's own process simply takes them over; a different process
 * becomes their parent (reparent_leader). tasklist_lock held.
 */
static void forget_original_parent(struct task_struct *father,
				   struct list_head *dead)
{
	struct task_struct *p, *n, *reaper;

	assert_write_locked(&tasklist_lock);
	reaper = find_new_reaper(father, find_child_reaper(father));
	if (unlikely(!list_empty(&father->ptraced)))
		exit_ptrace(father, dead);
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		struct task_struct *t;

		list_for_each_entry(t, &p->signal->thread_head, thread_node) {
			t->real_parent = reaper;
			if (!t->ptrace)
				t->parent = reaper;
			if (t->pdeath_signal)
				send_pdeath_signal(t);
		}
		list_move_tail(&p->sibling, &reaper->children);
		if (reaper->signal != father->signal)
			reparent_leader(father, p, dead);
	}
}

/* Is p a leader whose zombie must wait for the rest of its group? */
static bool delay_group_leader(struct task_struct *p)
{
	return thread_group_leader(p) && p->signal->nr_threads > 1;
}

/*
 * exit_notify - become a zombie and tell whoever must know. A thread
 * (exit_signal -1) or a child its parent ignores is released at once.
 */
static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	struct task_struct *p, *n;
	LIST_HEAD(dead);
	bool autoreap;
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	struct pid *leader_pid = get_pid(tsk->group_leader->thread_pid);

	forget_original_parent(tsk, &dead);
	if (group_dead)
		kill_orphaned_pgrp(tsk->group_leader, NULL);
	tsk->exit_state = EXIT_ZOMBIE;
	if (unlikely(tsk->ptrace)) {
		/* The tracer reaps a tracee first, a thread too; the last
		 * thread's release tells a zombie leader's parent. */
		int sig = thread_group_leader(tsk) &&
			  !delay_group_leader(tsk) &&
			  !ptrace_reparented(tsk) ? tsk->exit_signal : SIGCHLD;

		autoreap = do_notify_parent(tsk, sig);
	} else if (thread_group_leader(tsk)) {
		autoreap = false;
		if (!delay_group_leader(tsk))
			autoreap = do_notify_parent(tsk, tsk->exit_signal);
	} else {
		autoreap = true;
	}
	if (autoreap)
		tsk->exit_state = EXIT_DEAD;
	/* A non-leader's de_thread() waits for its leader's zombie. */
	if (unlikely(tsk->signal->notify_count < 0))
		wake_up_process(tsk->signal->group_exec_task);
	write_unlock_irqrestore(&tasklist_lock, f);
	if (autoreap)
		release_task(tsk);
	list_for_each_entry_safe(p, n, &dead, ptrace_entry) {
		list_del_init(&p->ptrace_entry);
		release_task(p);
	}
	/* After the releases: pidfd pollers look for an empty group. */
	do_notify_pidfd(leader_pid);
	put_pid(leader_pid);
}

/*
 * The last thread to start exiting decides the process's exit status
 * when no group exit did (Linux 6.1: the status wait reports is the
 * code of the last thread out, not the leader's).
 */
static void synchronize_group_exit(struct task_struct *tsk, long code)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long f = spin_lock_irqsave(&tsk->sighand->siglock);

	if (--sig->quick_threads == 0 && !(sig->flags & SIGNAL_GROUP_EXIT)) {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
		sig->group_stop_count = 0;
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, f);
}

/* Is t's process the init of a pid namespace below the initial one? */
static bool is_pid_ns_reaper(struct task_struct *t)
{
	struct pid_namespace *ns = task_active_pid_ns(t);
	struct task_struct *reaper = READ_ONCE(ns->child_reaper);

	return ns != &init_pid_ns && reaper && reaper->signal == t->signal;
}

/*
 * do_exit - the current task ends with status code: its group's timers
 * when it is the last thread, then its mm, files, fs and namespaces;
 * the parent is notified and the task becomes a zombie (or is released)
 * and schedules away for good. No lock held; sleeps; never returns.
 */
void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;
	bool group_dead;

	if (tsk->pid == 1 && task_active_pid_ns(tsk) == &init_pid_ns &&
	    (atomic_read(&tsk->signal->live) == 1))
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	synchronize_group_exit(tsk, code);
	ptrace_event(PTRACE_EVENT_EXIT, code);
	exit_signals(tsk);		/* sets PF_EXITING */
	group_dead = atomic_add_return(&tsk->signal->live, -1) == 0;
	if (group_dead) {
		exit_itimers(tsk->signal);
		exit_posix_timers(tsk->signal);
	}
	exit_posix_cpu_timers(tsk, group_dead);
	/* A dying session leader hangs up its controlling tty. */
	if (group_dead && task_session(tsk) == task_pid(tsk->group_leader))
		disassociate_ctty(1);
	tsk->exit_code = code;
	coredump_task_exit(tsk);
	if (tsk->mm)
		setmax_mm_hiwater_rss(tsk->mm);	/* getrusage's maxrss */
	exit_mm(tsk);
	exit_sem(tsk);
	trace_sched_process_exit(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	exit_task_namespaces(tsk);
	/* The init of a pid namespace takes the namespace with it (its
	 * reaper role has moved to each live thread in turn: we are
	 * the last). */
	if (group_dead && is_pid_ns_reaper(tsk))
		zap_pid_ns_processes(task_active_pid_ns(tsk));
	cgroup_exit(tsk);		/* before the parent hears of it */
	exit_notify(tsk, group_dead);
	local_irq_disable();
	set_current_state(TASK_DEAD);
	schedule();
	panic("do_exit: dead task %d ran again", tsk->pid);
}

/* Kill the whole thread group with this exit code, then exit. */
void __noreturn do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;
	unsigned long f = spin_lock_irqsave(&current->sighand->siglock);

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		/* An exec is killing the other threads: only we go. */
		code = 0;
	} else {
		sig->group_exit_code = code;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	do_exit(code);
}

/*
 * Unlink dead p from the task and thread lists. If p was the last
 * thread of a zombie leader, the leader's parent may now reap the
 * process: tell it, and return the leader if the parent does not want
 * it (to be released in turn). tasklist_lock held.
 */
static struct task_struct *__unhash_process(struct task_struct *p)
{
	struct task_struct *leader = p->group_leader;
	struct signal_struct *sig = p->signal;

	assert_write_locked(&tasklist_lock);
	unlink_task(p);
	/* Signal code walks the thread list under siglock alone. */
	spin_lock(&p->sighand->siglock);
	list_del_init(&p->thread_node);
	account_dead_thread(p);	/* its CPU time stays with the process */
	task_io_accounting_add(&sig->ioac, &p->ioac);	/* and its I/O */
	if (!thread_group_leader(p)) {
		/* and its counts (a leader's are read from it by wait) */
		sig->min_flt += p->min_flt;
		sig->maj_flt += p->maj_flt;
		sig->nvcsw += p->nvcsw;
		sig->nivcsw += p->nivcsw;
	}
	sig->nr_threads--;
	/* de_thread() waits until the other threads are released. */
	if (!thread_group_leader(p) && sig->notify_count > 0 &&
	    --sig->notify_count == 0)
		wake_up_process(sig->group_exec_task);
	flush_sigqueue(&p->pending);
	/* The group is gone: its pending signals too (and their charge
	 * to the senders' RLIMIT_SIGPENDING). */
	if (!sig->nr_threads)
		flush_sigqueue(&sig->shared_pending);
	spin_unlock(&p->sighand->siglock);
	if (thread_group_leader(p))
		list_del_init(&p->sibling);
	if (!list_empty(&p->ptrace_entry))
		list_del_init(&p->ptrace_entry);
	/* Its numbers go once nobody uses them (a group or session may
	 * outlive its leader). */
	detach_pid(p, PIDTYPE_PID);
	if (thread_group_leader(p)) {
		detach_pid(p, PIDTYPE_PGID);
		detach_pid(p, PIDTYPE_SID);
	}
	if (leader == p || leader->exit_state != EXIT_ZOMBIE ||
	    sig->nr_threads != 1)
		return NULL;
	if (!do_notify_parent(leader, leader->exit_signal))
		return NULL;
	leader->exit_state = EXIT_DEAD;
	return leader;
}

/*
 * release_task - drop the last traces of dead p (EXIT_DEAD, owned by
 * the caller): unhash it, free its pid, stop using its handlers, and
 * drop the reaper's task reference (the signal_struct and the handler
 * table's memory go with the last task reference: put_task_struct).
 * Releases a zombie leader too when p was its last thread and nobody
 * wants the leader. No locks held; does not sleep.
 */
void release_task(struct task_struct *p)
{
	struct task_struct *leader;

	do {
		unsigned long f = write_lock_irqsave(&tasklist_lock);

		leader = __unhash_process(p);
		write_unlock_irqrestore(&tasklist_lock, f);
		trace_sched_process_free(p);
		__cleanup_sighand(p->sighand);
		put_task_struct(p);
		p = leader;
	} while (p);
}

static long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}
SYSCALL_ENTRY(exit, sys_exit);

static long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}
SYSCALL_ENTRY(exit_group, sys_exit_group);
