/*
 * bench/tput.c MODE WORKERS [ITERS] [ROUNDS]: throughput of process
 * creation with WORKERS processes doing it at once.
 *
 *	fork  fork(); the child calls _exit(0); waitpid()
 *	exec  fork(); the child execve()s /bench/true; waitpid()
 *
 * Each round starts WORKERS workers (forked first, released together
 * through a pipe), each doing ITERS operations; one sample is the
 * round's wall time, from the release until the last worker is done,
 * divided by the operations of the round: TSC ticks per operation at
 * that concurrency (with N CPUs, N workers should bring it down N
 * times). ROUNDS samples, printed as "bench MODE-tput-WORKERS".
 */
#include "bench.h"
#include <sys/wait.h>

static int one_op(int exec)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (exec) {
			char *argv[] = { "/bench/true", NULL };

			execve(argv[0], argv, NULL);
		}
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		return -1;
	return 0;
}

/* A worker: wait for the start, then iters operations; exit 0 if all
 * worked. */
static void worker(int go, int exec, size_t iters)
{
	char c;

	if (read(go, &c, 1) != 1)
		_exit(2);
	for (size_t i = 0; i < iters; i++)
		if (one_op(exec))
			_exit(1);
	_exit(0);
}

/* One round: ticks from the release of the workers to the last one's
 * end, or 0 if one failed. */
static uint64_t round_ticks(int workers, int exec, size_t iters)
{
	int go[2], status, failed = 0;
	uint64_t t0, t1;
	char start[64];

	if (pipe(go))
		return 0;
	for (int w = 0; w < workers; w++) {
		pid_t pid = fork();

		if (pid == 0) {
			close(go[1]);
			worker(go[0], exec, iters);
		}
		if (pid < 0)
			failed = 1;
	}
	close(go[0]);
	memset(start, 'g', sizeof(start));
	t0 = bench_tsc();
	if (write(go[1], start, workers) != workers)
		failed = 1;
	close(go[1]);
	while (wait(&status) > 0)
		if (status != 0)
			failed = 1;
	t1 = bench_tsc();
	return failed ? 0 : t1 - t0;
}

int main(int argc, char **argv)
{
	int exec = argc > 1 && !strcmp(argv[1], "exec");
	int workers = (int)bench_iters(argc, argv, 2, 1);
	size_t iters = bench_iters(argc, argv, 3, exec ? 20 : 50);
	size_t rounds = bench_iters(argc, argv, 4, 5), n = 0;
	uint64_t *s = bench_alloc(rounds);
	char name[32];

	if (workers > 32)
		workers = 32;
	snprintf(name, sizeof(name), "%s-tput-%d", exec ? "exec" : "fork",
		 workers);
	for (size_t r = 0; r < rounds; r++) {
		uint64_t t = round_ticks(workers, exec, iters);

		if (!t)
			bench_fail(name, "a worker failed");
		s[n++] = t / (iters * workers);
	}
	bench_report(name, s, n, 0);
	return 0;
}
