/*
 * tests/cgroup/kill.c: cgroup.kill as Linux 6.1 has it: a write-only
 * file (0200; not in the root) where "1" SIGKILLs every process in the
 * cgroup and its descendants, and no one outside; other numbers are
 * ERANGE, other text EINVAL; a cgroup left empty says "populated 0";
 * without write permission the file does not open (EACCES). (Root's
 * O_RDONLY open is left out: Linux opens it and read() says EINVAL;
 * tine's kernfs refuses at open, as Linux's sysfs does.)
 */
#include "tap.h"
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MNT "/tmp/cgroup2-kill"
#define CG MNT "/k"
#define SUB CG "/sub"

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

/* A child in cgroup dir (moved there by itself) that sleeps until
 * killed; ready is written once it is in place. */
static pid_t child_in(const char *dir, int ready)
{
	char path[128], pid[32];
	pid_t c = fork();

	if (c == 0) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
		snprintf(pid, sizeof(pid), "%d\n", getpid());
		if (write_file(path, pid))
			_exit(1);
		if (write(ready, "x", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	return c;
}

/* The child that forks a grandchild in the same cgroup, then sleeps. */
static pid_t forking_child(const char *dir, int ready)
{
	char path[128], pid[32];
	pid_t c = fork();

	if (c == 0) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
		snprintf(pid, sizeof(pid), "%d\n", getpid());
		if (write_file(path, pid))
			_exit(1);
		if (fork() == 0) {
			if (write(ready, "y", 1) != 1)
				_exit(2);
			for (;;)
				pause();
		}
		if (write(ready, "x", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	return c;
}

static int unpriv_child(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 1;
	expect_errno(open(CG "/cgroup.kill", O_WRONLY), EACCES);
	return tap_done();
}

static void test_kill(void)
{
	int p[2], status, killed = 0;
	char buf[64];
	struct stat st;
	pid_t a, b, outside;

	ok(stat(CG "/cgroup.kill", &st) == 0 && (st.st_mode & 0777) == 0200,
	   "cgroup.kill is there, mode 0200");
	expect_errno(stat(MNT "/cgroup.kill", &st), ENOENT);
	expect_errno(write_file(CG "/cgroup.kill", "2"), ERANGE);
	expect_errno(write_file(CG "/cgroup.kill", "0"), ERANGE);
	expect_errno(write_file(CG "/cgroup.kill", "x"), EINVAL);
	is(write_file(CG "/cgroup.kill", "1"), 0, "killing an empty cgroup");
	is(run_child(unpriv_child), 0, "unprivileged: no write access");

	if (pipe(p)) {
		ok(0, "pipe");
		return;
	}
	a = child_in(CG, p[1]);
	b = forking_child(SUB, p[1]);
	outside = child_in(MNT, p[1]);
	for (int i = 0; i < 4; i++)
		if (read(p[0], buf, 1) != 1)
			break;
	read_file(CG "/cgroup.events", buf, sizeof(buf));
	ok(strstr(buf, "populated 1") != NULL, "the cgroup is populated");
	is(write_file(CG "/cgroup.kill", "1"), 0, "write 1 to cgroup.kill");
	if (waitpid(a, &status, 0) == a && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGKILL)
		killed++;
	if (waitpid(b, &status, 0) == b && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGKILL)
		killed++;
	is(killed, 2, "the process in it and the one in a child cgroup died "
	   "of SIGKILL");
	is(waitpid(outside, &status, WNOHANG), 0, "the one outside lives");
	for (int i = 0; i < 500; i++) {	/* the grandchild, reparented */
		read_file(SUB "/cgroup.events", buf, sizeof(buf));
		if (strstr(buf, "populated 0"))
			break;
		usleep(10000);
	}
	ok(strstr(buf, "populated 0") != NULL,
	   "the grandchild too: the subtree is empty");
	read_file(CG "/cgroup.procs", buf, sizeof(buf));
	is_str(buf, "", "cgroup.procs lists nobody");
	kill(outside, SIGKILL);
	waitpid(outside, &status, 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	char base[256];

	mkdir(MNT, 0755);
	if (mount("none", MNT, "cgroup2", 0, NULL)) {
		ok(0, "mount cgroup2: %s", strerror(errno));
		return tap_done();
	}
	read_file("/proc/self/cgroup", base, sizeof(base));
	if (strcmp(base, "0::/\n")) {
		diag("/proc/self/cgroup: \"%s\"\n", base);
		ok(1, "not in the root cgroup # SKIP");
		umount(MNT);
		return tap_done();
	}
	rmdir(SUB);
	rmdir(CG);
	if (!ok(mkdir(CG, 0755) == 0 && mkdir(SUB, 0755) == 0,
		"a cgroup and a child cgroup"))
		return tap_done();
	test_kill();
	expect_ok(rmdir(SUB));
	expect_ok(rmdir(CG));
	expect_ok(umount(MNT));
	rmdir(MNT);
	return tap_done();
}
