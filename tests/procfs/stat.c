/*
 * tests/procfs/stat.c: /proc/<pid>/stat, statm and status as procps
 * reads them: all 52 stat fields and their values for this process (ids,
 * state, threads, times, priority, sizes, signals, exit signal, CPU,
 * policy), a command name with parentheses and blanks in it, statm's
 * seven sizes, status's keys in Linux's order with masks and memory
 * sizes that follow what the process does.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include "tap.h"
#include "proc.h"

static unsigned long long f[STAT_FIELDS + 1];
static char comm[64];

static int read_self_stat(void)
{
	char buf[2048];

	memset(f, 0, sizeof(f));
	if (slurp("/proc/self/stat", buf, sizeof(buf)) <= 0)
		return 0;
	return parse_stat(buf, comm, sizeof(comm), f);
}

static double uptime(void)
{
	char buf[64];

	return slurp("/proc/uptime", buf, sizeof(buf)) > 0 ? atof(buf) : -1;
}

static void test_fields(void)
{
	struct rlimit rss;
	long ticks = sysconf(_SC_CLK_TCK);

	is(read_self_stat(), STAT_FIELDS, "stat has 52 fields");
	is(f[1], getpid(), "1 pid");
	is(f[3], 'R', "3 state R (we are reading it)");
	is(f[4], getppid(), "4 ppid");
	is(f[5], getpgrp(), "5 pgrp");
	is(f[6], getsid(0), "6 session");
	ok(!(f[9] & 0x00200000), "9 flags: not a kernel thread");
	is(f[18], 20, "18 priority 20 (nice 0)");
	is(f[19], 0, "19 nice 0");
	is(f[20], 1, "20 num_threads 1");
	is(f[21], 0, "21 itrealvalue 0");
	ok(f[22] <= (unsigned long long)(uptime() * ticks) + 1,
	   "22 starttime is no later than now");
	ok(f[23] > 0 && f[23] % 4096 == 0, "23 vsize in bytes (%llu)", f[23]);
	ok(f[24] > 0, "24 rss in pages (%llu)", f[24]);
	getrlimit(RLIMIT_RSS, &rss);
	is(f[25], (unsigned long long)rss.rlim_cur, "25 rsslim");
	ok(f[26] && f[26] < f[27], "26-27 startcode < endcode (ours to see)");
	ok(f[28] > f[27], "28 startstack above the code");
	is(f[29] + f[30], 0, "29-30 kstkesp, kstkeip are not shown");
	is(f[35], 0, "35 wchan 0: running");
	is(f[36] + f[37], 0, "36-37 nswap, cnswap 0");
	is(f[38], SIGCHLD, "38 exit_signal SIGCHLD");
	ok(f[39] < (unsigned long long)sysconf(_SC_NPROCESSORS_CONF),
	   "39 processor is a CPU (%llu)", f[39]);
	is(f[40] + f[41], 0, "40-41 rt_priority 0, policy SCHED_OTHER");
	ok(f[45] <= f[46] && f[47] >= f[46] - 4096,
	   "45-47 start_data <= end_data <= start_brk (roughly)");
	ok(f[48] < f[49] && f[49] <= f[50] && f[50] < f[51],
	   "48-51 arg_start < arg_end <= env_start < env_end");
	is(f[52], 0, "52 exit_code 0");
}

static void test_times(void)
{
	unsigned long long before, spin;
	struct timespec a, b;

	read_self_stat();
	before = f[14];
	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		for (volatile int i = 0; i < 100000; i++)
			;
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while ((b.tv_sec - a.tv_sec) * 1000 +
		 (b.tv_nsec - a.tv_nsec) / 1000000 < 300);
	read_self_stat();
	spin = f[14] - before;
	ok(spin >= 5, "14 utime grew by %llu ticks in a 300 ms user loop", spin);
}

static int niced(void)
{
	setpriority(PRIO_PROCESS, 0, 5);
	read_self_stat();
	return f[18] == 25 && f[19] == 5 ? 0 : 1;
}

static void *idle_thread(void *arg)
{
	pause();
	return arg;
}

static void test_threads_and_comm(void)
{
	const char *want = "Name:\ta\tb\\\\c\\nd\n";
	pthread_t t[3];
	char buf[4096];

	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, idle_thread, NULL);
	read_self_stat();
	is(f[20], 4, "20 num_threads counts threads (4)");
	slurp("/proc/self/status", buf, sizeof(buf));
	is(status_num(buf, "Threads"), 4, "status Threads: 4");
	prctl(PR_SET_NAME, "a) (b c)");
	is(read_self_stat(), STAT_FIELDS, "a name with ') (' still parses");
	is_str(comm, "a) (b c)", "the name is between '(' and the last ')'");
	prctl(PR_SET_NAME, "a\tb\\c\nd");
	slurp("/proc/self/status", buf, sizeof(buf));
	ok(!strncmp(buf, want, strlen(want)),
	   "status escapes a newline and a backslash, not a tab");
	prctl(PR_SET_NAME, "stat");
	is(run_child(niced), 0, "18-19 priority 25, nice 5 after setpriority");
}

static void test_statm(void)
{
	char buf[256];
	unsigned long v[8];
	int n;

	read_self_stat();
	slurp("/proc/self/statm", buf, sizeof(buf));
	n = sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &v[5], &v[6]);
	is(n, 7, "statm has 7 numbers");
	is(v[0] * 4096, f[23], "statm size is stat's vsize in pages");
	ok(v[1] >= v[2], "resident >= shared");
	ok(v[3] > 0, "text > 0 pages");
	is(v[4], 0, "lib is 0 (as Linux 2.6+)");
	ok(v[5] > 0, "data+stack > 0 pages");
	is(v[6], 0, "dt is 0");
}

static const char *const status_keys[] = {
	"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid",
	"Uid", "Gid", "FDSize", "Groups", "NStgid", "NSpid", "NSpgid",
	"NSsid", "VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS",
	"RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe",
	"VmLib", "VmPTE", "VmSwap", "HugetlbPages", "CoreDumping",
	"THP_enabled", "Threads", "SigQ", "SigPnd", "ShdPnd", "SigBlk",
	"SigIgn", "SigCgt", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
	"NoNewPrivs", "Seccomp", "Seccomp_filters", "Cpus_allowed",
	"Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list",
	"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches",
};

static void test_status_order(void)
{
	char buf[4096], key[64];
	const char *p = buf;
	unsigned int k = 0, bad = 0;

	slurp("/proc/self/status", buf, sizeof(buf));
	while (*p) {
		size_t n = strcspn(p, ":");

		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		if (k < sizeof(status_keys) / sizeof(*status_keys) &&
		    !strcmp(key, status_keys[k]))
			k++;
		else if (strncmp(key, "Speculation", 11))
			bad++;
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
	is(k, sizeof(status_keys) / sizeof(*status_keys),
	   "status has Linux's keys in Linux's order");
	is(bad, 0, "and no others (but the speculation lines)");
}

static void handler(int sig)
{
	(void)sig;
}

static void test_status_values(void)
{
	char buf[4096], val[128];
	sigset_t set;
	long long rss0, rss1, hwm;
	char *mem;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGHUP, handler);
	umask(027);
	slurp("/proc/self/status", buf, sizeof(buf));
	is_str(status_value(buf, "SigBlk", val, sizeof(val)), "0000000000000200",
	       "SigBlk has SIGUSR1");
	ok(strtoull(status_value(buf, "SigIgn", val, sizeof(val)), NULL, 16) &
	   (1ULL << (SIGUSR2 - 1)), "SigIgn has SIGUSR2");
	ok(strtoull(status_value(buf, "SigCgt", val, sizeof(val)), NULL, 16) &
	   (1ULL << (SIGHUP - 1)), "SigCgt has SIGHUP");
	is_str(status_value(buf, "Umask", val, sizeof(val)), "0027", "Umask 0027");
	is(status_num(buf, "Tgid"), getpid(), "Tgid");
	is(status_num(buf, "PPid"), getppid(), "PPid");
	is(status_num(buf, "TracerPid"), 0, "TracerPid 0");
	rss0 = status_num(buf, "VmRSS");
	mem = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(mem, 1, 8 << 20);
	slurp("/proc/self/status", buf, sizeof(buf));
	rss1 = status_num(buf, "VmRSS");
	ok(rss1 - rss0 >= 8000, "VmRSS grows by the 8 MiB touched (%lld kB)",
	   rss1 - rss0);
	ok(status_num(buf, "RssAnon") >= 8000, "RssAnon counts them");
	ok(status_num(buf, "VmPTE") >= 16, "VmPTE counts their page tables "
	   "(%lld kB)", status_num(buf, "VmPTE"));
	munmap(mem, 8 << 20);
	slurp("/proc/self/status", buf, sizeof(buf));
	hwm = status_num(buf, "VmHWM");
	ok(status_num(buf, "VmRSS") < rss1, "VmRSS drops after munmap");
	ok(hwm >= rss1, "VmHWM keeps the peak (%lld >= %lld)", hwm, rss1);
	ok(status_num(buf, "VmPeak") >= status_num(buf, "VmSize") + 8000,
	   "VmPeak keeps the peak size");
	ok(status_num(buf, "VmStk") > 0, "VmStk > 0");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	umask(022);
}

int main(void)
{
	test_fields();
	test_times();
	test_statm();
	test_status_order();
	test_status_values();
	test_threads_and_comm();
	return tap_done();
}
