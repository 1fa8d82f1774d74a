/*
 * CPU-time clocks and timers: CLOCK_PROCESS_CPUTIME_ID,
 * CLOCK_THREAD_CPUTIME_ID and the clock ids clock_getcpuclockid() and
 * pthread_getcpuclockid() make for a process or thread (Linux's
 * encoding: ~pid << 3 | per-thread bit | PROF/VIRT/SCHED). The clocks
 * read the precise times of kernel/cputime.c; SCHED and PROF count user
 * and system time, VIRT user time only.
 *
 * A timer on such a clock (struct cpu_timer) waits on its target's
 * list (task->cpu_timers or signal->cpu_timers); every CPU's tick looks
 * at the running task's lists and fires what is due, so the resolution
 * is a tick of the target's CPU time. When the target thread or
 * process dies its timers are detached and never fire.
 *
 * Lock: posix_timers_lock (see <tine/posix-timers.h>); the clock of
 * another task is read under tasklist_lock, which keeps the task and
 * its signal_struct from being released.
 */
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "signal_internal.h"

#define CPUCLOCK_PROF 0
#define CPUCLOCK_VIRT 1
#define CPUCLOCK_SCHED 2
#define CPUCLOCK_MAX 3			/* 3 itself: a clock fd (none here) */
#define CPUCLOCK_PERTHREAD_MASK 4
#define CPUCLOCK_PID(c) ((pid_t)~((c) >> 3))
#define CPUCLOCK_PERTHREAD(c) (((c) & CPUCLOCK_PERTHREAD_MASK) != 0)
#define CPUCLOCK_WHICH(c) ((c) & 3)
/* CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID, encoded. */
#define PROCESS_CLOCK ((clockid_t)(~0U << 3) | CPUCLOCK_SCHED)
#define THREAD_CLOCK (PROCESS_CLOCK | CPUCLOCK_PERTHREAD_MASK)
#define TICK_NSEC ((NSEC_PER_SEC + HZ - 1) / HZ)

DEFINE_SPINLOCK_RANKED(posix_timers_lock, LR_POSIX_TIMERS);

/* is_cpu_clock - see posix-timers.h. */
bool is_cpu_clock(clockid_t clockid)
{
	return clockid == CLOCK_PROCESS_CPUTIME_ID ||
	       clockid == CLOCK_THREAD_CPUTIME_ID || clockid < 0;
}

static clockid_t cpu_clock_encode(clockid_t clockid)
{
	if (clockid == CLOCK_PROCESS_CPUTIME_ID)
		return PROCESS_CLOCK;
	if (clockid == CLOCK_THREAD_CPUTIME_ID)
		return THREAD_CLOCK;
	return clockid;
}

/*
 * The task behind an encoded CPU clock, as Linux's pid_for_clock: pid
 * 0 is the caller; another thread's clock must be one of the caller's
 * threads; a process clock may be any process's (named by its pid, or
 * for reading, also by the caller's own thread id). NULL if none.
 * tasklist_lock held.
 */
static struct task_struct *cpu_clock_task(clockid_t clock, bool gettime)
{
	pid_t pid = CPUCLOCK_PID(clock);
	struct task_struct *t;

	assert_rwlock_held(&tasklist_lock);
	if (CPUCLOCK_WHICH(clock) >= CPUCLOCK_MAX)
		return NULL;
	if (!pid)
		return current;
	t = find_task_by_vpid(pid);
	if (!t)
		return NULL;
	if (CPUCLOCK_PERTHREAD(clock))
		return same_thread_group(t, current) ? t : NULL;
	if (gettime && t == current)
		return t;
	return thread_group_leader(t) ? t : NULL;
}

/* A clock's value for task t. tasklist_lock held. */
static u64 cpu_clock_sample(clockid_t clock, struct task_struct *t)
{
	u64 u, s;

	assert_rwlock_held(&tasklist_lock);
	if (CPUCLOCK_PERTHREAD(clock))
		task_cputime(t, &u, &s);
	else
		thread_group_cputime(t->signal, &u, &s);
	return CPUCLOCK_WHICH(clock) == CPUCLOCK_VIRT ? u : u + s;
}

