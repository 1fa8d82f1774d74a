/* Declarations shared by kernel/futex.c and kernel/futex_pi.c only. */
#ifndef KERNEL_FUTEX_INTERNAL_H
#define KERNEL_FUTEX_INTERNAL_H

#include <tine/spinlock.h>
#include <tine/types.h>

#define FUTEX_WAITERS 0x80000000U
#define FUTEX_OWNER_DIED 0x40000000U
#define FUTEX_TID_MASK 0x3fffffffU

struct task_struct;

struct futex_key {
	unsigned long a;	/* mm, or physical page address */
	unsigned long b;	/* virtual address, or offset in the page */
};

static inline bool key_eq(const struct futex_key *x, const struct futex_key *y)
{
	return x->a == y->a && x->b == y->b;
}

/* Protects every futex wait queue and PI state (see kernel/futex.c). */
extern spinlock_t futex_lock;

struct futex_pi_waiter;

/* One waiter of FUTEX_WAIT (and friends), on futex_queue. */
struct futex_q {
	struct list_head list;		/* [futex_lock] on futex_queue */
	struct futex_key key;		/* [futex_lock] requeue changes it */
	u32 bitset;
	struct task_struct *task;
	bool woken;			/* [futex_lock] taken off, to wake */
	/* FUTEX_WAIT_REQUEUE_PI only (kernel/futex_pi.c): */
	struct futex_pi_waiter *pi_waiter;	/* [C] NULL for other waits */
	struct futex_key pi_key;	/* [C] the PI futex it may move to */
	bool pi_locked;			/* [futex_lock] CMP_REQUEUE_PI took it
					 * for us (woken is set too) */
	bool pi_requeued;		/* [futex_lock] now a PI waiter there */
};

extern struct list_head futex_queue;	/* [futex_lock] every futex_q */

/* Queue q on uaddr's futex if *uaddr == val (futex.c): 0, -EAGAIN,
 * -EFAULT, -EINVAL. Takes futex_lock; may sleep. */
int futex_wait_setup(u32 __user *uaddr, bool private, u32 val,
		     struct futex_q *q);

/* The key of the futex at uaddr (faults the page in): 0 or -errno. */
int get_futex_key(u32 __user *uaddr, bool private, struct futex_key *key);
/* Read *uaddr under futex_lock (faults disabled): 0 or -EFAULT. */
int get_futex_value_locked(u32 *v, u32 __user *uaddr);

/* Tasks to wake once futex_lock is dropped (each with a reference). */
#define WAKE_Q_MAX 16
struct wake_q {
	int n;
	struct task_struct *tasks[WAKE_Q_MAX];
};
/* Add t (a reference is taken), or wake it now when wq is full. */
void wake_q_add(struct wake_q *wq, struct task_struct *t);
/* Wake what was gathered. futex_lock not held. */
void wake_up_q(struct wake_q *wq);

/*
 * Sleep interruptibly until done(arg) holds (0), a signal (sigerr:
 * -ERESTARTSYS or -ERESTARTNOINTR) or the absolute monotonic deadline
 * until (0: none; -ETIMEDOUT). The waker makes done() true before it
 * wakes us. Sleeps; no lock held.
 */
long futex_sleep(bool (*done)(const void *arg), const void *arg, u64 until,
		 long sigerr);
/* futex_sleep's test for a futex_q: has it been woken? */
bool futex_q_woken(const void *q);

/* kernel/futex_pi.c */
long futex_lock_pi(u32 __user *uaddr, bool private, u64 until, bool trylock);
long futex_unlock_pi(u32 __user *uaddr, bool private);
long futex_wait_requeue_pi(u32 __user *uaddr, bool private, u32 val,
			   u64 until, u32 bitset, u32 __user *uaddr2);
long futex_cmp_requeue_pi(u32 __user *uaddr, bool private,
			  u32 __user *uaddr2, int nr_wake, int nr_requeue,
			  u32 cmpval);

#endif
