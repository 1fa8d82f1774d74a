/*
 * tests/mntns/mount_api.c: the new mount API as Linux 6.1 has it:
 * fsopen/fsconfig/fsmount/move_mount make a tmpfs mount with options
 * and attributes; fsconfig's argument errors and phases (EINVAL, EBUSY,
 * EOPNOTSUPP); a detached mount closed unattached goes away; fspick
 * with CMD_RECONFIGURE changes a superblock; open_tree (plain and
 * OPEN_TREE_CLONE, AT_RECURSIVE); mount_setattr (read-only, EBUSY with
 * a writer, atime rules, propagation, struct size rules, IDMAP refused
 * for tmpfs); MOVE_MOUNT_SET_GROUP; and EPERM for each call without
 * CAP_SYS_ADMIN.
 */
#include "tap.h"
#include "proc.h"
#include <sched.h>
#include <sys/mount.h>
#include <sys/statfs.h>

#define FSOPEN_CLOEXEC 1
#define FSCONFIG_SET_FLAG 0
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_SET_BINARY 2
#define FSCONFIG_CMD_CREATE 6
#define FSCONFIG_CMD_RECONFIGURE 7
#define MOUNT_ATTR_RDONLY 0x1
#define MOUNT_ATTR_NOSUID 0x2
#define MOUNT_ATTR_NODEV 0x4
#define MOUNT_ATTR_NOEXEC 0x8
#define MOUNT_ATTR__ATIME 0x70
#define MOUNT_ATTR_NOATIME 0x10
#define MOUNT_ATTR_IDMAP 0x100000
#define MOVE_MOUNT_F_EMPTY_PATH 4
#define MOVE_MOUNT_SET_GROUP 0x100
#define OPEN_TREE_CLONE 1
#define AT_RECURSIVE 0x8000

struct attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};

static int fsopen(const char *name, unsigned flags)
{
	return syscall(SYS_fsopen, name, flags);
}

static int fsconfig(int fd, unsigned cmd, const char *key, const void *v,
		    int aux)
{
	return syscall(SYS_fsconfig, fd, cmd, key, v, aux);
}

static int fsmount(int fd, unsigned flags, unsigned attr)
{
	return syscall(SYS_fsmount, fd, flags, attr);
}

static int move_mount(int fd, const char *from, int tfd, const char *to,
		      unsigned flags)
{
	return syscall(SYS_move_mount, fd, from, tfd, to, flags);
}

static int open_tree(int dfd, const char *path, unsigned flags)
{
	return syscall(SYS_open_tree, dfd, path, flags);
}

static int fspick(int dfd, const char *path, unsigned flags)
{
	return syscall(SYS_fspick, dfd, path, flags);
}

static int setattr(const char *path, unsigned flags, struct attr *a,
		   size_t size)
{
	return syscall(SYS_mount_setattr, AT_FDCWD, path, flags, a, size);
}

static char base[64], d1[80], d2[80];

/* The options (fields 6 and after " - ") of path's mountinfo line. */
static int mountinfo(const char *path, char *out, size_t len)
{
	char line[1024], pt[256];
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*d %*d %*s %*s %255s", pt) == 1 &&
		    !strcmp(pt, path)) {
			snprintf(out, len, "%s", line);
			found = 1;
		}
	if (f)
		fclose(f);
	return found;
}

