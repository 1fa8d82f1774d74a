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
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1

struct timespec_k {
	long tv_sec;
	long tv_nsec;
};

struct itimerspec_k {
	struct timespec_k it_interval;
	struct timespec_k it_value;
};

#define NSEC_PER_SEC 1000000000ULL

/* A timespec's ns (no range check; see timespec_valid). */
static inline u64 timespec_to_ns(const struct timespec_k *ts)
{
	return (u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static inline struct timespec_k ns_to_timespec_k(u64 ns)
{
	struct timespec_k ts = { (long)(ns / NSEC_PER_SEC),
				 (long)(ns % NSEC_PER_SEC) };
	return ts;
}

/* 0 <= tv_nsec < 1e9 and tv_sec >= 0 (what itimerspecs must hold). */
static inline bool timespec_valid(const struct timespec_k *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < (long)NSEC_PER_SEC;
}

struct timeval_t {
	long tv_sec;
	long tv_usec;
};

struct task_struct;

void time_init(void);
/* Seconds since 1970-01-01 of a Gregorian date and time (UTC). */
s64 mktime64(int year, unsigned int mon, unsigned int day, unsigned int hour,
	     unsigned int min, unsigned int sec);
/* The TSC's frequency in kHz (calibrated at boot). */
unsigned long tsc_khz_get(void);
/* Busy-wait us microseconds (boot-time hardware waits). Any context. */
void udelay(unsigned long us);
/* local_clock - ns since boot for log timestamps: 0 until the clock is
 * calibrated (time_init), then ktime_get_ns(). Any context. */
u64 local_clock(void);
/* Every CPU's timer interrupt: the tick when due, due hrtimers. */
void timer_interrupt(bool from_user);
/* fs/timerfd.c: the realtime clock was set (TFD_TIMER_CANCEL_ON_SET). */
void timerfd_clock_was_set(void);
int hrtimer_sleep_until(u64 until);

#endif
