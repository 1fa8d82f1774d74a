/*
 * tests/fs/tmpfs_limits.c: tmpfs's size=, nr_inodes=, mode=, uid=, gid=
 * are enforced as Linux does: pages charged on write, fallocate and
 * mmap faults (not on a sparse truncate), ENOSPC when full, nr_inodes
 * charged per inode and per extra hard link, statfs reporting both, 0
 * meaning no limit, remount changing them (EINVAL below what is in use
 * or from no limit), the root's owner and mode, the options shown in
 * /proc/self/mounts, bad options EINVAL, ramfs ignoring them all, the
 * EPERM of a remount by someone without CAP_SYS_ADMIN; and fallocate's
 * modes and errors.
 */
#include "tap.h"
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>

#define PG 4096L
#ifndef FALLOC_FL_COLLAPSE_RANGE
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#endif
#ifndef FALLOC_FL_ZERO_RANGE
#define FALLOC_FL_ZERO_RANGE 0x10
#endif

static char dir[64];

static char *at(const char *name)
{
	static char buf[4][128];
	static int n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof(buf[n]), "%s/%s", dir, name);
	return buf[n];
}

static struct statfs sfs(void)
{
	struct statfs st;

	memset(&st, 0xff, sizeof(st));
	statfs(dir, &st);
	return st;
}

static int tmount(const char *opts)
{
	return mount("tmpfs", dir, "tmpfs", 0, opts);
}

static void unmount(void)
{
	if (umount2(dir, 0))
		diag("umount2 %s: %s", dir, strerror(errno));
}

static void test_size_write(void)
{
	static char buf[2 << 20];
	int fd;

	if (!ok(tmount("size=1m") == 0, "mount size=1m: %s", strerror(errno)))
		return;
	is(sfs().f_blocks, 256, "size=1m: f_blocks is 256 pages");
	is(sfs().f_bfree, 256, "empty: f_bfree 256");
	is(sfs().f_bavail, 256, "empty: f_bavail 256");
	fd = open(at("f"), O_CREAT | O_RDWR, 0644);
	is(write(fd, buf, sizeof(buf)), 1 << 20, "a 2 MiB write stops at 1 MiB");
	expect_errno(write(fd, buf, 1), ENOSPC);
	is(sfs().f_bfree, 0, "full: f_bfree 0");
	is(lseek(fd, 0, SEEK_END), 1 << 20, "the file holds 1 MiB");
	close(fd);
	fd = open(at("g"), O_CREAT | O_RDWR, 0644);
	ok(fd >= 0, "a full tmpfs still makes an empty file");
	expect_errno(write(fd, buf, 1), ENOSPC);
	close(fd);
	unlink(at("g"));
	expect_ok(unlink(at("f")));
	is(sfs().f_bfree, 256, "unlink gives the pages back");
	fd = open(at("f"), O_CREAT | O_RDWR, 0644);
	expect_ok(ftruncate(fd, 100 << 20));
	is(sfs().f_bfree, 256, "a sparse 100 MiB truncate charges nothing");
	is(pwrite(fd, buf, 10, 50 << 20), 10, "writing in the hole");
	is(sfs().f_bfree, 255, "charges one page");
	expect_ok(ftruncate(fd, 0));
	is(sfs().f_bfree, 256, "truncating to 0 gives it back");
	close(fd);
	unmount();
}

static int fault_past_size(void)
{
	int fd = open(at("m"), O_CREAT | O_RDWR, 0644);
	char *p;
	long i;

	ftruncate(fd, 2 << 20);
	p = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 2;
	for (i = 0; i < (2 << 20); i += PG)
		p[i] = 1;	/* the 257th page faults SIGBUS */
	return 0;
}

static void test_size_mmap(void)
{
	int status;
	pid_t pid;

	if (!ok(tmount("size=1m") == 0, "mount size=1m: %s", strerror(errno)))
		return;
	pid = fork();
	if (pid == 0)
		_exit(fault_past_size());
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
	   "touching a shared mapping past size= is SIGBUS (status %#x)",
	   status);
	is(sfs().f_bfree, 0, "the pages touched before it stay charged");
	unlink(at("m"));
	unmount();
}

