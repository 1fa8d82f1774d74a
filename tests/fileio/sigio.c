/*
 * tests/fileio/sigio.c: signal-driven I/O as Linux 6.1. F_SETOWN takes
 * a process (pid > 0) or a group (< 0) and F_GETOWN gives it back; a
 * pid that does not exist is ESRCH; F_SETOWN_EX/F_GETOWN_EX with
 * F_OWNER_TID/PID/PGRP (another type EINVAL); F_SETSIG/F_GETSIG (a
 * signal over 64 EINVAL). A pipe end with O_ASYNC signals its owner:
 * SIGIO (SI_KERNEL) by default; with F_SETSIG the chosen signal with
 * si_code POLL_IN and si_band POLLIN|POLLRDNORM and si_fd for the read
 * end when data comes, POLL_OUT with POLLOUT|POLLWRNORM|POLLWRBAND for
 * the write end when room is made; nothing without O_ASYNC; to a group,
 * or to one thread (F_OWNER_TID). An AF_UNIX socket (stream or datagram)
 * with O_ASYNC gets POLL_IN when data arrives, and so does a tty (a pty
 * slave), which O_ASYNC gives an owner if it had none. An owner set by an
 * unprivileged user
 * does not signal root's process (sigio_perm).
 */
#include "tap.h"
#include "ptyutil.h"
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <termios.h>

#ifndef F_SETOWN_EX
#define F_SETOWN_EX 15
#define F_GETOWN_EX 16
#define F_OWNER_TID 0
#define F_OWNER_PID 1
#define F_OWNER_PGRP 2
struct f_owner_ex {
	int type;
	pid_t pid;
};
#endif

/* A pending sig, taken without waiting: its siginfo, or si_signo 0. */
static siginfo_t take(int sig)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	sigset_t set;

	memset(&si, 0, sizeof(si));
	sigemptyset(&set);
	sigaddset(&set, sig);
	if (sigtimedwait(&set, &si, &zero) < 0)
		si.si_signo = 0;
	return si;
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void test_owner_calls(void)
{
	struct f_owner_ex ex = { F_OWNER_TID, gettid() }, got = { -1, -1 };
	int p[2];

	if (pipe(p))
		return;
	is(fcntl(p[0], F_GETOWN), 0, "no owner at first");
	is(fcntl(p[0], F_GETSIG), 0, "F_GETSIG 0 at first");
	expect_ok(fcntl(p[0], F_SETOWN, getpid()));
	is(fcntl(p[0], F_GETOWN), getpid(), "F_GETOWN gives the process");
	expect_ok(fcntl(p[0], F_SETOWN, -getpgrp()));
	is(fcntl(p[0], F_GETOWN), -getpgrp(), "a group is negative");
	expect_errno(fcntl(p[0], F_SETOWN, 999999), ESRCH);
	expect_errno(fcntl(p[0], F_SETOWN, -999999), ESRCH);
	expect_ok(fcntl(p[0], F_SETOWN_EX, &ex));
	expect_ok(fcntl(p[0], F_GETOWN_EX, &got));
	ok(got.type == F_OWNER_TID && got.pid == gettid(), "F_GETOWN_EX: "
	   "the thread");
	ex.type = 3;
	expect_errno(fcntl(p[0], F_SETOWN_EX, &ex), EINVAL);
	expect_errno(fcntl(p[0], F_SETOWN_EX, (void *)8), EFAULT);
	expect_errno(fcntl(p[0], F_SETSIG, 65), EINVAL);
	expect_ok(fcntl(p[0], F_SETSIG, SIGRTMIN));
	is(fcntl(p[0], F_GETSIG), SIGRTMIN, "F_GETSIG");
	expect_ok(fcntl(p[0], F_SETOWN, 0));
	is(fcntl(p[0], F_GETOWN), 0, "F_SETOWN 0 clears it");
	close(p[0]);
	close(p[1]);
}

/* In a child (its own group, so nothing reaches the runner). */
static int pipe_signals(void)
{
	int p[2], fails = 0;
	char buf[8];
	siginfo_t si;

	setpgid(0, 0);
	block(SIGIO);
	block(SIGRTMIN);
	if (pipe(p))
		return 100;
	write(p[1], "x", 1);
	if (take(SIGIO).si_signo)
		fails |= 1;		/* no O_ASYNC, no signal */
	read(p[0], buf, 1);
	fcntl(p[0], F_SETOWN, getpid());
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_ASYNC);
	write(p[1], "x", 1);
	si = take(SIGIO);
	if (si.si_signo != SIGIO || si.si_code != SI_KERNEL)
		fails |= 2;
	read(p[0], buf, 1);
	fcntl(p[0], F_SETSIG, SIGRTMIN);
	write(p[1], "x", 1);
	si = take(SIGRTMIN);
	if (si.si_signo != SIGRTMIN || si.si_code != POLL_IN ||
	    si.si_fd != p[0] || si.si_band != (POLLIN | POLLRDNORM))
		fails |= 4;
	/* The write end: room made by a read. */
	fcntl(p[1], F_SETOWN, -getpgrp());
	fcntl(p[1], F_SETSIG, SIGRTMIN);
	fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_ASYNC);
	read(p[0], buf, 1);
	si = take(SIGRTMIN);
	if (si.si_signo != SIGRTMIN || si.si_code != POLL_OUT ||
	    si.si_fd != p[1] ||
	    si.si_band != (POLLOUT | POLLWRNORM | POLLWRBAND))
		fails |= 8;
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_ASYNC);
	write(p[1], "x", 1);
	if (take(SIGRTMIN).si_signo)
		fails |= 16;		/* O_ASYNC off again */
	return fails;
}

