/*
 * tests/signals/altstack.c: sigaltstack. Errors (EINVAL flags, ENOMEM
 * below MINSIGSTKSZ, EPERM while on it, EFAULT); SA_ONSTACK handlers run
 * on it and see SS_ONSTACK; handlers without SA_ONSTACK do not; a stack
 * overflow is caught by a SIGSEGV handler on the alternate stack;
 * SS_AUTODISARM disarms it while the handler runs and re-arms it after.
 */
#include "tap.h"
#include <sys/mman.h>

#define STK 65536

static char *stk;
static volatile unsigned long where;
static volatile int flags_in_handler, eperm_in_handler;

static void on_usr1(int sig)
{
	stack_t ss = { .ss_sp = stk, .ss_size = STK }, old;
	char here;

	(void)sig;
	where = (unsigned long)&here;
	sigaltstack(NULL, &old);
	flags_in_handler = old.ss_flags;
	eperm_in_handler = sigaltstack(&ss, NULL) == -1 && errno == EPERM;
}

static int on_alt(void)
{
	return where >= (unsigned long)stk && where < (unsigned long)stk + STK;
}

static void test_errors(void)
{
	stack_t ss = { .ss_sp = stk, .ss_size = STK, .ss_flags = 0 }, old;

	expect_ok(sigaltstack(NULL, &old));
	is(old.ss_flags, SS_DISABLE, "no alternate stack at first");
	ss.ss_flags = 0x10;
	expect_errno(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	ss.ss_size = MINSIGSTKSZ - 1;
	expect_errno(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_flags = SS_DISABLE;
	expect_ok(sigaltstack(&ss, NULL));	/* size ignored when disabling */
	expect_errno(syscall(SYS_sigaltstack, KERNEL_PTR, NULL), EFAULT);
	ss.ss_flags = 0;
	ss.ss_size = STK;
	expect_ok(sigaltstack(&ss, NULL));
	expect_ok(sigaltstack(NULL, &old));
	ok(old.ss_sp == stk && old.ss_size == STK && old.ss_flags == 0,
	   "sigaltstack reads back sp, size and flags 0");
	expect_errno(syscall(SYS_sigaltstack, NULL, KERNEL_PTR), EFAULT);
}

static void test_onstack(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	ok(on_alt(), "SA_ONSTACK: the handler runs on the alternate stack");
	is(flags_in_handler, SS_ONSTACK, "SS_ONSTACK inside the handler");
	ok(eperm_in_handler, "sigaltstack fails with EPERM while on it");
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	ok(!on_alt(), "without SA_ONSTACK the handler runs on the normal stack");
	is(flags_in_handler, 0, "... where sigaltstack says 0");
	signal(SIGUSR1, SIG_DFL);
}

static void on_segv(int sig)
{
	char here;

	(void)sig;
	_exit((unsigned long)&here >= (unsigned long)stk &&
	      (unsigned long)&here < (unsigned long)stk + STK ? 0 : 3);
}

static int recurse(int n)
{
	volatile char pad[4096];

	pad[0] = (char)n;
	return n < 0 ? 0 : recurse(n + 1) + pad[0];
}

static int overflow(void)
{
	struct sigaction sa = { .sa_handler = on_segv, .sa_flags = SA_ONSTACK };

	sigaction(SIGSEGV, &sa, NULL);
	return recurse(0);
}

static int overflow_no_altstack(void)
{
	stack_t ss = { .ss_flags = SS_DISABLE };

	sigaltstack(&ss, NULL);
	return overflow();
}

static void test_overflow(void)
{
	int st = run_child(overflow);

	ok(exited_with(st, 0), "stack overflow caught on the alternate stack (%#x)", st);
	st = run_child(overflow_no_altstack);
	ok(killed_by(st, SIGSEGV), "without one, the overflow kills (%#x)", st);
}

static void test_autodisarm(void)
{
	stack_t ss = { .ss_sp = stk, .ss_size = STK, .ss_flags = SS_AUTODISARM }, old;
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };

	if (expect_ok(sigaltstack(&ss, NULL)) != 0)
		return;
	sigaltstack(NULL, &old);
	is((unsigned int)old.ss_flags, SS_AUTODISARM, "SS_AUTODISARM reads back");
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	ok(on_alt(), "SS_AUTODISARM: the handler runs on the alternate stack");
	is((unsigned int)flags_in_handler, SS_DISABLE, "... where it is disarmed");
	ok(!eperm_in_handler, "... and may be changed");
	sigaltstack(NULL, &old);
	ok(old.ss_sp == stk && (old.ss_flags & SS_AUTODISARM),
	   "after the handler it is armed again");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
	stk = mmap(NULL, STK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	test_errors();
	test_onstack();
	test_overflow();
	test_autodisarm();
	return tap_done();
}
