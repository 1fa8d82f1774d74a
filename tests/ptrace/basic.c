/*
 * ptrace basics: TRACEME and a SIGSTOP stop, registers (GETREGS,
 * SETREGS, PEEKUSER, POKEUSER, GETFPREGS), PEEK/POKE of memory,
 * syscall stops with TRACESYSGOOD (counting, changing and skipping a
 * syscall), single-stepping, DETACH with and without a signal, KILL.
 */
#include "ptrace_util.h"
#include <stdbool.h>
#define ARCH_GET_FS 0x1003

static volatile long target = 42;
static volatile sig_atomic_t got_usr1;

#define UREG(r) offsetof(struct user_regs_struct, r)

static int child_exit7(void)
{
	return 7;
}

static void test_traceme_stop(void)
{
	pid_t pid = fork_tracee(child_exit7);
	siginfo_t si;
	int st;

	ok(pid > 0, "TRACEME child reports its SIGSTOP to the parent's wait");
	if (pid <= 0)
		return;
	is(pt(PTRACE_GETSIGINFO, pid, 0, &si), 0, "GETSIGINFO at a signal stop");
	is(si.si_signo, SIGSTOP, "siginfo is the SIGSTOP");
	is(si.si_pid, pid, "sent by the child itself");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT, suppressing the SIGSTOP");
	st = wait_for(pid);
	ok(exited_with(st, 7), "tracee runs on and exits 7 (status %#x)", st);
}

/* rbx is set to 0x1234, the int3 traps, the tracer changes rbx. */
static int child_int3(void)
{
	unsigned long v;

	__asm__ volatile("mov $0x1234, %%rbx\n\tint3\n\tmov %%rbx, %0"
			 : "=r"(v) : : "rbx", "memory");
	if (v == 0x5678)
		return 0;
	return v == 0x1234 ? 2 : 3;
}

static void test_regs(void)
{
	struct user_regs_struct r;
	unsigned long fs, w = 0, fx[64];
	pid_t pid = fork_tracee(child_int3);
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	is(stop_code(st), SIGTRAP, "int3 stops the tracee with SIGTRAP");
	is(pt(PTRACE_GETREGS, pid, 0, &r), 0, "GETREGS");
	is(r.rbx, 0x1234, "GETREGS: rbx as the tracee set it");
	is(r.cs, 0x33, "GETREGS: cs is the 64-bit user segment");
	is(r.ss, 0x2b, "GETREGS: ss");
	syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
	is(r.fs_base, fs, "GETREGS: fs_base is the TLS pointer (same as ours)");
	ok(r.rip > (unsigned long)child_int3 &&
	   r.rip < (unsigned long)child_int3 + 64, "GETREGS: rip just past int3");
	is(r.orig_rax, -1, "GETREGS: orig_rax -1 outside a syscall");
	is(pt(PTRACE_PEEKUSER, pid, (void *)UREG(rbx), &w), 0, "PEEKUSER rbx");
	is(w, 0x1234, "PEEKUSER stores the word at *data");
	is(pt(PTRACE_PEEKUSER, pid, (void *)offsetof(struct user, u_debugreg),
	      &w), 0, "PEEKUSER u_debugreg[0]");
	is(pt(PTRACE_GETFPREGS, pid, 0, fx), 0, "GETFPREGS");
	is(((unsigned int *)fx)[6] & 0xffc0, 0x1f80 & 0xffc0,
	   "GETFPREGS: MXCSR at offset 24 has the default masks");
	r.rbx = 0x5678;
	is(pt(PTRACE_SETREGS, pid, 0, &r), 0, "SETREGS with rbx changed");
	is(pt(PTRACE_POKEUSER, pid, (void *)UREG(rcx), (void *)0x99), 0,
	   "POKEUSER rcx");
	is(pt(PTRACE_PEEKUSER, pid, (void *)UREG(rcx), &w), 0, "PEEKUSER rcx");
	is(w, 0x99, "POKEUSER took effect");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "tracee saw the new rbx (status %#x)", st);
}

static int child_memory(void)
{
	return target == 99 ? 0 : 1;
}

static void test_peek_poke(void)
{
	pid_t pid = fork_tracee(child_memory);
	unsigned long w = 0;
	int st;

	if (pid <= 0)
		return;
	is(pt(PTRACE_PEEKDATA, pid, (void *)&target, &w), 0,
	   "PEEKDATA returns 0 (raw syscall)");
	is(w, 42, "PEEKDATA stored the tracee's word at *data");
	is(pt(PTRACE_PEEKTEXT, pid, (void *)child_memory, &w), 0, "PEEKTEXT");
	is(w, *(unsigned long *)child_memory, "PEEKTEXT reads the code");
	is(pt(PTRACE_POKEDATA, pid, (void *)&target, (void *)99), 0,
	   "POKEDATA");
	is(target, 42, "POKEDATA did not touch the tracer's copy");
	is(pt(PTRACE_PEEKDATA, pid, (void *)&target, &w), 0, "PEEKDATA again");
	is(w, 99, "PEEKDATA sees the poked word");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "tracee saw the poked value (status %#x)", st);
}

#define NGETPID 5

static int child_syscalls(void)
{
	pid_t me = syscall(SYS_getpid);

	for (int i = 1; i < NGETPID; i++)
		syscall(SYS_getpid);
	if (syscall(SYS_getuid) != me)		/* the tracer makes it getpid */
		return 1;
	if (syscall(SYS_getgid) != 4242)	/* the tracer skips it */
		return 2;
	return 0;
}

