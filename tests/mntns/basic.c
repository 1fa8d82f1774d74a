/*
 * tests/mntns/basic.c: a mount namespace is a copy of its parent's
 * mounts. What is mounted or unmounted in one is not seen in the other
 * (unshare and clone), mountinfo lists each namespace's own mounts, the
 * root and cwd move onto the copies, and only CAP_SYS_ADMIN over the
 * namespace's owner may mount: EPERM for an unprivileged user, fine for
 * the root of a user namespace, whose copied mounts are then locked.
 */
#include "cred.h"
#include "mnt.h"

static char base[64];

/* A tmpfs mounted in the child's namespace is not the parent's. */
static void test_isolation(void)
{
	int to_parent[2], to_child[2];
	char c = 0;
	dev_t before = dev_of(base);
	pid_t pid;
	int status;

	pipe(to_parent);
	pipe(to_child);
	pid = fork();
	if (pid == 0) {
		char f[128];

		if (unshare(CLONE_NEWNS) ||
		    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("tmpfs", base, "tmpfs", 0, NULL))
			_exit(2);
		snprintf(f, sizeof(f), "%s/inside", base);
		touch(f);
		write(to_parent[1], "m", 1);
		read(to_child[0], &c, 1);
		/* The parent mounted on base too: not seen here. */
		_exit(access(f, F_OK) == 0 && is_mountpoint(base) ? 0 : 3);
	}
	read(to_parent[0], &c, 1);
	is(dev_of(base), before, "the child's mount is not in the parent's ns");
	ok(!is_mountpoint(base), "nor in the parent's mountinfo");
	expect_ok(mount("tmpfs", base, "tmpfs", 0, NULL));
	write(to_child[1], "g", 1);
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0),
	   "the child still sees its own mount, not the parent's");
	expect_ok(umount2(base, 0));
}

/* clone(CLONE_NEWNS): the child's unmount is its own. */
static int clone_child(void *arg)
{
	(void)arg;
	if (umount2("/tmp", MNT_DETACH))
		return 2;
	return is_mountpoint("/tmp") ? 3 : 0;
}

static void test_clone(void)
{
	static char stack[65536];
	int status;
	pid_t pid = clone(clone_child, stack + sizeof(stack),
			  CLONE_NEWNS | SIGCHLD, NULL);

	ok(pid > 0, "clone(CLONE_NEWNS)");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the child unmounted /tmp in its namespace");
	ok(is_mountpoint("/tmp"), "/tmp is still mounted here");
	expect_errno(syscall(SYS_clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, 0,
			     0, 0, 0), EINVAL);
}

/* The copies are what root and cwd point at after unshare. */
static int copies_case(void)
{
	char sub[128], cwd[256];
	struct stat a, b;

	chdir(base);
	stat(".", &a);
	if (unshare(CLONE_NEWNS))
		return 1;
	stat(".", &b);
	is(a.st_ino, b.st_ino, "the cwd is the same directory after unshare");
	ok(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, base),
	   "getcwd still names it");
	mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL);
	subdir(sub, sizeof(sub), base, "sub");
	expect_ok(mount("tmpfs", sub, "tmpfs", 0, NULL));
	/* The walk from the (moved) cwd crosses the new mount. */
	ok(dev_of("sub") == dev_of(sub) && dev_of("sub") != dev_of("."),
	   "a relative walk from the cwd sees the namespace's mounts");
	expect_ok(umount2(sub, 0));
	rmdir(sub);
	return tap_done();
}

/* mountinfo is per namespace: the lines of a child's are its own. */
static int mountinfo_case(void)
{
	char sub[128], line[1024];
	int id, parent;

	subdir(sub, sizeof(sub), base, "mi");
	expect_ok(mount("tmpfs", sub, "tmpfs", MS_NOSUID, "mode=0700"));
	ok(mountinfo_line(sub, line, sizeof(line)) == 0,
	   "the new mount is in mountinfo");
	ok(sscanf(line, "%d %d", &id, &parent) == 2 && id != parent,
	   "with an id and its parent's id");
	ok(strstr(line, " rw,nosuid") != NULL, "per-mount options: rw,nosuid");
	ok(strstr(line, " - tmpfs tmpfs rw") != NULL,
	   "then '- type source super-options'");
	ok(strstr(slurp("/proc/self/mounts"), " tmpfs rw,nosuid") != NULL,
	   "/proc/self/mounts has it too");
	expect_ok(umount2(sub, 0));
	ok(!is_mountpoint(sub), "and not after umount");
	rmdir(sub);
	return tap_done();
}

/* Without CAP_SYS_ADMIN: no new namespace, no mount, no umount. */
static int unprivileged_case(void)
{
	become(65534, 65534);
	expect_errno(unshare(CLONE_NEWNS), EPERM);
	expect_errno(mount("tmpfs", base, "tmpfs", 0, NULL), EPERM);
	expect_errno(umount2("/tmp", 0), EPERM);
	expect_errno(umount2("/tmp", MNT_DETACH), EPERM);
	return tap_done();
}

/*
 * In a user namespace of its own, an unprivileged user makes a mount
 * namespace: it may mount tmpfs there, but the mounts it copied are
 * locked: not unmountable one by one, nor made writable.
 */
static int userns_case(void)
{
	char sub[128], ro[128];

	subdir(ro, sizeof(ro), base, "ro");
	expect_ok(mount("tmpfs", ro, "tmpfs", MS_RDONLY, NULL));
	become(65534, 65534);
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return 1;
	/* Be root in it (files it makes need a mapped owner). */
	write_file("/proc/self/setgroups", "deny");
	write_file("/proc/self/uid_map", "0 65534 1");
	write_file("/proc/self/gid_map", "0 65534 1");
	expect_errno(umount2("/tmp", 0), EINVAL);
	expect_errno(umount2("/tmp", MNT_DETACH), EINVAL);
	expect_errno(umount2(ro, 0), EINVAL);
	expect_errno(mount("none", ro, NULL, MS_REMOUNT | MS_BIND, NULL),
		     EPERM);
	expect_errno(mount("none", "/proc", NULL,
			   MS_REMOUNT | MS_BIND | MS_NOATIME, NULL), EPERM);
	expect_ok(mount("none", ro, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
			MS_NOSUID, NULL));
	expect_errno(mount("devtmpfs", base, "devtmpfs", 0, NULL), EPERM);
	expect_ok(mount("tmpfs", base, "tmpfs", 0, NULL));
	subdir(sub, sizeof(sub), base, "u");
	ok(access(sub, F_OK) == 0, "the namespace's root uses its own tmpfs");
	expect_ok(umount2(base, 0));
	return tap_done();
}

int main(void)
{
	scratch(base, sizeof(base), "mntns");
	mkdir(base, 0777);
	test_isolation();
	test_clone();
	ok(exited_with(run_child(copies_case), 0), "case copies");
	ns_case(mountinfo_case);
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	ns_case(userns_case);
	rmdir(base);
	return tap_done();
}
