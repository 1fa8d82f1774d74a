/*
 * The files of /proc/<pid> keep their modes: chmod and fchmod there are
 * EPERM for everyone, the owner and root alike (Linux's proc_setattr).
 * tine let the owner chmod them: one of trinity's children, fuzzing
 * chmod over the /proc names it collected, made its main process's
 * /proc/<pid>/fd mode 0, and the next opendir() of it failed (EACCES).
 */
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include "tap.h"

static const char *const names[] = { "fd", "status", "maps", "fdinfo",
				     "comm", "" };

/* chmod of each name under /proc/<pid> is EPERM; the modes stay. */
static int modes_stay(pid_t pid, const char *who)
{
	for (unsigned int k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		char path[64];
		struct stat before, after;
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/%s", pid, names[k]);
		if (stat(path, &before)) {
			ok(0, "%s: stat %s: %s", who, path, strerror(errno));
			continue;
		}
		is(chmod(path, 0), -1, "%s: chmod(%s, 0) fails", who, path);
		is(errno, EPERM, "... with EPERM");
		fd = open(path, O_RDONLY | O_NONBLOCK);
		if (fd >= 0) {
			is(fchmod(fd, 0777), -1, "%s: fchmod of %s fails", who,
			   path);
			is(errno, EPERM, "... with EPERM");
			close(fd);
		}
		ok(!stat(path, &after) && after.st_mode == before.st_mode,
		   "%s: %s keeps mode %o", who, path, before.st_mode);
	}
	return 0;
}

/* As uid 65534 (the owner of our own /proc files). */
static int as_owner(void)
{
	DIR *d;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 100;
	prctl(PR_SET_DUMPABLE, 1);
	modes_stay(getpid(), "owner");
	d = opendir("/proc/self/fd/");
	ok(d != NULL, "the owner still opens its /proc/self/fd/");
	if (d)
		closedir(d);
	return tap_done();
}

int main(void)
{
	pid_t child = fork();
	int st;

	if (child == 0) {
		pause();
		_exit(0);
	}
	{
		/* A shell's "echo 0 > /proc/self/oom_score_adj" opens with
		 * O_TRUNC: it does nothing to a /proc file, and is no error. */
		int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_TRUNC);

		ok(fd >= 0, "O_TRUNC on /proc/self/oom_score_adj opens it");
		ok(fd >= 0 && write(fd, "0\n", 2) == 2, "... and it is written");
		close(fd);
	}
	modes_stay(getpid(), "root, own files");
	modes_stay(child, "root, a child's files");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	st = run_child(as_owner);
	ok(exited_with(st, 0), "the owner's checks (status %#x)", st);
	return tap_done();
}
