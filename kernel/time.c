/*
 * Time: a monotonic nanosecond clock from the TSC (calibrated against
 * ACPI's PM timer, or the PIT, at boot), the wall clock from the CMOS RTC read at boot, the
 * timer interrupt, and sleeping with a timeout.
 *
 * Each CPU's local APIC timer is one-shot (arch: lapic_next_event), set
 * for the earlier of the CPU's next tick (every TICK_NSEC, for the
 * scheduler, the CPU-time clocks and jiffies) and the first queued
 * hrtimer, so kernel timers (timerfd, POSIX timers, every sleep with a
 * timeout) fire at their time rather than at the next tick.
 *
 * The clocks are also the vDSO's (vdso_data, tine/vdso_datapage.h):
 * tsc_base and the multiplier are copied there at boot and never
 * change, so the vDSO computes CLOCK_MONOTONIC with the same formula
 * and numbers as ktime_get_ns(); the realtime offset (clock_settime,
 * settimeofday), the coarse clocks (CPU 0's tick) and the timezone
 * live only there and change under timekeeper_lock with the data's seq
 * odd meanwhile.
 *
 * Locks: timekeeper_lock serialises writers of vdso_data (a leaf, taken
 * with interrupts off). The per-CPU tick state is only touched by its
 * CPU with interrupts off.
 */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/rtc.h>
#include <tine/cred.h>
#include <tine/hrtimer.h>
#include <tine/init.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/syslog.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/time_namespace.h>
#include <tine/uaccess.h>
#include <tine/vdso.h>
#include <uapi/errno.h>

volatile u64 jiffies;
u64 tsc_base;				/* set once at boot (vtime.h) */
static u64 tsc_khz = 1000000;		/* a guess (never 0) until calibrated */
static u64 tsc_per_ns_mult = 1ULL << 32; /* ticks per ns, 32.32 */
u64 tsc_ns_mult = 1ULL << 32;		/* ns per tick, 32.32 fixed point */
static DEFINE_SPINLOCK_RANKED(timekeeper_lock, LR_TIMEKEEPER);

#define TICK_NSEC (NSEC_PER_SEC / HZ)
/*
 * The closest two timer interrupts of a CPU may be: a periodic timer of
 * 1 ns must not keep its CPU in the interrupt handler (the expiries in
 * between count as overruns).
 */
#define TIMER_MIN_DELTA_NS 20000

/*
 * highres=off (Linux's parameter): kernel timers wait for the tick, as
 * before one-shot programming.
 */
static bool highres = true;		/* [boot] */

static int highres_setup(char *val)
{
	if (val && !strcmp(val, "off"))
		highres = false;
	else if (val && !strcmp(val, "on"))
		highres = true;
	else
		return -EINVAL;
	return 0;
}
__setup("highres=", highres_setup);

/* One CPU's timer: [its CPU, interrupts off]. */
struct tick_cpu {
	u64 next_tick;			/* ns of its next tick */
	u64 programmed;			/* ns its timer is set for */
};

static struct tick_cpu tick_cpus[NR_CPUS];


#define CALIBRATE_TRIES 10
#define PM_TIMER_HZ 3579545		/* ACPI's PM timer */
#define PM_TIMER_MASK 0xffffff		/* 24 bits: wraps every 4.7 s */

/*
 * One count of TSC ticks across 10 ms of PIT channel 2 (mode 0, no
 * interrupts needed), the fallback without a PM timer. Each end is known
 * only between two TSC reads: the start between those around the write
 * of the count's last byte, the end between the last poll that saw the
 * output low and the first that saw it high; *err gets the two widths.
 */
static u64 pit_tsc_ticks(u64 *err)
{
	unsigned int div = 11932;	/* 10 ms at 1193182 Hz */
	u64 s0, s1, low, high;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(0x43, 0xb0);			/* ch2, lo/hi, mode 0 */
	outb(0x42, div & 0xff);
	s0 = rdtsc();
	outb(0x42, div >> 8);
	s1 = rdtsc();
	low = s1;
	for (;;) {
		u64 t = rdtsc();

		if (inb(0x61) & 0x20)
			break;
		low = t;
	}
	high = rdtsc();
	*err = (high - low) + (s1 - s0);
	return (low + high) / 2 - (s0 + s1) / 2;
}

