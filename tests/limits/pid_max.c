/*
 * tests/limits/pid_max.c: /proc/sys/kernel/pid_max bounds the pids
 * alloc_pid hands out; when none is free fork fails with EAGAIN; ids
 * wrap around and are reused once freed.
 */
#include "tap.h"
#include <fcntl.h>

static int write_pid_max(long v)
{
	char s[32];
	int fd = open("/proc/sys/kernel/pid_max", O_WRONLY), n;

	if (fd < 0)
		return -1;
	n = snprintf(s, sizeof(s), "%ld\n", v);
	n = write(fd, s, n) == n ? 0 : -1;
	{
		int e = errno;
		close(fd);
		errno = e;
	}
	return n;
}

static long read_pid_max(void)
{
	char s[32] = { 0 };
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);

	if (fd < 0)
		return -1;
	read(fd, s, sizeof(s) - 1);
	close(fd);
	return strtol(s, NULL, 10);
}

int main(void)
{
	long old = read_pid_max(), limit;
	pid_t kids[200], probe;
	int made = 0, err = 0, below = 1;

	ok(old >= 301, "pid_max is readable (%ld)", old);
	/* Push the pid cursor past 310 first (short-lived children). */
	do {
		probe = fork();
		if (probe == 0)
			_exit(0);
		waitpid(probe, NULL, 0);
	} while (probe > 0 && probe < 320);
	/* Past its first wrap the kernel hands out pids from 300 (Linux's
	 * RESERVED_PIDS) up to pid_max: ten of them here. */
	limit = 310;
	is(write_pid_max(limit), 0, "set pid_max to %ld", limit);
	is(read_pid_max(), limit, "... and read it back");
	for (int i = 0; i < 200; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			pause();
			_exit(0);
		}
		if (kids[i] < 0) {
			err = errno;
			break;
		}
		if (kids[i] >= limit)
			below = 0;
		made++;
	}
	ok(made > 0 && made < 200, "forks stop when no pid is left (%d made)",
	   made);
	is(err, EAGAIN, "... with EAGAIN");
	ok(below, "every pid is below pid_max");
	for (int i = 0; i < made; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	probe = fork();
	if (probe == 0)
		_exit(0);
	ok(probe > 0 && probe < limit, "freed pids are reused (%d)", probe);
	waitpid(probe, NULL, 0);
	expect_errno(write_pid_max(0), EINVAL);
	is(write_pid_max(old), 0, "restore pid_max");
	return tap_done();
}
