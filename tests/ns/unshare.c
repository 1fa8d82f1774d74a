/*
 * tests/ns/unshare.c: unshare(2), clone(2) and clone3(2) with every
 * CLONE_NEW* flag: each makes a new namespace of its kind (a new
 * /proc/self/ns inode) and leaves the others; Linux's combination rules
 * (EINVAL), EPERM without CAP_SYS_ADMIN, and with CLONE_NEWUSER first
 * made the other namespaces belong to the new user namespace.
 */
#include "cred.h"
#include "ns.h"

#ifndef SYS_clone3
#define SYS_clone3 435
#endif

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls;
};

/* The inode numbers of every kind for pid (0: self). */
static void snapshot(pid_t pid, unsigned long *ino)
{
	for (int i = 0; i < NR_NS_KINDS; i++)
		ino[i] = ns_ino(pid, ns_kinds[i].name);
}

/* Which kinds (bit per ns_kinds[] entry) differ between a and b. */
static int changed(const unsigned long *a, const unsigned long *b)
{
	int bits = 0;

	for (int i = 0; i < NR_NS_KINDS; i++)
		bits |= (a[i] != b[i]) << i;
	return bits;
}

/* The ns_kinds[] bits of the links a flag makes new. */
static int kind_bits(const char *a, const char *b)
{
	int bits = 0;

	for (int i = 0; i < NR_NS_KINDS; i++)
		if (!strcmp(ns_kinds[i].name, a) ||
		    (b && !strcmp(ns_kinds[i].name, b)))
			bits |= 1 << i;
	return bits;
}

static const struct {
	int flag;
	const char *link, *link2;
} unshare_cases[] = {
	{ CLONE_NEWNS, "mnt", NULL },
	{ CLONE_NEWUTS, "uts", NULL },
	{ CLONE_NEWIPC, "ipc", NULL },
	{ CLONE_NEWNET, "net", NULL },
	{ CLONE_NEWCGROUP, "cgroup", NULL },
	{ CLONE_NEWUSER, "user", NULL },
	/* For the caller's children only; the links of pid_for_children
	 * appear with its init (ENOENT until then: not compared). */
	{ CLONE_NEWTIME, "time_for_children", NULL },
};

static int which;

static int unshare_one(void)
{
	unsigned long before[NR_NS_KINDS], after[NR_NS_KINDS];

	snapshot(0, before);
	if (unshare(unshare_cases[which].flag))
		return 10;
	snapshot(0, after);
	return changed(before, after) ==
			       kind_bits(unshare_cases[which].link,
					 unshare_cases[which].link2)
		       ? 0
		       : 11;
}

static void test_unshare_each(void)
{
	for (size_t i = 0; i < sizeof(unshare_cases) / sizeof(unshare_cases[0]);
	     i++) {
		which = i;
		ok(exited_with(run_child(unshare_one), 0),
		   "unshare(%s's flag) makes only it new",
		   unshare_cases[i].link);
	}
}

/* Everything at once; pid and time show in the children. */
static int unshare_all(void)
{
	unsigned long before[NR_NS_KINDS], after[NR_NS_KINDS];
	int status, want = kind_bits("mnt", "uts") | kind_bits("ipc", "net") |
			   kind_bits("cgroup", "user") |
			   kind_bits("time_for_children", NULL);
	pid_t c;

	snapshot(0, before);
	if (unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
		    CLONE_NEWCGROUP | CLONE_NEWUSER | CLONE_NEWPID |
		    CLONE_NEWTIME))
		return 10;
	snapshot(0, after);
	after[4] = before[4];	/* pid_for_children: ENOENT, no init */
	if (changed(before, after) != want)
		return 11;
	c = fork();
	if (c == 0)
		_exit(getpid() == 1 && ns_ino(0, "pid") != before[3] &&
		      ns_ino(0, "time") == after[9] ? 0 : 1);
	waitpid(c, &status, 0);
	return exited_with(status, 0) ? 0 : 12;
}

/* The new namespaces belong to the new user namespace. */
static int owned_case(void)
{
	int fd, ok_all = 1;

	if (become(65534, 65534) ||
	    unshare(CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC |
		    CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWCGROUP))
		return 10;
	for (int i = 0; i < NR_NS_KINDS; i++) {
		const char *k = ns_kinds[i].name;

		if (strcmp(k, "uts") && strcmp(k, "ipc") && strcmp(k, "net") &&
		    strcmp(k, "mnt") && strcmp(k, "cgroup"))
			continue;
		fd = ioctl(ns_open(0, k), NS_GET_USERNS);
		ok_all &= fd >= 0 && fd_ino(fd) == ns_ino(0, "user");
		close(fd);
	}
	return ok_all ? 0 : 11;
}

