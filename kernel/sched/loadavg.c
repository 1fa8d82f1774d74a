/*
 * The load average (/proc/loadavg, uptime, sysinfo): every 5 seconds
 * the number of active tasks (runnable, or asleep uninterruptibly) is
 * folded into three exponentially decaying averages, over 1, 5 and 15
 * minutes, in fixed point with FSHIFT fraction bits, as Linux computes
 * them (so the numbers mean the same on both).
 *
 * avenrun[] is written only by the boot CPU's tick; readers take the
 * three words without a lock (each is read whole).
 */
#include <tine/sched.h>
#include <tine/spinlock.h>
#include "sched.h"

#define LOAD_FREQ (5 * HZ + 1)		/* 5 s, a tick more (not in step with
					 * anything periodic) */
/* e^(-5 s / 1 min), e^(-5/5min), e^(-5/15min), times FIXED_1 */
#define EXP_1 1884
#define EXP_5 2014
#define EXP_15 2037

unsigned long avenrun[3];		/* [boot CPU's tick] FIXED_1 units */
static unsigned long next_sample = LOAD_FREQ;	/* [boot CPU's tick] jiffies */

/* One step of the average: load decays by exp towards active. */
static unsigned long calc_load(unsigned long load, unsigned long exp,
			       unsigned long active)
{
	unsigned long next = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		next += FIXED_1 - 1;	/* round up while rising */
	return next / FIXED_1;
}

/* Tasks asleep in TASK_UNINTERRUPTIBLE ("D" in ps). tasklist_lock. */
static unsigned int nr_uninterruptible(void)
{
	struct task_struct *t;
	unsigned int n = 0;

	read_lock(&tasklist_lock);
	list_for_each_entry(t, &task_list, tasks)
		if ((READ_ONCE(t->state) & TASK_UNINTERRUPTIBLE) &&
		    !t->exit_state)
			n++;
	read_unlock(&tasklist_lock);
	return n;
}

/*
 * calc_global_load - see sched.h. Runnable tasks are counted from the
 * run queues (the running ones included, idle tasks not).
 */
void calc_global_load(void)
{
	unsigned long active;

	if ((long)(jiffies - next_sample) < 0)
		return;
	next_sample += LOAD_FREQ;
	active = (nr_running() + nr_uninterruptible()) * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

/* get_avenrun - see sched.h. */
void get_avenrun(unsigned long *loads, unsigned long offset, int shift)
{
	for (int i = 0; i < 3; i++)
		loads[i] = (READ_ONCE(avenrun[i]) + offset) << shift;
}
