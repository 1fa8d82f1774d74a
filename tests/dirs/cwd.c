/*
 * tests/dirs/cwd.c: chdir, fchdir, getcwd (incl. ERANGE) and relative
 * path resolution from the working directory.
 */
#include "tap.h"

int main(void)
{
	char dir[64], buf[128], file[96];
	int fd, dfd;

	scratch(dir, sizeof(dir), "cwd");
	mkdir(dir, 0755);
	expect_ok(chdir(dir));
	ok(getcwd(buf, sizeof(buf)) != NULL, "getcwd succeeds");
	is_str(buf, dir, "getcwd names the new directory");
	is(syscall(SYS_getcwd, buf, sizeof(buf)), strlen(dir) + 1,
	   "raw getcwd returns the length including the NUL");
	expect_errno(syscall(SYS_getcwd, buf, 4L), ERANGE);
	expect_errno(syscall(SYS_getcwd, buf, strlen(dir)), ERANGE);
	expect_errno(syscall(SYS_getcwd, buf, 0L), ERANGE);
	fd = expect_ok(open("rel", O_CREAT | O_WRONLY, 0644));
	close(fd);
	snprintf(file, sizeof(file), "%s/rel", dir);
	ok(access(file, F_OK) == 0, "relative paths resolve from the cwd");
	expect_ok(chdir(".."));
	getcwd(buf, sizeof(buf));
	is_str(buf, "/tmp", "chdir .. goes to the parent");
	expect_errno(chdir("/tmp/no-such-dir"), ENOENT);
	expect_errno(chdir(file), ENOTDIR);
	getcwd(buf, sizeof(buf));
	is_str(buf, "/tmp", "a failed chdir keeps the cwd");

	dfd = expect_ok(open(dir, O_RDONLY | O_DIRECTORY));
	expect_ok(fchdir(dfd));
	getcwd(buf, sizeof(buf));
	is_str(buf, dir, "fchdir changes to the fd's directory");
	close(dfd);
	expect_errno(fchdir(dfd), EBADF);
	fd = open(file, O_RDONLY);
	expect_errno(fchdir(fd), ENOTDIR);
	close(fd);
	expect_ok(chdir("/"));
	getcwd(buf, sizeof(buf));
	is_str(buf, "/", "getcwd of the root is /");
	unlink(file);
	rmdir(dir);
	return tap_done();
}
