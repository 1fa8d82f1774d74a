/*
 * tests/ns/procfs.c: every mount of proc is an instance of its own
 * (its own st_dev) showing the processes of the mounter's pid
 * namespace: in a new pid namespace /proc/self is 1, only its own
 * processes are listed, and ns_last_pid is that namespace's. Mount
 * options: hidepid=noaccess/invisible (EPERM / ENOENT for another
 * user's processes, gid= exempts), subset=pid, unknown ones EINVAL;
 * mounting needs CAP_SYS_ADMIN over the pid namespace's owner.
 */
#include "cred.h"
#include "ns.h"
#include <dirent.h>

static char dir[64];

/* The numeric entries of a proc mount: how many, and the largest. */
static int count_pids(const char *path, long *max)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	*max = 0;
	while (d && (e = readdir(d))) {
		char *end;
		long v = strtol(e->d_name, &end, 10);

		if (*end || v <= 0)
			continue;
		n++;
		if (v > *max)
			*max = v;
	}
	if (d)
		closedir(d);
	return d ? n : -1;
}

static int read_link_num(const char *path)
{
	char buf[32];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n <= 0)
		return -1;
	buf[n] = 0;
	return atoi(buf);
}

/* As init of a new pid namespace (with a private mount namespace). */
static int pidns_init(void *arg)
{
	char self[96], p[96];
	struct stat a, b;
	long max;
	int n, fd;
	pid_t c;

	(void)arg;
	tap_failures = 0;
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return 10;
	expect_ok(mount("proc", dir, "proc", 0, NULL));
	snprintf(self, sizeof(self), "%s/self", dir);
	is(read_link_num(self), 1, "self is 1 in the new namespace's proc");
	ok(read_link_num("/proc/self") > 1, "and its global pid in the old");
	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	n = count_pids(dir, &max);
	is(n, 2, "it lists only the namespace's two processes");
	is(max, c, "the child under its pid there (%d)", (int)c);
	ok(count_pids("/proc", &max) > 2, "the old proc lists every process");
	ok(stat(dir, &a) == 0 && stat("/proc", &b) == 0 && a.st_dev != b.st_dev,
	   "a device of its own");
	snprintf(p, sizeof(p), "%s/sys/kernel/ns_last_pid", dir);
	fd = open(p, O_RDONLY);
	ok(fd >= 0, "ns_last_pid opens");
	n = read(fd, p, sizeof(p) - 1);
	p[n > 0 ? n : 0] = 0;
	is(atoi(p), c, "ns_last_pid is this namespace's last pid");
	close(fd);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	umount2(dir, MNT_DETACH);
	return tap_done();
}

static void test_pidns(void)
{
	static char stack[65536];
	int status;
	pid_t pid = clone(pidns_init, stack + sizeof(stack),
			  CLONE_NEWPID | CLONE_NEWNS | SIGCHLD, NULL);

	waitpid(pid, &status, 0);
	ok(pid > 0 && exited_with(status, 0), "case pid namespace");
}

