/*
 * tests/cred/setuid.c: the set*id family and what it does to the
 * capability sets (Linux's cap_emulate_setxuid rules): leaving uid 0
 * drops permitted and effective (unless keepcaps) and ambient; euid 0
 * out and back in clears and restores effective; setfsuid moves only the
 * filesystem capabilities. Unprivileged callers may only move between
 * their own ids. Each case runs in a child (credentials are per process).
 */
#include "cred.h"

#define FS_CAPS (CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_DAC_OVERRIDE) | \
		 CAP_BIT(CAP_DAC_READ_SEARCH) | CAP_BIT(CAP_FOWNER) | \
		 CAP_BIT(CAP_FSETID) | CAP_BIT(9) /* LINUX_IMMUTABLE */ | \
		 CAP_BIT(CAP_MKNOD) | (1ULL << 32))

static int check_ids(uid_t r, uid_t e, uid_t s)
{
	uid_t a, b, c;

	getresuid(&a, &b, &c);
	return a == r && b == e && c == s;
}

static int drop_all(void)
{
	struct caps c = { 0 };

	is(drop_to(1000, 1000), 0, "root drops to uid 1000");
	ok(check_ids(1000, 1000, 1000), "getresuid is 1000 1000 1000");
	get_caps(0, &c);
	is(c.prm, 0, "permitted set is empty");
	is(c.eff, 0, "effective set is empty");
	is(status_cap("/proc/self/status", "CapBnd"), CAP_ALL,
	   "bounding set is untouched");
	expect_errno(setuid(0), EPERM);
	expect_errno(syscall(SYS_setresuid, -1, 0, -1), EPERM);
	expect_errno(syscall(SYS_setreuid, -1, 1001), EPERM);
	expect_errno(syscall(SYS_setgid, 0), EPERM);
	expect_errno(syscall(SYS_setgroups, 0, NULL), EPERM);
	is(syscall(SYS_setresuid, 1000, 1000, 1000), 0,
	   "setresuid to our own ids is allowed");
	return tap_done();
}

static int saved_root(void)
{
	struct caps c = { 0 };

	expect_ok(syscall(SYS_setresuid, 1000, 1000, 0));
	get_caps(0, &c);
	is(c.prm, CAP_ALL, "saved uid 0: permitted kept");
	is(c.eff, 0, "euid left 0: effective cleared");
	expect_ok(syscall(SYS_setresuid, -1, 0, -1));
	get_caps(0, &c);
	is(c.eff, CAP_ALL, "euid back to 0: effective = permitted");
	ok(check_ids(1000, 0, 0), "ids are 1000 0 0");
	expect_ok(syscall(SYS_setresuid, 1000, 1000, 1000));
	get_caps(0, &c);
	is(c.prm, 0, "no uid 0 left: permitted dropped");
	expect_errno(syscall(SYS_setresuid, -1, 0, -1), EPERM);
	return tap_done();
}

