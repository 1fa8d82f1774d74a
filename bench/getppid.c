/*
 * bench/getppid.c [ITERS]: the round trip of the cheapest syscall.
 *
 * Each sample is one getppid() called raw (musl's wrapper adds nothing,
 * but syscall() makes sure no library cache answers it), timed alone, so
 * the figure includes one rdtsc pair.
 */
#include "bench.h"
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	size_t i, n = bench_iters(argc, argv, 1, 2000);
	uint64_t *s = bench_alloc(n);

	for (i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();

		syscall(SYS_getppid);
		s[i] = bench_tsc() - t0;
	}
	bench_report("getppid", s, n, 0);
	return 0;
}
