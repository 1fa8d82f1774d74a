/*
 * The architecture half of a task: its first kernel stack frame
 * (copy_thread), the user register state exec starts it with
 * (start_thread), and what a context switch saves and restores.
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/switch_to.h>
#include <tine/ptrace.h>
#include <tine/rseq.h>
#include <tine/clone.h>
#include <tine/mm_types.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

/* What switch_to_asm pops for a task that has never run. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret;
};

/*
 * copy_thread - the child's registers: a copy of the parent's user
 * registers with rax = 0 (fork returns 0 in the child), a new stack
 * pointer and TLS if asked; a kernel thread runs fn(arg) instead.
 */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct pt_regs *regs = task_pt_regs(p);
	struct fork_frame *frame = (struct fork_frame *)regs - 1;

	memset(frame, 0, sizeof(*frame));
	frame->ret = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)frame;
	if (args->fn) {
		memset(regs, 0, sizeof(*regs));
		frame->bx = (unsigned long)args->fn;
		frame->r12 = (unsigned long)args->fn_arg;
		p->thread.fsbase = 0;
		return 0;
	}
	*regs = *task_pt_regs(current);
	regs->ax = 0;
	if (args->stack)
		regs->sp = args->stack;
	if (args->flags & CLONE_SETTLS) {
		if (args->tls >= TASK_SIZE)
			return -EPERM;	/* Linux: non-canonical/kernel base */
		p->thread.fsbase = args->tls;
	} else {
		p->thread.fsbase = current->thread.fsbase;
	}
	hw_breakpoint_flush(p);		/* not inherited */
	rseq_fork(p, args->flags);
	/* The parent's live FPU state is the child's starting state. */
	__asm__ volatile("fxsave64 %0" : "=m"(p->thread.fpu));
	return 0;
}

/* A clean FPU: x87 control word 0x37f, MXCSR 0x1f80, as after exec. */
void fpu_init_state(struct task_struct *t)
{
	memset(&t->thread.fpu, 0, sizeof(t->thread.fpu));
	*(u16 *)&t->thread.fpu.fxsave[0] = 0x37f;
	*(u32 *)&t->thread.fpu.fxsave[24] = 0x1f80;
	*(u32 *)&t->thread.fpu.fxsave[28] = 0xffff;	/* MXCSR mask */
	if (t == current)
		__asm__ volatile("fxrstor64 %0" ::"m"(t->thread.fpu));
}

/* Registers for a freshly exec'd program. */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_IF | 0x2;
	regs->orig_ax = -1;
	hw_breakpoint_flush(current);
	rseq_execve(current);
	current->thread.fsbase = 0;
	current->thread.gsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	fpu_init_state(current);
}

/*
 * __switch_to - save prev's user state, load next's, switch stacks.
 * Called by schedule() with its CPU's rq->lock held and interrupts off
 * (lock-unchecked: the run queue is the scheduler's, not the arch's;
 * schedule() asserts it). Returns
 * the task we switched away from, as seen once we run again.
 */
struct task_struct *__switch_to(struct task_struct *prev,
				struct task_struct *next)
{
	if (prev->mm)
		__asm__ volatile("fxsave64 %0" : "=m"(prev->thread.fpu));
	if (next->mm) {
		__asm__ volatile("fxrstor64 %0" ::"m"(next->thread.fpu));
		switch_mm(next->mm);
		if (prev->thread.fsbase != next->thread.fsbase || !prev->mm)
			wrmsr(MSR_FS_BASE, next->thread.fsbase);
		if (prev->thread.gsbase != next->thread.gsbase || !prev->mm)
			wrmsr(MSR_KERNEL_GS_BASE, next->thread.gsbase);
	}
	hw_breakpoint_switch(prev, next);
	blockstep_switch(prev, next);
	if (prev->rseq)
		prev->rseq_pending = true;	/* kernel/rseq.c */
	set_kernel_stack((unsigned long)next->stack + KSTACK_SIZE);
	this_cpu_write(current_task, next);
	return switch_to_asm(prev, next);
}

/*
 * arch_prctl_set_fs - t's FS base (TLS) for ARCH_SET_FS; loaded into
 * the MSR at once if t is current. Returns 0, or -EPERM for an address
 * outside user space. t is current or stopped; does not sleep.
 */
long arch_prctl_set_fs(struct task_struct *t, unsigned long base)
{
	if (base >= TASK_SIZE)
		return -EPERM;
	t->thread.fsbase = base;
	if (t == current)
		wrmsr(MSR_FS_BASE, base);
	return 0;
}

/*
 * arch_get_random_long - a random number from the CPU (RDRAND) into *v.
 * False if the CPU has none, or it ran dry (RDRAND may fail; retried a
 * few times, as Intel advises). Any context.
 */
bool arch_get_random_long(unsigned long *v)
{
	u32 a, b, c, d;
	unsigned char ok = 0;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & (1U << 30)))
		return false;
	for (int i = 0; i < 10 && !ok; i++)
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/*
 * arch_prctl(2): the user FS and GS bases (x86-64 only). A base at or
 * above TASK_SIZE is EPERM, as Linux; other codes EINVAL.
 */
static long sys_arch_prctl(int code, unsigned long addr)
{
	struct task_struct *t = current;

	switch (code) {
	case ARCH_SET_FS:
		return arch_prctl_set_fs(t, addr);
	case ARCH_GET_FS:
		return put_user(t->thread.fsbase, (unsigned long __user *)addr);
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		t->thread.gsbase = addr;
		wrmsr(MSR_KERNEL_GS_BASE, addr);
		return 0;
	case ARCH_GET_GS:
		return put_user(t->thread.gsbase, (unsigned long __user *)addr);
	}
	return -EINVAL;
}
SYSCALL_ENTRY(arch_prctl, sys_arch_prctl);
