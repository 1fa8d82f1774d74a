/*
 * epoll: an instance (struct eventpoll, the file of epoll_create) holds
 * an item (struct epitem) per watched (file, fd). When an item is added
 * its file's ->poll() is called with a queue procedure that hooks an
 * eppoll_entry on every wait queue the file names; that entry's wake
 * function, ep_poll_callback(), puts the item on the ready list and
 * wakes the instance's waiters. epoll_wait() takes the ready list,
 * asks each item's file for its mask again, reports what is ready and
 * puts level-triggered items back (edge-triggered ones come back with
 * the next wake-up; one-shot ones are disarmed until EPOLL_CTL_MOD).
 *
 * An item holds no reference to its file: the registration goes away
 * with the file's last reference (eventpoll_release from __fput), as
 * in Linux. Instances may watch instances (nested epoll); the global
 * epmutex serializes the additions that could form a loop or a chain
 * deeper than EP_MAX_NESTS, which ep_loop_check() refuses (ELOOP),
 * and reverse_path_check() limits the wake-up paths from one file
 * through nested instances (EINVAL), as Linux.
 *
 * Files: this one has the instance, its items, the wake-ups, the ready
 * list and epoll_create; eventpoll_nest.c the nesting checks;
 * eventpoll_sys.c epoll_ctl and the epoll_wait calls; the structures
 * they share are in eventpoll_internal.h.
 *
 * Lock order (outermost first; see docs/locking.md):
 *   epmutex (mutex)            additions that nest instances, ep_free,
 *                              eventpoll_release_file
 *     ep->mtx (mutex)          an instance's items: hash, events, pwqlist;
 *                              held over a whole ready-list scan. A
 *                              nested instance's mtx is taken inside its
 *                              watcher's (outer before inner)
 *       file->f_lock (spin)    the file's f_ep_links
 *       pollfree_lock (spin)   unhooking from a queue that may be freed
 *                              (kernel/waitqueue.c)
 *         a watched file's wait queue lock (spin): ep_poll_callback
 *         runs under it
 *           ep->lock (spin, irq-safe)  rdllist, rdllink, item events
 *             ep->wq.lock (spin)       epoll_wait sleepers -> rq_lock
 *           ep->poll_wait.lock (spin)  after ep->lock is dropped: the
 *             next instance up the chain (at most EP_MAX_NESTS deep)
 * Nothing copies to user space under a spinlock; ep_send_events copies
 * under ep->mtx only.
 */
#include <tine/anon_inodes.h>
#include <tine/err.h>
#include <tine/eventpoll.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/eventpoll.h>
#include "eventpoll_internal.h"
#include "internal.h"

/* Bits that are instructions to epoll, never events of a file. */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EP_HASH_MIN 16

/* One of an item's hooks on a wait queue of its file. */
struct eppoll_entry {
	struct list_head llink;		/* [ep->mtx] in epi->pwqlist */
	struct epitem *base;		/* [I] */
	struct wait_queue_entry wait;	/* func = ep_poll_callback */
	struct wait_queue_head *whead;	/* NULL once freed (pollfree_lock) */
};

/* What ep_ptable_queue_proc needs: the item and an allocation error. */
struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
	int error;
};

DEFINE_MUTEX_RANKED(epmutex, LR_EPMUTEX);

/* FIXME: Linux limits watches per user; tine counts all users' as one. */
static atomic_long_t ep_nr_watches;
static long max_user_watches;

static const struct file_operations eventpoll_fops;

/* is_file_epoll - see eventpoll.h. */
bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* epoll_tfile_raw - see eventpoll.h. */
long epoll_tfile_raw(struct file *f, int tfd, unsigned long toff,
		     const void **raw)
{
	struct eventpoll *ep;
	const void *floor = NULL;	/* files at or below this are counted */
	struct epitem *epi;
	long ret = -ENOENT;

	if (!is_file_epoll(f))
		return -EINVAL;
	ep = f->private_data;
	mutex_lock(&ep->mtx);
	/* The toff-th smallest file among the items watched as tfd. */
	for (unsigned long n = 0; n <= toff; n++) {
		const void *next = NULL;

		for (unsigned int b = 0; b < ep->hash_size; b++)
			list_for_each_entry(epi, &ep->hash[b], hnode)
				if (epi->fd == tfd &&
				    (n == 0 || (const void *)epi->file > floor) &&
				    (!next || (const void *)epi->file < next))
					next = epi->file;
		if (!next)
			goto out;
		floor = next;
	}
	*raw = floor;
	ret = 0;
out:
	mutex_unlock(&ep->mtx);
	return ret;
}

