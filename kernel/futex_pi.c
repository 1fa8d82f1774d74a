/*
 * Priority-inheriting futexes: FUTEX_LOCK_PI, LOCK_PI2, TRYLOCK_PI and
 * UNLOCK_PI (Linux's protocol: the futex word holds the owner's tid,
 * FUTEX_WAITERS when the kernel queues waiters, FUTEX_OWNER_DIED after
 * a robust owner died). User space takes and releases an uncontended
 * lock with a compare-and-swap; the kernel is entered only to wait or
 * to hand the lock to a waiter.
 *
 * Each contended PI futex has a futex_pi_state (Linux's rt_mutex and
 * pi_state in one): its owner and its waiters in priority order. The
 * owner runs at least at the priority of its best waiter
 * (rt_mutex_setprio(), kernel/sched/core.c); if the owner itself waits
 * on another PI futex, the boost goes on along the chain
 * (pi_adjust_chain). Blocking on a chain that leads back to the caller
 * is EDEADLK. UNLOCK_PI gives the lock straight to the best waiter
 * (writing its tid into the word); a waiter that leaves (signal,
 * timeout) takes its boost with it. When an owner exits (or execs),
 * each of its PI futexes goes to its best waiter, which writes its own
 * tid into the word, keeping FUTEX_OWNER_DIED if the robust-list walk
 * set it (glibc then reports EOWNERDEAD).
 *
 * Lock: everything here is under futex_lock (kernel/futex.c), the same
 * lock as the wait queues; inside it only p->pi_lock and rq->lock
 * (rt_mutex_setprio) and wait-queue wake-ups after it is dropped. The
 * owner named by a word's tid is looked up before futex_lock is taken
 * (tasklist_lock is outside futex_lock) and checked again under it.
 * A waiter whose own priority changes while it waits (sched_setscheduler,
 * nice) moves in its queue and the chain is boosted again
 * (futex_pi_adjust, Linux's rt_mutex_adjust_pi).
 */
#include <tine/err.h>
#include <tine/futex.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "futex_internal.h"

#define MAX_LOCK_DEPTH 1024		/* chain walks, as Linux */
#define PI_PRIO_NONE 0x7fffffff	/* no PI waiters: no boost */

struct futex_pi_state {
	struct list_head list;		/* [futex_lock] on pi_states */
	struct list_head owner_list;	/* [futex_lock] on owner->pi_state_list */
	struct futex_key key;		/* [C] */
	struct task_struct *owner;	/* [futex_lock] a reference, or NULL */
	struct list_head waiters;	/* [futex_lock] by priority, then age */
};

struct futex_pi_waiter {
	struct list_head list;		/* [futex_lock] in pi_state->waiters */
	struct futex_pi_state *pi_state;	/* [futex_lock] */
	struct task_struct *task;	/* [C] the waiting task */
	int prio;			/* [futex_lock] its prio when (re)queued */
	bool granted;			/* [futex_lock] the lock is ours now */
	bool fixup;			/* [futex_lock] write our tid (owner died) */
};

static LIST_HEAD(pi_states);		/* [futex_lock] */

static struct futex_pi_state *find_pi_state(const struct futex_key *key)
{
	struct futex_pi_state *ps;

	list_for_each_entry(ps, &pi_states, list)
		if (key_eq(&ps->key, key))
			return ps;
	return NULL;
}

/* Make t the owner of ps (a reference), or nobody. futex_lock held. */
static void pi_state_set_owner(struct futex_pi_state *ps, struct task_struct *t)
{
	assert_spin_locked(&futex_lock);
	if (ps->owner) {
		list_del_init(&ps->owner_list);
		put_task_struct(ps->owner);
	}
	ps->owner = t;
	if (t) {
		get_task_struct(t);
		list_add_tail(&ps->owner_list, &t->pi_state_list);
	}
}

static struct futex_pi_state *alloc_pi_state(const struct futex_key *key,
					     struct task_struct *owner)
{
	struct futex_pi_state *ps = kzalloc(sizeof(*ps));

	if (!ps)
		return NULL;
	ps->key = *key;
	INIT_LIST_HEAD(&ps->waiters);
	INIT_LIST_HEAD(&ps->owner_list);
	list_add_tail(&ps->list, &pi_states);
	pi_state_set_owner(ps, owner);
	return ps;
}

