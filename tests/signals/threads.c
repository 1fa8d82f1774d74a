/*
 * tests/signals/threads.c: signals and threads. tgkill runs the handler
 * in the thread it names; a process-directed signal goes to a thread
 * that does not block it; the mask is per thread; sigwait in one thread
 * takes a process signal; a fatal signal ends every thread.
 */
#include "tap.h"
#include <pthread.h>

#define BIT(sig) (1UL << ((sig) - 1))

static volatile pid_t handler_tid;
static volatile int go, done;
static pid_t worker_tid;

static void on_usr1(int sig)
{
	(void)sig;
	handler_tid = syscall(SYS_gettid);
}

static void *worker(void *arg)
{
	unsigned long none = 0;

	(void)arg;
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8);
	worker_tid = syscall(SYS_gettid);
	go = 1;
	while (!done)
		usleep(1000);
	return NULL;
}

static void wait_handler(void)
{
	for (int i = 0; i < 2000 && !handler_tid; i++)
		usleep(1000);
}

static void test_targets(void)
{
	unsigned long usr1 = BIT(SIGUSR1);
	pthread_t t;

	signal(SIGUSR1, on_usr1);
	pthread_create(&t, NULL, worker, NULL);
	while (!go)
		usleep(1000);
	handler_tid = 0;
	syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1);
	wait_handler();
	is(handler_tid, worker_tid, "tgkill: the handler runs in the named thread");
	handler_tid = 0;
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1);
	is(handler_tid, getpid(), "tgkill to the main thread runs it there");

	/* Main blocks SIGUSR1: kill() must find the worker. */
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &usr1, NULL, 8);
	handler_tid = 0;
	kill(getpid(), SIGUSR1);
	wait_handler();
	is(handler_tid, worker_tid, "kill: a thread that does not block it takes it");
	done = 1;
	pthread_join(t, NULL);
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &usr1, NULL, 8);
	signal(SIGUSR1, SIG_DFL);
}

static void *waiter(void *arg)
{
	sigset_t s;
	int sig = 0;

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigwait(&s, &sig);
	return (void *)(long)sig;
}

static void test_sigwait(void)
{
	unsigned long usr2 = BIT(SIGUSR2);
	pthread_t t;
	void *ret;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &usr2, NULL, 8);
	pthread_create(&t, NULL, waiter, NULL);
	usleep(50000);
	kill(getpid(), SIGUSR2);
	pthread_join(t, &ret);
	is((long)ret, SIGUSR2, "sigwait in a thread takes a process-directed signal");
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &usr2, NULL, 8);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int kill_from_thread(void)
{
	pthread_t t[3];

	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, sleeper, NULL);
	usleep(50000);
	syscall(SYS_tgkill, getpid(), getpid(), SIGTERM);
	for (;;)
		pause();
	return 0;
}

static void test_fatal(void)
{
	int st = run_child(kill_from_thread);

	ok(killed_by(st, SIGTERM), "a fatal signal to one thread ends the process (%#x)", st);
}

int main(void)
{
	test_targets();
	test_sigwait();
	test_fatal();
	return tap_done();
}
