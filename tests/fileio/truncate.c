/*
 * tests/fileio/truncate.c: truncate and ftruncate shrink and grow files
 * (growing reads back zeros, the offset is unchanged), and fail with
 * EINVAL, EISDIR, EBADF, ENOENT as Linux does.
 */
#include "tap.h"

int main(void)
{
	char path[64], buf[8] = { 0 };
	struct stat st;
	int fd, ro;

	scratch(path, sizeof(path), "trunc");
	fd = expect_ok(open(path, O_RDWR | O_CREAT | O_TRUNC, 0644));
	write(fd, "abcdefgh", 8);
	expect_ok(ftruncate(fd, 3));
	fstat(fd, &st);
	is(st.st_size, 3, "ftruncate shrinks");
	is(lseek(fd, 0, SEEK_CUR), 8, "ftruncate leaves the offset alone");
	expect_ok(ftruncate(fd, 6));
	is(pread(fd, buf, 8, 0), 6, "ftruncate grows");
	ok(memcmp(buf, "abc\0\0\0", 6) == 0, "the grown part reads as zeros");
	expect_ok(truncate(path, 1));
	fstat(fd, &st);
	is(st.st_size, 1, "truncate by path");
	expect_errno(ftruncate(fd, -1), EINVAL);
	expect_errno(truncate(path, -1), EINVAL);
	expect_errno(truncate("/tmp", 0), EISDIR);
	expect_errno(truncate("/tmp/no-such-file", 0), ENOENT);
	ro = open(path, O_RDONLY);
	expect_errno(ftruncate(ro, 0), EINVAL);
	close(ro);
	close(fd);
	expect_errno(ftruncate(fd, 0), EBADF);
	unlink(path);
	return tap_done();
}
