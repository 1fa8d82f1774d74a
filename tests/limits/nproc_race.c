/*
 * tests/limits/nproc_race.c: RLIMIT_NPROC is decided atomically with
 * making the child: two threads of a process one task short of its
 * user's limit fork at the same moment, and only one of them may
 * succeed (the other gets EAGAIN), every time.
 */
#include "tap.h"
#include <pthread.h>
#include <sys/resource.h>

#define ROUNDS 30

static volatile int round_no, ready, done, quit;
static pid_t results[2];
static int errs[2];

/* Each round: wait for the round to open, fork, report. */
static void *racer(void *arg)
{
	long i = (long)arg;

	for (int r = 1; r <= ROUNDS; r++) {
		__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&round_no, __ATOMIC_SEQ_CST) < r)
			;
		results[i] = fork();
		errs[i] = errno;
		if (results[i] == 0) {
			pause();
			_exit(0);
		}
		__atomic_add_fetch(&done, 1, __ATOMIC_SEQ_CST);
	}
	/* Still counted until the last round is judged. */
	while (!__atomic_load_n(&quit, __ATOMIC_SEQ_CST))
		;
	return NULL;
}

/* Count the round's successes (100 for a failure other than EAGAIN)
 * and clean up. */
static int tally(void)
{
	int made = 0;

	for (int i = 0; i < 2; i++) {
		if (results[i] > 0) {
			made++;
			kill(results[i], SIGKILL);
			waitpid(results[i], NULL, 0);
		} else if (errs[i] != EAGAIN) {
			made += 100;
		}
	}
	return made;
}

static int as_user(void)
{
	/* Us and the two racers: three tasks; the limit leaves room for
	 * one more. */
	struct rlimit r = { 4, 4 };
	pthread_t th[2];
	int bad = 0;

	if (setrlimit(RLIMIT_NPROC, &r) || setgid(1002) || setuid(1002))
		return 100;
	for (long i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, racer, (void *)i))
			return 101;
	for (int rn = 1; rn <= ROUNDS; rn++) {
		while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 2 * rn)
			;
		done = 0;
		__atomic_store_n(&round_no, rn, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&done, __ATOMIC_SEQ_CST) < 2)
			;
		int n = tally();

		if (n != 1) {
			bad++;
			diag("round %d: %d forks succeeded (%d/%d, %d/%d)", rn,
			     n, results[0], errs[0], results[1], errs[1]);
		}
	}
	quit = 1;
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	return bad;
}

int main(void)
{
	int st;

	alarm(25);
	st = run_child(as_user);
	ok(exited_with(st, 0), "two threads at the limit fork at once: exactly "
	   "one succeeds, %d rounds out of %d (status %#x)", ROUNDS, ROUNDS,
	   st);
	return tap_done();
}
