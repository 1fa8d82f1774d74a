/*
 * tests/epoll/shared.c: an epoll instance shared by fork and by
 * threads: items added in a child are seen by the parent, a waiter in
 * one process is woken by a write in another, a thread blocked in
 * epoll_wait wakes, EPOLLEXCLUSIVE wakes one of several blocked
 * instances, and signals end a wait with EINTR (never restarted), with
 * epoll_pwait's temporary mask.
 */
#include "tap.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/time.h>

static int add(int ep, int fd, unsigned int events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* Wait (up to 10 s) until thread tid of this process sleeps. */
static int wait_sleeping(pid_t tid)
{
	char path[64], buf[256], *p;
	int i, fd;
	long n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	for (i = 0; i < 2000; i++) {
		fd = open(path, O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = 0;
			p = strrchr(buf, ')');
			if (p && p[2] == 'S')
				return 1;
		}
		usleep(5000);
	}
	return 0;
}

static void test_fork(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2], status;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0)
		_exit(add(ep, p[0], EPOLLIN) != 0);
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "a child adds an item to the shared instance");
	write(p[1], "x", 1);
	is(epoll_wait(ep, &ev, 1, 0), 1, "the parent sees the child's item");
	is(ev.data.fd, p[0], "with the child's data");
	expect_errno(add(ep, p[0], EPOLLIN), EEXIST);
	read(p[0], &(char){ 0 }, 1);

	/* The child waits on the shared instance; the parent writes. */
	pid = fork();
	if (pid == 0)
		_exit(epoll_wait(ep, &ev, 1, 10000) == 1 ? 0 : 1);
	usleep(50000);
	write(p[1], "y", 1);
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "a child's wait is woken by the parent");

	/* The child's copy of the watched fd dies with it; ours lives. */
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	is(epoll_wait(ep, &ev, 1, 0), 1, "the item outlives a child's close");
	close(p[0]);
	close(p[1]);
	close(ep);
}

struct waiter {
	int ep;
	pid_t tid;
	int result;
};

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;
	struct epoll_event ev;

	w->tid = (pid_t)syscall(SYS_gettid);
	w->result = epoll_wait(w->ep, &ev, 1, 1500);
	return NULL;
}

static void test_thread(void)
{
	struct waiter w = { epoll_create1(0), 0, -2 };
	int p[2];
	pthread_t t;

	pipe(p);
	add(w.ep, p[0], EPOLLIN);
	pthread_create(&t, NULL, wait_thread, &w);
	while (!__atomic_load_n(&w.tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	ok(wait_sleeping(w.tid), "the thread sleeps in epoll_wait");
	write(p[1], "x", 1);
	pthread_join(t, NULL);
	is(w.result, 1, "a write wakes the thread");
	close(p[0]);
	close(p[1]);
	close(w.ep);
}

/*
 * Two instances watch one eventfd; a thread waits on each. One write:
 * with EPOLLEXCLUSIVE only one instance is woken; without, both.
 */
static int woken_by_one_write(unsigned int extra)
{
	struct waiter w[2];
	pthread_t t[2];
	int efd = eventfd(0, 0), i, woken = 0;

	for (i = 0; i < 2; i++) {
		w[i] = (struct waiter){ epoll_create1(0), 0, -2 };
		add(w[i].ep, efd, EPOLLIN | extra);
		pthread_create(&t[i], NULL, wait_thread, &w[i]);
	}
	for (i = 0; i < 2; i++) {
		while (!__atomic_load_n(&w[i].tid, __ATOMIC_ACQUIRE))
			usleep(1000);
		wait_sleeping(w[i].tid);
	}
	eventfd_write(efd, 1);
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		woken += w[i].result == 1;
		close(w[i].ep);
	}
	close(efd);
	return woken;
}

static void test_exclusive(void)
{
	struct epoll_event ev;
	int efd = eventfd(0, 0), a = epoll_create1(0), b = epoll_create1(0);

	is(woken_by_one_write(0), 2, "without EPOLLEXCLUSIVE both wake");
	is(woken_by_one_write(EPOLLEXCLUSIVE), 1,
	   "with EPOLLEXCLUSIVE only one of the blocked instances wakes");
	/* Nobody waiting: an exclusive item does not stop the next. */
	add(a, efd, EPOLLIN | EPOLLEXCLUSIVE);
	add(b, efd, EPOLLIN | EPOLLEXCLUSIVE);
	eventfd_write(efd, 1);
	is(epoll_wait(a, &ev, 1, 0) + epoll_wait(b, &ev, 1, 0), 2,
	   "with no waiter, every exclusive instance gets the event");
	close(a);
	close(b);
	close(efd);
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1++; }

static void test_signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct epoll_event ev;
	sigset_t block, during, now;
	int ep = epoll_create1(0), p[2];
	pid_t pid;

	pipe(p);
	add(ep, p[0], EPOLLIN);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	expect_errno(epoll_wait(ep, &ev, 1, 10000), EINTR);

	/* SIGUSR1 blocked, but not during epoll_pwait. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigemptyset(&during);
	got_usr1 = 0;
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	expect_errno(epoll_pwait(ep, &ev, 1, 10000, &during), EINTR);
	waitpid(pid, NULL, 0);
	is(got_usr1, 1, "the handler ran during epoll_pwait");
	sigprocmask(SIG_BLOCK, NULL, &now);
	ok(sigismember(&now, SIGUSR1), "the old mask is back afterwards");
	/* A pending blocked signal that the temporary mask unblocks. */
	kill(getpid(), SIGUSR1);
	expect_errno(syscall(SYS_epoll_pwait2, ep, &ev, 1, NULL, &during, 8),
		     EINTR);
	is(got_usr1, 2, "a pending signal the mask unblocks interrupts");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGALRM, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
	close(ep);
}

int main(void)
{
	test_fork();
	test_thread();
	test_exclusive();
	test_signals();
	return tap_done();
}
