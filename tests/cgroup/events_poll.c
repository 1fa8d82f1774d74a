/*
 * tests/cgroup/events_poll.c: cgroup.events tells pollers when
 * "populated" changes, as Linux 6.1 (kernfs_notify): poll() for POLLPRI
 * sleeps while nothing changed, then says POLLPRI | POLLERR until the
 * file is read again from the start; the change travels to the
 * ancestors' files too.
 */
#include "tap.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MNT "/tmp/cgroup2-events"
#define CG MNT "/e"
#define SUB CG "/sub"

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), e;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	e = errno;
	close(fd);
	errno = e;
	return n < 0 ? -1 : 0;
}

/* The text of the open file fd, read from the start. */
static const char *reread(int fd)
{
	static char buf[128];
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* poll fd for POLLPRI: the revents, 0 on timeout. */
static int prio(int fd, int ms)
{
	struct pollfd p = { fd, POLLPRI, 0 };

	return poll(&p, 1, ms) == 1 ? p.revents : 0;
}

/* A child that joins dir and waits until its pipe closes. */
static pid_t member(const char *dir, int *wfd)
{
	char path[128], pid[32], c;
	int p[2];
	pid_t k;

	if (pipe(p))
		return -1;
	k = fork();
	if (k == 0) {
		close(p[1]);
		snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
		snprintf(pid, sizeof(pid), "%d\n", getpid());
		if (write_file(path, pid))
			_exit(1);
		_exit(read(p[0], &c, 1) < 0 ? 2 : 0);
	}
	close(p[0]);
	*wfd = p[1];
	return k;
}

static void test_poll(void)
{
	int fd = open(CG "/cgroup.events", O_RDONLY);
	int sfd = open(SUB "/cgroup.events", O_RDONLY), w = -1, status;
	pid_t k;

	if (!ok(fd >= 0 && sfd >= 0, "cgroup.events of a cgroup and a child"))
		return;
	is_str(reread(fd), "populated 0\nfrozen 0\n", "empty");
	is(prio(fd, 0), 0, "no change: no POLLPRI");
	k = member(SUB, &w);
	is(prio(sfd, 10000), POLLPRI | POLLERR,
	   "a task joins the child: its file says POLLPRI | POLLERR");
	is(prio(fd, 10000), POLLPRI | POLLERR, "and so does the parent's");
	is(prio(fd, 0), POLLPRI | POLLERR, "until the file is read again");
	is_str(reread(fd), "populated 1\nfrozen 0\n", "populated 1");
	is(prio(fd, 0), 0, "read: quiet again");
	reread(sfd);
	close(w);		/* the member exits */
	is(prio(sfd, 10000), POLLPRI | POLLERR, "the task leaves: POLLPRI");
	is_str(reread(sfd), "populated 0\nfrozen 0\n", "populated 0");
	ok(waitpid(k, &status, 0) == k && exited_with(status, 0),
	   "the member joined and left");
	is(prio(fd, 10000), POLLPRI | POLLERR, "the parent heard it too");
	is_str(reread(fd), "populated 0\nfrozen 0\n", "the parent is empty");
	close(sfd);
	close(fd);
}

int main(void)
{
	char base[256] = "";
	int fd;

	mkdir(MNT, 0755);
	if (mount("none", MNT, "cgroup2", 0, NULL)) {
		ok(0, "mount cgroup2: %s", strerror(errno));
		return tap_done();
	}
	fd = open("/proc/self/cgroup", O_RDONLY);
	if (fd >= 0 && read(fd, base, sizeof(base) - 1) < 0)
		base[0] = 0;
	close(fd);
	if (strcmp(base, "0::/\n")) {
		ok(1, "not in the root cgroup # SKIP");
		umount(MNT);
		return tap_done();
	}
	rmdir(SUB);
	rmdir(CG);
	if (!ok(mkdir(CG, 0755) == 0 && mkdir(SUB, 0755) == 0,
		"a cgroup and a child cgroup"))
		return tap_done();
	test_poll();
	expect_ok(rmdir(SUB));
	expect_ok(rmdir(CG));
	expect_ok(umount(MNT));
	rmdir(MNT);
	return tap_done();
}
