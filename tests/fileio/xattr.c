/*
 * tests/fileio/xattr.c: extended attributes as Linux 6.1 keeps them.
 * On a fresh tmpfs: "security." and "trusted." attributes are stored,
 * read back, listed, replaced and removed (XATTR_CREATE: EEXIST,
 * XATTR_REPLACE and a missing name: ENODATA), with the size rules (a
 * zero-size get asks the length, a short buffer is ERANGE, a value over
 * 64 KiB E2BIG, a name of 0 or 256 bytes ERANGE, bad flags EINVAL, an
 * unknown or bare prefix EOPNOTSUPP/EINVAL); "user." attributes are
 * EOPNOTSUPP on 6.1's tmpfs. Without CAP_SYS_ADMIN "trusted." is
 * invisible (ENODATA, not listed) and unwritable (EPERM); "user." on a
 * symlink is EPERM. ramfs keeps none
 * (EOPNOTSUPP, an empty list); the calls are never ENOSYS. The l* calls
 * see the link, the f* calls need a real fd (O_PATH: EBADF).
 */
#include "tap.h"
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/xattr.h>

static char dir[48], file[96], link_path[96];

static int drop_privileges(void)
{
	return setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	       setresuid(65534, 65534, 65534);
}

static void test_store(void)
{
	char buf[64] = "";

	expect_ok(setxattr(file, "trusted.a", "one", 3, 0));
	is(getxattr(file, "trusted.a", NULL, 0), 3, "a zero-size get gives the "
	   "length");
	is(getxattr(file, "trusted.a", buf, sizeof(buf)), 3, "get reads it");
	is_str(buf, "one", "the value");
	expect_errno(getxattr(file, "trusted.a", buf, 2), ERANGE);
	expect_errno(setxattr(file, "trusted.a", "two", 3, XATTR_CREATE),
		     EEXIST);
	expect_ok(setxattr(file, "trusted.a", "three", 5, XATTR_REPLACE));
	memset(buf, 0, sizeof(buf));
	is(getxattr(file, "trusted.a", buf, sizeof(buf)), 5, "replaced");
	is_str(buf, "three", "the new value");
	expect_errno(setxattr(file, "trusted.b", "x", 1, XATTR_REPLACE),
		     ENODATA);
	expect_ok(setxattr(file, "security.tine", "", 0, XATTR_CREATE));
	is(getxattr(file, "security.tine", buf, sizeof(buf)), 0, "an empty "
	   "value is an attribute");
	expect_errno(getxattr(file, "trusted.none", buf, sizeof(buf)),
		     ENODATA);
	expect_errno(removexattr(file, "trusted.none"), ENODATA);
}

static int list_has(const char *list, ssize_t n, const char *name)
{
	for (ssize_t off = 0; off < n; off += strlen(list + off) + 1)
		if (!strcmp(list + off, name))
			return 1;
	return 0;
}

static void test_list(void)
{
	char list[256];
	ssize_t need = listxattr(file, NULL, 0), n;

	is(need, (long)(sizeof("trusted.a") + sizeof("security.tine")),
	   "a zero-size list gives the length");
	n = listxattr(file, list, sizeof(list));
	ok(n == need && list_has(list, n, "trusted.a") &&
	   list_has(list, n, "security.tine"), "list names both (%zd)", n);
	expect_errno(listxattr(file, list, need - 1), ERANGE);
	expect_ok(removexattr(file, "security.tine"));
	n = listxattr(file, list, sizeof(list));
	ok(n == (ssize_t)sizeof("trusted.a") && !list_has(list, n,
							"security.tine"),
	   "a removed attribute is not listed");
}

static void test_limits(void)
{
	static char big[65537];
	char name[300];

	expect_errno(setxattr(file, "trusted.big", big, sizeof(big), 0), E2BIG);
	expect_ok(setxattr(file, "trusted.big", big, 65536, 0));
	is(getxattr(file, "trusted.big", NULL, 0), 65536, "a 64 KiB value");
	expect_ok(removexattr(file, "trusted.big"));
	memset(name, 'a', sizeof(name));
	memcpy(name, "trusted.", 8);
	name[256] = 0;
	expect_errno(setxattr(file, name, "x", 1, 0), ERANGE);
	name[255] = 0;
	expect_errno(getxattr(file, name, NULL, 0), ENODATA);
	expect_errno(setxattr(file, "", "x", 1, 0), ERANGE);
	expect_errno(setxattr(file, "trusted.a", "x", 1, 4), EINVAL);
	expect_errno(setxattr(file, "foo.bar", "x", 1, 0), EOPNOTSUPP);
	expect_errno(getxattr(file, "foo", NULL, 0), EOPNOTSUPP);
	expect_errno(setxattr(file, "trusted.", "x", 1, 0), EINVAL);
	expect_errno(setxattr(file, "user.a", "x", 1, 0), EOPNOTSUPP);
	expect_errno(getxattr(file, "user.a", NULL, 0), EOPNOTSUPP);
	expect_errno(setxattr(file, "trusted.a", (void *)8, 1, 0), EFAULT);
	expect_errno(getxattr(file, (void *)8, NULL, 0), EFAULT);
	expect_errno(setxattr("/nonexistent", "trusted.a", "x", 1, 0), ENOENT);
}

