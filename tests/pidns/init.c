/*
 * tests/pidns/init.c: the init of a pid namespace: orphans in the
 * namespace are reparented to it, it ignores signals from inside its
 * namespace that it has no handler for (even SIGKILL) but takes SIGKILL
 * from its parent's namespace, and when it dies every other process of
 * the namespace is killed.
 */
#include "tap.h"
#include <sched.h>

static pid_t clone_fork(unsigned long flags)
{
	return syscall(SYS_clone, flags | SIGCHLD, 0, NULL, NULL, 0);
}

static int wait_status(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* This process's pid in the initial namespace, from /proc/self. */
static pid_t global_pid(void)
{
	char buf[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	if (n <= 0)
		return -1;
	buf[n] = 0;
	return atoi(buf);
}

/* Inside: B forks C and exits; C must find itself a child of the init. */
static int orphan_init(void)
{
	int status, ok_c = 1;
	pid_t b = fork(), c;

	if (b == 0) {
		if (fork() == 0) {
			for (int i = 0; i < 2000 && getppid() != 1; i++)
				usleep(1000);
			_exit(getppid() == 1 ? 0 : 1);
		}
		_exit(0);
	}
	status = wait_status(b);
	ok_c &= exited_with(status, 0);
	c = waitpid(-1, &status, 0);
	is(c, 3, "inside: the orphan (pid 3) is reaped by the namespace init");
	ok(exited_with(status, 0), "inside: the orphan saw getppid() become 1");
	return tap_failures;
}

static void test_orphans(void)
{
	pid_t pid = clone_fork(CLONE_NEWPID);

	if (pid == 0)
		_exit(orphan_init());
	ok(exited_with(wait_status(pid), 0), "orphans reparent to the namespace init");
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* Inside: a child sends SIGTERM and SIGKILL (no handler: ignored) and
 * SIGUSR1 (handled) to the init, which must live on to exit 42. */
static int signals_init(void)
{
	int status;
	pid_t pid;

	signal(SIGUSR1, on_usr1);
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		bad |= kill(1, SIGTERM) != 0;
		bad |= kill(1, SIGKILL) != 0;
		bad |= kill(1, SIGUSR1) != 0;
		_exit(bad);
	}
	status = wait_status(pid);
	if (!exited_with(status, 0))
		return 1;
	for (int i = 0; i < 2000 && !got_usr1; i++)
		usleep(1000);
	return got_usr1 ? 42 : 2;
}

static void test_signals_inside(void)
{
	pid_t pid = clone_fork(CLONE_NEWPID);
	int status;

	if (pid == 0)
		_exit(signals_init());
	status = wait_status(pid);
	ok(exited_with(status, 42), "the namespace init ignores SIGTERM and SIGKILL "
	   "from inside, takes a handled SIGUSR1 (status %#x)", status);
}

/* From the parent's namespace: SIGTERM without a handler is ignored by
 * the init too; SIGKILL kills it. */
static void test_signals_outside(void)
{
	int p[2], status;
	pid_t pid;
	char c = 0;

	pipe(p);
	pid = clone_fork(CLONE_NEWPID);
	if (pid == 0) {
		close(p[0]);
		write(p[1], "r", 1);
		for (;;)
			pause();
	}
	close(p[1]);
	read(p[0], &c, 1);
	close(p[0]);
	is(kill(pid, SIGTERM), 0, "kill(init, SIGTERM) from the parent succeeds");
	usleep(100000);
	is(waitpid(pid, &status, WNOHANG), 0, "and the init ignores it");
	is(kill(pid, SIGKILL), 0, "kill(init, SIGKILL) from the parent succeeds");
	status = wait_status(pid);
	ok(killed_by(status, SIGKILL), "and kills it");
}

/* The init's death takes the namespace: its child B (which reports its
 * global pid) is killed, and the init is reaped only after B is gone. */
static void test_init_death(void)
{
	int p[2], status;
	pid_t pid, b = 0;

	pipe(p);
	pid = clone_fork(CLONE_NEWPID);
	if (pid == 0) {
		close(p[0]);
		if (fork() == 0) {
			pid_t me = global_pid();

			write(p[1], &me, sizeof(me));
			for (;;)
				pause();
		}
		for (;;)
			pause();
	}
	close(p[1]);
	read(p[0], &b, sizeof(b));
	close(p[0]);
	ok(b > 1, "the namespace's second process is pid %d globally", (int)b);
	is(kill(b, 0), 0, "it is alive");
	kill(pid, SIGKILL);
	status = wait_status(pid);
	ok(killed_by(status, SIGKILL), "the init is killed");
	expect_errno(kill(b, 0), ESRCH);
}

/* After its init died, a namespace takes no new processes: ENOMEM. The
 * unsharer U keeps the namespace as pid_ns_for_children. */
static int dead_ns(void)
{
	int status;
	pid_t a, b;

	if (unshare(CLONE_NEWPID) != 0)
		return 1;
	a = fork();
	if (a == 0) {
		for (;;)
			pause();
	}
	b = fork();
	if (b == 0) {
		for (;;)
			pause();
	}
	kill(a, SIGKILL);
	/* The init waits for b's pid to be freed: reap b first. */
	status = wait_status(b);
	ok(killed_by(status, SIGKILL), "inside-ns child of the unsharer is killed "
	   "with the init");
	status = wait_status(a);
	ok(killed_by(status, SIGKILL), "the init died of SIGKILL");
	expect_errno(fork(), ENOMEM);
	return tap_failures;
}

static void test_dead_ns(void)
{
	ok(exited_with(run_child(dead_ns), 0), "forks into a dead namespace fail");
}

int main(void)
{
	test_orphans();
	test_signals_inside();
	test_signals_outside();
	test_init_death();
	test_dead_ns();
	return tap_done();
}
