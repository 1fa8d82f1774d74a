/*
 * tests/sys/rseq.c: restartable sequences as Linux 6.1. Registering a
 * 32-byte, 32-aligned struct rseq fills cpu_id_start and cpu_id with
 * our CPU; the same registration again is EBUSY, another address
 * EINVAL, another signature EPERM; a new thread starts unregistered;
 * unregistering needs the same address, length (EINVAL) and signature
 * (EPERM) and leaves cpu_id -1; misaligned, short or flagged calls are
 * EINVAL. A signal delivered while the thread is inside the critical
 * section rseq_cs describes resumes it at the abort handler (and
 * clears rseq_cs); a descriptor whose abort handler lacks the
 * signature is SIGSEGV.
 */
#include "tap.h"
#include <pthread.h>
#include <sched.h>

#define RSEQ_SIG 0x53053053
#define RSEQ_FLAG_UNREGISTER 1

struct rseq_abi {
	unsigned int cpu_id_start;
	unsigned int cpu_id;
	unsigned long rseq_cs;
	unsigned int flags;
	unsigned int pad[3];
} __attribute__((aligned(32)));

static struct rseq_abi rs, rs2;
static char misaligned[64] __attribute__((aligned(32)));
static volatile int handled;

static long sys_rseq(void *p, unsigned int len, int flags, unsigned int sig)
{
	return syscall(SYS_rseq, p, len, flags, sig);
}

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void *thread_registers(void *arg)
{
	(void)arg;
	return (void *)(long)(sys_rseq(&rs2, 32, 0, RSEQ_SIG) == 0 &&
			      rs2.cpu_id == (unsigned int)sched_getcpu());
}

/*
 * kill(getpid(), SIGUSR1) inside a critical section: 1 if it ran to its
 * end, 2 if it was sent to the abort handler. Its descriptor's abort
 * handler is preceded by sig_word.
 */
#define CRITICAL(sig_word)                                                   \
	({                                                                   \
		long res = 0;                                                \
		__asm__ volatile(                                            \
			"lea 3f(%%rip), %%rax\n\t"                           \
			"mov %%rax, %[cs]\n\t"                               \
			"1:\n\t"                                             \
			"mov $62, %%eax\n\t"                                 \
			"mov %[pid], %%edi\n\t"                              \
			"mov $10, %%esi\n\t"                                 \
			"syscall\n\t"                                        \
			"movq $1, %[res]\n\t"                                 \
			"2:\n\t"                                             \
			"jmp 5f\n\t"                                         \
			".pushsection .rodata\n\t"                           \
			".balign 32\n\t"                                     \
			"3: .long 0, 0\n\t"                                  \
			".quad 1b, 2b - 1b, 4f\n\t"                          \
			".popsection\n\t"                                    \
			".long " #sig_word "\n\t"                            \
			"4:\n\t"                                             \
			"movq $2, %[res]\n\t"                                 \
			"5:\n\t"                                             \
			: [res] "+m"(res), [cs] "=m"(rs.rseq_cs)             \
			: [pid] "r"(getpid())                                \
			: "rax", "rcx", "rdx", "rsi", "rdi", "r11", "memory"); \
		res;                                                         \
	})

static void test_register(void)
{
	pthread_t t;
	void *got;

	rs.cpu_id = (unsigned int)-1;
	is(sys_rseq(&rs, 32, 0, RSEQ_SIG), 0, "rseq registers");
	ok(rs.cpu_id == (unsigned int)sched_getcpu() &&
	   rs.cpu_id_start == rs.cpu_id, "cpu_id and cpu_id_start are our CPU "
	   "(%u)", rs.cpu_id);
	expect_errno(sys_rseq(&rs, 32, 0, RSEQ_SIG), EBUSY);
	expect_errno(sys_rseq(&rs2, 32, 0, RSEQ_SIG), EINVAL);
	expect_errno(sys_rseq(&rs, 32, 0, RSEQ_SIG + 1), EPERM);
	pthread_create(&t, NULL, thread_registers, NULL);
	pthread_join(t, &got);
	ok(got != NULL, "a new thread starts unregistered and registers its "
	   "own");
}

static void test_abort(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	long res;

	sigaction(SIGUSR1, &sa, NULL);
	res = CRITICAL(0x53053053);
	is(res, 2, "a signal inside the critical section: the abort handler");
	is(handled, 1, "and the handler ran");
	is(rs.rseq_cs, 0, "rseq_cs is cleared");
	rs.rseq_cs = 0;
	kill(getpid(), SIGUSR1);
	is(handled, 2, "outside a section a signal is just a signal");
}

static int bad_signature(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	sigaction(SIGUSR1, &sa, NULL);
	CRITICAL(0x12345678);
	return 0;
}

static void test_unregister(void)
{
	int st = run_child(bad_signature);

	ok(killed_by(st, SIGSEGV), "an abort handler without the signature: "
	   "SIGSEGV (%#x)", st);
	expect_errno(sys_rseq(&rs, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG + 1),
		     EPERM);
	expect_errno(sys_rseq(&rs, 16, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	expect_errno(sys_rseq(&rs2, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	is(sys_rseq(&rs, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), 0, "unregister");
	ok(rs.cpu_id == (unsigned int)-1 && rs.cpu_id_start == 0,
	   "cpu_id is -1 again");
	expect_errno(sys_rseq(&rs, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	expect_errno(sys_rseq(misaligned + 8, 32, 0, RSEQ_SIG), EINVAL);
	expect_errno(sys_rseq(&rs, 16, 0, RSEQ_SIG), EINVAL);
	expect_errno(sys_rseq(&rs, 32, 2, RSEQ_SIG), EINVAL);
	is(sys_rseq(&rs, 32, 0, RSEQ_SIG), 0, "and register again");
}

int main(void)
{
	test_register();
	test_abort();
	test_unregister();
	return tap_done();
}
