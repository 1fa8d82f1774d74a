/*
 * tests/perm/files.c: file permissions (Linux's generic_permission and
 * friends): owner/group/other bits by fsuid and groups; CAP_DAC_OVERRIDE
 * and CAP_DAC_READ_SEARCH; access(2) asks with the real ids; chmod and
 * utimes for the owner or CAP_FOWNER; chown's rules; the set-group-ID
 * directory; the sticky bit; set-id bits dropped by write, truncate and
 * chown; O_NOATIME; device nodes need CAP_MKNOD.
 */
#include "cred.h"
#include <sys/sysmacros.h>

static char dir[64];

static void path(char *buf, const char *name)
{
	snprintf(buf, 128, "%s/%s", dir, name);
}

static int make(const char *name, mode_t mode, uid_t uid, gid_t gid)
{
	char p[128];
	int fd;

	path(p, name);
	fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	write(fd, "#!/bin/sh\n", 10);
	close(fd);
	return chown(p, uid, gid) || chmod(p, mode) ? -1 : 0;
}

static int try_open(const char *name, int flags)
{
	char p[128];
	int fd;

	path(p, name);
	fd = open(p, flags);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static mode_t mode_of(const char *name)
{
	char p[128];
	struct stat st;

	path(p, name);
	return sys_stat(p, &st) ? 0 : st.st_mode & 07777;
}

static int bits(void)
{
	gid_t g = 50;

	make("mine", 0600, 1000, 1000);
	make("grp", 0640, 0, 50);
	make("other", 0604, 0, 0);
	syscall(SYS_setgroups, 1, &g);
	syscall(SYS_setresgid, 1000, 1000, 1000);
	syscall(SYS_setresuid, 1000, 1000, 1000);
	is(try_open("mine", O_RDWR), 0, "owner bits");
	is(try_open("grp", O_RDONLY), 0, "group bits by a supplementary group");
	is(try_open("grp", O_WRONLY), -EACCES, "group bits: no write");
	is(try_open("other", O_RDONLY), 0, "other bits");
	is(try_open("other", O_WRONLY), -EACCES, "other bits: no write");
	return tap_done();
}

static int dac_caps(void)
{
	char p[128];

	make("secret", 0600, 1000, 1000);
	make("noexec", 0644, 0, 0);
	make("someexec", 0701, 1000, 1000);
	mkdir((path(p, "d700"), p), 0700);
	chown(p, 1000, 1000);
	make("d700/f", 0600, 1000, 1000);
	is(try_open("secret", O_RDWR), 0, "root: CAP_DAC_OVERRIDE reads and writes");
	path(p, "noexec");
	is(access(p, X_OK), -1, "not even root executes a file with no x bit");
	path(p, "someexec");
	is(access(p, X_OK), 0, "root executes a file with any x bit");
	set_caps(CAP_ALL & ~CAP_BIT(CAP_DAC_OVERRIDE), CAP_ALL, 0);
	is(try_open("secret", O_RDONLY), 0,
	   "CAP_DAC_READ_SEARCH alone: read");
	is(try_open("secret", O_WRONLY), -EACCES, "... but not write");
	is(try_open("d700/f", O_RDONLY), 0, "... and search directories");
	set_caps(CAP_ALL & ~CAP_BIT(CAP_DAC_OVERRIDE) &
			 ~CAP_BIT(CAP_DAC_READ_SEARCH), CAP_ALL, 0);
	is(try_open("secret", O_RDONLY), -EACCES, "without both: EACCES");
	is(try_open("d700/f", O_RDONLY), -EACCES,
	   "... a 0700 directory of another user is closed");
	return tap_done();
}

static int access_real(void)
{
	char p[128];

	make("rootonly", 0600, 0, 0);
	path(p, "rootonly");
	syscall(SYS_setresuid, 1000, 0, 0);
	is(access(p, R_OK), -1, "access(2) uses the real uid (1000)");
	is(faccessat(AT_FDCWD, p, R_OK, AT_EACCESS), 0,
	   "faccessat(AT_EACCESS) the effective one (0)");
	is(try_open("rootonly", O_RDONLY), 0, "and so does open");
	return tap_done();
}

static int chmod_chown(void)
{
	char p[128];
	gid_t g = 60;
	struct stat st;

	make("f", 0644, 1000, 0);
	make("g", 0644, 1001, 1001);
	syscall(SYS_setgroups, 1, &g);
	syscall(SYS_setresgid, 1000, 1000, 1000);
	syscall(SYS_setresuid, 1000, 1000, 1000);
	path(p, "g");
	expect_errno(chmod(p, 0600), EPERM);
	expect_errno(chown(p, 1000, -1), EPERM);
	path(p, "f");
	is(chmod(p, 02755), 0, "the owner chmods ...");
	is(mode_of("f"), 0755, "... S_ISGID dropped: not in the file's group");
	expect_errno(chown(p, 1001, -1), EPERM);
	is(chown(p, 1000, -1), 0, "chown to the same owner is allowed");
	is(chown(p, -1, 60), 0, "chgrp to a group we are in");
	expect_errno(chown(p, -1, 61), EPERM);
	is(chmod(p, 02755), 0, "now in the file's group ...");
	is(mode_of("f"), 02755, "... S_ISGID stays");
	sys_stat(p, &st);
	is(st.st_gid, 60, "the group is 60");
	return tap_done();
}

static int root_chown(void)
{
	char p[128];

	make("s", 06755, 1000, 1000);
	path(p, "s");
	is(chown(p, 1001, 1001), 0, "root chowns anything");
	is(mode_of("s"), 0755, "chown drops S_ISUID and S_ISGID, even for root");
	make("s2", 02745, 1000, 1000);
	path(p, "s2");
	chown(p, 1001, -1);
	is(mode_of("s2"), 02745, "S_ISGID without group exec survives chown");
	return tap_done();
}

static int write_clears(void)
{
	char p[128];
	int fd;

	make("w", 06777, 1000, 1000);
	make("r", 06777, 1000, 1000);
	make("t", 06777, 1000, 1000);
	path(p, "r");
	fd = open(p, O_WRONLY);
	write(fd, "x", 1);
	close(fd);
	is(mode_of("r"), 06777, "root's write keeps the set-id bits (CAP_FSETID)");
	become(1001, 1001);
	path(p, "w");
	fd = open(p, O_WRONLY);
	is(write(fd, "x", 1), 1, "another user writes the file");
	close(fd);
	is(mode_of("w"), 0777, "... which drops S_ISUID and S_ISGID");
	path(p, "t");
	is(truncate(p, 0), 0, "truncate by another user");
	is(mode_of("t"), 0777, "... drops them too");
	return tap_done();
}

static int setgid_dir(void)
{
	char p[128];
	struct stat st;
	int fd;

	path(p, "sg");
	mkdir(p, 0777);
	chown(p, 0, 70);
	chmod(p, 02777);
	become(1000, 1000);
	path(p, "sg/f");
	fd = open(p, O_CREAT | O_WRONLY, 02755);
	close(fd);
	sys_stat(p, &st);
	is(st.st_gid, 70, "a new file takes the set-gid directory's group");
	is(st.st_mode & 07777, 0755,
	   "... and no S_ISGID: its creator is not in that group");
	path(p, "sg/sub");
	mkdir(p, 0755);
	sys_stat(p, &st);
	ok(st.st_gid == 70 && (st.st_mode & S_ISGID),
	   "a new directory takes the group and S_ISGID");
	return tap_done();
}

static int sticky(void)
{
	char p[128], q[128];

	path(p, "tmp");
	mkdir(p, 01777);
	chmod(p, 01777);
	make("tmp/a", 0644, 1000, 1000);
	make("tmp/b", 0644, 1000, 1000);
	become(1001, 1001);
	path(p, "tmp/a");
	expect_errno(unlink(p), EPERM);
	path(q, "tmp/a2");
	expect_errno(rename(p, q), EPERM);
	return tap_done();
}

static int sticky_owner(void)
{
	char p[128];

	become(1000, 1000);
	path(p, "tmp/a");
	is(unlink(p), 0, "in a sticky directory the file's owner removes it");
	return tap_done();
}

static int times_noatime(void)
{
	char p[128];
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };

	make("u", 0666, 1000, 1000);
	path(p, "u");
	become(1001, 1001);
	is(utimensat(AT_FDCWD, p, NULL, 0), 0,
	   "touch (now) needs only write permission");
	expect_errno(utimensat(AT_FDCWD, p, ts, 0), EPERM);
	expect_errno(open(p, O_RDONLY | O_NOATIME), EPERM);
	return tap_done();
}

