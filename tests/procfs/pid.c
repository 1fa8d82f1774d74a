/*
 * tests/procfs/pid.c: /proc/self and /proc/<pid>: the self link, stat
 * fields 1-4 for self and a child, status Name/Pid/PPid, cmdline, exe.
 */
#include "tap.h"
#include "proc.h"

/* Check "pid (comm) state ppid" of /proc/<pid>/stat. */
static void check_stat(pid_t pid, const char *comm, const char *states,
		       pid_t ppid, const char *who)
{
	char path[64], buf[1024], want[64], state = 0;
	int got_pid = 0, got_ppid = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ok(slurp(path, buf, sizeof(buf)) > 0, "%s: %s reads", who, path);
	snprintf(want, sizeof(want), "%d (%s) ", pid, comm);
	ok(strncmp(buf, want, strlen(want)) == 0, "%s: stat starts \"%s\"", who, want);
	sscanf(buf + strlen(want) - 1, " %c %d", &state, &got_ppid);
	sscanf(buf, "%d", &got_pid);
	is(got_pid, pid, "%s: stat field 1 is the pid", who);
	ok(state && strchr(states, state), "%s: stat state '%c' is one of %s", who,
	   state, states);
	is(got_ppid, ppid, "%s: stat field 4 is the parent's pid", who);
}

static void test_self(const char *comm)
{
	char buf[64], want[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	is_str(buf, want, "/proc/self is a symlink to the pid");
	check_stat(getpid(), comm, "R", getppid(), "self");
}

/* Give the child up to 5 s to block in read (state S). */
static void wait_sleeping(pid_t pid)
{
	char path[64], buf[512], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < 250; i++) {
		if (slurp(path, buf, sizeof(buf)) > 0 && (p = strrchr(buf, ')')) &&
		    p[1] == ' ' && p[2] == 'S')
			return;
		usleep(20000);
	}
}

static void test_child(const char *comm)
{
	int go[2];
	char c;
	pid_t pid;

	pipe(go);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1);
		_exit(0);
	}
	close(go[0]);
	wait_sleeping(pid);
	check_stat(pid, comm, "S", getpid(), "child");
	close(go[1]);
	waitpid(pid, NULL, 0);
}

static void test_status(const char *comm)
{
	char buf[2048], want[64];

	ok(slurp("/proc/self/status", buf, sizeof(buf)) > 0, "/proc/self/status reads");
	snprintf(want, sizeof(want), "Name:\t%s\n", comm);
	ok(strncmp(buf, want, strlen(want)) == 0, "status starts with Name:\\t%s", comm);
	snprintf(want, sizeof(want), "\nPid:\t%d\n", getpid());
	ok(strstr(buf, want) != NULL, "status has Pid:\\t%d", getpid());
	snprintf(want, sizeof(want), "\nPPid:\t%d\n", getppid());
	ok(strstr(buf, want) != NULL, "status has PPid:\\t%d", getppid());
}

static void test_cmdline_exe(int argc, char **argv)
{
	char buf[512], exe[256];
	ssize_t n = slurp("/proc/self/cmdline", buf, sizeof(buf)), want = 0;
	int i;

	for (i = 0; i < argc; i++)
		want += strlen(argv[i]) + 1;
	is(n, want, "/proc/self/cmdline is argv, NUL-terminated strings");
	ok(n > 0 && memcmp(buf, argv[0], strlen(argv[0]) + 1) == 0,
	   "cmdline starts with argv[0]");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	ok(n > 0 && exe[0] == '/', "/proc/self/exe is an absolute path (%s)", exe);
	ok(argv[0][0] != '/' || strcmp(exe, argv[0]) == 0,
	   "/proc/self/exe names this program");
}

int main(int argc, char **argv)
{
	const char *comm = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	char buf[16];

	test_self(comm);
	test_child(comm);
	test_status(comm);
	test_cmdline_exe(argc, argv);
	expect_errno(open("/proc/999999/stat", O_RDONLY), ENOENT);
	ok(slurp("/proc/uptime", buf, sizeof(buf)) > 0, "/proc/uptime reads");
	return tap_done();
}
