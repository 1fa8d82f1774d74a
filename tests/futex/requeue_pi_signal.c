/*
 * tests/futex/requeue_pi_signal.c: FUTEX_WAIT_REQUEUE_PI under signals
 * and CMP_REQUEUE_PI's counts (the bug behind kselftest's
 * futex_requeue_pi_signal_restart hanging). A signal (handler without
 * SA_RESTART) before the requeue restarts the wait in the kernel: the
 * waiter does not return and a later requeue still finds it. With the
 * mutex held, nr_wake=1 nr_requeue=0 moves the first waiter (it is
 * the one to wake, and only UNLOCK_PI may wake it now). A signal after
 * the requeue ends the wait with EAGAIN, not owning the mutex. A
 * requeue onto a free mutex with nr_requeue=0 leaves no FUTEX_WAITERS.
 */
#include "tap.h"
#include "futexdefs.h"
#include <signal.h>
#include <sys/mman.h>

struct shared {
	uint32_t cond;
	uint32_t pad1[15];
	uint32_t mutex;
	uint32_t pad2[15];
	volatile int handled;		/* signals the waiter took */
	volatile int ret;		/* the waiter's wait: 0 or errno */
	volatile uint32_t word;		/* the mutex word it saw after */
};

static struct shared *sh;

static long futex(uint32_t *w, int op, uint32_t val, long val2,
		  uint32_t *w2, uint32_t val3)
{
	return syscall(SYS_futex, w, op, val, val2, w2, val3);
}

static void on_usr1(int sig)
{
	(void)sig;
	sh->handled++;
}

/* A waiter on cond; exits 0 after recording how its wait ended. */
static pid_t waiter(void)
{
	pid_t pid;

	sh->ret = -1;
	pid = fork();
	if (pid == 0) {
		if (futex(&sh->cond, FUTEX_WAIT_REQUEUE_PI, sh->cond, 0,
			  &sh->mutex, 0))
			sh->ret = errno;
		else
			sh->ret = 0;
		sh->word = sh->mutex;
		if (sh->ret == 0 &&
		    futex(&sh->mutex, FUTEX_UNLOCK_PI, 0, 0, NULL, 0))
			_exit(3);
		_exit(0);
	}
	return pid;
}

/* Signal the waiter until its handler ran n times (it is running by then). */
static void signal_until(pid_t pid, int n)
{
	for (int i = 0; i < 500 && sh->handled < n; i++) {
		kill(pid, SIGUSR1);
		usleep(10000);
	}
}

/* CMP_REQUEUE_PI nr_wake=1 nr_requeue=nr until it does something. */
static long requeue(int nr)
{
	long r = 0;

	for (int i = 0; i < 500 && r == 0; i++) {
		r = futex(&sh->cond, FUTEX_CMP_REQUEUE_PI, 1, nr, &sh->mutex,
			  sh->cond);
		if (r == 0)
			usleep(10000);
	}
	return r;
}

static void test_signal_restart(void)
{
	int st;
	pid_t pid;

	sh->cond = 1;
	sh->mutex = 0;
	sh->handled = 0;
	is(futex(&sh->mutex, FUTEX_LOCK_PI, 0, 0, NULL, 0), 0, "lock the mutex");
	pid = waiter();
	signal_until(pid, 3);
	ok(sh->handled >= 3, "the waiter took %d signals", sh->handled);
	usleep(50000);
	is(sh->ret, -1, "its wait restarted each time (still waiting)");
	is(requeue(0), 1, "nr_requeue=0 onto a held mutex moves the waiter");
	ok(sh->mutex & FUTEX_WAITERS, "the mutex has FUTEX_WAITERS");
	signal_until(pid, sh->handled + 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the waiter exited (%#x)", st);
	is(sh->ret, EAGAIN, "a signal after the requeue ends it with EAGAIN");
	is(sh->mutex & FUTEX_TID_MASK, (uint32_t)getpid(), "we still own it");
	is(futex(&sh->mutex, FUTEX_UNLOCK_PI, 0, 0, NULL, 0), 0, "unlock");
	is(sh->mutex, 0, "the mutex is free");
}

static void test_free_mutex_no_waiters(void)
{
	int st;
	pid_t pid;

	sh->cond = 2;
	sh->mutex = 0;
	pid = waiter();
	is(requeue(0), 1, "nr_requeue=0 onto a free mutex wakes the waiter");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the waiter exited (%#x)", st);
	is(sh->ret, 0, "it owned the mutex");
	is(sh->word, (uint32_t)pid, "its tid alone, no FUTEX_WAITERS (%#x)",
	   sh->word);
	is(sh->mutex, 0, "and unlocked it");
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };	/* no SA_RESTART */

	sigaction(SIGUSR1, &sa, NULL);		/* the waiters inherit it */
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	test_signal_restart();
	test_free_mutex_no_waiters();
	return tap_done();
}