static void free_pi_state(struct futex_pi_state *ps)
{
	pi_state_set_owner(ps, NULL);
	list_del(&ps->list);
	kfree(ps);
}

/* Queue w in ps->waiters by priority (FIFO among equals). */
static void enqueue_waiter(struct futex_pi_state *ps, struct futex_pi_waiter *w)
{
	struct futex_pi_waiter *o;

	list_for_each_entry(o, &ps->waiters, list) {
		if (w->prio < o->prio) {
			list_add_tail(&w->list, &o->list);
			return;
		}
	}
	list_add_tail(&w->list, &ps->waiters);
}

static struct futex_pi_waiter *top_waiter(struct futex_pi_state *ps)
{
	if (list_empty(&ps->waiters))
		return NULL;
	return list_first_entry(&ps->waiters, struct futex_pi_waiter, list);
}

/* The best priority of t's PI waiters, PI_PRIO_NONE for none. */
static int pi_waiters_prio(struct task_struct *t)
{
	struct futex_pi_state *ps;
	int best = PI_PRIO_NONE;

	list_for_each_entry(ps, &t->pi_state_list, owner_list) {
		struct futex_pi_waiter *w = top_waiter(ps);

		if (w && w->prio < best)
			best = w->prio;
	}
	return best;
}

/*
 * t's waiters changed: give t the priority of its best waiter and, if
 * that changed t's priority while t waits on a PI futex itself, move t
 * there and go on with that futex's owner. futex_lock held.
 */
static void pi_adjust_chain(struct task_struct *t)
{
	int depth = 0;

	assert_spin_locked(&futex_lock);
	while (t && depth++ < MAX_LOCK_DEPTH) {
		struct futex_pi_waiter *w;

		rt_mutex_setprio(t, pi_waiters_prio(t));
		w = t->pi_blocked_on;
		if (!w || w->prio == READ_ONCE(t->prio))
			break;
		w->prio = READ_ONCE(t->prio);
		list_del(&w->list);
		enqueue_waiter(w->pi_state, w);
		t = w->pi_state->owner;
	}
}

/* futex_pi_adjust - see tine/futex.h. */
void futex_pi_adjust(struct task_struct *p)
{
	struct futex_pi_waiter *w;
	unsigned long f;

	if (!READ_ONCE(p->pi_blocked_on))
		return;
	f = spin_lock_irqsave(&futex_lock);
	w = p->pi_blocked_on;
	if (w && w->prio != READ_ONCE(p->prio)) {
		w->prio = READ_ONCE(p->prio);
		list_del(&w->list);
		enqueue_waiter(w->pi_state, w);
		pi_adjust_chain(w->pi_state->owner);
	}
	spin_unlock_irqrestore(&futex_lock, f);
}

/* Would current waiting on ps close a cycle of waiters? */
static bool pi_would_deadlock(struct futex_pi_state *ps)
{
	struct task_struct *o = ps->owner;
	int depth = 0;

	while (o) {
		if (o == current || ++depth > MAX_LOCK_DEPTH)
			return true;
		if (!o->pi_blocked_on)
			return false;
		o = o->pi_blocked_on->pi_state->owner;
	}
	return false;
}

/* Compare-and-swap the user word under futex_lock (faults disabled):
 * 0 with *cur the old value, or -EFAULT. */
static int cmpxchg_locked(u32 __user *uaddr, u32 old, u32 new, u32 *cur)
{
	int r;

	pagefault_disable();
	r = futex_atomic_cmpxchg(cur, uaddr, old, new);
	pagefault_enable();
	return r ? -EFAULT : 0;
}

/* Hand ps to its best waiter; it is woken through wq. futex_lock held. */
static void pi_grant_top(struct futex_pi_state *ps, struct wake_q *wq,
			 bool fixup)
{
	struct futex_pi_waiter *w = top_waiter(ps);
	struct task_struct *t = w->task;

	assert_spin_locked(&futex_lock);
	list_del_init(&w->list);
	t->pi_blocked_on = NULL;
	pi_state_set_owner(ps, t);
	w->fixup = fixup;
	/* Granted before the wake-up: the waiter re-checks it. */
	__atomic_store_n(&w->granted, true, __ATOMIC_RELEASE);
	wake_q_add(wq, t);
}

