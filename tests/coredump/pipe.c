/*
 * tests/coredump/pipe.c: kernel.core_pattern "|program args": the core
 * goes down a pipe to a helper the kernel starts (as Linux's
 * call_usermodehelper: root, its parent kthreadd, RLIMIT_CORE 1, the
 * pipe as stdin and no other files). The pattern is split into argv at
 * spaces before %-escapes expand (a comm with a space stays one
 * argument); %p %P %i %I %u %g %s %t %h %e %E %c %d %% expand as for a
 * file. RLIMIT_CORE does not limit a piped core (0 still dumps), except
 * that exactly 1 means none; a helper that cannot be run means no core
 * (no WCOREDUMP); with kernel.core_pipe_limit set the dumper waits
 * until its helper is done, so the helper still sees /proc/<pid>; a
 * SIGKILL ends a dump blocked on a helper that does not read.
 * The helper is tests/helpers/core_helper.
 */
#include "tap.h"
#include "proc.h"
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>

#define HELPER "/tests/helpers/core_helper"
#define PATTERN_FILE "/proc/sys/kernel/core_pattern"
#define PIPE_LIMIT_FILE "/proc/sys/kernel/core_pipe_limit"

static char out_path[64];

/* A child that sets its comm and RLIMIT_CORE and dies of SIGSEGV.
 * Returns its wait status; its pid in *pid. */
static int crash(const char *comm, rlim_t limit, pid_t *pid)
{
	int st = -1;

	*pid = fork();
	if (*pid == 0) {
		struct rlimit rl = { limit, limit };

		prctl(PR_SET_NAME, comm);
		if (setrlimit(RLIMIT_CORE, &rl))
			_exit(100);
		*(volatile int *)0 = 1;
		_exit(101);
	}
	while (waitpid(*pid, &st, 0) < 0 && errno == EINTR)
		;
	return st;
}

/* The helper's report, after a newline: wait up to 20 s for it. */
static char *read_report(const char *path)
{
	static char buf[4096];
	int fd = -1;
	ssize_t r;

	for (int i = 0; i < 200 && (fd = open(path, O_RDONLY)) < 0; i++)
		usleep(100000);
	if (fd < 0)
		return NULL;
	buf[0] = '\n';
	r = read(fd, buf + 1, sizeof(buf) - 2);
	close(fd);
	buf[r > 0 ? r + 1 : 1] = 0;
	return buf;
}

/* The value of the "key=" line of report (up to a space or newline). */
static const char *field(const char *report, const char *key)
{
	static char val[256];
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "\n%s=", key);
	p = strstr(report, pat);
	if (!p)
		return "";
	p += strlen(pat);
	n = strcspn(p, "\n ");
	n = n < sizeof(val) - 1 ? n : sizeof(val) - 1;
	memcpy(val, p, n);
	val[n] = 0;
	return val;
}

/* The helper, reporting to out, with args. */
static int set_pattern_to(const char *out, const char *args)
{
	char pattern[256];

	snprintf(pattern, sizeof(pattern), "|" HELPER " %s %s", out, args);
	unlink(out);
	return sysctl_rw(PATTERN_FILE, pattern, NULL, 0);
}

static int set_pattern(const char *args)
{
	return set_pattern_to(out_path, args);
}

static void test_escapes(void)
{
	char num[32];
	struct utsname u;
	const char *r;
	time_t now = time(NULL);
	pid_t pid;
	int st;

	set_pattern("/proc/%P %p %P %i %I %u %g %s %t %h %e %E %c %d %%");
	st = crash("cr ash", 0, &pid);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "the child dies of "
	   "SIGSEGV");
	ok(WCOREDUMP(st), "WCOREDUMP although RLIMIT_CORE is 0");
	r = read_report(out_path);
	if (!ok(r != NULL, "the helper ran and reported"))
		return;
	is_str(field(r, "argc"), "14", "14 arguments ('cr ash' is one)");
	snprintf(num, sizeof(num), "%d", pid);
	is_str(field(r, "arg0"), num, "%%p is the pid");
	is_str(field(r, "arg1"), num, "%%P is the pid (initial namespace)");
	is_str(field(r, "arg2"), num, "%%i is the tid");
	is_str(field(r, "arg3"), num, "%%I is the tid (initial namespace)");
	is_str(field(r, "arg4"), "0", "%%u is the uid");
	is_str(field(r, "arg5"), "0", "%%g is the gid");
	is_str(field(r, "arg6"), "11", "%%s is the signal");
	ok(labs(atol(field(r, "arg7")) - now) < 120, "%%t is the time");
	uname(&u);
	is_str(field(r, "arg8"), u.nodename, "%%h is the host name");
	ok(strstr(r, "\narg9=cr ash\n") != NULL, "%%e is the comm, one "
	   "argument with its space");
	ok(strstr(r, "\narg10=!tests!coredump!pipe\n") != NULL,
	   "%%E is the executable's path, / as !");
	is_str(field(r, "arg11"), "0", "%%c is RLIMIT_CORE");
	is_str(field(r, "arg12"), "1", "%%d is the dumpable mode");
	is_str(field(r, "arg13"), "%", "%%%% is %%");
	ok(atol(field(r, "bytes")) > 4096, "the helper read the core");
	is_str(field(r, "elf"), "1", "it is an ELF file");
	is_str(field(r, "etype"), "4", "of type ET_CORE");
	is_str(field(r, "uid"), "0", "the helper runs as root");
	is_str(field(r, "euid"), "0", "with euid root");
	is_str(field(r, "pcomm"), "kthreadd", "its parent is kthreadd");
	is_str(field(r, "rlimit_core"), "1", "its RLIMIT_CORE is 1");
	is_str(field(r, "stdin_fifo"), "1", "its stdin is a pipe");
	unlink(out_path);
}

