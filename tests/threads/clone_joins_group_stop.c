/*
 * tests/threads/clone_joins_group_stop.c: a thread created while its
 * process is stopping (SIGSTOP) stops with it, as Linux's
 * task_join_group_stop(): once the parent has been told the process
 * stopped, nothing of it runs. One thread of the child keeps creating
 * short-lived threads that count in shared memory, as fast as it can; the parent stops
 * and continues it 200 times and checks each time that the count
 * holds still while it is stopped.
 */
#include "tap.h"
#include <sched.h>
#include <sys/mman.h>

#define ROUNDS 200

#define STACKS 64

static volatile long *counter;
static char stacks[STACKS][16384] __attribute__((aligned(16)));
static volatile pid_t tids[STACKS];	/* 0: the stack is free again */

static int worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++)
		(*counter)++;
	return 0;
}

int main(void)
{
	int moved = 0, st;
	pid_t p;

	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p = fork();
	if (p == 0) {
		/* As many clones as possible: a stack is reused once
		 * its thread is gone (CLONE_CHILD_CLEARTID). */
		for (unsigned int i = 0;; i = (i + 1) % STACKS) {
			while (tids[i])
				sched_yield();
			tids[i] = 1;
			clone(worker, stacks[i] + sizeof(stacks[0]),
			      CLONE_VM | CLONE_FS | CLONE_FILES |
			      CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
			      CLONE_CHILD_CLEARTID, NULL, NULL, NULL,
			      &tids[i]);
		}
	}
	for (int r = 0; r < ROUNDS; r++) {
		long a, b;

		usleep(2000);
		kill(p, SIGSTOP);
		waitpid(p, &st, WUNTRACED);
		a = *counter;
		usleep(20000);
		b = *counter;
		moved += a != b;
		kill(p, SIGCONT);
		waitpid(p, &st, WCONTINUED);
	}
	is(moved, 0, "no thread ran while the process was reported stopped "
	   "(%d of %d rounds)", moved, ROUNDS);
	ok(*counter > 0, "the threads did run in between");
	kill(p, SIGKILL);
	waitpid(p, NULL, 0);
	return tap_done();
}
