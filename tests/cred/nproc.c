/*
 * tests/cred/nproc.c: a set*uid() to a user already over RLIMIT_NPROC
 * succeeds (programs do not check it), but the next execve fails with
 * EAGAIN while the user stays over the limit (Linux's
 * PF_NPROC_EXCEEDED); root is exempt, and under the limit exec works.
 */
#include "cred.h"
#include <sys/resource.h>

static int go[2], ready[2];

/* A process of uid, there once this returns, until go. */
static pid_t sleeper(uid_t uid)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		drop_to(uid, uid);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	return pid;
}

static int over(void)
{
	struct rlimit rl = { 1, 1 };
	char *argv[] = { "credinfo", NULL };

	setrlimit(RLIMIT_NPROC, &rl);
	is(syscall(SYS_setresuid, 1000, 1000, 1000), 0,
	   "setresuid to a user over RLIMIT_NPROC succeeds");
	execv("/tests/helpers/credinfo", argv);
	is(errno, EAGAIN, "... but the next execve fails with EAGAIN");
	return tap_done();
}

static int under(void)
{
	struct rlimit rl = { 10, 10 };
	char *argv[] = { "credinfo", NULL };
	int fd = open("/dev/null", O_WRONLY);

	setrlimit(RLIMIT_NPROC, &rl);
	syscall(SYS_setresuid, 1000, 1000, 1000);
	dup2(fd, 1);
	execv("/tests/helpers/credinfo", argv);
	return 1;
}

static int root_exempt(void)
{
	struct rlimit rl = { 0, 0 };
	char *argv[] = { "credinfo", NULL };
	int fd = open("/dev/null", O_WRONLY);

	setrlimit(RLIMIT_NPROC, &rl);
	syscall(SYS_setresuid, 1000, 1000, 0);
	syscall(SYS_setresuid, 0, 0, 0);
	dup2(fd, 1);
	execv("/tests/helpers/credinfo", argv);
	return 1;
}

int main(void)
{
	pid_t a, b;

	pipe(go);
	pipe(ready);
	a = sleeper(1000);
	b = sleeper(1000);
	run_case(over, "over the limit");
	run_case(under, "under the limit: exec works");
	run_case(root_exempt, "root is exempt");
	write(go[1], "gg", 2);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
	return tap_done();
}