static void test_limit_one_and_bad_helper(void)
{
	char first[80];
	pid_t pid;
	int st;

	snprintf(first, sizeof(first), "%s.one", out_path);
	set_pattern_to(first, "/proc/%P");
	st = crash("one", 1, &pid);
	ok(WIFSIGNALED(st) && !WCOREDUMP(st),
	   "RLIMIT_CORE 1: no core, no WCOREDUMP");
	sysctl_rw(PATTERN_FILE, "|/nonexistent/core_helper", NULL, 0);
	st = crash("nohelper", 0, &pid);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV && !WCOREDUMP(st),
	   "a helper that cannot run: no WCOREDUMP");
	/* The helpers run in order: had the first run, it is done. */
	set_pattern("/proc/%P");
	st = crash("two", 0, &pid);
	ok(read_report(out_path) != NULL, "the next dump's helper reports");
	ok(access(first, F_OK) != 0, "no helper ran for RLIMIT_CORE 1");
	unlink(first);
	unlink(out_path);
}

static void test_pipe_limit(void)
{
	char old[32];
	const char *r;
	pid_t pid;

	if (sysctl_rw(PIPE_LIMIT_FILE, "1", old, sizeof(old))) {
		ok(0, "kernel.core_pipe_limit is writable");
		return;
	}
	is_str(old, "0", "kernel.core_pipe_limit is 0 by default");
	set_pattern("/proc/%P");
	ok(WCOREDUMP(crash("limited", 0, &pid)), "core_pipe_limit 1: a core");
	r = read_report(out_path);
	ok(r && !strcmp(field(r, "proc_alive"), "1"),
	   "the dumper waits: the helper sees /proc/<pid>");
	unlink(out_path);
	sysctl_rw(PIPE_LIMIT_FILE, old, NULL, 0);
}

/* A helper that does not read: the dumper blocks on the full pipe;
 * SIGKILL ends it at once, without WCOREDUMP. */
static void test_kill_stalled_dump(void)
{
	char started[80];
	pid_t pid = fork();
	int st = -1, i;

	snprintf(started, sizeof(started), "%s.started", out_path);
	unlink(started);
	set_pattern("stall");
	if (pid == 0) {
		static char big[1 << 20];	/* a core larger than the pipe */

		memset(big, 1, sizeof(big));
		*(volatile int *)0 = 1;
		_exit(101);
	}
	for (i = 0; i < 200 && access(started, F_OK); i++)
		usleep(100000);
	ok(i < 200, "the stalling helper runs");
	usleep(200000);
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && !WCOREDUMP(st),
	   "SIGKILL ends a dump blocked on the pipe");
	ok(access(out_path, F_OK) != 0,
	   "before the helper is done with it");
	for (i = 0; i < 200 && access(out_path, F_OK); i++)
		usleep(100000);
	unlink(started);
	unlink(out_path);
}

int main(void)
{
	char old[256];

	snprintf(out_path, sizeof(out_path), "/tmp/core_helper.%d", getpid());
	if (sysctl_rw(PATTERN_FILE, NULL, old, sizeof(old)) ||
	    access(HELPER, X_OK)) {
		ok(1, "no kernel.core_pattern or no helper # SKIP");
		return tap_done();
	}
	test_escapes();
	test_limit_one_and_bad_helper();
	test_pipe_limit();
	test_kill_stalled_dump();
	sysctl_rw(PATTERN_FILE, old, NULL, 0);
	return tap_done();
}
