/*
 * tests/unix/listen.c: listen, connect and accept of AF_UNIX stream
 * sockets: data both ways, names and credentials on each end, accept4
 * flags, the backlog (EAGAIN, a blocking connect that waits for accept),
 * non-blocking and timed accept, and what happens to pending
 * connections when the listener goes (ECONNRESET, then ECONNREFUSED).
 */
#include "tap.h"
#include "unixsock.h"
#include <time.h>

static char path[64];

static int listener(int type, int backlog)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s = socket(AF_UNIX, type, 0);

	unlink(path);
	a = un_path(path, &alen);
	if (bind(s, (struct sockaddr *)&a, alen) || listen(s, backlog))
		return -1;
	return s;
}

static int connect_to(int type, int flags)
{
	struct sockaddr_un a;
	socklen_t alen;
	int c = socket(AF_UNIX, type | flags, 0);

	a = un_path(path, &alen);
	if (connect(c, (struct sockaddr *)&a, alen) < 0) {
		int e = errno;

		close(c);
		errno = e;
		return -1;
	}
	return c;
}

static void test_errors(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);

	expect_errno(listen(s, 1), EINVAL);
	expect_errno(accept(s, NULL, NULL), EINVAL);
	expect_errno(listen(d, 1), EOPNOTSUPP);
	expect_errno(accept(d, NULL, NULL), EOPNOTSUPP);
	close(d);
	close(s);
	s = listener(SOCK_STREAM, 4);
	ok(s >= 0, "bind + listen");
	expect_ok(listen(s, 8));
	a = un_path(path, &alen);
	expect_errno(connect(s, (struct sockaddr *)&a, alen), EINVAL);
	d = connect_to(SOCK_STREAM, 0);
	ok(d >= 0, "connect");
	expect_errno(connect(d, (struct sockaddr *)&a, alen), EISCONN);
	expect_errno(listen(d, 1), EINVAL);
	expect_errno(accept(d, NULL, NULL), EINVAL);
	close(d);
	close(s);
	unlink(path);
}