static void test_fallocate(void)
{
	struct stat st;
	int fd, pfd[2];

	if (!ok(tmount("size=1m") == 0, "mount size=1m: %s", strerror(errno)))
		return;
	fd = open(at("f"), O_CREAT | O_RDWR, 0644);
	expect_ok(fallocate(fd, 0, 0, 512 << 10));
	fstat(fd, &st);
	is(st.st_size, 512 << 10, "fallocate 512 KiB sets the size");
	is(st.st_blocks, 1024, "and allocates the blocks");
	is(sfs().f_bfree, 128, "charging 128 pages");
	expect_errno(fallocate(fd, 0, 0, 2 << 20), ENOSPC);
	is(sfs().f_bfree, 128, "a failed fallocate charges nothing");
	fstat(fd, &st);
	is(st.st_size, 512 << 10, "nor changes the size");
	expect_ok(fallocate(fd, FALLOC_FL_KEEP_SIZE, 512 << 10, 64 << 10));
	fstat(fd, &st);
	is(st.st_size, 512 << 10, "KEEP_SIZE keeps the size");
	is(sfs().f_bfree, 112, "but allocates");
	expect_ok(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			    0, 256 << 10));
	is(sfs().f_bfree, 176, "PUNCH_HOLE frees the pages");
	fstat(fd, &st);
	is(st.st_size, 512 << 10, "and keeps the size");
	expect_errno(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, PG), EOPNOTSUPP);
	expect_errno(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, PG), EOPNOTSUPP);
	expect_errno(fallocate(fd, 0x80, 0, PG), EOPNOTSUPP);
	expect_errno(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE |
			       FALLOC_FL_KEEP_SIZE, 0, PG), EINVAL);
	expect_errno(fallocate(fd, 0, 0, 0), EINVAL);
	expect_errno(fallocate(fd, 0, -1, PG), EINVAL);
	expect_errno(fallocate(fd, 0, 0x7fffffffffff0000L, 1L << 20), EFBIG);
	close(fd);
	fd = open(at("f"), O_RDONLY);
	expect_errno(fallocate(fd, 0, 0, PG), EBADF);
	close(fd);
	expect_errno(fallocate(99999, 0, 0, PG), EBADF);
	pipe(pfd);
	expect_errno(fallocate(pfd[1], 0, 0, PG), ESPIPE);
	close(pfd[0]);
	close(pfd[1]);
	unlink(at("f"));
	unmount();
}

static void test_nr_inodes(void)
{
	struct statfs st;
	int i;

	if (!ok(tmount("nr_inodes=4") == 0, "mount nr_inodes=4: %s",
		strerror(errno)))
		return;
	st = sfs();
	is(st.f_files, 4, "f_files is nr_inodes");
	is(st.f_ffree, 3, "the root takes one");
	for (i = 0; i < 2; i++) {
		char name[8];

		snprintf(name, sizeof(name), "f%d", i);
		close(open(at(name), O_CREAT | O_RDWR, 0644));
	}
	is(sfs().f_ffree, 1, "two files take two");
	expect_ok(link(at("f0"), at("l1")));
	is(sfs().f_ffree, 0, "a hard link takes one too");
	expect_errno(open(at("x"), O_CREAT | O_RDWR, 0644), ENOSPC);
	expect_errno(mkdir(at("d"), 0755), ENOSPC);
	expect_errno(symlink("f0", at("s")), ENOSPC);
	expect_errno(mknod(at("p"), S_IFIFO | 0644, 0), ENOSPC);
	expect_errno(link(at("f0"), at("l2")), ENOSPC);
	expect_errno(open(dir, O_TMPFILE | O_RDWR, 0644), ENOSPC);
	expect_ok(unlink(at("l1")));
	is(sfs().f_ffree, 1, "removing the extra link gives one back");
	expect_ok(mkdir(at("d"), 0755));
	expect_ok(rmdir(at("d")));
	expect_ok(unlink(at("f0")));
	expect_ok(unlink(at("f1")));
	is(sfs().f_ffree, 3, "all back");
	unmount();
}