/* ---- the item hash ---- */

static unsigned int ep_hash(struct eventpoll *ep, struct file *f, int fd)
{
	u64 h = (u64)(unsigned long)f * 0x9e3779b97f4a7c15ULL ^ (u64)fd;

	return (h ^ (h >> 29)) & (ep->hash_size - 1);
}

/* ep_find - see eventpoll_internal.h. */
struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	mutex_assert_held(&ep->mtx);
	list_for_each_entry(epi, &ep->hash[ep_hash(ep, f, fd)], hnode)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

/* Double the table when it gets crowded (a failed allocation is fine). */
static void ep_hash_grow(struct eventpoll *ep)
{
	unsigned int old_size = ep->hash_size, i;
	struct list_head *old = ep->hash, *n;
	struct epitem *epi, *tmp;

	if (ep->nr_items < 2 * old_size)
		return;
	n = kmalloc(2 * old_size * sizeof(*n), GFP_KERNEL);
	if (!n)
		return;
	for (i = 0; i < 2 * old_size; i++)
		INIT_LIST_HEAD(&n[i]);
	ep->hash = n;
	ep->hash_size = 2 * old_size;
	for (i = 0; i < old_size; i++)
		list_for_each_entry_safe(epi, tmp, &old[i], hnode) {
			list_del_init(&epi->hnode);
			list_add(&epi->hnode,
				 &n[ep_hash(ep, epi->file, epi->fd)]);
		}
	kfree(old);
}

/* ---- wake-ups ---- */

/*
 * The wake function of an item's hook: unless the event is one the
 * item does not watch (or it is a disarmed one-shot), queue the item
 * as ready and wake the instance's waiters and pollers. Runs under
 * the watched queue's lock, maybe in an interrupt. Returns whether an
 * EPOLLEXCLUSIVE item counts as woken.
 */
static int ep_poll_callback(struct wait_queue_entry *wait, unsigned int mode,
			    unsigned long key)
{
	struct eppoll_entry *pwq = container_of(wait, struct eppoll_entry,
						wait);
	struct epitem *epi = pwq->base;
	struct eventpoll *ep = epi->ep;
	unsigned int events;
	unsigned long f;
	int ewake = 0;
	bool pwake = false;

	f = spin_lock_irqsave(&ep->lock);
	events = epi->event.events;
	if (!(events & ~EP_PRIVATE_BITS))
		goto out;
	if (key && !(key & events))
		goto out;
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	/* An exclusive item counts as a wake-up only when it wakes a
	 * waiter, for an event it watches (as Linux: EPOLLIN, EPOLLOUT or
	 * unspecified); otherwise the next exclusive entry gets its turn.
	 * Waiters join and leave ep->wq under ep->lock, so this is exact. */
	if (waitqueue_active(&ep->wq)) {
		if ((events & EPOLLEXCLUSIVE) && !(key & POLLFREE)) {
			switch (key & EPOLLINOUT_BITS) {
			case EPOLLIN:
				ewake = !!(events & EPOLLIN);
				break;
			case EPOLLOUT:
				ewake = !!(events & EPOLLOUT);
				break;
			case 0:
				ewake = 1;
				break;
			}
		}
		wake_up(&ep->wq);
	}
	pwake = true;
out:
	spin_unlock_irqrestore(&ep->lock, f);
	if (pwake)
		wake_up_poll(&ep->poll_wait, POLLIN | POLLRDNORM);
	if (!(events & EPOLLEXCLUSIVE))
		ewake = 1;
	if (key & POLLFREE) {
		/* The queue is being freed: unhook for good (we run under
		 * its lock and wake_up_pollfree's pollfree_lock). */
		list_del_init(&wait->entry);
		__atomic_store_n(&pwq->whead, NULL, __ATOMIC_RELEASE);
	}
	return ewake;
}

