/*
 * tests/dirs/rename.c: rename of files and directories, over existing
 * targets, and the EINVAL/ENOTDIR/EISDIR/ENOTEMPTY/ENOENT cases.
 */
#include "tap.h"

static char dir[64];

static const char *in_dir(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

static void make_file(const char *name, const char *data)
{
	char p[96];
	int fd = open(in_dir(p, sizeof(p), name), O_CREAT | O_TRUNC | O_WRONLY,
		      0644);

	write(fd, data, strlen(data));
	close(fd);
}

/* Contents of a small file, or "" if unreadable. */
static const char *slurp(const char *name)
{
	static char buf[32];
	char p[96];
	int fd = open(in_dir(p, sizeof(p), name), O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

static void test_files(void)
{
	char a[96], b[96];

	make_file("a", "AAA");
	expect_ok(rename(in_dir(a, sizeof(a), "a"), in_dir(b, sizeof(b), "b")));
	expect_errno(access(a, F_OK), ENOENT);
	is_str(slurp("b"), "AAA", "renamed file keeps its data");
	make_file("a", "new");
	expect_ok(rename(a, b));
	is_str(slurp("b"), "new", "rename over an existing file replaces it");
	expect_errno(access(a, F_OK), ENOENT);
	expect_ok(rename(b, b));
	is_str(slurp("b"), "new", "rename onto itself is a no-op");
	expect_errno(rename(a, b), ENOENT);
	expect_errno(rename(b, "/tmp/no-such-dir/b"), ENOENT);
}

static void test_dirs(void)
{
	char d[96], e[96], f[96], inside[96];

	mkdir(in_dir(d, sizeof(d), "d"), 0755);
	mkdir(in_dir(e, sizeof(e), "e"), 0755);
	in_dir(f, sizeof(f), "b");
	expect_errno(rename(d, in_dir(inside, sizeof(inside), "d/sub")), EINVAL);
	expect_errno(rename(d, f), ENOTDIR);
	expect_errno(rename(f, d), EISDIR);
	make_file("e/x", "x");
	expect_errno(rename(d, e), ENOTEMPTY);
	unlink(in_dir(inside, sizeof(inside), "e/x"));
	expect_ok(rename(d, e));
	expect_errno(access(d, F_OK), ENOENT);
	ok(access(e, F_OK) == 0, "rename over an empty directory replaces it");
	expect_ok(rename(e, d));
	make_file("d/y", "y");
	ok(strcmp(slurp("d/y"), "y") == 0, "a renamed directory is usable");
	unlink(in_dir(inside, sizeof(inside), "d/y"));
	rmdir(d);
	unlink(f);
}

int main(void)
{
	scratch(dir, sizeof(dir), "rename");
	mkdir(dir, 0755);
	test_files();
	test_dirs();
	expect_ok(rmdir(dir));
	return tap_done();
}
