/*
 * tests/sys/time.c: clock_gettime (raw syscall, not the vDSO),
 * clock_getres, gettimeofday: monotonic never goes back, realtime is a
 * real date, both agree with gettimeofday, and EINVAL for bad clocks.
 */
#include "tap.h"
#include <sys/time.h>
#include <time.h>

static long long ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static void test_monotonic(void)
{
	struct timespec a, b;
	int i, back = 0, bad_nsec = 0;

	expect_ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a));
	for (i = 0; i < 1000; i++) {
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
		back += ns(&b) < ns(&a);
		bad_nsec += b.tv_nsec < 0 || b.tv_nsec >= 1000000000L;
		a = b;
	}
	is(back, 0, "CLOCK_MONOTONIC never goes backwards");
	is(bad_nsec, 0, "tv_nsec is always in [0, 1e9)");
	expect_ok(syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &b));
	ok(ns(&b) >= ns(&a) - 1000000000LL, "CLOCK_BOOTTIME is at least uptime");
}

static void test_realtime(void)
{
	struct timespec rt;
	struct timeval tv;

	expect_ok(syscall(SYS_clock_gettime, CLOCK_REALTIME, &rt));
	ok(rt.tv_sec > 1577836800L, "CLOCK_REALTIME is after 2020 (%lld)",
	   (long long)rt.tv_sec);
	ok(rt.tv_sec < 4102444800L, "CLOCK_REALTIME is before 2100");
	expect_ok(syscall(SYS_gettimeofday, &tv, NULL));
	ok(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "tv_usec is in [0, 1e6)");
	ok(tv.tv_sec - rt.tv_sec >= 0 && tv.tv_sec - rt.tv_sec <= 2,
	   "gettimeofday agrees with CLOCK_REALTIME");
	expect_ok(syscall(SYS_gettimeofday, NULL, NULL));
	/* Linux's time() reads the tick-updated seconds, which may trail
	 * the fine clock read just before by up to a tick. */
	ok(syscall(SYS_time, NULL) >= rt.tv_sec - 1,
	   "time() agrees with CLOCK_REALTIME");
}

static void test_errors(void)
{
	struct timespec ts;

	expect_ok(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts));
	ok(ts.tv_sec == 0 && ts.tv_nsec > 0 && ts.tv_nsec <= 10000000,
	   "clock_getres is between 1 ns and 10 ms (%ld ns)", ts.tv_nsec);
	expect_ok(syscall(SYS_clock_getres, CLOCK_REALTIME, NULL));
	expect_errno(syscall(SYS_clock_gettime, 999, &ts), EINVAL);
	expect_errno(syscall(SYS_clock_gettime, -1, &ts), EINVAL);
	expect_errno(syscall(SYS_clock_getres, 999, &ts), EINVAL);
	expect_errno(syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts), EINVAL);
}

int main(void)
{
	test_monotonic();
	test_realtime();
	test_errors();
	return tap_done();
}
