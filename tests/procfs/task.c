/*
 * tests/procfs/task.c: /proc/<pid>/task/<tid> and /proc/thread-self:
 * a directory per thread that appears with the thread and vanishes
 * when it exits, per-thread stat/status/comm, comm writable for the
 * process's own threads only, /proc/<tid> reachable but not listed,
 * another process's threads not in our task/.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <sys/prctl.h>
#include "tap.h"
#include "proc.h"

static pid_t tids[3];
static volatile int go_away;

static void *worker(void *arg)
{
	int i = (int)(long)arg;
	char name[16];

	snprintf(name, sizeof(name), "worker%d", i);
	prctl(PR_SET_NAME, name);
	/* Named before it is announced: main reads the names next. */
	__atomic_store_n(&tids[i], (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
	while (!go_away)
		usleep(1000);
	return NULL;
}

/* The numeric entries of dir, sorted; how many. */
static int list_ids(const char *dir, pid_t *ids, int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && n < max)
			ids[n++] = atoi(e->d_name);
	closedir(d);
	return n;
}

static int has_id(const pid_t *ids, int n, pid_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static void test_dirs(pthread_t *th)
{
	pid_t ids[64], all[4096];
	char path[128], buf[2048], c2[32];
	unsigned long long f[STAT_FIELDS + 1];
	int n, i;

	n = list_ids("/proc/self/task", ids, 64);
	is(n, 4, "task/ lists the 4 threads");
	ok(has_id(ids, n, getpid()), "the main thread is there");
	for (i = 0; i < 3; i++)
		ok(has_id(ids, n, tids[i]), "thread %d is there", i);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tids[1]);
	ok(slurp(path, buf, sizeof(buf)) > 0, "task/<tid>/stat reads");
	parse_stat(buf, c2, sizeof(c2), f);
	is(f[1], tids[1], "its pid field is the tid");
	is_str(c2, "worker1", "its comm is the thread's");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", tids[2]);
	slurp(path, buf, sizeof(buf));
	is(status_num(buf, "Pid"), tids[2], "task/<tid>/status Pid is the tid");
	is(status_num(buf, "Tgid"), getpid(), "and Tgid the process");
	n = list_ids("/proc", all, 4096);
	ok(!has_id(all, n, tids[0]), "/proc does not list thread ids");
	snprintf(path, sizeof(path), "/proc/%d/status", tids[0]);
	ok(slurp(path, buf, sizeof(buf)) > 0, "but /proc/<tid> can be opened");
	is(status_num(buf, "Tgid"), getpid(), "and is of our process");
	snprintf(path, sizeof(path), "/proc/%d/task/%d", tids[0], getppid());
	expect_errno(open(path, O_RDONLY), ENOENT);
	(void)th;
}

static void test_thread_self(void)
{
	char buf[64], want[64];
	ssize_t n = readlink("/proc/thread-self", buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d/task/%d", getpid(),
		 (int)syscall(SYS_gettid));
	is_str(buf, want, "/proc/thread-self is <pid>/task/<tid>");
	ok(access("/proc/thread-self/stat", R_OK) == 0,
	   "/proc/thread-self/stat is there");
}

static void test_comm(void)
{
	char path[128], buf[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tids[0]);
	fd = open(path, O_WRONLY);
	ok(fd >= 0 && write(fd, "renamed", 7) == 7,
	   "a thread's comm is writable by its process");
	close(fd);
	slurp(path, buf, sizeof(buf));
	is_str(buf, "renamed\n", "comm reads back");
	fd = open("/proc/1/comm", O_WRONLY);
	ok(fd >= 0, "root may open init's comm for writing");
	expect_errno(write(fd, "x", 1), EINVAL);
	close(fd);
}

static void test_vanish(pthread_t *th)
{
	char path[128];
	pid_t ids[64];
	int n = 0, i;

	snprintf(path, sizeof(path), "/proc/self/task/%d", tids[0]);
	go_away = 1;
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 500; i++) {
		n = list_ids("/proc/self/task", ids, 64);
		if (n == 1)
			break;
		usleep(10000);
	}
	is(n, 1, "exited threads leave task/");
	expect_errno(open(path, O_RDONLY), ENOENT);
}

int main(void)
{
	pthread_t th[3];

	for (long i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < 3; i++)
		while (!__atomic_load_n(&tids[i], __ATOMIC_ACQUIRE))
			usleep(1000);
	test_dirs(th);
	test_thread_self();
	test_comm();
	test_vanish(th);
	return tap_done();
}
