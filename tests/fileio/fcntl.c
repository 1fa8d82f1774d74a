/*
 * tests/fileio/fcntl.c: F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD,
 * F_GETFL/F_SETFL (O_APPEND, O_NONBLOCK) and the error paths.
 */
#include "tap.h"

static void test_dupfd(int fd)
{
	int d = expect_ok(fcntl(fd, F_DUPFD, 20));

	ok(d >= 20, "F_DUPFD returns an fd >= the argument");
	is(fcntl(d, F_GETFD), 0, "F_DUPFD clears FD_CLOEXEC");
	is(fcntl(fd, F_DUPFD, 20), d + 1, "F_DUPFD takes the lowest >= arg");
	close(d + 1);
	close(d);
	d = expect_ok(fcntl(fd, F_DUPFD_CLOEXEC, 0));
	is(fcntl(d, F_GETFD), FD_CLOEXEC, "F_DUPFD_CLOEXEC sets FD_CLOEXEC");
	close(d);
	expect_errno(fcntl(fd, F_DUPFD, -1), EINVAL);
	expect_errno(fcntl(fd, F_DUPFD, 1 << 20), EINVAL);
}

static void test_fd_flags(int fd)
{
	is(fcntl(fd, F_GETFD), 0, "F_GETFD of a plain fd is 0");
	is(fcntl(fd, F_SETFD, FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC");
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "F_GETFD reads FD_CLOEXEC back");
	fcntl(fd, F_SETFD, 0);
	is(fcntl(fd, F_GETFD), 0, "F_SETFD 0 clears it");
}

static void test_file_flags(int fd)
{
	char buf[8] = { 0 };
	int fl = expect_ok(fcntl(fd, F_GETFL));

	is(fl & O_ACCMODE, O_RDWR, "F_GETFL reports the access mode");
	is(fl & O_APPEND, 0, "O_APPEND is off at first");
	expect_ok(fcntl(fd, F_SETFL, fl | O_APPEND));
	ok(fcntl(fd, F_GETFL) & O_APPEND, "F_SETFL sets O_APPEND");
	lseek(fd, 0, SEEK_SET);
	write(fd, "Z", 1);
	pread(fd, buf, 4, 0);
	is_str(buf, "abcZ", "after F_SETFL O_APPEND writes append");
	/* The access mode cannot be changed by F_SETFL. */
	fcntl(fd, F_SETFL, O_RDONLY);
	is(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "F_SETFL keeps access mode");
	is(fcntl(fd, F_GETFL) & O_APPEND, 0, "F_SETFL clears O_APPEND");
}

static void test_nonblock(void)
{
	char c;
	int fds[2];

	expect_ok(pipe(fds));
	expect_ok(fcntl(fds[0], F_SETFL, O_NONBLOCK));
	ok(fcntl(fds[0], F_GETFL) & O_NONBLOCK, "F_SETFL sets O_NONBLOCK");
	expect_errno(read(fds[0], &c, 1), EAGAIN);
	write(fds[1], "q", 1);
	is(read(fds[0], &c, 1), 1, "nonblocking read with data succeeds");
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	char path[64];
	int fd;

	scratch(path, sizeof(path), "fcntl");
	fd = expect_ok(open(path, O_RDWR | O_CREAT | O_TRUNC, 0644));
	write(fd, "abc", 3);
	test_dupfd(fd);
	test_fd_flags(fd);
	test_file_flags(fd);
	test_nonblock();
	expect_errno(fcntl(fd, 9999), EINVAL);
	close(fd);
	expect_errno(fcntl(fd, F_GETFD), EBADF);
	expect_errno(fcntl(fd, F_GETFL), EBADF);
	unlink(path);
	return tap_done();
}