/* Outcome of one try at taking a PI futex under futex_lock. */
enum { PI_TAKEN = 1, PI_WAIT = 0 };

/*
 * The held futex at uaddr (word uval, pi_state ps or NULL): make sure
 * it has a pi_state and FUTEX_WAITERS (*psp). owner is the task the
 * word named when we looked (referenced, NULL if none or not found).
 * PI_WAIT, -EAGAIN (the word changed: look again), -ESRCH, -EINVAL,
 * -EFAULT or -ENOMEM. futex_lock held.
 */
static int pi_attach(u32 __user *uaddr, const struct futex_key *key, u32 uval,
		     pid_t owner_tid, struct task_struct *owner,
		     struct futex_pi_state *ps, struct futex_pi_state **psp)
{
	u32 cur;

	assert_spin_locked(&futex_lock);
	if (!ps || !ps->owner) {
		if ((uval & FUTEX_TID_MASK) != (u32)owner_tid)
			return -EAGAIN;
		if (!owner || owner->pi_exit_done)
			return -ESRCH;
	} else if ((uval & FUTEX_TID_MASK) &&
		   (uval & FUTEX_TID_MASK) != (u32)task_pid_vnr(ps->owner)) {
		return -EINVAL;		/* the word and the kernel disagree */
	}
	if (!(uval & FUTEX_WAITERS)) {
		if (cmpxchg_locked(uaddr, uval, uval | FUTEX_WAITERS, &cur))
			return -EFAULT;
		if (cur != uval)
			return -EAGAIN;
	}
	if (!ps) {
		ps = alloc_pi_state(key, owner);
		if (!ps)
			return -ENOMEM;
	}
	*psp = ps;
	return PI_WAIT;
}

/* Is the futex (word uval, pi_state ps) free? */
static bool pi_free(u32 uval, struct futex_pi_state *ps)
{
	return !(uval & FUTEX_TID_MASK) && (!ps || !ps->owner);
}

/*
 * Take the futex if it is free, else pi_attach() it. Returns PI_TAKEN,
 * PI_WAIT, -EDEADLK (ours already) or pi_attach's errors. futex_lock
 * held.
 */
static int lock_pi_atomic(u32 __user *uaddr, const struct futex_key *key,
			  pid_t tid, pid_t owner_tid, struct task_struct *owner,
			  struct futex_pi_state **psp)
{
	struct futex_pi_state *ps = find_pi_state(key);
	u32 uval, cur, nval;

	assert_spin_locked(&futex_lock);
	if (get_futex_value_locked(&uval, uaddr))
		return -EFAULT;
	if ((uval & FUTEX_TID_MASK) == (u32)tid ||
	    (ps && ps->owner == current))
		return -EDEADLK;
	if (!pi_free(uval, ps))
		return pi_attach(uaddr, key, uval, owner_tid, owner, ps, psp);
	nval = tid | (uval & FUTEX_OWNER_DIED);
	if (ps && !list_empty(&ps->waiters))
		nval |= FUTEX_WAITERS;
	if (cmpxchg_locked(uaddr, uval, nval, &cur))
		return -EFAULT;
	if (cur != uval)
		return -EAGAIN;
	if (ps)
		pi_state_set_owner(ps, current);
	return PI_TAKEN;
}

/* The task a futex word names (referenced), looked up before
 * futex_lock is taken; NULL for none. */
static struct task_struct *word_owner(u32 __user *uaddr, pid_t *owner_tid)
{
	struct task_struct *t = NULL;
	unsigned long f;
	u32 uval;

	*owner_tid = 0;
	if (get_user(uval, uaddr))
		return ERR_PTR(-EFAULT);
	*owner_tid = uval & FUTEX_TID_MASK;
	if (!*owner_tid)
		return NULL;
	f = read_lock_irqsave(&tasklist_lock);
	t = find_task_by_vpid(*owner_tid);
	if (t)
		get_task_struct(t);
	read_unlock_irqrestore(&tasklist_lock, f);
	return t;
}

