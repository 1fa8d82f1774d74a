/*
 * tests/signals/sleep_ignored_signal.c: a sleep is not cut short by a
 * signal the sleeper does not see: SIGCONT (what a shell's `fg` sends to
 * a job that is already running), SIGCHLD and SIGWINCH at their default
 * (ignore) actions, and a signal set to SIG_IGN. Linux wakes the sleeper
 * for SIGCONT and restarts nothing: nanosleep, clock_nanosleep and
 * select/poll timeouts run their full time.
 */
#include "tap.h"
#include "proc.h"
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


/*
 * One sleeper per signal at once (one after the other took 18 s of the
 * runner's 30 s limit), each sent its signal three times while it
 * sleeps.
 */
static void all(int how)
{
	static const char *names[] = { "nanosleep", "clock_nanosleep", "poll" };
	static const struct {
		int sig;
		const char *what;
	} sigs[] = {
		{ SIGCONT, "SIGCONT" },
		{ SIGCHLD, "SIGCHLD (default: ignore)" },
		{ SIGWINCH, "SIGWINCH (default: ignore)" },
		{ SIGUSR1, "SIGUSR1 set to SIG_IGN" },
	};
	enum { N = sizeof(sigs) / sizeof(sigs[0]) };
	struct timespec q = { 0, 300000000 };
	pid_t pids[N];
	int st, i, j;

	for (j = 0; j < N; j++)
		pids[j] = sleeper(how);
	for (j = 0; j < N; j++)
		wait_until_asleep(pids[j], 10000);
	for (i = 0; i < 3; i++) {
		nanosleep(&q, NULL);
		for (j = 0; j < N; j++)
			kill(pids[j], sigs[j].sig);
	}
	for (j = 0; j < N; j++) {
		st = 0;
		waitpid(pids[j], &st, 0);
		ok(WIFEXITED(st) && WEXITSTATUS(st) != 255 &&
		   WEXITSTATUS(st) >= 145,
		   "%s of 1500 ms runs its time through %s (exit %d: %d0 ms)",
		   names[how], sigs[j].what, WEXITSTATUS(st), WEXITSTATUS(st));
	}
}

int main(void)
{
	int how;

	/* Ignored from before the fork, so that no SIGUSR1 can come before
	 * the sleeper ignores it (its default action would kill it). */
	signal(SIGUSR1, SIG_IGN);
	for (how = NANOSLEEP; how <= POLL; how++)
		all(how);
	return tap_done();
}
