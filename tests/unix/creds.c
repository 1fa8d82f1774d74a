/*
 * tests/unix/creds.c: credentials. SO_PEERCRED (socketpair, listen and
 * connect, unconnected), SO_PEERGROUPS, SO_PASSCRED with automatic
 * SCM_CREDENTIALS, stream reads that do not glue writers together,
 * claimed SCM_CREDENTIALS and the rules on them (root may claim any,
 * others only their own: EPERM; ESRCH, EINVAL), and the autobind that
 * SO_PASSCRED implies.
 */
#include "tap.h"
#include "unixsock.h"
#include <grp.h>

static struct ucred peercred(int fd)
{
	struct ucred c = { 12345, 12345, 12345 };
	socklen_t len = sizeof(c);

	getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &len);
	return c;
}

static void test_peercred(void)
{
	struct ucred c;
	struct sockaddr_un a;
	socklen_t alen, len;
	int sv[2], s, cl, acc, st;
	char name[32];
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	c = peercred(sv[0]);
	ok(c.pid == getpid() && c.uid == geteuid() &&
		   c.gid == getegid(),
	   "socketpair: SO_PEERCRED is the caller");
	len = 4;
	expect_ok(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, &len));
	is(len, 4, "SO_PEERCRED truncates to the length asked");
	close(sv[0]);
	close(sv[1]);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	c = peercred(s);
	ok(c.pid == 0 && c.uid == (uid_t)-1 && c.gid == (gid_t)-1,
	   "unconnected: pid 0, ids -1");
	snprintf(name, sizeof(name), "tine-creds-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(s, (struct sockaddr *)&a, alen);
	listen(s, 4);
	pid = fork();
	if (pid == 0) {
		cl = socket(AF_UNIX, SOCK_STREAM, 0);
		connect(cl, (struct sockaddr *)&a, alen);
		c = peercred(cl);
		write(cl, "x", 1);
		_exit(c.pid == getppid() ? 0 : 1);
	}
	acc = accept(s, NULL, NULL);
	c = peercred(acc);
	is(c.pid, pid, "accepted: SO_PEERCRED is the connecting process");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "connected: SO_PEERCRED is the listening process");
	close(acc);
	close(s);
}

static int peergroups_child(void)
{
	gid_t g[3] = { 1, 2, 3 }, out[8];
	socklen_t len = 4;
	int sv[2], s;

	if (setgroups(3, g))
		return 10;
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if (getsockopt(sv[0], SOL_SOCKET, SO_PEERGROUPS, out, &len) == 0 ||
	    errno != ERANGE || len != 12)
		return 11;
	len = sizeof(out);
	if (getsockopt(sv[0], SOL_SOCKET, SO_PEERGROUPS, out, &len) ||
	    len != 12 || out[0] != 1 || out[2] != 3)
		return 12;
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	len = sizeof(out);
	if (getsockopt(s, SOL_SOCKET, SO_PEERGROUPS, out, &len) == 0 ||
	    errno != ENODATA)
		return 13;
	return 0;
}

/* recvmsg with room for credentials; 1 and *c if SCM_CREDENTIALS came. */
static int recv_creds(int fd, char *buf, size_t n, long *got,
		      struct ucred *c, int flags)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred))] __attribute__((aligned(8)));
	struct iovec iov = { buf, n };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *h;

	*got = recvmsg(fd, &m, flags);
	for (h = CMSG_FIRSTHDR(&m); *got >= 0 && h; h = CMSG_NXTHDR(&m, h))
		if (h->cmsg_level == SOL_SOCKET &&
		    h->cmsg_type == SCM_CREDENTIALS) {
			memcpy(c, CMSG_DATA(h), sizeof(*c));
			return 1;
		}
	return 0;
}

