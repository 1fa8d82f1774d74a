/*
 * tests/userns/caps.c: capabilities are held in a user namespace. Its
 * root may make PID and UTS namespaces (owned by it) and act on them,
 * but not on what the parent namespace owns (the host name, device
 * nodes, other users' processes). Nesting, the depth limit,
 * max_user_namespaces, and the cases Linux refuses: a thread, a
 * chroot'ed caller.
 */
#include "cred.h"
#include <pthread.h>
#include <sched.h>
#include <sys/sysmacros.h>

#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

static void map_self(uid_t outer_uid, gid_t outer_gid)
{
	char s[64];

	snprintf(s, sizeof(s), "0 %u 1", outer_uid);
	write_file("/proc/self/uid_map", s);
	write_file("/proc/self/setgroups", "deny");
	snprintf(s, sizeof(s), "0 %u 1", outer_gid);
	write_file("/proc/self/gid_map", s);
}

static int namespaces(void)
{
	char path[64];
	int st;
	pid_t pid;

	become(1000, 1000);
	expect_errno(unshare(CLONE_NEWPID), EPERM);
	expect_errno(unshare(CLONE_NEWUTS), EPERM);
	expect_ok(unshare(CLONE_NEWUSER));
	map_self(1000, 1000);
	expect_errno(sethostname("x", 1), EPERM);	/* the host's UTS ns */
	is(unshare(CLONE_NEWUTS), 0, "then CLONE_NEWUTS is allowed");
	is(sethostname("inside", 6), 0, "... and its host name ours to set");
	is(unshare(CLONE_NEWPID), 0, "CLONE_NEWPID too (unshare -Urp)");
	pid = fork();
	if (pid == 0)
		_exit(getpid() == 1 ? 0 : 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the next child is pid 1 of the new namespace");
	scratch(path, sizeof(path), "userns-dev");
	expect_errno(mknod(path, S_IFCHR | 0600, makedev(1, 3)), EPERM);
	is(chroot("/"), 0, "chroot: CAP_SYS_CHROOT in our own namespace");
	expect_errno(syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0),
		     EPERM);
	return tap_done();
}

static int ready[2], go[2];

/* A process of the initial namespace owned by uid, waiting. */
static pid_t spawn(uid_t uid)
{
	pid_t pid;
	char c;

	pipe(ready);
	pipe(go);
	pid = fork();
	if (pid == 0) {
		become(uid, uid);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	return pid;
}

static int signals(void)
{
	pid_t other = spawn(1001), same;
	int st, p[2];
	char c;

	pipe(p);
	same = fork();
	if (same == 0) {
		become(1000, 1000);
		write(p[1], "r", 1);
		pause();
		_exit(0);
	}
	read(p[0], &c, 1);
	become(1000, 1000);
	unshare(CLONE_NEWUSER);
	map_self(1000, 1000);
	is(status_cap("/proc/self/status", "CapEff"), CAP_ALL,
	   "root in the namespace (CAP_KILL there)");
	expect_errno(kill(other, SIGTERM), EPERM);
	is(kill(same, SIGTERM), 0, "a process of our own uid may be killed");
	waitpid(same, &st, 0);
	write(go[1], "g", 1);
	waitpid(other, NULL, 0);
	return tap_done();
}

/* How deep can user namespaces nest? (Each level maps its creator,
 * which must be mapped to make the next.) */
static int depth(void)
{
	int n = 0;

	become(1000, 1000);
	while (n < 100 && unshare(CLONE_NEWUSER) == 0) {
		map_self(n ? 0 : 1000, n ? 0 : 1000);
		n++;
	}
	is(errno, ENOSPC, "past the limit: ENOSPC");
	is(n, 33, "33 nested user namespaces below the initial one");
	return tap_done();
}

static int limit(void)
{
	char v[32];

	read_file("/proc/sys/user/max_user_namespaces", v, sizeof(v));
	ok(atoi(v) > 100, "max_user_namespaces is set from memory (%s)", v);
	become(1000, 1000);
	is(write_file("/proc/sys/user/max_user_namespaces", "5"), -1,
	   "an unprivileged user may not change it");
	unshare(CLONE_NEWUSER);
	read_file("/proc/sys/user/max_user_namespaces", v, sizeof(v));
	is(atoi(v), 2147483647, "a new namespace's own limit is INT_MAX");
	map_self(1000, 1000);
	is(write_file("/proc/sys/user/max_user_namespaces", "1"), 1,
	   "its root sets its own limit");
	is(unshare(CLONE_NEWUSER), 0, "one user namespace below it");
	map_self(0, 0);
	expect_errno(unshare(CLONE_NEWUSER), ENOSPC);
	return tap_done();
}

static void *sleeper(void *arg)
{
	(void)arg;
	pause();
	return NULL;
}

static int refused(void)
{
	pthread_t th;

	pthread_create(&th, NULL, sleeper, NULL);
	expect_errno(unshare(CLONE_NEWUSER), EINVAL);	/* threaded */
	return tap_done();
}

static int chrooted(void)
{
	expect_ok(chroot("/tmp"));
	become(1000, 1000);
	expect_errno(unshare(CLONE_NEWUSER), EPERM);
	return tap_done();
}

int main(void)
{
	proc_sane();
	run_case(namespaces, "namespaces owned by a user namespace");
	run_case(signals, "signals out of a user namespace");
	run_case(depth, "nesting depth");
	run_case(limit, "max_user_namespaces");
	run_case(refused, "a threaded process");
	run_case(chrooted, "a chroot'ed process");
	return tap_done();
}
