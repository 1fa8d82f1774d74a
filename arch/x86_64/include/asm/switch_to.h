/*
 * The assembly half of a context switch (arch/x86_64/entry.S) and the
 * per-CPU state that follows the running task; used by process.c only.
 */
#ifndef ASM_SWITCH_TO_H
#define ASM_SWITCH_TO_H

struct task_struct;

/* Where a new task's first switch_to_asm returns (entry.S). */
extern char ret_from_fork[];

/*
 * switch_to_asm - save prev's callee-saved registers on its stack, load
 * next's stack pointer and pop next's. Returns prev, on next's stack.
 * The caller (__switch_to) holds the runqueue lock, irqs off.
 */
struct task_struct *switch_to_asm(struct task_struct *prev,
				  struct task_struct *next);

/*
 * set_kernel_stack - the stack this CPU switches to on an interrupt or
 * syscall from user mode (TSS rsp0, top_of_stack). Called by the context
 * switch with irqs off; does not sleep.
 */
void set_kernel_stack(unsigned long top);

#endif