static void test_unlimited(void)
{
	struct statfs st;

	if (!ok(tmount("size=0,nr_inodes=0") == 0, "mount size=0,nr_inodes=0"))
		return;
	st = sfs();
	is(st.f_blocks, 0, "size=0: f_blocks 0 (no limit)");
	is(st.f_bfree, 0, "f_bfree 0");
	is(st.f_files, 0, "nr_inodes=0: f_files 0");
	is(st.f_ffree, 0, "f_ffree 0");
	expect_errno(mount(NULL, dir, NULL, MS_REMOUNT, "size=1m"), EINVAL);
	expect_errno(mount(NULL, dir, NULL, MS_REMOUNT, "nr_inodes=10"),
		     EINVAL);
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, "size=0"));
	unmount();
	if (!ok(tmount(NULL) == 0, "mount without options"))
		return;
	st = sfs();
	ok(st.f_blocks > 0 && st.f_files > 0,
	   "the default limits are not 0 (%ld blocks, %ld files)",
	   (long)st.f_blocks, (long)st.f_files);
	unmount();
}

static void check_blocks(const char *opts, long want)
{
	if (tmount(opts)) {
		ok(0, "mount %s: %s", opts, strerror(errno));
		return;
	}
	is(sfs().f_blocks, want, "%s: f_blocks", opts);
	unmount();
}

static void test_size_syntax(void)
{
	struct sysinfo si;
	long ram;

	check_blocks("size=1k", 1);
	check_blocks("size=4097", 2);
	check_blocks("size=0x100000", 256);
	check_blocks("size=1G", 262144);
	check_blocks("nr_blocks=7", 7);
	check_blocks("size=1m,size=2m", 512);
	sysinfo(&si);
	ram = (long)si.totalram * si.mem_unit / PG;
	check_blocks("size=10%", (10 * PG * ram / 100 + PG - 1) / PG);
	expect_errno(tmount("size=1x"), EINVAL);
	expect_errno(tmount("size=abc"), EINVAL);
	expect_errno(tmount("size="), EINVAL);
	expect_errno(tmount("size"), EINVAL);
	expect_errno(tmount("nr_inodes=10q"), EINVAL);
	expect_errno(tmount("mode=99"), EINVAL);
	expect_errno(tmount("uid=-1"), EINVAL);
	expect_errno(tmount("uid=abc"), EINVAL);
	expect_errno(tmount("no_such_option"), EINVAL);
	expect_errno(tmount("no_such=1"), EINVAL);
	if (ok(tmount("nr_inodes=1k,,rw") == 0, "nr_inodes=1k (and ,, rw)")) {
		is(sfs().f_files, 1024, "nr_inodes=1k is 1024");
		unmount();
	}
}

/* The options field of dir's line in /proc/self/mounts. */
static int mount_opts(char *out, size_t len)
{
	char line[512], pt[256], opts[256];
	FILE *f = fopen("/proc/self/mounts", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %255s %*s %255s", pt, opts) == 2 &&
		    !strcmp(pt, dir)) {
			snprintf(out, len, "%s", opts);
			found = 1;
		}
	if (f)
		fclose(f);
	return found;
}

static void test_root_and_show(void)
{
	char opts[256] = "";
	struct stat st;

	if (!ok(tmount("size=1m,mode=0700,uid=1234,gid=5678") == 0,
		"mount with mode, uid, gid"))
		return;
	stat(dir, &st);
	is(st.st_mode, S_IFDIR | 0700, "mode= is the root's mode");
	is(st.st_uid, 1234, "uid= owns the root");
	is(st.st_gid, 5678, "gid= is its group");
	mount_opts(opts, sizeof(opts));
	ok(strstr(opts, ",size=1024k") != NULL, "mounts shows size=1024k: %s",
	   opts);
	ok(strstr(opts, ",mode=700") != NULL, "and mode=700");
	ok(strstr(opts, ",uid=1234") && strstr(opts, ",gid=5678"),
	   "and uid=1234,gid=5678");
	ok(!strstr(opts, "nr_inodes"), "but not the default nr_inodes");
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, "mode=0755,uid=1"));
	stat(dir, &st);
	is(st.st_mode, S_IFDIR | 0700, "a remount leaves the root's mode");
	is(st.st_uid, 1234, "and owner");
	unmount();
	if (ok(tmount(NULL) == 0, "default mount")) {
		stat(dir, &st);
		is(st.st_mode, S_IFDIR | 01777, "the default root is 1777");
		unmount();
	}
}

