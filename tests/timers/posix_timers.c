/*
 * tests/timers/posix_timers.c: timer_create/settime/gettime/
 * getoverrun/delete: the clocks and sigevents accepted, the default
 * sigevent, SIGEV_SIGNAL, SIGEV_THREAD_ID, SIGEV_NONE, absolute and
 * relative, one-shot and periodic timers, overruns (si_overrun and
 * timer_getoverrun), timers on CPU-time clocks, the RLIMIT_SIGPENDING
 * limit, and what fork and exec do to timers (not inherited, deleted).
 */
#include "tap.h"
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

#define MS 1000000LL

struct ksigevent {		/* the kernel's struct sigevent */
	union sigval value;
	int signo;
	int notify;
	int tid;
	int pad[11];
};

#define SIGEV_THREAD_ID_K 4
/* Linux's encoding of a process's CPU clock (kind 0 PROF, 2 SCHED). */
#define CPUCLOCK(pid, kind) ((clockid_t)(~(unsigned int)(pid) << 3) | (kind))

static int tcreate(clockid_t c, struct ksigevent *ev, int *id)
{
	return (int)syscall(SYS_timer_create, c, ev, id);
}

static int tset(int id, int flags, long long value, long long intv,
		struct itimerspec *old)
{
	struct itimerspec its = { { intv / 1000000000, intv % 1000000000 },
				  { value / 1000000000, value % 1000000000 } };

	return (int)syscall(SYS_timer_settime, id, flags, &its, old);
}

static long long left_ns(int id)
{
	struct itimerspec cur;

	if (syscall(SYS_timer_gettime, id, &cur))
		return -1;
	return cur.it_value.tv_sec * 1000000000LL + cur.it_value.tv_nsec;
}

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static sigset_t only(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	return s;
}

/* Wait up to 10 s for sig; its info in *si. */
static int wait_sig(int sig, siginfo_t *si)
{
	struct timespec ten = { 10, 0 };
	sigset_t s = only(sig);

	return sigtimedwait(&s, si, &ten);
}

