/*
 * tools/trinity/run.c: /tests/trinity/run in the trinity image (make
 * trinity).  Runs Debian's trinity fuzzer as uid 65534 with a fixed seed
 * and a call budget, then checks that it finished in time and that
 * MemFree and every /proc/slabinfo cache came back.
 *
 * Options from the kernel command line:
 *   trinity.calls=N     calls (trinity -N; default 20000)
 *   trinity.seed=S      trinity -s (default 1)
 *   trinity.children=C  trinity -C (default 2)
 *   trinity.time=T      seconds before trinity is killed (default 1200)
 *   trinity.args=a,b,c  more arguments for trinity, comma-separated
 */
#include "memcheck.h"
#include <grp.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define SLACK_KB 64
#define MAX_ARGS 64

static char cmdline[4096];
static volatile sig_atomic_t timed_out;

static const char *opt(const char *key, const char *def)
{
	static char vals[8][512];
	static int next;
	char *v = vals[next++ % 8];
	const char *p = strstr(cmdline, key);
	size_t i = 0;

	if (!p || (p != cmdline && p[-1] != ' '))
		return def;
	for (p += strlen(key); *p && *p != ' ' && *p != '\n' && i + 1 < 512; p++)
		v[i++] = *p;
	v[i] = 0;
	return v;
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/* trinity's argument vector; extra comma-separated args appended. */
static void build_argv(char **argv)
{
	static char extra[512];
	int n = 0;

	argv[n++] = "/usr/bin/trinity";
	argv[n++] = "-q";
	argv[n++] = "-q";
	argv[n++] = "-l";
	argv[n++] = "off";
	argv[n++] = "-N";
	argv[n++] = (char *)opt("trinity.calls=", "20000");
	argv[n++] = "-s";
	argv[n++] = (char *)opt("trinity.seed=", "1");
	argv[n++] = "-C";
	argv[n++] = (char *)opt("trinity.children=", "2");
	/* Stop on the taints that mean a kernel problem (an oops, a
	 * warning, a bad page), not on Debian's others. */
	argv[n++] = "-T";
	argv[n++] = "DIE,WARN,BAD_PAGE,MACHINE_CHECK";
	snprintf(extra, sizeof(extra), "%s", opt("trinity.args=", ""));
	for (char *save, *a = strtok_r(extra, ",", &save); a && n < MAX_ARGS - 1;
	     a = strtok_r(NULL, ",", &save))
		argv[n++] = a;
	argv[n] = NULL;
}

static void exec_trinity(char **argv)
{
	char *envp[] = { "HOME=/tmp/trinity", "PATH=/bin:/usr/bin",
			 "TERM=dumb", NULL };

	setsid();
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534) || chdir("/tmp/trinity"))
		_exit(120);
	execve(argv[0], argv, envp);
	_exit(121);
}

/*
 * Remove the SysV IPC objects of one kind (/proc/sysvipc/NAME, the id in
 * the second column): trinity's msgget/semget/shmget make objects that
 * outlive it on any kernel, which are not a leak. Returns how many.
 */
static int remove_ipc(const char *name, int (*rmid)(int id))
{
	static char buf[1 << 20];
	char path[64], *line, *save;
	int n = 0, id;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", name);
	if (slurp(path, buf, sizeof(buf)) < 0)
		return 0;
	line = strtok_r(buf, "\n", &save);	/* the header */
	while ((line = strtok_r(NULL, "\n", &save)))
		if (sscanf(line, "%*d %d", &id) == 1 && rmid(id) == 0)
			n++;
	return n;
}

static int msg_rmid(int id) { return msgctl(id, IPC_RMID, NULL); }
static int sem_rmid(int id) { return semctl(id, 0, IPC_RMID); }
static int shm_rmid(int id) { return shmctl(id, IPC_RMID, NULL); }

/*
 * Kill whatever is left (trinity's children), reap it all, and remove
 * the files trinity made (in its directory, /tmp and /dev/shm) and its
 * SysV IPC objects.
 */
static void stop_everything(void)
{
	char *rm[] = { "rm", "-rf", "/tmp/trinity", "/dev/shm/trinity",
		       NULL };
	int st;
	pid_t pid;

	kill(-1, SIGKILL);	/* pid != 1: spares init and us */
	while (waitpid(-1, &st, __WALL) > 0 || errno == EINTR)
		;
	pid = fork();
	if (pid == 0) {
		execv("/bin/busybox", rm);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	diag("trinity left %d message queues, %d semaphore sets, %d shared "
	     "memory segments (removed)", remove_ipc("msg", msg_rmid),
	     remove_ipc("sem", sem_rmid), remove_ipc("shm", shm_rmid));
}

int main(void)
{
	struct memcheck before, after;
	struct sigaction sa;
	char *argv[MAX_ARGS];
	int st = 0, limit;
	pid_t pid;

	slurp("/proc/cmdline", cmdline, sizeof(cmdline));
	limit = atoi(opt("trinity.time=", "1200"));
	build_argv(argv);
	mkdir("/tmp/trinity", 0755);
	chown("/tmp/trinity", 65534, 65534);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	memcheck_read(&before);
	diag("trinity: %s -N %s -s %s -C %s %s as uid 65534", argv[0], argv[6],
	     argv[8], argv[10], opt("trinity.args=", ""));
	/* What tine lacks, trinity reports as it starts (sockets, perf...). */
	pid = fork();
	if (pid == 0)
		exec_trinity(argv);
	alarm((unsigned)limit);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR && !timed_out)
		;
	alarm(0);
	if (timed_out) {
		kill(-pid, SIGKILL);
		tap_result(0, "trinity: finished", "still running after the "
			   "time limit");
	} else {
		ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "trinity: finished its calls (status %#x)", st);
	}
	stop_everything();
	memcheck_read(&after);
	memcheck_compare("trinity", &before, &after, SLACK_KB);
	return tap_done();
}
