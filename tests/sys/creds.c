/*
 * tests/sys/creds.c: user and group ids: everything is 0 for init's
 * children; setuid/setgid/setresuid drop privilege for good (EPERM
 * afterwards) and the dropped process is denied a root-only file.
 */
#include "tap.h"
#include <grp.h>

static char path[64];

/* In a child: become uid/gid 1000 and check what that changes. */
static int drop(void)
{
	uid_t r, e, s;
	int bad = 0;

	bad |= (setgid(1000) != 0) << 0;
	bad |= (setuid(1000) != 0) << 1;
	bad |= (getuid() != 1000 || geteuid() != 1000) << 2;
	bad |= (getgid() != 1000 || getegid() != 1000) << 3;
	bad |= (getresuid(&r, &e, &s) != 0 || s != 1000) << 4;
	bad |= (syscall(SYS_setuid, 0) != -1 || errno != EPERM) << 5;
	bad |= (open(path, O_RDONLY) != -1 || errno != EACCES) << 6;
	bad |= (syscall(SYS_setgid, 0) != -1 || errno != EPERM) << 7;
	return bad;
}

/* setresuid with -1 keeps a field; the saved id allows switching back. */
static int swap(void)
{
	uid_t r, e, s;
	int bad = 0;

	bad |= (setresuid(-1, 1000, -1) != 0) << 0;
	getresuid(&r, &e, &s);
	bad |= (r != 0 || e != 1000 || s != 0) << 1;
	bad |= (setresuid(-1, 0, -1) != 0) << 2;
	bad |= (geteuid() != 0) << 3;
	return bad;
}

int main(void)
{
	gid_t groups[8];
	int status;

	is(syscall(SYS_getuid), 0, "getuid is 0");
	is(syscall(SYS_geteuid), 0, "geteuid is 0");
	is(syscall(SYS_getgid), 0, "getgid is 0");
	is(syscall(SYS_getegid), 0, "getegid is 0");
	expect_ok(syscall(SYS_setuid, 0));
	expect_ok(syscall(SYS_setgid, 0));
	ok(getgroups(8, groups) >= 0, "getgroups succeeds");
	expect_errno(syscall(SYS_setuid, -1), EINVAL);
	scratch(path, sizeof(path), "creds");
	close(open(path, O_CREAT | O_WRONLY, 0600));
	status = run_child(drop);
	ok(exited_with(status, 0), "setuid(1000) drops root for good (status %#x)", status);
	status = run_child(swap);
	ok(exited_with(status, 0), "setresuid keeps the saved uid (status %#x)", status);
	unlink(path);
	return tap_done();
}
