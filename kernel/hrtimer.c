/*
 * Kernel timers with nanosecond expiry times: see <tine/hrtimer.h>.
 *
 * Each base keeps its queued timers in a list sorted by expiry time;
 * every timer interrupt (hrtimer_run_queues) fires those whose time has
 * come, and a timer that becomes the first of its base brings the
 * arming CPU's timer interrupt forward to its expiry. A
 * callback runs without hrtimer_lock, marked running, so another CPU
 * cancelling the timer waits for it to finish (hrtimer_cancel) rather
 * than freeing it under the callback.
 */
#include <asm/processor.h>
#include <tine/hrtimer.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/spinlock.h>

#define KTIME_MAX ((u64)INT64_MAX)

struct hrtimer_clock_base {
	struct list_head active;	/* [hrtimer_lock] by expires */
	u64 (*get_time)(void);		/* [I] */
};

static DEFINE_SPINLOCK_RANKED(hrtimer_lock, LR_HRTIMER);
static struct hrtimer_clock_base bases[HRTIMER_MAX_BASES] = {
	[HRTIMER_BASE_MONOTONIC] = {
		LIST_HEAD_INIT(bases[HRTIMER_BASE_MONOTONIC].active),
		ktime_get_ns },
	[HRTIMER_BASE_REALTIME] = {
		LIST_HEAD_INIT(bases[HRTIMER_BASE_REALTIME].active),
		ktime_get_real_ns },
};

/* hrtimer_init - see hrtimer.h. */
void hrtimer_init(struct hrtimer *t, clockid_t clockid,
		  enum hrtimer_restart (*fn)(struct hrtimer *))
{
	INIT_LIST_HEAD(&t->node);
	t->expires = 0;			/* "never armed": nothing left */
	t->function = fn;
	t->running = false;
	t->base = (clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM ||
		   clockid == CLOCK_TAI) ?
			  HRTIMER_BASE_REALTIME : HRTIMER_BASE_MONOTONIC;
}

/* hrtimer_cb_get_time - see hrtimer.h. */
u64 hrtimer_cb_get_time(const struct hrtimer *t)
{
	return bases[t->base].get_time();
}

/*
 * Queue t in expiry order (FIFO among equals). hrtimer_lock held. The
 * walk starts from the latest expiry: a new timer usually expires after
 * those queued (hundreds of sleepers add theirs at the end), and every
 * CPU's timer interrupt waits for this lock with interrupts off.
 */
static void enqueue_hrtimer(struct hrtimer *t)
{
	struct list_head *head = &bases[t->base].active, *pos;

	assert_spin_locked(&hrtimer_lock);
	for (pos = head->prev; pos != head; pos = pos->prev)
		if (list_entry(pos, struct hrtimer, node)->expires <=
		    t->expires)
			break;
	list_add(&t->node, pos);
}

/* expires on base's clock as CLOCK_MONOTONIC ns (today's offset). */
static u64 to_monotonic(int base, u64 expires)
{
	u64 offset;

	if (base == HRTIMER_BASE_MONOTONIC)
		return expires;
	offset = ktime_get_real_ns() - ktime_get_ns();
	return expires > offset ? expires - offset : 0;
}

/* hrtimer_start - see hrtimer.h. */
void hrtimer_start(struct hrtimer *t, u64 expires)
{
	unsigned long f = spin_lock_irqsave(&hrtimer_lock);

	if (!list_empty(&t->node))
		list_del_init(&t->node);
	t->expires = MIN(expires, KTIME_MAX);
	enqueue_hrtimer(t);
	if (bases[t->base].active.next == &t->node)
		timer_program_earlier(to_monotonic(t->base, t->expires));
	spin_unlock_irqrestore(&hrtimer_lock, f);
}

/* hrtimer_try_to_cancel - see hrtimer.h. */
int hrtimer_try_to_cancel(struct hrtimer *t)
{
	unsigned long f = spin_lock_irqsave(&hrtimer_lock);
	int ret = 0;

	if (t->running) {
		ret = -1;
	} else if (!list_empty(&t->node)) {
		list_del_init(&t->node);
		ret = 1;
	}
	spin_unlock_irqrestore(&hrtimer_lock, f);
	return ret;
}

/* hrtimer_cancel - see hrtimer.h. */
int hrtimer_cancel(struct hrtimer *t)
{
	int ret;

	while ((ret = hrtimer_try_to_cancel(t)) < 0)
		cpu_relax();
	return ret;
}

/* hrtimer_active - see hrtimer.h. */
bool hrtimer_active(const struct hrtimer *t)
{
	return READ_ONCE(t->running) || hrtimer_is_queued(t);
}

/* hrtimer_is_queued - see hrtimer.h. */
bool hrtimer_is_queued(const struct hrtimer *t)
{
	return !list_empty(&t->node);
}

/* hrtimer_forward - see hrtimer.h. */
u64 hrtimer_forward(struct hrtimer *t, u64 now, u64 interval)
{
	u64 n;

	if (now < t->expires || !interval)
		return 0;
	n = (now - t->expires) / interval + 1;
	if (n > (KTIME_MAX - t->expires) / interval)
		t->expires = KTIME_MAX;
	else
		t->expires += n * interval;
	return n;
}

/* hrtimer_get_remaining - see hrtimer.h. */
u64 hrtimer_get_remaining(const struct hrtimer *t)
{
	unsigned long f = spin_lock_irqsave(&hrtimer_lock);
	u64 now = hrtimer_cb_get_time(t), left = 0;

	if (t->expires > now)
		left = t->expires - now;
	spin_unlock_irqrestore(&hrtimer_lock, f);
	return left;
}

/* Fire the due timers of one base. hrtimer_lock held; dropped around
 * each callback. */
static void run_base(struct hrtimer_clock_base *b)
{
	u64 now = b->get_time();
	struct hrtimer *t;

	assert_spin_locked(&hrtimer_lock);
	while (!list_empty(&b->active)) {
		enum hrtimer_restart r;

		t = list_first_entry(&b->active, struct hrtimer, node);
		if (t->expires > now)
			break;
		list_del_init(&t->node);
		t->running = true;
		spin_unlock(&hrtimer_lock);
		r = t->function(t);
		spin_lock(&hrtimer_lock);
		/* Started again while it ran: already queued. */
		if (r == HRTIMER_RESTART && list_empty(&t->node))
			enqueue_hrtimer(t);
		t->running = false;
	}
}

/* hrtimer_next_expiry - see hrtimer.h. */
u64 hrtimer_next_expiry(void)
{
	unsigned long f = spin_lock_irqsave(&hrtimer_lock);
	u64 next = KTIME_MAX;

	for (int i = 0; i < HRTIMER_MAX_BASES; i++) {
		struct hrtimer *t;

		if (list_empty(&bases[i].active))
			continue;
		t = list_first_entry(&bases[i].active, struct hrtimer, node);
		next = MIN(next, to_monotonic(i, t->expires));
	}
	spin_unlock_irqrestore(&hrtimer_lock, f);
	return next;
}

/* hrtimer_run_queues - see hrtimer.h. */
void hrtimer_run_queues(void)
{
	unsigned long f = spin_lock_irqsave(&hrtimer_lock);

	for (int i = 0; i < HRTIMER_MAX_BASES; i++)
		run_base(&bases[i]);
	spin_unlock_irqrestore(&hrtimer_lock, f);
}
