/*
 * Bug found by make fuzz: any user could prlimit64() any process (an
 * unprivileged fuzz child set init's RLIMIT_STACK, and every later test
 * inherited it).  Linux allows it only on a process whose real,
 * effective and saved uids and gids all match the caller's real ones,
 * or with CAP_SYS_RESOURCE; otherwise EPERM, for reading too.
 */
#include <sys/resource.h>
#include "tap.h"

static pid_t parent;

static int unprivileged(void)
{
	struct rlimit rl = { 1, 1 }, old;
	pid_t kid;
	int st, bad = 0;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	errno = 0;
	if (syscall(SYS_prlimit64, parent, RLIMIT_NOFILE, NULL, &old) != -1 ||
	    errno != EPERM)
		bad |= 4;
	errno = 0;
	if (syscall(SYS_prlimit64, 1, RLIMIT_STACK, &rl, NULL) != -1 ||
	    errno != EPERM)
		bad |= 8;
	/* A child of the same user is fair game. */
	kid = fork();
	if (kid == 0) {
		pause();
		_exit(0);
	}
	if (syscall(SYS_prlimit64, kid, RLIMIT_NOFILE, NULL, &old) != 0)
		bad |= 16;
	kill(kid, SIGKILL);
	waitpid(kid, &st, 0);
	return bad;
}

int main(void)
{
	struct rlimit before, after;
	int st;

	parent = getpid();
	syscall(SYS_prlimit64, 1, RLIMIT_STACK, NULL, &before);
	st = run_child(unprivileged);
	ok(exited_with(st, 0), "uid 65534: prlimit64 on root's processes is "
	   "EPERM, on its own child allowed (status %#x)", st);
	syscall(SYS_prlimit64, 1, RLIMIT_STACK, NULL, &after);
	is(after.rlim_cur, before.rlim_cur, "init's RLIMIT_STACK unchanged");
	return tap_done();
}
