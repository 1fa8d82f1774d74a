/*
 * tests/signals/fork_pgrp_signal.c: a signal to a process group
 * reaches a child its member is forking at that moment (Linux notes
 * such "multiprocess" signals for forks in progress and gives them to
 * the child). So a SIGTERM to a group whose member forks without pause
 * leaves nobody alive: no child escapes it by being born meanwhile.
 */
#include "tap.h"
#include <sys/prctl.h>

/* The group: fork children that wait, as fast as possible. */
static void forker(void)
{
	setpgid(0, 0);
	for (;;) {
		pid_t c = fork();

		if (c == 0) {
			for (;;)
				pause();
		}
	}
}

/* Any process of group g left after dt of waiting? Kills them. */
static int survivors(pid_t g)
{
	int n = 0;

	for (int i = 0; i < 200; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (kill(-g, 0) && errno == ESRCH)
			return 0;
		usleep(10000);
	}
	if (kill(-g, 0) == 0)
		n = 1;
	kill(-g, SIGKILL);
	while (waitpid(-1, NULL, 0) > 0)
		;
	return n;
}

int main(void)
{
	int bad = 0;

	alarm(28);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	for (int i = 0; i < 15; i++) {
		pid_t g = fork();

		if (g == 0)
			forker();
		setpgid(g, g);
		usleep(20000 + (i % 5) * 7000);
		kill(-g, SIGTERM);
		bad += survivors(g);
	}
	is(bad, 0, "15 groups forking as fast as they can get SIGTERM: no "
	   "child outlives its group");
	return tap_done();
}
