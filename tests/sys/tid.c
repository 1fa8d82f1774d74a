/*
 * tests/sys/tid.c: set_tid_address returns the tid; the address is
 * cleared (and woken) when the thread exits; set_robust_list accepts only
 * the right size; get_robust_list reads it back.
 */
#include "tap.h"
#include <pthread.h>

struct robust_head {
	void *next;
	long offset;
	void *pending;
};

static void *nothing(void *arg)
{
	return arg;
}

int main(void)
{
	static struct robust_head head = { &head, 0, NULL };
	struct robust_head *got = NULL;
	size_t len = 0;
	int dummy;
	pthread_t t;

	is(syscall(SYS_set_tid_address, &dummy), syscall(SYS_gettid),
	   "set_tid_address returns the tid");
	expect_ok(syscall(SYS_set_robust_list, &head, sizeof(head)));
	expect_ok(syscall(SYS_get_robust_list, 0, &got, &len));
	ok(got == &head && len == sizeof(head), "get_robust_list reads it back");
	expect_errno(syscall(SYS_set_robust_list, &head, sizeof(head) - 1), EINVAL);
	expect_errno(syscall(SYS_set_robust_list, &head, sizeof(head) + 8), EINVAL);
	expect_errno(syscall(SYS_get_robust_list, 999999, &got, &len), ESRCH);
	/* pthread_join waits on the CLONE_CHILD_CLEARTID futex word. */
	ok(pthread_create(&t, NULL, nothing, NULL) == 0 &&
	   pthread_join(t, NULL) == 0, "a thread exits and is joined");
	return tap_done();
}
