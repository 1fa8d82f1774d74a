/*
 * tests/futex/pi.c: priority-inheriting futexes. LOCK_PI takes a free
 * word (it then holds our tid) and is EDEADLK on our own; TRYLOCK_PI on
 * a held one is EAGAIN; UNLOCK_PI by a non-owner is EPERM; a word naming
 * no task is ESRCH; UNLOCK_PI hands the lock to the waiter; a SCHED_FIFO
 * waiter boosts the owner (seen in /proc/<pid>/stat's priority, not in
 * sched_getparam) and through a chain of owners; a cycle is EDEADLK;
 * LOCK_PI (realtime) and LOCK_PI2 (monotonic) time out; an owner that
 * dies holding a robust PI futex passes it on with FUTEX_OWNER_DIED.
 * Processes share the words through a MAP_SHARED mapping.
 */
#include "tap.h"
#include "futexdefs.h"
#include "proc.h"
#include <sched.h>
#include <sys/mman.h>
#include <time.h>


static uint32_t *words;		/* shared: [0..7] futexes, [8] flags */

static long futex(uint32_t *w, int op, uint32_t val,
		  const struct timespec *ts)
{
	return syscall(SYS_futex, w, op, val, ts, NULL, 0);
}

/* Wait until the word has FUTEX_WAITERS (a waiter is queued). */
static void wait_waiters(uint32_t *w)
{
	for (int i = 0; i < 500 && !(__atomic_load_n(w, __ATOMIC_SEQ_CST) &
				     FUTEX_WAITERS); i++)
		usleep(10000);
	usleep(20000);
}

static void test_basic(void)
{
	uint32_t *w = &words[0];
	pid_t me = getpid();

	*w = 0;
	is(futex(w, FUTEX_LOCK_PI, 0, NULL), 0, "LOCK_PI on a free word");
	is(*w, (uint32_t)me, "the word holds our tid");
	expect_errno(futex(w, FUTEX_LOCK_PI, 0, NULL), EDEADLK);
	expect_errno(futex(w, FUTEX_TRYLOCK_PI, 0, NULL), EDEADLK);
	is(futex(w, FUTEX_UNLOCK_PI, 0, NULL), 0, "UNLOCK_PI");
	is(*w, 0, "the word is free again");
	expect_errno(futex(w, FUTEX_UNLOCK_PI, 0, NULL), EPERM);
	*w = 0x3ffffff0;		/* no such task */
	expect_errno(futex(w, FUTEX_LOCK_PI, 0, NULL), ESRCH);
	*w = 0;
	expect_errno(futex((uint32_t *)1, FUTEX_LOCK_PI, 0, NULL), EINVAL);
	expect_errno(futex(NULL, FUTEX_LOCK_PI, 0, NULL), EFAULT);
	expect_errno(futex(w, FUTEX_LOCK_PI | FUTEX_CLOCK_REALTIME, 0, NULL),
		     ENOSYS);
}

/* A child that holds word i until told (words[8] = 1) to let go. */
static pid_t holder(int i)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (futex(&words[i], FUTEX_LOCK_PI, 0, NULL))
			_exit(1);
		while (!__atomic_load_n(&words[8], __ATOMIC_SEQ_CST))
			usleep(1000);
		_exit(futex(&words[i], FUTEX_UNLOCK_PI, 0, NULL) ? 2 : 0);
	}
	while (!(words[i] & FUTEX_TID_MASK))
		usleep(1000);
	return pid;
}

static void test_contended(void)
{
	struct timespec ts;
	pid_t pid;
	int st;

	memset(words, 0, 9 * sizeof(*words));
	pid = holder(0);
	expect_errno(futex(&words[0], FUTEX_TRYLOCK_PI, 0, NULL), EAGAIN);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	expect_errno(futex(&words[0], FUTEX_LOCK_PI, 0, &ts), ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	expect_errno(futex(&words[0], FUTEX_LOCK_PI2, 0, &ts), ETIMEDOUT);
	words[8] = 1;
	is(futex(&words[0], FUTEX_LOCK_PI, 0, NULL), 0, "LOCK_PI waits for the owner");
	is(words[0] & FUTEX_TID_MASK, (uint32_t)getpid(), "then the word is ours");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the owner's UNLOCK_PI handed it over");
	is(futex(&words[0], FUTEX_UNLOCK_PI, 0, NULL), 0, "unlock");
}

/* A SCHED_FIFO 10 child that takes word i (boosting its owner). */
static pid_t rt_waiter(int i)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sched_param sp = { .sched_priority = 10 };

		/* musl's sched_setscheduler is a stub: the raw call */
		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp))
			_exit(3);
		if (futex(&words[i], FUTEX_LOCK_PI, 0, NULL))
			_exit(1);
		futex(&words[i], FUTEX_UNLOCK_PI, 0, NULL);
		_exit(0);
	}
	return pid;
}

