/*
 * tests/pidns/reaper_thread.c: the init of a pid namespace whose main
 * thread exits while another thread runs on. The reaper role moves to
 * the live thread (Linux's find_alive_thread): orphans of the namespace
 * become its children, it can reap them, and when it exits in turn the
 * namespace is torn down, the orphans' zombies reaped, and the init's
 * parent reaps it.
 */
#include "tap.h"
#include <pthread.h>
#include <sched.h>

static int xp[2], gp[2];

/* An orphan-to-be: x forks a child that waits for EOF on pipe g, then
 * x waits for EOF on pipe xp and exits. Returns x. */
static pid_t make_orphan_parent(int xpipe[2], int g[2])
{
	pid_t x = fork();
	char c;

	if (x == 0) {
		close(xpipe[1]);
		close(g[1]);
		if (fork() == 0) {
			while (read(g[0], &c, 1) > 0)
				;
			_exit(getppid() == 1 ? 3 : 4);
		}
		while (read(xpipe[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(xpipe[0]);
	close(g[0]);
	return x;
}

static void *second_thread(void *arg)
{
	pid_t x = *(pid_t *)arg, x2, w;
	int st = -1, pause2[2];

	/* Let the main thread exit first. */
	usleep(200000);
	/* x was the main thread's child: now ours. Its orphan g comes to
	 * the namespace's reaper, which must now be this thread. */
	close(xp[1]);
	is(waitpid(x, &st, 0), x, "inside: the exited main thread's child is "
	   "this thread's to reap");
	close(gp[1]);
	w = waitpid(-1, &st, 0);
	ok(w > 0 && w != x, "inside: the orphan is reaped by the live thread");
	ok(exited_with(st, 3), "inside: the orphan saw getppid() become 1");
	/* Another orphan, left a zombie when we exit: the teardown must
	 * reap it. */
	if (pipe(xp) || pipe(pause2))
		syscall(SYS_exit, 100);
	x2 = make_orphan_parent(xp, pause2);
	close(xp[1]);
	waitpid(x2, &st, 0);
	close(pause2[1]);
	usleep(200000);
	syscall(SYS_exit, 7);
	return NULL;
}

static int namespace_init(void)
{
	static pid_t x;
	pthread_t th;

	if (pipe(xp) || pipe(gp))
		return 100;
	x = make_orphan_parent(xp, gp);
	if (pthread_create(&th, NULL, second_thread, &x))
		return 101;
	syscall(SYS_exit, 0);
	return 102;
}

int main(void)
{
	int st = -1;
	pid_t i;

	alarm(25);
	i = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, NULL, NULL, 0);
	if (i == 0)
		_exit(namespace_init());
	if (!ok(i > 0, "clone(CLONE_NEWPID)"))
		return tap_done();
	waitpid(i, &st, 0);
	ok(exited_with(st, 7), "the namespace is torn down, an orphan's "
	   "zombie reaped; the init's last thread's code is its status "
	   "(status %#x)", st);
	return tap_done();
}
