/*
 * tests/lib/init.h: what every /init of a test image does first
 * (tests/runner.c for make check, tools/kselftest/init.c for make
 * kselftest): write to the console, mount the pseudo file systems, and
 * get fds 0-2 onto /dev/console; then run each program in a child with
 * an alarm, relaying its output line by line. The includer defines
 * INIT_NAME, the prefix of its messages ("runner", "ksft-init").
 */
#ifndef TESTS_INIT_H
#define TESTS_INIT_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "console.h"

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

/* Set by on_alarm (a SIGALRM handler without SA_RESTART): the running
 * program's time is up. */
static volatile sig_atomic_t timed_out;

static inline void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/*
 * relay_lines(in, fn, arg): read in until every writer closed it (or the
 * alarm interrupted a read) and call fn(line, arg) for each line, NUL-
 * terminated with its '\n'. A line longer than the buffer, or a last one
 * without '\n', is passed in pieces with a '\n' added.
 */
static inline void relay_lines(int in, void (*fn)(char *line, void *arg),
			       void *arg)
{
	static char buf[8192];
	size_t len = 0;

	for (;;) {
		ssize_t n = read(in, buf + len, sizeof(buf) - 2 - len);
		char *nl, *start = buf;

		if (n < 0 && errno == EINTR && !timed_out)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		while ((nl = memchr(start, '\n', len - (size_t)(start - buf)))) {
			char saved = nl[1];

			nl[1] = '\0';
			fn(start, arg);
			nl[1] = saved;
			start = nl + 1;
		}
		len -= (size_t)(start - buf);
		memmove(buf, start, len);
		if (len >= sizeof(buf) - 2) {
			buf[len++] = '\n';
			buf[len] = '\0';
			fn(buf, arg);
			len = 0;
		}
	}
	if (len > 0) {
		buf[len++] = '\n';
		buf[len] = '\0';
		fn(buf, arg);
	}
}

/* Wait for pid; once the alarm fired, SIGKILL its whole process group
 * (the child made itself a leader). Returns the wait status, or -1. */
static inline int wait_or_kill(pid_t pid)
{
	int status = 0;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
		if (timed_out)
			kill(-pid, SIGKILL);
	}
	return status;
}

#endif
