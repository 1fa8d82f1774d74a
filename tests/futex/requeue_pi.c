/*
 * tests/futex/requeue_pi.c: FUTEX_WAIT_REQUEUE_PI and CMP_REQUEUE_PI,
 * the condition-variable-to-PI-mutex handoff. A waiter requeued onto a
 * free mutex wakes owning it; onto a held one it becomes a PI waiter
 * (boosting the owner) and gets it at UNLOCK_PI; a plain FUTEX_WAKE
 * ends the wait with EAGAIN; EINVAL for the same futex twice or
 * nr_wake != 1, EAGAIN for a changed value. Processes share the words.
 */
#include "tap.h"
#include "futexdefs.h"
#include "proc.h"
#include <sched.h>
#include <sys/mman.h>

static uint32_t *cond, *mutex, *flag;

static long futex(uint32_t *w, int op, uint32_t val, long val2,
		  uint32_t *w2, uint32_t val3)
{
	return syscall(SYS_futex, w, op, val, val2, w2, val3);
}

/* Requeue until a waiter has been moved (it may not be queued yet). */
static long requeue_one(void)
{
	long r = 0;

	for (int i = 0; i < 500 && r == 0; i++) {
		r = futex(cond, FUTEX_CMP_REQUEUE_PI, 1, 1, mutex, *cond);
		if (r == 0)
			usleep(10000);
	}
	return r;
}

/* A waiter on cond that must come back owning mutex. */
static pid_t waiter(int fifo)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sched_param sp = { .sched_priority = 10 };

		if (fifo && syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp))
			_exit(5);
		if (futex(cond, FUTEX_WAIT_REQUEUE_PI, *cond, 0, mutex, 0))
			_exit(10 + errno);
		if ((*mutex & FUTEX_TID_MASK) != (uint32_t)getpid())
			_exit(2);
		if (futex(mutex, FUTEX_UNLOCK_PI, 0, 0, NULL, 0))
			_exit(3);
		_exit(0);
	}
	return pid;
}

static void test_errors(void)
{
	*cond = 0;
	expect_errno(futex(cond, FUTEX_WAIT_REQUEUE_PI, 0, 0, cond, 0), EINVAL);
	expect_errno(futex(cond, FUTEX_WAIT_REQUEUE_PI, 1, 0, mutex, 0), EAGAIN);
	expect_errno(futex(cond, FUTEX_CMP_REQUEUE_PI, 2, 1, mutex, 0), EINVAL);
	expect_errno(futex(cond, FUTEX_CMP_REQUEUE_PI, 1, 1, mutex, 7), EAGAIN);
	is(futex(cond, FUTEX_CMP_REQUEUE_PI, 1, 1, mutex, 0), 0,
	   "CMP_REQUEUE_PI with no waiter: 0");
}

static void test_free_mutex(void)
{
	int st;
	pid_t pid;

	*cond = 1;
	*mutex = 0;
	pid = waiter(0);
	is(requeue_one(), 1, "requeue onto a free mutex wakes the waiter");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "it came back owning the mutex (%#x)", st);
}

static void test_held_mutex(void)
{
	int st;
	pid_t pid;

	*cond = 2;
	*mutex = 0;
	futex(mutex, FUTEX_LOCK_PI, 0, 0, NULL, 0);
	pid = waiter(1);
	is(requeue_one(), 1, "requeue onto a held mutex moves the waiter");
	ok(*mutex & FUTEX_WAITERS, "the mutex has FUTEX_WAITERS");
	is(wait_stat_prio(0, -11), -11, "the requeued FIFO waiter boosts the mutex owner");
	is(futex(mutex, FUTEX_UNLOCK_PI, 0, 0, NULL, 0), 0, "unlock hands it over");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the waiter came back owning it (%#x)", st);
	is(stat_prio(0), 20, "the boost is gone");
}

static void test_plain_wake(void)
{
	int st;
	pid_t pid;
	long r = 0;

	*cond = 3;
	*mutex = 0;
	pid = waiter(0);
	for (int i = 0; i < 500 && r == 0; i++) {
		r = futex(cond, FUTEX_WAKE, 1, 0, NULL, 0);
		if (!r)
			usleep(10000);
	}
	ok(r == -1 && errno == EINVAL,
	   "FUTEX_WAKE of a WAIT_REQUEUE_PI waiter is EINVAL (%ld)", r);
	expect_errno(futex(cond, FUTEX_CMP_REQUEUE, 1, 1, mutex, 3), EINVAL);
	is(requeue_one(), 1, "it can still be requeued");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "and comes back owning the mutex (%#x)", st);
}

int main(void)
{
	uint32_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return 1;
	cond = &m[0];
	mutex = &m[16];
	flag = &m[32];
	(void)flag;
	test_errors();
	test_free_mutex();
	test_held_mutex();
	test_plain_wake();
	return tap_done();
}