/* The owner died and gave us the lock: put our tid in the word. */
static int pi_fixup_owner(u32 __user *uaddr, struct futex_pi_state *ps,
			  pid_t tid)
{
	u32 uval, cur, nval;

	if (get_futex_value_locked(&uval, uaddr))
		return -EFAULT;
	for (;;) {
		nval = tid | (uval & FUTEX_OWNER_DIED) |
		       (list_empty(&ps->waiters) ? 0 : FUTEX_WAITERS);
		if (cmpxchg_locked(uaddr, uval, nval, &cur))
			return -EFAULT;
		if (cur == uval)
			return 0;
		uval = cur;
	}
}

/* futex_sleep's test for a PI waiter: has the lock been given to it? */
static bool pi_granted(const void *w)
{
	return __atomic_load_n(&((const struct futex_pi_waiter *)w)->granted,
			       __ATOMIC_ACQUIRE);
}

/* Queue current on ps, boost the chain, sleep; then own it or leave.
 * Called with futex_lock held (flags f); returns with it dropped. */
static long pi_block(u32 __user *uaddr, struct futex_pi_state *ps,
		     u64 until, unsigned long f)
{
	struct futex_pi_waiter w = { .task = current, .pi_state = ps };
	pid_t tid = task_pid_vnr(current);
	long ret;

	assert_spin_locked(&futex_lock);
	if (pi_would_deadlock(ps)) {
		spin_unlock_irqrestore(&futex_lock, f);
		return -EDEADLK;
	}
	w.prio = READ_ONCE(current->prio);
	enqueue_waiter(ps, &w);
	current->pi_blocked_on = &w;
	pi_adjust_chain(ps->owner);
	spin_unlock_irqrestore(&futex_lock, f);
	ret = futex_sleep(pi_granted, &w, until, -ERESTARTNOINTR);
	f = spin_lock_irqsave(&futex_lock);
	if (w.granted) {
		ret = 0;
		while (w.fixup && (ret = pi_fixup_owner(uaddr, ps, tid))) {
			spin_unlock_irqrestore(&futex_lock, f);
			if (fault_in_user_writeable(uaddr)) {
				/* We own it but cannot say so in the word. */
				return -EFAULT;
			}
			f = spin_lock_irqsave(&futex_lock);
		}
	} else {
		list_del(&w.list);
		current->pi_blocked_on = NULL;
		pi_adjust_chain(ps->owner);
	}
	spin_unlock_irqrestore(&futex_lock, f);
	return ret;
}

/*
 * futex_lock_pi - FUTEX_LOCK_PI, LOCK_PI2, TRYLOCK_PI: take the PI
 * futex at uaddr, waiting (with priority inheritance) until the
 * absolute monotonic deadline until (0: none) unless trylock. 0 when
 * taken; -EDEADLK, -ESRCH, -EAGAIN (trylock), -ETIMEDOUT, -EFAULT,
 * -EINVAL, -ENOMEM, -ERESTARTNOINTR. Sleeps; takes futex_lock.
 */
long futex_lock_pi(u32 __user *uaddr, bool private, u64 until, bool trylock)
{
	pid_t tid = task_pid_vnr(current), owner_tid;
	struct futex_pi_state *ps = NULL;
	struct task_struct *owner;
	struct futex_key key;
	unsigned long f;
	long ret;

retry:
	ret = get_futex_key(uaddr, private, &key);
	if (ret)
		return ret;
	owner = word_owner(uaddr, &owner_tid);
	if (IS_ERR(owner))
		return PTR_ERR(owner);
	f = spin_lock_irqsave(&futex_lock);
	ret = lock_pi_atomic(uaddr, &key, tid, owner_tid, owner, &ps);
	if (owner)
		put_task_struct(owner);
	if (ret == PI_WAIT && trylock)
		ret = -EAGAIN;
	if (ret != PI_WAIT) {
		spin_unlock_irqrestore(&futex_lock, f);
		if (ret == -EFAULT && !fault_in_user_writeable(uaddr))
			goto retry;
		if (ret == -EAGAIN && !trylock)
			goto retry;
		return ret == PI_TAKEN ? 0 : ret;
	}
	return pi_block(uaddr, ps, until, f);
}

