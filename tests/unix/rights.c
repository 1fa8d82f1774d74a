/*
 * tests/unix/rights.c: SCM_RIGHTS. Files cross over as new fds of the
 * same open files; at most 253 per message (EINVAL beyond), EBADF for a
 * bad fd, EINVAL for malformed control messages; truncation drops what
 * does not fit (MSG_CTRUNC, no fd leaked), MSG_CMSG_CLOEXEC, MSG_PEEK
 * duplicates; a stream read stops after the bytes that carried files;
 * the receiver's fd limit; the per-user limit of files in flight.
 */
#include "tap.h"
#include "unixsock.h"
#include <grp.h>
#include <sys/resource.h>

static int count_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	return n;
}

static int same_file(int a, int b)
{
	struct stat sa, sb;

	return !fstat(a, &sa) && !fstat(b, &sb) && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static void test_pass_pipe(void)
{
	int sv[2], p[2], got[4], n, fl;
	char buf[8] = { 0 };

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	is(send_fds(sv[0], &p[1], 1, 0), 1, "sendmsg with one fd");
	close(p[1]);
	is(recv_fds(sv[1], got, 4, &n, 0, &fl), 1, "recvmsg");
	is(n, 1, "one fd arrives");
	ok(same_file(got[0], p[0]), "the same pipe, as a new fd");
	is(write(got[0], "via", 3), 3, "the passed pipe end writes");
	is(read(p[0], buf, sizeof(buf)), 3, "into the same pipe");
	is(fcntl(got[0], F_GETFD), 0, "no FD_CLOEXEC by default");
	close(got[0]);
	is(read(p[0], buf, sizeof(buf)), 0, "the last writer (passed) closed: EOF");
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

static void test_many(void)
{
	int sv[2], fds[254], got[253], n, fl, i, before, okc = 0;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	fds[0] = open("/dev/null", O_RDONLY);
	for (i = 1; i < 254; i++)
		fds[i] = dup(fds[0]);
	expect_errno(send_fds(sv[0], fds, 254, 0), EINVAL);
	is(send_fds(sv[0], fds, 253, 0), 1, "253 fds in one message");
	before = count_fds();
	is(recv_fds(sv[1], got, 253, &n, 0, &fl), 1, "received");
	is(n, 253, "all 253 arrive");
	for (i = 0; i < n; i++)
		okc += same_file(got[i], fds[0]);
	is(okc, 253, "each one is the file sent");
	is(count_fds(), before + 253, "as 253 new fds");
	for (i = 0; i < n; i++)
		close(got[i]);
	for (i = 1; i < 254; i++)
		close(fds[i]);
	/* A closed fd, a negative one. */
	fds[1] = 1000;
	expect_errno(send_fds(sv[0], fds, 2, 0), EBADF);
	fds[1] = -1;
	expect_errno(send_fds(sv[0], fds, 2, 0), EBADF);
	close(fds[0]);
	close(sv[0]);
	close(sv[1]);
}

/* Hand-built control buffers: the parser's rules. */
static long send_ctl(int s, void *ctl, size_t len)
{
	struct iovec iov = { "c", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = ctl, .msg_controllen = len };

	return syscall(SYS_sendmsg, s, &m, MSG_DONTWAIT);
}

static void test_malformed(void)
{
	union {
		struct cmsghdr h;
		char b[256];
	} u;
	int sv[2], fd = open("/dev/null", O_RDONLY), got[4], n;
	char drain[64];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	memset(&u, 0, sizeof(u));
	u.h.cmsg_level = SOL_SOCKET;
	u.h.cmsg_type = SCM_RIGHTS;
	u.h.cmsg_len = sizeof(struct cmsghdr) - 1;
	expect_errno(send_ctl(sv[0], &u, CMSG_SPACE(4)), EINVAL);
	u.h.cmsg_len = CMSG_LEN(8);
	expect_errno(send_ctl(sv[0], &u, CMSG_LEN(4)), EINVAL);
	u.h.cmsg_type = 99;
	u.h.cmsg_len = CMSG_LEN(4);
	expect_errno(send_ctl(sv[0], &u, CMSG_SPACE(4)), EINVAL);
	u.h.cmsg_level = 6;	/* not SOL_SOCKET: ignored */
	is(send_ctl(sv[0], &u, CMSG_SPACE(4)), 1, "another level is ignored");
	recv(sv[1], drain, sizeof(drain), 0);
	/* No fd in an SCM_RIGHTS message, and a too short buffer. */
	u.h.cmsg_level = SOL_SOCKET;
	u.h.cmsg_type = SCM_RIGHTS;
	u.h.cmsg_len = CMSG_LEN(0);
	is(send_ctl(sv[0], &u, CMSG_SPACE(0)), 1, "an empty SCM_RIGHTS is accepted");
	is(recv_fds(sv[1], got, 4, &n, 0, NULL), 1, "its message arrives");
	is(n, -1, "with no files");
	is(send_ctl(sv[0], &u, sizeof(struct cmsghdr) - 1), 1,
	   "a control buffer shorter than a header is ignored");
	recv(sv[1], drain, sizeof(drain), 0);
	/* Two SCM_RIGHTS messages add up. */
	{
		char *p = u.b;
		struct cmsghdr *c = (struct cmsghdr *)p;

		memset(&u, 0, sizeof(u));
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		c = (struct cmsghdr *)(p + CMSG_SPACE(sizeof(int)));
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(2 * sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		memcpy(CMSG_DATA(c) + sizeof(int), &fd, sizeof(int));
		is(send_ctl(sv[0], &u, CMSG_SPACE(4) + CMSG_SPACE(8)), 1,
		   "two SCM_RIGHTS in one message");
		is(recv_fds(sv[1], got, 4, &n, 0, NULL), 1, "received");
		is(n, 3, "their files arrive as one list of 3");
		for (int i = 0; i < n && i < 4; i++)
			close(got[i]);
	}
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

static void test_truncation(void)
{
	int sv[2], fds[3], got[3], n, fl, before;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	for (int i = 0; i < 3; i++)
		fds[i] = open("/dev/null", O_RDONLY);
	send_fds(sv[0], fds, 3, 0);
	before = count_fds();
	is(recv_fds(sv[1], got, 1, &n, 0, &fl), 1, "room for one fd of three");
	is(n, 1, "one fd arrives");
	ok(fl & MSG_CTRUNC, "MSG_CTRUNC");
	is(count_fds(), before + 1, "the others are not installed");
	close(got[0]);
	send_fds(sv[0], fds, 3, 0);
	is(recv_fds(sv[1], got, 0, &n, 0, &fl), 1, "no control buffer at all");
	ok(fl & MSG_CTRUNC, "MSG_CTRUNC");
	is(count_fds(), before, "no fd installed");
	for (int i = 0; i < 3; i++)
		close(fds[i]);
	close(sv[0]);
	close(sv[1]);
}

static void test_cloexec_peek(void)
{
	int sv[2], fd = open("/dev/null", O_RDONLY), got[2], n, fl;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	send_fds(sv[0], &fd, 1, 0);
	recv_fds(sv[1], got, 1, &n, MSG_CMSG_CLOEXEC, &fl);
	is(fcntl(got[0], F_GETFD), FD_CLOEXEC, "MSG_CMSG_CLOEXEC");
	ok(fl & MSG_CMSG_CLOEXEC, "msg_flags reports MSG_CMSG_CLOEXEC back");
	close(got[0]);
	send_fds(sv[0], &fd, 1, 0);
	is(recv_fds(sv[1], got, 1, &n, MSG_PEEK, &fl), 1, "MSG_PEEK");
	is(n, 1, "a peek gets the fd");
	is(recv_fds(sv[1], got + 1, 1, &n, 0, &fl), 1, "then the read");
	is(n, 1, "gets it again");
	ok(got[0] != got[1] && same_file(got[0], got[1]),
	   "two fds of the same file");
	close(got[0]);
	close(got[1]);
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

/* A stream read ends after the skb that carried files. */
static void test_stream_boundary(void)
{
	int sv[2], fd = open("/dev/null", O_RDONLY), got[2], n;
	char buf[16] = { 0 };

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "A", 1, 0);
	send_fds(sv[0], &fd, 1, 0);	/* payload "F" */
	send(sv[0], "B", 1, 0);
	send_fds(sv[0], &fd, 1, 0);
	{
		struct iovec iov = { buf, sizeof(buf) };
		char cbuf[CMSG_SPACE(sizeof(int) * 2)];
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
				    .msg_control = cbuf,
				    .msg_controllen = sizeof(cbuf) };

		is(recvmsg(sv[1], &m, 0), 2, "a read takes bytes up to the files");
		is_str(buf, "AF", "... and stops after them");
		ok(CMSG_FIRSTHDR(&m) && CMSG_FIRSTHDR(&m)->cmsg_type == SCM_RIGHTS,
		   "with the files");
		memcpy(got, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
		close(got[0]);
	}
	memset(buf, 0, sizeof(buf));
	is(recv_fds(sv[1], got, 2, &n, 0, NULL), 2, "the next read");
	is(n, 1, "gets the second message's file");
	close(got[0]);
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

/* Exactly one free fd slot: one file installed of three, MSG_CTRUNC. */
static int recv_at_limit(void)
{
	int sv[2], fds[3], got[3], n, fl, fd, last = -1;
	struct rlimit rl = { 64, 64 };

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	for (int i = 0; i < 3; i++)
		fds[i] = open("/dev/null", O_RDONLY);
	send_fds(sv[0], fds, 3, 0);
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 10;
	while ((fd = dup(0)) >= 0)
		last = fd;
	close(last);
	if (recv_fds(sv[1], got, 3, &n, 0, &fl) != 1)
		return 11;
	if (n != 1 || !(fl & MSG_CTRUNC))
		return 12;
	return 0;
}

/* Files in flight per user: at most RLIMIT_NOFILE (unprivileged). */
static int inflight_limit(void)
{
	struct rlimit rl = { 16, 16 };
	int sv[2], fd, i;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534) || setrlimit(RLIMIT_NOFILE, &rl))
		return 10;
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return 11;
	fd = open("/dev/null", O_RDONLY);
	for (i = 0; i < 100; i++)
		if (send_fds(sv[0], &fd, 1, MSG_DONTWAIT) != 1)
			break;
	if (i != 17 || errno != ETOOMANYREFS)
		return 20 + (i < 50 ? i : 50) % 64;
	return 0;
}

static void test_limits(void)
{
	int st = run_child(recv_at_limit);

	ok(exited_with(st, 0), "the receiver's fd limit truncates (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	st = run_child(inflight_limit);
	ok(exited_with(st, 0),
	   "17 files in flight with RLIMIT_NOFILE 16, then ETOOMANYREFS (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void test_kinds(void)
{
	int sv[2], got[2], n, t[2];
	int opath = open("/tmp", O_PATH);

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	is(send_fds(sv[0], &opath, 1, 0), 1, "an O_PATH fd can be sent");
	recv_fds(sv[1], got, 1, &n, 0, NULL);
	ok(n == 1 && same_file(got[0], opath), "and arrives");
	is(fcntl(got[0], F_GETFL) & O_PATH, O_PATH, "still O_PATH");
	close(got[0]);
	/* A socket sent over itself, received back. */
	is(send_fds(sv[0], &sv[0], 1, 0), 1, "a socket sent over itself");
	recv_fds(sv[1], got, 1, &n, 0, NULL);
	socketpair(AF_UNIX, SOCK_STREAM, 0, t);
	ok(n == 1 && same_file(got[0], sv[0]), "arrives as that socket");
	is(send(got[0], "s", 1, 0), 1, "and works");
	close(got[0]);
	close(t[0]);
	close(t[1]);
	close(opath);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	test_pass_pipe();
	test_many();
	test_malformed();
	test_truncation();
	test_cloexec_peek();
	test_stream_boundary();
	test_limits();
	test_kinds();
	return tap_done();
}
