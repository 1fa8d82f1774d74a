/*
 * tests/exitwait/waitid.c: waitid's selectors (P_ALL, P_PID, P_PGID)
 * and options (WEXITED, WSTOPPED, WCONTINUED, WNOWAIT, WNOHANG),
 * __WNOTHREAD, siginfo contents, rusage with real CPU times from wait4
 * and getrusage(RUSAGE_CHILDREN), and the errors.
 */
#include "tap.h"
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

static pid_t spawn_exit(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

static void test_selectors(void)
{
	siginfo_t si;
	pid_t a, b;

	a = spawn_exit(3);
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WEXITED));
	is(si.si_pid, a, "P_PID: si_pid");
	is(si.si_signo, SIGCHLD, "... si_signo SIGCHLD");
	is(si.si_code, CLD_EXITED, "... si_code CLD_EXITED");
	is(si.si_status, 3, "... si_status is the exit code");
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		usleep(20000);
		_exit(4);
	}
	setpgid(a, a);
	b = spawn_exit(5);
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PGID, a, &si, WEXITED));
	is(si.si_pid, a, "P_PGID waits for the group's member only");
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_ALL, 0, &si, WEXITED));
	is(si.si_pid, b, "P_ALL reaps the other");
	expect_errno(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
}

static void test_nowait(void)
{
	siginfo_t si;
	pid_t a = spawn_exit(6);

	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WEXITED | WNOWAIT));
	is(si.si_pid, a, "WNOWAIT reports the zombie");
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WEXITED));
	is(si.si_status, 6, "... and leaves it to be reaped again");
	a = fork();
	if (a == 0) {
		pause();
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WEXITED | WNOHANG));
	is(si.si_pid, 0, "WNOHANG with nothing ready: si_pid 0");
	kill(a, SIGSTOP);
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WSTOPPED));
	is(si.si_code, CLD_STOPPED, "WSTOPPED: CLD_STOPPED");
	is(si.si_status, SIGSTOP, "... with the stop signal");
	kill(a, SIGCONT);
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WCONTINUED));
	is(si.si_code, CLD_CONTINUED, "WCONTINUED: CLD_CONTINUED");
	kill(a, SIGKILL);
	memset(&si, 0, sizeof(si));
	expect_ok(waitid(P_PID, a, &si, WEXITED));
	is(si.si_code, CLD_KILLED, "a killed child: CLD_KILLED");
	is(si.si_status, SIGKILL, "... si_status the signal");
}

static void test_errors(void)
{
	siginfo_t si;

	expect_errno(waitid(P_ALL, 0, &si, 0), EINVAL);
	expect_errno(waitid(5, 0, &si, WEXITED), EINVAL);
	expect_errno(waitid(P_PID, 0, &si, WEXITED), EINVAL);
	expect_errno(waitid(P_ALL, 0, &si, WEXITED | 0x100), EINVAL);
	expect_errno(syscall(SYS_waitid, P_ALL, 0, NULL, WEXITED, NULL), ECHILD);
}

static pid_t thread_child;
static int ready[2], done[2];

/* Forks, then stays alive (the child stays this thread's) until told. */
static void *fork_in_thread(void *arg)
{
	char c;

	(void)arg;
	thread_child = spawn_exit(7);
	write(ready[1], "r", 1);
	read(done[0], &c, 1);
	return NULL;
}

static void test_wnothread(void)
{
	pthread_t t;
	int st = -1;
	char c;

	pipe(ready);
	pipe(done);
	pthread_create(&t, NULL, fork_in_thread, NULL);
	read(ready[0], &c, 1);
	usleep(10000);
	expect_errno(waitpid(thread_child, &st, __WNOTHREAD | WNOHANG), ECHILD);
	is(waitpid(thread_child, &st, 0), thread_child,
	   "without __WNOTHREAD, another thread's child is ours to reap");
	write(done[1], "d", 1);
	pthread_join(t, NULL);
}

/*
 * Use ms of CPU time (not of wall time: on a loaded host the guest's
 * CPU may not run for much of a wall-clock interval), giving up after
 * 20 s of wall time.
 */
static void burn(long ms)
{
	struct timespec cpu, a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while (cpu.tv_sec * 1000 + cpu.tv_nsec / 1000000 < ms &&
		 b.tv_sec - a.tv_sec < 20);
}

static void test_rusage(void)
{
	struct rusage ru, ch;
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		burn(200);
		_exit(0);
	}
	memset(&ru, 0, sizeof(ru));
	is(wait4(pid, &st, 0, &ru), pid, "wait4 with rusage");
	ok(ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
		   ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec >= 100000,
	   "the child's CPU time is reported (%ld.%06ld user)",
	   (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec);
	expect_ok(getrusage(RUSAGE_CHILDREN, &ch));
	ok(ch.ru_utime.tv_sec * 1000000 + ch.ru_utime.tv_usec +
		   ch.ru_stime.tv_sec * 1000000 + ch.ru_stime.tv_usec >= 100000,
	   "getrusage(RUSAGE_CHILDREN) includes the reaped child");
	expect_errno(getrusage(7, &ch), EINVAL);
}

int main(void)
{
	test_selectors();
	test_nowait();
	test_errors();
	test_wnothread();
	test_rusage();
	return tap_done();
}
