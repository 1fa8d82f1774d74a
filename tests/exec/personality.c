/*
 * tests/exec/personality.c: personality(2) as Linux 6.1: any value is
 * taken (0xffffffff only asks) and the old one returned; fork inherits
 * it and exec keeps it, except READ_IMPLIES_EXEC (a 64-bit program
 * never has it) and, for a set-user-ID exec, PER_CLEAR_ON_SETID
 * (ADDR_NO_RANDOMIZE, ADDR_COMPAT_LAYOUT, READ_IMPLIES_EXEC,
 * MMAP_PAGE_ZERO). READ_IMPLIES_EXEC makes PROT_READ mappings
 * executable; ADDR_COMPAT_LAYOUT gives the bottom-up layout from a
 * third of the address space; MMAP_PAGE_ZERO maps page 0 at exec where
 * mmap_min_addr allows (CAP_SYS_RAWIO).
 */
#include "layout.h"
#include <sys/mman.h>
#include <sys/personality.h>

#define LAYOUT "/tests/helpers/layout"
#define TOP 0x7ffffffff000UL

static char line[512], prog[64];

static int report(void (*setup)(long), long arg)
{
	int st = run_report(LAYOUT, setup, arg, line, sizeof(line));

	return exited_with(st, 0) ? 0 : -1;
}

static void set_pers(long p)
{
	personality(p);
}

static void set_pers_as_nobody(long p)
{
	personality(p);
	if (syscall(SYS_setgroups, 0, NULL) ||
	    syscall(SYS_setresgid, 65534, 65534, 65534) ||
	    syscall(SYS_setresuid, 65534, 65534, 65534))
		_exit(99);
}

static int set_and_get(void)
{
	unsigned int old = personality(0xffffffff);

	if (personality(0x12345678) != (int)old)
		return 1;
	if (personality(0xffffffff) != 0x12345678)
		return 2;
	if (personality(0xfffffffe) != 0x12345678)
		return 3;
	return personality(0xffffffff) == (int)0xfffffffe ? 0 : 4;
}

static int fork_inherits(void)
{
	int st;

	personality(ADDR_NO_RANDOMIZE | SHORT_INODE);
	st = fork();
	if (st == 0)
		_exit(personality(0xffffffff) == (ADDR_NO_RANDOMIZE | SHORT_INODE) ?
			      0 : 1);
	waitpid(st, &st, 0);
	return exited_with(st, 0) ? 0 : 1;
}

/* Is the page at p executable in our maps? 1, 0, or -1 (not found). */
static int maps_exec(void *p)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line2[512], perms[8];
	int r = -1;

	while (f && fgets(line2, sizeof(line2), f))
		if (sscanf(line2, "%lx-%lx %7s", &lo, &hi, perms) == 3 &&
		    lo <= (unsigned long)p && (unsigned long)p < hi)
			r = perms[2] == 'x';
	if (f)
		fclose(f);
	return r;
}

static int read_implies_exec(void)
{
	void *p;

	personality(READ_IMPLIES_EXEC);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || maps_exec(p) != 1)
		return 1;
	if (mprotect(p, 4096, PROT_READ | PROT_WRITE) || maps_exec(p) != 1)
		return 2;
	if (mprotect(p, 4096, PROT_WRITE) || maps_exec(p) != 0)
		return 3;	/* write alone does not imply exec */
	personality(0);
	if (mprotect(p, 4096, PROT_READ) || maps_exec(p) != 0)
		return 4;
	return 0;
}

/* A copy of the layout helper at prog, set-user-ID root. */
static int install_suid(void)
{
	static char buf[1 << 16];
	int in = open(LAYOUT, O_RDONLY), out;
	ssize_t n;

	scratch(prog, sizeof(prog), "layout-suid");
	out = open(prog, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	return chown(prog, 0, 0) || chmod(prog, 04755) ? -1 : 0;
}

static void test_exec(void)
{
	unsigned long pers;

	if (ok(report(set_pers, ADDR_NO_RANDOMIZE | SHORT_INODE |
			  READ_IMPLIES_EXEC) == 0, "exec with flags set"))
		is(report_value(line, "pers"), ADDR_NO_RANDOMIZE | SHORT_INODE,
		   "exec keeps the personality but READ_IMPLIES_EXEC");
	if (ok(report(set_pers, ADDR_COMPAT_LAYOUT) == 0,
	       "exec with ADDR_COMPAT_LAYOUT")) {
		unsigned long m = report_value(line, "mmap");

		ok(m >= TOP / 3 && m < TOP / 3 + (1UL << 40) + (1UL << 20),
		   "mmap is bottom-up from a third of the way up (%#lx)", m);
	}
	if (ok(report(set_pers, MMAP_PAGE_ZERO) == 0,
	       "exec with MMAP_PAGE_ZERO as root"))
		is(report_value(line, "low"), 1, "page 0 is mapped");
	if (ok(report(set_pers_as_nobody, MMAP_PAGE_ZERO) == 0,
	       "exec with MMAP_PAGE_ZERO as nobody"))
		is(report_value(line, "low"), 0, "without CAP_SYS_RAWIO it "
		   "is not (and the exec goes on)");
	if (!ok(install_suid() == 0, "a set-user-ID root copy of the helper"))
		return;
	if (ok(run_report(prog, set_pers_as_nobody,
			  ADDR_NO_RANDOMIZE | ADDR_COMPAT_LAYOUT |
				  SHORT_INODE | WHOLE_SECONDS, line,
			  sizeof(line)) == 0, "nobody runs it")) {
		pers = report_value(line, "pers");
		is(pers, SHORT_INODE | WHOLE_SECONDS, "the set-user-ID exec "
		   "cleared ADDR_NO_RANDOMIZE and ADDR_COMPAT_LAYOUT only");
	}
	unlink(prog);
}

int main(void)
{
	ok(exited_with(run_child(set_and_get), 0), "any value is taken, the "
	   "old one returned; 0xffffffff only asks");
	ok(exited_with(run_child(fork_inherits), 0), "a fork child has its "
	   "parent's personality");
	ok(exited_with(run_child(read_implies_exec), 0), "READ_IMPLIES_EXEC: "
	   "PROT_READ mappings (and mprotects) are executable");
	test_exec();
	return tap_done();
}
