/*
 * tools/kselftest/init.c: /init of the kselftest image (make kselftest).
 *
 * As pid 1 it mounts the pseudo file systems and runs every case listed in
 * /ksft/LIST, one line per case:
 *
 *	DIR:PROG TIMEOUT [ARG...]
 *
 * in a child of its own, in /ksft/DIR (the selftests read their own files
 * from the current directory), with stdin on /dev/null and stdout/stderr
 * on a pipe.  The child's lines are relayed to the console prefixed with
 * "# ", its TAP result lines ("ok N ...", "not ok N ...", also nested ones)
 * are counted, and each case ends with one line the host parses:
 *
 *	ksft-result: DIR:PROG STATUS exit=E tap=PASSED/TOTAL skip=S secs=T
 *
 * STATUS is pass (exit 0), skip (exit 4, KSFT_SKIP), fail (any other exit
 * or a signal) or timeout (TIMEOUT seconds, 0 meaning none).  After each
 * case every other process is killed, so nothing a case left behind runs
 * into the next one.  The last line is "ksft-done: N cases", then the
 * machine powers off.
 *
 * The kernel command line option ksft=SEL runs only the cases whose name
 * starts with one of SEL's comma-separated prefixes (ksft=pidfd,exec:null-argv).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define INIT_NAME "ksft-init"
#include "init.h"

#define MAX_ARGS 16

/* TAP lines seen in one case's output. */
struct tap_count {
	int passed;	/* "ok" lines without a SKIP directive */
	int total;	/* "ok" and "not ok" lines */
	int skipped;	/* "ok ... # SKIP" lines */
};


static void setup_mounts(void)
{
	mount_fs("proc", "/proc", "proc");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	open_console();
	mount_fs("sysfs", "/sys", "sysfs");
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mount_fs("tmpfs", "/dev/shm", "tmpfs");
	mount_fs("devpts", "/dev/pts", "devpts");
	mount_fs("mqueue", "/dev/mqueue", "mqueue");
}

