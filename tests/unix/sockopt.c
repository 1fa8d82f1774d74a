/*
 * tests/unix/sockopt.c: SOL_SOCKET options on AF_UNIX sockets: buffer
 * sizes (doubled, clamped, minimums, the FORCE variants and their
 * EPERM), SO_RCVTIMEO/SO_SNDTIMEO (round trip in jiffies, EDOM, a
 * negative time meaning non-blocking, the wait itself), SO_RCVLOWAT,
 * SO_LINGER, boolean options, SO_COOKIE, SO_TIMESTAMP on datagrams, the
 * read-only identity options (SO_TYPE, SO_DOMAIN, SO_PROTOCOL,
 * SO_ACCEPTCONN), options Linux 6.1 does not have for AF_UNIX
 * (SO_PEERSEC without a security module, SO_PEERPIDFD of 6.5), and the
 * errors (ENOPROTOOPT, EOPNOTSUPP for other levels, EINVAL).
 */
#include "tap.h"
#include "unixsock.h"
#include <grp.h>
#include <sched.h>
#include <time.h>

static int geti(int fd, int opt)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, SOL_SOCKET, opt, &v, &len) < 0)
		return -1000 - errno;
	return v;
}

static int seti(int fd, int opt, int v)
{
	return setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v));
}

static long elapsed_ms(struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static void test_bufs(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	is(geti(s, SO_SNDBUF), 212992, "SO_SNDBUF default (wmem_default)");
	is(geti(s, SO_RCVBUF), 212992, "SO_RCVBUF default (rmem_default)");
	seti(s, SO_SNDBUF, 4096);
	is(geti(s, SO_SNDBUF), 8192, "SO_SNDBUF is doubled");
	seti(s, SO_SNDBUF, 1);
	is(geti(s, SO_SNDBUF), 4608, "SO_SNDBUF minimum");
	seti(s, SO_SNDBUF, 1 << 30);
	is(geti(s, SO_SNDBUF), 425984, "SO_SNDBUF clamped to wmem_max, doubled");
	seti(s, SO_SNDBUF, -1);
	is(geti(s, SO_SNDBUF), 425984, "a negative SO_SNDBUF is a huge one");
	seti(s, SO_RCVBUF, 1);
	is(geti(s, SO_RCVBUF), 2304, "SO_RCVBUF minimum");
	seti(s, SO_RCVBUF, 10000);
	is(geti(s, SO_RCVBUF), 20000, "SO_RCVBUF is doubled");
	expect_ok(seti(s, SO_SNDBUFFORCE, 1 << 20));
	is(geti(s, SO_SNDBUF), 2 << 20, "SO_SNDBUFFORCE passes wmem_max");
	expect_ok(seti(s, SO_RCVBUFFORCE, -5));
	is(geti(s, SO_RCVBUF), 2304, "SO_RCVBUFFORCE of a negative: the minimum");
	close(s);
}

static int force_nobody(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	if (seti(s, SO_SNDBUFFORCE, 1 << 20) != -1 || errno != EPERM)
		return 11;
	if (seti(s, SO_RCVBUFFORCE, 1 << 20) != -1 || errno != EPERM)
		return 12;
	if (seti(s, SO_PRIORITY, 7) != -1 || errno != EPERM)
		return 13;
	if (seti(s, SO_PRIORITY, 6) || geti(s, SO_PRIORITY) != 6)
		return 14;
	return 0;
}

/*
 * In a user namespace of its own owning a new network namespace, root may
 * set SO_PRIORITY 7 and SO_MARK on that namespace's sockets (CAP_NET_RAW
 * or CAP_NET_ADMIN over it), not on one of the initial namespace, and
 * never the FORCE options (the initial namespace's CAP_NET_ADMIN).
 */
static int netns_owner(void)
{
	int old = socket(AF_UNIX, SOCK_STREAM, 0), s;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return 10;
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (seti(s, SO_PRIORITY, 7) || geti(s, SO_PRIORITY) != 7)
		return 11;
	if (seti(s, SO_MARK, 5) || geti(s, SO_MARK) != 5)
		return 12;
	if (seti(old, SO_PRIORITY, 7) != -1 || errno != EPERM)
		return 13;
	if (seti(old, SO_MARK, 5) != -1 || errno != EPERM)
		return 14;
	if (seti(s, SO_SNDBUFFORCE, 1 << 20) != -1 || errno != EPERM)
		return 15;
	return 0;
}

static void test_timeouts(void)
{
	struct timeval tv = { 1, 500000 }, out;
	socklen_t len = sizeof(out);
	struct timespec t0;
	int sv[2];
	char c;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &out, &len);
	ok(out.tv_sec == 0 && out.tv_usec == 0, "SO_RCVTIMEO: none by default");
	expect_ok(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	len = sizeof(out);
	getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &out, &len);
	ok(out.tv_sec == 1 && out.tv_usec == 500000 && len == sizeof(out),
	   "SO_RCVTIMEO reads back");
	tv = (struct timeval){ 0, 1 };
	setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	len = sizeof(out);
	getsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &out, &len);
	ok(out.tv_sec == 0 && out.tv_usec == 4000,
	   "1 us is one jiffy (4 ms at HZ 250) (%ld)", (long)out.tv_usec);
	tv = (struct timeval){ 0, 1000000 };
	expect_errno(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)),
		     EDOM);
	expect_errno(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, 8), EINVAL);
	tv = (struct timeval){ 0, 100000 };
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_errno(read(sv[0], &c, 1), EAGAIN);
	ok(elapsed_ms(&t0) >= 90, "a read waits SO_RCVTIMEO, then EAGAIN");
	/* A negative timeout replaces a 5 s one with none at all: under
	 * 2.5 s tells the two apart on a loaded host too (50 ms did not). */
	tv = (struct timeval){ 5, 0 };
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	tv = (struct timeval){ -1, 0 };
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_errno(read(sv[0], &c, 1), EAGAIN);
	ok(elapsed_ms(&t0) < 2500, "a negative timeout: no wait at all");
	close(sv[0]);
	close(sv[1]);
}

