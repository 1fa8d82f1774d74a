/*
 * tests/pty/jobctl.c: a pty as a session's controlling terminal. A
 * session leader opening a slave without O_NOCTTY acquires it (or with
 * TIOCSCTTY; stealing it from another session is EPERM); ^C and ^Z
 * written to the master signal the foreground group; a background
 * group reading gets SIGTTIN (EIO when ignored), writing with TOSTOP
 * or calling tcsetpgrp gets SIGTTOU; tcsetpgrp to another session's
 * group is EPERM; TIOCSWINSZ sends SIGWINCH; closing the master sends
 * the session leader SIGHUP; a pty session leader's exit sends SIGHUP
 * to the foreground group; the master's TIOCGPGRP names the slave's
 * foreground group.
 */
#include "ptyutil.h"

static int m, syncp[2];
static char sname[64];

static void ready(void)
{
	write(syncp[1], "r", 1);
}

static int wait_ready(void)
{
	char c;
	struct pollfd p = { .fd = syncp[0], .events = POLLIN };

	return poll(&p, 1, 10000) == 1 && read(syncp[0], &c, 1) == 1;
}

/* Fork a new session whose leader acquires the slave and runs fn. */
static pid_t start_session(int (*fn)(int s))
{
	pid_t pid = fork();

	if (pid == 0) {
		int s;

		close(m);	/* only the test holds the master */
		if (setsid() < 0)
			_exit(90);
		s = open(sname, O_RDWR);
		if (s < 0)
			_exit(91);
		_exit(fn(s));
	}
	return pid;
}

static int finish(pid_t pid)
{
	int st = -1;

	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return st;
}

static int acquire(int s)
{
	int n = -1;

	if (tcgetsid(s) != getpid() || tcgetpgrp(s) != getpid())
		return 1;
	if (ioctl(s, TIOCGSID, &n) || n != getpid())
		return 2;
	ready();
	pause();		/* killed by the test */
	return 3;
}

static void test_acquire(void)
{
	pid_t pid = start_session(acquire);
	pid_t pg = -1;

	ok(wait_ready(), "the session leader acquired the slave on open");
	ok(ioctl(m, TIOCGPGRP, &pg) == 0 && pg == pid,
	   "the master's TIOCGPGRP names its foreground group");
	kill(pid, SIGKILL);
	ok(killed_by(finish(pid), SIGKILL), "leader done");
}

/* O_NOCTTY, then TIOCSCTTY; a second session cannot steal it. */
static void test_noctty_steal(void)
{
	int st;
	pid_t a, b;

	/* Session a holds the tty; b opens it with O_NOCTTY and tries. */
	a = start_session(acquire);
	ok(wait_ready(), "session a has the tty");
	b = fork();
	if (b == 0) {
		int s;

		setsid();
		s = open(sname, O_RDWR | O_NOCTTY);
		if (s < 0)
			_exit(1);
		if (tcgetsid(s) != -1 || errno != ENOTTY)
			_exit(2);
		if (setresuid(65534, 65534, 65534))
			_exit(3);
		if (ioctl(s, TIOCSCTTY, 1) != -1 || errno != EPERM)
			_exit(4);
		_exit(0);
	}
	ok(exited_with(finish(b), 0), "O_NOCTTY, and stealing is EPERM");
	kill(a, SIGKILL);
	finish(a);
	/* With a free tty, O_NOCTTY (open or TIOCGPTPEER) does not take
	 * it and TIOCSCTTY does. */
	b = fork();
	if (b == 0) {
		int s, p;

		setsid();
		s = open(sname, O_RDWR | O_NOCTTY);
		if (s < 0 || tcgetsid(s) != -1 || errno != ENOTTY)
			_exit(3);
		p = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
		if (p < 0 || tcgetsid(p) != -1 || errno != ENOTTY)
			_exit(4);
		if (ioctl(s, TIOCSCTTY, 0))
			_exit(1);
		_exit(tcgetsid(s) == getpid() ? 0 : 2);
	}
	st = finish(b);
	ok(exited_with(st, 0), "TIOCSCTTY makes it the controlling tty (%#x)", st);
}

