/*
 * tests/smp/exit_wait_race.c: a parent waits for children whose
 * threads are exiting at that very moment on other CPUs. Either the
 * leader leaves first (SYS_exit) and the last thread to go ends the
 * process with exit_group, or one thread calls exit_group while the
 * others are still running. wait must report each child exactly once,
 * with the status of the exit_group, and only once all its threads are
 * gone; nothing may be left to reap.
 */
#include "smp.h"
#include <pthread.h>

#define CHILDREN 40
#define THREADS 3

static volatile int go;

static void *thread_body(void *arg)
{
	long code = (long)arg;

	pin_to_cpu((int)code);
	while (!go)
		sched_yield();
	if (code == THREADS)
		syscall(SYS_exit_group, 40 + (int)code);	/* the last */
	syscall(SYS_exit, 0);
	return NULL;
}

/* The child: THREADS threads; how it ends depends on mode. */
static __attribute__((noreturn)) void child(int mode)
{
	pthread_t t;

	for (long i = 1; i <= THREADS; i++)
		pthread_create(&t, NULL, thread_body, (void *)i);
	go = 1;
	if (mode == 0)
		syscall(SYS_exit, 0);	/* leader first; thread 3 ends it */
	for (;;)
		sched_yield();		/* exit_group from thread 3 */
}

int main(void)
{
	int bad = 0, status;

	for (int i = 0; i < CHILDREN; i++) {
		pid_t pid = fork();

		if (pid == 0)
			child(i % 2);
		status = -1;
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !exited_with(status, 40 + THREADS)) {
			if (bad++ < 5)
				diag("child %d: status %#x", i, status);
		}
		if (waitpid(-1, &status, WNOHANG) != -1 || errno != ECHILD)
			bad++;
	}
	ok(bad == 0, "%d children ended by threads exiting on other CPUs: "
	   "each reaped once, with the exit_group status", CHILDREN);
	return tap_done();
}
