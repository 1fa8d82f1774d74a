/*
 * tests/mntns/umount.c: umount2's flags. MNT_DETACH takes a busy mount
 * (and what is below it) out of the tree at once while open files keep
 * working; MNT_EXPIRE marks an unused mount (EAGAIN) and unmounts it the
 * second time if nothing used it between; MNT_FORCE is an ordinary
 * unmount on tmpfs; UMOUNT_NOFOLLOW does not follow a final symlink.
 * Removing a directory another namespace mounted on detaches that mount;
 * the caller's own mountpoints are EBUSY. Each case in its own mount
 * namespace.
 */
#include "mnt.h"

static char base[64];

static int detach_case(void)
{
	char a[128], sub[128], f[128], buf[8] = { 0 };
	struct stat st, ds;
	int fd, dfd;

	subdir(a, sizeof(a), base, "a");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	subdir(sub, sizeof(sub), a, "sub");
	expect_ok(mount("tmpfs", sub, "tmpfs", 0, NULL));
	snprintf(f, sizeof(f), "%s/f", a);
	fd = open(f, O_CREAT | O_RDWR, 0644);
	write(fd, "kept", 4);
	dfd = open(a, O_RDONLY | O_DIRECTORY);
	expect_errno(umount2(a, 0), EBUSY);
	expect_errno(umount2(a, MNT_FORCE), EBUSY);
	expect_ok(umount2(a, MNT_DETACH));
	ok(!is_mountpoint(a) && !is_mountpoint(sub),
	   "the mount and its submount are gone from the tree");
	expect_errno(access(f, F_OK), ENOENT);
	ok(pread(fd, buf, 4, 0) == 4 && !strcmp(buf, "kept"),
	   "an open file still reads");
	ok(write(fd, "more", 4) == 4, "and writes");
	ok(fstatat(dfd, "f", &st, 0) == 0, "a directory fd still walks in it");
	fstat(dfd, &ds);
	ok(fstatat(dfd, "sub", &st, 0) == 0 && st.st_dev == ds.st_dev,
	   "the submount was cut loose: sub is a plain directory there");
	close(fd);
	close(dfd);
	return tap_done();
}

static int expire_case(void)
{
	char a[128], f[128];

	subdir(a, sizeof(a), base, "a");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	expect_errno(umount2(a, MNT_EXPIRE | MNT_DETACH), EINVAL);
	expect_errno(umount2(a, MNT_EXPIRE | MNT_FORCE), EINVAL);
	expect_errno(umount2(a, MNT_EXPIRE), EAGAIN);
	/* A use in between clears the mark. */
	snprintf(f, sizeof(f), "%s/f", a);
	touch(f);
	expect_errno(umount2(a, MNT_EXPIRE), EAGAIN);
	expect_ok(umount2(a, MNT_EXPIRE));
	ok(!is_mountpoint(a), "the second MNT_EXPIRE unmounted it");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	chdir(a);
	expect_errno(umount2(a, MNT_EXPIRE), EBUSY);
	chdir("/");
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int flags_case(void)
{
	char a[128], l[128], f[128];

	subdir(a, sizeof(a), base, "a");
	snprintf(l, sizeof(l), "%s/link", base);
	symlink(a, l);
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	expect_errno(umount2(l, UMOUNT_NOFOLLOW), EINVAL);
	expect_ok(umount2(l, 0));
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	expect_ok(umount2(a, MNT_FORCE));
	expect_errno(umount2(a, 0), EINVAL);
	expect_errno(umount2(a, 0x10), EINVAL);
	expect_errno(umount2(l, UMOUNT_NOFOLLOW | 0x100), EINVAL);
	snprintf(f, sizeof(f), "%s/nothing", base);
	expect_errno(umount2(f, 0), ENOENT);
	expect_errno(umount2((char *)1, 0), EFAULT);
	expect_errno(umount2("/", MNT_EXPIRE), EINVAL);
	unlink(l);
	return tap_done();
}

/*
 * Another namespace's mountpoint may be removed here (it is an empty
 * directory in ours); the mount there goes with it. Our own: EBUSY.
 */
static int rmdir_case(void)
{
	char a[128], c = 0;
	int up[2], down[2], status;
	pid_t pid;

	subdir(a, sizeof(a), base, "a");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	expect_errno(rmdir(a), EBUSY);
	expect_ok(umount2(a, 0));
	pipe(up);
	pipe(down);
	pid = fork();
	if (pid == 0) {
		int bad = unshare(CLONE_NEWNS) || mount("tmpfs", a, "tmpfs", 0, NULL);

		write(up[1], "m", 1);
		read(down[0], &c, 1);
		_exit(bad ? 2 : is_mountpoint(a) ? 3 : 0);
	}
	read(up[0], &c, 1);
	expect_ok(rmdir(a));
	write(down[1], "r", 1);
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0),
	   "the child's mount on it was detached with the directory");
	return tap_done();
}

int main(void)
{
	char p[128];

	scratch(base, sizeof(base), "umount");
	mkdir(base, 0755);
	ns_case(detach_case);
	ns_case(expire_case);
	ns_case(flags_case);
	ns_case(rmdir_case);
	snprintf(p, sizeof(p), "%s/a/sub", base);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/a", base);
	rmdir(p);
	ok(rmdir(base) == 0, "nothing was left behind");
	return tap_done();
}
