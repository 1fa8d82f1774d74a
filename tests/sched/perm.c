/*
 * tests/sched/perm.c: who may change whose scheduling. An unprivileged
 * user may lower its own priority but raise it only within RLIMIT_NICE
 * and RLIMIT_RTPRIO (setpriority: EACCES; sched_*: EPERM), may not
 * touch another user's tasks (EPERM), and may still read them.
 */
#include "schedtest.h"

static int own_limits(void)
{
	struct rlimit r = { 0, 0 };
	struct sattr a = { .size = 48, .policy = SCHED_OTHER, .nice = -1 };

	if (setrlimit(RLIMIT_NICE, &r) || setrlimit(RLIMIT_RTPRIO, &r) ||
	    drop_privileges())
		return 100;
	is(setpriority(PRIO_PROCESS, 0, 5), 0, "a user may raise its nice");
	expect_errno(setpriority(PRIO_PROCESS, 0, 4), EACCES);
	is(getpriority(PRIO_PROCESS, 0), 5, "nice still 5");
	is(setpriority(PRIO_PROCESS, 0, 5), 0, "setting the same nice is fine");
	expect_errno(syscall(SYS_sched_setattr, 0, &a, 0), EPERM);
	expect_errno(setsched(0, SCHED_FIFO, 1), EPERM);
	expect_errno(setsched(0, SCHED_RR, 1), EPERM);
	is(setsched(0, SCHED_BATCH, 0), 0, "a user may pick SCHED_BATCH");
	is(setsched(0, SCHED_IDLE, 0), 0, "and SCHED_IDLE");
	expect_errno(setsched(0, SCHED_OTHER, 0), EPERM);
	return 0;
}

static int rlimits(void)
{
	struct rlimit nice = { 30, 30 }, rt = { 10, 10 };

	if (setrlimit(RLIMIT_NICE, &nice) || setrlimit(RLIMIT_RTPRIO, &rt) ||
	    drop_privileges())
		return 100;
	/* RLIMIT_NICE 30 allows nice down to 20 - 30 = -10. */
	is(setpriority(PRIO_PROCESS, 0, -10), 0, "RLIMIT_NICE 30: nice -10");
	expect_errno(setpriority(PRIO_PROCESS, 0, -11), EACCES);
	is(setsched(0, SCHED_FIFO, 10), 0, "RLIMIT_RTPRIO 10: FIFO 10");
	expect_errno(setsched(0, SCHED_FIFO, 11), EPERM);
	is(setparam(0, 3), 0, "lowering the RT priority is fine");
	is(setsched(0, SCHED_RR, 9), 0, "FIFO to RR 9 within the limit");
	is(setsched(0, SCHED_OTHER, 0), 0, "back to OTHER");
	is(setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, 0), 0,
	   "a user may set reset-on-fork");
	expect_errno(setsched(0, SCHED_OTHER, 0), EPERM);
	return 0;
}

/* Another user's (root's) task: readable, not changeable. */
static pid_t root_task;

static int others(void)
{
	unsigned long mask = 1;
	struct sched_param p;
	struct sattr a;

	if (drop_privileges())
		return 100;
	expect_errno(setpriority(PRIO_PROCESS, root_task, 10), EPERM);
	expect_errno(setsched(root_task, SCHED_BATCH, 0), EPERM);
	expect_errno(setparam(root_task, 0), EPERM);
	a = (struct sattr){ .size = 48, .policy = SCHED_OTHER, .nice = 10 };
	expect_errno(syscall(SYS_sched_setattr, root_task, &a, 0), EPERM);
	expect_errno(syscall(SYS_sched_setaffinity, root_task, sizeof(mask),
			     &mask), EPERM);
	is(getsched(root_task), SCHED_OTHER, "a user may read root's policy");
	is(syscall(SYS_sched_getparam, root_task, &p), 0, "... its param");
	is(syscall(SYS_sched_getattr, root_task, &a, 48, 0), 0, "... its attr");
	is(getpriority(PRIO_PROCESS, root_task), 0, "... its nice");
	is(syscall(SYS_sched_getaffinity, root_task, sizeof(mask), &mask),
	   sizeof(mask), "... its affinity");
	return 0;
}

int main(void)
{
	ok(exited_with(run_child(own_limits), 0), "own limits child");
	ok(exited_with(run_child(rlimits), 0), "rlimits child");
	root_task = fork();
	if (root_task == 0) {
		for (;;)
			pause();
	}
	ok(exited_with(run_child(others), 0), "other user's task child");
	kill(root_task, SIGKILL);
	waitpid(root_task, NULL, 0);
	return tap_done();
}
