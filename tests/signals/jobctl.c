/*
 * tests/signals/jobctl.c: stopping and continuing. SIGSTOP and SIGTSTP
 * stop a child (WUNTRACED reports it once, the parent gets SIGCHLD
 * CLD_STOPPED unless SA_NOCLDSTOP); SIGCONT resumes it (WCONTINUED,
 * CLD_CONTINUED); a stop discards a pending SIGCONT and vice versa; a
 * stopped child dies of SIGKILL at once, of SIGTERM only once continued;
 * a whole multi-threaded process stops; SIGTSTP to an orphaned process
 * group is discarded.
 */
#include "tap.h"
#include <poll.h>
#include <pthread.h>

static volatile int chld_hits, chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	chld_hits++;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void catch_chld(int flags)
{
	struct sigaction sa = { .sa_sigaction = on_chld,
				.sa_flags = SA_SIGINFO | SA_RESTART | flags };

	sigaction(SIGCHLD, &sa, NULL);
	chld_hits = 0;
}

static void wait_hits(int n)
{
	for (int i = 0; i < 500 && chld_hits < n; i++)
		usleep(10000);
}

/* A child that counts in shared memory... or just spins in pause(). */
static pid_t spawn(int own_pgrp)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (own_pgrp)
			setpgid(0, 0);
		for (;;)
			pause();
	}
	if (own_pgrp)
		setpgid(pid, pid);
	return pid;
}

static void test_stop_cont(void)
{
	pid_t pid;
	int st = 0;

	catch_chld(0);
	pid = spawn(0);
	kill(pid, SIGSTOP);
	/* SIGCHLD first: Linux fills its si_status from the stop code
	 * when the stopping child notifies, and a wait that reaped the
	 * stop on another CPU before that has already cleared it (0). */
	wait_hits(1);
	is(chld_code, CLD_STOPPED, "SIGCHLD CLD_STOPPED");
	is(chld_status, SIGSTOP, "... si_status the stop signal");
	is(waitpid(pid, &st, WUNTRACED), pid, "WUNTRACED reports the stop");
	ok(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "WIFSTOPPED, WSTOPSIG SIGSTOP (%#x)", st);
	is(waitpid(pid, &st, WUNTRACED | WNOHANG), 0, "a stop is reported once");
	chld_hits = 0;
	kill(pid, SIGCONT);
	is(waitpid(pid, &st, WCONTINUED), pid, "WCONTINUED reports the continue");
	ok(WIFCONTINUED(st), "WIFCONTINUED (%#x)", st);
	wait_hits(1);
	is(chld_code, CLD_CONTINUED, "SIGCHLD CLD_CONTINUED");
	is(chld_status, SIGCONT, "... si_status SIGCONT");
	is(waitpid(pid, &st, WCONTINUED | WNOHANG), 0, "a continue is reported once");

	/* SA_NOCLDSTOP: no SIGCHLD for stops, but wait still sees them. */
	catch_chld(SA_NOCLDSTOP);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	ok(WIFSTOPPED(st), "stopped again");
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	usleep(100000);
	is(chld_hits, 0, "SA_NOCLDSTOP: no SIGCHLD for stop or continue");

	/* Stopped: SIGTERM waits for SIGCONT, SIGKILL does not. */
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGTERM);
	usleep(100000);
	is(waitpid(pid, &st, WNOHANG), 0, "SIGTERM does not end a stopped process");
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	ok(killed_by(st, SIGTERM), "... it dies of it once continued (%#x)", st);

	pid = spawn(0);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	ok(killed_by(st, SIGKILL), "SIGKILL ends a stopped process (%#x)", st);
	signal(SIGCHLD, SIG_DFL);
}

