/*
 * Spinlocks and reader-writer spinlocks.
 *
 * spinlock_t is a ticket lock: a CPU takes the next ticket and spins
 * until the lock serves it, so waiters get the lock in arrival order
 * (no CPU starves, as a test-and-set lock allows). Under a hypervisor
 * the same word is taken test-and-set instead (virt_spin_lock(), as
 * Linux): a hand-over in order waits for a virtual CPU the host may not
 * be running. rwlock_t lets
 * readers share the lock; a writer that waits stops new readers from
 * coming in ahead of it (queued on the rwlock's own ticket lock), so
 * neither side starves.
 *
 * The _irqsave/_irq forms also mask interrupts on this CPU, which is
 * what makes a lock safe against its own interrupt handlers: a lock an
 * interrupt handler takes must always be taken that way.
 *
 * tine's kernel is not preemptible: a task holding a spinlock stays on
 * its CPU until it drops it. Never sleep, and never touch user memory,
 * with a spinlock held (docs/locking.md).
 *
 * Every lock may carry a lock class (a name and its rank in the order
 * of docs/locking.md): with `tine.lockdep` on the kernel command line,
 * kernel/lockdep.c checks each acquisition against the locks this
 * context holds and warns on an inversion. Off, the check costs one
 * test of lockdep_enabled.
 */
#ifndef TINE_SPINLOCK_H
#define TINE_SPINLOCK_H

#include <asm/processor.h>
#include <tine/compiler.h>
#include <tine/lockdep.h>
#include <tine/printk.h>

typedef struct spinlock {
	union {
		u32 val;
		struct {
			u16 owner;	/* the ticket being served */
			u16 next;	/* the next ticket to hand out */
		};
	};
	const struct lock_class *class;	/* lockdep rank, NULL: unchecked */
} spinlock_t;

#define SPINLOCK_INIT { { 0 }, NULL }
#define SPINLOCK_INIT_CLASS(c) { { 0 }, (c) }
#define DEFINE_SPINLOCK(name) spinlock_t name = SPINLOCK_INIT
/* A global lock with a place in the documented order (lockdep). */
#define DEFINE_SPINLOCK_RANKED(lk, lrank)                                \
	spinlock_t lk = { { 0 },                                          \
			  &(const struct lock_class){ .name = #lk,        \
						      .rank = (lrank) } }

static inline void __spin_lock_init(spinlock_t *l, const struct lock_class *c)
{
	l->val = 0;
	l->class = c;
}
#define spin_lock_init(l) __spin_lock_init((l), NULL)
/* Initialise a lock of a ranked class: spin_lock_init_ranked(&x, "x", R). */
#define spin_lock_init_ranked(l, lname, lrank)                              \
	do {                                                              \
		static const struct lock_class __lc = {                   \
			.name = (lname), .rank = (lrank) };               \
		__spin_lock_init((l), &__lc);                             \
	} while (0)

/* Wait until l serves ticket. */
static inline void arch_spin_wait(spinlock_t *l, u16 ticket)
{
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

/* Take the next ticket of l and return it. */
static inline u16 arch_spin_ticket(spinlock_t *l)
{
	return __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);
}

/*
 * Under a hypervisor each CPU is a thread of the host, which may leave
 * it unrun for milliseconds. A ticket lock then hands the lock to a
 * waiter that is not running, and every CPU queued behind it spins,
 * interrupts off, until the host runs that one: on a loaded 2-core host
 * with 4 vCPUs, hand-overs of rq->lock took 25 ms each and all CPUs
 * stood still for up to a second. So, as Linux does when the hypervisor
 * offers no paravirt lock (virt_spin_lock), tine then lets whichever
 * running CPU finds the lock free take it: test-and-set on the same
 * ticket word (take the next ticket only while it is being served). No
 * order among waiters, but no hand-over to a CPU that is not running.
 * Set by the arch on the boot CPU, before any other CPU starts.
 */
