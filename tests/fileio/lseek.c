/*
 * tests/fileio/lseek.c: lseek with SEEK_SET/CUR/END, holes past the end,
 * and EINVAL, ESPIPE, EBADF.
 */
#include "tap.h"

int main(void)
{
	char path[64], buf[8];
	int fds[2], fd;

	scratch(path, sizeof(path), "lseek");
	fd = expect_ok(open(path, O_RDWR | O_CREAT | O_TRUNC, 0644));
	write(fd, "0123456789", 10);
	is(lseek(fd, 3, SEEK_SET), 3, "SEEK_SET returns the new offset");
	is(lseek(fd, 2, SEEK_CUR), 5, "SEEK_CUR adds to the offset");
	is(lseek(fd, -1, SEEK_CUR), 4, "SEEK_CUR with a negative delta");
	read(fd, buf, 1);
	is(buf[0], '4', "read happens at the seeked offset");
	is(lseek(fd, 0, SEEK_END), 10, "SEEK_END gives the size");
	is(lseek(fd, -3, SEEK_END), 7, "SEEK_END with a negative offset");
	expect_errno(lseek(fd, -1, SEEK_SET), EINVAL);
	expect_errno(lseek(fd, -11, SEEK_END), EINVAL);
	expect_errno(lseek(fd, 0, 42), EINVAL);
	is(lseek(fd, 7, SEEK_SET), 7, "offset unchanged by failed seeks");
	is(lseek(fd, 20, SEEK_SET), 20, "seeking past the end is allowed");
	is(write(fd, "X", 1), 1, "write past the end");
	is(lseek(fd, 0, SEEK_END), 21, "write past the end grows the file");
	pread(fd, buf, 4, 10);
	ok(memcmp(buf, "\0\0\0\0", 4) == 0, "the hole reads as zeros");
	close(fd);
	unlink(path);
	expect_errno(lseek(fd, 0, SEEK_SET), EBADF);
	expect_ok(pipe(fds));
	expect_errno(lseek(fds[0], 0, SEEK_SET), ESPIPE);
	expect_errno(lseek(fds[1], 0, SEEK_CUR), ESPIPE);
	close(fds[0]);
	close(fds[1]);
	return tap_done();
}
