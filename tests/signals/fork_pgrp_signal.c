/*
 * tests/signals/fork_pgrp_signal.c: a signal to a process group
 * reaches a child its member is forking at that moment (Linux notes
 * such "multiprocess" signals for forks in progress and gives them to
 * the child). So a SIGTERM to a group whose member forks without pause
 * kills every process of the group: no child escapes it by being born
 * meanwhile. Each child lives a second at most; one that escaped would
 * exit normally.
 */
#include "tap.h"
#include <sys/prctl.h>

/*
 * The group: fork children that wait a second, as fast as possible.
 * The raw syscall: libc's fork() blocks signals around it, and a
 * signal that comes in that window (before the kernel sees the fork)
 * would rightly not be the child's on Linux either.
 */
static void forker(void)
{
	setpgid(0, 0);
	for (;;) {
		pid_t c = syscall(SYS_fork);

		if (c == 0) {
			usleep(1000000);
			_exit(0);
		}
	}
}

/* Reap everything (we are a subreaper); count those not killed by
 * SIGTERM. */
static int escaped(void)
{
	int st, n = 0;

	pid_t w;

	while ((w = waitpid(-1, &st, 0)) > 0)
		if (!killed_by(st, SIGTERM)) {
			if (!n)
				diag("process %d escaped: status %#x", w, st);
			n++;
		}
	return n;
}

int main(void)
{
	int bad = 0;

	alarm(28);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	for (int i = 0; i < 6; i++) {
		pid_t g = fork();

		if (g == 0)
			forker();
		setpgid(g, g);
		usleep(20000 + i * 7000);
		kill(-g, SIGTERM);
		bad += escaped();
	}
	is(bad, 0, "6 groups forking as fast as they can get SIGTERM: every "
	   "process of each group dies of it");
	return tap_done();
}