static int count_mounts(void)
{
	char line[1024];
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

/* A made, mounted (detached) tmpfs with opts "size=1m,mode=0700". */
static int make_tmpfs(unsigned attr)
{
	int fs = fsopen("tmpfs", FSOPEN_CLOEXEC), m;

	fsconfig(fs, FSCONFIG_SET_STRING, "size", "1m", 0);
	fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0700", 0);
	fsconfig(fs, FSCONFIG_SET_STRING, "source", "apisrc", 0);
	fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	m = fsmount(fs, 0, attr);
	close(fs);
	return m;
}

static void test_fsconfig_errors(void)
{
	int fs = fsopen("tmpfs", 0), v = 2;

	ok(fs >= 0, "fsopen tmpfs: %s", strerror(errno));
	expect_errno(fsopen("no-such-fs", 0), ENODEV);
	expect_errno(fsopen("tmpfs", 2), EINVAL);
	expect_ok(fsconfig(fs, FSCONFIG_SET_STRING, "size", "1m", 0));
	expect_errno(fsconfig(fs, FSCONFIG_SET_STRING, "size", "1x", 0),
		     EINVAL);
	expect_errno(fsconfig(fs, FSCONFIG_SET_STRING, "nosuchkey", "1", 0),
		     EINVAL);
	expect_errno(fsconfig(fs, FSCONFIG_SET_BINARY, "size", &v, 4),
		     EINVAL);
	expect_errno(fsconfig(fs, FSCONFIG_SET_FLAG, "ro", "x", 0), EINVAL);
	expect_errno(fsconfig(fs, FSCONFIG_SET_STRING, NULL, "1", 0), EINVAL);
	expect_errno(fsconfig(fs, FSCONFIG_CMD_CREATE, "k", NULL, 0), EINVAL);
	expect_errno(fsconfig(fs, 99, NULL, NULL, 0), EOPNOTSUPP);
	expect_errno(fsconfig(-1, FSCONFIG_CMD_CREATE, NULL, NULL, 0), EINVAL);
	expect_errno(fsconfig(0, FSCONFIG_CMD_CREATE, NULL, NULL, 0), EINVAL);
	expect_ok(fsconfig(fs, FSCONFIG_SET_STRING, "source", "a", 0));
	expect_errno(fsconfig(fs, FSCONFIG_SET_STRING, "source", "b", 0),
		     EINVAL);
	expect_errno(fsmount(fs, 0, 0), EINVAL);
	expect_errno(fsconfig(fs, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0),
		     EBUSY);
	expect_ok(fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0));
	expect_errno(fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0), EBUSY);
	expect_errno(fsmount(fs, 2, 0), EINVAL);
	expect_errno(fsmount(fs, 0, 0x40), EINVAL);
	expect_errno(fsmount(fs, 0, 0x400), EINVAL);
	expect_errno(fsmount(0, 0, 0), EINVAL);
	close(fs);
	fs = fsopen("proc", 0);
	expect_errno(fsconfig(fs, FSCONFIG_SET_BINARY, "hidepid", &v, 4),
		     EINVAL);
	expect_ok(fsconfig(fs, FSCONFIG_SET_STRING, "hidepid", "2", 0));
	expect_ok(fsconfig(fs, FSCONFIG_SET_STRING, "hidepid", "invisible", 0));
	expect_errno(fsconfig(fs, FSCONFIG_SET_STRING, "hidepid", "bad", 0),
		     EINVAL);
	close(fs);
}

