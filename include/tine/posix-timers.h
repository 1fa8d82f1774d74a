/*
 * CPU-time accounting (kernel/cputime.c), CPU-time clocks and timers
 * (kernel/posix-cpu-timers.c) and POSIX timers (kernel/posix-timers.c).
 *
 * Lock: posix_timers_lock (irq-safe) protects every process's list of
 * POSIX timers, every timer's setting, and the CPU-timer lists of
 * tasks and processes. It comes before tasklist_lock and the siglocks
 * (firing a timer sends its signal under it) and after nothing.
 */
#ifndef TINE_POSIX_TIMERS_H
#define TINE_POSIX_TIMERS_H

#include <tine/list.h>
#include <tine/spinlock.h>
#include <tine/time.h>
#include <tine/types.h>

struct pid_namespace;
struct seq_buf;
struct task_struct;
struct signal_struct;
struct sigqueue;

extern spinlock_t posix_timers_lock;

/* ---- kernel/cputime.c ---- */

/* The user/kernel boundary (vtime_user_exit/enter) is in tine/vtime.h. */
/*
 * vtime_task_switch - on a context switch, in the new current with
 * interrupts off and before prev may run elsewhere: charge prev's last
 * stretch, start current's.
 */
void vtime_task_switch(struct task_struct *prev);
/* t's user and system time in ns, up to now. Any context, lock-free. */
void task_cputime(struct task_struct *t, u64 *utime, u64 *stime);
/*
 * thread_group_cputime - user and system time of the whole process:
 * its live threads up to now and its released ones. Caller holds
 * tasklist_lock (either way) or the group's siglock: a thread leaves
 * the list and adds its time to sig under both.
 */
void thread_group_cputime(struct signal_struct *sig, u64 *utime, u64 *stime);
/* The same, taking tasklist_lock for reading. */
void thread_group_cputime_locked(struct signal_struct *sig, u64 *utime,
				 u64 *stime);
/* release_task: fold a dead thread's times into its process. siglock. */
void account_dead_thread(struct task_struct *t);

/* ---- kernel/posix-cpu-timers.c ---- */

/* Does clockid name a CPU-time clock (2, 3 or a negative one)? */
bool is_cpu_clock(clockid_t clockid);
/* clock_gettime/getres of a CPU clock: 0 or -EINVAL (no such task). */
int posix_cpu_clock_get(clockid_t clockid, u64 *ns);
int posix_cpu_clock_getres(clockid_t clockid, u64 *ns);
/* clock_nanosleep on a CPU clock: as sys_clock_nanosleep. */
long posix_cpu_nsleep(clockid_t clockid, int flags, u64 t,
		      struct timespec_k __user *rem);
/* The tick, on every CPU: fire current's due CPU timers. Irqs off. */
void run_posix_cpu_timers(void);
/* do_exit: timers on t's (and if group_dead its process's) CPU clocks stop. */
void exit_posix_cpu_timers(struct task_struct *t, bool group_dead);

/* A timer on a CPU-time clock. All fields [posix_timers_lock]. */
struct cpu_timer {
	struct list_head node;		/* in the target's cpu_timers */
	u64 expires;			/* clock value to fire at; 0: disarmed */
	u64 interval;			/* 0: one-shot */
	bool virt;			/* user time only (CPUCLOCK_VIRT) */
	bool perthread;			/* a thread's clock, not a process's */
	struct task_struct *task;	/* perthread: the thread, NULL once dead */
	struct signal_struct *sig;	/* else the process, NULL once dead */
	/* Called from the tick with the lock held: the expiry and how
	 * many more periods went by unseen. */
	void (*fire)(struct cpu_timer *ct, u64 overruns);
};

/*
 * cpu_timer_init - bind ct to the clock clockid of the caller's view
 * (a thread of the caller's process or any process). 0 or -EINVAL.
 * Takes tasklist_lock; not armed.
 */
int cpu_timer_init(struct cpu_timer *ct, clockid_t clockid,
		   void (*fire)(struct cpu_timer *, u64));
/* The clock's value now (0 once the target died). posix_timers_lock held. */
u64 cpu_timer_sample(struct cpu_timer *ct);
/* (Re)arm at absolute clock value expires (0 disarms). Lock held. */
void cpu_timer_arm(struct cpu_timer *ct, u64 expires, u64 interval);

/* ---- kernel/posix-timers.c ---- */

/* A timer's signal was dequeued (info filled): note its overrun. siglock. */
void posixtimer_dequeued(void *timer, int overrun);
/* exec and group exit: delete every POSIX timer of the process. */
void exit_posix_timers(struct signal_struct *sig);
/*
 * proc_timers_show - /proc/<pid>/timers: t's process's POSIX timers,
 * newest first, as Linux prints them (id, signal and value, how it
 * notifies which pid as ns numbers it, clock). 0 or -ENOMEM. Sleeps.
 */
int proc_timers_show(struct seq_buf *m, struct task_struct *t,
		     struct pid_namespace *ns);

#endif
