/*
 * tests/signals/delivery.c: what a handler is given and what it may
 * change. siginfo for kill, tkill, sigqueue; the ucontext (uc_flags,
 * saved mask, registers, FPU state pointer); SA_NODEFER, SA_RESETHAND,
 * sa_mask; a handler that edits uc_mcontext to skip a faulting
 * instruction; registers (rcx, r11 included) and FPU state intact across
 * an asynchronous handler; the mask restored after the handler.
 */
#include "tap.h"
#include <sys/time.h>
#include <sys/ucontext.h>

#define BIT(sig) (1UL << ((sig) - 1))

static volatile int hits, last_sig, depth, max_depth;
static volatile int si_code_seen, si_pid_seen, si_uid_seen, si_value_seen;
static volatile unsigned long uc_flags_seen, uc_mask_seen, mask_seen;
static volatile unsigned long fpstate_seen, rsp_seen, frame_rsp_seen;

static unsigned long cur_mask(void)
{
	unsigned long m = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static void set_mask(unsigned long m)
{
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

static void on_info(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	hits++;
	last_sig = sig;
	si_code_seen = si->si_code;
	si_pid_seen = si->si_pid;
	si_uid_seen = si->si_uid;
	si_value_seen = si->si_value.sival_int;
	uc_flags_seen = uc->uc_flags;
	memcpy((void *)&uc_mask_seen, &uc->uc_sigmask, 8);
	fpstate_seen = (unsigned long)uc->uc_mcontext.fpregs;
	frame_rsp_seen = (unsigned long)uc;
	rsp_seen = (unsigned long)__builtin_frame_address(0);
	mask_seen = cur_mask();
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags,
		    unsigned long mask)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	memcpy(&sa.sa_mask, &mask, 8);
	sigaction(sig, &sa, NULL);
}

static void test_siginfo(void)
{
	union sigval v = { .sival_int = 4242 };

	install(SIGUSR1, on_info, 0, 0);
	hits = 0;
	kill(getpid(), SIGUSR1);
	is(hits, 1, "kill: handler ran");
	is(last_sig, SIGUSR1, "kill: first argument is the signal");
	is(si_code_seen, SI_USER, "kill: si_code SI_USER");
	is(si_pid_seen, getpid(), "kill: si_pid is the sender");
	is(si_uid_seen, getuid(), "kill: si_uid is the sender's uid");
	syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1);
	is(si_code_seen, SI_TKILL, "tkill: si_code SI_TKILL");
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	is(si_code_seen, SI_TKILL, "tgkill: si_code SI_TKILL");
	sigqueue(getpid(), SIGUSR1, v);
	is(si_code_seen, SI_QUEUE, "sigqueue: si_code SI_QUEUE");
	is(si_value_seen, 4242, "sigqueue: si_value arrives");
	is(hits, 4, "one handler run per signal");
}

static void test_ucontext(void)
{
	set_mask(BIT(SIGUSR2));
	install(SIGUSR1, on_info, 0, BIT(SIGHUP));
	kill(getpid(), SIGUSR1);
	is(uc_flags_seen & 6, 6, "uc_flags: UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS");
	is(uc_mask_seen, BIT(SIGUSR2), "uc_sigmask is the mask before the handler");
	is(mask_seen, BIT(SIGUSR2) | BIT(SIGUSR1) | BIT(SIGHUP),
	   "in the handler: old mask | sa_mask | the signal");
	ok(fpstate_seen && (fpstate_seen & 15) == 0,
	   "uc_mcontext.fpregs points at an aligned FPU image");
	ok(fpstate_seen > frame_rsp_seen, "the FPU image is above the ucontext");
	ok(frame_rsp_seen > rsp_seen, "the frame is above the handler's stack");
	is(cur_mask(), BIT(SIGUSR2), "the mask is restored after the handler");
	set_mask(0);
}

static void on_nested(int sig, siginfo_t *si, void *ctx)
{
	(void)si;
	(void)ctx;
	hits++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (hits < 3)
		kill(getpid(), sig);
	depth--;
}

static void test_flags(void)
{
	struct sigaction old;

	install(SIGUSR1, on_nested, 0, 0);
	hits = max_depth = 0;
	kill(getpid(), SIGUSR1);
	is(hits, 3, "without SA_NODEFER the signal waits for the handler");
	is(max_depth, 1, "... and runs after it returns");
	install(SIGUSR1, on_nested, SA_NODEFER, 0);
	hits = max_depth = 0;
	kill(getpid(), SIGUSR1);
	is(max_depth, 3, "SA_NODEFER: the handler nests");
	install(SIGUSR1, on_info, SA_RESETHAND, 0);
	hits = 0;
	kill(getpid(), SIGUSR1);
	is(hits, 1, "SA_RESETHAND: the handler runs once");
	sigaction(SIGUSR1, NULL, &old);
	ok(old.sa_handler == SIG_DFL, "SA_RESETHAND: then the action is SIG_DFL");
}

