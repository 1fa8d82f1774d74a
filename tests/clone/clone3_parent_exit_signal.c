/*
 * tests/clone/clone3_parent_exit_signal.c: clone3's own checks, as
 * Linux 6.1's clone3_args_valid(). A CLONE_PARENT child gets its
 * parent's parent, and the exit signal that parent expects (the
 * caller's own), so clone3 refuses CLONE_PARENT with an exit signal
 * (EINVAL), as it refuses one for CLONE_THREAD; the CSIGNAL bits of
 * flags are not flags in clone3; the stack must lie in user space.
 * The struct is read and set_tid copied before the flags are judged.
 */
#include "tap.h"
#include <sched.h>
#include <stdint.h>

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

static long clone3(struct clone_args_ *a)
{
	return syscall(SYS_clone3, a, 88);
}

/* clone3 that forks: 0 in the parent once the child exited 3, or
 * -errno. */
static long fork3(struct clone_args_ *a)
{
	int st = -1;
	long pid = clone3(a);

	if (pid == 0)
		_exit(3);
	if (pid < 0)
		return -errno;
	waitpid(pid, &st, __WALL);
	return exited_with(st, 3) ? 0 : -1000;
}

static void test_parent(void)
{
	struct clone_args_ a;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PARENT;
	a.exit_signal = SIGCHLD;
	is(fork3(&a), -EINVAL, "CLONE_PARENT with exit_signal SIGCHLD: EINVAL");
	a.exit_signal = SIGUSR1;
	is(fork3(&a), -EINVAL, "CLONE_PARENT with exit_signal SIGUSR1: EINVAL");
}

/* A CLONE_PARENT sibling is its caller's parent's child: run it in a
 * child, and reap the sibling here, with the caller's exit signal. */
static int parent_child(void)
{
	struct clone_args_ a;
	long pid;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PARENT;
	pid = clone3(&a);
	if (pid == 0)
		_exit(6);
	return pid > 0 ? 0 : 1;
}

static void test_parent_ok(void)
{
	int st = -1, n = 0;
	pid_t p = fork(), w;

	if (p == 0)
		_exit(parent_child());
	/* Both the child and its CLONE_PARENT sibling are ours. */
	while ((w = waitpid(-1, &st, 0)) > 0) {
		n++;
		if (w != p)
			ok(exited_with(st, 6), "the CLONE_PARENT sibling is our "
			   "child, reaped without __WCLONE (exit signal SIGCHLD)");
		else
			ok(exited_with(st, 0), "clone3(CLONE_PARENT) without an "
			   "exit signal succeeds");
	}
	is(n, 2, "two children reaped");
}

static void test_csignal_bits(void)
{
	struct clone_args_ a;

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	for (int bit = 0; bit < 7; bit++) {
		a.flags = 1ULL << bit;
		is(fork3(&a), -EINVAL, "flags bit %d (CSIGNAL): EINVAL", bit);
	}
}

static void test_stack(void)
{
	struct clone_args_ a;

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.stack = 0x7ffffffff000ULL - 0x1000;
	a.stack_size = 0x10000;
	is(fork3(&a), -EINVAL, "a stack reaching past user space: EINVAL");
	a.stack = 0xffff800000000000ULL;
	a.stack_size = 0x1000;
	is(fork3(&a), -EINVAL, "a kernel stack address: EINVAL");
	a.stack = ~0ULL - 0xfff;
	a.stack_size = 0x2000;
	is(fork3(&a), -EINVAL, "a stack range that wraps: EINVAL");
}

/* The struct's own checks (set_tid copied) come before the flags. */
static void test_order(void)
{
	struct clone_args_ a;

	memset(&a, 0, sizeof(a));
	a.flags = 0x400000;	/* CLONE_DETACHED: invalid for clone3 */
	a.exit_signal = SIGCHLD;
	a.set_tid = 8;		/* unmapped */
	a.set_tid_size = 1;
	is(fork3(&a), -EFAULT, "a bad set_tid pointer is EFAULT before the "
	   "flags are judged");
	a.set_tid = 0;
	a.set_tid_size = 0;
	a.exit_signal = 1ULL << 32;
	is(fork3(&a), -EINVAL, "exit_signal with high bits: EINVAL");
}

int main(void)
{
	test_parent();
	test_parent_ok();
	test_csignal_bits();
	test_stack();
	test_order();
	return tap_done();
}