/* Without privilege, each kind is EPERM; with a new user ns, fine. */
static int unprivileged_case(void)
{
	static const int flags[] = { CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC,
				     CLONE_NEWNET, CLONE_NEWCGROUP,
				     CLONE_NEWPID, CLONE_NEWTIME };

	if (become(65534, 65534))
		return 2;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		expect_errno(unshare(flags[i]), EPERM);
	expect_errno(syscall(SYS_clone, CLONE_NEWNET | SIGCHLD, 0, 0, 0, 0),
		     EPERM);
	return tap_done();
}

/* Linux's EINVAL combinations. */
static void test_einval(void)
{
	struct clone_args a = { .exit_signal = SIGCHLD };

	expect_errno(unshare(CLONE_PARENT), EINVAL);
	expect_errno(unshare(0x80000000u /* CLONE_IO */ | CLONE_NEWUTS),
		     EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_NEWUSER | CLONE_FS | SIGCHLD,
			     0, 0, 0, 0), EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, 0,
			     0, 0, 0), EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD,
			     0, 0, 0, 0), EINVAL);
	a.flags = CLONE_NEWIPC | CLONE_SYSVSEM;
	expect_errno(syscall(SYS_clone3, &a, sizeof(a)), EINVAL);
	a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWPID;
	a.exit_signal = 0;
	expect_errno(syscall(SYS_clone3, &a, sizeof(a)), EINVAL);
}

/* clone and clone3 with the new kinds: the child is in them. */
static int clone_child(void *arg)
{
	unsigned long *before = arg, after[NR_NS_KINDS];

	snapshot(0, after);
	return changed(before, after) == (kind_bits("ipc", "net") |
					  kind_bits("cgroup", NULL))
		       ? 0
		       : 1;
}

static void test_clone(void)
{
	static char stack[65536];
	unsigned long before[NR_NS_KINDS], after[NR_NS_KINDS];
	struct clone_args a = { .flags = CLONE_NEWTIME | CLONE_NEWUTS,
				.exit_signal = SIGCHLD };
	int status;
	pid_t c;

	snapshot(0, before);
	c = clone(clone_child, stack + sizeof(stack),
		  CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP | SIGCHLD,
		  before);
	waitpid(c, &status, 0);
	ok(c > 0 && exited_with(status, 0),
	   "clone(CLONE_NEWIPC|CLONE_NEWNET|CLONE_NEWCGROUP)");
	c = syscall(SYS_clone3, &a, sizeof(a));
	if (c == 0) {
		snapshot(0, after);
		_exit(changed(before, after) ==
				      (kind_bits("time", "time_for_children") |
				       kind_bits("uts", NULL))
			      ? 0
			      : 1);
	}
	waitpid(c, &status, 0);
	ok(c > 0 && exited_with(status, 0),
	   "clone3(CLONE_NEWTIME|CLONE_NEWUTS): the child is in both");
}

/* After unshare(CLONE_NEWTIME): no CLONE_VM or thread child (EINVAL);
 * a forked child enters the new time namespace. */
static int time_children_case(void)
{
	unsigned long tfc;
	int status;
	pid_t c;

	if (unshare(CLONE_NEWTIME))
		return 10;
	tfc = ns_ino(0, "time_for_children");
	expect_errno(syscall(SYS_clone, CLONE_VM | SIGCHLD, 0, 0, 0, 0),
		     EINVAL);
	c = fork();
	if (c == 0)
		_exit(ns_ino(0, "time") == tfc ? 0 : 1);
	waitpid(c, &status, 0);
	ok(exited_with(status, 0), "a forked child is in the new time ns");
	ok(ns_ino(0, "time") != tfc, "we are not");
	return tap_done();
}

int main(void)
{
	test_unshare_each();
	ok(exited_with(run_child(unshare_all), 0), "unshare with every flag");
	ok(exited_with(run_child(owned_case), 0),
	   "CLONE_NEWUSER with others: they belong to the new user ns");
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	test_einval();
	test_clone();
	ok(exited_with(run_child(time_children_case), 0),
	   "case time_children");
	return tap_done();
}
