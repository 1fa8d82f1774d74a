/*
 * Mutexes: sleeping locks with an owner.
 *
 * The owner word is the owning task's address, with two flag bits:
 * MUTEX_WAITERS (someone sleeps on the waiter list) and, in m->handoff,
 * a request that the next unlock hand the mutex straight over. An
 * uncontended lock or unlock is one compare-and-exchange on the owner
 * word (0 -> current, current -> 0); with waiters the word has a flag
 * set, both fast paths fail, and everything happens under wait_lock.
 *
 * A task that finds the mutex taken queues itself (FIFO) and sleeps.
 * Unlocking with waiters frees the mutex (owner = MUTEX_WAITERS) and
 * wakes the first waiter alone (a crowd of woken waiters racing for it
 * is a livelock on many CPUs). Someone else may take the free mutex
 * before that waiter runs, but only once: the waiter then asks for a
 * hand-over, and the next unlock makes it the owner directly. So no
 * waiter starves.
 *
 * Lock: wait_lock protects the waiter list, handoff and the flag bits;
 * it is taken with interrupts off. The waiter to wake is woken after
 * wait_lock is dropped (a wake-up may wait for it to finish leaving
 * another CPU), held by a task reference: by then it may have run.
 */
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <uapi/errno.h>

struct mutex_waiter {
	struct list_head list;		/* [wait_lock] in mutex->waiters */
	struct task_struct *task;
};

/* __mutex_init - an unlocked mutex of lock class c (NULL: unranked). */
void __mutex_init(struct mutex *m, const struct lock_class *c)
{
	m->owner = 0;
	spin_lock_init(&m->wait_lock);
	INIT_LIST_HEAD(&m->waiters);
	m->handoff = false;
	m->class = c;
}

/* Take m if no task owns it (keeping the flags), or if it was handed
 * to us. wait_lock held. */
static bool try_take(struct mutex *m)
{
	unsigned long o = __atomic_load_n(&m->owner, __ATOMIC_RELAXED);

	assert_spin_locked(&m->wait_lock);
	for (;;) {
		if (o & ~MUTEX_FLAGS)
			return (o & ~MUTEX_FLAGS) == (unsigned long)current;
		if (__atomic_compare_exchange_n(&m->owner, &o,
						(unsigned long)current | o,
						false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	}
}

/*
 * The slow path: queue and sleep in state until we own m. Returns 0, or
 * -EINTR if state is killable and a fatal signal came first (then we
 * are off the list and do not own m).
 */
static int __mutex_lock_slow(struct mutex *m, long state)
{
	struct mutex_waiter w = { .task = current };
	unsigned long f;
	int ret = 0;

	BUG_ON(mutex_owner(m) == current);
	f = spin_lock_irqsave(&m->wait_lock);
	list_add_tail(&w.list, &m->waiters);
	for (;;) {
		/* Unlockers must take the slow path and look at the list. */
		__atomic_or_fetch(&m->owner, MUTEX_WAITERS, __ATOMIC_SEQ_CST);
		if (try_take(m))
			break;
		if (signal_pending_state(state, current)) {
			ret = -EINTR;
			break;
		}
		set_current_state(state);
		spin_unlock_irqrestore(&m->wait_lock, f);
		schedule();
		f = spin_lock_irqsave(&m->wait_lock);
		/* Someone took it before we ran: next time, hand it over. */
		if (mutex_owner(m) && mutex_owner(m) != current &&
		    &w.list == m->waiters.next)
			m->handoff = true;
	}
	set_current_state(TASK_RUNNING);
	list_del(&w.list);
	if (list_empty(&m->waiters))
		__atomic_and_fetch(&m->owner, ~MUTEX_WAITERS, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&m->wait_lock, f);
	return ret;
}

static bool mutex_trylock_fast(struct mutex *m)
{
	unsigned long zero = 0;

	return __atomic_compare_exchange_n(&m->owner, &zero,
					   (unsigned long)current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* mutex_lock - see <tine/mutex.h>. */
void mutex_lock(struct mutex *m)
{
	if (unlikely(lockdep_enabled))
		lockdep_acquire(m, m->class, LOCKDEP_MUTEX, 0);
	if (likely(mutex_trylock_fast(m)))
		return;
	__mutex_lock_slow(m, TASK_UNINTERRUPTIBLE);
}

/* mutex_lock_killable - see <tine/mutex.h>. A failed wait's lockdep
 * record lapses by itself: we are not the owner. */
int mutex_lock_killable(struct mutex *m)
{
	if (unlikely(lockdep_enabled))
		lockdep_acquire(m, m->class, LOCKDEP_MUTEX, 0);
	if (likely(mutex_trylock_fast(m)))
		return 0;
	return __mutex_lock_slow(m, TASK_KILLABLE);
}

/* mutex_trylock - see <tine/mutex.h>. */
bool mutex_trylock(struct mutex *m)
{
	bool ok = mutex_trylock_fast(m);

	if (ok && unlikely(lockdep_enabled))
		lockdep_acquire(m, m->class, LOCKDEP_MUTEX_TRY, 0);
	return ok;
}

/* There are waiters: free m (or hand it to the first) and wake one. */
static void __mutex_unlock_slow(struct mutex *m)
{
	struct task_struct *next = NULL;
	struct mutex_waiter *w;
	unsigned long f = spin_lock_irqsave(&m->wait_lock);

	if (list_empty(&m->waiters)) {
		__atomic_store_n(&m->owner, 0, __ATOMIC_RELEASE);
	} else {
		w = list_first_entry(&m->waiters, struct mutex_waiter, list);
		next = w->task;
		get_task_struct(next);
		if (m->handoff) {
			m->handoff = false;
			__atomic_store_n(&m->owner,
					 (unsigned long)next | MUTEX_WAITERS,
					 __ATOMIC_RELEASE);
		} else {
			__atomic_store_n(&m->owner, MUTEX_WAITERS,
					 __ATOMIC_RELEASE);
		}
	}
	spin_unlock_irqrestore(&m->wait_lock, f);
	if (next) {
		wake_up_process(next);
		put_task_struct(next);
	}
}

/* mutex_unlock - see <tine/mutex.h>. */
void mutex_unlock(struct mutex *m)
{
	unsigned long me = (unsigned long)current;

	if (likely(__atomic_compare_exchange_n(&m->owner, &me, 0, false,
					       __ATOMIC_RELEASE,
					       __ATOMIC_RELAXED)))
		return;
	WARN_ON(mutex_owner(m) != current);
	__mutex_unlock_slow(m);
}

/* mutex_is_locked - does some task hold m? A snapshot, for assertions. */
bool mutex_is_locked(struct mutex *m)
{
	return mutex_owner(m) != NULL;
}
