/*
 * Interval timers, per process: ITIMER_REAL (and alarm) on the
 * monotonic clock, sending SIGALRM; ITIMER_VIRTUAL and ITIMER_PROF on
 * the process's CPU time, sending SIGVTALRM and SIGPROF. The timer
 * ticks (itimer_tick_real on the timekeeping CPU, itimer_tick_cpu on
 * every CPU, HZ times a second) fire whatever is due, so the
 * resolution is one tick, and a timer that expires several times
 * within one tick fires once (Linux's overrun).
 *
 * Lock: itimer_lock (irq-safe) protects armed_timers and the timer
 * fields of every signal_struct. It comes before tasklist_lock:
 * the tick sends signals with it held.
 */
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_USEC 1000ULL
#define TICK_NSEC (NSEC_PER_SEC / HZ)
#define KTIME_MAX ((u64)INT64_MAX)

static DEFINE_SPINLOCK_RANKED(itimer_lock, LR_ITIMER);
static LIST_HEAD(armed_timers);	/* [itimer_lock] signal->real_timer */

/* A timeval from user space in ns: -EINVAL unless 0 <= usec < 1e6. */
static int timeval_to_ns(long sec, long usec, u64 *ns)
{
	if (sec < 0 || usec < 0 || usec >= 1000000)
		return -EINVAL;
	if ((u64)sec >= KTIME_MAX / NSEC_PER_SEC)
		*ns = KTIME_MAX;	/* saturate, as ktime_t does */
	else
		*ns = sec * NSEC_PER_SEC + usec * NSEC_PER_USEC;
	return 0;
}

static void ns_to_itimerval(u64 value, u64 interval, struct itimerval_k *v)
{
	v->it_value.tv_sec = value / NSEC_PER_SEC;
	v->it_value.tv_usec = (value % NSEC_PER_SEC) / NSEC_PER_USEC;
	v->it_interval.tv_sec = interval / NSEC_PER_SEC;
	v->it_interval.tv_usec = (interval % NSEC_PER_SEC) / NSEC_PER_USEC;
}

/* Time left on ITIMER_REAL; an expired one not yet fired says 1 us. */
static u64 real_timer_left(struct signal_struct *sig, u64 now)
{
	if (!sig->real_timer_expires)
		return 0;
	return sig->real_timer_expires > now ? sig->real_timer_expires - now :
					       NSEC_PER_USEC;
}

/* (Re)arm or, with value 0, cancel ITIMER_REAL. itimer_lock held. */
static void real_timer_arm(struct signal_struct *sig, u64 value,
			   u64 interval, u64 now)
{
	assert_spin_locked(&itimer_lock);
	list_del_init(&sig->real_timer);
	if (!value) {
		sig->real_timer_expires = 0;
		sig->real_timer_interval = 0;
		return;
	}
	sig->real_timer_expires = value > KTIME_MAX - now ? KTIME_MAX :
							    now + value;
	sig->real_timer_interval = interval;
	list_add_tail(&sig->real_timer, &armed_timers);
}

/*
 * A CPU-time timer: report the old setting and install the new one.
 * Like Linux, a new value gets one more tick, so that at least that
 * much CPU time passes. itimer_lock held.
 */
static void cpu_timer_set(u64 *left, u64 *incr, u64 value, u64 interval,
			  u64 *ovalue, u64 *ointerval)
{
	assert_spin_locked(&itimer_lock);
	*ovalue = *left;
	*ointerval = *incr;
	*left = value ? value + TICK_NSEC : 0;
	*incr = interval;
}

/* Install timer which; report the old one in ovalue/ointerval. */
static int do_setitimer(int which, u64 value, u64 interval, u64 *ovalue,
			u64 *ointerval)
{
	struct signal_struct *sig = current->signal;
	u64 now = ktime_get_ns();
	unsigned long f;
	int ret = 0;

	f = spin_lock_irqsave(&itimer_lock);
	switch (which) {
	case ITIMER_REAL:
		*ovalue = real_timer_left(sig, now);
		*ointerval = sig->real_timer_interval;
		real_timer_arm(sig, value, interval, now);
		break;
	case ITIMER_VIRTUAL:
		cpu_timer_set(&sig->it_virt_left, &sig->it_virt_incr, value,
			      interval, ovalue, ointerval);
		break;
	case ITIMER_PROF:
		cpu_timer_set(&sig->it_prof_left, &sig->it_prof_incr, value,
			      interval, ovalue, ointerval);
		break;
	default:
		ret = -EINVAL;
	}
	spin_unlock_irqrestore(&itimer_lock, f);
	return ret;
}

static int do_getitimer(int which, u64 *value, u64 *interval)
{
	struct signal_struct *sig = current->signal;
	unsigned long f;
	int ret = 0;

	f = spin_lock_irqsave(&itimer_lock);
	switch (which) {
	case ITIMER_REAL:
		*value = real_timer_left(sig, ktime_get_ns());
		*interval = sig->real_timer_interval;
		break;
	case ITIMER_VIRTUAL:
		*value = sig->it_virt_left;
		*interval = sig->it_virt_incr;
		break;
	case ITIMER_PROF:
		*value = sig->it_prof_left;
		*interval = sig->it_prof_incr;
		break;
	default:
		ret = -EINVAL;
	}
	spin_unlock_irqrestore(&itimer_lock, f);
	return ret;
}

