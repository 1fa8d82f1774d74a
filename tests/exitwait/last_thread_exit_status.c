/*
 * tests/exitwait/last_thread_exit_status.c: a process whose threads all
 * leave with exit(2) (no exit_group) reports the code of the last
 * thread to exit, not the leader's (Linux 6.1's
 * synchronize_group_exit()): leader first, thread last gives the
 * thread's code, and the other way round the leader's.
 */
#include "tap.h"
#include <pthread.h>

static int leader_first;

static void *thread_fn(void *arg)
{
	(void)arg;
	if (leader_first)
		usleep(200000);
	syscall(SYS_exit, 3);
	return NULL;
}

static int run(int lf)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		pthread_t th;

		leader_first = lf;
		if (pthread_create(&th, NULL, thread_fn, NULL))
			_exit(100);
		if (!lf)
			usleep(200000);
		syscall(SYS_exit, 5);
	}
	waitpid(p, &st, 0);
	return st;
}

int main(void)
{
	int st;

	st = run(1);
	ok(exited_with(st, 3), "leader exits 5, then its thread 3: status is "
	   "3 (status %#x)", st);
	st = run(0);
	ok(exited_with(st, 5), "thread exits 3, then the leader 5: status is "
	   "5 (status %#x)", st);
	return tap_done();
}
