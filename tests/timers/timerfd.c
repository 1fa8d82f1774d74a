/*
 * tests/timers/timerfd.c: timerfd_create/settime/gettime: the clocks
 * and flags accepted (the alarm clocks need CAP_WAKE_ALARM), one-shot
 * and periodic, relative and absolute timers, expiry counts, old
 * values, disarming, non-blocking and too-short reads, epoll, sharing
 * across fork, and TFD_TIMER_CANCEL_ON_SET when the clock is set.
 * Timing bounds are generous: the guest may be slow.
 */
#include "tap.h"
#include <grp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

#define MS 1000000L

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int arm(int fd, int flags, long long value_ns, long long intv_ns)
{
	struct itimerspec its = {
		{ intv_ns / 1000000000, intv_ns % 1000000000 },
		{ value_ns / 1000000000, value_ns % 1000000000 } };

	return timerfd_settime(fd, flags, &its, NULL);
}

static long long ts_ns(struct timespec ts)
{
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static int unprivileged_alarm(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	if (timerfd_create(CLOCK_REALTIME_ALARM, 0) != -1 || errno != EPERM)
		return 3;
	if (timerfd_create(CLOCK_BOOTTIME_ALARM, 0) != -1 || errno != EPERM)
		return 4;
	return 0;
}

static void test_create(void)
{
	int fd;

	expect_errno(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	expect_errno(timerfd_create(CLOCK_THREAD_CPUTIME_ID, 0), EINVAL);
	expect_errno(timerfd_create(CLOCK_MONOTONIC_RAW, 0), EINVAL);
	expect_errno(timerfd_create(99, 0), EINVAL);
	expect_errno(timerfd_create(-1, 0), EINVAL);
	expect_errno(timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);
	fd = expect_ok(timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK));
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "TFD_CLOEXEC");
	ok(fcntl(fd, F_GETFL) & O_NONBLOCK, "TFD_NONBLOCK");
	close(fd);
	fd = expect_ok(timerfd_create(CLOCK_REALTIME_ALARM, 0));
	close(fd);
	fd = expect_ok(timerfd_create(CLOCK_BOOTTIME_ALARM, 0));
	close(fd);
	ok(exited_with(run_child(unprivileged_alarm), 0),
	   "alarm clocks without CAP_WAKE_ALARM: EPERM");
}

static void test_settime_errors(void)
{
	struct itimerspec its = { { 0, 0 }, { 1, 0 } }, bad = { { 0, 0 },
								 { 0, 1000000000 } };
	struct itimerspec neg = { { 0, 0 }, { -1, 0 } };
	struct itimerspec badi = { { 0, -1 }, { 1, 0 } };
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), p[2];

	pipe(p);
	expect_errno(timerfd_settime(fd, 4, &its, NULL), EINVAL);
	expect_errno(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	expect_errno(timerfd_settime(fd, 0, &neg, NULL), EINVAL);
	expect_errno(timerfd_settime(fd, 0, &badi, NULL), EINVAL);
	expect_errno(timerfd_settime(fd, 0, NULL, NULL), EFAULT);
	expect_errno(timerfd_settime(p[0], 0, &its, NULL), EINVAL);
	expect_errno(timerfd_settime(999, 0, &its, NULL), EBADF);
	expect_errno(timerfd_gettime(p[0], &its), EINVAL);
	expect_errno(timerfd_gettime(fd, NULL), EFAULT);
	{
		char small[4];

		arm(fd, 0, 1 * MS, 0);
		expect_errno(read(fd, small, sizeof(small)), EINVAL);
	}
	close(fd);
	close(p[0]);
	close(p[1]);
}

static void test_oneshot(void)
{
	struct itimerspec cur, old;
	uint64_t ticks = 0;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	long long t0;

	timerfd_gettime(fd, &cur);
	ok(ts_ns(cur.it_value) == 0 && ts_ns(cur.it_interval) == 0,
	   "a new timerfd is disarmed");
	/* 200 ms, not 50: the host may stall us between arm and gettime
	 * on a loaded machine, and an expired timer has 0 left. */
	t0 = now_ns(CLOCK_MONOTONIC);
	is(arm(fd, 0, 200 * MS, 0), 0, "arm 200 ms relative");
	timerfd_gettime(fd, &cur);
	ok(ts_ns(cur.it_value) > 0 && ts_ns(cur.it_value) <= 200 * MS,
	   "gettime: 0 < left <= 200 ms");
	is(read(fd, &ticks, 8), 8, "a blocking read returns 8 bytes");
	is(ticks, 1, "one expiry");
	ok(now_ns(CLOCK_MONOTONIC) - t0 >= 199 * MS, "not before 200 ms");
	timerfd_gettime(fd, &cur);
	ok(ts_ns(cur.it_value) == 0, "expired one-shot: 0 left");
	ok(!readable(fd), "read: not readable again");

	arm(fd, 0, 10000 * MS, 0);
	is(timerfd_settime(fd, 0, &(struct itimerspec){ { 0, 0 }, { 0, 0 } },
			   &old), 0, "disarm with a zero value");
	ok(ts_ns(old.it_value) > 9000 * MS && ts_ns(old.it_value) <= 10000 * MS,
	   "settime reports the old value");
	timerfd_gettime(fd, &cur);
	ok(ts_ns(cur.it_value) == 0, "disarmed: 0 left");
	close(fd);
}

