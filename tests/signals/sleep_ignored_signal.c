/*
 * tests/signals/sleep_ignored_signal.c: a sleep is not cut short by a
 * signal the sleeper does not see: SIGCONT (what a shell's `fg` sends to
 * a job that is already running), SIGCHLD and SIGWINCH at their default
 * (ignore) actions, and a signal set to SIG_IGN. Linux wakes the sleeper
 * for SIGCONT and restarts nothing: nanosleep, clock_nanosleep and
 * select/poll timeouts run their full time.
 */
#include "tap.h"
#include <poll.h>
#include <time.h>

#define MIN(a, b) ((a) < (b) ? (a) : (b))

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

enum { NANOSLEEP, CLOCK_NANOSLEEP, POLL };

/* A child sleeping 1500 ms one way; exits with the time slept / 10. */
static pid_t sleeper(int how)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec d = { 1, 500000000 };
		long t0;
		int r;

		signal(SIGUSR1, SIG_IGN);
		t0 = now_ms();
		if (how == NANOSLEEP)
			r = nanosleep(&d, NULL);
		else if (how == CLOCK_NANOSLEEP)
			r = clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL);
		else
			r = poll(NULL, 0, 1500);
		_exit(r != 0 ? 255 : (int)MIN((now_ms() - t0) / 10, 254));
	}
	return pid;
}


static void one(int how, int sig, const char *what)
{
	static const char *names[] = { "nanosleep", "clock_nanosleep", "poll" };
	struct timespec q = { 0, 300000000 };
	pid_t pid = sleeper(how);
	int st = 0, i;

	/* Several signals while it sleeps. */
	for (i = 0; i < 3; i++) {
		nanosleep(&q, NULL);
		kill(pid, sig);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 255 && WEXITSTATUS(st) >= 145,
	   "%s of 1500 ms runs its time through %s (exit %d: %d0 ms)",
	   names[how], what, WEXITSTATUS(st), WEXITSTATUS(st));
}

int main(void)
{
	int how;

	for (how = NANOSLEEP; how <= POLL; how++) {
		one(how, SIGCONT, "SIGCONT");
		one(how, SIGCHLD, "SIGCHLD (default: ignore)");
		one(how, SIGWINCH, "SIGWINCH (default: ignore)");
		one(how, SIGUSR1, "SIGUSR1 set to SIG_IGN");
	}
	return tap_done();
}
