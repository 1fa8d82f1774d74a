/*
 * tests/mem/self_mapped_io.c: read() into, and write() from, a mapping
 * of the very file being read or written. The user copy faults on a
 * page of the same file; a kernel that holds the file's lock across the
 * copy deadlocks or panics here (it did: bug found by the mm work).
 */
#include "tap.h"
#include <sys/mman.h>

int main(void)
{
	char path[] = "/tmp/self_mapped_io";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[8192], *p, *q;

	memset(buf, 'a', sizeof(buf));
	is(write(fd, buf, sizeof(buf)), (long)sizeof(buf), "write the file");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok(p != MAP_FAILED, "map it private");
	is(pread(fd, p + 4096, 100, 0), 100,
	   "pread into a private mapping of the same file");
	q = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	ok(q != MAP_FAILED, "map it shared");
	is(pwrite(fd, q + 4096, 100, 0), 100,
	   "pwrite from a shared mapping of the same file");
	expect_errno(pread(fd, q, 100, 4096), EFAULT);
	unlink(path);
	return tap_done();
}