/* An item became ready outside a callback: queue it and wake. */
static void ep_item_ready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long f = spin_lock_irqsave(&ep->lock);
	bool queued = list_empty(&epi->rdllink);

	if (queued) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
		wake_up(&ep->wq);
	}
	spin_unlock_irqrestore(&ep->lock, f);
	if (queued)
		wake_up_poll(&ep->poll_wait, POLLIN | POLLRDNORM);
}

/* Anything on the ready list? A hint, as in Linux (no lock). */
static bool ep_events_available(struct eventpoll *ep)
{
	return !list_empty(&ep->rdllist);
}

/* ---- polling an item ---- */

static unsigned int __ep_eventpoll_poll(struct file *f,
					struct poll_table *pt, int depth);

/* The item's file's mask, limited to what the item watches. */
static unsigned int ep_item_poll(struct epitem *epi, struct poll_table *pt,
				 int depth)
{
	unsigned int events = READ_ONCE(epi->event.events), res;

	pt->key = events;
	if (is_file_epoll(epi->file))
		res = __ep_eventpoll_poll(epi->file, pt, depth);
	else
		res = vfs_poll(epi->file, pt);
	return res & events;
}

/* The queue procedure of epoll: hook an eppoll_entry on wq. */
static void ep_ptable_queue_proc(struct file *f, struct wait_queue_head *wq,
				 struct poll_table *pt)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct eppoll_entry *pwq;

	if (epq->error)
		return;
	pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);
	if (!pwq) {
		epq->error = -ENOMEM;
		return;
	}
	init_waitqueue_func_entry(&pwq->wait, ep_poll_callback);
	pwq->base = epi;
	pwq->whead = wq;
	list_add_tail(&pwq->llink, &epi->pwqlist);
	if (epi->event.events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(wq, &pwq->wait);
	else
		add_wait_queue(wq, &pwq->wait);
}

/*
 * Unhook all of an item's entries: after this no callback runs for it
 * (a running one holds the queue lock remove_wait_queue takes).
 * ep->mtx held.
 */
static void ep_unregister_pollwait(struct epitem *epi)
{
	struct eppoll_entry *pwq, *n;

	mutex_assert_held(&epi->ep->mtx);
	list_for_each_entry_safe(pwq, n, &epi->pwqlist, llink) {
		remove_wait_queue_pollfree(&pwq->whead, &pwq->wait);
		list_del_init(&pwq->llink);
		kfree(pwq);
	}
}

/* ---- adding, changing, removing items ---- */

/* ep_remove - see eventpoll_internal.h. */
void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long f;

	mutex_assert_held(&ep->mtx);
	ep_unregister_pollwait(epi);
	f = spin_lock_irqsave(&epi->file->f_lock);
	list_del_init(&epi->fllink);
	spin_unlock_irqrestore(&epi->file->f_lock, f);
	list_del_init(&epi->hnode);
	ep->nr_items--;
	f = spin_lock_irqsave(&ep->lock);
	if (!list_empty(&epi->rdllink))
		list_del_init(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, f);
	kfree(epi);
	__atomic_sub_fetch(&ep_nr_watches.counter, 1, __ATOMIC_RELAXED);
}

/* A new item, linked into the hash and its file's list. */
static struct epitem *ep_item_alloc(struct eventpoll *ep,
				    const struct epoll_event *event,
				    struct file *tfile, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi));
	unsigned long f;

	if (!epi)
		return NULL;
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->pwqlist);
	epi->file = tfile;
	epi->fd = fd;
	epi->ep = ep;
	epi->event = *event;
	f = spin_lock_irqsave(&tfile->f_lock);
	list_add_tail(&epi->fllink, &tfile->f_ep_links);
	spin_unlock_irqrestore(&tfile->f_lock, f);
	ep_hash_grow(ep);
	list_add(&epi->hnode, &ep->hash[ep_hash(ep, tfile, fd)]);
	ep->nr_items++;
	return epi;
}

