/*
 * wait4 and waitid: find a child that matches, report it, reap zombies.
 * The parent sleeps on its signal->wait_chldexit, woken by
 * do_notify_parent() (exit) and by stops and continues.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/trace.h>
#include <tine/uaccess.h>
#include <tine/wait_api.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

struct wait_opts {
	int which;		/* P_ALL, P_PID, P_PGID (P_PIDFD: P_PID) */
	struct pid *pid;	/* P_PID/P_PGID (referenced); NULL: none */
	int options;		/* W* */
	int status;		/* out: wait status */
	siginfo_t info;		/* out: for waitid */
	struct rusage_k ru;	/* out */
	pid_t reported;		/* out: pid as seen by the waiter */
};

/* Does child p match the waiter's pid selector and clone class? */
static bool eligible_child(struct wait_opts *wo, bool ptrace,
			   struct task_struct *p)
{
	if (wo->which == P_PID && task_pid(p) != wo->pid)
		return false;
	if (wo->which == P_PGID && task_pgrp(p) != wo->pid)
		return false;
	/* __WCLONE: only "clone" children (exit_signal != SIGCHLD);
	 * __WALL: all. A tracee is always eligible for its tracer. */
	if (ptrace || (wo->options & __WALL))
		return true;
	return ((p->exit_signal != SIGCHLD) ^ !!(wo->options & __WCLONE)) == 0;
}

/* The child's usage and its reaped children's (tasklist_lock held). */
static void fill_rusage(struct wait_opts *wo, struct task_struct *p)
{
	assert_rwlock_held(&tasklist_lock);
	getrusage(p, RUSAGE_BOTH, &wo->ru);
}

static void fill_info(struct wait_opts *wo, struct task_struct *p, int code,
		      int status)
{
	wo->reported = task_pid_vnr(p);
	wo->info.si_signo = SIGCHLD;
	wo->info.si_code = code;
	wo->info.chld.pid = wo->reported;
	wo->info.chld.uid = from_kuid_munged(current_user_ns(), task_uid(p));
	wo->info.chld.status = status;
}

/* Reap zombie p (unless WNOWAIT). tasklist_lock held; may drop it. */
static int wait_task_zombie(struct wait_opts *wo, struct task_struct *p,
			    unsigned long *flags)
{
	int status = p->signal->flags & SIGNAL_GROUP_EXIT ?
			     p->signal->group_exit_code : p->exit_code;

	assert_write_locked(&tasklist_lock);
	if (!(wo->options & WEXITED))
		return 0;
	wo->status = status;
	fill_rusage(wo, p);
	if (status & 0x7f)
		fill_info(wo, p, (status & 0x80) ? CLD_DUMPED : CLD_KILLED,
			  status & 0x7f);
	else
		fill_info(wo, p, CLD_EXITED, (status >> 8) & 0xff);
	if (wo->options & WNOWAIT)
		return 1;
	/* A tracer that is not the parent: the real parent's turn next. */
	if (ptrace_reparented(p) && thread_group_leader(p)) {
		__ptrace_unlink(p);
		if (!do_notify_parent(p, p->exit_signal))
			return 1;
		p->exit_state = EXIT_DEAD;
		write_unlock_irqrestore(&tasklist_lock, *flags);
		release_task(p);
		*flags = write_lock_irqsave(&tasklist_lock);
		return 1;
	}
	/* Fold a child process's usage (its own, every thread's, its
	 * reaped children's: all in wo->ru) into ours for getrusage(
	 * RUSAGE_CHILDREN); a traced thread's is its own process's. */
	if (thread_group_leader(p)) {
		struct signal_struct *psig = current->signal;
		unsigned long f = spin_lock_irqsave(&current->sighand->siglock);

		psig->cutime += wo->ru.utime;
		psig->cstime += wo->ru.stime;
		psig->cmin_flt += wo->ru.minflt;
		psig->cmaj_flt += wo->ru.majflt;
		psig->cnvcsw += wo->ru.nvcsw;
		psig->cnivcsw += wo->ru.nivcsw;
		if (psig->cmaxrss < wo->ru.maxrss)
			psig->cmaxrss = wo->ru.maxrss;
		spin_unlock_irqrestore(&current->sighand->siglock, f);
	}
	p->exit_state = EXIT_DEAD;
	write_unlock_irqrestore(&tasklist_lock, *flags);
	release_task(p);
	*flags = write_lock_irqsave(&tasklist_lock);
	return 1;
}

/*
 * Report a group stop (WUNTRACED) or a ptrace stop. The stop state is
 * the stopping thread's to change, under the siglock: test and clear it
 * under that lock too, or on another CPU the child's own update of
 * signal->flags (get_signal) can undo our clear and the stop or continue
 * is reported twice. tasklist_lock held (interrupts off).
 */
