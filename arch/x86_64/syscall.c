/*
 * The system call path in C: look the number up in the table built at
 * boot from every SYSCALL_ENTRY(), run the handler, then do the work
 * due before returning to user space.
 */
#include <asm/arch.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <tine/init.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/vtime.h>
#include <uapi/errno.h>

static syscall_fn_t sys_call_table[NR_SYSCALLS];
static const char *sys_call_name[NR_SYSCALLS];
/* Asked-for logs, printed at KERN_ERR so that "quiet" does not hide them. */
static bool trace_syscalls;	/* [boot] "tine.strace": log every call */
static bool log_enosys;		/* [boot] "tine.enosys": log ENOSYS ones */

static int strace_setup(char *val)
{
	trace_syscalls = true;
	return 0;
}
__setup("tine.strace", strace_setup);

static int enosys_setup(char *val)
{
	log_enosys = true;
	return 0;
}
__setup("tine.enosys", enosys_setup);

/* syscall_table_init - fill the table from the SYSCALL_ENTRY()s; panics
 * on a duplicate or out-of-range number. Boot, boot CPU only. */
void syscall_table_init(void)
{
	for (const struct syscall_entry *e = __syscalls_start;
	     e < __syscalls_end; e++) {
		if (e->nr >= NR_SYSCALLS || sys_call_table[e->nr])
			panic("syscall %s: bad or duplicate number %u",
			      e->name, e->nr);
		sys_call_table[e->nr] = e->fn;
		sys_call_name[e->nr] = e->name;
	}
}

/* sysret can only return to a canonical address with sane flags. */
static bool can_sysret(const struct pt_regs *r)
{
	return r->cs == __USER_CS && r->ss == __USER_DS &&
	       r->ip < TASK_SIZE && r->ip == r->cx && r->flags == r->r11 &&
	       !(r->flags & (X86_EFLAGS_TF | 0x10000 /* RF */));
}

/* invoke_syscall - see tine/syscall.h. */
long invoke_syscall(unsigned int nr, unsigned long a0, unsigned long a1,
		    unsigned long a2)
{
	if (nr >= NR_SYSCALLS || !sys_call_table[nr])
		return -ENOSYS;
	return sys_call_table[nr](a0, a1, a2, 0, 0, 0);
}

/* Returns true when the fast sysret exit may be used. */
bool do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;
	long ret = -ENOSYS;

	enter_from_user_mode();
	local_irq_enable();
	/* Syscall-enter-stop: the tracer may change or skip (-1) it;
	 * under PTRACE_SYSEMU it is always skipped. */
	if (unlikely(current->syscall_work & (SYSCALL_WORK_SYSCALL_TRACE |
					      SYSCALL_WORK_SYSCALL_EMU))) {
		nr = syscall_trace_enter(regs);
		ret = (long)nr == -1 ? (long)regs->ax : -ENOSYS;
	}
	if (likely(nr < NR_SYSCALLS && sys_call_table[nr])) {
		ret = sys_call_table[nr](regs->di, regs->si, regs->dx,
					 regs->r10, regs->r8, regs->r9);
	} else if (log_enosys && (long)nr != -1) {
		pr_err("tine: pid %d (%s): unimplemented syscall %lu\n",
		       current->pid, current->comm, nr);
	}
	if (unlikely(trace_syscalls))
		pr_err("[%d] %s(%lx, %lx, %lx) = %ld\n", current->pid,
		       nr < NR_SYSCALLS && sys_call_name[nr] ?
			       sys_call_name[nr] : "?",
		       regs->di, regs->si, regs->dx, ret);
	regs->ax = ret;
	local_irq_disable();
	if (unlikely(exit_to_user_work(current) || syscall_restart_code(ret)))
		syscall_exit_to_user_mode(regs);
	else
		exit_to_user_mode();
	return can_sysret(regs);
}
