/*
 * tests/signals/kill.c: kill, tkill and tgkill arguments and errors;
 * signals to a process group; permissions (EPERM for another user,
 * except SIGCONT within the session); default actions (terminate,
 * ignore, no core bit with RLIMIT_CORE 0); blocked and ignored fatal
 * signals; SIGKILL through everything; SIGCHLD to the parent with
 * CLD_EXITED/CLD_KILLED info and autoreaping when it is ignored.
 */
#include "tap.h"

#define BIT(sig) (1UL << ((sig) - 1))

/*
 * kill(-1) reaches every process but init and the caller; with no
 * other process it is ESRCH. On Linux kernel threads always count, so
 * give both kernels a sleeping child to find.
 */
static void kill_all_reaches_others(void)
{
	pid_t other = fork();

	if (other == 0) {
		pause();
		_exit(0);
	}
	expect_ok(kill(-1, 0));
	kill(other, SIGKILL);
	waitpid(other, NULL, 0);
}

static void test_errors(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	expect_ok(kill(getpid(), 0));
	expect_errno(kill(pid, 0), ESRCH);
	expect_errno(kill(getpid(), 65), EINVAL);
	expect_errno(kill(getpid(), -1), EINVAL);
	expect_errno(kill(pid, 65), ESRCH);
	expect_errno(kill(INT32_MIN, 0), ESRCH);
	expect_errno(kill(-pid, 0), ESRCH);
	expect_ok(kill(0, 0));
	expect_ok(kill(-getpgrp(), 0));
	kill_all_reaches_others();
	expect_errno(syscall(SYS_tkill, 0, 0), EINVAL);
	expect_errno(syscall(SYS_tkill, -5, 0), EINVAL);
	expect_errno(syscall(SYS_tkill, pid, 0), ESRCH);
	expect_ok(syscall(SYS_tkill, syscall(SYS_gettid), 0));
	expect_errno(syscall(SYS_tgkill, 0, getpid(), 0), EINVAL);
	expect_errno(syscall(SYS_tgkill, getpid(), 0, 0), EINVAL);
	expect_errno(syscall(SYS_tgkill, getpid() + 100000, getpid(), 0), ESRCH);
	expect_errno(syscall(SYS_tgkill, getpid(), getpid(), 65), EINVAL);
	expect_ok(syscall(SYS_tgkill, getpid(), getpid(), 0));
}

static int as_nobody(void)
{
	if (setresuid(65534, 65534, 65534))
		return 10;
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		return 1;
	if (kill(getppid(), SIGUSR1) != -1 || errno != EPERM)
		return 2;
	/* SIGCONT is allowed within the session. */
	if (kill(getppid(), SIGCONT) != 0)
		return 3;
	if (kill(getpid(), 0) != 0)
		return 4;
	return 0;
}

static void test_permissions(void)
{
	int st = run_child(as_nobody);

	ok(exited_with(st, 0), "another uid: EPERM, but SIGCONT in the session (%#x)", st);
}

static int pause_forever(void)
{
	for (;;)
		pause();
	return 0;
}

/* Start a child in its own process group; returns its pid. */
static pid_t child_in_group(pid_t pgrp)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, pgrp);
		_exit(pause_forever());
	}
	setpgid(pid, pgrp);
	return pid;
}

static void test_pgrp(void)
{
	pid_t a = child_in_group(0), b = child_in_group(a);
	int sa, sb;

	expect_ok(kill(-a, SIGTERM));
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	ok(killed_by(sa, SIGTERM) && killed_by(sb, SIGTERM),
	   "kill(-pgrp) reaches every member");
	expect_errno(kill(-a, 0), ESRCH);
}