static int wait_task_stopped(struct wait_opts *wo, bool ptrace,
			     struct task_struct *p)
{
	struct signal_struct *s = p->signal;
	spinlock_t *lock = &p->sighand->siglock;
	int code;

	if (!ptrace && !(wo->options & WUNTRACED))
		return 0;
	assert_rwlock_held(&tasklist_lock);
	spin_lock(lock);
	if (ptrace) {
		/* A PTRACE_LISTEN is not a ptrace stop to report. */
		if (!(p->state & __TASK_TRACED) || !p->exit_trace_sig ||
		    (READ_ONCE(p->jobctl) & JOBCTL_LISTENING))
			goto none;
		code = p->exit_trace_sig;
		if (!(wo->options & WNOWAIT))
			p->exit_trace_sig = 0;
		spin_unlock(lock);
		wo->status = (code << 8) | 0x7f;
		fill_info(wo, p, CLD_TRAPPED, code & 0x7f);
		fill_rusage(wo, p);
		return 1;
	}
	if (!(s->flags & SIGNAL_STOP_STOPPED) || !s->stop_code)
		goto none;
	code = s->stop_code;
	if (!(wo->options & WNOWAIT))
		s->stop_code = 0;	/* reported: once per stop */
	spin_unlock(lock);
	wo->status = (code << 8) | 0x7f;
	fill_info(wo, p, CLD_STOPPED, code);
	fill_rusage(wo, p);
	return 1;
none:
	spin_unlock(lock);
	return 0;
}

static int wait_task_continued(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *s = p->signal;

	if (!(wo->options & WCONTINUED))
		return 0;
	spin_lock(&p->sighand->siglock);	/* see wait_task_stopped() */
	if (!(s->flags & SIGNAL_STOP_CONTINUED)) {
		spin_unlock(&p->sighand->siglock);
		return 0;
	}
	if (!(wo->options & WNOWAIT))
		s->flags &= ~SIGNAL_STOP_CONTINUED;
	spin_unlock(&p->sighand->siglock);
	wo->status = 0xffff;
	fill_info(wo, p, CLD_CONTINUED, SIGCONT);
	fill_rusage(wo, p);
	return 1;
}

/* 1 reported, 0 not ready. Sets *found if p matches at all. */
static int wait_consider_task(struct wait_opts *wo, bool ptrace,
			      struct task_struct *p, bool *found,
			      unsigned long *flags)
{
	if (!eligible_child(wo, ptrace, p))
		return 0;
	if (p->exit_state == EXIT_DEAD)
		return 0;
	/* A child traced by its own parent is that parent's tracee. */
	if (!ptrace && p->ptrace && !ptrace_reparented(p))
		ptrace = true;
	if (p->exit_state == EXIT_ZOMBIE) {
		bool leader_waits = thread_group_leader(p) &&
				    p->signal->nr_threads > 1;

		/*
		 * A zombie we may reap is reaped if WEXITED asks; for any
		 * other option nothing can happen to it any more, so it
		 * is not worth waiting for (ECHILD if it is all we have).
		 */
		if (!leader_waits && (ptrace || !p->ptrace))
			return wait_task_zombie(wo, p, flags);
		/*
		 * A leader waiting for its threads, or someone else's
		 * tracee, will still change; except that a tracee's stop
		 * state is its own and died with it. The group's stop or
		 * continue is still reported through the zombie leader.
		 */
		if (!ptrace || (wo->options & (WCONTINUED | WEXITED)))
			*found = true;
	} else {
		*found = true;
	}
	if (wait_task_stopped(wo, ptrace, p))
		return 1;
	return wait_task_continued(wo, p);
}

static int do_wait_thread(struct wait_opts *wo, struct task_struct *tsk,
			  bool *found, unsigned long *flags)
{
	struct task_struct *p;

	list_for_each_entry(p, &tsk->children, sibling)
		if (wait_consider_task(wo, false, p, found, flags))
			return 1;
	list_for_each_entry(p, &tsk->ptraced, ptrace_entry)
		if (wait_consider_task(wo, true, p, found, flags))
			return 1;
	return 0;
}

