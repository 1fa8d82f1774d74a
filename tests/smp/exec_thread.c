/*
 * tests/smp/exec_thread.c: execve from a thread that is not the leader
 * while its siblings run on other CPUs. The exec must stop every other
 * thread wherever it runs, then give the process a new image with the
 * same pid, one thread, and the exec'd program running. The test execs
 * itself with an argument; the new image prints the last checks.
 */
#include "smp.h"
#include <pthread.h>

#define SIBLINGS 3

static volatile int stop;
static pid_t leader_pid;

static void *spinner(void *arg)
{
	pin_to_cpu((int)(long)arg + 1);
	while (!stop)
		;
	return NULL;
}

/* Threads: line of /proc/self/status, or -1. */
static int threads_now(void)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "Threads:");
	return p ? atoi(p + 8) : -1;
}

static void *execer(void *arg)
{
	char pid[32];

	(void)arg;
	pin_to_cpu(0);
	snprintf(pid, sizeof(pid), "%d", (int)leader_pid);
	execl("/proc/self/exe", "exec_thread", "after-exec", pid,
	      (char *)NULL);
	return (void *)1L;	/* exec failed */
}

int main(int argc, char **argv)
{
	pthread_t s[SIBLINGS], e;
	void *ret = NULL;

	if (argc == 3 && !strcmp(argv[1], "after-exec")) {
		is(getpid(), atoi(argv[2]), "after exec: the process kept its "
		   "pid");
		is(threads_now(), 1, "after exec: one thread left");
		return tap_done();
	}
	leader_pid = getpid();
	for (int i = 0; i < SIBLINGS; i++)
		pthread_create(&s[i], NULL, spinner, (void *)(long)i);
	ok(threads_now() == SIBLINGS + 1, "%d threads before exec",
	   SIBLINGS + 1);
	pthread_create(&e, NULL, execer, NULL);
	pthread_join(e, &ret);
	/* Only reached if the exec failed. */
	ok(0, "exec from a thread failed");
	stop = 1;
	return tap_done();
}
