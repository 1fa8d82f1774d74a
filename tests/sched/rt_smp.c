/*
 * tests/sched/rt_smp.c: real-time tasks use every CPU. As many
 * SCHED_FIFO spinners as there are CPUs all make progress at once (on
 * one CPU the first would starve the others), whether they started
 * there (fork placement), were woken there, or had to be pulled. Skips
 * on one CPU.
 */
#include "schedtest.h"
#include <time.h>

#define MAXCPU 16

static volatile long *counts;

static void __attribute__((noreturn)) spin(int i)
{
	for (;;)
		counts[i]++;
}

int main(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), before[MAXCPU];
	struct timespec t = { 0, 300000000 };
	pid_t kids[MAXCPU];
	int n, stalled = 0;

	if (ncpu < 2) {
		ok(1, "one CPU: nothing to spread # SKIP");
		return tap_done();
	}
	n = ncpu > MAXCPU ? MAXCPU : ncpu;
	counts = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counts == MAP_FAILED)
		return 1;
	/* Above our spinners, so we can still stop them. */
	is(setsched(0, SCHED_FIFO, 20), 0, "the parent is FIFO 20");
	for (int i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			setsched(0, SCHED_FIFO, 10);
			spin(i);
		}
	}
	/* A FIFO spinner never yields its CPU: one that shares a CPU with
	 * another never advances. Each must be seen advancing; watch for
	 * up to 20 windows, since the host may deschedule a vCPU for a
	 * whole window (multi-threaded TCG on a loaded 2-core host). */
	nanosleep(&t, NULL);
	for (int i = 0; i < n; i++)
		before[i] = counts[i];
	for (int w = 0; w < 20; w++) {
		nanosleep(&t, NULL);
		stalled = 0;
		for (int i = 0; i < n; i++)
			if (counts[i] == before[i])
				stalled++;
		if (!stalled)
			break;
	}
	for (int i = 0; i < n; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	is(stalled, 0, "%d FIFO spinners on %ld CPUs all ran at once", n,
	   ncpu);
	return tap_done();
}
