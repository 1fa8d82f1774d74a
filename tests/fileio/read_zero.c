/*
 * tests/fileio/read_zero.c: read(fd, buf, 0) and short buffers, per
 * file type, as Linux 6.1: vfs_read has no zero-count shortcut, each
 * file's read decides. Regular files, pipes, sockets, ttys and
 * /dev/null, /dev/zero give 0 at once (without blocking or consuming
 * anything); a directory EISDIR; eventfd and timerfd EINVAL below 8
 * bytes, signalfd below one siginfo; inotify EAGAIN (non-blocking)
 * with nothing queued, EINVAL when the next event does not fit; epoll
 * EINVAL. A readv of nothing is 0 for every file. write(fd, buf, 0):
 * 0 on a pipe without readers (no SIGPIPE), EINVAL on an eventfd.
 */
#include "tap.h"
#include "ptyutil.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/uio.h>

static char buf[4096];

static void test_regular(void)
{
	int fd = open("/tmp/read_zero", O_RDWR | O_CREAT | O_TRUNC, 0600);

	is(write(fd, "abc", 3), 3, "write a file");
	lseek(fd, 1, SEEK_SET);
	is(read(fd, buf, 0), 0, "regular file: read 0 is 0");
	is(lseek(fd, 0, SEEK_CUR), 1, "the position did not move");
	is(write(fd, buf, 0), 0, "regular file: write 0 is 0");
	close(fd);
	unlink("/tmp/read_zero");
	fd = open("/", O_RDONLY | O_DIRECTORY);
	expect_errno(read(fd, buf, 0), EISDIR);
	close(fd);
}

static void test_pipe(void)
{
	int p[2];

	pipe(p);
	alarm(10);
	is(read(p[0], buf, 0), 0, "empty pipe with a writer: read 0 is 0 at once");
	is(write(p[1], "x", 1), 1, "put a byte in");
	is(read(p[0], buf, 0), 0, "pipe with data: read 0 is 0");
	is(read(p[0], buf, 1), 1, "the byte is still there");
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	is(write(p[1], buf, 0), 0, "write 0 to a pipe without readers is 0");
	expect_errno(write(p[1], buf, 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
	alarm(0);
}

static void test_socket(void)
{
	int s[2], d[2];

	alarm(10);
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	is(read(s[0], buf, 0), 0, "stream socket, nothing sent: read 0 is 0");
	is(write(s[1], buf, 0), 0, "stream socket: write 0 is 0");
	socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
	is(write(d[1], "dg", 2), 2, "send a datagram");
	is(read(d[0], buf, 0), 0, "dgram socket: read 0 is 0");
	is(read(d[0], buf, sizeof(buf)), 2, "the datagram was not consumed");
	close(s[0]);
	close(s[1]);
	close(d[0]);
	close(d[1]);
	alarm(0);
}

static void test_tty(void)
{
	int m, s;

	if (pty_setup() ||
	    open_pty(&m, &s, O_NONBLOCK, O_NOCTTY | O_NONBLOCK)) {
		ok(0, "open a pty (%s)", strerror(errno));
		return;
	}
	alarm(10);
	is(read(m, buf, 0), 0, "pty master, nothing written: read 0 is 0");
	is(read(s, buf, 0), 0, "pty slave, nothing typed: read 0 is 0");
	expect_errno(read(s, buf, 1), EAGAIN);
	alarm(0);
	close(s);
	close(m);
}

static void test_dev(void)
{
	int n = open("/dev/null", O_RDWR), z = open("/dev/zero", O_RDONLY);

	is(read(n, buf, 0), 0, "/dev/null: read 0 is 0");
	is(read(z, buf, 0), 0, "/dev/zero: read 0 is 0");
	close(n);
	close(z);
}

static void test_eventfd(void)
{
	int fd = eventfd(3, EFD_NONBLOCK);
	uint64_t v = 1;
	struct iovec none = { buf, 0 };

	expect_errno(read(fd, buf, 0), EINVAL);
	expect_errno(read(fd, buf, 7), EINVAL);
	is(readv(fd, &none, 1), 0, "eventfd: readv of nothing is 0");
	expect_errno(write(fd, &v, 0), EINVAL);
	expect_errno(write(fd, &v, 7), EINVAL);
	is(read(fd, &v, 8), 8, "the counter was not consumed");
	is(v, 3, "it is still 3");
	close(fd);
}

static void test_timerfd(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);

	expect_errno(read(fd, buf, 0), EINVAL);
	expect_errno(read(fd, buf, 7), EINVAL);
	expect_errno(read(fd, buf, 8), EAGAIN);
	close(fd);
}

static void test_signalfd(void)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = signalfd(-1, &set, SFD_NONBLOCK);
	raise(SIGUSR1);
	expect_errno(read(fd, buf, 0), EINVAL);
	expect_errno(read(fd, buf, sizeof(struct signalfd_siginfo) - 1),
		     EINVAL);
	is(read(fd, buf, sizeof(buf)), (long)sizeof(struct signalfd_siginfo),
	   "the signal is still pending");
	close(fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_inotify(void)
{
	int fd = inotify_init1(IN_NONBLOCK), f;

	inotify_add_watch(fd, "/tmp", IN_CREATE);
	expect_errno(read(fd, buf, 0), EAGAIN);
	f = open("/tmp/read_zero_ev", O_CREAT | O_WRONLY, 0600);
	close(f);
	expect_errno(read(fd, buf, 0), EINVAL);
	expect_errno(read(fd, buf, sizeof(struct inotify_event)), EINVAL);
	ok(read(fd, buf, sizeof(buf)) > (long)sizeof(struct inotify_event),
	   "the event is still there");
	unlink("/tmp/read_zero_ev");
	close(fd);
}

static void test_epoll(void)
{
	int fd = epoll_create1(0);

	expect_errno(read(fd, buf, 0), EINVAL);
	close(fd);
}

int main(void)
{
	test_regular();
	test_pipe();
	test_socket();
	test_tty();
	test_dev();
	test_eventfd();
	test_timerfd();
	test_signalfd();
	test_inotify();
	test_epoll();
	return tap_done();
}
