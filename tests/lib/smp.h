/*
 * tests/lib/smp.h: helpers for the tests that make several CPUs race
 * (tests/smp/): how many CPUs there are, pinning a thread to one, and
 * a start line threads wait at so they begin together.
 *
 * Every test must also pass on one CPU: pinning to a CPU that does not
 * exist is quietly skipped, and nothing may wait for a thread without
 * letting it run (sleep or yield, never a bare spin).
 */
#ifndef SMP_H
#define SMP_H

#include "tap.h"
#include <sched.h>
#include <time.h>

/* Online CPUs this process may run on. */
static inline int nr_cpus(void)
{
	cpu_set_t s;

	if (sched_getaffinity(0, sizeof(s), &s))
		return 1;
	return CPU_COUNT(&s) > 0 ? CPU_COUNT(&s) : 1;
}

/* Run the calling thread on cpu (modulo the CPUs there are). */
static inline void pin_to_cpu(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu % nr_cpus(), &s);
	sched_setaffinity(0, sizeof(s), &s);
}

/* Monotonic time in ms. */
static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* Sleep a little (lets other threads run on one CPU). */
static inline void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Wait until *v reaches at least want, for at most ms milliseconds;
 * returns whether it did. Yields meanwhile, so it works on one CPU.
 */
static inline int wait_for(volatile long *v, long want, int ms)
{
	long end = now_ms() + ms;

	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) < want) {
		if (now_ms() > end)
			return 0;
		sched_yield();
	}
	return 1;
}

#endif
