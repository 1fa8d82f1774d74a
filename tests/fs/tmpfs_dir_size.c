/*
 * tests/fs/tmpfs_dir_size.c: a tmpfs directory's st_size, as Linux's
 * shmem keeps it: 40 when empty, 20 more for each name in it (files,
 * directories, symlinks, hard links), back down on unlink, rmdir and
 * rename out; an exchange changes nothing. Found by `ls -l` in the
 * Debian image (make check-debian) showing 0 on tine.
 */
#include "tap.h"
#include <sys/mount.h>

static long dir_size(const char *path)
{
	struct stat st;

	return sys_stat(path, &st) < 0 ? -1 : st.st_size;
}

int main(void)
{
	char dir[64], a[96], b[96], sub[96], f[96], l[96], h[96];
	int fd;

	scratch(dir, sizeof(dir), "dirsize");
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(sub, sizeof(sub), "%s/b/sub", dir);
	snprintf(f, sizeof(f), "%s/a/f", dir);
	snprintf(l, sizeof(l), "%s/a/l", dir);
	snprintf(h, sizeof(h), "%s/a/h", dir);
	expect_ok(mkdir(dir, 0755));
	is(dir_size(dir), 40, "an empty directory is 40 bytes");
	expect_ok(mkdir(a, 0755));
	expect_ok(mkdir(b, 0755));
	is(dir_size(dir), 80, "two subdirectories: 80");
	fd = open(f, O_CREAT | O_WRONLY, 0644);
	ok(fd >= 0, "create a file");
	close(fd);
	expect_ok(symlink("f", l));
	expect_ok(link(f, h));
	is(dir_size(a), 100, "file, symlink, hard link: 40 + 3 * 20");
	expect_ok(rename(h, sub));
	is(dir_size(a), 80, "rename out: 20 less");
	is(dir_size(b), 60, "rename in: 20 more");
	expect_ok(rename(l, sub));
	is(dir_size(a), 60, "rename over an existing name: source 20 less");
	is(dir_size(b), 60, "... target the same");
	expect_ok(syscall(SYS_renameat2, AT_FDCWD, f, AT_FDCWD, sub, 2 /* RENAME_EXCHANGE */));
	is(dir_size(a), 60, "exchange: no change here");
	is(dir_size(b), 60, "... nor there");
	expect_ok(unlink(sub));
	expect_ok(unlink(f));
	is(dir_size(a), 40, "unlink: back to empty");
	expect_ok(rmdir(a));
	expect_ok(rmdir(b));
	is(dir_size(dir), 40, "rmdir: back to empty");
	expect_ok(rmdir(dir));
	return tap_done();
}
