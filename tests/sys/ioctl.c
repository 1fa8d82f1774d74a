/*
 * tests/sys/ioctl.c: terminal ioctls on the console (TCGETS, TCSETS,
 * TIOCGWINSZ) succeed; on a regular file, pipe or /dev/null they fail
 * with ENOTTY; an unknown request and a bad fd fail too.
 */
#include "tap.h"
#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	struct termios t;
	struct winsize ws;
	char path[64];
	int tty = open("/dev/console", O_RDWR | O_NOCTTY);
	int fds[2], file, null;

	ok(tty >= 0, "/dev/console opens");
	expect_ok(ioctl(tty, TCGETS, &t));
	ok(t.c_cflag & CREAD, "TCGETS: the console receives (CREAD)");
	expect_ok(ioctl(tty, TCSETS, &t));
	expect_ok(ioctl(tty, TIOCGWINSZ, &ws));
	ok(isatty(tty), "isatty(console)");
	scratch(path, sizeof(path), "ioctl");
	file = open(path, O_CREAT | O_RDWR, 0644);
	expect_errno(ioctl(file, TCGETS, &t), ENOTTY);
	expect_errno(ioctl(file, TIOCGWINSZ, &ws), ENOTTY);
	pipe(fds);
	expect_errno(ioctl(fds[0], TCGETS, &t), ENOTTY);
	null = open("/dev/null", O_RDWR);
	expect_errno(ioctl(null, TCGETS, &t), ENOTTY);
	ok(!isatty(null), "isatty(/dev/null) is false");
	expect_errno(ioctl(999, TCGETS, &t), EBADF);
	expect_errno(ioctl(tty, 0x5499, &t), ENOTTY);
	close(fds[0]);
	close(fds[1]);
	close(null);
	close(file);
	close(tty);
	unlink(path);
	return tap_done();
}
