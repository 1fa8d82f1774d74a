/* Fast user-space mutexes (kernel/futex.c). */
#ifndef TINE_FUTEX_H
#define TINE_FUTEX_H

#include <tine/types.h>

/* Wake up to n waiters on the (private or shared) futex at uaddr. */
int futex_wake_addr(u32 __user *uaddr, int n);

struct task_struct;
/* Mark the dying task's robust futexes OWNER_DIED, waking waiters. */
void exit_robust_list(struct task_struct *t);

#endif
