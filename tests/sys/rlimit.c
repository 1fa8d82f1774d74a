/*
 * tests/sys/rlimit.c: getrlimit, setrlimit, prlimit64: Linux's defaults,
 * setting and reading back, RLIMIT_NOFILE enforced, and EINVAL/ESRCH.
 */
#include "tap.h"
#include <sys/resource.h>

static int nofile_enforced(void)
{
	struct rlimit rl = { 5, 5 };
	int fd;

	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 2;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		if (fd >= 5)
			return 3;
	return errno == EMFILE ? 0 : 4;
}

int main(void)
{
	struct rlimit rl, old;

	expect_ok(syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl));
	is(rl.rlim_cur, 1024, "RLIMIT_NOFILE soft default is 1024");
	is(rl.rlim_max, 4096, "RLIMIT_NOFILE hard default is 4096");
	getrlimit(RLIMIT_STACK, &rl);
	is(rl.rlim_cur, 8 << 20, "RLIMIT_STACK soft default is 8 MiB");
	old = rl;
	rl.rlim_cur = 4 << 20;
	expect_ok(syscall(SYS_setrlimit, RLIMIT_STACK, &rl));
	getrlimit(RLIMIT_STACK, &rl);
	is(rl.rlim_cur, 4 << 20, "setrlimit value reads back");
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? 1 << 30 : rl.rlim_max;
	rl.rlim_max = rl.rlim_cur - 1;
	expect_errno(syscall(SYS_setrlimit, RLIMIT_STACK, &rl), EINVAL);
	expect_errno(syscall(SYS_getrlimit, 99, &rl), EINVAL);
	expect_errno(syscall(SYS_setrlimit, 99, &old), EINVAL);
	expect_ok(syscall(SYS_prlimit64, 0, RLIMIT_STACK, &old, &rl));
	is(rl.rlim_cur, 4 << 20, "prlimit64 returns the old limit");
	getrlimit(RLIMIT_STACK, &rl);
	is(rl.rlim_cur, old.rlim_cur, "prlimit64 sets the new limit");
	expect_ok(syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &rl));
	is(rl.rlim_cur, 1024, "prlimit64 by own pid reads the limit");
	expect_errno(syscall(SYS_prlimit64, 0, 99, NULL, &rl), EINVAL);
	expect_errno(syscall(SYS_prlimit64, 999999, RLIMIT_NOFILE, NULL, &rl),
		     ESRCH);
	ok(exited_with(run_child(nofile_enforced), 0),
	   "RLIMIT_NOFILE 5: the sixth open fails with EMFILE");
	return tap_done();
}
