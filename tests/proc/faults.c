/*
 * tests/proc/faults.c: user faults become the signals Linux sends, with
 * the siginfo Linux fills in: NULL dereference and write to code
 * (SIGSEGV), ud2 (SIGILL), division by zero (SIGFPE), int3 (SIGTRAP), a
 * privileged instruction and a non-canonical address (SIGSEGV), stack
 * overflow (SIGSEGV), and abort (SIGABRT).
 */
#include "tap.h"
#include <sys/mman.h>

static int null_deref(void)
{
	return *(volatile int *)0;
}

static int write_code(void)
{
	*(volatile char *)null_deref = 0;
	return 0;
}

static int ud2(void)
{
	__asm__ volatile("ud2");
	return 0;
}

/* Both volatile, or gcc turns 1 / x into a compare. */
static volatile int zero, one = 1;

static int divide(void)
{
	return one / zero;
}

static int int3(void)
{
	__asm__ volatile("int3");
	return 0;
}

static int hlt(void)
{
	__asm__ volatile("hlt");
	return 0;
}

static int noncanonical(void)
{
	return *(volatile int *)0x8000000000000000UL;
}

static int recurse(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	return n < 0 ? 0 : recurse(n + 1) + pad[0];
}

static int overflow(void)
{
	return recurse(0);
}

static int do_abort(void)
{
	abort();
}

static int exec_data(void)
{
	static unsigned char ret = 0xc3; /* in .data: not executable */

	((void (*)(void))&ret)();
	return 0;
}

/* What the SA_SIGINFO handler saw, sent to the parent through a pipe. */
struct fault_info {
	int signo;
	int code;
	void *addr;
};

static int info_fd;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	struct fault_info fi = { sig, si->si_code, si->si_addr };

	(void)uc;
	write(info_fd, &fi, sizeof(fi));
	_exit(0);
}

/* Write to addr in a child with a SIGSEGV handler; return what it saw. */
static struct fault_info fault_at(volatile char *addr)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	struct fault_info fi = { 0, 0, 0 };
	int fds[2];
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		info_fd = fds[1];
		sigaction(SIGSEGV, &sa, NULL);
		*addr = 1;
		_exit(2);
	}
	close(fds[1]);
	read(fds[0], &fi, sizeof(fi));
	waitpid(pid, NULL, 0);
	close(fds[0]);
	return fi;
}

static void test_siginfo(void)
{
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct fault_info fi = fault_at((char *)16);

	is(fi.signo, SIGSEGV, "handler runs for an unmapped address");
	is(fi.code, SEGV_MAPERR, "si_code SEGV_MAPERR for an unmapped address");
	is((long)fi.addr, 16, "si_addr is the faulting address");
	fi = fault_at(ro + 100);
	is(fi.code, SEGV_ACCERR, "si_code SEGV_ACCERR for a read-only page");
	ok(fi.addr == ro + 100, "si_addr is the address in the read-only page");
	munmap(ro, 4096);
}

int main(void)
{
	ok(killed_by(run_child(null_deref), SIGSEGV), "NULL dereference: SIGSEGV");
	ok(killed_by(run_child(write_code), SIGSEGV), "write to code: SIGSEGV");
	ok(killed_by(run_child(ud2), SIGILL), "ud2: SIGILL");
	ok(killed_by(run_child(divide), SIGFPE), "division by zero: SIGFPE");
	ok(killed_by(run_child(int3), SIGTRAP), "int3: SIGTRAP");
	ok(killed_by(run_child(hlt), SIGSEGV), "hlt in user mode: SIGSEGV");
	ok(killed_by(run_child(noncanonical), SIGSEGV),
	   "non-canonical address: SIGSEGV");
	ok(killed_by(run_child(overflow), SIGSEGV), "stack overflow: SIGSEGV");
	ok(killed_by(run_child(do_abort), SIGABRT), "abort: SIGABRT");
	ok(killed_by(run_child(exec_data), SIGSEGV), "executing data: SIGSEGV");
	test_siginfo();
	return tap_done();
}