/* The TSC in kHz against the PIT: the try whose ends were known best. */
static u64 calibrate_tsc_pit(void)
{
	u64 best = 0, best_err = ~0ULL;

	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		u64 err, ticks = pit_tsc_ticks(&err);

		if (err < best_err) {
			best = ticks;
			best_err = err;
		}
		if (best_err < best / 1000)
			break;
	}
	return best / 10;
}

/* The PM timer's I/O port from the FADT (PM_TMR_BLK), or 0. */
static u16 pm_timer_port(void)
{
	const struct acpi_header *fadt = acpi_find_table("FACP");

	if (!fadt || fadt->length < 80)
		return 0;
	return (u16)*(const u32 *)((const u8 *)fadt + 76);
}

/*
 * The PM timer and the TSC at one moment: of a few reads, the one the
 * TSC reads around it bracket tightest (*tsc is its middle).
 */
static u32 pm_timer_sample(u16 port, u64 *tsc)
{
	u64 width = ~0ULL;
	u32 pm = 0;

	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		u64 a = rdtsc();
		u32 v = inl(port) & PM_TIMER_MASK;
		u64 b = rdtsc();

		if (b - a < width) {
			width = b - a;
			*tsc = a + (b - a) / 2;
			pm = v;
		}
	}
	return pm;
}

/*
 * The TSC in kHz against ACPI's PM timer over 10 ms of it. Only the two
 * ends must be read promptly, and each is a single read bracketed by
 * the TSC: the host may deschedule the virtual CPU in between (a loaded
 * host under TCG) without harm, where waiting for the PIT's output and
 * reading the TSC after it counted such a stall as PIT time (the clock
 * once ran 2.3 times slow, 16 s behind the RTC after 28 s; 4.5 times on
 * a host with a load of 17).
 */
static u64 calibrate_tsc_pm_timer(u16 port)
{
	u64 t0 = 0, t1 = 0, elapsed = 0;
	u32 prev, now;

	prev = pm_timer_sample(port, &t0);
	while (elapsed < PM_TIMER_HZ / 100) {	/* polled well within a wrap */
		now = inl(port) & PM_TIMER_MASK;
		elapsed += (now - prev) & PM_TIMER_MASK;
		prev = now;
	}
	now = pm_timer_sample(port, &t1);
	elapsed += (now - prev) & PM_TIMER_MASK;
	return (t1 - t0) * PM_TIMER_HZ / elapsed / 1000;
}

/* The TSC's frequency in kHz: against the PM timer, else the PIT. */
static u64 calibrate_tsc_khz(void)
{
	u16 port = pm_timer_port();

	return port ? calibrate_tsc_pm_timer(port) : calibrate_tsc_pit();
}

/* Days since 1970-01-01 of a Gregorian date. */
static u64 days_from_civil(int y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned int yoe = y - era * 400;
	unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (u64)era * 146097 + doe - 719468;
}

/* mktime64 - see time.h. */
s64 mktime64(int year, unsigned int mon, unsigned int day, unsigned int hour,
	     unsigned int min, unsigned int sec)
{
	return (s64)days_from_civil(year, mon, day) * 86400 + hour * 3600 +
	       min * 60 + sec;
}

/* The CMOS clock's time (UTC), ns since 1970; 0 if it cannot be read. */
static u64 read_rtc_ns(void)
{
	struct rtc_time tm;

	if (mc146818_get_time(&tm))
		return 0;
	return rtc_tm_to_time64(&tm) * NSEC_PER_SEC;
}

/* Start changing vdso_data: readers retry until timekeeper_end(). */
static unsigned long timekeeper_begin(void)
{
	unsigned long f = spin_lock_irqsave(&timekeeper_lock);

	WRITE_ONCE(vdso_data->seq, vdso_data->seq + 1);
	smp_wmb();
	return f;
}

static void timekeeper_end(unsigned long f)
{
	smp_wmb();
	WRITE_ONCE(vdso_data->seq, vdso_data->seq + 1);
	spin_unlock_irqrestore(&timekeeper_lock, f);
}

