/*
 * tests/helpers/interp_probe: a static-PIE built with 2 MiB segment
 * alignment (mk/exec.mk) that a PIE names as its interpreter. Run as
 * one, it prints where exec placed things and exits 0:
 *   base=AT_BASE phdr=AT_PHDR entry=AT_ENTRY self=<its own code>
 *   brk=<the break> stack=<a stack address>
 */
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(void)
{
	int local;

	printf("base=%#lx phdr=%#lx entry=%#lx self=%#lx brk=%#lx "
	       "stack=%#lx\n", getauxval(AT_BASE), getauxval(AT_PHDR),
	       getauxval(AT_ENTRY), (unsigned long)main,
	       (unsigned long)sbrk(0), (unsigned long)&local);
	return 0;
}
