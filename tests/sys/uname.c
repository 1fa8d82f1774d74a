/*
 * tests/sys/uname.c: uname fills every field with a NUL-terminated string;
 * programs see "Linux" on "x86_64".
 */
#include "tap.h"
#include <sys/utsname.h>

static int terminated(const char *s)
{
	return memchr(s, '\0', 65) != NULL;
}

int main(void)
{
	struct utsname u;

	memset(&u, 0xff, sizeof(u));
	expect_ok(syscall(SYS_uname, &u));
	is_str(u.sysname, "Linux", "sysname is Linux");
	is_str(u.machine, "x86_64", "machine is x86_64");
	ok(terminated(u.sysname) && terminated(u.nodename) &&
	   terminated(u.release) && terminated(u.version) &&
	   terminated(u.machine) && terminated(u.domainname),
	   "every field is NUL-terminated");
	ok(u.release[0] >= '1' && u.release[0] <= '9', "release starts with a version number");
	ok(u.version[0] != '\0', "version is not empty");
	diag("uname: %s %s %s", u.sysname, u.release, u.machine);
	return tap_done();
}
