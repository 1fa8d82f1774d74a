/*
 * tests/ns/timens.c: time namespaces. After unshare(CLONE_NEWTIME) the
 * offsets of the children's namespace are written in
 * /proc/self/timens_offsets (read back in Linux's format); a child then
 * sees CLOCK_MONOTONIC and CLOCK_BOOTTIME shifted (the C library's
 * clock_gettime, which may use the vDSO, and the system call alike),
 * CLOCK_REALTIME not, /proc/uptime by BOOTTIME's, and absolute sleeps,
 * timerfd, POSIX timer and
 * futex times on its clocks are its own; a process that joins it with
 * setns sees its clocks move at once.
 * Once a task is in it the offsets are frozen (EACCES); bad lines are
 * EINVAL, out-of-range offsets ERANGE, writers without CAP_SYS_TIME
 * EPERM.
 */
#include "cred.h"
#include "ns.h"
#include <signal.h>
#include <sys/timerfd.h>
#include <time.h>

#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

static long long now_ns(clockid_t id, int raw)
{
	struct timespec ts;

	if (raw)
		syscall(SYS_clock_gettime, id, &ts);
	else
		clock_gettime(id, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

#define SEC 1000000000LL

/* Whole seconds of /proc/uptime, or -1. */
static long uptime_sec(void)
{
	char buf[64] = "";
	int fd = open("/proc/uptime", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	return n > 0 ? atol(buf) : -1;
}

/* ts = the namespace's clock id now + ms. */
static struct timespec ahead(clockid_t id, long ms)
{
	long long t = now_ns(id, 1) + ms * 1000000LL;
	struct timespec ts = { t / SEC, t % SEC };

	return ts;
}

/* Absolute timerfd, POSIX timer and futex times are the namespace's. */
static int child_timers(void)
{
	struct itimerspec its = { .it_value = ahead(CLOCK_MONOTONIC, 500) };
	struct itimerspec cur;
	struct sigevent sev = { .sigev_notify = SIGEV_NONE };
	struct timespec until;
	long long t0;
	timer_t tid;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), word = 0;

	if (fd < 0 || timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL) ||
	    timerfd_gettime(fd, &cur) || cur.it_value.tv_sec != 0 ||
	    cur.it_value.tv_nsec == 0)
		return 20;
	close(fd);
	its.it_value = ahead(CLOCK_BOOTTIME, 500);
	if (timer_create(CLOCK_BOOTTIME, &sev, &tid) ||
	    timer_settime(tid, TIMER_ABSTIME, &its, NULL) ||
	    timer_gettime(tid, &cur))
		return 21;
	/* Half a second left: not 2000 s (no conversion), nor expired. */
	if (cur.it_value.tv_sec != 0 || cur.it_value.tv_nsec == 0)
		return 22;
	until = ahead(CLOCK_MONOTONIC, 50);
	t0 = now_ns(CLOCK_MONOTONIC, 1);
	if (syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG,
		    0, &until, NULL, FUTEX_BITSET_MATCH_ANY) != -1 ||
	    errno != ETIMEDOUT)
		return 23;
	t0 = now_ns(CLOCK_MONOTONIC, 1) - t0;
	return t0 >= 40000000 && t0 < 2 * SEC ? 0 : 24;
}

/* In the new namespace: the clocks against the parent's, sent over p. */
static int child_clocks(long long mono, long long boot, long long real)
{
	long long d_mono = now_ns(CLOCK_MONOTONIC, 0) - mono;
	long long d_mono_raw = now_ns(CLOCK_MONOTONIC, 1) - mono;
	long long d_boot = now_ns(CLOCK_BOOTTIME, 0) - boot;
	long long d_real = now_ns(CLOCK_REALTIME, 0) - real;
	struct timespec until;
	long long t0;

	if (d_mono < 1000 * SEC || d_mono > 1005 * SEC)
		return 1;
	if (d_mono_raw < 1000 * SEC || d_mono_raw > 1005 * SEC)
		return 2;
	if (d_boot < 2000 * SEC || d_boot > 2005 * SEC)
		return 3;
	if (d_real < 0 || d_real > 5 * SEC)
		return 4;
	if (uptime_sec() < 2000)	/* /proc/uptime is BOOTTIME's */
		return 7;
	/* An absolute sleep 50 ms ahead on the shifted clock. */
	t0 = now_ns(CLOCK_MONOTONIC, 1);
	until.tv_sec = (t0 + 50000000) / SEC;
	until.tv_nsec = (t0 + 50000000) % SEC;
	if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL))
		return 5;
	t0 = now_ns(CLOCK_MONOTONIC, 1) - t0;
	if (t0 < 50000000 || t0 >= 2 * SEC)
		return 6;
	return child_timers();
}

