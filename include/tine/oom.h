/*
 * The out-of-memory killer (mm/oom_kill.c): when a process needs memory
 * and none is left, the process whose death frees the most is killed.
 */
#ifndef TINE_OOM_H
#define TINE_OOM_H

#include <tine/types.h>

#define OOM_SCORE_ADJ_MIN (-1000)	/* never chosen */
#define OOM_SCORE_ADJ_MAX 1000		/* chosen first */
#define OOM_DISABLE (-17)		/* legacy oom_adj's bounds */
#define OOM_ADJUST_MAX 15

#ifndef LONG_MIN
#define LONG_MIN (-__LONG_MAX__ - 1L)
#endif

struct task_struct;

/*
 * out_of_memory - memory for a process ran out (order: the block size
 * asked for): kill the process with the highest badness, unless a
 * victim is still exiting. Returns true if waiting can help. No locks
 * held; may sleep.
 */
bool out_of_memory(unsigned int order);

/*
 * pagefault_out_of_memory - a user page fault found no memory: run the
 * OOM killer and wait a tick; the fault is then retried. No locks held.
 */
void pagefault_out_of_memory(void);

/*
 * oom_badness - pages freed by killing p (resident + page tables) plus
 * oom_score_adj thousandths of totalpages, or LONG_MIN if p is never
 * chosen. tasklist_lock held (read).
 */
long oom_badness(struct task_struct *p, unsigned long totalpages);

/* /proc/<pid>/oom_score: 0..1333 as Linux scales it. Takes tasklist_lock. */
unsigned long oom_score(struct task_struct *p);

/* May current take pages from the reserve (an OOM victim exiting)? */
bool oom_reserves_allowed(void);

/* Pages user memory may not take (Linux's min_free_kbytes). */
extern unsigned long min_free_pages;

#endif
