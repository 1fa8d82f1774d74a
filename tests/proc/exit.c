/*
 * tests/proc/exit.c: exit versus exit_group.  SYS_exit ends only the
 * calling thread; SYS_exit_group ends every thread of the process; when
 * the main thread exits first, the process lives on until the last thread
 * and its status comes from the exit_group that ends it.  Also atexit
 * handlers run for exit() and not for _exit().
 */
#include "tap.h"
#include <pthread.h>
#include <time.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void *thread_exits(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 3);
	return NULL;
}

static void *thread_sleeps(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *thread_exit_group_later(void *arg)
{
	(void)arg;
	sleep_ms(100);
	syscall(SYS_exit_group, 9);
	return NULL;
}

/* A thread's SYS_exit must not end the process. */
static int thread_exit_only(void)
{
	pthread_t t;

	pthread_create(&t, NULL, thread_exits, NULL);
	sleep_ms(100);
	return 7;
}

/* exit_group from main ends a process whose other thread still runs. */
static int group_kills_all(void)
{
	pthread_t t;

	pthread_create(&t, NULL, thread_sleeps, NULL);
	sleep_ms(20);
	syscall(SYS_exit_group, 5);
	return 1;
}

/* The main thread exits first; the last thread decides the status. */
static int main_exits_first(void)
{
	pthread_t t;

	pthread_create(&t, NULL, thread_exit_group_later, NULL);
	syscall(SYS_exit, 4);
	return 1;
}

/* In a one-thread process SYS_exit ends the process with its code. */
static int raw_exit(void)
{
	syscall(SYS_exit, 6);
	return 1;
}

static int atexit_fd;

static void at_exit(void)
{
	write(atexit_fd, "A", 1);
}

/* Count atexit runs for exit() (1) and _exit() (0) through a pipe. */
static int atexit_runs(int use_exit)
{
	char buf[4];
	int fds[2], n;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		atexit_fd = fds[1];
		atexit(at_exit);
		if (use_exit)
			exit(0);
		_exit(0);
	}
	close(fds[1]);
	n = (int)read(fds[0], buf, sizeof(buf));
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return n;
}

int main(void)
{
	int status;

	status = run_child(raw_exit);
	ok(exited_with(status, 6), "SYS_exit in a one-thread process (status %#x)", status);
	status = run_child(thread_exit_only);
	ok(exited_with(status, 7), "a thread's SYS_exit leaves the process (status %#x)", status);
	status = run_child(group_kills_all);
	ok(exited_with(status, 5), "SYS_exit_group ends all threads (status %#x)", status);
	status = run_child(main_exits_first);
	ok(exited_with(status, 9),
	   "after the main thread's SYS_exit the last thread's exit_group counts (status %#x)",
	   status);
	is(atexit_runs(1), 1, "exit() runs atexit handlers");
	is(atexit_runs(0), 0, "_exit() does not");
	return tap_done();
}
