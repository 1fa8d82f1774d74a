/*
 * ptrace: the tracee side (stops: signal delivery, events, syscalls,
 * PTRACE_EVENT_STOP traps) and the tracer side (sys_ptrace and its
 * requests), as Linux 6.1's kernel/ptrace.c and the ptrace parts of
 * kernel/signal.c. The registers are arch/x86_64/ptrace.c's.
 *
 * A stop: the tracee records its code in exit_trace_sig, goes to
 * TASK_TRACED, tells its tracer (SIGCHLD, CLD_TRAPPED) and sleeps. The
 * tracer's wait reports the code once and clears it; the requests
 * work only on a tracee in TASK_TRACED; a resume stores the signal to
 * deliver in exit_trace_sig and wakes the tracee. Only SIGKILL, a
 * resume or a detach wake a TASK_TRACED task.
 *
 * Locking: tasklist_lock covers the ptrace links and fields; jobctl is
 * [siglock] (taken inside tasklist_lock). A tracee seen in TASK_TRACED
 * may still be on its way off a CPU (its registers not yet saved): the
 * requests wait for that (wait_task_inactive) before touching them.
 */
#include <asm/arch.h>
#include <tine/cred.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/ptrace.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

/* ---- links ---- */

/* child is now traced by new_parent, whose credentials at this moment
 * (tracer_cred) decide what a set-id exec of child may gain. tasklist_lock
 * held. */
static void ptrace_link(struct task_struct *child,
			struct task_struct *new_parent,
			const struct cred *tracer_cred)
{
	assert_write_locked(&tasklist_lock);
	list_add(&child->ptrace_entry, &new_parent->ptraced);
	child->parent = new_parent;
	child->ptracer_cred = get_cred(tracer_cred);
}

/*
 * __ptrace_unlink - child is no longer traced: back to its real
 * parent, stepping and syscall stops off. A group stop in effect is
 * taken up again; a tracee in a ptrace stop is woken (with whatever
 * signal exit_trace_sig holds). tasklist_lock held.
 */
void __ptrace_unlink(struct task_struct *child)
{
	struct signal_struct *sig = child->signal;

	assert_write_locked(&tasklist_lock);
	list_del_init(&child->ptrace_entry);
	child->parent = child->real_parent;
	child->ptrace = 0;
	if (child->ptracer_cred) {
		put_cred(child->ptracer_cred);
		child->ptracer_cred = NULL;
	}
	user_disable_single_step(child);
	child->syscall_work = 0;
	spin_lock(&child->sighand->siglock);
	child->jobctl &= ~(JOBCTL_TRAP_MASK | JOBCTL_LISTENING);
	if (!(child->flags & PF_EXITING) &&
	    ((sig->flags & SIGNAL_STOP_STOPPED) || sig->group_stop_count)) {
		child->jobctl |= JOBCTL_STOP_PENDING;
		if (!(child->jobctl & JOBCTL_STOP_SIGMASK))
			child->jobctl |= SIGSTOP;
	}
	spin_unlock(&child->sighand->siglock);
	wake_up_state(child, __TASK_TRACED);
}

/*
 * ptrace_init_task - called by copy_process() under tasklist_lock, past
 * the point of no return. A child created under CLONE_PTRACE or a
 * fork event inherits current's tracer and options and starts stopped:
 * with SIGSTOP pending (the seeds), or a PTRACE_EVENT_STOP trap if the
 * tracer used PTRACE_SEIZE.
 */
void ptrace_init_task(struct task_struct *child, bool ptrace)
{
	INIT_LIST_HEAD(&child->ptrace_entry);
	INIT_LIST_HEAD(&child->ptraced);
	child->ptrace = 0;
	child->exit_trace_sig = 0;
	child->last_siginfo = NULL;
	child->ptracer_cred = NULL;
	/* The registers were copied from a parent that may be stepping. */
	if (child->syscall_work & SYSCALL_WORK_FORCED_TF)
		task_pt_regs(child)->flags &= ~X86_EFLAGS_TF;
	child->syscall_work = 0;
	if (ptrace && current->ptrace) {
		child->ptrace = current->ptrace;
		ptrace_link(child, current->parent, current->ptracer_cred);
		if (child->ptrace & PT_SEIZED)
			child->jobctl |= JOBCTL_TRAP_STOP;
		else
			sigaddset(&child->pending.signal, SIGSTOP);
	}
}

