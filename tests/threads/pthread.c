/*
 * tests/threads/pthread.c: musl's threads on the kernel's CLONE_THREAD
 * groups: create/join (CLONE_CHILD_CLEARTID + futex wake), 64 threads,
 * detach, cancel, ids, exit vs exit_group, and execve from a thread
 * other than the leader (the others die; the process keeps its pid).
 */
#include "tap.h"
#include <pthread.h>

static void *ret_arg(void *arg) { return arg; }

static void *get_tid(void *arg)
{
	(void)arg;
	return (void *)(long)syscall(SYS_gettid);
}

static void test_create_join(void)
{
	pthread_t t[64];
	void *r = NULL;
	int n = 0;

	is(pthread_create(&t[0], NULL, ret_arg, (void *)42L), 0, "pthread_create");
	is(pthread_join(t[0], &r), 0, "pthread_join");
	is((long)r, 42, "join returns the thread's value");
	for (int i = 0; i < 64; i++)
		if (pthread_create(&t[i], NULL, ret_arg, (void *)(long)i) == 0)
			n++;
	is(n, 64, "64 threads at once");
	n = 0;
	for (int i = 0; i < 64; i++)
		if (pthread_join(t[i], &r) == 0 && (long)r == i)
			n++;
	is(n, 64, "... all joined with their values");
	pthread_create(&t[0], NULL, get_tid, NULL);
	pthread_join(t[0], &r);
	ok((long)r != getpid() && (long)r > 0, "a thread has its own tid");
}

static volatile int detached_ran;

static void *detached(void *arg)
{
	(void)arg;
	detached_ran = 1;
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep(10);	/* a cancellation point */
	return NULL;
}

static void test_detach_cancel(void)
{
	pthread_t t;
	void *r = NULL;

	pthread_create(&t, NULL, detached, NULL);
	is(pthread_detach(t), 0, "pthread_detach");
	for (int i = 0; i < 10000 && !detached_ran; i++)
		usleep(1000);	/* 100 ms was not always enough under load */
	ok(detached_ran, "a detached thread runs");
	pthread_create(&t, NULL, sleeper, NULL);
	usleep(10000);
	is(pthread_cancel(t), 0, "pthread_cancel");
	is(pthread_join(t, &r), 0, "join a cancelled thread");
	ok(r == PTHREAD_CANCELED, "... it returns PTHREAD_CANCELED");
}

static void *exit_group_3(void *arg)
{
	(void)arg;
	exit(3);
}

static int child_exit_group(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exit_group_3, NULL);
	for (;;)
		pause();
	return 0;
}

static void *late_exit_group_7(void *arg)
{
	(void)arg;
	usleep(50000);
	syscall(SYS_exit_group, 7);
	return NULL;
}

/* The leader exits with SYS_exit alone: the process lives on. */
static int child_leader_exits(void)
{
	pthread_t t;

	pthread_create(&t, NULL, late_exit_group_7, NULL);
	syscall(SYS_exit, 0);
	return 99;
}

static void test_exit(void)
{
	ok(exited_with(run_child(child_exit_group), 3),
	   "exit() in a thread ends the whole process");
	ok(exited_with(run_child(child_leader_exits), 7),
	   "SYS_exit of the leader leaves the other thread running");
}

static pid_t exec_pid;

static void *exec_from_thread(void *arg)
{
	char cmd[64];

	(void)arg;
	snprintf(cmd, sizeof(cmd), "test $$ = %d", (int)exec_pid);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	return NULL;
}

static int child_exec_thread(void)
{
	pthread_t t[3];

	exec_pid = getpid();
	pthread_create(&t[0], NULL, sleeper, NULL);
	pthread_create(&t[1], NULL, sleeper, NULL);
	pthread_create(&t[2], NULL, exec_from_thread, NULL);
	for (;;)
		pause();
	return 0;
}

static void test_exec(void)
{
	ok(exited_with(run_child(child_exec_thread), 0),
	   "execve from a non-leader thread keeps the process's pid");
}

int main(void)
{
	test_create_join();
	test_detach_cancel();
	test_exit();
	test_exec();
	return tap_done();
}
