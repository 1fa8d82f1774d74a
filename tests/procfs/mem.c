/*
 * tests/procfs/mem.c: /proc/<pid>/mem: reading and writing one's own
 * memory and a child's (offsets are addresses), writing through a
 * read-only mapping (as a debugger), EIO at an unmapped address, an
 * open mem of an exited process reads nothing, and who may open it:
 * EACCES for a process that may not ptrace (ATTACH) the target.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/prctl.h>
#include "tap.h"
#include "proc.h"

static char secret[64] = "the child's secret";

static void test_self(void)
{
	int fd = open("/proc/self/mem", O_RDWR);
	char buf[64] = "";
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);

	ok(fd >= 0, "/proc/self/mem opens read-write");
	is(pread(fd, buf, 19, (off_t)(unsigned long)secret), 19,
	   "pread at an address reads that memory");
	is_str(buf, "the child's secret", "and reads what is there");
	is(pwrite(fd, "THE", 3, (off_t)(unsigned long)secret), 3,
	   "pwrite writes into it");
	ok(!strncmp(secret, "THE child", 9), "the write is seen");
	is(pwrite(fd, "forced", 6, (off_t)(unsigned long)ro), 6,
	   "a read-only mapping can be written through mem");
	ok(!memcmp(ro, "forced", 6), "and holds what was written");
	expect_errno(pread(fd, buf, 8, 0x1000), EIO);
	is(lseek(fd, (off_t)(unsigned long)secret, SEEK_SET),
	   (off_t)(unsigned long)secret, "lseek takes an address");
	is(read(fd, buf, 3), 3, "read goes on from there");
	expect_errno(lseek(fd, 0, SEEK_END), EINVAL);
	close(fd);
	memcpy(secret, "the", 3);
}

static void test_child(void)
{
	int p[2], fd;
	char path[64], buf[64] = "";
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		read(p[0], &c, 1);	/* wait for the parent's edits */
		_exit(!strncmp(secret, "edited", 6) ? 0 : 1);
	}
	close(p[0]);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	ok(fd >= 0, "a child's mem opens (root)");
	is(pread(fd, buf, 18, (off_t)(unsigned long)secret), 18,
	   "the child's memory reads");
	is_str(buf, "the child's secret", "as it is in the child");
	is(pwrite(fd, "edited", 6, (off_t)(unsigned long)secret), 6,
	   "and writes");
	write(p[1], "x", 1);
	ok(exited_with(({ int s; waitpid(pid, &s, 0); s; }), 0),
	   "the child sees the edit");
	is(pread(fd, buf, 8, (off_t)(unsigned long)secret), 0,
	   "mem of a process that has exited reads nothing");
	close(fd);
	close(p[1]);
}

/* As nobody: another user's (root's) process, and one's own. */
static int unprivileged(void)
{
	char path[64];
	int fd;

	tap_failures = 0;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 99;
	snprintf(path, sizeof(path), "/proc/%d/mem", getppid());
	expect_errno(open(path, O_RDONLY), EACCES);
	prctl(PR_SET_DUMPABLE, 1);
	fd = open("/proc/self/mem", O_RDONLY);
	ok(fd >= 0, "one's own mem opens without privilege");
	close(fd);
	return tap_failures;
}

int main(void)
{
	test_self();
	test_child();
	is(run_child(unprivileged), 0, "unprivileged checks (child)");
	return tap_done();
}