static void test_create_errors(void)
{
	struct ksigevent ev = { .signo = SIGUSR1, .notify = SIGEV_SIGNAL };
	int id;

	expect_errno(tcreate(99, &ev, &id), EINVAL);
	expect_errno(tcreate(CPUCLOCK(99999, 2), &ev, &id), EINVAL);
	expect_errno(tcreate(CLOCK_MONOTONIC_RAW, &ev, &id), EOPNOTSUPP);
	expect_errno(tcreate(CLOCK_MONOTONIC_COARSE, &ev, &id), EOPNOTSUPP);
	ev.notify = 3;
	expect_errno(tcreate(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.notify = SIGEV_NONE | SIGEV_THREAD_ID_K;
	expect_errno(tcreate(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.notify = SIGEV_SIGNAL;
	ev.signo = 0;
	expect_errno(tcreate(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.signo = 65;
	expect_errno(tcreate(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.signo = SIGUSR1;
	ev.notify = SIGEV_THREAD_ID_K;
	ev.tid = 1;	/* init: not one of our threads */
	expect_errno(tcreate(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.notify = SIGEV_SIGNAL;
	expect_errno(tcreate(CLOCK_MONOTONIC, (void *)8, &id), EFAULT);
	expect_errno(tcreate(CLOCK_MONOTONIC, &ev, (void *)8), EFAULT);
	expect_errno(syscall(SYS_timer_delete, 12345), EINVAL);
	expect_errno(syscall(SYS_timer_getoverrun, 12345), EINVAL);
	expect_errno(syscall(SYS_timer_gettime, 12345, &(struct itimerspec){ 0 }),
		     EINVAL);
}

/* In a fresh process the ids start at 0; the default is SIGALRM. */
static int fresh_ids(void)
{
	siginfo_t si;
	sigset_t s = only(SIGALRM);
	int a = -1, b = -1;

	sigprocmask(SIG_BLOCK, &s, NULL);
	if (tcreate(CLOCK_MONOTONIC, NULL, &a) || a != 0)
		return 1;
	if (tcreate(CLOCK_REALTIME, NULL, &b) || b != 1)
		return 2;
	tset(b, 0, 20 * MS, 0, NULL);
	if (wait_sig(SIGALRM, &si) != SIGALRM)
		return 3;
	if (si.si_code != SI_TIMER || si.si_timerid != 1 ||
	    si.si_value.sival_int != 1)
		return 4;
	return 0;
}

static void test_defaults(void)
{
	int st = run_child(fresh_ids);

	ok(exited_with(st, 0), "ids 0, 1, ...; SIGALRM with the id as value (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void test_settime(void)
{
	struct ksigevent ev = { .signo = SIGUSR1, .notify = SIGEV_SIGNAL };
	struct itimerspec old, bad = { { 0, 0 }, { 0, 1000000000 } };
	sigset_t s = only(SIGUSR1);
	siginfo_t si;
	int id;

	sigprocmask(SIG_BLOCK, &s, NULL);
	ev.value.sival_int = 77;
	is(tcreate(CLOCK_MONOTONIC, &ev, &id), 0, "timer_create");
	is(left_ns(id), 0, "a new timer is disarmed");
	expect_errno(syscall(SYS_timer_settime, id, 0, NULL, NULL), EINVAL);
	expect_errno(syscall(SYS_timer_settime, id, 0, &bad, NULL), EINVAL);
	expect_errno(syscall(SYS_timer_settime, id, 0, (void *)8, NULL), EFAULT);
	expect_errno(syscall(SYS_timer_settime, id + 1000, 0,
			     &(struct itimerspec){ 0 }, NULL), EINVAL);
	tset(id, 0, 10000 * MS, 0, NULL);
	ok(left_ns(id) > 9000 * MS && left_ns(id) <= 10000 * MS,
	   "armed: gettime counts down");
	is(tset(id, 0, 0, 0, &old), 0, "disarm");
	ok(old.it_value.tv_sec >= 9, "the old value comes back");
	is(left_ns(id), 0, "disarmed");
	tset(id, TIMER_ABSTIME, now_ns(CLOCK_MONOTONIC) + 30 * MS, 0, NULL);
	is(wait_sig(SIGUSR1, &si), SIGUSR1, "an absolute timer fires");
	is(si.si_code, SI_TIMER, "si_code SI_TIMER");
	is(si.si_timerid, id, "si_timerid");
	is(si.si_value.sival_int, 77, "si_value");
	is(si.si_overrun, 0, "no overrun");
	is(left_ns(id), 0, "a fired one-shot is disarmed");
	is(syscall(SYS_timer_delete, id), 0, "timer_delete");
	expect_errno(syscall(SYS_timer_delete, id), EINVAL);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void test_overrun(void)
{
	struct ksigevent ev = { .signo = SIGRTMIN, .notify = SIGEV_SIGNAL };
	sigset_t s = only(SIGRTMIN);
	struct itimerspec cur;
	siginfo_t si;
	long long t0, elapsed;
	int id, ovr, n;

	sigprocmask(SIG_BLOCK, &s, NULL);
	tcreate(CLOCK_MONOTONIC, &ev, &id);
	t0 = now_ns(CLOCK_MONOTONIC);
	tset(id, 0, 5 * MS, 5 * MS, NULL);
	usleep(150000);
	syscall(SYS_timer_gettime, id, &cur);
	ok(cur.it_interval.tv_nsec == 5 * MS, "gettime: the interval");
	ok(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 5 * MS,
	   "gettime: within the period");
	is(wait_sig(SIGRTMIN, &si), SIGRTMIN, "the periodic signal");
	/* Bounded by the time that really went by: a loaded host may
	 * stretch the 150 ms sleep well beyond 150 / 5 + 30 periods. */
	elapsed = now_ns(CLOCK_MONOTONIC) - t0;
	ovr = si.si_overrun;
	ok(ovr >= 5, "expiries while it was pending are overruns (%d)", ovr);
	ok(ovr <= elapsed / (5 * MS) + 1, "not more than the periods gone by "
	   "(%d in %lld ms)", ovr, elapsed / MS);
	n = (int)syscall(SYS_timer_getoverrun, id);
	is(n, ovr, "timer_getoverrun says the same");
	is(wait_sig(SIGRTMIN, &si), SIGRTMIN, "it goes on firing");
	is(syscall(SYS_timer_delete, id), 0, "delete it");
	/* An expiry queued after that wait stays pending after the delete
	 * (Linux too): take it before unblocking, or it kills us. */
	sigtimedwait(&s, &si, &(struct timespec){ 0, 0 });
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void test_none(void)
{
	struct ksigevent ev = { .notify = SIGEV_NONE };
	int id;
	long long a, b;

	is(tcreate(CLOCK_MONOTONIC, &ev, &id), 0, "SIGEV_NONE");
	tset(id, 0, 1000 * MS, 0, NULL);
	a = left_ns(id);
	usleep(20000);
	b = left_ns(id);
	ok(a > b && b > 0, "SIGEV_NONE: gettime counts down");
	tset(id, 0, 10 * MS, 0, NULL);
	usleep(50000);
	is(left_ns(id), 0, "expired: 0 left");
	tset(id, 0, 10 * MS, 10 * MS, NULL);
	usleep(55000);
	a = left_ns(id);
	ok(a > 0 && a <= 10 * MS, "periodic SIGEV_NONE: within a period");
	syscall(SYS_timer_delete, id);
}

struct thr {
	pid_t tid;
	int got;
};

static void *thread_waits(void *arg)
{
	struct thr *t = arg;
	siginfo_t si;

	t->tid = (pid_t)syscall(SYS_gettid);
	t->got = wait_sig(SIGUSR2, &si) == SIGUSR2 && si.si_code == SI_TIMER;
	return NULL;
}

static void test_thread_id(void)
{
	struct ksigevent ev = { .signo = SIGUSR2, .notify = SIGEV_THREAD_ID_K };
	struct thr t = { 0, 0 };
	sigset_t s = only(SIGUSR2), pend;
	pthread_t th;
	int id;

	sigprocmask(SIG_BLOCK, &s, NULL);
	pthread_create(&th, NULL, thread_waits, &t);
	while (!__atomic_load_n(&t.tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	ev.tid = t.tid;
	is(tcreate(CLOCK_MONOTONIC, &ev, &id), 0, "SIGEV_THREAD_ID to a thread");
	tset(id, 0, 20 * MS, 0, NULL);
	pthread_join(th, NULL);
	ok(t.got, "that thread got the signal");
	sigpending(&pend);
	ok(!sigismember(&pend, SIGUSR2), "nothing left for the process");
	syscall(SYS_timer_delete, id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

/* A timer on another thread's clock (pthread_getcpuclockid). */
static volatile int spin_stop;

static void *spinner(void *arg)
{
	volatile unsigned long x = 0;

	(void)arg;
	while (!spin_stop)
		x++;
	return NULL;
}

static void test_thread_clock_timer(void)
{
	struct ksigevent ev = { .signo = SIGUSR1, .notify = SIGEV_SIGNAL };
	sigset_t s = only(SIGUSR1);
	siginfo_t si;
	pthread_t th;
	clockid_t c;
	int id;

	sigprocmask(SIG_BLOCK, &s, NULL);
	spin_stop = 0;
	pthread_create(&th, NULL, spinner, NULL);
	pthread_getcpuclockid(th, &c);
	is(tcreate(c, &ev, &id), 0, "a timer on another thread's CPU clock");
	tset(id, 0, 30 * MS, 0, NULL);
	is(wait_sig(SIGUSR1, &si), SIGUSR1, "fires as that thread runs");
	ok(now_ns(c) >= 30 * MS, "after 30 ms of its CPU time");
	spin_stop = 1;
	pthread_join(th, NULL);
	syscall(SYS_timer_delete, id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void test_cpu_timers(void)
{
	struct ksigevent ev = { .signo = SIGUSR1, .notify = SIGEV_SIGNAL };
	sigset_t s = only(SIGUSR1), pend;
	volatile unsigned long x = 0;
	long long t0;
	int id, i;
	clockid_t clocks[2] = { CLOCK_PROCESS_CPUTIME_ID,
				CLOCK_THREAD_CPUTIME_ID };

	sigprocmask(SIG_BLOCK, &s, NULL);
	for (i = 0; i < 2; i++) {
		is(tcreate(clocks[i], &ev, &id), 0, "a timer on CPU clock %d",
		   clocks[i]);
		/* 200 ms of CPU time: a host stall between arming and
		 * reading counts as ours and could use up 50 ms. */
		t0 = now_ns(clocks[i]);
		tset(id, 0, 200 * MS, 0, NULL);
		ok(left_ns(id) > 0 && left_ns(id) <= 200 * MS,
		   "gettime: CPU time left");
		do {
			x++;
			sigpending(&pend);
		} while (!sigismember(&pend, SIGUSR1) &&
			 now_ns(clocks[i]) - t0 < 10000 * MS);
		ok(sigismember(&pend, SIGUSR1), "it fires after CPU time");
		ok(now_ns(clocks[i]) - t0 >= 200 * MS,
		   "not before 200 ms of it (%lld ms)",
		   (now_ns(clocks[i]) - t0) / MS);
		wait_sig(SIGUSR1, &(siginfo_t){ 0 });
		syscall(SYS_timer_delete, id);
	}
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

/* RLIMIT_SIGPENDING bounds the timers (each holds a queued siginfo). */
static int limited(void)
{
	struct rlimit rl = { 8, 8 };
	int id, n = 0, i;

	if (setrlimit(RLIMIT_SIGPENDING, &rl))
		return 10;
	for (i = 0; i < 100; i++) {
		if (tcreate(CLOCK_MONOTONIC, NULL, &id))
			break;
		n++;
	}
	if (i == 100)
		return 1;	/* no limit */
	if (errno != EAGAIN)
		return 2;
	if (n > 8)
		return 3;
	if (syscall(SYS_timer_delete, 0) || tcreate(CLOCK_MONOTONIC, NULL, &id))
		return 4;	/* deleting one makes room */
	return 0;
}

static int fork_child(void)
{
	int id;

	/* The parent's timer 0 is not ours. */
	if (syscall(SYS_timer_gettime, 0, &(struct itimerspec){ 0 }) != -1 ||
	    errno != EINVAL)
		return 1;
	return tcreate(CLOCK_MONOTONIC, NULL, &id) || id != 0 ? 2 : 0;
}

static int exec_child_main(void)
{
	return syscall(SYS_timer_gettime, 0, &(struct itimerspec){ 0 }) == -1 &&
			       errno == EINVAL ? 0 : 1;
}

static int exec_child(void)
{
	int id;

	if (tcreate(CLOCK_MONOTONIC, NULL, &id) || id != 0)
		return 8;
	tset(id, 0, 10000 * MS, 0, NULL);
	execl("/proc/self/exe", "posix_timers", "after-exec", (char *)NULL);
	return 9;
}

static void test_limits_fork_exec(void)
{
	int id, st;

	st = run_child(limited);
	ok(exited_with(st, 0), "RLIMIT_SIGPENDING limits timer_create (EAGAIN) (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	tcreate(CLOCK_MONOTONIC, NULL, &id);
	tset(id, 0, 10000 * MS, 0, NULL);
	st = run_child(fork_child);
	ok(exited_with(st, 0), "timers are not inherited across fork");
	st = run_child(exec_child);
	ok(exited_with(st, 0), "timers are deleted by exec");
	syscall(SYS_timer_delete, id);
}

/* A signal queued by a timer stays pending after timer_delete. */
static void test_delete_pending(void)
{
	struct ksigevent ev = { .signo = SIGUSR1, .notify = SIGEV_SIGNAL };
	sigset_t s = only(SIGUSR1), pend;
	siginfo_t si;
	int id, i;

	sigprocmask(SIG_BLOCK, &s, NULL);
	tcreate(CLOCK_MONOTONIC, &ev, &id);
	tset(id, 0, 5 * MS, 0, NULL);
	for (i = 0; i < 1000; i++) {
		sigpending(&pend);
		if (sigismember(&pend, SIGUSR1))
			break;
		usleep(5000);
	}
	syscall(SYS_timer_delete, id);
	sigpending(&pend);
	ok(sigismember(&pend, SIGUSR1), "still pending after timer_delete");
	is(wait_sig(SIGUSR1, &si), SIGUSR1, "and delivered");
	is(si.si_code, SI_TIMER, "as SI_TIMER");
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "after-exec"))
		return exec_child_main();
	test_create_errors();
	test_defaults();
	test_settime();
	test_overrun();
	test_none();
	test_thread_id();
	test_cpu_timers();
	test_thread_clock_timer();
	test_limits_fork_exec();
	test_delete_pending();
	return tap_done();
}
