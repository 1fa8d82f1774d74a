/*
 * tests/signals/exec_shared_sighand.c: a child made with CLONE_VM |
 * CLONE_SIGHAND (no CLONE_THREAD) shares its parent's handler table
 * until it execs; exec must give it a table of its own (Linux's
 * unshare_sighand()) before resetting handlers, or it resets the
 * parent's. Checked with and without CLONE_VFORK: the parent keeps its
 * handler and its ignored signal, the exec'd child starts with SIG_DFL
 * for the caught signal and SIG_IGN for the ignored one, and its own
 * changes no longer reach the parent.
 *
 * Run with argv[1] == "--exec-child" it is the exec'd side.
 */
#include "tap.h"
#include <sched.h>

static char *self;
static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

static int exec_child(void)
{
	struct sigaction a, b;
	int bad = 0;

	sigaction(SIGUSR1, NULL, &a);
	sigaction(SIGUSR2, NULL, &b);
	bad |= (a.sa_handler != SIG_DFL) << 0;
	bad |= (b.sa_handler != SIG_IGN) << 1;
	/* Ours now: the parent must not see this. */
	signal(SIGUSR2, SIG_DFL);
	signal(SIGHUP, SIG_IGN);
	return bad;
}

static int child_fn(void *arg)
{
	char *args[] = { self, "--exec-child", NULL };

	(void)arg;
	execv(self, args);
	_exit(120);
}

static void run(int flags, const char *what)
{
	static char stack[64 * 1024] __attribute__((aligned(16)));
	struct sigaction a, b, h;
	int st = -1;
	pid_t p;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGHUP, SIG_DFL);
	p = clone(child_fn, stack + sizeof(stack),
		  CLONE_VM | CLONE_SIGHAND | flags | SIGCHLD, NULL);
	if (!ok(p > 0, "%s: clone", what))
		return;
	waitpid(p, &st, 0);
	ok(exited_with(st, 0), "%s: the exec'd child has SIG_DFL for the "
	   "caught signal and SIG_IGN for the ignored one (status %#x)",
	   what, st);
	sigaction(SIGUSR1, NULL, &a);
	sigaction(SIGUSR2, NULL, &b);
	sigaction(SIGHUP, NULL, &h);
	ok(a.sa_handler == on_usr1, "%s: the parent keeps its handler", what);
	ok(b.sa_handler == SIG_IGN, "%s: ... and its ignored signal", what);
	ok(h.sa_handler == SIG_DFL, "%s: the child's later sigaction does not "
	   "reach the parent", what);
	got_usr1 = 0;
	raise(SIGUSR1);
	is(got_usr1, 1, "%s: the parent's handler still runs", what);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return exec_child();
	self = argv[0];
	run(0, "CLONE_VM|CLONE_SIGHAND");
	run(CLONE_VFORK, "CLONE_VM|CLONE_SIGHAND|CLONE_VFORK");
	return tap_done();
}
