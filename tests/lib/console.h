/*
 * tests/lib/console.h: fds 0-2 of an /init onto /dev/console. Used by
 * tests/lib/init.h (the test runners), bench/init.c and user/init.c.
 */
#ifndef TESTS_CONSOLE_H
#define TESTS_CONSOLE_H

#include <fcntl.h>
#include <unistd.h>

/* Open /dev/console as fds 0-2 (replacing what they were), if it can
 * be opened. */
static inline void dup_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/*
 * Linux opens /dev/console as fds 0-2 for init only if the initramfs has
 * that node; after devtmpfs is mounted it can be opened in any case:
 * do it then, if the kernel did not.
 */
static inline void open_console(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	dup_console();
}

#endif
