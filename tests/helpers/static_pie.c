/*
 * tests/helpers/static_pie: a static-PIE (no interpreter) with 2 MiB
 * segment alignment (mk/exec.mk): exec loads it as Linux loads ld.so
 * run directly. Prints where it went:
 *   self=<its code> phdr=<AT_PHDR> brk=<the break> stack=<a stack address>
 */
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(void)
{
	int local;

	printf("self=%#lx phdr=%#lx brk=%#lx stack=%#lx\n",
	       (unsigned long)main, getauxval(AT_PHDR), (unsigned long)sbrk(0),
	       (unsigned long)&local);
	return 0;
}
