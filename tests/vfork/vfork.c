/*
 * tests/vfork/vfork.c: the seeds' vfork. The child shares the parent's
 * memory and the parent sleeps until the child execs or exits; a
 * failed exec leaves the parent asleep; recursive vforks percolate up;
 * vfork from a thread suspends only that thread.
 */
#include "tap.h"
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>

static volatile int shared_word;

static void test_shares_memory(void)
{
	int status = -1;
	pid_t pid;

	shared_word = 0;
	pid = vfork();
	if (pid == 0) {
		shared_word = 42;	/* the parent's memory */
		_exit(5);
	}
	is(shared_word, 42, "the vfork child wrote the parent's memory");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 5), "... and its exit status is reported");
}

/* The parent resumes only after the child's exit: the child's write of
 * a later timestamp must be visible, and it runs first. */
static void test_parent_sleeps(void)
{
	volatile int order = 0;
	pid_t pid = vfork();

	if (pid == 0) {
		usleep(20000);	/* the parent would run here if it could */
		order = 1;
		_exit(0);
	}
	is(order, 1, "the parent sleeps until the child exits");
	waitpid(pid, NULL, 0);
}

static void test_exec(void)
{
	volatile int failed_exec = 0;
	int status = -1;
	pid_t pid = vfork();

	if (pid == 0) {
		/* A failed exec returns to the child: the parent still sleeps. */
		execl("/nonexistent", "x", (char *)NULL);
		failed_exec = errno;
		execl("/bin/sh", "sh", "-c", "exit 7", (char *)NULL);
		_exit(127);
	}
	is(failed_exec, ENOENT, "a failed exec did not wake the parent");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 7), "a successful exec wakes it; the program runs");
}

/* Recursive vfork: each parent sleeps on its own child. */
static void test_recursive(void)
{
	volatile int depth = 0;
	int status = -1;
	pid_t a = vfork();

	if (a == 0) {
		pid_t b = vfork();

		if (b == 0) {
			depth = 2;
			_exit(0);
		}
		waitpid(b, NULL, 0);
		if (depth == 2)
			depth = 3;
		_exit(depth == 3 ? 0 : 1);
	}
	waitpid(a, &status, 0);
	is(depth, 3, "recursive vforks percolate up in order");
	ok(exited_with(status, 0), "... every level exited cleanly");
}

static volatile int other_ran;
static volatile int vfork_done;

static void *spin_other(void *arg)
{
	(void)arg;
	while (!vfork_done)
		other_ran++;
	return NULL;
}

/* vfork from a thread suspends only that thread. */
static void *vfork_thread(void *arg)
{
	pid_t pid;
	int before;

	(void)arg;
	before = other_ran;
	pid = vfork();
	if (pid == 0) {
		/* Up to 10 s for the spinner to be seen running: 20 ms were
		 * not always enough for it even to start under load. */
		for (int i = 0; i < 1000 && other_ran == before; i++)
			usleep(10000);
		_exit(other_ran != before ? 0 : 1);
	}
	waitpid(pid, (int *)arg, 0);
	return NULL;
}

static void test_from_thread(void)
{
	pthread_t spinner, v;
	int status = -1;

	pthread_create(&spinner, NULL, spin_other, NULL);
	pthread_create(&v, NULL, vfork_thread, &status);
	pthread_join(v, NULL);
	vfork_done = 1;
	pthread_join(spinner, NULL);
	ok(exited_with(status, 0),
	   "vfork from a thread: the process's other threads keep running");
}

/* clone(CLONE_VFORK) without CLONE_VM: the parent still waits. */
static int child_fn(void *arg)
{
	usleep(20000);
	*(volatile int *)arg = 1;	/* a MAP_SHARED page */
	return 9;
}

static void test_clone_vfork(void)
{
	static char stack[65536] __attribute__((aligned(16)));
	volatile int *done = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status = -1;
	pid_t pid;

	*done = 0;
	pid = clone(child_fn, stack + sizeof(stack), CLONE_VFORK | SIGCHLD,
		    (void *)done);
	ok(pid > 0, "clone(CLONE_VFORK) without CLONE_VM");
	is(*done, 1, "... the parent resumed only once the child was done");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 9), "... and its status is reported");
}

static volatile int child_done, handler_saw = -1;

static void on_usr1(int sig)
{
	(void)sig;
	handler_saw = child_done;
}

/* A handled signal does not wake the vfork parent early: its handler
 * runs after the child is done. */
static void test_signal_waits(void)
{
	pid_t pid;

	child_done = 0;
	signal(SIGUSR1, on_usr1);
	pid = vfork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		usleep(20000);
		child_done = 1;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	is(handler_saw, 1, "a handled signal waits until the vfork child is done");
	signal(SIGUSR1, SIG_DFL);
}

/* A fatal signal does wake it (the sleep is killable). */
static void test_fatal_wakes(void)
{
	int p[2], st = -1;
	pid_t h, grandchild = 0;

	pipe(p);
	h = fork();
	if (h == 0) {
		pid_t c = vfork();
		if (c == 0) {
			pid_t me = getpid();
			write(p[1], &me, sizeof(me));
			for (;;)
				pause();
		}
		_exit(0);
	}
	read(p[0], &grandchild, sizeof(grandchild));
	usleep(10000);
	kill(h, SIGKILL);
	waitpid(h, &st, 0);
	ok(killed_by(st, SIGKILL), "SIGKILL ends a parent asleep in vfork");
	kill(grandchild, SIGKILL);
	waitpid(grandchild, NULL, 0);
}

int main(void)
{
	test_signal_waits();
	test_fatal_wakes();
	test_shares_memory();
	test_parent_sleeps();
	test_exec();
	test_recursive();
	test_from_thread();
	test_clone_vfork();
	return tap_done();
}
