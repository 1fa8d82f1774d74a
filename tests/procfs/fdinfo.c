/*
 * tests/procfs/fdinfo.c: /proc/<pid>/fdinfo/<fd>: pos, flags (with
 * O_CLOEXEC), mnt_id (the mount's in mountinfo) and ino (fstat's) for a
 * file, then the lines each kind of file adds: eventfd's count, epoll's
 * watched fds, signalfd's mask, timerfd's clock and setting, inotify's
 * watches, pidfd's pid; fdinfo/ lists the open fds; another user's
 * fdinfo is not for us (EACCES).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include "tap.h"
#include "proc.h"

static int fdinfo(int fd, char *buf, size_t size)
{
	return slurpf(buf, size, "/proc/self/fdinfo/%d", fd) > 0;
}

/* The mount id of the mount at mountpoint, from mountinfo. */
static int mnt_id_of(const char *mountpoint)
{
	static char buf[8192];
	char *line;

	slurp("/proc/self/mountinfo", buf, sizeof(buf));
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		int id, parent;
		char root[256], point[256];

		if (sscanf(line, "%d %d %*s %255s %255s", &id, &parent, root,
			   point) == 4 && !strcmp(point, mountpoint))
			return id;
	}
	return -1;
}

static void test_file(void)
{
	char path[64], buf[1024];
	struct stat st;
	int fd = open(scratch(path, sizeof(path), "fdinfo"),
		      O_CREAT | O_RDWR | O_APPEND | O_CLOEXEC, 0600);

	write(fd, "0123456789", 10);
	lseek(fd, 4, SEEK_SET);
	fstat(fd, &st);
	ok(fdinfo(fd, buf, sizeof(buf)), "fdinfo of a file reads");
	is(status_num(buf, "pos"), 4, "pos: the file position");
	ok(status_num(buf, "flags") == (fcntl(fd, F_GETFL) | O_CLOEXEC),
	   "flags: F_GETFL's and O_CLOEXEC (%llo)", status_num(buf, "flags"));
	ok(strstr(buf, "flags:\t0") != NULL, "flags in octal with a 0");
	is(status_num(buf, "mnt_id"), mnt_id_of("/tmp"),
	   "mnt_id: the mount's id in mountinfo");
	is(status_num(buf, "ino"), st.st_ino, "ino: the inode number");
	fcntl(fd, F_SETFD, 0);
	fdinfo(fd, buf, sizeof(buf));
	ok(!(status_num(buf, "flags") & O_CLOEXEC), "no O_CLOEXEC once cleared");
	close(fd);
	unlink(path);
}

static void test_kinds(void)
{
	char buf[2048], val[128];
	int efd = eventfd(5, 0), ep = epoll_create1(0), tfd, ifd, sfd, pfd;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1234 };
	struct itimerspec its = { { 1, 0 }, { 100, 0 } };
	sigset_t set;

	fdinfo(efd, buf, sizeof(buf));
	is_str(status_value(buf, "eventfd-count", val, sizeof(val)) ? "" : "x",
	       "x", "eventfd-count is not a tab-separated key");
	ok(strstr(buf, "eventfd-count:                5\n") != NULL,
	   "eventfd-count: %%16llx of the counter");
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
	fdinfo(ep, buf, sizeof(buf));
	snprintf(val, sizeof(val), "tfd: %8d events: %8x data: %16llx  pos:0 ",
		 efd, EPOLLIN | EPOLLERR | EPOLLHUP, 0x1234ULL);
	ok(strstr(buf, val) != NULL,
	   "epoll: a tfd line per watched fd (ERR and HUP always watched)");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sfd = signalfd(-1, &set, 0);
	fdinfo(sfd, buf, sizeof(buf));
	is_str(status_value(buf, "sigmask", val, sizeof(val)), "0000000000000200",
	       "signalfd: sigmask is the accepted set");
	tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	timerfd_settime(tfd, 0, &its, NULL);
	fdinfo(tfd, buf, sizeof(buf));
	ok(strstr(buf, "clockid: 1\nticks: 0\nsettime flags: 00\nit_value: (")
	   != NULL, "timerfd: clockid, ticks, settime flags, it_value");
	ok(strstr(buf, "it_interval: (1, 0)\n") != NULL, "timerfd: it_interval");
	ifd = inotify_init1(0);
	inotify_add_watch(ifd, "/tmp", IN_CREATE);
	fdinfo(ifd, buf, sizeof(buf));
	ok(strstr(buf, "inotify wd:1 ino:") != NULL &&
	   strstr(buf, " mask:100 ignored_mask:0 ") != NULL,
	   "inotify: a line per watch");
	pfd = syscall(SYS_pidfd_open, getpid(), 0);
	fdinfo(pfd, buf, sizeof(buf));
	is(status_num(buf, "Pid"), getpid(), "pidfd: Pid");
	is(status_num(buf, "NSpid"), getpid(), "pidfd: NSpid");
	close(efd); close(ep); close(sfd); close(tfd); close(ifd); close(pfd);
}

static void test_dir(void)
{
	DIR *d = opendir("/proc/self/fdinfo");
	struct dirent *e;
	int n = 0, fd = dup(1), seen = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			n++;
			seen |= atoi(e->d_name) == fd;
		}
	ok(d && n >= 4 && seen, "fdinfo/ lists the open fds (%d)", n);
	if (d)
		closedir(d);
	close(fd);
	expect_errno(open("/proc/self/fdinfo/9999", O_RDONLY), ENOENT);
}

static int unprivileged(void)
{
	char path[64];

	tap_failures = 0;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 99;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/0", getppid());
	expect_errno(open(path, O_RDONLY), EACCES);
	snprintf(path, sizeof(path), "/proc/%d/fdinfo", getppid());
	expect_errno(open(path, O_RDONLY | O_DIRECTORY), EACCES);
	return tap_failures;
}

int main(void)
{
	test_file();
	test_kinds();
	test_dir();
	is(run_child(unprivileged), 0, "unprivileged checks (child)");
	return tap_done();
}