static void test_remount(void)
{
	static char buf[512 << 10];
	int fd;

	if (!ok(tmount("size=1m,nr_inodes=10") == 0, "mount size=1m"))
		return;
	fd = open(at("f"), O_CREAT | O_RDWR, 0644);
	is(write(fd, buf, sizeof(buf)), (long)sizeof(buf), "write 512 KiB");
	expect_errno(mount(NULL, dir, NULL, MS_REMOUNT, "size=256k"), EINVAL);
	is(sfs().f_blocks, 256, "a refused shrink changes nothing");
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, "size=512k"));
	is(sfs().f_blocks, 128, "shrinking to what is in use is allowed");
	expect_errno(write(fd, buf, 1), ENOSPC);
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, "size=2m"));
	is(sfs().f_blocks, 512, "remount grows size");
	is(sfs().f_bfree, 384, "keeping what is used");
	is(write(fd, buf, 1), 1, "writes go on");
	expect_errno(mount(NULL, dir, NULL, MS_REMOUNT, "nr_inodes=1"),
		     EINVAL);
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, "nr_inodes=100"));
	is(sfs().f_files, 100, "remount changes nr_inodes");
	is(sfs().f_ffree, 98, "keeping the two in use");
	expect_errno(mount(NULL, dir, NULL, MS_REMOUNT, "bogus"), EINVAL);
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, "size=0"));
	is(sfs().f_blocks, 0, "remount size=0 lifts the limit");
	close(fd);
	unmount();
}

static int remount_unprivileged(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	if (mount(NULL, dir, NULL, MS_REMOUNT, "size=2m") == 0)
		return 1;
	return errno == EPERM ? 0 : 3;
}

static void test_eperm(void)
{
	int status;
	pid_t pid;

	if (!ok(tmount("size=1m") == 0, "mount size=1m"))
		return;
	pid = fork();
	if (pid == 0)
		_exit(remount_unprivileged());
	waitpid(pid, &status, 0);
	is(WEXITSTATUS(status), 0, "remount without CAP_SYS_ADMIN is EPERM");
	is(sfs().f_blocks, 256, "and changes nothing");
	unmount();
}

static void test_ramfs(void)
{
	static char buf[2 << 20];
	int fd;

	if (!ok(mount("ramfs", dir, "ramfs", 0, "size=1m,nr_inodes=2,foo") == 0,
		"ramfs ignores size=, nr_inodes= and unknown options"))
		return;
	fd = open(at("f"), O_CREAT | O_RDWR, 0644);
	is(write(fd, buf, sizeof(buf)), (long)sizeof(buf), "and has no limit");
	close(open(at("g"), O_CREAT | O_RDWR, 0644));
	ok(access(at("g"), F_OK) == 0, "nor an inode limit");
	is(sfs().f_blocks, 0, "statfs reports no size");
	expect_errno(fallocate(fd, 0, 0, PG), EOPNOTSUPP);
	close(fd);
	unlink(at("f"));
	unlink(at("g"));
	unmount();
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmpfs-limits-%d", getpid());
	if (mkdir(dir, 0755)) {
		ok(0, "mkdir %s: %s", dir, strerror(errno));
		return tap_done();
	}
	test_size_write();
	test_size_mmap();
	test_fallocate();
	test_nr_inodes();
	test_unlimited();
	test_size_syntax();
	test_root_and_show();
	test_remount();
	test_eperm();
	test_ramfs();
	rmdir(dir);
	return tap_done();
}
