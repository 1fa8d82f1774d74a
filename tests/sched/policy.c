/*
 * tests/sched/policy.c: scheduling policies and their parameters
 * (sched_setscheduler, sched_setparam, sched_get/setattr, the priority
 * ranges, sched_rr_get_interval, SCHED_RESET_ON_FORK) and the errors
 * Linux gives for bad ones; /proc/<pid>/stat shows what was set.
 */
#include "schedtest.h"
#include <time.h>

static void ranges(void)
{
	is(syscall(SYS_sched_get_priority_max, SCHED_FIFO), 99, "FIFO max 99");
	is(syscall(SYS_sched_get_priority_min, SCHED_FIFO), 1, "FIFO min 1");
	is(syscall(SYS_sched_get_priority_max, SCHED_RR), 99, "RR max 99");
	is(syscall(SYS_sched_get_priority_min, SCHED_RR), 1, "RR min 1");
	is(syscall(SYS_sched_get_priority_max, SCHED_OTHER), 0, "OTHER max 0");
	is(syscall(SYS_sched_get_priority_min, SCHED_BATCH), 0, "BATCH min 0");
	is(syscall(SYS_sched_get_priority_max, SCHED_IDLE), 0, "IDLE max 0");
	expect_errno(syscall(SYS_sched_get_priority_max, 4), EINVAL);
	expect_errno(syscall(SYS_sched_get_priority_min, -1), EINVAL);
}

static void bad_arguments(void)
{
	struct sched_param p = { .sched_priority = 0 };

	expect_errno(setsched(0, SCHED_FIFO, 0), EINVAL);
	expect_errno(setsched(0, SCHED_FIFO, 100), EINVAL);
	expect_errno(setsched(0, SCHED_FIFO, -1), EINVAL);
	expect_errno(setsched(0, SCHED_OTHER, 5), EINVAL);
	expect_errno(setsched(0, 4, 0), EINVAL);
	expect_errno(setsched(0, 42, 0), EINVAL);
	expect_errno(setsched(0, -1, 0), EINVAL);
	expect_errno(setsched(-1, SCHED_OTHER, 0), EINVAL);
	expect_errno(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL),
		     EINVAL);
	expect_errno(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER,
			     KERNEL_PTR), EFAULT);
	expect_errno(syscall(SYS_sched_setscheduler, 999999, SCHED_OTHER, &p),
		     ESRCH);
	expect_errno(getsched(-1), EINVAL);
	expect_errno(getsched(999999), ESRCH);
	expect_errno(syscall(SYS_sched_getparam, 0, NULL), EINVAL);
	expect_errno(syscall(SYS_sched_getparam, 0, KERNEL_PTR), EFAULT);
	expect_errno(syscall(SYS_sched_getparam, 999999, &p), ESRCH);
	expect_errno(setparam(0, 3), EINVAL);	/* OTHER takes 0 only */
	expect_errno(syscall(SYS_sched_rr_get_interval, -1, NULL), EINVAL);
	expect_errno(syscall(SYS_sched_rr_get_interval, 999999, NULL), ESRCH);
}

/* FIFO and RR as root, seen through every getter and /proc. */
static int realtime(void)
{
	struct timespec ts = { 9, 9 };
	pid_t me = getpid();

	is(setsched(0, SCHED_FIFO, 10), 0, "root may set SCHED_FIFO 10");
	is(getsched(0), SCHED_FIFO, "getscheduler says FIFO");
	is(getparam(0), 10, "getparam says 10");
	is(stat_field(me, 18), -11, "stat priority is -1 - 10");
	is(stat_field(me, 19), 0, "stat nice 0");
	is(stat_field(me, 40), 10, "stat rt_priority 10");
	is(stat_field(me, 41), SCHED_FIFO, "stat policy FIFO");
	is(setparam(0, 50), 0, "setparam changes the FIFO priority");
	is(getparam(0), 50, "... to 50");
	expect_errno(setparam(0, 0), EINVAL);
	is(syscall(SYS_sched_rr_get_interval, 0, &ts), 0, "rr_get_interval");
	ok(ts.tv_sec == 0 && ts.tv_nsec == 0, "a FIFO task has no slice");
	is(setsched(0, SCHED_RR, 1), 0, "SCHED_RR 1");
	is(syscall(SYS_sched_rr_get_interval, 0, &ts), 0, "rr_get_interval");
	ok(ts.tv_sec == 0 && ts.tv_nsec == 100000000,
	   "an RR task has a 100 ms slice (%ld.%09ld)", (long)ts.tv_sec,
	   ts.tv_nsec);
	expect_errno(syscall(SYS_sched_rr_get_interval, 0, KERNEL_PTR),
		     EFAULT);
	is(syscall(SYS_sched_yield), 0, "sched_yield as RR");
	is(setsched(0, SCHED_OTHER, 0), 0, "back to SCHED_OTHER");
	is(stat_field(me, 18), 20, "stat priority 20 at nice 0");
	is(stat_field(me, 41), SCHED_OTHER, "stat policy OTHER");
	is(syscall(SYS_sched_rr_get_interval, 0, &ts), 0,
	   "rr_get_interval of a fair task");
	ok(ts.tv_sec == 0 && ts.tv_nsec < 1000000000L, "its slice is short");
	return 0;
}

