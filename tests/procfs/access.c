/*
 * tests/procfs/access.c: what a process may see of another's through
 * /proc. As uid 65534, against a process of root's: the files that
 * need ptrace access refuse it (environ, auxv, maps, mem, fd/, fdinfo/
 * and the cwd/root/exe links: EACCES at open or readlink; io: EACCES,
 * personality: EACCES at open; syscall: EPERM, stack: EACCES at
 * read), the world-readable ones
 * still read (stat with the addresses hidden, status, statm, cmdline,
 * limits, comm, wchan as "0"), and its comm is not ours to write.
 * The same files of a process of its own are all open to it.
 */
#define _GNU_SOURCE
#include <sys/personality.h>
#include <sys/prctl.h>
#include "tap.h"
#include "proc.h"

static pid_t target;		/* a process of root's, asleep */

static int open_errno(const char *file, int flags)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", target, file);
	fd = open(path, flags);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

/* errno of read() after a successful open (0 if it read). */
static int read_errno(const char *file)
{
	char path[64], buf[4096];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", target, file);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	if (read(fd, buf, sizeof(buf)) < 0)
		err = errno;
	close(fd);
	return err;
}

static int link_errno(const char *file)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "/proc/%d/%s", target, file);
	return readlink(path, buf, sizeof(buf)) < 0 ? errno : 0;
}

static void others(void)
{
	static const char *const ptraced[] = { "environ", "auxv", "maps",
					       "mem" };
	static const char *const links[] = { "cwd", "root", "exe" };
	static const char *const open_all[] = { "stat", "status", "statm",
						"cmdline", "limits", "comm",
						"wchan", "cgroup", "mountinfo" };
	unsigned long long f[STAT_FIELDS + 1];
	char buf[2048], c[32];

	for (unsigned int i = 0; i < sizeof(ptraced) / sizeof(*ptraced); i++)
		is(open_errno(ptraced[i], O_RDONLY), EACCES,
		   "%s of another user's process: EACCES", ptraced[i]);
	for (unsigned int i = 0; i < sizeof(links) / sizeof(*links); i++)
		is(link_errno(links[i]), EACCES, "readlink %s: EACCES", links[i]);
	is(open_errno("fd", O_RDONLY | O_DIRECTORY), EACCES, "fd/: EACCES");
	is(open_errno("fdinfo", O_RDONLY | O_DIRECTORY), EACCES,
	   "fdinfo/: EACCES");
	ok(read_errno("io") == -EACCES || read_errno("io") == EACCES,
	   "io: EACCES");
	ok(read_errno("syscall") == EPERM || read_errno("syscall") == -EACCES,
	   "syscall: refused");
	ok(read_errno("stack") == EACCES || read_errno("stack") == -EACCES,
	   "stack: refused");
	is(read_errno("personality"), -EACCES, "personality (0400): EACCES");
	for (unsigned int i = 0; i < sizeof(open_all) / sizeof(*open_all); i++)
		is(read_errno(open_all[i]), 0, "%s is readable by all",
		   open_all[i]);
	slurpf(buf, sizeof(buf), "/proc/%d/stat", target);
	parse_stat(buf, c, sizeof(c), f);
	ok(f[26] == 1 && f[27] == 1 && f[28] == 0,
	   "stat: startcode/endcode 1, startstack 0 (hidden)");
	is(f[45] + f[46] + f[47] + f[52], 0, "stat: data bounds, exit code 0");
	slurpf(buf, sizeof(buf), "/proc/%d/wchan", target);
	is_str(buf, "0", "wchan: 0 (hidden)");
	is(open_errno("comm", O_WRONLY), EACCES, "comm: not ours to write");
}

static void own(void)
{
	static const char *const files[] = { "environ", "auxv", "maps", "io",
					     "syscall", "fdinfo/0", "limits",
					     "personality" };
	char buf[256];

	target = getpid();
	for (unsigned int i = 0; i < sizeof(files) / sizeof(*files); i++)
		is(read_errno(files[i]), 0, "own %s reads", files[i]);
	ok(readlink("/proc/self/exe", buf, sizeof(buf)) > 0, "own exe");
	personality(0x0040000);		/* ADDR_NO_RANDOMIZE */
	slurp("/proc/self/personality", buf, sizeof(buf));
	is_str(buf, "00040000\n", "personality shows ADDR_NO_RANDOMIZE");
	is(read_errno("stack"), EACCES,
	   "own stack: EACCES at read without CAP_SYS_ADMIN");
}

static int as_nobody(void)
{
	tap_failures = 0;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 99;
	others();
	prctl(PR_SET_DUMPABLE, 1);
	own();
	return tap_failures;
}

int main(void)
{
	int p[2];

	pipe(p);
	target = fork();
	if (target == 0) {
		char c;

		close(p[1]);
		read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	is(run_child(as_nobody), 0, "checks as nobody (child)");
	close(p[1]);
	waitpid(target, NULL, 0);
	return tap_done();
}
