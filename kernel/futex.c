/*
 * Futexes: the kernel half of user-space locks. A waiter sleeps on a
 * key naming the futex word:
 *  - private (FUTEX_PRIVATE_FLAG, or a private mapping): (mm, address);
 *  - shared (a MAP_SHARED mapping, without the private flag): the
 *    physical page and offset, so processes mapping the same page at
 *    different addresses (or after fork) meet on the same futex.
 * Operations: WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, the BITSET
 * forms, with relative or absolute (BITSET, CLOCK_REALTIME) timeouts.
 * Robust lists are walked at exit (exit_robust_list()).
 * FIXME: PI futexes (LOCK_PI and friends) return ENOSYS.
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
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU

#define FUTEX_WAITERS 0x80000000U
#define FUTEX_OWNER_DIED 0x40000000U
#define FUTEX_TID_MASK 0x3fffffffU
#define ROBUST_LIST_LIMIT 2048

struct futex_key {
	unsigned long a;	/* mm, or physical page address */
	unsigned long b;	/* virtual address, or offset in the page */
};

struct futex_q {
	struct list_head list;		/* [futex_lock] */
	struct futex_key key;		/* [futex_lock] requeue changes it */
	u32 bitset;
	struct task_struct *task;
	bool woken;			/* [futex_lock] */
};

static DEFINE_SPINLOCK_RANKED(futex_lock, LR_FUTEX);
static LIST_HEAD(futex_queue);		/* [futex_lock] */

static bool key_eq(const struct futex_key *x, const struct futex_key *y)
{
	return x->a == y->a && x->b == y->b;
}

/* The key of the futex at uaddr: faults the page in first. */
static int get_futex_key(u32 __user *uaddr, bool private,
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

/* Read *uaddr under futex_lock (faults disabled): 0 or -EFAULT. */
static int get_futex_value_locked(u32 *v, u32 __user *uaddr)
{
	int r;

	pagefault_disable();
	r = get_user(*v, uaddr);
	pagefault_enable();
	return r;
}

/* Tasks to wake once futex_lock is dropped (each with a reference). */
#define WAKE_Q_MAX 16
struct wake_q {
	int n;
	struct task_struct *tasks[WAKE_Q_MAX];
};

/*
 * Take q off the queue as woken; its task goes on wq to be woken after
 * the unlock (or, with wq full, is woken now). Once woken is set the
 * waiter may return and its futex_q (on its stack) be gone: only the
 * task, held by a reference, is used afterwards. futex_lock held.
 */
static void mark_wake_futex(struct wake_q *wq, struct futex_q *q)
{
	struct task_struct *t = q->task;

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

/* Wake what mark_wake_futex() gathered. futex_lock not held. */
static void wake_up_q(struct wake_q *wq)
{
	for (int i = 0; i < wq->n; i++) {
		wake_up_state(wq->tasks[i], TASK_NORMAL);
		put_task_struct(wq->tasks[i]);
	}
	wq->n = 0;
}

/* Take up to n waiters on key whose bitset matches off the queue, for
 * waking (wq). futex_lock held. */
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

/* Queue q on key if *uaddr still equals val; then sleep. */
static long futex_wait(u32 __user *uaddr, bool private, u32 val, u64 until,
		       u32 bitset)
{
	struct futex_q q = { .bitset = bitset, .task = current };
	unsigned long f;
	long ret;
	u32 cur;

	if (!bitset)
		return -EINVAL;
retry:
	ret = get_futex_key(uaddr, private, &q.key);
	if (ret)
		return ret;
	f = spin_lock_irqsave(&futex_lock);
	/* The value check and the queueing are atomic w.r.t. wakers. */
	ret = get_futex_value_locked(&cur, uaddr);
	if (ret) {
		spin_unlock_irqrestore(&futex_lock, f);
		if (get_user(cur, uaddr))
			return -EFAULT;
		goto retry;
	}
	if (cur != val) {
		spin_unlock_irqrestore(&futex_lock, f);
		return -EAGAIN;
	}
	list_add_tail(&q.list, &futex_queue);
	spin_unlock_irqrestore(&futex_lock, f);
	ret = 0;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (__atomic_load_n(&q.woken, __ATOMIC_ACQUIRE))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
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
		if (moved >= nr_requeue)
			break;
		if (key_eq(&q->key, &k1)) {
			q->key = k2;
			moved++;
		}
	}
	spin_unlock_irqrestore(&futex_lock, f);
	wake_up_q(&wq);
	return ret + moved;
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
	if (cmp)
		r += __futex_wake(&wq, &k2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
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
	} else {				/* absolute, monotonic */
		*until = t;
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

	if (realtime && cmd != FUTEX_WAIT_BITSET)
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
	}
	return -ENOSYS;
}
SYSCALL_ENTRY(futex, sys_futex);

/*
 * One robust futex of a dying thread: if we own it, mark the owner
 * dead and wake a waiter so it can recover the lock.
 */
static int handle_futex_death(u32 __user *uaddr, pid_t tid)
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
	if (nval & FUTEX_WAITERS)
		futex_wake(uaddr, false, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

struct robust_list_head {
	unsigned long next;		/* struct robust_list *, list is circular */
	long futex_offset;
	unsigned long list_op_pending;
};

/* Walk the robust list set by set_robust_list (bounded, as Linux). */
void exit_robust_list(struct task_struct *t)
{
	struct robust_list_head __user *head = t->robust_list;
	struct robust_list_head h;
	unsigned long entry, pending;
	int limit = ROBUST_LIST_LIMIT;
	pid_t tid = t->pid;

	if (!head || copy_from_user(&h, head, sizeof(h)))
		return;
	/* The tid in futex words is the one user space sees. */
	tid = task_pid_vnr(t);
	pending = h.list_op_pending & ~1UL;
	for (entry = h.next & ~1UL; entry != (unsigned long)&head->next;) {
		unsigned long next;

		if (get_user(next, (unsigned long __user *)entry))
			return;
		if (entry != pending)
			handle_futex_death((u32 __user *)(entry + h.futex_offset),
					   tid);
		entry = next & ~1UL;
		if (!--limit)
			return;
	}
	if (pending)
		handle_futex_death((u32 __user *)(pending + h.futex_offset), tid);
}
