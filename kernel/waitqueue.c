/* Wait queues and completions: the ways a task sleeps (mutexes:
 * kernel/mutex.c). */
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <uapi/poll.h>
#include <uapi/errno.h>

const struct lock_class waitq_lock_class = {
	.name = "wait_queue_head.lock", .rank = LR_WAITQ,
};

/* init_waitqueue_head - an empty queue with its lock. Any context. */
void init_waitqueue_head(struct wait_queue_head *wq)
{
	__spin_lock_init(&wq->lock, &waitq_lock_class);
	INIT_LIST_HEAD(&wq->head);
}

/* init_wait_entry - see wait.h. */
void init_wait_entry(struct wait_queue_entry *w)
{
	w->flags = 0;
	w->task = current;
	w->func = default_wake_function;
	INIT_LIST_HEAD(&w->entry);
}

/* init_waitqueue_func_entry - see wait.h. */
void init_waitqueue_func_entry(struct wait_queue_entry *w,
			       wait_queue_func_t func)
{
	w->flags = 0;
	w->task = NULL;
	w->func = func;
	INIT_LIST_HEAD(&w->entry);
}

/* default_wake_function - see wait.h. */
int default_wake_function(struct wait_queue_entry *w, unsigned int mode,
			  unsigned long key)
{
	return wake_up_state(w->task, mode);
}

/*
 * Queue w: exclusive entries go at the tail, others at the head, so a
 * wake-up reaches every non-exclusive entry before it starts counting
 * exclusive ones (as Linux). wq->lock held.
 */
static void __add_wait_queue(struct wait_queue_head *wq,
			     struct wait_queue_entry *w)
{
	assert_spin_locked(&wq->lock);
	if (w->flags & WQ_FLAG_EXCLUSIVE)
		list_add_tail(&w->entry, &wq->head);
	else
		list_add(&w->entry, &wq->head);
}

/* add_wait_queue - see wait.h. */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long f = spin_lock_irqsave(&wq->lock);

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq, w);
	spin_unlock_irqrestore(&wq->lock, f);
}

/* add_wait_queue_exclusive - see wait.h. */
void add_wait_queue_exclusive(struct wait_queue_head *wq,
			      struct wait_queue_entry *w)
{
	unsigned long f = spin_lock_irqsave(&wq->lock);

	w->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq, w);
	spin_unlock_irqrestore(&wq->lock, f);
}

/* remove_wait_queue - see wait.h. */
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long f = spin_lock_irqsave(&wq->lock);

	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, f);
}

static void __prepare_to_wait(struct wait_queue_head *wq,
			      struct wait_queue_entry *w, long state,
			      bool exclusive)
{
	unsigned long f = spin_lock_irqsave(&wq->lock);

	if (list_empty(&w->entry)) {
		if (exclusive)
			w->flags |= WQ_FLAG_EXCLUSIVE;
		else
			w->flags &= ~WQ_FLAG_EXCLUSIVE;
		__add_wait_queue(wq, w);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, f);
}

/*
 * prepare_to_wait - queue w (non-exclusive) on wq if it is not yet, and
 * set the caller's state before it tests its condition (see wait.h).
 * Takes wq->lock; does not sleep itself.
 */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     long state)
{
	__prepare_to_wait(wq, w, state, false);
}

/* prepare_to_wait_exclusive - see wait.h. */
void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *w, long state)
{
	__prepare_to_wait(wq, w, state, true);
}

/*
 * finish_wait - after the wait: back to TASK_RUNNING and off wq if a
 * wake-up has not already taken w off. Takes wq->lock.
 */
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long f;

	set_current_state(TASK_RUNNING);
	f = spin_lock_irqsave(&wq->lock);
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, f);
}

/* __wake_up_locked_key - see wait.h. */
void __wake_up_locked_key(struct wait_queue_head *wq, unsigned int mode,
			  int nr_exclusive, unsigned long key)
{
	struct wait_queue_entry *w, *n;

	assert_spin_locked(&wq->lock);
	/* Safe walk: a wake function may unhook its own entry. */
	list_for_each_entry_safe(w, n, &wq->head, entry) {
		unsigned int flags = w->flags;

		if (w->func(w, mode, key) && (flags & WQ_FLAG_EXCLUSIVE) &&
		    !--nr_exclusive)
			break;
	}
}

