/*
 * tests/splice/splice.c: splice (file to pipe, pipe to file, pipe to
 * pipe, sockets), tee, vmsplice, copy_file_range, fadvise64, readahead
 * and sendfile into a pipe: data, offsets and file positions,
 * SPLICE_F_NONBLOCK, EPIPE, and Linux's EINVAL/ESPIPE/EBADF/EXDEV rules.
 */
#include "tap.h"
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>

#define SPLICE_F_NONBLOCK 2
#define SPLICE_F_MORE 4
#define N 10000

static char data[N];

static long splice_k(int in, loff_t *offin, int out, loff_t *offout,
		     size_t len, unsigned flags)
{
	return syscall(SYS_splice, in, offin, out, offout, len, flags);
}

static long tee_k(int in, int out, size_t len, unsigned flags)
{
	return syscall(SYS_tee, in, out, len, flags);
}

static long vmsplice_k(int fd, const struct iovec *iov, unsigned long nr,
		       unsigned flags)
{
	return syscall(SYS_vmsplice, fd, iov, nr, flags);
}

static long cfr(int in, loff_t *offin, int out, loff_t *offout, size_t len,
		unsigned flags)
{
	return syscall(SYS_copy_file_range, in, offin, out, offout, len, flags);
}

static int make_file(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd >= 0 && write(fd, data, N) != N) {
		close(fd);
		return -1;
	}
	return fd;
}

static void test_file_pipe(void)
{
	char path[64], out_path[64], buf[N];
	int fd = make_file(scratch(path, sizeof(path), "splice-in"));
	int out = open(scratch(out_path, sizeof(out_path), "splice-out"),
		       O_RDWR | O_CREAT | O_TRUNC, 0600);
	loff_t off = 100;
	int p[2];

	if (fd < 0 || out < 0 || pipe(p)) {
		ok(0, "setup");
		return;
	}
	lseek(fd, 7, SEEK_SET);
	is(splice_k(fd, &off, p[1], NULL, 5000, 0), 5000, "file to pipe");
	is(off, 5100, "the offset moves");
	is(lseek(fd, 0, SEEK_CUR), 7, "the file position does not");
	is(read(p[0], buf, sizeof(buf)), 5000, "the pipe holds it");
	ok(!memcmp(buf, data + 100, 5000), "the right bytes");
	is(splice_k(fd, NULL, p[1], NULL, 3, SPLICE_F_MORE), 3, "without an offset");
	is(lseek(fd, 0, SEEK_CUR), 10, "the file position moves");
	off = N - 10;
	is(splice_k(fd, &off, p[1], NULL, 100, 0), 10, "stops at end of file");
	is(splice_k(fd, &off, p[1], NULL, 100, 0), 0, "then 0");
	/* Pipe to file, at an offset. */
	off = 1000;
	is(splice_k(p[0], NULL, out, &off, 100, 0), 13, "pipe to file");
	is(off, 1013, "the output offset moves");
	is(pread(out, buf, 13, 1000), 13, "written there");
	ok(!memcmp(buf, data + 7, 3) && !memcmp(buf + 3, data + N - 10, 10),
	   "in order");
	is(lseek(out, 0, SEEK_CUR), 0, "the output position does not move");
	expect_errno(splice_k(p[0], NULL, out, NULL, 10, SPLICE_F_NONBLOCK),
		     EAGAIN);
	/* A full pipe: SPLICE_F_NONBLOCK gives EAGAIN. */
	while (splice_k(fd, &(loff_t){ 0 }, p[1], NULL, N, SPLICE_F_NONBLOCK) > 0)
		;
	expect_errno(splice_k(fd, &(loff_t){ 0 }, p[1], NULL, N,
			      SPLICE_F_NONBLOCK), EAGAIN);
	close(p[1]);
	while (splice_k(p[0], NULL, out, NULL, N, 0) > 0)
		;
	is(splice_k(p[0], NULL, out, NULL, N, 0), 0, "no writer: 0");
	close(p[0]);
	if (pipe(p) == 0) {
		signal(SIGPIPE, SIG_IGN);
		close(p[0]);
		expect_errno(splice_k(fd, &(loff_t){ 0 }, p[1], NULL, 10, 0), EPIPE);
		signal(SIGPIPE, SIG_DFL);
		close(p[1]);
	}
	close(fd);
	close(out);
	unlink(path);
	unlink(out_path);
}

