/*
 * tests/proc/pgrp_outlives_leader.c: a process group, and a session,
 * live as long as any member, not as long as their leader. After the
 * leader is reaped, with members still running: getpgid/getsid still
 * name it, kill(-pgid) reaches the members, waitpid(-pgid) waits for
 * them, setpgid can move another process into the group, tcsetpgrp
 * can make it the foreground group, and the number is not given to a
 * new process (clone3 set_tid of it: EEXIST). Once the last member is
 * gone, all of that is ESRCH/ECHILD and the number is free again.
 * The same for a session whose leader is gone.
 */
#include "tap.h"
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

/* fork with pid nr: 0 in the parent once it ran, or -errno. */
static long fork_with_pid(pid_t nr)
{
	struct clone_args_ a;
	int st;
	long p;

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.set_tid = (uintptr_t)&nr;
	a.set_tid_size = 1;
	p = syscall(SYS_clone3, &a, sizeof(a));
	if (p == 0)
		_exit(0);
	if (p < 0)
		return -errno;
	waitpid(p, &st, 0);
	return p == nr ? 0 : -1000;
}

/* The whole scenario in a child: a new session (with the console as
 * its controlling terminal) whose leader is a subreaper. Returns the
 * number of failed checks; the checks print themselves. */
static int scenario(void)
{
	int go[2], info[2], fd, st;
	pid_t l, a, c, w;
	sigset_t ttou;
	char ch;

	setsid();
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, NULL);
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	ok(fd >= 0 && ioctl(fd, TIOCSCTTY, 1) == 0,
	   "the console is our controlling terminal");
	if (pipe(go) || pipe(info))
		return 1;
	l = fork();
	if (l == 0) {
		setpgid(0, 0);
		a = fork();
		if (a == 0) {
			read(go[0], &ch, 1);
			_exit(5);
		}
		write(info[1], &a, sizeof(a));
		_exit(0);
	}
	setpgid(l, l);
	read(info[0], &a, sizeof(a));
	waitpid(l, &st, 0);
	/* The leader is reaped; its member a is ours now (subreaper). */
	is(getpgid(a), l, "getpgid of a member still names the group");
	is(getsid(a), getsid(0), "getsid of a member names our session");
	expect_ok(kill(-l, 0));
	w = waitpid(-l, &st, WNOHANG);
	is(w, 0, "waitpid(-pgid, WNOHANG): a member to wait for, not ECHILD");
	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	expect_ok(setpgid(c, l));
	is(getpgid(c), l, "setpgid joined another process to the group");
	expect_ok(tcsetpgrp(fd, l));
	is(tcgetpgrp(fd), l, "the group is the terminal's foreground group");
	is(fork_with_pid(l), -EEXIST, "the number is not free: clone3 set_tid "
	   "of it fails EEXIST");
	kill(c, SIGKILL);
	is(waitpid(-l, &st, 0), c, "waitpid(-pgid) reaps the joined member");
	ok(killed_by(st, SIGKILL), "... killed");
	expect_ok(kill(-l, SIGTERM));
	is(waitpid(-l, &st, 0), a, "kill(-pgid) reached the first member");
	ok(killed_by(st, SIGTERM), "... killed by SIGTERM");
	expect_errno(kill(-l, 0), ESRCH);
	expect_errno(waitpid(-l, &st, WNOHANG), ECHILD);
	expect_errno(tcsetpgrp(fd, l), ESRCH);
	expect_ok(tcsetpgrp(fd, getpgrp()));
	is(fork_with_pid(l), 0, "the number is free once the group is gone");
	close(fd);
	return 0;
}

/* A session outlives its leader too. */
static int session_scenario(void)
{
	int go[2], info[2], st;
	pid_t x, y;
	char ch;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (pipe(go) || pipe(info))
		return 1;
	x = fork();
	if (x == 0) {
		setsid();
		y = fork();
		if (y == 0) {
			read(go[0], &ch, 1);
			_exit(0);
		}
		write(info[1], &y, sizeof(y));
		_exit(0);
	}
	read(info[0], &y, sizeof(y));
	waitpid(x, &st, 0);
	is(getsid(y), x, "a member's session is still its leader's after the "
	   "leader is reaped");
	is(getpgid(y), x, "... and so is its group");
	is(fork_with_pid(x), -EEXIST, "the session's number is not free");
	write(go[1], "g", 1);
	waitpid(y, &st, 0);
	is(fork_with_pid(x), 0, "it is once the last member is gone");
	return 0;
}

int main(void)
{
	int st;

	alarm(25);
	st = run_child(scenario);
	ok(exited_with(st, 0), "the scenario ran to its end (status %#x)", st);
	st = run_child(session_scenario);
	ok(exited_with(st, 0), "the session scenario ran to its end (status "
	   "%#x)", st);
	return tap_done();
}
