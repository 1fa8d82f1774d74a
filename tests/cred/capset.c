/*
 * tests/cred/capset.c: capget(2)/capset(2) with the three header
 * versions, another process's sets, and capset's rules (permitted only
 * shrinks, effective within permitted, inheritable within permitted
 * (without CAP_SETPCAP) and the bounding set; only one's own sets).
 */
#include "cred.h"

static void versions(void)
{
	struct cap_header h = { 0x12345678, 0 };
	struct cap_data d[2];

	expect_errno(syscall(SYS_capget, &h, d), EINVAL);
	is(h.version, LINUX_CAP_V3, "an unknown version is answered with v3");
	h.version = 0x12345678;
	is(syscall(SYS_capget, &h, NULL), 0,
	   "capget(bad version, NULL) probes: 0");
	is(h.version, LINUX_CAP_V3, "... and reports v3");
	h.version = LINUX_CAP_V1;
	memset(d, 0xaa, sizeof(d));
	expect_ok(syscall(SYS_capget, &h, d));
	is(d[0].effective, 0xffffffff, "v1: the low 32 capabilities");
	is(d[1].effective, 0xaaaaaaaa, "v1: one word only is written");
	h.version = LINUX_CAP_V2;
	expect_ok(syscall(SYS_capget, &h, d));
	is(d[1].effective, 0x1ff, "v2: the high word (caps 32-40)");
	h.version = LINUX_CAP_V3;
	h.pid = -1;
	expect_errno(syscall(SYS_capget, &h, d), EINVAL);
	h.pid = 0;
	expect_errno(syscall(SYS_capget, &h, (void *)8), EFAULT);
	expect_errno(syscall(SYS_capget, (void *)8, d), EFAULT);
}

static int unprivileged_child(int fd)
{
	char c;

	drop_to(1000, 1000);
	write(fd, "r", 1);
	pause();
	(void)c;
	return 0;
}

static void other_pid(void)
{
	int p[2];
	pid_t pid;
	struct caps c = { 0 };
	char x;

	pipe(p);
	pid = fork();
	if (pid == 0)
		_exit(unprivileged_child(p[1]));
	read(p[0], &x, 1);
	is(get_caps(pid, &c), 0, "capget of another process");
	ok(c.eff == 0 && c.prm == 0, "... shows its (empty) sets");
	is(get_caps(getpid(), &c), 0, "capget of our own pid");
	is(c.eff, CAP_ALL, "... root has every capability effective");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	expect_errno(get_caps(pid, &c), ESRCH);
	close(p[0]);
	close(p[1]);
}

static int rules(void)
{
	struct cap_header h = { LINUX_CAP_V3, 1 };
	struct cap_data d[2] = { { 0 } };
	struct caps c = { 0 };
	uint64_t some = CAP_BIT(CAP_KILL) | CAP_BIT(CAP_NET_RAW);

	expect_errno(syscall(SYS_capset, &h, d), EPERM);	/* pid 1 */
	h.pid = getpid();
	d[0].permitted = d[0].effective = (uint32_t)CAP_ALL;
	d[1].permitted = d[1].effective = CAP_ALL >> 32;
	is(syscall(SYS_capset, &h, d), 0, "capset with our own pid");
	expect_errno(set_caps(CAP_BIT(CAP_KILL), 0, 0), EPERM);
	is(set_caps(0, CAP_ALL, 0), 0, "effective may be emptied");
	is(set_caps(some, some, some), 0, "permitted may shrink");
	get_caps(0, &c);
	ok(c.eff == some && c.prm == some && c.inh == some,
	   "the new sets are in place");
	expect_errno(set_caps(some, CAP_ALL, some), EPERM);
	expect_errno(set_caps(0, some, CAP_BIT(CAP_SETUID) | some), EPERM);
	is(prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0), -1,
	   "no CAP_SETPCAP: PR_CAPBSET_DROP fails");
	is(set_caps(0, CAP_BIT(CAP_KILL), some), 0,
	   "inheritable may keep what it had");
	is(status_cap("/proc/self/status", "CapInh"), some,
	   "status CapInh shows it");
	return tap_done();
}

static int setpcap_inheritable(void)
{
	/* With CAP_SETPCAP, inheritable may go beyond permitted, but never
	 * beyond the bounding set. */
	uint64_t p = CAP_BIT(CAP_SETPCAP);

	expect_ok(prctl(PR_CAPBSET_DROP, CAP_SYS_BOOT, 0, 0, 0));
	is(set_caps(p, p, CAP_BIT(CAP_SYS_ADMIN)), 0,
	   "CAP_SETPCAP: inheritable beyond permitted");
	expect_errno(set_caps(p, p, CAP_BIT(CAP_SYS_BOOT)), EPERM);
	return tap_done();
}

int main(void)
{
	versions();
	other_pid();
	run_case(rules, "capset rules");
	run_case(setpcap_inheritable, "capset with CAP_SETPCAP");
	return tap_done();
}
