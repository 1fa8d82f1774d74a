/*
 * A task's system call as its saved registers say (Linux's
 * asm/syscall.h): the number and arguments of the call it is in, its
 * user stack and instruction pointers. For /proc/<pid>/syscall.
 */
#ifndef ASM_SYSCALL_H
#define ASM_SYSCALL_H

#include <asm/ptrace.h>

/* The call's number, or -1 when the kernel was entered otherwise. */
static inline long syscall_get_nr(const struct pt_regs *regs)
{
	return (long)regs->orig_ax;
}

/* Its six arguments, in the order of the x86-64 system call ABI. */
static inline void syscall_get_arguments(const struct pt_regs *regs,
					 unsigned long *args)
{
	args[0] = regs->di;
	args[1] = regs->si;
	args[2] = regs->dx;
	args[3] = regs->r10;
	args[4] = regs->r8;
	args[5] = regs->r9;
}

static inline unsigned long user_stack_pointer(const struct pt_regs *regs)
{
	return regs->sp;
}

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->ip;
}

#endif