/* __wake_up_key - see wait.h. */
void __wake_up_key(struct wait_queue_head *wq, unsigned int mode,
		   int nr_exclusive, unsigned long key)
{
	unsigned long f = spin_lock_irqsave(&wq->lock);

	resched_ipi_hold();	/* the IPIs after wq->lock: see sched.h */
	__wake_up_locked_key(wq, mode, nr_exclusive, key);
	spin_unlock(&wq->lock);
	resched_ipi_release();
	local_irq_restore(f);
}

/*
 * __wake_up - wake every non-exclusive waiter in a state of mode and one
 * exclusive one. Takes wq->lock; any context.
 */
void __wake_up(struct wait_queue_head *wq, long mode)
{
	__wake_up_key(wq, mode, 1, 0);
}

/*
 * pollfree_lock orders the last wake-up of a queue about to be freed
 * against pollers unhooking from it (remove_wait_queue_pollfree), as
 * RCU does in Linux. Outside every wait queue lock.
 */
static DEFINE_SPINLOCK_RANKED(pollfree_lock, LR_POLLFREE);

/* wake_up_pollfree - see wait.h. */
void wake_up_pollfree(struct wait_queue_head *wq)
{
	unsigned long f = spin_lock_irqsave(&pollfree_lock);

	__wake_up_key(wq, TASK_NORMAL, 0, POLLHUP | POLLFREE);
	spin_unlock_irqrestore(&pollfree_lock, f);
}

/* remove_wait_queue_pollfree - see wait.h. */
void remove_wait_queue_pollfree(struct wait_queue_head **whp,
				struct wait_queue_entry *w)
{
	unsigned long f = spin_lock_irqsave(&pollfree_lock);
	struct wait_queue_head *wq = READ_ONCE(*whp);

	if (wq)
		remove_wait_queue(wq, w);
	spin_unlock_irqrestore(&pollfree_lock, f);
}

/*
 * waitqueue_active - has wq any waiter? Unlocked: only a hint unless the
 * caller orders it against the waiters' prepare_to_wait.
 */
bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/* init_completion - not done, no waiters. Any context. */
void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

/*
 * complete - one waiter may go on. The wake-up happens under the
 * completion's lock: the waiter may return as soon as it sees done (and
 * its completion, often on its stack, be gone), which it can only do
 * after taking that lock, so after we let go of it. Any context.
 */
void complete(struct completion *c)
{
	unsigned long f = spin_lock_irqsave(&c->wait.lock);

	resched_ipi_hold();	/* the waiter takes c->wait.lock next */
	c->done++;
	__wake_up_locked_key(&c->wait, TASK_NORMAL, 1, 0);
	spin_unlock(&c->wait.lock);
	resched_ipi_release();
	local_irq_restore(f);
}

/* complete_all - every waiter, now and later, may go on. As complete(). */
void complete_all(struct completion *c)
{
	unsigned long f = spin_lock_irqsave(&c->wait.lock);

	resched_ipi_hold();
	c->done = ~0U / 2;
	__wake_up_locked_key(&c->wait, TASK_NORMAL, 0, 0);
	spin_unlock(&c->wait.lock);
	resched_ipi_release();
	local_irq_restore(f);
}

static bool try_consume(struct completion *c)
{
	unsigned long f = spin_lock_irqsave(&c->wait.lock);
	bool ok = c->done > 0;

	if (ok && c->done != ~0U / 2)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, f);
	return ok;
}

/*
 * wait_for_completion - sleep (uninterruptibly) until c is completed and
 * take one completion. Sleeps.
 */
void wait_for_completion(struct completion *c)
{
	wait_event(c->wait, try_consume(c));
}

/*
 * wait_for_completion_killable - the same, but a fatal signal ends the
 * wait: 0, or -ERESTARTSYS. Sleeps.
 */
int wait_for_completion_killable(struct completion *c)
{
	return wait_event_killable(c->wait, try_consume(c));
}
