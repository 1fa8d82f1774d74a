/*
 * tests/threads/exec_waits_traced_thread.c: execve from a process with
 * another thread kills that thread and waits until it is released. A
 * thread traced by someone else stays a zombie until its tracer reaps
 * it, and the exec waits for that (Linux's de_thread counts threads
 * until __exit_signal); the wait is killable: a SIGKILL during it ends
 * the process at once instead of leaving it stuck in exec.
 *
 * Run as "--mark FD" it writes 'E' to FD and exits 0.
 */
#include "tap.h"
#include "proc.h"
#include <pthread.h>
#include <sys/ptrace.h>

static int go[2], info[2], marks[2];
static char *self;

static void *thread_fn(void *arg)
{
	pid_t tid = syscall(SYS_gettid);

	(void)arg;
	write(info[1], &tid, sizeof(tid));
	for (;;)
		pause();
	return NULL;
}

/* The process: a thread, then (when told) an exec from the leader. */
static void process(void)
{
	char fd[16], c, *args[] = { self, "--mark", fd, NULL };
	pthread_t th;

	if (pthread_create(&th, NULL, thread_fn, NULL))
		_exit(100);
	read(go[0], &c, 1);
	snprintf(fd, sizeof(fd), "%d", marks[1]);
	execv(self, args);
	_exit(101);
}

/* The tracer of tid: seize, report, wait for its zombie; then (reap
 * set) write 'R' and reap it, or wait to be killed. */
static void tracer(pid_t tid, int reap)
{
	siginfo_t si;
	char c = 'R';

	if (ptrace(PTRACE_SEIZE, tid, 0, 0))
		_exit(1);
	write(info[1], &c, 1);
	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, tid, &si, WEXITED | WNOWAIT | __WALL) < 0 &&
	       errno == EINTR)
		;
	if (!reap)
		for (;;)
			pause();
	usleep(300000);
	write(marks[1], &c, 1);
	waitpid(tid, NULL, __WALL);
	_exit(0);
}

/* Start the process and its thread's tracer; returns the process. */
static pid_t setup(int reap, pid_t *t)
{
	pid_t p, tid = 0;
	char c;

	if (pipe(go) || pipe(info) || pipe(marks))
		return -1;
	p = fork();
	if (p == 0)
		process();
	if (read(info[0], &tid, sizeof(tid)) != sizeof(tid))
		return -1;
	*t = fork();
	if (*t == 0)
		tracer(tid, reap);
	if (read(info[0], &c, 1) != 1)
		return -1;
	close(marks[1]);
	return p;
}

static void test_order(void)
{
	char buf[4] = { 0 };
	int st = -1, n = 0, r;
	pid_t t, p = setup(1, &t);

	if (!ok(p > 0, "a process whose thread is traced by a sibling"))
		return;
	write(go[1], "g", 1);
	while (n < 2 && (r = read(marks[0], buf + n, 2 - n)) > 0)
		n += r;
	is_str(buf, "RE", "the exec completes only after the tracer reaped "
	       "the killed thread");
	waitpid(p, &st, 0);
	ok(exited_with(st, 0), "the new program ran (status %#x)", st);
	waitpid(t, NULL, 0);
	close(marks[0]);
}

static void test_killable(void)
{
	int st = -1;
	char s = '?';
	pid_t t, p = setup(0, &t);

	if (!ok(p > 0, "again, with a tracer that never reaps"))
		return;
	write(go[1], "g", 1);
	usleep(300000);
	kill(p, SIGKILL);
	s = wait_proc_state(p, 'Z', 3000);
	is(s, 'Z', "SIGKILL ends the exec's wait: the leader exits at once");
	kill(t, SIGKILL);
	waitpid(t, NULL, 0);
	waitpid(p, &st, 0);
	ok(killed_by(st, SIGKILL), "the process died of SIGKILL (status %#x)",
	   st);
	close(marks[0]);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--mark")) {
		write(atoi(argv[2]), "E", 1);
		return 0;
	}
	self = argv[0];
	alarm(25);
	test_order();
	test_killable();
	return tap_done();
}
