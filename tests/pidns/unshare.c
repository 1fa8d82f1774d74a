/*
 * tests/pidns/unshare.c: unshare(2). CLONE_NEWPID leaves the caller
 * where it is and makes its next child the init of a new namespace;
 * afterwards threads, a second CLONE_NEWPID and CLONE_NEWPID clones are
 * EINVAL. The other flags follow Linux's rules: unknown ones EINVAL,
 * CLONE_FILES/CLONE_FS copy, CLONE_THREAD/SIGHAND/VM work only when
 * there is nothing to unshare; namespaces need root.
 */
#include "tap.h"
#include <pthread.h>
#include <sched.h>

static int wait_status(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

static int newpid(void)
{
	static char stack[16384];
	pid_t me = getpid(), pp = getppid(), a, b;
	int p[2];
	char c;

	is(unshare(CLONE_NEWPID), 0, "unshare(CLONE_NEWPID)");
	is(getpid(), me, "getpid() is unchanged");
	is(getppid(), pp, "getppid() is unchanged");
	pipe(p);
	a = fork();
	if (a == 0) {
		close(p[1]);
		if (getpid() != 1 || getppid() != 0)
			_exit(1);
		read(p[0], &c, 1);
		_exit(0);
	}
	ok(a > 1, "fork returns the child's pid in our namespace (%d)", (int)a);
	b = fork();
	if (b == 0)
		_exit(getpid() == 2 && getppid() == 0 ? 0 : 1);
	ok(exited_with(wait_status(b), 0),
	   "the second child is pid 2 there, its parent outside (ppid 0)");
	write(p[1], "x", 1);
	ok(exited_with(wait_status(a), 0), "the next child is pid 1 with ppid 0");
	expect_errno(syscall(SYS_clone, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM,
			     stack + sizeof(stack), NULL, NULL, 0), EINVAL);
	expect_errno(unshare(CLONE_NEWPID), EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, NULL, NULL, 0),
		     EINVAL);
	return tap_failures;
}

static void *thread_wait(void *arg)
{
	char c;

	read(*(int *)arg, &c, 1);
	return NULL;
}

/* Nothing to unshare in a single-threaded process; EINVAL with a thread. */
static int sharing_flags(void)
{
	int fd = open("/dev/null", O_RDONLY), p[2];
	pthread_t th;

	is(unshare(0), 0, "unshare(0)");
	is(unshare(CLONE_FILES), 0, "unshare(CLONE_FILES)");
	ok(fcntl(fd, F_GETFD) >= 0, "open files survive CLONE_FILES");
	is(unshare(CLONE_FS), 0, "unshare(CLONE_FS)");
	is(unshare(CLONE_SYSVSEM), 0, "unshare(CLONE_SYSVSEM)");
	is(unshare(CLONE_THREAD), 0, "unshare(CLONE_THREAD), single-threaded");
	is(unshare(CLONE_SIGHAND), 0, "unshare(CLONE_SIGHAND), single-threaded");
	is(unshare(CLONE_VM), 0, "unshare(CLONE_VM), single-threaded");
	expect_errno(unshare(CLONE_PTRACE), EINVAL);
	expect_errno(unshare(CLONE_SETTLS), EINVAL);
	pipe(p);
	if (pthread_create(&th, NULL, thread_wait, &p[0]) != 0)
		return 1;
	expect_errno(unshare(CLONE_THREAD), EINVAL);
	expect_errno(unshare(CLONE_VM), EINVAL);
	expect_errno(unshare(CLONE_SIGHAND), EINVAL);
	is(unshare(CLONE_FILES), 0, "unshare(CLONE_FILES) with a thread");
	is(unshare(CLONE_FS), 0, "unshare(CLONE_FS) with a thread");
	write(p[1], "x", 1);
	pthread_join(th, NULL);
	return tap_failures;
}

/* CLONE_FS: after unsharing, a chdir no longer moves the sharer. */
static int fs_copy(void)
{
	char cwd[256];
	pid_t pid;

	chdir("/");
	pid = syscall(SYS_clone, CLONE_FS | SIGCHLD, 0, NULL, NULL, 0);
	if (pid == 0) {
		if (unshare(CLONE_FS) != 0)
			_exit(1);
		_exit(chdir("/tmp") != 0);
	}
	ok(exited_with(wait_status(pid), 0), "child unshared CLONE_FS and chdir'ed");
	ok(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0,
	   "the parent's cwd did not move");
	return tap_failures;
}

static int not_root(void)
{
	if (setuid(1000) != 0)
		return 1;
	expect_errno(unshare(CLONE_NEWPID), EPERM);
	expect_errno(unshare(CLONE_NEWUTS), EPERM);
	expect_errno(syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, NULL, NULL, 0),
		     EPERM);
	return tap_failures;
}

int main(void)
{
	ok(exited_with(run_child(newpid), 0), "unshare(CLONE_NEWPID) checks");
	ok(exited_with(run_child(sharing_flags), 0), "unshare sharing flags");
	ok(exited_with(run_child(fs_copy), 0), "unshare(CLONE_FS)");
	ok(exited_with(run_child(not_root), 0), "namespaces need root");
	return tap_done();
}
