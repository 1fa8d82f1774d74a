/*
 * tests/fileio/stat.c: stat, fstat, lstat, newfstatat (AT_EMPTY_PATH,
 * AT_SYMLINK_NOFOLLOW), on files, directories, symlinks, pipes, devices.
 */
#include "tap.h"
#include <sys/sysmacros.h>

static char path[64], link_path[64];

static void test_file(void)
{
	struct stat st, fst;
	int fd = expect_ok(open(path, O_RDWR | O_CREAT | O_TRUNC, 0640));

	write(fd, "12345", 5);
	expect_ok(sys_stat(path, &st));
	ok(S_ISREG(st.st_mode), "stat: regular file");
	is(st.st_mode & 07777, 0640 & ~umask(022), "stat: permission bits");
	is(st.st_size, 5, "stat: size");
	is(st.st_nlink, 1, "stat: one link");
	is(st.st_uid, 0, "stat: owner is root");
	ok(st.st_blksize > 0, "stat: st_blksize is positive");
	expect_ok(sys_fstat(fd, &fst));
	ok(st.st_ino == fst.st_ino && st.st_dev == fst.st_dev,
	   "fstat names the same inode as stat");
	is(fst.st_size, 5, "fstat: size");
	close(fd);
	expect_errno(sys_fstat(fd, &fst), EBADF);
}

static void test_symlink(void)
{
	struct stat st, target;

	unlink(link_path);
	expect_ok(symlink(path, link_path));
	sys_stat(path, &target);
	expect_ok(sys_lstat(link_path, &st));
	ok(S_ISLNK(st.st_mode), "lstat: a symlink is S_IFLNK");
	is(st.st_size, strlen(path), "lstat: symlink size is target length");
	expect_ok(sys_stat(link_path, &st));
	ok(S_ISREG(st.st_mode) && st.st_ino == target.st_ino,
	   "stat follows the symlink");
	expect_ok(fstatat(AT_FDCWD, link_path, &st, AT_SYMLINK_NOFOLLOW));
	ok(S_ISLNK(st.st_mode), "newfstatat AT_SYMLINK_NOFOLLOW: the link");
	expect_ok(fstatat(AT_FDCWD, link_path, &st, 0));
	ok(S_ISREG(st.st_mode), "newfstatat without flags follows");
	unlink(link_path);
}

static void test_fstatat(void)
{
	struct stat st;
	int dfd = expect_ok(open("/tmp", O_RDONLY | O_DIRECTORY));
	int fd = expect_ok(open(path, O_RDONLY));

	expect_ok(fstatat(dfd, path + 5, &st, 0));
	is(st.st_size, 5, "newfstatat relative to a directory fd");
	expect_ok(syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH));
	ok(S_ISREG(st.st_mode) && st.st_size == 5,
	   "newfstatat AT_EMPTY_PATH stats the fd itself");
	expect_errno(syscall(SYS_newfstatat, fd, "", &st, 0), ENOENT);
	expect_errno(syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0x40000),
		     EINVAL);
	expect_errno(syscall(SYS_newfstatat, 999, "x", &st, 0), EBADF);
	expect_errno(syscall(SYS_newfstatat, fd, "x", &st, 0), ENOTDIR);
	close(fd);
	close(dfd);
}

static void test_kinds(void)
{
	struct stat st;
	char sub[80];
	int fds[2];

	expect_ok(sys_stat("/tmp", &st));
	ok(S_ISDIR(st.st_mode), "stat: /tmp is a directory");
	ok(st.st_nlink >= 2, "stat: a directory has at least 2 links");
	expect_ok(sys_stat("/dev/null", &st));
	ok(S_ISCHR(st.st_mode), "stat: /dev/null is a character device");
	is(st.st_rdev, makedev(1, 3), "stat: /dev/null is device 1,3");
	expect_ok(pipe(fds));
	expect_ok(sys_fstat(fds[0], &st));
	ok(S_ISFIFO(st.st_mode), "fstat: a pipe is S_IFIFO");
	close(fds[0]);
	close(fds[1]);
	expect_errno(sys_stat("/tmp/no-such-file", &st), ENOENT);
	expect_errno(sys_lstat("/tmp/no-such-file", &st), ENOENT);
	expect_errno(sys_stat("", &st), ENOENT);
	snprintf(sub, sizeof(sub), "%s/x", path);
	expect_errno(sys_stat(sub, &st), ENOTDIR);
}

int main(void)
{
	scratch(path, sizeof(path), "stat");
	scratch(link_path, sizeof(link_path), "statlink");
	test_file();
	test_symlink();
	test_fstatat();
	test_kinds();
	unlink(path);
	return tap_done();
}
