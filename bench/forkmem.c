/*
 * bench/forkmem.c MODE MIB [ITERS]: fork or vfork (MODE) + child _exit(0)
 * + waitpid, from a parent that first maps MIB MiB of private anonymous
 * memory and writes to every page of it, so that it is resident.
 *
 * fork has to share all of it copy-on-write (copy or share page tables,
 * write-protect, take page references) and the child's exit undoes that;
 * vfork shares the address space and should not care.  The memory is
 * marked MADV_NOHUGEPAGE so both kernels deal in 4 KiB pages (Linux would
 * otherwise fork 2 MiB transparent huge pages by the PMD).
 * Reports "fork-mem-MIB" or "vfork-mem-MIB".
 *
 * bench/forkmem.c maps N [ITERS]: fork + _exit + waitpid from a parent
 * with N reservations of 1 GiB each (private, MAP_NORESERVE), one page
 * written in each: what many large, sparsely used mappings (a JVM's or a
 * sanitizer's heap) cost fork. Reports "fork-maps-N".
 */
#include "bench.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096

/* Map and touch mib MiB; returns the mapping (NULL for 0 MiB). */
static char *resident(const char *name, size_t mib)
{
	size_t len = mib << 20, off;
	char *p;

	if (mib == 0)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		bench_fail(name, "mmap");
	madvise(p, len, MADV_NOHUGEPAGE);	/* tine may not know it */
	for (off = 0; off < len; off += PAGE)
		p[off] = 1;
	return p;
}

/* n reservations of 1 GiB with one resident page each. */
static void reservations(const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *p = mmap(NULL, 1UL << 30, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);

		if (p == MAP_FAILED)
			bench_fail(name, "mmap");
		p[i * PAGE % (1UL << 30)] = 1;
	}
}

/* Name the entry and build the parent's memory; -1 for a bad mode. */
__attribute__((noinline)) static int setup(const char *mode, size_t mib, char *name, size_t size)
{
	if (strcmp(mode, "maps") == 0) {
		snprintf(name, size, "fork-maps-%zu", mib);
		reservations(name, mib);
		return 0;
	}
	snprintf(name, size, "%s-mem-%zu", mode, mib);
	if (strcmp(mode, "vfork") && strcmp(mode, "fork")) {
		printf("# bench: forkmem.c: unknown mode %s\n", mode);
		return -1;
	}
	resident(name, mib);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fork";
	size_t mib = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;
	size_t i, n = bench_iters(argc, argv, 3, 20);
	uint64_t *s = bench_alloc(n);
	int vf = strcmp(mode, "vfork") == 0, status;
	char name[32];

	if (setup(mode, mib, name, sizeof(name)))
		return 2;
	for (i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();
		pid_t pid = vf ? vfork() : fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0)
			bench_fail(name, vf ? "vfork" : "fork");
		if (waitpid(pid, &status, 0) != pid)
			bench_fail(name, "waitpid");
		s[i] = bench_tsc() - t0;
	}
	bench_report(name, s, n, 0);
	return 0;
}