static void test_boost(void)
{
	struct sched_param sp;
	pid_t me = getpid(), w, b;
	int st;

	memset(words, 0, 9 * sizeof(*words));
	is(stat_prio(me), 20, "we run at priority 20 (nice 0)");
	futex(&words[0], FUTEX_LOCK_PI, 0, NULL);
	w = rt_waiter(0);
	is(wait_stat_prio(me, -11), -11, "a FIFO 10 waiter boosts the owner to -11");
	ok(syscall(SYS_sched_getparam, 0, &sp) == 0 && sp.sched_priority == 0,
	   "sched_getparam still says 0");
	is(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER,
	   "and the policy is unchanged");
	futex(&words[0], FUTEX_UNLOCK_PI, 0, NULL);
	is(stat_prio(me), 20, "unlocking drops the boost");
	waitpid(w, &st, 0);
	ok(exited_with(st, 0), "the waiter got the lock");

	/* A chain: we own 1; b owns 2 and waits on 1; the FIFO waiter
	 * waits on 2: both b and we run at -11. */
	futex(&words[1], FUTEX_LOCK_PI, 0, NULL);
	b = fork();
	if (b == 0) {
		if (futex(&words[2], FUTEX_LOCK_PI, 0, NULL) ||
		    futex(&words[1], FUTEX_LOCK_PI, 0, NULL))
			_exit(1);
		futex(&words[1], FUTEX_UNLOCK_PI, 0, NULL);
		futex(&words[2], FUTEX_UNLOCK_PI, 0, NULL);
		_exit(0);
	}
	wait_waiters(&words[1]);
	w = rt_waiter(2);
	is(wait_stat_prio(b, -11), -11, "the chain boosts the middle owner");
	is(wait_stat_prio(me, -11), -11, "and the owner at its end");
	/* Deadlock: b waits on 1 (ours); us waiting on 2 (b's) closes it. */
	expect_errno(futex(&words[2], FUTEX_LOCK_PI, 0, NULL), EDEADLK);
	futex(&words[1], FUTEX_UNLOCK_PI, 0, NULL);
	is(wait_stat_prio(me, 20), 20, "boost gone after the unlock");
	waitpid(b, &st, 0);
	ok(exited_with(st, 0), "middle owner done");
	waitpid(w, &st, 0);
	ok(exited_with(st, 0), "FIFO waiter done");

	/* A waiter raised to FIFO 20 while it waits raises us with it. */
	futex(&words[3], FUTEX_LOCK_PI, 0, NULL);
	b = fork();
	if (b == 0)
		_exit(futex(&words[3], FUTEX_LOCK_PI, 0, NULL) ||
		      futex(&words[3], FUTEX_UNLOCK_PI, 0, NULL));
	wait_waiters(&words[3]);
	sp.sched_priority = 20;
	is(syscall(SYS_sched_setscheduler, b, SCHED_FIFO, &sp), 0,
	   "the waiter becomes FIFO 20");
	is(wait_stat_prio(me, -21), -21, "the owner follows it to -21");
	futex(&words[3], FUTEX_UNLOCK_PI, 0, NULL);
	is(wait_stat_prio(me, 20), 20, "and drops back at the unlock");
	waitpid(b, &st, 0);
	ok(exited_with(st, 0), "that waiter got the lock");
}

struct robust_entry {
	struct robust_entry *next;
	uint32_t futex;
};

/* The dying owner of a robust PI futex (words live in shared memory). */
static int die_holding(void)
{
	static struct {
		struct robust_entry *next;
		long offset;
		struct robust_entry *pending;
	} head;
	struct robust_entry *e = (struct robust_entry *)&words[10];

	head.next = (struct robust_entry *)((unsigned long)e | 1); /* PI */
	head.offset = 8;		/* entry + 8 = the futex word */
	e->next = (struct robust_entry *)&head;
	if (syscall(SYS_set_robust_list, &head, sizeof(head)))
		return 2;
	if (futex(&e->futex, FUTEX_LOCK_PI, 0, NULL))
		return 3;
	while (!(__atomic_load_n(&e->futex, __ATOMIC_SEQ_CST) & FUTEX_WAITERS))
		usleep(1000);
	usleep(20000);
	return 0;		/* exit holding it */
}

static void test_robust(void)
{
	struct robust_entry *e = (struct robust_entry *)&words[10];
	pid_t pid;
	int st;

	memset(words, 0, 16 * sizeof(*words));
	pid = fork();
	if (pid == 0)
		_exit(die_holding());
	while (!(e->futex & FUTEX_TID_MASK))
		usleep(1000);
	is(futex(&e->futex, FUTEX_LOCK_PI, 0, NULL), 0,
	   "a waiter gets the lock when its robust owner dies");
	is(e->futex & FUTEX_TID_MASK, (uint32_t)getpid(), "the word names us");
	ok(e->futex & FUTEX_OWNER_DIED, "with FUTEX_OWNER_DIED (%#x)", e->futex);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the owner exited holding it");
	is(futex(&e->futex, FUTEX_UNLOCK_PI, 0, NULL), 0, "unlock");
}

int main(void)
{
	words = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (words == MAP_FAILED)
		return 1;
	test_basic();
	test_contended();
	test_boost();
	test_robust();
	return tap_done();
}
