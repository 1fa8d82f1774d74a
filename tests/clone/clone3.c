/*
 * tests/clone/clone3.c: clone3's extensible struct (VER0/1/2 sizes, too
 * small EINVAL, larger than a page E2BIG, non-zero tail E2BIG), its own
 * flag rules (exit_signal, stack and stack_size together, set_tid
 * shape, CLONE_CLEAR_SIGHAND), a child on a new stack.
 */
#include "tap.h"
#include <sched.h>
#include <stdint.h>
#include <string.h>

#define CLONE_CLEAR_SIGHAND_ 0x100000000ULL

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

static long clone3(struct clone_args_ *a, size_t size)
{
	return syscall(SYS_clone3, a, size);
}

/* Fork-like clone3 of the given size; the child exits 3. */
static int fork3(size_t size, struct clone_args_ *a)
{
	int status = -1;
	long pid = clone3(a, size);

	if (pid == 0)
		_exit(3);
	if (pid < 0)
		return -errno;
	waitpid(pid, &status, 0);
	return exited_with(status, 3) ? 0 : -1000;
}

static void test_sizes(void)
{
	static char big[8192];
	struct clone_args_ a;

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	is(fork3(64, &a), 0, "size 64 (VER0)");
	is(fork3(80, &a), 0, "size 80 (VER1)");
	is(fork3(88, &a), 0, "size 88 (VER2)");
	is(fork3(63, &a), -EINVAL, "size 63: EINVAL");
	is(fork3(0, &a), -EINVAL, "size 0: EINVAL");
	memset(big, 0, sizeof(big));
	memcpy(big, &a, sizeof(a));
	is(fork3(4096, (struct clone_args_ *)big), 0, "a page with a zero tail");
	is(fork3(4097, (struct clone_args_ *)big), -E2BIG, "more than a page: E2BIG");
	big[200] = 1;
	is(fork3(256, (struct clone_args_ *)big), -E2BIG, "a non-zero tail: E2BIG");
	expect_errno(clone3(NULL, 64), EFAULT);
}

static void test_flags(void)
{
	struct clone_args_ a;
	pid_t tids[1] = { 0 };

	memset(&a, 0, sizeof(a));
	a.exit_signal = 65;
	is(fork3(64, &a), -EINVAL, "exit_signal 65: EINVAL");
	a.exit_signal = SIGCHLD;
	a.flags = 0x400000;	/* CLONE_DETACHED */
	is(fork3(64, &a), -EINVAL, "CLONE_DETACHED: EINVAL for clone3");
	a.flags = CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND_;
	is(fork3(64, &a), -EINVAL, "CLEAR_SIGHAND with SIGHAND: EINVAL");
	a.flags = 0;
	a.stack = 0x1000;
	is(fork3(64, &a), -EINVAL, "stack without stack_size: EINVAL");
	a.stack = 0;
	a.stack_size = 4096;
	is(fork3(64, &a), -EINVAL, "stack_size without stack: EINVAL");
	a.stack_size = 0;
	a.set_tid_size = 1;
	is(fork3(80, &a), -EINVAL, "set_tid_size without set_tid: EINVAL");
	a.set_tid_size = 0;
	a.set_tid = (uintptr_t)tids;
	is(fork3(80, &a), -EINVAL, "set_tid without set_tid_size: EINVAL");
	a.set_tid = 0;
	a.flags = 1ULL << 40;
	is(fork3(64, &a), -EINVAL, "an unknown flag: EINVAL");
	a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
	a.exit_signal = SIGCHLD;
	is(fork3(64, &a), -EINVAL, "CLONE_THREAD with an exit signal: EINVAL");
}

static void on_usr1(int sig) { (void)sig; }

static void test_clear_sighand(void)
{
	struct clone_args_ a;
	int status = -1;
	long pid;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.flags = CLONE_CLEAR_SIGHAND_;
	pid = clone3(&a, 64);
	if (pid == 0) {
		struct sigaction s1, s2;
		sigaction(SIGUSR1, NULL, &s1);
		sigaction(SIGUSR2, NULL, &s2);
		_exit(s1.sa_handler == SIG_DFL && s2.sa_handler == SIG_IGN ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0),
	   "CLONE_CLEAR_SIGHAND: handlers reset, ignored stays ignored");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

int main(void)
{
	test_sizes();
	test_flags();
	test_clear_sighand();
	return tap_done();
}