/*
 * futex_unlock_pi - FUTEX_UNLOCK_PI: release the PI futex at uaddr,
 * which the caller must own (else -EPERM), to its best waiter or to
 * nobody. 0, -EPERM, -EFAULT. Takes futex_lock.
 */
long futex_unlock_pi(u32 __user *uaddr, bool private)
{
	pid_t tid = task_pid_vnr(current);
	struct wake_q wq = { 0 };
	struct futex_pi_state *ps;
	struct futex_key key;
	unsigned long f;
	u32 uval, cur, nval;
	long ret;

retry:
	ret = get_futex_key(uaddr, private, &key);
	if (ret)
		return ret;
	f = spin_lock_irqsave(&futex_lock);
	ret = -EFAULT;
	if (get_futex_value_locked(&uval, uaddr))
		goto fault;
	ret = -EPERM;
	if ((uval & FUTEX_TID_MASK) != (u32)tid)
		goto out;
	ps = find_pi_state(&key);
	nval = 0;
	if (ps && top_waiter(ps))
		nval = FUTEX_WAITERS | task_pid_vnr(top_waiter(ps)->task);
	if (cmpxchg_locked(uaddr, uval, nval, &cur))
		goto fault;
	if (cur != uval) {
		spin_unlock_irqrestore(&futex_lock, f);
		goto retry;
	}
	ret = 0;
	if (ps && nval) {
		pi_grant_top(ps, &wq, false);
		pi_adjust_chain(ps->owner);
	} else if (ps) {
		free_pi_state(ps);
	}
	pi_adjust_chain(current);
out:
	spin_unlock_irqrestore(&futex_lock, f);
	wake_up_q(&wq);
	return ret;
fault:
	spin_unlock_irqrestore(&futex_lock, f);
	if (fault_in_user_writeable(uaddr))
		return -EFAULT;
	goto retry;
}

/*
 * exit_pi_state_list - t is done with its memory (exit, exec): each PI
 * futex it still owns goes to its best waiter (which writes its own
 * tid, keeping FUTEX_OWNER_DIED), or is forgotten. At exit, later
 * LOCK_PI calls naming t get ESRCH. Takes futex_lock.
 */
void exit_pi_state_list(struct task_struct *t, bool exiting)
{
	struct wake_q wq = { 0 };
	unsigned long f = spin_lock_irqsave(&futex_lock);

	while (!list_empty(&t->pi_state_list)) {
		struct futex_pi_state *ps = list_first_entry(
			&t->pi_state_list, struct futex_pi_state, owner_list);

		if (top_waiter(ps)) {
			pi_grant_top(ps, &wq, true);
			pi_adjust_chain(ps->owner);
		} else {
			free_pi_state(ps);
		}
	}
	if (exiting)
		t->pi_exit_done = true;
	rt_mutex_setprio(t, PI_PRIO_NONE);
	spin_unlock_irqrestore(&futex_lock, f);
	wake_up_q(&wq);
}


/* --- requeue-PI: a condition variable's waiters moved to a PI mutex --- */

/* futex_sleep's test for a WAIT_REQUEUE_PI waiter: woken, or granted
 * the PI futex after a requeue? */
static bool requeue_pi_done(const void *arg)
{
	const struct futex_q *q = arg;

	return futex_q_woken(q) || pi_granted(q->pi_waiter);
}

/*
 * Where the sleep left us (futex_lock held): woken some other way
 * (-EAGAIN), given the lock by the requeuer or by its owner (0), still
 * on the condition (ret), or waiting on the lock: leave it (ret; a
 * signal is -EAGAIN as on Linux, since a restart would find the
 * condition's value changed).
 */
static long requeue_pi_finish(struct futex_q *q, u32 __user *uaddr2, long ret)
{
	struct futex_pi_waiter *w = q->pi_waiter;

	assert_spin_locked(&futex_lock);
	if (q->pi_locked)
		return 0;
	if (q->woken)
		return -EAGAIN;
	if (!q->pi_requeued) {
		list_del_init(&q->list);
		return ret;
	}
	if (w->granted)
		return w->fixup ? pi_fixup_owner(uaddr2, w->pi_state,
						 task_pid_vnr(current)) : 0;
	list_del(&w->list);
	current->pi_blocked_on = NULL;
	pi_adjust_chain(w->pi_state->owner);
	return ret == -ERESTARTNOINTR ? -EAGAIN : ret;
}

