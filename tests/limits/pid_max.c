/*
 * tests/limits/pid_max.c: /proc/sys/kernel/pid_max bounds the pids
 * alloc_pid hands out; when none is free fork fails with EAGAIN; ids
 * wrap around and are reused once freed.
 */
#include "tap.h"
#include "proc.h"
#include <fcntl.h>

#define PID_MAX "/proc/sys/kernel/pid_max"

int main(void)
{
	long old = read_long(PID_MAX), limit;
	pid_t kids[200], probe;
	int made, err, below = 1;

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
	is(write_long(PID_MAX, limit), 0, "set pid_max to %ld", limit);
	is(read_long(PID_MAX), limit, "... and read it back");
	made = fork_sleepers(kids, 200, &err);
	for (int i = 0; i < made; i++)
		if (kids[i] >= limit)
			below = 0;
	ok(made > 0 && made < 200, "forks stop when no pid is left (%d made)",
	   made);
	is(err, EAGAIN, "... with EAGAIN");
	ok(below, "every pid is below pid_max");
	kill_sleepers(kids, made);
	probe = fork();
	if (probe == 0)
		_exit(0);
	ok(probe > 0 && probe < limit, "freed pids are reused (%d)", probe);
	waitpid(probe, NULL, 0);
	expect_errno(write_long(PID_MAX, 0), EINVAL);
	is(write_long(PID_MAX, old), 0, "restore pid_max");
	return tap_done();
}
