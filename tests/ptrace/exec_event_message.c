/*
 * tests/ptrace/exec_event_message.c: PTRACE_EVENT_EXEC tells the tracer
 * which thread exec'd: its stop comes from the process's id (the
 * exec'ing thread took the leader's), and PTRACE_GETEVENTMSG gives the
 * thread id it had before, as the tracer numbers it. A single-threaded
 * exec reports its own pid.
 *
 * Run as "--exit N" it exits N; as "--thread-exec" it execs
 * "--exit 5" from a second thread.
 */
#include "ptrace_util.h"
#include <pthread.h>

static char *self;

static void *thread_fn(void *arg)
{
	char *args[] = { self, "--exit", "5", NULL };

	(void)arg;
	execv(self, args);
	return NULL;
}

/* Trace a child running this program with args until it exits; note
 * the exec event's pid and message and the clone event's new tid. */
static void trace(char *mode, pid_t *exec_pid, long *msg, long *clone_tid,
		  int *exit_code)
{
	pid_t c = fork(), w;
	int st;

	if (c == 0) {
		char *args[] = { self, mode, NULL };

		pt(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execv(self, args);
		_exit(100);
	}
	*exec_pid = -1;
	*msg = *clone_tid = -1;
	*exit_code = -1;
	wait_for(c);
	pt(PTRACE_SETOPTIONS, c, 0, (void *)(long)(PTRACE_O_TRACECLONE |
						   PTRACE_O_TRACEEXEC));
	pt(PTRACE_CONT, c, 0, 0);
	for (int n = 0; n < 1500; n++) {
		int sig = 0;

		w = waitpid(-1, &st, __WALL | WNOHANG);
		if (w < 0)
			break;
		if (w == 0) {
			usleep(10000);
			continue;
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (w == c)
				*exit_code = WIFEXITED(st) ? WEXITSTATUS(st) :
							     128 + WTERMSIG(st);
			continue;
		}
		if (stop_code(st) == (SIGTRAP | PTRACE_EVENT_EXEC << 8)) {
			unsigned long m = 0;

			pt(PTRACE_GETEVENTMSG, w, 0, &m);
			/* The first exec is the child's own (from main). */
			if (*exec_pid != -1 || strcmp(mode, "--exit") == 0 ||
			    m != (unsigned long)c || *clone_tid != -1) {
				*exec_pid = w;
				*msg = m;
			} else {
				*exec_pid = -2;	/* main's exec seen */
			}
		} else if (stop_code(st) == (SIGTRAP | PTRACE_EVENT_CLONE << 8)) {
			unsigned long m = 0;

			pt(PTRACE_GETEVENTMSG, w, 0, &m);
			*clone_tid = m;
		} else if (WSTOPSIG(st) != SIGSTOP && WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st);
		}
		pt(PTRACE_CONT, w, 0, (void *)(long)sig);
	}
}

int main(int argc, char **argv)
{
	pid_t epid;
	long msg, ctid;
	int code;

	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "--exit"))
		return atoi(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "--thread-exec")) {
		pthread_t th;

		if (pthread_create(&th, NULL, thread_fn, NULL))
			return 100;
		for (;;)
			pause();
	}
	alarm(25);
	trace("--thread-exec", &epid, &msg, &ctid, &code);
	ok(ctid > 0, "the tracer sees the thread's creation (tid %ld)", ctid);
	ok(epid > 0, "... and an exec event from the process (pid %d)", epid);
	is(msg, ctid, "PTRACE_GETEVENTMSG: the exec'ing thread's former tid");
	is(code, 5, "the new program ran and exited");
	return tap_done();
}
