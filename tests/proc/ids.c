/*
 * tests/proc/ids.c: getpid, getppid, gettid in a process and its child,
 * and pids of successive children are distinct.
 */
#include "tap.h"

int main(void)
{
	pid_t me = getpid(), pids[3];
	int fds[2], status, i;
	pid_t info[2];

	ok(me > 1, "getpid is above 1 (1 is init)");
	is(syscall(SYS_gettid), me, "gettid equals getpid in a one-thread process");
	ok(getppid() > 0, "getppid is positive");
	pipe(fds);
	pids[0] = fork();
	if (pids[0] == 0) {
		info[0] = getppid();
		info[1] = (pid_t)syscall(SYS_gettid);
		write(fds[1], info, sizeof(info));
		_exit(getpid() == info[1] ? 0 : 1);
	}
	read(fds[0], info, sizeof(info));
	waitpid(pids[0], &status, 0);
	is(info[0], me, "the child's getppid is the parent's pid");
	is(info[1], pids[0], "the child's gettid is its pid");
	ok(exited_with(status, 0), "in the child, getpid equals gettid");
	for (i = 1; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(0);
		waitpid(pids[i], NULL, 0);
	}
	ok(pids[0] != pids[1] && pids[1] != pids[2] && pids[0] != pids[2] &&
	   pids[1] != me && pids[2] != me, "every new process gets a new pid");
	return tap_done();
}
