/*
 * tests/proc/wait.c: fork and wait4: return values on both sides, the
 * wait status encoding (exit codes, signals), WNOHANG, waiting for a
 * given pid, ECHILD and EINVAL.
 */
#include "tap.h"
#include <sys/resource.h>

static pid_t spawn_exit(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

static void test_fork_values(void)
{
	int fds[2], status, x = 1;
	pid_t pid, reported = 0;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		pid_t me = getpid();

		x = 2;	/* must not be seen by the parent */
		write(fds[1], &me, sizeof(me));
		_exit(getppid() == getpid() ? 1 : 0);
	}
	ok(pid > 0, "fork returns the child's pid to the parent");
	read(fds[0], &reported, sizeof(reported));
	is(reported, pid, "the child's getpid equals fork's return value");
	is(syscall(SYS_wait4, pid, &status, 0, NULL), pid, "wait4 returns the pid");
	is(x, 1, "the child's writes do not reach the parent");
	close(fds[0]);
	close(fds[1]);
}

static void test_status(void)
{
	int status;
	pid_t pid = spawn_exit(3);

	syscall(SYS_wait4, pid, &status, 0, NULL);
	is(status, 0x300, "exit(3) is encoded as 0x0300");
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 3, "WIFEXITED, WEXITSTATUS 3");
	pid = spawn_exit(256 + 7);
	waitpid(pid, &status, 0);
	is(WEXITSTATUS(status), 7, "only the low 8 bits of the exit code are kept");
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	syscall(SYS_wait4, pid, &status, 0, NULL);
	is(status, SIGKILL, "death by SIGKILL is encoded as 9");
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	   "WIFSIGNALED, WTERMSIG SIGKILL");
	ok(!WIFEXITED(status), "a killed child did not exit normally");
}

static void test_nohang(void)
{
	int status = 0, go[2];
	char c;
	pid_t pid;
	struct rusage ru;

	pipe(go);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1);
		_exit(5);
	}
	close(go[0]);
	is(syscall(SYS_wait4, pid, &status, WNOHANG, NULL), 0,
	   "WNOHANG returns 0 while the child runs");
	close(go[1]);
	is(syscall(SYS_wait4, -1, &status, 0, &ru), pid,
	   "wait4(-1) reaps any child, with rusage");
	is(WEXITSTATUS(status), 5, "status of the reaped child");
}

static void test_errors(void)
{
	int status;
	pid_t a = spawn_exit(1), b = spawn_exit(2);

	is(syscall(SYS_wait4, b, &status, 0, NULL), b, "wait4 for a given pid");
	is(WEXITSTATUS(status), 2, "the given pid's status, not another's");
	is(syscall(SYS_wait4, a, &status, 0, NULL), a, "then the other");
	expect_errno(syscall(SYS_wait4, -1, &status, 0, NULL), ECHILD);
	expect_errno(syscall(SYS_wait4, -1, &status, WNOHANG, NULL), ECHILD);
	expect_errno(syscall(SYS_wait4, 1, &status, 0, NULL), ECHILD);
	expect_errno(syscall(SYS_wait4, a, &status, 0, NULL), ECHILD);
	expect_errno(syscall(SYS_wait4, -1, &status, 0x4000000, NULL), EINVAL);
	a = spawn_exit(0);
	is(syscall(SYS_wait4, a, NULL, 0, NULL), a, "wait4 with a NULL status");
}

int main(void)
{
	test_fork_values();
	test_status();
	test_nohang();
	test_errors();
	return tap_done();
}
