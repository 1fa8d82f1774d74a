/*
 * tests/proc/pgrp.c: process groups and sessions: setpgid (self, a
 * child before and after exec, errors), getpgid/getpgrp, setsid (EPERM
 * for a group leader, a new session otherwise), getsid, and ESRCH for
 * unknown pids.
 */
#include "tap.h"
#include "proc.h"

static int pipefd[2];

static void test_setpgid(void)
{
	pid_t kid, me = getpid();
	char c;
	int st = -1;

	kid = fork();
	if (kid == 0) {
		read(pipefd[0], &c, 1);
		_exit(getpgrp() == getpid() ? 0 : 1);
	}
	expect_ok(setpgid(kid, 0));
	is(getpgid(kid), kid, "setpgid(child, 0) makes it a group leader");
	expect_ok(setpgid(kid, kid));
	write(pipefd[1], "x", 1);
	waitpid(kid, &st, 0);
	ok(exited_with(st, 0), "the child sees its new group");
	expect_errno(setpgid(-1, 0), EINVAL);
	expect_errno(setpgid(0, -1), EINVAL);
	expect_errno(setpgid(1, 0), ESRCH);	/* not our child */
	kid = fork();
	if (kid == 0) {
		execl("/bin/sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	/* Asleep in sleep(1): exec'd (200 ms were not always enough for
	 * the exec on a loaded host). */
	ok(wait_until_asleep(kid, 10000), "the child exec'd sleep");
	expect_errno(setpgid(kid, 0), EACCES);	/* it has exec'd */
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	is(getpgid(0), getpgrp(), "getpgid(0) is getpgrp()");
	expect_errno(getpgid(999999), ESRCH);
	(void)me;
}

static int new_session(void)
{
	pid_t sid;

	if (setpgid(0, 0))
		return 1;
	if (setsid() != -1 || errno != EPERM)
		return 2;		/* a group leader may not */
	if (fork() == 0) {
		sid = setsid();
		_exit(sid == getpid() && getsid(0) == sid &&
		      getpgrp() == sid ? 0 : 3);
	}
	{
		int st = -1;
		wait(&st);
		return WIFEXITED(st) ? WEXITSTATUS(st) : 4;
	}
}

static void test_sessions(void)
{
	int st = run_child(new_session);

	ok(exited_with(st, 0), "setsid: EPERM for a group leader, else a new "
	   "session and group (status %#x)", st);
	is(getsid(0), getsid(getpid()), "getsid(0) is our session");
	expect_errno(getsid(999999), ESRCH);
}

int main(void)
{
	pipe(pipefd);
	test_setpgid();
	test_sessions();
	return tap_done();
}
