/*
 * tests/perm/admin.c: the administrator's calls refuse an unprivileged
 * caller with EPERM, and each works with the one capability Linux asks
 * for: sethostname/setdomainname (CAP_SYS_ADMIN), mount/umount
 * (CAP_SYS_ADMIN), chroot (CAP_SYS_CHROOT), reboot (CAP_SYS_BOOT),
 * raising a hard limit (CAP_SYS_RESOURCE), a pipe above pipe-max-size
 * (CAP_SYS_RESOURCE), clone3 set_tid (CAP_SYS_ADMIN or
 * CAP_CHECKPOINT_RESTORE), and /proc/sys files (root's).
 */
#include "cred.h"
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CAD_ON 0x89abcdef

struct clone_args_v1 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size;
};

/* Keep only cap (effective and permitted) as uid 1000. */
static int only_cap(int cap)
{
	prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
	if (syscall(SYS_setresuid, 1000, 1000, 1000))
		return -1;
	return set_caps(CAP_BIT(cap), CAP_BIT(cap), 0);
}

static int unprivileged(void)
{
	struct rlimit rl;
	int p[2];
	struct clone_args_v1 ca = { .exit_signal = SIGCHLD };
	pid_t want = 30000;

	mkdir("/tmp/perm-admin-mnt", 0755);
	become(1000, 1000);
	expect_errno(sethostname("x", 1), EPERM);
	expect_errno(setdomainname("x", 1), EPERM);
	expect_errno(mount("none", "/tmp/perm-admin-mnt", "tmpfs", 0, NULL),
		     EPERM);
	expect_errno(umount("/proc"), EPERM);
	expect_errno(chroot("/"), EPERM);
	expect_errno(syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2,
			     REBOOT_CAD_ON, 0), EPERM);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max = rl.rlim_max - 1;
	is(setrlimit(RLIMIT_NOFILE, &rl), 0, "lowering a hard limit");
	rl.rlim_max++;
	expect_errno(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	pipe(p);
	expect_errno(fcntl(p[0], F_SETPIPE_SZ, 2 << 20), EPERM);
	is(fcntl(p[0], F_SETPIPE_SZ, 1 << 20) >= 0, 1,
	   "a pipe up to pipe-max-size");
	ca.set_tid = (uintptr_t)&want;
	ca.set_tid_size = 1;
	expect_errno(syscall(SYS_clone3, &ca, sizeof(ca)), EPERM);
	expect_errno(open("/proc/sys/kernel/hostname", O_WRONLY), EACCES);
	return tap_done();
}

static int with_caps(void)
{
	struct rlimit rl;
	int p[2];

	is(only_cap(CAP_SYS_RESOURCE), 0, "uid 1000 with CAP_SYS_RESOURCE");
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_max++;
	is(setrlimit(RLIMIT_NOFILE, &rl), 0, "raises a hard limit");
	pipe(p);
	ok(fcntl(p[0], F_SETPIPE_SZ, 2 << 20) >= 0,
	   "makes a pipe above pipe-max-size");
	expect_errno(chroot("/"), EPERM);
	return tap_done();
}

static int chroot_cap(void)
{
	is(only_cap(CAP_SYS_CHROOT), 0, "uid 1000 with CAP_SYS_CHROOT");
	is(chroot("/"), 0, "chroot");
	expect_errno(sethostname("x", 1), EPERM);
	return tap_done();
}

static int admin_cap(void)
{
	char name[65];

	gethostname(name, sizeof(name));
	unshare(CLONE_NEWUTS);	/* keep the host name of the others */
	is(only_cap(CAP_SYS_ADMIN), 0, "uid 1000 with CAP_SYS_ADMIN");
	is(sethostname(name, strlen(name)), 0, "sethostname");
	is(mount("none", "/tmp/perm-admin-mnt", "tmpfs", 0, NULL), 0,
	   "mount a tmpfs");
	is(umount("/tmp/perm-admin-mnt"), 0, "umount it");
	expect_errno(syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2,
			     REBOOT_CAD_ON, 0), EPERM);
	return tap_done();
}

static int boot_cap(void)
{
	is(only_cap(CAP_SYS_BOOT), 0, "uid 1000 with CAP_SYS_BOOT");
	is(syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CAD_ON, 0),
	   0, "reboot(LINUX_REBOOT_CMD_CAD_ON)");
	return tap_done();
}

int main(void)
{
	proc_sane();
	run_case(unprivileged, "an unprivileged user");
	run_case(with_caps, "CAP_SYS_RESOURCE");
	run_case(chroot_cap, "CAP_SYS_CHROOT");
	run_case(admin_cap, "CAP_SYS_ADMIN");
	run_case(boot_cap, "CAP_SYS_BOOT");
	rmdir("/tmp/perm-admin-mnt");
	return tap_done();
}
