/*
 * tests/sched/schedtest.h: what the scheduler tests share. musl's
 * sched_setscheduler() and friends do not call the kernel (they return
 * ENOSYS by design), so every call here is a raw syscall.
 */
#ifndef TESTS_SCHED_H
#define TESTS_SCHED_H

#include "tap.h"
#include <sched.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/resource.h>

#ifndef SCHED_BATCH
#define SCHED_BATCH 3
#endif
#ifndef SCHED_IDLE
#define SCHED_IDLE 5
#endif
#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif
#define SCHED_FLAG_RESET_ON_FORK 0x01
#define SCHED_FLAG_KEEP_POLICY 0x08
#define SCHED_FLAG_KEEP_PARAMS 0x10

struct sattr {
	unsigned int size, policy;
	unsigned long long flags;
	int nice;
	unsigned int priority;
	unsigned long long runtime, deadline, period;
	unsigned int util_min, util_max;
};

static inline long setsched(pid_t pid, int policy, int prio)
{
	struct sched_param p = { .sched_priority = prio };

	return syscall(SYS_sched_setscheduler, pid, policy, &p);
}

static inline long getsched(pid_t pid)
{
	return syscall(SYS_sched_getscheduler, pid);
}

static inline long getparam(pid_t pid)
{
	struct sched_param p = { .sched_priority = -1 };

	if (syscall(SYS_sched_getparam, pid, &p))
		return -1000;
	return p.sched_priority;
}

static inline long setparam(pid_t pid, int prio)
{
	struct sched_param p = { .sched_priority = prio };

	return syscall(SYS_sched_setparam, pid, &p);
}

/* The raw getpriority: 20 - nice, never negative. */
static inline long rawgetprio(int which, int who)
{
	return syscall(SYS_getpriority, which, who);
}

/* Field n (1-based, as proc(5) numbers them) of /proc/PID/stat. */
static inline long stat_field(pid_t pid, int n)
{
	char path[64], buf[1024], *p;
	int fd, len, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -9999;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -9999;
	buf[len] = 0;
	p = strrchr(buf, ')');	/* comm may hold spaces */
	if (!p)
		return -9999;
	p += 2;			/* now at field 3 */
	for (i = 3; i < n && p; i++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return p ? strtol(p, NULL, 10) : -9999;
}

/* Become an unprivileged user (nobody) for EPERM tests: 0 or -1. */
static inline int drop_privileges(void)
{
	gid_t g = 65534;

	if (setgroups(1, &g) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return -1;
	return 0;
}

#endif
