/*
 * tests/unix/seqpacket.c: AF_UNIX SOCK_SEQPACKET: records with
 * boundaries over a connection (socketpair, listen/accept), MSG_TRUNC,
 * empty records, large records, ENOTCONN before connecting, EOF after the
 * peer goes (also non-blocking), EPIPE on send.
 */
#include "tap.h"
#include "unixsock.h"

static void test_pair(void)
{
	char buf[64] = { 0 };
	struct iovec iov = { buf, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int sv[2];

	expect_ok(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	send(sv[0], "rec1", 4, 0);
	send(sv[0], "record2", 7, MSG_EOR);
	is(recv(sv[1], buf, sizeof(buf), 0), 4, "one record per read");
	is(recv(sv[1], buf, sizeof(buf), 0), 7, "the next record");
	send(sv[0], "long record", 11, 0);
	is(recvmsg(sv[1], &m, 0), 2, "a short buffer");
	ok(m.msg_flags & MSG_TRUNC, "MSG_TRUNC");
	expect_errno(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	is(send(sv[0], "", 0, 0), 0, "an empty record");
	is(recv(sv[1], buf, sizeof(buf), 0), 0, "reads as 0 bytes");
	ok(poll1(sv[1], POLLIN, 0) == 0, "and is gone");
	close(sv[0]);
	is(recv(sv[1], buf, sizeof(buf), 0), 0, "peer closed: EOF");
	is(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), 0,
	   "non-blocking too: EOF, not EAGAIN");
	expect_errno(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);
	close(sv[1]);
}

static void test_big(void)
{
	static char out[100000], in[100001];
	int sv[2];

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7);
	is(send(sv[0], out, sizeof(out), 0), (long)sizeof(out), "a 100000-byte record");
	is(recv(sv[1], in, sizeof(in), 0), (long)sizeof(out), "arrives whole");
	ok(!memcmp(in, out, sizeof(out)), "intact");
	close(sv[0]);
	close(sv[1]);
}

static void test_connect(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int l = socket(AF_UNIX, SOCK_SEQPACKET, 0), c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	int s;
	char buf[16], name[32];

	expect_errno(send(c, "x", 1, 0), ENOTCONN);
	expect_errno(recv(c, buf, 1, MSG_DONTWAIT), ENOTCONN);
	snprintf(name, sizeof(name), "tine-seq-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(l, (struct sockaddr *)&a, alen);
	expect_ok(listen(l, 2));
	expect_ok(connect(c, (struct sockaddr *)&a, alen));
	s = accept(l, NULL, NULL);
	ok(s >= 0, "accept a seqpacket connection");
	is(sendto(c, "to-peer", 7, 0, (struct sockaddr *)&a, alen), 7,
	   "sendto on a connected seqpacket ignores the address");
	is(recv(s, buf, sizeof(buf), 0), 7, "the peer gets it");
	send(s, "ab", 2, 0);
	send(s, "cd", 2, 0);
	is(read(c, buf, sizeof(buf)), 2, "read: one record");
	is(read(c, buf, sizeof(buf)), 2, "read: the next");
	{
		int t = socket(AF_UNIX, SOCK_STREAM, 0);

		expect_errno(connect(t, (struct sockaddr *)&a, alen), ECONNREFUSED);
		close(t);
	}
	close(s);
	close(c);
	close(l);
}

int main(void)
{
	test_pair();
	test_big();
	test_connect();
	return tap_done();
}
