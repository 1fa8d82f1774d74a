/*
 * Hardware breakpoints and watchpoints for ptrace (Linux 6.1's view of
 * them through PTRACE_PEEKUSER/POKEUSER of u_debugreg): a tracer writes
 * addresses into DR0-DR3 and enables them in DR7 (type: execute, write,
 * read/write; length 1, 2, 4 or 8, the address aligned to it). While
 * the tracee runs its CPU's debug registers hold them; a hit in user
 * mode is a SIGTRAP with si_code TRAP_HWBKPT at the instruction (after
 * it for a watchpoint), and the tracer reads which one in DR6 (as
 * Linux, a virtual DR6: the hit bits and single-step's BS). A
 * watchpoint the kernel trips while copying to or from user memory is
 * only noted in that DR6, as Linux does.
 *
 * The state is the thread's own (thread.debugreg[], ptrace_dr7,
 * virtual_dr6), written by the tracer while the tracee is stopped;
 * __switch_to() loads it. It is not inherited by fork and exec clears
 * it.
 */
#include <asm/processor.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <uapi/errno.h>

#define HBP_NUM 4
#define DR_TRAP_BITS 0xfUL		/* DR6: B0-B3 */
#define DR_STEP (1UL << 14)		/* DR6: BS, single-step */
#define DR6_RESERVED 0xffff0ff0UL	/* what DR6 reads when clear */
#define DR_ENABLE_BITS 0xffUL		/* DR7: L0/G0 ... L3/G3 */
#define DR_CONTROL_SHIFT 16		/* DR7: RW0, LEN0 at 16, 18... */
#define DR_CONTROL_RESERVED 0x0000d800UL
#define DR_RW_EXECUTE 0
#define DR_RW_IO 2
#define DR_LEN_8 2			/* the LEN encoding of 8 bytes */
#define X86_EFLAGS_RF (1UL << 16)

#define set_debugreg(v, n) __asm__ volatile("mov %0, %%db" #n ::"r"(v))
#define get_debugreg(v, n) __asm__ volatile("mov %%db" #n ", %0" : "=r"(v))

static bool dr7_enabled(unsigned long dr7, int i)
{
	return (dr7 >> (i * 2)) & 3;
}

static unsigned int dr7_type(unsigned long dr7, int i)
{
	return (dr7 >> (DR_CONTROL_SHIFT + i * 4)) & 3;
}

/* Bytes a breakpoint covers from its DR7 LEN field. */
static unsigned long dr7_len(unsigned long dr7, int i)
{
	unsigned int enc = (dr7 >> (DR_CONTROL_SHIFT + i * 4 + 2)) & 3;

	return enc == DR_LEN_8 ? 8 : enc + 1;
}

/* Could breakpoint i of dr7 (with address addr) be armed? 0 or -EINVAL
 * (Linux's arch_build_bp_info and hw_breakpoint_arch_parse rules). */
static int check_breakpoint(unsigned long dr7, int i, unsigned long addr)
{
	unsigned int type = dr7_type(dr7, i);
	unsigned long len = dr7_len(dr7, i);

	if (!dr7_enabled(dr7, i))
		return 0;
	if (type == DR_RW_IO)
		return -EINVAL;
	if (type == DR_RW_EXECUTE && len != 1)
		return -EINVAL;
	if ((addr & (len - 1)) || addr >= TASK_SIZE - len + 1)
		return -EINVAL;
	return 0;
}

/* ptrace_get_debugreg - see tine/ptrace.h. */
unsigned long ptrace_get_debugreg(struct task_struct *t, int n)
{
	if (n < HBP_NUM)
		return t->thread.debugreg[n];
	if (n == 6)
		return t->thread.virtual_dr6;
	if (n == 7)
		return t->thread.ptrace_dr7;
	return 0;
}