/* posix_cpu_clock_get - see posix-timers.h. */
int posix_cpu_clock_get(clockid_t clockid, u64 *ns)
{
	clockid_t clock = cpu_clock_encode(clockid);
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = cpu_clock_task(clock, true);

	if (t)
		*ns = cpu_clock_sample(clock, t);
	read_unlock_irqrestore(&tasklist_lock, f);
	return t ? 0 : -EINVAL;
}

/* posix_cpu_clock_getres - see posix-timers.h. */
int posix_cpu_clock_getres(clockid_t clockid, u64 *ns)
{
	clockid_t clock = cpu_clock_encode(clockid);
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = cpu_clock_task(clock, false);

	read_unlock_irqrestore(&tasklist_lock, f);
	if (!t)
		return -EINVAL;
	/* As Linux: the scheduler's clock is exact, the others sampled. */
	*ns = CPUCLOCK_WHICH(clock) == CPUCLOCK_SCHED ? 1 : TICK_NSEC;
	return 0;
}

/* ---- timers ---- */

/* cpu_timer_init - see posix-timers.h. */
int cpu_timer_init(struct cpu_timer *ct, clockid_t clockid,
		   void (*fire)(struct cpu_timer *, u64))
{
	clockid_t clock = cpu_clock_encode(clockid);
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = cpu_clock_task(clock, false);

	INIT_LIST_HEAD(&ct->node);
	ct->expires = 0;
	ct->interval = 0;
	ct->virt = CPUCLOCK_WHICH(clock) == CPUCLOCK_VIRT;
	ct->perthread = CPUCLOCK_PERTHREAD(clock);
	ct->task = t && ct->perthread ? t : NULL;
	ct->sig = t && !ct->perthread ? t->signal : NULL;
	ct->fire = fire;
	read_unlock_irqrestore(&tasklist_lock, f);
	return t ? 0 : -EINVAL;
}

/* cpu_timer_sample - see posix-timers.h. */
u64 cpu_timer_sample(struct cpu_timer *ct)
{
	u64 u = 0, s = 0;

	assert_spin_locked(&posix_timers_lock);
	if (ct->task)
		task_cputime(ct->task, &u, &s);
	else if (ct->sig)
		thread_group_cputime_locked(ct->sig, &u, &s);
	return ct->virt ? u : u + s;
}

/* cpu_timer_arm - see posix-timers.h. */
void cpu_timer_arm(struct cpu_timer *ct, u64 expires, u64 interval)
{
	assert_spin_locked(&posix_timers_lock);
	list_del_init(&ct->node);
	ct->expires = expires;
	ct->interval = interval;
	if (!expires)
		return;
	if (ct->task)
		list_add_tail(&ct->node, &ct->task->cpu_timers);
	else if (ct->sig)
		list_add_tail(&ct->node, &ct->sig->cpu_timers);
}

/* Fire the due timers of one list. posix_timers_lock held. */
static void check_cpu_timers(struct list_head *head)
{
	struct cpu_timer *ct, *n;

	assert_spin_locked(&posix_timers_lock);
	list_for_each_entry_safe(ct, n, head, node) {
		u64 now = cpu_timer_sample(ct), periods;

		if (now < ct->expires)
			continue;
		if (!ct->interval) {
			ct->expires = 0;
			list_del_init(&ct->node);
			ct->fire(ct, 0);
			continue;
		}
		periods = (now - ct->expires) / ct->interval + 1;
		ct->expires += periods * ct->interval;
		ct->fire(ct, periods - 1);
	}
}

/* run_posix_cpu_timers - see posix-timers.h. */
void run_posix_cpu_timers(void)
{
	struct task_struct *p = current;

	if (!p->mm)
		return;		/* idle and kernel threads have none */
	/* A hint without the lock: arming happens under it, and a timer
	 * armed just now is seen at the next tick. */
	if (list_empty(&p->cpu_timers) && list_empty(&p->signal->cpu_timers))
		return;
	spin_lock(&posix_timers_lock);
	check_cpu_timers(&p->cpu_timers);
	check_cpu_timers(&p->signal->cpu_timers);
	spin_unlock(&posix_timers_lock);
}

