/*
 * tests/perm/procfs.c: who may look into /proc/<pid> (Linux's
 * fs/proc/base.c rules). The files showing a process's memory or files
 * (environ, maps, fd/, cwd/exe links) need ptrace read access; stat
 * hides the addresses from others; a non-dumpable process's files
 * belong to root; its own fd directory stays open to a process. And the
 * bug trinity hit: opening /proc/<child>/fd with O_DIRECTORY as its
 * owner (with a stale owner from an earlier lookup as root).
 */
#include "cred.h"
#include <dirent.h>

static int ready[2], go[2];

/* A child that becomes uid/gid, maybe dumpable again, then waits. */
static pid_t spawn(uid_t uid, int dumpable)
{
	pid_t pid;
	char c;

	pipe(ready);
	pipe(go);
	pid = fork();
	if (pid == 0) {
		if (drop_to(uid, uid))
			_exit(1);
		if (dumpable)
			prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	return pid;
}

static void reap(pid_t pid)
{
	write(go[1], "g", 1);
	waitpid(pid, NULL, 0);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

static int try_open(const char *fmt, pid_t pid, int flags)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), fmt, pid);
	fd = open(path, flags);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return -errno;
}

static int try_readlink(const char *fmt, pid_t pid)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), fmt, pid);
	return readlink(path, buf, sizeof(buf)) < 0 ? -errno : 0;
}

/* Field n (1-based) of /proc/pid/stat, after the comm. */
static unsigned long stat_field(pid_t pid, int n)
{
	char path[64], buf[1024], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return ~0UL;
	p = strrchr(buf, ')');
	for (i = 2; p && i < n; i++)
		p = strchr(p + 1, ' ');
	return p ? strtoul(p + 1, NULL, 10) : ~0UL;
}

static uid_t owner(const char *fmt, pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), fmt, pid);
	return sys_stat(path, &st) ? (uid_t)-2 : st.st_uid;
}

/* As uid 1000: our own (dumpable) child's files; then a stranger's. */
static int same_uid(void)
{
	pid_t child;
	int fd;
	char path[64];
	DIR *d;

	child = spawn(1000, 1);
	drop_to(1000, 1000);
	is(try_open("/proc/%d/fd", child, O_RDONLY | O_DIRECTORY), 0,
	   "the owner opens /proc/<child>/fd with O_DIRECTORY");
	snprintf(path, sizeof(path), "/proc/%d/fd", child);
	d = opendir(path);
	ok(d && readdir(d), "... and lists it");
	if (d)
		closedir(d);
	is(try_open("/proc/%d/environ", child, O_RDONLY), 0,
	   "the owner reads environ");
	is(try_open("/proc/%d/maps", child, O_RDONLY), 0, "... maps");
	is(try_readlink("/proc/%d/exe", child), 0, "... readlink exe");
	is(try_readlink("/proc/%d/fd/0", child), 0, "... readlink fd/0");
	ok(stat_field(child, 26) > 1, "stat shows the owner start_code");
	fd = try_open("/proc/%d/status", child, O_RDONLY);
	is(fd, 0, "status is open to all");
	reap(child);
	return tap_done();
}

static int other_uid(void)
{
	pid_t child = spawn(1001, 1);

	drop_to(1000, 1000);
	is(try_open("/proc/%d/fd", child, O_RDONLY | O_DIRECTORY), -EACCES,
	   "another user's /proc/<pid>/fd: EACCES");
	is(try_open("/proc/%d/environ", child, O_RDONLY), -EACCES,
	   "another user's environ: EACCES");
	is(try_open("/proc/%d/maps", child, O_RDONLY), -EACCES,
	   "another user's maps: EACCES");
	is(try_readlink("/proc/%d/exe", child), -EACCES,
	   "another user's exe link: EACCES");
	is(try_readlink("/proc/%d/cwd", child), -EACCES,
	   "another user's cwd link: EACCES");
	is(try_open("/proc/%d/status", child, O_RDONLY), 0,
	   "another user's status: readable");
	is(try_open("/proc/%d/stat", child, O_RDONLY), 0,
	   "another user's stat: readable");
	is(stat_field(child, 26), 1, "stat hides start_code (1)");
	is(stat_field(child, 28), 0, "stat hides start_stack (0)");
	is(stat_field(child, 52), 0, "stat hides the exit code");
	reap(child);
	return tap_done();
}

