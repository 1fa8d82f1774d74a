/*
 * tests/mem/brk.c: the raw brk syscall: query, grow, use, shrink, and the
 * Linux convention that a refused request returns the unchanged break
 * (no errno).
 */
#include "tap.h"

static unsigned long sys_brk(unsigned long addr)
{
	return (unsigned long)syscall(SYS_brk, addr);
}

static unsigned long old_end;

/* Touch memory above the shrunk break: must fault. */
static int touch_freed(void)
{
	*(volatile char *)(old_end - 1) = 1;
	return 0;
}

int main(void)
{
	unsigned long start = sys_brk(0), end;
	char *p;

	ok(start != 0 && start == sys_brk(0), "brk(0) queries the break");
	end = sys_brk(start + 3 * 4096 + 100);
	is(end, start + 3 * 4096 + 100, "brk grows to the exact address asked");
	is(sys_brk(0), end, "the new break reads back");
	p = (char *)start;
	ok(p[0] == 0 && p[3 * 4096 + 99] == 0, "new heap memory is zeroed");
	memset(p, 0xa5, 3 * 4096 + 100);
	ok((unsigned char)p[3 * 4096 + 99] == 0xa5, "new heap memory is writable");
	is(sys_brk(start + 4096), start + 4096, "brk shrinks");
	old_end = end;
	ok(killed_by(run_child(touch_freed), SIGSEGV),
	   "touching memory above a shrunk break faults");
	is(sys_brk(start + 2 * 4096), start + 2 * 4096, "brk grows again");
	ok(p[4096 + 10] == 0, "memory given back and regrown is zeroed again");
	is(sys_brk(0x1000), start + 2 * 4096,
	   "brk below the heap start is refused: returns the old break");
	is(sys_brk(start + (1UL << 40)), start + 2 * 4096,
	   "brk beyond available memory is refused: returns the old break");
	is(sys_brk(0xffff800000000000UL), start + 2 * 4096,
	   "brk to a kernel address is refused");
	is(sys_brk(start), start, "brk back to the start");
	return tap_done();
}
