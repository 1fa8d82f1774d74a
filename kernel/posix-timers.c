/*
 * POSIX timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete.
 *
 * A timer (struct k_itimer) belongs to a process, is named by a small
 * id unique in it, and runs on a clock: an hrtimer for CLOCK_REALTIME,
 * MONOTONIC, BOOTTIME and TAI (and the alarm clocks, for the
 * privileged), a cpu_timer for the CPU-time clocks. On expiry it sends
 * its signal (SIGEV_SIGNAL to the process, SIGEV_THREAD_ID to one of
 * its threads) from a sigqueue allocated at timer_create, so the
 * signal is never lost to memory pressure and counts against
 * RLIMIT_SIGPENDING from the start (timer_create fails with EAGAIN at
 * the limit, as Linux). An expiry while that signal is still pending
 * is counted as an overrun in it; the count delivered with the signal
 * (si_overrun) is what timer_getoverrun reports until the next one.
 *
 * Timers are not inherited by fork and are deleted by exec and when
 * the process exits.
 *
 * Locks: posix_timers_lock protects the per-process lists and every
 * timer's setting; a timer's sigqueue, and its overrun counts, are
 * under its process's siglock (signal delivery updates them).
 */
#include <tine/capability.h>
#include <tine/err.h>
#include <tine/hrtimer.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/time_namespace.h>
#include <uapi/errno.h>
#include "signal_internal.h"

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4
#define DELAYTIMER_MAX INT32_MAX

struct sigevent_k {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int _pad[12];
		int _tid;		/* SIGEV_THREAD_ID */
	};
};

struct k_itimer {
	struct list_head list;		/* in owner->posix_timers */
	struct signal_struct *owner;	/* [I] the process it belongs to */
	int id;				/* [I] */
	clockid_t clock;		/* [I] */
	int notify;			/* [I] SIGEV_* */
	struct pid *target;		/* [I] SIGEV_THREAD_ID's thread */
	struct sigqueue *sigq;		/* [I] info [owner's siglock] */
	int overrun_last;		/* [owner's siglock] at the last delivery */
	u64 interval;			/* 0: one-shot */
	u64 none_expires;		/* SIGEV_NONE: when it would fire */
	struct hrtimer hr;		/* a clock timer's */
	struct cpu_timer ct;		/* a CPU-clock timer's */
};

static bool is_cpu_timer(const struct k_itimer *t)
{
	return is_cpu_clock(t->clock);
}

/* ---- sending ---- */

/*
 * The expiry of timer t, with overruns more periods gone by unseen:
 * queue its signal, or count an overrun if it is still pending.
 * posix_timers_lock held (any context).
 */
static void posix_timer_event(struct k_itimer *t, u64 overruns)
{
	struct task_struct *p = NULL;
	unsigned long f;

	assert_spin_locked(&posix_timers_lock);
	if (t->notify == SIGEV_NONE)
		return;
	f = read_lock_irqsave(&tasklist_lock);
	if (t->notify & SIGEV_THREAD_ID)
		p = pid_task(t->target, PIDTYPE_PID);
	else if (!list_empty(&t->owner->thread_head))
		p = list_first_entry(&t->owner->thread_head,
				     struct task_struct, thread_node);
	if (p)
		send_sigqueue(t->sigq, p, !(t->notify & SIGEV_THREAD_ID),
			      MIN(overruns, (u64)DELAYTIMER_MAX));
	read_unlock_irqrestore(&tasklist_lock, f);
}

/* posixtimer_dequeued - see posix-timers.h. */
void posixtimer_dequeued(void *timer, int overrun)
{
	struct k_itimer *t = timer;

	t->overrun_last = overrun;
}

static enum hrtimer_restart posix_timer_fn(struct hrtimer *hr)
{
	struct k_itimer *t = container_of(hr, struct k_itimer, hr);
	enum hrtimer_restart ret = HRTIMER_NORESTART;
	unsigned long f = spin_lock_irqsave(&posix_timers_lock);
	u64 periods = 1;