/* A foreground child in its own group; report how it stopped/died. */
static int fg_child(int s)
{
	int st;
	pid_t g = fork();

	if (g == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(g, g);
	if (tcsetpgrp(s, g))
		return 20;
	ready();
	if (waitpid(g, &st, WUNTRACED) != g)
		return 21;
	kill(g, SIGKILL);
	waitpid(g, NULL, 0);
	if (WIFSTOPPED(st))
		return WSTOPSIG(st);
	if (WIFSIGNALED(st))
		return 100 + WTERMSIG(st);
	return 22;
}

static void test_isig(void)
{
	pid_t pid = start_session(fg_child);

	ok(wait_ready(), "foreground group set");
	write(m, "\003", 1);
	is(WEXITSTATUS(finish(pid)), 100 + SIGINT, "^C kills the foreground group");
	pid = start_session(fg_child);
	ok(wait_ready(), "foreground group set");
	write(m, "\032", 1);
	is(WEXITSTATUS(finish(pid)), SIGTSTP, "^Z stops the foreground group");
	pid = start_session(fg_child);
	ok(wait_ready(), "foreground group set");
	write(m, "\034", 1);
	is(WEXITSTATUS(finish(pid)), 100 + SIGQUIT, "^\\ quits the foreground group");
}

/* A background child doing op; how it ended (stop signal, or exit). */
static int (*bg_op)(int s);

static int bg_child(int s)
{
	int st;
	pid_t g = fork();

	if (g == 0) {
		setpgid(0, 0);
		_exit(bg_op(s));
	}
	setpgid(g, g);
	if (waitpid(g, &st, WUNTRACED) != g)
		return 21;
	if (WIFSTOPPED(st)) {
		kill(g, SIGKILL);
		waitpid(g, NULL, 0);
		return 100 + WSTOPSIG(st);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 22;
}

static int op_read(int s)
{
	char c;

	return read(s, &c, 1) == -1 ? errno : 0;
}

static int op_read_ignored(int s)
{
	char c;

	signal(SIGTTIN, SIG_IGN);
	return read(s, &c, 1) == -1 ? errno : 0;
}

static int op_write(int s)
{
	return write(s, "bg\n", 3) == 3 ? 0 : errno;
}

static int op_write_tostop(int s)
{
	struct termios t;

	tcgetattr(s, &t);
	t.c_lflag |= TOSTOP;
	if (tcsetattr(s, TCSANOW, &t))	/* background: SIGTTOU first */
		return 50;
	return 51;
}

static int op_tcsetpgrp(int s)
{
	return tcsetpgrp(s, getpgrp()) ? errno : 0;
}

static int op_tcsetpgrp_ignored(int s)
{
	signal(SIGTTOU, SIG_IGN);
	if (tcsetpgrp(s, getpgrp()))
		return errno;
	return tcgetpgrp(s) == getpgrp() ? 0 : 52;
}

static pid_t test_pid;

static int op_other_session(int s)
{
	signal(SIGTTOU, SIG_IGN);
	return tcsetpgrp(s, getpgid(test_pid)) ? errno : 0;
}

static int bg(int (*op)(int s))
{
	pid_t pid;

	bg_op = op;
	pid = start_session(bg_child);
	return WEXITSTATUS(finish(pid));
}

/* TOSTOP set by the leader (foreground), then a background write. */
static int tostop_child(int s)
{
	struct termios t;

	tcgetattr(s, &t);
	t.c_lflag |= TOSTOP;
	tcsetattr(s, TCSANOW, &t);
	bg_op = op_write;
	return bg_child(s);
}

static void test_background(void)
{
	char buf[64];
	pid_t pid;

	is(bg(op_read), 100 + SIGTTIN, "background read: SIGTTIN");
	is(bg(op_read_ignored), EIO, "background read, SIGTTIN ignored: EIO");
	is(bg(op_write), 0, "background write without TOSTOP goes through");
	read_timed(m, buf, sizeof(buf), 200);
	is(bg(op_write_tostop), 100 + SIGTTOU, "background tcsetattr: SIGTTOU");
	pid = start_session(tostop_child);
	is(WEXITSTATUS(finish(pid)), 100 + SIGTTOU,
	   "background write with TOSTOP: SIGTTOU");
	is(bg(op_tcsetpgrp), 100 + SIGTTOU, "background tcsetpgrp: SIGTTOU");
	is(bg(op_tcsetpgrp_ignored), 0, "... with SIGTTOU ignored it works");
	is(bg(op_other_session), EPERM, "tcsetpgrp to another session's group: EPERM");
	/* restore the slave's termios for the next tests */
	{
		struct termios t;

		tcgetattr(m, &t);
		t.c_lflag &= ~TOSTOP;
		tcsetattr(m, TCSANOW, &t);
	}
}

static volatile sig_atomic_t got;

static void on_sig(int sig)
{
	got = sig;
}

static int winch_child(int s)
{
	(void)s;
	signal(SIGWINCH, on_sig);
	ready();
	for (int i = 0; i < 1000 && !got; i++)
		usleep(10000);
	return got == SIGWINCH ? 0 : 1;
}

static int hup_child(int s)
{
	char c;

	ready();
	read(s, &c, 1);
	pause();
	return 1;
}

static void test_winch_hup(void)
{
	struct winsize w = { .ws_row = 10, .ws_col = 20 };
	pid_t pid = start_session(winch_child);

	ok(wait_ready(), "leader ready");
	ioctl(m, TIOCSWINSZ, &w);
	ok(exited_with(finish(pid), 0), "TIOCSWINSZ sends SIGWINCH");

	pid = start_session(hup_child);
	ok(wait_ready(), "leader ready");
	close(m);
	m = -1;
	ok(killed_by(finish(pid), SIGHUP), "closing the master: SIGHUP to the leader");
}

/*
 * The leader exits; its foreground group hears SIGHUP. The leader goes
 * only once its child says it handles SIGHUP: a fixed sleep was not
 * always long enough on a loaded host, and SIGHUP's default action
 * then killed the child.
 */
static int exit_child(int s)
{
	struct pollfd p;
	int armed[2];
	char c;
	pid_t g;

	if (pipe(armed))
		return 1;
	g = fork();
	if (g == 0) {
		setpgid(0, 0);
		signal(SIGHUP, on_sig);
		write(armed[1], "a", 1);
		while (!got)
			usleep(10000);
		write(syncp[1], "H", 1);
		_exit(0);
	}
	setpgid(g, g);
	tcsetpgrp(s, g);
	p = (struct pollfd){ .fd = armed[0], .events = POLLIN };
	if (poll(&p, 1, 10000) != 1 || read(armed[0], &c, 1) != 1)
		return 2;
	return 0;
}

static void test_leader_exit(void)
{
	char c = 0;
	struct pollfd p = { .fd = syncp[0], .events = POLLIN };
	pid_t pid = start_session(exit_child);

	finish(pid);
	ok(poll(&p, 1, 10000) == 1 && read(syncp[0], &c, 1) == 1 && c == 'H',
	   "leader exit: SIGHUP to the foreground group");
}

static int new_pty(void)
{
	if (open_pty(&m, NULL, 0, 0) || ptsname_r(m, sname, sizeof(sname)))
		return -1;
	return 0;
}

int main(void)
{
	test_pid = getpid();
	if (pty_setup() || pipe(syncp) || new_pty()) {
		diag("setup: %s", strerror(errno));
		return 1;
	}
	test_acquire();
	test_noctty_steal();
	test_isig();
	test_background();
	test_leader_exit();
	test_winch_hup();
	return tap_done();
}
