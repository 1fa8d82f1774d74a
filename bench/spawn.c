/*
 * bench/spawn.c MODE [ITERS]: start /bench/true in a new process and wait
 * for it.
 *
 *	fork-exec    fork(); the child execve()s /bench/true
 *	vfork-exec   vfork(); the child execve()s /bench/true
 *	posix-spawn  posix_spawn() of /bench/true (musl: clone(CLONE_VM |
 *	             CLONE_VFORK) on a stack of its own, plus a CLOEXEC pipe
 *	             for the exec error)
 *
 * One sample covers process creation, the exec of a tiny static ELF, its
 * whole (empty) run and exit, and the parent's waitpid.
 */
#include "bench.h"
#include <spawn.h>
#include <sys/wait.h>

#define TRUE_PATH "/bench/true"

static char *child_argv[] = { "true", NULL };
static char *child_envp[] = { NULL };

/* Start /bench/true the MODE way.  Returns its pid, or -1 with errno. */
static pid_t start_true(const char *mode)
{
	pid_t pid;
	int err;

	if (mode[0] == 'p') {
		err = posix_spawn(&pid, TRUE_PATH, NULL, NULL, child_argv,
				  child_envp);
		if (err) {
			errno = err;
			return -1;
		}
		return pid;
	}
	pid = mode[0] == 'v' ? vfork() : fork();
	if (pid == 0) {
		execve(TRUE_PATH, child_argv, child_envp);
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fork-exec";
	size_t i, n = bench_iters(argc, argv, 2, 100);
	uint64_t *s = bench_alloc(n);
	int status;

	if (strcmp(mode, "fork-exec") && strcmp(mode, "vfork-exec") &&
	    strcmp(mode, "posix-spawn")) {
		printf("# bench: spawn.c: unknown mode %s\n", mode);
		return 2;
	}
	for (i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();
		pid_t pid = start_true(mode);

		if (pid < 0)
			bench_fail(mode, "start " TRUE_PATH);
		if (waitpid(pid, &status, 0) != pid)
			bench_fail(mode, "waitpid");
		s[i] = bench_tsc() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			printf("# bench %s: child status %#x\n", mode, status);
			return 1;
		}
	}
	bench_report(mode, s, n, 0);
	return 0;
}