static void test_errors(void)
{
	char path[64];
	int fd = make_file(scratch(path, sizeof(path), "splice-err"));
	int ro = open(path, O_RDONLY), app = open(path, O_WRONLY | O_APPEND);
	int p[2], q[2];
	loff_t off = 0;

	if (pipe(p) || pipe(q))
		return;
	is(splice_k(-1, NULL, -1, NULL, 0, 0), 0, "len 0: 0 before anything");
	expect_errno(splice_k(fd, NULL, p[1], NULL, 1, 0x10), EINVAL);
	expect_errno(splice_k(-1, NULL, p[1], NULL, 1, 0), EBADF);
	expect_errno(splice_k(fd, NULL, -1, NULL, 1, 0), EBADF);
	expect_errno(splice_k(fd, NULL, ro, NULL, 1, 0), EBADF);
	expect_errno(splice_k(p[1], NULL, fd, NULL, 1, 0), EBADF);
	expect_errno(splice_k(fd, NULL, fd, NULL, 1, 0), EINVAL);
	expect_errno(splice_k(fd, NULL, p[1], &off, 1, 0), ESPIPE);
	expect_errno(splice_k(p[0], &off, fd, NULL, 1, 0), ESPIPE);
	expect_errno(splice_k(p[0], NULL, p[1], NULL, 1, 0), EINVAL);
	expect_errno(splice_k(p[0], NULL, q[1], &off, 1, 0), ESPIPE);
	expect_errno(splice_k(fd, KERNEL_PTR, p[1], NULL, 1, 0), EFAULT);
	write(p[1], "x", 1);
	expect_errno(splice_k(p[0], NULL, app, NULL, 1, 0), EINVAL);
	expect_errno(tee_k(p[0], fd, 1, 0), EINVAL);
	expect_errno(tee_k(p[0], p[1], 1, 0), EINVAL);
	expect_errno(tee_k(p[0], q[1], 1, 0x10), EINVAL);
	expect_errno(tee_k(p[1], q[1], 1, 0), EBADF);
	is(tee_k(-1, -1, 0, 0), 0, "tee: len 0 is 0");
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(fd);
	close(ro);
	close(app);
	unlink(path);
}

static void test_pipe_pipe_and_tee(void)
{
	int a[2], b[2], c[2];
	char buf[64];

	if (pipe(a) || pipe(b) || pipe(c))
		return;
	write(a[1], "hello world", 11);
	is(tee_k(a[0], b[1], 5, 0), 5, "tee copies");
	is(tee_k(a[0], c[1], 100, 0), 11, "up to what is queued");
	is(read(b[0], buf, sizeof(buf)), 5, "the copy");
	ok(!memcmp(buf, "hello", 5), "its bytes");
	is(splice_k(a[0], NULL, b[1], NULL, 6, 0), 6, "pipe to pipe moves");
	is(read(a[0], buf, sizeof(buf)), 5, "and consumes");
	ok(!memcmp(buf, "world", 5), "the rest stays");
	is(read(b[0], buf, sizeof(buf)), 6, "moved");
	ok(!memcmp(buf, "hello ", 6), "in order");
	is(read(c[0], buf, sizeof(buf)), 11, "tee left the source intact");
	expect_errno(tee_k(a[0], b[1], 10, SPLICE_F_NONBLOCK), EAGAIN);
	expect_errno(splice_k(a[0], NULL, b[1], NULL, 10, SPLICE_F_NONBLOCK),
		     EAGAIN);
	close(a[1]);
	is(tee_k(a[0], b[1], 10, 0), 0, "tee: no writer, 0");
	is(splice_k(a[0], NULL, b[1], NULL, 10, 0), 0, "splice: no writer, 0");
	signal(SIGPIPE, SIG_IGN);
	close(c[0]);
	if (pipe(a) == 0) {
		write(a[1], "z", 1);
		expect_errno(splice_k(a[0], NULL, c[1], NULL, 1, 0), EPIPE);
		close(a[0]);
		close(a[1]);
	}
	signal(SIGPIPE, SIG_DFL);
	close(b[0]);
	close(b[1]);
	close(c[1]);
}

