/*
 * bench/pipe.c [ITERS]: a one-byte ping-pong between two processes over
 * two pipes.  The parent writes a byte, the child reads it and writes it
 * back, the parent reads it: on one CPU, one round trip is two context
 * switches, four pipe syscalls and two sleeps and wake-ups.  Each sample
 * is one round trip seen from the parent.
 */
#include "bench.h"
#include <sys/wait.h>

/* Child: echo bytes from in to out until in reaches end of file. */
static void echo(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			_exit(1);
	_exit(0);
}

int main(int argc, char **argv)
{
	size_t i, n = bench_iters(argc, argv, 1, 1000);
	uint64_t *s = bench_alloc(n);
	int ping[2], pong[2], status;
	pid_t pid;
	char c = 'x';

	if (pipe(ping) < 0 || pipe(pong) < 0)
		bench_fail("pipe-pingpong", "pipe");
	pid = fork();
	if (pid < 0)
		bench_fail("pipe-pingpong", "fork");
	if (pid == 0) {
		close(ping[1]);
		close(pong[0]);
		echo(ping[0], pong[1]);
	}
	close(ping[0]);
	close(pong[1]);
	for (i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();

		if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
			bench_fail("pipe-pingpong", "round trip");
		s[i] = bench_tsc() - t0;
	}
	close(ping[1]);
	if (waitpid(pid, &status, 0) != pid || status != 0) {
		printf("# bench pipe-pingpong: child status %#x\n", status);
		return 1;
	}
	bench_report("pipe-pingpong", s, n, 0);
	return 0;
}
