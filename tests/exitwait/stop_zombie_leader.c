/*
 * tests/exitwait/stop_zombie_leader.c: a process whose leader thread
 * has exited (a zombie waiting for the other threads) still stops and
 * continues as a whole, and its parent is told through the zombie
 * leader, as Linux: wait4(WUNTRACED) and waitid(WSTOPPED) report the
 * stop, WCONTINUED the continue; with nothing to report yet WNOHANG
 * gives 0, not ECHILD (the process will still change).
 */
#include "tap.h"
#include <pthread.h>

static void *idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(void)
{
	siginfo_t si;
	int st = 0;
	pid_t p = fork();

	if (p == 0) {
		pthread_t t;

		pthread_create(&t, NULL, idle, NULL);
		syscall(SYS_exit, 3);	/* the leader alone */
	}
	usleep(200000);
	is(waitpid(p, &st, WNOHANG), 0,
	   "a zombie leader with a live thread: WNOHANG gives 0");
	memset(&si, 0, sizeof(si));
	is(waitid(P_PID, p, &si, WSTOPPED | WNOHANG), 0,
	   "waitid(WSTOPPED|WNOHANG) before any stop: 0, not ECHILD");
	is(si.si_pid, 0, "... with nothing in si_pid");

	kill(p, SIGSTOP);
	memset(&si, 0, sizeof(si));
	is(waitid(P_PID, p, &si, WSTOPPED | WNOWAIT), 0,
	   "waitid(WSTOPPED) sees the stop through the zombie leader");
	ok(si.si_pid == p && si.si_code == CLD_STOPPED &&
	   si.si_status == SIGSTOP, "... CLD_STOPPED by SIGSTOP");
	is(waitpid(p, &st, WUNTRACED), p, "wait4(WUNTRACED) reports it");
	is(st, 0x137f, "... as stopped by SIGSTOP");
	is(waitpid(p, &st, WUNTRACED | WNOHANG), 0, "... once");

	kill(p, SIGCONT);
	is(waitpid(p, &st, WCONTINUED), p, "wait4(WCONTINUED) reports the "
	   "continue");
	is(st, 0xffff, "... as continued");

	kill(p, SIGKILL);
	is(waitpid(p, &st, 0), p, "the process is reaped after SIGKILL");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "... killed");
	return tap_done();
}