static void test_vmsplice(void)
{
	char one[] = "vm", two[] = "splice", buf[16] = { 0 }, big[4096];
	struct iovec iov[2] = { { one, 2 }, { two, 6 } };
	struct iovec in[2] = { { buf, 3 }, { buf + 3, 13 } };
	int p[2], fd;
	long n;

	if (pipe(p))
		return;
	is(vmsplice_k(p[1], iov, 2, 0), 8, "vmsplice to a pipe's write end");
	is(vmsplice_k(p[0], in, 2, 0), 8, "vmsplice from its read end");
	is_str(buf, "vmsplice", "the bytes");
	expect_errno(vmsplice_k(p[0], in, 2, SPLICE_F_NONBLOCK), EAGAIN);
	expect_errno(vmsplice_k(p[1], iov, 2, 0x10), EINVAL);
	expect_errno(vmsplice_k(-1, iov, 2, 0), EBADF);
	fd = open("/proc/self/stat", O_RDONLY);
	expect_errno(vmsplice_k(fd, in, 2, 0), EBADF);
	close(fd);
	is(vmsplice_k(p[1], iov, 0, 0), 0, "no segments: 0");
	memset(big, 'b', sizeof(big));
	iov[0].iov_base = big;
	iov[0].iov_len = sizeof(big);
	n = 0;
	while (vmsplice_k(p[1], iov, 1, SPLICE_F_NONBLOCK) > 0 && n < 10000)
		n++;
	expect_errno(vmsplice_k(p[1], iov, 1, SPLICE_F_NONBLOCK), EAGAIN);
	close(p[0]);
	close(p[1]);
}

