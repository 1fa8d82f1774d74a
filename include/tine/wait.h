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

struct wait_queue_head {
	spinlock_t lock;		/* protects head */
	struct list_head head;		/* [lock] wait_queue_entry.entry */
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;		/* [wq->lock] */
};

#define WAIT_QUEUE_HEAD_INIT(n) { SPINLOCK_INIT, LIST_HEAD_INIT((n).head) }
#define DECLARE_WAIT_QUEUE_HEAD(n) \
	struct wait_queue_head n = WAIT_QUEUE_HEAD_INIT(n)

void init_waitqueue_head(struct wait_queue_head *wq);
void init_wait_entry(struct wait_queue_entry *w);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
/* Wake every task on wq whose state matches mode (TASK_NORMAL etc). */
void __wake_up(struct wait_queue_head *wq, long mode);
#define wake_up(wq) __wake_up(wq, TASK_NORMAL)
#define wake_up_interruptible(wq) __wake_up(wq, TASK_INTERRUPTIBLE)
bool waitqueue_active(struct wait_queue_head *wq);

int signal_pending_state(long state, struct task_struct *p);
void schedule(void);

/*
 * Sleep in state until cond. Returns 0, or -ERESTARTSYS when a signal
 * (any for TASK_INTERRUPTIBLE, fatal for TASK_KILLABLE) interrupts.
 */
#define ___wait_event(wq, cond, state)                                    \
	({                                                                \
		struct wait_queue_entry __w;                              \
		long __ret = 0;                                           \
		init_wait_entry(&__w);                                    \
		for (;;) {                                                \
			prepare_to_wait(&(wq), &__w, state);              \
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
