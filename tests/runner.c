/*
 * tests/runner.c: /init of the check image.
 *
 * As pid 1 it mounts the pseudo file systems, runs every program listed in
 * /tests/LIST in its own child with a time limit, relays the children's
 * `ok`/`not ok` lines to the console and counts them, checks that free
 * memory came back (on tine), prints `N passed, M failed` as the very last
 * line and powers the machine off.
 *
 * Kernel features it needs: mount, mkdir, open/read/write/close, pipe,
 * dup2, fork, execve, setpgid, wait4, kill, the alarm syscall (called
 * raw: musl's alarm() would use setitimer) and rt_sigaction (SIGALRM must
 * interrupt a blocking pipe read with EINTR), uname, sync, reboot.
 *
 * The kernel command line option tests=AREA (e.g. tests=fileio) runs only
 * the programs under /tests/AREA/; tests=AREA/NAME runs just one.
 * runner.timeout=SECONDS changes the per-program limit (0: none), for
 * long runs such as make fuzz.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define INIT_NAME "runner"
#include "init.h"
#include "proc.h"

/*
 * Seconds one test program may run.  On Linux under TCG the whole suite
 * takes a few seconds; a hung test costs this much of check.sh's budget.
 */
#define TEST_TIMEOUT 30
static unsigned int test_timeout = TEST_TIMEOUT;

/*
 * Memory in use may legitimately grow a little over the suite on tine
 * even after warm_up(): a deeper runner stack and per-boot caches that
 * stay allocated by design (tracefs's tree on its first mount, say).
 * 64 kB (16 pages) covers that; a real leak of even one page per fork,
 * exec or file is far larger over the suite's hundreds of them. The
 * free room inside slab pages is not counted as in use (mem_used_kb).
 */
#define LEAK_SLACK_KB 64

static int passed, failed, skipped;
/* The running test is listed in /tests/KNOWN-FAIL and we are on tine:
 * its failures are TAP "TODO" lines (counted as skipped), not failures. */
static int known_fail;

/* Print a runner-generated result line and count it. */
static void result(int pass, const char *test, const char *what)
{
	char line[512];

	snprintf(line, sizeof(line), "%s - %s: %s%s\n", pass ? "ok" : "not ok",
		 test, what, !pass && known_fail ? " # TODO known failure" : "");
	put(line);
	if (pass)
		passed++;
	else if (known_fail)
		skipped++;
	else
		failed++;
}

static void setup_mounts(void)
{
	mount_fs("proc", "/proc", "proc");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	open_console();
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mount_fs("tmpfs", "/dev/shm", "tmpfs");
}