static void test_socket(void)
{
	char path[64], buf[64];
	int fd = make_file(scratch(path, sizeof(path), "splice-sock"));
	int sv[2], p[2];
	loff_t off = 20;

	if (fd < 0 || pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return;
	is(splice_k(fd, &off, p[1], NULL, 30, 0), 30, "file to pipe");
	is(splice_k(p[0], NULL, sv[0], NULL, 30, 0), 30, "pipe to a socket");
	is(read(sv[1], buf, sizeof(buf)), 30, "the peer reads it");
	ok(!memcmp(buf, data + 20, 30), "the bytes");
	write(sv[1], "from socket", 11);
	is(splice_k(sv[0], NULL, p[1], NULL, 64, 0), 11, "a socket to a pipe");
	is(read(p[0], buf, sizeof(buf)), 11, "queued");
	ok(!memcmp(buf, "from socket", 11), "its bytes");
	off = 0;
	expect_errno(splice_k(sv[0], &off, p[1], NULL, 1, 0), EINVAL);
	is(sendfile(p[1], fd, &off, 100), 100, "sendfile into a pipe");
	is(read(p[0], buf, 64), 64, "readable");
	ok(!memcmp(buf, data, 64), "the file's bytes");
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink(path);
}

static void test_copy_file_range(void)
{
	char a[64], b[64], c[64], buf[N];
	int in = make_file(scratch(a, sizeof(a), "cfr-in"));
	int out = open(scratch(b, sizeof(b), "cfr-out"), O_RDWR | O_CREAT |
		       O_TRUNC, 0600);
	int app = open(b, O_WRONLY | O_APPEND), p[2];
	int shm = open("/dev/shm/cfr-other", O_RDWR | O_CREAT | O_TRUNC, 0600);
	loff_t oin = 10, oout = 5;

	(void)c;
	if (in < 0 || out < 0 || pipe(p))
		return;
	is(cfr(in, &oin, out, &oout, 1000, 0), 1000, "copy_file_range");
	ok(oin == 1010 && oout == 1005, "both offsets move");
	is(lseek(in, 0, SEEK_CUR), N, "positions do not");
	is(pread(out, buf, 1000, 5), 1000, "the copy");
	ok(!memcmp(buf, data + 10, 1000), "its bytes");
	lseek(in, N - 4, SEEK_SET);
	lseek(out, 0, SEEK_SET);
	is(cfr(in, NULL, out, NULL, 100, 0), 4, "cut at the end of the input");
	ok(lseek(in, 0, SEEK_CUR) == N && lseek(out, 0, SEEK_CUR) == 4,
	   "file positions move without offsets");
	is(cfr(in, NULL, out, NULL, 100, 0), 0, "at the end: 0");
	expect_errno(cfr(in, NULL, out, NULL, 1, 1), EINVAL);
	expect_errno(cfr(-1, NULL, out, NULL, 1, 0), EBADF);
	expect_errno(cfr(in, NULL, app, NULL, 1, 0), EBADF);
	expect_errno(cfr(p[0], NULL, out, NULL, 1, 0), EINVAL);
	expect_errno(cfr(in, NULL, p[1], NULL, 1, 0), EINVAL);
	{
		int dir = open("/tmp", O_RDONLY | O_DIRECTORY);

		expect_errno(cfr(dir, NULL, out, NULL, 1, 0), EISDIR);
		close(dir);
	}
	oin = 0;
	oout = 10;
	expect_errno(cfr(in, &oin, in, &oout, 100, 0), EINVAL);
	oout = 200;
	is(cfr(in, &oin, in, &oout, 100, 0), 100, "within one file, no overlap");
	oin = 0;
	if (shm >= 0) {
		expect_errno(cfr(in, &oin, shm, NULL, 10, 0), EXDEV);
		close(shm);
		unlink("/dev/shm/cfr-other");
	}
	close(p[0]);
	close(p[1]);
	close(in);
	close(out);
	close(app);
	unlink(a);
	unlink(b);
}

static void test_fadvise_readahead(void)
{
	char path[64];
	int fd = make_file(scratch(path, sizeof(path), "fadvise"));
	int wo = open(path, O_WRONLY), p[2];

	if (fd < 0 || pipe(p))
		return;
	expect_ok(syscall(SYS_fadvise64, fd, 0, 100, 0));
	expect_ok(syscall(SYS_fadvise64, fd, 0, 0, 4));
	expect_errno(syscall(SYS_fadvise64, fd, 0, 100, 6), EINVAL);
	expect_errno(syscall(SYS_fadvise64, fd, 0L, -1L, 0), EINVAL);
	expect_errno(syscall(SYS_fadvise64, p[0], 0, 100, 0), ESPIPE);
	expect_errno(syscall(SYS_fadvise64, -1, 0, 100, 0), EBADF);
	expect_ok(syscall(SYS_readahead, fd, 0, 4096));
	expect_errno(syscall(SYS_readahead, p[0], 0, 4096), EINVAL);
	expect_errno(syscall(SYS_readahead, wo, 0, 4096), EBADF);
	expect_errno(syscall(SYS_readahead, -1, 0, 4096), EBADF);
	close(p[0]);
	close(p[1]);
	close(wo);
	close(fd);
	unlink(path);
}

int main(void)
{
	for (int i = 0; i < N; i++)
		data[i] = (char)(i * 7 + i / 251);
	test_file_pipe();
	test_errors();
	test_pipe_pipe_and_tee();
	test_vmsplice();
	test_socket();
	test_copy_file_range();
	test_fadvise_readahead();
	return tap_done();
}
