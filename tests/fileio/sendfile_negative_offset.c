/*
 * Bug found by make fuzz: sendfile(2) with an offset pointing at a
 * negative value read from before the start of a /proc file's text (a
 * kernel general-protection fault).  Linux answers EINVAL, also for a
 * range that wraps past the largest offset; an offset on a file that
 * cannot seek is ESPIPE.
 */
#include "tap.h"

int main(void)
{
	int in = open("/proc/self/status", O_RDONLY);
	int out = open("/dev/null", O_WRONLY);
	char path[64];
	int fds[2], file;
	off_t off;

	off = -4096;
	expect_errno(syscall(SYS_sendfile, out, in, &off, 512), EINVAL);
	off = (off_t)0xd554332bcd8246ffULL;
	expect_errno(syscall(SYS_sendfile, out, in, &off, 512), EINVAL);
	file = open(scratch(path, sizeof(path), "sendfile"),
		    O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(file, "hello", 5);
	off = -1;
	expect_errno(syscall(SYS_sendfile, out, file, &off, 5), EINVAL);
	off = 1;
	is(syscall(SYS_sendfile, out, file, &off, 100), 4,
	   "sendfile from offset 1 copies the rest");
	is(off, 5, "the offset moved to the end");
	off = 0x7ffffffffffffff0LL;
	expect_errno(syscall(SYS_sendfile, out, file, &off, 4096), EINVAL);
	off = 0;
	expect_errno(syscall(SYS_sendfile, out, file, &off, (size_t)-1), EINVAL);
	if (pipe(fds) == 0) {
		off = 0;
		expect_errno(syscall(SYS_sendfile, out, fds[0], &off, 1), ESPIPE);
	}
	unlink(path);
	return tap_done();
}