	if (t->interval) {
		periods = hrtimer_forward(hr, hrtimer_cb_get_time(hr),
					  t->interval);
		ret = HRTIMER_RESTART;
	}
	posix_timer_event(t, periods ? periods - 1 : 0);
	spin_unlock_irqrestore(&posix_timers_lock, f);
	return ret;
}

static void posix_cpu_timer_fire(struct cpu_timer *ct, u64 overruns)
{
	posix_timer_event(container_of(ct, struct k_itimer, ct), overruns);
}

/* ---- the process's timer list ---- */

/* The caller's timer with this id. posix_timers_lock held. */
static struct k_itimer *find_timer(int id)
{
	struct k_itimer *t;

	assert_spin_locked(&posix_timers_lock);
	list_for_each_entry(t, &current->signal->posix_timers, list)
		if (t->id == id)
			return t;
	return NULL;
}

/* A free id, and link t under it. posix_timers_lock held. */
static void link_timer(struct k_itimer *t)
{
	struct signal_struct *sig = current->signal;

	assert_spin_locked(&posix_timers_lock);
	do {
		t->id = sig->next_posix_timer_id;
		sig->next_posix_timer_id =
			(sig->next_posix_timer_id + 1) & INT32_MAX;
	} while (find_timer(t->id));
	list_add_tail(&t->list, &sig->posix_timers);
}

/*
 * Disarm t: 0 (or 1 if it was queued), or -1 while its callback runs on
 * another CPU, which takes posix_timers_lock: the caller must drop the
 * lock, let it finish and look the timer up again. Lock held.
 */
static int timer_try_disarm(struct k_itimer *t)
{
	if (!is_cpu_timer(t))
		return hrtimer_try_to_cancel(&t->hr);
	cpu_timer_arm(&t->ct, 0, 0);
	return 0;
}

/* Free a timer already unlinked and disarmed. */
static void free_timer(struct k_itimer *t)
{
	sigqueue_free_timer(t->sigq);
	put_pid(t->target);
	kfree(t);
}

/* ---- timer_create ---- */

/* Linux's good_sigevent: 0 or -EINVAL; *tid for SIGEV_THREAD_ID. */
static int check_sigevent(const struct sigevent_k *ev, struct pid **tid)
{
	struct task_struct *t;
	unsigned long f;

	*tid = NULL;
	switch (ev->sigev_notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		f = read_lock_irqsave(&tasklist_lock);
		t = find_task_by_vpid(ev->_tid);
		if (t && same_thread_group(t, current))
			*tid = get_pid(t->thread_pid);
		read_unlock_irqrestore(&tasklist_lock, f);
		if (!*tid)
			return -EINVAL;
		/* fall through */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (ev->sigev_signo <= 0 || ev->sigev_signo > _NSIG) {
			put_pid(*tid);
			*tid = NULL;
			return -EINVAL;
		}
		return 0;
	case SIGEV_NONE:
		return 0;
	}
	return -EINVAL;
}

/* The *_ALARM clocks need CAP_WAKE_ALARM (initial namespace, as Linux). */
static bool capable_wake_alarm(void)
{
	return capable(CAP_WAKE_ALARM);
}

/* Can a timer run on clockid? 0, -EINVAL or -EOPNOTSUPP, -EPERM. */
static int check_timer_clock(clockid_t clockid)
{
	u64 ns;

	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return 0;
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		/* No suspend to wake from: they act as their base clocks. */
		return capable_wake_alarm() ? 0 : -EPERM;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;	/* clocks without timers, as Linux */
	}
	if (is_cpu_clock(clockid))
		return posix_cpu_clock_get(clockid, &ns);
	return -EINVAL;
}

/* A new timer for the caller's process, not yet linked. */
static struct k_itimer *alloc_timer(clockid_t clockid,
				    const struct sigevent_k *ev,
				    struct pid *tid)
{
	struct k_itimer *t = kzalloc(sizeof(*t));
	int err = -ENOMEM;

