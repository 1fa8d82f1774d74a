/*
 * tests/lib/ns.h: helpers for the namespace tests (tests/ns): the
 * /proc/<pid>/ns links and their inode numbers, the NS_GET_* ioctls,
 * and "holders": children that make namespaces and wait, so that a
 * test can open, join or compare them.
 */
#ifndef NS_H
#define NS_H

#include "tap.h"
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

#define NSIO 0xb7
#define NS_GET_USERNS _IO(NSIO, 0x1)
#define NS_GET_PARENT _IO(NSIO, 0x2)
#define NS_GET_NSTYPE _IO(NSIO, 0x3)
#define NS_GET_OWNER_UID _IO(NSIO, 0x4)

/* Every kind with its link name and flag, in /proc/<pid>/ns order. */
struct ns_kind {
	const char *name;
	int flag;
};

static const struct ns_kind ns_kinds[] = {
	{ "net", CLONE_NEWNET },
	{ "uts", CLONE_NEWUTS },
	{ "ipc", CLONE_NEWIPC },
	{ "pid", CLONE_NEWPID },
	{ "pid_for_children", CLONE_NEWPID },
	{ "user", CLONE_NEWUSER },
	{ "mnt", CLONE_NEWNS },
	{ "cgroup", CLONE_NEWCGROUP },
	{ "time", CLONE_NEWTIME },
	{ "time_for_children", CLONE_NEWTIME },
};
#define NR_NS_KINDS (int)(sizeof(ns_kinds) / sizeof(ns_kinds[0]))

/* "/proc/<pid>/ns/<kind>" in buf (pid 0: self). */
static inline const char *ns_path(char *buf, size_t size, pid_t pid,
				  const char *kind)
{
	if (pid)
		snprintf(buf, size, "/proc/%d/ns/%s", (int)pid, kind);
	else
		snprintf(buf, size, "/proc/self/ns/%s", kind);
	return buf;
}

/* The namespace inode number of pid's kind (stat through the link),
 * or 0. */
static inline unsigned long ns_ino(pid_t pid, const char *kind)
{
	char p[64];
	struct stat st;

	return stat(ns_path(p, sizeof(p), pid, kind), &st) ? 0 : st.st_ino;
}

/* The inode number of the namespace an nsfs fd stands for, or 0. */
static inline unsigned long fd_ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_ino;
}

/* Open pid's kind read-only (-1 on error, errno set). */
static inline int ns_open(pid_t pid, const char *kind)
{
	char p[64];

	return open(ns_path(p, sizeof(p), pid, kind), O_RDONLY | O_CLOEXEC);
}

/*
 * holder(setup): a child that runs setup() (0 to go on) and then waits
 * for SIGKILL, so that its namespaces stay alive and visible in
 * /proc/<pid>/ns. Returns its pid once setup() is done, or -1.
 */
static inline pid_t holder(int (*setup)(void))
{
	int p[2];
	char c = 1;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		c = setup() ? 1 : 0;
		write(p[1], &c, 1);
		if (c)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &c, 1) != 1 || c) {
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		pid = -1;
	}
	close(p[0]);
	return pid;
}

/* End a holder. */
static inline void release_holder(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* Write s to path; 0 or -1 with errno. */
static inline int ns_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* Be root in a new user namespace as uid/gid 65534 outside (after
 * becoming that user). 0 or -1. */
static inline int map_self_root(uid_t outer_uid, gid_t outer_gid)
{
	char m[64];

	snprintf(m, sizeof(m), "0 %d 1", (int)outer_uid);
	if (ns_write_file("/proc/self/uid_map", m))
		return -1;
	if (ns_write_file("/proc/self/setgroups", "deny"))
		return -1;
	snprintf(m, sizeof(m), "0 %d 1", (int)outer_gid);
	return ns_write_file("/proc/self/gid_map", m);
}

#endif
