/*
 * tests/procfs/exit_race.c: /proc files of processes and threads that
 * exit while they are looked up, open and read (on several CPUs when
 * there are): every read either works or fails with ENOENT/ESRCH, and
 * the kernel survives. Children come and go for two seconds while the
 * parent walks /proc and reads their stat, status, task/ and fd/.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include "tap.h"
#include "proc.h"

static void *quick(void *arg)
{
	return arg;
}

/* A child with a few threads that exits at once. */
static void spawn(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t[3];

		for (int i = 0; i < 3; i++)
			pthread_create(&t[i], NULL, quick, NULL);
		_exit(0);
	}
}

static int read_all(pid_t pid, int *bad)
{
	static const char *const files[] = { "stat", "status", "statm",
					     "cmdline", "io", "wchan", "maps" };
	char path[64], buf[8192];
	int n = 0;

	for (unsigned int i = 0; i < sizeof(files) / sizeof(*files); i++) {
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/%s", pid, files[i]);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			*bad += errno != ENOENT && errno != ESRCH;
			continue;
		}
		if (read(fd, buf, sizeof(buf)) < 0)
			*bad += errno != ESRCH && errno != ENOENT;
		else
			n++;
		close(fd);
	}
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;

		while ((e = readdir(d)))
			n++;
		closedir(d);
	}
	return n;
}

int main(void)
{
	struct timespec start, now;
	int bad = 0, reads = 0, rounds = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		DIR *d;
		struct dirent *e;

		for (int i = 0; i < 4; i++)
			spawn();
		d = opendir("/proc");
		while (d && (e = readdir(d)))
			if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
				reads += read_all(atoi(e->d_name), &bad);
		if (d)
			closedir(d);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		rounds++;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < 2);
	while (wait(NULL) > 0)
		;
	ok(reads > 0, "%d rounds, %d reads", rounds, reads);
	is(bad, 0, "only ENOENT or ESRCH for processes that went away");
	return tap_done();
}
