/*
 * tests/mem/cow_sparse.c: fork of a process whose 2 MiB regions are only
 * partly in use: a few dozen resident pages per region, at the start, at
 * the end, or scattered, in runs a kernel may share as whole page tables
 * (tine shares a table from 32 entries and copies it, up to its last
 * entry in use, at the first write on either side). Each side must see
 * only its own writes, page by page, whoever writes first, and munmap or
 * mprotect of a single page in the child must leave the parent's memory
 * as it was.
 */
#include "tap.h"
#include <sys/mman.h>

#define REGION (2UL << 20)
#define NREG 3
#define PER_REG 40			/* resident pages per region */

static char *base;			/* NREG regions, 2 MiB aligned */

/* Page j of region r: region 0 uses its first pages, region 1 its
 * last ones (up to entry 511), region 2 every twelfth. */
static unsigned long *page(int r, int j)
{
	unsigned long idx = r == 0 ? (unsigned long)j :
			    r == 1 ? 511UL - j : 12UL * j + 5;

	return (unsigned long *)(base + r * REGION + idx * 4096);
}

static void fill(unsigned long tag)
{
	for (int r = 0; r < NREG; r++)
		for (int j = 0; j < PER_REG; j++)
			*page(r, j) = tag + r * 1000 + j;
}

/* Pages (of every step-th) not holding tag + r * 1000 + j. */
static int wrong(unsigned long tag, int step)
{
	int n = 0;

	for (int r = 0; r < NREG; r++)
		for (int j = 0; j < PER_REG; j += step)
			n += *page(r, j) != tag + r * 1000 + j;
	return n;
}

static int go[2][2];

static void signal_other(int which) { write(go[which][1], "g", 1); }
static void wait_other(int which)
{
	char c;

	read(go[which][0], &c, 1);
}

/* The child writes first, then the parent; each checks the other's
 * writes never reach it. */
static void test_child_writes_first(void)
{
	int st = -1;
	pid_t pid;

	fill(10000);
	pid = fork();
	if (pid == 0) {
		int bad = wrong(10000, 1) != 0;

		fill(20000);
		signal_other(0);
		wait_other(1);
		bad |= wrong(20000, 1) != 0;
		_exit(bad);
	}
	wait_other(0);
	ok(wrong(10000, 1) == 0, "the parent does not see the child's writes");
	fill(30000);
	signal_other(1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child saw the parent's pages, then its own");
	ok(wrong(30000, 1) == 0, "the parent sees its own writes");
}

/* The parent writes first while the child still shares, then the
 * child checks it still has the old contents everywhere. */
static void test_parent_writes_first(void)
{
	int st = -1;
	pid_t pid;

	fill(40000);
	pid = fork();
	if (pid == 0) {
		wait_other(1);
		_exit(wrong(40000, 1) != 0);
	}
	fill(50000);
	signal_other(1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child keeps the pages as they were at fork");
	ok(wrong(50000, 1) == 0, "the parent keeps its writes");
}

/* One page of each region unmapped, one made read-only, in the child. */
static int child_changes(void)
{
	int bad = 0;

	for (int r = 0; r < NREG; r++) {
		bad |= munmap(page(r, 3), 4096) != 0;
		bad |= mprotect(page(r, 7), 4096, PROT_READ) != 0;
		bad |= *page(r, 7) != 60000UL + r * 1000 + 7;
		*page(r, 9) = 1;
	}
	return bad;
}

static void test_child_changes(void)
{
	fill(60000);
	ok(exited_with(run_child(child_changes), 0),
	   "munmap and mprotect of single pages work in the child");
	ok(wrong(60000, 1) == 0, "... and the parent's pages are all there");
}

int main(void)
{
	char *p = mmap(NULL, (NREG + 1) * REGION, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ok(p != MAP_FAILED, "a private mapping of %d MiB", (NREG + 1) * 2);
	if (p == MAP_FAILED)
		return tap_done();
	base = (char *)(((unsigned long)p + REGION - 1) & ~(REGION - 1));
	pipe(go[0]);
	pipe(go[1]);
	test_child_writes_first();
	test_parent_writes_first();
	test_child_changes();
	return tap_done();
}
