/*
 * tests/eventfd/eventfd.c: eventfd and eventfd2: the counter's read and
 * write rules (8-byte buffers, EFD_SEMAPHORE, the 2^64-1 ceiling),
 * blocking and non-blocking reads and writes, poll readiness, flags,
 * errors, sharing across fork, readv/writev with the 8 bytes split
 * over two segments (read: yes, write: EINVAL, as Linux 6.1), splice.
 */
#include "tap.h"
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/time.h>
#include <stdint.h>
#include <sys/uio.h>

#define MAX64 UINT64_MAX

static int efd(unsigned int init, int flags)
{
	return (int)syscall(SYS_eventfd2, init, flags);
}

static long rd(int fd, uint64_t *v) { return read(fd, v, sizeof(*v)); }
static long wr(int fd, uint64_t v) { return write(fd, &v, sizeof(v)); }

static short revents(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };

	return poll(&p, 1, 0) == 1 ? p.revents : 0;
}

static void test_flags(void)
{
	int fd;

	expect_errno(efd(0, 0x10), EINVAL);
	expect_errno(efd(0, O_RDWR), EINVAL);
	fd = expect_ok(efd(0, EFD_CLOEXEC | EFD_NONBLOCK));
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "EFD_CLOEXEC sets FD_CLOEXEC");
	ok(fcntl(fd, F_GETFL) & O_NONBLOCK, "EFD_NONBLOCK sets O_NONBLOCK");
	is(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "an eventfd is O_RDWR");
	close(fd);
	fd = expect_ok(syscall(SYS_eventfd, 3));
	is(fcntl(fd, F_GETFD), 0, "eventfd() has no FD_CLOEXEC");
	close(fd);
}

static void test_counter(void)
{
	uint64_t v = 0;
	char small[4];
	int fd = efd(5, EFD_NONBLOCK);

	expect_errno(read(fd, small, sizeof(small)), EINVAL);
	expect_errno(write(fd, small, sizeof(small)), EINVAL);
	is(rd(fd, &v), 8, "read returns 8 bytes");
	is(v, 5, "the initial value is read");
	expect_errno(rd(fd, &v), EAGAIN);
	is(wr(fd, 3), 8, "write returns 8");
	is(wr(fd, 4), 8, "a second write adds");
	v = 0;
	rd(fd, &v);
	is(v, 7, "a read takes the sum and zeroes it");
	is(wr(fd, 0), 8, "writing 0 succeeds");
	expect_errno(rd(fd, &v), EAGAIN);
	{
		char big[16] = { 0 };

		wr(fd, 9);
		is(read(fd, big, sizeof(big)), 8, "a larger buffer still reads 8");
	}
	close(fd);
}

static void test_semaphore(void)
{
	uint64_t v;
	int fd = efd(3, EFD_SEMAPHORE | EFD_NONBLOCK), i, ones = 0;

	for (i = 0; i < 3; i++) {
		v = 0;
		ones += rd(fd, &v) == 8 && v == 1;
	}
	is(ones, 3, "EFD_SEMAPHORE: each read takes 1");
	expect_errno(rd(fd, &v), EAGAIN);
	close(fd);
}

static void test_ceiling(void)
{
	uint64_t v = 0;
	int fd = efd(0, EFD_NONBLOCK);

	expect_errno(wr(fd, MAX64), EINVAL);
	is(revents(fd, POLLIN | POLLOUT), POLLOUT, "empty: POLLOUT only");
	is(wr(fd, MAX64 - 1), 8, "the counter can hold 2^64-2");
	is(revents(fd, POLLIN | POLLOUT), POLLIN, "full: POLLIN, no POLLOUT");
	expect_errno(wr(fd, 1), EAGAIN);
	rd(fd, &v);
	is(v, MAX64 - 1, "2^64-2 is read back");
	is(wr(fd, 1), 8, "after the read a write fits again");
	is(revents(fd, POLLIN | POLLOUT), POLLIN | POLLOUT,
	   "non-empty, not full: POLLIN and POLLOUT");
	close(fd);
}

static void test_faults(void)
{
	int fd = efd(1, EFD_NONBLOCK);

	expect_errno(read(fd, (void *)8, 8), EFAULT);
	expect_errno(write(fd, (void *)8, 8), EFAULT);
	expect_errno(write(fd, KERNEL_PTR, 8), EFAULT);
	is(lseek(fd, 0, SEEK_SET), 0, "lseek does nothing and says 0");
	expect_errno(pread(fd, &(uint64_t){ 0 }, 8, 0), ESPIPE);
	close(fd);
	expect_errno(rd(fd, &(uint64_t){ 0 }), EBADF);
}

