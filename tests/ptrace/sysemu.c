/*
 * PTRACE_SYSEMU, PTRACE_SYSEMU_SINGLESTEP and PTRACE_SINGLEBLOCK.
 * SYSEMU stops at every syscall entry and never runs the call: there
 * is no exit stop, the result is what the tracer leaves in rax
 * (-ENOSYS if it writes none). SYSEMU_SINGLESTEP does that at a
 * syscall instruction and steps elsewhere (no trap at the emulated
 * call's exit: the next one comes after the following instruction).
 * SINGLEBLOCK traps at the next taken branch where the CPU has
 * DEBUGCTL.BTF; QEMU's TCG ignores BTF, so Linux there (and tine) trap
 * after one instruction, as a single step.
 */
#include "ptrace_util.h"
#include <stdbool.h>
#include <stddef.h>

#define REG(r) ((void *)offsetof(struct user_regs_struct, r))

/* The stepped code, entered by the tracer setting rip (no stack use). */
extern char emu_start[], emu_after_mov[], emu_after_syscall[],
	emu_after_nop[];
extern char blk_start[], blk_after_nop[], blk_target[];
__asm__(".text\n"
	"emu_start: mov $39, %eax\n"		/* getpid */
	"emu_after_mov: syscall\n"
	"emu_after_syscall: nop\n"
	"emu_after_nop: mov %rax, %rdi\n"
	"mov $231, %eax\n"			/* exit_group(rax) */
	"syscall\n"
	"hlt\n"
	"blk_start: nop\n"
	"blk_after_nop: jmp blk_target\n"
	"nop\n"
	"nop\n"
	"blk_target: mov $5, %edi\n"
	"mov $231, %eax\n"
	"syscall\n"
	"hlt\n");

static unsigned long peek_reg(pid_t pid, void *off)
{
	unsigned long v = 0;

	pt(PTRACE_PEEKUSER, pid, off, &v);
	return v;
}

/* The traced child stops at its SIGSTOP; then does two getpid() and
 * exits 0 if the first got 4242 and the second the real pid. */
static int child_getpid_twice(void)
{
	long a = syscall(SYS_getpid);
	long b = syscall(SYS_getpid);

	return a == 4242 && b == syscall(SYS_gettid) ? 0 : 1;
}

static int child_getpid(void)
{
	long r = syscall(SYS_getpid);

	return r == 4242 ? 0 : 1;
}

/* A tracee running fn, stopped at its SIGSTOP, with syscall stops told
 * apart (TRACESYSGOOD) if sysgood; -1 (reported) if none. */
static pid_t start_tracee(int (*fn)(void), bool sysgood)
{
	pid_t pid = fork_tracee(fn);

	if (pid < 0) {
		ok(0, "fork_tracee");
		return -1;
	}
	if (sysgood)
		pt(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD);
	return pid;
}

/* One step of the tracer: resume pid with request req (checked as
 * what), wait for its next stop and check that it is want (SIGTRAP,
 * or SIGTRAP | 0x80 for a syscall stop), told as stop. */
static void resume_to_stop(pid_t pid, int req, const char *what, int want,
			   const char *stop)
{
	is(pt(req, pid, 0, 0), 0, what);
	is(stop_code(wait_for(pid)), want, stop);
}

static void test_sysemu(void)
{
	pid_t pid = start_tracee(child_getpid, true);

	if (pid < 0)
		return;
	resume_to_stop(pid, PTRACE_SYSEMU, "SYSEMU", SIGTRAP | 0x80,
		       "SYSEMU: a syscall stop");
	is((long)peek_reg(pid, REG(orig_rax)), SYS_getpid, "at getpid's entry");
	is((long)peek_reg(pid, REG(rax)), -ENOSYS, "rax holds -ENOSYS");
	is(pt(PTRACE_POKEUSER, pid, REG(rax), (void *)4242L), 0,
	   "the tracer writes the result");
	resume_to_stop(pid, PTRACE_SYSEMU, "SYSEMU again", SIGTRAP | 0x80,
		       "the next stop is a syscall stop");
	is((long)peek_reg(pid, REG(orig_rax)), SYS_exit_group,
	   "no exit stop for getpid: exit_group's entry");
	is((long)peek_reg(pid, REG(rdi)), 0,
	   "the child saw the emulated result (exit_group(0))");
	/* exit_group was emulated too; musl's _Exit then calls exit. */
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT");
	ok(exited_with(wait_for(pid), 0), "the child exits 0 through exit");
}

