/*
 * The generic SMP interface: which CPU am I, which CPUs exist, and how
 * to poke another one. Generic code (the scheduler, mm, signals) uses
 * only these names; arch/x86_64 implements the hooks (APIC IPIs).
 *
 * Until the application processors are brought up only CPU 0 is
 * possible and online, and the hooks act on this CPU alone, but every
 * caller is already written as if many CPUs ran.
 *
 * Per-CPU data of generic code is an array indexed by CPU number
 * (`static struct rq runqueues[NR_CPUS]`); the arch's own per-CPU block
 * (struct percpu, reached through %gs) holds current, the kernel stack
 * top and the CPU number.
 */
#ifndef TINE_SMP_H
#define TINE_SMP_H

#include <asm/percpu.h>
#include <tine/cpumask.h>

/* The number of this CPU. Stable only while the caller cannot migrate
 * (interrupts off, or a spinlock held in a non-preemptible kernel). */
static inline unsigned int smp_processor_id(void)
{
	return (unsigned int)this_cpu_read_ptr(cpu);
}

extern unsigned int nr_cpu_ids;		/* highest possible CPU + 1 */

/*
 * Ask @cpu to reschedule soon (its need_resched is set and it is
 * interrupted if it is not the caller). Any context; does not sleep.
 */
void smp_send_reschedule(unsigned int cpu);

/*
 * Run @fn(@info) on @cpu (on the caller's own CPU directly, with
 * interrupts off) and, if @wait, return only when it has finished.
 * Must not be called with interrupts disabled when @cpu is another CPU
 * (two CPUs waiting on each other would deadlock). Does not sleep.
 */
int smp_call_function_single(unsigned int cpu, void (*fn)(void *),
			     void *info, bool wait);

/*
 * Run @fn(@info) on every online CPU in @mask except the caller's, and
 * if @wait, wait for all of them. Same rules as above.
 */
void smp_call_function_many(const struct cpumask *mask,
			    void (*fn)(void *), void *info, bool wait);

/*
 * Stop every other CPU (panic): they halt with interrupts off where
 * they are. Called once, by the panicking CPU; any context.
 */
void smp_send_stop(void);

#endif
