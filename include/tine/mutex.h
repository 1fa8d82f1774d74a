/* A sleeping lock, for long critical sections that may block. */
#ifndef TINE_MUTEX_H
#define TINE_MUTEX_H

#include <tine/wait.h>

struct mutex {
	spinlock_t wait_lock;		/* protects owner */
	struct task_struct *owner;	/* [wait_lock] NULL when free */
	struct wait_queue_head wq;	/* sleepers */
};

#define MUTEX_INIT(n) { SPINLOCK_INIT, NULL, WAIT_QUEUE_HEAD_INIT((n).wq) }
#define DEFINE_MUTEX(n) struct mutex n = MUTEX_INIT(n)

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
/* Returns 0, or -EINTR if a fatal signal arrived while waiting. */
int mutex_lock_killable(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(struct mutex *m);

#endif
