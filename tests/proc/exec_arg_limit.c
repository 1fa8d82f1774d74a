/*
 * tests/proc/exec_arg_limit.c: how much argv and envp execve takes, as
 * Linux 6.1's bprm_stack_limits(): a quarter of RLIMIT_STACK (at most
 * 6 MiB, at least 128 KiB) for the strings *and* the argv/envp pointer
 * arrays; each string at most 32 pages. Beyond: E2BIG, and the caller
 * carries on.
 *
 * Run as "--argc N" it exits 0 if it got exactly N arguments.
 */
#include "tap.h"
#include <sys/resource.h>

static char *self;

/* exec self with n extra empty arguments (and one long one of size
 * big, if non-zero) under a RLIMIT_STACK of stack bytes (0: keep).
 * Returns the errno of a failed exec, 0 if the program ran happily. */
static int try_exec(long n, size_t big, rlim_t stack)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		char **args = calloc(n + 5, sizeof(char *)), count[24];
		long i = 0;

		if (!args)
			_exit(120);
		snprintf(count, sizeof(count), "%ld", n + 3 + (big ? 1 : 0));
		args[i++] = self;
		args[i++] = "--argc";
		args[i++] = count;
		if (big) {
			args[i] = malloc(big);
			if (!args[i])
				_exit(121);
			memset(args[i], 'a', big - 1);
			args[i++][big - 1] = 0;
		}
		while (n-- > 0)
			args[i++] = "";
		if (stack) {
			struct rlimit r = { stack, stack };

			setrlimit(RLIMIT_STACK, &r);
		}
		execv(self, args);
		_exit(errno);
	}
	waitpid(p, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--argc"))
		return argc == atoi(argv[2]) ? 0 : 99;
	self = argv[0];
	/* Default 8 MiB stack: 2 MiB for strings and pointers. */
	is(try_exec(200000, 0, 0), 0, "200000 empty arguments (1.6 MB of "
	   "pointers) run");
	is(try_exec(300000, 0, 0), E2BIG, "300000 empty arguments (2.4 MB of "
	   "pointers): E2BIG");
	/* A 1 MiB stack: a quarter is 256 KiB. */
	is(try_exec(20000, 0, 1 << 20), 0, "RLIMIT_STACK 1 MiB: 20000 "
	   "arguments run");
	is(try_exec(30000, 0, 1 << 20), E2BIG, "RLIMIT_STACK 1 MiB: 30000 "
	   "arguments: E2BIG");
	/* A small stack still allows 128 KiB (a quarter would be 64). */
	is(try_exec(10000, 0, 256 << 10), 0, "RLIMIT_STACK 256 KiB: 10000 "
	   "arguments run (at least 128 KiB)");
	is(try_exec(20000, 0, 256 << 10), E2BIG, "RLIMIT_STACK 256 KiB: 20000 "
	   "arguments: E2BIG");
	/* One string: at most 32 pages, NUL included. */
	is(try_exec(0, 32 * 4096, 0), 0, "a 128 KiB argument (NUL included) "
	   "runs");
	is(try_exec(0, 32 * 4096 + 1, 0), E2BIG, "one byte more: E2BIG");
	return tap_done();
}