static int batch_idle(void)
{
	is(setsched(0, SCHED_BATCH, 0), 0, "SCHED_BATCH");
	is(getsched(0), SCHED_BATCH, "getscheduler says BATCH");
	is(getparam(0), 0, "its priority is 0");
	is(setsched(0, SCHED_IDLE, 0), 0, "SCHED_IDLE");
	is(getsched(0), SCHED_IDLE, "getscheduler says IDLE");
	is(stat_field(getpid(), 41), SCHED_IDLE, "stat policy IDLE");
	is(setsched(0, SCHED_OTHER, 0), 0, "root leaves SCHED_IDLE");
	return 0;
}

/* SCHED_RESET_ON_FORK: children start as SCHED_OTHER, nice >= 0. */
static int reset_on_fork(void)
{
	int st;
	pid_t pid;

	is(setsched(0, SCHED_FIFO | SCHED_RESET_ON_FORK, 5), 0,
	   "FIFO with SCHED_RESET_ON_FORK");
	is(getsched(0), SCHED_FIFO | SCHED_RESET_ON_FORK,
	   "getscheduler shows the flag");
	pid = fork();
	if (pid == 0)
		_exit(getsched(0) == SCHED_OTHER && getparam(0) == 0 ? 0 : 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child is SCHED_OTHER without the flag");
	is(setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, 0), 0,
	   "OTHER keeping the flag");
	is(setpriority(PRIO_PROCESS, 0, -5), 0, "nice -5");
	pid = fork();
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 0 ? 0 : 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "a negative nice is reset to 0 in the child");
	is(setsched(0, SCHED_OTHER, 0), 0, "root may clear the flag");
	is(getsched(0), SCHED_OTHER, "... it is gone");
	/* Without the flag policy and nice are inherited. */
	is(setsched(0, SCHED_RR, 7), 0, "RR 7");
	pid = fork();
	if (pid == 0)
		_exit(getsched(0) == SCHED_RR && getparam(0) == 7 ? 0 : 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "a child inherits RR 7");
	return 0;
}

static long setattr(pid_t pid, struct sattr *a, unsigned int flags)
{
	return syscall(SYS_sched_setattr, pid, a, flags);
}

static long getattr(pid_t pid, struct sattr *a, unsigned int size)
{
	return syscall(SYS_sched_getattr, pid, a, size, 0);
}

