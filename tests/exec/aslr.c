/*
 * tests/exec/aslr.c: address-space randomisation at exec, as Linux 6.1
 * on x86-64. With randomize_va_space 2 (the default) every exec gets a
 * new stack top (within 16 GiB below the top of user space), stack
 * pointer (within 8 KiB below), mmap base (within 1 TiB below the room
 * RLIMIT_STACK and the stack's randomisation leave), break (within
 * 1 GiB above the bss, a page apart), vDSO (just above the stack, in
 * its 2 MiB page) and AT_RANDOM bytes. personality(ADDR_NO_RANDOMIZE)
 * (setarch -R) gives the same layout every time: the stack ending at
 * 0x7ffffffff000, mmap right under the vDSO, the break at the bss end;
 * AT_RANDOM stays random. kernel.randomize_va_space 0 and 1 (if the
 * sysctl exists) switch off everything or keep the break fixed.
 *
 * Never flaky: a randomised value must take at least RUNS / 2 distinct
 * values over RUNS execs (for 18 or more bits of entropy a failure is
 * astronomically unlikely); a fixed one must take exactly one.
 */
#include "layout.h"
#include <sys/personality.h>
#include <sys/resource.h>

#define RUNS 6
#define TOP 0x7ffffffff000UL
#define PAGE 4096UL
#define STACK_RND (1UL << 34)		/* 16 GiB */
#define MMAP_RND (1UL << 40)		/* 1 TiB */
#define BRK_RND (1UL << 30)
#define LAYOUT "/tests/helpers/layout"

enum { STACK, SP, MMAP, BRK, VDSO, RND, NFIELD };
static const char *const names[NFIELD] = { "stack top", "stack pointer",
					   "mmap base", "break", "vDSO",
					   "AT_RANDOM" };
static const char *const keys[NFIELD] = { "stack_hi", "sp", "mmap", "brk",
					  "vdso", "rnd0" };

static unsigned long v[RUNS][NFIELD];
static unsigned long bss_end;	/* the helper's, page aligned */
static char line[512];

static void no_randomize(long unused)
{
	(void)unused;
	personality(ADDR_NO_RANDOMIZE);
}

/* RUNS execs of the helper (setup in the child first): 0 or -1. */
static int sample(void (*setup)(long))
{
	for (int r = 0; r < RUNS; r++) {
		int st = run_report(LAYOUT, setup, 0, line, sizeof(line));

		if (!exited_with(st, 0) || !report_value(line, "stack_hi")) {
			diag("run %d: status %#x, line '%s'", r, st, line);
			return -1;
		}
		for (int f = 0; f < NFIELD; f++)
			v[r][f] = report_value(line, keys[f]);
	}
	return 0;
}

static int distinct(int f)
{
	int n = 0;

	for (int r = 0; r < RUNS; r++) {
		int seen = 0;

		for (int q = 0; q < r; q++)
			seen |= v[q][f] == v[r][f];
		n += !seen;
	}
	return n;
}

/* What the mmap base may be at most (no randomisation: exactly). */
static unsigned long mmap_base_max(bool randomized)
{
	struct rlimit rl;
	unsigned long gap;

	getrlimit(RLIMIT_STACK, &rl);
	gap = rl.rlim_cur + (1UL << 20) + (randomized ? STACK_RND - PAGE : 0);
	if (gap < (128UL << 20))
		gap = 128UL << 20;
	if (gap > TOP / 6 * 5)
		gap = TOP / 6 * 5;
	return TOP - gap;
}

