/*
 * tests/proc/execveat.c: execveat(2): a program relative to a
 * directory fd, the file of an fd itself with AT_EMPTY_PATH (fexecve),
 * AT_SYMLINK_NOFOLLOW (ELOOP on a symlink), the flags it refuses
 * (EINVAL, judged after the argument vectors), "" without AT_EMPTY_PATH
 * (ENOENT), a directory fd (EACCES). The program's name is
 * "/dev/fd/<fd>[/path]" for what was named through an fd (comm is its
 * last part, as Linux; for a bare /dev/fd/<fd> the name of the file
 * run, a script's interpreter's), and a #! script run through a
 * close-on-exec fd is ENOENT, as its interpreter could not open it.
 *
 * Run with argv[1] == "--report FD" (or argv[2], as a script's
 * interpreter) it writes its AT_EXECFN and comm.
 */
#include "tap.h"
#include <sys/auxv.h>
#include <sys/prctl.h>

static char *self;

static long execveat(int dfd, const char *path, char **argv, int flags)
{
	char *envp[] = { NULL };

	return syscall(SYS_execveat, dfd, path, argv, envp, flags);
}

/* execveat in a child; what it reported (into buf) and its errno
 * (0: it ran). */
static int run(int dfd, const char *path, int flags, char *buf, size_t n)
{
	int p[2], st = -1;
	char fd[16];
	pid_t c;
	ssize_t r;

	buf[0] = 0;
	if (pipe(p))
		return -1;
	c = fork();
	if (c == 0) {
		char *args[] = { self, "--report", fd, NULL };

		close(p[0]);
		snprintf(fd, sizeof(fd), "%d", p[1]);
		execveat(dfd, path, args, flags);
		_exit(100 + errno);
	}
	close(p[1]);
	r = read(p[0], buf, n - 1);
	buf[r > 0 ? r : 0] = 0;
	close(p[0]);
	waitpid(c, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) >= 100 ?
		       WEXITSTATUS(st) - 100 : 0;
}

int main(int argc, char **argv)
{
	char buf[256], want[128], dir[64], *slash;
	int dfd, fd, sfd;

	if ((argc == 3 && !strcmp(argv[1], "--report")) ||
	    (argc == 4 && !strcmp(argv[2], "--report"))) {
		char comm[17] = { 0 };

		prctl(PR_GET_NAME, comm);
		dprintf(atoi(argv[argc - 1]), "%s %s",
			(char *)getauxval(AT_EXECFN), comm);
		return 0;
	}
	self = argv[0];
	snprintf(dir, sizeof(dir), "%s", self);
	slash = strrchr(dir, '/');
	*slash = 0;
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	fd = open(self, O_RDONLY);
	is(run(AT_FDCWD, self, 0, buf, sizeof(buf)), 0, "AT_FDCWD, an absolute "
	   "path: runs");
	snprintf(want, sizeof(want), "%s execveat", self);
	is_str(buf, want, "... named by its path");
	is(run(dfd, slash + 1, 0, buf, sizeof(buf)), 0, "relative to a "
	   "directory fd: runs");
	snprintf(want, sizeof(want), "/dev/fd/%d/%s execveat", dfd, slash + 1);
	is_str(buf, want, "... named /dev/fd/<dirfd>/<path>");
	is(run(fd, "", AT_EMPTY_PATH, buf, sizeof(buf)), 0, "the fd itself "
	   "with AT_EMPTY_PATH: runs");
	snprintf(want, sizeof(want), "/dev/fd/%d execveat", fd);
	is_str(buf, want, "... named /dev/fd/<fd>, comm the file's name");
	is(run(fd, "", 0, buf, sizeof(buf)), ENOENT, "\"\" without "
	   "AT_EMPTY_PATH: ENOENT");
	is(run(dfd, "", AT_EMPTY_PATH, buf, sizeof(buf)), EACCES, "a directory "
	   "fd: EACCES");
	is(run(fd, "", AT_EMPTY_PATH | 1, buf, sizeof(buf)), EINVAL, "an "
	   "unknown flag: EINVAL");
	errno = 0;
	execveat(fd, "", (char **)8, AT_EMPTY_PATH | 1);
	is(errno, EFAULT, "a bad argv is EFAULT before the flags are judged");
	{
		char link[64];

		scratch(link, sizeof(link), "execveat-link");
		symlink(self, link);
		is(run(AT_FDCWD, link, AT_SYMLINK_NOFOLLOW, buf, sizeof(buf)),
		   ELOOP, "AT_SYMLINK_NOFOLLOW on a symlink: ELOOP");
		is(run(AT_FDCWD, link, 0, buf, sizeof(buf)), 0,
		   "without it the link is followed");
		unlink(link);
	}
	{
		char script[64];
		int w;

		scratch(script, sizeof(script), "execveat-script");
		w = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		dprintf(w, "#!%s\n", self);
		close(w);
		sfd = open(script, O_RDONLY | O_CLOEXEC);
		is(run(sfd, "", AT_EMPTY_PATH, buf, sizeof(buf)), ENOENT,
		   "a script through a close-on-exec fd: ENOENT");
		close(sfd);
		sfd = open(script, O_RDONLY);
		is(run(sfd, "", AT_EMPTY_PATH, buf, sizeof(buf)), 0,
		   "a script through its fd: runs");
		snprintf(want, sizeof(want), "/dev/fd/%d %.15s", sfd,
			 strrchr(self, '/') + 1);
		is_str(buf, want, "... comm the interpreter's file name");
		close(sfd);
		sfd = open("/tmp", O_RDONLY | O_DIRECTORY);
		is(run(sfd, strrchr(script, '/') + 1, 0, buf, sizeof(buf)), 0,
		   "a script relative to a directory fd: runs");
		snprintf(want, sizeof(want), "/dev/fd/%d%s %.15s", sfd,
			 strrchr(script, '/'), strrchr(script, '/') + 1);
		is_str(buf, want, "... comm the last part of its path");
		close(sfd);
		unlink(script);
	}
	return tap_done();
}