/* Root looks at a child before it drops privileges (the inode is made
 * then); afterwards the owner must be the child's new one. */
static int stale_owner(void)
{
	pid_t child;
	char c;

	pipe(ready);
	pipe(go);
	child = fork();
	if (child == 0) {
		read(go[0], &c, 1);
		if (drop_to(1000, 1000))
			_exit(1);
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	is(owner("/proc/%d/fd", child), 0, "as root the child's fd dir is root's");
	write(go[1], "g", 1);
	read(ready[0], &c, 1);
	is(owner("/proc/%d/fd", child), 1000, "after its setuid: uid 1000's");
	drop_to(1000, 1000);
	is(try_open("/proc/%d/fd", child, O_RDONLY | O_DIRECTORY), 0,
	   "the new owner opens it (no stale owner)");
	reap(child);
	return tap_done();
}

static int nondumpable(void)
{
	pid_t child = spawn(1000, 0);

	is(owner("/proc/%d/environ", child), 0,
	   "a non-dumpable process's files belong to root");
	is(owner("/proc/%d", child), 1000,
	   "... but its /proc/<pid> directory shows its euid");
	drop_to(1000, 1000);
	is(try_open("/proc/%d/environ", child, O_RDONLY), -EACCES,
	   "the same uid may not read a non-dumpable process's environ");
	is(try_open("/proc/%d/fd", child, O_RDONLY | O_DIRECTORY), -EACCES,
	   "... nor its fd directory");
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	is(try_open("/proc/%d/fd", getpid(), O_RDONLY | O_DIRECTORY), 0,
	   "a non-dumpable process opens its own fd directory");
	is(try_open("/proc/%d/environ", getpid(), O_RDONLY), -EACCES,
	   "... but not its own environ (0400, now root's)");
	reap(child);
	return tap_done();
}

/* A field of /proc/self/fdinfo/fd, as a number in base. */
static long fdinfo_field(int fd, const char *key, int base)
{
	char path[64], v[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (status_field(path, key, v, sizeof(v)))
		return -1;
	return strtol(v, NULL, base);
}

static int fdinfo(void)
{
	char path[64];
	struct stat st;
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	pid_t child;
	DIR *d;

	lseek(fd, 5, SEEK_SET);
	fstat(fd, &st);
	is(fdinfo_field(fd, "pos", 10), 5, "fdinfo pos");
	is(fdinfo_field(fd, "flags", 8) & (O_ACCMODE | O_CLOEXEC), O_CLOEXEC,
	   "fdinfo flags: O_RDONLY, O_CLOEXEC");
	is(fdinfo_field(fd, "ino", 10), (long)st.st_ino, "fdinfo ino");
	ok(fdinfo_field(fd, "mnt_id", 10) > 0, "fdinfo mnt_id");
	d = opendir("/proc/self/fdinfo");
	ok(d != NULL, "fdinfo lists");
	if (d)
		closedir(d);
	child = spawn(1001, 1);
	become(1000, 1000);
	snprintf(path, sizeof(path), "/proc/%d/fdinfo", child);
	ok(opendir(path) == NULL && errno == EACCES,
	   "another user's fdinfo: EACCES");
	is(try_open("/proc/%d/fdinfo/0", child, O_RDONLY), -EACCES,
	   "... and its entries");
	reap(child);
	return tap_done();
}

int main(void)
{
	proc_sane();
	run_case(same_uid, "the owner of a process");
	run_case(other_uid, "another user");
	run_case(stale_owner, "ownership follows a setuid");
	run_case(nondumpable, "a non-dumpable process");
	run_case(fdinfo, "/proc/<pid>/fdinfo");
	return tap_done();
}
