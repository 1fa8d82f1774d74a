/*
 * tests/fileio/dup.c: dup, dup2, dup3: lowest fd, shared offset, cloexec
 * not inherited, and EBADF/EINVAL.
 */
#include "tap.h"

int main(void)
{
	char path[64];
	int fd, d, d2;

	scratch(path, sizeof(path), "dup");
	fd = expect_ok(open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
	d = expect_ok(dup(fd));
	ok(d > fd, "dup returns a new fd");
	is(fcntl(d, F_GETFD), 0, "dup clears FD_CLOEXEC on the copy");
	write(fd, "abc", 3);
	is(lseek(d, 0, SEEK_CUR), 3, "the copy shares the file offset");
	close(d);
	is(dup(fd), d, "dup returns the lowest free fd");
	close(d);

	is(dup2(fd, 50), 50, "dup2 to a chosen fd");
	lseek(fd, 1, SEEK_SET);
	is(lseek(50, 0, SEEK_CUR), 1, "dup2 copy shares the offset");
	d2 = open(path, O_RDONLY);
	is(dup2(fd, d2), d2, "dup2 onto an open fd closes it first");
	is(lseek(d2, 0, SEEK_CUR), 1, "dup2 replaced the old file");
	is(dup2(fd, fd), fd, "dup2 of an fd onto itself returns it");
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "dup2 onto itself keeps flags");
	expect_errno(dup2(999, 51), EBADF);
	expect_errno(dup2(999, 999), EBADF);
	expect_errno(dup2(fd, -1), EBADF);
	expect_errno(dup2(fd, 1 << 20), EBADF);

	is(dup3(fd, 52, O_CLOEXEC), 52, "dup3 with O_CLOEXEC");
	is(fcntl(52, F_GETFD), FD_CLOEXEC, "dup3 O_CLOEXEC sets FD_CLOEXEC");
	is(dup3(fd, 53, 0), 53, "dup3 without flags");
	is(fcntl(53, F_GETFD), 0, "dup3 without flags clears FD_CLOEXEC");
	expect_errno(dup3(fd, fd, 0), EINVAL);
	expect_errno(syscall(SYS_dup3, fd, 54, O_NONBLOCK), EINVAL);
	expect_errno(dup3(999, 54, 0), EBADF);
	close(fd);
	expect_errno(dup(fd), EBADF);
	expect_errno(dup(-1), EBADF);
	close(50);
	close(52);
	close(53);
	close(d2);
	unlink(path);
	return tap_done();
}
