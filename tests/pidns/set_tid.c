/*
 * tests/pidns/set_tid.c: clone3's set_tid, one id per namespace level
 * from the child's own namespace outwards: honoured at every level,
 * EEXIST when taken; EINVAL for more entries than levels, for ids
 * outside [1, pid_max), and for an id other than 1 in a namespace that
 * has no init yet; such failures leave a fresh namespace usable. (We
 * run as root, so the capability checks pass.)
 */
#include "tap.h"
#include <sched.h>
#include <stdint.h>

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

/* clone3 like fork with set_tid; the child exits with code from fn. */
static long clone3_tids(uint64_t flags, pid_t *tids, size_t n,
			int (*fn)(void))
{
	struct clone_args_ a;
	long pid;

	memset(&a, 0, sizeof(a));
	a.flags = flags;
	a.exit_signal = SIGCHLD;
	a.set_tid = (uintptr_t)tids;
	a.set_tid_size = n;
	pid = syscall(SYS_clone3, &a, sizeof(a));
	if (pid == 0)
		_exit(fn ? fn() : 0);
	return pid;
}

static int reap(long pid)
{
	int status = -1;

	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	return status;
}

static int is_init(void)
{
	return getpid() == 1 ? 0 : 1;
}

static int read_pid_max(void)
{
	char buf[32] = { 0 };
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		return 32768;
	close(fd);
	return atoi(buf);
}

/* A pid number no process uses now, counting down from near pid_max. */
static pid_t free_pid(int pid_max)
{
	for (pid_t p = pid_max - 1000; p > 1000; p--)
		if (kill(p, 0) < 0 && errno == ESRCH)
			return p;
	return -1;
}

static void test_levels(void)
{
	int pid_max = read_pid_max();
	pid_t tids[3], want = free_pid(pid_max);
	long pid;

	tids[0] = want;
	pid = clone3_tids(0, tids, 1, NULL);
	is(pid, want, "set_tid {%d}: the child gets that pid", (int)want);
	reap(pid);
	tids[0] = 1;
	pid = clone3_tids(CLONE_NEWPID, tids, 1, is_init);
	ok(pid > 1 && exited_with(reap(pid), 0),
	   "CLONE_NEWPID with set_tid {1}: pid 1 inside");
	want = free_pid(pid_max);
	tids[0] = 1;
	tids[1] = want;
	pid = clone3_tids(CLONE_NEWPID, tids, 2, is_init);
	is(pid, want, "CLONE_NEWPID with set_tid {1, %d}: both levels", (int)want);
	ok(exited_with(reap(pid), 0), "and pid 1 inside");
}

static void test_errors(void)
{
	int pid_max = read_pid_max();
	pid_t tids[40] = { 0 };

	tids[0] = getpid();
	expect_errno(clone3_tids(0, tids, 1, NULL), EEXIST);
	tids[0] = 1;
	expect_errno(clone3_tids(0, tids, 1, NULL), EEXIST);
	tids[0] = free_pid(pid_max);
	tids[1] = free_pid(pid_max);
	expect_errno(clone3_tids(0, tids, 2, NULL), EINVAL);
	expect_errno(clone3_tids(CLONE_NEWPID, tids, 3, NULL), EINVAL);
	tids[0] = 0;
	expect_errno(clone3_tids(0, tids, 1, NULL), EINVAL);
	tids[0] = -5;
	expect_errno(clone3_tids(0, tids, 1, NULL), EINVAL);
	tids[0] = pid_max;
	expect_errno(clone3_tids(0, tids, 1, NULL), EINVAL);
	tids[0] = 2;
	expect_errno(clone3_tids(CLONE_NEWPID, tids, 1, NULL), EINVAL);
	tids[0] = 1;
	tids[1] = getpid();
	expect_errno(clone3_tids(CLONE_NEWPID, tids, 2, NULL), EEXIST);
	expect_errno(clone3_tids(0, tids, 33, NULL), EINVAL);
}

/* After unshare(CLONE_NEWPID), failed set_tid clones do not use up the
 * namespace: the next fork is still its pid 1. */
static int failed_first(void)
{
	pid_t tids[2] = { 1, getpid() }, pid;

	if (unshare(CLONE_NEWPID))
		return 100;
	expect_errno(clone3_tids(0, tids, 2, NULL), EEXIST);
	tids[0] = 2;
	tids[1] = 0;
	expect_errno(clone3_tids(0, tids, 1, NULL), EINVAL);
	pid = fork();
	if (pid == 0)
		_exit(is_init());
	ok(exited_with(reap(pid), 0), "then fork makes pid 1 of the namespace");
	return tap_failures;
}

int main(void)
{
	test_levels();
	test_errors();
	ok(exited_with(run_child(failed_first), 0),
	   "failed set_tid clones into a new namespace leave it usable");
	return tap_done();
}