/* A SIGSEGV handler that steps over the faulting 3-byte load. */
static void on_segv_skip(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	si_code_seen = si->si_code;
	uc->uc_mcontext.gregs[REG_RIP] += 3;	/* the load below */
	uc->uc_mcontext.gregs[REG_RBX] = 77;
}

static void test_edit_context(void)
{
	long rbx = 0;

	install(SIGSEGV, on_segv_skip, 0, 0);
	/* 48 8b 00: mov (%rax),%rax -- 3 bytes, faults on address 8. */
	__asm__ volatile("mov $8, %%rax\n\t"
			 ".byte 0x48, 0x8b, 0x00\n\t"
			 "mov %%rbx, %0"
			 : "=r"(rbx) : : "rax", "rbx", "memory");
	is(rbx, 77, "a handler's change to uc_mcontext takes effect");
	is(si_code_seen, SEGV_MAPERR, "SEGV_MAPERR for the NULL page");
	signal(SIGSEGV, SIG_DFL);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	double d = 1.0;

	(void)sig;
	alarms++;
	/* Clobber FPU state: the interrupted code must not see it. */
	__asm__ volatile("movsd %0, %%xmm0\n\t"
			 "movsd %0, %%xmm1\n\t"
			 "movq $-1, %%rcx\n\t"
			 "movq $-1, %%r11\n\t"
			 : : "m"(d) : "xmm0", "xmm1", "rcx", "r11");
}

/*
 * Spin with known values in rcx, r11 and xmm0 while SIGALRM fires;
 * returns nonzero if any of them changed under us.
 */
static long spin_and_check(long loops)
{
	long bad = 0;

	__asm__ volatile(
		"movq $0x1234, %%rcx\n\t"
		"movq $0x5678, %%r11\n\t"
		"movq %%rcx, %%xmm0\n\t"
		"1:\n\t"
		"cmpq $0x1234, %%rcx\n\t"
		"jne 2f\n\t"
		"cmpq $0x5678, %%r11\n\t"
		"jne 2f\n\t"
		"movq %%xmm0, %%rax\n\t"
		"cmpq $0x1234, %%rax\n\t"
		"jne 2f\n\t"
		"decq %1\n\t"
		"jnz 1b\n\t"
		"jmp 3f\n\t"
		"2: movq $1, %0\n\t"
		"3:\n\t"
		: "+r"(bad), "+r"(loops)
		: : "rax", "rcx", "r11", "xmm0", "memory");
	return bad;
}

static void test_async_state(void)
{
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, off = { 0 };
	struct sigaction sa = { .sa_handler = on_alarm };
	long bad = 0;
	int rounds = 0;

	sigaction(SIGALRM, &sa, NULL);
	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	while (alarms < 20 && rounds++ < 2000)
		bad |= spin_and_check(1000000);
	setitimer(ITIMER_REAL, &off, NULL);
	signal(SIGALRM, SIG_DFL);
	ok(alarms >= 20, "SIGALRM interrupted the loop %d times", alarms);
	is(bad, 0, "rcx, r11 and xmm0 survive asynchronous handlers");
}

static volatile unsigned int mxcsr_in_handler;

static void on_fpu(int sig)
{
	(void)sig;
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr_in_handler));
}

static void test_fpu_reset(void)
{
	unsigned int mine = 0x1f80 | (3 << 13), now = 0, orig = 0;

	signal(SIGUSR1, on_fpu);
	__asm__ volatile("stmxcsr %0" : "=m"(orig));
	__asm__ volatile("ldmxcsr %0" : : "m"(mine));
	kill(getpid(), SIGUSR1);
	__asm__ volatile("stmxcsr %0" : "=m"(now));
	__asm__ volatile("ldmxcsr %0" : : "m"(orig));
	is(mxcsr_in_handler & 0xffbf, 0x1f80, "a handler starts with the default MXCSR");
	is(now, mine, "the interrupted MXCSR comes back after the handler");
	signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
	test_siginfo();
	test_ucontext();
	test_flags();
	test_edit_context();
	test_async_state();
	test_fpu_reset();
	return tap_done();
}
