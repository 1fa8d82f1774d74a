/*
 * tests/mem/mprotect.c: mprotect changes what a page allows: a write to a
 * PROT_READ page and any access to a PROT_NONE page kill with SIGSEGV,
 * restoring PROT_WRITE works; plus EINVAL and ENOMEM.
 */
#include "tap.h"
#include <sys/mman.h>

#define PG 4096L

static volatile char *page;

static int write_page(void)
{
	page[0] = 1;
	return 0;
}

static int read_page(void)
{
	return page[0] == 123;
}

int main(void)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	page = p;
	p[0] = 'r';
	expect_ok(mprotect(p, PG, PROT_READ));
	is(p[0], 'r', "a PROT_READ page is readable");
	ok(killed_by(run_child(write_page), SIGSEGV),
	   "writing a PROT_READ page kills with SIGSEGV");
	is(p[0], 'r', "the page kept its contents");
	expect_ok(mprotect(p, PG, PROT_NONE));
	ok(killed_by(run_child(read_page), SIGSEGV),
	   "reading a PROT_NONE page kills with SIGSEGV");
	expect_ok(mprotect(p, PG, PROT_READ | PROT_WRITE));
	p[0] = 'w';
	is(p[0], 'w', "PROT_WRITE restored: the page is writable again");
	ok(exited_with(run_child(write_page), 0), "a child may write it too");
	page = p + PG;
	expect_ok(mprotect(p + PG, PG, PROT_READ));
	ok(killed_by(run_child(write_page), SIGSEGV),
	   "mprotect of the second page only affects that page");
	p[0] = 'x';
	is(p[0], 'x', "the first page is still writable");
	expect_errno(syscall(SYS_mprotect, p + 1, PG, PROT_READ), EINVAL);
	expect_errno(syscall(SYS_mprotect, p, PG, 0x1000), EINVAL);
	munmap(p, 2 * PG);
	expect_errno(mprotect(p, PG, PROT_READ), ENOMEM);
	return tap_done();
}
