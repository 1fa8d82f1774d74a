/*
 * Kernel timers with nanosecond expiry times (kernel/hrtimer.c), for
 * timerfd, POSIX timers and anything else that needs a callback at a
 * given time. A timer runs on one of two clock bases: CLOCK_MONOTONIC
 * (also CLOCK_BOOTTIME: tine never suspends) or CLOCK_REALTIME, whose
 * absolute expiry times follow clock_settime. Arming a timer sets the
 * arming CPU's one-shot timer interrupt for its expiry if that comes
 * before the CPU's next tick (kernel/time.c), so a timer fires at its
 * time; every CPU also looks for due timers at each of its timer
 * interrupts, so a timer may fire on another CPU than the one that
 * armed it. A realtime timer whose expiry clock_settime brought
 * forward fires at the next tick at the latest.
 *
 * Lock: hrtimer_lock (irq-safe, near the innermost) protects the bases'
 * lists and every timer's node, expires and running fields. Callbacks
 * run without it, in interrupt context: they must not sleep, and may
 * take the locks of the timer's owner (a wait queue's, a siglock).
 */
#ifndef TINE_HRTIMER_H
#define TINE_HRTIMER_H

#include <tine/list.h>
#include <tine/time.h>
#include <tine/types.h>

enum hrtimer_restart {
	HRTIMER_NORESTART,		/* the callback is done with it */
	HRTIMER_RESTART,		/* re-queue at (the new) expires */
};

enum hrtimer_base_id {
	HRTIMER_BASE_MONOTONIC,
	HRTIMER_BASE_REALTIME,
	HRTIMER_MAX_BASES,
};

struct hrtimer {
	struct list_head node;		/* [hrtimer_lock] in its base's list */
	u64 expires;			/* [hrtimer_lock] ns on its base's clock */
	enum hrtimer_restart (*function)(struct hrtimer *t);	/* [I] */
	u8 base;			/* enum hrtimer_base_id, set by init */
	bool running;			/* [hrtimer_lock] callback in progress */
};

/*
 * hrtimer_init - set up t on the base for clockid (REALTIME,
 * REALTIME_ALARM and TAI, which tine keeps equal to REALTIME: the
 * realtime base; everything else monotonic), not
 * queued. t must not be queued or running.
 */
void hrtimer_init(struct hrtimer *t, clockid_t clockid,
		  enum hrtimer_restart (*fn)(struct hrtimer *));
/* The current time of t's base. */
u64 hrtimer_cb_get_time(const struct hrtimer *t);
/* hrtimer_start - (re)queue t to fire at expires (absolute, its base). */
void hrtimer_start(struct hrtimer *t, u64 expires);
/*
 * hrtimer_try_to_cancel - dequeue t: 1 if it was queued, 0 if it was
 * not, -1 if its callback is running now (on some CPU).
 */
int hrtimer_try_to_cancel(struct hrtimer *t);
/*
 * hrtimer_cancel - dequeue t and wait for a running callback to end:
 * afterwards t is idle and may be freed. Returns whether it was
 * queued. Never from t's own callback, nor holding a lock the
 * callback takes (use hrtimer_try_to_cancel then).
 */
int hrtimer_cancel(struct hrtimer *t);
/* Is t queued or its callback running? */
bool hrtimer_active(const struct hrtimer *t);
/* Is t queued? */
bool hrtimer_is_queued(const struct hrtimer *t);
/*
 * hrtimer_forward - move t's expiry forward by whole intervals until
 * it is after now; returns how many intervals that took (0 if it
 * already was). For t not queued (its own callback, or idle).
 */
u64 hrtimer_forward(struct hrtimer *t, u64 now, u64 interval);
/*
 * Time left until t's expiry time (0 once it has passed, or if t was
 * never started since hrtimer_init), queued or not.
 */
u64 hrtimer_get_remaining(const struct hrtimer *t);
/* hrtimer_run_queues - fire the due timers (timer interrupt, irqs off). */
void hrtimer_run_queues(void);
/*
 * hrtimer_next_expiry - when the first queued timer expires, in
 * CLOCK_MONOTONIC ns (a realtime timer converted at today's offset), or
 * KTIME_MAX if none is queued. Any context.
 */
u64 hrtimer_next_expiry(void);

/* kernel/time.c: set this CPU's timer no later than expires
 * (CLOCK_MONOTONIC ns). Interrupts off. */
void timer_program_earlier(u64 expires);

#endif
