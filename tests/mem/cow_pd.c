/*
 * tests/mem/cow_pd.c: fork of a process whose private memory is spread
 * over a whole 1 GiB-aligned gigabyte (one page every 2 MiB over
 * 128 MiB, and 4 MiB written in full), where the kernel may share the
 * page tables one level up: tine shares the whole page directory (one
 * PD maps 1 GiB) copy-on-write, docs/odf.md. Each side must see only
 * its own writes: after writes on both sides, munmap (part of it, and
 * the whole gigabyte), mprotect, madvise(MADV_DONTNEED) and mremap in
 * the child, three sharers, a parent that exits while its child still
 * shares, a write through /proc/PID/mem, and shared, MADV_DONTFORK and
 * MADV_WIPEONFORK mappings inside the same gigabyte.
 */
#include "tap.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#define GIB (1UL << 30)
#define MIB (1UL << 20)
#define SPARSE 64			/* one page every 2 MiB */
#define DENSE_OFF (128 * MIB)		/* then 4 MiB written in full */
#define DENSE_PAGES 1024
#define TOUCHED (SPARSE + DENSE_PAGES)

static char *base;			/* 1 GiB aligned, inside a 2 GiB map */

/* The word at the i-th touched page. */
static unsigned long *word(unsigned long i)
{
	if (i < SPARSE)
		return (unsigned long *)(base + i * 2 * MIB);
	return (unsigned long *)(base + DENSE_OFF + (i - SPARSE) * 4096);
}

/* Write tag + i to every step-th touched page. */
static void fill(unsigned long tag, unsigned long step)
{
	for (unsigned long i = 0; i < TOUCHED; i += step)
		*word(i) = tag + i;
}

/* Count the step-th touched pages whose word is not tag + i. */
static unsigned long wrong(unsigned long tag, unsigned long step)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < TOUCHED; i += step)
		n += *word(i) != tag + i;
	return n;
}

/* Is [p, p + len) unmapped (mincore says ENOMEM)? */
static int unmapped(void *p, size_t len)
{
	unsigned char vec[8];

	return mincore(p, len < 8 * 4096 ? len : 8 * 4096, vec) == -1 &&
	       errno == ENOMEM;
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
		for (unsigned long i = 1; i < TOUCHED; i += 2)
			bad |= *word(i) != 1000 + i;
		_exit(bad);
	}
	wait_other(0);
	ok(wrong(1000, 1) == 0, "the parent does not see the child's writes");
	fill(9000, 1);
	signal_other(1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child saw the parent's data, then only its own");
	ok(wrong(9000, 1) == 0, "the parent sees its own writes");
	for (int i = 0; i < 2; i++) {
		close(sync_pipe[i][0]);
		close(sync_pipe[i][1]);
	}
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
		if (!exited_with(gst, 0) || wrong(100, 1) != 0)
			_exit(1);
		fill(200, 3);			/* then the child writes */
		_exit(wrong(200, 3) != 0);
	}
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "three sharers: a grandchild's writes reach "
	   "nobody else, nor the child's");
	ok(wrong(100, 1) == 0, "... nor the grandparent");
}

static int child_ops(void)
{
	char *moved;

	if (wrong(700, 1))
		return 1;
	/* 2 MiB-aligned holes, and one page of the dense part. */
	if (munmap(base + 4 * MIB, 2 * MIB) ||
	    munmap(base + DENSE_OFF + 8192, 4096))
		return 2;
	if (!unmapped(base + 4 * MIB, 2 * MIB))
		return 3;
	if (mprotect(base + 8 * MIB, 2 * MIB, PROT_READ))
		return 4;
	if (madvise(base + 10 * MIB, 2 * MIB, MADV_DONTNEED))
		return 5;
	if (*word(5) != 0)
		return 6;			/* MADV_DONTNEED: zeroes */
	moved = mremap(base + 12 * MIB, 2 * MIB, 2 * MIB,
		       MREMAP_MAYMOVE | MREMAP_FIXED, base + GIB - 4 * MIB);
	if (moved == MAP_FAILED)
		return 7;
	if (*(unsigned long *)moved != 700 + 6)
		return 8;			/* the data moved with it */
	*(unsigned long *)moved = 1;
	if (*word(4) != 700 + 4 || *word(7) != 700 + 7)
		return 9;			/* the rest is still there */
	fill(800, 16);				/* pages still mapped */
	return 0;
}

static void test_mapping_changes(void)
{
	int st;

	fill(700, 1);
	st = run_child(child_ops);
	ok(exited_with(st, 0), "munmap, mprotect, madvise, mremap inside "
	   "the shared gigabyte work in the child (status %#x)", st);
	ok(wrong(700, 1) == 0, "... and the parent's memory is untouched");
}

/* The child lets go of the whole gigabyte, then maps it afresh. */
static int child_unmap_all(void)
{
	unsigned long *p;

	if (wrong(600, 1) || munmap(base, GIB) || !unmapped(base, GIB) ||
	    !unmapped(base + DENSE_OFF, 4096))
		return 1;
	p = mmap(base, GIB, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
		 -1, 0);
	if (p != (unsigned long *)base)
		return 2;
	for (unsigned long i = 0; i < TOUCHED; i++)
		if (*word(i) != 0)
			return 3;		/* nothing of the old memory */
	fill(650, 5);
	return 0;
}