void time_init(void)
{
	struct vdso_data *vd = vdso_data;
	unsigned long f;
	u64 rtc_ns;

	tsc_khz = calibrate_tsc_khz();
	if (!tsc_khz)
		tsc_khz = 1000000;
	/* ns per TSC tick in 32.32 fixed point: ktime_get_ns() is then a
	 * multiply and a shift (it runs at every kernel entry and exit). */
	tsc_ns_mult = (1000000ULL << 32) / tsc_khz;
	tsc_per_ns_mult = (tsc_khz << 32) / 1000000;
	tsc_base = rdtsc();
	/* The CMOS clock is read before timekeeper_lock: rtc_lock ranks
	 * below it (docs/locking.md). */
	rtc_ns = read_rtc_ns();
	f = timekeeper_begin();
	vd->mult = tsc_ns_mult;
	vd->tsc_base = tsc_base;
	vd->realtime_offset = rtc_ns;
	vd->hres_ns = 1;
	vd->tick_ns = NSEC_PER_SEC / HZ;
	vd->clock_mode = VDSO_CLOCKMODE_TSC;
	timekeeper_end(f);
}

/*
 * ktime_get_ns - CLOCK_MONOTONIC in ns since time_init(): TSC ticks
 * times the calibrated ns per tick (the 128-bit product cannot
 * overflow; the rounding of the factor drifts by under a millisecond a
 * day). Any context.
 */
u64 ktime_get_ns(void)
{
	u64 d = rdtsc() - tsc_base;

	return (u64)(((unsigned __int128)d * tsc_ns_mult) >> 32);
}

/* ktime_get_real_ns - CLOCK_REALTIME in ns. Any context. */
u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + READ_ONCE(vdso_data->realtime_offset);
}

/* ktime_get_coarse_ns - CLOCK_MONOTONIC at CPU 0's last tick. Any
 * context. */
u64 ktime_get_coarse_ns(void)
{
	return READ_ONCE(vdso_data->coarse_mono);
}

/* ktime_get_coarse_real_ns - CLOCK_REALTIME at CPU 0's last tick. Any
 * context. */
u64 ktime_get_coarse_real_ns(void)
{
	const struct vdso_data *vd = vdso_data;
	u64 ns;
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		ns = vd->coarse_mono + vd->realtime_offset;
	} while (vdso_read_retry(vd, seq));
	return ns;
}

/* local_clock - see time.h. */
u64 local_clock(void)
{
	return READ_ONCE(tsc_base) ? ktime_get_ns() : 0;
}

/*
 * settime_real_ns - set the realtime clock. Realtime timers see the new
 * time at the next tick (they compare against it); timerfds that asked
 * to be told are cancelled.
 */
void settime_real_ns(u64 ns)
{
	unsigned long f = timekeeper_begin();

	vdso_data->realtime_offset = ns - ktime_get_ns();
	timekeeper_end(f);
	timerfd_clock_was_set();
}

/* The coarse clocks move on: CPU 0's tick. Interrupts off. */
static void update_coarse_clocks(u64 now)
{
	unsigned long f = timekeeper_begin();

	vdso_data->coarse_mono = now;
	timekeeper_end(f);
}

/* ns_to_tsc - the TSC value at CLOCK_MONOTONIC time ns (never 0). */
u64 ns_to_tsc(u64 ns)
{
	u64 t = tsc_base + (u64)(((unsigned __int128)ns * tsc_per_ns_mult) >> 32);

	return t ? t : 1;
}

/* Charge this tick to this CPU's user, system or idle time. */
static void account_cpu_tick(bool from_user)
{
	struct percpu *pc = this_cpu();

	if (from_user)
		pc->cpustat[task_nice(current) > 0 ? CPUTIME_NICE :
						     CPUTIME_USER]++;
	else if (current == pc->idle)
		pc->cpustat[CPUTIME_IDLE]++;
	else
		pc->cpustat[CPUTIME_SYSTEM]++;
}

