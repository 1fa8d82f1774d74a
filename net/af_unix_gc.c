/*
 * Files in flight and the garbage collector of AF_UNIX.
 *
 * A file sent with SCM_RIGHTS sits in an skb on some socket's receive
 * queue until received. If that file is itself a unix socket, it can
 * hold its own queue alive: a socket sent over itself and closed, or
 * two sockets sent to each other, are unreachable yet referenced. The
 * collector finds such cycles (the algorithm of Linux up to 6.9):
 *
 *  1. Candidates: in-flight sockets whose every file reference is in
 *     flight (file count == inflight): nothing outside queues holds
 *     them.
 *  2. For each candidate, scan its queue (and its embryos' queues for
 *     a listener) and, for each candidate found in flight there,
 *     decrement its inflight count.
 *  3. A candidate left with a positive count is referenced from outside
 *     the candidate set: it is alive, and so is everything in flight
 *     in its queue (restore their counts, transitively).
 *  4. What remains is garbage: the skbs in its queues that carry
 *     candidates are unlinked and freed, which drops the references
 *     that made the cycles.
 *
 * unix_gc_lock protects every inflight count, the lists and the
 * per-user totals; it is held through steps 1-4 (queue locks nest in
 * it), so counts cannot move under the collector. A MSG_PEEK that
 * duplicates files takes and drops it (unix_gc_barrier) so a peeked
 * copy is never made while the collector decides. The collector runs
 * when a unix socket is released and something is in flight, and when
 * the in-flight total grows large.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include "af_unix.h"

#define UNIX_INFLIGHT_TRIGGER_GC 16000
#define UNIX_USER_HASH 16

/* Files in flight per sending user (limited to RLIMIT_NOFILE). */
struct unix_user {
	kuid_t uid;
	long inflight;			/* [unix_gc_lock] */
	struct list_head link;		/* [unix_gc_lock] in unix_users[] */
};

static DEFINE_SPINLOCK_RANKED(unix_gc_lock, LR_UNIX_GC);
static LIST_HEAD(gc_inflight_list);	/* [unix_gc_lock] unix_sock.gc_link */
static long unix_tot_inflight;		/* [unix_gc_lock] sockets in flight */
static bool gc_in_progress;		/* [unix_gc_lock] */
static struct list_head unix_users[UNIX_USER_HASH];	/* [unix_gc_lock] */
static bool unix_users_ready;		/* [unix_gc_lock] lists initialized */

/* unix_get_socket - see af_unix.h. */
struct sock *unix_get_socket(struct file *f)
{
	struct socket *sock = sock_from_file(f);

	if (!sock || !sock->ops || sock->ops->family != AF_UNIX)
		return NULL;
	return sock->sk;
}

/* uid's entry (inserting spare if it has none); unix_gc_lock held. */
static struct unix_user *unix_user(kuid_t uid, struct unix_user **spare)
{
	struct list_head *b;
	struct unix_user *uu;
	int i;

	assert_spin_locked(&unix_gc_lock);
	if (!unix_users_ready) {
		for (i = 0; i < UNIX_USER_HASH; i++)
			INIT_LIST_HEAD(&unix_users[i]);
		unix_users_ready = true;
	}
	b = &unix_users[__kuid_val(uid) % UNIX_USER_HASH];
	list_for_each_entry(uu, b, link)
		if (uid_eq(uu->uid, uid))
			return uu;
	if (!spare || !*spare)
		return NULL;
	uu = *spare;
	*spare = NULL;
	uu->uid = uid;
	uu->inflight = 0;
	list_add(&uu->link, b);
	return uu;
}

/*
 * Over the limit? Linux lets a user have RLIMIT_NOFILE files in flight
 * unless privileged (CAP_SYS_RESOURCE or CAP_SYS_ADMIN).
 */
static bool too_many_unix_fds(struct unix_user *uu, bool priv)
{
	return uu->inflight > (long)rlimit_nofile() && !priv;
}

/* One file enters flight; unix_gc_lock held. */
static void unix_inflight(struct file *f)
{
	struct sock *sk = unix_get_socket(f);
	struct unix_sock *u;

	assert_spin_locked(&unix_gc_lock);
	if (!sk)
		return;
	u = unix_sk(sk);
	if (!u->inflight++)
		list_add_tail(&u->gc_link, &gc_inflight_list);
	unix_tot_inflight++;
}

