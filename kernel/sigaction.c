/*
 * A task's own signal state: the blocked mask (and the one sigsuspend
 * saved), the handlers (sigaction; reset by exec) and the alternate
 * signal stack. Split from signal.c; the syscalls are signal_sys.c's.
 *
 * Locks: the mask and handlers are [siglock].
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

static void __set_current_blocked(const sigset_t *newset)
{
	struct task_struct *t = current;
	unsigned long f = spin_lock_irqsave(&t->sighand->siglock);

	if (t->signal->nr_threads > 1) {
		sigset_t newly;

		sigandnsets(&newly, newset, &t->blocked);
		retarget_shared_pending(t, &newly);
	}
	t->blocked = *newset;
	spin_unlock_irqrestore(&t->sighand->siglock, f);
}

/* set_current_blocked - current's mask; SIGKILL/SIGSTOP stay open. */
void set_current_blocked(sigset_t *newset)
{
	newset->sig[0] &= ~SIG_KERNEL_ONLY_MASK;
	__set_current_blocked(newset);
}

/* The mask a handler's frame must restore: sigsuspend's saved one. */
sigset_t *sigmask_to_save(void)
{
	return current->restore_sigmask ? &current->saved_sigmask :
					  &current->blocked;
}

/* No handler ran: put back the mask sigsuspend (etc.) replaced. */
void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		__set_current_blocked(&current->saved_sigmask);
	}
}

/*
 * signal_setup_done - the arch code built (or failed to build) the
 * frame for ksig. On success block sa_mask and the signal itself
 * (unless SA_NODEFER); on failure the process gets SIGSEGV.
 */
void signal_setup_done(int failed, struct ksignal *ksig)
{
	sigset_t blocked;

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	current->restore_sigmask = false;
	sigorsets(&blocked, &current->blocked, &ksig->ka.mask);
	if (!(ksig->ka.flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
	if (current->sas_ss_flags & SS_AUTODISARM)
		sas_ss_reset(current);
}

/* Handlers. */

/*
 * flush_signal_handlers - for exec: every handler that is not SIG_IGN
 * (all of them if force_default) becomes SIG_DFL; flags, restorers and
 * masks are cleared. The caller owns t->sighand (unshared).
 */
void flush_signal_handlers(struct task_struct *t, bool force_default)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (force_default || ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = NULL;
		sigemptyset(&ka->mask);
	}
}

/* Set current's action for sig, dropping what it now ignores. */
int do_sigaction(int sig, struct k_sigaction *act,
			struct k_sigaction *oact)
{
	struct task_struct *p = current;
	struct k_sigaction *k;
	unsigned long f;
	sigset_t mask;

	if (!valid_signal(sig) || sig < 1 || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &p->sighand->action[sig - 1];
	f = spin_lock_irqsave(&p->sighand->siglock);
	if (oact) {
		*oact = *k;
		oact->flags &= UAPI_SA_FLAGS;
	}
	if (act) {
		act->flags &= UAPI_SA_FLAGS;
		act->mask.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
		*k = *act;
		/* POSIX: setting SIG_IGN discards it, even if blocked. */
		if (sig_handler_ignored(act->handler, sig)) {
			sigemptyset(&mask);
			sigaddset(&mask, sig);
			flush_group_sigqueue_mask(p, &mask);
		}
	}
	spin_unlock_irqrestore(&p->sighand->siglock, f);
	return 0;
}

/* kernel_sigaction - a kernel thread's handler: SIG_DFL or SIG_IGN. */
int kernel_sigaction(int sig, void *handler)
{
	struct k_sigaction ka = { .handler = handler };

	return do_sigaction(sig, &ka, NULL);
}

/* The alternate signal stack. */

/* Is sp inside the alternate stack (which grows down)? */
bool __on_sig_stack(unsigned long sp)
{
	struct task_struct *t = current;

	return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

/* ... and does that count (not with SS_AUTODISARM)? */
bool on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return __on_sig_stack(sp);
}

/* SS_DISABLE, SS_ONSTACK or 0, as sigaltstack reports it. */
int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* t has no alternate stack any more (exec, SS_AUTODISARM). */
void sas_ss_reset(struct task_struct *t)
{
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
}

/*
 * do_sigaltstack - report (oss) and set (ss) current's alternate stack;
 * sp is the user stack pointer. -EPERM while running on it, -EINVAL
 * for unknown flags, -ENOMEM below MINSIGSTKSZ.
 */
int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned long ss_sp = (unsigned long)ss->ss_sp;
		size_t ss_size = ss->ss_size;
		unsigned int ss_flags = ss->ss_flags, mode;

		if (on_sig_stack(sp))
			return -EPERM;
		mode = ss_flags & ~SS_FLAG_BITS;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ss_size = 0;
			ss_sp = 0;
		} else if (ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = ss_sp;
		t->sas_ss_size = ss_size;
		t->sas_ss_flags = ss_flags;
	}
	return 0;
}
