/* wait4/waitid options and rusage (the Linux ABI). */
#ifndef TINE_WAIT_API_H
#define TINE_WAIT_API_H

#include <tine/types.h>

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WSTOPPED WUNTRACED
#define WEXITED 0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT 0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define P_PIDFD 3

#define INT_MIN (-2147483647 - 1)

struct timeval_k {
	long tv_sec;
	long tv_usec;
};

struct rusage {
	struct timeval_k ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt;
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	long ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* Kernel-side accumulated usage (ns and counts). */
struct rusage_k {
	u64 utime, stime;
	unsigned long minflt, majflt, nvcsw, nivcsw;
	unsigned long maxrss;		/* pages */
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_BOTH (-2)		/* self and children: wait's rusage */
#define RUSAGE_THREAD 1

struct task_struct;
struct mm_struct;
/* p's usage (kernel/sys.c, Linux's getrusage()): p's siglock must be
 * free; any tasklist_lock may be held. */
void getrusage(struct task_struct *p, int who, struct rusage_k *r);
int put_rusage(const struct rusage_k *r, struct rusage __user *ru);
/* Record mm's rss peak as one of current's process (exit, exec). */
void setmax_mm_hiwater_rss(struct mm_struct *mm);

/*
 * kernel_wait - wait (uninterruptibly for a kernel thread, which takes
 * no signals) for child pid, a number in current's namespace, to exit;
 * its wait status in *stat. Returns pid, or -ECHILD. Sleeps.
 */
pid_t kernel_wait(pid_t pid, int *stat);

#endif
