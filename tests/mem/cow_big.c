/*
 * tests/mem/cow_big.c: fork of a process with large private memory,
 * where the kernel may share whole page tables between parent and child
 * copy-on-write (tine does, for every 2 MiB a mapping covers). Each
 * side must see only its own writes; munmap, mprotect, madvise and
 * mremap inside the shared range, three sharers, and a sharer that
 * exits first must all leave the others' memory exactly as it was.
 */
#include "tap.h"
#include <sys/mman.h>

#define SIZE (16UL << 20)
#define PAGES (SIZE / 4096)

static unsigned long *region;

static void fill(unsigned long tag, unsigned long step)
{
	for (unsigned long i = 0; i < PAGES; i += step)
		region[i * 512] = tag + i;
}

/* Count pages whose word is not tag + i (i in steps of step). */
static unsigned long wrong(unsigned long tag, unsigned long step)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < PAGES; i += step)
		n += region[i * 512] != tag + i;
	return n;
}

static int sync_pipe[2][2];

static void signal_other(int which) { write(sync_pipe[which][1], "s", 1); }
static void wait_other(int which)
{
	char c;
	read(sync_pipe[which][0], &c, 1);
}

static void test_both_write(void)
{
	int st = -1;
	pid_t pid;

	fill(1000, 1);
	pipe(sync_pipe[0]);
	pipe(sync_pipe[1]);
	pid = fork();
	if (pid == 0) {
		int bad = wrong(1000, 1) != 0;
		fill(5000, 2);			/* half the pages */
		bad |= wrong(5000, 2) != 0;
		signal_other(0);
		wait_other(1);			/* the parent wrote all */
		bad |= wrong(5000, 2) != 0;
		for (unsigned long i = 1; i < PAGES; i += 2)
			bad |= region[i * 512] != 1000 + i;
		_exit(bad);
	}
	wait_other(0);
	ok(wrong(1000, 1) == 0, "the parent does not see the child's writes");
	fill(9000, 1);
	signal_other(1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child saw the parent's data, then only its own");
	ok(wrong(9000, 1) == 0, "the parent sees its own writes");
}

static void test_three_sharers(void)
{
	int st = -1;
	pid_t pid;

	fill(100, 1);
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();
		int gst = -1;

		if (g == 0) {
			int bad = wrong(100, 1) != 0;
			fill(300, 1);
			_exit(bad || wrong(300, 1) != 0);
		}
		waitpid(g, &gst, 0);		/* the grandchild wrote all */
		_exit(!exited_with(gst, 0) || wrong(100, 1) != 0);
	}
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "three sharers: a grandchild's writes reach nobody else");
	ok(wrong(100, 1) == 0, "... nor the grandparent");
}

static int child_ops(void)
{
	char *r = (char *)region;
	unsigned long off = 4UL << 20;	/* 2 MiB aligned inside */
	char *moved;

	if (wrong(700, 1))
		return 1;
	if (munmap(r + off, 2UL << 20))
		return 2;
	if (mprotect(r + (8UL << 20), 2UL << 20, PROT_READ))
		return 3;
	if (madvise(r + (10UL << 20), 2UL << 20, MADV_DONTNEED))
		return 4;
	if (region[(10UL << 20) / 8] != 0)
		return 5;			/* MADV_DONTNEED: zeroes */
	moved = mremap(r + (12UL << 20), 2UL << 20, 2UL << 20,
		       MREMAP_MAYMOVE | MREMAP_FIXED, r + SIZE + (32UL << 20));
	if (moved == MAP_FAILED)
		return 6;
	if (((unsigned long *)moved)[0] != 700 + (12UL << 20) / 4096)
		return 7;			/* the data moved with it */
	((unsigned long *)moved)[0] = 1;
	return 0;
}

static void test_mapping_changes(void)
{
	int st;

	fill(700, 1);
	st = run_child(child_ops);
	ok(exited_with(st, 0), "munmap, mprotect, madvise, mremap inside "
	   "shared memory work in the child (status %#x)", st);
	ok(wrong(700, 1) == 0, "... and the parent's memory is untouched");
}

static int child_exit_early(void) { return wrong(40, 1) != 0; }

static void test_sharer_exits(void)
{
	fill(40, 1);
	ok(exited_with(run_child(child_exit_early), 0),
	   "a child that only reads and exits");
	fill(80, 1);
	ok(wrong(80, 1) == 0, "the parent writes everything afterwards");
}

int main(void)
{
	region = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(region != MAP_FAILED, "a 16 MiB private mapping");
	test_both_write();
	test_three_sharers();
	test_mapping_changes();
	test_sharer_exits();
	return tap_done();
}