static void test_sndtimeo(void)
{
	static char chunk[65536];
	struct timeval tv = { 0, 100000 };
	struct timespec t0;
	int sv[2];
	long n, total = 0;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((n = write(sv[0], chunk, sizeof(chunk))) > 0 && total < 10000000)
		total += n;
	ok(n == -1 && errno == EAGAIN, "a full socket with SO_SNDTIMEO: EAGAIN");
	ok(elapsed_ms(&t0) >= 90, "after waiting");
	close(sv[0]);
	close(sv[1]);
}

static void test_rcvlowat(void)
{
	int sv[2];
	char buf[8];
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	is(geti(sv[1], SO_RCVLOWAT), 1, "SO_RCVLOWAT default 1");
	seti(sv[1], SO_RCVLOWAT, 0);
	is(geti(sv[1], SO_RCVLOWAT), 1, "SO_RCVLOWAT 0 means 1");
	seti(sv[1], SO_RCVLOWAT, 5);
	write(sv[0], "abc", 3);
	is(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), 3,
	   "non-blocking: what is there, below the low mark");
	write(sv[0], "abc", 3);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		write(sv[0], "de", 2);
		_exit(0);
	}
	is(recv(sv[1], buf, sizeof(buf), 0), 5, "blocking: waits for 5 bytes");
	waitpid(pid, NULL, 0);
	is(geti(sv[0], SO_SNDLOWAT), 1, "SO_SNDLOWAT is 1");
	expect_errno(seti(sv[0], SO_SNDLOWAT, 4), ENOPROTOOPT);
	close(sv[0]);
	close(sv[1]);
}

