/*
 * Issue 7: a fuzz process with no console descriptor made 4 KB of its
 * memory appear on the serial console.  Who may reach the console, as on
 * Linux: root, by making a node for it anywhere (mknod needs
 * CAP_MKNOD) or through init's fds in /proc/1/fd; nobody else: an
 * unprivileged process gets EPERM from mknod of a device, EACCES on
 * /dev/console (0600 root), /dev/ttyS0 and /proc/1/fd/N, and ENXIO
 * on /dev/tty without a controlling terminal.  (The fuzzer therefore
 * gives its root children only harmless device numbers.)
 */
#include <sys/sysmacros.h>
#include "tap.h"

static char node[64];

static int unprivileged(void)
{
	int bad = 0;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 100;
	setsid();	/* no controlling terminal */
	errno = 0;
	if (mknod("/tmp/console_reach.node", S_IFCHR | 0666, makedev(5, 1)) != -1 ||
	    errno != EPERM)
		bad |= 1;
	errno = 0;
	if (open("/dev/console", O_WRONLY | O_NOCTTY) != -1 || errno != EACCES)
		bad |= 2;
	errno = 0;
	if (open("/dev/ttyS0", O_WRONLY | O_NOCTTY) != -1 || errno != EACCES)
		bad |= 4;
	errno = 0;
	if (open("/proc/1/fd/0", O_WRONLY) != -1 || errno != EACCES)
		bad |= 8;
	errno = 0;
	if (open("/dev/tty", O_WRONLY) != -1 || errno != ENXIO)
		bad |= 16;
	errno = 0;
	/* A node root made is still the console: opening it is refused by
	 * its mode. */
	if (open(node, O_WRONLY | O_NOCTTY) != -1 || errno != EACCES)
		bad |= 32;
	return bad;
}

int main(void)
{
	static const char line[] = "# the console, reached by root through "
				   "a node it made\n";
	int fd, st;

	scratch(node, sizeof(node), "console_node");
	ok(mknod(node, S_IFCHR | 0600, makedev(5, 1)) == 0,
	   "root may make a console node anywhere (mknod c 5 1)");
	fd = open(node, O_WRONLY | O_NOCTTY);
	ok(fd >= 0, "root opens the node it made");
	is(write(fd, line, sizeof(line) - 1), (long)sizeof(line) - 1,
	   "and writes the console through it (legitimate root behaviour)");
	close(fd);
	st = run_child(unprivileged);
	ok(exited_with(st, 0), "uid 65534: mknod EPERM, /dev/console, "
	   "/dev/ttyS0, /proc/1/fd/0 and root's node EACCES, /dev/tty ENXIO "
	   "(status %#x)", st);
	unlink(node);
	return tap_done();
}
