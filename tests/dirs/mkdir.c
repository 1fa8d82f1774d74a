/*
 * tests/dirs/mkdir.c: mkdir, mkdirat, rmdir, unlink, unlinkat
 * (AT_REMOVEDIR) and their error paths.
 */
#include "tap.h"

static char dir[64];

/* path = dir + "/" + name */
static const char *in_dir(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

static void test_mkdir(void)
{
	struct stat st;
	char p[96];

	umask(022);
	expect_ok(mkdir(dir, 0777));
	expect_ok(sys_stat(dir, &st));
	ok(S_ISDIR(st.st_mode), "mkdir makes a directory");
	is(st.st_mode & 0777, 0755, "mkdir mode is masked by umask");
	expect_errno(mkdir(dir, 0755), EEXIST);
	expect_errno(mkdir("/tmp/no-such-dir/x", 0755), ENOENT);
	close(open(in_dir(p, sizeof(p), "file"), O_CREAT | O_WRONLY, 0644));
	expect_errno(mkdir(in_dir(p, sizeof(p), "file/x"), 0755), ENOTDIR);
	expect_errno(mkdir(in_dir(p, sizeof(p), "file"), 0755), EEXIST);
}

static void test_mkdirat(void)
{
	struct stat st;
	char p[96];
	int dfd = expect_ok(open(dir, O_RDONLY | O_DIRECTORY));

	expect_ok(mkdirat(dfd, "sub", 0700));
	ok(sys_stat(in_dir(p, sizeof(p), "sub"), &st) == 0 && S_ISDIR(st.st_mode),
	   "mkdirat creates relative to the directory fd");
	expect_errno(mkdirat(dfd, "sub", 0700), EEXIST);
	expect_errno(mkdirat(999, "sub2", 0700), EBADF);
	expect_ok(unlinkat(dfd, "sub", AT_REMOVEDIR));
	expect_errno(sys_stat(in_dir(p, sizeof(p), "sub"), &st), ENOENT);
	expect_errno(unlinkat(dfd, "file", 0x1), EINVAL);
	expect_errno(unlinkat(dfd, "file", AT_REMOVEDIR), ENOTDIR);
	mkdirat(dfd, "sub", 0700);
	expect_errno(unlinkat(dfd, "sub", 0), EISDIR);
	expect_ok(unlinkat(dfd, "file", 0));
	expect_errno(unlinkat(dfd, "file", 0), ENOENT);
	unlinkat(dfd, "sub", AT_REMOVEDIR);
	close(dfd);
}

static void test_rmdir(void)
{
	char p[96];

	mkdir(in_dir(p, sizeof(p), "full"), 0755);
	close(open(in_dir(p, sizeof(p), "full/f"), O_CREAT | O_WRONLY, 0644));
	expect_errno(rmdir(in_dir(p, sizeof(p), "full")), ENOTEMPTY);
	expect_errno(rmdir(in_dir(p, sizeof(p), "full/f")), ENOTDIR);
	expect_errno(rmdir(in_dir(p, sizeof(p), "nothing")), ENOENT);
	expect_errno(unlink(in_dir(p, sizeof(p), "full")), EISDIR);
	expect_ok(unlink(in_dir(p, sizeof(p), "full/f")));
	expect_errno(unlink(in_dir(p, sizeof(p), "full/f")), ENOENT);
	expect_ok(rmdir(in_dir(p, sizeof(p), "full")));
	expect_errno(rmdir(in_dir(p, sizeof(p), "full")), ENOENT);
	expect_errno(rmdir(in_dir(p, sizeof(p), ".")), EINVAL);
	expect_errno(rmdir("/tmp/no-such-dir/x"), ENOENT);
}

/* An unlinked file stays readable through an open fd. */
static void test_unlink_open(void)
{
	char p[96], buf[4] = { 0 };
	int fd = open(in_dir(p, sizeof(p), "open"), O_CREAT | O_RDWR, 0644);

	write(fd, "abc", 3);
	expect_ok(unlink(p));
	expect_errno(access(p, F_OK), ENOENT);
	is(pread(fd, buf, 3, 0), 3, "an unlinked open file is still readable");
	is_str(buf, "abc", "an unlinked open file keeps its data");
	close(fd);
}

int main(void)
{
	scratch(dir, sizeof(dir), "mkdir");
	test_mkdir();
	test_mkdirat();
	test_rmdir();
	test_unlink_open();
	expect_ok(rmdir(dir));
	return tap_done();
}