/*
 * futex_wait_requeue_pi - FUTEX_WAIT_REQUEUE_PI: wait on uaddr (if it
 * holds val) for a CMP_REQUEUE_PI that moves us onto the PI futex
 * uaddr2; return owning uaddr2 (0). -EINVAL (the same futex), -EAGAIN
 * (the value differs, a plain wake, or a signal after the requeue),
 * -ETIMEDOUT, -ERESTARTNOINTR, -EFAULT. Sleeps; takes futex_lock.
 */
long futex_wait_requeue_pi(u32 __user *uaddr, bool private, u32 val,
			   u64 until, u32 bitset, u32 __user *uaddr2)
{
	struct futex_pi_waiter w = { .task = current };
	struct futex_q q = { .bitset = bitset, .task = current,
			     .pi_waiter = &w };
	unsigned long f;
	long ret;

	if (uaddr == uaddr2 || !bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, private, &q.key);
	if (!ret)
		ret = get_futex_key(uaddr2, private, &q.pi_key);
	if (ret)
		return ret;
	ret = futex_wait_setup(uaddr, private, val, &q);
	if (ret)
		return ret;
	ret = futex_sleep(requeue_pi_done, &q, until, -ERESTARTNOINTR);
	f = spin_lock_irqsave(&futex_lock);
	ret = requeue_pi_finish(&q, uaddr2, ret);
	while (ret == -EFAULT && w.granted) {
		/* We own it; say so in the word once it can be written. */
		spin_unlock_irqrestore(&futex_lock, f);
		if (fault_in_user_writeable(uaddr2))
			return -EFAULT;
		f = spin_lock_irqsave(&futex_lock);
		ret = pi_fixup_owner(uaddr2, w.pi_state, task_pid_vnr(current));
	}
	spin_unlock_irqrestore(&futex_lock, f);
	return ret;
}

/* The first waiter on key, or NULL. futex_lock held. */
static struct futex_q *first_waiter(const struct futex_key *key)
{
	struct futex_q *q;

	assert_spin_locked(&futex_lock);
	list_for_each_entry(q, &futex_queue, list)
		if (key_eq(&q->key, key))
			return q;
	return NULL;
}

/* Give the free PI futex (word uval) to the condition's first waiter
 * q and wake it; FUTEX_WAITERS only if more may follow (waiters) or a
 * pi_state lives on. 0, -EAGAIN (the word changed) or -EFAULT. */
static int requeue_pi_take(struct futex_q *q, u32 __user *uaddr2, u32 uval,
			   struct futex_pi_state *ps, bool waiters,
			   struct wake_q *wq)
{
	u32 nval = task_pid_vnr(q->task) | (uval & FUTEX_OWNER_DIED), cur;

	if (waiters || ps)
		nval |= FUTEX_WAITERS;
	if (cmpxchg_locked(uaddr2, uval, nval, &cur))
		return -EFAULT;
	if (cur != uval)
		return -EAGAIN;
	if (ps)
		pi_state_set_owner(ps, q->task);
	list_del_init(&q->list);
	q->pi_locked = true;
	__atomic_store_n(&q->woken, true, __ATOMIC_RELEASE);
	wake_q_add(wq, q->task);
	return 0;
}

/* Move up to nr waiters of key1 onto ps as PI waiters; how many, or
 * -EINVAL/-EDEADLK for the first one. futex_lock held. */
static int requeue_pi_move(const struct futex_key *key1,
			   struct futex_pi_state *ps, int nr)
{
	struct futex_q *q;
	int moved = 0;

	assert_spin_locked(&futex_lock);
	while (moved < nr && (q = first_waiter(key1))) {
		struct futex_pi_waiter *w = q->pi_waiter;

		if (!w || !key_eq(&q->pi_key, &ps->key))
			return moved ? moved : -EINVAL;
		if (q->task == ps->owner)
			return moved ? moved : -EDEADLK;
		list_del_init(&q->list);
		q->pi_requeued = true;
		w->pi_state = ps;
		w->prio = READ_ONCE(q->task->prio);
		enqueue_waiter(ps, w);
		q->task->pi_blocked_on = w;
		moved++;
	}
	if (moved)
		pi_adjust_chain(ps->owner);
	return moved;
}

