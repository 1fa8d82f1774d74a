/*
 * PTRACE_LISTEN and the group-stop traps of a PTRACE_SEIZEd tracee: a
 * group stop is reported as PTRACE_EVENT_STOP with the stop signal
 * (GETSIGINFO tells it); LISTEN leaves the tracee stopped but out of
 * the ptrace stop (wait reports nothing, the requests see ESRCH);
 * INTERRUPT and a SIGCONT make it trap again (EVENT_STOP with the stop
 * signal, then with SIGTRAP once the group stop is over); LISTEN
 * anywhere else, or on a tracee attached with PTRACE_ATTACH, is EIO.
 */
#include "ptrace_util.h"
#include <signal.h>

#define EVENT_STOP_CODE(sig) ((sig) | (PTRACE_EVENT_STOP << 8))

static void reap_killed(pid_t pid)
{
	kill(pid, SIGKILL);
	ok(killed_by(wait_for(pid), SIGKILL), "the tracee dies of SIGKILL");
}

/* Nothing to report for pid right now. */
static int nothing_to_wait(pid_t pid)
{
	int st;

	return waitpid(pid, &st, WNOHANG | __WALL) == 0;
}

/* SIGSTOP to a SEIZEd tracee: its signal-delivery-stop, then (passing
 * the signal on) the group stop as PTRACE_EVENT_STOP. */
static int seize_into_group_stop(pid_t pid)
{
	siginfo_t si;
	int st;

	is(pt(PTRACE_SEIZE, pid, 0, 0), 0, "SEIZE");
	kill(pid, SIGSTOP);
	st = wait_for(pid);
	is(stop_code(st), SIGSTOP, "SIGSTOP: signal-delivery-stop");
	is(pt(PTRACE_CONT, pid, 0, (void *)SIGSTOP), 0, "CONT with SIGSTOP");
	st = wait_for(pid);
	is(stop_code(st), EVENT_STOP_CODE(SIGSTOP),
	   "the group stop: PTRACE_EVENT_STOP with SIGSTOP");
	memset(&si, 0, sizeof(si));
	is(pt(PTRACE_GETSIGINFO, pid, 0, &si), 0, "GETSIGINFO at the group stop");
	is(si.si_signo, SIGSTOP, "its si_signo is the stop signal");
	is(si.si_code, EVENT_STOP_CODE(SIGSTOP),
	   "its si_code is the stop code with PTRACE_EVENT_STOP");
	return stop_code(st) == EVENT_STOP_CODE(SIGSTOP);
}

static void test_listen(void)
{
	struct user_regs_struct regs;
	pid_t pid = spawn_pauser();
	int st;

	if (!seize_into_group_stop(pid)) {
		reap_killed(pid);
		return;
	}
	is(pt(PTRACE_LISTEN, pid, 0, 0), 0, "LISTEN");
	ok(nothing_to_wait(pid), "a listening tracee is not reported by wait");
	expect_errno(pt(PTRACE_GETREGS, pid, 0, &regs), ESRCH);

	is(pt(PTRACE_INTERRUPT, pid, 0, 0), 0, "INTERRUPT a listening tracee");
	st = wait_for(pid);
	is(stop_code(st), EVENT_STOP_CODE(SIGSTOP),
	   "it traps again: EVENT_STOP with SIGSTOP (still group-stopped)");
	is(pt(PTRACE_GETREGS, pid, 0, &regs), 0, "GETREGS works at the trap");

	is(pt(PTRACE_LISTEN, pid, 0, 0), 0, "LISTEN again");
	kill(pid, SIGCONT);
	st = wait_for(pid);
	is(stop_code(st), EVENT_STOP_CODE(SIGTRAP),
	   "SIGCONT ends the group stop: EVENT_STOP with SIGTRAP");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT");
	st = wait_for(pid);
	is(stop_code(st), SIGCONT, "then SIGCONT's signal-delivery-stop");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT (SIGCONT suppressed)");
	ok(nothing_to_wait(pid), "the tracee runs on");
	reap_killed(pid);
}

/* A new group stop while the tracee runs after a LISTEN-less CONT:
 * SIGCONT makes the running SEIZEd tracee trap with SIGTRAP. */
static void test_cont_in_group_stop(void)
{
	pid_t pid = spawn_pauser();
	int st;

	if (!seize_into_group_stop(pid)) {
		reap_killed(pid);
		return;
	}
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT out of the group stop");
	kill(pid, SIGCONT);
	st = wait_for(pid);
	is(stop_code(st), EVENT_STOP_CODE(SIGTRAP),
	   "SIGCONT to the running tracee: EVENT_STOP with SIGTRAP");
	reap_killed(pid);
}

static void test_listen_errors(void)
{
	pid_t pid = spawn_pauser();
	int st;

	is(pt(PTRACE_SEIZE, pid, 0, 0), 0, "SEIZE");
	kill(pid, SIGUSR1);
	st = wait_for(pid);
	is(stop_code(st), SIGUSR1, "SIGUSR1: signal-delivery-stop");
	expect_errno(pt(PTRACE_LISTEN, pid, 0, 0), EIO);
	reap_killed(pid);

	pid = spawn_pauser();
	is(pt(PTRACE_ATTACH, pid, 0, 0), 0, "ATTACH");
	st = wait_for(pid);
	is(stop_code(st), SIGSTOP, "the attach stop");
	is(pt(PTRACE_CONT, pid, 0, (void *)SIGSTOP), 0, "CONT with SIGSTOP");
	st = wait_for(pid);
	is(stop_code(st), SIGSTOP, "ATTACHed: the group stop is plain SIGSTOP");
	expect_errno(pt(PTRACE_LISTEN, pid, 0, 0), EIO);
	reap_killed(pid);

	expect_errno(pt(PTRACE_LISTEN, getpid(), 0, 0), ESRCH);
}

int main(void)
{
	test_listen();
	test_cont_in_group_stop();
	test_listen_errors();
	return tap_done();
}
