/*
 * tests/limits/nproc_counts_zombies.c: RLIMIT_NPROC counts a user's
 * tasks until they are reaped, zombies included (Linux charges a task
 * to its user from fork to release_task): a parent that leaves a child
 * unreaped cannot fork past the limit with it; once reaped, it can.
 */
#include "tap.h"
#include <sys/resource.h>

static int as_user(void)
{
	struct rlimit r = { 3, 3 };
	siginfo_t si;
	pid_t a, b, c;
	int bad = 0;

	if (setrlimit(RLIMIT_NPROC, &r) || setgid(1001) || setuid(1001))
		return 100;
	a = fork();
	if (a == 0)
		_exit(0);
	/* a is a zombie now, not reaped. */
	memset(&si, 0, sizeof(si));
	waitid(P_PID, a, &si, WEXITED | WNOWAIT);
	b = fork();
	if (b == 0) {
		pause();
		_exit(0);
	}
	bad |= (b < 0) << 0;
	/* Us, a's zombie and b: three. */
	c = fork();
	if (c == 0)
		_exit(0);
	bad |= (c != -1 || errno != EAGAIN) << 1;
	if (c > 0)
		waitpid(c, NULL, 0);
	waitpid(a, NULL, 0);
	c = fork();
	if (c == 0)
		_exit(0);
	bad |= (c < 0) << 2;
	if (c > 0)
		waitpid(c, NULL, 0);
	kill(b, SIGKILL);
	waitpid(b, NULL, 0);
	return bad;
}

int main(void)
{
	int st = run_child(as_user);

	ok(exited_with(st, 0), "an unreaped zombie counts against "
	   "RLIMIT_NPROC until it is reaped (status %#x)", st);
	return tap_done();
}
