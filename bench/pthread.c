/*
 * bench/pthread.c [ITERS]: pthread_create of a thread that returns at
 * once, then pthread_join.  musl maps the thread's stack and guard page,
 * clones with CLONE_VM | CLONE_THREAD | CLONE_SETTLS | CLONE_CHILD_CLEARTID
 * and friends, and join waits on the tid futex the kernel clears.
 */
#include "bench.h"
#include <pthread.h>

static void *nothing(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	size_t i, n = bench_iters(argc, argv, 1, 200);
	uint64_t *s = bench_alloc(n);

	for (i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();
		pthread_t t;
		int err = pthread_create(&t, NULL, nothing, NULL);

		if (err) {
			errno = err;
			bench_fail("pthread", "pthread_create");
		}
		err = pthread_join(t, NULL);
		if (err) {
			errno = err;
			bench_fail("pthread", "pthread_join");
		}
		s[i] = bench_tsc() - t0;
	}
	bench_report("pthread", s, n, 0);
	return 0;
}