/*
 * The requeue itself, futex_lock held: the PI futex to the first
 * waiter if free, and up to nr_requeue more waiters onto its pi_state.
 * If it is held, the first waiter (the one nr_wake names) is moved too,
 * as Linux: nothing but UNLOCK_PI may wake it then. Returns the number
 * woken or moved, or -errno.
 */
static long __cmp_requeue_pi(const struct futex_key *k1,
			     const struct futex_key *k2, u32 __user *uaddr2,
			     int nr_requeue, pid_t owner_tid,
			     struct task_struct *owner, struct wake_q *wq)
{
	struct futex_q *q = first_waiter(k1);
	struct futex_pi_state *ps = find_pi_state(k2);
	long done = 0;
	int ret;
	u32 uval;

	assert_spin_locked(&futex_lock);
	if (!q)
		return 0;
	if (!q->pi_waiter || !key_eq(&q->pi_key, k2))
		return -EINVAL;
	if (get_futex_value_locked(&uval, uaddr2))
		return -EFAULT;
	if (pi_free(uval, ps)) {
		ret = requeue_pi_take(q, uaddr2, uval, ps, nr_requeue, wq);
		if (ret)
			return ret;
		done = 1;
		if (!nr_requeue || !first_waiter(k1))
			return done;
		if (!ps)
			ps = alloc_pi_state(k2, q->task);
		if (!ps)
			return -ENOMEM;
	} else {
		ret = pi_attach(uaddr2, k2, uval, owner_tid, owner, ps, &ps);
		if (ret < 0)
			return ret;
		nr_requeue++;		/* the one to wake waits here too */
	}
	ret = requeue_pi_move(k1, ps, nr_requeue);
	if (ret < 0)
		return done ? done : ret;
	return done + ret;
}

/*
 * futex_cmp_requeue_pi - FUTEX_CMP_REQUEUE_PI: if *uaddr == cmpval,
 * give the PI futex uaddr2 to uaddr's first waiter if it is free, and
 * move up to nr_requeue (more) waiters onto it as PI waiters. Returns
 * the number woken or moved; -EINVAL (nr_wake != 1, the same futex, a
 * waiter not in WAIT_REQUEUE_PI for uaddr2), -EAGAIN, -EDEADLK,
 * -ESRCH, -EFAULT, -ENOMEM. Takes futex_lock.
 */
long futex_cmp_requeue_pi(u32 __user *uaddr, bool private,
			  u32 __user *uaddr2, int nr_wake, int nr_requeue,
			  u32 cmpval)
{
	struct wake_q wq = { 0 };
	struct task_struct *owner;
	struct futex_key k1, k2;
	pid_t owner_tid;
	unsigned long f;
	long ret;
	u32 cur;

	if (nr_wake != 1 || nr_requeue < 0 || uaddr == uaddr2)
		return -EINVAL;
retry:
	ret = get_futex_key(uaddr, private, &k1);
	if (!ret)
		ret = get_futex_key(uaddr2, private, &k2);
	if (ret)
		return ret;
	owner = word_owner(uaddr2, &owner_tid);
	if (IS_ERR(owner))
		return PTR_ERR(owner);
	f = spin_lock_irqsave(&futex_lock);
	if (get_futex_value_locked(&cur, uaddr))
		ret = -EFAULT;
	else if (cur != cmpval)
		ret = -EAGAIN;
	else
		ret = __cmp_requeue_pi(&k1, &k2, uaddr2, nr_requeue, owner_tid,
				       owner, &wq);
	spin_unlock_irqrestore(&futex_lock, f);
	if (owner)
		put_task_struct(owner);
	wake_up_q(&wq);
	if (ret == -EFAULT && !fault_in_user_writeable(uaddr) &&
	    !fault_in_user_writeable(uaddr2))
		goto retry;
	if (ret == -EAGAIN && cur == cmpval)
		goto retry;		/* uaddr2 changed under us */
	return ret;
}
