/*
 * Signal delivery on x86-64: what an interrupted syscall returns (or
 * whether it restarts), the rt_sigframe a handler runs on, in Linux's
 * layout so that libc, unwinders and debuggers can read it, and
 * rt_sigreturn, which undoes it.
 *
 * The user FPU state is live in the CPU while current is in the kernel
 * (the kernel itself never touches x87/SSE; __switch_to saves it only
 * when switching away), so the frame takes it with fxsave64 and
 * rt_sigreturn puts it back with fxrstor64.
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <tine/rseq.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define RED_ZONE 128			/* below user rsp, off limits */
#define FXSAVE_SIZE 512
#define FXSAVE_MXCSR 24			/* offsets in the FXSAVE image */
#define FXSAVE_MXCSR_MASK 28
#define FXSAVE_SW_RESERVED 464		/* 48 bytes software may use */

/* The arithmetic and control flags user code may set by sigreturn. */
#define FIX_EFLAGS                                                      \
	(0x1 /* CF */ | 0x4 /* PF */ | 0x10 /* AF */ | 0x40 /* ZF */ |  \
	 0x80 /* SF */ | X86_EFLAGS_TF | X86_EFLAGS_DF | 0x800 /* OF */ | \
	 0x10000 /* RF */ | X86_EFLAGS_AC)

BUILD_BUG_ON(sizeof(struct sigcontext) != 256);
BUILD_BUG_ON(sizeof(struct ucontext) != 304);
BUILD_BUG_ON(sizeof(struct rt_sigframe) != 440);
BUILD_BUG_ON(sizeof(siginfo_t) != 128);

static u32 mxcsr_feature_mask;		/* MXCSR bits this CPU accepts */

/*
 * An FXSAVE buffer on the kernel stack. fxsave needs 16-byte alignment
 * and the stack is not guaranteed to have it (entry leaves it 8 off),
 * so align by hand rather than trust an aligned(16) local.
 */
struct fx_buf {
	u8 raw[FXSAVE_SIZE + 15];
};

static void *fx_area(struct fx_buf *b)
{
	return (void *)ALIGN_UP((unsigned long)b->raw, 16);
}

static void fxsave(void *area)
{
	__asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
}

/* Where the frame goes: below the red zone, or atop the altstack. */
static unsigned long get_sigframe(struct ksignal *ksig, struct pt_regs *regs,
				  unsigned long *fpstate)
{
	unsigned long sp = regs->sp - RED_ZONE;
	bool nested = on_sig_stack(regs->sp), entering = false;

	if ((ksig->ka.flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		entering = true;
	}
	sp = ALIGN_DOWN(sp - FXSAVE_SIZE, 64);
	*fpstate = sp;
	sp -= sizeof(struct rt_sigframe);
	sp = ALIGN_DOWN(sp, 16) - 8;	/* as if just called */
	/* Overflowing the alternate stack: fail, the process gets SIGSEGV. */
	if ((nested || entering) && !__on_sig_stack(sp))
		return -1UL;
	return sp;
}

static void fill_sigcontext(struct sigcontext *sc, struct pt_regs *regs,
			    const sigset_t *mask, unsigned long fpstate)
{
	struct thread_struct *th = &current->thread;

	sc->r8 = regs->r8;
	sc->r9 = regs->r9;
	sc->r10 = regs->r10;
	sc->r11 = regs->r11;
	sc->r12 = regs->r12;
	sc->r13 = regs->r13;
	sc->r14 = regs->r14;
	sc->r15 = regs->r15;
	sc->rdi = regs->di;
	sc->rsi = regs->si;
	sc->rbp = regs->bp;
	sc->rbx = regs->bx;
	sc->rdx = regs->dx;
	sc->rax = regs->ax;
	sc->rcx = regs->cx;
	sc->rsp = regs->sp;
	sc->rip = regs->ip;
	sc->eflags = regs->flags;
	sc->cs = regs->cs;
	sc->ss = regs->ss;
	sc->trapno = th->trap_nr;
	sc->err = th->error_code;
	sc->cr2 = th->cr2;
	sc->oldmask = mask->sig[0];
	sc->fpstate = fpstate;
}

/* Copy the live FPU state to the user frame at fpstate. */
static int save_fpu_to_user(unsigned long fpstate)
{
	struct fx_buf b;
	void *fx = fx_area(&b);

	memset(fx, 0, FXSAVE_SIZE);	/* sw_reserved: no xstate follows */
	fxsave(fx);
	return copy_to_user((void __user *)fpstate, fx, FXSAVE_SIZE) ?
		       -EFAULT : 0;
}

/* A handler starts with a clean FPU, as after exec. */
static void fpu_reset_user_state(void)
{
	unsigned long f = local_irq_save();

	fpu_init_state(current);
	local_irq_restore(f);
}

static u32 get_mxcsr_feature_mask(void)
{
	if (!mxcsr_feature_mask) {
		struct fx_buf b;
		u8 *fx = fx_area(&b);
		u32 mask;

		memset(fx, 0, FXSAVE_SIZE);
		fxsave(fx);
		memcpy(&mask, fx + FXSAVE_MXCSR_MASK, 4);
		mxcsr_feature_mask = mask ? mask : 0xffbf;
	}
	return mxcsr_feature_mask;
}

/* Load the FPU state from the frame; NULL means a clean one. */
static int restore_fpu_from_user(unsigned long fpstate)
{
	struct fx_buf b;
	u8 *fx = fx_area(&b);
	unsigned long f;
	u32 mxcsr;

	if (!fpstate) {
		fpu_reset_user_state();
		return 0;
	}
	if (copy_from_user(fx, (void __user *)fpstate, FXSAVE_SIZE))
		return -EFAULT;
	memcpy(&mxcsr, fx + FXSAVE_MXCSR, 4);
	if (mxcsr & ~get_mxcsr_feature_mask())
		return -EINVAL;	/* fxrstor would #GP */
	f = local_irq_save();
	__asm__ volatile("fxrstor64 (%0)" ::"r"(fx) : "memory");
	local_irq_restore(f);
	return 0;
}

/*
 * Build the frame for ksig on the user stack and point the registers
 * at the handler: handler(sig, &frame->info, &frame->uc), returning to
 * the libc restorer. Returns 0 or -EFAULT.
 */
static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct rt_sigframe frame;
	unsigned long fpstate, sp = get_sigframe(ksig, regs, &fpstate);
	struct rt_sigframe __user *uframe = (void __user *)sp;
	sigset_t *mask = sigmask_to_save();

	if (sp == -1UL || !(ksig->ka.flags & SA_RESTORER))
		return -EFAULT;
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ksig->ka.restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack.ss_sp = (void *)t->sas_ss_sp;
	frame.uc.uc_stack.ss_size = t->sas_ss_size;
	frame.uc.uc_stack.ss_flags = t->sas_ss_size ? (int)t->sas_ss_flags :
						      SS_DISABLE;
	fill_sigcontext(&frame.uc.uc_mcontext, regs, mask, fpstate);
	frame.uc.uc_sigmask = *mask;
	if (ksig->ka.flags & SA_SIGINFO)
		frame.info = ksig->info;
	if (save_fpu_to_user(fpstate) ||
	    copy_to_user(uframe, &frame, sizeof(frame)))
		return -EFAULT;

	regs->di = ksig->sig;
	regs->si = (unsigned long)&uframe->info;
	regs->dx = (unsigned long)&uframe->uc;
	regs->ax = 0;		/* for handlers declared without prototype */
	regs->ip = (unsigned long)ksig->ka.handler;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	return 0;
}

