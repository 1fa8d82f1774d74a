/*
 * tests/dirs/access.c: access and faccessat for existing and missing
 * files; as root, R/W are granted regardless of mode, X needs an x bit.
 */
#include "tap.h"

int main(void)
{
	char path[64];
	int dfd;

	scratch(path, sizeof(path), "access");
	close(open(path, O_CREAT | O_WRONLY, 0000));
	expect_ok(access(path, F_OK));
	expect_ok(access(path, R_OK | W_OK));
	expect_errno(access(path, X_OK), EACCES);
	chmod(path, 0100);
	expect_ok(access(path, X_OK));
	expect_ok(access("/tmp", R_OK | W_OK | X_OK));
	expect_errno(access("/tmp/no-such-file", F_OK), ENOENT);
	expect_errno(access(path, 0x10), EINVAL);
	dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	expect_ok(faccessat(dfd, path + 5, F_OK, 0));
	expect_errno(faccessat(dfd, "no-such-file", F_OK, 0), ENOENT);
	expect_errno(syscall(SYS_faccessat, 999, "x", F_OK), EBADF);
	close(dfd);
	unlink(path);
	return tap_done();
}
