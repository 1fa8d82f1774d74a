/*
 * tests/smp/restart_race.c: a process-directed signal wakes a thread
 * blocked in a system call (it returns a restart code because a signal
 * is pending), but another thread, running on another CPU, takes the
 * signal first. The woken call must then be restarted (its handler did
 * not run on it), never return -ERESTARTSYS (errno 512) or fail: the
 * bug tests/threads/stress once showed as waitpid failing with 512.
 * The handler is SA_RESTART, so no call here may fail with EINTR
 * either. One thread blocks in waitpid, another in a pipe read, while
 * a sender floods the process with SIGUSR1 and spinners on the other
 * CPUs take it.
 */
#include "smp.h"
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

#define ROUNDS 30
#define SPINNERS 2

static volatile int stop;
static volatile long handled;
static int pipefd[2];

static void on_usr1(int sig)
{
	(void)sig;
	__atomic_fetch_add(&handled, 1, __ATOMIC_RELAXED);
}

/* Threads that stay runnable, so they often take the signal first. */
static void *spinner(void *arg)
{
	pin_to_cpu((int)(long)arg);
	while (!stop)
		sched_yield();
	return NULL;
}

static void *sender(void *arg)
{
	(void)arg;
	pin_to_cpu(3);
	while (!stop) {
		kill(getpid(), SIGUSR1);
		sched_yield();
	}
	return NULL;
}

/* A reader of the pipe: one byte per round. */
static void *reader(void *arg)
{
	long *bad = arg;
	char c;

	pin_to_cpu(2);
	for (int i = 0; i < ROUNDS; i++)
		if (read(pipefd[0], &c, 1) != 1)
			(*bad)++;
	return NULL;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	pthread_t spin[SPINNERS], send, rd;
	long bad_wait = 0, bad_read = 0, last_errno = 0;
	int status;

	sigemptyset(&sa.sa_mask);
	expect_ok(sigaction(SIGUSR1, &sa, NULL));
	expect_ok(pipe(pipefd));
	for (long i = 0; i < SPINNERS; i++)
		pthread_create(&spin[i], NULL, spinner, (void *)(i + 1));
	pthread_create(&rd, NULL, reader, &bad_read);
	pthread_create(&send, NULL, sender, NULL);
	pin_to_cpu(0);
	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			pause_ms(5);
			_exit(7);
		}
		if (write(pipefd[1], "x", 1) != 1)
			bad_read++;
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 7) {
			last_errno = errno;
			bad_wait++;
		}
	}
	stop = 1;
	pthread_join(send, NULL);
	pthread_join(rd, NULL);
	for (int i = 0; i < SPINNERS; i++)
		pthread_join(spin[i], NULL);
	ok(handled > 0, "SIGUSR1 was handled (%ld times)", handled);
	ok(bad_wait == 0, "every waitpid returned its child (%ld failed, "
	   "last errno %ld)", bad_wait, last_errno);
	ok(bad_read == 0, "every pipe read and write went through (%ld "
	   "failed)", bad_read);
	return tap_done();
}