static void test_randomized(void)
{
	unsigned long base = mmap_base_max(true);
	bool in_range = true;

	if (!ok(sample(NULL) == 0, "the layout helper reports, %d runs", RUNS))
		return;
	for (int f = 0; f < NFIELD; f++)
		ok(distinct(f) >= RUNS / 2, "the %s differs between execs "
		   "(%d distinct of %d)", names[f], distinct(f), RUNS);
	for (int r = 0; r < RUNS; r++) {
		unsigned long *s = v[r];

		in_range &= s[STACK] <= TOP && s[STACK] > TOP - STACK_RND &&
			    !(s[STACK] % PAGE);
		in_range &= s[SP] < s[STACK] && s[SP] > s[STACK] - 3 * 8192 &&
			    !(s[SP] % 16);
		in_range &= s[MMAP] < base && s[MMAP] > base - MMAP_RND - (1 << 20);
		in_range &= s[BRK] >= bss_end + PAGE &&
			    s[BRK] < bss_end + PAGE + BRK_RND;
		in_range &= s[VDSO] >= s[STACK] &&
			    s[VDSO] < ((s[STACK] + (2 << 20)) & ~((2UL << 20) - 1)) +
					      (2 << 20);
		if (!in_range) {
			diag("run %d out of range: stack %#lx sp %#lx mmap %#lx "
			     "brk %#lx vdso %#lx", r, s[STACK], s[SP], s[MMAP],
			     s[BRK], s[VDSO]);
			break;
		}
	}
	ok(in_range, "every value within Linux's randomisation ranges");
}

static void test_fixed(void)
{
	unsigned long *s = v[0];

	if (!ok(sample(no_randomize) == 0,
		"the helper reports under ADDR_NO_RANDOMIZE"))
		return;
	for (int f = 0; f < NFIELD; f++)
		if (f != RND)
			is(distinct(f), 1, "ADDR_NO_RANDOMIZE: the %s is the same "
			   "every time", names[f]);
	ok(distinct(RND) >= RUNS / 2, "ADDR_NO_RANDOMIZE: AT_RANDOM is still "
	   "random");
	is(s[STACK], TOP, "the stack ends at the top of user space");
	ok(s[SP] < TOP && s[SP] > TOP - 8192, "the stack pointer is just "
	   "below the strings (%#lx)", s[SP]);
	is(s[BRK], bss_end, "the break starts at the end of the bss");
	ok(s[VDSO] < mmap_base_max(false) && s[VDSO] > mmap_base_max(false) -
	   (64 << 10), "the vDSO is the first mapping under the mmap base");
	ok(s[MMAP] < s[VDSO], "mmap goes on below it (%#lx)", s[MMAP]);
}

/* Write kernel.randomize_va_space: the old value, or -1 (no sysctl). */
static int set_randomize(int level)
{
	char buf[8] = "";
	int fd = open("/proc/sys/kernel/randomize_va_space", O_RDWR), old;

	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) <= 0) {
		close(fd);
		return -1;
	}
	old = atoi(buf);
	snprintf(buf, sizeof(buf), "%d\n", level);
	if (pwrite(fd, buf, strlen(buf), 0) < 0)
		old = -1;
	close(fd);
	return old;
}

static void test_sysctl(void)
{
	int old = set_randomize(0);

	if (old < 0) {
		ok(1, "no writable kernel.randomize_va_space # SKIP");
		return;
	}
	if (ok(sample(NULL) == 0, "randomize_va_space 0: the helper reports"))
		for (int f = 0; f < NFIELD - 1; f++)
			is(distinct(f), 1, "randomize_va_space 0: the %s is fixed",
			   names[f]);
	set_randomize(1);
	if (ok(sample(NULL) == 0, "randomize_va_space 1: the helper reports")) {
		ok(distinct(STACK) >= RUNS / 2, "randomize_va_space 1: the "
		   "stack is random");
		ok(distinct(MMAP) >= RUNS / 2, "randomize_va_space 1: mmap "
		   "is random");
		is(distinct(BRK), 1, "randomize_va_space 1: the break is not");
		is(v[0][BRK], bss_end, "randomize_va_space 1: the break is at "
		   "the end of the bss");
	}
	set_randomize(old);
}

int main(void)
{
	/* The helper reports its break with randomisation off: that is
	 * where its bss ends. */
	if (run_report(LAYOUT, no_randomize, 0, line, sizeof(line)) < 0)
		return 1;
	bss_end = report_value(line, "brk");
	test_randomized();
	test_fixed();
	test_sysctl();
	return tap_done();
}
