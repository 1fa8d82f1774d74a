/*
 * tests/exitwait/waitid_zombie_no_wexited.c: waitid without WEXITED
 * when the only child is a zombie. A zombie can never stop or continue
 * again, so there is nothing to wait for: ECHILD, not a sleep forever
 * (Linux's wait_consider_task leaves notask_error set). The other
 * combinations around it, as Linux answers them: a live child or a
 * zombie leader with a running thread, or a zombie its tracer has yet
 * to reap, is worth waiting for; a zombie we could reap is not.
 */
#include "tap.h"
#include "proc.h"
#include <pthread.h>
#include <sys/ptrace.h>

static pid_t zombie(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(9);
	/* Wait until it is a zombie, without reaping it. */
	memset(&si, 0, sizeof(si));
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	return pid;
}

static void test_only_zombie(void)
{
	siginfo_t si;
	pid_t z = zombie();

	expect_errno(waitid(P_ALL, 0, &si, WSTOPPED), ECHILD);
	expect_errno(waitid(P_ALL, 0, &si, WCONTINUED), ECHILD);
	expect_errno(waitid(P_ALL, 0, &si, WSTOPPED | WCONTINUED), ECHILD);
	expect_errno(waitid(P_PID, z, &si, WSTOPPED | WNOHANG), ECHILD);
	expect_errno(waitid(P_PGID, 0, &si, WCONTINUED | WNOHANG), ECHILD);
	expect_errno(waitid(P_ALL, 0, &si, WSTOPPED | __WALL), ECHILD);
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_ALL, 0, &si, WSTOPPED | WEXITED | WNOWAIT));
	is(si.si_pid, z, "with WEXITED too the zombie is reported");
	expect_ok(waitid(P_PID, z, &si, WEXITED));
	is(si.si_status, 9, "... and reaped");
}

static void test_zombie_and_live(void)
{
	siginfo_t si;
	pid_t z = zombie(), live = fork();

	if (live == 0) {
		pause();
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	si.si_pid = -1;
	expect_ok(waitid(P_ALL, 0, &si, WSTOPPED | WNOHANG));
	is(si.si_pid, 0, "a live child could still stop: WNOHANG says 0");
	expect_errno(waitid(P_PID, z, &si, WSTOPPED | WNOHANG), ECHILD);
	kill(live, SIGKILL);
	waitpid(live, NULL, 0);
	waitpid(z, NULL, 0);
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void test_zombie_leader(void)
{
	siginfo_t si;
	int st;
	pid_t p = fork();

	if (p == 0) {
		/* The leader exits alone; a thread keeps the group alive. */
		pthread_t th;

		if (pthread_create(&th, NULL, idle_thread, NULL))
			_exit(1);
		syscall(SYS_exit, 0);
	}
	/* Wait until the leader is a zombie. */
	wait_proc_state(p, 'Z', 5000);
	memset(&si, 0, sizeof(si));
	si.si_pid = -1;
	expect_ok(waitid(P_PID, p, &si, WSTOPPED | WNOHANG));
	is(si.si_pid, 0, "a zombie leader with a live thread: WSTOPPED|WNOHANG "
	   "says 0");
	kill(p, SIGKILL);
	ok(waitpid(p, &st, 0) == p && WIFSIGNALED(st),
	   "the process is reaped once killed");
}

static void test_traced_zombie(void)
{
	siginfo_t si;
	int st;
	pid_t p = fork();

	if (p == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(4);
	}
	waitpid(p, &st, WUNTRACED);
	ptrace(PTRACE_CONT, p, 0, 0);
	memset(&si, 0, sizeof(si));
	waitid(P_PID, p, &si, WEXITED | WNOWAIT);
	expect_errno(waitid(P_PID, p, &si, WSTOPPED | WNOHANG), ECHILD);
	expect_errno(waitid(P_PID, p, &si, WCONTINUED | WNOHANG), ECHILD);
	ok(waitpid(p, &st, 0) == p && exited_with(st, 4),
	   "the traced zombie is reaped by its tracer-parent");
}

/* Our child's zombie belongs to its tracer (a sibling) first: for us
 * it is still something to wait for, whatever the options. */
static void test_someone_elses_tracee(void)
{
	int sync[2], back[2], st;
	siginfo_t si;
	pid_t c, t;
	char ch = 0;

	if (pipe(sync) || pipe(back))
		return;
	c = fork();
	if (c == 0) {
		for (;;)
			pause();
	}
	t = fork();
	if (t == 0) {
		if (ptrace(PTRACE_SEIZE, c, 0, 0))
			_exit(1);
		write(sync[1], &ch, 1);
		/* Keep the zombie until the parent has looked. */
		read(back[0], &ch, 1);
		_exit(waitpid(c, &st, __WALL) == c && WIFSIGNALED(st) ? 0 : 2);
	}
	read(sync[0], &ch, 1);
	kill(c, SIGKILL);
	/* Until the tracer reaps it, the kill shows as nothing for us. */
	wait_proc_state(c, 'Z', 5000);
	memset(&si, 0, sizeof(si));
	si.si_pid = -1;
	expect_ok(waitid(P_PID, c, &si, WSTOPPED | WNOHANG));
	is(si.si_pid, 0, "someone else's traced zombie, WSTOPPED|WNOHANG: 0");
	si.si_pid = -1;
	expect_ok(waitid(P_PID, c, &si, WEXITED | WNOHANG));
	is(si.si_pid, 0, "... WEXITED|WNOHANG: 0 (its tracer reaps it first)");
	write(back[1], &ch, 1);
	ok(waitpid(t, &st, 0) == t && exited_with(st, 0),
	   "the tracer reaps it");
	ok(waitpid(c, &st, 0) == c && killed_by(st, SIGKILL),
	   "then the parent does");
}

int main(void)
{
	alarm(20);
	test_only_zombie();
	test_zombie_and_live();
	test_zombie_leader();
	test_traced_zombie();
	test_someone_elses_tracee();
	return tap_done();
}
