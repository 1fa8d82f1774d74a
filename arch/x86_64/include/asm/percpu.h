/*
 * Per-CPU data, reached through %gs in the kernel. One accessor for
 * every field, so a second CPU only has to point its own GS base at its
 * own copy.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#define PERCPU_OFF_CURRENT 8
#define PERCPU_OFF_TOP_OF_STACK 16
#define PERCPU_OFF_USER_RSP 24

#ifndef __ASSEMBLER__
#include <tine/compiler.h>
#include <tine/types.h>

struct task_struct;

struct percpu {
	struct percpu *self;		/* %gs:0, to take the address */
	struct task_struct *current_task;
	unsigned long top_of_stack;	/* current's kernel stack top */
	unsigned long user_rsp;		/* scratch on syscall entry */
	int cpu;
	int need_resched;
	int preempt_count;
	struct task_struct *idle;
};

extern struct percpu boot_percpu;

#define this_cpu_read_ptr(field)                                          \
	({                                                                \
		__typeof__(((struct percpu *)0)->field) __v;              \
		__asm__ volatile("mov %%gs:%c1, %0"                       \
				 : "=r"(__v)                              \
				 : "i"(offsetof(struct percpu, field)));  \
		__v;                                                      \
	})

static inline struct percpu *this_cpu(void)
{
	return this_cpu_read_ptr(self);
}
#endif

#endif
