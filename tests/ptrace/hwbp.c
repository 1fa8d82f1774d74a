/*
 * Hardware breakpoints through PTRACE_POKEUSER/PEEKUSER of u_debugreg,
 * as Linux 6.1: an execution breakpoint (DR0, DR7 L0) stops the tracee
 * with SIGTRAP, si_code TRAP_HWBKPT, at the function's first
 * instruction, DR6 says which one fired, and the tracee goes on past it
 * when resumed; a 4-byte write watchpoint (DR1) stops it after the store
 * with DR6 bit 1; DR7 reads back what was written. Refused with EINVAL:
 * an execution breakpoint longer than a byte, an I/O breakpoint, a
 * misaligned or kernel address; DR4/DR5 with EIO. A watched buffer the
 * kernel writes (read(2)) raises no SIGTRAP.
 */
#include "ptrace_util.h"

#ifndef TRAP_HWBKPT
#define TRAP_HWBKPT 4
#endif
#define DR(n) ((void *)(offsetof(struct user, u_debugreg) + (n) * 8))

static volatile unsigned int watched __attribute__((aligned(8)));
static char buffer[64] __attribute__((aligned(8)));

static __attribute__((noinline)) int target_fn(int x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

static int child_calls(void)
{
	return target_fn(41) == 42 ? 0 : 1;
}

static int child_writes(void)
{
	watched = 7;
	return watched == 7 ? 0 : 1;
}

static int child_reads_into(void)
{
	int p[2];

	if (pipe(p) || write(p[1], "data", 4) != 4)
		return 2;
	if (read(p[0], buffer, 4) != 4)
		return 3;
	return 0;
}

static void test_exec_breakpoint(void)
{
	pid_t pid = fork_tracee(child_calls);
	unsigned long dr6 = 0, dr7 = 0;
	struct user_regs_struct r;
	siginfo_t si;
	int st;

	if (pid <= 0)
		return;
	is(pt(PTRACE_POKEUSER, pid, DR(0), (void *)target_fn), 0,
	   "POKEUSER DR0 = the function");
	is(pt(PTRACE_POKEUSER, pid, DR(7), (void *)1), 0, "DR7: L0, execute");
	pt(PTRACE_PEEKUSER, pid, DR(7), &dr7);
	is(dr7, 1, "DR7 reads back");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	if (!ok(stop_code(st) == SIGTRAP, "the tracee stops with SIGTRAP "
		"(%#x)", st))
		return;
	pt(PTRACE_GETSIGINFO, pid, 0, &si);
	pt(PTRACE_GETREGS, pid, 0, &r);
	is(si.si_code, TRAP_HWBKPT, "si_code TRAP_HWBKPT");
	ok(si.si_addr == (void *)target_fn && r.rip == (unsigned long)target_fn,
	   "at the function's first instruction");
	pt(PTRACE_PEEKUSER, pid, DR(6), &dr6);
	is(dr6 & 0xf, 1, "DR6: breakpoint 0 fired");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "resumed, it runs past it and exits 0 (%#x)", st);
}

static void test_watchpoint(void)
{
	pid_t pid = fork_tracee(child_writes);
	unsigned long dr6 = 0, word = 0;
	/* L1, RW1 = 01 (write), LEN1 = 11 (4 bytes). */
	unsigned long dr7 = (1UL << 2) | (1UL << 20) | (3UL << 22);
	siginfo_t si;
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_POKEUSER, pid, DR(1), (void *)&watched);
	is(pt(PTRACE_POKEUSER, pid, DR(7), (void *)dr7), 0, "DR7: a 4-byte "
	   "write watchpoint in DR1");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	if (!ok(stop_code(st) == SIGTRAP, "the store stops the tracee (%#x)",
		st))
		return;
	pt(PTRACE_GETSIGINFO, pid, 0, &si);
	is(si.si_code, TRAP_HWBKPT, "si_code TRAP_HWBKPT");
	pt(PTRACE_PEEKUSER, pid, DR(6), &dr6);
	is(dr6 & 0xf, 2, "DR6: breakpoint 1 fired");
	pt(PTRACE_PEEKDATA, pid, (void *)&watched, &word);
	is((unsigned int)word, 7, "after the store");
	pt(PTRACE_POKEUSER, pid, DR(7), 0);
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(wait_for(pid), 0), "and it finishes");
}

static void test_errors(void)
{
	pid_t pid = fork_tracee(child_calls);

	if (pid <= 0)
		return;
	pt(PTRACE_POKEUSER, pid, DR(0), (void *)target_fn);
	errno = 0;
	ok(pt(PTRACE_POKEUSER, pid, DR(7), (void *)(1 | (3UL << 18))) == -1 &&
	   errno == EINVAL, "an execution breakpoint of 4 bytes: EINVAL");
	errno = 0;
	ok(pt(PTRACE_POKEUSER, pid, DR(7), (void *)(1 | (2UL << 16))) == -1 &&
	   errno == EINVAL, "an I/O breakpoint: EINVAL");
	pt(PTRACE_POKEUSER, pid, DR(0), (void *)((unsigned long)&watched + 1));
	errno = 0;
	ok(pt(PTRACE_POKEUSER, pid, DR(7),
	      (void *)(1 | (1UL << 16) | (3UL << 18))) == -1 && errno == EINVAL,
	   "a misaligned 4-byte watchpoint: EINVAL");
	errno = 0;
	ok(pt(PTRACE_POKEUSER, pid, DR(4), (void *)1) == -1 && errno == EIO,
	   "DR4: EIO");
	pt(PTRACE_POKEUSER, pid, DR(0), (void *)target_fn);
	pt(PTRACE_POKEUSER, pid, DR(7), (void *)1);
	errno = 0;
	ok(pt(PTRACE_POKEUSER, pid, DR(0), (void *)0xffffffff81000000UL) ==
	   -1 && errno == EINVAL, "a kernel address for an armed one: EINVAL");
	pt(PTRACE_KILL, pid, 0, 0);
	wait_for(pid);
}

/* The kernel's copy into a watched buffer is no SIGTRAP. */
static void test_kernel_write(void)
{
	pid_t pid = fork_tracee(child_reads_into);
	unsigned long dr7 = (1UL << 0) | (1UL << 16) | (3UL << 18);
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_POKEUSER, pid, DR(0), (void *)buffer);
	pt(PTRACE_POKEUSER, pid, DR(7), (void *)dr7);
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "read(2) into a watched buffer: no SIGTRAP, "
	   "the tracee exits 0 (%#x)", st);
	if (WIFSTOPPED(st)) {
		pt(PTRACE_KILL, pid, 0, 0);
		wait_for(pid);
	}
}

int main(void)
{
	test_exec_breakpoint();
	test_watchpoint();
	test_errors();
	test_kernel_write();
	return tap_done();
}
