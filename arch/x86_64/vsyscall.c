/*
 * The vsyscall page. Old programs call the fixed addresses
 * VSYSCALL_ADDR (gettimeofday), +0x400 (time) and +0x800 (getcpu).
 * Linux's boot parameter vsyscall= says what is there, with the default
 * its configuration chose; tine's default is Debian's, "none": no page,
 * a call is an ordinary SIGSEGV and /proc shows nothing. With
 * vsyscall=xonly (upstream Linux's default) nothing is mapped either,
 * but a call is emulated: fetching an
 * instruction from the page faults, and the fault runs the system call
 * and returns to the caller as the page's code would have (a `ret`:
 * the return address is popped from the user stack). A call anywhere
 * else in the page, or with a stack that cannot be read, or a pointer
 * argument the call cannot write, is a SIGSEGV; reading the page is
 * an ordinary SIGSEGV (SEGV_MAPERR). /proc/<pid>/maps and smaps show
 * the page last as "--xp ... [vsyscall]" (fs/proc_task_mmu.c).
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/vsyscall.h>
#include <tine/init.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define PF_WRITE 0x2
#define PF_USER 0x4

bool vsyscall_xonly;		/* [boot] vsyscall=xonly */

/* vsyscall=none or xonly; "emulate" (a readable page) is not done. */
static int vsyscall_setup(char *val)
{
	if (!strcmp(val, "none"))
		vsyscall_xonly = false;
	else if (!strcmp(val, "xonly"))
		vsyscall_xonly = true;
	else
		return -EINVAL;
	return 0;
}
__setup("vsyscall=", vsyscall_setup);

/* Can the call write size bytes at ptr (NULL: it writes nothing)?
 * If not, SIGSEGV as a fault at ptr would give. */
static bool write_ok_or_segv(unsigned long ptr, size_t size)
{
	if (access_ok((void __user *)ptr, size))
		return true;
	current->thread.error_code = PF_USER | PF_WRITE;
	current->thread.cr2 = ptr;
	current->thread.trap_nr = 14;
	force_sig_fault(SIGSEGV, SEGV_MAPERR, ptr);
	return false;
}

/* The system call behind entry nr of the page, after checking its
 * pointer arguments: its number, or -1 (a signal is queued). */
static int vsyscall_nr_checked(int nr, struct pt_regs *regs)
{
	switch (nr) {
	case 0:
		if (!write_ok_or_segv(regs->di, 16) ||
		    !write_ok_or_segv(regs->si, 8))
			return -1;
		return __NR_gettimeofday;
	case 1:
		return write_ok_or_segv(regs->di, 8) ? __NR_time : -1;
	default:
		if (!write_ok_or_segv(regs->di, 4) ||
		    !write_ok_or_segv(regs->si, 4))
			return -1;
		return __NR_getcpu;
	}
}

/* emulate_vsyscall - see asm/vsyscall.h. */
bool emulate_vsyscall(struct pt_regs *regs, unsigned long addr,
		      unsigned long err)
{
	unsigned long off = addr - VSYSCALL_ADDR, caller;
	int nr;
	long ret;

	/* Only a user-mode read at the instruction pointer: a call. */
	if (!vsyscall_xonly || (err & (PF_WRITE | PF_USER)) != PF_USER ||
	    addr != regs->ip || off >= PAGE_SIZE)
		return false;
	if ((off & 0x3ff) || off > 0x800 ||
	    get_user(caller, (unsigned long __user *)regs->sp)) {
		force_sig(SIGSEGV);	/* misaligned, or a bad stack */
		return true;
	}
	nr = vsyscall_nr_checked(off >> 10, regs);
	if (nr < 0)
		return true;
	ret = invoke_syscall(nr, regs->di, regs->si, 0);
	if (ret == -EFAULT) {
		force_sig(SIGSEGV);
		return true;
	}
	regs->ax = ret;
	regs->ip = caller;
	regs->sp += 8;
	return true;
}
