/*
 * tests/fault/shared_pt.c: munmap, mprotect(PROT_NONE) and
 * madvise(MADV_DONTNEED) over part of a page table a fork child shares
 * with its parent (tine shares last-level tables at fork: docs/odf.md),
 * with each allocation the call makes failed in turn through
 * /proc/self/fail-nth. A call may fail with ENOMEM, and then nothing
 * may have changed; or it succeeds, and then it must have done all of
 * its work: no page left readable after PROT_NONE, no stale mapping
 * after munmap, zeros after MADV_DONTNEED. The parent's memory never
 * changes. Then the same inside a 1 GiB-aligned gigabyte with 64 MiB
 * of tables in use, whose whole page directory the child shares (the
 * PD is copied first, then the PT). Kernels without fault injection
 * (Debian's Linux) skip.
 */
#include "tap.h"
#include <fcntl.h>
#include <setjmp.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_POINTS 100
#define BIG (8UL << 20)
#define PAGE 4096UL

static char *mem;
static char *tgt;		/* the page the calls work on */
static sigjmp_buf jump;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(jump, 1);
}

/* Does reading addr fault? (the byte read goes to *val otherwise) */
static int read_faults(volatile char *addr, char *val)
{
	if (sigsetjmp(jump, 1))
		return 1;
	*val = *addr;
	return 0;
}

static void set_fail_nth(int fd, long n)
{
	char s[32];
	int len = snprintf(s, sizeof(s), "%ld", n);

	lseek(fd, 0, SEEK_SET);
	write(fd, s, len);
}

static long get_fail_nth(int fd)
{
	char s[32] = { 0 };

	lseek(fd, 0, SEEK_SET);
	if (read(fd, s, sizeof(s) - 1) <= 0)
		return -1;
	return strtol(s, NULL, 10);
}

enum op { OP_MUNMAP, OP_MPROTECT, OP_DONTNEED };

/* Exit codes of one try in the child. */
#define TRY_REACHED_ENOMEM 10	/* failed cleanly, nothing changed */
#define TRY_DONE 11		/* succeeded and did all of it */
#define TRY_DONE_UNREACHED 12	/* succeeded, the Nth never came */
#define TRY_BAD 20

/* A page in the middle of a shared table. */
static char *target(void)
{
	return tgt;
}

static long do_op(enum op op)
{
	switch (op) {
	case OP_MUNMAP:
		return munmap(target(), PAGE);
	case OP_MPROTECT:
		return mprotect(target(), PAGE, PROT_NONE);
	default:
		return madvise(target(), PAGE, MADV_DONTNEED);
	}
}

/* The child's check of what op left behind: 1 if all was done. */
static int op_done(enum op op)
{
	char v = 0;
	int faults = read_faults(target(), &v);

	if (op == OP_DONTNEED)
		return !faults && v == 0;
	return faults;
}

/* Nothing changed: the page still reads (and is) what it was. */
static int unchanged(void)
{
	char v = 0;

	return !read_faults(target(), &v) && v == 7;
}

static int try_once(enum op op, long n)
{
	int fd = open("/proc/self/fail-nth", O_RDWR);
	long r;
	int reached;

	signal(SIGSEGV, on_segv);
	set_fail_nth(fd, n);
	r = do_op(op);
	reached = get_fail_nth(fd) == 0;
	set_fail_nth(fd, 0);
	if (r < 0)
		return errno == ENOMEM && reached && unchanged() ?
			TRY_REACHED_ENOMEM : TRY_BAD;
	if (!op_done(op))
		return TRY_BAD;
	return reached ? TRY_DONE : TRY_DONE_UNREACHED;
}

static void walk(const char *name, enum op op)
{
	int points = 0, clean = 1, n, status = 0;

	for (n = 1; n <= MAX_POINTS; n++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(try_once(op, n));
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) == TRY_BAD) {
			diag("%s: failure point %d: status %#x", name, n,
			     status);
			clean = 0;
		}
		if (WIFEXITED(status) &&
		    WEXITSTATUS(status) == TRY_DONE_UNREACHED)
			break;
		points++;
	}
	ok(n <= MAX_POINTS, "%s: walked all %d allocation points", name,
	   points);
	ok(clean, "%s: each failure left the range as it was, each success "
	   "did all the work", name);
}

/* The walks again in a gigabyte: a page every 2 MiB over 64 MiB, then
 * 4 MiB in full, in the 1 GiB-aligned gigabyte of a 2 GiB reservation. */
static void gigabyte(void)
{
	const unsigned long gib = 1UL << 30, mib = 1UL << 20;
	char *m = mmap(NULL, 2 * gib, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *base;
	size_t i;
	int same = 1;

	if (!ok(m != MAP_FAILED, "a 2 GiB private reservation"))
		return;
	madvise(m, 2 * gib, MADV_NOHUGEPAGE);
	base = (char *)(((unsigned long)m + gib - 1) & ~(gib - 1));
	for (i = 0; i < 64 * mib; i += 2 * mib)
		base[i] = 7;
	for (i = 0; i < 4 * mib; i += PAGE)
		base[64 * mib + i] = 7;
	tgt = base + 64 * mib + 3 * mib + 5 * PAGE;
	walk("munmap of one page in a shared gigabyte", OP_MUNMAP);
	walk("mprotect(PROT_NONE) of one page in a shared gigabyte",
	     OP_MPROTECT);
	walk("madvise(MADV_DONTNEED) of one page in a shared gigabyte",
	     OP_DONTNEED);
	for (i = 0; i < 64 * mib; i += 2 * mib)
		same &= base[i] == 7;
	for (i = 0; i < 4 * mib; i += PAGE)
		same &= base[64 * mib + i] == 7;
	ok(same, "the parent's memory in the gigabyte never changed");
	munmap(m, 2 * gib);
}

int main(void)
{
	int fd = open("/proc/self/fail-nth", O_RDWR);
	size_t i;
	int same = 1;

	if (fd < 0) {
		ok(1, "no /proc/self/fail-nth on this kernel # SKIP");
		return tap_done();
	}
	close(fd);
	mem = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return tap_done();
	madvise(mem, BIG, MADV_NOHUGEPAGE);
	for (i = 0; i < BIG; i += PAGE)
		mem[i] = 7;
	tgt = mem + (3UL << 20) + 5 * PAGE;
	walk("munmap of one page", OP_MUNMAP);
	walk("mprotect(PROT_NONE) of one page", OP_MPROTECT);
	walk("madvise(MADV_DONTNEED) of one page", OP_DONTNEED);
	for (i = 0; i < BIG; i += PAGE)
		same &= mem[i] == 7;
	ok(same, "the parent's memory never changed");
	munmap(mem, BIG);
	gigabyte();
	return tap_done();
}