/* Send the timer's signal to sig's process, as from the kernel. */
static void itimer_fire(struct signal_struct *sig, int signo)
{
	struct task_struct *t;

	read_lock(&tasklist_lock);
	if (!list_empty(&sig->thread_head)) {
		t = list_first_entry(&sig->thread_head, struct task_struct,
				     thread_node);
		group_send_sig_info(signo, NULL, t);
	}
	read_unlock(&tasklist_lock);
}

/* Charge one tick of CPU time to a CPU timer; true if it expired. */
static bool cpu_timer_tick(u64 *left, u64 incr)
{
	if (!*left)
		return false;
	if (*left > TICK_NSEC) {
		*left -= TICK_NSEC;
		return false;
	}
	*left = incr;
	return true;
}

/*
 * itimer_tick_real - from the timekeeping CPU's tick: fire the expired
 * ITIMER_REAL timers (re-arming periodic ones). Interrupts off.
 */
void itimer_tick_real(u64 now)
{
	struct signal_struct *sig, *n;

	spin_lock(&itimer_lock);
	list_for_each_entry_safe(sig, n, &armed_timers, real_timer) {
		if (sig->real_timer_expires > now)
			continue;
		if (sig->real_timer_interval) {
			u64 i = sig->real_timer_interval;

			/* Skip the periods that went by: one signal. */
			sig->real_timer_expires +=
				((now - sig->real_timer_expires) / i + 1) * i;
		} else {
			sig->real_timer_expires = 0;
			list_del_init(&sig->real_timer);
		}
		itimer_fire(sig, SIGALRM);
	}
	spin_unlock(&itimer_lock);
}

/*
 * itimer_tick_cpu - from every CPU's tick: charge the tick to the
 * running process's CPU timers (ITIMER_VIRTUAL only if the tick came
 * from user mode). Interrupts off.
 */
void itimer_tick_cpu(bool from_user)
{
	struct task_struct *p = current;
	struct signal_struct *sig;

	if (!p->mm || (p->flags & PF_EXITING))
		return;
	spin_lock(&itimer_lock);
	sig = p->signal;
	if (cpu_timer_tick(&sig->it_prof_left, sig->it_prof_incr))
		itimer_fire(sig, SIGPROF);
	/* ITIMER_VIRTUAL counts user time only. */
	if (from_user && cpu_timer_tick(&sig->it_virt_left, sig->it_virt_incr))
		itimer_fire(sig, SIGVTALRM);
	spin_unlock(&itimer_lock);
}

/* exit_itimers - the group is dead: cancel all its timers. */
void exit_itimers(struct signal_struct *sig)
{
	unsigned long f = spin_lock_irqsave(&itimer_lock);

	list_del_init(&sig->real_timer);
	sig->real_timer_expires = 0;
	sig->real_timer_interval = 0;
	sig->it_virt_left = sig->it_virt_incr = 0;
	sig->it_prof_left = sig->it_prof_incr = 0;
	spin_unlock_irqrestore(&itimer_lock, f);
}

static long sys_setitimer(int which, const struct itimerval_k __user *uval,
			  struct itimerval_k __user *uoval)
{
	struct itimerval_k v = { 0 };
	u64 value, interval, ovalue, ointerval;
	int err;

	/* A NULL new value disarms: an old misfeature Linux keeps. */
	if (uval && copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	err = timeval_to_ns(v.it_value.tv_sec, v.it_value.tv_usec, &value);
	if (!err)
		err = timeval_to_ns(v.it_interval.tv_sec,
				    v.it_interval.tv_usec, &interval);
	if (!err)
		err = do_setitimer(which, value, interval, &ovalue, &ointerval);
	if (err || !uoval)
		return err;
	ns_to_itimerval(ovalue, ointerval, &v);
	return copy_to_user(uoval, &v, sizeof(v)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(setitimer, sys_setitimer);

static long sys_getitimer(int which, struct itimerval_k __user *uval)
{
	struct itimerval_k v;
	u64 value, interval;
	int err = do_getitimer(which, &value, &interval);

	if (err)
		return err;
	ns_to_itimerval(value, interval, &v);
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(getitimer, sys_getitimer);

/*
 * alarm - ITIMER_REAL in whole seconds. Returns the seconds left on
 * the previous one, rounded to nearest and never 0 while armed.
 */
static long sys_alarm(unsigned int seconds)
{
	u64 ovalue, ointerval;
	unsigned long osec;

	do_setitimer(ITIMER_REAL, seconds * NSEC_PER_SEC, 0, &ovalue,
		     &ointerval);
	osec = ovalue / NSEC_PER_SEC;
	if ((!osec && ovalue) || ovalue % NSEC_PER_SEC >= NSEC_PER_SEC / 2)
		osec++;
	return osec;
}
SYSCALL_ENTRY(alarm, sys_alarm);