/* The tick's work: elapsed ticks since the last one (at least 1). */
static void tick(bool from_user, u64 elapsed, u64 now)
{
	if (smp_processor_id() == 0) {
		jiffies += elapsed;
		update_coarse_clocks(now);
		itimer_tick_real(now);
		printk_tick();
		calc_global_load();
	}
	run_posix_cpu_timers();
	account_cpu_tick(from_user);
	itimer_tick_cpu(from_user);
	sched_tick(from_user);
}

/* The earliest this CPU's timer may go off for an expiry at expires. */
static u64 timer_clamp(u64 expires)
{
	return MAX(expires, ktime_get_ns() +
				    (highres ? TIMER_MIN_DELTA_NS : TICK_NSEC));
}

/* Set this CPU's timer for expires (ns, clamped). Interrupts off. */
static void tick_program(struct tick_cpu *tc, u64 expires)
{
	tc->programmed = expires;
	lapic_next_event(expires);
}

/*
 * timer_interrupt - this CPU's timer went off (interrupts off): the
 * tick if one is due (the boot CPU also keeps jiffies and ITIMER_REAL),
 * the due hrtimers in any case, then the timer is set for whichever
 * comes next.
 */
void timer_interrupt(bool from_user)
{
	struct tick_cpu *tc = &tick_cpus[smp_processor_id()];
	u64 now = ktime_get_ns(), elapsed, next;

	if (now >= tc->next_tick) {
		if (tc->next_tick) {
			elapsed = (now - tc->next_tick) / TICK_NSEC + 1;
			tc->next_tick += elapsed * TICK_NSEC;
		} else {	/* the first: then on the grid since boot */
			elapsed = 1;
			tc->next_tick = now - now % TICK_NSEC + TICK_NSEC;
		}
		tick(from_user, elapsed, now);
	}
	/* Whoever armed them: every CPU looks for due timers. */
	hrtimer_run_queues();
	next = MIN(tc->next_tick, hrtimer_next_expiry());
	tick_program(tc, timer_clamp(next));
}

/*
 * timer_program_earlier - an hrtimer queued on this CPU expires at
 * expires (CLOCK_MONOTONIC ns): bring the timer forward if it is set
 * for later. Interrupts off.
 */
void timer_program_earlier(u64 expires)
{
	struct tick_cpu *tc = &tick_cpus[smp_processor_id()];

	expires = timer_clamp(expires);
	if (expires < tc->programmed)
		tick_program(tc, expires);
}

/* tsc_khz_get - the TSC's frequency in kHz, as calibrated at boot. */
unsigned long tsc_khz_get(void)
{
	return tsc_khz;
}

/* udelay - busy-wait us microseconds (the TSC; boot-time waits). */
void udelay(unsigned long us)
{
	u64 end = rdtsc() + us * tsc_khz / 1000;

	while ((s64)(rdtsc() - end) < 0)
		cpu_relax();
}

struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;
};

static enum hrtimer_restart hrtimer_wakeup(struct hrtimer *timer)
{
	struct hrtimer_sleeper *s =
		container_of(timer, struct hrtimer_sleeper, timer);

	wake_up_state(s->task, TASK_NORMAL);
	return HRTIMER_NORESTART;
}

/*
 * schedule_timeout - sleep (in the state the caller set) until woken or
 * until the monotonic clock reaches `until` (an hrtimer on our stack
 * wakes us). Returns the ns left. May sleep.
 */
long schedule_timeout(u64 until)
{
	struct hrtimer_sleeper s = { .task = current };
	u64 now;

	hrtimer_init(&s.timer, CLOCK_MONOTONIC, hrtimer_wakeup);
	hrtimer_start(&s.timer, until);
	schedule();
	/* Also waits for a callback running on another CPU: s is ours. */
	hrtimer_cancel(&s.timer);
	now = ktime_get_ns();
	return now >= until ? 0 : (long)(until - now);
}

/* Interruptible sleep until an absolute monotonic time; 0 or -EINTR-ish. */
int hrtimer_sleep_until(u64 until)
{
	while (ktime_get_ns() < until) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			return -ERESTARTSYS;
		}
		schedule_timeout(until);
	}
	return 0;
}