static void test_unmap_all(void)
{
	int st;

	fill(600, 1);
	st = run_child(child_unmap_all);
	ok(exited_with(st, 0), "the child unmaps the whole gigabyte and maps "
	   "zeroes there again (status %#x)", st);
	ok(wrong(600, 1) == 0, "... and the parent's memory is untouched");
}

/*
 * A middle process forks and exits at once: its child, still sharing
 * the memory, must find it whole and write it; the test process keeps
 * sharing it too.
 */
static void test_parent_exits_first(void)
{
	int res[2], st = -1;
	pid_t mid;
	char c = 1;

	fill(400, 1);
	pipe(res);
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* the orphan comes to us */
	mid = fork();
	if (mid == 0) {
		pid_t pid = fork();

		if (pid == 0) {
			/* Wait for the middle process to be gone. */
			for (int i = 0; i < 10000 && getppid() == mid; i++)
				usleep(1000);
			c = getppid() == mid;
			c |= wrong(400, 1) != 0;
			fill(450, 1);
			c |= wrong(450, 1) != 0;
			write(res[1], &c, 1);
			_exit(0);
		}
		_exit(pid < 0);
	}
	close(res[1]);
	waitpid(mid, &st, 0);
	ok(exited_with(st, 0), "the middle process exited after forking");
	c = read(res[0], &c, 1) == 1 ? c : 2;
	ok(c == 0, "its orphan still had the memory and wrote it (%d)", c);
	close(res[0]);
	ok(waitpid(-1, &st, 0) > 0 && exited_with(st, 0), "the orphan is reaped");
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	ok(wrong(400, 1) == 0, "... the first sharer's memory is untouched");
}

/* The parent writes a child's shared memory through /proc/PID/mem. */
static void test_proc_mem_write(void)
{
	unsigned long v = 0x5eed;
	int st = -1, fd, n = -1;
	char path[64];
	pid_t pid;

	fill(900, 1);
	pipe(sync_pipe[0]);
	pid = fork();
	if (pid == 0) {
		wait_other(0);
		_exit(*word(3) != 0x5eed || *word(SPARSE + 9) != 0x5eed ||
		      *word(4) != 900 + 4);
	}
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	if (fd >= 0) {
		n = pwrite(fd, &v, sizeof(v), (off_t)(unsigned long)word(3));
		n += pwrite(fd, &v, sizeof(v),
			    (off_t)(unsigned long)word(SPARSE + 9));
		close(fd);
	}
	signal_other(0);
	waitpid(pid, &st, 0);
	ok(n == 2 * (int)sizeof(v), "pwrite to the child's /proc/PID/mem");
	ok(exited_with(st, 0), "the child sees what was written there");
	ok(wrong(900, 1) == 0, "... the writer's own memory is untouched");
	close(sync_pipe[0][0]);
	close(sync_pipe[0][1]);
}

/*
 * Mappings fork must not copy as private memory, in the same gigabyte:
 * a shared one (both sides see each other's writes), MADV_DONTFORK (not
 * in the child) and MADV_WIPEONFORK (zeroes in the child).
 */
static int grandchild_mixed(void)
{
	volatile unsigned long *shared = (void *)(base + 512 * MIB);
	volatile unsigned long *wiped = (void *)(base + 600 * MIB);

	if (wrong(500, 1) || wiped[0] != 0 || wiped[512] != 0)
		return 1;
	if (!unmapped(base + 700 * MIB, 2 * MIB))
		return 2;
	shared[0] = 77;
	wiped[0] = 5;
	fill(550, 1);
	return 0;
}

static int child_mixed(void)
{
	const int prot = PROT_READ | PROT_WRITE;
	volatile unsigned long *shared, *wiped, *kept;
	int st;

	shared = mmap(base + 512 * MIB, 2 * MIB, prot,
		      MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (shared != (void *)(base + 512 * MIB))
		return 10;
	wiped = (void *)(base + 600 * MIB);
	kept = (void *)(base + 700 * MIB);
	if (madvise((void *)wiped, 2 * MIB, MADV_WIPEONFORK) ||
	    madvise((void *)kept, 2 * MIB, MADV_DONTFORK))
		return 11;
	wiped[0] = 3;
	wiped[512] = 3;
	kept[0] = 4;
	st = run_child(grandchild_mixed);
	if (!exited_with(st, 0))
		return 20 + (WIFEXITED(st) ? WEXITSTATUS(st) : 9);
	if (shared[0] != 77)
		return 12;			/* shared: the write shows */
	if (wiped[0] != 3 || kept[0] != 4 || wrong(500, 1))
		return 13;
	return 0;
}

static void test_mixed_mappings(void)
{
	int st;

	fill(500, 1);
	st = run_child(child_mixed);
	ok(exited_with(st, 0), "shared, MADV_DONTFORK and MADV_WIPEONFORK "
	   "mappings in the gigabyte keep their fork semantics (status %#x)",
	   st);
}

int main(void)
{
	char *map = mmap(NULL, 2 * GIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (!ok(map != MAP_FAILED, "a 2 GiB private reservation"))
		return tap_done();
	base = (char *)(((unsigned long)map + GIB - 1) & ~(GIB - 1));
	/* 4 KiB pages on Linux too: one page per 2 MiB stays one page. */
	madvise(map, 2 * GIB, MADV_NOHUGEPAGE);
	test_both_write();
	test_three_sharers();
	test_mapping_changes();
	test_unmap_all();
	test_parent_exits_first();
	test_proc_mem_write();
	test_mixed_mappings();
	return tap_done();
}
