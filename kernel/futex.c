/*
 * Futexes: FUTEX_WAIT and FUTEX_WAKE (private and shared), with
 * timeouts. Waiters are keyed by (mm, address) for private futexes.
 * FIXME (issue 3): shared keys by physical page, REQUEUE, CMP_REQUEUE,
 * WAKE_OP, bitsets, PI.
 *
 * Lock: futex_lock protects the waiter list.
 */
#include <tine/futex.h>
#include <tine/mm_types.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)

struct futex_q {
	struct list_head list;		/* [futex_lock] */
	struct mm_struct *mm;
	unsigned long addr;
	struct task_struct *task;
	bool woken;			/* [futex_lock] */
};

static DEFINE_SPINLOCK(futex_lock);
static LIST_HEAD(futex_queue);		/* [futex_lock] */

int futex_wake_addr(u32 __user *uaddr, int n)
{
	struct futex_q *q, *t;
	unsigned long f = spin_lock_irqsave(&futex_lock);
	int woken = 0;

	list_for_each_entry_safe(q, t, &futex_queue, list) {
		if (woken >= n)
			break;
		if (q->mm == current->mm && q->addr == (unsigned long)uaddr) {
			list_del_init(&q->list);
			q->woken = true;
			wake_up_state(q->task, TASK_NORMAL);
			woken++;
		}
	}
	spin_unlock_irqrestore(&futex_lock, f);
	return woken;
}

static long futex_wait(u32 __user *uaddr, u32 val,
		       const struct timespec_k __user *utime, bool absolute)
{
	struct futex_q q = { .mm = current->mm, .addr = (unsigned long)uaddr,
			     .task = current };
	u64 until = 0;
	unsigned long f;
	u32 cur;
	long ret = 0;

	if ((unsigned long)uaddr & 3)
		return -EINVAL;
	if (utime) {
		struct timespec_k ts;
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
		until = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
		if (!absolute)
			until += ktime_get_ns();
	}
	f = spin_lock_irqsave(&futex_lock);
	/* The value check and the queueing are atomic w.r.t. wakers. */
	if (get_user(cur, uaddr)) {
		spin_unlock_irqrestore(&futex_lock, f);
		return -EFAULT;
	}
	if (cur != val) {
		spin_unlock_irqrestore(&futex_lock, f);
		return -EAGAIN;
	}
	list_add_tail(&q.list, &futex_queue);
	spin_unlock_irqrestore(&futex_lock, f);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(q.woken))
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
	if (!q.woken)
		list_del_init(&q.list);
	else
		ret = 0;
	spin_unlock_irqrestore(&futex_lock, f);
	return ret;
}

static long sys_futex(u32 __user *uaddr, int op, u32 val,
		      const struct timespec_k __user *utime, u32 __user *uaddr2,
		      u32 val3)
{
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, utime, false);
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wait(uaddr, val, utime, true);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if ((unsigned long)uaddr & 3)
			return -EINVAL;
		return futex_wake_addr(uaddr, val);
	}
	return -ENOSYS;
}
SYSCALL_ENTRY(futex, sys_futex);
