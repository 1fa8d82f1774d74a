/*
 * tests/procfs/stat_group.c: /proc/<pid>/stat fields that gather more
 * than the task: a process's minor faults keep those of its threads
 * that have exited (as Linux adds them to the process at release), and
 * tpgid (the terminal's foreground group) is numbered in the reader's
 * pid namespace, like pgrp.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include "tap.h"
#include "proc.h"
#include "ptyutil.h"

#define PAGES 64

static unsigned long long f[STAT_FIELDS + 1];

static int read_stat(const char *path)
{
	char buf[2048], comm[64];

	memset(f, 0, sizeof(f));
	if (slurp(path, buf, sizeof(buf)) <= 0)
		return 0;
	return parse_stat(buf, comm, sizeof(comm), f);
}

static void *touch_pages(void *arg)
{
	char *m = arg;

	for (int i = 0; i < PAGES; i++)
		m[i * 4096] = 1;
	return NULL;
}

static void thread_faults(void)
{
	char *m = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long long before, after;
	pthread_t t;

	read_stat("/proc/self/stat");
	before = f[10];
	ok(pthread_create(&t, NULL, touch_pages, m) == 0 &&
	   pthread_join(t, NULL) == 0, "a thread touched %d new pages and exited",
	   PAGES);
	read_stat("/proc/self/stat");
	after = f[10];
	ok(after >= before + PAGES,
	   "the process's minflt keeps the exited thread's faults (%llu -> %llu)",
	   before, after);
	munmap(m, PAGES * 4096);
}

/* In a new pid and mount namespace with its own /proc: the foreground
 * group of our terminal is the group we made, numbered 1 there. */
static int in_namespace(int slave)
{
	pid_t pid;
	int status;

	if (unshare(CLONE_NEWPID | CLONE_NEWNS))
		return 20;
	pid = fork();
	if (pid < 0)
		return 21;
	if (pid == 0) {
		signal(SIGTTOU, SIG_IGN);
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("proc", "/proc", "proc", 0, NULL))
			_exit(22);
		if (setpgid(0, 0) || tcsetpgrp(slave, 1))
			_exit(23);
		if (!read_stat("/proc/self/stat"))
			_exit(24);
		if (f[1] != 1 || f[5] != 1)
			_exit(25);	/* pid and pgrp 1 here */
		_exit(f[8] == 1 ? 0 : 26);	/* tpgid: the same number */
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 27;
}

static int with_terminal(void)
{
	int master, slave;

	if (setsid() < 0)
		return 10;
	/* The slave opened by a session leader: our controlling terminal. */
	if (pty_setup() || open_pty(&master, &slave, 0, 0) ||
	    tcsetpgrp(slave, getpgrp()))
		return 11;
	if (!read_stat("/proc/self/stat") || f[8] != (unsigned long)getpgrp())
		return 12;	/* tpgid: our group, in the initial namespace */
	return in_namespace(slave);
}

int main(void)
{
	int status;

	thread_faults();
	read_stat("/proc/self/stat");
	status = run_child(with_terminal);
	ok(exited_with(status, 0),
	   "tpgid is numbered in the reader's pid namespace (status %x)",
	   status);
	return tap_done();
}
