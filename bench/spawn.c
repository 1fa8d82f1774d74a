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

	if (strcmp(mode, "fork-exec") && strcmp(mode, "vfork-exec") &&
	    strcmp(mode, "posix-spawn")) {
		printf("# bench: spawn.c: unknown mode %s\n", mode);
		return 2;
	}
	return bench_spawn_wait(mode, bench_iters(argc, argv, 2, 100),
				start_true);
}
