/*
 * tests/unix/stream_pair.c: socketpair(AF_UNIX, SOCK_STREAM): bytes in
 * order both ways and coalesced, read/write/readv/writev/send/recv,
 * FIONREAD/SIOCINQ/SIOCOUTQ, MSG_PEEK/DONTWAIT/WAITALL, SO_PEEK_OFF,
 * non-blocking EAGAIN, shutdown and close seen by the peer (EOF, EPIPE
 * with SIGPIPE or MSG_NOSIGNAL, ECONNRESET for unread data).
 */
#include "tap.h"
#include "unixsock.h"
#include <sys/ioctl.h>
#include <sys/uio.h>

static void test_basic(void)
{
	char buf[32] = { 0 };
	int sv[2];

	expect_ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	is(write(sv[0], "hello", 5), 5, "write to one end");
	is(write(sv[0], " world", 6), 6, "second write");
	is(read(sv[1], buf, sizeof(buf)), 11, "one read takes both writes");
	is_str(buf, "hello world", "stream bytes come out in order");
	is(write(sv[1], "back", 4), 4, "write the other way");
	memset(buf, 0, sizeof(buf));
	is(recv(sv[0], buf, 2, 0), 2, "short recv");
	is(recv(sv[0], buf + 2, sizeof(buf), 0), 2, "rest of it");
	is_str(buf, "back", "data flows both ways");
	close(sv[0]);
	close(sv[1]);
}

static void test_iov(void)
{
	char a[4], b[8], all[16] = { 0 };
	struct iovec wv[3] = { { "ab", 2 }, { "cdef", 4 }, { "gh", 2 } };
	struct iovec rv[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	is(writev(sv[0], wv, 3), 8, "writev of three pieces");
	is(readv(sv[1], rv, 2), 8, "readv into two pieces");
	memcpy(all, a, 4);
	memcpy(all + 4, b, 4);
	is_str(all, "abcdefgh", "readv/writev keep the order");
	is(send(sv[0], "x", 0, 0), 0, "send of zero bytes");
	is(recv(sv[1], a, 1, MSG_DONTWAIT), -1, "nothing to read after it");
	close(sv[0]);
	close(sv[1]);
}

static void test_queue_sizes(void)
{
	int sv[2], n = -1;
	char buf[100];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	expect_ok(ioctl(sv[1], FIONREAD, &n));
	is(n, 0, "FIONREAD of an empty socket");
	write(sv[0], "0123456789", 10);
	write(sv[0], "abc", 3);
	ioctl(sv[1], FIONREAD, &n);
	is(n, 13, "FIONREAD counts every unread byte");
	ioctl(sv[1], SIOCINQ, &n);
	is(n, 13, "SIOCINQ is the same");
	ioctl(sv[0], SIOCOUTQ, &n);
	ok(n >= 13, "SIOCOUTQ counts what the peer has not read (%d)", n);
	read(sv[1], buf, 4);
	ioctl(sv[1], FIONREAD, &n);
	is(n, 9, "FIONREAD after a partial read");
	read(sv[1], buf, sizeof(buf));
	ioctl(sv[0], SIOCOUTQ, &n);
	is(n, 0, "SIOCOUTQ is 0 once all is read");
	expect_errno(ioctl(sv[0], 0x1234, &n), ENOTTY);
	close(sv[0]);
	close(sv[1]);
}

static void test_flags(void)
{
	char buf[16] = { 0 };
	int sv[2], off;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	expect_errno(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	write(sv[0], "peek", 4);
	is(recv(sv[1], buf, 2, MSG_PEEK), 2, "MSG_PEEK");
	is(recv(sv[1], buf, sizeof(buf), MSG_PEEK), 4, "peek again sees all");
	is(recv(sv[1], buf, sizeof(buf), 0), 4, "then read takes it");
	is_str(buf, "peek", "peeked data is what is read");
	/* SO_PEEK_OFF: each peek starts where the last one ended. */
	off = 0;
	expect_ok(setsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof(off)));
	write(sv[0], "abcdef", 6);
	memset(buf, 0, sizeof(buf));
	recv(sv[1], buf, 2, MSG_PEEK);
	recv(sv[1], buf + 2, 2, MSG_PEEK);
	is_str(buf, "abcd", "SO_PEEK_OFF moves with each peek");
	memset(buf, 0, sizeof(buf));
	is(recv(sv[1], buf, 3, 0), 3, "read resets nothing but consumes");
	is_str(buf, "abc", "a read starts at the front");
	memset(buf, 0, sizeof(buf));
	recv(sv[1], buf, 2, MSG_PEEK);
	is_str(buf, "ef", "the peek offset moved back by what was read");
	off = -1;
	setsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof(off));
	read(sv[1], buf, sizeof(buf));
	close(sv[0]);
	close(sv[1]);
}

