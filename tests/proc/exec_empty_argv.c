/*
 * tests/proc/exec_empty_argv.c: execve with an empty argv (or a NULL
 * argv pointer). Linux 6.1 gives the program argc 1 and argv[0] "" (and
 * logs a warning once), so that programs that start at argv[1] never
 * walk into envp. The environment is untouched.
 *
 * The exec'd side is recognised by EMPTY_ARGV_CHECK in its environment.
 */
#include "tap.h"

static int check(int argc, char **argv, char **envp)
{
	int bad = 0;

	bad |= (argc != 1) << 0;
	bad |= (argc >= 1 && (!argv[0] || argv[0][0] != '\0')) << 1;
	bad |= (argv[argc] != NULL) << 2;
	bad |= (!envp[0] || strcmp(envp[0], "EMPTY_ARGV_CHECK=1") ||
		!envp[1] || strcmp(envp[1], "B=2") || envp[2]) << 3;
	return bad;
}

static int run(const char *path, char **argv)
{
	char *envp[] = { "EMPTY_ARGV_CHECK=1", "B=2", NULL };
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		syscall(SYS_execve, path, argv, envp);
		_exit(100 + errno);
	}
	waitpid(p, &st, 0);
	return st;
}

int main(int argc, char **argv, char **envp)
{
	char *empty[] = { NULL };
	int st;

	if (getenv("EMPTY_ARGV_CHECK"))
		return check(argc, argv, envp);
	st = run(argv[0], empty);
	ok(exited_with(st, 0), "argv {NULL}: the program sees argc 1, argv[0] "
	   "\"\" and its environment (status %#x)", st);
	st = run(argv[0], NULL);
	ok(exited_with(st, 0), "argv NULL: the same (status %#x)", st);
	return tap_done();
}
