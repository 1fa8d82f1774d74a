/*
 * tests/sched/nice.c: nice levels through setpriority/getpriority for
 * a process, a process group and a user; the raw getpriority answer
 * (20 - nice); clamping; errors; /proc/<pid>/stat's priority and nice.
 */
#include "schedtest.h"
#include "proc.h"

/* A child that sleeps until killed, in process group pgrp (0: own). */
static pid_t sleeper(pid_t pgrp, uid_t uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, pgrp);
		if (uid && setresuid(uid, uid, uid))
			_exit(1);
		for (;;)
			pause();
	}
	setpgid(pid, pgrp ? pgrp : pid);
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static int process(void)
{
	pid_t me = getpid();

	is(rawgetprio(PRIO_PROCESS, 0), 20, "raw getpriority is 20 - nice");
	is(setpriority(PRIO_PROCESS, 0, 5), 0, "nice 5");
	is(getpriority(PRIO_PROCESS, 0), 5, "getpriority 5");
	is(rawgetprio(PRIO_PROCESS, me), 15, "raw answer 15");
	is(stat_field(me, 18), 25, "stat priority 25");
	is(stat_field(me, 19), 5, "stat nice 5");
	is(setpriority(PRIO_PROCESS, 0, 100), 0, "nice 100 ...");
	is(getpriority(PRIO_PROCESS, 0), 19, "... is clamped to 19");
	is(setpriority(PRIO_PROCESS, 0, -100), 0, "nice -100 (root) ...");
	is(getpriority(PRIO_PROCESS, 0), -20, "... is clamped to -20");
	is(stat_field(me, 18), 0, "stat priority 0");
	errno = 0;
	is(nice(5), -15, "nice(5) from -20");
	is(setpriority(PRIO_PROCESS, 0, 0), 0, "back to 0");
	expect_errno(setpriority(3, 0, 0), EINVAL);
	expect_errno(setpriority(-1, 0, 0), EINVAL);
	expect_errno(rawgetprio(3, 0), EINVAL);
	expect_errno(setpriority(PRIO_PROCESS, 999999, 0), ESRCH);
	expect_errno(rawgetprio(PRIO_PROCESS, 999999), ESRCH);
	expect_errno(setpriority(PRIO_PGRP, 999999, 0), ESRCH);
	expect_errno(rawgetprio(PRIO_PGRP, 999999), ESRCH);
	expect_errno(setpriority(PRIO_USER, 4242, 0), ESRCH);
	expect_errno(rawgetprio(PRIO_USER, 4242), ESRCH);
	return 0;
}

/* A nice level is per thread; a forked child inherits it. */
static int inherit(void)
{
	int st;
	pid_t pid;

	setpriority(PRIO_PROCESS, 0, 3);
	pid = fork();
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 3 ? 0 : 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "a child inherits nice 3");
	pid = sleeper(0, 0);
	is(setpriority(PRIO_PROCESS, pid, 11), 0, "set a child's nice");
	is(getpriority(PRIO_PROCESS, 0), 3, "ours is unchanged");
	is(getpriority(PRIO_PROCESS, pid), 11, "the child's is 11");
	is(stat_field(pid, 19), 11, "its stat says 11");
	reap(pid);
	return 0;
}

static int group(void)
{
	pid_t a = sleeper(0, 0), b = sleeper(a, 0), c = sleeper(0, 0);

	is(setpriority(PRIO_PGRP, a, 8), 0, "PRIO_PGRP sets a group");
	is(getpriority(PRIO_PROCESS, a), 8, "member a has 8");
	is(getpriority(PRIO_PROCESS, b), 8, "member b has 8");
	is(getpriority(PRIO_PROCESS, c), 0, "an outsider keeps 0");
	is(setpriority(PRIO_PROCESS, b, 2), 0, "b to 2");
	is(rawgetprio(PRIO_PGRP, a), 18, "PRIO_PGRP reports the lowest nice");
	reap(a);
	reap(b);
	reap(c);
	return 0;
}

static int user(void)
{
	pid_t a = sleeper(0, 4242), b = sleeper(0, 4242), c = sleeper(0, 0);

	/* Wait until both have switched to uid 4242: each pauses once it
	 * has (a fixed 20 ms after the first one was not always enough
	 * for the second on a loaded host). */
	ok(wait_until_asleep(a, 10000) && wait_until_asleep(b, 10000),
	   "both children of uid 4242 wait");
	is(setpriority(PRIO_USER, 4242, 6), 0, "PRIO_USER sets a user");
	is(getpriority(PRIO_PROCESS, a), 6, "a has 6");
	is(getpriority(PRIO_PROCESS, b), 6, "b has 6");
	is(getpriority(PRIO_PROCESS, c), 0, "root's child keeps 0");
	is(getpriority(PRIO_USER, 4242), 6, "getpriority PRIO_USER");
	reap(a);
	reap(b);
	reap(c);
	return 0;
}

int main(void)
{
	ok(exited_with(run_child(process), 0), "process child");
	ok(exited_with(run_child(inherit), 0), "inherit child");
	ok(exited_with(run_child(group), 0), "group child");
	ok(exited_with(run_child(user), 0), "user child");
	return tap_done();
}
