/*
 * tests/smp/fork_storm.c: fork/exit/wait storms from every CPU at once.
 * One worker process per CPU (at least two), pinned there, forks
 * children that exit at once with a status naming the worker and the
 * round; the worker reaps them by pid, some by "any child", a few
 * children exit by a signal. Every child must be reaped exactly once
 * with its own status, none left behind; the workers report theirs to
 * the test through their own exit status.
 */
#include "smp.h"

#define ROUNDS 60
#define BATCH 4

/* The status child r of worker w exits with (or 0x80 | signal). */
static int status_of(int w, int r)
{
	return (w * 31 + r) & 0x7f;
}

/* Fork BATCH children, then reap them in an order that mixes pids and
 * wait(-1); 0 if every one came back once with its status. */
static int batch(int w, int r0)
{
	pid_t pids[BATCH];
	int seen[BATCH] = { 0 }, status;

	for (int i = 0; i < BATCH; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			if ((r0 + i) % 7 == 6)
				raise(SIGTERM);
			_exit(status_of(w, r0 + i));
		}
		if (pids[i] < 0)
			return 1;
	}
	for (int n = 0; n < BATCH; n++) {
		pid_t p;
		int i;

		/* Half by "any child", half by the first one not yet seen. */
		for (i = 0; i < BATCH && seen[i]; i++)
			;
		p = (n % 2) ? waitpid(-1, &status, 0) :
			      waitpid(pids[i], &status, 0);
		for (i = 0; i < BATCH && pids[i] != p; i++)
			;
		if (i == BATCH || seen[i]++)
			return 2;	/* unknown, or reaped twice */
		if ((r0 + i) % 7 == 6 ? !killed_by(status, SIGTERM) :
		    !exited_with(status, status_of(w, r0 + i)))
			return 3;
	}
	return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD ? 0 : 4;
}

static int worker(int w)
{
	pin_to_cpu(w);
	for (int r = 0; r < ROUNDS; r += BATCH) {
		int err = batch(w, r);

		if (err)
			return err;
	}
	return 0;
}

int main(void)
{
	int n = nr_cpus() < 2 ? 2 : nr_cpus(), bad = 0, status;
	pid_t pids[64];

	if (n > 64)
		n = 64;
	for (int w = 0; w < n; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			_exit(worker(w));
	}
	for (int w = 0; w < n; w++) {
		if (pids[w] < 0 || waitpid(pids[w], &status, 0) != pids[w] ||
		    !exited_with(status, 0)) {
			diag("worker %d: status %#x", w, status);
			bad++;
		}
	}
	ok(bad == 0, "%d workers x %d children: each reaped once, with its "
	   "own status", n, ROUNDS);
	expect_errno(waitpid(-1, &status, WNOHANG), ECHILD);
	return tap_done();
}