static void test_links_and_fds(void)
{
	char buf[16] = "";
	int fd, pfd;

	expect_ok(lsetxattr(link_path, "trusted.l", "L", 1, 0));
	is(lgetxattr(link_path, "trusted.l", buf, sizeof(buf)), 1, "lgetxattr "
	   "reads the link's own");
	expect_errno(getxattr(link_path, "trusted.l", buf, sizeof(buf)),
		     ENODATA);
	is(getxattr(link_path, "trusted.a", NULL, 0), 5, "getxattr follows the "
	   "link");
	expect_errno(lsetxattr(link_path, "user.x", "x", 1, 0), EPERM);
	expect_ok(lremovexattr(link_path, "trusted.l"));
	is(llistxattr(link_path, buf, sizeof(buf)), 0, "the link has none left");
	fd = open(file, O_RDONLY);
	expect_ok(fsetxattr(fd, "trusted.f", "F", 1, 0));
	is(fgetxattr(fd, "trusted.f", buf, sizeof(buf)), 1, "fgetxattr");
	ok(flistxattr(fd, NULL, 0) > 0, "flistxattr");
	expect_ok(fremovexattr(fd, "trusted.f"));
	pfd = open(file, O_PATH);
	expect_errno(fgetxattr(pfd, "trusted.a", buf, sizeof(buf)), EBADF);
	expect_errno(fsetxattr(-1, "trusted.a", "x", 1, 0), EBADF);
	close(pfd);
	close(fd);
}

/* As nobody: trusted.* is hidden and unwritable. */
static int unprivileged(void)
{
	char list[256];
	ssize_t n;

	if (drop_privileges())
		return 10;
	errno = 0;
	if (getxattr(file, "trusted.a", NULL, 0) != -1 || errno != ENODATA)
		return 1;
	if (setxattr(file, "trusted.n", "x", 1, 0) != -1 || errno != EPERM)
		return 2;
	/* Writing security.* is CAP_SYS_ADMIN's (cap_inode_setxattr), but
	 * Debian's 6.1 has the BPF LSM, whose default hook skips that
	 * check: not tested. */
	if (removexattr(file, "trusted.a") != -1 || errno != EPERM)
		return 4;
	n = listxattr(file, list, sizeof(list));
	if (n < 0 || list_has(list, n, "trusted.a"))
		return 5;
	return 0;
}

static void test_ramfs(const char *where)
{
	char path[160], buf[8];
	int fd;

	snprintf(path, sizeof(path), "%s/f", where);
	fd = open(path, O_CREAT | O_RDWR, 0644);
	close(fd);
	expect_errno(setxattr(path, "trusted.a", "x", 1, 0), EOPNOTSUPP);
	expect_errno(getxattr(path, "security.a", buf, sizeof(buf)),
		     EOPNOTSUPP);
	expect_errno(removexattr(path, "trusted.a"), EOPNOTSUPP);
	is(listxattr(path, buf, sizeof(buf)), 0, "ramfs lists nothing");
	unlink(path);
}

int main(void)
{
	char ram[80];
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/xattr.%d", (int)getpid());
	mkdir(dir, 0755);
	if (!ok(mount("tmpfs", dir, "tmpfs", 0, NULL) == 0, "mount a tmpfs"))
		return tap_done();
	snprintf(file, sizeof(file), "%s/file", dir);
	snprintf(link_path, sizeof(link_path), "%s/link", dir);
	fd = open(file, O_CREAT | O_RDWR, 0644);
	close(fd);
	symlink(file, link_path);
	test_store();
	test_list();
	test_limits();
	test_links_and_fds();
	is(WEXITSTATUS(run_child(unprivileged)), 0, "without CAP_SYS_ADMIN: "
	   "trusted.* hidden and unwritable");
	snprintf(ram, sizeof(ram), "%s/ram", dir);
	mkdir(ram, 0755);
	if (ok(mount("ramfs", ram, "ramfs", 0, NULL) == 0, "mount a ramfs")) {
		test_ramfs(ram);
		umount(ram);
	}
	unlink(link_path);
	unlink(file);
	rmdir(ram);
	umount(dir);
	rmdir(dir);
	return tap_done();
}