/* ---- the tracee: stops ---- */

/* SIGCHLD (CLD_TRAPPED or CLD_STOPPED) to the tracer, and wake its
 * wait. tasklist_lock held. */
static void do_notify_tracer(struct task_struct *tsk, int why, int status)
{
	struct task_struct *tracer = tsk->parent;
	struct k_sigaction *ka = &tracer->sighand->action[SIGCHLD - 1];
	siginfo_t info;

	assert_rwlock_held(&tasklist_lock);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.chld.pid = task_pid_nr_ns(tsk, task_active_pid_ns(tracer));
	info.chld.uid = task_from_kuid_munged(tracer, task_uid(tsk));
	info.chld.status = status & 0x7f;
	info.chld.utime = tsk->utime / 10000000;	/* USER_HZ ticks */
	info.chld.stime = tsk->stime / 10000000;
	if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
		group_send_sig_info(SIGCHLD, &info, tracer);
	__wake_up(&tracer->signal->wait_chldexit, TASK_INTERRUPTIBLE);
}

/*
 * ptrace_stop - stop current for its tracer with exit_code (what wait
 * reports), message (GETEVENTMSG) and info (GETSIGINFO; may be NULL),
 * and sleep until resumed, detached or SIGKILLed. Returns what the
 * tracer resumed us with (a signal, or 0); exit_code unchanged if we
 * did not stop (no tracer, SIGKILL pending). No locks held; sleeps.
 */
static int ptrace_stop(int exit_code, int why, unsigned long message,
		       siginfo_t *info)
{
	struct task_struct *tsk = current;
	unsigned long f = write_lock_irqsave(&tasklist_lock);

	if (!tsk->ptrace || sigismember(&tsk->pending.signal, SIGKILL)) {
		write_unlock_irqrestore(&tasklist_lock, f);
		return exit_code;
	}
	tsk->ptrace_message = message;
	tsk->last_siginfo = info;
	tsk->exit_trace_sig = exit_code;
	spin_lock(&tsk->sighand->siglock);
	tsk->jobctl &= ~JOBCTL_TRAP_STOP;	/* any trap ends a pending one */
	spin_unlock(&tsk->sighand->siglock);
	/* Under tasklist_lock: a SIGKILL or resume from now on wakes us. */
	set_current_state(TASK_TRACED);
	do_notify_tracer(tsk, why, exit_code);
	write_unlock_irqrestore(&tasklist_lock, f);
	schedule();

	f = write_lock_irqsave(&tasklist_lock);
	exit_code = tsk->exit_trace_sig;
	tsk->exit_trace_sig = 0;
	tsk->last_siginfo = NULL;
	tsk->ptrace_message = 0;
	spin_lock(&tsk->sighand->siglock);
	tsk->jobctl &= ~JOBCTL_LISTENING;	/* only a stop listens */
	spin_unlock(&tsk->sighand->siglock);
	write_unlock_irqrestore(&tasklist_lock, f);
	return exit_code;
}

/* An event or syscall stop: SIGTRAP with si_code exit_code. */
static int ptrace_notify(int exit_code, unsigned long message)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGTRAP;
	info.si_code = exit_code;
	info.rt.pid = task_pid_vnr(current);
	info.rt.uid = from_kuid_munged(current_user_ns(), current_uid());
	return ptrace_stop(exit_code, CLD_TRAPPED, message, &info);
}

/*
 * ptrace_event - report event (PTRACE_EVENT_*) with message if the
 * tracer asked for it; an exec the tracer did not ask about still
 * raises the historical SIGTRAP for a tracee not SEIZEd. Sleeps.
 */
