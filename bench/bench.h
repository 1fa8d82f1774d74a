/*
 * bench/bench.h: what every benchmark program shares.
 *
 * Timing is with the TSC read by rdtsc, so nothing but the operation under
 * test is inside the timed path: no clock_gettime (a syscall on tine).
 * Under QEMU with -icount shift=0 the TSC counts guest instructions (one
 * per virtual nanosecond) and results repeat exactly; under plain TCG it
 * follows the host's clock.
 *
 * A benchmark collects one sample per operation and prints one line
 *
 *	bench NAME median N min N iters N [mean N]
 *
 * in TSC ticks per operation, which tools/bench.sh collects.  Progress and
 * problems go out as "# ..." lines; a benchmark that fails prints no
 * "bench" line for that name and exits non-zero.
 */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

/* Read the TSC; lfence keeps it from moving across the code it brackets. */
static inline uint64_t bench_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Allocate room for n samples, or die with a message. */
static inline uint64_t *bench_alloc(size_t n)
{
	uint64_t *s = calloc(n ? n : 1, sizeof(*s));

	if (!s) {
		printf("# bench: out of memory for %zu samples\n", n);
		exit(1);
	}
	return s;
}

static int bench_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Print NAME's line from n samples (sorted in place).  mean, if not zero,
 * is an extra per-operation figure (e.g. a whole batch divided by its
 * size) printed after the others.
 */
static inline void bench_report(const char *name, uint64_t *s, size_t n,
				uint64_t mean)
{
	uint64_t median;

	if (n == 0) {
		printf("# bench %s: no samples\n", name);
		return;
	}
	qsort(s, n, sizeof(*s), bench_cmp);
	median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	if (mean)
		printf("bench %s median %llu min %llu iters %zu mean %llu\n",
		       name, (unsigned long long)median,
		       (unsigned long long)s[0], n, (unsigned long long)mean);
	else
		printf("bench %s median %llu min %llu iters %zu\n", name,
		       (unsigned long long)median, (unsigned long long)s[0],
		       n);
	fflush(stdout);
}

/* Print a failure line for NAME and exit non-zero. */
static inline void bench_fail(const char *name, const char *what)
{
	printf("# bench %s: %s: %s\n", name, what, strerror(errno));
	fflush(stdout);
	exit(1);
}

/* The iteration count: argv[i] if given and positive, else dflt. */
static inline size_t bench_iters(int argc, char **argv, int i, size_t dflt)
{
	long n = argc > i ? strtol(argv[i], NULL, 0) : 0;

	return n > 0 ? (size_t)n : dflt;
}

/*
 * The create + exit + wait benchmarks (fork.c, spawn.c): n samples of
 * start(mode), which returns a child's pid (or -1 with errno), then its
 * waitpid; every child must exit 0. Reports under mode; returns main's
 * exit code.
 */
static inline int bench_spawn_wait(const char *mode, size_t n,
				   pid_t (*start)(const char *mode))
{
	uint64_t *s = bench_alloc(n);
	int status;

	for (size_t i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();
		pid_t pid = start(mode);

		if (pid < 0)
			bench_fail(mode, "create");
		if (waitpid(pid, &status, 0) != pid)
			bench_fail(mode, "waitpid");
		s[i] = bench_tsc() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			printf("# bench %s: child status %#x\n", mode, status);
			return 1;
		}
	}
	bench_report(mode, s, n, 0);
	return 0;
}

#endif
