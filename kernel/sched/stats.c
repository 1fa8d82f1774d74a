/*
 * Scheduler counters for /proc/stat: context switches on every CPU.
 */
#include <tine/sched.h>
#include "sched.h"

/* nr_context_switches - see sched.h. Lock-free (a sum of counters). */
unsigned long nr_context_switches(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(cpu_rq(cpu)->nr_switches);
	return n;
}
