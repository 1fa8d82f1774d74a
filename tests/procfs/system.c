/*
 * tests/procfs/system.c: the system-wide files as procps reads them:
 * /proc/stat (cpu lines, intr, ctxt, btime, processes, procs_running),
 * /proc/uptime, /proc/loadavg (and a load average that rises while
 * processes run), /proc/vmstat, /proc/{devices,execdomains,swaps,
 * partitions,modules}.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <time.h>
#include "tap.h"
#include "proc.h"

static unsigned long long stat_field(const char *buf, const char *key)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof(pat), "\n%s ", key);
	p = strstr(buf, pat);
	return p ? strtoull(p + strlen(pat), NULL, 10) : ~0ULL;
}

static void test_stat(void)
{
	static char buf[65536];
	unsigned long long v[10], forks;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), lines = 0;
	double up;
	char up_buf[64];
	pid_t pid;

	ok(slurp("/proc/stat", buf, sizeof(buf)) > 0, "/proc/stat reads");
	is(sscanf(buf, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		  &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		  &v[8], &v[9]), 10, "cpu: ten numbers after two blanks");
	for (const char *p = buf; (p = strstr(p, "\ncpu")); p++)
		lines++;
	is(lines, ncpu, "a cpuN line per online CPU");
	ok(stat_field(buf, "intr") != ~0ULL, "intr");
	ok(stat_field(buf, "ctxt") > 0 && stat_field(buf, "ctxt") != ~0ULL,
	   "ctxt: context switches");
	slurp("/proc/uptime", up_buf, sizeof(up_buf));
	up = atof(up_buf);
	ok(llabs((long long)(stat_field(buf, "btime") + (long long)up) -
		 (long long)time(NULL)) <= 2, "btime + uptime is now");
	ok(stat_field(buf, "procs_running") >= 1, "procs_running >= 1");
	ok(stat_field(buf, "procs_blocked") != ~0ULL, "procs_blocked");
	ok(strstr(buf, "\nsoftirq ") != NULL, "softirq");
	forks = stat_field(buf, "processes");
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	slurp("/proc/stat", buf, sizeof(buf));
	ok(stat_field(buf, "processes") > forks, "processes counts forks");
}

static void test_uptime_loadavg(void)
{
	char buf[128];
	double up, idle, l1, l5, l15;
	int run, all, last, n;

	slurp("/proc/uptime", buf, sizeof(buf));
	is(sscanf(buf, "%lf %lf", &up, &idle), 2, "uptime: two numbers");
	ok(up > 0 && idle >= 0, "uptime %f, idle %f", up, idle);
	slurp("/proc/loadavg", buf, sizeof(buf));
	n = sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &run, &all,
		   &last);
	is(n, 6, "loadavg: three averages, running/all, last pid");
	ok(run >= 1 && all >= run, "running %d of %d", run, all);
	ok(last >= getpid(), "the last pid is at least ours");
}

/* Three busy children for a little more than a sample (5 s). */
static void test_load_rises(void)
{
	pid_t kids[3];
	char buf[128];
	double l1 = 0;
	struct timespec ts = { 0, 200000000 };

	for (int i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			for (;;)
				;
	}
	for (int i = 0; i < 40 && l1 <= 0.0; i++) {
		nanosleep(&ts, NULL);
		slurp("/proc/loadavg", buf, sizeof(buf));
		l1 = atof(buf);
	}
	for (int i = 0; i < 3; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	ok(l1 > 0.0, "the load average rises while processes run (%.2f)", l1);
}

static void test_vmstat(void)
{
	char buf[16384], mi[4096];
	unsigned long long free_pages = 0;
	long memfree = -1;
	const char *p = strstr(buf, "nr_free_pages ");

	slurp("/proc/vmstat", buf, sizeof(buf));
	p = !strncmp(buf, "nr_free_pages ", 14) ? buf : strstr(buf,
							"\nnr_free_pages ");
	ok(p != NULL, "vmstat has nr_free_pages");
	if (p)
		free_pages = strtoull(strchr(p + 1, ' ') + 1, NULL, 10);
	slurp("/proc/meminfo", mi, sizeof(mi));
	sscanf(strstr(mi, "MemFree:"), "MemFree: %ld", &memfree);
	ok(llabs((long long)free_pages * 4 - memfree) < memfree / 10 + 1024,
	   "nr_free_pages agrees with MemFree (%llu pages, %ld kB)",
	   free_pages, memfree);
}

/* The files that say what the system has: drivers' majors, the
 * exec domain, and (on a guest without disks, swap or modules) the
 * empty tables. */
static void test_tables(void)
{
	char buf[4096];

	ok(slurp("/proc/devices", buf, sizeof(buf)) > 0 &&
	   !strncmp(buf, "Character devices:\n", 19), "/proc/devices");
	ok(strstr(buf, "\n  1 mem\n") && strstr(buf, "\n  5 "),
	   "mem (1) and tty (5) are there");
	ok(strstr(buf, "\n\nBlock devices:\n") != NULL, "Block devices:");
	slurp("/proc/execdomains", buf, sizeof(buf));
	is_str(buf, "0-0\tLinux           \t[kernel]\n", "/proc/execdomains");
	slurp("/proc/swaps", buf, sizeof(buf));
	is_str(buf, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n",
	       "/proc/swaps: no swap");
	is(slurp("/proc/partitions", buf, sizeof(buf)), 0,
	   "/proc/partitions: no disk");
	ok(slurp("/proc/modules", buf, sizeof(buf)) >= 0, "/proc/modules reads");
}

int main(void)
{
	test_tables();
	test_stat();
	test_uptime_loadavg();
	test_vmstat();
	test_load_rises();
	return tap_done();
}