/* What a child's wait status says after sig with the default action. */
static int status_after(int sig, int blocked_first)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		unsigned long m = BIT(sig);

		if (blocked_first)
			syscall(SYS_rt_sigprocmask, SIG_BLOCK, &m, NULL, 8);
		kill(getpid(), sig);
		if (blocked_first) {
			/* Still alive while blocked. */
			write(1, "", 0);
			syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &m, NULL, 8);
			_exit(98);
		}
		_exit(99);
	}
	waitpid(pid, &st, 0);
	return st;
}

static void test_defaults(void)
{
	int st;

	ok(killed_by(status_after(SIGTERM, 0), SIGTERM), "SIGTERM terminates");
	ok(killed_by(status_after(SIGUSR1, 0), SIGUSR1), "SIGUSR1 terminates");
	ok(killed_by(status_after(SIGRTMIN + 2, 0), SIGRTMIN + 2),
	   "a real-time signal terminates");
	st = status_after(SIGQUIT, 0);
	ok(killed_by(st, SIGQUIT), "SIGQUIT terminates");
	ok(!WCOREDUMP(st), "no core bit with RLIMIT_CORE 0 (%#x)", st);
	ok(killed_by(status_after(SIGABRT, 0), SIGABRT), "SIGABRT terminates");
	ok(exited_with(status_after(SIGCHLD, 0), 99), "SIGCHLD is ignored");
	ok(exited_with(status_after(SIGURG, 0), 99), "SIGURG is ignored");
	ok(exited_with(status_after(SIGWINCH, 0), 99), "SIGWINCH is ignored");
	ok(exited_with(status_after(SIGCONT, 0), 99), "SIGCONT alone is ignored");
	ok(killed_by(status_after(SIGTERM, 1), SIGTERM),
	   "a blocked SIGTERM kills when unblocked");
}

static int ignore_term(void)
{
	signal(SIGTERM, SIG_IGN);
	kill(getpid(), SIGTERM);
	return 7;
}

static int block_kill(void)
{
	unsigned long all = ~0UL;

	signal(SIGTERM, SIG_IGN);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8);
	kill(getpid(), SIGKILL);
	return 7;
}

static void test_ignore(void)
{
	ok(exited_with(run_child(ignore_term), 7), "SIG_IGN keeps SIGTERM away");
	ok(killed_by(run_child(block_kill), SIGKILL),
	   "SIGKILL kills through a full mask");
}

static volatile int chld_code, chld_status, chld_pid, chld_hits;

static void on_chld(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	chld_hits++;
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_pid = si->si_pid;
}

static void wait_for_chld(void)
{
	for (int i = 0; i < 500 && !chld_hits; i++)
		usleep(10000);
}

static void test_sigchld(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO };
	pid_t pid;

	sigaction(SIGCHLD, &sa, NULL);
	chld_hits = 0;
	pid = fork();
	if (pid == 0)
		_exit(42);
	wait_for_chld();
	is(chld_code, CLD_EXITED, "SIGCHLD: CLD_EXITED");
	is(chld_status, 42, "SIGCHLD: si_status is the exit code");
	is(chld_pid, pid, "SIGCHLD: si_pid is the child");
	waitpid(pid, NULL, 0);

	chld_hits = 0;
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	wait_for_chld();
	is(chld_code, CLD_KILLED, "SIGCHLD: CLD_KILLED");
	is(chld_status, SIGTERM, "SIGCHLD: si_status is the signal");
	waitpid(pid, NULL, 0);

	/* SIG_IGN: children are reaped at once, wait finds none. */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(1);
	expect_errno(waitpid(pid, NULL, 0), ECHILD);
	sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	chld_hits = 0;
	pid = fork();
	if (pid == 0)
		_exit(1);
	expect_errno(waitpid(pid, NULL, 0), ECHILD);
	wait_for_chld();
	is(chld_hits, 1, "SA_NOCLDWAIT still sends SIGCHLD");
	signal(SIGCHLD, SIG_DFL);
}

int main(void)
{
	test_errors();
	test_permissions();
	test_pgrp();
	test_defaults();
	test_ignore();
	test_sigchld();
	return tap_done();
}
