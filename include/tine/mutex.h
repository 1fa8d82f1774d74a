/*
 * A sleeping lock, for long critical sections that may block. Waiters
 * get it in arrival order, handed over by the unlocker (kernel/mutex.c).
 * The owner is recorded, so the contract "m is held by me" is checkable
 * (mutex_assert_held). A mutex may carry a lock class for lockdep (see
 * <tine/lockdep.h>); no mutex is ever taken with a spinlock held.
 */
#ifndef TINE_MUTEX_H
#define TINE_MUTEX_H

#include <tine/wait.h>

struct mutex {
	unsigned long owner;		/* the owner task | MUTEX_WAITERS; 0:
					 * free (see kernel/mutex.c) */
	spinlock_t wait_lock;		/* protects waiters, handoff, flags */
	struct list_head waiters;	/* [wait_lock] sleepers, FIFO */
	bool handoff;			/* [wait_lock] give it to the first */
	const struct lock_class *class;	/* lockdep rank, NULL: unchecked */
};

#define MUTEX_WAITERS 1UL		/* owner flag: the list is not empty */
#define MUTEX_FLAGS MUTEX_WAITERS

#define MUTEX_INIT(n)                                                     \
	{ 0, SPINLOCK_INIT, LIST_HEAD_INIT((n).waiters), false, NULL }
#define DEFINE_MUTEX(n) struct mutex n = MUTEX_INIT(n)
/* A global mutex with a place in the documented order. */
#define DEFINE_MUTEX_RANKED(n, lrank)                                      \
	struct mutex n = { 0, SPINLOCK_INIT, LIST_HEAD_INIT((n).waiters),     \
			   false,                                          \
			   &(const struct lock_class){ .name = #n,         \
						       .rank = (lrank) } }

void __mutex_init(struct mutex *m, const struct lock_class *c);
#define mutex_init(m) __mutex_init((m), NULL)
/* Initialise a mutex of a ranked class: mutex_init_ranked(&m, "m", R). */
#define mutex_init_ranked(m, lname, lrank)                                  \
	do {                                                              \
		static const struct lock_class __lc = {                   \
			.name = (lname), .rank = (lrank) };               \
		__mutex_init((m), &__lc);                                 \
	} while (0)

/* Take m, sleeping while another task holds it. Process context. */
void mutex_lock(struct mutex *m);
/* Returns 0, or -EINTR if a fatal signal arrived while waiting. */
int mutex_lock_killable(struct mutex *m);
/* Take m if it is free: true if we now hold it. Does not sleep. */
bool mutex_trylock(struct mutex *m);
/* Release m (held by current); wakes a waiter. Does not sleep. */
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(struct mutex *m);

/* The task that holds m, or NULL. */
static inline struct task_struct *mutex_owner(const struct mutex *m)
{
	return (struct task_struct *)(__atomic_load_n(&m->owner,
						      __ATOMIC_RELAXED) &
				      ~MUTEX_FLAGS);
}

/* The contract "current holds m". */
#define mutex_assert_held(m) BUG_ON(mutex_owner(m) != current)

#endif
