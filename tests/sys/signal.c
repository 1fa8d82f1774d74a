/*
 * tests/sys/signal.c: rt_sigaction and rt_sigprocmask keep their state
 * (set, then read back), handlers run with sa_mask blocked, blocked
 * signals stay pending until unblocked, SIGKILL/SIGSTOP cannot be caught
 * or blocked, the mask is inherited across fork, and EINVAL cases.
 * Raw syscalls with the kernel's 8-byte sigset and struct.
 */
#include "tap.h"

#define SA_RESTORER 0x04000000

/* The kernel's struct sigaction on x86-64. */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

#define BIT(sig) (1UL << ((sig) - 1))

static volatile int hits;
static volatile unsigned long mask_in_handler;

static void handler(int sig)
{
	unsigned long m = 0;

	(void)sig;
	hits++;
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	mask_in_handler = m;
}

static long sigact(int sig, const struct k_sigaction *act, struct k_sigaction *old)
{
	return syscall(SYS_rt_sigaction, sig, act, old, 8);
}

static long sigmask(int how, const unsigned long *set, unsigned long *old)
{
	return syscall(SYS_rt_sigprocmask, how, set, old, 8);
}

static void test_action_state(void)
{
	struct k_sigaction act, old;

	/* musl's sigaction supplies the restorer the kernel needs. */
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	expect_ok(sigaction(SIGUSR1, &sa, NULL));
	memset(&old, 0, sizeof(old));
	expect_ok(sigact(SIGUSR1, NULL, &old));
	ok(old.handler == handler, "rt_sigaction reads back the handler");
	ok(old.flags & SA_RESTART, "rt_sigaction reads back SA_RESTART");
	ok(old.flags & SA_RESTORER, "the restorer flag is kept");
	is(old.mask, BIT(SIGUSR2), "rt_sigaction reads back sa_mask");
	act = old;
	act.handler = SIG_IGN;
	expect_ok(sigact(SIGUSR2, &act, &old));
	ok(old.handler == SIG_DFL, "SIGUSR2 was SIG_DFL before");
	sigact(SIGUSR2, NULL, &old);
	ok(old.handler == SIG_IGN, "SIG_IGN reads back");
	act.handler = SIG_DFL;
	sigact(SIGUSR2, &act, NULL);
	expect_errno(sigact(SIGKILL, &act, NULL), EINVAL);
	expect_errno(sigact(SIGSTOP, &act, NULL), EINVAL);
	expect_ok(sigact(SIGKILL, NULL, &old));
	expect_errno(sigact(0, &act, NULL), EINVAL);
	expect_errno(sigact(65, &act, NULL), EINVAL);
	expect_errno(syscall(SYS_rt_sigaction, SIGUSR1, &act, NULL, 4), EINVAL);
	expect_errno(syscall(SYS_rt_sigaction, SIGUSR1, &act, NULL, 16), EINVAL);
}

static void test_delivery(void)
{
	hits = 0;
	kill(getpid(), SIGUSR1);
	is(hits, 1, "the handler ran once for kill(getpid())");
	ok(mask_in_handler & BIT(SIGUSR1), "the signal is blocked in its handler");
	ok(mask_in_handler & BIT(SIGUSR2), "sa_mask is blocked in the handler");
	raise(SIGUSR1);
	is(hits, 2, "raise delivers too");
}

static void test_mask_state(void)
{
	unsigned long set = BIT(SIGUSR1) | BIT(SIGKILL) | BIT(SIGSTOP), old = 0;
	unsigned long pending = 0;

	expect_ok(sigmask(SIG_SETMASK, &set, &old));
	is(old, 0, "the mask starts empty");
	sigmask(SIG_BLOCK, NULL, &old);
	is(old, BIT(SIGUSR1), "SIGKILL and SIGSTOP are silently not blocked");
	hits = 0;
	kill(getpid(), SIGUSR1);
	is(hits, 0, "a blocked signal is not delivered");
	syscall(SYS_rt_sigpending, &pending, 8);
	ok(pending & BIT(SIGUSR1), "rt_sigpending shows it");
	set = BIT(SIGUSR2);
	sigmask(SIG_BLOCK, &set, &old);
	sigmask(SIG_BLOCK, NULL, &old);
	is(old, BIT(SIGUSR1) | BIT(SIGUSR2), "SIG_BLOCK adds to the mask");
	set = BIT(SIGUSR1);
	sigmask(SIG_UNBLOCK, &set, NULL);
	is(hits, 1, "unblocking delivers the pending signal");
	sigmask(SIG_BLOCK, NULL, &old);
	is(old, BIT(SIGUSR2), "SIG_UNBLOCK removes from the mask");
	expect_errno(sigmask(99, &set, NULL), EINVAL);
	expect_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
	expect_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 16), EINVAL);
}

/* The child's mask starts as the parent's; its pending set empty. */
static int child_mask(void)
{
	unsigned long old = 0, pending = 1;

	sigmask(SIG_BLOCK, NULL, &old);
	syscall(SYS_rt_sigpending, &pending, 8);
	return (old != BIT(SIGUSR2)) | (pending != 0) << 1;
}

int main(void)
{
	unsigned long none = 0, usr2 = BIT(SIGUSR2);
	int status;

	test_action_state();
	test_delivery();
	test_mask_state();
	kill(getpid(), SIGUSR2);	/* pending, blocked, SIG_DFL */
	status = run_child(child_mask);
	ok(exited_with(status, 0), "fork copies the mask, not pending signals (%#x)", status);
	signal(SIGUSR2, SIG_IGN);
	sigmask(SIG_UNBLOCK, &usr2, NULL);
	sigmask(SIG_SETMASK, &none, NULL);
	return tap_done();
}
