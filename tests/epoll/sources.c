/*
 * tests/epoll/sources.c: epoll over the kinds of file that can be
 * polled: FIFOs, the console tty, pidfds, eventfds, AF_UNIX sockets
 * (connected and listening), /dev/random; and
 * EPERM for those that cannot (/dev/null, /dev/urandom).
 */
#include "tap.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>

static int add(int ep, int fd, unsigned int events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void test_fifo(void)
{
	struct epoll_event ev;
	char path[64];
	int ep = epoll_create1(0), r, w;

	scratch(path, sizeof(path), "epoll-fifo");
	mkfifo(path, 0600);
	r = open(path, O_RDONLY | O_NONBLOCK);
	w = open(path, O_WRONLY);
	is(add(ep, r, EPOLLIN), 0, "a FIFO's read end can be watched");
	is(epoll_wait(ep, &ev, 1, 0), 0, "empty FIFO: nothing");
	write(w, "abc", 3);
	is(epoll_wait(ep, &ev, 1, 0), 1, "written: EPOLLIN");
	is(ev.events, EPOLLIN, "EPOLLIN only");
	close(w);
	is(epoll_wait(ep, &ev, 1, 0), 1, "writer gone: still reported");
	is(ev.events, EPOLLIN | EPOLLHUP, "EPOLLIN | EPOLLHUP");
	close(r);
	unlink(path);
	close(ep);
}

static void test_tty(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), t = open("/dev/console", O_WRONLY | O_NOCTTY);

	ok(t >= 0, "open /dev/console");
	is(add(ep, t, EPOLLOUT), 0, "a tty can be watched");
	/* The console's output buffer may be full for a while when the host
	 * drains the serial port slowly: writable within 10 s. */
	is(epoll_wait(ep, &ev, 1, 10000), 1, "a tty is writable");
	is(ev.events, EPOLLOUT, "EPOLLOUT");
	close(t);
	close(ep);
}

static void test_pidfd(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), pfd;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	is(add(ep, pfd, EPOLLIN), 0, "a pidfd can be watched");
	is(epoll_wait(ep, &ev, 1, 0), 0, "a live process: nothing");
	kill(pid, SIGKILL);
	is(epoll_wait(ep, &ev, 1, 10000), 1, "the process exits: woken");
	is(ev.events, EPOLLIN, "EPOLLIN");
	waitpid(pid, NULL, 0);
	close(pfd);
	close(ep);
}

static void test_eventfd(void)
{
	struct epoll_event ev;
	eventfd_t v;
	int ep = epoll_create1(0), e = eventfd(0, EFD_NONBLOCK);

	is(add(ep, e, EPOLLIN | EPOLLOUT | EPOLLET), 0, "an eventfd (ET)");
	is(epoll_wait(ep, &ev, 1, 0), 1, "writable at once");
	is(ev.events, EPOLLOUT, "EPOLLOUT");
	is(epoll_wait(ep, &ev, 1, 0), 0, "edge-triggered: once");
	eventfd_write(e, 3);
	is(epoll_wait(ep, &ev, 1, 0), 1, "a write is an edge");
	is(ev.events, EPOLLIN | EPOLLOUT, "EPOLLIN | EPOLLOUT");
	eventfd_read(e, &v);
	is(epoll_wait(ep, &ev, 1, 0), 1, "a read is an edge too (POLLOUT)");
	is(ev.events, EPOLLOUT, "EPOLLOUT after the read");
	close(e);
	close(ep);
}

static void test_sockets(void)
{
	struct epoll_event ev[2];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int ep = epoll_create1(0), sv[2], l, c, a;
	char buf[8];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	is(add(ep, sv[0], EPOLLIN | EPOLLRDHUP | EPOLLET), 0,
	   "a socket can be watched (ET)");
	is(epoll_wait(ep, ev, 2, 0), 0, "no data: nothing");
	write(sv[1], "ab", 2);
	is(epoll_wait(ep, ev, 2, 0), 1, "data: EPOLLIN");
	is(ev[0].events, EPOLLIN, "EPOLLIN only");
	is(epoll_wait(ep, ev, 2, 0), 0, "edge-triggered: once");
	write(sv[1], "c", 1);
	is(epoll_wait(ep, ev, 2, 0), 1, "another write, another edge");
	read(sv[0], buf, sizeof(buf));
	close(sv[1]);
	is(epoll_wait(ep, ev, 2, 0), 1, "the peer closed: reported");
	ok((ev[0].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) ==
	   (EPOLLIN | EPOLLRDHUP | EPOLLHUP),
	   "EPOLLIN, EPOLLRDHUP and EPOLLHUP (%#x)", ev[0].events);
	close(sv[0]);

	/* A listening socket is readable with a connection to accept. */
	snprintf(sa.sun_path, sizeof(sa.sun_path), "/tmp/epoll-sock.%d",
		 (int)getpid());
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&sa, sizeof(sa));
	listen(l, 4);
	is(add(ep, l, EPOLLIN), 0, "a listening socket can be watched");
	is(epoll_wait(ep, ev, 2, 0), 0, "no connection: nothing");
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&sa, sizeof(sa));
	is(epoll_wait(ep, ev, 2, 5000), 1, "a connection: EPOLLIN");
	a = accept(l, NULL, NULL);
	is(epoll_wait(ep, ev, 2, 0), 0, "accepted: nothing left");
	is(add(ep, c, EPOLLOUT), 0, "the client end");
	is(epoll_wait(ep, ev, 2, 0), 1, "is writable");
	close(a);
	close(c);
	close(l);
	unlink(sa.sun_path);
	close(ep);
}

static void test_devices(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), n = open("/dev/null", O_RDWR),
	    u = open("/dev/urandom", O_RDONLY), r = open("/dev/random", O_RDWR);

	expect_errno(add(ep, n, EPOLLIN), EPERM);
	expect_errno(add(ep, u, EPOLLIN), EPERM);
	/* Readable once the pool is seeded (which a fresh guest's may not
	 * be yet), writable until then. */
	is(add(ep, r, EPOLLIN | EPOLLOUT), 0, "/dev/random can be watched");
	is(epoll_wait(ep, &ev, 1, 0), 1, "and is ready");
	ok(ev.events == EPOLLIN || ev.events == EPOLLOUT,
	   "readable (seeded) or writable (not yet)");
	close(n);
	close(u);
	close(r);
	close(ep);
}

int main(void)
{
	test_fifo();
	test_tty();
	test_pidfd();
	test_eventfd();
	test_sockets();
	test_devices();
	return tap_done();
}
