/*
 * tests/clone/clone_upper_flags.c: legacy clone() takes its flags from
 * the low 32 bits of its first argument (Linux's lower_32_bits()): the
 * clone3-only flags above bit 31, such as CLONE_CLEAR_SIGHAND, are not
 * seen, so a handler survives into the child.
 */
#include "tap.h"

static void on_usr1(int sig) { (void)sig; }

int main(void)
{
	struct sigaction sa;
	int st = -1;
	long pid;

	signal(SIGUSR1, on_usr1);
	pid = syscall(SYS_clone, (1UL << 32) | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		sigaction(SIGUSR1, NULL, &sa);
		_exit(sa.sa_handler == on_usr1 ? 0 : 1);
	}
	ok(pid > 0, "clone with bit 32 set succeeds (the bit is not a flag)");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "CLONE_CLEAR_SIGHAND's bit does nothing for "
	   "clone: the handler is inherited");
	pid = syscall(SYS_clone, (1UL << 63) | (0x100UL << 32) | SIGCHLD, 0, 0,
		      0, 0);
	if (pid == 0)
		_exit(5);
	waitpid(pid, &st, 0);
	ok(pid > 0 && exited_with(st, 5), "any high bits are ignored");
	return tap_done();
}
