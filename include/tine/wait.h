/*
 * Wait queues and completions.
 *
 * The sleep protocol (as in Linux): prepare_to_wait() queues the task and
 * sets its state, the caller re-checks its condition, then schedule().
 * A wake-up between the check and schedule() sets the task back to
 * TASK_RUNNING, so schedule() returns at once: no lost wake-ups.
 */
#ifndef TINE_WAIT_H
#define TINE_WAIT_H

#include <tine/list.h>
#include <tine/spinlock.h>

struct task_struct;
struct wait_queue_entry;

/*
 * What a wake-up does to one entry: mode is the task states to wake
 * (TASK_NORMAL...), key the poll events that happened (POLLIN|...; 0
 * when the waker does not say). Returns nonzero if the entry counts as
 * woken, which matters for exclusive entries. Called with the queue's
 * lock held, interrupts off: must not sleep.
 */
typedef int (*wait_queue_func_t)(struct wait_queue_entry *w,
				 unsigned int mode, unsigned long key);

struct wait_queue_head {
	spinlock_t lock;		/* protects head */
	struct list_head head;		/* [lock] wait_queue_entry.entry */
};

#define WQ_FLAG_EXCLUSIVE 0x01		/* wake one of these, not all */

struct wait_queue_entry {
	unsigned int flags;		/* WQ_FLAG_*; set before queueing */
	struct task_struct *task;	/* for default_wake_function */
	wait_queue_func_t func;		/* what a wake-up does */
	struct list_head entry;		/* [wq->lock] */
};

extern const struct lock_class waitq_lock_class;	/* LR_WAITQ */
#define WAIT_QUEUE_HEAD_INIT(n)                                           \
	{ SPINLOCK_INIT_CLASS(&waitq_lock_class), LIST_HEAD_INIT((n).head) }
#define DECLARE_WAIT_QUEUE_HEAD(n) \
	struct wait_queue_head n = WAIT_QUEUE_HEAD_INIT(n)

void init_waitqueue_head(struct wait_queue_head *wq);
/* An entry that wakes current (default_wake_function). */
void init_wait_entry(struct wait_queue_entry *w);
/* An entry whose wake-up calls func instead (poll tables, epoll). */
void init_waitqueue_func_entry(struct wait_queue_entry *w,
			       wait_queue_func_t func);
/* Wake w->task if it sleeps in a state of mode (returns 1 if it did). */
int default_wake_function(struct wait_queue_entry *w, unsigned int mode,
			  unsigned long key);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     long state);
/* As prepare_to_wait, queued exclusive: a wake_up() wakes one of these. */
void prepare_to_wait_exclusive(struct wait_queue_head *wq,
			       struct wait_queue_entry *w, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
/* Queue or unqueue an entry without touching the task state. */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void add_wait_queue_exclusive(struct wait_queue_head *wq,
			      struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);

/*
 * __wake_up_key - call the wake function of every entry on wq: all the
 * non-exclusive ones, and exclusive ones until nr_exclusive of them say
 * they woke (0 = all). key: the poll events (0 = unspecified). Any
 * context; takes wq->lock (irq-safe).
 */
void __wake_up_key(struct wait_queue_head *wq, unsigned int mode,
		   int nr_exclusive, unsigned long key);
/* The same with wq->lock already held by the caller. */
void __wake_up_locked_key(struct wait_queue_head *wq, unsigned int mode,
			  int nr_exclusive, unsigned long key);
/* Wake tasks sleeping on wq in a state of mode (one exclusive waiter). */
void __wake_up(struct wait_queue_head *wq, long mode);
#define wake_up(wq) __wake_up(wq, TASK_NORMAL)
#define wake_up_all(wq) __wake_up_key(wq, TASK_NORMAL, 0, 0)
#define wake_up_interruptible(wq) __wake_up(wq, TASK_INTERRUPTIBLE)
#define wake_up_interruptible_all(wq) \
	__wake_up_key(wq, TASK_INTERRUPTIBLE, 0, 0)
/* Wake-ups that say which poll events happened (key = POLL* mask). */
#define wake_up_poll(wq, m) __wake_up_key(wq, TASK_NORMAL, 1, (m))
#define wake_up_interruptible_poll(wq, m) \
	__wake_up_key(wq, TASK_INTERRUPTIBLE, 1, (m))
/*
 * wake_up_pollfree - wq is about to be freed: every poller that can
 * outlive it (epoll) must unhook. Entries see POLLHUP | POLLFREE in
 * key, must list_del_init() themselves and clear their pointer to wq.
 * The caller frees wq only after this returns.
 */
void wake_up_pollfree(struct wait_queue_head *wq);
/*
 * remove_wait_queue_pollfree - unhook w from *whp, unless a
 * wake_up_pollfree() got there first (and *whp is NULL): the pair
 * cannot race, so wq is never touched after it is freed.
 */
void remove_wait_queue_pollfree(struct wait_queue_head **whp,
				struct wait_queue_entry *w);
bool waitqueue_active(struct wait_queue_head *wq);

int signal_pending_state(long state, struct task_struct *p);
void schedule(void);

/*
 * Sleep in state until cond. Returns 0, or -ERESTARTSYS when a signal
 * (any for TASK_INTERRUPTIBLE, fatal for TASK_KILLABLE) interrupts.
 */
#define ___wait_event(wq, cond, state) \
	____wait_event(wq, cond, state, prepare_to_wait)
#define ____wait_event(wq, cond, state, prepare)                         \
	({                                                                \
		struct wait_queue_entry __w;                              \
		long __ret = 0;                                           \
		init_wait_entry(&__w);                                    \
		for (;;) {                                                \
			prepare(&(wq), &__w, state);                      \
			if (cond)                                         \
				break;                                    \
			if (signal_pending_state(state, current)) {       \
				__ret = -ERESTARTSYS;                     \
				break;                                    \
			}                                                 \
			schedule();                                       \
		}                                                         \
		finish_wait(&(wq), &__w);                                 \
		__ret;                                                    \
	})
#define wait_event(wq, cond) \
	((void)___wait_event(wq, cond, TASK_UNINTERRUPTIBLE))
#define wait_event_interruptible(wq, cond) \
	___wait_event(wq, cond, TASK_INTERRUPTIBLE)
#define wait_event_killable(wq, cond) ___wait_event(wq, cond, TASK_KILLABLE)
/*
 * As wait_event_interruptible, queued exclusive: a wake_up() wakes one
 * such waiter, so whoever is woken and leaves the condition true for
 * others must wake the next (the condition is checked before a signal:
 * a woken waiter does not drop its wake-up).
 */
#define wait_event_interruptible_exclusive(wq, cond) \
	____wait_event(wq, cond, TASK_INTERRUPTIBLE, prepare_to_wait_exclusive)

/* A one-shot event, as the vfork parent sleeps on (vfork_done). */
struct completion {
	unsigned int done;		/* [wait.lock] */
	struct wait_queue_head wait;
};

void init_completion(struct completion *c);
void complete(struct completion *c);
void complete_all(struct completion *c);
void wait_for_completion(struct completion *c);
/* Returns 0, or -ERESTARTSYS if a fatal signal arrived first. */
int wait_for_completion_killable(struct completion *c);

#endif
