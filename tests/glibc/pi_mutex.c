/*
 * tests/glibc/pi_mutex.c: glibc's PTHREAD_PRIO_INHERIT mutexes (LOCK_PI,
 * LOCK_PI2, TRYLOCK_PI, UNLOCK_PI underneath): mutual exclusion under
 * contention, trylock EBUSY, a timed lock timing out, condition
 * variables with a PI mutex, error checking (EDEADLK, EPERM), a robust
 * PI mutex whose owner thread dies (EOWNERDEAD, consistent), and the
 * boost of the owner (the main thread) while a SCHED_FIFO thread waits
 * (its priority in /proc/<pid>/stat).
 */
#include "tap.h"
#include "proc.h"
#include <pthread.h>
#include <sched.h>
#include <time.h>

static pthread_mutex_t m;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;

static void init_pi(pthread_mutex_t *mx, int type, int robust)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
	pthread_mutexattr_settype(&a, type);
	if (robust)
		pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(mx, &a);
	pthread_mutexattr_destroy(&a);
}

/*
 * Every contended unlock of a PI mutex hands it to the waiter, which
 * must then run: with 4 CPUs of a loaded host's virtual machine each
 * hand-over may wait for the host to run that vCPU (Linux under
 * make check-smp took over 30 s for 4 x 20,000), so 4 x 2,000.
 */
#define ADDS 2000

static void *adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < ADDS; i++) {
		pthread_mutex_lock(&m);
		counter++;
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static void test_exclusion(void)
{
	pthread_t t[4];

	init_pi(&m, PTHREAD_MUTEX_NORMAL, 0);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, adder, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	is(counter, 4 * ADDS, "four threads, %d increments under a PI mutex",
	   4 * ADDS);
}

static void *try_other(void *arg)
{
	struct timespec ts;

	(void)arg;
	if (pthread_mutex_trylock(&m) != EBUSY)
		return (void *)1;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	if (pthread_mutex_timedlock(&m, &ts) != ETIMEDOUT)
		return (void *)2;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	if (pthread_mutex_clocklock(&m, CLOCK_MONOTONIC, &ts) != ETIMEDOUT)
		return (void *)3;
	if (pthread_mutex_unlock(&m) != EPERM)
		return (void *)4;
	return NULL;
}

static void test_errors(void)
{
	pthread_t t;
	void *r;

	init_pi(&m, PTHREAD_MUTEX_ERRORCHECK, 0);
	is(pthread_mutex_lock(&m), 0, "errorcheck PI lock");
	is(pthread_mutex_lock(&m), EDEADLK, "relock: EDEADLK");
	pthread_create(&t, NULL, try_other, NULL);
	pthread_join(t, &r);
	is((long)r, 0, "trylock EBUSY, timedlock/clocklock ETIMEDOUT, foreign unlock EPERM");
	is(pthread_mutex_unlock(&m), 0, "unlock");
}

static void *cond_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	ready = 1;
	pthread_cond_signal(&cv);
	while (ready != 2)
		pthread_cond_wait(&cv, &m);
	ready = 3;
	pthread_mutex_unlock(&m);
	return NULL;
}

static void test_cond(void)
{
	pthread_t t;

	init_pi(&m, PTHREAD_MUTEX_NORMAL, 0);
	pthread_create(&t, NULL, cond_waiter, NULL);
	pthread_mutex_lock(&m);
	while (ready != 1)
		pthread_cond_wait(&cv, &m);
	ready = 2;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&m);
	pthread_join(t, NULL);
	is(ready, 3, "condition variables with a PI mutex");
}

static void *die_locked(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	return NULL;		/* exits holding it */
}

static void test_robust(void)
{
	pthread_t t;

	init_pi(&m, PTHREAD_MUTEX_NORMAL, 1);
	pthread_create(&t, NULL, die_locked, NULL);
	pthread_join(t, NULL);
	is(pthread_mutex_lock(&m), EOWNERDEAD, "robust PI: EOWNERDEAD");
	is(pthread_mutex_consistent(&m), 0, "consistent");
	is(pthread_mutex_unlock(&m), 0, "unlock");
	is(pthread_mutex_lock(&m), 0, "usable again");
	pthread_mutex_unlock(&m);
}

static void *rt_locker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	pthread_mutex_unlock(&m);
	return NULL;
}

static void test_boost(void)
{
	pid_t me = gettid();
	pthread_attr_t a;
	struct sched_param sp = { .sched_priority = 10 };
	pthread_t t;

	init_pi(&m, PTHREAD_MUTEX_NORMAL, 0);
	pthread_mutex_lock(&m);
	pthread_attr_init(&a);
	pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&a, SCHED_FIFO);
	pthread_attr_setschedparam(&a, &sp);
	if (pthread_create(&t, &a, rt_locker, NULL)) {
		ok(0, "create a SCHED_FIFO thread");
		pthread_mutex_unlock(&m);
		return;
	}
	is(wait_stat_prio(me, -11), -11, "the owner runs at the FIFO waiter's priority");
	pthread_mutex_unlock(&m);
	is(stat_prio(me), 20, "and back at 20 after unlocking");
	pthread_join(t, NULL);
}

int main(void)
{
	test_exclusion();
	test_errors();
	test_cond();
	test_robust();
	test_boost();
	return tap_done();
}
