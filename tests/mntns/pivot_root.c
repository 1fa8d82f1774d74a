/*
 * tests/mntns/pivot_root.c: pivot_root(2) in a mount namespace of its
 * own. new_root becomes the root mount, the old root moves onto put_old,
 * and root and cwd of the caller move with it; the errors in Linux's
 * order (EINVAL when the root is not a mount with a parent, as the
 * initramfs root is, or a parent is shared, or put_old is not under
 * new_root; EBUSY for the same mount; ENOTDIR, ENOENT, EPERM); and the
 * container runtimes' pivot_root(".", ".") followed by a lazy unmount of
 * the old root.
 */
#include "mnt.h"

static char base[64];

static long pivot_root(const char *new_root, const char *put_old)
{
	return syscall(SYS_pivot_root, new_root, put_old);
}

/* base/r: a tmpfs with a marker; chroot into it (a mount with a parent). */
static int enter_root(void)
{
	char r[128], m[128];

	subdir(r, sizeof(r), base, "r");
	if (mount("tmpfs", r, "tmpfs", 0, NULL))
		return -1;
	snprintf(m, sizeof(m), "%s/old-marker", r);
	touch(m);
	if (chdir(r) || chroot("."))
		return -1;
	return 0;
}

static int initramfs_root_case(void)
{
	char n[128], o[128];

	subdir(n, sizeof(n), base, "n");
	expect_ok(mount("tmpfs", n, "tmpfs", 0, NULL));
	subdir(o, sizeof(o), n, "old");
	/* The initramfs root has no parent mount: not attached. */
	expect_errno(pivot_root(n, o), EINVAL);
	expect_ok(umount2(n, 0));
	return tap_done();
}

static int errors_case(void)
{
	if (enter_root())
		return 1;
	mkdir("/new", 0755);
	mkdir("/other", 0755);
	touch("/file");
	expect_ok(mount("tmpfs", "/new", "tmpfs", 0, NULL));
	expect_ok(mount("tmpfs", "/other", "tmpfs", 0, NULL));
	mkdir("/new/old", 0755);
	expect_errno(pivot_root("/nothing", "/new/old"), ENOENT);
	expect_errno(pivot_root("/new", "/new/nothing"), ENOENT);
	expect_errno(pivot_root("/file", "/new/old"), ENOTDIR);
	expect_errno(pivot_root("/new", "/file"), ENOTDIR);
	expect_errno(pivot_root("/new", "/other"), EINVAL);
	expect_errno(pivot_root("/new/old", "/new/old"), EINVAL);
	expect_errno(pivot_root("/", "/new/old"), EBUSY);
	expect_errno(pivot_root("/new", "/"), EBUSY);
	expect_ok(mount("none", "/", NULL, MS_SHARED, NULL));
	expect_errno(pivot_root("/new", "/new/old"), EINVAL);
	expect_ok(mount("none", "/", NULL, MS_PRIVATE, NULL));
	expect_ok(umount2("/new", 0));
	expect_ok(umount2("/other", 0));
	return tap_done();
}

static int pivot_case(void)
{
	char cwd[64];

	if (enter_root())
		return 1;
	mkdir("/new", 0755);
	expect_ok(mount("tmpfs", "/new", "tmpfs", 0, NULL));
	mkdir("/new/old", 0755);
	touch("/new/new-marker");
	expect_ok(pivot_root("/new", "/new/old"));
	ok(access("/new-marker", F_OK) == 0, "/ is the new root");
	ok(access("/old/old-marker", F_OK) == 0, "the old root is at put_old");
	ok(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"),
	   "the cwd (the old root) moved to the new root");
	ok(access("new-marker", F_OK) == 0, "relative names agree");
	ok(dev_of("/") != dev_of("/old") && dev_of("/old") != 0,
	   "two filesystems: the new root at /, the old one at /old");
	expect_ok(umount2("/old", MNT_DETACH));
	expect_errno(access("/old/old-marker", F_OK), ENOENT);
	return tap_done();
}

/* runc's way: new root as cwd, pivot_root(".", "."), unmount the old. */
static int dot_dot_case(void)
{
	int oldroot;

	if (enter_root())
		return 1;
	mkdir("/new", 0755);
	expect_ok(mount("tmpfs", "/new", "tmpfs", 0, NULL));
	touch("/new/new-marker");
	oldroot = open("/", O_RDONLY | O_DIRECTORY);
	chdir("/new");
	expect_ok(pivot_root(".", "."));
	expect_ok(fchdir(oldroot));
	expect_ok(mount("", ".", NULL, MS_SLAVE | MS_REC, NULL));
	expect_ok(umount2(".", MNT_DETACH));
	expect_ok(chdir("/"));
	ok(access("/new-marker", F_OK) == 0, "/ is the new root");
	expect_errno(access("/old-marker", F_OK), ENOENT);
	close(oldroot);
	return tap_done();
}

static int unprivileged_case(void)
{
	setgid(65534);
	setuid(65534);
	expect_errno(pivot_root("/nothing", "/nothing"), EPERM);
	return tap_done();
}

int main(void)
{
	char p[128];

	scratch(base, sizeof(base), "pivot");
	mkdir(base, 0755);
	ns_case(initramfs_root_case);
	ns_case(errors_case);
	ns_case(pivot_case);
	ns_case(dot_dot_case);
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	snprintf(p, sizeof(p), "%s/r", base);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/n", base);
	rmdir(p);
	ok(rmdir(base) == 0, "nothing was left behind");
	return tap_done();
}
