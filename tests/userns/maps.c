/*
 * tests/userns/maps.c: an unprivileged user makes a user namespace
 * (unshare and clone), is 65534 there until uid_map is written, holds
 * every capability in it, and writes its maps under Linux's rules: once,
 * whole lines, only its own id without privilege, gid_map only after
 * "deny" in setgroups. Ids cross the boundary through the maps: getuid,
 * stat, and the files it creates.
 */
#include "cred.h"
#include <sched.h>

#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

/* write(2) s at offset off of path: 0 or -errno. */
static int write_at(const char *path, const char *s, off_t off)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	if (off && lseek(fd, off, SEEK_SET) != off) {
		close(fd);
		return -1000;
	}
	n = write(fd, s, strlen(s));
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : 0;
}

static int wr(const char *path, const char *s)
{
	return write_at(path, s, 0);
}

static int before_maps(void)
{
	char v[64];

	become(1000, 1000);
	is(unshare(CLONE_NEWUSER), 0, "uid 1000 makes a user namespace");
	is(getuid(), 65534, "unmapped: getuid is the overflow uid");
	is(getegid(), 65534, "unmapped: getegid is the overflow gid");
	is(status_cap("/proc/self/status", "CapEff"), CAP_ALL,
	   "every capability, in the new namespace");
	read_file("/proc/self/uid_map", v, sizeof(v));
	is_str(v, "", "uid_map is empty");
	read_file("/proc/self/setgroups", v, sizeof(v));
	is_str(v, "allow\n", "setgroups says allow");
	status_field("/proc/self/status", "Uid", v, sizeof(v));
	is_str(v, "65534\t65534\t65534\t65534", "status Uid seen from inside");
	expect_errno(setuid(0), EINVAL);
	return tap_done();
}

static int own_maps(void)
{
	char v[128];
	struct stat st;

	become(1000, 1000);
	unshare(CLONE_NEWUSER);
	is(wr("/proc/self/uid_map", "0 1001 1"), -EPERM,
	   "mapping another uid: EPERM");
	is(wr("/proc/self/uid_map", "0 1000 2"), -EPERM,
	   "mapping more than our uid: EPERM");
	is(wr("/proc/self/uid_map", "0 1000"), -EINVAL, "a short line: EINVAL");
	is(wr("/proc/self/uid_map", "x 1000 1"), -EINVAL, "junk: EINVAL");
	is(write_at("/proc/self/uid_map", "0 1000 1", 1), -EINVAL,
	   "not at offset 0: EINVAL");
	is(wr("/proc/self/uid_map", "0 1000 1\n"), 0, "our uid as 0");
	is(wr("/proc/self/uid_map", "0 1000 1"), -EPERM,
	   "a map is written once");
	is(getuid(), 0, "getuid is 0 now");
	read_file("/proc/self/uid_map", v, sizeof(v));
	is_str(v, "         0       1000          1\n",
	       "uid_map shows the parent's view");
	is(wr("/proc/self/gid_map", "0 1000 1"), -EPERM,
	   "gid_map before setgroups deny: EPERM");
	is(wr("/proc/self/setgroups", "deny"), 0, "setgroups: deny");
	is(wr("/proc/self/setgroups", "allow"), -EPERM, "... for good");
	is(wr("/proc/self/gid_map", "0 1000 1"), 0, "now gid_map");
	is(getgid(), 0, "getgid is 0");
	expect_errno(syscall(SYS_setgroups, 0, NULL), EPERM);
	is(sys_stat("/", &st), 0, "stat / ...");
	ok(st.st_uid == 65534 && st.st_gid == 65534,
	   "... an unmapped owner (real root) shows as 65534");
	is(setuid(0), 0, "setuid(0) to a mapped id");
	expect_errno(setuid(1), EINVAL);
	return tap_done();
}

static int file_owner(void)
{
	char path[64];
	struct stat st;
	int fd;
	pid_t pid;

	scratch(path, sizeof(path), "userns-file");
	pid = fork();
	if (pid == 0) {
		become(1000, 1000);
		unshare(CLONE_NEWUSER);
		wr("/proc/self/uid_map", "0 1000 1");
		wr("/proc/self/setgroups", "deny");
		wr("/proc/self/gid_map", "0 1000 1");
		fd = open(path, O_CREAT | O_WRONLY, 0600);
		close(fd);
		if (sys_stat(path, &st) || st.st_uid != 0 || st.st_gid != 0)
			_exit(1);
		_exit(fchown(open(path, O_RDONLY), 0, 0) ? 2 : 0);
	}
	is(wait_status(pid) >> 8, 0,
	   "inside, our file belongs to 0:0 and we may chown it to 0");
	is(sys_stat(path, &st), 0, "outside ...");
	ok(st.st_uid == 1000 && st.st_gid == 1000,
	   "... it belongs to 1000:1000");
	unlink(path);
	return tap_done();
}

static int child_fn(void *arg)
{
	(void)arg;
	return getuid() == 65534 && getpid() > 0 ? 0 : 1;
}

static int by_clone(void)
{
	static char stack[16384];
	int st;
	pid_t pid;

	become(1000, 1000);
	pid = clone(child_fn, stack + sizeof(stack), CLONE_NEWUSER | SIGCHLD,
		    NULL);
	ok(pid > 0, "clone(CLONE_NEWUSER) unprivileged");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "... the child is 65534 in its namespace");
	expect_errno(clone(child_fn, stack + sizeof(stack),
			   CLONE_NEWUSER | CLONE_FS | SIGCHLD, NULL), EINVAL);
	return tap_done();
}

/* A parent writes its child's maps (the child cannot map ids it does
 * not have; the parent, root, may map any). */
static int parent_writes(void)
{
	int in[2], out[2];
	char path[64], c;
	pid_t pid;

	pipe(in);
	pipe(out);
	pid = fork();
	if (pid == 0) {
		become(1000, 1000);
		unshare(CLONE_NEWUSER);
		write(out[1], "u", 1);
		read(in[0], &c, 1);
		_exit(getuid() == 10 && geteuid() == 10 ? 0 : 1);
	}
	read(out[0], &c, 1);
	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	is(wr(path, "0 2000 10\n10 1000 1"), 0,
	   "root writes a child's uid_map with two ranges");
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	is(wr(path, "0 3000 5"), 0,
	   "root writes its gid_map (setgroups still allowed)");
	snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
	is(wr(path, "deny"), -EPERM, "deny after gid_map: EPERM");
	write(in[1], "g", 1);
	ok(exited_with(wait_status(pid), 0),
	   "the child (1000 outside) is 10 inside");
	return tap_done();
}

/* Another unprivileged user may not write our maps. */
static int stranger(void)
{
	int in[2], out[2];
	char path[64], c;
	pid_t pid;

	pipe(in);
	pipe(out);
	pid = fork();
	if (pid == 0) {
		become(1000, 1000);
		unshare(CLONE_NEWUSER);
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		write(out[1], "u", 1);
		read(in[0], &c, 1);
		_exit(0);
	}
	read(out[0], &c, 1);
	become(1001, 1001);
	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	is(wr(path, "0 1001 1"), -EACCES, "another user's uid_map: EACCES");
	write(in[1], "g", 1);
	wait_status(pid);
	return tap_done();
}

int main(void)
{
	proc_sane();
	run_case(before_maps, "a new namespace before its maps");
	run_case(own_maps, "writing our own maps");
	run_case(file_owner, "file ownership through the map");
	run_case(by_clone, "clone(CLONE_NEWUSER)");
	run_case(parent_writes, "a parent writes the maps");
	run_case(stranger, "a stranger's maps");
	return tap_done();
}
