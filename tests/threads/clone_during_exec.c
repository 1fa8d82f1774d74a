/*
 * tests/threads/clone_during_exec.c: a thread being created while
 * another thread execs does not survive into the new program, as Linux
 * (copy_process judges the exec's killing of the other threads under
 * the siglock that also covers linking the new thread): the new
 * program always starts with one thread. One thread creates 63
 * threads that sleep forever; the other execs at a varying moment
 * meanwhile; 100 rounds.
 *
 * Run with "count" as argv[1] it exits with its number of threads.
 */
#include "tap.h"
#include <sched.h>

#define ROUNDS 100

static char stacks[64][16384] __attribute__((aligned(16)));

static int sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return 0;
}

static int creator(void *arg)
{
	(void)arg;
	for (unsigned int i = 1; i < 64; i++)
		clone(sleeper, stacks[i] + sizeof(stacks[0]),
		      CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
		      CLONE_THREAD | CLONE_SYSVSEM, NULL);
	for (;;)
		pause();
	return 0;
}

/* Ours and the thread ids just above ours (where the round's threads
 * got theirs) that are threads of this process. */
static int count_threads(void)
{
	pid_t me = getpid();
	int n = 1;

	for (pid_t t = me + 1; t < me + 300; t++)
		n += syscall(SYS_tgkill, me, t, 0) == 0;
	return n;
}

int main(int argc, char **argv)
{
	int bad = 0, st = 0;

	if (argc > 1 && !strcmp(argv[1], "count"))
		return count_threads();
	for (int r = 0; r < ROUNDS; r++) {
		pid_t p = fork();

		if (p == 0) {
			clone(creator, stacks[0] + sizeof(stacks[0]),
			      CLONE_VM | CLONE_FS | CLONE_FILES |
			      CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM,
			      NULL);
			for (volatile int k = 0; k < (r % 20) * 500; k++)
				;
			execl(argv[0], "clone_during_exec", "count",
			      (char *)0);
			_exit(100);
		}
		waitpid(p, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 1) {
			bad++;
			diag("round %d: status %#x", r, st);
		}
	}
	is(bad, 0, "the new program had one thread every time");
	return tap_done();
}
