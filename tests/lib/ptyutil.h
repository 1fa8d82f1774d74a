/*
 * tests/lib/ptyutil.h: helpers for the pty tests. /dev/pts is made a
 * devpts mount if it is not one (the check image mounts only devtmpfs
 * on /dev), so /dev/ptmx, ptsname() and /dev/pts/N agree on both
 * kernels.
 */
#ifndef PTYUTIL_H
#define PTYUTIL_H

#include "tap.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <termios.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif
#define DEVPTS_MAGIC 0x1cd1

/* Make /dev/pts a devpts instance (gid 5, mode 620 as Debian). */
static inline int pty_setup(void)
{
	struct statfs sf;

	mkdir("/dev/pts", 0755);
	if (statfs("/dev/pts", &sf) == 0 && sf.f_type == DEVPTS_MAGIC)
		return 0;
	return mount("devpts", "/dev/pts", "devpts", 0,
		     "gid=5,mode=620,ptmxmode=666");
}

/* A new unlocked pair: *master (O_RDWR|O_NOCTTY|mflags) and, if slave
 * is not NULL, *slave opened with sflags. 0 or -1. */
static inline int open_pty(int *master, int *slave, int mflags, int sflags)
{
	char name[64];

	*master = posix_openpt(O_RDWR | O_NOCTTY | mflags);
	if (*master < 0)
		return -1;
	if (grantpt(*master) || unlockpt(*master) ||
	    ptsname_r(*master, name, sizeof(name)))
		return -1;
	if (!slave)
		return 0;
	*slave = open(name, O_RDWR | sflags);
	return *slave < 0 ? -1 : 0;
}

/* Read what arrives within ms milliseconds (until n bytes). */
static inline ssize_t read_timed(int fd, char *buf, size_t n, int ms)
{
	size_t got = 0;

	while (got < n) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t r;

		if (poll(&p, 1, ms) <= 0)
			break;
		r = read(fd, buf + got, n - got);
		if (r <= 0)
			return got ? (ssize_t)got : r;
		got += r;
	}
	return got;
}

/* Put the slave of master into raw mode (through the master). */
static inline int pty_raw(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t))
		return -1;
	cfmakeraw(&t);
	return tcsetattr(fd, TCSANOW, &t);
}

#endif
