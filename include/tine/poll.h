/*
 * The poll interface every file type shares (select, poll, epoll).
 *
 * A file's ->poll(f, pt) returns its ready mask (POLLIN|POLLOUT|...)
 * and, when pt asks for it, calls poll_wait() for every wait queue
 * whose wake-up could change that mask. poll_wait() hands the queue to
 * pt's queue procedure, which hooks an entry of its own on it: select
 * and poll queue an entry that wakes the polling task (struct
 * poll_wqueues below); epoll one whose wake function marks its item
 * ready (fs/eventpoll.c). Wake-ups carry the events that happened as
 * the key (wake_up_poll), so a poller interested in other events is
 * not disturbed.
 */
#ifndef TINE_POLL_H
#define TINE_POLL_H

#include <tine/wait.h>
#include <uapi/poll.h>

struct file;
struct poll_table;

/* Hook the poller on wq, the queue of file f (may not sleep long). */
typedef void (*poll_queue_proc)(struct file *f, struct wait_queue_head *wq,
				struct poll_table *pt);

struct poll_table {
	poll_queue_proc qproc;		/* NULL: only report the mask */
	unsigned int key;		/* the events the poller wants */
};

/* Queue the poller on wq, if pt wants to wait. */
static inline void poll_wait(struct file *f, struct wait_queue_head *wq,
			     struct poll_table *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(f, wq, pt);
}

static inline void init_poll_funcptr(struct poll_table *pt,
				     poll_queue_proc qproc)
{
	pt->qproc = qproc;
	pt->key = ~0U;			/* all events */
}

/* The events the poller asked for (all when it did not say). */
static inline unsigned int poll_requested_events(const struct poll_table *pt)
{
	return pt ? pt->key : ~0U;
}

/*
 * The mask of a file: f_op->poll, or "always ready" without one.
 * May sleep (a ->poll may take a mutex).
 */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);
/* Does f have a real ->poll (epoll refuses files without one)? */
bool file_can_poll(struct file *f);

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* ---- select/poll: one entry per queue, waking the polling task ---- */

struct poll_wqueues;

struct poll_table_entry {
	struct file *filp;		/* a reference: keeps wq alive */
	unsigned int key;		/* events this fd was polled for */
	struct wait_queue_entry wait;	/* on *wq, func = pollwake */
	struct wait_queue_head *wq;
	struct poll_wqueues *pwq;	/* whose task to wake */
};

#define POLL_INLINE_ENTRIES 8

struct poll_table_page;

struct poll_wqueues {
	struct poll_table pt;		/* qproc = __pollwait */
	struct poll_table_page *table;	/* more entries, kmalloc'd */
	struct task_struct *polling_task;
	int triggered;			/* a wake-up came since the last look */
	int error;			/* -ENOMEM while queueing */
	int inline_index;		/* inline entries used */
	struct poll_table_entry inline_entries[POLL_INLINE_ENTRIES];
};

/* Set up a table that queues current on every queue ->poll names. */
void poll_initwait(struct poll_wqueues *pwq);
/* Unhook every entry and drop the file references. May sleep. */
void poll_freewait(struct poll_wqueues *pwq);
/*
 * Sleep in TASK_INTERRUPTIBLE until one of the queues is woken with an
 * event we wait for, or the monotonic deadline (0 = none). Returns
 * false when the deadline had already passed (no sleep).
 */
bool poll_schedule_timeout(struct poll_wqueues *pwq, u64 deadline);

#endif