static int keepcaps(void)
{
	struct caps c = { 0 };

	is(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0, "keepcaps off by default");
	expect_errno(prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);
	expect_ok(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
	is(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1, "PR_GET_KEEPCAPS says 1");
	expect_ok(syscall(SYS_setresuid, 1000, 1000, 1000));
	get_caps(0, &c);
	is(c.prm, CAP_ALL, "keepcaps: permitted kept across setresuid");
	is(c.eff, 0, "keepcaps: effective still cleared");
	is(set_caps(CAP_BIT(CAP_KILL), CAP_ALL, 0), 0,
	   "a permitted capability can be made effective again");
	get_caps(0, &c);
	is(c.eff, CAP_BIT(CAP_KILL), "CAP_KILL effective");
	return tap_done();
}

static int fsuid(void)
{
	struct caps c = { 0 };

	is(syscall(SYS_setfsuid, 1000), 0, "setfsuid returns the old fsuid");
	is(syscall(SYS_setfsuid, -1), 1000, "setfsuid(-1) only reports it");
	get_caps(0, &c);
	is(c.eff, CAP_ALL & ~FS_CAPS, "fsuid 1000: the filesystem caps go");
	is(syscall(SYS_setfsuid, 0), 1000, "setfsuid back to 0");
	get_caps(0, &c);
	is(c.eff, CAP_ALL, "fsuid 0: the filesystem caps come back");
	is(syscall(SYS_setfsgid, 55), 0, "setfsgid returns the old fsgid");
	is(syscall(SYS_setfsgid, -1), 55, "fsgid is now 55");
	expect_ok(drop_to(1000, 1000));
	is(syscall(SYS_setfsuid, 0), 1000, "unprivileged setfsuid(0) ...");
	is(syscall(SYS_setfsuid, -1), 1000, "... is refused silently");
	return tap_done();
}

static int reuid(void)
{
	uid_t r, e, s;

	/* setreuid: setting the real uid makes saved = new effective */
	expect_ok(syscall(SYS_setreuid, 1000, 1001));
	ok(check_ids(1000, 1001, 1001), "setreuid(1000,1001): 1000 1001 1001");
	expect_ok(syscall(SYS_setreuid, -1, 1000));
	ok(check_ids(1000, 1000, 1001),
	   "setreuid(-1, ruid): the saved uid stays");
	expect_ok(syscall(SYS_setreuid, -1, 1001));
	getresuid(&r, &e, &s);
	ok(r == 1000 && e == 1001 && s == 1001,
	   "unprivileged setreuid to the saved uid");
	expect_errno(syscall(SYS_setreuid, 1002, -1), EPERM);
	/* setuid without privilege changes only the effective uid */
	expect_ok(syscall(SYS_setuid, 1000));
	ok(check_ids(1000, 1000, 1001), "unprivileged setuid: effective only");
	return tap_done();
}

static int gids(void)
{
	gid_t g[3] = { 7, 5, 6 }, out[8], r, e, s;

	expect_ok(syscall(SYS_setgroups, 3, g));
	is(syscall(SYS_getgroups, 0, NULL), 3, "getgroups(0) counts 3");
	expect_errno(syscall(SYS_getgroups, 2, out), EINVAL);
	is(syscall(SYS_getgroups, 8, out), 3, "getgroups returns 3");
	ok(out[0] + out[1] + out[2] == 18, "the same groups come back");
	expect_errno(syscall(SYS_setgroups, 65537, g), EINVAL);
	expect_errno(syscall(SYS_setgroups, 1, (void *)8), EFAULT);
	expect_ok(syscall(SYS_setresgid, 10, 11, 12));
	getresgid(&r, &e, &s);
	ok(r == 10 && e == 11 && s == 12, "setresgid 10 11 12");
	expect_ok(syscall(SYS_setresuid, 1000, 1000, 1000));
	expect_ok(syscall(SYS_setresgid, 12, 10, 11));
	expect_errno(syscall(SYS_setresgid, 13, -1, -1), EPERM);
	expect_ok(syscall(SYS_setgid, 11));
	getresgid(&r, &e, &s);
	ok(r == 12 && e == 11 && s == 11,
	   "unprivileged setgid: effective only");
	expect_errno(syscall(SYS_setregid, 99, -1), EPERM);
	return tap_done();
}

static int status_lines(void)
{
	gid_t g[2] = { 20, 30 };
	char v[128];

	syscall(SYS_setgroups, 2, g);
	syscall(SYS_setresgid, 4, 5, 6);
	syscall(SYS_setresuid, 1, 2, 3);
	status_field("/proc/self/status", "Uid", v, sizeof(v));
	is_str(v, "1\t2\t3\t2", "status Uid: real effective saved fs");
	status_field("/proc/self/status", "Gid", v, sizeof(v));
	is_str(v, "4\t5\t6\t5", "status Gid: real effective saved fs");
	status_field("/proc/self/status", "Groups", v, sizeof(v));
	is_str(v, "20 30 ", "status Groups (with Linux's trailing space)");
	status_field("/proc/self/status", "CapEff", v, sizeof(v));
	is_str(v, "0000000000000000", "status CapEff: 16 hex digits");
	status_field("/proc/self/status", "CapBnd", v, sizeof(v));
	is_str(v, "000001ffffffffff", "status CapBnd: every capability");
	status_field("/proc/self/status", "NoNewPrivs", v, sizeof(v));
	is_str(v, "0", "status NoNewPrivs 0");
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	status_field("/proc/self/status", "NoNewPrivs", v, sizeof(v));
	is_str(v, "1", "status NoNewPrivs 1 after PR_SET_NO_NEW_PRIVS");
	status_field("/proc/self/status", "Seccomp", v, sizeof(v));
	is_str(v, "0", "status Seccomp 0");
	return tap_done();
}

int main(void)
{
	run_case(drop_all, "drop to an unprivileged uid");
	run_case(saved_root, "a saved uid 0 keeps permitted");
	run_case(keepcaps, "PR_SET_KEEPCAPS");
	run_case(fsuid, "setfsuid moves the filesystem caps");
	run_case(reuid, "setreuid/setuid saved-uid rules");
	run_case(gids, "gids and supplementary groups");
	run_case(status_lines, "/proc/self/status id and cap lines");
	return tap_done();
}
