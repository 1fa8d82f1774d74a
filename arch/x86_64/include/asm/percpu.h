/*
 * Per-CPU data: one struct percpu for each CPU, reached through %gs in
 * the kernel (each CPU's GS base points at its own copy). this_cpu()
 * is the one accessor for the running CPU, per_cpu_ptr(cpu) for
 * another's; this_cpu_read_ptr(field) reads one field in one
 * instruction, which is what `current` uses.
 *
 * Fields are written only by their own CPU unless their comment says
 * otherwise; another CPU reads them with READ_ONCE.
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
struct mm_struct;

/* Per-CPU time accounting in ticks, as /proc/stat's cpuN lines count. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_IDLE,
	CPUTIME_IRQ,
	NR_CPUTIME,
};

struct percpu {
	struct percpu *self;		/* %gs:0, to take the address */
	struct task_struct *current_task;
	unsigned long top_of_stack;	/* current's kernel stack top */
	unsigned long user_rsp;		/* scratch on syscall entry */
	int cpu;			/* this CPU's number */
	int need_resched;		/* set by any CPU (then an IPI) */
	int resched_hold;		/* this CPU only: resched_ipi_hold() depth */
	int resched_owed;		/* this CPU only: IPIs held back meanwhile */
	int irq_count;			/* nested interrupt handlers */
	struct task_struct *idle;	/* this CPU's idle task */
	struct mm_struct *loaded_mm;	/* whose user tables CR3 holds (lazy
					 * under a kernel thread); NULL: none */
	u32 apic_id;			/* the local APIC's id */
	u64 cpustat[NR_CPUTIME];	/* ticks by kind (/proc/stat) */
	u64 irqs;			/* interrupts handled */
	void *arch;			/* arch/x86_64/smp.c: GDT, TSS, stacks */
	u32 irq_stats[9];		/* by kind: asm/irq.h's enum irq_stat
					 * (NR_IRQ_STATS), /proc/interrupts */
};

extern struct percpu *percpu_areas[];	/* [cpu]; NULL if not possible */

#define this_cpu_read_ptr(field)                                          \
	({                                                                \
		__typeof__(((struct percpu *)0)->field) __v;              \
		__asm__ volatile("mov %%gs:%c1, %0"                       \
				 : "=r"(__v)                              \
				 : "i"(offsetof(struct percpu, field)));  \
		__v;                                                      \
	})

#define this_cpu_write(field, val)                                        \
	do {                                                              \
		__typeof__(((struct percpu *)0)->field) __v = (val);      \
		__asm__ volatile("mov %0, %%gs:%c1"                       \
				 :                                        \
				 : "r"(__v),                              \
				   "i"(offsetof(struct percpu, field))    \
				 : "memory");                             \
	} while (0)

/* The running CPU's area. Stable while the caller cannot migrate. */
static inline struct percpu *this_cpu(void)
{
	return this_cpu_read_ptr(self);
}

/* Another CPU's area (any possible CPU). */
static inline struct percpu *per_cpu_ptr(unsigned int cpu)
{
	return percpu_areas[cpu];
}
#endif

#endif
