/*
 * The cgroup2 filesystem: mount, mkdir/rmdir, migration through
 * cgroup.procs (and /proc/<pid>/cgroup following it), fork inheritance,
 * rmdir EBUSY while populated, cgroup.events, cgroup.stat, the depth and
 * descendant limits, cgroup namespaces (paths and mounts rooted at the
 * namespace root), and the permission rule for migrations. Nothing here
 * asserts which controllers exist (Linux has them, tine none).
 */
#include "tap.h"
#include <grp.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#define MNT "/tmp/cgroup2-test"
#define MNT2 "/tmp/cgroup2-test-ns"
#define CG MNT "/t"

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	buf[0] = 0;
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

/* write(2) of s to path: 0, or -1 with errno. */
static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	if (n < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

static int write_pid(const char *path, pid_t pid)
{
	char s[32];

	snprintf(s, sizeof(s), "%d\n", pid);
	return write_file(path, s);
}

static const char *cgroup_of(pid_t pid)
{
	static char buf[256];
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	read_file(path, buf, sizeof(buf));
	return buf;
}

/* A child that waits until its pipe closes. */
static pid_t sleeper(int *wfd)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

static void reap(pid_t pid, int wfd)
{
	close(wfd);
	waitpid(pid, NULL, 0);
}

static void test_mount(void)
{
	struct statfs sf;
	struct stat st;

	mkdir(MNT, 0755);
	expect_errno(mount("none", MNT, "cgroup2", 0, "bogus_option"), EINVAL);
	expect_ok(mount("none", MNT, "cgroup2", 0, NULL));
	ok(statfs(MNT, &sf) == 0 && sf.f_type == 0x63677270,
	   "statfs says CGROUP2_SUPER_MAGIC");
	ok(stat(MNT "/cgroup.procs", &st) == 0 && S_ISREG(st.st_mode),
	   "the root has cgroup.procs");
	ok(stat(MNT "/cgroup.controllers", &st) == 0, "... cgroup.controllers");
	ok(stat(MNT "/cgroup.stat", &st) == 0, "... cgroup.stat");
	expect_errno(stat(MNT "/cgroup.type", &st), ENOENT);
	expect_errno(stat(MNT "/cgroup.events", &st), ENOENT);
}

static void test_mkdir_files(void)
{
	char buf[256];

	rmdir(CG);
	expect_ok(mkdir(CG, 0755));
	expect_errno(mkdir(CG, 0755), EEXIST);
	read_file(CG "/cgroup.type", buf, sizeof(buf));
	is_str(buf, "domain\n", "a new cgroup is a domain");
	read_file(CG "/cgroup.events", buf, sizeof(buf));
	is_str(buf, "populated 0\nfrozen 0\n", "and empty");
	read_file(CG "/cgroup.procs", buf, sizeof(buf));
	is_str(buf, "", "its cgroup.procs lists nobody");
	read_file(CG "/cgroup.max.depth", buf, sizeof(buf));
	is_str(buf, "max\n", "cgroup.max.depth starts at max");
	expect_errno(write_file(CG "/cgroup.subtree_control", "+no_such_ctl"),
		     EINVAL);
	expect_errno(write_file(CG "/cgroup.type", "domain"), EINVAL);
	expect_errno(write_file(CG "/cgroup.max.depth", "-1"), ERANGE);
	expect_errno(write_file(CG "/cgroup.max.depth", "x"), EINVAL);
	expect_errno(write_file(CG "/cgroup.procs", "abc"), EINVAL);
}

/* Moved into t: /proc/<pid>/cgroup, cgroup.procs and populated follow;
 * a child forked there is born there; rmdir waits for them to leave. */
static void test_migrate(void)
{
	char buf[256], want[64];
	int wfd = -1;
	pid_t pid = sleeper(&wfd), self = getpid();
	char root_procs[] = MNT "/cgroup.procs";

	expect_ok(write_pid(CG "/cgroup.procs", pid));
	is_str(cgroup_of(pid), "0::/t\n", "/proc/<pid>/cgroup follows the move");
	snprintf(want, sizeof(want), "%d\n", pid);
	read_file(CG "/cgroup.procs", buf, sizeof(buf));
	is_str(buf, want, "cgroup.procs lists the process");
	read_file(CG "/cgroup.events", buf, sizeof(buf));
	is_str(buf, "populated 1\nfrozen 0\n", "populated goes to 1");
	expect_errno(rmdir(CG), EBUSY);

	/* fork inherits: move ourselves, fork, look, move back */
	expect_ok(write_file(CG "/cgroup.procs", "0"));
	is_str(cgroup_of(self), "0::/t\n", "writing 0 moves the writer");
	pid_t c = fork();
	if (c == 0)
		_exit(strcmp(cgroup_of(getpid()), "0::/t\n") ? 1 : 0);
	int status = -1;
	waitpid(c, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "a child forked in t starts in t");
	expect_ok(write_pid(root_procs, self));
	is_str(cgroup_of(self), "0::/\n", "back in the root");

	reap(pid, wfd);
	read_file(CG "/cgroup.events", buf, sizeof(buf));
	is_str(buf, "populated 0\nfrozen 0\n", "an exited task leaves");
	read_file(CG "/cgroup.procs", buf, sizeof(buf));
	is_str(buf, "", "and cgroup.procs is empty again");
}

static void test_tree(void)
{
	char buf[256];

	expect_ok(mkdir(CG "/a", 0755));
	expect_errno(rmdir(CG), EBUSY);
	read_file(CG "/cgroup.stat", buf, sizeof(buf));
	is_str(buf, "nr_descendants 1\nnr_dying_descendants 0\n",
	       "cgroup.stat counts the child");
	expect_ok(write_file(CG "/cgroup.max.depth", "1"));
	read_file(CG "/cgroup.max.depth", buf, sizeof(buf));
	is_str(buf, "1\n", "cgroup.max.depth reads back");
	expect_errno(mkdir(CG "/a/b", 0755), EAGAIN);
	expect_ok(write_file(CG "/cgroup.max.depth", "max"));
	expect_ok(write_file(CG "/cgroup.max.descendants", "1"));
	expect_errno(mkdir(CG "/b", 0755), EAGAIN);
	expect_ok(write_file(CG "/cgroup.max.descendants", "max"));
	expect_ok(mkdir(CG "/a/b", 0755));
	expect_errno(rmdir(CG "/a"), EBUSY);
	expect_ok(rmdir(CG "/a/b"));
	expect_ok(rmdir(CG "/a"));
	expect_errno(rmdir(CG "/a"), ENOENT);
}

/* In a cgroup namespace made in t, t is "/", the root is "/..", and a
 * new mount shows t's subtree. */
static int ns_child(void)
{
	char buf[256];
	struct stat st;
	int bad = 0;

	if (write_file(CG "/cgroup.procs", "0"))
		return 10;
	if (unshare(CLONE_NEWCGROUP | CLONE_NEWNS))
		return 11;
	mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	bad |= strcmp(cgroup_of(getpid()), "0::/\n") ? 1 : 0;
	bad |= strcmp(cgroup_of(getppid()), "0::/..\n") ? 2 : 0;
	mkdir(MNT2, 0755);
	if (mount("none", MNT2, "cgroup2", 0, NULL))
		return 12;
	/* the mount's root is t: a non-root cgroup has cgroup.type */
	bad |= stat(MNT2 "/cgroup.type", &st) ? 4 : 0;
	bad |= read_file(MNT2 "/cgroup.events", buf, sizeof(buf)) ||
	       strcmp(buf, "populated 1\nfrozen 0\n") ? 8 : 0;
	umount(MNT2);
	return bad;
}

static void test_namespace(void)
{
	int st = run_child(ns_child);

	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "cgroup namespace: paths and mount rooted at t (exit %d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	rmdir(MNT2);
}

/* An unprivileged user given t (chown, Linux's delegation) may move its
 * own process inside t, but not root's process from outside t: that
 * needs write access to the common ancestor's cgroup.procs. */
static int unpriv_child(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	if (write_file(MNT "/cgroup.procs", "0") == 0 || errno != EACCES)
		return 1;		/* open of root's file for writing */
	if (write_file(CG "/d/cgroup.procs", "0"))
		return 2;		/* t -> t/d: ours */
	if (write_pid(CG "/d/cgroup.procs", getppid()) == 0 ||
	    errno != EACCES)
		return 3;		/* root's process, in the root */
	return 0;
}

static void test_permission(void)
{
	int st;
	pid_t c;

	expect_ok(mkdir(CG "/d", 0755));
	expect_ok(chown(CG, 65534, 65534));
	expect_ok(chown(CG "/cgroup.procs", 65534, 65534));
	expect_ok(chown(CG "/d", 65534, 65534));
	expect_ok(chown(CG "/d/cgroup.procs", 65534, 65534));
	c = fork();
	if (c == 0) {
		/* start in t, as a delegated service would */
		if (write_file(CG "/cgroup.procs", "0"))
			_exit(20);
		_exit(unpriv_child());
	}
	waitpid(c, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "delegation: own moves allowed, others' refused EACCES (exit %d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	is_str(cgroup_of(getpid()), "0::/\n", "the parent was not moved");
	expect_ok(rmdir(CG "/d"));
}

int main(void)
{
	char base[256];

	test_mount();
	/* Linux shows the v2 line once cgroup2 has been mounted. */
	read_file("/proc/self/cgroup", base, sizeof(base));
	if (strcmp(base, "0::/\n")) {
		diag("/proc/self/cgroup: \"%s\"\n", base);
		ok(1, "not in the root cgroup # SKIP");
		umount(MNT);
		return tap_done();
	}
	test_mkdir_files();
	test_migrate();
	test_tree();
	test_namespace();
	test_permission();
	expect_ok(rmdir(CG));
	expect_ok(umount(MNT));
	rmdir(MNT);
	return tap_done();
}
