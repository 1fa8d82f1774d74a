/*
 * tests/pidns/clone.c: clone(CLONE_NEWPID): the child is pid 1 of a new
 * namespace with no parent there, its parent sees it under the number
 * clone returned, ids nest three levels deep, NSpid in /proc/<pid>/status
 * lists every level (proc is the initial namespace's), and the rules
 * Linux has for threads and CLONE_PARENT around namespace inits.
 */
#include "tap.h"
#include <sched.h>

/* fork()-like clone with extra flags: the child returns 0 on a copy of
 * our stack. */
static pid_t clone_fork(unsigned long flags)
{
	return syscall(SYS_clone, flags | SIGCHLD, 0, NULL, NULL, 0);
}

static int wait_status(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
		;
	return status;
}

/* The ids of the NSpid line of /proc/PID/status (pid 0: self); count. */
static int read_nspid(pid_t pid, int *ids, int max)
{
	char path[64], buf[4096], *p;
	int fd, n, count = 0;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "\nNSpid:");
	if (!p)
		return -1;
	p += strlen("\nNSpid:");
	while (*p && *p != '\n' && count < max) {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		ids[count++] = (int)v;
		p = end;
	}
	return count;
}

static int child_is_init(void)
{
	ok(getpid() == 1, "inside: getpid() is 1");
	ok(syscall(SYS_gettid) == 1, "inside: gettid() is 1");
	ok(getppid() == 0, "inside: getppid() of the namespace init is 0");
	return tap_failures;
}

static void test_init_ids(void)
{
	pid_t pid = clone_fork(CLONE_NEWPID);
	int status;

	if (pid == 0)
		_exit(child_is_init());
	ok(pid > 1, "clone(CLONE_NEWPID) returns the child's pid in our namespace");
	is(kill(pid, 0), 0, "the parent can signal the child by that pid");
	status = wait_status(pid);
	ok(exited_with(status, 0), "wait4 reaps the namespace init by that pid");
}

/* The init forks: its child is 2 with parent 1; wait4 and kill use the
 * namespace's numbers. */
static int init_forks(void)
{
	int p[2], status;
	pid_t pid;
	char c;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);
		_exit(getpid() == 2 && getppid() == 1 ? 0 : 1);
	}
	close(p[0]);
	is(pid, 2, "inside: the init's first child is pid 2");
	is(kill(2, 0), 0, "inside: kill(2, 0) finds it");
	write(p[1], "x", 1);
	status = wait_status(2);
	ok(exited_with(status, 0), "inside: the child saw getpid 2, getppid 1");
	expect_errno(kill(pid + 100, 0), ESRCH);
	return tap_failures;
}

static void test_init_forks(void)
{
	pid_t pid = clone_fork(CLONE_NEWPID);

	if (pid == 0)
		_exit(init_forks());
	ok(exited_with(wait_status(pid), 0), "the namespace init's checks passed");
}

/* NSpid of a level-1 init: its global pid, then 1. */
static void test_nspid(void)
{
	int p[2], ids[8] = { 0 }, n = -1;
	pid_t pid;

	pipe(p);
	pid = clone_fork(CLONE_NEWPID);
	if (pid == 0) {
		int mine[8], k = read_nspid(0, mine, 8);

		write(p[1], &k, sizeof(k));
		write(p[1], mine, sizeof(mine));
		_exit(0);
	}
	read(p[0], &n, sizeof(n));
	read(p[0], ids, sizeof(ids));
	wait_status(pid);
	is(n, 2, "NSpid of a level-1 process has two ids");
	is(ids[0], pid, "its first id is the pid clone returned");
	is(ids[1], 1, "its last id is 1");
	n = read_nspid(0, ids, 8);
	is(n, 1, "NSpid of the initial namespace's process has one id");
	is(ids[0], getpid(), "and it is getpid()");
	close(p[0]);
	close(p[1]);
}

/* Three nested namespaces: A (level 1) makes B (2), B makes C (3). C
 * reports its NSpid through the pipe; every init checks its clone
 * return value. */
static int nest(int depth, int wfd)
{
	pid_t pid;
	int status;

	if (getpid() != 1 || getppid() != 0)
		return 10 + depth;
	if (depth == 3) {
		int ids[8] = { 0 }, n = read_nspid(0, ids, 8);

		write(wfd, &n, sizeof(n));
		write(wfd, ids, sizeof(ids));
		return 0;
	}
	pid = clone_fork(CLONE_NEWPID);
	if (pid == 0)
		_exit(nest(depth + 1, wfd));
	status = wait_status(pid);
	if (pid != 2)
		return 20 + depth;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 30 + depth;
}

static void test_nested(void)
{
	int p[2], ids[8] = { 0 }, n = -1, status;
	pid_t pid;

	pipe(p);
	pid = clone_fork(CLONE_NEWPID);
	if (pid == 0)
		_exit(nest(1, p[1]));
	status = wait_status(pid);
	ok(exited_with(status, 0), "three nested namespaces: each init is 1, "
	   "its child 2 (status %#x)", status);
	read(p[0], &n, sizeof(n));
	read(p[0], ids, sizeof(ids));
	is(n, 4, "NSpid at level 3 has four ids");
	ok(ids[0] > 1 && ids[0] != pid, "level 0: a global pid of its own");
	is(ids[1], 3, "level 1: 3 (A is 1, B is 2)");
	is(ids[2], 2, "level 2: 2 (B is 1)");
	is(ids[3], 1, "level 3: 1");
	close(p[0]);
	close(p[1]);
}

/* CLONE_PARENT from a namespace init; a thread into another namespace. */
static int init_rules(void)
{
	static char stack[16384];

	expect_errno(clone_fork(CLONE_PARENT), EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM |
			     CLONE_NEWPID, stack + sizeof(stack), NULL, NULL, 0),
		     EINVAL);
	return tap_failures;
}

static void test_rules(void)
{
	pid_t pid = clone_fork(CLONE_NEWPID);

	if (pid == 0)
		_exit(init_rules());
	ok(exited_with(wait_status(pid), 0), "namespace init's flag checks passed");
}

int main(void)
{
	test_init_ids();
	test_init_forks();
	test_nspid();
	test_nested();
	test_rules();
	return tap_done();
}