void ptrace_event(int event, unsigned long message)
{
	if (unlikely(ptrace_event_enabled(current, event)))
		ptrace_notify((event << 8) | SIGTRAP, message);
	else if (event == PTRACE_EVENT_EXEC &&
		 (current->ptrace & (PT_PTRACED | PT_SEIZED)) == PT_PTRACED)
		send_sig(SIGTRAP, current, 0);
}

/* ptrace_event with pid as the tracer's namespace numbers it. */
void ptrace_event_pid(int event, struct pid *pid)
{
	unsigned long message = 0;
	struct pid_namespace *ns;
	unsigned long f = write_lock_irqsave(&tasklist_lock);

	ns = task_active_pid_ns(current->parent);
	if (ns)
		message = pid_nr_ns(pid, ns);
	write_unlock_irqrestore(&tasklist_lock, f);
	ptrace_event(event, message);
}

/*
 * ptrace_signal - signal-delivery-stop: get_signal() dequeued signr
 * (not SIGKILL) with info for a traced current. The tracer may cancel
 * it (0), keep it, or change it (new SI_USER info). A new signal that
 * is blocked is queued again. Returns the signal to act on, or 0. No
 * locks held; sleeps.
 */
int ptrace_signal(int signr, siginfo_t *info)
{
	struct task_struct *tracer;

	signr = ptrace_stop(signr, CLD_TRAPPED, 0, info);
	if (signr <= 0 || signr > _NSIG)
		return 0;
	if (signr != info->si_signo) {
		unsigned long f = write_lock_irqsave(&tasklist_lock);

		tracer = current->parent;
		memset(info, 0, sizeof(*info));
		info->si_signo = signr;
		info->si_code = SI_USER;
		info->rt.pid = task_pid_nr_ns(tracer, task_active_pid_ns(current));
		info->rt.uid = task_from_kuid_munged(current, task_uid(tracer));
		write_unlock_irqrestore(&tasklist_lock, f);
	}
	if (sigismember(&current->blocked, signr) ||
	    sigismember(&current->pending.signal, SIGKILL)) {
		send_sig_info(signr, info, current);
		return 0;
	}
	return signr;
}

/*
 * do_jobctl_trap - a pending JOBCTL_TRAP_STOP or TRAP_NOTIFY:
 * PTRACE_INTERRUPT, a SEIZEd auto-attached child, an attach to a
 * stopped task, a group stop starting or ending. A SEIZEd tracee
 * reports PTRACE_EVENT_STOP (with SIGTRAP, or the stop signal during a
 * group stop; GETSIGINFO and LISTEN see it); otherwise the stop signal.
 * Sleeps.
 */
void do_jobctl_trap(void)
{
	struct signal_struct *sig = current->signal;
	unsigned long f = spin_lock_irqsave(&current->sighand->siglock);
	int signr = current->jobctl & JOBCTL_STOP_SIGMASK;
	bool group_stop = sig->group_stop_count ||
			  (sig->flags & SIGNAL_STOP_STOPPED);
	siginfo_t info;

	current->jobctl &= ~JOBCTL_TRAP_MASK;
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	if (current->ptrace & PT_SEIZED) {
		if (!group_stop || !signr)
			signr = SIGTRAP;
		memset(&info, 0, sizeof(info));
		info.si_signo = signr;
		info.si_code = signr | (PTRACE_EVENT_STOP << 8);
		info.rt.pid = task_pid_vnr(current);
		info.rt.uid = from_kuid_munged(current_user_ns(),
					       current_uid());
		ptrace_stop(info.si_code, CLD_STOPPED, 0, &info);
	} else {
		ptrace_stop(signr ? signr : SIGSTOP, CLD_STOPPED, 0, NULL);
	}
}

/* A syscall stop; a signal the tracer resumes with is sent to us.
 * Returns true if a fatal signal means the syscall must not run. */
static bool ptrace_report_syscall(unsigned long message)
{
	int ptrace = current->ptrace, signr;

	if (!(ptrace & PT_PTRACED))
		return false;
	signr = ptrace_notify(SIGTRAP | ((ptrace & PT_TRACESYSGOOD) ? 0x80 : 0),
			      message);
	if (signr > 0 && signr <= _NSIG)
		send_sig(signr, current, 1);
	return fatal_signal_pending(current);
}

