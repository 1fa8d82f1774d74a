/*
 * bench/execve.c [ITERS]: execve() alone, as a chain of ITERS execs of this
 * same program, counting down in argv.
 *
 * Every link is started as
 *	execve chain REMAINING FD T_BEFORE T_START
 * where T_BEFORE is the TSC read just before the execve() that started it
 * (sixteen hex digits, written into an argv buffer prepared in advance) and
 * T_START the TSC when the chain began.  Each link's sample, the TSC at the
 * top of main() minus T_BEFORE, is appended to FD, a file in /tmp; so one
 * sample covers the execve syscall (tearing down the old address space,
 * loading the static ELF, building the new stack) and musl's start-up code.
 * The last link reads every sample back and reports them, with the whole
 * chain's time divided by ITERS as the mean.
 */
#include "bench.h"
#include <fcntl.h>

#define SELF "/bench/execve"
#define SAMPLES "/tmp/bench-execve"

static char hex_digits[] = "0123456789abcdef";

/* Write v as sixteen hex digits and a NUL into buf. */
static void put_hex(char *buf, uint64_t v)
{
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		buf[i] = hex_digits[v & 15];
	buf[16] = '\0';
}

/* Exec the next link: REMAINING links still to go. */
static void next_link(long remaining, int fd, uint64_t t_start)
{
	static char rem[24], fdbuf[24], before[17], start[17];
	char *argv[] = { "execve", "chain", rem, fdbuf, before, start, NULL };
	char *envp[] = { NULL };

	snprintf(rem, sizeof(rem), "%ld", remaining);
	snprintf(fdbuf, sizeof(fdbuf), "%d", fd);
	put_hex(start, t_start);
	put_hex(before, bench_tsc());
	execve(SELF, argv, envp);
	bench_fail("execve", "execve " SELF);
}

/* The last link: read the samples back from fd and report. */
static void finish(int fd, size_t n, uint64_t total)
{
	uint64_t *s = bench_alloc(n);
	ssize_t len = pread(fd, s, n * sizeof(*s), 0);

	if (len != (ssize_t)(n * sizeof(*s)))
		bench_fail("execve", "reading the samples back");
	bench_report("execve", s, n, total / n);
}

int main(int argc, char **argv)
{
	uint64_t now = bench_tsc(), sample, t_start;
	long remaining;
	size_t n;
	int fd;

	if (argc == 6 && strcmp(argv[1], "chain") == 0) {
		remaining = strtol(argv[2], NULL, 10);
		fd = (int)strtol(argv[3], NULL, 10);
		t_start = strtoull(argv[5], NULL, 16);
		sample = now - strtoull(argv[4], NULL, 16);
		if (write(fd, &sample, sizeof(sample)) != sizeof(sample))
			bench_fail("execve", "saving a sample");
		if (remaining > 0)
			next_link(remaining - 1, fd, t_start);
		n = (size_t)lseek(fd, 0, SEEK_CUR) / sizeof(sample);
		finish(fd, n, now - t_start);
		return 0;
	}
	n = bench_iters(argc, argv, 1, 100);
	fd = open(SAMPLES, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		bench_fail("execve", "open " SAMPLES);
	unlink(SAMPLES);
	next_link((long)n - 1, fd, bench_tsc());
	return 1;
}