static int attr(void)
{
	struct sattr a = { .size = sizeof(a), .policy = SCHED_OTHER,
			   .nice = 7 };
	char big[80] = { 0 };

	is(setattr(0, &a, 0), 0, "setattr nice 7");
	memset(&a, 0xff, sizeof(a));
	is(getattr(0, &a, 48), 0, "getattr (48 bytes)");
	is(a.size, 48, "getattr reports the size it wrote");
	is(a.policy, SCHED_OTHER, "... policy OTHER");
	is(a.nice, 7, "... nice 7");
	is(a.util_min, 0xffffffffu, "... and left the rest alone");
	memset(&a, 0, sizeof(a));
	is(getattr(0, (struct sattr *)big, sizeof(big)), 0, "getattr (80)");
	memcpy(&a, big, sizeof(a));
	is(a.size, 56, "the kernel's struct is 56 bytes (VER1)");
	a = (struct sattr){ .size = 0, .policy = SCHED_OTHER, .nice = -100 };
	is(setattr(0, &a, 0), 0, "size 0 means VER0; nice clamped");
	is(getpriority(PRIO_PROCESS, 0), -20, "to -20");
	a = (struct sattr){ .size = 48, .policy = SCHED_FIFO, .priority = 3,
			    .flags = SCHED_FLAG_KEEP_PARAMS };
	is(setattr(0, &a, 0), 0, "KEEP_PARAMS from OTHER to FIFO");
	is(getsched(0), SCHED_OTHER, "... changes nothing (no valid params)");
	a = (struct sattr){ .size = 48, .policy = SCHED_FIFO, .priority = 3 };
	is(setattr(0, &a, 0), 0, "setattr FIFO 3");
	a = (struct sattr){ .size = 48, .priority = 9,
			    .flags = SCHED_FLAG_KEEP_POLICY };
	is(setattr(0, &a, 0), 0, "KEEP_POLICY, priority 9");
	is(getsched(0), SCHED_FIFO, "... still FIFO");
	is(getparam(0), 9, "... at 9");
	a = (struct sattr){ .size = 48, .policy = SCHED_OTHER };
	expect_errno(setattr(0, &a, 1), EINVAL);
	expect_errno(setattr(-1, &a, 0), EINVAL);
	expect_errno(setattr(0, NULL, 0), EINVAL);
	expect_errno(setattr(0, KERNEL_PTR, 0), EFAULT);
	expect_errno(setattr(999999, &a, 0), ESRCH);
	a = (struct sattr){ .size = 47, .policy = SCHED_OTHER };
	expect_errno(setattr(0, &a, 0), E2BIG);
	is(a.size, 56, "E2BIG writes the kernel's size back");
	memset(big, 0, sizeof(big));
	((struct sattr *)big)->size = sizeof(big);
	big[70] = 1;
	expect_errno(setattr(0, (struct sattr *)big, 0), E2BIG);
	big[70] = 0;
	is(setattr(0, (struct sattr *)big, 0), 0,
	   "a bigger struct with a zero tail is accepted");
	a = (struct sattr){ .size = 48, .policy = SCHED_OTHER, .flags = 1UL << 40 };
	expect_errno(setattr(0, &a, 0), EINVAL);
	a = (struct sattr){ .size = 48, .policy = 1000 };
	expect_errno(setattr(0, &a, 0), EINVAL);
	expect_errno(getattr(0, &a, 47), EINVAL);
	expect_errno(getattr(0, &a, 8192), EINVAL);
	expect_errno(syscall(SYS_sched_getattr, 0, &a, 48, 1), EINVAL);
	expect_errno(getattr(0, KERNEL_PTR, 48), EFAULT);
	expect_errno(getattr(999999, &a, 48), ESRCH);
	return 0;
}

/*
 * FIFO semantics on one CPU: a FIFO parent's child (same priority,
 * queued behind it) does not run while the parent spins; it runs once
 * the parent sleeps.
 */
static int fifo_order(void)
{
	volatile int *flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	cpu_set_t one;
	struct timespec t0, t;
	pid_t pid;
	int st, early;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	if (flag == MAP_FAILED || sched_setaffinity(0, sizeof(one), &one))
		return 1;
	is(setsched(0, SCHED_FIFO, 20), 0, "FIFO 20 on CPU 0");
	pid = fork();
	if (pid == 0) {
		*flag = 1;
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000000000L + t.tv_nsec - t0.tv_nsec <
	       50000000L);
	early = *flag;
	waitpid(pid, &st, 0);
	is(early, 0, "the FIFO child did not run while its parent spun");
	is(*flag, 1, "it ran once the parent waited");
	return 0;
}

int main(void)
{
	ranges();
	bad_arguments();
	is(getsched(0), SCHED_OTHER, "a test starts as SCHED_OTHER");
	is(getparam(0), 0, "with priority 0");
	ok(exited_with(run_child(realtime), 0), "realtime child");
	ok(exited_with(run_child(batch_idle), 0), "batch/idle child");
	ok(exited_with(run_child(reset_on_fork), 0), "reset-on-fork child");
	ok(exited_with(run_child(attr), 0), "setattr/getattr child");
	ok(exited_with(run_child(fifo_order), 0), "FIFO order child");
	return tap_done();
}
