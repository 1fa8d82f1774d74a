/*
 * clone3(CLONE_INTO_CGROUP): the child starts in the cgroup a directory
 * fd names; a bad fd, a non-cgroup directory, a removed cgroup and a
 * caller without write access to the target's cgroup.procs are refused
 * as on Linux (a removed one: ENOENT, as its directory is no longer
 * online).
 */
#include "tap.h"
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

#define MNT "/tmp/cgroup2-into"
#define CG MNT "/into"

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

static const char *self_cgroup(void)
{
	static char buf[256];
	int fd = open("/proc/self/cgroup", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = 0;
	if (fd >= 0)
		close(fd);
	return buf;
}

/* clone3 into fd (size bytes of args); the child exits 0 if it starts
 * in "0::/into". Returns the wait status, or -1 with errno. */
static int clone_into(int fd, size_t size)
{
	struct clone_args_ a = { .flags = CLONE_INTO_CGROUP,
				 .exit_signal = SIGCHLD, .cgroup = fd };
	long pid = syscall(SYS_clone3, &a, size);
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(strcmp(self_cgroup(), "0::/into\n") ? 1 : 0);
	waitpid(pid, &st, 0);
	return st;
}

static int fd_global;

static int unpriv(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	if (clone_into(fd_global, sizeof(struct clone_args_)) != -1)
		return 1;
	return errno == EACCES ? 0 : 2;
}

int main(void)
{
	int fd, tmpfd, st;

	mkdir(MNT, 0755);
	if (mount("none", MNT, "cgroup2", 0, NULL)) {
		ok(0, "mount cgroup2: %s", strerror(errno));
		return tap_done();
	}
	if (strcmp(self_cgroup(), "0::/\n")) {
		ok(1, "not in the root cgroup # SKIP");
		umount(MNT);
		return tap_done();
	}
	rmdir(CG);
	expect_ok(mkdir(CG, 0755));
	fd = expect_ok(open(CG, O_RDONLY | O_DIRECTORY));
	st = clone_into(fd, sizeof(struct clone_args_));
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "the child starts in the target cgroup");
	is_str(self_cgroup(), "0::/\n", "the parent stays where it was");
	expect_errno(clone_into(fd, 64), EINVAL);	/* VER0: no cgroup field */
	expect_errno(clone_into(-1, sizeof(struct clone_args_)), EINVAL);
	expect_errno(clone_into(1000, sizeof(struct clone_args_)), EBADF);
	tmpfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	expect_errno(clone_into(tmpfd, sizeof(struct clone_args_)), EBADF);
	close(tmpfd);
	fd_global = fd;
	st = run_child(unpriv);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "without write access to its cgroup.procs: EACCES (exit %d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	expect_ok(rmdir(CG));
	expect_errno(clone_into(fd, sizeof(struct clone_args_)), ENOENT);
	close(fd);
	expect_ok(umount(MNT));
	rmdir(MNT);
	return tap_done();
}
