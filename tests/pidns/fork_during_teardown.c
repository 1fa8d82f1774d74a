/*
 * tests/pidns/fork_during_teardown.c: a process keeps forking inside a
 * pid namespace while the namespace's init is killed. No child may be
 * born into the namespace once its teardown has begun (Linux checks
 * PIDNS_ADDING under the lock that links the child: fork then fails
 * ENOMEM), so the teardown always ends: the init's parent reaps it.
 */
#include "tap.h"
#include <sched.h>

static void forker(void)
{
	for (;;) {
		pid_t c = fork();

		if (c == 0)
			_exit(0);
		if (c > 0)
			waitpid(c, NULL, 0);
	}
}

static int namespace_init(void)
{
	pid_t p = fork();

	if (p == 0)
		forker();
	for (;;)
		pause();
	return 0;
}

int main(void)
{
	int bad = 0;

	alarm(25);
	for (int i = 0; i < 10; i++) {
		int st = -1;
		pid_t init = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, NULL,
				     NULL, 0);

		if (init == 0)
			_exit(namespace_init());
		if (init < 0) {
			bad++;
			continue;
		}
		usleep(50000 + i * 10000);
		kill(init, SIGKILL);
		if (waitpid(init, &st, 0) != init || !killed_by(st, SIGKILL))
			bad++;
	}
	is(bad, 0, "10 namespaces torn down while a process forks in them: "
	   "each init is reaped, killed");
	return tap_done();
}
