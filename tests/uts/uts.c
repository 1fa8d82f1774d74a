/*
 * tests/uts/uts.c: UTS namespaces. After unshare(CLONE_NEWUTS) or in a
 * clone(CLONE_NEWUTS) child, sethostname and setdomainname change only
 * the new namespace; without it a child shares (and changes) ours.
 */
#include "tap.h"
#include <sched.h>
#include <sys/utsname.h>

static struct utsname orig;

static int wait_status(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* Change both names inside and check them: 0 if all went as hoped. */
static int rename_inside(void)
{
	struct utsname u;

	if (sethostname("inner", 5) || setdomainname("inner.dom", 9))
		return 1;
	if (uname(&u) || strcmp(u.nodename, "inner") ||
	    strcmp(u.domainname, "inner.dom"))
		return 2;
	/* The rest of the names came along unchanged. */
	if (strcmp(u.sysname, orig.sysname) || strcmp(u.release, orig.release))
		return 3;
	return 0;
}

static int unshared(void)
{
	if (unshare(CLONE_NEWUTS))
		return 10;
	return rename_inside();
}

static void check_unchanged(const char *how)
{
	struct utsname u;

	uname(&u);
	is_str(u.nodename, orig.nodename, "%s: our hostname is unchanged", how);
	is_str(u.domainname, orig.domainname, "%s: our domainname is unchanged",
	       how);
}

static void test_unshare(void)
{
	int status = run_child(unshared);

	ok(exited_with(status, 0), "unshare(CLONE_NEWUTS), then rename (status %#x)",
	   status);
	check_unchanged("after unshare in a child");
}

static void test_clone(void)
{
	pid_t pid = syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, NULL, NULL, 0);
	int status;

	if (pid == 0)
		_exit(rename_inside());
	status = wait_status(pid);
	ok(exited_with(status, 0), "clone(CLONE_NEWUTS) child renames its own (%#x)",
	   status);
	check_unchanged("after clone(CLONE_NEWUTS)");
}

/* Our later rename is not seen by a child in its own namespace. */
static void test_isolated_from_parent(void)
{
	int go[2], back[2];
	char got[65] = { 0 };
	pid_t pid;
	char c;

	pipe(go);
	pipe(back);
	pid = syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, NULL, NULL, 0);
	if (pid == 0) {
		struct utsname u;

		read(go[0], &c, 1);
		uname(&u);
		write(back[1], u.nodename, sizeof(got));
		_exit(0);
	}
	sethostname("outer-changed", 13);
	write(go[1], "x", 1);
	read(back[0], got, sizeof(got));
	wait_status(pid);
	sethostname(orig.nodename, strlen(orig.nodename));
	is_str(got, orig.nodename, "the child's namespace kept the old hostname");
	close(go[0]);
	close(go[1]);
	close(back[0]);
	close(back[1]);
}

/* Without CLONE_NEWUTS the namespace is shared: restore afterwards. */
static void test_shared(void)
{
	struct utsname u;
	pid_t pid = fork();

	if (pid == 0)
		_exit(sethostname("shared-name", 11) ? 1 : 0);
	ok(exited_with(wait_status(pid), 0), "a forked child renames the host");
	uname(&u);
	is_str(u.nodename, "shared-name", "and we see it");
	sethostname(orig.nodename, strlen(orig.nodename));
}

static int not_root(void)
{
	if (setuid(1000))
		return 1;
	expect_errno(unshare(CLONE_NEWUTS), EPERM);
	expect_errno(syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, NULL, NULL, 0),
		     EPERM);
	return tap_failures;
}

int main(void)
{
	uname(&orig);
	test_unshare();
	test_clone();
	test_isolated_from_parent();
	test_shared();
	ok(exited_with(run_child(not_root), 0), "CLONE_NEWUTS needs root");
	return tap_done();
}
