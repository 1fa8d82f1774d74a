/*
 * The signal system calls: actions and masks, waiting for signals, the
 * alternate stack, restart_syscall, and sending (kill, tkill, tgkill,
 * rt_sigqueueinfo). The machinery they use is in kernel/signal.c.
 */
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#include "signal_internal.h"

/* ---- restart_syscall ---- */

/*
 * do_no_restart_syscall - the restart_block fn when nothing is to be
 * restarted: restart_syscall(2) then fails with EINTR, as Linux.
 */
long do_no_restart_syscall(struct restart_block *rb)
{
	return -EINTR;
}

static long sys_restart_syscall(void)
{
	struct restart_block *rb = task_restart_block(current);

	return rb && rb->fn ? rb->fn(rb) : -EINTR;
}
SYSCALL_ENTRY(restart_syscall, sys_restart_syscall);

/* ---- syscalls: actions and masks ---- */

static long sys_rt_sigaction(int sig, const struct k_sigaction_user __user *act,
			     struct k_sigaction_user __user *oact,
			     size_t sigsetsize)
{
	struct k_sigaction new, old;
	int ret;

	BUILD_BUG_ON(sizeof(struct k_sigaction) !=
		     sizeof(struct k_sigaction_user));
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (!ret && oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}
SYSCALL_ENTRY(rt_sigaction, sys_rt_sigaction);

static long sys_rt_sigprocmask(int how, const sigset_t __user *nset,
			       sigset_t __user *oset, size_t sigsetsize)
{
	sigset_t old = current->blocked, set, new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			sigorsets(&new, &old, &set);
			break;
		case SIG_UNBLOCK:
			sigandnsets(&new, &old, &set);
			break;
		case SIG_SETMASK:
			new = set;
			break;
		default:
			return -EINVAL;
		}
		set_current_blocked(&new);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(rt_sigprocmask, sys_rt_sigprocmask);

static long sys_rt_sigpending(sigset_t __user *uset, size_t sigsetsize)
{
	struct task_struct *t = current;
	unsigned long f;
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	f = spin_lock_irqsave(&t->sighand->siglock);
	sigorsets(&set, &t->pending.signal, &t->signal->shared_pending.signal);
	set.sig[0] &= t->blocked.sig[0];
	spin_unlock_irqrestore(&t->sighand->siglock, f);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}
SYSCALL_ENTRY(rt_sigpending, sys_rt_sigpending);

/* Sleep until a signal is pending (the handler runs on the way out). */
static void wait_for_signal(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

static long sys_pause(void)
{
	wait_for_signal();
	return -ERESTARTNOHAND;
}
SYSCALL_ENTRY(pause, sys_pause);

/*
 * Wait with a temporary mask. The old mask is put back once the
 * handler's frame has saved it (or at once if no handler runs).
 */
static long sys_rt_sigsuspend(const sigset_t __user *unewset,
			      size_t sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&newset);
	wait_for_signal();
	current->restore_sigmask = true;
	return -ERESTARTNOHAND;
}
SYSCALL_ENTRY(rt_sigsuspend, sys_rt_sigsuspend);

/*
 * Take a signal of `which` off the queues, waiting up to ts (NULL:
 * forever) with those signals unblocked so that they wake us. Returns
 * the signal, -EAGAIN on timeout, -EINTR if another signal came.
 */
static long do_sigtimedwait(const sigset_t *which, siginfo_t *info,
			    const struct timespec_k *ts)
{
	struct task_struct *t = current;
	sigset_t mask = *which;
	u64 until = 0;
	long left = 0;		/* > 0: woken before the timeout */
	unsigned long f;
	int sig;

	if (ts) {
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
		    ts->tv_nsec >= 1000000000L)
			return -EINVAL;
		/* Beyond ~30 years is forever. */
		if (ts->tv_sec < 1000000000L)
			until = ktime_get_ns() + ts->tv_sec * 1000000000ULL +
				ts->tv_nsec;
	}
	mask.sig[0] = ~(mask.sig[0] & ~SIG_KERNEL_ONLY_MASK);
	f = spin_lock_irqsave(&t->sighand->siglock);
	sig = dequeue_signal(t, &mask, info);
	if (!sig && (!ts || ts->tv_sec || ts->tv_nsec)) {
		t->real_blocked = t->blocked;
		t->blocked.sig[0] &= mask.sig[0];
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&t->sighand->siglock, f);
		if (signal_pending(t)) {
			left = 1;
		} else if (until) {
			left = schedule_timeout(until);
		} else {
			schedule();
			left = 1;
		}
		set_current_state(TASK_RUNNING);
		f = spin_lock_irqsave(&t->sighand->siglock);
		t->blocked = t->real_blocked;
		sigemptyset(&t->real_blocked);
		sig = dequeue_signal(t, &mask, info);
	}
	spin_unlock_irqrestore(&t->sighand->siglock, f);
	if (sig)
		return sig;
	return left > 0 ? -EINTR : -EAGAIN;
}

