/*
 * tests/proc/setpgid_thread.c: setpgid names a process by its leader's
 * id; a thread id is EINVAL (Linux checks thread_group_leader()),
 * while getpgid and getsid accept any thread id of the process.
 */
#include "tap.h"
#include <pthread.h>

static volatile pid_t tid;

static void *thread_fn(void *arg)
{
	(void)arg;
	tid = syscall(SYS_gettid);
	for (;;)
		pause();
	return NULL;
}

static int child(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, thread_fn, NULL))
		return 100;
	while (!tid)
		;
	expect_errno(setpgid(tid, 0), EINVAL);
	is(getpgid(tid), getpgrp(), "getpgid of a thread id: its process's "
	   "group");
	is(getsid(tid), getsid(0), "getsid of a thread id: its session");
	expect_ok(setpgid(0, 0));
	is(getpgid(tid), getpid(), "the thread moved with its process");
	return tap_done();
}

int main(void)
{
	int st = run_child(child);

	ok(exited_with(st, 0), "the checks ran in a child (status %#x)", st);
	return tap_done();
}
