/*
 * tests/fs/magic_link_enotdir.c: a path that goes on past a /proc
 * magic link to a file (/proc/self/exe/x, /proc/self/fd/N/x) is
 * ENOTDIR, as any path through a non-directory, for open, stat and
 * execve alike; through a directory it walks on.
 */
#include "tap.h"
#include <sys/stat.h>

int main(void)
{
	char path[64];
	struct stat st;
	int fd = open("/proc/self/exe", O_RDONLY), dfd = open("/", O_RDONLY);

	expect_errno(open("/proc/self/exe/x", O_RDONLY), ENOTDIR);
	expect_errno(stat("/proc/self/exe/", &st), ENOTDIR);
	expect_errno(execl("/proc/self/exe/x", "x", (char *)0), ENOTDIR);
	snprintf(path, sizeof(path), "/proc/self/fd/%d/x", fd);
	expect_errno(stat(path, &st), ENOTDIR);
	snprintf(path, sizeof(path), "/proc/self/fd/%d/proc", dfd);
	expect_ok(stat(path, &st));
	ok(S_ISDIR(st.st_mode), "... to the directory");
	expect_errno(stat("/proc/self/cwd/nonexistent", &st), ENOENT);
	return tap_done();
}
