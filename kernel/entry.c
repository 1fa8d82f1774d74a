/*
 * The work due on every return to user mode: reschedule if the tick
 * asked, deliver signals. Loops until nothing is left, then returns
 * with interrupts off so nothing new can slip in before the iret or
 * sysret.
 */
#include <asm/arch.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <tine/posix-timers.h>
#include <tine/ptrace.h>
#include <tine/rseq.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/syscall.h>
#include <tine/vtime.h>

/* A syscall's restart code still in ax (see syscall_restart_code). */
static bool restart_pending(const struct pt_regs *regs)
{
	return (long)regs->orig_ax >= 0 && syscall_restart_code(regs->ax);
}

static void exit_to_user_mode_loop(struct pt_regs *regs)
{
	local_irq_disable();
	if (likely(!exit_to_user_work(current) && !restart_pending(regs)))
		return;
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			schedule();
			continue;
		}
		if (signal_pending(current) || current->restore_sigmask ||
		    restart_pending(regs)) {
			local_irq_enable();
			arch_do_signal_or_restart(regs);
			continue;
		}
		if (current->rseq_pending) {
			current->rseq_pending = false;
			local_irq_enable();
			rseq_handle_notify_resume(regs, 0);
			continue;
		}
		break;
	}
}

/* syscall_exit_to_user_mode - see syscall.h (syscall-exit work first). */
void syscall_exit_to_user_mode(struct pt_regs *regs)
{
	/* Syscall-exit-stop (PTRACE_SYSCALL) or a single-step trap. */
	if (unlikely(current->syscall_work))
		syscall_exit_work(regs);
	exit_to_user_mode_loop(regs);
	exit_to_user_mode();
}

/* irqentry_exit_to_user_mode - the same work on the way back to user
 * mode from an interrupt or exception; returns with interrupts off. */
void irqentry_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_loop(regs);
	exit_to_user_mode();
}