static void test_fsmount_move(void)
{
	char line[1024] = "";
	struct statfs st;
	struct stat sb;
	int m, before = count_mounts(), fs;

	m = make_tmpfs(MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	if (!ok(m >= 0, "fsmount: %s", strerror(errno)))
		return;
	is(count_mounts(), before, "a detached mount is in no table");
	fstatfs(m, &st);
	is(st.f_blocks, 256, "the detached mount has size=1m");
	expect_ok(move_mount(m, "", AT_FDCWD, d1, MOVE_MOUNT_F_EMPTY_PATH));
	mountinfo(d1, line, sizeof(line));
	ok(strstr(line, " rw,nosuid,nodev,relatime ") != NULL,
	   "its attributes show: %s", line);
	ok(strstr(line, " - tmpfs apisrc rw,size=1024k,mode=700") != NULL,
	   "and its source and options");
	stat(d1, &sb);
	is(sb.st_mode & 07777, 0700, "mode=0700 made the root");
	close(m);
	ok(access(d1, F_OK) == 0 && mountinfo(d1, line, sizeof(line)),
	   "closing the fd of an attached mount leaves it");
	/* fspick and reconfigure */
	fs = fspick(AT_FDCWD, d1, 0);
	ok(fs >= 0, "fspick: %s", strerror(errno));
	expect_ok(fsconfig(fs, FSCONFIG_SET_STRING, "size", "2m", 0));
	expect_ok(fsconfig(fs, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0));
	statfs(d1, &st);
	is(st.f_blocks, 512, "CMD_RECONFIGURE grew it to 2m");
	expect_ok(fsconfig(fs, FSCONFIG_SET_FLAG, "ro", NULL, 0));
	expect_ok(fsconfig(fs, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0));
	expect_errno(mkdir(strcat(strcpy(line, d1), "/x"), 0755), EROFS);
	expect_ok(fsconfig(fs, FSCONFIG_SET_FLAG, "rw", NULL, 0));
	expect_ok(fsconfig(fs, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0));
	expect_ok(mkdir(line, 0755));
	expect_errno(fsmount(fs, 0, 0), EBUSY);
	close(fs);
	expect_errno(fspick(AT_FDCWD, line, 0), EINVAL);
	expect_errno(fspick(AT_FDCWD, d1, 0x10), EINVAL);
	rmdir(line);
	expect_ok(umount2(d1, 0));
	/* closed unattached: gone */
	m = make_tmpfs(0);
	close(m);
	is(count_mounts(), before, "a detached mount closed unattached is gone");
}

static void test_open_tree(void)
{
	char f1[96], f2[96];
	int t, before;

	expect_ok(mount("tmpfs", d1, "tmpfs", 0, NULL));
	snprintf(f1, sizeof(f1), "%s/file", d1);
	snprintf(f2, sizeof(f2), "%s/file", d2);
	close(open(f1, O_CREAT | O_WRONLY, 0644));
	before = count_mounts();
	t = open_tree(AT_FDCWD, d1, 0);
	ok(t >= 0, "open_tree without CLONE gives an O_PATH fd");
	expect_errno(read(t, f1, 1), EBADF);
	close(t);
	expect_errno(open_tree(AT_FDCWD, d1, AT_RECURSIVE), EINVAL);
	expect_errno(open_tree(AT_FDCWD, d1, 0x4), EINVAL);
	t = open_tree(AT_FDCWD, d1, OPEN_TREE_CLONE);
	ok(t >= 0, "open_tree(OPEN_TREE_CLONE): %s", strerror(errno));
	is(count_mounts(), before, "the clone is detached");
	expect_ok(move_mount(t, "", AT_FDCWD, d2, MOVE_MOUNT_F_EMPTY_PATH));
	ok(access(f2, F_OK) == 0, "the attached clone shows the same files");
	is(count_mounts(), before + 1, "and is in the table");
	close(t);
	expect_ok(umount2(d2, 0));
	expect_ok(umount2(d1, 0));
}

static void test_setattr(void)
{
	struct attr a = { 0 };
	char line[1024] = "", file[96], big[64] = { 0 };
	int fd, uns;

	expect_ok(mount("tmpfs", d1, "tmpfs", MS_NOATIME, NULL));
	snprintf(file, sizeof(file), "%s/f", d1);
	a.attr_set = MOUNT_ATTR_RDONLY;
	expect_ok(setattr(d1, 0, &a, sizeof(a)));
	expect_errno(open(file, O_CREAT | O_WRONLY, 0644), EROFS);
	mountinfo(d1, line, sizeof(line));
	ok(strstr(line, " ro,noatime ") != NULL,
	   "setting RDONLY leaves the atime setting: %s", line);
	a.attr_set = 0;
	a.attr_clr = MOUNT_ATTR_RDONLY;
	expect_ok(setattr(d1, 0, &a, sizeof(a)));
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	ok(fd >= 0, "writable again");
	a.attr_clr = 0;
	a.attr_set = MOUNT_ATTR_RDONLY;
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EBUSY);
	close(fd);
	a.attr_set = MOUNT_ATTR_NOATIME;
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EINVAL);
	a.attr_clr = MOUNT_ATTR__ATIME;
	a.attr_set = MOUNT_ATTR_NOATIME | MOUNT_ATTR_NOEXEC;
	expect_ok(setattr(d1, 0, &a, sizeof(a)));
	mountinfo(d1, line, sizeof(line));
	ok(strstr(line, " rw,noexec,noatime ") != NULL, "noexec,noatime: %s",
	   line);
	a.attr_clr = 0x10;
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EINVAL);
	memset(&a, 0, sizeof(a));
	a.propagation = MS_SHARED;
	expect_ok(setattr(d1, 0, &a, sizeof(a)));
	mountinfo(d1, line, sizeof(line));
	ok(strstr(line, " shared:") != NULL, "propagation MS_SHARED");
	a.propagation = MS_PRIVATE | MS_REC;
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EINVAL);
	a.propagation = MS_PRIVATE;
	expect_errno(setattr(d1, 0, &a, 24), EINVAL);
	expect_errno(setattr(d1, 0, &a, 8192), E2BIG);
	memcpy(big, &a, sizeof(a));
	big[40] = 1;
	expect_errno(setattr(d1, 0, (struct attr *)big, sizeof(big)), E2BIG);
	big[40] = 0;
	expect_ok(setattr(d1, 0, (struct attr *)big, sizeof(big)));
	mountinfo(d1, line, sizeof(line));
	ok(strstr(line, " shared:") == NULL, "a larger zero-tailed struct works");
	expect_errno(setattr(d1, 0x1, &a, sizeof(a)), EINVAL);
	memset(&a, 0, sizeof(a));
	a.attr_set = 1ULL << 40;
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EINVAL);
	a.attr_set = MOUNT_ATTR_IDMAP;
	a.userns_fd = 9999;
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EBADF);
	a.userns_fd = open("/proc/self/ns/mnt", O_RDONLY);
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EINVAL);
	close(a.userns_fd);
	a.userns_fd = open("/proc/self/ns/user", O_RDONLY);
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EPERM);
	close(a.userns_fd);
	uns = fork();
	if (uns == 0) {
		/* A user namespace of our own; its fd then names it. */
		if (unshare(CLONE_NEWUSER))
			_exit(1);
		pause();
		_exit(0);
	}
	/* Once it pauses it has its namespace (100 ms were not always
	 * enough on a loaded host: the fd then named ours, EPERM). */
	wait_until_asleep(uns, 10000);
	snprintf(line, sizeof(line), "/proc/%d/ns/user", uns);
	a.userns_fd = open(line, O_RDONLY);
	expect_errno(setattr(d1, 0, &a, sizeof(a)), EINVAL);
	close(a.userns_fd);
	kill(uns, SIGKILL);
	waitpid(uns, NULL, 0);
	memset(&a, 0, sizeof(a));
	expect_ok(setattr("/no/such/path", 0, &a, sizeof(a)));
	unlink(file);
	expect_ok(umount2(d1, 0));
}