/* Read a whole file into a malloc'd NUL-terminated buffer, or NULL. */
static char *read_file(const char *path)
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, size - 1 - len)) > 0) {
		len += (size_t)n;
		if (len == size - 1) {
			char *bigger = realloc(buf, size * 2);

			if (!bigger)
				break;
			buf = bigger;
			size *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* The ksft=SEL option of the kernel command line (or its env copy), or "". */
static void selection(char *sel, size_t size)
{
	char *cmdline = read_file("/proc/cmdline"), *p;
	const char *env = getenv("ksft");

	snprintf(sel, size, "%s", env ? env : "");
	if (!cmdline)
		return;
	for (p = strtok(cmdline, " \n"); p; p = strtok(NULL, " \n"))
		if (strncmp(p, "ksft=", 5) == 0)
			snprintf(sel, size, "%s", p + 5);
	free(cmdline);
}

/* Does SEL (comma-separated prefixes, "" for all) select the case NAME? */
static int selected(const char *name, const char *sel)
{
	if (*sel == '\0')
		return 1;
	while (*sel) {
		size_t len = strcspn(sel, ",");

		if (len && strncmp(name, sel, len) == 0)
			return 1;
		sel += len;
		if (*sel == ',')
			sel++;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Child side: own process group, cwd, stdio, default signals, exec. */
static void exec_case(const char *dir, char **argv, int out)
{
	char *envp[] = { "HOME=/root", "PATH=/bin:/sbin:/usr/bin:/usr/sbin",
			 "TERM=vt100", NULL };
	char path[512];
	sigset_t none;
	int null;

	setpgid(0, 0);
	snprintf(path, sizeof(path), "/ksft/%s", dir);
	if (chdir(path) < 0) {
		dprintf(out, "ksft-init: chdir %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	null = open("/dev/null", O_RDONLY);
	if (null >= 0)
		dup2(null, 0);
	dup2(out, 1);
	dup2(out, 2);
	if (out > 2)
		close(out);
	if (null > 2)
		close(null);
	signal(SIGALRM, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(argv[0], argv, envp);
	dprintf(1, "ksft-init: execve %s/%s: %s\n", path, argv[0],
		strerror(errno));
	_exit(127);
}

/* Count a TAP result line (leading blanks allowed: nested TAP). */
static void count_tap(const char *line, struct tap_count *tap)
{
	line += strspn(line, " \t");
	if (strncmp(line, "not ok ", 7) == 0) {
		tap->total++;
	} else if (strncmp(line, "ok ", 3) == 0) {
		tap->total++;
		if (strstr(line, "# SKIP") || strstr(line, "# skip"))
			tap->skipped++;
		else
			tap->passed++;
	}
}

/* Echo one line of the case's output prefixed with "# " and count it
 * into the struct tap_count at arg (relay_lines' callback). */
static void relay_line(char *line, void *arg)
{
	count_tap(line, arg);
	put("# ");
	put(line);
}

/* Kill every process but init and reap them all. */
static void kill_everything(void)
{
	kill(-1, SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

/* The status word of a case from how it ended. */
static const char *case_status(int status)
{
	if (timed_out)
		return "timeout";
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return "pass";
	if (WIFEXITED(status) && WEXITSTATUS(status) == 4)
		return "skip";
	return "fail";
}

/* Run one case: name is "DIR:PROG", argv[0] "./PROG". */
static void run_case(const char *name, unsigned int timeout, char **argv)
{
	struct tap_count tap = { 0, 0, 0 };
	char dir[256], line[600];
	int fds[2], status, code;
	double start = now();
	pid_t pid;

	snprintf(dir, sizeof(dir), "%.*s", (int)strcspn(name, ":"), name);
	snprintf(line, sizeof(line), "# ksft: %s (timeout %u s)\n", name,
		 timeout);
	put(line);
	if (pipe(fds) < 0) {
		snprintf(line, sizeof(line),
			 "ksft-result: %s fail exit=-1 tap=0/0 skip=0 secs=0\n",
			 name);
		put(line);
		return;
	}
	timed_out = 0;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		exec_case(dir, argv, fds[1]);
	}
	close(fds[1]);
	alarm(timeout);
	if (pid > 0)
		relay_lines(fds[0], relay_line, &tap);
	if (timed_out && pid > 0)
		kill(-pid, SIGKILL);
	close(fds[0]);
	status = pid > 0 ? wait_or_kill(pid) : -1;
	alarm(0);
	kill_everything();
	code = WIFEXITED(status) ? WEXITSTATUS(status) :
	       WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
	snprintf(line, sizeof(line),
		 "ksft-result: %s %s exit=%d tap=%d/%d skip=%d secs=%.1f\n",
		 name, case_status(status), code, tap.passed, tap.total,
		 tap.skipped, now() - start);
	put(line);
}

/* Parse one LIST line into name, timeout and argv; 0 or -1 if malformed. */
static int parse_case(char *line, char **name, unsigned int *timeout,
		      char **argv, char *prog, size_t size)
{
	char *tok, *save, *colon;
	int argc = 1;

	*name = strtok_r(line, " \t", &save);
	tok = strtok_r(NULL, " \t", &save);
	if (!*name || !tok || !(colon = strchr(*name, ':')))
		return -1;
	*timeout = (unsigned int)strtoul(tok, NULL, 10);
	snprintf(prog, size, "./%s", colon + 1);
	argv[0] = prog;
	while (argc < MAX_ARGS - 1 && (tok = strtok_r(NULL, " \t", &save)))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return 0;
}

int main(void)
{
	char *list, *line, *save, *name, *argv[MAX_ARGS];
	char sel[512], prog[256], msg[128];
	unsigned int timeout;
	struct sigaction sa;
	int cases = 0;

	setup_mounts();
	/* No SA_RESTART: the alarm must break the relay's blocking read. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	selection(sel, sizeof(sel));
	list = read_file("/ksft/LIST");
	if (!list)
		put("# ksft-init: cannot read /ksft/LIST\n");
	for (line = list ? strtok_r(list, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' ||
		    parse_case(line, &name, &timeout, argv, prog, sizeof(prog)))
			continue;
		if (!selected(name, sel))
			continue;
		run_case(name, timeout, argv);
		cases++;
	}
	snprintf(msg, sizeof(msg), "ksft-done: %d cases\n", cases);
	put(msg);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
