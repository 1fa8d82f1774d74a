/*
 * tests/fileio/rw.c: read, write, readv, writev, pread64, pwrite64 on a
 * tmpfs file: data round trips, file offsets, and the error paths.
 */
#include "tap.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>

static char path[64];

static void test_read_write(void)
{
	char buf[32] = { 0 };
	int fd = expect_ok(open(path, O_RDWR | O_CREAT | O_TRUNC, 0644));

	is(write(fd, "hello world", 11), 11, "write returns the count");
	is(write(fd, "", 0), 0, "write of 0 bytes returns 0");
	is(lseek(fd, 0, SEEK_SET), 0, "rewind");
	is(read(fd, buf, 5), 5, "read 5 bytes");
	ok(memcmp(buf, "hello", 5) == 0, "read gives the data written");
	is(read(fd, buf, sizeof(buf)), 6, "read past the end is short");
	ok(memcmp(buf, " world", 6) == 0, "short read gives the tail");
	is(read(fd, buf, sizeof(buf)), 0, "read at end of file returns 0");
	is(read(fd, buf, 0), 0, "read of 0 bytes returns 0");
	close(fd);
}

static void test_bad_fds(void)
{
	char buf[4];
	int ro = expect_ok(open(path, O_RDONLY));
	int wo = expect_ok(open(path, O_WRONLY));
	int dir = expect_ok(open("/tmp", O_RDONLY | O_DIRECTORY));

	expect_errno(write(ro, "x", 1), EBADF);
	expect_errno(read(wo, buf, 1), EBADF);
	expect_errno(read(dir, buf, 1), EISDIR);
	expect_errno(read(-1, buf, 1), EBADF);
	expect_errno(write(1000, buf, 1), EBADF);
	close(ro);
	close(wo);
	close(dir);
	expect_errno(read(ro, buf, 1), EBADF);
	expect_errno(write(wo, "x", 1), EBADF);
}

static void test_vectors(void)
{
	char a[4] = { 0 }, b[16] = { 0 };
	struct iovec out[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
	struct iovec in[2] = { { a, 4 }, { b, sizeof(b) } };
	int fd = expect_ok(open(path, O_RDWR | O_TRUNC));

	is(writev(fd, out, 3), 8, "writev gathers all vectors");
	lseek(fd, 0, SEEK_SET);
	is(readv(fd, in, 2), 8, "readv scatters up to end of file");
	ok(memcmp(a, "abcd", 4) == 0, "readv fills the first vector first");
	ok(memcmp(b, "efgh", 4) == 0, "readv continues in the second");
	is(writev(fd, out, 0), 0, "writev of 0 vectors returns 0");
	expect_errno(syscall(SYS_readv, fd, in, -1), EINVAL);
	expect_errno(syscall(SYS_writev, fd, out, IOV_MAX + 1), EINVAL);
	expect_errno(syscall(SYS_readv, 999, in, 2), EBADF);
	close(fd);
}

static void test_positional(void)
{
	char buf[8] = { 0 };
	int fds[2];
	int fd = expect_ok(open(path, O_RDWR | O_TRUNC));

	write(fd, "hello world", 11);
	lseek(fd, 2, SEEK_SET);
	is(pread(fd, buf, 5, 6), 5, "pread64 at an offset");
	ok(memcmp(buf, "world", 5) == 0, "pread64 reads at the offset");
	is(lseek(fd, 0, SEEK_CUR), 2, "pread64 leaves the offset alone");
	is(pwrite(fd, "J", 1, 0), 1, "pwrite64 at offset 0");
	is(lseek(fd, 0, SEEK_CUR), 2, "pwrite64 leaves the offset alone");
	pread(fd, buf, 5, 0);
	ok(memcmp(buf, "Jello", 5) == 0, "pwrite64 wrote at the offset");
	is(pread(fd, buf, 5, 100), 0, "pread64 beyond the end returns 0");
	expect_errno(syscall(SYS_pread64, fd, buf, 1, -1L), EINVAL);
	expect_errno(syscall(SYS_pwrite64, fd, buf, 1, -1L), EINVAL);
	close(fd);
	expect_ok(pipe(fds));
	expect_errno(syscall(SYS_pread64, fds[0], buf, 1, 0L), ESPIPE);
	expect_errno(syscall(SYS_pwrite64, fds[1], buf, 1, 0L), ESPIPE);
	close(fds[0]);
	close(fds[1]);
}

/* Linux quirk (see pwrite(2) BUGS): with O_APPEND, pwrite appends. */
static void test_pwrite_append(void)
{
	struct stat st;
	int fd = expect_ok(open(path, O_WRONLY | O_TRUNC | O_APPEND));

	write(fd, "abc", 3);
	is(pwrite(fd, "Z", 1, 0), 1, "pwrite64 on O_APPEND file");
	fstat(fd, &st);
	is(st.st_size, 4, "pwrite64 with O_APPEND appends at the end");
	close(fd);
}

int main(void)
{
	scratch(path, sizeof(path), "rw");
	test_read_write();
	test_bad_fds();
	test_vectors();
	test_positional();
	test_pwrite_append();
	unlink(path);
	return tap_done();
}