static void test_tstp(void)
{
	pid_t pid;
	int st = 0;

	/* In its own group, with us (same session, other group) as parent:
	 * not orphaned, so SIGTSTP stops it. */
	pid = spawn(1);
	kill(pid, SIGTSTP);
	waitpid(pid, &st, WUNTRACED);
	ok(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "SIGTSTP stops (%#x)", st);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);

	/* A handler for SIGTSTP: no stop. */
	pid = fork();
	if (pid == 0) {
		signal(SIGTSTP, SIG_IGN);
		setpgid(0, 0);
		raise(SIGTSTP);
		_exit(5);
	}
	waitpid(pid, &st, WUNTRACED);
	ok(exited_with(st, 5), "ignored SIGTSTP does not stop");
}

/* Child: blocked SIGCONT is pending; a stop signal discards it. */
static int stop_discards_cont(void)
{
	sigset_t s, p;

	sigemptyset(&s);
	sigaddset(&s, SIGCONT);
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGCONT);
	sigpending(&p);
	if (!sigismember(&p, SIGCONT))
		return 1;
	signal(SIGTSTP, SIG_IGN);
	raise(SIGTSTP);		/* ignored, but still discards SIGCONT */
	sigpending(&p);
	if (sigismember(&p, SIGCONT))
		return 2;
	sigemptyset(&s);
	sigaddset(&s, SIGTSTP);
	signal(SIGTSTP, SIG_DFL);
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGTSTP);
	raise(SIGCONT);		/* blocked, yet discards the pending stop */
	sigpending(&p);
	if (sigismember(&p, SIGTSTP))
		return 3;
	return 0;
}

static int go_pipe[2], result_pipe[2];

/*
 * Grandchild in its own group whose only outside parent (our child)
 * exits: the group is orphaned (its parent is now init) and SIGTSTP
 * is discarded instead of stopping it.
 */
static int orphaned_tstp(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pid_t me = getpid();
		char c;

		setpgid(0, 0);
		write(result_pipe[1], &me, sizeof(me));
		read(go_pipe[0], &c, 1);	/* our parent is about to go */
		for (int i = 0; i < 5000 && getppid() != 1; i++)
			usleep(1000);
		raise(SIGTSTP);
		write(result_pipe[1], "k", 1);
		_exit(0);
	}
	setpgid(pid, pid);
	write(go_pipe[1], "g", 1);
	return 0;
}

static void test_orphaned(void)
{
	struct pollfd pfd;
	pid_t gpid = 0;
	char c = 0;

	is(WEXITSTATUS(run_child(stop_discards_cont)), 0,
	   "stop signals and SIGCONT discard each other");
	pipe(go_pipe);
	pipe(result_pipe);
	run_child(orphaned_tstp);
	read(result_pipe[0], &gpid, sizeof(gpid));
	pfd.fd = result_pipe[0];
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 5000) == 1)
		read(result_pipe[0], &c, 1);
	is(c, 'k', "SIGTSTP to an orphaned process group is discarded");
	if (c != 'k' && gpid > 0)
		kill(gpid, SIGKILL);
	close(go_pipe[0]);
	close(go_pipe[1]);
	close(result_pipe[0]);
	close(result_pipe[1]);
}

static volatile long counter;

static void *spin(void *arg)
{
	(void)arg;
	for (;;)
		counter++;
	return NULL;
}

static int threads_stop(void)
{
	pthread_t t;

	pthread_create(&t, NULL, spin, NULL);
	for (;;)
		pause();
	return 0;
}

static void test_threads(void)
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0)
		_exit(threads_stop());
	usleep(100000);
	kill(pid, SIGSTOP);
	is(waitpid(pid, &st, WUNTRACED), pid, "a threaded process stops");
	ok(WIFSTOPPED(st), "... as a whole (%#x)", st);
	kill(pid, SIGCONT);
	is(waitpid(pid, &st, WCONTINUED), pid, "... and continues");
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	ok(killed_by(st, SIGTERM), "SIGTERM ends every thread (%#x)", st);
}

int main(void)
{
	test_stop_cont();
	test_tstp();
	test_orphaned();
	test_threads();
	return tap_done();
}
