/*
 * tests/proc/exec_special_files.c: what execve opens is a regular file,
 * checked before the open (Linux's may_open() with MAY_EXEC): a FIFO is
 * EACCES at once (opening it would wait for a writer), character and
 * block devices and directories are EACCES, a symlink to a FIFO too.
 * Read permission is not needed to run a program: a file with mode
 * 0111 runs for a user who cannot read it.
 *
 * Run with argv[1] == "--exit-zero" it just exits 0.
 */
#include "tap.h"
#include <grp.h>
#include <sys/sysmacros.h>

static char fifo[64], blk[64], link_[64], xonly[64];

/* execve path in a child, with a time limit: its errno, or 0 if it
 * ran (and exited 0), or -1 if it hung. */
static int exec_errno(const char *path)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		char *args[] = { (char *)path, "--exit-zero", NULL };

		alarm(5);
		execv(path, args);
		_exit(errno);
	}
	waitpid(p, &st, 0);
	if (WIFSIGNALED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int run_as_nobody(void)
{
	char *args[] = { xonly, "--exit-zero", NULL };

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 101;
	if (open(xonly, O_RDONLY) >= 0 || errno != EACCES)
		return 102;
	execv(xonly, args);
	return 103;
}

int main(int argc, char **argv)
{
	int st;

	if (argc > 1 && !strcmp(argv[1], "--exit-zero"))
		return 0;
	scratch(fifo, sizeof(fifo), "xfifo");
	scratch(blk, sizeof(blk), "xblk");
	scratch(link_, sizeof(link_), "xlink");
	scratch(xonly, sizeof(xonly), "xonly");
	expect_ok(mkfifo(fifo, 0755));
	is(exec_errno(fifo), EACCES, "execve of a FIFO: EACCES without "
	   "blocking");
	expect_ok(symlink(fifo, link_));
	is(exec_errno(link_), EACCES, "execve of a symlink to a FIFO: EACCES");
	is(exec_errno("/dev/null"), EACCES, "execve of a character device: "
	   "EACCES");
	expect_ok(mknod(blk, S_IFBLK | 0755, makedev(7, 200)));
	is(exec_errno(blk), EACCES, "execve of a block device: EACCES");
	is(exec_errno("/tmp"), EACCES, "execve of a directory: EACCES");
	is(exec_errno(argv[0]), 0, "execve of a regular file runs it");
	ok(copy_file(argv[0], xonly, 0111) == 0, "an execute-only copy");
	st = run_child(run_as_nobody);
	ok(exited_with(st, 0), "a user who may not read it runs it (status "
	   "%#x)", st);
	unlink(fifo);
	unlink(blk);
	unlink(link_);
	unlink(xonly);
	return tap_done();
}
