/*
 * tests/clone/clone3_pidfd_parent_tid.c: CLONE_PIDFD with
 * CLONE_PARENT_SETTID. Legacy clone has one slot for both (parent_tid),
 * so the pair is always EINVAL there; clone3 has separate pidfd and
 * parent_tid fields and refuses the pair only when both point at the
 * same word (Linux's kernel_clone() check). With two addresses both
 * are written.
 */
#include "tap.h"
#include <sched.h>
#include <stdint.h>

#define CLONE_PIDFD_ 0x1000

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

int main(void)
{
	struct clone_args_ a;
	int slot = -7, fd = -7, tid = -7, st = -1;
	long pid;

	expect_errno(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_PARENT_SETTID |
			     SIGCHLD, 0, &slot, 0, 0), EINVAL);
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD_ | CLONE_PARENT_SETTID;
	a.exit_signal = SIGCHLD;
	a.pidfd = (uintptr_t)&slot;
	a.parent_tid = (uintptr_t)&slot;
	expect_errno(syscall(SYS_clone3, &a, 64), EINVAL);
	is(slot, -7, "... and nothing was written");

	a.pidfd = (uintptr_t)&fd;
	a.parent_tid = (uintptr_t)&tid;
	pid = syscall(SYS_clone3, &a, 64);
	if (pid == 0)
		_exit(4);
	ok(pid > 0, "clone3 PIDFD|PARENT_SETTID with two addresses succeeds");
	is(tid, pid, "parent_tid holds the child's pid");
	ok(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC,
	   "pidfd holds a close-on-exec descriptor");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 4), "the child ran");
	close(fd);
	return tap_done();
}