static void test_misc(void)
{
	struct linger l = { 1, 7 }, lo;
	socklen_t len = sizeof(lo);
	unsigned long long c1 = 0, c2 = 0, c3 = 0;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), t = socket(AF_UNIX, SOCK_DGRAM, 0);
	int v = 0;

	expect_ok(setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof(l)));
	getsockopt(s, SOL_SOCKET, SO_LINGER, &lo, &len);
	ok(lo.l_onoff == 1 && lo.l_linger == 7 && len == sizeof(lo),
	   "SO_LINGER reads back");
	expect_errno(setsockopt(s, SOL_SOCKET, SO_LINGER, &l, 4), EINVAL);
	seti(s, SO_KEEPALIVE, 5);
	is(geti(s, SO_KEEPALIVE), 1, "SO_KEEPALIVE is a boolean");
	seti(s, SO_REUSEADDR, 1);
	is(geti(s, SO_REUSEADDR), 1, "SO_REUSEADDR");
	is(geti(s, SO_ERROR), 0, "SO_ERROR 0");
	is(geti(s, SO_PEEK_OFF), -1, "SO_PEEK_OFF -1 by default");
	expect_errno(seti(s, SO_TYPE, 1), ENOPROTOOPT);
	expect_errno(seti(s, 9999, 1), ENOPROTOOPT);
	is(geti(s, 9999), -1000 - ENOPROTOOPT, "an unknown option: ENOPROTOOPT");
	expect_errno(setsockopt(s, 6 /* TCP */, 1, &v, sizeof(v)), EOPNOTSUPP);
	len = sizeof(v);
	expect_errno(getsockopt(s, 6, 1, &v, &len), EOPNOTSUPP);
	expect_errno(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, 2), EINVAL);
	len = -1;
	expect_errno(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len), EINVAL);
	len = 1;
	v = 0;
	expect_ok(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len));
	ok(len == 1 && v == SOCK_STREAM, "a 1-byte SO_TYPE");
	len = 8;
	getsockopt(s, SOL_SOCKET, SO_COOKIE, &c1, &len);
	getsockopt(s, SOL_SOCKET, SO_COOKIE, &c2, &len);
	getsockopt(t, SOL_SOCKET, SO_COOKIE, &c3, &len);
	ok(c1 && c1 == c2 && c1 != c3, "SO_COOKIE: stable and unique");
	len = 4;
	expect_errno(getsockopt(s, SOL_SOCKET, SO_COOKIE, &c1, &len), EINVAL);
	close(s);
	close(t);
}

#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif

static void test_identity(void)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET };
	char sec[256];
	socklen_t len = sizeof(sec);
	int i, ok_all = 1, s, sv[2];

	for (i = 0; i < 3; i++) {
		s = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
		ok_all &= geti(s, SO_TYPE) == types[i] &&
			  geti(s, SO_DOMAIN) == AF_UNIX &&
			  geti(s, SO_PROTOCOL) == 0 &&
			  geti(s, SO_ACCEPTCONN) == 0;
		expect_errno(seti(s, SO_DOMAIN, AF_UNIX), ENOPROTOOPT);
		expect_errno(seti(s, SO_PROTOCOL, 0), ENOPROTOOPT);
		close(s);
	}
	ok(ok_all, "SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN per type");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	/* No security module labels AF_UNIX peers (tine has none). */
	expect_errno(getsockopt(sv[0], SOL_SOCKET, SO_PEERSEC, sec, &len),
		     ENOPROTOOPT);
	len = sizeof(int);
	expect_errno(getsockopt(sv[0], SOL_SOCKET, SO_PEERPIDFD, sec, &len),
		     ENOPROTOOPT);
	is(geti(sv[0], SO_ERROR), 0, "SO_ERROR of a connected pair");
	close(sv[1]);
	is(geti(sv[0], SO_ERROR), 0, "the peer's close is no socket error");
	close(sv[0]);
}

static void test_timestamp(void)
{
	char cbuf[CMSG_SPACE(sizeof(struct timeval))] __attribute__((aligned(8)));
	char buf[4];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *h;
	struct timeval now, tv = { 0, 0 };
	int sv[2];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	seti(sv[1], SO_TIMESTAMP, 1);
	is(geti(sv[1], SO_TIMESTAMP), 1, "SO_TIMESTAMP on");
	send(sv[0], "t", 1, 0);
	is(recvmsg(sv[1], &m, 0), 1, "a datagram");
	h = CMSG_FIRSTHDR(&m);
	ok(h && h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_TIMESTAMP,
	   "comes with SCM_TIMESTAMP");
	if (h)
		memcpy(&tv, CMSG_DATA(h), sizeof(tv));
	gettimeofday(&now, NULL);
	ok(tv.tv_sec > 0 && labs(now.tv_sec - tv.tv_sec) < 10,
	   "the time it was sent");
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	int st;

	test_bufs();
	st = run_child(force_nobody);
	ok(exited_with(st, 0), "unprivileged: FORCE options and SO_PRIORITY > 6 EPERM (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	st = run_child(netns_owner);
	ok(exited_with(st, 0), "SO_PRIORITY/SO_MARK: the network namespace owner's capabilities (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	test_timeouts();
	test_sndtimeo();
	test_rcvlowat();
	test_misc();
	test_identity();
	test_timestamp();
	return tap_done();
}
