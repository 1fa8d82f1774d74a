/*
 * trinity's main process opens /proc/<child>/fd right after fork, as an
 * unprivileged user, and crashes in readdir(NULL) when that fails.  The
 * owner of a fresh child (same ids, dumpable) may always open it, as on
 * Linux.  (A child that made itself non-dumpable, as trinity's children
 * do, or died, is root's: EACCES on Linux too.)
 */
#include <dirent.h>
#include <sys/prctl.h>
#include "tap.h"

static int as_nobody(void)
{
	int fails = 0, first_errno = 0;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 100;
	/* Changing ids made us non-dumpable; trinity exec'd, which resets it. */
	prctl(PR_SET_DUMPABLE, 1);
	for (int i = 0; i < 300; i++) {
		char path[64], c;
		int fd, go[2];
		pid_t pid;

		/* The child lives until we have opened: one that exited
		 * first (another CPU runs it at once) would be root's. */
		if (pipe(go))
			return 101;
		pid = fork();
		if (pid == 0) {
			close(go[1]);
			if (i % 3 == 0)
				syscall(SYS_getpid);
			read(go[0], &c, 1);
			_exit(0);
		}
		close(go[0]);
		snprintf(path, sizeof(path), "/proc/%d/fd", pid);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			fails++;
			if (!first_errno)
				first_errno = errno;
		} else {
			close(fd);
		}
		close(go[1]);
		waitpid(pid, NULL, 0);
	}
	if (fails)
		dprintf(1, "# %d of 300 opens failed, first errno %d\n", fails,
			first_errno);
	return fails ? 1 : 0;
}

int main(void)
{
	int st = run_child(as_nobody);

	ok(exited_with(st, 0), "uid 65534 opens /proc/<child>/fd of each "
	   "fresh child (status %#x)", st);
	return tap_done();
}
