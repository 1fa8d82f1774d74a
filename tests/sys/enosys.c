/*
 * tests/sys/enosys.c: syscall numbers with no syscall return ENOSYS, and
 * the process carries on.
 */
#include "tap.h"

int main(void)
{
	expect_errno(syscall(999), ENOSYS);
	expect_errno(syscall(335), ENOSYS);
	expect_errno(syscall(100000), ENOSYS);
	expect_errno(syscall(-1L), ENOSYS);
	expect_errno(syscall(0x40000000L | SYS_getpid), ENOSYS);
	ok(syscall(SYS_getpid) == getpid(), "syscalls still work afterwards");
	return tap_done();
}