static void test_connect_accept(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un *u = (struct sockaddr_un *)&ss;
	socklen_t len;
	char buf[16] = { 0 };
	int s = listener(SOCK_STREAM, 4), c, a, v;

	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
	is(v, 1, "SO_ACCEPTCONN of a listener");
	c = connect_to(SOCK_STREAM, 0);
	ok(c >= 0, "connect to the listener");
	is(write(c, "early", 5), 5, "write before accept");
	ok(poll1(s, POLLIN, 1000) & POLLIN, "the listener polls readable");
	len = sizeof(ss);
	memset(&ss, 0xff, sizeof(ss));
	a = accept(s, (struct sockaddr *)&ss, &len);
	ok(a >= 0, "accept");
	is(len, 2, "accept: an unbound client's address is the family only");
	is(u->sun_family, AF_UNIX, "... AF_UNIX");
	is(read(a, buf, sizeof(buf)), 5, "data written before accept");
	is_str(buf, "early", "arrives");
	is(write(a, "reply", 5), 5, "server writes");
	memset(buf, 0, sizeof(buf));
	is(read(c, buf, sizeof(buf)), 5, "client reads");
	len = sizeof(ss);
	getpeername(c, (struct sockaddr *)&ss, &len);
	is_str(u->sun_path, path, "the client's peer is the listener's name");
	len = sizeof(ss);
	getsockname(a, (struct sockaddr *)&ss, &len);
	is_str(u->sun_path, path, "the accepted socket has the listener's name");
	len = sizeof(ss);
	getsockname(c, (struct sockaddr *)&ss, &len);
	is(len, 2, "the client stays unbound");
	is(fcntl(a, F_GETFD), 0, "accept: no FD_CLOEXEC");
	is(fcntl(a, F_GETFL), O_RDWR, "accept: no O_NONBLOCK");
	close(a);
	close(c);
	/* accept4 flags; a listener's O_NONBLOCK is not inherited. */
	fcntl(s, F_SETFL, O_NONBLOCK);
	expect_errno(accept(s, NULL, NULL), EAGAIN);
	expect_errno(accept4(s, NULL, NULL, SOCK_NONBLOCK), EAGAIN);
	c = connect_to(SOCK_STREAM, 0);
	a = accept(s, NULL, NULL);
	is(fcntl(a, F_GETFL), O_RDWR, "accepted from an O_NONBLOCK listener: blocking");
	close(a);
	close(c);
	c = connect_to(SOCK_STREAM, 0);
	a = accept4(s, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	is(fcntl(a, F_GETFL), O_RDWR | O_NONBLOCK, "accept4 SOCK_NONBLOCK");
	is(fcntl(a, F_GETFD), FD_CLOEXEC, "accept4 SOCK_CLOEXEC");
	expect_errno(syscall(SYS_accept4, s, 0, 0, O_RDWR), EINVAL);
	close(a);
	close(c);
	close(s);
	unlink(path);
}

static void test_bound_client(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un ca;
	socklen_t calen, len = sizeof(ss);
	int s = listener(SOCK_STREAM, 4), c, a;
	char name[32];

	snprintf(name, sizeof(name), "tine-listen-%d", (int)getpid());
	ca = un_abstract(name, &calen);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	expect_ok(bind(c, (struct sockaddr *)&ca, calen));
	{
		struct sockaddr_un sa;
		socklen_t salen;

		sa = un_path(path, &salen);
		expect_ok(connect(c, (struct sockaddr *)&sa, salen));
	}
	a = accept(s, (struct sockaddr *)&ss, &len);
	ok(len == calen && !memcmp(&ss, &ca, calen),
	   "accept returns the bound client's name");
	len = sizeof(ss);
	getpeername(a, (struct sockaddr *)&ss, &len);
	ok(len == calen && !memcmp(&ss, &ca, calen), "getpeername too");
	close(a);
	close(c);
	close(s);
	unlink(path);
}

/* backlog 0 lets one connection wait; the next one finds it full. */
static void test_backlog(void)
{
	struct timeval tv = { 0, 100000 };
	struct timespec t0, t1;
	int s = listener(SOCK_STREAM, 0), c1, c2, c3, a;
	pid_t pid;

	c1 = connect_to(SOCK_STREAM, 0);
	ok(c1 >= 0, "the first connection fits a backlog of 0");
	c2 = connect_to(SOCK_STREAM, SOCK_NONBLOCK);
	ok(c2 < 0 && errno == EAGAIN, "a full backlog: non-blocking EAGAIN");
	c3 = socket(AF_UNIX, SOCK_STREAM, 0);
	setsockopt(c3, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	{
		struct sockaddr_un sa;
		socklen_t salen;

		sa = un_path(path, &salen);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		expect_errno(connect(c3, (struct sockaddr *)&sa, salen), EAGAIN);
		clock_gettime(CLOCK_MONOTONIC, &t1);
	}
	ok((t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >=
		   90000000L, "SO_SNDTIMEO: connect waited before EAGAIN");
	close(c3);
	/* A blocking connect waits until accept makes room. */
	pid = fork();
	if (pid == 0) {
		int c = connect_to(SOCK_STREAM, 0);

		_exit(c >= 0 && write(c, "w", 1) == 1 ? 0 : 1);
	}
	usleep(50000);
	a = accept(s, NULL, NULL);
	close(a);
	a = accept(s, NULL, NULL);
	{
		char ch = 0;

		is(read(a, &ch, 1), 1, "the waiting connect got through");
	}
	ok(exited_with(({ int st; waitpid(pid, &st, 0); st; }), 0),
	   "the blocked connect succeeded");
	close(a);
	close(c1);
	close(s);
	unlink(path);
}

static void test_accept_timeout(void)
{
	struct timeval tv = { 0, 50000 };
	int s = listener(SOCK_STREAM, 1);

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	expect_errno(accept(s, NULL, NULL), EAGAIN);
	close(s);
	unlink(path);
}

static void test_listener_gone(void)
{
	char buf[4];
	int s = listener(SOCK_STREAM, 4), c;
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;

	c = connect_to(SOCK_STREAM, 0);
	close(s);
	expect_errno(read(c, buf, sizeof(buf)), ECONNRESET);
	is(read(c, buf, sizeof(buf)), 0, "then EOF");
	sigaction(SIGPIPE, &sa, &old);
	expect_errno(write(c, "x", 1), EPIPE);
	sigaction(SIGPIPE, &old, NULL);
	ok(poll1(c, POLLIN | POLLOUT, 0) & POLLHUP,
	   "a connection whose listener closed polls POLLHUP");
	close(c);
	c = connect_to(SOCK_STREAM, 0);
	ok(c < 0 && errno == ECONNREFUSED, "node left, nobody listens: ECONNREFUSED");
	unlink(path);
}

int main(void)
{
	scratch(path, sizeof(path), "unix-listen");
	test_errors();
	test_connect_accept();
	test_bound_client();
	test_backlog();
	test_accept_timeout();
	test_listener_gone();
	return tap_done();
}
