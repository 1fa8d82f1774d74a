/*
 * tests/procfs/cpuinfo.c: /proc/cpuinfo has one block per online CPU
 * (processor 0, 1, ... in order), each with the fields programs parse
 * (vendor_id, model name, cpu MHz, flags with the x86-64 basics, a
 * distinct apicid); /proc/stat has the "cpu" total and one cpuN line
 * per online CPU, ten numbers each, and user time grows while we spin.
 */
#include "tap.h"
#include <sched.h>
#include <time.h>

static char buf[65536];

static int read_file(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

static int online_cpus(void)
{
	cpu_set_t s;

	return sched_getaffinity(0, sizeof(s), &s) ? 1 : CPU_COUNT(&s);
}

/* The value after "key\t...: " in the block starting at p, or NULL. */
static const char *field(const char *p, const char *end, const char *key)
{
	for (const char *l = p; l && l < end; l = strchr(l, '\n')) {
		if (*l == '\n')
			l++;
		if (!strncmp(l, key, strlen(key)) &&
		    (l[strlen(key)] == '\t' || l[strlen(key)] == ' ')) {
			const char *c = strchr(l, ':');

			return c && c < end ? c + 2 : NULL;
		}
	}
	return NULL;
}

/* Is word one of the space-separated words of the line at f? */
static int has_flag(const char *f, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = f; p && *p && *p != '\n'; p = strchr(p, ' ')) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, word, len) &&
		    (p[len] == ' ' || p[len] == '\n' || !p[len]))
			return 1;
	}
	return 0;
}

static void test_cpuinfo(int n)
{
	const char *p = buf, *next;
	int count = 0, in_order = 1, complete = 1, distinct = 1;
	long apic[64];

	ok(read_file("/proc/cpuinfo") > 0, "/proc/cpuinfo reads");
	while ((p = strstr(p, "processor\t:"))) {
		next = strstr(p + 1, "processor\t:");
		if (!next)
			next = p + strlen(p);
		if (atoi(strchr(p, ':') + 1) != count)
			in_order = 0;
		const char *f = field(p, next, "flags"), *a =
			field(p, next, "apicid");
		if (!field(p, next, "vendor_id") ||
		    !field(p, next, "model name") || !f || !a ||
		    atof(field(p, next, "cpu MHz") ?: "0") <= 0 ||
		    !has_flag(f, "fpu") || !has_flag(f, "lm") ||
		    !has_flag(f, "sse2"))
			complete = 0;
		if (count < 64) {
			apic[count] = a ? atol(a) : -1;
			for (int i = 0; i < count; i++)
				distinct &= apic[i] != apic[count];
		}
		count++;
		p = next;
	}
	is(count, n, "one processor block per online CPU");
	ok(in_order, "processors numbered 0, 1, ... in order");
	ok(complete, "each block has vendor_id, model name, cpu MHz, apicid "
	   "and flags with fpu, sse2, lm");
	ok(distinct, "each CPU has its own apicid");
}

/* Sum of the user column of cpuN lines; the "cpu" line's user too. */
static int stat_user(long *total, long *sum, int *lines)
{
	char *l = buf;

	*total = *sum = 0;
	*lines = 0;
	if (read_file("/proc/stat") <= 0)
		return -1;
	for (; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		long v[10];
		int cpu, k;

		if (!strncmp(l, "cpu ", 4)) {
			k = sscanf(l + 4, "%ld %ld %ld %ld %ld %ld %ld %ld %ld "
				   "%ld", &v[0], &v[1], &v[2], &v[3], &v[4],
				   &v[5], &v[6], &v[7], &v[8], &v[9]);
			if (k != 10)
				return -1;
			*total = v[0];
		} else if (sscanf(l, "cpu%d %ld %ld %ld %ld %ld %ld %ld %ld %ld "
				  "%ld", &cpu, &v[0], &v[1], &v[2], &v[3],
				  &v[4], &v[5], &v[6], &v[7], &v[8],
				  &v[9]) == 11) {
			if (cpu != *lines)
				return -1;
			(*lines)++;
			*sum += v[0];
		}
	}
	return 0;
}

static void test_stat(int n)
{
	long total0, sum0, total1, sum1;
	int lines;
	struct timespec t0, t;

	ok(stat_user(&total0, &sum0, &lines) == 0, "/proc/stat: a cpu line "
	   "and cpuN lines of ten numbers, N in order");
	is(lines, n, "/proc/stat: one cpuN line per online CPU");
	/* Spin in user mode, reading the clock only every 100,000 rounds:
	 * Linux on hpet (make check-smp) reads it by a system call, so a
	 * loop of reads earns its ticks as system time, not user time. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		for (volatile int i = 0; i < 100000; i++)
			;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 +
		 (t.tv_nsec - t0.tv_nsec) / 1000000 < 300);
	stat_user(&total1, &sum1, &lines);
	ok(total1 > total0 && sum1 > sum0, "user time grows while we spin "
	   "(%ld -> %ld)", total0, total1);
	ok(labs(total1 - sum1) <= n, "the cpu line is the sum of the cpuN "
	   "lines (%ld, %ld)", total1, sum1);
}

int main(void)
{
	int n = online_cpus();

	test_cpuinfo(n);
	test_stat(n);
	return tap_done();
}