static int offsets_case(void)
{
	char *s, buf[256];
	long long mono, boot, real;
	int fd, status;
	ssize_t n;
	pid_t c;

	if (unshare(CLONE_NEWTIME))
		return 10;
	expect_ok(ns_write_file("/proc/self/timens_offsets",
				"monotonic 1000 0\nboottime 2000 0\n"));
	fd = open("/proc/self/timens_offsets", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	close(fd);
	is_str(buf, "monotonic        1000         0\n"
		    "boottime         2000         0\n",
	       "the offsets read back in Linux's format");
	mono = now_ns(CLOCK_MONOTONIC, 1);
	boot = now_ns(CLOCK_BOOTTIME, 1);
	real = now_ns(CLOCK_REALTIME, 1);
	c = fork();
	if (c == 0)
		_exit(child_clocks(mono, boot, real));
	waitpid(c, &status, 0);
	ok(exited_with(status, 0),
	   "the child's MONOTONIC and BOOTTIME are shifted, REALTIME not "
	   "(status %d)", WEXITSTATUS(status));
	s = "monotonic 5 0";
	expect_errno(ns_write_file("/proc/self/timens_offsets", s), EACCES);
	ok(now_ns(CLOCK_MONOTONIC, 0) - mono < 5 * SEC,
	   "our own clock is not shifted");
	return tap_done();
}

/* setns into a time namespace: our own clocks move at once (the C
 * library's clock_gettime included, whose data page we had used). */
static int setns_case(void)
{
	long long before = now_ns(CLOCK_MONOTONIC, 0), d;
	int fd;

	if (unshare(CLONE_NEWTIME))
		return 10;
	expect_ok(ns_write_file("/proc/self/timens_offsets",
				"monotonic 500 0"));
	fd = ns_open(0, "time_for_children");
	expect_ok(setns(fd, CLONE_NEWTIME));
	is(ns_ino(0, "time"), fd_ino(fd), "we are in it");
	d = now_ns(CLOCK_MONOTONIC, 0) - before;
	ok(d >= 500 * SEC && d < 505 * SEC, "our MONOTONIC moved by 500 s");
	d = now_ns(CLOCK_MONOTONIC, 1) - before;
	ok(d >= 500 * SEC && d < 505 * SEC, "the system call's too");
	return tap_done();
}

/* Each bad write, in a fresh namespace. */
static int bad_writes_case(void)
{
	static const struct {
		const char *s;
		int err;
	} cases[] = {
		{ "monotonic 1 1000000000", EINVAL },
		{ "monotonic 1 -1", EINVAL },
		{ "realtime 1 0", EINVAL },
		{ "0 1 0", EINVAL },
		{ "monotonic", EINVAL },
		{ "monotonic -99999999999 0", ERANGE },
	};

	if (unshare(CLONE_NEWTIME))
		return 10;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = ns_write_file("/proc/self/timens_offsets", cases[i].s);
		int e = errno;

		ok(r == -1 && e == cases[i].err, "'%s': errno %d (want %d)",
		   cases[i].s, e, cases[i].err);
	}
	expect_ok(ns_write_file("/proc/self/timens_offsets", "1 0 500000000"));
	expect_ok(ns_write_file("/proc/self/timens_offsets", "7 5 0"));
	return tap_done();
}

/* CAP_SYS_TIME over the namespace (the opener's): without it, EPERM. */
static int unprivileged_case(void)
{
	int fd;

	if (unshare(CLONE_NEWTIME))
		return 10;
	if (become(65534, 65534))
		return 11;
	fd = open("/proc/self/timens_offsets", O_WRONLY);
	ok(fd >= 0, "our own timens_offsets opens for writing");
	expect_errno(write(fd, "monotonic 1 0", 13), EPERM);
	expect_errno(unshare(CLONE_NEWTIME), EPERM);
	return tap_done();
}

int main(void)
{
	ok(exited_with(run_child(offsets_case), 0), "case offsets");
	ok(exited_with(run_child(setns_case), 0), "case setns");
	ok(exited_with(run_child(bad_writes_case), 0), "case bad_writes");
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	return tap_done();
}