static void detach_cpu_timers(struct list_head *head)
{
	struct cpu_timer *ct, *n;

	list_for_each_entry_safe(ct, n, head, node) {
		list_del_init(&ct->node);
		ct->task = NULL;
		ct->sig = NULL;
		ct->expires = 0;
	}
}

/* exit_posix_cpu_timers - see posix-timers.h. */
void exit_posix_cpu_timers(struct task_struct *t, bool group_dead)
{
	unsigned long f = spin_lock_irqsave(&posix_timers_lock);

	detach_cpu_timers(&t->cpu_timers);
	if (group_dead)
		detach_cpu_timers(&t->signal->cpu_timers);
	spin_unlock_irqrestore(&posix_timers_lock, f);
}

/* ---- clock_nanosleep on a CPU clock ---- */

struct cpu_nsleep {
	struct cpu_timer ct;
	struct task_struct *task;	/* the sleeper */
	bool fired;			/* [posix_timers_lock] */
};

static void cpu_nsleep_fire(struct cpu_timer *ct, u64 overruns)
{
	struct cpu_nsleep *s = container_of(ct, struct cpu_nsleep, ct);

	s->fired = true;
	wake_up_process(s->task);
}

/* Sleep until the clock reaches expires: 0 or -ERESTARTSYS. */
static int cpu_nsleep_until(struct cpu_nsleep *s, u64 expires, u64 *left)
{
	unsigned long f = spin_lock_irqsave(&posix_timers_lock);
	int err = 0;

	cpu_timer_arm(&s->ct, expires, 0);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (s->fired || cpu_timer_sample(&s->ct) >= expires ||
		    (!s->ct.task && !s->ct.sig))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		spin_unlock_irqrestore(&posix_timers_lock, f);
		schedule();
		f = spin_lock_irqsave(&posix_timers_lock);
	}
	set_current_state(TASK_RUNNING);
	*left = err ? expires - MIN(expires, cpu_timer_sample(&s->ct)) : 0;
	cpu_timer_arm(&s->ct, 0, 0);
	spin_unlock_irqrestore(&posix_timers_lock, f);
	return err;
}

static long cpu_nsleep_restart(struct restart_block *rb);

/*
 * Sleep on clock until expires (absolute); interrupted, a relative
 * sleep reports the time left in rem and restarts to the same end.
 */
static long do_cpu_nanosleep(clockid_t clock, bool abs, u64 expires,
			     struct timespec_k __user *rem)
{
	struct restart_block *rb = &current->restart_block;
	struct timespec_k ts;
	struct cpu_nsleep s;
	u64 left;
	int err;

	err = cpu_timer_init(&s.ct, clock, cpu_nsleep_fire);
	if (err)
		return err;
	s.task = current;
	s.fired = false;
	if (!cpu_nsleep_until(&s, expires, &left))
		return 0;
	if (abs)
		return -ERESTARTNOHAND;
	ts = ns_to_timespec_k(left);
	if (rem && copy_to_user(rem, &ts, sizeof(ts)))
		return -EFAULT;
	rb->fn = cpu_nsleep_restart;
	rb->nanosleep.expires = expires;
	rb->nanosleep.clockid = clock;
	rb->nanosleep.rmtp = rem;
	return -ERESTART_RESTARTBLOCK;
}

static long cpu_nsleep_restart(struct restart_block *rb)
{
	rb->fn = do_no_restart_syscall;
	return do_cpu_nanosleep(rb->nanosleep.clockid, false,
				rb->nanosleep.expires, rb->nanosleep.rmtp);
}

/* posix_cpu_nsleep - see posix-timers.h. */
long posix_cpu_nsleep(clockid_t clockid, int flags, u64 t,
		      struct timespec_k __user *rem)
{
	clockid_t clock = cpu_clock_encode(clockid);
	u64 now;
	int err;

	/* Linux has no sleep on the calling thread's own clock. */
	if (clockid == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;
	if (CPUCLOCK_PERTHREAD(clock) &&
	    (!CPUCLOCK_PID(clock) || CPUCLOCK_PID(clock) == task_pid_vnr(current)))
		return -EINVAL;
	err = posix_cpu_clock_get(clock, &now);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME)
		return t <= now ? 0 : do_cpu_nanosleep(clock, true, t, NULL);
	return do_cpu_nanosleep(clock, false, now + t, rem);
}