/*
 * syscall_trace_enter - syscall-enter-stop (PTRACE_SYSCALL, SYSEMU).
 * Returns the syscall to run, which the tracer may have changed in
 * orig_ax, or -1 to skip it (ax then holds the result: -ENOSYS unless
 * the tracer wrote one), always so under PTRACE_SYSEMU. Sleeps.
 */
long syscall_trace_enter(struct pt_regs *regs)
{
	unsigned int work = current->syscall_work;

	if ((work & (SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_EMU)) &&
	    (ptrace_report_syscall(PTRACE_EVENTMSG_SYSCALL_ENTRY) ||
	     (work & SYSCALL_WORK_SYSCALL_EMU)))
		return -1;
	return regs->orig_ax;
}

/*
 * syscall_exit_work - syscall-exit-stop, or, when single-stepping, the
 * SIGTRAP the step over the syscall instruction could not raise (the
 * syscall entry masks TF). Neither for an emulated (SYSEMU) call: its
 * tracer saw the one stop there is, and a SYSEMU_SINGLESTEP traps
 * after the next instruction. Sleeps.
 */
void syscall_exit_work(struct pt_regs *regs)
{
	if (current->syscall_work & SYSCALL_WORK_SYSCALL_EMU)
		return;
	if (current->syscall_work & SYSCALL_WORK_SINGLESTEP)
		force_sig_fault(SIGTRAP, TRAP_BRKPT, regs->ip);
	else if (current->syscall_work & SYSCALL_WORK_SYSCALL_TRACE)
		ptrace_report_syscall(PTRACE_EVENTMSG_SYSCALL_EXIT);
}

/* ---- the tracer's exit ---- */

