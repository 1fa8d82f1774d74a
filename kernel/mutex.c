/*
 * Mutexes: sleeping locks with an owner.
 *
 * A task that finds the mutex taken queues itself (FIFO) on the mutex's
 * waiter list and sleeps. mutex_unlock() frees the mutex and wakes the
 * first waiter alone (no crowd of woken waiters racing for it: on many
 * CPUs that race is a livelock). A task that comes along meanwhile may
 * take the free mutex first (that keeps it busy instead of idle until
 * the waiter runs), but only once: a woken waiter that finds it taken
 * again asks for a hand-over, and the next unlock gives the mutex
 * straight to the first waiter (owner = that task). So no waiter
 * starves.
 *
 * Lock: wait_lock protects owner and the waiter list; it is taken with
 * interrupts off. The waiter to wake is woken after wait_lock is
 * dropped (a wake-up may wait for it to finish leaving another CPU),
 * held by a task reference: by then it may have run and gone.
 */
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <uapi/errno.h>

struct mutex_waiter {
	struct list_head list;		/* [wait_lock] in mutex->waiters */
	struct task_struct *task;
};

void __mutex_init(struct mutex *m, const struct lock_class *c)
{
	spin_lock_init(&m->wait_lock);
	m->owner = NULL;
	INIT_LIST_HEAD(&m->waiters);
	m->handoff = false;
	m->class = c;
}

/*
 * Take m, sleeping in state until it is handed to us. Returns 0, or
 * -EINTR if state is killable and a fatal signal came first (then we
 * are off the waiter list and do not own m).
 */
static int __mutex_lock(struct mutex *m, long state)
{
	struct mutex_waiter w = { .task = current };
	unsigned long f;
	int ret = 0;

	BUG_ON(READ_ONCE(m->owner) == current);
	if (unlikely(lockdep_enabled))
		lockdep_acquire(m, m->class, LOCKDEP_MUTEX, 0);
	f = spin_lock_irqsave(&m->wait_lock);
	if (!m->owner) {
		m->owner = current;
		spin_unlock_irqrestore(&m->wait_lock, f);
		return 0;
	}
	list_add_tail(&w.list, &m->waiters);
	for (;;) {
		set_current_state(state);
		spin_unlock_irqrestore(&m->wait_lock, f);
		schedule();
		f = spin_lock_irqsave(&m->wait_lock);
		if (m->owner == current)
			break;		/* handed over (and unlisted) */
		if (!m->owner) {
			m->owner = current;
			list_del(&w.list);
			break;
		}
		if (signal_pending_state(state, current)) {
			list_del(&w.list);
			ret = -EINTR;
			break;
		}
		/* Someone took it before we ran: next time, hand it over. */
		if (&w.list == m->waiters.next)
			m->handoff = true;
	}
	set_current_state(TASK_RUNNING);
	spin_unlock_irqrestore(&m->wait_lock, f);
	return ret;
}

/* mutex_lock - see <tine/mutex.h>. */
void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE);
}

/* mutex_lock_killable - see <tine/mutex.h>. A failed wait's lockdep
 * record lapses by itself: we are not the owner. */
int mutex_lock_killable(struct mutex *m)
{
	return __mutex_lock(m, TASK_KILLABLE);
}

/* mutex_trylock - see <tine/mutex.h>. */
bool mutex_trylock(struct mutex *m)
{
	unsigned long f = spin_lock_irqsave(&m->wait_lock);
	bool ok = !m->owner;

	if (ok)
		m->owner = current;
	spin_unlock_irqrestore(&m->wait_lock, f);
	if (ok && unlikely(lockdep_enabled))
		lockdep_acquire(m, m->class, LOCKDEP_MUTEX, 0);
	return ok;
}

/* mutex_unlock - see <tine/mutex.h>: wakes (or hands over to) the
 * first waiter. */
void mutex_unlock(struct mutex *m)
{
	struct mutex_waiter *w;
	unsigned long f;

	struct task_struct *next = NULL;

	WARN_ON(m->owner != current);
	f = spin_lock_irqsave(&m->wait_lock);
	m->owner = NULL;
	if (!list_empty(&m->waiters)) {
		w = list_first_entry(&m->waiters, struct mutex_waiter, list);
		next = w->task;
		get_task_struct(next);
		if (m->handoff) {
			m->handoff = false;
			list_del(&w->list);
			m->owner = next;
		}
	}
	spin_unlock_irqrestore(&m->wait_lock, f);
	if (next) {
		wake_up_process(next);
		put_task_struct(next);
	}
}

bool mutex_is_locked(struct mutex *m) { return READ_ONCE(m->owner) != NULL; }