/* A SYSEMU entry stop resumed with PTRACE_SYSCALL: the call is still
 * skipped (decided at its entry), but the exit stop the tracer now
 * asks for comes, with the tracer's result. */
static void test_syscall_then_cont(void)
{
	pid_t pid = start_tracee(child_getpid_twice, true);

	if (pid < 0)
		return;
	resume_to_stop(pid, PTRACE_SYSEMU, "SYSEMU", SIGTRAP | 0x80,
		       "a syscall stop");
	pt(PTRACE_POKEUSER, pid, REG(rax), (void *)4242L);
	resume_to_stop(pid, PTRACE_SYSCALL, "SYSCALL after an emulated entry",
		       SIGTRAP | 0x80, "a syscall stop");
	is((long)peek_reg(pid, REG(orig_rax)), SYS_getpid, "getpid's");
	is((long)peek_reg(pid, REG(rax)), 4242, "its exit: the tracer's result");
	resume_to_stop(pid, PTRACE_SYSCALL, "SYSCALL", SIGTRAP | 0x80,
		       "the second getpid's entry");
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(cont_until_exit(pid), 0),
	   "the second getpid ran: the child exits 0");
}

static void test_sysemu_singlestep(void)
{
	pid_t pid = start_tracee(child_getpid, true);

	if (pid < 0)
		return;
	pt(PTRACE_POKEUSER, pid, REG(rip), emu_start);
	resume_to_stop(pid, PTRACE_SYSEMU_SINGLESTEP, "SYSEMU_SINGLESTEP",
		       SIGTRAP, "a step trap");
	is(peek_reg(pid, REG(rip)), (unsigned long)emu_after_mov,
	   "after one instruction");
	resume_to_stop(pid, PTRACE_SYSEMU_SINGLESTEP, "SYSEMU_SINGLESTEP",
		       SIGTRAP | 0x80, "the syscall instruction: its stop");
	is(peek_reg(pid, REG(orig_rax)), 39, "getpid's entry");
	pt(PTRACE_POKEUSER, pid, REG(rax), (void *)77L);
	resume_to_stop(pid, PTRACE_SYSEMU_SINGLESTEP, "SYSEMU_SINGLESTEP",
		       SIGTRAP, "a step trap");
	is(peek_reg(pid, REG(rip)), (unsigned long)emu_after_nop,
	   "after the instruction following the emulated syscall");
	is(peek_reg(pid, REG(rax)), 77, "rax is the tracer's result");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT");
	ok(exited_with(wait_for(pid), 77), "the child exits with that result");
}

static void test_singleblock(void)
{
	pid_t pid = start_tracee(child_getpid, false);
	unsigned long ip;

	if (pid < 0)
		return;
	pt(PTRACE_POKEUSER, pid, REG(rip), blk_start);
	resume_to_stop(pid, PTRACE_SINGLEBLOCK, "SINGLEBLOCK", SIGTRAP,
		       "a step trap");
	ip = peek_reg(pid, REG(rip));
	ok(ip == (unsigned long)blk_after_nop || ip == (unsigned long)blk_target,
	   "at the branch target (BTF) or after one instruction (no BTF)");
	if (ip == (unsigned long)blk_after_nop)
		diag("SINGLEBLOCK stepped one instruction: no BTF on this CPU");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT");
	ok(exited_with(wait_for(pid), 5), "the child runs on to the target");
}

int main(void)
{
	test_sysemu();
	test_syscall_then_cont();
	test_sysemu_singlestep();
	test_singleblock();
	return tap_done();
}
