/*
 * The IDT and the dispatch of every exception and interrupt. A user
 * fault becomes a signal; a kernel fault on a user access is fixed up
 * through the exception table; any other kernel fault panics with the
 * registers and a symbolised backtrace.
 */
#include <asm/vsyscall.h>
#include <asm/arch.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/smp.h>
#include <asm/smpboot.h>
#include <tine/ptrace.h>
#include <tine/fault.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mman.h>
#include <tine/mutex.h>
#include <tine/oom.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/vtime.h>
#include <tine/signal.h>
#include <tine/sysctl.h>
#include <tine/smp.h>

struct idt_entry {
	u16 off0;
	u16 sel;
	u8 ist;
	u8 type;
	u16 off1;
	u32 off2;
	u32 zero;
} __packed;

struct exception_table_entry {
	unsigned long insn, fixup;
};

static struct idt_entry idt[256] __aligned(16);
extern const struct exception_table_entry __ex_table_start[],
	__ex_table_end[];

static void set_gate(int vec, int dpl, int ist)
{
	unsigned long a = (unsigned long)interrupt_stubs + vec * 16;

	idt[vec] = (struct idt_entry){
		.off0 = a & 0xffff,
		.sel = __KERNEL_CS,
		.ist = ist,
		.type = 0x8e | (dpl << 5),	/* present interrupt gate */
		.off1 = (a >> 16) & 0xffff,
		.off2 = a >> 32,
	};
}

/* Point this CPU at the (shared) IDT. */
void load_idt(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed ip = { sizeof(idt) - 1, (u64)idt };

	__asm__ volatile("lidt %0" ::"m"(ip));
}

/* trap_init - build and load the IDT: every vector to its stub, int3
 * and into callable from user mode, NMI and double fault on their own
 * stacks. Boot CPU, boot only (the others load it in
 * cpu_init_secondary). */
void trap_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, 0, 0);
	set_gate(3, 3, 0);		/* int3 from user space */
	set_gate(4, 3, 0);		/* into */
	set_gate(2, 0, 2);		/* NMI on its own stack (IST 2) */
	set_gate(8, 0, 1);		/* double fault on its own (IST 1) */
	load_idt();
}

/* Resume at the fixup of a faulting uaccess instruction, if it is one. */
static bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	for (e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return true;
		}
	return false;
}

static const char *const trap_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault", "coproc",
	"invalid TSS", "segment not present", "stack segment",
	"general protection", "page fault", "reserved", "x87 FPU",
	"alignment check", "machine check", "SIMD FP", "virtualization",
	"control protection",
};

static void __noreturn kernel_oops(struct pt_regs *regs, int vec)
{
	console_verbose();
	printk("\nKernel panic - %s (vector %d) in kernel mode, error %lx, "
	       "cr2 %lx\n", vec < 32 && trap_names[vec] ? trap_names[vec] : "?",
	       vec, regs->orig_ax, read_cr2());
	show_regs(regs);
	panic("fatal exception");
}

static int show_unhandled_signals = 1;	/* debug.exception-trace */

/*
 * As Linux's show_unhandled_signals: a user fault that will kill the
 * task (no handler) is logged at KERN_INFO (quiet hides it; loglevel=7
 * shows it), with where it happened, to debug programs that die;
 * debug.exception-trace = 0 turns it off.
 */
static void show_signal_msg(struct pt_regs *regs, int sig, unsigned long addr,
			    unsigned long err)
{
	struct task_struct *t = current;

	struct vm_area_struct *vma;
	const char *name = "?";
	unsigned long base = 0;

	if (!READ_ONCE(show_unhandled_signals) ||
	    t->sighand->action[sig - 1].handler != SIG_DFL || !t->mm)
		return;
	/*
	 * Like Linux's print_vma_addr: the file and where it is mapped, if
	 * the map can be had without sleeping (traps may run with
	 * interrupts off).
	 */
	if (!mutex_trylock(&t->mm->mmap_lock)) {
		pr_info("%s[%d]: %s at %lx ip %lx sp %lx error %lx\n", t->comm,
			task_pid_vnr(t), sig == SIGBUS ? "bus error" : "segfault",
			addr, regs->ip, regs->sp, err);
		return;
	}
	vma = find_vma(t->mm, regs->ip);
	if (vma && vma->vm_start <= regs->ip && vma->vm_file) {
		name = vma->vm_file->f_path.dentry->d_name;
		base = vma->vm_start - (vma->vm_pgoff << PAGE_SHIFT);
	}
	pr_info("%s[%d]: %s at %lx ip %lx sp %lx error %lx in %s[%lx+%lx]\n",
		t->comm, task_pid_vnr(t),
		sig == SIGBUS ? "bus error" : "segfault", addr, regs->ip,
		regs->sp, err, name, base, regs->ip - base);
	mutex_unlock(&t->mm->mmap_lock);
}