/* MSG_WAITALL waits for the whole amount, written in pieces by a child. */
static void test_waitall(void)
{
	char buf[12] = { 0 };
	int sv[2];
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		const char *p = "0123456789A";

		for (int i = 0; i < 11; i++) {
			write(sv[0], p + i, 1);
			usleep(2000);
		}
		_exit(0);
	}
	is(recv(sv[1], buf, 11, MSG_WAITALL), 11, "MSG_WAITALL gets it all");
	is_str(buf, "0123456789A", "in order");
	waitpid(pid, NULL, 0);
	close(sv[0]);
	is(recv(sv[1], buf, 5, MSG_WAITALL), 0, "MSG_WAITALL at EOF returns 0");
	close(sv[1]);
}

static void test_nonblock(void)
{
	static char chunk[65536];
	long total = 0, n;
	int sv[2];

	expect_ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
	ok(fcntl(sv[0], F_GETFL) & O_NONBLOCK, "SOCK_NONBLOCK sets O_NONBLOCK");
	is(fcntl(sv[0], F_GETFL) & O_ACCMODE, O_RDWR, "a socket is O_RDWR");
	expect_errno(read(sv[0], chunk, 1), EAGAIN);
	while ((n = write(sv[0], chunk, sizeof(chunk))) > 0)
		total += n;
	ok(n == -1 && errno == EAGAIN, "a full socket: write gives EAGAIN");
	ok(total > 100000 && total < 1000000,
	   "the send buffer bounds what is queued (%ld)", total);
	expect_errno(send(sv[0], chunk, 1, MSG_DONTWAIT), EAGAIN);
	while (read(sv[1], chunk, sizeof(chunk)) > 0)
		;
	is(write(sv[0], "x", 1), 1, "writable again once read");
	close(sv[0]);
	close(sv[1]);
	expect_ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	is(fcntl(sv[1], F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC sets FD_CLOEXEC");
	close(sv[0]);
	close(sv[1]);
}

static void test_shutdown(void)
{
	char buf[8];
	int sv[2];
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "ab", 2);
	expect_ok(shutdown(sv[0], SHUT_WR));
	is(read(sv[1], buf, sizeof(buf)), 2, "data before SHUT_WR is read");
	is(read(sv[1], buf, sizeof(buf)), 0, "then the peer sees EOF");
	sigaction(SIGPIPE, &sa, &old);
	expect_errno(write(sv[0], "x", 1), EPIPE);
	is(write(sv[1], "yz", 2), 2, "the other direction still works");
	is(read(sv[0], buf, sizeof(buf)), 2, "and is read");
	expect_ok(shutdown(sv[0], SHUT_RD));
	expect_errno(write(sv[1], "x", 1), EPIPE);
	is(read(sv[0], buf, sizeof(buf)), 0, "SHUT_RD: own reads see EOF");
	expect_errno(shutdown(sv[0], 3), EINVAL);
	expect_errno(shutdown(sv[0], -1), EINVAL);
	sigaction(SIGPIPE, &old, NULL);
	close(sv[0]);
	close(sv[1]);
}

static void test_close(void)
{
	char buf[8];
	int sv[2];
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "last", 4);
	close(sv[0]);
	is(read(sv[1], buf, sizeof(buf)), 4, "data sent before close is kept");
	is(read(sv[1], buf, sizeof(buf)), 0, "then EOF");
	sigaction(SIGPIPE, &sa, &old);
	expect_errno(write(sv[1], "x", 1), EPIPE);
	expect_errno(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);
	sigaction(SIGPIPE, &old, NULL);
	close(sv[1]);

	/* Closing with unread data resets the peer: ECONNRESET once. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "unread", 6);
	write(sv[0], "for 1", 5);
	close(sv[0]);
	is(read(sv[1], buf, sizeof(buf)), 5, "the survivor reads its data");
	expect_errno(read(sv[1], buf, sizeof(buf)), ECONNRESET);
	is(read(sv[1], buf, sizeof(buf)), 0, "after ECONNRESET: EOF");
	close(sv[1]);
}

static int sigpipe_child(void)
{
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	write(sv[0], "x", 1);
	return 0;
}

static int nosignal_child(void)
{
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	return send(sv[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE ? 7 : 1;
}

static void test_sigpipe(void)
{
	ok(killed_by(run_child(sigpipe_child), SIGPIPE),
	   "writing to a closed peer raises SIGPIPE");
	ok(exited_with(run_child(nosignal_child), 7),
	   "MSG_NOSIGNAL: EPIPE without the signal");
}

int main(void)
{
	test_basic();
	test_iov();
	test_queue_sizes();
	test_flags();
	test_waitall();
	test_nonblock();
	test_shutdown();
	test_close();
	test_sigpipe();
	return tap_done();
}