static void test_passcred(void)
{
	int sv[2], on = 1, off = 0, v;
	socklen_t len = sizeof(v);
	struct ucred c;
	char buf[16];
	long got;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &len);
	is(v, 0, "SO_PASSCRED is off by default");
	write(sv[0], "a", 1);
	ok(!recv_creds(sv[1], buf, sizeof(buf), &got, &c, 0),
	   "no SCM_CREDENTIALS without SO_PASSCRED");
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &len);
	is(v, 1, "SO_PASSCRED set");
	write(sv[0], "b", 1);
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &c, 0),
	   "SO_PASSCRED: SCM_CREDENTIALS on every read");
	ok(c.pid == getpid() && c.uid == getuid() && c.gid == getgid(),
	   "with the writer's pid and real ids");
	/* Writers are never glued together under SO_PASSCRED. */
	write(sv[0], "p", 1);
	pid = fork();
	if (pid == 0) {
		write(sv[0], "c", 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &c, 0) && got == 1 &&
		   c.pid == getpid(),
	   "one read stops where the writer changes");
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &c, 0) && got == 1 &&
		   c.pid == pid,
	   "the next read has the other writer's bytes and pid");
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &off, sizeof(off));
	write(sv[0], "p", 1);
	pid = fork();
	if (pid == 0) {
		write(sv[0], "c", 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	is(read(sv[1], buf, sizeof(buf)), 2, "without SO_PASSCRED they are glued");
	/* The sender's SO_PASSCRED attaches them too. */
	setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	write(sv[0], "s", 1);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &c, 0) &&
		   c.pid == getpid(),
	   "creds attached because the sender asked");
	setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &off, sizeof(off));
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &off, sizeof(off));
	write(sv[0], "n", 1);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &c, 0) && c.pid == 0 &&
		   c.uid == 65534 && c.gid == 65534,
	   "none were attached: pid 0 and the overflow ids");
	close(sv[0]);
	close(sv[1]);
}

/* Send one byte claiming credentials c (len: the cmsg's data length). */
static long send_claim(int fd, struct ucred *c, size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred) + 8)] __attribute__((aligned(8)));
	struct iovec iov = { "z", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = CMSG_SPACE(len) };
	struct cmsghdr *h = (struct cmsghdr *)cbuf;

	memset(cbuf, 0, sizeof(cbuf));
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_CREDENTIALS;
	h->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(h), c, sizeof(*c));
	return syscall(SYS_sendmsg, fd, &m, 0);
}

static void test_claims_root(void)
{
	int sv[2], on = 1;
	struct ucred c = { getpid(), 1234, 5678 }, r;
	char buf[4];
	long got;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	is(send_claim(sv[0], &c, sizeof(c)), 1, "root claims other ids");
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &r, 0) &&
		   r.pid == c.pid && r.uid == 1234 && r.gid == 5678,
	   "the receiver sees the claimed ids");
	c.pid = getppid();
	is(send_claim(sv[0], &c, sizeof(c)), 1, "root claims another pid");
	ok(recv_creds(sv[1], buf, sizeof(buf), &got, &r, 0) &&
		   r.pid == getppid(), "which arrives");
	c.pid = 4000000;
	expect_errno(send_claim(sv[0], &c, sizeof(c)), ESRCH);
	c.pid = getpid();
	c.uid = -1;
	expect_errno(send_claim(sv[0], &c, sizeof(c)), EINVAL);
	c.uid = 0;
	expect_errno(send_claim(sv[0], &c, sizeof(c) + 4), EINVAL);
	close(sv[0]);
	close(sv[1]);
}

static int claims_nobody(void)
{
	int sv[2];
	struct ucred c;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	c = (struct ucred){ getpid(), 65534, 65534 };
	if (send_claim(sv[0], &c, sizeof(c)) != 1)
		return 11;
	c.uid = 0;
	if (send_claim(sv[0], &c, sizeof(c)) != -1 || errno != EPERM)
		return 12;
	c.uid = 65534;
	c.gid = 0;
	if (send_claim(sv[0], &c, sizeof(c)) != -1 || errno != EPERM)
		return 13;
	c.gid = 65534;
	c.pid = getppid();
	if (send_claim(sv[0], &c, sizeof(c)) != -1 || errno != EPERM)
		return 14;
	return 0;
}

static void test_autobind(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un a;
	socklen_t alen, len = sizeof(ss);
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	int on = 1;
	char name[32];

	snprintf(name, sizeof(name), "tine-credab-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(r, (struct sockaddr *)&a, alen);
	setsockopt(s, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	expect_ok(connect(s, (struct sockaddr *)&a, alen));
	getsockname(s, (struct sockaddr *)&ss, &len);
	is(len, 8, "SO_PASSCRED + connect autobinds");
	close(s);
	close(r);
}

int main(void)
{
	int st;

	test_peercred();
	st = run_child(peergroups_child);
	ok(exited_with(st, 0), "SO_PEERGROUPS (ERANGE, the groups, ENODATA) (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	test_passcred();
	test_claims_root();
	st = run_child(claims_nobody);
	ok(exited_with(st, 0),
	   "unprivileged: own creds only, EPERM for others (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	test_autobind();
	return tap_done();
}
