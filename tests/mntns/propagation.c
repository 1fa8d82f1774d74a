/*
 * tests/mntns/propagation.c: shared, slave, private and unbindable
 * mounts. Mounts and unmounts on a shared mount happen on its peers; a
 * slave receives from its master but sends nothing back; a private
 * mount neither; an unbindable one cannot be bind mounted. mountinfo
 * shows shared:N and master:N. A namespace copied by root keeps its
 * copies peers of the originals; one copied into a new user namespace
 * gets slaves. MS_MOVE and its errors.
 */
#include "mnt.h"

static char base[64];

/* base/a: a tmpfs, made shared; base/b: a bind mount of it (a peer). */
static void make_peers(char *a, char *b)
{
	subdir(a, 128, base, "a");
	subdir(b, 128, base, "b");
	mount("tmpfs", a, "tmpfs", 0, NULL);
	expect_ok(mount("none", a, NULL, MS_SHARED, NULL));
	expect_ok(mount(a, b, NULL, MS_BIND, NULL));
}

static int shared_case(void)
{
	char a[128], b[128], ax[128], bx[128], ay[128], by[128];
	int ga;

	make_peers(a, b);
	ga = mnt_tag_value(a, "shared:");
	ok(ga > 0, "the shared mount has a peer group");
	is(mnt_tag_value(b, "shared:"), ga, "its bind mount is in it too");
	subdir(ax, sizeof(ax), a, "x");
	snprintf(bx, sizeof(bx), "%s/x", b);
	expect_ok(mount("tmpfs", ax, "tmpfs", 0, NULL));
	ok(is_mountpoint(bx) && dev_of(bx) == dev_of(ax),
	   "a mount on one peer appears on the other");
	ok(mnt_tag_value(ax, "shared:") > 0 &&
	   mnt_tag_value(ax, "shared:") == mnt_tag_value(bx, "shared:") &&
	   mnt_tag_value(ax, "shared:") != ga,
	   "the two are peers of a new group");
	subdir(ay, sizeof(ay), a, "y");
	snprintf(by, sizeof(by), "%s/y", b);
	expect_ok(mount("tmpfs", by, "tmpfs", 0, NULL));
	ok(is_mountpoint(ay), "and the other way round");
	expect_ok(umount2(ax, 0));
	ok(!is_mountpoint(bx), "an unmount propagates too");
	expect_ok(umount2(ay, 0));
	ok(!is_mountpoint(by), "both ways");
	expect_ok(umount2(b, 0));
	ok(mnt_has_tag(a, "shared:"), "alone in its group, a stays shared");
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int slave_case(void)
{
	char a[128], b[128], ax[128], bx[128], ay[128], by[128];
	int ga;

	make_peers(a, b);
	ga = mnt_tag_value(a, "shared:");
	expect_ok(mount("none", b, NULL, MS_SLAVE, NULL));
	ok(!mnt_has_tag(b, "shared:"), "a slave is no longer shared");
	is(mnt_tag_value(b, "master:"), ga, "its master is the old peer group");
	subdir(ax, sizeof(ax), a, "x");
	snprintf(bx, sizeof(bx), "%s/x", b);
	expect_ok(mount("tmpfs", ax, "tmpfs", 0, NULL));
	ok(is_mountpoint(bx), "the master's mount reaches the slave");
	is(mnt_tag_value(bx, "master:"), mnt_tag_value(ax, "shared:"),
	   "as a slave of the new mount");
	subdir(ay, sizeof(ay), a, "y");
	snprintf(by, sizeof(by), "%s/y", b);
	expect_ok(mount("tmpfs", by, "tmpfs", 0, NULL));
	ok(!is_mountpoint(ay), "the slave's mount does not reach the master");
	expect_ok(umount2(by, 0));
	expect_ok(umount2(ax, 0));
	ok(!is_mountpoint(bx), "the master's unmount reaches the slave");
	/* Shared and slave at once. */
	expect_ok(mount("none", b, NULL, MS_SHARED, NULL));
	ok(mnt_has_tag(b, "shared:") && mnt_tag_value(b, "master:") == ga,
	   "made shared, a slave has both tags");
	expect_ok(umount2(b, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int private_case(void)
{
	char a[128], b[128], ax[128], bx[128], ay[128], by[128];

	make_peers(a, b);
	expect_ok(mount("none", b, NULL, MS_PRIVATE, NULL));
	ok(!mnt_has_tag(b, "shared:") && !mnt_has_tag(b, "master:"),
	   "a private mount has no tags");
	subdir(ax, sizeof(ax), a, "x");
	snprintf(bx, sizeof(bx), "%s/x", b);
	subdir(ay, sizeof(ay), a, "y");
	snprintf(by, sizeof(by), "%s/y", b);
	expect_ok(mount("tmpfs", ax, "tmpfs", 0, NULL));
	expect_ok(mount("tmpfs", by, "tmpfs", 0, NULL));
	ok(!is_mountpoint(bx) && !is_mountpoint(ay),
	   "nothing propagates either way");
	expect_ok(umount2(ax, 0));
	expect_ok(umount2(by, 0));
	expect_ok(umount2(b, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int unbindable_case(void)
{
	char a[128], b[128], u[128], bu[128];

	subdir(a, sizeof(a), base, "a");
	subdir(b, sizeof(b), base, "b");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	subdir(u, sizeof(u), a, "u");
	expect_ok(mount("tmpfs", u, "tmpfs", 0, NULL));
	expect_ok(mount("none", u, NULL, MS_UNBINDABLE, NULL));
	ok(mnt_has_tag(u, "unbindable"), "mountinfo says unbindable");
	expect_errno(mount(u, b, NULL, MS_BIND, NULL), EINVAL);
	expect_ok(mount(a, b, NULL, MS_BIND | MS_REC, NULL));
	snprintf(bu, sizeof(bu), "%s/u", b);
	ok(!is_mountpoint(bu), "a recursive bind leaves it out");
	expect_ok(umount2(b, 0));
	/* One type at a time, on a mount's root. */
	expect_errno(mount("none", a, NULL, MS_SHARED | MS_PRIVATE, NULL),
		     EINVAL);
	expect_errno(mount("none", a, NULL, MS_SHARED | MS_RDONLY, NULL),
		     EINVAL);
	expect_ok(mount("none", a, NULL, MS_SHARED | MS_REC | MS_SILENT, NULL));
	ok(mnt_has_tag(a, "shared:") && mnt_has_tag(u, "shared:"),
	   "MS_REC|MS_SHARED reaches the submount");
	ok(!mnt_has_tag(u, "unbindable"), "and it is bindable again");
	expect_ok(umount2(u, 0));
	expect_errno(mount("none", u, NULL, MS_PRIVATE, NULL), EINVAL);
	expect_ok(umount2(a, 0));
	return tap_done();
}

/* One byte through a pipe: a step of the other side is done. */
static void signal_fd(int fd)
{
	write(fd, "x", 1);
}

static void wait_fd(int fd)
{
	char c;

	read(fd, &c, 1);
}

/*
 * Across namespaces: a copy made by root is a peer of its original, so
 * mounts propagate both ways; one made with a new user namespace is a
 * slave: it only receives.
 */
static void cross_ns(int userns)
{
	char t[128], tm[128], tp[128];
	int up[2], down[2], status;
	pid_t pid;

	subdir(t, sizeof(t), base, "t");
	mount("tmpfs", t, "tmpfs", 0, NULL);
	mount("none", t, NULL, MS_SHARED, NULL);
	subdir(tm, sizeof(tm), t, "m");
	subdir(tp, sizeof(tp), t, "p");
	pipe(up);
	pipe(down);
	pid = fork();
	if (pid == 0) {
		int bad = unshare(CLONE_NEWNS | (userns ? CLONE_NEWUSER : 0));

		tap_failures = 0;
		ok(!bad, "the child has its own namespace");
		if (userns)
			ok(mnt_has_tag(t, "master:") && !mnt_has_tag(t, "shared:"),
			   "the copy in a user namespace is a slave");
		else
			ok(mnt_has_tag(t, "shared:"), "the copy is shared");
		expect_ok(mount("tmpfs", tm, "tmpfs", 0, NULL));
		signal_fd(up[1]);
		wait_fd(down[0]);	/* the parent mounted on tp */
		ok(is_mountpoint(tp), "the parent's mount reached the child");
		expect_ok(umount2(tm, 0));
		signal_fd(up[1]);
		_exit(tap_done());
	}
	wait_fd(up[0]);
	if (userns)
		ok(!is_mountpoint(tm), "the slave's mount did not come back");
	else
		ok(is_mountpoint(tm), "the peer's mount came back");
	expect_ok(mount("tmpfs", tp, "tmpfs", 0, NULL));
	signal_fd(down[1]);
	wait_fd(up[0]);
	ok(!is_mountpoint(tm), "after the child's unmount, not mounted here");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the child's side passed");
	umount2(t, MNT_DETACH);
}

static int cross_ns_case(void)
{
	cross_ns(0);
	return tap_done();
}

static int cross_userns_case(void)
{
	cross_ns(1);
	return tap_done();
}

/* A copy in use elsewhere keeps the unmount from happening: EBUSY. */
static int busy_copy_case(void)
{
	char a[128], b[128], ax[128], bx[128];

	make_peers(a, b);
	subdir(ax, sizeof(ax), a, "x");
	snprintf(bx, sizeof(bx), "%s/x", b);
	expect_ok(mount("tmpfs", ax, "tmpfs", 0, NULL));
	chdir(bx);
	expect_errno(umount2(ax, 0), EBUSY);
	chdir("/");
	expect_ok(umount2(ax, 0));
	expect_ok(umount2(b, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

/* A propagated mount goes under what is already mounted there. */
static int tuck_case(void)
{
	char a[128], b[128], ax[128], bx[128];
	dev_t mine;

	make_peers(a, b);
	expect_ok(mount("none", b, NULL, MS_SLAVE, NULL));
	subdir(ax, sizeof(ax), a, "x");
	snprintf(bx, sizeof(bx), "%s/x", b);
	expect_ok(mount("tmpfs", bx, "tmpfs", 0, NULL));
	mine = dev_of(bx);
	expect_ok(mount("tmpfs", ax, "tmpfs", 0, NULL));
	is(dev_of(bx), mine, "the slave's own mount stays on top");
	expect_ok(umount2(bx, 0));
	ok(dev_of(bx) == dev_of(ax), "the propagated one was under it");
	expect_ok(umount2(ax, 0));
	ok(!is_mountpoint(bx), "and goes with its master's unmount");
	expect_ok(umount2(b, 0));
	expect_ok(umount2(a, 0));
	return tap_done();
}

static int move_case(void)
{
	char a[128], b[128], s[128], bs[128], ax[128];

	subdir(a, sizeof(a), base, "a");
	subdir(b, sizeof(b), base, "b");
	expect_ok(mount("tmpfs", a, "tmpfs", 0, NULL));
	subdir(s, sizeof(s), a, "s");
	subdir(ax, sizeof(ax), a, "x");
	expect_ok(mount("tmpfs", s, "tmpfs", 0, NULL));
	subdir(bs, sizeof(bs), s, "in");
	expect_ok(mount(s, b, NULL, MS_MOVE, NULL));
	ok(is_mountpoint(b) && !is_mountpoint(s), "MS_MOVE moves the mount");
	snprintf(bs, sizeof(bs), "%s/in", b);
	ok(access(bs, F_OK) == 0, "with what is in it");
	expect_errno(mount(ax, b, NULL, MS_MOVE, NULL), EINVAL);
	expect_errno(mount(a, ax, NULL, MS_MOVE, NULL), ELOOP);
	expect_errno(mount("/", b, NULL, MS_MOVE, NULL), EINVAL);
	expect_errno(mount(NULL, b, NULL, MS_MOVE, NULL), EINVAL);
	expect_ok(mount(b, s, NULL, MS_MOVE, NULL));
	/* Not out of a shared parent. */
	expect_ok(mount("none", a, NULL, MS_SHARED, NULL));
	expect_errno(mount(s, b, NULL, MS_MOVE, NULL), EINVAL);
	expect_ok(umount2(a, MNT_DETACH));
	return tap_done();
}

static void cleanup(void)
{
	static const char *const dirs[] = { "a", "b", "t" };
	char p[128];

	for (unsigned int i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", base, dirs[i]);
		rmdir(p);
	}
}

int main(void)
{
	scratch(base, sizeof(base), "prop");
	mkdir(base, 0755);
	ns_case(shared_case);
	ns_case(slave_case);
	ns_case(private_case);
	ns_case(unbindable_case);
	ns_case(cross_ns_case);
	ns_case(cross_userns_case);
	ns_case(busy_copy_case);
	ns_case(tuck_case);
	ns_case(move_case);
	cleanup();
	ok(rmdir(base) == 0, "nothing was left behind");
	return tap_done();
}
