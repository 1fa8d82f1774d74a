/*
 * tests/proc/reaped_task_refs.c: calls that name another process may
 * race with its exit and reaping: prlimit64, kill(pid, 0), reading
 * /proc/<pid>/stat and status. Each must answer for the process or say
 * ESRCH (ENOENT for a /proc path that is gone, or ESRCH if it went
 * during the open), never use what the
 * reaping freed (the task's signal state lives as long as any task
 * reference).
 */
#include "tap.h"
#include <pthread.h>
#include <sys/resource.h>

static volatile pid_t target;
static volatile int stop, bad, calls;

static void note_bad(const char *what, int err)
{
	if (!bad++)
		diag("%s: unexpected errno %d", what, err);
}

static void *poker(void *arg)
{
	char path[64], buf[1024];

	(void)arg;
	while (!stop) {
		pid_t p = target;
		struct rlimit r;
		int fd;

		if (p <= 0)
			continue;
		if (syscall(SYS_prlimit64, p, RLIMIT_NOFILE, NULL, &r) &&
		    errno != ESRCH)
			note_bad("prlimit64", errno);
		if (kill(p, 0) && errno != ESRCH)
			note_bad("kill 0", errno);
		snprintf(path, sizeof(path), "/proc/%d/status", p);
		fd = open(path, O_RDONLY);
		/* Linux: ENOENT once the directory is gone, ESRCH when the
		 * task went between the lookup and the open. */
		if (fd < 0 && errno != ENOENT && errno != ESRCH)
			note_bad("open status", errno);
		if (fd >= 0) {
			if (read(fd, buf, sizeof(buf)) < 0 && errno != ESRCH)
				note_bad("read status", errno);
			close(fd);
		}
		__atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void test_race(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, poker, NULL))
		return;
	for (int i = 0; i < 200; i++) {
		pid_t p = fork();

		if (p == 0)
			_exit(0);
		target = p;
		for (int j = 0; j < 2000 && !calls; j++)
			;
		waitpid(p, NULL, 0);
	}
	stop = 1;
	pthread_join(th, NULL);
	is(bad, 0, "200 children reaped while another thread calls prlimit64, "
	   "kill(pid, 0) and reads /proc/pid/status on them");
}

int main(void)
{
	alarm(25);
	test_race();
	return tap_done();
}