static long sys_rt_sigtimedwait(const sigset_t __user *uthese,
				siginfo_t __user *uinfo,
				const struct timespec_k __user *uts,
				size_t sigsetsize)
{
	struct timespec_k ts;
	sigset_t these;
	siginfo_t info;
	long ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts && copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	ret = do_sigtimedwait(&these, &info, uts ? &ts : NULL);
	if (ret > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		ret = -EFAULT;
	return ret;
}
SYSCALL_ENTRY(rt_sigtimedwait, sys_rt_sigtimedwait);

static long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL,
			     task_pt_regs(current)->sp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}
SYSCALL_ENTRY(sigaltstack, sys_sigaltstack);

/* ---- syscalls: sending ---- */

/* To the process with (thread) id pid, in the caller's namespace. */
static int kill_proc_info(int sig, siginfo_t *info, pid_t pid)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *p = find_task_by_vpid(pid);
	int ret = p ? group_send_sig_info(sig, info, p) : -ESRCH;

	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

/* kill(-1): every process but init and ourselves. tasklist_lock held. */
static int kill_every_process(int sig, siginfo_t *info)
{
	struct task_struct *p;
	int ret = 0, count = 0;

	assert_rwlock_held(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks) {
		int err;

		if (!thread_group_leader(p) || task_pid_vnr(p) <= 1 ||
		    same_thread_group(p, current) || p->exit_state == EXIT_DEAD)
			continue;
		err = group_send_sig_info_many(sig, info, p);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

static int kill_something_info(int sig, siginfo_t *info, pid_t pid)
{
	unsigned long f;
	int ret;

	if (pid > 0)
		return kill_proc_info(sig, info, pid);
	if (pid == INT32_MIN)	/* -INT_MIN does not exist */
		return -ESRCH;
	f = read_lock_irqsave(&tasklist_lock);
	if (pid == -1)
		ret = kill_every_process(sig, info);
	else
		ret = __kill_pgrp_info(pid ? find_vpid(-pid) : task_pgrp(current),
				       sig, info);
	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

static long sys_kill(pid_t pid, int sig)
{
	siginfo_t info;

	fill_user_info(&info, sig, SI_USER);
	return kill_something_info(sig, &info, pid);
}
SYSCALL_ENTRY(kill, sys_kill);

/* To one thread pid, which must be in process tgid (if tgid > 0). */
static int do_send_specific(pid_t tgid, pid_t pid, int sig, siginfo_t *info)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *p = find_task_by_vpid(pid);
	int ret = -ESRCH;

	if (p && (tgid <= 0 || task_tgid_vnr(p) == tgid)) {
		ret = check_kill_permission(sig, info, p);
		/* A thread that died meanwhile got it, as far as we know. */
		if (!ret && sig && do_send_sig_info(sig, info, p, false) ==
					   -EAGAIN)
			ret = -EAGAIN;
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

static long sys_tgkill(pid_t tgid, pid_t pid, int sig)
{
	siginfo_t info;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	fill_user_info(&info, sig, SI_TKILL);
	return do_send_specific(tgid, pid, sig, &info);
}
SYSCALL_ENTRY(tgkill, sys_tgkill);

static long sys_tkill(pid_t pid, int sig)
{
	siginfo_t info;

	if (pid <= 0)
		return -EINVAL;
	fill_user_info(&info, sig, SI_TKILL);
	return do_send_specific(0, pid, sig, &info);
}
SYSCALL_ENTRY(tkill, sys_tkill);

/*
 * sigqueue's info from user space. Nobody may pretend to be the kernel
 * or kill()/tkill() (si_code >= 0, SI_TKILL) towards someone else.
 */
static int copy_queue_info(siginfo_t *info, const siginfo_t __user *uinfo,
			   int sig, pid_t pid)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	info->si_signo = sig;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) &&
	    task_pid_vnr(current) != pid)
		return -EPERM;
	return 0;
}

static long sys_rt_sigqueueinfo(pid_t pid, int sig, siginfo_t __user *uinfo)
{
	siginfo_t info;
	int err = copy_queue_info(&info, uinfo, sig, pid);

	return err ? err : kill_proc_info(sig, &info, pid);
}
SYSCALL_ENTRY(rt_sigqueueinfo, sys_rt_sigqueueinfo);

static long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t pid, int sig,
				  siginfo_t __user *uinfo)
{
	siginfo_t info;
	int err;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	err = copy_queue_info(&info, uinfo, sig, pid);
	return err ? err : do_send_specific(tgid, pid, sig, &info);
}
SYSCALL_ENTRY(rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo);
