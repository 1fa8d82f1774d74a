/*
 * The architecture half of ptrace: a stopped tracee's registers as
 * struct user_regs_struct lays them out (pt_regs, then fs_base,
 * gs_base and the ds/es/fs/gs selectors), its FXSAVE image, the
 * PEEKUSR/POKEUSR view of struct user, and single-stepping with the
 * trap flag. The tracee is stopped and switched out whenever these
 * run, so its pt_regs and thread state are at rest.
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/coredump.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

/* Offsets into struct user_regs_struct past pt_regs. */
#define UR_FS_BASE 168
#define UR_GS_BASE 176
#define UR_DS 184
#define UR_ES 192
#define UR_FS 200
#define UR_GS 208

/* The kernel's struct user: registers first, the debug registers at
 * 848, then error_code and fault_address (libc's copies stop at 912). */
#define USER_DEBUGREG 848
#define USER_SIZE 928

/* The flags a tracer may change (Linux's FLAG_MASK). */
#define FLAG_MASK (0x1UL /* CF */ | 0x4 /* PF */ | 0x10 /* AF */ |	\
		   0x40 /* ZF */ | 0x80 /* SF */ | X86_EFLAGS_TF |	\
		   X86_EFLAGS_DF | 0x800 /* OF */ | 0x10000 /* RF */ |	\
		   X86_EFLAGS_AC)

static bool is_canonical(unsigned long a)
{
	return (long)(a << 16) >> 16 == (long)a;
}

/* A null selector or one with RPL 3. */
static bool invalid_selector(unsigned long v)
{
	return v != 0 && (v & 3) != 3;
}

/*
 * getreg - the word at offset (8-aligned, < 216) of child's
 * user_regs_struct. A TF we set for single-stepping is hidden, as
 * Linux does. tasklist_lock not needed: child is stopped.
 */
unsigned long getreg(struct task_struct *child, unsigned long offset)
{
	struct pt_regs *regs = task_pt_regs(child);

	switch (offset) {
	case UR_FS_BASE:
		return child->thread.fsbase;
	case UR_GS_BASE:
		return child->thread.gsbase;
	case UR_DS:
	case UR_ES:
	case UR_FS:
	case UR_GS:
		return 0;	/* a 64-bit task's data selectors are null */
	case PT_FLAGS:
		if (child->syscall_work & SYSCALL_WORK_FORCED_TF)
			return regs->flags & ~X86_EFLAGS_TF;
		return regs->flags;
	default:
		return *(unsigned long *)((char *)regs + offset);
	}
}

/* Only changeable flags change; a TF the tracer writes is its own. */
static void set_flags(struct task_struct *child, unsigned long value)
{
	struct pt_regs *regs = task_pt_regs(child);

	if (value & X86_EFLAGS_TF)
		child->syscall_work &= ~SYSCALL_WORK_FORCED_TF;
	else if (child->syscall_work & SYSCALL_WORK_FORCED_TF)
		value |= X86_EFLAGS_TF;
	regs->flags = (regs->flags & ~FLAG_MASK) | (value & FLAG_MASK);
}

/*
 * putreg - write one user_regs_struct word of stopped child. Returns 0
 * or -EIO for a value the tracee could not return to user mode with.
 * FIXME: Linux keeps the data selectors and any RPL-3 cs/ss; tine
 * returns through iret with only its own two, so it accepts those and
 * (for ds/es/fs/gs) drops the value.
 */
int putreg(struct task_struct *child, unsigned long offset,
	   unsigned long value)
{
	struct pt_regs *regs = task_pt_regs(child);

	switch (offset) {
	case UR_FS_BASE:
	case UR_GS_BASE:
		if (value >= TASK_SIZE)
			return -EIO;
		if (offset == UR_FS_BASE)
			child->thread.fsbase = value;
		else
			child->thread.gsbase = value;
		return 0;
	case UR_DS:
	case UR_ES:
	case UR_FS:
	case UR_GS:
		return invalid_selector(value) ? -EIO : 0;
	case PT_CS:
		return value == __USER_CS ? 0 : -EIO;
	case PT_SS:
		return value == __USER_DS ? 0 : -EIO;
	case PT_FLAGS:
		set_flags(child, value);
		return 0;
	case PT_RIP:
		/* iret to a non-canonical address faults in the kernel. */
		if (!is_canonical(value))
			return -EIO;
		regs->ip = value;
		return 0;
	default:
		*(unsigned long *)((char *)regs + offset) = value;
		return 0;
	}
}

