/*
 * tests/glibc/runtime.c: a glibc static program, unmodified, as real
 * Linux software is built. glibc's start-up (rseq, robust lists, TLS),
 * pthread_create (clone3 with CLONE_SETTLS|PARENT_SETTID|CHILD_CLEARTID
 * and a stack in clone_args), its malloc arenas across threads, popen
 * (posix_spawn: clone(CLONE_VM|CLONE_VFORK)), fork/exec/wait, and
 * stdio on pipes.
 */
#include "tap.h"
#include <pthread.h>
#include <spawn.h>

extern char **environ;

static void *worker(void *arg)
{
	char *p = malloc(100000);	/* a thread arena */

	memset(p, 1, 100000);
	free(p);
	return arg;
}

static void test_threads(void)
{
	pthread_t t[16];
	void *r;
	int good = 0;

	for (long i = 0; i < 16; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (long i = 0; i < 16; i++)
		if (pthread_join(t[i], &r) == 0 && (long)r == i)
			good++;
	is(good, 16, "glibc pthread_create/join (clone3) x16");
}

static void test_popen(void)
{
	char buf[64] = { 0 };
	FILE *f = popen("echo hello from sh", "r");
	int st;

	ok(f != NULL, "popen");
	fgets(buf, sizeof(buf), f);
	st = pclose(f);
	is_str(buf, "hello from sh\n", "popen reads the command's output");
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pclose status");
}

static void test_spawn_fork(void)
{
	char *argv[] = { "sh", "-c", "exit 4", NULL };
	pid_t pid;
	int st = -1;

	is(posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ), 0,
	   "posix_spawn");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 4), "... the spawned program's status");
	pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(9);
	}
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "fork + execl + waitpid");
	is(getpid(), (pid_t)syscall(SYS_getpid), "getpid agrees with the kernel");
}

int main(void)
{
	test_threads();
	test_popen();
	test_spawn_fork();
	return tap_done();
}
