/*
 * tests/unix/epoll.c: epoll over AF_UNIX sockets: level and edge
 * triggered EPOLLIN, EPOLLOUT coming back after the peer drains,
 * EPOLLRDHUP/EPOLLHUP when the peer shuts down or goes, a listener's
 * pending connection, the dgram sender woken when its full receiver
 * reads, and closing a watched socket.
 */
#include "tap.h"
#include "unixsock.h"
#include <sys/epoll.h>

static int add(int ep, int fd, unsigned int ev)
{
	struct epoll_event e = { .events = ev, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}

/* Wait up to ms for one event; its mask, 0 on timeout, -1 on error. */
static int wait1(int ep, int ms)
{
	struct epoll_event e;
	int n = epoll_wait(ep, &e, 1, ms);

	return n < 0 ? -1 : n == 0 ? 0 : (int)e.events;
}

static void test_level_edge(void)
{
	int sv[2], ep = epoll_create1(0), ep2 = epoll_create1(0);
	char buf[8];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	expect_ok(add(ep, sv[0], EPOLLIN));
	expect_ok(add(ep2, sv[0], EPOLLIN | EPOLLET));
	is(wait1(ep, 0), 0, "nothing to read: no event");
	write(sv[1], "a", 1);
	is(wait1(ep, 1000), EPOLLIN, "data: EPOLLIN");
	is(wait1(ep, 0), EPOLLIN, "level-triggered: again");
	is(wait1(ep2, 1000), EPOLLIN, "edge-triggered: once");
	is(wait1(ep2, 0), 0, "and not again");
	write(sv[1], "b", 1);
	is(wait1(ep2, 1000), EPOLLIN, "new data: a new edge");
	read(sv[0], buf, sizeof(buf));
	is(wait1(ep, 0), 0, "read empty: level-triggered quiet");
	close(ep2);
	close(ep);
	close(sv[0]);
	close(sv[1]);
}

static void test_hangup(void)
{
	int sv[2], ep = epoll_create1(0);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	add(ep, sv[0], EPOLLIN | EPOLLRDHUP);
	shutdown(sv[1], SHUT_WR);
	is(wait1(ep, 1000), EPOLLIN | EPOLLRDHUP, "peer SHUT_WR: EPOLLIN|EPOLLRDHUP");
	close(sv[1]);
	is(wait1(ep, 1000), EPOLLIN | EPOLLRDHUP | EPOLLHUP, "peer gone: EPOLLHUP too");
	close(ep);
	close(sv[0]);
}

static void test_pollout(void)
{
	static char chunk[65536];
	int sv[2], ep = epoll_create1(0), r;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	while (write(sv[0], chunk, sizeof(chunk)) > 0)
		;
	add(ep, sv[0], EPOLLOUT | EPOLLET);
	is(wait1(ep, 0), 0, "a full socket: no EPOLLOUT");
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		while (read(sv[1], chunk, sizeof(chunk)) > 0)
			;
		_exit(0);
	}
	r = wait1(ep, 10000);
	ok(r > 0 && (r & EPOLLOUT), "EPOLLOUT once the peer drained");
	waitpid(pid, NULL, 0);
	close(ep);
	close(sv[0]);
	close(sv[1]);
}

static void test_listener_and_relay(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	int ep = epoll_create1(0), got;
	char name[32], ch;
	pid_t pid;

	snprintf(name, sizeof(name), "tine-epoll-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(l, (struct sockaddr *)&a, alen);
	listen(l, 1);
	add(ep, l, EPOLLIN);
	connect(c, (struct sockaddr *)&a, alen);
	is(wait1(ep, 1000), EPOLLIN, "a listener with a pending connection");
	close(ep);
	ep = epoll_create1(0);
	bind(r, (struct sockaddr *)&a, alen);	/* dgram: its own namespace */
	connect(s, (struct sockaddr *)&a, alen);
	while (send(s, "q", 1, MSG_DONTWAIT) == 1)
		;
	add(ep, s, EPOLLOUT);
	is(wait1(ep, 0), 0, "a sender facing a full receiver: no EPOLLOUT");
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		recv(r, &ch, 1, 0);
		_exit(0);
	}
	got = wait1(ep, 10000);
	ok(got > 0 && (got & EPOLLOUT), "EPOLLOUT when the receiver reads");
	waitpid(pid, NULL, 0);
	close(ep);
	close(s);
	close(r);
	close(c);
	close(l);
}

static void test_close_watched(void)
{
	int sv[2], ep = epoll_create1(0);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	add(ep, sv[0], EPOLLIN);
	close(sv[0]);
	send(sv[1], "x", 1, 0);
	is(wait1(ep, 100), 0, "a closed socket drops out of the epoll set");
	close(sv[1]);
	close(ep);
}

int main(void)
{
	test_level_edge();
	test_hangup();
	test_pollout();
	test_listener_and_relay();
	test_close_watched();
	return tap_done();
}
