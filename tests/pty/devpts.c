/*
 * tests/pty/devpts.c: the devpts filesystem and opening ptys. Every
 * mount of devpts is an instance of its own (numbers from 0, its own
 * ptmx with ptmxmode=); /dev/ptmx reaches the instance on /dev/pts;
 * slaves start locked (EIO) until unlockpt; TIOCGPTN, TIOCGPTPEER;
 * nodes take mode=, gid= and the opener's uid and vanish when the
 * master closes; bad options are EINVAL; ENOTTY and EACCES paths.
 */
#include "ptyutil.h"
#include <grp.h>
#include <stdlib.h>
#include <sys/sysmacros.h>

static char dir_a[64], dir_b[64];

static void test_instances(void)
{
	char path[128];
	struct stat st;
	int a, b, na = -1, nb = -1;

	scratch(dir_a, sizeof(dir_a), "ptsa");
	scratch(dir_b, sizeof(dir_b), "ptsb");
	mkdir(dir_a, 0755);
	mkdir(dir_b, 0755);
	expect_errno(mount("devpts", dir_a, "devpts", 0, "bogus=1"), EINVAL);
	expect_ok(mount("devpts", dir_a, "devpts", 0, "ptmxmode=0666,mode=0640"));
	expect_ok(mount("devpts", dir_b, "devpts", 0, NULL));
	snprintf(path, sizeof(path), "%s/ptmx", dir_a);
	ok(sys_stat(path, &st) == 0 && S_ISCHR(st.st_mode), "ptmx in the instance");
	is(st.st_mode & 07777, 0666, "ptmxmode= sets its mode");
	is(major(st.st_rdev), 5, "ptmx is 5:2 (major)");
	is(minor(st.st_rdev), 2, "ptmx is 5:2 (minor)");
	snprintf(path, sizeof(path), "%s/ptmx", dir_b);
	ok(sys_stat(path, &st) == 0, "ptmx in the second instance");
	is(st.st_mode & 07777, 0, "ptmxmode defaults to 0");

	snprintf(path, sizeof(path), "%s/ptmx", dir_a);
	a = expect_ok(open(path, O_RDWR | O_NOCTTY));
	snprintf(path, sizeof(path), "%s/ptmx", dir_b);
	b = expect_ok(open(path, O_RDWR | O_NOCTTY));
	ioctl(a, TIOCGPTN, &na);
	ioctl(b, TIOCGPTN, &nb);
	is(na, 0, "first pty of instance a is 0");
	is(nb, 0, "first pty of instance b is 0 too");
	snprintf(path, sizeof(path), "%s/0", dir_a);
	ok(sys_stat(path, &st) == 0 && S_ISCHR(st.st_mode), "a/0 exists");
	is(st.st_mode & 07777, 0640, "mode= sets the slave's mode");
	is(major(st.st_rdev), 136, "slave major 136");
	is(st.st_uid, getuid(), "slave owned by the opener");
	close(a);
	ok(sys_stat(path, &st) == -1 && errno == ENOENT, "a/0 gone with its master");
	close(b);
	expect_ok(umount(dir_a));
	expect_ok(umount(dir_b));
	rmdir(dir_a);
	rmdir(dir_b);
}

static void test_open_lock(void)
{
	char name[64], path[64];
	struct stat st, st2;
	int m, s, p, n = -1, lock = -1;

	m = expect_ok(posix_openpt(O_RDWR | O_NOCTTY));
	ok(ioctl(m, TIOCGPTN, &n) == 0 && n >= 0, "TIOCGPTN gives a number");
	ok(ptsname_r(m, name, sizeof(name)) == 0, "ptsname");
	snprintf(path, sizeof(path), "/dev/pts/%d", n);
	is_str(name, path, "ptsname is /dev/pts/N");
	ok(ioctl(m, TIOCGPTLCK, &lock) == 0 && lock == 1, "new pty is locked");
	expect_errno(open(name, O_RDWR | O_NOCTTY), EIO);
	expect_errno(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY), EIO);
	is(grantpt(m), 0, "grantpt");
	is(unlockpt(m), 0, "unlockpt");
	ok(ioctl(m, TIOCGPTLCK, &lock) == 0 && lock == 0, "unlocked");
	s = expect_ok(open(name, O_RDWR | O_NOCTTY));
	ok(sys_stat(name, &st) == 0 && (st.st_mode & 07777) == 0620 &&
	   st.st_gid == 5, "mode 620, group 5 (%o %d)", st.st_mode & 07777,
	   (int)st.st_gid);
	p = expect_ok(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY));
	ok(sys_fstat(p, &st2) == 0 && st2.st_rdev == st.st_rdev &&
	   st2.st_ino == st.st_ino, "TIOCGPTPEER opens the same slave");
	ok(isatty(s) && isatty(p) && isatty(m), "all three are ttys");
	expect_errno(ioctl(s, TIOCGPTN, &n), ENOTTY);
	expect_errno(ioctl(s, TIOCSPTLCK, &n), ENOTTY);
	expect_errno(ioctl(s, TIOCGPGRP, &n), ENOTTY);
	expect_errno(ioctl(s, TIOCGSID, &n), ENOTTY);
	n = getpgrp();
	expect_errno(ioctl(s, TIOCSPGRP, &n), ENOTTY);
	expect_errno(ioctl(m, TIOCGPTN, NULL), EFAULT);
	close(p);
	close(s);
	close(m);
}

/* An unprivileged user may not open root's 0620 slave for reading. */
static int unpriv_open(void)
{
	char name[64];
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0 || unlockpt(m) || ptsname_r(m, name, sizeof(name)))
		return 2;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 3;
	if (open(name, O_RDWR) != -1 || errno != EACCES)
		return 4;
	/* Not a session leader: TIOCSCTTY is EPERM. */
	if (ioctl(m, TIOCSCTTY, 0) != -1 || errno != EPERM)
		return 5;
	return 0;
}

static void test_mknod_elsewhere(void)
{
	char path[64];
	int m, n = -1;

	m = expect_ok(posix_openpt(O_RDWR | O_NOCTTY));
	unlockpt(m);
	ioctl(m, TIOCGPTN, &n);
	scratch(path, sizeof(path), "ptsnode");
	if (mknod(path, S_IFCHR | 0600, makedev(136, n)) == 0) {
		expect_errno(open(path, O_RDWR | O_NOCTTY), EIO);
		unlink(path);
	}
	close(m);
}

int main(void)
{
	if (pty_setup()) {
		diag("cannot mount devpts on /dev/pts: %s", strerror(errno));
		return 1;
	}
	test_instances();
	test_open_lock();
	is(run_child(unpriv_open), 0, "EACCES and EPERM as an unprivileged user");
	test_mknod_elsewhere();
	return tap_done();
}