/* PTRACE_GETFPREGS: the 512-byte FXSAVE image, saved at switch-out. */
int ptrace_getfpregs(struct task_struct *child, void __user *buf)
{
	return copy_to_user(buf, child->thread.fpu.fxsave, USER_FXSAVE_SIZE) ?
		       -EFAULT : 0;
}

/* PTRACE_SETFPREGS: MXCSR bits the CPU rejects would fault fxrstor. */
int ptrace_setfpregs(struct task_struct *child, const void __user *buf)
{
	u8 fx[USER_FXSAVE_SIZE];
	u32 mask = *(u32 *)&child->thread.fpu.fxsave[28];

	if (copy_from_user(fx, buf, sizeof(fx)))
		return -EFAULT;
	*(u32 *)&fx[24] &= mask ? mask : 0xffbf;
	*(u32 *)&fx[28] = mask;
	memcpy(child->thread.fpu.fxsave, fx, sizeof(fx));
	return 0;
}

static long peekusr(struct task_struct *child, unsigned long addr,
		    unsigned long __user *datap)
{
	unsigned long tmp = 0;

	if ((addr & 7) || addr >= USER_SIZE)
		return -EIO;
	if (addr < USER_REGS_WORDS * 8)
		tmp = getreg(child, addr);
	else if (addr >= USER_DEBUGREG && addr < USER_DEBUGREG + 64)
		tmp = ptrace_get_debugreg(child, (addr - USER_DEBUGREG) / 8);
	return put_user(tmp, datap);
}

static long pokeusr(struct task_struct *child, unsigned long addr,
		    unsigned long data)
{
	if ((addr & 7) || addr >= USER_SIZE)
		return -EIO;
	if (addr < USER_REGS_WORDS * 8)
		return putreg(child, addr, data);
	if (addr >= USER_DEBUGREG && addr < USER_DEBUGREG + 64)
		return ptrace_set_debugreg(child, (addr - USER_DEBUGREG) / 8,
					   data);
	return -EIO;
}

static long getregs(struct task_struct *child, unsigned long __user *datap)
{
	unsigned long regs[USER_REGS_WORDS];

	for (int i = 0; i < USER_REGS_WORDS; i++)
		regs[i] = getreg(child, i * 8);
	return copy_to_user(datap, regs, sizeof(regs)) ? -EFAULT : 0;
}

/* Each word through putreg, in order; the first refusal stops it. */
static long setregs(struct task_struct *child, unsigned long __user *datap)
{
	unsigned long regs[USER_REGS_WORDS];
	int err = 0;

	if (copy_from_user(regs, datap, sizeof(regs)))
		return -EFAULT;
	for (int i = 0; i < USER_REGS_WORDS && !err; i++)
		err = putreg(child, i * 8, regs[i]);
	return err;
}

/*
 * arch_ptrace_user - the requests on child's registers (child stopped
 * and traced by current). Returns -EIO for a request it does not know.
 */
long arch_ptrace_user(struct task_struct *child, long request,
		      unsigned long addr, unsigned long data)
{
	void __user *datap = (void __user *)data;

	switch (request) {
	case PTRACE_PEEKUSR:
		return peekusr(child, addr, datap);
	case PTRACE_POKEUSR:
		return pokeusr(child, addr, data);
	case PTRACE_GETREGS:
		return getregs(child, datap);
	case PTRACE_SETREGS:
		return setregs(child, datap);
	case PTRACE_GETFPREGS:
		return ptrace_getfpregs(child, datap);
	case PTRACE_SETFPREGS:
		return ptrace_setfpregs(child, datap);
	default:
		return -EIO;
	}
}

/* NT_PRSTATUS: user_regs_struct, whole words; a write goes word by
 * word through putreg(). */
static long gpr_regset(struct task_struct *child, bool set,
		       void __user *buf, size_t *len)
{
	unsigned long regs[USER_REGS_WORDS];
	size_t n;
	int err = 0;

	if (*len % sizeof(long))
		return -EINVAL;
	n = *len = MIN(*len, sizeof(regs));
	if (!set) {
		for (int i = 0; i < USER_REGS_WORDS; i++)
			regs[i] = getreg(child, i * 8);
		return copy_to_user(buf, regs, n) ? -EFAULT : 0;
	}
	if (copy_from_user(regs, buf, n))
		return -EFAULT;
	for (size_t i = 0; i < n / sizeof(long) && !err; i++)
		err = putreg(child, i * 8, regs[i]);
	return err;
}

/* NT_PRFPREG: the FXSAVE image; only whole writes, with an MXCSR the
 * CPU takes (else EINVAL, as Linux's xfpregs_set). */