/* Returns the reported pid, 0 for WNOHANG with nothing, or -errno. */
static long do_wait(struct wait_opts *wo)
{
	struct wait_queue_entry w;
	long ret;

	trace_sched_process_wait(wo->pid ? pid_nr_ns(wo->pid, &init_pid_ns)
					 : 0);
	init_wait_entry(&w);
	for (;;) {
		struct task_struct *t;
		bool found = false;
		unsigned long f;

		prepare_to_wait(&current->signal->wait_chldexit, &w,
				TASK_INTERRUPTIBLE);
		f = write_lock_irqsave(&tasklist_lock);
		ret = 0;
		list_for_each_entry(t, &current->signal->thread_head,
				    thread_node) {
			if ((wo->options & __WNOTHREAD) && t != current)
				continue;
			if (do_wait_thread(wo, t, &found, &f)) {
				ret = 1;
				break;
			}
		}
		write_unlock_irqrestore(&tasklist_lock, f);
		if (ret) {
			ret = wo->reported;
			break;
		}
		if (!found) {
			ret = -ECHILD;
			break;
		}
		if (wo->options & WNOHANG) {
			ret = 0;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->signal->wait_chldexit, &w);
	return ret;
}

static void ns_to_timeval(u64 ns, struct timeval_k *tv)
{
	tv->tv_sec = ns / 1000000000ULL;
	tv->tv_usec = (ns % 1000000000ULL) / 1000;
}

/*
 * put_rusage - r in Linux's struct rusage at ru: 0 or -EFAULT. May sleep
 * (user copy).
 */
int put_rusage(const struct rusage_k *r, struct rusage __user *ru)
{
	struct rusage u = { 0 };

	ns_to_timeval(r->utime, &u.ru_utime);
	ns_to_timeval(r->stime, &u.ru_stime);
	u.ru_maxrss = r->maxrss * (PAGE_SIZE / 1024);
	u.ru_minflt = r->minflt;
	u.ru_majflt = r->majflt;
	u.ru_nvcsw = r->nvcsw;
	u.ru_nivcsw = r->nivcsw;
	return copy_to_user(ru, &u, sizeof(u)) ? -EFAULT : 0;
}

/* Our own process group, referenced. */
static struct pid *get_current_pgrp(void)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct pid *pgrp = get_pid(task_pgrp(current));

	read_unlock_irqrestore(&tasklist_lock, f);
	return pgrp;
}

/* Map a wait4 pid argument to a selector (a referenced pid: unknown
 * ids give NULL, which matches nothing: ECHILD). */
static void wait4_selector(struct wait_opts *wo, pid_t upid)
{
	if (upid == -1) {
		wo->which = P_ALL;
	} else if (upid == 0) {
		wo->which = P_PGID;
		wo->pid = get_current_pgrp();
	} else {
		wo->which = upid < 0 ? P_PGID : P_PID;
		wo->pid = find_get_pid(upid < 0 ? -upid : upid);
	}
}

/* kernel_wait - see tine/wait_api.h. */
pid_t kernel_wait(pid_t pid, int *stat)
{
	struct wait_opts wo = { .which = P_PID, .options = WEXITED | __WALL };
	long ret;

	wo.pid = find_get_pid(pid);
	if (!wo.pid)
		return -ECHILD;
	ret = do_wait(&wo);
	put_pid(wo.pid);
	if (ret > 0 && stat)
		*stat = wo.status;
	return ret;
}

static long sys_wait4(pid_t upid, int __user *stat_addr, int options,
		      struct rusage __user *ru)
{
	struct wait_opts wo = { 0 };
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (upid == INT_MIN)	/* -INT_MIN overflows, as Linux refuses */
		return -ESRCH;
	wait4_selector(&wo, upid);
	wo.options = options | WEXITED;
	ret = do_wait(&wo);
	put_pid(wo.pid);
	if (ret > 0 && stat_addr && put_user(wo.status, stat_addr))
		return -EFAULT;
	if (ret > 0 && ru && put_rusage(&wo.ru, ru))
		return -EFAULT;
	return ret;
}
SYSCALL_ENTRY(wait4, sys_wait4);

static long sys_waitid(int which, pid_t upid, siginfo_t __user *infop,
		       int options, struct rusage __user *ru)
{
	struct wait_opts wo = { 0 };
	unsigned int f_flags = 0;
	struct pid *pid;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		wo.which = P_ALL;
		break;
	case P_PID:
	case P_PGID:
		if (upid < 0 || (which == P_PID && upid == 0))
			return -EINVAL;
		wo.which = which;
		if (which == P_PGID && upid == 0)
			wo.pid = get_current_pgrp();
		else
			wo.pid = find_get_pid(upid);
		break;
	case P_PIDFD:
		/* The process behind a pidfd; O_NONBLOCK says WNOHANG. */
		if (upid < 0)
			return -EINVAL;
		pid = pidfd_get_pid(upid, &f_flags);
		if (IS_ERR(pid))
			return PTR_ERR(pid);
		wo.which = P_PID;
		wo.pid = pid;
		break;
	default:
		return -EINVAL;
	}
	wo.options = options | ((f_flags & O_NONBLOCK) ? WNOHANG : 0);
	ret = do_wait(&wo);
	put_pid(wo.pid);
	if (!ret && (f_flags & O_NONBLOCK) && !(options & WNOHANG))
		ret = -EAGAIN;
	if (ret < 0)
		return ret;
	if (infop) {
		siginfo_t zero = { 0 };
		if (copy_to_user(infop, ret ? &wo.info : &zero, sizeof(zero)))
			return -EFAULT;
	}
	if (ret > 0 && ru && put_rusage(&wo.ru, ru))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(waitid, sys_waitid);