static void test_nonblock(void)
{
	uint64_t ticks;
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), i;

	expect_errno(read(fd, &ticks, 8), EAGAIN);
	arm(fd, 0, 200 * MS, 0);	/* not yet expired at the next read */
	expect_errno(read(fd, &ticks, 8), EAGAIN);
	for (i = 0; i < 1000 && !readable(fd); i++)
		usleep(5000);
	ok(readable(fd), "poll: readable after the expiry");
	ticks = 0;
	is(read(fd, &ticks, 8), 8, "non-blocking read after expiry");
	is(ticks, 1, "one expiry");
	close(fd);
}

static void test_periodic(void)
{
	struct itimerspec cur;
	uint64_t ticks = 0, total = 0;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	long long t0, t1, elapsed;

	t0 = now_ns(CLOCK_MONOTONIC);
	arm(fd, 0, 10 * MS, 10 * MS);
	timerfd_gettime(fd, &cur);
	is(ts_ns(cur.it_interval), 10 * MS, "gettime: the interval");
	usleep(100000);
	read(fd, &ticks, 8);
	t1 = now_ns(CLOCK_MONOTONIC);
	elapsed = t1 - t0;
	ok(ticks >= 2, "a periodic timer counts the periods missed (%llu)",
	   (unsigned long long)ticks);
	ok((long long)ticks <= elapsed / (10 * MS) + 1,
	   "no more ticks than periods (%llu in %lld ms)",
	   (unsigned long long)ticks, elapsed / MS);
	total = ticks;
	read(fd, &ticks, 8);
	total += ticks;
	ok(ticks >= 1, "it keeps running after a read");
	t1 = now_ns(CLOCK_MONOTONIC);
	ok((long long)total <= (t1 - t0) / (10 * MS) + 1,
	   "the counts add up to the periods gone by");
	timerfd_gettime(fd, &cur);
	ok(ts_ns(cur.it_value) > 0 && ts_ns(cur.it_value) <= 10 * MS,
	   "gettime: within the current period");
	close(fd);
}

static void test_absolute(void)
{
	uint64_t ticks = 0;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	int rt = timerfd_create(CLOCK_REALTIME, 0);
	long long t0 = now_ns(CLOCK_MONOTONIC);

	is(arm(fd, TFD_TIMER_ABSTIME, t0 + 40 * MS, 0), 0, "arm absolute");
	read(fd, &ticks, 8);
	is(ticks, 1, "absolute monotonic: one expiry");
	ok(now_ns(CLOCK_MONOTONIC) >= t0 + 39 * MS, "not before its time");
	is(arm(fd, TFD_TIMER_ABSTIME, 1, 0), 0, "an absolute time long past");
	ticks = 0;
	read(fd, &ticks, 8);
	is(ticks, 1, "fires at once");
	is(arm(rt, TFD_TIMER_ABSTIME, now_ns(CLOCK_REALTIME) + 40 * MS, 0), 0,
	   "arm absolute on CLOCK_REALTIME");
	ticks = 0;
	read(rt, &ticks, 8);
	is(ticks, 1, "absolute realtime: one expiry");
	close(fd);
	close(rt);
}

static void test_cancel_on_set(void)
{
	struct timespec now;
	uint64_t ticks;
	int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int plain = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);

	arm(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
	    now_ns(CLOCK_REALTIME) + 100000 * MS, 0);
	arm(plain, TFD_TIMER_ABSTIME, now_ns(CLOCK_REALTIME) + 100000 * MS, 0);
	expect_errno(read(fd, &ticks, 8), EAGAIN);
	clock_gettime(CLOCK_REALTIME, &now);
	is(clock_settime(CLOCK_REALTIME, &now), 0, "set the realtime clock");
	ok(readable(fd), "CANCEL_ON_SET: readable once the clock is set");
	expect_errno(read(fd, &ticks, 8), ECANCELED);
	expect_errno(read(fd, &ticks, 8), EAGAIN);
	ok(!readable(plain), "without CANCEL_ON_SET: not affected");
	{
		struct itimerspec cur;

		timerfd_gettime(fd, &cur);
		ok(cur.it_value.tv_sec >= 90,
		   "the cancelled timer is still armed");
	}
	/* A relative timer ignores CANCEL_ON_SET. */
	arm(fd, TFD_TIMER_CANCEL_ON_SET, 100000 * MS, 0);
	clock_gettime(CLOCK_REALTIME, &now);
	clock_settime(CLOCK_REALTIME, &now);
	expect_errno(read(fd, &ticks, 8), EAGAIN);
	close(fd);
	close(plain);
}

static void test_epoll_and_fork(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	uint64_t ticks = 0;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), ep = epoll_create1(0);
	int status;
	pid_t pid;

	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	arm(fd, 0, 30 * MS, 0);
	is(epoll_wait(ep, &ev, 1, 10000), 1, "epoll: the expiry wakes a wait");
	read(fd, &ticks, 8);
	is(ticks, 1, "one tick read");
	arm(fd, 0, 30 * MS, 0);
	pid = fork();
	if (pid == 0) {
		ticks = 0;
		_exit(read(fd, &ticks, 8) == 8 && ticks == 1 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "a child reads the shared timer");
	ok(!readable(fd), "the child's read took the tick");
	close(fd);
	close(ep);
}

int main(void)
{
	test_create();
	test_settime_errors();
	test_oneshot();
	test_nonblock();
	test_periodic();
	test_absolute();
	test_cancel_on_set();
	test_epoll_and_fork();
	return tap_done();
}