/* readv/writev with the 8 bytes in two 4-byte segments. Linux 6.1 reads
 * through read_iter (copied across the segments) but writes through a
 * plain write, called per segment: 4 bytes is EINVAL. */
static void test_split_iovec(void)
{
	uint64_t v = 0, w = 0x1122334455667788ULL;
	char *p = (char *)&v;
	struct iovec rv[2] = { { p, 4 }, { p + 4, 4 } };
	struct iovec wv[2] = { { &w, 4 }, { (char *)&w + 4, 4 } };
	struct iovec one[1] = { { &w, 8 } };
	int fd = efd(0, EFD_NONBLOCK);

	expect_errno(writev(fd, wv, 2), EINVAL);
	is(readv(fd, rv, 2) < 0 ? errno : 0, EAGAIN,
	   "readv split: EAGAIN while the counter is 0");
	is(writev(fd, one, 1), 8, "writev of one 8-byte segment adds");
	is(readv(fd, rv, 2), 8, "readv split over two 4-byte segments: 8");
	ok(v == w, "... the value is copied across both segments");
	rv[1].iov_len = 3;
	is(writev(fd, one, 1), 8, "writev again");
	expect_errno(readv(fd, rv, 2), EINVAL);
	rv[0].iov_base = (void *)8;
	rv[1].iov_len = 4;
	expect_errno(readv(fd, rv, 2), EFAULT);
	expect_errno(readv(fd, rv, 2), EAGAIN);
	close(fd);
}

/* Linux 6.1's eventfd has no splice_read: splicing from it is EINVAL. */
static void test_splice(void)
{
	int fd = efd(1, EFD_NONBLOCK), p[2];
	uint64_t v = 0;

	if (pipe(p)) {
		ok(0, "pipe: %s", strerror(errno));
		return;
	}
	expect_errno(splice(fd, NULL, p[1], NULL, 8, SPLICE_F_NONBLOCK), EINVAL);
	is(rd(fd, &v), 8, "the failed splice took nothing");
	close(p[0]);
	close(p[1]);
	close(fd);
}

/* A reader blocked on an empty counter wakes when a child writes. */
static void test_blocking_read(void)
{
	uint64_t v = 0;
	int fd = efd(0, 0);
	pid_t pid = fork();

	if (pid == 0) {
		usleep(50000);
		_exit(wr(fd, 42) == 8 ? 0 : 1);
	}
	is(rd(fd, &v), 8, "a blocking read returns once written");
	is(v, 42, "the child's value arrives");
	waitpid(pid, NULL, 0);
	close(fd);
}

/* A writer blocked on a full counter wakes when a child reads. */
static void test_blocking_write(void)
{
	uint64_t v;
	int fd = efd(0, 0), status;
	pid_t pid;

	wr(fd, MAX64 - 1);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		_exit(rd(fd, &v) == 8 && v == MAX64 - 1 ? 0 : 1);
	}
	is(wr(fd, 5), 8, "a blocked write completes after a read");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the child read the full counter");
	v = 0;
	rd(fd, &v);
	is(v, 5, "the blocked write's value is there");
	close(fd);
}

static void on_alarm(int sig) { (void)sig; }

static void test_eintr(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	uint64_t v;
	int fd = efd(0, 0);

	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	expect_errno(rd(fd, &v), EINTR);
	signal(SIGALRM, SIG_DFL);
	close(fd);
}

static void test_select_and_proc(void)
{
	char link[64], path[64];
	struct timeval tv = { 5, 0 };
	fd_set rs;
	int fd = efd(0, 0);
	long n;

	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	if (fork() == 0) {
		usleep(30000);
		_exit(wr(fd, 1) != 8);
	}
	is(select(fd + 1, &rs, NULL, NULL, &tv), 1, "select wakes on a write");
	ok(FD_ISSET(fd, &rs), "the eventfd is readable");
	wait(NULL);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	is_str(link, "anon_inode:[eventfd]", "/proc/self/fd names it");
	close(fd);
}

int main(void)
{
	test_flags();
	test_counter();
	test_semaphore();
	test_ceiling();
	test_faults();
	test_split_iovec();
	test_splice();
	test_blocking_read();
	test_blocking_write();
	test_eintr();
	test_select_and_proc();
	return tap_done();
}
