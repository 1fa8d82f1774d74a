/*
 * poll/select plumbing. A file's ->poll() returns its ready mask and,
 * when pt is not NULL, calls poll_wait() for every wait queue whose
 * wake-up could change that mask; the poller sleeps on all of them.
 */
#ifndef TINE_POLL_H
#define TINE_POLL_H

#include <tine/wait.h>
#include <uapi/poll.h>

struct file;

#define POLL_INLINE_ENTRIES 16

struct poll_table_entry {
	struct wait_queue_head *wq;
	struct wait_queue_entry wait;
};

struct poll_table {
	int nr;				/* entries used */
	int cap;			/* entries allocated */
	struct poll_table_entry *entries;	/* inline or kmalloc'd */
	struct poll_table_entry inline_entries[POLL_INLINE_ENTRIES];
	int error;			/* -ENOMEM while queueing */
};

/* Queue the poller on wq (no-op when pt is NULL). */
void poll_wait(struct file *f, struct wait_queue_head *wq,
	       struct poll_table *pt);
/* The mask of a file: f_op->poll, or "always ready" without one. */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

#endif