/* Signal for a user-mode exception, as Linux maps them. */
static void user_trap(struct pt_regs *regs, int vec)
{
	struct task_struct *t = current;

	t->thread.trap_nr = vec;
	t->thread.error_code = regs->orig_ax;
	switch (vec) {
	case 0:
		force_sig_fault(SIGFPE, FPE_INTDIV, regs->ip);
		break;
	case 1:
		force_sig_fault(SIGTRAP, hw_breakpoint_trap(regs), regs->ip);
		break;
	case 3:
		force_sig_fault(SIGTRAP, SI_KERNEL, 0);
		break;
	case 6:
		force_sig_fault(SIGILL, ILL_ILLOPN, regs->ip);
		break;
	case 16:
	case 19:
		force_sig_fault(SIGFPE, 0, regs->ip);
		break;
	case 17:
		force_sig_fault(SIGBUS, 1 /* BUS_ADRALN */, regs->ip);
		break;
	default:		/* #GP, #SS, #NP, #TS...: SIGSEGV, si_code KERNEL */
		show_signal_msg(regs, SIGSEGV, 0, regs->orig_ax);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		break;
	}
}

static void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	unsigned long err = regs->orig_ax;
	int r;

	/* With page faults disabled (a spinlock held around a user access,
	 * as futexes do) a kernel-mode fault goes straight to the fixup. */
	if (!user_mode(regs) && current->pagefault_disabled) {
		if (fixup_exception(regs))
			return;
		kernel_oops(regs, 14);
	}
	/* Re-enable interrupts only if the faulting context had them. */
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	if (user_mode(regs) && (addr & PAGE_MASK) == VSYSCALL_ADDR &&
	    emulate_vsyscall(regs, addr, err))
		return;
	r = handle_mm_fault(addr, ((err & 2) ? FAULT_FLAG_WRITE : 0) |
					  ((err & 16) ? FAULT_FLAG_EXEC : 0) |
					  ((err & 4) ? FAULT_FLAG_USER : 0) |
					  ((err & 1) ? FAULT_FLAG_PRESENT : 0));
	if (r == FAULT_OK)
		return;
	if (!user_mode(regs)) {
		if (fixup_exception(regs))
			return;
		pr_alert("\nBUG: unable to handle page fault at %lx\n", addr);
		kernel_oops(regs, 14);
	}
	current->thread.cr2 = addr;
	current->thread.error_code = err;
	current->thread.trap_nr = 14;
	/* No memory: the OOM killer frees some (or kills us), then the
	 * instruction runs again (Linux's pagefault_out_of_memory). */
	if (r == FAULT_OOM) {
		pagefault_out_of_memory();
		return;
	}
	show_signal_msg(regs, r == FAULT_SIGBUS ? SIGBUS : SIGSEGV, addr, err);
	force_sig_fault(r == FAULT_SIGBUS ? SIGBUS : SIGSEGV,
			r == FAULT_SIGBUS ? BUS_ADRERR :
			r == FAULT_ACCERR ? SEGV_ACCERR : SEGV_MAPERR, addr);
}

/*
 * An NMI, on its own stack: another CPU's panic stopping this one, or
 * a hardware NMI (reported, then ignored). No exit work: it may have
 * interrupted anything, even the entry code before its swapgs.
 */
static void do_nmi(struct pt_regs *regs)
{
	inc_irq_stat(IRQ_STAT_NMI);
	if (smp_stop_requested())
		smp_stop_this_cpu();
	pr_err("NMI received at %lx: ignored\n", regs->ip);
}

/* Called from interrupt_common with the vector and the saved registers. */
void handle_interrupt(struct pt_regs *regs, unsigned long vec)
{
	bool from_user = user_mode(regs);

	if (vec == 2) {
		do_nmi(regs);
		return;
	}
	if (from_user)
		enter_from_user_mode();
	if (vec >= 32) {
		regs->orig_ax = -1;
		do_irq(vec, from_user);
	} else if (vec == 14) {
		do_page_fault(regs);
		regs->orig_ax = -1;
	} else if (vec < 32) {
		if (!from_user) {
			/* A watchpoint on user memory the kernel touched. */
			if (vec == 1 && hw_breakpoint_trap(regs) == 0)
				return;
			if (fixup_exception(regs))
				return;
			kernel_oops(regs, vec);
		}
		user_trap(regs, vec);
		regs->orig_ax = -1;
	}
	if (from_user)
		irqentry_exit_to_user_mode(regs);
}

static const struct ctl_table debug_table[] = {
	{ .procname = "exception-trace", .data = &show_unhandled_signals,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ }
};

static void traps_sysctl_init(void)
{
	register_sysctl("debug", debug_table);
}
__initcall(traps_sysctl_init);
