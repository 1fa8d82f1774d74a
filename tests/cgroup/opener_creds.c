/*
 * tests/cgroup/opener_creds.c: a migration through cgroup.procs is
 * judged with the credentials the file was opened with, as Linux 6.1
 * (cgroup_procs_write_permission under the opener's creds): a file
 * root opened still moves a process after its writer dropped to
 * nobody, and a file nobody opened moves nothing for root (EACCES),
 * even though root could have opened it itself.
 */
#include "tap.h"
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MNT "/tmp/cgroup2-opener"
#define CG MNT "/o"
#define DEL CG "/d"
#define NOBODY 65534

static int drop(void)
{
	return setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	       setresuid(NOBODY, NOBODY, NOBODY) ? -1 : 0;
}

static const char *my_cgroup(void)
{
	static char buf[256];
	int fd = open("/proc/self/cgroup", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* Root opened fd; the child drops to nobody and moves itself with it. */
static void test_root_opened(void)
{
	int fd = open(DEL "/cgroup.procs", O_WRONLY), status = 0;
	pid_t c;

	if (!ok(fd >= 0, "root opens the delegated cgroup.procs"))
		return;
	c = fork();
	if (c == 0) {
		if (drop())
			_exit(10);
		/* Its own open would not do: the common ancestor (the root
		 * cgroup) is not nobody's to write. */
		if (write(fd, "0", 1) != 1)
			_exit(11);
		_exit(strcmp(my_cgroup(), "0::/o/d\n") ? 12 : 0);
	}
	ok(waitpid(c, &status, 0) == c && exited_with(status, 0),
	   "nobody writing through root's file moved itself (exit %d)",
	   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(fd);
}

/* Receive one fd over sock, or -1. */
static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { &c, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &mh, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&mh);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	return fd;
}

/* Child: as nobody, open the delegated cgroup.procs and send it. */
static void send_opened(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c = 'f';
	struct iovec iov = { &c, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	int fd;

	if (drop())
		_exit(10);
	fd = open(DEL "/cgroup.procs", O_WRONLY);
	if (fd < 0)
		_exit(11);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	_exit(sendmsg(sock, &mh, 0) == 1 ? 0 : 12);
}

static void test_nobody_opened(void)
{
	int sv[2], fd, status = 0;
	char pid[32];
	pid_t c, sleeper;

	if (!ok(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "a socket pair"))
		return;
	c = fork();
	if (c == 0)
		send_opened(sv[1]);
	fd = recv_fd(sv[0]);
	ok(waitpid(c, &status, 0) == c && exited_with(status, 0) && fd >= 0,
	   "nobody opened the delegated cgroup.procs and sent it");
	sleeper = fork();
	if (sleeper == 0) {
		for (;;)
			pause();
	}
	snprintf(pid, sizeof(pid), "%d\n", (int)sleeper);
	expect_errno(write(fd, pid, strlen(pid)), EACCES);
	snprintf(pid, sizeof(pid), "/proc/%d/cgroup", (int)sleeper);
	{
		char buf[64] = "";
		int cfd = open(pid, O_RDONLY);

		if (cfd >= 0 && read(cfd, buf, sizeof(buf) - 1) < 0)
			buf[0] = 0;
		close(cfd);
		is_str(buf, "0::/\n", "root's write through nobody's file "
		       "moved nothing");
	}
	kill(sleeper, SIGKILL);
	waitpid(sleeper, NULL, 0);
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	mkdir(MNT, 0755);
	if (mount("none", MNT, "cgroup2", 0, NULL)) {
		ok(0, "mount cgroup2: %s", strerror(errno));
		return tap_done();
	}
	if (strcmp(my_cgroup(), "0::/\n")) {
		ok(1, "not in the root cgroup # SKIP");
		umount(MNT);
		return tap_done();
	}
	rmdir(DEL);
	rmdir(CG);
	if (!ok(mkdir(CG, 0755) == 0 && mkdir(DEL, 0755) == 0 &&
		chown(DEL, NOBODY, NOBODY) == 0 &&
		chown(DEL "/cgroup.procs", NOBODY, NOBODY) == 0,
		"a cgroup delegated to nobody"))
		return tap_done();
	test_root_opened();
	test_nobody_opened();
	expect_ok(rmdir(DEL));
	expect_ok(rmdir(CG));
	expect_ok(umount(MNT));
	rmdir(MNT);
	return tap_done();
}
