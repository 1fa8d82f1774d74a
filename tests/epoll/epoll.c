/*
 * tests/epoll/epoll.c: epoll_create/create1/ctl/wait/pwait/pwait2: the
 * argument errors, level- and edge-triggered and one-shot reporting,
 * EPOLL_CTL_MOD, the data word, timeouts, and what closing a watched
 * fd does (the registration lives as long as the open file).
 */
#include "tap.h"
#include <poll.h>
#include <sys/epoll.h>
#include <time.h>

static int ep_wait(int ep, struct epoll_event *ev, int n, int ms)
{
	return (int)syscall(SYS_epoll_wait, ep, ev, n, ms);
}

static int ctl(int ep, int op, int fd, unsigned int events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return (int)syscall(SYS_epoll_ctl, ep, op, fd, &ev);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void test_create(void)
{
	int ep;

	expect_errno(syscall(SYS_epoll_create, 0), EINVAL);
	expect_errno(syscall(SYS_epoll_create, -1), EINVAL);
	expect_errno(syscall(SYS_epoll_create1, 1), EINVAL);
	expect_errno(syscall(SYS_epoll_create1, O_NONBLOCK), EINVAL);
	ep = expect_ok(syscall(SYS_epoll_create, 1));
	is(fcntl(ep, F_GETFD), 0, "epoll_create: no FD_CLOEXEC");
	close(ep);
	ep = expect_ok(syscall(SYS_epoll_create1, EPOLL_CLOEXEC));
	is(fcntl(ep, F_GETFD), FD_CLOEXEC, "EPOLL_CLOEXEC sets FD_CLOEXEC");
	{
		char link[64], path[64];
		long n;

		snprintf(path, sizeof(path), "/proc/self/fd/%d", ep);
		n = readlink(path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = 0;
		is_str(link, "anon_inode:[eventpoll]", "/proc/self/fd names it");
	}
	expect_errno(read(ep, &(char){ 0 }, 1), EINVAL);
	close(ep);
}

static void test_ctl_errors(void)
{
	char path[64];
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = epoll_create1(0), ep2 = epoll_create1(0), p[2], file;

	pipe(p);
	expect_errno(ctl(ep, EPOLL_CTL_ADD, 999, EPOLLIN, 0), EBADF);
	expect_errno(ctl(999, EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EBADF);
	expect_errno(ctl(p[1], EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EINVAL);
	expect_errno(ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0), EINVAL);
	expect_errno(ctl(ep, 0, p[0], EPOLLIN, 0), EINVAL);
	expect_errno(ctl(ep, 4, p[0], EPOLLIN, 0), EINVAL);
	expect_errno(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], NULL),
		     EFAULT);
	expect_errno(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0],
			     KERNEL_PTR), EFAULT);
	is(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev), 0,
	   "EPOLL_CTL_ADD a pipe");
	expect_errno(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EEXIST);
	expect_errno(ctl(ep, EPOLL_CTL_DEL, p[1], 0, 0), ENOENT);
	expect_errno(ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 0), ENOENT);
	is(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], NULL), 0,
	   "EPOLL_CTL_DEL ignores the event pointer");
	expect_errno(ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0), ENOENT);

	scratch(path, sizeof(path), "epoll-file");
	file = open(path, O_CREAT | O_RDWR, 0600);
	expect_errno(ctl(ep, EPOLL_CTL_ADD, file, EPOLLIN, 0), EPERM);
	close(file);
	unlink(path);
	file = open("/", O_RDONLY | O_DIRECTORY);
	expect_errno(ctl(ep, EPOLL_CTL_ADD, file, EPOLLIN, 0), EPERM);
	close(file);

	/* EPOLLEXCLUSIVE: ADD only, not on an epoll fd, few other bits. */
	expect_errno(ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN | EPOLLEXCLUSIVE, 0),
		     EINVAL);
	expect_errno(ctl(ep, EPOLL_CTL_ADD, p[0],
			 EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0), EINVAL);
	expect_errno(ctl(ep, EPOLL_CTL_ADD, p[0],
			 EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP, 0), EINVAL);
	ok(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLET |
	       EPOLLWAKEUP, 0) == 0, "EPOLLEXCLUSIVE with ET and WAKEUP");
	expect_errno(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 0), EINVAL);
	expect_errno(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0),
		     EINVAL);
	is(ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0), 0, "an exclusive item can go");
	ok(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLWAKEUP, 0) == 0,
	   "EPOLLWAKEUP is accepted");
	close(p[0]);
	close(p[1]);
	close(ep);
	close(ep2);
}