/* Follow the child through PTRACE_SYSCALL stops to its exit. */
static void test_syscall_stops(void)
{
	pid_t pid = fork_tracee(child_syscalls);
	int entries = 0, exits = 0, getpids = 0, bad = 0, st;
	bool in = false;
	unsigned long msg;

	if (pid <= 0)
		return;
	is(pt(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD), 0,
	   "SETOPTIONS TRACESYSGOOD");
	for (;;) {
		struct user_regs_struct r;

		pt(PTRACE_SYSCALL, pid, 0, 0);
		st = wait_for(pid);
		if (!WIFSTOPPED(st))
			break;
		if (stop_code(st) != (SIGTRAP | 0x80)) {
			bad++;
			continue;
		}
		pt(PTRACE_GETREGS, pid, 0, &r);
		pt(PTRACE_GETEVENTMSG, pid, 0, &msg);
		in = !in;
		if (in) {
			entries++;
			if (msg != 1 || r.rax != (unsigned long)-ENOSYS)
				bad++;
			if (r.orig_rax == SYS_getpid)
				getpids++;
			if (r.orig_rax == SYS_getuid) {
				r.orig_rax = SYS_getpid;
				pt(PTRACE_SETREGS, pid, 0, &r);
			} else if (r.orig_rax == SYS_getgid) {
				r.orig_rax = -1;
				r.rax = 4242;
				pt(PTRACE_SETREGS, pid, 0, &r);
			}
		} else {
			exits++;
			if (msg != 2)
				bad++;
		}
	}
	ok(exited_with(st, 0), "tracee ran its changed syscalls (status %#x)",
	   st);
	is(bad, 0, "every stop was a syscall stop (SIGTRAP|0x80) with eventmsg");
	is(getpids, NGETPID, "counted the tracee's getpid calls");
	ok(entries == exits + 1, "entries %d and exits %d alternate (exit_group "
	   "has no exit stop)", entries, exits);
}

/* Stop at the kill syscall, then four one-byte nops to step over. */
static int child_step(void)
{
	long me = syscall(SYS_getpid);

	__asm__ volatile("syscall\n\tnop\n\tnop\n\tnop\n\tnop"
			 : : "a"(SYS_kill), "D"(me), "S"(SIGUSR1)
			 : "rcx", "r11", "memory");
	return 0;
}

static void test_singlestep(void)
{
	pid_t pid = fork_tracee(child_step);
	struct user_regs_struct r;
	unsigned long rip0;
	siginfo_t si;
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	is(stop_code(st), SIGUSR1, "signal-delivery-stop for SIGUSR1");
	pt(PTRACE_GETREGS, pid, 0, &r);
	rip0 = r.rip;
	is(pt(PTRACE_SINGLESTEP, pid, 0, 0), 0, "SINGLESTEP (SIGUSR1 dropped)");
	st = wait_for(pid);
	is(stop_code(st), SIGTRAP, "a step stops with SIGTRAP");
	pt(PTRACE_GETREGS, pid, 0, &r);
	is(r.rip - rip0, 1, "one nop later");
	ok(!(r.eflags & 0x100), "TF hidden from GETREGS");
	pt(PTRACE_GETSIGINFO, pid, 0, &si);
	is(si.si_code, 2 /* TRAP_TRACE */, "si_code TRAP_TRACE");
	pt(PTRACE_SINGLESTEP, pid, 0, 0);
	st = wait_for(pid);
	pt(PTRACE_GETREGS, pid, 0, &r);
	is(r.rip - rip0, 2, "two nops later");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "runs to its end without TF (status %#x)", st);
}

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static int child_detach(void)
{
	return 0;
}

static int child_detach_sig(void)
{
	return got_usr1 ? 0 : 1;
}

static void test_detach(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pid_t pid = fork_tracee(child_detach);
	int st;

	if (pid <= 0)
		return;
	is(pt(PTRACE_DETACH, pid, 0, 0), 0, "DETACH");
	st = wait_for(pid);
	ok(exited_with(st, 0), "detached child runs to exit (status %#x)", st);

	sigaction(SIGUSR1, &sa, NULL);
	pid = fork_tracee(child_detach_sig);
	signal(SIGUSR1, SIG_DFL);
	if (pid <= 0)
		return;
	is(pt(PTRACE_DETACH, pid, 0, (void *)SIGUSR1), 0, "DETACH with SIGUSR1");
	expect_errno(pt(PTRACE_CONT, pid, 0, 0), ESRCH);
	st = wait_for(pid);
	ok(exited_with(st, 0), "the signal reached the handler (status %#x)",
	   st);
}

static int child_forever(void)
{
	for (;;)
		pause();
	return 0;
}

/* CONT with SIGSTOP: the group stop is reported to the tracer too. */
static void test_group_stop(void)
{
	pid_t pid = fork_tracee(child_exit7);
	int st;

	if (pid <= 0)
		return;
	is(pt(PTRACE_CONT, pid, 0, (void *)SIGSTOP), 0, "CONT with SIGSTOP");
	st = wait_for(pid);
	is(stop_code(st), SIGSTOP, "the group stop is a stop for the tracer");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT from the group stop");
	st = wait_for(pid);
	ok(exited_with(st, 7), "and the tracee runs on (status %#x)", st);
}

static void test_kill(void)
{
	pid_t pid = fork_tracee(child_forever);
	int st;

	if (pid <= 0)
		return;
	is(pt(PTRACE_KILL, pid, 0, 0), 0, "KILL");
	st = wait_for(pid);
	ok(killed_by(st, SIGKILL), "KILL kills (status %#x)", st);
}

int main(void)
{
	test_traceme_stop();
	test_regs();
	test_peek_poke();
	test_syscall_stops();
	test_singlestep();
	test_detach();
	test_group_stop();
	test_kill();
	return tap_done();
}
