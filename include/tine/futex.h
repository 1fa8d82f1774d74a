/* Fast user-space mutexes (kernel/futex.c). */
#ifndef TINE_FUTEX_H
#define TINE_FUTEX_H

#include <tine/types.h>

/* Wake up to n waiters on the (private or shared) futex at uaddr. */
int futex_wake_addr(u32 __user *uaddr, int n);

struct task_struct;
/* Mark the dying task's robust futexes OWNER_DIED, waking waiters. */
void exit_robust_list(struct task_struct *t);
/*
 * t is done with its memory (exit when exiting, else exec): its PI
 * futexes go to their best waiters (kernel/futex_pi.c). Takes
 * futex_lock; does not sleep.
 */
void exit_pi_state_list(struct task_struct *t, bool exiting);
/*
 * p's priority changed (sched_setscheduler, nice): if it waits on a PI
 * futex, move it in that futex's queue and redo the owners' boosts
 * (Linux's rt_mutex_adjust_pi). Takes futex_lock; no rq lock held.
 */
void futex_pi_adjust(struct task_struct *p);

#endif
