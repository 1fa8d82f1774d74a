/*
 * tests/pipe/pipe.c: pipe and pipe2: data flows in order, EOF once every
 * writer closed, EAGAIN with O_NONBLOCK, O_CLOEXEC, EPIPE/SIGPIPE once the
 * reader is gone, and EINVAL/EFAULT/EBADF.
 */
#include "tap.h"

static void test_basic(void)
{
	char buf[16] = { 0 };
	int fds[2];

	expect_ok(pipe(fds));
	is(fcntl(fds[0], F_GETFL) & O_ACCMODE, O_RDONLY, "pipe read end is O_RDONLY");
	is(fcntl(fds[1], F_GETFL) & O_ACCMODE, O_WRONLY, "pipe write end is O_WRONLY");
	is(write(fds[1], "abc", 3), 3, "write into a pipe");
	is(write(fds[1], "def", 3), 3, "second write into a pipe");
	is(read(fds[0], buf, 2), 2, "partial read from a pipe");
	is(read(fds[0], buf + 2, sizeof(buf)), 4, "read returns what is buffered");
	is_str(buf, "abcdef", "pipe data comes out in order");
	expect_errno(read(fds[1], buf, 1), EBADF);
	expect_errno(write(fds[0], "x", 1), EBADF);
	close(fds[1]);
	is(read(fds[0], buf, sizeof(buf)), 0, "EOF once the writer is closed");
	close(fds[0]);
}

static void test_pipe2_flags(void)
{
	char c;
	int fds[2];

	expect_ok(pipe2(fds, O_CLOEXEC));
	is(fcntl(fds[0], F_GETFD), FD_CLOEXEC, "pipe2 O_CLOEXEC: read end");
	is(fcntl(fds[1], F_GETFD), FD_CLOEXEC, "pipe2 O_CLOEXEC: write end");
	close(fds[0]);
	close(fds[1]);
	expect_ok(pipe2(fds, O_NONBLOCK));
	ok(fcntl(fds[0], F_GETFL) & O_NONBLOCK, "pipe2 O_NONBLOCK is set");
	is(fcntl(fds[0], F_GETFD), 0, "pipe2 without O_CLOEXEC leaves it clear");
	expect_errno(read(fds[0], &c, 1), EAGAIN);
	close(fds[0]);
	close(fds[1]);
	expect_errno(syscall(SYS_pipe2, fds, O_RDWR), EINVAL);
	expect_errno(syscall(SYS_pipe2, fds, 0x40000000), EINVAL);
}

/* Fill a nonblocking pipe: write fails with EAGAIN once it is full. */
static void test_full(void)
{
	static char chunk[4096];
	long total = 0, n;
	int fds[2];

	pipe2(fds, O_NONBLOCK);
	while ((n = write(fds[1], chunk, sizeof(chunk))) > 0)
		total += n;
	ok(n == -1 && errno == EAGAIN, "writing a full nonblocking pipe: EAGAIN");
	is(total, 65536, "a pipe holds 64 KiB by default");
	close(fds[0]);
	close(fds[1]);
}

static void test_epipe(void)
{
	int fds[2];
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;

	pipe(fds);
	close(fds[0]);
	sigaction(SIGPIPE, &sa, &old);
	expect_errno(write(fds[1], "x", 1), EPIPE);
	sigaction(SIGPIPE, &old, NULL);
	close(fds[1]);
}

/* With SIGPIPE at its default, writing to a reader-less pipe kills. */
static int write_to_closed(void)
{
	int fds[2];

	signal(SIGPIPE, SIG_DFL);
	pipe(fds);
	close(fds[0]);
	write(fds[1], "x", 1);
	return 0;
}

int main(void)
{
	test_basic();
	test_pipe2_flags();
	test_full();
	test_epipe();
	ok(killed_by(run_child(write_to_closed), SIGPIPE),
	   "write with no reader kills with SIGPIPE");
	expect_errno(syscall(SYS_pipe, NULL), EFAULT);
	return tap_done();
}
