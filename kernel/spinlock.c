/*
 * The slow paths of reader-writer locks (the fast paths are inline in
 * <tine/spinlock.h>). Contended readers and writers queue on the
 * rwlock's ticket lock, so they get in broadly in arrival order: a
 * waiting writer holds the queue, which stops new readers from passing
 * it, and takes the lock as soon as the readers inside have left.
 */
#include <tine/spinlock.h>

/* Test-and-set spinlocks: see virt_spin_lock() in <tine/spinlock.h>.
 * [boot] set by the arch before other CPUs start, never changed. */
bool virt_spin_lock_key;

/*
 * A reader found a writer holding or waiting for l: step back, queue,
 * and come in once no writer holds it. Its bias is counted again while
 * it waits at the head of the queue, so the writer behind it waits for
 * it in turn.
 */
void rwlock_read_slowpath(rwlock_t *l)
{
	__atomic_sub_fetch(&l->cnts, RW_RBIAS, __ATOMIC_RELAXED);
	arch_spin_lock(&l->wait_lock);
	__atomic_add_fetch(&l->cnts, RW_RBIAS, __ATOMIC_ACQUIRE);
	while ((__atomic_load_n(&l->cnts, __ATOMIC_ACQUIRE) & RW_WMASK) ==
	       RW_WLOCKED)
		cpu_relax();
	arch_spin_unlock(&l->wait_lock);
}

/*
 * The lock was not free: queue, announce a waiting writer (new readers
 * then queue behind us), wait for the readers to drain and take it.
 */
void rwlock_write_slowpath(rwlock_t *l)
{
	u32 c;

	arch_spin_lock(&l->wait_lock);
	__atomic_or_fetch(&l->cnts, RW_WAITING, __ATOMIC_RELAXED);
	for (;;) {
		c = RW_WAITING;
		if (__atomic_compare_exchange_n(&l->cnts, &c, RW_WLOCKED,
						false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			break;
		cpu_relax();
	}
	arch_spin_unlock(&l->wait_lock);
}