	if (!t)
		goto out;
	err = -EAGAIN;
	t->sigq = sigqueue_alloc_timer(t);
	if (!t->sigq)
		goto out_free;
	t->owner = current->signal;
	t->clock = clockid;
	t->notify = ev->sigev_notify;
	t->target = tid;
	t->sigq->info.si_signo = ev->sigev_signo;
	t->sigq->info.si_code = SI_TIMER;
	t->sigq->info.timer.value = ev->sigev_value;
	INIT_LIST_HEAD(&t->list);
	if (is_cpu_clock(clockid)) {
		err = cpu_timer_init(&t->ct, clockid, posix_cpu_timer_fire);
		if (err)
			goto out_sigq;
	} else {
		hrtimer_init(&t->hr, clockid, posix_timer_fn);
	}
	return t;

out_sigq:
	sigqueue_free_timer(t->sigq);
out_free:
	kfree(t);
out:
	put_pid(tid);
	return ERR_PTR(err);
}

static long sys_timer_create(clockid_t clockid,
			     const struct sigevent_k __user *uev,
			     int __user *uid)
{
	struct sigevent_k ev = { .sigev_signo = SIGALRM };
	struct pid *tid = NULL;
	struct k_itimer *t;
	unsigned long f;
	int err;

	err = check_timer_clock(clockid);
	if (err)
		return err;
	if (uev) {
		if (copy_from_user(&ev, uev, sizeof(ev)))
			return -EFAULT;
		err = check_sigevent(&ev, &tid);
		if (err)
			return err;
	}
	t = alloc_timer(clockid, &ev, tid);
	if (IS_ERR(t))
		return PTR_ERR(t);
	f = spin_lock_irqsave(&posix_timers_lock);
	link_timer(t);
	/* Without a sigevent: SIGALRM carrying the timer's id. */
	if (!uev)
		t->sigq->info.timer.value.sival_int = t->id;
	t->sigq->info.timer.tid = t->id;
	spin_unlock_irqrestore(&posix_timers_lock, f);
	if (put_user(t->id, uid)) {
		f = spin_lock_irqsave(&posix_timers_lock);
		list_del_init(&t->list);
		spin_unlock_irqrestore(&posix_timers_lock, f);
		free_timer(t);
		return -EFAULT;
	}
	return 0;
}
SYSCALL_ENTRY(timer_create, sys_timer_create);

/* ---- settime, gettime ---- */

/* The clock's time now, as the timer sees it. posix_timers_lock held. */
static u64 timer_now(struct k_itimer *t)
{
	assert_spin_locked(&posix_timers_lock);
	return is_cpu_timer(t) ? cpu_timer_sample(&t->ct) :
				 hrtimer_cb_get_time(&t->hr);
}

/* When it fires next (0: disarmed). posix_timers_lock held. */
static u64 timer_expires(struct k_itimer *t)
{
	assert_spin_locked(&posix_timers_lock);
	if (is_cpu_timer(t))
		return t->ct.expires;
	if (t->notify == SIGEV_NONE)
		return t->none_expires;
	return hrtimer_active(&t->hr) ? t->hr.expires : 0;
}

/*
 * The current setting. An expired SIGEV_NONE timer moves on to its
 * next period here (no callback does it); a due timer not yet fired
 * reports 1 ns, as Linux. posix_timers_lock held.
 */
static void timer_get(struct k_itimer *t, struct itimerspec_k *cur)
{
	u64 now = timer_now(t), exp = timer_expires(t), left = 0;

	assert_spin_locked(&posix_timers_lock);
	if (t->notify == SIGEV_NONE && exp && exp <= now && t->interval) {
		u64 n = (now - exp) / t->interval + 1;

		exp = t->none_expires += n * t->interval;
	}
	if (exp > now)
		left = exp - now;
	else if (exp && t->notify != SIGEV_NONE)
		left = 1;
	cur->it_value = ns_to_timespec_k(left);
	cur->it_interval = ns_to_timespec_k(t->interval);
}

