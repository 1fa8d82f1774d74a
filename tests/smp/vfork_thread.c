/*
 * tests/smp/vfork_thread.c: vfork from one thread of a process whose
 * other threads keep running on other CPUs. vfork suspends only the
 * calling thread: the siblings must make progress while the vfork child
 * still borrows the address space, and the calling thread must not
 * return from vfork before the child has exec'd or exited.
 */
#include "smp.h"
#include <pthread.h>

#define SIBLINGS 3

static volatile long progress[SIBLINGS];
static volatile int stop;

static void *sibling(void *arg)
{
	int id = (int)(long)arg;

	pin_to_cpu(id + 1);
	while (!stop) {
		__atomic_add_fetch(&progress[id], 1, __ATOMIC_RELEASE);
		sched_yield();
	}
	return NULL;
}

/* In the vfork child: every sibling must move while we wait here.
 * Only the child's own stack and _exit are safe; it sleeps with a raw
 * syscall. */
static int siblings_moved(volatile long *child_done)
{
	long start[SIBLINGS];
	struct timespec ts = { 0, 2000000 };

	for (int i = 0; i < SIBLINGS; i++)
		start[i] = progress[i];
	for (int tries = 0; tries < 2500; tries++) {
		int moved = 0;

		for (int i = 0; i < SIBLINGS; i++)
			moved += progress[i] > start[i] + 5;
		if (moved == SIBLINGS) {
			*child_done = 1;
			return 1;
		}
		syscall(SYS_nanosleep, &ts, NULL);
	}
	return 0;
}

static volatile long child_done;

static void *vforker(void *arg)
{
	volatile long rounds_ok = 0;

	(void)arg;
	pin_to_cpu(0);
	for (volatile int r = 0; r < 10; r++) {
		int status = -1;
		pid_t pid;

		child_done = 0;
		pid = vfork();
		if (pid == 0)
			_exit(siblings_moved(&child_done) ? 0 : 1);
		/* Back here only once the child is gone. */
		if (pid > 0 && child_done && waitpid(pid, &status, 0) == pid &&
		    exited_with(status, 0))
			rounds_ok++;
	}
	return (void *)rounds_ok;
}

int main(void)
{
	pthread_t s[SIBLINGS], v;
	void *rounds;

	for (int i = 0; i < SIBLINGS; i++)
		pthread_create(&s[i], NULL, sibling, (void *)(long)i);
	pthread_create(&v, NULL, vforker, NULL);
	pthread_join(v, &rounds);
	stop = 1;
	for (int i = 0; i < SIBLINGS; i++)
		pthread_join(s[i], NULL);
	ok((long)rounds == 10, "10 vforks from a thread: the siblings ran "
	   "meanwhile, the caller waited for the child (%ld rounds ok)",
	   (long)rounds);
	return tap_done();
}
