/*
 * tests/threads/exec_concurrent.c: two threads of one process call
 * execve at the same moment, or one calls execve while another calls
 * exit_group. Linux's de_thread() lets one group action win: the
 * other exec (or the exec during a group exit) fails with EAGAIN and
 * its thread dies of the SIGKILL already pending, so the process runs
 * the new program exactly once, or exits with the exit_group code;
 * never both, never a hang.
 *
 * Run as "--mark FD" it writes one byte to FD and exits 0.
 */
#include "tap.h"
#include <pthread.h>

static char *self;
static char fdstr[16];
static volatile int ready;
static int mode;		/* 0: exec vs exec, 1: exec vs exit_group */

static void do_exec(void)
{
	char *args[] = { self, "--mark", fdstr, NULL };

	execv(self, args);
}

static void *thread_fn(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 2)
		;
	if (mode == 0)
		do_exec();
	else
		syscall(SYS_exit_group, 7);
	/* A failed exec returns only if something is very wrong. */
	syscall(SYS_exit_group, 100);
	return NULL;
}

/* One race in a child process: its wait status and the bytes written. */
static int race(int m, int *marks)
{
	int p[2], st = -1, n;
	char buf[8];
	pid_t c;

	if (pipe(p))
		return -1;
	c = fork();
	if (c == 0) {
		pthread_t th;

		close(p[0]);
		mode = m;
		snprintf(fdstr, sizeof(fdstr), "%d", p[1]);
		if (pthread_create(&th, NULL, thread_fn, NULL))
			_exit(101);
		__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 2)
			;
		do_exec();
		syscall(SYS_exit_group, 102);
	}
	close(p[1]);
	*marks = 0;
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		*marks += n;
	close(p[0]);
	waitpid(c, &st, 0);
	return st;
}

int main(int argc, char **argv)
{
	int bad_exec = 0, bad_exit = 0, won_exec = 0, won_exit = 0;

	if (argc == 3 && !strcmp(argv[1], "--mark")) {
		char c = 'x';

		write(atoi(argv[2]), &c, 1);
		return 0;
	}
	self = argv[0];
	alarm(25);
	for (int i = 0; i < 10; i++) {
		int marks, st = race(0, &marks);

		if (!exited_with(st, 0) || marks != 1) {
			if (!bad_exec)
				diag("exec vs exec: status %#x, %d runs", st,
				     marks);
			bad_exec++;
		}
	}
	is(bad_exec, 0, "two threads exec at once: the new program runs "
	   "exactly once, 10 times out of 10");
	for (int i = 0; i < 10; i++) {
		int marks, st = race(1, &marks);

		if (exited_with(st, 0) && marks == 1) {
			won_exec++;
		} else if (exited_with(st, 7) && marks == 0) {
			won_exit++;
		} else {
			if (!bad_exit)
				diag("exec vs exit_group: status %#x, %d runs",
				     st, marks);
			bad_exit++;
		}
	}
	is(bad_exit, 0, "exec against exit_group: one of them wins cleanly "
	   "(%d exec, %d exit)", won_exec, won_exit);
	return tap_done();
}
