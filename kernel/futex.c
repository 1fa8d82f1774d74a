/*
 * Futexes: the kernel half of user-space locks. A waiter sleeps on a
 * key naming the futex word:
 *  - private (FUTEX_PRIVATE_FLAG, or a private mapping): (mm, address);
 *  - shared (a MAP_SHARED mapping, without the private flag): the
 *    physical page and offset, so processes mapping the same page at
 *    different addresses (or after fork) meet on the same futex.
 * Operations: WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, the BITSET
 * forms, with relative or absolute (BITSET, CLOCK_REALTIME) timeouts.
 * Robust lists are walked at exit (exit_robust_list()). futex_waitv
 * waits on up to 128 futexes at once. The priority-inheriting
 * operations (LOCK_PI, LOCK_PI2, TRYLOCK_PI, UNLOCK_PI) are in
 * kernel/futex_pi.c, under the same lock.
 * WAIT_REQUEUE_PI and CMP_REQUEUE_PI (a condition variable's waiters
 * moved onto a PI mutex) are there too.
 *
 * Lock: futex_lock protects the queue and every futex_q on it. User
 * memory is only read under it with page faults disabled; on -EFAULT
 * the lock is dropped, the page faulted in, and the operation retried.
 * Waiters are taken off the queue under the lock but woken after it is
 * dropped (a wake_q, as Linux): a wake-up may wait for the wakee to
 * finish leaving another CPU, and every futex user would spin on the
 * lock meanwhile.
 */
#include <tine/futex.h>
#include <tine/mm_types.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/time_namespace.h>
#include <uapi/errno.h>
#include "futex_internal.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU

#define ROBUST_LIST_LIMIT 2048

DEFINE_SPINLOCK_RANKED(futex_lock, LR_FUTEX);
LIST_HEAD(futex_queue);			/* [futex_lock] */

/* get_futex_key - see futex_internal.h. */
int get_futex_key(u32 __user *uaddr, bool private,
			 struct futex_key *key)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)uaddr;
	phys_addr_t phys;
	u32 v;

	if (addr & 3)
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	key->a = (unsigned long)mm;
	key->b = addr;
	if (private)
		return 0;
	if (get_user(v, uaddr))		/* fault the page in */
		return -EFAULT;
	(void)v;
	phys = shared_page_phys(mm, addr);
	if (phys) {
		key->a = phys;
		key->b = addr & ~PAGE_MASK;
	}
	return 0;
}

/* get_futex_value_locked - see futex_internal.h. */
int get_futex_value_locked(u32 *v, u32 __user *uaddr)
{
	int r;

	pagefault_disable();
	r = get_user(*v, uaddr);
	pagefault_enable();
	return r;
}

/* wake_q_add - see futex_internal.h. futex_lock held. */
void wake_q_add(struct wake_q *wq, struct task_struct *t)
{
	assert_spin_locked(&futex_lock);
	if (wq->n == WAKE_Q_MAX) {
		wake_up_state(t, TASK_NORMAL);
		return;
	}
	get_task_struct(t);
	wq->tasks[wq->n++] = t;
}

/*
 * Take q off the queue as woken; its task goes on wq to be woken after
 * the unlock (or, with wq full, is woken now). Once woken is set the
 * waiter may return and its futex_q (on its stack) be gone: only the
 * task, held by a reference, is used afterwards. futex_lock held.
 */
static void mark_wake_futex(struct wake_q *wq, struct futex_q *q)
{
	struct task_struct *t = q->task;

	assert_spin_locked(&futex_lock);
	list_del_init(&q->list);
	if (wq->n == WAKE_Q_MAX) {
		q->woken = true;
		wake_up_state(t, TASK_NORMAL);
		return;
	}
	get_task_struct(t);
	wq->tasks[wq->n++] = t;
	__atomic_store_n(&q->woken, true, __ATOMIC_RELEASE);
}

/* wake_up_q - see futex_internal.h. */
void wake_up_q(struct wake_q *wq)
{
	for (int i = 0; i < wq->n; i++) {
		wake_up_state(wq->tasks[i], TASK_NORMAL);
		put_task_struct(wq->tasks[i]);
	}
	wq->n = 0;
}

/* Take up to n waiters on key whose bitset matches off the queue, for
 * waking (wq); -EINVAL at a WAIT_REQUEUE_PI waiter (it may only be
 * requeued, as Linux). futex_lock held. */