static int get_timespec(struct timespec_k *ts, const void __user *u)
{
	if (copy_from_user(ts, u, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -EINVAL;
	return 0;
}

static void ns_to_timespec(u64 ns, struct timespec_k *ts)
{
	ts->tv_sec = ns / 1000000000ULL;
	ts->tv_nsec = ns % 1000000000ULL;
}

static long clock_now(clockid_t id, u64 *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_coarse_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		/* As current's time namespace sees it. */
		*ns = ktime_get_ns() + timens_clock_offset(id);
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = ktime_get_coarse_ns();
		return 0;
	}
	/* CPU-time clocks: the caller's, or a process's or thread's. */
	if (is_cpu_clock(id))
		return posix_cpu_clock_get(id, ns);
	return -EINVAL;
}

static long sys_clock_gettime(clockid_t id, struct timespec_k __user *tp)
{
	struct timespec_k ts;
	u64 ns;
	long err = clock_now(id, &ns);

	if (err)
		return err;
	ns_to_timespec(ns, &ts);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(clock_gettime, sys_clock_gettime);

static long sys_clock_getres(clockid_t id, struct timespec_k __user *tp)
{
	struct timespec_k ts = { 0, 1 };
	u64 ns;
	long err = is_cpu_clock(id) ? posix_cpu_clock_getres(id, &ns) :
				      clock_now(id, &ns);

	if (err)
		return err;
	if (is_cpu_clock(id))
		ts.tv_nsec = ns;
	else if (id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = 1000000000 / HZ;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(clock_getres, sys_clock_getres);

static long sys_gettimeofday(struct timeval_t __user *tv, void __user *tz)
{
	u64 ns = ktime_get_real_ns();
	struct timeval_t t = { ns / 1000000000ULL, (ns % 1000000000ULL) / 1000 };
	int zone[2] = { READ_ONCE(vdso_data->tz_minuteswest),
			READ_ONCE(vdso_data->tz_dsttime) };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(gettimeofday, sys_gettimeofday);

/* time(2): the coarse realtime clock's seconds, as Linux (and the
 * vDSO's time()). */
static long sys_time(long __user *tloc)
{
	long t = ktime_get_coarse_real_ns() / 1000000000ULL;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}
SYSCALL_ENTRY(time, sys_time);

/*
 * settimeofday(2): the time (microseconds) and/or the timezone that
 * gettimeofday reports (minutes west within 15 hours), with
 * CAP_SYS_TIME, checked after the arguments as Linux.
 */
static long sys_settimeofday(const struct timeval_t __user *utv,
			     const int __user *utz)
{
	struct timeval_t tv;
	int tz[2];
	unsigned long f;

	if (utv && copy_from_user(&tv, utv, sizeof(tv)))
		return -EFAULT;
	if (utv && (tv.tv_usec < 0 || tv.tv_usec >= 1000000 || tv.tv_sec < 0))
		return -EINVAL;
	if (utz && copy_from_user(tz, utz, sizeof(tz)))
		return -EFAULT;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (utz) {
		if (tz[0] > 15 * 60 || tz[0] < -15 * 60)
			return -EINVAL;
		f = timekeeper_begin();
		vdso_data->tz_minuteswest = tz[0];
		vdso_data->tz_dsttime = tz[1];
		timekeeper_end(f);
	}
	if (utv)
		settime_real_ns(tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000);
	return 0;
}
SYSCALL_ENTRY(settimeofday, sys_settimeofday);

static long sys_clock_settime(clockid_t id, const struct timespec_k __user *tp)
{
	struct timespec_k ts;
	long err;

	if (id != CLOCK_REALTIME)
		return -EINVAL;
	err = get_timespec(&ts, tp);
	if (err)
		return err;
	/* CAP_SYS_TIME, checked after the time, as Linux. */
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	settime_real_ns(ts.tv_sec * 1000000000ULL + ts.tv_nsec);
	return 0;
}
SYSCALL_ENTRY(clock_settime, sys_clock_settime);

struct restart_block *task_restart_block(struct task_struct *t)
{
	return &t->restart_block;
}

static long do_nanosleep(u64 until, struct timespec_k __user *rem);

/* restart_syscall after a signal with no handler: sleep on to the
 * original deadline (not the original length). */
static long nanosleep_restart(struct restart_block *rb)
{
	rb->fn = do_no_restart_syscall;
	return do_nanosleep(rb->nanosleep.expires, rb->nanosleep.rmtp);
}

/*
 * Sleep to `until` on the monotonic clock. Interrupted, write the time
 * left to rem and ask for a restart: a handler sees EINTR; a signal
 * with no handler (a stop, say) resumes the sleep through
 * restart_syscall and nanosleep_restart().
 */
static long do_nanosleep(u64 until, struct timespec_k __user *rem)
{
	struct restart_block *rb = &current->restart_block;
	int err = hrtimer_sleep_until(until);
	struct timespec_k ts;
	u64 now;

	if (!err)
		return 0;
	now = ktime_get_ns();
	ns_to_timespec(until > now ? until - now : 0, &ts);
	if (rem && copy_to_user(rem, &ts, sizeof(ts)))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->nanosleep.expires = until;
	rb->nanosleep.rmtp = rem;
	return -ERESTART_RESTARTBLOCK;
}

static long sys_nanosleep(const struct timespec_k __user *req,
			  struct timespec_k __user *rem)
{
	struct timespec_k ts;
	long err = get_timespec(&ts, req);

	if (err)
		return err;
	return do_nanosleep(ktime_get_ns() + ts.tv_sec * 1000000000ULL +
				    ts.tv_nsec, rem);
}
SYSCALL_ENTRY(nanosleep, sys_nanosleep);

/*
 * Clocks Linux cannot sleep on: its own thread's CPU clock and the raw
 * and coarse clocks (no ->nsleep: EOPNOTSUPP, before the request is read).
 */
static bool clock_has_nsleep(clockid_t id)
{
	return id != CLOCK_THREAD_CPUTIME_ID && id != CLOCK_MONOTONIC_RAW &&
	       id != CLOCK_REALTIME_COARSE && id != CLOCK_MONOTONIC_COARSE;
}

/*
 * The *_ALARM clocks sleep as their base clocks (there is no suspend to
 * wake from), with Linux's alarm_timer_nsleep() checks: no flag but
 * TIMER_ABSTIME (EINVAL), CAP_WAKE_ALARM (EPERM).
 */
static long alarm_nsleep_check(clockid_t id, int flags)
{
	if (id != CLOCK_REALTIME_ALARM && id != CLOCK_BOOTTIME_ALARM)
		return 0;
	if (flags & ~TIMER_ABSTIME)
		return -EINVAL;
	return capable(CAP_WAKE_ALARM) ? 0 : -EPERM;
}

static long sys_clock_nanosleep(clockid_t id, int flags,
				const struct timespec_k __user *req,
				struct timespec_k __user *rem)
{
	struct timespec_k ts;
	u64 ns, until;
	long err;

	if (!clock_has_nsleep(id))
		return -EOPNOTSUPP;
	if (is_cpu_clock(id)) {
		err = get_timespec(&ts, req);
		if (err)
			return err;
		return posix_cpu_nsleep(id, flags, timespec_to_ns(&ts), rem);
	}
	err = clock_now(id, &ns);
	if (err)
		return err;
	err = get_timespec(&ts, req);
	if (err)
		return err;
	err = alarm_nsleep_check(id, flags);
	if (err)
		return err;
	until = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	if (flags & TIMER_ABSTIME) {
		/* Convert an absolute wall-clock time to monotonic; an
		 * interrupted absolute sleep restarts with the same
		 * arguments (Linux: -ERESTARTNOHAND). */
		if (id == CLOCK_REALTIME || id == CLOCK_REALTIME_ALARM ||
		    id == CLOCK_TAI)
			until = until > ns ? ktime_get_ns() + (until - ns) : 0;
		else	/* from the time namespace's clock to the kernel's */
			until = timens_ktime_to_host(id, until);
		err = do_nanosleep(until, NULL);
		return err == -ERESTART_RESTARTBLOCK ? -ERESTARTNOHAND : err;
	}
	return do_nanosleep(ktime_get_ns() + until, rem);
}
SYSCALL_ENTRY(clock_nanosleep, sys_clock_nanosleep);
