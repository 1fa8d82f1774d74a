/*
 * tests/cred/exec.c: what execve does to credentials (Linux without file
 * capabilities): root gets its bounding set permitted and effective, a
 * non-root caller nothing but its ambient set; set-user-ID and
 * set-group-ID bits are honoured unless no_new_privs or a nosuid mount;
 * a set-id exec is AT_SECURE and not dumpable; an unreadable program is
 * not dumpable. The program run is tests/helpers/credinfo, which prints
 * its ids, capability sets, AT_SECURE and dumpable.
 */
#include "cred.h"
#include <sys/mount.h>

#define CREDINFO "/tests/helpers/credinfo"
#define ALL "1ffffffffff"

static char prog[64], nosuid_dir[64], nosuid_prog[96];

/* Copy CREDINFO to dst with mode (as root). 0 or -1. */
static int install(const char *dst, mode_t mode, gid_t gid)
{
	static char buf[1 << 16];
	int in = open(CREDINFO, O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	if (out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		write(out, buf, n);
	close(in);
	close(out);
	return chown(dst, 0, gid) || chmod(dst, mode) ? -1 : 0;
}

/* Run setup() then exec path in a child; its output line in out. */
static void run(const char *path, int (*setup)(void), char *out, size_t size)
{
	int p[2];
	pid_t pid;
	ssize_t n = 0, r;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		if (setup && setup())
			_exit(99);
		execl(path, path, (char *)NULL);
		_exit(98);
	}
	close(p[1]);
	while (n < (ssize_t)size - 1 && (r = read(p[0], out + n, size - 1 - n)) > 0)
		n += r;
	out[n > 0 ? n : 0] = 0;
	if (n > 0 && out[n - 1] == '\n')
		out[n - 1] = 0;
	close(p[0]);
	waitpid(pid, NULL, 0);
}

static int as_user(void)
{
	return drop_to(1000, 1000);
}

static int as_user_nnp(void)
{
	return drop_to(1000, 1000) || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static int as_user_euid(void)
{
	return syscall(SYS_setgroups, 0, NULL) ||
	       syscall(SYS_setresgid, 1000, 1000, 1000) ||
	       syscall(SYS_setresuid, 1000, 1001, 1001);
}

static int as_user_ambient(void)
{
	return prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
	       syscall(SYS_setresuid, 1000, 1000, 1000) ||
	       set_caps(0, CAP_ALL, CAP_BIT(CAP_NET_RAW)) ||
	       prctl(47, 2, CAP_NET_RAW, 0, 0);
}

static int as_noroot(void)
{
	return prctl(PR_SET_SECUREBITS, 1, 0, 0, 0);
}

static void check(const char *what, const char *path, int (*setup)(void),
		  const char *want)
{
	char out[256];

	run(path, setup, out, sizeof(out));
	is_str(out, want, "%s", what);
}

int main(void)
{
	scratch(prog, sizeof(prog), "credinfo");
	scratch(nosuid_dir, sizeof(nosuid_dir), "nosuid");
	snprintf(nosuid_prog, sizeof(nosuid_prog), "%s/credinfo", nosuid_dir);

	check("root: every capability", CREDINFO, NULL,
	      "0 0 0 0 0 0 " ALL " " ALL " 0 0 0 1");
	check("uid 1000: no capability", CREDINFO, as_user,
	      "1000 1000 1000 1000 1000 1000 0 0 0 0 0 1");
	check("SECBIT_NOROOT: root gets nothing", CREDINFO, as_noroot,
	      "0 0 0 0 0 0 0 0 0 0 0 1");
	check("euid != ruid: AT_SECURE, not dumpable", CREDINFO, as_user_euid,
	      "1000 1001 1001 1000 1000 1000 0 0 0 0 1 0");
	check("ambient capabilities survive a plain exec", CREDINFO,
	      as_user_ambient, "1000 1000 1000 0 0 0 2000 2000 2000 2000 0 1");

	if (!ok(install(prog, 04755, 0) == 0, "set-user-ID root copy made"))
		return tap_done();
	check("set-user-ID root: euid 0, caps, AT_SECURE", prog, as_user,
	      "1000 0 0 1000 1000 1000 " ALL " " ALL " 0 0 1 0");
	check("no_new_privs: set-user-ID ignored", prog, as_user_nnp,
	      "1000 1000 1000 1000 1000 1000 0 0 0 0 0 1");
	check("set-user-ID drops ambient", prog, as_user_ambient,
	      "1000 0 0 0 0 0 " ALL " " ALL " 2000 0 1 0");
	install(prog, 02755, 0);
	check("set-group-ID: egid 0", prog, as_user,
	      "1000 1000 1000 1000 0 0 0 0 0 0 1 0");
	install(prog, 02745, 0);
	check("S_ISGID without group exec is not set-group-ID", prog, as_user,
	      "1000 1000 1000 1000 1000 1000 0 0 0 0 0 1");
	install(prog, 0111, 0);
	check("an unreadable program is not dumpable", prog, as_user,
	      "1000 1000 1000 1000 1000 1000 0 0 0 0 0 0");
	unlink(prog);

	mkdir(nosuid_dir, 0755);
	if (ok(mount("none", nosuid_dir, "tmpfs", MS_NOSUID, NULL) == 0,
	       "a nosuid tmpfs")) {
		install(nosuid_prog, 04755, 0);
		check("nosuid mount: set-user-ID ignored", nosuid_prog, as_user,
		      "1000 1000 1000 1000 1000 1000 0 0 0 0 0 1");
		unlink(nosuid_prog);
		umount(nosuid_dir);
	}
	rmdir(nosuid_dir);
	return tap_done();
}