static bool ignoring_children(struct task_struct *t)
{
	struct k_sigaction *ka = &t->sighand->action[SIGCHLD - 1];

	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/*
 * Detach p from tracer. A zombie tracee goes to its real parent, or is
 * released (returns true) if nobody is left to wait for it.
 * tasklist_lock held.
 */
static bool __ptrace_detach(struct task_struct *tracer, struct task_struct *p)
{
	bool dead;

	assert_write_locked(&tasklist_lock);
	__ptrace_unlink(p);
	if (p->exit_state != EXIT_ZOMBIE)
		return false;
	dead = !thread_group_leader(p);
	if (!dead && p->signal->nr_threads == 1) {
		if (p->real_parent->signal != tracer->signal) {
			dead = do_notify_parent(p, p->exit_signal);
		} else if (ignoring_children(tracer)) {
			__wake_up(&tracer->signal->wait_chldexit,
				  TASK_INTERRUPTIBLE);
			dead = true;
		}
	}
	if (dead)
		p->exit_state = EXIT_DEAD;
	return dead;
}

/*
 * exit_ptrace - tracer is exiting: detach every tracee (SIGKILL first
 * for PTRACE_O_EXITKILL). Zombies nobody wants go on dead, linked by
 * ptrace_entry, for the caller to release. tasklist_lock held.
 */
void exit_ptrace(struct task_struct *tracer, struct list_head *dead)
{
	struct task_struct *p, *n;

	assert_write_locked(&tasklist_lock);
	list_for_each_entry_safe(p, n, &tracer->ptraced, ptrace_entry) {
		if (unlikely(p->ptrace & PT_EXITKILL))
			send_sig_info(SIGKILL, NULL, p);
		if (__ptrace_detach(tracer, p))
			list_add(&p->ptrace_entry, dead);
	}
}

/* ---- the tracer: sys_ptrace ---- */

static bool ptrace_has_cap(struct user_namespace *ns, unsigned int mode)
{
	return has_ns_capability(current, ns, CAP_SYS_PTRACE);
}

/* ptrace_may_access - see tine/ptrace.h. */
bool ptrace_may_access(struct task_struct *t, unsigned int mode)
{
	const struct cred *cred = current_cred(), *tcred;
	kuid_t uid = (mode & PTRACE_MODE_FSCREDS) ? cred->fsuid : cred->uid;
	kgid_t gid = (mode & PTRACE_MODE_FSCREDS) ? cred->fsgid : cred->gid;
	struct mm_struct *mm;
	bool ok;

	if (WARN_ON(!(mode & PTRACE_MODE_FSCREDS) ==
		    !(mode & PTRACE_MODE_REALCREDS)))
		return false;
	if (same_thread_group(t, current))
		return true;
	tcred = get_task_cred(t);
	ok = (uid_eq(uid, tcred->euid) && uid_eq(uid, tcred->suid) &&
	      uid_eq(uid, tcred->uid) && gid_eq(gid, tcred->egid) &&
	      gid_eq(gid, tcred->sgid) && gid_eq(gid, tcred->gid)) ||
	     ptrace_has_cap(tcred->user_ns, mode);
	/* Linux's cap_ptrace_access_check: nor may we gain capabilities
	 * through the target (its permitted set within ours). */
	if (ok)
		ok = (cred->user_ns == tcred->user_ns &&
		      cap_issubset(tcred->cap_permitted,
				   (mode & PTRACE_MODE_FSCREDS) ?
					   cred->cap_effective :
					   cred->cap_permitted)) ||
		     ns_capable(tcred->user_ns, CAP_SYS_PTRACE);
	put_cred(tcred);
	if (!ok)
		return false;
	/* A task that made itself (or exec made it) non-dumpable is
	 * reserved to CAP_SYS_PTRACE over its mm's namespace. */
	mm = get_task_mm(t);
	if (mm) {
		ok = get_dumpable(mm) == SUID_DUMP_USER ||
		     ptrace_has_cap(mm->user_ns, mode);
		mmput(mm);
	}
	return ok;
}

/*
 * Linux's cap_ptrace_traceme: our parent may trace us if it holds every
 * capability we are permitted, in our user namespace, or CAP_SYS_PTRACE
 * there. Takes the parent's cred_lock.
 */
static bool parent_may_trace_me(struct task_struct *parent)
{
	const struct cred *pc = get_task_cred(parent), *c = current_cred();
	bool ok = (pc->user_ns == c->user_ns &&
		   cap_issubset(c->cap_permitted, pc->cap_permitted)) ||
		  cred_has_capability(pc, c->user_ns, CAP_SYS_PTRACE);

	put_cred(pc);
	return ok;
}

/* PTRACE_TRACEME: our real parent becomes our tracer (our credentials
 * are the ones a later set-id exec is judged against, as Linux). */
static long ptrace_traceme(void)
{
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	long ret = -EPERM;

	if (!current->ptrace && parent_may_trace_me(current->real_parent)) {
		ret = 0;
		if (!(current->real_parent->flags & PF_EXITING)) {
			current->ptrace = PT_PTRACED;
			ptrace_link(current, current->real_parent,
				    current_cred());
		}
	}
	write_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

/* Check and convert SEIZE's options into task->ptrace bits.
 * PTRACE_O_SUSPEND_SECCOMP is EINVAL, as on Linux without seccomp;
 * PTRACE_O_TRACESECCOMP is taken and never fires (no filters). */
static long seize_flags(unsigned long addr, unsigned long options,
			unsigned int *flags)
{
	if (addr != 0 || (options & ~(unsigned long)PTRACE_O_MASK))
		return -EIO;
	if (options & PTRACE_O_SUSPEND_SECCOMP)
		return -EINVAL;
	*flags = PT_PTRACED | PT_SEIZED | (options << PT_OPT_FLAG_SHIFT);
	return 0;
}

/*
 * PTRACE_ATTACH (SIGSTOP to the task) and PTRACE_SEIZE (no stop; the
 * options come in data). A task in a group stop is made to re-trap so
 * that the tracer's wait sees it.
 */
static long ptrace_attach(struct task_struct *task, long request,
			  unsigned long addr, unsigned long data)
{
	unsigned int flags = PT_PTRACED;
	unsigned long f;
	long ret;

	if (request == PTRACE_SEIZE) {
		ret = seize_flags(addr, data, &flags);
		if (ret)
			return ret;
	}
	if ((task->flags & PF_KTHREAD) || task->signal == current->signal)
		return -EPERM;
	/* Not between an exec's credential decision and its commit. */
	if (mutex_lock_killable(&task->signal->cred_guard_mutex))
		return -ERESTARTNOINTR;
	ret = -EPERM;
	if (!ptrace_may_access(task, PTRACE_MODE_ATTACH_REALCREDS))
		goto unlock_creds;
	f = write_lock_irqsave(&tasklist_lock);
	if (task->exit_state || task->ptrace || (task->flags & PF_EXITING)) {
		write_unlock_irqrestore(&tasklist_lock, f);
		goto unlock_creds;
	}
	task->ptrace = flags;
	ptrace_link(task, current, current_cred());
	if (request == PTRACE_ATTACH)
		send_sig_info(SIGSTOP, NULL, task);
	spin_lock(&task->sighand->siglock);
	if (task->state & __TASK_STOPPED) {
		task->jobctl |= JOBCTL_TRAP_STOP;
		task->jobctl &= ~JOBCTL_STOPPED;
		wake_up_state(task, __TASK_STOPPED);
	}
	spin_unlock(&task->sighand->siglock);
	write_unlock_irqrestore(&tasklist_lock, f);
	ret = 0;
unlock_creds:
	mutex_unlock(&task->signal->cred_guard_mutex);
	return ret;
}

/*
 * Is child traced by current and (unless ignore_state) stopped for it,
 * and off every CPU (its registers saved, so the requests may read and
 * change them)? 0 or -ESRCH. Sleeps.
 */
static long ptrace_check_attach(struct task_struct *child, bool ignore_state)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	long ret = -ESRCH;

	if (child->ptrace && child->parent == current &&
	    (ignore_state ||
	     ((child->state & __TASK_TRACED) && !child->exit_state &&
	      !(READ_ONCE(child->jobctl) & JOBCTL_LISTENING))))
		ret = 0;
	read_unlock_irqrestore(&tasklist_lock, f);
	/* Only its tracer (us) wakes a stopped tracee, but SIGKILL may:
	 * then it is no longer stopped for us. */
	if (!ret && !ignore_state && !wait_task_inactive(child, TASK_TRACED))
		ret = -ESRCH;
	return ret;
}

/* PTRACE_CONT, SYSCALL, SINGLESTEP, SINGLEBLOCK, SYSEMU and
 * SYSEMU_SINGLESTEP: resume with signal data (0 for none). */
static long ptrace_resume(struct task_struct *child, long request,
			  unsigned long data)
{
	bool emu = request == PTRACE_SYSEMU ||
		   request == PTRACE_SYSEMU_SINGLESTEP;
	unsigned long f;

	if (!valid_signal(data))
		return -EIO;
	f = write_lock_irqsave(&tasklist_lock);
	child->syscall_work &= ~(SYSCALL_WORK_SYSCALL_TRACE |
				 SYSCALL_WORK_SYSCALL_EMU);
	if (request == PTRACE_SYSCALL)
		child->syscall_work |= SYSCALL_WORK_SYSCALL_TRACE;
	if (emu)
		child->syscall_work |= SYSCALL_WORK_SYSCALL_EMU;
	user_disable_single_step(child);
	if (request == PTRACE_SINGLEBLOCK)
		user_enable_block_step(child);
	else if (request == PTRACE_SINGLESTEP ||
		 request == PTRACE_SYSEMU_SINGLESTEP)
		user_enable_single_step(child);
	child->exit_trace_sig = data;
	wake_up_state(child, __TASK_TRACED);
	write_unlock_irqrestore(&tasklist_lock, f);
	return 0;
}

/* PTRACE_DETACH: let go of a stopped child, resuming it with data. */
static long ptrace_detach(struct task_struct *child, unsigned long data)
{
	unsigned long f;

	if (!valid_signal(data))
		return -EIO;
	f = write_lock_irqsave(&tasklist_lock);
	child->exit_trace_sig = data;
	__ptrace_detach(current, child);	/* a stopped child: no zombie */
	write_unlock_irqrestore(&tasklist_lock, f);
	return 0;
}

static long ptrace_setoptions(struct task_struct *child, unsigned long data)
{
	unsigned long f;

	if (data & ~(unsigned long)PTRACE_O_MASK)
		return -EINVAL;
	if (data & PTRACE_O_SUSPEND_SECCOMP)
		return -EINVAL;		/* as seize_flags() */
	f = write_lock_irqsave(&tasklist_lock);
	child->ptrace &= ~(PTRACE_O_MASK << PT_OPT_FLAG_SHIFT);
	child->ptrace |= data << PT_OPT_FLAG_SHIFT;
	write_unlock_irqrestore(&tasklist_lock, f);
	return 0;
}

static long ptrace_getsiginfo(struct task_struct *child, void __user *data)
{
	siginfo_t info;

	if (!child->last_siginfo)
		return -EINVAL;
	info = *child->last_siginfo;
	return copy_to_user(data, &info, sizeof(info)) ? -EFAULT : 0;
}

static long ptrace_setsiginfo(struct task_struct *child,
			      const void __user *data)
{
	siginfo_t info;

	if (copy_from_user(&info, data, sizeof(info)))
		return -EFAULT;
	if (!child->last_siginfo)
		return -EINVAL;
	*child->last_siginfo = info;
	return 0;
}

/* PTRACE_INTERRUPT: a SEIZEd tracee traps with PTRACE_EVENT_STOP as
 * soon as it can (an interruptible sleep or a LISTEN is cut short). */
static long ptrace_interrupt(struct task_struct *child)
{
	unsigned long f;

	if (!(child->ptrace & PT_SEIZED))
		return -EIO;
	if (!lock_task_sighand(child, &f))
		return -ESRCH;
	child->jobctl |= JOBCTL_TRAP_STOP;
	if (child->jobctl & JOBCTL_LISTENING)
		wake_up_state(child, __TASK_TRACED);
	else
		wake_up_state(child, TASK_INTERRUPTIBLE);
	unlock_task_sighand(child, &f);
	return 0;
}

/*
 * PTRACE_LISTEN: a SEIZEd tracee in a PTRACE_EVENT_STOP stays stopped
 * but leaves the ptrace stop: wait no longer reports it and the
 * requests other than KILL and INTERRUPT see ESRCH until it re-traps
 * (the group stop changes: ptrace_trap_notify(), or INTERRUPT). -EIO
 * elsewhere, as Linux.
 */
static long ptrace_listen(struct task_struct *child)
{
	unsigned long f;
	long ret = -EIO;

	if (!(child->ptrace & PT_SEIZED))
		return -EIO;
	if (!lock_task_sighand(child, &f))
		return -ESRCH;
	if (child->last_siginfo &&
	    (child->last_siginfo->si_code >> 8) == PTRACE_EVENT_STOP) {
		child->jobctl |= JOBCTL_LISTENING;
		/* The group stop changed since the trap: report it. */
		if (child->jobctl & JOBCTL_TRAP_NOTIFY)
			wake_up_state(child, __TASK_TRACED);
		ret = 0;
	}
	unlock_task_sighand(child, &f);
	return ret;
}

/* PTRACE_GETSIGMASK: the mask a sigsuspend-like call will restore, if
 * one is in progress, else the blocked mask; addr is the set's size. */
static long ptrace_getsigmask(struct task_struct *child, unsigned long size,
			      sigset_t __user *data)
{
	sigset_t mask;
	unsigned long f;

	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (!lock_task_sighand(child, &f))
		return -ESRCH;
	mask = child->restore_sigmask ? child->saved_sigmask : child->blocked;
	unlock_task_sighand(child, &f);
	return copy_to_user(data, &mask, sizeof(mask)) ? -EFAULT : 0;
}

/* PTRACE_SETSIGMASK: a new blocked mask (never SIGKILL or SIGSTOP);
 * a pending sigsuspend-like restore is dropped. */
static long ptrace_setsigmask(struct task_struct *child, unsigned long size,
			      const sigset_t __user *data)
{
	sigset_t mask;
	unsigned long f;

	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, data, sizeof(mask)))
		return -EFAULT;
	sigdelset(&mask, SIGKILL);
	sigdelset(&mask, SIGSTOP);
	if (!lock_task_sighand(child, &f))
		return -ESRCH;
	child->blocked = mask;
	child->restore_sigmask = false;
	unlock_task_sighand(child, &f);
	return 0;
}