/* ep_insert - see eventpoll_internal.h. */
int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
	      struct file *tfile, int fd, bool full_check)
{
	struct ep_pqueue epq;
	struct epitem *epi;
	unsigned int revents;

	mutex_assert_held(&ep->mtx);
	if (full_check)
		mutex_assert_held(&epmutex);
	if (__atomic_add_fetch(&ep_nr_watches.counter, 1, __ATOMIC_RELAXED) >
	    max_user_watches) {
		__atomic_sub_fetch(&ep_nr_watches.counter, 1, __ATOMIC_RELAXED);
		return -ENOSPC;
	}
	epi = ep_item_alloc(ep, event, tfile, fd);
	if (!epi) {
		__atomic_sub_fetch(&ep_nr_watches.counter, 1, __ATOMIC_RELAXED);
		return -ENOMEM;
	}
	if (full_check && reverse_path_check()) {
		ep_remove(ep, epi);
		return -EINVAL;
	}
	init_poll_funcptr(&epq.pt, ep_ptable_queue_proc);
	epq.epi = epi;
	epq.error = 0;
	revents = ep_item_poll(epi, &epq.pt, 1);
	if (epq.error) {
		ep_remove(ep, epi);
		return epq.error;
	}
	if (revents)
		ep_item_ready(ep, epi);
	return 0;
}

/* ep_modify - see eventpoll_internal.h. */
int ep_modify(struct eventpoll *ep, struct epitem *epi,
	      const struct epoll_event *event)
{
	struct poll_table pt;
	unsigned long f;

	mutex_assert_held(&ep->mtx);
	init_poll_funcptr(&pt, NULL);
	f = spin_lock_irqsave(&ep->lock);
	epi->event = *event;
	spin_unlock_irqrestore(&ep->lock, f);
	if (ep_item_poll(epi, &pt, 1))
		ep_item_ready(ep, epi);
	return 0;
}

/* ---- reporting events ---- */

/* Take the next item off a scan's list (NULL when empty). */
static struct epitem *ep_scan_next(struct eventpoll *ep,
				   struct list_head *txlist)
{
	struct epitem *epi = NULL;
	unsigned long f = spin_lock_irqsave(&ep->lock);

	if (!list_empty(txlist)) {
		epi = list_first_entry(txlist, struct epitem, rdllink);
		list_del_init(&epi->rdllink);
	}
	spin_unlock_irqrestore(&ep->lock, f);
	return epi;
}

/* Put a scanned item back on the ready list (unless already there). */
static void ep_requeue(struct eventpoll *ep, struct epitem *epi, bool head)
{
	unsigned long f = spin_lock_irqsave(&ep->lock);

	if (list_empty(&epi->rdllink)) {
		if (head)
			list_add(&epi->rdllink, &ep->rdllist);
		else
			list_add_tail(&epi->rdllink, &ep->rdllist);
	}
	spin_unlock_irqrestore(&ep->lock, f);
}

/* Start a scan: the ready list moves to txlist. ep->mtx held. */
static void ep_start_scan(struct eventpoll *ep, struct list_head *txlist)
{
	unsigned long f = spin_lock_irqsave(&ep->lock);

	mutex_assert_held(&ep->mtx);
	list_splice_init(&ep->rdllist, txlist);
	spin_unlock_irqrestore(&ep->lock, f);
}

/*
 * End a scan: what was not looked at goes back to the front of the
 * ready list; if anything is ready, another waiter may have it.
 */
static void ep_done_scan(struct eventpoll *ep, struct list_head *txlist)
{
	unsigned long f = spin_lock_irqsave(&ep->lock);

	list_splice_init(txlist, &ep->rdllist);
	if (!list_empty(&ep->rdllist))
		wake_up(&ep->wq);
	spin_unlock_irqrestore(&ep->lock, f);
}

/*
 * Report up to maxevents ready items to uevents: the number reported,
 * or -EFAULT if the first copy failed. Level-triggered items stay
 * ready, one-shot items are disarmed. Takes ep->mtx; may sleep.
 */