/* A socket of each kind: data arriving is POLL_IN for the receiver. */
static int socket_signals(void)
{
	int types[2] = { SOCK_STREAM, SOCK_DGRAM }, fails = 0;

	setpgid(0, 0);
	block(SIGRTMIN);
	for (int i = 0; i < 2; i++) {
		int sv[2];
		siginfo_t si;

		if (socketpair(AF_UNIX, types[i], 0, sv))
			return 100;
		fcntl(sv[0], F_SETOWN, getpid());
		fcntl(sv[0], F_SETSIG, SIGRTMIN);
		fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_ASYNC);
		write(sv[1], "x", 1);
		si = take(SIGRTMIN);
		if (si.si_signo != SIGRTMIN || si.si_code != POLL_IN ||
		    si.si_fd != sv[0] || si.si_band != (POLLIN | POLLRDNORM))
			fails |= 1 << i;
		close(sv[0]);
		close(sv[1]);
	}
	return fails;
}

/* A pty's slave in raw mode: input typed at the master is POLL_IN. */
static int tty_signals(void)
{
	struct timespec two = { 2, 0 };
	struct termios t;
	sigset_t set;
	siginfo_t si;
	int m, s;

	setsid();
	block(SIGRTMIN);
	if (pty_setup() || open_pty(&m, &s, 0, O_NOCTTY) || tcgetattr(s, &t))
		return 100;
	cfmakeraw(&t);
	tcsetattr(s, TCSANOW, &t);
	fcntl(s, F_SETSIG, SIGRTMIN);
	fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_ASYNC);
	if (fcntl(s, F_GETOWN) != getpid())
		return 1;		/* O_ASYNC made us the owner */
	write(m, "x", 1);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	if (sigtimedwait(&set, &si, &two) != SIGRTMIN)
		return 2;
	return si.si_code == POLL_IN && si.si_fd == s ? 0 : 3;
}

static int tid_fd;
static pid_t owner_tid;
static volatile int ready;

static void *tid_thread(void *arg __attribute__((unused)))
{
	block(SIGRTMIN);
	owner_tid = gettid();
	__atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) != 2)
		usleep(1000);
	return (void *)(long)(take(SIGRTMIN).si_fd == tid_fd);
}

/* F_OWNER_TID: only that thread gets it. */
static int thread_owner(void)
{
	struct f_owner_ex ex = { F_OWNER_TID, 0 };
	pthread_t t;
	void *got;
	int p[2];
	sigset_t pend;

	block(SIGRTMIN);
	if (pipe(p) || pthread_create(&t, NULL, tid_thread, NULL))
		return 100;
	while (!__atomic_load_n(&ready, __ATOMIC_SEQ_CST))
		usleep(1000);
	tid_fd = p[0];
	ex.pid = owner_tid;
	fcntl(p[0], F_SETOWN_EX, &ex);
	fcntl(p[0], F_SETSIG, SIGRTMIN);
	fcntl(p[0], F_SETFL, O_ASYNC);
	write(p[1], "x", 1);
	sigpending(&pend);
	__atomic_store_n(&ready, 2, __ATOMIC_SEQ_CST);
	pthread_join(t, &got);
	if (sigismember(&pend, SIGRTMIN))
		return 1;		/* not to the process */
	return got ? 0 : 2;
}

static void test_pipes(void)
{
	int st = run_child(pipe_signals);

	ok(exited_with(st, 0), "pipes: SIGIO, F_SETSIG's signal with si_fd/"
	   "si_band/si_code for both ends, none without O_ASYNC (%#x)", st);
	st = run_child(socket_signals);
	ok(exited_with(st, 0), "AF_UNIX stream and datagram sockets: POLL_IN "
	   "when data arrives (%#x)", st);
	st = run_child(tty_signals);
	ok(exited_with(st, 0), "a pty slave: O_ASYNC makes the caller its "
	   "owner, input from the master is POLL_IN (%#x)", st);
	st = run_child(thread_owner);
	ok(exited_with(st, 0), "F_OWNER_TID: only that thread (%#x)", st);
}

/* sigio_perm: an owner nobody set may not signal root's process. */
static void test_perm(void)
{
	int p[2], st;
	pid_t me = getpid(), pid;

	block(SIGIO);
	take(SIGIO);
	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(100);
		fcntl(p[0], F_SETOWN, me);
		fcntl(p[0], F_SETFL, O_ASYNC);
		write(p[1], "x", 1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0) && take(SIGIO).si_signo == 0, "an owner set "
	   "by nobody: root's process gets no SIGIO");
	fcntl(p[0], F_SETOWN, me);
	write(p[1], "x", 1);
	ok(take(SIGIO).si_signo == SIGIO, "set by root: it does");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	test_owner_calls();
	test_pipes();
	test_perm();
	return tap_done();
}
