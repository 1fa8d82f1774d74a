/*
 * Spinlocks. Every lock is a real test-and-set lock so the code is
 * SMP-ready; the _irqsave forms also mask interrupts on this CPU, which
 * is what makes a lock safe against its own interrupt handlers.
 */
#ifndef TINE_SPINLOCK_H
#define TINE_SPINLOCK_H

#include <asm/processor.h>
#include <tine/compiler.h>

typedef struct {
	volatile int locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = SPINLOCK_INIT

static inline void spin_lock_init(spinlock_t *l) { l->locked = 0; }

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (l->locked)
			cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l) { return l->locked; }

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

#define assert_spin_locked(l) BUG_ON(!spin_is_locked(l))

#endif