/* ptrace_set_debugreg - see tine/ptrace.h. */
int ptrace_set_debugreg(struct task_struct *t, int n, unsigned long val)
{
	struct thread_struct *th = &t->thread;
	int err;

	if (n < HBP_NUM) {
		err = check_breakpoint(th->ptrace_dr7, n, val);
		if (!err)
			th->debugreg[n] = val;
		return err;
	}
	if (n == 6) {
		th->virtual_dr6 = val;
		return 0;
	}
	if (n != 7)
		return -EIO;
	val &= ~DR_CONTROL_RESERVED;
	for (int i = 0; i < HBP_NUM; i++) {
		err = check_breakpoint(val, i, th->debugreg[i]);
		if (err)
			return err;
	}
	th->ptrace_dr7 = val;
	return 0;
}

/* hw_breakpoint_flush - see tine/ptrace.h. */
void hw_breakpoint_flush(struct task_struct *t)
{
	for (int i = 0; i < HBP_NUM; i++)
		t->thread.debugreg[i] = 0;
	t->thread.ptrace_dr7 = 0;
	t->thread.virtual_dr6 = 0;
	if (t == current)
		set_debugreg(0UL, 7);
}

/*
 * hw_breakpoint_switch - from __switch_to(), interrupts off: arm next's
 * breakpoints on this CPU, or disarm prev's. Only the local-enable bits
 * go to DR7 (the breakpoints are per task).
 */
void hw_breakpoint_switch(struct task_struct *prev, struct task_struct *next)
{
	unsigned long dr7 = next->thread.ptrace_dr7 & ~DR_ENABLE_BITS;
	bool on = next->thread.ptrace_dr7 & DR_ENABLE_BITS;

	if (!on) {
		if (prev->thread.ptrace_dr7 & DR_ENABLE_BITS)
			set_debugreg(0UL, 7);
		return;
	}
	for (int i = 0; i < HBP_NUM; i++)
		if (dr7_enabled(next->thread.ptrace_dr7, i))
			dr7 |= 1UL << (i * 2);		/* Ln */
	set_debugreg(next->thread.debugreg[0], 0);
	set_debugreg(next->thread.debugreg[1], 1);
	set_debugreg(next->thread.debugreg[2], 2);
	set_debugreg(next->thread.debugreg[3], 3);
	set_debugreg(dr7, 7);
}

/*
 * hw_breakpoint_trap - a #DB: read and clear DR6, note the hits in the
 * virtual DR6. From user mode, returns the si_code of the SIGTRAP to
 * send (TRAP_TRACE for a single-step, TRAP_HWBKPT for a hit; an
 * execution breakpoint resumes with RF so it does not fire again), or 0
 * for none; from the kernel (a watchpoint on user memory the kernel
 * copied) returns 0 and only notes it, or -1 if the trap is not ours.
 * From user mode a #DB without hits or a step (icebp) is TRAP_BRKPT.
 */
int hw_breakpoint_trap(struct pt_regs *regs)
{
	struct thread_struct *th = &current->thread;
	unsigned long dr6, hits;

	get_debugreg(dr6, 6);
	set_debugreg(DR6_RESERVED, 6);
	hits = 0;
	for (int i = 0; i < HBP_NUM; i++)
		if ((dr6 & (1UL << i)) && dr7_enabled(th->ptrace_dr7, i))
			hits |= 1UL << i;
	if (!user_mode(regs)) {
		if (!hits)
			return -1;
		th->virtual_dr6 |= hits;
		return 0;
	}
	th->virtual_dr6 = (dr6 & DR_STEP) | hits;
	/* The CPU cleared DEBUGCTL.BTF as it raised the #DB. */
	current->syscall_work &= ~SYSCALL_WORK_BLOCKSTEP;
	for (int i = 0; i < HBP_NUM; i++)
		if ((hits & (1UL << i)) &&
		    dr7_type(th->ptrace_dr7, i) == DR_RW_EXECUTE)
			regs->flags |= X86_EFLAGS_RF;
	if (dr6 & DR_STEP)
		return TRAP_TRACE;
	return hits ? TRAP_HWBKPT : TRAP_BRKPT;	/* icebp */
}
