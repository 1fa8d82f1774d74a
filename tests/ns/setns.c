/*
 * tests/ns/setns.c: setns(2) with namespace files, one kind at a time
 * and with nstype checks, and with pidfds (several kinds at once): the
 * caller's /proc/self/ns link then names the joined namespace. Errors:
 * EBADF, EINVAL (wrong nstype, not a namespace file, no flags for a
 * pidfd, joining our own user namespace, a pid namespace above ours),
 * EPERM without CAP_SYS_ADMIN, and the same inside a new user namespace
 * for namespaces it does not own.
 */
#include "cred.h"
#include "ns.h"
#include <sys/utsname.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static int make_all(void)
{
	return unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
		       CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME) ||
	       sethostname("holder", 6);
}

/* In a child: join h's kind through its file; our link must follow. */
static int join_one(pid_t h, const char *kind, const char *as)
{
	int fd = ns_open(h, kind);
	const struct ns_kind *k = NULL;

	for (int i = 0; i < NR_NS_KINDS; i++)
		if (!strcmp(ns_kinds[i].name, kind))
			k = &ns_kinds[i];
	if (fd < 0 || setns(fd, k->flag))
		return 1;
	return ns_ino(0, as) == ns_ino(h, kind) ? 0 : 2;
}

static pid_t target;

static int join_net(void) { return join_one(target, "net", "net"); }
static int join_uts(void) { return join_one(target, "uts", "uts"); }
static int join_ipc(void) { return join_one(target, "ipc", "ipc"); }
static int join_cgroup(void) { return join_one(target, "cgroup", "cgroup"); }
static int join_mnt(void) { return join_one(target, "mnt", "mnt"); }
static int join_time(void)
{
	/* The holder unshared time for its children: join that one. */
	return join_one(target, "time_for_children", "time");
}

static void test_each_kind(void)
{
	static const struct {
		const char *name;
		int (*fn)(void);
	} cases[] = {
		{ "net", join_net }, { "uts", join_uts }, { "ipc", join_ipc },
		{ "cgroup", join_cgroup }, { "mnt", join_mnt },
		{ "time", join_time },
	};

	target = holder(make_all);
	ok(target > 0, "a holder with new namespaces of every kind");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok(exited_with(run_child(cases[i].fn), 0),
		   "setns joins a %s namespace", cases[i].name);
	release_holder(target);
}

/* In a new pid namespace, the one above it may not be joined. */
static int above_case(void *arg)
{
	return setns(*(int *)arg, CLONE_NEWPID) == -1 && errno == EINVAL ? 0
									  : 1;
}

static int new_pidns(void)
{
	return unshare(CLONE_NEWPID);
}

/* A child that unshares its children's pid namespace and makes their
 * init there; both wait. Its pid, and the init's in *init. */
static pid_t pidns_parent(pid_t *init)
{
	int p[2];
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		pid_t g;

		if (unshare(CLONE_NEWPID))
			_exit(1);
		g = fork();
		if (g == 0)
			for (;;)
				pause();
		write(p[1], &g, sizeof(g));
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], init, sizeof(*init)) != sizeof(*init)) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(p[0]);
	return pid;
}

static void test_pid(void)
{
	static char stack[65536];
	int fd = ns_open(0, "pid"), pfd, status;
	pid_t c, init = -1;

	target = holder(new_pidns);
	expect_errno(ns_open(target, "pid_for_children"), ENOENT);
	release_holder(target);
	target = pidns_parent(&init);
	ok(target > 0 && ns_ino(target, "pid_for_children") !=
				 ns_ino(0, "pid"),
	   "pid_for_children of an unsharer, once its init exists");
	pfd = ns_open(target, "pid_for_children");
	c = fork();
	if (c == 0) {
		pid_t g;

		if (setns(pfd, CLONE_NEWPID))
			_exit(1);
		if (ns_ino(0, "pid_for_children") != fd_ino(pfd) ||
		    ns_ino(0, "pid") == fd_ino(pfd))
			_exit(2);
		g = fork();
		if (g == 0)
			_exit(ns_ino(0, "pid") == fd_ino(pfd) && getpid() > 1
				      ? 0 : 1);
		waitpid(g, &status, 0);
		_exit(exited_with(status, 0) ? 0 : 3);
	}
	waitpid(c, &status, 0);
	ok(exited_with(status, 0),
	   "setns into a child pid namespace: our next child is made there");
	close(pfd);
	kill(init, SIGKILL);
	release_holder(target);
	c = clone(above_case, stack + sizeof(stack), CLONE_NEWPID | SIGCHLD,
		  &fd);
	waitpid(c, &status, 0);
	ok(exited_with(status, 0), "EINVAL: a pid namespace above ours");
	close(fd);
}