/* One file leaves flight; unix_gc_lock held. */
static void unix_notinflight(struct file *f)
{
	struct sock *sk = unix_get_socket(f);
	struct unix_sock *u;

	assert_spin_locked(&unix_gc_lock);
	if (!sk)
		return;
	u = unix_sk(sk);
	if (!--u->inflight)
		list_del_init(&u->gc_link);
	unix_tot_inflight--;
}

/* unix_inflight_fpl - see af_unix.h. May trigger a collection. */
int unix_inflight_fpl(struct scm_fp_list *fpl)
{
	struct unix_user *spare = kmalloc(sizeof(*spare), GFP_KERNEL);
	bool priv = capable(CAP_SYS_RESOURCE) || capable(CAP_SYS_ADMIN);
	struct unix_user *uu;
	bool gc;
	int i;

	spin_lock(&unix_gc_lock);
	uu = unix_user(fpl->user, &spare);
	if (!uu || too_many_unix_fds(uu, priv)) {
		spin_unlock(&unix_gc_lock);
		kfree(spare);
		return uu ? -ETOOMANYREFS : -ENOMEM;
	}
	for (i = 0; i < fpl->count; i++)
		unix_inflight(fpl->fp[i]);
	uu->inflight += fpl->count;
	gc = unix_tot_inflight > UNIX_INFLIGHT_TRIGGER_GC && !gc_in_progress;
	spin_unlock(&unix_gc_lock);
	kfree(spare);
	if (gc)
		unix_gc();
	return 0;
}

/* unix_notinflight_fpl - see af_unix.h. */
void unix_notinflight_fpl(struct scm_fp_list *fpl)
{
	struct unix_user *uu;
	int i;

	spin_lock(&unix_gc_lock);
	for (i = 0; i < fpl->count; i++)
		unix_notinflight(fpl->fp[i]);
	uu = unix_user(fpl->user, NULL);
	if (uu) {
		uu->inflight -= fpl->count;
		if (!uu->inflight)
			list_del(&uu->link);
		else
			uu = NULL;
	}
	spin_unlock(&unix_gc_lock);
	kfree(uu);
}

/* unix_gc_barrier - see af_unix.h. */
void unix_gc_barrier(void)
{
	if (READ_ONCE(gc_in_progress)) {
		spin_lock(&unix_gc_lock);
		spin_unlock(&unix_gc_lock);
	}
}

/* unix_gc_has_inflight - is any unix socket in flight? */
bool unix_gc_has_inflight(void)
{
	return READ_ONCE(unix_tot_inflight) != 0;
}

typedef void (*gc_func_t)(struct unix_sock *u, struct list_head *list);

/*
 * Apply func to every candidate in flight in x's queue; with hitlist,
 * move the skbs that carry candidates there. unix_gc_lock held.
 */
static void scan_inflight(struct sock *x, gc_func_t func,
			  struct list_head *list, struct list_head *hitlist)
{
	struct sk_buff_head *q = &x->sk_receive_queue;
	struct sk_buff *skb, *next;

	assert_spin_locked(&unix_gc_lock);
	spin_lock(&q->lock);
	list_for_each_entry_safe(skb, next, &q->list, list) {
		bool hit = false;
		int i;

		for (i = 0; skb->fp && i < skb->fp->count; i++) {
			struct sock *sk = unix_get_socket(skb->fp->fp[i]);

			if (sk && (unix_sk(sk)->gc_flags & UNIX_GC_CANDIDATE)) {
				hit = true;
				func(unix_sk(sk), list);
			}
		}
		if (hit && hitlist) {
			if (skb == unix_sk(x)->oob_skb)
				WRITE_ONCE(unix_sk(x)->oob_skb, NULL);
			__skb_unlink(skb, q);
			list_add_tail(&skb->list, hitlist);
		}
	}
	spin_unlock(&q->lock);
}

/* scan_inflight over x and, for a listener, its embryos. */
static void scan_children(struct sock *x, gc_func_t func,
			  struct list_head *list, struct list_head *hitlist)
{
	struct sk_buff *skb;

