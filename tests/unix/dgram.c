/*
 * tests/unix/dgram.c: AF_UNIX SOCK_DGRAM: message boundaries, MSG_TRUNC,
 * empty datagrams, EMSGSIZE, sendto a name and the sender's name on
 * receipt, the default peer (connect, AF_UNSPEC), EPERM towards a socket
 * connected elsewhere, ECONNREFUSED once the peer is gone, the queue
 * limit of an unconnected receiver, and shutdown.
 */
#include "tap.h"
#include "unixsock.h"

static char p1[64], p2[64];

static int bound_dgram(const char *path)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);

	unlink(path);
	a = un_path(path, &alen);
	return bind(s, (struct sockaddr *)&a, alen) ? -1 : s;
}

static void test_pair(void)
{
	char buf[16] = { 0 };
	struct iovec iov = { buf, 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int sv[2], n;

	expect_ok(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	send(sv[0], "one", 3, 0);
	send(sv[0], "two!", 4, 0);
	is(recv(sv[1], buf, sizeof(buf), 0), 3, "first datagram alone");
	is(recv(sv[1], buf, sizeof(buf), 0), 4, "second datagram alone");
	send(sv[0], "truncated", 9, 0);
	ioctl(sv[1], SIOCINQ, &n);
	is(n, 9, "SIOCINQ: size of the next datagram");
	is(recvmsg(sv[1], &m, 0), 3, "a short buffer gets what fits");
	ok(m.msg_flags & MSG_TRUNC, "... and MSG_TRUNC");
	expect_errno(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	send(sv[0], "full length", 11, 0);
	is(recv(sv[1], buf, 4, MSG_TRUNC), 11, "recv MSG_TRUNC: the real length");
	is(send(sv[0], "", 0, 0), 0, "an empty datagram");
	is(write(sv[0], "", 0), 0, "write of 0 bytes sends one too");
	ok(poll1(sv[1], POLLIN, 0) & POLLIN, "an empty datagram is readable");
	is(recv(sv[1], buf, sizeof(buf), 0), 0, "and reads as 0 bytes");
	is(read(sv[1], buf, sizeof(buf)), 0, "the second one too");
	expect_errno(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	send(sv[0], "pk", 2, 0);
	is(recv(sv[1], buf, sizeof(buf), MSG_PEEK), 2, "MSG_PEEK a datagram");
	is(recv(sv[1], buf, sizeof(buf), 0), 2, "it is still there");
	close(sv[0]);
	close(sv[1]);
}

static void test_sizes(void)
{
	static char big[300000];
	int sv[2], sndbuf;
	socklen_t len = sizeof(sndbuf);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, &len);
	expect_errno(send(sv[0], big, sndbuf - 31, 0), EMSGSIZE);
	memset(big, 'z', sizeof(big));
	big[0] = 'a';
	big[sndbuf - 33] = 'b';
	is(send(sv[0], big, sndbuf - 32, 0), sndbuf - 32,
	   "a datagram as big as the send buffer allows");
	memset(big, 0, sizeof(big));
	is(recv(sv[1], big, sizeof(big), 0), sndbuf - 32, "received whole");
	ok(big[0] == 'a' && big[sndbuf - 33] == 'b' && big[1000] == 'z',
	   "its bytes are intact");
	close(sv[0]);
	close(sv[1]);
}

static void test_names(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un a, b;
	socklen_t alen, blen, len;
	char buf[16];
	int r = bound_dgram(p1), s = socket(AF_UNIX, SOCK_DGRAM, 0), t;

	a = un_path(p1, &alen);
	expect_errno(send(s, "x", 1, 0), ENOTCONN);
	is(sendto(s, "anon", 4, 0, (struct sockaddr *)&a, alen), 4,
	   "sendto a filesystem name");
	len = sizeof(ss);
	memset(&ss, 0xff, sizeof(ss));
	is(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&ss, &len), 4,
	   "recvfrom");
	is(len, 0, "an unbound sender has no name");
	t = bound_dgram(p2);
	b = un_path(p2, &blen);
	sendto(t, "named", 5, 0, (struct sockaddr *)&a, alen);
	len = sizeof(ss);
	recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&ss, &len);
	ok(len == blen && !strcmp(((struct sockaddr_un *)&ss)->sun_path, p2),
	   "recvfrom gives a bound sender's name");
	/* The default peer. */
	expect_ok(connect(s, (struct sockaddr *)&a, alen));
	is(send(s, "dflt", 4, 0), 4, "send to the default peer");
	is(recv(r, buf, sizeof(buf), 0), 4, "arrives");
	len = sizeof(ss);
	expect_ok(getpeername(s, (struct sockaddr *)&ss, &len));
	is_str(((struct sockaddr_un *)&ss)->sun_path, p1, "getpeername");
	is(sendto(s, "other", 5, 0, (struct sockaddr *)&b, blen), 5,
	   "sendto another name while connected");
	is(recv(t, buf, sizeof(buf), 0), 5, "arrives there");
	/* r connects to t: s may no longer send to r. */
	expect_ok(connect(r, (struct sockaddr *)&b, blen));
	expect_errno(send(s, "x", 1, 0), EPERM);
	expect_errno(sendto(s, "x", 1, 0, (struct sockaddr *)&a, alen), EPERM);
	is(sendto(t, "ok", 2, 0, (struct sockaddr *)&a, alen), 2,
	   "the socket r is connected to may still send to r");
	is(recv(r, buf, sizeof(buf), 0), 2, "and r receives it");
	{
		struct sockaddr unspec = { .sa_family = AF_UNSPEC };

		expect_ok(connect(s, &unspec, sizeof(unspec)));
		expect_errno(send(s, "x", 1, 0), ENOTCONN);
		expect_errno(getpeername(s, (struct sockaddr *)&ss, &len), ENOTCONN);
		expect_errno(connect(s, &unspec, 1), EINVAL);
	}
	{
		struct sockaddr_un none;
		socklen_t nlen;

		none = un_path("/nonexistent/sock", &nlen);
		expect_errno(sendto(s, "x", 1, 0, (struct sockaddr *)&none, nlen),
			     ENOENT);
		none = un_abstract("tine-no-such-name", &nlen);
		expect_errno(sendto(s, "x", 1, 0, (struct sockaddr *)&none, nlen),
			     ECONNREFUSED);
		expect_errno(connect(s, (struct sockaddr *)&none, nlen),
			     ECONNREFUSED);
	}
	close(r);
	close(s);
	close(t);
	unlink(p1);
	unlink(p2);
}

static void test_peer_gone(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int r = bound_dgram(p1), s = socket(AF_UNIX, SOCK_DGRAM, 0), sv[2];

	a = un_path(p1, &alen);
	connect(s, (struct sockaddr *)&a, alen);
	close(r);
	expect_errno(send(s, "x", 1, 0), ECONNREFUSED);
	expect_errno(send(s, "x", 1, 0), ENOTCONN);
	close(s);
	unlink(p1);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	close(sv[1]);
	expect_errno(send(sv[0], "x", 1, 0), ECONNREFUSED);
	expect_errno(send(sv[0], "x", 1, 0), ENOTCONN);
	close(sv[0]);
}

/* An unconnected receiver takes net.unix.max_dgram_qlen (10) + 1. */
static void test_qlen(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	char buf[8];
	int r = bound_dgram(p1), s = socket(AF_UNIX, SOCK_DGRAM, 0), n = 0;
	int sv[2];

	a = un_path(p1, &alen);
	connect(s, (struct sockaddr *)&a, alen);
	while (send(s, "q", 1, MSG_DONTWAIT) == 1 && n < 100)
		n++;
	ok(n == 11 && errno == EAGAIN,
	   "11 datagrams queue, then EAGAIN (%d, errno %d)", n, errno);
	ok(!(poll1(s, POLLOUT, 0) & POLLOUT), "the sender is not writable");
	recv(r, buf, sizeof(buf), 0);
	ok(poll1(s, POLLOUT, 0) & POLLOUT, "writable once one is read");
	is(send(s, "q", 1, MSG_DONTWAIT), 1, "and a send goes through");
	close(s);
	close(r);
	unlink(p1);
	/* Connected to each other: only the send buffer limits. */
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	for (n = 0; n < 50; n++)
		if (send(sv[0], "p", 1, MSG_DONTWAIT) != 1)
			break;
	is(n, 50, "a connected pair is not held to the queue limit");
	close(sv[0]);
	close(sv[1]);
}

static void test_shutdown(void)
{
	char buf[4];
	int sv[2];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	send(sv[0], "a", 1, 0);
	expect_ok(shutdown(sv[1], SHUT_RD));
	is(recv(sv[1], buf, sizeof(buf), 0), 1, "queued data survives SHUT_RD");
	is(recv(sv[1], buf, sizeof(buf), 0), 0, "then reads are EOF");
	expect_errno(send(sv[0], "b", 1, 0), EPIPE);
	is(poll1(sv[1], POLLIN | POLLRDHUP, 0) & (POLLIN | POLLRDHUP),
	   POLLIN | POLLRDHUP, "SHUT_RD polls POLLIN|POLLRDHUP");
	expect_ok(shutdown(sv[0], SHUT_WR));
	expect_errno(send(sv[0], "b", 1, 0), EPIPE);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	scratch(p1, sizeof(p1), "unix-dgram-a");
	scratch(p2, sizeof(p2), "unix-dgram-b");
	test_pair();
	test_sizes();
	test_names();
	test_peer_gone();
	test_qlen();
	test_shutdown();
	return tap_done();
}