static int devices(void)
{
	char p[128];

	become(1000, 1000);
	path(p, "null");
	expect_errno(mknod(p, S_IFCHR | 0666, makedev(1, 3)), EPERM);
	expect_errno(mknod(p, S_IFBLK | 0666, makedev(7, 0)), EPERM);
	path(p, "fifo");
	is(mknod(p, S_IFIFO | 0666, 0), 0, "a FIFO needs no privilege");
	path(p, "wh");
	is(mknod(p, S_IFCHR | 0666, makedev(0, 0)), 0,
	   "nor the 0:0 whiteout device");
	return tap_done();
}

static void cleanup(const char *d)
{
	char cmd[160];

	/* No shell: remove what the cases made, deepest first. */
	static const char *const names[] = {
		"d700/f", "d700", "sg/f", "sg/sub", "sg", "tmp/a", "tmp/b",
		"tmp/a2",
		"tmp", "mine", "grp", "other", "secret", "noexec", "someexec",
		"rootonly", "f", "g", "s", "s2", "w", "r", "t", "u", "null",
		"fifo", "wh",
	};
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s/%s", d, names[i]);
		if (unlink(cmd))
			rmdir(cmd);
	}
	rmdir(d);
}

int main(void)
{
	proc_sane();
	scratch(dir, sizeof(dir), "perm-files");
	mkdir(dir, 0755);
	chmod(dir, 0777);
	run_case(bits, "the mode bits");
	run_case(dac_caps, "DAC capabilities");
	run_case(access_real, "access(2) and the real uid");
	run_case(chmod_chown, "chmod and chown by the owner");
	run_case(root_chown, "chown by root");
	run_case(write_clears, "writes drop set-id bits");
	run_case(setgid_dir, "set-group-ID directories");
	run_case(sticky, "sticky directories");
	run_case(sticky_owner, "sticky directories: the owner");
	run_case(times_noatime, "utimes and O_NOATIME");
	run_case(devices, "device nodes");
	cleanup(dir);
	return tap_done();
}
