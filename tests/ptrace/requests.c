/*
 * More ptrace requests, as Linux answers them: GETREGSET NT_X86_XSTATE
 * (the XSAVE layout where the CPU has XSAVE, ENODEV where it does not,
 * as on QEMU's default qemu64), GETSIGMASK/SETSIGMASK (the mask a
 * sigsuspend will restore; SIGKILL and SIGSTOP never blocked), and the
 * seccomp requests and options: TRACESECCOMP is accepted; a kernel
 * without seccomp (seccomp(2) ENOSYS, PR_GET_SECCOMP EINVAL) refuses
 * SUSPEND_SECCOMP and SECCOMP_GET_FILTER/METADATA with EINVAL, one with
 * it takes SUSPEND_SECCOMP from root and answers EINVAL for a tracee
 * without filters.
 */
#include "ptrace_util.h"
#include <cpuid.h>
#include <stdbool.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/uio.h>

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif
#ifndef PTRACE_GETSIGMASK
#define PTRACE_GETSIGMASK 0x420a
#define PTRACE_SETSIGMASK 0x420b
#endif
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#define PTRACE_SECCOMP_GET_METADATA 0x420d
#define PTRACE_O_SUSPEND_SECCOMP_ (1 << 21)
#define XSAVE_SW_OFFSET 464		/* gdb reads XCR0 here */

static int child_exit0(void)
{
	return 0;
}

static bool cpu_has_xsave(void)
{
	unsigned int a, b, c, d;

	__cpuid(1, a, b, c, d);
	return c & (1U << 26);
}

static void test_xstate(void)
{
	static unsigned long long buf[1024];
	struct iovec iov = { buf, sizeof(buf) };
	pid_t pid = fork_tracee(child_exit0);

	if (pid < 0) {
		ok(0, "fork_tracee");
		return;
	}
	if (!cpu_has_xsave()) {
		diag("CPU without XSAVE");
		expect_errno(pt(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE,
				&iov), ENODEV);
		expect_errno(pt(PTRACE_SETREGSET, pid, (void *)NT_X86_XSTATE,
				&iov), ENODEV);
	} else {
		is(pt(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov), 0,
		   "GETREGSET NT_X86_XSTATE");
		ok(iov.iov_len >= 576, "at least the legacy area and header");
		ok((buf[XSAVE_SW_OFFSET / 8] & 3) == 3,
		   "sw_reserved: XCR0 with x87 and SSE");
	}
	iov.iov_len = 12;
	expect_errno(pt(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov),
		     EINVAL);
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(cont_until_exit(pid), 0), "the tracee exits");
}

/* Blocks SIGUSR1, stops; exits 0 if its mask is then SIGUSR2 only. */
static int child_masks(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_SETMASK, &set, NULL);
	kill(getpid(), SIGSTOP);
	sigprocmask(SIG_SETMASK, NULL, &old);
	return sigismember(&old, SIGUSR2) && !sigismember(&old, SIGUSR1) &&
			       !sigismember(&old, SIGINT) ? 0 : 1;
}

static void test_sigmask(void)
{
	pid_t pid = fork_tracee(child_masks);
	unsigned long mask = 0;
	int st;

	if (pid < 0) {
		ok(0, "fork_tracee");
		return;
	}
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT to the child's own stop");
	st = wait_for(pid);
	is(stop_code(st), SIGSTOP, "its SIGSTOP");
	is(pt(PTRACE_GETSIGMASK, pid, (void *)8, &mask), 0, "GETSIGMASK");
	is(mask, 1UL << (SIGUSR1 - 1), "the mask is SIGUSR1");
	expect_errno(pt(PTRACE_GETSIGMASK, pid, (void *)4, &mask), EINVAL);
	expect_errno(pt(PTRACE_GETSIGMASK, pid, (void *)8, (void *)8), EFAULT);
	mask = 1UL << (SIGUSR2 - 1) | 1UL << (SIGKILL - 1) |
	       1UL << (SIGSTOP - 1);
	expect_errno(pt(PTRACE_SETSIGMASK, pid, (void *)16, &mask), EINVAL);
	is(pt(PTRACE_SETSIGMASK, pid, (void *)8, &mask), 0, "SETSIGMASK");
	mask = 0;
	pt(PTRACE_GETSIGMASK, pid, (void *)8, &mask);
	is(mask, 1UL << (SIGUSR2 - 1), "SIGKILL and SIGSTOP are not blocked");
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(cont_until_exit(pid), 0),
	   "the child sees the new mask");
}