/* A /proc/meminfo field in kB, or -1. */
static long meminfo_kb(const char *field)
{
	static char buf[4096];
	char *p;

	if (slurp("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, field);
	return p ? strtol(p + strlen(field), NULL, 10) : -1;
}

/* The free room inside slab pages, in kB: (num_objs - active_objs) *
 * objsize summed over /proc/slabinfo's caches; -1 if unreadable. */
static long slab_free_room_kb(void)
{
	static char buf[65536];
	unsigned long active, num, size, bytes = 0;
	char *line, *save, name[64];

	if (slurp("/proc/slabinfo", buf, sizeof(buf)) <= 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%63s %lu %lu %lu", name, &active, &num,
			   &size) == 4 && num >= active)
			bytes += (num - active) * size;
	return bytes / 1024;
}

/*
 * Memory in use in kB, or -1: MemTotal - MemFree less the free room
 * inside slab pages. Objects freed over the suite leave a slab page
 * partly used while one object in it lives on (more so with several
 * CPUs, whose object caches refill from different pages): that room is
 * allocator fragmentation, reused by the next allocations, not a leak.
 * MemFree already counts the allocators' per-CPU caches (reading
 * /proc/meminfo drains them on tine).
 */
static long mem_used_kb(void)
{
	long total = meminfo_kb("MemTotal:"), free = meminfo_kb("MemFree:");
	long room = slab_free_room_kb();

	if (total < 0 || free < 0 || room < 0)
		return -1;
	return total - free - room;
}

/*
 * The area selected by tests=AREA on the kernel command line, or "".
 * Linux also hands unknown name=value options to init as environment
 * variables, which is the fallback when /proc/cmdline is unreadable.
 */
static void selected_area(char *area, size_t size)
{
	char cmdline[1024], *p;
	const char *env;

	area[0] = '\0';
	if (slurp("/proc/cmdline", cmdline, sizeof(cmdline)) > 0) {
		for (p = strtok(cmdline, " \n"); p; p = strtok(NULL, " \n")) {
			if (strncmp(p, "tests=", 6) == 0)
				snprintf(area, size, "%s", p + 6);
			if (strncmp(p, "runner.timeout=", 15) == 0)
				test_timeout = (unsigned int)atoi(p + 15);
		}
		return;
	}
	env = getenv("tests");
	if (env)
		snprintf(area, size, "%s", env);
}

/*
 * True if /tests/AREA/NAME is selected by tests=SEL: every test when SEL
 * is empty, the whole area for tests=AREA, one test for tests=AREA/NAME,
 * and any of several for a comma-separated list (tests=proc,clone/flags).
 */
static int in_area(const char *path, const char *sel)
{
	if (*sel == '\0')
		return 1;
	while (*sel) {
		size_t len = strcspn(sel, ",");

		if (len && strncmp(path, "/tests/", 7) == 0 &&
		    strncmp(path + 7, sel, len) == 0 &&
		    (path[7 + len] == '/' || path[7 + len] == '\0'))
			return 1;
		sel += len;
		if (*sel == ',')
			sel++;
	}
	return 0;
}

/* Arm (or with 0 cancel) the per-test alarm. */
static void set_alarm(unsigned int seconds)
{
	syscall(SYS_alarm, seconds);
}

/* Child side: stdout and stderr into the pipe, own process group, exec. */
static void exec_test(const char *path, int out)
{
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { "HOME=/", "PATH=/bin:/sbin:/usr/bin", "TERM=vt100",
			 NULL };

	setpgid(0, 0);
	dup2(out, 1);
	dup2(out, 2);
	if (out > 2)
		close(out);
	signal(SIGALRM, SIG_DFL);
	execve(path, argv, envp);
	dprintf(1, "not ok - %s: execve: %s\n", path, strerror(errno));
	_exit(127);
}

/*
 * Count one complete output line and echo it (relay_lines' callback;
 * arg counts the result lines).  Only lines that start with "ok" or
 * "not ok" count; "# ..." and anything else are just echoed.
 */
static void relay_line(char *line, void *arg)
{
	int *seen = arg;
	char todo[600];
	size_t n = strlen(line);

	if (known_fail && strncmp(line, "not ok", 6) == 0 && n < 500) {
		/* Mark it TODO before the newline, TAP style. */
		memcpy(todo, line, n);
		if (n && todo[n - 1] == '\n')
			n--;
		memcpy(todo + n, " # TODO known failure\n", 23);
		put(todo);
		skipped++;
		(*seen)++;
		return;
	}
	put(line);
	if (strncmp(line, "ok", 2) == 0) {
		passed++;
		(*seen)++;
	} else if (strncmp(line, "not ok", 6) == 0) {
		failed++;
		(*seen)++;
	}
}

/* Judge how the test program ended, beyond its own result lines. */
static void judge_exit(const char *path, int status, int seen)
{
	char what[64];

	if (timed_out) {
		snprintf(what, sizeof(what), "timed out after %u s",
			 test_timeout);
		result(0, path, what);
	} else if (WIFSIGNALED(status)) {
		snprintf(what, sizeof(what), "killed by signal %d",
			 WTERMSIG(status));
		result(0, path, what);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(what, sizeof(what), "exit status %d",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		result(0, path, what);
	} else if (seen == 0) {
		result(0, path, "printed no results");
	}
}

static int is_tine(void);

/*
 * Is path listed in /tests/KNOWN-FAIL ("/tests/area/name  # why" lines)?
 * Only tine has known failures: on Linux every test must pass.
 */
static int listed_known_failure(const char *path)
{
	static char list[8192];
	static int loaded;
	size_t n = strlen(path);
	const char *p;

	if (!is_tine())
		return 0;
	if (!loaded) {
		loaded = 1;
		if (slurp("/tests/KNOWN-FAIL", list, sizeof(list)) < 0)
			list[0] = 0;
	}
	for (p = list; (p = strstr(p, path)) != NULL; p += n)
		if ((p == list || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == ' ' || p[n] == '\t' || !p[n]))
			return 1;
	return 0;
}

/* Run one test program in a child and relay its output. */
static void run_test(const char *path)
{
	int fds[2], status = 0, seen, reaped;
	pid_t pid;
	char head[300];

	known_fail = listed_known_failure(path);
	snprintf(head, sizeof(head), "# %s%s\n", path,
		 known_fail ? " (known failure on tine: failures are TODO)" : "");
	put(head);
	if (pipe(fds) < 0) {
		result(0, path, "runner: pipe failed");
		return;
	}
	pid = fork();
	if (pid < 0) {
		result(0, path, "runner: fork failed");
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		exec_test(path, fds[1]);
	}
	close(fds[1]);
	timed_out = 0;
	set_alarm(test_timeout);
	seen = 0;
	relay_lines(fds[0], relay_line, &seen);
	reaped = 0;
	if (timed_out) {
		/* Say so if the test itself had ended and only its children hung. */
		if (waitpid(pid, &status, WNOHANG) == pid) {
			reaped = 1;
			put("# runner: the test exited; its children kept its output open\n");
		}
		kill(-pid, SIGKILL);
	}
	close(fds[0]);
	if (!reaped)
		status = wait_or_kill(pid);
	set_alarm(0);
	judge_exit(path, status, seen);
	/* Leftover children of the test, then every orphan re-parented here. */
	kill(-pid, SIGKILL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	known_fail = 0;
}

/*
 * Run one fork + pipe + execve + wait4 cycle (busybox true) and load
 * /tests/KNOWN-FAIL before the MemFree baseline, so that what the kernel
 * allocates once and keeps (slab pages for tasks, files and pipes, the
 * runner's own stack, data and page tables) is not counted as a leak of
 * the first test.
 */
static void warm_up(void)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };
	int fds[2], seen = 0;
	pid_t pid;

	if (pipe(fds) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execve("/bin/busybox", argv, envp);
		_exit(127);
	}
	close(fds[1]);
	relay_lines(fds[0], relay_line, &seen);
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	listed_known_failure("/");	/* its list is the runner's own memory */
}

/* Run every listed program of the selected area, in list order. */
static void run_list(char *list, const char *area)
{
	char *line, *save;

	for (line = strtok_r(list, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (line[0] == '/' && in_area(line, area))
			run_test(line);
}

static int is_tine(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.release, "tine") != NULL;
}

/*
 * Compare memory in use before and after.  On Linux the page cache, slab
 * and per-cpu lists move it by megabytes either way, so there it is
 * only reported.
 */
static void check_leak(long before, long after, long free_before)
{
	char line[200];

	snprintf(line, sizeof(line), "# in use (less free room in slab pages) "
		 "before %ld kB, after %ld kB; memfree before %ld kB, after "
		 "%ld kB\n", before, after, free_before,
		 meminfo_kb("MemFree:"));
	put(line);
	if (!is_tine())
		return;
	if (before < 0 || after < 0) {
		result(0, "no leak", "cannot read /proc/meminfo, /proc/slabinfo");
	} else if (after - before > LEAK_SLACK_KB) {
		snprintf(line, sizeof(line), "memory in use grew by %ld kB",
			 after - before);
		result(0, "no leak", line);
	} else {
		result(1, "no leak", "memory in use back within slack");
	}
}

int main(void)
{
	static char list[65536];
	struct sigaction sa;
	char area[512], line[600];
	long before, free_before;

	setup_mounts();
	/* No SA_RESTART: the alarm must break the relay's blocking read. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	selected_area(area, sizeof(area));
	if (area[0]) {
		snprintf(line, sizeof(line), "# only tests=%s\n", area);
		put(line);
	}
	if (slurp("/tests/LIST", list, sizeof(list)) < 0)
		result(0, "/tests/LIST", "cannot read");
	warm_up();
	mem_used_kb();		/* its own buffers are touched now, not after */
	before = mem_used_kb();
	free_before = meminfo_kb("MemFree:");
	run_list(list, area);
	check_leak(before, mem_used_kb(), free_before);
	if (skipped)
		snprintf(line, sizeof(line), "%d passed, %d failed, %d skipped\n",
			 passed, failed, skipped);
	else
		snprintf(line, sizeof(line), "%d passed, %d failed\n", passed,
			 failed);
	put(line);
	sync();
	reboot(RB_POWER_OFF);
	/* pid 1 must never exit; that would panic the kernel. */
	for (;;)
		pause();
}
