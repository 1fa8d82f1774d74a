/*
 * What the three files of epoll share: fs/eventpoll.c (instances, items,
 * wake-ups, the ready list, epoll_create), fs/eventpoll_nest.c (the
 * loop and wake-up path checks of nested instances) and
 * fs/eventpoll_sys.c (epoll_ctl, epoll_wait and its variants). The lock
 * order is at the top of fs/eventpoll.c.
 */
#ifndef FS_EVENTPOLL_INTERNAL_H
#define FS_EVENTPOLL_INTERNAL_H

#include <tine/list.h>
#include <tine/mutex.h>
#include <tine/spinlock.h>
#include <tine/types.h>
#include <tine/wait.h>
#include <uapi/eventpoll.h>

struct file;

#define EP_MAX_NESTS 4
#define EPOLLINOUT_BITS (EPOLLIN | EPOLLOUT)

struct eventpoll {
	struct mutex mtx;		/* see the lock order above */
	spinlock_t lock;		/* irq-safe: rdllist and item rdllinks */
	struct wait_queue_head wq;	/* epoll_wait sleepers (exclusive) */
	struct wait_queue_head poll_wait;	/* pollers of this epoll file */
	struct list_head rdllist;	/* [lock] ready items */
	struct list_head *hash;		/* [mtx] items by (file, fd) */
	unsigned int hash_size;		/* [mtx] buckets, a power of two */
	unsigned int nr_items;		/* [mtx] */
	struct file *file;		/* [I] our file (no reference) */
	u64 gen;			/* [epmutex] last loop-check visit */
	int loop_check_depth;		/* [epmutex] depth found at that visit */
};

struct epitem {
	struct list_head hnode;		/* [ep->mtx] in an ep->hash bucket */
	struct list_head rdllink;	/* [ep->lock] on rdllist or a scan's list */
	struct list_head fllink;	/* [file->f_lock] in file->f_ep_links */
	struct list_head pwqlist;	/* [ep->mtx] our eppoll_entries */
	struct file *file;		/* [I] watched file (no reference) */
	int fd;				/* [I] the fd it was added as */
	struct eventpoll *ep;		/* [I] */
	struct epoll_event event;	/* [ep->mtx], events also [ep->lock] */
};

/* Serialises the additions that nest instances, ep_free and
 * eventpoll_release (the outermost lock of epoll). */
extern struct mutex epmutex;

/* --- fs/eventpoll.c --- */

/* The item for (f, fd) in ep, or NULL. ep->mtx held; does not sleep. */
struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd);

/*
 * ep_insert - EPOLL_CTL_ADD: a new item for (tfile, fd), hooked on its
 * file's queues, on the ready list at once if the file is ready;
 * full_check runs the wake-up path check (the caller holds epmutex
 * then). Returns 0, -ENOSPC (watch limit), -ENOMEM, -EINVAL (too many
 * wake-up paths).
 * ep->mtx held; may sleep.
 */
int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
	      struct file *tfile, int fd, bool full_check);

/* ep_modify - EPOLL_CTL_MOD: new events and data, ready at once if so.
 * Returns 0. ep->mtx held; may sleep (the file's ->poll). */
int ep_modify(struct eventpoll *ep, struct epitem *epi,
	      const struct epoll_event *event);

/* ep_remove - unhook and free one item. ep->mtx held; does not sleep. */
void ep_remove(struct eventpoll *ep, struct epitem *epi);

/*
 * ep_poll - wait for events until the monotonic deadline (0: forever;
 * zero: just look) and copy them to events. Returns the number
 * reported, 0 on timeout, -EINTR for a signal (never restarted, as
 * Linux) or -EFAULT. No lock held; sleeps.
 */
int ep_poll(struct eventpoll *ep, struct epoll_event __user *events,
	    int maxevents, u64 deadline, bool zero);

/* --- fs/eventpoll_nest.c --- */

/*
 * ep_ctl_nest_check - an EPOLL_CTL_ADD of tf to ep that may nest
 * instances takes epmutex and runs the loop check first. Returns 0 with
 * *full set if it did (the caller unlocks epmutex after ep_insert), or
 * -ELOOP (the caller unlocks epmutex then too). Called without ep->mtx;
 * may sleep.
 */
int ep_ctl_nest_check(struct eventpoll *ep, struct file *tf, bool *full);

/* reverse_path_check - would the item being added give some file of
 * the last loop check too many wake-up paths? -1 if so, else 0.
 * epmutex held; does not sleep. */
int reverse_path_check(void);

#endif