/* pidfd: several kinds at once. */
static int pidfd_case(void)
{
	int pfd = syscall(SYS_pidfd_open, target, 0);
	struct utsname u;

	expect_errno(setns(pfd, 0), EINVAL);
	expect_errno(setns(pfd, CLONE_VM), EINVAL);
	expect_ok(setns(pfd, CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET));
	is(ns_ino(0, "uts"), ns_ino(target, "uts"), "uts joined");
	is(ns_ino(0, "ipc"), ns_ino(target, "ipc"), "ipc joined");
	is(ns_ino(0, "net"), ns_ino(target, "net"), "net joined");
	ok(ns_ino(0, "mnt") != ns_ino(target, "mnt"), "mnt not asked, kept");
	ok(uname(&u) == 0 && !strcmp(u.nodename, "holder"),
	   "uname shows the holder's hostname");
	return tap_done();
}

/* The argument errors. */
static void test_errors(void)
{
	int uts = ns_open(0, "uts"), user = ns_open(0, "user");
	int file = open("/proc/self/status", O_RDONLY);

	expect_errno(setns(-1, 0), EBADF);
	expect_errno(setns(1000, 0), EBADF);
	expect_errno(setns(uts, CLONE_NEWIPC), EINVAL);
	expect_errno(setns(file, 0), EINVAL);
	expect_errno(setns(file, CLONE_NEWUTS), EINVAL);
	expect_errno(setns(user, CLONE_NEWUSER), EINVAL);
	expect_ok(setns(uts, 0));
	expect_ok(setns(uts, CLONE_NEWUTS));
	close(uts);
	close(user);
	close(file);
}

/* Without CAP_SYS_ADMIN: EPERM for files and pidfds alike. */
static int unprivileged_case(void)
{
	int uts = ns_open(target, "uts"), net = ns_open(target, "net");
	int pfd = syscall(SYS_pidfd_open, target, 0);

	if (become(65534, 65534))
		return 2;
	expect_errno(setns(uts, CLONE_NEWUTS), EPERM);
	expect_errno(setns(net, 0), EPERM);
	expect_errno(setns(pfd, CLONE_NEWUTS), EPERM);
	return tap_done();
}

/*
 * Root of a new user namespace: may join what that namespace owns,
 * not what the initial one owns (EPERM).
 */
static int userns_case(void)
{
	int outer = ns_open(target, "uts"), own, user;
	int initial_user = ns_open(0, "user");

	if (become(65534, 65534) || unshare(CLONE_NEWUSER) ||
	    map_self_root(65534, 65534))
		return 2;
	expect_errno(setns(outer, CLONE_NEWUTS), EPERM);
	expect_errno(setns(initial_user, CLONE_NEWUSER), EPERM);
	if (unshare(CLONE_NEWUTS))
		return 3;
	own = ns_open(0, "uts");
	user = ns_open(0, "user");
	expect_ok(setns(own, CLONE_NEWUTS));
	expect_errno(setns(user, CLONE_NEWUSER), EINVAL);
	return tap_done();
}

/* Root joins a user namespace someone made: full capabilities there. */
static int new_user(void)
{
	return unshare(CLONE_NEWUSER);
}

static int join_user_case(void)
{
	int fd = ns_open(target, "user");

	expect_ok(setns(fd, CLONE_NEWUSER));
	is(ns_ino(0, "user"), ns_ino(target, "user"), "user namespace joined");
	expect_errno(sethostname("x", 1), EPERM);
	expect_ok(unshare(CLONE_NEWUTS));
	return tap_done();
}

int main(void)
{
	test_each_kind();
	test_pid();
	target = holder(make_all);
	ok(exited_with(run_child(pidfd_case), 0), "case pidfd");
	test_errors();
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	ok(exited_with(run_child(userns_case), 0), "case userns");
	release_holder(target);
	target = holder(new_user);
	ok(exited_with(run_child(join_user_case), 0), "case join_user");
	release_holder(target);
	return tap_done();
}