static int __futex_wake(struct wake_q *wq, const struct futex_key *key, int n,
			u32 bitset)
{
	struct futex_q *q, *t;
	int woken = 0;

	assert_spin_locked(&futex_lock);
	list_for_each_entry_safe(q, t, &futex_queue, list) {
		if (woken >= n)
			break;
		if (!key_eq(&q->key, key) || !(q->bitset & bitset))
			continue;
		if (q->pi_waiter)
			return -EINVAL;
		mark_wake_futex(wq, q);
		woken++;
	}
	return woken;
}

static long futex_wake(u32 __user *uaddr, bool private, int n, u32 bitset)
{
	struct wake_q wq = { 0 };
	struct futex_key key;
	unsigned long f;
	int r;

	if (!bitset)
		return -EINVAL;
	r = get_futex_key(uaddr, private, &key);
	if (r)
		return r;
	f = spin_lock_irqsave(&futex_lock);
	r = __futex_wake(&wq, &key, n, bitset);
	spin_unlock_irqrestore(&futex_lock, f);
	wake_up_q(&wq);
	return r;
}

/* For CLONE_CHILD_CLEARTID at exit: wake one waiter on the tid word. */
int futex_wake_addr(u32 __user *uaddr, int n)
{
	return futex_wake(uaddr, false, n, FUTEX_BITSET_MATCH_ANY);
}

/* futex_sleep - see futex_internal.h. */
long futex_sleep(bool (*done)(const void *arg), const void *arg, u64 until,
		 long sigerr)
{
	long ret = 0;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (done(arg))
			break;
		if (signal_pending(current)) {
			ret = sigerr;
			break;
		}
		if (until && ktime_get_ns() >= until) {
			ret = -ETIMEDOUT;
			break;
		}
		if (until)
			schedule_timeout(until);
		else
			schedule();
	}
	set_current_state(TASK_RUNNING);
	return ret;
}

/* futex_q_woken - see futex_internal.h. */
bool futex_q_woken(const void *q)
{
	return __atomic_load_n(&((const struct futex_q *)q)->woken,
			       __ATOMIC_ACQUIRE);
}

/**
 * futex_wait_setup - queue q on the futex at uaddr (q->key is set here)
 * if *uaddr still equals val; the check and the queueing are atomic
 * w.r.t. wakers. A word that must be faulted in is, and the key taken
 * again (a shared futex's key is its page's).
 *
 * Returns 0 (queued: the caller sleeps, then takes q off), -EAGAIN (the
 * value differs), -EFAULT or -EINVAL. Takes futex_lock; may sleep (the
 * fault).
 */
int futex_wait_setup(u32 __user *uaddr, bool private, u32 val,
		     struct futex_q *q)
{
	unsigned long f;
	int ret;
	u32 cur;

retry:
	ret = get_futex_key(uaddr, private, &q->key);
	if (ret)
		return ret;
	f = spin_lock_irqsave(&futex_lock);
	if (get_futex_value_locked(&cur, uaddr)) {
		spin_unlock_irqrestore(&futex_lock, f);
		if (get_user(cur, uaddr))
			return -EFAULT;
		goto retry;
	}
	if (cur != val) {
		spin_unlock_irqrestore(&futex_lock, f);
		return -EAGAIN;
	}
	list_add_tail(&q->list, &futex_queue);
	spin_unlock_irqrestore(&futex_lock, f);
	return 0;
}

/* Queue q on key if *uaddr still equals val; then sleep. */
static long futex_wait(u32 __user *uaddr, bool private, u32 val, u64 until,
		       u32 bitset)
{
	struct futex_q q = { .bitset = bitset, .task = current };
	unsigned long f;
	long ret;

	if (!bitset)
		return -EINVAL;
	ret = futex_wait_setup(uaddr, private, val, &q);
	if (ret)
		return ret;
	ret = futex_sleep(futex_q_woken, &q, until, -ERESTARTSYS);
	f = spin_lock_irqsave(&futex_lock);
	if (q.woken)
		ret = 0;
	else
		list_del_init(&q.list);
	spin_unlock_irqrestore(&futex_lock, f);
	return ret;
}

/* Wake nr_wake waiters of uaddr, move up to nr_requeue to uaddr2;
 * with cmp, only if *uaddr == cmpval (else EAGAIN). */