static void test_wait_errors(void)
{
	struct epoll_event ev[2];
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 };
	sigset_t ss;
	int ep = epoll_create1(0), p[2];

	pipe(p);
	sigemptyset(&ss);
	expect_errno(ep_wait(ep, ev, 0, 0), EINVAL);
	expect_errno(ep_wait(ep, ev, -1, 0), EINVAL);
	expect_errno(ep_wait(ep, ev, 0x7fffffff, 0), EINVAL);
	expect_errno(ep_wait(ep, KERNEL_PTR, 1, 0), EFAULT);
	expect_errno(ep_wait(999, ev, 1, 0), EBADF);
	expect_errno(ep_wait(p[0], ev, 1, 0), EINVAL);
	expect_errno(syscall(SYS_epoll_pwait, ep, ev, 1, 0, &ss, 4), EINVAL);
	expect_errno(syscall(SYS_epoll_pwait, ep, ev, 1, 0, KERNEL_PTR, 8),
		     EFAULT);
	is(syscall(SYS_epoll_pwait, ep, ev, 1, 0, NULL, 3), 0,
	   "epoll_pwait without a mask ignores the size");
	expect_errno(syscall(SYS_epoll_pwait2, ep, ev, 1, &bad, NULL, 8),
		     EINVAL);
	expect_errno(syscall(SYS_epoll_pwait2, ep, ev, 1, &neg, NULL, 8),
		     EINVAL);
	expect_errno(syscall(SYS_epoll_pwait2, ep, ev, 1, KERNEL_PTR, NULL, 8),
		     EFAULT);
	is(syscall(SYS_epoll_pwait2, ep, ev, 1, &(struct timespec){ 0, 0 },
		   NULL, 8), 0, "epoll_pwait2 with a zero timeout polls");
	/* An event already ready but the buffer is bad: EFAULT, not lost. */
	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 7);
	expect_errno(ep_wait(ep, (void *)8, 1, 0), EFAULT);
	is(ep_wait(ep, ev, 2, 0), 1, "the event survives the EFAULT");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void test_timeout(void)
{
	struct epoll_event ev;
	struct timespec ts = { 0, 30000000 };
	int ep = epoll_create1(0), p[2];
	long long t0;

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0);
	t0 = now_ms();
	is(ep_wait(ep, &ev, 1, 30), 0, "nothing ready: the timeout ends it");
	ok(now_ms() - t0 >= 29, "epoll_wait slept its 30 ms timeout");
	t0 = now_ms();
	is(syscall(SYS_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8), 0,
	   "epoll_pwait2 times out");
	ok(now_ms() - t0 >= 29, "epoll_pwait2 slept its 30 ms timeout");
	is(ep_wait(ep, &ev, 1, 0), 0, "a zero timeout returns at once");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void test_level(void)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2], i, reports = 0;
	char c;

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x1122334455667788ULL);
	is(ep_wait(ep, ev, 4, 0), 0, "an empty pipe is not readable");
	write(p[1], "ab", 2);
	for (i = 0; i < 3; i++)
		reports += ep_wait(ep, ev, 4, 0) == 1;
	is(reports, 3, "level-triggered: reported while data is there");
	is(ev[0].events, EPOLLIN, "the events are EPOLLIN");
	ok(ev[0].data.u64 == 0x1122334455667788ULL, "the data word comes back");
	read(p[0], &c, 1);
	is(ep_wait(ep, ev, 4, 0), 1, "still one byte: still reported");
	read(p[0], &c, 1);
	is(ep_wait(ep, ev, 4, 0), 0, "drained: no longer reported");
	/* Both ends, one call. */
	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 2);
	write(p[1], "x", 1);
	is(ep_wait(ep, ev, 4, 0), 2, "two ready items, two events");
	is(ep_wait(ep, ev, 1, 0), 1, "maxevents 1 gives one");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void test_edge(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2];
	char buf[8];

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLET, 0);
	write(p[1], "a", 1);
	is(ep_wait(ep, &ev, 1, 0), 1, "edge-triggered: the write is reported");
	is(ep_wait(ep, &ev, 1, 0), 0, "only once, though data is left");
	write(p[1], "b", 1);
	is(ep_wait(ep, &ev, 1, 0), 1, "a new write is a new edge");
	read(p[0], buf, sizeof(buf));
	is(ep_wait(ep, &ev, 1, 0), 0, "reading makes no edge");
	/* An ET item readied by a write but drained before the wait. */
	write(p[1], "c", 1);
	read(p[0], buf, sizeof(buf));
	is(ep_wait(ep, &ev, 1, 0), 0, "not reported once drained");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void test_oneshot(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2];

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 1);
	write(p[1], "a", 1);
	is(ep_wait(ep, &ev, 1, 0), 1, "one-shot: reported once");
	is(ep_wait(ep, &ev, 1, 0), 0, "then disarmed");
	write(p[1], "b", 1);
	is(ep_wait(ep, &ev, 1, 0), 0, "a new write does not re-arm it");
	expect_errno(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EEXIST);
	is(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 2), 0,
	   "EPOLL_CTL_MOD re-arms");
	is(ep_wait(ep, &ev, 1, 0), 1, "re-armed: reported again");
	ok(ev.data.u64 == 2, "with the new data");
	is(ep_wait(ep, &ev, 1, 0), 0, "and disarmed again");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void test_mod_and_hup(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2];

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLIN, 0);
	is(ep_wait(ep, &ev, 1, 0), 0, "write end watched for EPOLLIN: nothing");
	ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 0);
	is(ep_wait(ep, &ev, 1, 0), 1, "MOD to EPOLLOUT: writable");
	is(ev.events, EPOLLOUT, "EPOLLOUT");
	close(p[0]);
	is(ep_wait(ep, &ev, 1, 0), 1, "reader gone: reported");
	is(ev.events, EPOLLOUT | EPOLLERR, "EPOLLERR without asking");
	close(p[1]);
	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0);
	close(p[1]);
	is(ep_wait(ep, &ev, 1, 0), 1, "writer gone: reported");
	is(ev.events, EPOLLHUP, "EPOLLHUP without asking");
	ctl(ep, EPOLL_CTL_MOD, p[0], 0, 0);
	is(ep_wait(ep, &ev, 1, 0), 1, "events 0 still reports EPOLLHUP");
	close(p[0]);
	close(ep);
}

