/*
 * tests/memfd/seals.c: F_ADD_SEALS / F_GET_SEALS on memfds, as Linux 6.1:
 * which files take seals, the order of the errors, and what each seal
 * refuses: F_SEAL_SHRINK and F_SEAL_GROW (ftruncate, writes past the
 * end, page by page), F_SEAL_WRITE (write, shared mappings; EBUSY while
 * a shared mapping of a writable fd exists), F_SEAL_FUTURE_WRITE
 * (writes and new writable shared mappings, mprotect of read-only ones;
 * existing mappings keep writing), F_SEAL_SEAL.
 */
#include "tap.h"
#include <sys/mman.h>

#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#ifndef F_ADD_SEALS
#define F_ADD_SEALS 1033
#define F_GET_SEALS 1034
#endif
#define SEAL_SEAL 0x1
#define SEAL_SHRINK 0x2
#define SEAL_GROW 0x4
#define SEAL_WRITE 0x8
#define SEAL_FUTURE_WRITE 0x10

#define PG 4096

static int sealable(size_t size)
{
	int fd = syscall(SYS_memfd_create, "seals", MFD_ALLOW_SEALING);

	if (fd >= 0 && size)
		ftruncate(fd, size);
	return fd;
}

static int reopen(int fd, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, flags);
}

static void test_which_files(void)
{
	int fd = syscall(SYS_memfd_create, "noseal", 0), p[2], ro;
	char path[64];

	is(fcntl(fd, F_GET_SEALS), SEAL_SEAL,
	   "a memfd made without MFD_ALLOW_SEALING is sealed F_SEAL_SEAL");
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_WRITE), EPERM);
	close(fd);

	fd = sealable(0);
	is(fcntl(fd, F_GET_SEALS), 0, "MFD_ALLOW_SEALING: no seals yet");
	expect_errno(fcntl(fd, F_ADD_SEALS, 0x20), EINVAL);
	expect_errno(fcntl(fd, F_ADD_SEALS, 0x100000000UL), EINVAL);
	ro = reopen(fd, O_RDONLY);
	expect_errno(fcntl(ro, F_ADD_SEALS, SEAL_GROW), EPERM);
	/* Not writable is EPERM even before the seal bits are judged. */
	expect_errno(fcntl(ro, F_ADD_SEALS, 0x20), EPERM);
	is(fcntl(ro, F_GET_SEALS), 0, "F_GET_SEALS through a read-only fd");
	close(ro);
	is(fcntl(fd, F_ADD_SEALS, 0), 0, "adding no seals");
	close(fd);

	pipe(p);
	expect_errno(fcntl(p[0], F_GET_SEALS), EINVAL);
	expect_errno(fcntl(p[1], F_ADD_SEALS, SEAL_GROW), EINVAL);
	close(p[0]);
	close(p[1]);

	/* Every tmpfs file is born sealed with F_SEAL_SEAL. */
	snprintf(path, sizeof(path), "/tmp/seals.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	is(fcntl(fd, F_GET_SEALS), SEAL_SEAL, "a tmpfs file has F_SEAL_SEAL");
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_GROW), EPERM);
	close(fd);
	unlink(path);
	fd = open("/proc/self/status", O_RDONLY);
	expect_errno(fcntl(fd, F_GET_SEALS), EINVAL);
	close(fd);
}

static void test_shrink_grow(void)
{
	int fd = sealable(2 * PG);
	char buf[3 * PG];

	memset(buf, 'x', sizeof(buf));
	is(fcntl(fd, F_ADD_SEALS, SEAL_SHRINK), 0, "add F_SEAL_SHRINK");
	is(fcntl(fd, F_GET_SEALS), SEAL_SHRINK, "F_GET_SEALS says so");
	expect_errno(ftruncate(fd, PG), EPERM);
	is(ftruncate(fd, 2 * PG), 0, "ftruncate to the same size is fine");
	is(ftruncate(fd, 3 * PG), 0, "growing is allowed");
	is(fcntl(fd, F_ADD_SEALS, SEAL_GROW), 0, "add F_SEAL_GROW");
	is(fcntl(fd, F_GET_SEALS), SEAL_SHRINK | SEAL_GROW, "both seals");
	expect_errno(ftruncate(fd, 4 * PG), EPERM);
	expect_errno(ftruncate(fd, 0), EPERM);
	is(pwrite(fd, buf, PG, PG), PG, "a write inside the file");
	expect_errno(pwrite(fd, buf, 10, 3 * PG), EPERM);
	is(pwrite(fd, buf, 10, 3 * PG - 5), 5,
	   "a write crossing the end: the part in the last page");
	is(pwrite(fd, buf, 2 * PG, 2 * PG), PG,
	   "a write crossing the end stops at the last whole page");
	close(fd);

	/* The end not on a page: that page cannot be written past it. */
	fd = sealable(PG + 100);
	fcntl(fd, F_ADD_SEALS, SEAL_GROW);
	is(pwrite(fd, buf, PG + 100, 0), PG + 100, "a write up to the end");
	is(pwrite(fd, buf, PG + 200, 0), PG,
	   "past an unaligned end: the pages below it");
	expect_errno(pwrite(fd, buf, 200, PG), EPERM);
	fcntl(fd, F_SETFL, O_APPEND);
	expect_errno(write(fd, buf, 1), EPERM);
	close(fd);
}

