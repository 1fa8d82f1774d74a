/*
 * bench/init.c: /init of the bench image.
 *
 * As pid 1 it first reads the clocks (how long the kernel took to reach
 * init), mounts proc, devtmpfs and tmpfs, then runs every benchmark in the
 * table below in its own child with a time limit, output straight to the
 * console, and powers the machine off.  Lines it prints:
 *
 *	boot monotonic_ns N tsc N	clocks at the top of main()
 *	# entry NAME ...		progress and failures
 *	bench ...			the benchmarks' own result lines
 *	bench-end			the last line before power-off
 *
 * The kernel command line option bench=NAME[,NAME...] runs only the named
 * entries; a NAME ending in '*' selects every entry it prefixes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
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

#include "../tests/lib/console.h"

/* Seconds of guest time one entry may take before it is killed. */
#define ENTRY_TIMEOUT 300

struct entry {
	const char *name;	/* what bench= selects */
	char *argv[6];		/* the program and its arguments */
};

/* Iteration counts keep each entry to seconds under TCG. */
static const struct entry entries[] = {
	{ "getppid", { "/bench/getppid", "2000" } },
	{ "fork", { "/bench/fork", "fork", "200" } },
	{ "vfork", { "/bench/fork", "vfork", "200" } },
	{ "clone-vm", { "/bench/fork", "clone-vm", "200" } },
	{ "pthread", { "/bench/pthread", "200" } },
	{ "fork-exec", { "/bench/spawn", "fork-exec", "100" } },
	{ "vfork-exec", { "/bench/spawn", "vfork-exec", "100" } },
	{ "posix-spawn", { "/bench/spawn", "posix-spawn", "100" } },
	{ "execve", { "/bench/execve", "100" } },
	{ "fork-mem-0", { "/bench/forkmem", "fork", "0", "50" } },
	{ "fork-mem-16", { "/bench/forkmem", "fork", "16", "20" } },
	{ "fork-mem-128", { "/bench/forkmem", "fork", "128", "10" } },
	{ "fork-mem-512", { "/bench/forkmem", "fork", "512", "5" } },
	{ "fork-maps-500", { "/bench/forkmem", "maps", "500", "20" } },
	{ "vfork-mem-0", { "/bench/forkmem", "vfork", "0", "50" } },
	{ "vfork-mem-16", { "/bench/forkmem", "vfork", "16", "20" } },
	{ "vfork-mem-128", { "/bench/forkmem", "vfork", "128", "10" } },
	{ "vfork-mem-512", { "/bench/forkmem", "vfork", "512", "5" } },
	{ "cow-write", { "/bench/cow", "4096", "4" } },
	{ "pipe-pingpong", { "/bench/pipe", "1000" } },
	{ "fork-tput-1", { "/bench/tput", "fork", "1" } },
	{ "fork-tput-2", { "/bench/tput", "fork", "2" } },
	{ "fork-tput-4", { "/bench/tput", "fork", "4" } },
	{ "exec-tput-1", { "/bench/tput", "exec", "1" } },
	{ "exec-tput-2", { "/bench/tput", "exec", "2" } },
	{ "exec-tput-4", { "/bench/tput", "exec", "4" } },
};

static volatile sig_atomic_t timed_out;

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Print to the console, unbuffered (children write to it too). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		write(1, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY)
		say("# init: mount %s on %s: %s\n", type, dir, strerror(errno));
}

/* The value of bench= on the kernel command line, or "" for everything. */
static void selection(char *sel, size_t size)
{
	char buf[1024], *p;
	ssize_t n;
	int fd = open("/proc/cmdline", O_RDONLY);

	sel[0] = '\0';
	if (fd < 0) {
		/* Linux passes unknown name=value options in the environment. */
		if (getenv("bench"))
			snprintf(sel, size, "%s", getenv("bench"));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (p = strtok(buf, " \n"); p; p = strtok(NULL, " \n"))
		if (strncmp(p, "bench=", 6) == 0)
			snprintf(sel, size, "%s", p + 6);
}

/* Is name picked by the comma-separated list sel (empty: all)? */
static int selected(const char *name, const char *sel)
{
	const char *p = sel;
	size_t len;

	if (!*sel)
		return 1;
	while (*p) {
		len = strcspn(p, ",");
		if (len > 0 && p[len - 1] == '*') {
			if (strncmp(name, p, len - 1) == 0)
				return 1;
		} else if (strlen(name) == len && strncmp(name, p, len) == 0) {
			return 1;
		}
		p += len + (p[len] == ',');
	}
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/* Say how an entry's program ended, if it did not end well. */
static void judge(const char *name, int status, uint64_t ticks)
{
	if (timed_out)
		say("# entry %s failed: timed out after %d s\n", name,
		    ENTRY_TIMEOUT);
	else if (WIFSIGNALED(status))
		say("# entry %s failed: killed by signal %d\n", name,
		    WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		say("# entry %s failed: exit status %d\n", name,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else
		say("# entry %s done in %llu tsc\n", name,
		    (unsigned long long)ticks);
}

/* Run one entry in its own process group and wait for it. */
static void run(const struct entry *e)
{
	char *envp[] = { "PATH=/bench", NULL };
	uint64_t t0 = rdtsc();
	int status = 0;
	pid_t pid;

	timed_out = 0;
	pid = fork();
	if (pid < 0) {
		say("# entry %s failed: fork: %s\n", e->name, strerror(errno));
		return;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGALRM, SIG_DFL);
		execve(e->argv[0], e->argv, envp);
		say("# entry %s: execve %s: %s\n", e->name, e->argv[0],
		    strerror(errno));
		_exit(127);
	}
	syscall(SYS_alarm, ENTRY_TIMEOUT);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			break;
		if (timed_out)
			kill(-pid, SIGKILL);
	}
	syscall(SYS_alarm, 0);
	judge(e->name, status, rdtsc() - t0);
	/* Whatever the entry left behind, and orphans re-parented to us. */
	kill(-pid, SIGKILL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int main(void)
{
	struct timespec mono;
	uint64_t tsc = rdtsc();
	struct sigaction sa;
	char sel[256];
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &mono);
	mount_fs("proc", "/proc", "proc");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	open_console();
	mount_fs("tmpfs", "/tmp", "tmpfs");
	say("boot monotonic_ns %llu tsc %llu\n",
	    (unsigned long long)mono.tv_sec * 1000000000ULL +
		    (unsigned long long)mono.tv_nsec,
	    (unsigned long long)tsc);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: break waitpid */
	sigaction(SIGALRM, &sa, NULL);
	selection(sel, sizeof(sel));
	if (sel[0])
		say("# only bench=%s\n", sel);
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++)
		if (selected(entries[i].name, sel))
			run(&entries[i]);
	say("bench-end\n");
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
