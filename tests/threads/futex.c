/*
 * tests/threads/futex.c: FUTEX_WAIT/WAKE (+BITSET), timeouts, REQUEUE,
 * CMP_REQUEUE, WAKE_OP, private and shared (a MAP_SHARED word across
 * fork), robust mutexes of a dead owner, and the argument errors.
 */
#include "tap.h"
#include <pthread.h>
#include <sys/mman.h>
#include <time.h>

/* The futex ABI (musl ships no <linux/futex.h>). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_REQUEUE_PRIVATE (FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | \
	 (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static long futex(unsigned *uaddr, int op, unsigned val, void *t,
		  unsigned *uaddr2, unsigned val3)
{
	return syscall(SYS_futex, uaddr, op, val, t, uaddr2, val3);
}

static unsigned f1, f2;
static volatile int woke;

/* The waiter threads started since the last settle(), by thread id. */
static pid_t waiters[4];
static int nr_waiters;

/* A waiter thread is about to block: say who it is. */
static void waiting(void)
{
	int i = __atomic_fetch_add(&nr_waiters, 1, __ATOMIC_SEQ_CST);

	waiters[i] = syscall(SYS_gettid);
}

static void *wait_f1(void *arg)
{
	(void)arg;
	waiting();
	if (futex(&f1, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0) == 0)
		__atomic_add_fetch(&woke, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Is thread tid of this process asleep ('S' in its stat)? */
static int asleep(pid_t tid)
{
	char path[64], buf[256], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

/*
 * Wait until the n waiter threads just started sleep in their futex
 * wait (the only place they sleep), up to 10 s: a fixed pause is not
 * enough when the host leaves a virtual CPU unrun for a while.
 */
static void settle(int n)
{
	for (int i = 0; i < 10000; i++) {
		int done = __atomic_load_n(&nr_waiters, __ATOMIC_SEQ_CST) >= n;

		for (int j = 0; done && j < n; j++)
			done = asleep(waiters[j]);
		if (done)
			break;
		usleep(1000);
	}
	nr_waiters = 0;
}

static void test_basic(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 }, past = { 0, 1 };
	pthread_t t;

	f1 = 0;
	expect_errno(futex(&f1, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0), EAGAIN);
	expect_errno(futex(&f1, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0), ETIMEDOUT);
	expect_errno(futex(&f1, FUTEX_WAIT_BITSET_PRIVATE, 0, &past, NULL,
			   FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	is(futex(&f1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
	   "FUTEX_WAKE with no waiter wakes 0");
	woke = 0;
	pthread_create(&t, NULL, wait_f1, NULL);
	settle(1);
	is(futex(&f1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1,
	   "FUTEX_WAKE wakes the waiting thread");
	pthread_join(t, NULL);
	is(woke, 1, "... whose FUTEX_WAIT returned 0");
	expect_errno(futex((unsigned *)((char *)&f1 + 1), FUTEX_WAIT_PRIVATE,
			   0, NULL, NULL, 0), EINVAL);
	expect_errno(futex(NULL, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT);
	expect_errno(futex(&f1, 99, 0, NULL, NULL, 0), ENOSYS);
	expect_errno(futex(&f1, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 0),
		     EINVAL);
}

static void test_requeue(void)
{
	pthread_t t[2];

	f1 = 0;
	f2 = 0;
	woke = 0;
	pthread_create(&t[0], NULL, wait_f1, NULL);
	pthread_create(&t[1], NULL, wait_f1, NULL);
	settle(2);
	expect_errno(futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2L, &f2,
			   5), EAGAIN);
	is(futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2L, &f2, 0), 2,
	   "CMP_REQUEUE moves both waiters to the second futex");
	is(futex(&f1, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0), 0,
	   "... none is left on the first");
	is(futex(&f2, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0), 2,
	   "... both are woken on the second");
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	is(woke, 2, "... and their waits return 0");
	woke = 0;
	pthread_create(&t[0], NULL, wait_f1, NULL);
	settle(1);
	is(futex(&f1, FUTEX_REQUEUE_PRIVATE, 0, (void *)1L, &f2, 0), 1,
	   "REQUEUE (no compare) moves one");
	is(futex(&f2, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1,
	   "... and it is woken there");
	pthread_join(t[0], NULL);
}

static void *wait_f2(void *arg)
{
	(void)arg;
	waiting();
	if (futex(&f2, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0) == 0)
		__atomic_add_fetch(&woke, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void test_wake_op(void)
{
	pthread_t a, b;
	/* op ADD 1 to f2; wake f2's waiters too if the old value was 0 */
	unsigned op = FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0);

	f1 = 0;
	f2 = 0;
	woke = 0;
	pthread_create(&a, NULL, wait_f1, NULL);
	pthread_create(&b, NULL, wait_f2, NULL);
	settle(2);
	is(futex(&f1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &f2, op), 2,
	   "WAKE_OP wakes on both futexes when the comparison holds");
	is(f2, 1, "... after adding to the second word");
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	is(woke, 2, "... both waits return 0");
	op = FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0);
	is(futex(&f1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &f2, op), 0,
	   "WAKE_OP with a false comparison wakes nobody there");
	is(f2, 5, "... but still sets the word");
}

static void test_shared(void)
{
	unsigned *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status = -1, n = 0;
	pid_t pid;

	*w = 0;
	pid = fork();
	if (pid == 0)
		_exit(futex(w, FUTEX_WAIT, 0, NULL, NULL, 0) == 0 ? 0 : 1);
	for (int i = 0; i < 200 && n == 0; i++) {
		usleep(5000);
		n = futex(w, FUTEX_WAKE, 1, NULL, NULL, 0);
	}
	is(n, 1, "a shared futex wakes a waiter in another process");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "... whose FUTEX_WAIT returned 0");
	munmap(w, 4096);
}

static pthread_mutex_t robust;

static void *lock_and_die(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL;		/* exits holding the lock */
}

static void test_robust(void)
{
	pthread_mutexattr_t a;
	pthread_t t;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &a);
	pthread_create(&t, NULL, lock_and_die, NULL);
	pthread_join(t, NULL);
	is(pthread_mutex_lock(&robust), EOWNERDEAD,
	   "a robust mutex of a dead owner locks with EOWNERDEAD");
	is(pthread_mutex_consistent(&robust), 0, "... and can be made consistent");
	pthread_mutex_unlock(&robust);
}

int main(void)
{
	test_basic();
	test_requeue();
	test_wake_op();
	test_shared();
	test_robust();
	return tap_done();
}
