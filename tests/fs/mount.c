/*
 * tests/fs/mount.c: mount(2) of a tmpfs on a new directory: files made
 * there vanish from view with umount2 and the underlying directory shows
 * again; EBUSY while in use, and the EINVAL/ENOENT/ENODEV/ENOTDIR cases.
 */
#include "tap.h"
#include <sys/mount.h>

static char dir[64];

static const char *in_dir(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

static void test_mount_cycle(void)
{
	char under[96], file[96];
	struct stat before, after;

	close(open(in_dir(under, sizeof(under), "under"), O_CREAT | O_WRONLY, 0644));
	stat(dir, &before);
	expect_ok(mount("tmpfs", dir, "tmpfs", 0, "size=1m"));
	stat(dir, &after);
	ok(after.st_dev != before.st_dev, "the mount point now shows another fs");
	expect_errno(access(under, F_OK), ENOENT);
	close(open(in_dir(file, sizeof(file), "f"), O_CREAT | O_WRONLY, 0644));
	ok(access(file, F_OK) == 0, "a file can be made on the new tmpfs");
	expect_ok(umount2(dir, 0));
	expect_errno(access(file, F_OK), ENOENT);
	ok(access(under, F_OK) == 0, "after umount2 the old contents show again");
	stat(dir, &after);
	ok(after.st_dev == before.st_dev, "the directory is back on its own fs");
	unlink(under);
}

static void test_busy(void)
{
	char file[96];
	int fd;

	mount("tmpfs", dir, "tmpfs", 0, NULL);
	fd = open(in_dir(file, sizeof(file), "busy"), O_CREAT | O_RDWR, 0644);
	expect_errno(umount2(dir, 0), EBUSY);
	close(fd);
	chdir(dir);
	expect_errno(umount2(dir, 0), EBUSY);
	chdir("/");
	expect_ok(umount2(dir, 0));
	expect_errno(umount2(dir, 0), EINVAL);
}

static void test_errors(void)
{
	char file[96];

	expect_errno(mount("tmpfs", "/tmp/no-such-dir", "tmpfs", 0, NULL), ENOENT);
	expect_errno(mount("none", dir, "no-such-fstype", 0, NULL), ENODEV);
	close(open(in_dir(file, sizeof(file), "file"), O_CREAT | O_WRONLY, 0644));
	expect_errno(mount("tmpfs", in_dir(file, sizeof(file), "file/x"), "tmpfs",
			   0, NULL), ENOTDIR);
	expect_errno(umount2("/tmp/no-such-dir", 0), ENOENT);
	expect_errno(umount2(dir, 0), EINVAL);
	expect_errno(umount2(dir, 0x100), EINVAL);
	unlink(file);
}

/* /tmp and /dev/shm are writable tmpfs mounts made by init. */
static void test_scratch_dirs(void)
{
	static const char *dirs[] = { "/tmp", "/dev/shm" };
	char path[64];
	unsigned i;
	int fd;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/w.%d", dirs[i], getpid());
		fd = open(path, O_CREAT | O_RDWR, 0644);
		ok(fd >= 0 && write(fd, "x", 1) == 1, "%s is writable", dirs[i]);
		close(fd);
		unlink(path);
	}
}

int main(void)
{
	scratch(dir, sizeof(dir), "mnt");
	mkdir(dir, 0755);
	test_mount_cycle();
	test_busy();
	test_errors();
	test_scratch_dirs();
	rmdir(dir);
	return tap_done();
}
