/*
 * tests/ptrace/traced_thread_last.c: a process whose leader has exited
 * (a zombie waiting for its other threads) and whose last thread is
 * traced by someone else. The thread's zombie goes to its tracer;
 * when the tracer reaps it, the group is empty and the leader's parent
 * must be told (Linux's release_task notifies the zombie leader's
 * parent), so the parent can reap the process.
 */
#include "ptrace_util.h"
#include "proc.h"
#include <pthread.h>

static int go[2], info[2];

static void *thread_fn(void *arg)
{
	pid_t tid = syscall(SYS_gettid);
	char c;

	(void)arg;
	write(info[1], &tid, sizeof(tid));
	while (read(go[0], &c, 1) < 0 && errno == EINTR)
		;
	syscall(SYS_exit, 3);
	return NULL;
}

/* The traced process: a second thread, then the leader exits alone. */
static void process(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, thread_fn, NULL))
		_exit(100);
	syscall(SYS_exit, 0);
}

/* Poll for pid's exit status for up to 10 s: -1 if it never comes. */
static int wait_bounded(pid_t pid)
{
	int st;

	for (int i = 0; i < 1000; i++) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return st;
		if (r < 0)
			return -2;
		usleep(10000);
	}
	return -1;
}

int main(void)
{
	pid_t p, t, tid = 0;
	int st, tracer_ok[2];
	char c = 0;

	if (pipe(go) || pipe(info) || pipe(tracer_ok))
		return 1;
	p = fork();
	if (p == 0)
		process();
	if (!ok(read(info[0], &tid, sizeof(tid)) == sizeof(tid) && tid > 0,
		"the process reports its second thread's tid"))
		return tap_done();
	t = fork();
	if (t == 0) {
		int r = pt(PTRACE_SEIZE, tid, 0, 0) == 0;

		write(tracer_ok[1], &r, sizeof(r));
		st = wait_for(tid);
		_exit(WIFEXITED(st) && WEXITSTATUS(st) == 3 ? 0 : 10);
	}
	st = 0;
	read(tracer_ok[0], &st, sizeof(st));
	ok(st == 1, "a sibling seizes the thread");
	/* The leader is gone (a zombie) before the thread may exit. */
	wait_proc_state(p, 'Z', 5000);
	write(go[1], &c, 1);
	st = wait_bounded(t);
	ok(exited_with(st, 0),
	   "the tracer reaps the thread's zombie (exit 3) (status %#x)", st);
	st = wait_bounded(p);
	ok(exited_with(st, 3),
	   "then the parent reaps the process, whose status is its last "
	   "thread's (status %#x)", st);
	if (st == -1)
		kill(p, SIGKILL);
	return tap_done();
}
