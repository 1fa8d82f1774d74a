/*
 * tests/mem/filemap.c: file mappings: private mappings show the file and
 * keep their writes to themselves, shared mappings write through, access
 * past the end of the file in the mapping raises SIGBUS, plus EACCES.
 */
#include "tap.h"
#include <sys/mman.h>

#define PG 4096L

static char path[64];
static volatile char *beyond;

/* A file of 1.5 pages: 'A' then 'B' in the second page. */
static int make_file(void)
{
	static char data[PG + PG / 2];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	memset(data, 'A', PG);
	memset(data + PG, 'B', PG / 2);
	write(fd, data, sizeof(data));
	return fd;
}

static void test_private(int fd)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char c = 0;

	ok(p != MAP_FAILED, "mmap a file MAP_PRIVATE");
	ok(p[0] == 'A' && p[PG - 1] == 'A' && p[PG] == 'B', "contents match the file");
	ok(p[PG + PG / 2] == 0 && p[2 * PG - 1] == 0,
	   "the rest of the last page reads as zeros");
	p[0] = 'Z';
	pread(fd, &c, 1, 0);
	is(c, 'A', "writes to a private mapping do not reach the file");
	munmap(p, 2 * PG);
	p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, PG);
	ok(p != MAP_FAILED && p[0] == 'B', "mmap at a file offset");
	munmap(p, PG);
}

static void test_shared(int fd)
{
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char c = 0;

	ok(p != MAP_FAILED, "mmap a file MAP_SHARED");
	p[1] = 'S';
	pread(fd, &c, 1, 1);
	is(c, 'S', "writes to a shared mapping reach the file");
	pwrite(fd, "W", 1, 2);
	is(p[2], 'W', "writes to the file show in a shared mapping");
	munmap(p, PG);
}

static int touch_beyond(void)
{
	return beyond[0];
}

static void test_sigbus(int fd)
{
	char *p = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);

	beyond = p + 2 * PG;
	ok(killed_by(run_child(touch_beyond), SIGBUS),
	   "touching a mapped page wholly past end of file raises SIGBUS");
	munmap(p, 3 * PG);
}

static void test_errors(void)
{
	int ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);

	expect_errno(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
	expect_errno(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0),
		     EACCES);
	ok(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0) != MAP_FAILED,
	   "a writable private mapping of a read-only fd is allowed");
	expect_errno(syscall(SYS_mmap, 0L, PG, PROT_READ, MAP_PRIVATE, ro, 1L), EINVAL);
	close(ro);
	close(wo);
}

int main(void)
{
	int fd;

	scratch(path, sizeof(path), "filemap");
	fd = make_file();
	test_private(fd);
	test_shared(fd);
	test_sigbus(fd);
	test_errors();
	close(fd);
	unlink(path);
	return tap_done();
}
