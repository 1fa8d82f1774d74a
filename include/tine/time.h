/* Clocks and the time ABI (struct timespec, clock ids). */
#ifndef TINE_TIME_H
#define TINE_TIME_H

#include <tine/types.h>

typedef int clockid_t;

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1

struct timespec_k {
	long tv_sec;
	long tv_nsec;
};

struct timeval_t {
	long tv_sec;
	long tv_usec;
};

struct task_struct;

void time_init(void);
/* Busy-wait us microseconds (boot-time hardware waits). Any context. */
void udelay(unsigned long us);
/* Every CPU's tick, from its timer interrupt. */
void timer_interrupt(bool from_user);
int hrtimer_sleep_until(u64 until);
u64 task_cputime_ns(struct task_struct *t, bool whole_process);

#endif
