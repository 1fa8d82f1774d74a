/* Kernel call chains of tasks (arch/x86_64/stacktrace.c). */
#ifndef TINE_STACKTRACE_H
#define TINE_STACKTRACE_H

struct task_struct;

/*
 * stack_trace_save_tsk - the return addresses of t's kernel call chain,
 * innermost first, into store (at most size): current's own, or that
 * of a task that is not running (asleep or stopped). Returns how many;
 * 0 for a task running on a CPU. t must be referenced. Does not sleep.
 */
unsigned int stack_trace_save_tsk(struct task_struct *t, unsigned long *store,
				  unsigned int size);

#endif