/* The registration belongs to the open file, not the fd number. */
static void test_close(void)
{
	struct epoll_event ev, two[2];
	int ep = epoll_create1(0), p[2], d;

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 5);
	d = dup(p[0]);
	close(p[0]);
	write(p[1], "a", 1);
	is(ep_wait(ep, &ev, 1, 0), 1, "a dup keeps the closed fd's item alive");
	ok(ev.data.u64 == 5, "reported with the item's data");
	expect_errno(ctl(ep, EPOLL_CTL_DEL, d, 0, 0), ENOENT);
	ok(ctl(ep, EPOLL_CTL_ADD, d, EPOLLIN, 6) == 0,
	   "the dup is a new item (another fd number)");
	is(ep_wait(ep, two, 2, 0), 2, "the file has two items now");
	close(d);
	is(ep_wait(ep, &ev, 1, 0), 0, "last reference closed: items gone");
	d = dup(p[1]);	/* reuses the number of p[0] maybe */
	expect_errno(ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0),
		     p[0] == d ? ENOENT : EBADF);
	close(d);
	close(p[1]);
	close(ep);
}

/* Closing the epoll fd with items in it, and many items. */
static void test_many(void)
{
	struct epoll_event ev[64];
	int ep = epoll_create1(0), p[2], fds[200], i, n, ok_all = 1;

	pipe(p);
	write(p[1], "x", 1);
	for (i = 0; i < 200; i++) {
		fds[i] = dup(p[0]);
		ok_all &= ctl(ep, EPOLL_CTL_ADD, fds[i], EPOLLIN, i) == 0;
	}
	ok(ok_all, "200 items in one instance");
	n = ep_wait(ep, ev, 64, 0);
	is(n, 64, "64 at a time");
	for (i = 0; i < 100; i++)
		ok_all &= ctl(ep, EPOLL_CTL_DEL, fds[i], 0, 0) == 0;
	ok(ok_all, "100 of them deleted");
	n = 0;
	for (i = 0; i < 3; i++)
		n = ep_wait(ep, ev, 64, 0) > n ? ep_wait(ep, ev, 64, 0) : n;
	is(n, 64, "the rest still reported");
	close(ep);
	for (i = 0; i < 200; i++)
		close(fds[i]);
	close(p[0]);
	close(p[1]);
	ok(1, "closing an instance with items in it");
}

int main(void)
{
	test_create();
	test_ctl_errors();
	test_wait_errors();
	test_timeout();
	test_level();
	test_edge();
	test_oneshot();
	test_mod_and_hup();
	test_close();
	test_many();
	return tap_done();
}