static int group_of(const char *path)
{
	char line[1024] = "", *s;

	mountinfo(path, line, sizeof(line));
	s = strstr(line, " shared:");
	return s ? atoi(s + 8) : 0;
}

static void test_set_group(void)
{
	char sub[96];

	expect_ok(mount("tmpfs", d1, "tmpfs", 0, NULL));
	snprintf(sub, sizeof(sub), "%s/sub", d1);
	mkdir(sub, 0755);
	expect_ok(mount(NULL, d1, NULL, MS_SHARED, NULL));
	expect_ok(mount(sub, d2, NULL, MS_BIND, NULL));
	expect_ok(mount(NULL, d2, NULL, MS_PRIVATE, NULL));
	expect_errno(move_mount(AT_FDCWD, d2, AT_FDCWD, d1,
				MOVE_MOUNT_SET_GROUP), EINVAL);
	expect_ok(move_mount(AT_FDCWD, d1, AT_FDCWD, d2, MOVE_MOUNT_SET_GROUP));
	ok(group_of(d2) && group_of(d2) == group_of(d1),
	   "MOVE_MOUNT_SET_GROUP: same peer group (%d, %d)", group_of(d1),
	   group_of(d2));
	expect_errno(move_mount(AT_FDCWD, d1, AT_FDCWD, d2,
				MOVE_MOUNT_SET_GROUP), EINVAL);
	expect_errno(move_mount(AT_FDCWD, d1, AT_FDCWD, d2, 0x1000), EINVAL);
	expect_ok(umount2(d2, 0));
	expect_ok(umount2(d1, 0));
}

/* Each call without CAP_SYS_ADMIN: 0 if all say EPERM. */
static int unprivileged(int fs)
{
	struct attr a = { .attr_set = MOUNT_ATTR_RDONLY };
	int t, bad = 0;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 100;
	bad |= (fsopen("tmpfs", 0) != -1 || errno != EPERM) << 0;
	bad |= (fspick(AT_FDCWD, "/", 0) != -1 || errno != EPERM) << 1;
	bad |= (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) != -1 ||
		errno != EPERM) << 2;
	bad |= (fsmount(fs, 0, 0) != -1 || errno != EPERM) << 3;
	bad |= (move_mount(AT_FDCWD, d1, AT_FDCWD, d2, 0) != -1 ||
		errno != EPERM) << 4;
	bad |= (open_tree(AT_FDCWD, d1, OPEN_TREE_CLONE) != -1 ||
		errno != EPERM) << 5;
	bad |= (setattr(d1, 0, &a, sizeof(a)) != -1 || errno != EPERM) << 6;
	t = open_tree(AT_FDCWD, d1, 0);
	bad |= (t < 0) << 7;
	return bad;
}

static void test_eperm(void)
{
	int fs = fsopen("tmpfs", 0), status;
	pid_t pid;

	expect_ok(mount("tmpfs", d1, "tmpfs", 0, NULL));
	pid = fork();
	if (pid == 0)
		_exit(unprivileged(fs));
	waitpid(pid, &status, 0);
	is(WEXITSTATUS(status), 0,
	   "fsopen, fspick, CMD_CREATE, fsmount, move_mount, OPEN_TREE_CLONE, "
	   "mount_setattr: EPERM without CAP_SYS_ADMIN (bits of failures)");
	close(fs);
	expect_ok(umount2(d1, 0));
}

int main(void)
{
	snprintf(base, sizeof(base), "/tmp/mount-api-%d", getpid());
	snprintf(d1, sizeof(d1), "%s/a", base);
	snprintf(d2, sizeof(d2), "%s/b", base);
	if (mkdir(base, 0755) || mkdir(d1, 0755) || mkdir(d2, 0755)) {
		ok(0, "mkdir: %s", strerror(errno));
		return tap_done();
	}
	/* Our own mount namespace, private, so nothing propagates out. */
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE,
					  NULL)) {
		ok(0, "unshare(CLONE_NEWNS): %s", strerror(errno));
		return tap_done();
	}
	test_fsconfig_errors();
	test_fsmount_move();
	test_open_tree();
	test_setattr();
	test_set_group();
	test_eperm();
	rmdir(d1);
	rmdir(d2);
	rmdir(base);
	return tap_done();
}