/* Arm the disarmed timer t from the new setting. posix_timers_lock held. */
static void timer_set(struct k_itimer *t, int flags,
		      const struct itimerspec_k *new)
{
	u64 value = timespec_to_ns(&new->it_value);
	bool abs = flags & TIMER_ABSTIME;

	assert_spin_locked(&posix_timers_lock);
	t->interval = 0;
	t->none_expires = 0;
	if (!value)
		return;		/* a zero value disarms (and the interval) */
	t->interval = timespec_to_ns(&new->it_interval);
	if (is_cpu_timer(t)) {
		cpu_timer_arm(&t->ct, abs ? value : timer_now(t) + value,
			      t->interval);
		return;
	}
	/* As Linux: a relative timer runs on the monotonic clock. */
	hrtimer_init(&t->hr, abs ? t->clock : CLOCK_MONOTONIC, posix_timer_fn);
	/* An absolute MONOTONIC/BOOTTIME time is the time namespace's. */
	value = abs ? timens_ktime_to_host(t->clock, value)
		    : hrtimer_cb_get_time(&t->hr) + value;
	if (t->notify == SIGEV_NONE)
		t->none_expires = value ? value : 1;
	else
		hrtimer_start(&t->hr, value);
}

/*
 * Returns the caller's timer id, disarmed, with posix_timers_lock taken
 * (*f); its setting before in *old (if old). NULL (unlocked) if there
 * is none.
 */
static struct k_itimer *lock_timer_disarmed(int id, unsigned long *f,
					    struct itimerspec_k *old)
{
	struct k_itimer *t;

	for (;;) {
		*f = spin_lock_irqsave(&posix_timers_lock);
		t = find_timer(id);
		if (!t) {
			spin_unlock_irqrestore(&posix_timers_lock, *f);
			return NULL;
		}
		if (old)
			timer_get(t, old);
		if (timer_try_disarm(t) >= 0)
			return t;
		spin_unlock_irqrestore(&posix_timers_lock, *f);
		cpu_relax();
	}
}

