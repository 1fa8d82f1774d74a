/*
 * tests/proc/exec_resets_exit_signal.c: a child made with another exit
 * signal (clone(SIGUSR1)) that execs is a new program in a new
 * "execution domain": from then on it tells its parent SIGCHLD and is an
 * ordinary child for wait (Linux's de_thread() sets exit_signal to
 * SIGCHLD on every exec: from the leader of a single-threaded process,
 * and from a thread that takes over the leader's place).
 *
 * Run as "--ready-wait A B" it writes a byte to fd A, then exits 7 at
 * EOF on fd B.
 */
#include "tap.h"
#include <pthread.h>

static volatile sig_atomic_t got_usr1, got_chld;
static char *self;
static char fda[16], fdb[16];

static void on_sig(int sig)
{
	if (sig == SIGUSR1)
		got_usr1++;
	else
		got_chld++;
}

static void *thread_exec(void *arg)
{
	char *args[] = { self, "--ready-wait", fda, fdb, NULL };

	(void)arg;
	execv(self, args);
	return NULL;
}

/* A clone(SIGUSR1) child execs (from its leader or from a thread);
 * once the new program runs, it must be a SIGCHLD child. */
static void run(int from_thread, const char *what)
{
	int ready[2], go[2], st = -1;
	char c;
	pid_t p, w;

	if (pipe(ready) || pipe(go))
		return;
	snprintf(fda, sizeof(fda), "%d", ready[1]);
	snprintf(fdb, sizeof(fdb), "%d", go[0]);
	p = syscall(SYS_clone, (long)SIGUSR1, 0L, 0L, 0L, 0L);
	if (p == 0) {
		pthread_t th;

		close(ready[0]);
		close(go[1]);
		if (!from_thread)
			thread_exec(NULL);
		if (pthread_create(&th, NULL, thread_exec, NULL))
			_exit(100);
		for (;;)
			pause();
	}
	close(ready[1]);
	close(go[0]);
	ok(read(ready[0], &c, 1) == 1, "%s: the new program runs", what);
	got_usr1 = got_chld = 0;
	close(go[1]);
	w = waitpid(p, &st, 0);
	ok(w == p && exited_with(st, 7),
	   "%s: waitpid without __WCLONE finds it (status %#x)", what, st);
	is(got_usr1, 0, "%s: no SIGUSR1 for its exit", what);
	ok(got_chld > 0, "%s: SIGCHLD instead", what);
	if (st == -1)
		waitpid(p, &st, __WALL);
	close(ready[0]);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	char c;

	if (argc == 4 && !strcmp(argv[1], "--ready-wait")) {
		write(atoi(argv[2]), "r", 1);
		while (read(atoi(argv[3]), &c, 1) > 0)
			;
		return 7;
	}
	self = argv[0];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	alarm(20);
	run(0, "exec from a single-threaded child");
	run(1, "exec from a thread");
	return tap_done();
}