static int ep_send_events(struct eventpoll *ep,
			  struct epoll_event __user *uevents, int maxevents)
{
	struct epoll_event ev;
	struct poll_table pt;
	struct epitem *epi;
	LIST_HEAD(txlist);
	unsigned long f;
	int res = 0;

	init_poll_funcptr(&pt, NULL);
	mutex_lock(&ep->mtx);
	ep_start_scan(ep, &txlist);
	while (res < maxevents && (epi = ep_scan_next(ep, &txlist))) {
		ev.events = ep_item_poll(epi, &pt, 1);
		if (!ev.events)
			continue;	/* no longer ready: dropped */
		ev.data = epi->event.data;
		if (copy_to_user(&uevents[res], &ev, sizeof(ev))) {
			ep_requeue(ep, epi, true);
			if (!res)
				res = -EFAULT;
			break;
		}
		res++;
		if (epi->event.events & EPOLLONESHOT) {
			f = spin_lock_irqsave(&ep->lock);
			epi->event.events &= EP_PRIVATE_BITS;
			spin_unlock_irqrestore(&ep->lock, f);
		} else if (!(epi->event.events & EPOLLET)) {
			ep_requeue(ep, epi, false);
		}
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

/*
 * The epoll file's own mask: POLLIN if some ready item really is
 * ready (items that are not are dropped from the ready list). depth
 * counts the instances above us (the loop check bounds it).
 */
static unsigned int __ep_eventpoll_poll(struct file *f,
					struct poll_table *wait, int depth)
{
	struct eventpoll *ep = f->private_data;
	struct poll_table pt;
	struct epitem *epi;
	LIST_HEAD(txlist);
	unsigned int res = 0;

	init_poll_funcptr(&pt, NULL);
	poll_wait(f, &ep->poll_wait, wait);
	if (depth > EP_MAX_NESTS + 1)
		return 0;	/* cannot happen: the loop check bounds it */
	mutex_lock(&ep->mtx);
	ep_start_scan(ep, &txlist);
	while ((epi = ep_scan_next(ep, &txlist))) {
		if (ep_item_poll(epi, &pt, depth + 1)) {
			ep_requeue(ep, epi, true);
			res = POLLIN | POLLRDNORM;
			break;
		}
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

static unsigned int ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	return __ep_eventpoll_poll(f, pt, 0);
}

/* ---- waiting ---- */

/* Join ep->wq (exclusive, TASK_INTERRUPTIBLE), under ep->lock. */
static void ep_wait_queue(struct eventpoll *ep, struct wait_queue_entry *w)
{
	unsigned long f = spin_lock_irqsave(&ep->lock);

	init_wait_entry(w);
	prepare_to_wait_exclusive(&ep->wq, w, TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&ep->lock, f);
}

static void ep_wait_dequeue(struct eventpoll *ep, struct wait_queue_entry *w)
{
	unsigned long f = spin_lock_irqsave(&ep->lock);

	finish_wait(&ep->wq, w);
	spin_unlock_irqrestore(&ep->lock, f);
}

/* ep_poll - see eventpoll_internal.h. */
int ep_poll(struct eventpoll *ep, struct epoll_event __user *events,
	    int maxevents, u64 deadline, bool zero)
{
	struct wait_queue_entry wait;
	bool timed_out = zero;
	int res;

	for (;;) {
		if (ep_events_available(ep)) {
			res = ep_send_events(ep, events, maxevents);
			if (res)
				return res;
		}
		if (timed_out)
			return 0;
		if (signal_pending(current))
			return -EINTR;
		ep_wait_queue(ep, &wait);
		if (!ep_events_available(ep) && !signal_pending(current)) {
			if (!deadline)
				schedule();
			else if (ktime_get_ns() < deadline)
				schedule_timeout(deadline);
			else
				timed_out = true;
		}
		ep_wait_dequeue(ep, &wait);
		if (deadline && ktime_get_ns() >= deadline)
			timed_out = true;
	}
}

/* ---- the instance and its file ---- */

static struct eventpoll *ep_alloc(void)
{
	struct eventpoll *ep = kzalloc(sizeof(*ep));
	unsigned int i;

	if (!ep)
		return NULL;
	ep->hash = kmalloc(EP_HASH_MIN * sizeof(*ep->hash), GFP_KERNEL);
	if (!ep->hash) {
		kfree(ep);
		return NULL;
	}
	ep->hash_size = EP_HASH_MIN;
	for (i = 0; i < EP_HASH_MIN; i++)
		INIT_LIST_HEAD(&ep->hash[i]);
	mutex_init_ranked(&ep->mtx, "ep->mtx", LR_EPOLL_MTX);
	spin_lock_init_ranked(&ep->lock, "ep->lock", LR_EPOLL);
	init_waitqueue_head(&ep->wq);
	spin_lock_init_ranked(&ep->wq.lock, "ep->wq.lock", LR_EPOLL_WQ);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	return ep;
}

/* The epoll file's last reference: drop every item, free. */
static void ep_free(struct eventpoll *ep)
{
	struct epitem *epi, *n;
	unsigned int i;

	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	for (i = 0; i < ep->hash_size; i++)
		list_for_each_entry_safe(epi, n, &ep->hash[i], hnode)
			ep_remove(ep, epi);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	kfree(ep->hash);
	kfree(ep);
}

static int ep_eventpoll_release(struct inode *i, struct file *f)
{
	if (f->private_data)
		ep_free(f->private_data);
	return 0;
}

/* fdinfo: one line per watched file, as Linux prints them. */
static void ep_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;

	mutex_lock(&ep->mtx);
	for (unsigned int i = 0; i < ep->hash_size; i++) {
		list_for_each_entry(epi, &ep->hash[i], hnode) {
			struct inode *inode = epi->file->f_inode;

			seq_printf(m, "tfd: %8d events: %8x data: %16llx  "
				      "pos:%lli ino:%lx sdev:%x\n", epi->fd,
				   epi->event.events,
				   (unsigned long long)epi->event.data,
				   (long long)READ_ONCE(epi->file->f_pos),
				   inode->i_ino,
				   inode->i_sb ? inode->i_sb->s_dev : 0);
		}
	}
	mutex_unlock(&ep->mtx);
}

static const struct file_operations eventpoll_fops = {
	.show_fdinfo = ep_show_fdinfo,
	.poll = ep_eventpoll_poll,
	.release = ep_eventpoll_release,
	.llseek = noop_llseek,
};

/* eventpoll_release - see eventpoll.h. */
void eventpoll_release(struct file *f)
{
	struct epitem *epi;
	struct eventpoll *ep;
	unsigned long fl;

	/* Under f_lock, so an ep_remove() elsewhere is done with f. */
	fl = spin_lock_irqsave(&f->f_lock);
	if (list_empty(&f->f_ep_links)) {
		spin_unlock_irqrestore(&f->f_lock, fl);
		return;
	}
	spin_unlock_irqrestore(&f->f_lock, fl);
	mutex_lock(&epmutex);	/* no ep_free() under us */
	for (;;) {
		fl = spin_lock_irqsave(&f->f_lock);
		epi = list_empty(&f->f_ep_links) ? NULL :
			list_first_entry(&f->f_ep_links, struct epitem, fllink);
		spin_unlock_irqrestore(&f->f_lock, fl);
		if (!epi)
			break;
		ep = epi->ep;
		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	struct file *f;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	if (!max_user_watches)
		max_user_watches = (long)(totalram_pages() / 25) * PAGE_SIZE /
				   (sizeof(struct epitem) +
				    sizeof(struct eppoll_entry));
	ep = ep_alloc();
	if (!ep)
		return -ENOMEM;
	fd = get_unused_fd_flags(flags & EPOLL_CLOEXEC);
	if (fd < 0)
		goto out_free;
	f = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, O_RDWR);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		fd = PTR_ERR(f);
		goto out_free;
	}
	ep->file = f;
	fd_install(fd, f);
	return fd;

out_free:
	ep_free(ep);
	return fd;
}

static long sys_epoll_create1(int flags)
{
	return do_epoll_create(flags);
}
SYSCALL_ENTRY(epoll_create1, sys_epoll_create1);

static long sys_epoll_create(int size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}
SYSCALL_ENTRY(epoll_create, sys_epoll_create);