static long sys_timer_settime(int id, int flags,
			      const struct itimerspec_k __user *unew,
			      struct itimerspec_k __user *uold)
{
	struct itimerspec_k new, old;
	struct k_itimer *t;
	unsigned long f;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (!timespec_valid(&new.it_value) ||
	    !timespec_valid(&new.it_interval))
		return -EINVAL;
	t = lock_timer_disarmed(id, &f, &old);
	if (!t)
		return -EINVAL;
	timer_set(t, flags, &new);
	spin_unlock_irqrestore(&posix_timers_lock, f);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(timer_settime, sys_timer_settime);

static long sys_timer_gettime(int id, struct itimerspec_k __user *ucur)
{
	struct itimerspec_k cur;
	struct k_itimer *t;
	unsigned long f = spin_lock_irqsave(&posix_timers_lock);

	t = find_timer(id);
	if (t)
		timer_get(t, &cur);
	spin_unlock_irqrestore(&posix_timers_lock, f);
	if (!t)
		return -EINVAL;
	return copy_to_user(ucur, &cur, sizeof(cur)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(timer_gettime, sys_timer_gettime);

static long sys_timer_getoverrun(int id)
{
	struct sighand_struct *sh = current->sighand;
	unsigned long f = spin_lock_irqsave(&posix_timers_lock), g;
	struct k_itimer *t = find_timer(id);
	long ret = -EINVAL;

	if (t) {
		g = spin_lock_irqsave(&sh->siglock);
		ret = t->overrun_last;
		spin_unlock_irqrestore(&sh->siglock, g);
	}
	spin_unlock_irqrestore(&posix_timers_lock, f);
	return ret;
}
SYSCALL_ENTRY(timer_getoverrun, sys_timer_getoverrun);

/* ---- deleting ---- */

static long sys_timer_delete(int id)
{
	unsigned long f;
	struct k_itimer *t = lock_timer_disarmed(id, &f, NULL);

	if (!t)
		return -EINVAL;
	list_del_init(&t->list);
	spin_unlock_irqrestore(&posix_timers_lock, f);
	free_timer(t);
	return 0;
}
SYSCALL_ENTRY(timer_delete, sys_timer_delete);

/*
 * exit_posix_timers - see posix-timers.h. Process context; the caller
 * is the process's last thread (exit, or exec after the others died).
 */
void exit_posix_timers(struct signal_struct *sig)
{
	struct k_itimer *t;
	unsigned long f;

	for (;;) {
		f = spin_lock_irqsave(&posix_timers_lock);
		if (list_empty(&sig->posix_timers)) {
			spin_unlock_irqrestore(&posix_timers_lock, f);
			return;
		}
		t = list_first_entry(&sig->posix_timers, struct k_itimer, list);
		if (timer_try_disarm(t) < 0) {
			spin_unlock_irqrestore(&posix_timers_lock, f);
			cpu_relax();
			continue;
		}
		list_del_init(&t->list);
		spin_unlock_irqrestore(&posix_timers_lock, f);
		free_timer(t);
	}
}

/* ---- /proc/<pid>/timers ---- */

/* What the file shows of one timer, copied under posix_timers_lock. */
struct timer_line {
	int id, signo, notify;
	clockid_t clock;
	void *value;
	pid_t pid;
};

/*
 * Copy up to cap of t's process's timers, newest first as Linux lists
 * them, with the pid each signals (its thread, or the process) as ns
 * numbers it. Returns how many the process has.
 */
static int snap_timers(struct task_struct *t, struct pid_namespace *ns,
		       struct timer_line *out, int cap)
{
	pid_t tgid = task_tgid_nr_ns(t, ns);
	unsigned long f = spin_lock_irqsave(&posix_timers_lock);
	struct k_itimer *k;
	int n = 0;

	list_for_each_entry(k, &t->signal->posix_timers, list) {
		if (n++ >= cap)
			continue;
		out[cap - n] = (struct timer_line){
			.id = k->id, .signo = k->sigq->info.si_signo,
			.notify = k->notify, .clock = k->clock,
			.value = k->sigq->info.timer.value.sival_ptr,
			.pid = (k->notify & SIGEV_THREAD_ID) ?
				       pid_nr_ns(k->target, ns) : tgid,
		};
	}
	spin_unlock_irqrestore(&posix_timers_lock, f);
	return n;
}

/*
 * The clock id Linux keeps for a timer: the caller's own CPU clocks
 * become the CPU-clock ids of "this process" (pid 0, CPUCLOCK_SCHED:
 * -6) and "this thread" (-2).
 */
static clockid_t timer_clock_id(clockid_t clock)
{
	if (clock == CLOCK_PROCESS_CPUTIME_ID)
		return -6;	/* ~0 << 3 | CPUCLOCK_SCHED */
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -2;	/* the same | CPUCLOCK_PERTHREAD */
	return clock;
}

/* proc_timers_show - see posix-timers.h. */
int proc_timers_show(struct seq_buf *m, struct task_struct *t,
		     struct pid_namespace *ns)
{
	static const char *const how[] = { "signal", "none", "thread" };
	struct timer_line *l = NULL;
	int n = 0, cap = 0;

	/* Count, then copy; a timer made in between is left out. */
	while ((n = snap_timers(t, ns, l, cap)) > cap) {
		kfree(l);
		cap = n + 8;
		l = kmalloc(cap * sizeof(*l), GFP_KERNEL);
		if (!l)
			return -ENOMEM;
	}
	for (int i = cap - n; i < cap; i++)
		seq_printf(m, "ID: %d\nsignal: %d/%016lx\nnotify: %s/%s.%d\n"
			   "ClockID: %d\n", l[i].id, l[i].signo,
			   (unsigned long)l[i].value,
			   how[(l[i].notify & ~SIGEV_THREAD_ID) % 3],
			   (l[i].notify & SIGEV_THREAD_ID) ? "tid" : "pid",
			   l[i].pid, timer_clock_id(l[i].clock));
	kfree(l);
	return 0;
}