static long futex_requeue(u32 __user *uaddr, bool private,
			  u32 __user *uaddr2, int nr_wake, int nr_requeue,
			  u32 *cmpval)
{
	struct wake_q wq = { 0 };
	struct futex_key k1, k2;
	struct futex_q *q, *t;
	unsigned long f;
	long ret;
	int moved = 0;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	ret = get_futex_key(uaddr, private, &k1);
	if (!ret)
		ret = get_futex_key(uaddr2, private, &k2);
	if (ret)
		return ret;
	f = spin_lock_irqsave(&futex_lock);
	if (cmpval) {
		if (get_futex_value_locked(&cur, uaddr)) {
			spin_unlock_irqrestore(&futex_lock, f);
			if (get_user(cur, uaddr))
				return -EFAULT;
			goto retry;
		}
		if (cur != *cmpval) {
			spin_unlock_irqrestore(&futex_lock, f);
			return -EAGAIN;
		}
	}
	ret = __futex_wake(&wq, &k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	list_for_each_entry_safe(q, t, &futex_queue, list) {
		if (ret < 0 || moved >= nr_requeue)
			break;
		if (!key_eq(&q->key, &k1))
			continue;
		if (q->pi_waiter) {	/* only CMP_REQUEUE_PI moves it */
			ret = -EINVAL;
			break;
		}
		q->key = k2;
		moved++;
	}
	spin_unlock_irqrestore(&futex_lock, f);
	wake_up_q(&wq);
	return ret < 0 ? ret : ret + moved;
}

/* Apply FUTEX_WAKE_OP's encoded operation to the user word at uaddr;
 * returns the old value's comparison result (0/1) or -errno. */
static int futex_atomic_op(u32 encoded, u32 __user *uaddr)
{
	unsigned int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	u32 oparg = (encoded >> 12) & 0xfff, cmparg = encoded & 0xfff;
	u32 old, new, seen;

	if (encoded & (8U << 28))		/* FUTEX_OP_OPARG_SHIFT */
		oparg = oparg > 31 ? 0 : 1U << oparg;
	else if (oparg & 0x800)
		oparg |= 0xfffff000;		/* sign-extend the 12 bits */
	if (cmparg & 0x800)
		cmparg |= 0xfffff000;
	if (get_user(old, uaddr))
		return -EFAULT;
	for (;;) {
		switch (op) {
		case 0: new = oparg; break;		/* SET */
		case 1: new = old + oparg; break;	/* ADD */
		case 2: new = old | oparg; break;	/* OR */
		case 3: new = old & ~oparg; break;	/* ANDN */
		case 4: new = old ^ oparg; break;	/* XOR */
		default: return -ENOSYS;
		}
		if (futex_atomic_cmpxchg(&seen, uaddr, old, new)) {
			/* Not writable yet (COW): fault it in for write
			 * without storing (another thread may be changing
			 * the word), then read it again. */
			if (fault_in_user_writeable(uaddr))
				return -EFAULT;
			if (get_user(old, uaddr))
				return -EFAULT;
			continue;
		}
		if (seen == old)
			break;
		old = seen;
	}
	switch (cmp) {
	case 0: return old == cmparg;
	case 1: return old != cmparg;
	case 2: return (s32)old < (s32)cmparg;
	case 3: return (s32)old <= (s32)cmparg;
	case 4: return (s32)old > (s32)cmparg;
	case 5: return (s32)old >= (s32)cmparg;
	}
	return -ENOSYS;
}

static long futex_wake_op(u32 __user *uaddr1, bool private,
			  u32 __user *uaddr2, int nr_wake, int nr_wake2, u32 op)
{
	struct wake_q wq = { 0 };
	struct futex_key k1, k2;
	unsigned long f;
	int r, cmp;

	r = get_futex_key(uaddr1, private, &k1);
	if (!r)
		r = get_futex_key(uaddr2, private, &k2);
	if (r)
		return r;
	cmp = futex_atomic_op(op, uaddr2);
	if (cmp < 0)
		return cmp;
	f = spin_lock_irqsave(&futex_lock);
	r = __futex_wake(&wq, &k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (cmp && r >= 0) {
		int r2 = __futex_wake(&wq, &k2, nr_wake2,
				      FUTEX_BITSET_MATCH_ANY);

		r = r2 < 0 ? r2 : r + r2;
	}
	spin_unlock_irqrestore(&futex_lock, f);
	wake_up_q(&wq);
	return r;
}

/* Absolute monotonic deadline of a futex timeout, 0 for none. */
static long futex_deadline(const struct timespec_k __user *utime, int cmd,
			   bool realtime, u64 *until)
{
	struct timespec_k ts;
	u64 t;

	*until = 0;
	if (!utime)
		return 0;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	t = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	if (cmd == FUTEX_WAIT) {		/* relative */
		*until = ktime_get_ns() + t;
	} else if (realtime) {			/* absolute, wall clock */
		u64 now = ktime_get_real_ns();
		*until = ktime_get_ns() + (t > now ? t - now : 0);
	} else {				/* absolute, monotonic (the
						 * time namespace's) */
		*until = timens_ktime_to_host(CLOCK_MONOTONIC, t);
	}
	if (!*until)
		*until = 1;		/* already expired, not "no timeout" */
	return 0;
}

static long sys_futex(u32 __user *uaddr, int op, u32 val,
		      const struct timespec_k __user *utime, u32 __user *uaddr2,
		      u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool private = op & FUTEX_PRIVATE_FLAG;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	/* REQUEUE/CMP_REQUEUE/WAKE_OP pass a count in the timeout slot. */
	int val2 = (int)(unsigned long)utime;
	u64 until;
	long r;

	if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_LOCK_PI2 &&
	    cmd != FUTEX_WAIT_REQUEUE_PI)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		r = futex_deadline(utime, cmd, realtime, &until);
		if (r)
			return r;
		return futex_wait(uaddr, private, val, until, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, private, uaddr2, val, val2, val3);
	case FUTEX_LOCK_PI:
		realtime = true;	/* its deadline is CLOCK_REALTIME */
		/* fall through */
	case FUTEX_LOCK_PI2:
		r = futex_deadline(utime, cmd, realtime, &until);
		if (r)
			return r;
		return futex_lock_pi(uaddr, private, until, false);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, private, 0, true);
	case FUTEX_WAIT_REQUEUE_PI:
		r = futex_deadline(utime, FUTEX_WAIT_BITSET, realtime, &until);
		if (r)
			return r;
		return futex_wait_requeue_pi(uaddr, private, val, until,
					     FUTEX_BITSET_MATCH_ANY, uaddr2);
	case FUTEX_CMP_REQUEUE_PI:
		return futex_cmp_requeue_pi(uaddr, private, uaddr2, val, val2,
					    val3);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr, private);
	}
	return -ENOSYS;
}
SYSCALL_ENTRY(futex, sys_futex);

