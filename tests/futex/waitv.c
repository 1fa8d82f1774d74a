/*
 * tests/futex/waitv.c: futex_waitv(2). Waits on several futexes at once
 * and returns the index of the one woken; EAGAIN when a value differs;
 * ETIMEDOUT at an absolute CLOCK_MONOTONIC or CLOCK_REALTIME deadline;
 * EINVAL for flags, a count of 0 or over 128, a waiter without
 * FUTEX2_SIZE_U32 or with reserved bits, an unaligned address, a bad
 * clock; EFAULT for bad pointers.
 */
#include "tap.h"
#include "futexdefs.h"
#include <pthread.h>
#include <time.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_PRIVATE 128

struct waitv {
	uint64_t val;
	uint64_t uaddr;
	uint32_t flags;
	uint32_t reserved;
};

static uint32_t f[3];

static long waitv(struct waitv *w, unsigned int n, unsigned int flags,
		  struct timespec *ts, int clock)
{
	return syscall(SYS_futex_waitv, w, n, flags, ts, clock);
}

static void setup(struct waitv *w)
{
	for (int i = 0; i < 3; i++)
		w[i] = (struct waitv){ .val = f[i], .uaddr = (unsigned long)&f[i],
				       .flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE };
}

static struct timespec soon(int clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_nsec += ms * 1000000;
	while (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

static volatile int waiter_ret = -100;

static void *waker(void *arg)
{
	(void)arg;
	/* Wake f[1] until the waiter is gone (it may not sleep yet). */
	while (waiter_ret == -100) {
		syscall(SYS_futex, &f[1], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		usleep(5000);
	}
	return NULL;
}

int main(void)
{
	struct waitv w[3], big[129];
	struct timespec ts;
	pthread_t th;

	setup(w);
	expect_errno(waitv(w, 3, 1, NULL, 0), EINVAL);
	expect_errno(waitv(w, 0, 0, NULL, 0), EINVAL);
	memset(big, 0, sizeof(big));
	expect_errno(waitv(big, 129, 0, NULL, 0), EINVAL);
	expect_errno(waitv(NULL, 1, 0, NULL, 0), EINVAL);
	w[1].flags = FUTEX2_PRIVATE;
	expect_errno(waitv(w, 3, 0, NULL, 0), EINVAL);
	setup(w);
	w[2].reserved = 1;
	expect_errno(waitv(w, 3, 0, NULL, 0), EINVAL);
	setup(w);
	w[0].uaddr += 1;
	expect_errno(waitv(w, 3, 0, NULL, 0), EINVAL);
	setup(w);
	ts = soon(CLOCK_MONOTONIC, 10);
	expect_errno(waitv(w, 3, 0, &ts, CLOCK_BOOTTIME), EINVAL);
	expect_errno(waitv((struct waitv *)KERNEL_PTR, 1, 0, NULL, 0), EFAULT);
	w[2].uaddr = 16;
	expect_errno(waitv(w, 3, 0, NULL, 0), EFAULT);
	setup(w);
	w[1].val = 7;
	expect_errno(waitv(w, 3, 0, NULL, 0), EAGAIN);
	setup(w);
	ts = soon(CLOCK_MONOTONIC, 50);
	expect_errno(waitv(w, 3, 0, &ts, CLOCK_MONOTONIC), ETIMEDOUT);
	ts = soon(CLOCK_REALTIME, 50);
	expect_errno(waitv(w, 3, 0, &ts, CLOCK_REALTIME), ETIMEDOUT);

	pthread_create(&th, NULL, waker, NULL);
	waiter_ret = waitv(w, 3, 0, NULL, 0);
	pthread_join(th, NULL);
	is(waiter_ret, 1, "a wake of the second futex returns index 1");
	return tap_done();
}
