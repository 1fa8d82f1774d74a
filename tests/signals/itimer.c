/*
 * tests/signals/itimer.c: alarm and the interval timers. The alarm
 * syscall's return value (seconds left, rounded, 0 when none), SIGALRM
 * delivery, a periodic ITIMER_REAL, getitimer counting down, the
 * EINVAL cases, ITIMER_PROF and ITIMER_VIRTUAL firing on CPU time,
 * and timers not inherited by a fork child.
 */
#include "tap.h"
#include <sys/time.h>
#include <time.h>

static volatile int alrm, prof, vtalrm;

static void on_sig(int sig)
{
	if (sig == SIGALRM)
		alrm++;
	else if (sig == SIGPROF)
		prof++;
	else if (sig == SIGVTALRM)
		vtalrm++;
}

static long sys_alarm(unsigned int s)
{
	return syscall(SYS_alarm, s);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_alarm(void)
{
	long t0;

	is(sys_alarm(0), 0, "alarm(0) with none set returns 0");
	is(sys_alarm(100), 0, "alarm(100) returns 0 the first time");
	is(sys_alarm(5), 100, "alarm(5) returns the 100 s left");
	is(sys_alarm(0), 5, "alarm(0) cancels and returns 5");
	is(sys_alarm(0), 0, "... and nothing is left");
	alrm = 0;
	t0 = now_ms();
	sys_alarm(1);
	while (!alrm && now_ms() - t0 < 5000)
		pause();
	is(alrm, 1, "alarm(1) sends SIGALRM");
	ok(now_ms() - t0 >= 900, "... after about a second (%ld ms)", now_ms() - t0);
}

static void test_real(void)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, cur, old, off = { 0 };
	long t0 = now_ms();

	alrm = 0;
	expect_ok(setitimer(ITIMER_REAL, &it, NULL));
	while (alrm < 5 && now_ms() - t0 < 5000)
		pause();
	ok(alrm >= 5, "a 20 ms periodic ITIMER_REAL fires again and again");
	expect_ok(getitimer(ITIMER_REAL, &cur));
	is(cur.it_interval.tv_usec, 20000, "getitimer reads back the interval");
	ok(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 20000,
	   "getitimer: what is left is below the interval");
	expect_ok(setitimer(ITIMER_REAL, &off, &old));
	is(old.it_interval.tv_usec, 20000, "setitimer returns the old interval");
	expect_ok(getitimer(ITIMER_REAL, &cur));
	ok(!cur.it_value.tv_sec && !cur.it_value.tv_usec, "disarmed");

	it.it_value.tv_sec = 10;
	it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &cur);
	ok(cur.it_value.tv_sec == 9 || cur.it_value.tv_sec == 10,
	   "getitimer counts down from 10 s (%ld)", (long)cur.it_value.tv_sec);
	setitimer(ITIMER_REAL, &off, NULL);
}

static int child_sees_timer(void)
{
	struct itimerval cur;

	getitimer(ITIMER_REAL, &cur);
	return cur.it_value.tv_sec || cur.it_value.tv_usec;
}

static void test_errors_and_fork(void)
{
	struct itimerval it = { { 0, 0 }, { 100, 0 } }, cur, off = { 0 };

	expect_errno(setitimer(3, &it, NULL), EINVAL);
	expect_errno(syscall(SYS_setitimer, -1, &it, NULL), EINVAL);
	expect_errno(getitimer(3, &cur), EINVAL);
	it.it_value.tv_usec = 1000000;
	expect_errno(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	it.it_value.tv_usec = -1;
	expect_errno(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	it.it_value.tv_usec = 0;
	expect_errno(syscall(SYS_setitimer, ITIMER_REAL, KERNEL_PTR, NULL), EFAULT);
	expect_errno(syscall(SYS_getitimer, ITIMER_REAL, KERNEL_PTR), EFAULT);
	setitimer(ITIMER_REAL, &it, NULL);
	ok(exited_with(run_child(child_sees_timer), 0), "fork: the child has no timer");
	setitimer(ITIMER_REAL, &off, NULL);
}

static void test_cpu_timers(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } }, cur;
	long t0 = now_ms();
	volatile unsigned long spin = 0;

	prof = vtalrm = 0;
	expect_ok(setitimer(ITIMER_PROF, &it, NULL));
	expect_ok(setitimer(ITIMER_VIRTUAL, &it, NULL));
	expect_ok(getitimer(ITIMER_PROF, &cur));
	ok(cur.it_value.tv_usec > 0, "getitimer(ITIMER_PROF) shows it armed");
	/*
	 * The clock is read only every 100,000 rounds: where the vDSO cannot
	 * read it (Linux on hpet under -smp 4) each read is a system call,
	 * and a loop of them spends its ticks in the kernel, so its user
	 * time (ITIMER_VIRTUAL) barely grew in 10 s.
	 */
	while ((!prof || !vtalrm) &&
	       (++spin % 100000 || now_ms() - t0 < 10000))
		;
	is(prof, 1, "ITIMER_PROF sends SIGPROF after 50 ms of CPU time");
	is(vtalrm, 1, "ITIMER_VIRTUAL sends SIGVTALRM after 50 ms of user time");
	getitimer(ITIMER_PROF, &cur);
	ok(!cur.it_value.tv_sec && !cur.it_value.tv_usec, "a one-shot CPU timer is then off");
}

int main(void)
{
	signal(SIGALRM, on_sig);
	signal(SIGPROF, on_sig);
	signal(SIGVTALRM, on_sig);
	test_alarm();
	test_real();
	test_errors_and_fork();
	test_cpu_timers();
	return tap_done();
}