#define FUTEX_WAITV_MAX 128
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_SIZE_MASK 0x03
#define FUTEX2_VALID_MASK (FUTEX2_SIZE_MASK | FUTEX_PRIVATE_FLAG)

struct futex_waitv {
	u64 val;
	u64 uaddr;
	u32 flags;
	u32 __reserved;
};

/* One futex of a futex_waitv: its queue entry, word and value. */
struct futex_vector {
	struct futex_q q;
	u32 __user *uaddr;
	u64 val;
};

/* Copy and check the waiters, computing their keys. 0 or -errno. */
static long futex_parse_waitv(struct futex_vector *v,
			      struct futex_waitv __user *uw, unsigned int nr)
{
	struct futex_waitv w;
	unsigned int i;
	long r;

	for (i = 0; i < nr; i++) {
		if (copy_from_user(&w, &uw[i], sizeof(w)))
			return -EFAULT;
		if ((w.flags & ~FUTEX2_VALID_MASK) || w.__reserved ||
		    (w.flags & FUTEX2_SIZE_MASK) != FUTEX2_SIZE_U32)
			return -EINVAL;
		v[i].uaddr = (u32 __user *)(unsigned long)w.uaddr;
		v[i].val = w.val;
		v[i].q.bitset = FUTEX_BITSET_MATCH_ANY;
		v[i].q.task = current;
		r = get_futex_key(v[i].uaddr, w.flags & FUTEX_PRIVATE_FLAG,
				  &v[i].q.key);
		if (r)
			return r;
	}
	return 0;
}

/* Queue every futex if every word still holds its value. 0, -EAGAIN,
 * -EFAULT. Takes futex_lock. */
static long futex_wait_multiple_setup(struct futex_vector *v, unsigned int nr)
{
	unsigned long f;
	unsigned int i;
	u32 cur;

retry:
	f = spin_lock_irqsave(&futex_lock);
	for (i = 0; i < nr; i++) {
		if (get_futex_value_locked(&cur, v[i].uaddr)) {
			spin_unlock_irqrestore(&futex_lock, f);
			if (get_user(cur, v[i].uaddr))
				return -EFAULT;
			goto retry;
		}
		if (cur != v[i].val) {
			spin_unlock_irqrestore(&futex_lock, f);
			return -EAGAIN;
		}
	}
	for (i = 0; i < nr; i++) {
		v[i].q.woken = false;
		list_add_tail(&v[i].q.list, &futex_queue);
	}
	spin_unlock_irqrestore(&futex_lock, f);
	return 0;
}

/* Has any futex of the vector (ended by a NULL task) been woken? */
static bool any_woken(const void *arg)
{
	const struct futex_vector *v = arg;

	for (; v->q.task; v++)
		if (futex_q_woken(&v->q))
			return true;
	return false;
}