static void test_write_seal(void)
{
	int fd = sealable(2 * PG), ro;
	char *p, *q;

	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_WRITE), EBUSY);
	munmap(p, 2 * PG);
	p = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_WRITE), EBUSY);
	/* The mapping split in two still counts (twice). */
	mprotect(p, PG, PROT_NONE);
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_WRITE), EBUSY);
	munmap(p, 2 * PG);
	/* A shared mapping through a read-only fd can never write. */
	ro = reopen(fd, O_RDONLY);
	q = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, ro, 0);
	ok(q != MAP_FAILED, "a shared mapping through a read-only fd");
	/* A private writable mapping does not count either. */
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	is(fcntl(fd, F_ADD_SEALS, SEAL_WRITE), 0,
	   "F_SEAL_WRITE once no shared mapping may write");
	p[0] = 'p';
	is(p[0], 'p', "a private mapping still copies on write");
	munmap(p, 2 * PG);
	munmap(q, 2 * PG);
	close(ro);
	expect_errno(write(fd, "x", 1), EPERM);
	expect_errno(pwrite(fd, "x", 1, 0), EPERM);
	is(write(fd, "x", 0), 0, "an empty write is no write");
	ok(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
		   MAP_FAILED && errno == EPERM,
	   "a writable shared mapping is refused (EPERM)");
	ok(mmap(NULL, PG, PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
		   errno == EPERM,
	   "a write-only shared mapping is refused (EPERM)");
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED, "a read-only shared mapping is allowed");
	expect_errno(mprotect(p, PG, PROT_READ | PROT_WRITE), EACCES);
	munmap(p, PG);
	is(ftruncate(fd, 3 * PG), 0, "F_SEAL_WRITE alone lets the size change");
	close(fd);
}

static void test_future_write(void)
{
	int fd = sealable(PG);
	char *p, *q, c = 0;

	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	is(fcntl(fd, F_ADD_SEALS, SEAL_FUTURE_WRITE), 0,
	   "F_SEAL_FUTURE_WRITE with a writable mapping");
	p[0] = 'm';
	pread(fd, &c, 1, 0);
	is(c, 'm', "the mapping made before the seal still writes");
	expect_errno(pwrite(fd, "x", 1, 0), EPERM);
	ok(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
		   MAP_FAILED && errno == EPERM,
	   "a new writable shared mapping is refused");
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	ok(q != MAP_FAILED, "a new read-only shared mapping is allowed");
	expect_errno(mprotect(q, PG, PROT_READ | PROT_WRITE), EACCES);
	munmap(q, PG);
	q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok(q != MAP_FAILED, "a private writable mapping is allowed");
	q[1] = 'q';
	pread(fd, &c, 1, 1);
	ok(c != 'q', "and its stores stay private");
	munmap(q, PG);
	/* F_SEAL_WRITE on top waits for the old writable mapping to go. */
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_WRITE), EBUSY);
	munmap(p, PG);
	is(fcntl(fd, F_ADD_SEALS, SEAL_WRITE | SEAL_SEAL), 0,
	   "then F_SEAL_WRITE | F_SEAL_SEAL");
	is(fcntl(fd, F_GET_SEALS), SEAL_FUTURE_WRITE | SEAL_WRITE | SEAL_SEAL,
	   "all three seals");
	expect_errno(fcntl(fd, F_ADD_SEALS, SEAL_SHRINK), EPERM);
	expect_errno(fcntl(fd, F_ADD_SEALS, 0), EPERM);
	close(fd);
}

/* Seals belong to the inode: every fd (and a fork child) sees them. */
static void test_shared_inode(void)
{
	int fd = sealable(PG), fd2 = reopen(fd, O_RDWR), st;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(fcntl(fd2, F_ADD_SEALS, SEAL_GROW) ? 1 : 0);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "a child seals through another fd");
	is(fcntl(fd, F_GET_SEALS), SEAL_GROW, "the parent's fd sees the seal");
	expect_errno(ftruncate(fd, 2 * PG), EPERM);
	close(fd2);
	close(fd);
}

int main(void)
{
	test_which_files();
	test_shrink_grow();
	test_write_seal();
	test_future_write();
	test_shared_inode();
	return tap_done();
}
