/*
 * tests/epoll/nested.c: epoll instances watching epoll instances: the
 * readiness passes up the chain (also to poll() on an epoll fd), loops
 * are refused with ELOOP, chains deeper than Linux's limit with ELOOP,
 * and too many wake-up paths from one file with EINVAL.
 */
#include "tap.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/resource.h>

static int add(int ep, int fd, unsigned int events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void test_readiness(void)
{
	struct epoll_event ev;
	struct pollfd pfd;
	int inner = epoll_create1(0), outer = epoll_create1(0), p[2];
	pid_t pid;

	pipe(p);
	add(inner, p[0], EPOLLIN);
	is(add(outer, inner, EPOLLIN), 0, "an instance can watch an instance");
	is(epoll_wait(outer, &ev, 1, 0), 0, "nothing ready below: nothing");
	pfd = (struct pollfd){ outer, POLLIN, 0 };
	is(poll(&pfd, 1, 0), 0, "poll() on the outer fd: not readable");
	write(p[1], "x", 1);
	is(epoll_wait(outer, &ev, 1, 0), 1, "ready below: the outer reports");
	is(ev.data.fd, inner, "the inner instance is the ready item");
	is(ev.events, EPOLLIN, "as EPOLLIN");
	is(poll(&pfd, 1, 0), 1, "poll() on the outer fd: readable");
	is(epoll_wait(inner, &ev, 1, 0), 1, "the inner still has its event");
	read(p[0], &(char){ 0 }, 1);
	is(epoll_wait(outer, &ev, 1, 0), 0, "drained below: the outer is quiet");

	/* A blocked outer wait is woken by a write two levels down. */
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		_exit(write(p[1], "y", 1) != 1);
	}
	is(epoll_wait(outer, &ev, 1, 5000), 1, "a blocked outer wait wakes");
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	close(inner);
	close(outer);
}

static void test_loops(void)
{
	int a = epoll_create1(0), b = epoll_create1(0), c = epoll_create1(0);

	is(add(a, b, EPOLLIN), 0, "a watches b");
	expect_errno(add(b, a, EPOLLIN), ELOOP);
	is(add(b, c, EPOLLIN), 0, "b watches c");
	expect_errno(add(c, a, EPOLLIN), ELOOP);
	is(add(a, c, EPOLLIN), 0, "a may also watch c directly (no loop)");
	close(a);
	close(b);
	close(c);
}

/*
 * How many instances can a chain hold? Linux allows EP_MAX_NESTS (4)
 * levels of nesting: five instances one above the other.
 */
static void test_depth(void)
{
	int e[8], i, first_fail = -1;

	for (i = 0; i < 8; i++)
		e[i] = epoll_create1(0);
	/* Built bottom-up: e[i] goes into e[i+1]. */
	for (i = 0; i < 7 && first_fail < 0; i++)
		if (add(e[i + 1], e[i], EPOLLIN)) {
			is(errno, ELOOP, "too deep a chain: ELOOP");
			first_fail = i;
		}
	is(first_fail, 4, "bottom-up: the fifth nesting fails");
	for (i = 0; i < 8; i++)
		close(e[i]);

	for (i = 0; i < 8; i++)
		e[i] = epoll_create1(0);
	/* Built top-down: e[0] watches e[1] watches e[2]... */
	first_fail = -1;
	for (i = 0; i < 7 && first_fail < 0; i++)
		if (add(e[i], e[i + 1], EPOLLIN)) {
			is(errno, ELOOP, "too deep a chain (top-down): ELOOP");
			first_fail = i;
		}
	is(first_fail, 4, "top-down: the fifth nesting fails");
	for (i = 0; i < 8; i++)
		close(e[i]);
}

/* A file reachable through one instance from 500 others is the limit. */
static void test_paths(void)
{
	enum { N = 501 };
	static int tops[N];
	int mid = epoll_create1(0), p[2], i, fails = 0, first = -1;

	pipe(p);
	add(mid, p[0], EPOLLIN);
	for (i = 0; i < N; i++) {
		tops[i] = epoll_create1(0);
		if (tops[i] < 0 || add(tops[i], mid, EPOLLIN)) {
			if (first < 0) {
				first = i;
				is(errno, EINVAL, "too many wake-up paths: EINVAL");
			}
			fails++;
		}
	}
	is(first, 500, "500 paths of length 2 are allowed, not 501");
	is(fails, 1, "only the 501st fails");
	for (i = 0; i < N; i++)
		close(tops[i]);
	close(mid);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	struct rlimit rl = { 2048, 2048 };

	setrlimit(RLIMIT_NOFILE, &rl);
	test_readiness();
	test_loops();
	test_depth();
	test_paths();
	return tap_done();
}
