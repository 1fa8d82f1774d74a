/*
 * tests/helpers/layout: print where exec put this (static) program's
 * pieces, one line of key=hex pairs (tests/lib/layout.h reads them):
 *   stack_lo, stack_hi  the [stack] mapping
 *   vvar, vdso          the [vvar] and [vdso] mappings (0: none)
 *   ehdr                AT_SYSINFO_EHDR
 *   mmap                where mmap(NULL, 4096) went
 *   brk                 the initial break
 *   sp                  the initial stack pointer (where argc was)
 *   rnd0, rnd1          the AT_RANDOM bytes
 *   pers                personality(0xffffffff)
 *   low                 1 if page 0 is mapped (personality MMAP_PAGE_ZERO)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long stack_lo, stack_hi, vvar, vdso, low;

static void read_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	unsigned long lo, hi;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		if (strstr(line, "[stack]"))
			stack_lo = lo, stack_hi = hi;
		else if (strstr(line, "[vvar]"))
			vvar = lo;
		else if (strstr(line, "[vdso]"))
			vdso = lo;
		if (lo == 0)
			low = 1;
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	const unsigned long *rnd = (const unsigned long *)getauxval(AT_RANDOM);
	void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	(void)argc;
	read_maps();
	printf("stack_lo=%#lx stack_hi=%#lx vvar=%#lx vdso=%#lx ehdr=%#lx "
	       "mmap=%#lx brk=%#lx sp=%#lx rnd0=%#lx rnd1=%#lx pers=%#x "
	       "low=%lu\n",
	       stack_lo, stack_hi, vvar, vdso, getauxval(AT_SYSINFO_EHDR),
	       (unsigned long)m, (unsigned long)syscall(SYS_brk, 0),
	       (unsigned long)(argv - 1), rnd ? rnd[0] : 0, rnd ? rnd[1] : 0,
	       personality(0xffffffff), low);
	return 0;
}
