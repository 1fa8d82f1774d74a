/*
 * tests/exitwait/reparent_exit_signal.c: a child's exit signal is its
 * parent's business only. An orphan reparented to a subreaper (or
 * init) tells it SIGCHLD, whatever clone() asked for, and is then an
 * ordinary child for wait (Linux's reparent_leader); a child whose
 * parent has exec'd since it was made also sends SIGCHLD instead of its
 * exit signal (parent_exec_id against self_exec_id). Otherwise any user
 * could send init any signal by exiting.
 *
 * Run with argv[1] == "--after-exec" it is the exec'd parent.
 */
#include "tap.h"
#include <sys/prctl.h>

static volatile sig_atomic_t got_usr1, got_usr2, got_chld;

static void on_sig(int sig)
{
	if (sig == SIGUSR1)
		got_usr1++;
	else if (sig == SIGUSR2)
		got_usr2++;
	else if (sig == SIGCHLD)
		got_chld++;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
}

/* A fork-like clone whose exit signal is sig. */
static pid_t clone_sig(int sig)
{
	return syscall(SYS_clone, (long)sig, 0L, 0L, 0L, 0L);
}

/* The child: wait for EOF on fd, then exit with code. */
static void wait_eof_exit(int fd, int code)
{
	char c;

	while (read(fd, &c, 1) != 0 && errno == EINTR)
		;
	_exit(code);
}

/*
 * A subreaper whose grandchild (exit signal SIGUSR2) is orphaned:
 * it gets SIGCHLD, no SIGUSR2, and waitpid without __WCLONE finds it.
 * Exit status: a bit per failed check.
 */
static int subreaper(void)
{
	int go[2], info[2], st = -1, bad = 0;
	pid_t b, c = 0;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	catch_signals();
	if (pipe(go) || pipe(info))
		return 100;
	b = fork();
	if (b == 0) {
		c = clone_sig(SIGUSR2);
		if (c == 0) {
			close(go[1]);
			wait_eof_exit(go[0], 7);
		}
		write(info[1], &c, sizeof(c));
		_exit(0);
	}
	close(go[0]);
	if (read(info[0], &c, sizeof(c)) != sizeof(c) || c <= 0)
		return 101;
	/* b's exit has reparented c to us before b became a zombie. */
	if (waitpid(b, &st, 0) != b)
		return 102;
	got_chld = got_usr2 = 0;
	close(go[1]);
	bad |= (waitpid(c, &st, 0) != c) << 0;
	bad |= !exited_with(st, 7) << 1;
	bad |= (got_usr2 != 0) << 2;
	bad |= (got_chld == 0) << 3;
	return bad;
}

/* The exec'd side: close the pipe, reap the child, check signals. */
static int after_exec(char **argv)
{
	int fd = atoi(argv[2]), st = -1, bad = 0;
	pid_t c = atoi(argv[3]);

	catch_signals();
	close(fd);
	bad |= (waitpid(c, &st, __WALL) != c) << 0;
	bad |= !exited_with(st, 5) << 1;
	bad |= (got_usr1 != 0) << 2;
	bad |= (got_chld == 0) << 3;
	return bad;
}

static char *self;

/* A parent that makes a clone(SIGUSR1) child, then (if do_exec) execs
 * itself before the child exits. */
static int exec_parent(int do_exec)
{
	int go[2], st = -1;
	char fd[16], pid[16];
	pid_t c;

	catch_signals();
	if (pipe(go))
		return 100;
	c = clone_sig(SIGUSR1);
	if (c == 0) {
		close(go[1]);
		wait_eof_exit(go[0], 5);
	}
	close(go[0]);
	if (do_exec) {
		char *args[] = { self, "--after-exec", fd, pid, NULL };

		snprintf(fd, sizeof(fd), "%d", go[1]);
		snprintf(pid, sizeof(pid), "%d", c);
		execv(self, args);
		return 101;
	}
	close(go[1]);
	if (waitpid(c, &st, __WALL) != c || !exited_with(st, 5))
		return 102;
	return (got_usr1 == 1 ? 0 : 4) | (got_chld ? 8 : 0);
}

static int exec_parent_yes(void) { return exec_parent(1); }
static int exec_parent_no(void) { return exec_parent(0); }

int main(int argc, char **argv)
{
	int st;

	if (argc == 4 && !strcmp(argv[1], "--after-exec"))
		return after_exec(argv);
	self = argv[0];
	alarm(20);
	st = run_child(subreaper);
	ok(exited_with(st, 0),
	   "an orphan with exit signal SIGUSR2 tells its subreaper SIGCHLD "
	   "and is waitable without __WCLONE (status %#x)", st);
	st = run_child(exec_parent_no);
	ok(exited_with(st, 0),
	   "a clone(SIGUSR1) child tells its parent SIGUSR1 (status %#x)", st);
	st = run_child(exec_parent_yes);
	ok(exited_with(st, 0),
	   "after the parent exec'd, the child tells it SIGCHLD, not "
	   "SIGUSR1 (status %#x)", st);
	return tap_done();
}
