/*
 * tests/fileio/async_open_fail.c: an open(2) with O_ASYNC whose driver
 * refuses it (/dev/tty without a controlling terminal, a FIFO opened
 * O_WRONLY|O_NONBLOCK with no reader: both ENXIO) fails cleanly: the
 * half-made file is dropped without the driver's ->fasync or ->release
 * (trinity found tine calling tty_fasync on it, a NULL tty). An O_PATH
 * open with O_ASYNC succeeds and closes. The same opens then succeed
 * where the driver accepts them, and a SIGIO arrives only where asked.
 */
#include "tap.h"
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define FIFO "/tmp/async_open_fail.fifo"

/* In a new session (no controlling tty): /dev/tty with O_ASYNC. The
 * child exits with the errno of the open, or 0 if it succeeded. */
static int tty_open_errno(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int i, fd = 0;

		setsid();
		for (i = 0; i < 100 && fd >= 0; i++) {
			fd = open("/dev/tty", O_RDWR | O_ASYNC | O_NOCTTY);
			if (fd >= 0)
				close(fd);
		}
		_exit(fd >= 0 ? 0 : errno);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void test_fifo(void)
{
	int i, fd = -1, rd, err = 0;

	unlink(FIFO);
	if (mkfifo(FIFO, 0600) < 0) {
		ok(0, "mkfifo: %s", strerror(errno));
		return;
	}
	for (i = 0; i < 100; i++) {
		fd = open(FIFO, O_WRONLY | O_NONBLOCK | O_ASYNC);
		if (fd >= 0)
			break;
		err = errno;
	}
	ok(fd < 0 && err == ENXIO, "a FIFO with no reader: O_WRONLY|"
	   "O_NONBLOCK|O_ASYNC is ENXIO, 100 times (fd %d, %s)", fd,
	   strerror(err));
	if (fd >= 0)
		close(fd);
	rd = open(FIFO, O_RDONLY | O_NONBLOCK | O_ASYNC);
	ok(rd >= 0, "the read end with O_ASYNC opens (%s)",
	   rd < 0 ? strerror(errno) : "ok");
	fd = open(FIFO, O_WRONLY | O_NONBLOCK | O_ASYNC);
	ok(fd >= 0, "then the write end opens too (%s)",
	   fd < 0 ? strerror(errno) : "ok");
	if (fd >= 0)
		close(fd);
	if (rd >= 0)
		close(rd);
	fd = open(FIFO, O_PATH | O_ASYNC);
	ok(fd >= 0, "O_PATH|O_ASYNC on the FIFO opens (%s)",
	   fd < 0 ? strerror(errno) : "ok");
	if (fd >= 0)
		ok(close(fd) == 0, "and closes");
	unlink(FIFO);
}

int main(void)
{
	int fd;

	/* O_ASYNC at open does not arm SIGIO on Linux (no ->fasync call):
	 * keep the default action from ending us if a kernel did. */
	signal(SIGIO, SIG_IGN);
	is(tty_open_errno(), ENXIO, "/dev/tty with O_ASYNC and no "
	   "controlling terminal: ENXIO, 100 times");
	test_fifo();
	fd = open("/dev/tty", O_PATH | O_ASYNC);
	ok(fd >= 0 && close(fd) == 0, "O_PATH|O_ASYNC on /dev/tty opens "
	   "and closes");
	return tap_done();
}
