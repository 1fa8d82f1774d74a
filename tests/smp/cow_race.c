/*
 * tests/smp/cow_race.c: fork while another thread of the parent, on
 * another CPU, keeps writing the same page. Fork must write-protect the
 * parent's pages in every CPU's TLB before it returns: the child's copy
 * is a snapshot, and must never change afterwards, whatever the writer
 * does to the parent's page. Run once on a small mapping (page tables
 * copied at fork), once inside 8 MiB of touched memory (on tine the
 * page tables are then shared at fork, docs/odf.md), and once inside a
 * 1 GiB-aligned gigabyte with 64 MiB of tables in use (tine shares the
 * whole page directory).
 */
#include "smp.h"
#include <pthread.h>
#include <sys/mman.h>

#define FORKS 100

static volatile long *slot;	/* the page the writer writes */
static volatile int stop;
static volatile long writes;

/* Writes a counter and its double, in that order, for ever. */
static void *writer(void *arg)
{
	long n = 0;

	(void)arg;
	pin_to_cpu(1);
	while (!stop) {
		n++;
		slot[0] = n;
		slot[1] = 2 * n;
		__atomic_store_n(&writes, n, __ATOMIC_RELEASE);
	}
	return NULL;
}

/* The child: its page must keep what it held at fork, with both
 * words written before the fork (the second at most one step behind). */
static int check_snapshot(void)
{
	long a = slot[0], b = slot[1];

	if (b != 2 * a && b != 2 * (a - 1))
		return 1;
	for (int i = 0; i < 20; i++) {
		sched_yield();
		if (slot[0] != a || slot[1] != b)
			return 2;
	}
	return 0;
}

static void run(const char *name, volatile long *page)
{
	pthread_t t;
	int bad = 0, status;
	long before;

	slot = page;
	stop = 0;
	writes = 0;
	pthread_create(&t, NULL, writer, NULL);
	wait_for(&writes, 1000, 5000);
	for (int i = 0; i < FORKS; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(check_snapshot());
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !exited_with(status, 0)) {
			if (bad++ < 5)
				diag("%s: fork %d: status %#x", name, i,
				     status);
		}
	}
	before = writes;
	wait_for(&writes, before + 100, 5000);
	stop = 1;
	pthread_join(t, NULL);
	ok(bad == 0, "%s: %d children each kept the page they forked with",
	   name, FORKS);
	ok(writes > before, "%s: the writer kept writing meanwhile", name);
}

/* A page every 2 MiB over 64 MiB of a 1 GiB-aligned gigabyte (inside
 * a 2 GiB reservation); returns a page in the middle, or NULL. */
static char *gigabyte(void)
{
	const unsigned long gib = 1UL << 30;
	char *m = mmap(NULL, 2 * gib, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *base;

	if (m == MAP_FAILED)
		return NULL;
	madvise(m, 2 * gib, MADV_NOHUGEPAGE);
	base = (char *)(((unsigned long)m + gib - 1) & ~(gib - 1));
	for (unsigned long i = 0; i < (64UL << 20); i += 1UL << 21)
		base[i] = 1;
	return base + (32UL << 20);
}

int main(void)
{
	size_t big = 8 << 20;
	char *g;
	char *small = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *m = mmap(NULL, big, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (small == MAP_FAILED || m == MAP_FAILED)
		return tap_done();
	pin_to_cpu(0);
	madvise(m, big, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < big; i += 4096)
		m[i] = 1;
	run("one page", (volatile long *)small);
	run("a page in 8 MiB of touched memory",
	    (volatile long *)(m + (3 << 20)));
	g = gigabyte();
	if (ok(g != NULL, "a 2 GiB private reservation"))
		run("a page in a gigabyte with 64 MiB of tables in use",
		    (volatile long *)g);
	return tap_done();
}
