/*
 * tests/sys/sleep.c: nanosleep and clock_nanosleep sleep at least as long
 * as asked (relative and TIMER_ABSTIME), a signal interrupts with EINTR
 * and the remaining time, and bad arguments give EINVAL.  The clocks
 * Linux cannot sleep on (raw, coarse, the thread's CPU clock) are
 * EOPNOTSUPP; the alarm clocks sleep as their base clocks (an absolute
 * CLOCK_REALTIME_ALARM deadline is wall-clock time) for CAP_WAKE_ALARM
 * only, and take no flag but TIMER_ABSTIME.
 */
#include "tap.h"
#include <time.h>

static long long now_ns(void)
{
	struct timespec ts;

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void test_durations(void)
{
	struct timespec req = { 0, 50000000L }, abs;
	long long t0 = now_ns();

	expect_ok(syscall(SYS_nanosleep, &req, NULL));
	ok(now_ns() - t0 >= 50000000LL, "nanosleep 50 ms sleeps at least 50 ms");
	t0 = now_ns();
	expect_ok(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL));
	ok(now_ns() - t0 >= 50000000LL, "clock_nanosleep relative sleeps enough");
	t0 = now_ns();
	expect_ok(syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &req, NULL));
	ok(now_ns() - t0 >= 50000000LL, "clock_nanosleep on CLOCK_REALTIME");
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &abs);
	t0 = abs.tv_sec * 1000000000LL + abs.tv_nsec;
	abs.tv_nsec += 50000000L;
	if (abs.tv_nsec >= 1000000000L) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000L;
	}
	expect_ok(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
			  &abs, NULL));
	ok(now_ns() - t0 >= 50000000LL, "TIMER_ABSTIME sleeps until the deadline");
	req.tv_nsec = 0;
	expect_ok(syscall(SYS_nanosleep, &req, NULL));
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void test_interrupted(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	pid_t parent = getpid(), pid;
	long long t0 = now_ns();

	sigaction(SIGUSR1, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		/* Keep signalling: one sent before the sleep began is lost. */
		struct timespec d = { 0, 100000000L };

		for (;;) {
			nanosleep(&d, NULL);
			kill(parent, SIGUSR1);
		}
	}
	expect_errno(syscall(SYS_nanosleep, &req, &rem), EINTR);
	kill(pid, SIGKILL);
	ok(now_ns() - t0 < 4000000000LL, "a signal cuts the sleep short");
	ok(rem.tv_sec > 0 && rem.tv_sec <= 5, "rem holds the time left (%ld s)",
	   (long)rem.tv_sec);
	waitpid(pid, NULL, 0);
}

static void test_errors(void)
{
	struct timespec ts = { 0, 1000000000L };

	expect_errno(syscall(SYS_nanosleep, &ts, NULL), EINVAL);
	ts.tv_nsec = -1;
	expect_errno(syscall(SYS_nanosleep, &ts, NULL), EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	expect_errno(syscall(SYS_nanosleep, &ts, NULL), EINVAL);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000L;
	expect_errno(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL),
		     EINVAL);
	ts.tv_nsec = 1000;
	expect_errno(syscall(SYS_clock_nanosleep, 999, 0, &ts, NULL), EINVAL);
	/* Linux: sleeping on a thread's CPU clock is "not supported". */
	expect_errno(syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0,
			     &ts, NULL), EOPNOTSUPP);
}

/* Sleep 20 ms on clock, to an absolute deadline or relative. */
static long sleep_20ms(clockid_t clock, int flags)
{
	struct timespec ts = { 0, 20000000L };

	if (flags & TIMER_ABSTIME) {
		syscall(SYS_clock_gettime, clock, &ts);
		ts.tv_nsec += 20000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
	}
	return syscall(SYS_clock_nanosleep, clock, flags, &ts, NULL);
}

static int alarm_unprivileged(void)
{
	if (setresuid(65534, 65534, 65534))
		return 10;
	if (sleep_20ms(CLOCK_REALTIME_ALARM, 0) != -1 || errno != EPERM)
		return 11;
	if (sleep_20ms(CLOCK_BOOTTIME_ALARM, TIMER_ABSTIME) != -1 ||
	    errno != EPERM)
		return 12;
	return 0;
}

static void test_clocks(void)
{
	static const clockid_t none[] = { CLOCK_MONOTONIC_RAW,
					  CLOCK_REALTIME_COARSE,
					  CLOCK_MONOTONIC_COARSE };
	long long t0;
	int i, st;

	for (i = 0; i < 3; i++)
		expect_errno(sleep_20ms(none[i], 0), EOPNOTSUPP);
	expect_errno(sleep_20ms(CLOCK_MONOTONIC_RAW, TIMER_ABSTIME), EOPNOTSUPP);
	t0 = now_ns();
	expect_ok(sleep_20ms(CLOCK_REALTIME_ALARM, TIMER_ABSTIME));
	ok(now_ns() - t0 >= 20000000LL && now_ns() - t0 < 2000000000LL,
	   "an absolute CLOCK_REALTIME_ALARM sleep ends at its wall-clock deadline");
	t0 = now_ns();
	expect_ok(sleep_20ms(CLOCK_BOOTTIME_ALARM, 0));
	ok(now_ns() - t0 >= 20000000LL, "a relative CLOCK_BOOTTIME_ALARM sleep");
	expect_ok(sleep_20ms(CLOCK_BOOTTIME_ALARM, TIMER_ABSTIME));
	expect_errno(sleep_20ms(CLOCK_REALTIME_ALARM, 2), EINVAL);
	expect_ok(sleep_20ms(CLOCK_MONOTONIC, 2));
	st = run_child(alarm_unprivileged);
	ok(exited_with(st, 0), "alarm clocks need CAP_WAKE_ALARM (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(void)
{
	test_durations();
	test_interrupted();
	test_errors();
	test_clocks();
	return tap_done();
}
