/*
 * tests/threads/stress.c: the "done when" case: 64 threads of
 * one process fork, vfork and exec concurrently; every child is
 * accounted for and the process (and, by the runner's MemFree check,
 * the kernel) ends with nothing leaked.
 */
#include "tap.h"
#include <pthread.h>

#define THREADS 64
/* One round each: three took Linux 20 s of the runner's 30 s limit in
 * make check-smp on a loaded host (every fork and exec there sends TLB
 * shootdowns to virtual CPUs the host may not be running). */
#define ROUNDS 1

static int failures[THREADS];

static void *worker(void *arg)
{
	int id = (int)(long)arg, status = -1;
	pid_t pid;

	for (int r = 0; r < ROUNDS; r++) {
		pid = fork();
		if (pid == 0)
			_exit(id & 0x7f);
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !exited_with(status, id & 0x7f)) {
			diag("thread %d: fork %d, status %#x, errno %d", id,
			     pid, status, errno);
			failures[id]++;
		}
		pid = vfork();
		if (pid == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !exited_with(status, 0)) {
			diag("thread %d: vfork %d, status %#x, errno %d", id,
			     pid, status, errno);
			failures[id]++;
		}
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	int started = 0, failed = 0;

	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)(long)i) == 0)
			started++;
	is(started, THREADS, "64 threads started");
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++)
		failed += failures[i];
	is(failed, 0, "every fork, vfork+exec and wait of every thread worked");
	expect_errno(waitpid(-1, NULL, WNOHANG), ECHILD);
	return tap_done();
}
