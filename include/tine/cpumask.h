/*
 * CPU masks: one bit per CPU, NR_CPUS at most. The online, possible and
 * present masks are written only while CPUs are brought up (under
 * cpu_hotplug_lock in arch code) and read anywhere.
 */
#ifndef TINE_CPUMASK_H
#define TINE_CPUMASK_H

#include <tine/types.h>

#define NR_CPUS 64

struct cpumask {
	unsigned long bits[(NR_CPUS + 63) / 64];
};

extern struct cpumask __cpu_possible_mask, __cpu_online_mask,
	__cpu_present_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask ((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask ((const struct cpumask *)&__cpu_present_mask)

/* Atomic bit updates: several CPUs may change one mask (mm_cpumask). */
static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_or_fetch(&m->bits[cpu / 64], 1UL << (cpu % 64),
			  __ATOMIC_RELAXED);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_and_fetch(&m->bits[cpu / 64], ~(1UL << (cpu % 64)),
			   __ATOMIC_RELAXED);
}

static inline bool cpumask_test_cpu(unsigned int cpu,
				    const struct cpumask *m)
{
	return (__atomic_load_n(&m->bits[cpu / 64], __ATOMIC_RELAXED) >>
		(cpu % 64)) & 1;
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int n = 0;

	/* Clear the lowest set bit until none is left (no libgcc call:
	 * the kernel is built without popcnt). */
	for (unsigned int i = 0; i < (NR_CPUS + 63) / 64; i++)
		for (unsigned long b = m->bits[i]; b; b &= b - 1)
			n++;
	return n;
}

static inline void cpumask_clear(struct cpumask *m)
{
	for (unsigned int i = 0; i < (NR_CPUS + 63) / 64; i++)
		m->bits[i] = 0;
}

/* The first set CPU at or after @cpu, or NR_CPUS when there is none.
 * A word at a time: for_each_cpu() is on the wake-up path. */
static inline unsigned int cpumask_next_from(unsigned int cpu,
					     const struct cpumask *m)
{
	while (cpu < NR_CPUS) {
		unsigned long w = __atomic_load_n(&m->bits[cpu / 64],
						  __ATOMIC_RELAXED) >>
				  (cpu % 64);

		if (w)
			return cpu + __builtin_ctzl(w);
		cpu = (cpu | 63) + 1;
	}
	return NR_CPUS;
}

#define for_each_cpu(cpu, mask)                                           \
	for ((cpu) = cpumask_next_from(0, (mask)); (cpu) < NR_CPUS;       \
	     (cpu) = cpumask_next_from((cpu) + 1, (mask)))
#define for_each_possible_cpu(cpu) for_each_cpu(cpu, cpu_possible_mask)
#define for_each_online_cpu(cpu) for_each_cpu(cpu, cpu_online_mask)

#define cpu_online(cpu) cpumask_test_cpu((cpu), cpu_online_mask)
#define num_online_cpus() cpumask_weight(cpu_online_mask)

/* Bring-up (arch/x86_64/smpboot.c) and nothing else changes these. */
static inline void set_cpu_possible(unsigned int cpu, bool on)
{
	if (on)
		cpumask_set_cpu(cpu, &__cpu_possible_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_possible_mask);
}

static inline void set_cpu_present(unsigned int cpu, bool on)
{
	if (on)
		cpumask_set_cpu(cpu, &__cpu_present_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_present_mask);
}

static inline void set_cpu_online(unsigned int cpu, bool on)
{
	if (on)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

#endif
