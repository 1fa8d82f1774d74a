/*
 * tests/clone/flags.c: clone's flag checks as Linux 6.1 does them (seed
 * 001's list and today's additions), CLONE_PARENT, CLONE_SETTLS,
 * PARENT_SETTID/CHILD_SETTID/CHILD_CLEARTID, exit signals and
 * __WCLONE/__WALL.
 */
#include "tap.h"
#include <sched.h>
#include <sys/mman.h>

#define CLONE_PIDFD_ 0x1000
#define CLONE_DETACHED_ 0x400000

/* Raw clone with no new stack: the child returns 0 like fork. */
static long raw_clone(unsigned long flags, void *ptid, void *ctid,
		      unsigned long tls)
{
	return syscall(SYS_clone, flags, NULL, ptid, ctid, tls);
}

static void test_invalid(void)
{
	expect_errno(raw_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_NEWUSER | CLONE_FS | SIGCHLD, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_THREAD | SIGCHLD, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_THREAD | CLONE_VM, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_SIGHAND | SIGCHLD, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_SIGHAND | CLONE_FS, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM |
			       CLONE_NEWPID, 0, 0, 0), EINVAL);
	expect_errno(raw_clone(CLONE_PIDFD_ | CLONE_DETACHED_ | SIGCHLD, 0, 0, 0),
		     EINVAL);
	expect_errno(raw_clone(CLONE_PIDFD_ | CLONE_THREAD | CLONE_SIGHAND |
			       CLONE_VM, 0, 0, 0), EINVAL);
	{
		int slot;
		expect_errno(raw_clone(CLONE_PIDFD_ | CLONE_PARENT_SETTID |
				       SIGCHLD, &slot, 0, 0), EINVAL);
	}
}

static void test_exit_signal(void)
{
	int status = -1;
	long pid = raw_clone(0, 0, 0, 0);	/* exit signal 0: a clone child */

	if (pid == 0)
		_exit(4);
	ok(pid > 0, "clone with exit signal 0");
	expect_errno(waitpid(pid, &status, WNOHANG), ECHILD);
	is(waitpid(pid, &status, __WCLONE), pid, "__WCLONE waits for it");
	ok(exited_with(status, 4), "... with its status");
	/* Ignored before the clone: on another CPU the child may exit
	 * (and signal us) before clone() has even returned here. */
	signal(SIGUSR1, SIG_IGN);
	pid = raw_clone(SIGUSR1, 0, 0, 0);
	if (pid == 0)
		_exit(6);
	is(waitpid(pid, &status, __WALL), pid, "__WALL waits for a SIGUSR1 child");
	signal(SIGUSR1, SIG_DFL);
	pid = raw_clone(SIGCHLD, 0, 0, 0);
	if (pid == 0)
		_exit(1);
	expect_errno(waitpid(pid, &status, __WCLONE), ECHILD);
	is(waitpid(pid, &status, 0), pid, "a SIGCHLD child is not a clone child");
	/* Legacy clone does not check the exit signal (clone3 does). */
	pid = syscall(SYS_clone, 65UL, NULL, NULL, NULL, 0);
	if (pid == 0)
		_exit(2);
	ok(pid > 0, "clone accepts exit signal 65, as Linux");
	is(waitpid(pid, &status, __WALL), pid, "... and the child is reaped");
}

static void test_tids(void)
{
	static pid_t ptid, ctid;
	int status = -1;
	long pid;

	ptid = 0;
	ctid = 0;
	pid = raw_clone(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD,
			&ptid, &ctid, 0);
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 1);
	is(ptid, pid, "CLONE_PARENT_SETTID writes the pid in the parent");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "CLONE_CHILD_SETTID writes it in the child");
	is(ctid, 0, "... the child's copy, not the parent's memory");
}

static int in_child_parent(void)
{
	/* CLONE_PARENT: our grandchild becomes our sibling. */
	long pid = raw_clone(CLONE_PARENT | SIGCHLD, 0, 0, 0);

	if (pid == 0)
		_exit(getppid() == (pid_t)(long)getenv("X") ? 0 : 0);
	return pid > 0 ? 0 : 1;
}

static void test_parent(void)
{
	pid_t me = getpid(), kid;
	int status = -1, n = 0;

	kid = fork();
	if (kid == 0) {
		long g = raw_clone(CLONE_PARENT | SIGCHLD, 0, 0, 0);
		if (g == 0)
			_exit(getppid() == me ? 11 : 12);
		_exit(g > 0 ? 0 : 1);
	}
	waitpid(kid, &status, 0);
	ok(exited_with(status, 0), "clone(CLONE_PARENT) succeeds");
	while (waitpid(-1, &status, 0) > 0)
		if (exited_with(status, 11))
			n++;
	is(n, 1, "the CLONE_PARENT child is ours: we reap it, it sees us as parent");
	(void)in_child_parent;
}

static __thread int tls_var = 5;

static void test_settls(void)
{
	int status = -1;
	unsigned long fs;
	long pid;

	syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs);
	pid = raw_clone(CLONE_SETTLS | SIGCHLD, 0, 0, fs);
	if (pid == 0)
		_exit(tls_var == 5 ? 0 : 1);
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "CLONE_SETTLS with our own TLS base works");
}

int main(void)
{
	test_invalid();
	test_exit_signal();
	test_tids();
	test_parent();
	test_settls();
	return tap_done();
}