/*
 * A syscall interrupted by a signal with a handler: -EINTR, or run it
 * again after the handler (SA_RESTART, or -ERESTARTNOINTR).
 */
static void syscall_restart_for_handler(struct pt_regs *regs,
					struct ksignal *ksig)
{
	if ((long)regs->orig_ax < 0)
		return;
	switch ((long)regs->ax) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		regs->ax = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ksig->ka.flags & SA_RESTART)) {
			regs->ax = -EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		regs->ax = regs->orig_ax;
		regs->ip -= 2;	/* the syscall instruction again */
		break;
	}
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	int failed;

	syscall_restart_for_handler(regs, ksig);
	/* The frame saves where the thread resumes: out of an rseq
	 * critical section, at its abort handler. */
	if (current->rseq)
		rseq_handle_notify_resume(regs, ksig->sig);
	failed = setup_rt_frame(ksig, regs);
	if (!failed) {
		/* The ABI's function entry: DF clear; no stray traps. */
		regs->flags &= ~(X86_EFLAGS_DF | 0x10000 | X86_EFLAGS_TF);
		fpu_reset_user_state();
	}
	signal_setup_done(failed, ksig);
}

/*
 * arch_do_signal_or_restart - on the way out to user mode with a
 * signal pending (or a mask to restore): run default actions, set up
 * one handler, or, with none to run, restart the interrupted syscall.
 * Interrupts on; may sleep (stop) or not return (exit).
 */
void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	if ((long)regs->orig_ax >= 0) {
		switch ((long)regs->ax) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->ax = __NR_restart_syscall;
			regs->ip -= 2;
			break;
		}
	}
	restore_saved_sigmask();
}

static bool is_canonical(unsigned long a)
{
	return (long)(a << 16) >> 16 == (long)a;
}

/* Load the registers saved in sc. 0, or -errno for a bad frame. */
static int restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc)
{
	struct restart_block *rb = task_restart_block(current);

	if (rb)
		rb->fn = do_no_restart_syscall;
	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->di = sc->rdi;
	regs->si = sc->rsi;
	regs->bp = sc->rbp;
	regs->bx = sc->rbx;
	regs->dx = sc->rdx;
	regs->ax = sc->rax;
	regs->cx = sc->rcx;
	regs->sp = sc->rsp;
	regs->ip = sc->rip;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	/* Only 64-bit user mode: an iret to anything else could fault. */
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->orig_ax = -1;	/* no syscall restart on this return */
	return restore_fpu_from_user(sc->fpstate);
}

/*
 * rt_sigreturn - the handler returned into the restorer: rsp points
 * just past the frame's pretcode. Restores mask, registers, FPU and
 * altstack; a bad frame gets SIGSEGV. Returns the restored rax; the
 * caller must go back through iret with regs as they are now.
 */
static long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe __user *frame =
		(void __user *)(regs->sp - sizeof(long));
	struct ucontext uc;

	if (copy_from_user(&uc, &frame->uc, sizeof(uc)))
		goto badframe;
	set_current_blocked(&uc.uc_sigmask);
	if (restore_sigcontext(regs, &uc.uc_mcontext))
		goto badframe;
	/* Errors other than EFAULT are ignored, as Linux does. */
	do_sigaltstack(&uc.uc_stack, NULL, regs->sp);
	/* iret cannot return to a non-canonical rip: Linux's SIGSEGV. */
	if (!is_canonical(regs->ip))
		force_sig(SIGSEGV);
	return regs->ax;

badframe:
	force_sig(SIGSEGV);
	return 0;
}
SYSCALL_ENTRY(rt_sigreturn, sys_rt_sigreturn);
