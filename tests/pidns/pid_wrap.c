/*
 * tests/pidns/pid_wrap.c: pid numbers wrap at pid_max back to
 * RESERVED_PIDS (300) in every pid namespace once it has gone past
 * 300, as Linux's alloc_pid(), not to 1 (which a nested namespace
 * would hand out again while its init and early daemons once had
 * them).
 *
 * Sets /proc/sys/kernel/pid_max to 400 for the test (restored after).
 */
#include "tap.h"
#include <sched.h>

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), r;

	if (fd < 0)
		return -1;
	r = write(fd, s, strlen(s));
	close(fd);
	return r < 0 ? -1 : 0;
}

/* The namespace's init: fork and reap until the numbers wrap; exit
 * with the first number after the wrap (0 if none came). */
static int ns_init(void)
{
	pid_t prev = 1;

	for (int i = 0; i < 1000; i++) {
		pid_t p = fork();

		if (p == 0)
			_exit(0);
		if (p < 0)
			return 0;
		waitpid(p, NULL, 0);
		if (p < prev)
			return p == 300 ? 1 : 2;
		prev = p;
	}
	return 0;
}

int main(void)
{
	char old[32] = "";
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY), st = -1;
	pid_t p;

	ok(fd >= 0 && read(fd, old, sizeof(old) - 1) > 0, "read pid_max");
	close(fd);
	ok(write_file("/proc/sys/kernel/pid_max", "400") == 0,
	   "pid_max set to 400");
	p = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, NULL, NULL, 0);
	if (p == 0)
		_exit(ns_init());
	waitpid(p, &st, 0);
	write_file("/proc/sys/kernel/pid_max", old);
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 0,
	   "the nested namespace's numbers wrapped (status %#x)", st);
	is(WEXITSTATUS(st), 1, "... to 300");
	return tap_done();
}
