/*
 * tests/sys/sched.c: sched_yield, sched_getaffinity/sched_setaffinity on
 * the raw ABI (the return value is the mask size in bytes), and EINVAL,
 * ESRCH.
 */
#include "tap.h"
#include <sched.h>

int main(void)
{
	unsigned long mask[16];
	long n;

	is(syscall(SYS_sched_yield), 0, "sched_yield returns 0");
	memset(mask, 0, sizeof(mask));
	n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	ok(n >= 8 && n <= (long)sizeof(mask) && n % 8 == 0,
	   "sched_getaffinity returns the mask size in bytes (%ld)", n);
	ok(mask[0] & 1, "CPU 0 is in the mask");
	expect_errno(syscall(SYS_sched_getaffinity, 0, 1L, mask), EINVAL);
	expect_errno(syscall(SYS_sched_getaffinity, 0, 12L, mask), EINVAL);
	expect_errno(syscall(SYS_sched_getaffinity, 999999, sizeof(mask), mask),
		     ESRCH);
	memset(mask, 0, sizeof(mask));
	mask[0] = 1;
	expect_ok(syscall(SYS_sched_setaffinity, 0, sizeof(mask), mask));
	memset(mask, 0, sizeof(mask));
	expect_errno(syscall(SYS_sched_setaffinity, 0, sizeof(mask), mask),
		     EINVAL);
	is(sched_getcpu() >= 0, 1, "sched_getcpu gives a cpu number");
	return tap_done();
}
