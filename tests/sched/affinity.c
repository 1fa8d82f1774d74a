/*
 * tests/sched/affinity.c: sched_setaffinity/sched_getaffinity (sizes,
 * empty and impossible masks, errors), getcpu inside the mask, the
 * mask in /proc/<pid>/status, inheritance by fork, and with several
 * CPUs a task pinned to each one in turn.
 */
#include "schedtest.h"

static long getaff(pid_t pid, unsigned int len, void *m)
{
	return syscall(SYS_sched_getaffinity, pid, len, m);
}

static long setaff(pid_t pid, unsigned int len, const void *m)
{
	return syscall(SYS_sched_setaffinity, pid, len, m);
}

static unsigned int cur_cpu(void)
{
	unsigned int cpu = ~0u, node = ~0u;

	if (syscall(SYS_getcpu, &cpu, &node, NULL))
		return ~0u;
	return cpu;
}

/* The Cpus_allowed_list line of /proc/self/status. */
static void allowed_list(char *out, size_t n)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY), len;

	out[0] = 0;
	if (fd < 0)
		return;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return;
	buf[len] = 0;
	p = strstr(buf, "Cpus_allowed_list:\t");
	if (!p)
		return;
	p += strlen("Cpus_allowed_list:\t");
	snprintf(out, n, "%.*s", (int)strcspn(p, "\n"), p);
}

static int pinned(void)
{
	unsigned long all = 0, one, got = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), n;
	char list[64], want[64];
	unsigned int cpu, bad = 0;
	int st;
	pid_t pid;

	n = getaff(0, sizeof(all), &all);
	is(n, sizeof(long), "getaffinity returns the mask size");
	ok(__builtin_popcountl(all) == ncpu, "every online CPU is allowed "
	   "(%#lx, %ld CPUs)", all, ncpu);
	ok((all >> cur_cpu()) & 1, "getcpu is inside the mask");
	for (cpu = 0; cpu < 64; cpu++) {
		if (!((all >> cpu) & 1))
			continue;
		one = 1UL << cpu;
		if (setaff(0, sizeof(one), &one))
			bad++;
		if (getaff(0, sizeof(got), &got) != sizeof(got) || got != one)
			bad++;
		for (int i = 0; i < 20; i++)	/* it stays there */
			if (cur_cpu() != cpu)
				bad++;
		snprintf(want, sizeof(want), "%u", cpu);
		allowed_list(list, sizeof(list));
		if (strcmp(list, want))
			bad++;
	}
	is(bad, 0, "pinned to each CPU in turn, getcpu and status agree");
	one = 1;
	setaff(0, sizeof(one), &one);
	pid = fork();
	if (pid == 0) {
		unsigned long m = 0;

		_exit(getaff(0, sizeof(m), &m) == sizeof(m) && m == 1 &&
		      cur_cpu() == 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "a child inherits the affinity");
	is(setaff(0, sizeof(all), &all), 0, "every CPU again");
	return 0;
}

static int errors(void)
{
	unsigned long m = 1, big[4] = { 1, 0, 0, 0 }, none = 0;
	unsigned long high = 1UL << 63;

	expect_errno(getaff(0, 4, &m), EINVAL);
	expect_errno(getaff(0, 12, big), EINVAL);
	expect_errno(getaff(0, 0, &m), EINVAL);
	is(getaff(0, sizeof(big), big), sizeof(long),
	   "a bigger buffer: the mask size is returned");
	expect_errno(getaff(999999, sizeof(m), &m), ESRCH);
	expect_errno(getaff(0, sizeof(m), KERNEL_PTR), EFAULT);
	expect_errno(setaff(0, sizeof(none), &none), EINVAL);
	expect_errno(setaff(0, sizeof(high), &high), EINVAL);
	expect_errno(setaff(0, 0, &m), EINVAL);
	expect_errno(setaff(0, sizeof(m), KERNEL_PTR), EFAULT);
	expect_errno(setaff(999999, sizeof(m), &m), ESRCH);
	is(setaff(0, sizeof(big), big), 0, "a longer mask is cut to size");
	is(setaff(0, 4, &m), 0, "a shorter mask is zero-extended");
	expect_errno(syscall(SYS_getcpu, KERNEL_PTR, NULL, NULL), EFAULT);
	is(syscall(SYS_getcpu, NULL, NULL, NULL), 0, "getcpu with no pointers");
	return 0;
}

int main(void)
{
	ok(exited_with(run_child(pinned), 0), "pinning child");
	ok(exited_with(run_child(errors), 0), "errors child");
	return tap_done();
}