	scan_inflight(x, func, list, hitlist);
	if (READ_ONCE(x->sk_state) != TCP_LISTEN)
		return;
	/* Embryos have no file, so they are never in flight themselves;
	 * a listener's queue is stable while its file is unreachable. */
	list_for_each_entry(skb, &x->sk_receive_queue.list, list)
		if (skb->embryo)
			scan_inflight(skb->embryo, func, list, hitlist);
}

static void dec_inflight(struct unix_sock *u, struct list_head *list)
{
	u->inflight--;
}

static void inc_inflight(struct unix_sock *u, struct list_head *list)
{
	u->inflight++;
}

/* A candidate reached from a live one is alive: check it (again). */
static void inc_inflight_move_tail(struct unix_sock *u,
				   struct list_head *candidates)
{
	u->inflight++;
	if (u->gc_flags & UNIX_GC_MAYBE_CYCLE)
		list_move_tail(&u->gc_link, candidates);
}

/* Step 3: candidates with references from outside, and what they hold,
 * go to not_cycle. A cursor keeps the walk valid while entries move. */
static void gc_restore_alive(struct list_head *candidates,
			     struct list_head *not_cycle)
{
	struct list_head cursor;
	struct unix_sock *u;

	list_add(&cursor, candidates);
	while (cursor.next != candidates) {
		u = list_entry(cursor.next, struct unix_sock, gc_link);
		list_move(&cursor, &u->gc_link);
		if (u->inflight > 0) {
			list_move_tail(&u->gc_link, not_cycle);
			u->gc_flags &= ~UNIX_GC_MAYBE_CYCLE;
			scan_children(&u->sk, inc_inflight_move_tail, candidates,
				      NULL);
		}
	}
	list_del(&cursor);
}

/* Step 1: sockets whose every reference is in flight. */
static void gc_pick_candidates(struct list_head *candidates)
{
	struct unix_sock *u, *next;

	list_for_each_entry_safe(u, next, &gc_inflight_list, gc_link) {
		struct file *f = u->sk.sk_socket->file;

		if (atomic_long_read(&f->f_count) == u->inflight) {
			list_move_tail(&u->gc_link, candidates);
			u->gc_flags |= UNIX_GC_CANDIDATE | UNIX_GC_MAYBE_CYCLE;
		}
	}
}

/* unix_gc - see af_unix.h. One collection at a time; others return. */
void unix_gc(void)
{
	struct list_head candidates, not_cycle, hitlist;
	struct unix_sock *u, *next;
	struct sk_buff *skb, *tmp;

	INIT_LIST_HEAD(&candidates);
	INIT_LIST_HEAD(&not_cycle);
	INIT_LIST_HEAD(&hitlist);
	spin_lock(&unix_gc_lock);
	if (gc_in_progress) {
		spin_unlock(&unix_gc_lock);
		return;
	}
	WRITE_ONCE(gc_in_progress, true);
	gc_pick_candidates(&candidates);
	list_for_each_entry(u, &candidates, gc_link)
		scan_children(&u->sk, dec_inflight, NULL, NULL);
	gc_restore_alive(&candidates, &not_cycle);
	/* Garbage: restore the counts, collect the skbs of the cycles. */
	list_for_each_entry(u, &candidates, gc_link)
		scan_children(&u->sk, inc_inflight, NULL, &hitlist);
	list_for_each_entry_safe(u, next, &not_cycle, gc_link) {
		u->gc_flags &= ~UNIX_GC_CANDIDATE;
		list_move_tail(&u->gc_link, &gc_inflight_list);
	}
	list_for_each_entry(u, &candidates, gc_link)
		u->gc_flags &= ~(UNIX_GC_CANDIDATE | UNIX_GC_MAYBE_CYCLE);
	spin_unlock(&unix_gc_lock);
	/* Freeing the skbs takes the garbage out of flight (off candidates). */
	list_for_each_entry_safe(skb, tmp, &hitlist, list) {
		list_del_init(&skb->list);
		kfree_skb(skb);
	}
	spin_lock(&unix_gc_lock);
	list_for_each_entry_safe(u, next, &candidates, gc_link)
		list_move_tail(&u->gc_link, &gc_inflight_list);
	WRITE_ONCE(gc_in_progress, false);
	spin_unlock(&unix_gc_lock);
}