/* sigsuspend with an empty mask while SIGUSR1 is blocked: GETSIGMASK
 * gives the mask sigsuspend will restore. */
static void test_sigmask_sigsuspend(void)
{
	pid_t pid = fork();
	unsigned long mask = 0;
	int st;

	if (pid == 0) {
		sigset_t set, none;

		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		sigprocmask(SIG_SETMASK, &set, NULL);
		sigemptyset(&none);
		for (;;)
			sigsuspend(&none);
	}
	is(pt(PTRACE_SEIZE, pid, 0, 0), 0, "SEIZE");
	usleep(100000);		/* let it reach sigsuspend (either way ok) */
	is(pt(PTRACE_INTERRUPT, pid, 0, 0), 0, "INTERRUPT");
	st = wait_for(pid);
	is(stop_code(st), SIGTRAP | (PTRACE_EVENT_STOP << 8), "EVENT_STOP");
	is(pt(PTRACE_GETSIGMASK, pid, (void *)8, &mask), 0, "GETSIGMASK");
	is(mask, 1UL << (SIGUSR1 - 1), "the mask to restore: SIGUSR1");
	kill(pid, SIGKILL);
	ok(killed_by(wait_for(pid), SIGKILL), "the tracee dies of SIGKILL");
}

static void test_seccomp(void)
{
	struct { unsigned long long off, flags; } md = { 0, 0 };
	unsigned int action = 0;	/* SECCOMP_RET_KILL_THREAD */
	/* SECCOMP_GET_ACTION_AVAIL: a harmless probe. */
	bool no_seccomp = syscall(SYS_seccomp, 2, 0, &action) < 0 &&
			  errno == ENOSYS;
	long opt = PTRACE_O_SUSPEND_SECCOMP_;
	pid_t pid;
	char filter[64];

	if (no_seccomp) {
		diag("a kernel without seccomp");
		expect_errno(prctl(PR_GET_SECCOMP), EINVAL);
		expect_errno(prctl(PR_SET_SECCOMP, 1), EINVAL);
	} else {
		is(prctl(PR_GET_SECCOMP), 0, "PR_GET_SECCOMP: no filter");
	}
	pid = fork_tracee(child_exit0);
	if (pid < 0) {
		ok(0, "fork_tracee");
		return;
	}
	is(pt(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESECCOMP), 0,
	   "TRACESECCOMP is accepted");
	expect_errno(pt(PTRACE_SECCOMP_GET_FILTER, pid, 0, filter), EINVAL);
	expect_errno(pt(PTRACE_SECCOMP_GET_METADATA, pid,
			(void *)sizeof(md), &md), EINVAL);
	if (no_seccomp)
		expect_errno(pt(PTRACE_SETOPTIONS, pid, 0, (void *)opt), EINVAL);
	else
		is(pt(PTRACE_SETOPTIONS, pid, 0, (void *)opt), 0,
		   "SUSPEND_SECCOMP for root");
	pt(PTRACE_SETOPTIONS, pid, 0, 0);
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(cont_until_exit(pid), 0), "the tracee exits");

	pid = spawn_pauser();
	if (no_seccomp)
		expect_errno(pt(PTRACE_SEIZE, pid, 0, (void *)opt), EINVAL);
	else
		is(pt(PTRACE_SEIZE, pid, 0, (void *)opt), 0,
		   "SEIZE with SUSPEND_SECCOMP for root");
	kill(pid, SIGKILL);
	ok(killed_by(wait_for(pid), SIGKILL), "the child dies of SIGKILL");
}

int main(void)
{
	test_xstate();
	test_sigmask();
	test_sigmask_sigsuspend();
	test_seccomp();
	return tap_done();
}
