/*
 * tests/exec/layout.c: the address-space rules around mmap, as Linux
 * 6.1 on x86-64: below vm.mmap_min_addr (64 KiB) only CAP_SYS_RAWIO may
 * map (MAP_FIXED; EPERM otherwise) and a hint is raised to it; mmap
 * leaves the stack guard gap (256 pages) below the stack; the mmap base
 * sits below the largest stack RLIMIT_STACK allows (at least 128 MiB
 * below the top, at most 5/6 of the way down, so an unlimited stack
 * does not switch to the bottom-up layout on x86-64).
 */
#include "layout.h"
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/resource.h>

#define LAYOUT "/tests/helpers/layout"
#define TOP 0x7ffffffff000UL
#define GUARD (256UL * 4096)

static char line[512];

static long raw_mmap(unsigned long addr, int flags)
{
	return syscall(SYS_mmap, addr, 4096, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static int low_map_as_nobody(void)
{
	long r;

	if (syscall(SYS_setgroups, 0, NULL) ||
	    syscall(SYS_setresgid, 65534, 65534, 65534) ||
	    syscall(SYS_setresuid, 65534, 65534, 65534))
		return 99;
	r = raw_mmap(0x1000, MAP_FIXED);
	if (r != -1 || errno != EPERM)
		return 1;
	r = raw_mmap(0x1000, 0);
	return r == 0x10000 ? 0 : 2;
}

static void test_min_addr(void)
{
	long r = raw_mmap(0x1000, MAP_FIXED);

	is(r, 0x1000, "root (CAP_SYS_RAWIO) may map at 0x1000");
	if (r == 0x1000)
		munmap((void *)r, 4096);
	r = raw_mmap(0x2000, 0);
	is(r, 0x10000, "a hint below mmap_min_addr is raised to it");
	if (r > 0)
		munmap((void *)r, 4096);
	ok(exited_with(run_child(low_map_as_nobody), 0), "without "
	   "CAP_SYS_RAWIO: MAP_FIXED below it is EPERM, a hint is raised");
}

static void test_guard_gap(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi, stack = 0;
	long r;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 &&
		    strstr(line, "[stack]"))
			stack = lo;
	if (f)
		fclose(f);
	if (!ok(stack, "[stack] found"))
		return;
	r = raw_mmap(stack - 16 * 4096, 0);
	ok(r > 0 && ((unsigned long)r + 4096 <= stack - GUARD ||
		     (unsigned long)r > stack),
	   "a hint inside the guard gap below the stack is not taken (%#lx)", r);
	if (r > 0)
		munmap((void *)r, 4096);
	r = raw_mmap(stack - GUARD - 4096, 0);
	is(r, stack - GUARD - 4096, "a hint just below the gap is");
	if (r > 0)
		munmap((void *)r, 4096);
}

static void stack_limit(long limit)
{
	struct rlimit rl = { (rlim_t)limit, RLIM_INFINITY };

	personality(ADDR_NO_RANDOMIZE);
	setrlimit(RLIMIT_STACK, &rl);
}

/* The vDSO goes first under the mmap base (no randomisation). */
static unsigned long vdso_under_base(long limit)
{
	if (!exited_with(run_report(LAYOUT, stack_limit, limit, line,
				    sizeof(line)), 0))
		return 0;
	return report_value(line, "vvar");
}

static void test_rlimit_stack(void)
{
	unsigned long base, v;

	base = TOP - (1UL << 30) - (1UL << 20);
	v = vdso_under_base(1L << 30);
	ok(v < base && v > base - (64 << 10), "RLIMIT_STACK 1 GiB: the mmap "
	   "base is 1 GiB and the guard gap below the top (%#lx)", v);
	base = TOP - (128UL << 20);
	v = vdso_under_base(1L << 20);
	ok(v < base && v > base - (64 << 10), "RLIMIT_STACK 1 MiB: at least "
	   "128 MiB below the top (%#lx)", v);
	base = TOP - TOP / 6 * 5;
	v = vdso_under_base(RLIM_INFINITY);
	ok(v < base && v > base - (64 << 10), "RLIMIT_STACK unlimited: 5/6 "
	   "of the way down, still top-down (%#lx)", v);
}

int main(void)
{
	test_min_addr();
	test_guard_gap();
	test_rlimit_stack();
	return tap_done();
}
