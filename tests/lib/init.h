/*
 * tests/lib/init.h: what every /init of a test image does first
 * (tests/runner.c for make check, tools/kselftest/init.c for make
 * kselftest): write to the console, mount the pseudo file systems, and
 * get fds 0-2 onto /dev/console. The includer defines INIT_NAME, the
 * prefix of its messages ("runner", "ksft-init").
 */
#ifndef TESTS_INIT_H
#define TESTS_INIT_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>

#ifndef INIT_NAME
#error "define INIT_NAME (the prefix of its messages) before init.h"
#endif

/* Write a whole string to the console (fd 1). */
static inline void put(const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t n = write(1, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Mount, creating the mount point first; an existing mount is fine,
 * other failures are only reported. */
static inline void mount_fs(const char *src, const char *dir,
			    const char *type)
{
	char msg[160];

	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY) {
		snprintf(msg, sizeof(msg), "# " INIT_NAME ": mount %s on %s: %s\n",
			 type, dir, strerror(errno));
		put(msg);
	}
}

/*
 * Linux opens /dev/console as fds 0-2 for init only if the initramfs has
 * that node; after devtmpfs is mounted it can be opened in any case.
 */
static inline void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

#endif
