/*
 * tests/fileio/open.c: open, openat and close: flags, creation mode,
 * fd numbering and the error paths.
 */
#include "tap.h"
#include <fcntl.h>
#include <sys/stat.h>

static char path[64], dir[64];

static void test_create(void)
{
	struct stat st;
	int fd;

	unlink(path);
	expect_errno(open(path, O_RDONLY), ENOENT);
	umask(022);
	fd = expect_ok(open(path, O_RDWR | O_CREAT | O_EXCL, 0666));
	fstat(fd, &st);
	is(st.st_mode & 07777, 0644, "O_CREAT mode is masked by umask");
	ok(S_ISREG(st.st_mode), "O_CREAT makes a regular file");
	is(st.st_size, 0, "a new file is empty");
	write(fd, "data", 4);
	close(fd);
	expect_errno(open(path, O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST);
	fd = expect_ok(open(path, O_RDWR | O_CREAT, 0600));
	fstat(fd, &st);
	is(st.st_size, 4, "O_CREAT without O_EXCL opens the existing file");
	is(st.st_mode & 07777, 0644, "O_CREAT keeps an existing file's mode");
	close(fd);
}

static void test_trunc_append(void)
{
	struct stat st;
	char buf[16] = { 0 };
	int fd = expect_ok(open(path, O_WRONLY | O_TRUNC));

	fstat(fd, &st);
	is(st.st_size, 0, "O_TRUNC empties the file");
	write(fd, "abc", 3);
	close(fd);
	fd = expect_ok(open(path, O_RDWR | O_APPEND));
	lseek(fd, 0, SEEK_SET);
	write(fd, "de", 2);
	is(lseek(fd, 0, SEEK_CUR), 5, "O_APPEND write moves offset to end");
	pread(fd, buf, sizeof(buf), 0);
	is_str(buf, "abcde", "O_APPEND writes go to the end");
	close(fd);
}

static void test_dirs(void)
{
	char sub[128];
	int fd;

	expect_errno(open(path, O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = expect_ok(open("/tmp", O_RDONLY | O_DIRECTORY));
	close(fd);
	expect_errno(open("/tmp", O_WRONLY), EISDIR);
	expect_errno(open("/tmp", O_RDWR), EISDIR);
	expect_errno(open("/tmp", O_WRONLY | O_CREAT, 0644), EISDIR);
	snprintf(sub, sizeof(sub), "%s/x", path);
	expect_errno(open(sub, O_RDONLY), ENOTDIR);
	expect_errno(open(sub, O_RDWR | O_CREAT, 0644), ENOTDIR);
	expect_errno(open("/tmp/no-such-dir/x", O_RDWR | O_CREAT, 0644),
		     ENOENT);
	expect_errno(open("", O_RDONLY), ENOENT);
}

static void test_long_name(void)
{
	char name[300];

	memset(name, 'a', sizeof(name));
	memcpy(name, "/tmp/", 5);
	name[sizeof(name) - 1] = '\0';
	expect_errno(open(name, O_RDONLY), ENAMETOOLONG);
	expect_errno(open(name, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
}

static void test_openat(void)
{
	int dfd, fd, file;

	mkdir(dir, 0755);
	dfd = expect_ok(open(dir, O_RDONLY | O_DIRECTORY));
	fd = expect_ok(openat(dfd, "f", O_RDWR | O_CREAT, 0644));
	close(fd);
	ok(access(dir, F_OK) == 0 && faccessat(dfd, "f", F_OK, 0) == 0,
	   "openat creates relative to the directory fd");
	fd = expect_ok(openat(AT_FDCWD, path, O_RDONLY));
	close(fd);
	/* An absolute path ignores the directory fd, even a bad one. */
	fd = expect_ok(openat(999, path, O_RDONLY));
	close(fd);
	expect_errno(openat(999, "f", O_RDONLY), EBADF);
	file = open(path, O_RDONLY);
	expect_errno(openat(file, "f", O_RDONLY), ENOTDIR);
	close(file);
	unlinkat(dfd, "f", 0);
	close(dfd);
	rmdir(dir);
}

static void test_fd_numbers(void)
{
	int a = expect_ok(open(path, O_RDONLY));
	int b = expect_ok(open(path, O_RDONLY));
	int c;

	ok(b > a, "fds are handed out in increasing order");
	close(a);
	c = open(path, O_RDONLY);
	is(c, a, "the lowest free fd is reused");
	is(fcntl(c, F_GETFD), 0, "FD_CLOEXEC is clear by default");
	close(c);
	c = open(path, O_RDONLY | O_CLOEXEC);
	is(fcntl(c, F_GETFD), FD_CLOEXEC, "O_CLOEXEC sets FD_CLOEXEC");
	close(c);
	close(b);
	expect_errno(close(b), EBADF);
	expect_errno(close(-1), EBADF);
	expect_errno(close(100000), EBADF);
}

int main(void)
{
	scratch(path, sizeof(path), "open");
	scratch(dir, sizeof(dir), "opendir");
	test_create();
	test_trunc_append();
	test_dirs();
	test_long_name();
	test_openat();
	test_fd_numbers();
	unlink(path);
	return tap_done();
}
