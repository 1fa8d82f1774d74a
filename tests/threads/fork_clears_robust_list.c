/*
 * tests/threads/fork_clears_robust_list.c: the robust futex list
 * belongs to one thread in one address space. A forked child starts
 * with none (Linux's futex_init_task()): otherwise
 * its exit would walk, and mark OWNER_DIED, futexes in a copy of the
 * parent's memory it never took.
 */
#include "tap.h"

struct robust_head {
	void *next;
	long offset;
	void *pending;
};

static struct robust_head head = { &head, 0, NULL };

static int child_list_empty(void)
{
	void *h = (void *)1;
	size_t len = 0;

	if (syscall(SYS_get_robust_list, 0, &h, &len))
		return 2;
	return h == NULL && len == sizeof(head) ? 0 : 1;
}

int main(void)
{
	void *h = NULL, *old = NULL;
	size_t len = 0, oldlen = 0;
	int st;

	/* Keep musl's own head to put back afterwards. */
	syscall(SYS_get_robust_list, 0, &old, &oldlen);
	expect_ok(syscall(SYS_set_robust_list, &head, sizeof(head)));
	syscall(SYS_get_robust_list, 0, &h, &len);
	ok(h == &head, "the parent's list is set");
	st = run_child(child_list_empty);
	ok(exited_with(st, 0), "a forked child has no robust list (status %#x)",
	   st);
	h = (void *)1;
	len = 0;
	syscall(SYS_get_robust_list, getpid(), &h, &len);
	ok(h == &head, "the parent's list is untouched");
	syscall(SYS_set_robust_list, old, oldlen ? oldlen : sizeof(head));
	return tap_done();
}
