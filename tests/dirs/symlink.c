/*
 * tests/dirs/symlink.c: symlink, readlink, readlinkat: contents without a
 * NUL, truncation, dangling links, and EINVAL/ENOENT/EEXIST.
 */
#include "tap.h"

int main(void)
{
	char link[64], target[64], buf[64], rel[80];
	int dfd, fd;

	scratch(link, sizeof(link), "link");
	scratch(target, sizeof(target), "target");
	close(open(target, O_CREAT | O_WRONLY, 0644));
	expect_ok(symlink(target, link));
	memset(buf, 'x', sizeof(buf));
	is(readlink(link, buf, sizeof(buf)), strlen(target),
	   "readlink returns the target length");
	ok(memcmp(buf, target, strlen(target)) == 0, "readlink gives the target");
	is(buf[strlen(target)], 'x', "readlink does not add a NUL");
	is(readlink(link, buf, 4), 4, "readlink truncates to the buffer");
	expect_errno(syscall(SYS_readlink, link, buf, 0L), EINVAL);
	expect_errno(readlink(target, buf, sizeof(buf)), EINVAL);
	expect_errno(readlink("/tmp/no-such-link", buf, sizeof(buf)), ENOENT);
	expect_errno(symlink(target, link), EEXIST);
	snprintf(rel, sizeof(rel), "%s.empty", link);
	expect_errno(symlink("", rel), ENOENT);

	dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	is(readlinkat(dfd, link + 5, buf, sizeof(buf)), strlen(target),
	   "readlinkat relative to a directory fd");
	expect_errno(syscall(SYS_readlinkat, 999, "x", buf, sizeof(buf)),
		     EBADF);
	close(dfd);

	/* Links are resolved when used: a dangling one fails with ENOENT. */
	unlink(target);
	expect_errno(open(link, O_RDONLY), ENOENT);
	fd = expect_ok(open(link, O_CREAT | O_WRONLY, 0644));
	close(fd);
	ok(access(target, F_OK) == 0, "O_CREAT through a dangling link creates the target");
	unlink(link);
	snprintf(rel, sizeof(rel), "%s", target + 5);
	expect_ok(symlinkat(rel, AT_FDCWD, link));
	ok(access(link, F_OK) == 0, "a relative link resolves from its directory");
	expect_errno(open(link, O_RDONLY | O_NOFOLLOW), ELOOP);
	unlink(link);
	unlink(target);
	return tap_done();
}
