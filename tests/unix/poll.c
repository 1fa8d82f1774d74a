/*
 * tests/unix/poll.c: poll/select readiness of AF_UNIX sockets and their
 * wake-ups: POLLIN on data, POLLOUT while the send buffer has room (lost
 * when full, back when the peer drains), POLLRDHUP/POLLIN after the
 * peer's SHUT_WR, POLLHUP when both directions are shut or the peer is
 * gone, POLLERR for a reset, a listener readable when a connection
 * waits; and a poll or select sleeping in one process woken by another.
 */
#include "tap.h"
#include "unixsock.h"
#include <sys/select.h>
#include <time.h>

#define ALL (POLLIN | POLLOUT | POLLRDHUP | POLLPRI)

static void test_stream_states(void)
{
	int sv[2], s;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	is(poll1(sv[0], ALL, 0), POLLOUT, "idle connected socket: POLLOUT");
	write(sv[1], "x", 1);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT, "data: POLLIN|POLLOUT");
	shutdown(sv[1], SHUT_WR);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT | POLLRDHUP,
	   "peer SHUT_WR: POLLRDHUP");
	shutdown(sv[0], SHUT_WR);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT | POLLRDHUP | POLLHUP,
	   "both directions shut: POLLHUP");
	close(sv[0]);
	close(sv[1]);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT | POLLRDHUP | POLLHUP,
	   "peer closed: POLLIN|POLLOUT|POLLRDHUP|POLLHUP");
	close(sv[0]);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "unread", 6);
	close(sv[0]);
	ok(poll1(sv[1], ALL, 0) & POLLERR, "reset by a peer closing with data: POLLERR");
	close(sv[1]);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	is(poll1(s, ALL, 0), POLLOUT | POLLHUP, "an unconnected stream socket");
	close(s);
}

static void test_listener(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	char name[32];

	snprintf(name, sizeof(name), "tine-poll-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(l, (struct sockaddr *)&a, alen);
	listen(l, 2);
	is(poll1(l, ALL, 0), 0, "an idle listener: nothing");
	connect(c, (struct sockaddr *)&a, alen);
	is(poll1(l, ALL, 0), POLLIN, "a pending connection: POLLIN");
	close(c);
	close(l);
}

static void test_dgram_states(void)
{
	int sv[2], s = socket(AF_UNIX, SOCK_DGRAM, 0);

	is(poll1(s, ALL, 0), POLLOUT, "an unconnected dgram socket: POLLOUT");
	close(s);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	send(sv[1], "d", 1, 0);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT, "dgram with data");
	close(sv[1]);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT,
	   "a dgram peer closing is no hangup");
	close(sv[0]);
	s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	is(poll1(s, ALL, 0), POLLOUT | POLLHUP, "an unconnected seqpacket socket");
	close(s);
	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	close(sv[1]);
	is(poll1(sv[0], ALL, 0), POLLIN | POLLOUT | POLLRDHUP | POLLHUP,
	   "seqpacket peer closed");
	close(sv[0]);
}

/* A poll sleeping here is woken by the child's write. */
static void test_wakeups(void)
{
	struct timespec t0, t1;
	int sv[2], r;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		write(sv[1], "w", 1);
		usleep(100000);
		close(sv[1]);
		_exit(0);
	}
	close(sv[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = poll1(sv[0], POLLIN, 10000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ok(r & POLLIN, "poll woken by the peer's write");
	ok(t1.tv_sec - t0.tv_sec < 5, "promptly");
	{
		char c;

		read(sv[0], &c, 1);
	}
	ok(poll1(sv[0], POLLIN, 10000) & POLLHUP, "poll woken by the peer's exit");
	waitpid(pid, NULL, 0);
	close(sv[0]);
}

/* POLLOUT comes back when the reader drains a full socket. */
static void test_pollout_wakeup(void)
{
	static char chunk[65536];
	int sv[2];
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	while (write(sv[0], chunk, sizeof(chunk)) > 0)
		;
	is(poll1(sv[0], POLLOUT, 0), 0, "a full socket is not writable");
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		while (read(sv[1], chunk, sizeof(chunk)) > 0)
			;
		_exit(0);
	}
	ok(poll1(sv[0], POLLOUT, 10000) & POLLOUT, "writable once the peer drained");
	waitpid(pid, NULL, 0);
	close(sv[0]);
	close(sv[1]);
}

static void test_select(void)
{
	fd_set r, w;
	struct timeval tv = { 5, 0 };
	int sv[2], n;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(sv[0], &r);
	FD_SET(sv[0], &w);
	n = select(sv[0] + 1, &r, &w, NULL, &tv);
	ok(n == 1 && !FD_ISSET(sv[0], &r) && FD_ISSET(sv[0], &w),
	   "select: writable, not readable");
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		send(sv[1], "s", 1, 0);
		_exit(0);
	}
	FD_ZERO(&r);
	FD_SET(sv[0], &r);
	tv = (struct timeval){ 10, 0 };
	n = select(sv[0] + 1, &r, NULL, NULL, &tv);
	ok(n == 1 && FD_ISSET(sv[0], &r), "select woken by a datagram");
	waitpid(pid, NULL, 0);
	close(sv[0]);
	close(sv[1]);
}

/* A dgram sender polling a full receiver is woken when it drains. */
static void test_dgram_relay(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	char name[32], c;
	pid_t pid;

	snprintf(name, sizeof(name), "tine-relay-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(r, (struct sockaddr *)&a, alen);
	connect(s, (struct sockaddr *)&a, alen);
	while (send(s, "q", 1, MSG_DONTWAIT) == 1)
		;
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		recv(r, &c, 1, 0);
		_exit(0);
	}
	ok(poll1(s, POLLOUT, 10000) & POLLOUT,
	   "the sender's poll is woken when the receiver reads");
	waitpid(pid, NULL, 0);
	close(s);
	close(r);
}

int main(void)
{
	test_stream_states();
	test_listener();
	test_dgram_states();
	test_wakeups();
	test_pollout_wakeup();
	test_select();
	test_dgram_relay();
	return tap_done();
}