/* Sleep on every futex of v; the index of one woken, or -errno. */
static long futex_wait_multiple(struct futex_vector *v, unsigned int nr,
				u64 until)
{
	unsigned long f;
	long ret = futex_wait_multiple_setup(v, nr), idx = -1;

	if (ret)
		return ret;
	ret = futex_sleep(any_woken, v, until, -ERESTARTSYS);
	f = spin_lock_irqsave(&futex_lock);
	for (unsigned int i = 0; i < nr; i++) {
		if (v[i].q.woken)
			idx = i;
		else
			list_del_init(&v[i].q.list);
	}
	spin_unlock_irqrestore(&futex_lock, f);
	return idx >= 0 ? idx : ret;
}

/* futex_waitv's absolute deadline on clockid: 0 or -EINVAL/-EFAULT. */
static long futex_waitv_deadline(const struct timespec_k __user *uts,
				 int clockid, u64 *until)
{
	struct timespec_k ts;
	u64 t;

	*until = 0;
	if (!uts)
		return 0;
	if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
		return -EINVAL;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	t = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	if (clockid == CLOCK_REALTIME) {
		u64 now = ktime_get_real_ns();

		t = ktime_get_ns() + (t > now ? t - now : 0);
	}
	*until = t ? t : 1;
	return 0;
}

/* futex_waitv(2): wait on up to 128 futexes; the index of one woken. */
static long sys_futex_waitv(struct futex_waitv __user *waiters,
			    unsigned int nr, unsigned int flags,
			    const struct timespec_k __user *timeout, int clockid)
{
	struct futex_vector *v;
	u64 until;
	long ret;

	if (flags)
		return -EINVAL;
	if (!nr || nr > FUTEX_WAITV_MAX || !waiters)
		return -EINVAL;
	ret = futex_waitv_deadline(timeout, clockid, &until);
	if (ret)
		return ret;
	v = kzalloc((nr + 1) * sizeof(*v));	/* a zeroed end marker */
	if (!v)
		return -ENOMEM;
	ret = futex_parse_waitv(v, waiters, nr);
	if (!ret)
		ret = futex_wait_multiple(v, nr, until);
	kfree(v);
	return ret;
}
SYSCALL_ENTRY(futex_waitv, sys_futex_waitv);

/*
 * One robust futex of a dying thread: if we own it, mark the owner
 * dead and wake a waiter so it can recover the lock.
 */
static int handle_futex_death(u32 __user *uaddr, pid_t tid, bool pi)
{
	u32 uval, seen, nval;

	if ((unsigned long)uaddr & 3)
		return -EINVAL;
	if (get_user(uval, uaddr))
		return -EFAULT;
	for (;;) {
		if ((uval & FUTEX_TID_MASK) != (u32)tid)
			return 0;
		nval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (futex_atomic_cmpxchg(&seen, uaddr, uval, nval))
			return -EFAULT;
		if (seen == uval)
			break;
		uval = seen;
	}
	/* A PI futex's waiters are handed the lock by exit_pi_state_list. */
	if (!pi && (nval & FUTEX_WAITERS))
		futex_wake(uaddr, false, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

struct robust_list_head {
	unsigned long next;		/* struct robust_list *, list is circular */
	long futex_offset;
	unsigned long list_op_pending;
};

/*
 * Walk the robust list set by set_robust_list (bounded, as Linux). Bit
 * 0 of a pointer to an entry says the entry's futex is a PI futex.
 */
void exit_robust_list(struct task_struct *t)
{
	struct robust_list_head __user *head = t->robust_list;
	struct robust_list_head h;
	unsigned long entry, pending;
	int limit = ROBUST_LIST_LIMIT;
	bool pi, pending_pi;
	pid_t tid;

	if (!head || copy_from_user(&h, head, sizeof(h)))
		return;
	/* The tid in futex words is the one user space sees. */
	tid = task_pid_vnr(t);
	pending = h.list_op_pending & ~1UL;
	pending_pi = h.list_op_pending & 1;
	pi = h.next & 1;
	for (entry = h.next & ~1UL; entry != (unsigned long)&head->next;) {
		unsigned long next;

		if (get_user(next, (unsigned long __user *)entry))
			return;
		if (entry != pending)
			handle_futex_death((u32 __user *)(entry + h.futex_offset),
					   tid, pi);
		pi = next & 1;
		entry = next & ~1UL;
		if (!--limit)
			return;
	}
	if (pending)
		handle_futex_death((u32 __user *)(pending + h.futex_offset), tid,
				   pending_pi);
}