static long fpr_regset(struct task_struct *child, bool set,
		       void __user *buf, size_t *len)
{
	u32 mask = *(u32 *)&child->thread.fpu.fxsave[28];
	u8 fx[USER_FXSAVE_SIZE];
	size_t n;

	if (*len % sizeof(long))
		return -EINVAL;
	n = *len = MIN(*len, sizeof(fx));
	if (!set)
		return copy_to_user(buf, child->thread.fpu.fxsave, n) ?
			       -EFAULT : 0;
	if (n != sizeof(fx))
		return -EINVAL;
	if (copy_from_user(fx, buf, sizeof(fx)))
		return -EFAULT;
	if (*(u32 *)&fx[24] & ~(mask ? mask : 0xffbf))
		return -EINVAL;
	*(u32 *)&fx[28] = mask;
	memcpy(child->thread.fpu.fxsave, fx, sizeof(fx));
	return 0;
}

/*
 * arch_ptrace_regset - see tine/ptrace.h. NT_X86_XSTATE is -ENODEV, as
 * Linux on a CPU without XSAVE (QEMU's default qemu64 model): tine
 * saves the FXSAVE image only and never sets CR4.OSXSAVE. FIXME: on a
 * CPU with XSAVE Linux enables it and answers with the XSAVE layout.
 */
long arch_ptrace_regset(struct task_struct *child, bool set, unsigned int type,
			void __user *buf, size_t *len)
{
	switch (type) {
	case NT_PRSTATUS:
		return gpr_regset(child, set, buf, len);
	case NT_PRFPREG:
		return fpr_regset(child, set, buf, len);
	case NT_X86_XSTATE:
		if (*len % sizeof(u64))
			return -EINVAL;
		return -ENODEV;
	default:
		return -EINVAL;
	}
}

/* Trap after one user instruction: TF, remembered if it was ours. */
void user_enable_single_step(struct task_struct *child)
{
	struct pt_regs *regs = task_pt_regs(child);

	child->syscall_work |= SYSCALL_WORK_SINGLESTEP;
	if (!(regs->flags & X86_EFLAGS_TF)) {
		regs->flags |= X86_EFLAGS_TF;
		child->syscall_work |= SYSCALL_WORK_FORCED_TF;
	}
}

/* Step to the next taken branch: TF plus DEBUGCTL.BTF, which
 * blockstep_switch() loads when child runs. */
void user_enable_block_step(struct task_struct *child)
{
	user_enable_single_step(child);
	child->syscall_work |= SYSCALL_WORK_BLOCKSTEP;
}

void user_disable_single_step(struct task_struct *child)
{
	if (child->syscall_work & SYSCALL_WORK_FORCED_TF)
		task_pt_regs(child)->flags &= ~X86_EFLAGS_TF;
	child->syscall_work &= ~(SYSCALL_WORK_SINGLESTEP |
				 SYSCALL_WORK_FORCED_TF |
				 SYSCALL_WORK_BLOCKSTEP);
}

/* blockstep_switch - see tine/ptrace.h. The CPU clears BTF itself when
 * it raises the #DB; the trap handler forgets the flag to match. */
void blockstep_switch(struct task_struct *prev, struct task_struct *next)
{
	unsigned long debugctl;

	if (!((prev->syscall_work ^ next->syscall_work) &
	      SYSCALL_WORK_BLOCKSTEP))
		return;
	debugctl = rdmsr(MSR_IA32_DEBUGCTLMSR) & ~DEBUGCTLMSR_BTF;
	if (next->syscall_work & SYSCALL_WORK_BLOCKSTEP)
		debugctl |= DEBUGCTLMSR_BTF;
	wrmsr(MSR_IA32_DEBUGCTLMSR, debugctl);
}

/* elf_core_copy_task_regs - see tine/coredump.h. */
void elf_core_copy_task_regs(struct task_struct *t, unsigned long *regs)
{
	for (int i = 0; i < ELF_NGREG; i++)
		regs[i] = getreg(t, i * sizeof(long));
}

/* elf_core_copy_task_fpregs - see tine/coredump.h. */
void elf_core_copy_task_fpregs(struct task_struct *t, void *buf)
{
	/* The kernel never uses the FPU: current's live state is its
	 * user state. */
	if (t == current)
		__asm__ volatile("fxsave64 %0" : "=m"(t->thread.fpu));
	memcpy(buf, t->thread.fpu.fxsave, ELF_FPREGS_SIZE);
}