/* The cases mount in a private mount namespace of their own. */
static int private_ns(void)
{
	return unshare(CLONE_NEWNS) ||
	       mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

/* Two mounts in one namespace: two instances. */
static int two_mounts_case(void)
{
	char d2[80];
	struct stat a, b;

	snprintf(d2, sizeof(d2), "%s/x", dir);
	if (private_ns())
		return 10;
	expect_ok(mount("proc", dir, "proc", 0, NULL));
	mkdir("/tmp/ns-procfs-2", 0755);
	expect_ok(mount("proc", "/tmp/ns-procfs-2", "proc", 0, NULL));
	ok(stat(dir, &a) == 0 && stat("/tmp/ns-procfs-2", &b) == 0 &&
	   a.st_dev != b.st_dev, "each proc mount has its own st_dev");
	expect_errno(mount("proc", "/tmp/ns-procfs-2", "proc", 0, "bogus=1"),
		     EINVAL);
	expect_errno(mount("proc", "/tmp/ns-procfs-2", "proc", 0,
			   "hidepid=9"), EINVAL);
	umount2("/tmp/ns-procfs-2", MNT_DETACH);
	rmdir("/tmp/ns-procfs-2");
	umount2(dir, MNT_DETACH);
	(void)d2;
	return tap_done();
}

/* hidepid and subset=pid, seen by an unprivileged user. */
static int options_case(void)
{
	char p[96];
	long max;

	if (private_ns())
		return 11;
	expect_ok(mount("proc", dir, "proc", 0, "hidepid=invisible"));
	mkdir("/tmp/ns-procfs-1", 0755);
	expect_ok(mount("proc", "/tmp/ns-procfs-1", "proc", 0,
			"hidepid=1,subset=pid"));
	if (become(65534, 65534))
		return 10;
	snprintf(p, sizeof(p), "%s/1/status", dir);
	expect_errno(open(p, O_RDONLY), ENOENT);
	snprintf(p, sizeof(p), "%s/1", dir);
	expect_errno(access(p, F_OK), ENOENT);
	is(count_pids(dir, &max), 1, "hidepid=invisible lists only our own");
	snprintf(p, sizeof(p), "%s/self/status", dir);
	ok(access(p, R_OK) == 0, "and our own files are readable");
	expect_errno(open("/tmp/ns-procfs-1/1/status", O_RDONLY), EPERM);
	expect_errno(access("/tmp/ns-procfs-1/1", F_OK), EPERM);
	ok(count_pids("/tmp/ns-procfs-1", &max) > 1,
	   "hidepid=noaccess still lists others");
	expect_errno(access("/tmp/ns-procfs-1/meminfo", F_OK), ENOENT);
	ok(access("/tmp/ns-procfs-1/self", F_OK) == 0,
	   "subset=pid keeps self");
	return tap_done();
}

/* A remount applies new options (bad ones: EINVAL). */
static int remount_case(void)
{
	char p[96];

	if (private_ns())
		return 11;
	expect_ok(mount("proc", dir, "proc", 0, "gid=4321"));
	expect_ok(mount("none", dir, NULL, MS_REMOUNT, "hidepid=invisible"));
	expect_errno(mount("none", dir, NULL, MS_REMOUNT, "hidepid=7"),
		     EINVAL);
	if (syscall(SYS_setgroups, 0, NULL) ||
	    syscall(SYS_setresgid, 65534, 65534, 65534) ||
	    syscall(SYS_setresuid, 65534, 65534, 65534))
		return 10;
	snprintf(p, sizeof(p), "%s/1", dir);
	expect_errno(access(p, F_OK), ENOENT);
	return tap_done();
}

/* gid= exempts its members. */
static int gid_case(void)
{
	char p[96];

	if (private_ns())
		return 11;
	expect_ok(mount("proc", dir, "proc", 0, "hidepid=2,gid=4321"));
	if (syscall(SYS_setgroups, 1, (gid_t[]){ 4321 }) ||
	    syscall(SYS_setresgid, 65534, 65534, 65534) ||
	    syscall(SYS_setresuid, 65534, 65534, 65534))
		return 10;
	snprintf(p, sizeof(p), "%s/1/status", dir);
	ok(access(p, F_OK) == 0, "a member of gid= sees other processes");
	return tap_done();
}

/* Mounting needs CAP_SYS_ADMIN over the pid namespace's owner. */
static int userns_case(void)
{
	pid_t c;
	int status;

	if (become(65534, 65534) || unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return 10;
	expect_errno(mount("proc", dir, "proc", 0, NULL), EPERM);
	if (unshare(CLONE_NEWPID))
		return 11;
	c = fork();
	if (c == 0) {
		tap_failures = 0;
		expect_ok(mount("proc", dir, "proc", 0, NULL));
		_exit(tap_done());
	}
	waitpid(c, &status, 0);
	ok(exited_with(status, 0),
	   "in a pid namespace of its own user namespace it may");
	return tap_done();
}

int main(void)
{
	scratch(dir, sizeof(dir), "ns-procfs");
	mkdir(dir, 0755);
	test_pidns();
	ok(exited_with(run_child(two_mounts_case), 0), "case two_mounts");
	ok(exited_with(run_child(options_case), 0), "case options");
	ok(exited_with(run_child(gid_case), 0), "case gid");
	ok(exited_with(run_child(remount_case), 0), "case remount");
	ok(exited_with(run_child(userns_case), 0), "case userns");
	rmdir("/tmp/ns-procfs-1");
	rmdir(dir);
	return tap_done();
}
