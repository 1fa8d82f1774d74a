/*
 * tests/limits/nproc.c: RLIMIT_NPROC is enforced for a non-root user
 * (fork fails with EAGAIN once the user has that many tasks) and not
 * for root.
 */
#include "tap.h"
#include <sys/resource.h>

static int as_user(void)
{
	struct rlimit r = { 2, 2 };
	pid_t kids[4];
	int made, err;

	if (setrlimit(RLIMIT_NPROC, &r) || setgid(1000) || setuid(1000))
		return 100;
	made = fork_sleepers(kids, 4, &err);
	kill_sleepers(kids, made);
	/* Ourselves plus one child reach the limit of 2. */
	return made == 1 && err == EAGAIN ? 0 : 10 + made;
}

static int as_root(void)
{
	struct rlimit r = { 1, 1 };
	pid_t pid;

	if (setrlimit(RLIMIT_NPROC, &r))
		return 100;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return 1;
	waitpid(pid, NULL, 0);
	return 0;
}

int main(void)
{
	int st = run_child(as_user);

	ok(exited_with(st, 0), "RLIMIT_NPROC: a user's fork past the limit "
	   "fails with EAGAIN (status %#x)", st);
	st = run_child(as_root);
	ok(exited_with(st, 0), "RLIMIT_NPROC does not bind root (status %#x)", st);
	return tap_done();
}
