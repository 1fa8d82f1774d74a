/*
 * tests/proc/prctl.c: PR_SET_NAME/GET_NAME (and /proc/self/comm),
 * PR_SET_PDEATHSIG (a child is signalled when its parent dies; not
 * inherited by fork), PR_SET_CHILD_SUBREAPER (orphans come to us, not
 * to init), dumpable, no_new_privs, and EINVAL for unknown options.
 */
#include "tap.h"
#include <fcntl.h>
#include <sys/prctl.h>

static void test_name(void)
{
	char name[16] = { 0 }, comm[32] = { 0 };
	int fd;

	expect_ok(prctl(PR_SET_NAME, "renamed-task-with-long-name"));
	expect_ok(prctl(PR_GET_NAME, name));
	is_str(name, "renamed-task-wi", "PR_GET_NAME gives the first 15 bytes");
	fd = open("/proc/self/comm", O_RDONLY);
	read(fd, comm, sizeof(comm) - 1);
	close(fd);
	is_str(comm, "renamed-task-wi\n", "/proc/self/comm shows it");
	expect_errno(prctl(PR_SET_NAME, (char *)8), EFAULT);
}

static int pipefd[2];
static volatile sig_atomic_t parent_died;

static void on_usr1(int sig)
{
	(void)sig;
	write(pipefd[1], "D", 1);
	parent_died = 1;
}

static void test_pdeathsig(void)
{
	char c = 0;
	int sig = -1;
	pid_t a;

	pipe(pipefd);
	a = fork();
	if (a == 0) {
		pid_t b = fork();
		if (b == 0) {
			signal(SIGUSR1, on_usr1);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			write(pipefd[1], "R", 1);
			/* Not 5 s more once it is told: the runner waits
			 * for it (it holds the test's output open). */
			for (int i = 0; i < 500 && !parent_died; i++)
				usleep(10000);
			_exit(0);
		}
		read(pipefd[0], &c, 1);	/* b is ready */
		_exit(0);		/* b's parent dies */
	}
	waitpid(a, NULL, 0);
	read(pipefd[0], &c, 1);
	is(c, 'D', "the child got its parent-death signal");
	expect_ok(prctl(PR_SET_PDEATHSIG, SIGUSR2));
	expect_ok(prctl(PR_GET_PDEATHSIG, &sig));
	is(sig, SIGUSR2, "PR_GET_PDEATHSIG reads it back");
	a = fork();
	if (a == 0) {
		prctl(PR_GET_PDEATHSIG, &sig);
		_exit(sig);
	}
	waitpid(a, &sig, 0);
	ok(exited_with(sig, 0), "fork does not inherit it");
	expect_ok(prctl(PR_SET_PDEATHSIG, 0));
	expect_errno(prctl(PR_SET_PDEATHSIG, 65), EINVAL);
}

static void test_subreaper(void)
{
	int on = -1, status = -1, got = 0;
	pid_t a, b = 0, w;

	expect_ok(prctl(PR_SET_CHILD_SUBREAPER, 1));
	expect_ok(prctl(PR_GET_CHILD_SUBREAPER, &on));
	is(on, 1, "PR_GET_CHILD_SUBREAPER");
	pipe(pipefd);
	a = fork();
	if (a == 0) {
		b = fork();
		if (b == 0) {
			usleep(50000);	/* outlive a */
			_exit(getppid() == getppid() ? 0 : 0);
		}
		write(pipefd[1], &b, sizeof(b));
		_exit(1);
	}
	read(pipefd[0], &b, sizeof(b));
	while ((w = waitpid(-1, &status, 0)) > 0)
		if (w == b && exited_with(status, 0))
			got = 1;
	ok(got, "an orphaned grandchild is reparented to the subreaper");
	expect_ok(prctl(PR_SET_CHILD_SUBREAPER, 0));
}

static void test_misc(void)
{
	is(prctl(PR_GET_DUMPABLE), 1, "a process is dumpable after exec");
	expect_ok(prctl(PR_SET_DUMPABLE, 0));
	is(prctl(PR_GET_DUMPABLE), 0, "PR_SET_DUMPABLE 0");
	expect_errno(prctl(PR_SET_DUMPABLE, 2), EINVAL);
	expect_ok(prctl(PR_SET_DUMPABLE, 1));
	expect_errno(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);
	expect_ok(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	is(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1, "no_new_privs is set");
	expect_errno(prctl(-1), EINVAL);
}

int main(void)
{
	test_name();
	test_pdeathsig();
	test_subreaper();
	test_misc();
	return tap_done();
}