/* PEEKTEXT/PEEKDATA store the word at *data; POKE writes data. */
static long ptrace_peek(struct task_struct *child, unsigned long addr,
			unsigned long data)
{
	unsigned long tmp;

	if (access_process_vm(child, addr, &tmp, sizeof(tmp), 0) != sizeof(tmp))
		return -EIO;
	return put_user(tmp, (unsigned long __user *)data);
}

static long ptrace_poke(struct task_struct *child, unsigned long addr,
			unsigned long data)
{
	if (access_process_vm(child, addr, &data, sizeof(data), 1) !=
	    sizeof(data))
		return -EIO;
	return 0;
}

/* The requests on a child current traces (stopped, except KILL and
 * INTERRUPT). -EIO for unknown ones, as Linux. */
static long ptrace_request(struct task_struct *child, long request,
			   unsigned long addr, unsigned long data)
{
	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
		return ptrace_peek(child, addr, data);
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
		return ptrace_poke(child, addr, data);
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
	case PTRACE_SINGLEBLOCK:
	case PTRACE_SYSEMU:
	case PTRACE_SYSEMU_SINGLESTEP:
		return ptrace_resume(child, request, data);
	case PTRACE_DETACH:
		return ptrace_detach(child, data);
	case PTRACE_KILL:
		send_sig_info(SIGKILL, NULL, child);
		return 0;
	case PTRACE_INTERRUPT:
		return ptrace_interrupt(child);
	case PTRACE_LISTEN:
		return ptrace_listen(child);
	case PTRACE_GETSIGMASK:
		return ptrace_getsigmask(child, addr, (sigset_t __user *)data);
	case PTRACE_SETSIGMASK:
		return ptrace_setsigmask(child, addr,
					 (const sigset_t __user *)data);
	case PTRACE_SECCOMP_GET_FILTER:
	case PTRACE_SECCOMP_GET_METADATA:
		return -EINVAL;		/* no seccomp: Linux !CONFIG_SECCOMP */
	case PTRACE_SETOPTIONS:
		return ptrace_setoptions(child, data);
	case PTRACE_GETEVENTMSG:
		return put_user(child->ptrace_message,
				(unsigned long __user *)data);
	case PTRACE_GETSIGINFO:
		return ptrace_getsiginfo(child, (void __user *)data);
	case PTRACE_SETSIGINFO:
		return ptrace_setsiginfo(child, (const void __user *)data);
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		return ptrace_regset(child, request, addr,
				     (struct iovec __user *)data);
	case PTRACE_GET_SYSCALL_INFO:
		return ptrace_get_syscall_info(child, addr, (void __user *)data);
	case PTRACE_PEEKSIGINFO:
		return ptrace_peeksiginfo(child, (const void __user *)addr,
					  (siginfo_t __user *)data);
	default:
		return arch_ptrace_user(child, request, addr, data);
	}
}

static long sys_ptrace(long request, long pid, unsigned long addr,
		       unsigned long data)
{
	struct task_struct *child;
	long ret;

	if (request == PTRACE_TRACEME)
		return ptrace_traceme();
	if (pid <= 0 || pid != (pid_t)pid)
		return -ESRCH;
	child = find_get_task_by_vpid(pid);
	if (!child)
		return -ESRCH;
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE) {
		ret = ptrace_attach(child, request, addr, data);
	} else {
		ret = ptrace_check_attach(child, request == PTRACE_KILL ||
					  request == PTRACE_INTERRUPT);
		if (!ret)
			ret = ptrace_request(child, request, addr, data);
	}
	put_task_struct(child);
	return ret;
}
SYSCALL_ENTRY(ptrace, sys_ptrace);
