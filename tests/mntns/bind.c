/*
 * tests/mntns/bind.c: bind mounts (a directory or a file seen at a
 * second place; MS_REC takes the mounts below along, plain MS_BIND does
 * not), their errors, and remounts: MS_REMOUNT|MS_BIND|MS_RDONLY makes
 * one mount read-only (EROFS through it, EBUSY while a file is open for
 * writing there), MS_REMOUNT|MS_RDONLY the whole filesystem; mountinfo
 * shows the bind's root within its filesystem. Each case runs in a
 * mount namespace of its own.
 */
#include "mnt.h"

static char base[64];

static int bind_dir_case(void)
{
	char a[128], b[128], sub[128], f[128], g[128], line[1024];

	subdir(a, sizeof(a), base, "a");
	subdir(b, sizeof(b), base, "b");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	subdir(sub, sizeof(sub), a, "sub");
	snprintf(f, sizeof(f), "%s/file", sub);
	touch(f);
	expect_ok(mount(sub, b, NULL, MS_BIND, NULL));
	snprintf(g, sizeof(g), "%s/file", b);
	ok(access(g, F_OK) == 0, "the bound directory shows at its new place");
	is(dev_of(b), dev_of(a), "on the same filesystem");
	ok(mountinfo_line(b, line, sizeof(line)) == 0 &&
	   strstr(line, " /sub ") != NULL,
	   "mountinfo's root field is the directory within the filesystem");
	unlink(g);
	expect_errno(access(f, F_OK), ENOENT);
	expect_ok(umount2(b, 0));
	expect_errno(access(g, F_OK), ENOENT);
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int bind_file_case(void)
{
	char f1[128], f2[128], d[128], buf[8] = { 0 };
	int fd;

	snprintf(f1, sizeof(f1), "%s/f1", base);
	snprintf(f2, sizeof(f2), "%s/f2", base);
	subdir(d, sizeof(d), base, "d");
	fd = open(f1, O_CREAT | O_RDWR, 0644);
	write(fd, "one", 3);
	close(fd);
	touch(f2);
	expect_ok(mount(f1, f2, NULL, MS_BIND, NULL));
	fd = open(f2, O_RDONLY);
	read(fd, buf, 3);
	close(fd);
	is_str(buf, "one", "a file bound onto a file reads as the source");
	expect_errno(mount(f1, d, NULL, MS_BIND, NULL), ENOTDIR);
	expect_errno(mount(d, f1, NULL, MS_BIND, NULL), ENOTDIR);
	expect_errno(unlink(f2), EBUSY);
	expect_ok(umount2(f2, 0));
	unlink(f1);
	unlink(f2);
	return tap_done();
}

/* MS_REC copies the mounts below; plain MS_BIND shows what they cover. */
static int bind_rec_case(void)
{
	char a[128], b[128], c[128], in_a[128], in_b[128], in_c[128];

	subdir(a, sizeof(a), base, "a");
	subdir(b, sizeof(b), base, "b");
	subdir(c, sizeof(c), base, "c");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	subdir(in_a, sizeof(in_a), a, "m");
	expect_ok(mount("tmpfs", in_a, "tmpfs", 0, NULL));
	expect_ok(mount(a, b, NULL, MS_BIND, NULL));
	expect_ok(mount(a, c, NULL, MS_BIND | MS_REC, NULL));
	snprintf(in_b, sizeof(in_b), "%s/m", b);
	snprintf(in_c, sizeof(in_c), "%s/m", c);
	ok(dev_of(in_b) == dev_of(b), "MS_BIND: the submount is not there");
	ok(dev_of(in_c) == dev_of(in_a) && dev_of(in_c) != dev_of(c),
	   "MS_BIND|MS_REC: it is");
	expect_errno(umount2(c, 0), EBUSY);
	expect_ok(umount2(c, MNT_DETACH));
	expect_ok(umount2(b, 0));
	expect_errno(umount2(a, 0), EBUSY);
	expect_ok(umount2(in_a, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int bind_errors_case(void)
{
	char a[128], none[128];

	subdir(a, sizeof(a), base, "e");
	snprintf(none, sizeof(none), "%s/none", base);
	expect_errno(mount(none, a, NULL, MS_BIND, NULL), ENOENT);
	expect_errno(mount(NULL, a, NULL, MS_BIND, NULL), EINVAL);
	expect_errno(mount("", a, NULL, MS_BIND, NULL), EINVAL);
	expect_errno(mount(a, none, NULL, MS_BIND, NULL), ENOENT);
	expect_errno(mount("tmpfs", a, "tmpfs", 1U << 31, NULL), EINVAL);
	return tap_done();
}

/* A read-only bind mount: EROFS through it, writable elsewhere. */
static int remount_bind_ro_case(void)
{
	char a[128], b[128], fa[128], fb[128], line[1024];
	struct statfs sf;
	int fd;

	subdir(a, sizeof(a), base, "a");
	subdir(b, sizeof(b), base, "b");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	expect_ok(mount(a, b, NULL, MS_BIND, NULL));
	snprintf(fa, sizeof(fa), "%s/x", a);
	snprintf(fb, sizeof(fb), "%s/x", b);
	touch(fa);
	fd = open(fb, O_WRONLY);
	expect_errno(mount("none", b, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
			   NULL), EBUSY);
	close(fd);
	expect_ok(mount("none", b, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
			NULL));
	expect_errno(open(fb, O_WRONLY), EROFS);
	expect_errno(open(fb, O_RDWR | O_TRUNC), EROFS);
	expect_errno(truncate(fb, 0), EROFS);
	expect_errno(mkdir(fb, 0755), EEXIST);
	snprintf(fb, sizeof(fb), "%s/new", b);
	expect_errno(mkdir(fb, 0755), EROFS);
	expect_errno(open(fb, O_CREAT | O_WRONLY, 0644), EROFS);
	snprintf(fb, sizeof(fb), "%s/x", b);
	expect_errno(unlink(fb), EROFS);
	expect_errno(chmod(fb, 0600), EROFS);
	ok(statfs(b, &sf) == 0 && (sf.f_flags & ST_RDONLY), "statfs: ST_RDONLY");
	ok(statfs(a, &sf) == 0 && !(sf.f_flags & ST_RDONLY),
	   "the other mount is not");
	fd = open(fa, O_WRONLY);
	ok(fd >= 0, "and is writable");
	close(fd);
	ok(mountinfo_line(b, line, sizeof(line)) == 0 &&
	   strstr(line, " ro,") && strstr(line, " - tmpfs tmpfs rw"),
	   "mountinfo: ro for the mount, rw for the filesystem");
	expect_ok(mount("none", b, NULL, MS_REMOUNT | MS_BIND, NULL));
	fd = open(fb, O_WRONLY);
	ok(fd >= 0, "writable again after a remount without MS_RDONLY");
	close(fd);
	/* MS_BIND ignores MS_RDONLY: a new bind mount is read-write. */
	expect_ok(umount2(b, 0));
	expect_ok(mount(a, b, NULL, MS_BIND | MS_RDONLY, NULL));
	ok(statfs(b, &sf) == 0 && !(sf.f_flags & ST_RDONLY),
	   "MS_BIND|MS_RDONLY makes a writable bind mount");
	expect_ok(umount2(b, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

/* MS_REMOUNT|MS_RDONLY: the filesystem, so every mount of it. */
static int remount_sb_ro_case(void)
{
	char a[128], b[128], fa[128], fb[128], line[1024];
	struct statfs sf;
	int fd;

	subdir(a, sizeof(a), base, "a");
	subdir(b, sizeof(b), base, "b");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	expect_ok(mount(a, b, NULL, MS_BIND, NULL));
	snprintf(fa, sizeof(fa), "%s/x", a);
	snprintf(fb, sizeof(fb), "%s/x", b);
	fd = open(fb, O_CREAT | O_WRONLY, 0644);
	expect_errno(mount("none", a, NULL, MS_REMOUNT | MS_RDONLY, NULL),
		     EBUSY);
	close(fd);
	expect_ok(mount("none", a, NULL, MS_REMOUNT | MS_RDONLY, NULL));
	expect_errno(open(fb, O_WRONLY), EROFS);
	expect_errno(open(fa, O_WRONLY), EROFS);
	ok(statfs(b, &sf) == 0 && (sf.f_flags & ST_RDONLY),
	   "the other mount of it is read-only too");
	ok(mountinfo_line(b, line, sizeof(line)) == 0 && strstr(line, " rw,") &&
	   strstr(line, " - tmpfs tmpfs ro"),
	   "mountinfo: rw for the mount, ro for the filesystem");
	ok(strstr(slurp("/proc/self/mounts"), " tmpfs ro,") != NULL,
	   "/proc/self/mounts says ro");
	expect_ok(mount("none", a, NULL, MS_REMOUNT, NULL));
	fd = open(fb, O_WRONLY);
	ok(fd >= 0, "writable after remounting it read-write");
	close(fd);
	expect_errno(mount("none", fa, NULL, MS_REMOUNT, NULL), EINVAL);
	expect_ok(umount2(b, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

/* Remove what the cases left in base (on the shared /tmp). */
static void cleanup(void)
{
	static const char *const dirs[] = { "a", "b", "c", "d", "e" };
	char p[128];

	for (unsigned int i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s/sub", base, dirs[i]);
		rmdir(p);
		snprintf(p, sizeof(p), "%s/%s", base, dirs[i]);
		rmdir(p);
	}
}

int main(void)
{
	scratch(base, sizeof(base), "bind");
	mkdir(base, 0755);
	ns_case(bind_dir_case);
	ns_case(bind_file_case);
	ns_case(bind_rec_case);
	ns_case(bind_errors_case);
	ns_case(remount_bind_ro_case);
	ns_case(remount_sb_ro_case);
	cleanup();
	ok(rmdir(base) == 0, "nothing was left behind");
	return tap_done();
}
