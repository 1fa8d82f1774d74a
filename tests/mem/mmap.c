/*
 * tests/mem/mmap.c: anonymous mmap (private and shared across fork),
 * MAP_FIXED, munmap, madvise(MADV_DONTNEED), and the EINVAL/ENOMEM/EBADF
 * cases as Linux reports them.
 */
#include "tap.h"
#include <sys/mman.h>

#define PG 4096L

static char *unmapped;

/* Raw mmap: musl's wrapper checks length and offset before the kernel. */
#define sys_mmap(a, l, p, f, fd, o) \
	syscall(SYS_mmap, (a), (long)(l), (p), (f), (fd), (long)(o))

static void *map_anon(size_t len, int flags)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS,
		    -1, 0);
}

static void test_private(void)
{
	char *p = map_anon(4 * PG, MAP_PRIVATE);
	pid_t pid;

	ok(p != MAP_FAILED, "mmap anonymous private");
	is((unsigned long)p % PG, 0, "mmap returns a page-aligned address");
	ok(p[0] == 0 && p[4 * PG - 1] == 0, "anonymous memory is zeroed");
	p[0] = 'P';
	p[4 * PG - 1] = 'Q';
	ok(p[0] == 'P' && p[4 * PG - 1] == 'Q', "anonymous memory is writable");
	pid = fork();
	if (pid == 0) {
		p[0] = 'C';
		_exit(p[0] == 'C' ? 0 : 1);
	}
	waitpid(pid, NULL, 0);
	is(p[0], 'P', "a child's write to a private mapping stays private");
	expect_ok(munmap(p, 4 * PG));
}

static void test_shared(void)
{
	int *p = map_anon(PG, MAP_SHARED);
	int status;
	pid_t pid;

	ok(p != MAP_FAILED, "mmap anonymous shared");
	*p = 1;
	pid = fork();
	if (pid == 0) {
		*p = 42;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	is(*p, 42, "a child's write to a shared mapping is seen by the parent");
	munmap(p, PG);
}

static void test_fixed(void)
{
	char *p = map_anon(3 * PG, MAP_PRIVATE), *q;

	memset(p, 'x', 3 * PG);
	q = mmap(p + PG, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ok(q == p + PG, "MAP_FIXED maps at exactly the address");
	ok(q[0] == 0 && q[PG - 1] == 0, "MAP_FIXED replaces the old pages");
	ok(p[PG - 1] == 'x' && p[2 * PG] == 'x', "MAP_FIXED keeps neighbours");
	expect_errno(sys_mmap(p + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
			      MAP_FIXED, -1, 0), EINVAL);
	q = mmap(p + 100, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(q != MAP_FAILED && (unsigned long)q % PG == 0,
	   "an unaligned hint without MAP_FIXED is only a hint");
	munmap(q, PG);
	munmap(p, 3 * PG);
}

static int touch_unmapped(void)
{
	*(volatile char *)unmapped = 1;
	return 0;
}

static void test_munmap(void)
{
	char *p = map_anon(3 * PG, MAP_PRIVATE);

	p[0] = p[PG] = p[2 * PG] = 1;
	expect_ok(munmap(p + PG, PG));
	unmapped = p + PG;
	ok(killed_by(run_child(touch_unmapped), SIGSEGV),
	   "touching an unmapped page kills with SIGSEGV");
	ok(p[0] == 1 && p[2 * PG] == 1, "munmap of the middle keeps the rest");
	expect_ok(munmap(p + PG, PG));
	expect_errno(munmap(p + 1, PG), EINVAL);
	expect_errno(munmap(p, 0), EINVAL);
	expect_ok(munmap(p, 3 * PG));
	unmapped = p + 2 * PG;
	ok(killed_by(run_child(touch_unmapped), SIGSEGV),
	   "a fully unmapped range faults");
}

static void test_madvise(void)
{
	char *p = map_anon(2 * PG, MAP_PRIVATE);

	memset(p, 'm', 2 * PG);
	expect_ok(madvise(p, PG, MADV_DONTNEED));
	ok(p[0] == 0 && p[PG - 1] == 0, "MADV_DONTNEED zeroes anonymous pages");
	is(p[PG], 'm', "MADV_DONTNEED leaves other pages alone");
	expect_errno(madvise(p + 1, PG, MADV_DONTNEED), EINVAL);
	expect_errno(madvise(p, PG, 12345), EINVAL);
	munmap(p, 2 * PG);
	expect_errno(madvise(p, PG, MADV_DONTNEED), ENOMEM);
}

static void test_errors(void)
{
	int fd = open("/tmp", O_RDONLY | O_DIRECTORY);

	expect_errno(sys_mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		     EINVAL);
	expect_errno(sys_mmap(0, PG, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
	expect_errno(sys_mmap(0, PG, PROT_READ, MAP_PRIVATE | MAP_SHARED |
			      MAP_ANONYMOUS, -1, 0), EINVAL);
	expect_errno(sys_mmap(0, PG, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
	expect_errno(syscall(SYS_mmap, 0L, PG, PROT_READ, MAP_PRIVATE,
			     fd, 100L), EINVAL);
	expect_errno(sys_mmap(0, 1UL << 62, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	expect_errno(sys_mmap(0, -PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0), ENOMEM);
	/* Above user space even with 5-level paging (-cpu max has LA57). */
	expect_errno(sys_mmap(1UL << 56, PG, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		     ENOMEM);
	close(fd);
}

int main(void)
{
	test_private();
	test_shared();
	test_fixed();
	test_munmap();
	test_madvise();
	test_errors();
	return tap_done();
}
