/*
 * The vsyscall page: Linux's legacy fixed entry points for
 * gettimeofday, time and getcpu: absent by default (Debian's
 * vsyscall=none), emulated with vsyscall=xonly (arch/x86_64/vsyscall.c).
 */
#ifndef ASM_VSYSCALL_H
#define ASM_VSYSCALL_H

#include <tine/types.h>

struct pt_regs;

#define VSYSCALL_ADDR 0xffffffffff600000UL	/* its one page */

/* Booted with vsyscall=xonly: calls are emulated, /proc lists the page. */
extern bool vsyscall_xonly;

/*
 * emulate_vsyscall - a user page fault at addr (error code err) that
 * may be a call into the vsyscall page: if so, run the system call,
 * return to the caller (or send SIGSEGV for a bad call) and say true;
 * false leaves the fault to the usual path (a read of the page is a
 * SIGSEGV). Interrupts on; may sleep.
 */
bool emulate_vsyscall(struct pt_regs *regs, unsigned long addr,
		      unsigned long err);

#endif