extern bool virt_spin_lock_key;

/* Take l as soon as it is seen free; returns the ticket now held. */
static inline u16 virt_spin_lock(spinlock_t *l)
{
	for (;;) {
		u32 old = __atomic_load_n(&l->val, __ATOMIC_RELAXED);

		if ((u16)old == (u16)(old >> 16) &&
		    __atomic_compare_exchange_n(&l->val, &old,
						old + (1U << 16), false,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return (u16)old;
		cpu_relax();
	}
}

static inline void arch_spin_lock(spinlock_t *l)
{
	u16 ticket;

	if (unlikely(virt_spin_lock_key)) {
		virt_spin_lock(l);
		return;
	}
	ticket = arch_spin_ticket(l);
	if (unlikely(READ_ONCE(l->owner) != ticket))
		arch_spin_wait(l, ticket);
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	/* Only the holder writes owner: one plain add (x86 stores are
	 * release stores). */
	__asm__ volatile("addw $1, %0" : "+m"(l->owner) : : "memory");
}

/* The lockdep form (kernel/lockdep.c): take a ticket, check the order
 * and record the lock, then wait. */
void lockdep_spin_lock(spinlock_t *l);

static inline void spin_lock(spinlock_t *l)
{
	if (unlikely(lockdep_enabled))
		lockdep_spin_lock(l);
	else
		arch_spin_lock(l);
}

/* No lockdep work here: its record of l lapses by itself once l no
 * longer serves the ticket it was taken with. */
static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(l);
}

/* Take l if it is free: true if we now hold it. */
static inline bool spin_trylock(spinlock_t *l)
{
	u32 old = __atomic_load_n(&l->val, __ATOMIC_RELAXED);

	if ((u16)old != (u16)(old >> 16))
		return false;
	if (!__atomic_compare_exchange_n(&l->val, &old, old + (1U << 16),
					 false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return false;
	if (unlikely(lockdep_enabled))
		lockdep_acquire(l, l->class, LOCKDEP_SPIN, (u16)old);
	return true;
}

static inline bool spin_is_locked(spinlock_t *l)
{
	u32 v = __atomic_load_n(&l->val, __ATOMIC_RELAXED);

	return (u16)v != (u16)(v >> 16);
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long f = local_irq_save();

	spin_lock(l);
	return f;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long f)
{
	spin_unlock(l);
	local_irq_restore(f);
}

static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	spin_lock(l);
}

static inline void spin_unlock_irq(spinlock_t *l)
{
	spin_unlock(l);
	local_irq_enable();
}

/*
 * The caller's contract "l is held": held at all, and with lockdep on
 * (which records holders), held by this CPU. A ranked lock only: the
 * record covers those.
 */
#define assert_spin_locked(l)                                             \
	do {                                                              \
		spinlock_t *__l = (l);                                    \
		BUG_ON(!spin_is_locked(__l));                             \
		BUG_ON(lockdep_enabled && __l->class &&                   \
		       !lockdep_spin_held(__l));                          \
	} while (0)

/*
 * The same contract on a hot path (run queues, the allocators, page
 * tables, wake-ups): compiled in only by `make DEBUG_LOCKS=1`, and then
 * checked when tine.lockdep is on (`make check-lockdep` does both);
 * nothing at all in the default build (docs/locking.md).
 */
#define lockdep_assert_held(l)                                            \
	do {                                                              \
		if (lockdep_hot_checks())                                 \
			assert_spin_locked(l);                            \
	} while (0)

/* ---- reader-writer locks ---- */

#define RW_WLOCKED 0x0ffU		/* a writer holds it */
#define RW_WAITING 0x100U		/* a writer waits for the readers */
#define RW_WMASK (RW_WLOCKED | RW_WAITING)
#define RW_RBIAS 0x200U			/* one reader */

typedef struct {
	u32 cnts;			/* readers * RW_RBIAS | writer bits */
	spinlock_t wait_lock;		/* orders waiting readers and writers */
	const struct lock_class *class;	/* lockdep rank */
} rwlock_t;

#define RWLOCK_INIT { 0, SPINLOCK_INIT, NULL }
#define DEFINE_RWLOCK_RANKED(lk, lrank)                                  \
	rwlock_t lk = { 0, SPINLOCK_INIT,                                 \
			&(const struct lock_class){ .name = #lk,          \
						    .rank = (lrank) } }

void rwlock_read_slowpath(rwlock_t *l);
void rwlock_write_slowpath(rwlock_t *l);

static inline void read_lock(rwlock_t *l)
{
	u32 c;

	if (unlikely(lockdep_enabled))
		lockdep_acquire(l, l->class, LOCKDEP_RWLOCK, 0);
	c = __atomic_add_fetch(&l->cnts, RW_RBIAS, __ATOMIC_ACQUIRE);
	if (unlikely(c & RW_WMASK))
		rwlock_read_slowpath(l);
}

static inline void read_unlock(rwlock_t *l)
{
	if (unlikely(lockdep_enabled))
		lockdep_release(l, l->class);
	__atomic_sub_fetch(&l->cnts, RW_RBIAS, __ATOMIC_RELEASE);
}

static inline void write_lock(rwlock_t *l)
{
	u32 zero = 0;

	if (unlikely(lockdep_enabled))
		lockdep_acquire(l, l->class, LOCKDEP_RWLOCK, 0);
	if (unlikely(!__atomic_compare_exchange_n(&l->cnts, &zero, RW_WLOCKED,
						  false, __ATOMIC_ACQUIRE,
						  __ATOMIC_RELAXED)))
		rwlock_write_slowpath(l);
}

static inline void write_unlock(rwlock_t *l)
{
	if (unlikely(lockdep_enabled))
		lockdep_release(l, l->class);
	/* Readers may be adding their bias meanwhile: clear only ours. */
	__atomic_sub_fetch(&l->cnts, RW_WLOCKED, __ATOMIC_RELEASE);
}

static inline unsigned long read_lock_irqsave(rwlock_t *l)
{
	unsigned long f = local_irq_save();

	read_lock(l);
	return f;
}

static inline void read_unlock_irqrestore(rwlock_t *l, unsigned long f)
{
	read_unlock(l);
	local_irq_restore(f);
}

static inline unsigned long write_lock_irqsave(rwlock_t *l)
{
	unsigned long f = local_irq_save();

	write_lock(l);
	return f;
}

static inline void write_unlock_irqrestore(rwlock_t *l, unsigned long f)
{
	write_unlock(l);
	local_irq_restore(f);
}

static inline void read_lock_irq(rwlock_t *l)
{
	local_irq_disable();
	read_lock(l);
}

static inline void read_unlock_irq(rwlock_t *l)
{
	read_unlock(l);
	local_irq_enable();
}

static inline void write_lock_irq(rwlock_t *l)
{
	local_irq_disable();
	write_lock(l);
}

static inline void write_unlock_irq(rwlock_t *l)
{
	write_unlock(l);
	local_irq_enable();
}

static inline bool rwlock_is_write_locked(rwlock_t *l)
{
	return (__atomic_load_n(&l->cnts, __ATOMIC_RELAXED) & RW_WLOCKED) ==
	       RW_WLOCKED;
}

static inline bool rwlock_is_locked(rwlock_t *l)
{
	return __atomic_load_n(&l->cnts, __ATOMIC_RELAXED) &
	       (RW_WLOCKED | ~(RW_RBIAS - 1));
}

/* The contracts "held for writing" and "held, for reading or writing". */
#define assert_write_locked(l) BUG_ON(!rwlock_is_write_locked(l))
#define assert_rwlock_held(l) BUG_ON(!rwlock_is_locked(l))

#endif
