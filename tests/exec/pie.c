/*
 * tests/exec/pie.c: where exec puts position-independent programs, as
 * Linux 6.1: a PIE with an interpreter at two thirds of the address
 * space (ELF_ET_DYN_BASE) plus up to 1 TiB of randomisation, aligned to
 * its largest p_align (2 MiB here); its interpreter where mmap puts it
 * (not aligned: Linux 6.1 does not); a static PIE (a loader run
 * directly) in the mmap area, aligned to its p_align, with its break
 * moved out to ELF_ET_DYN_BASE. Without randomisation the PIE is at
 * 0x555555400000 and the static PIE's break at 0x555555555000.
 * tests/helpers/pie_interp, interp_probe and static_pie (mk/exec.mk)
 * are the programs: 2 MiB p_align set with tools/elf-set-align.py.
 */
#include "layout.h"
#include <sys/personality.h>

#define RUNS 6
#define ALIGN (2UL << 20)
#define ET_DYN_BASE 0x555555554aaaUL
#define MMAP_RND (1UL << 40)
#define PHOFF 64			/* e_phoff: headers right after */

static unsigned long pie[RUNS], interp[RUNS], brks[RUNS];
static char line[512];

static void no_randomize(long unused)
{
	(void)unused;
	personality(ADDR_NO_RANDOMIZE);
}

static int distinct(const unsigned long *a)
{
	int n = 0;

	for (int r = 0; r < RUNS; r++) {
		int seen = 0;

		for (int q = 0; q < r; q++)
			seen |= a[q] == a[r];
		n += !seen;
	}
	return n;
}

/* RUNS runs of path: the program base (from AT_PHDR), the interpreter
 * base (AT_BASE) and the break. 0 or -1. */
static int sample(const char *path, void (*setup)(long))
{
	for (int r = 0; r < RUNS; r++) {
		int st = run_report(path, setup, 0, line, sizeof(line));

		if (!exited_with(st, 0) || !report_value(line, "phdr")) {
			diag("%s: status %#x, '%s'", path, st, line);
			return -1;
		}
		pie[r] = report_value(line, "phdr") - PHOFF;
		interp[r] = report_value(line, "base");
		brks[r] = report_value(line, "brk");
	}
	return 0;
}

static void test_pie(void)
{
	bool aligned = true, range = true, above = true;

	if (!ok(sample("/tests/helpers/pie_interp", NULL) == 0,
		"a PIE with an interpreter runs %d times", RUNS))
		return;
	for (int r = 0; r < RUNS; r++) {
		aligned &= !(pie[r] % ALIGN);
		range &= pie[r] >= (ET_DYN_BASE & ~(ALIGN - 1)) &&
			 pie[r] < ET_DYN_BASE + MMAP_RND;
		above &= interp[r] > pie[r] && brks[r] > pie[r];
	}
	ok(aligned, "the PIE is aligned to its 2 MiB p_align (%#lx)", pie[0]);
	ok(range, "the PIE is within 1 TiB above ELF_ET_DYN_BASE");
	ok(distinct(pie) >= RUNS / 2, "the PIE moves between execs");
	ok(distinct(interp) >= RUNS / 2, "the interpreter moves too");
	ok(distinct(brks) >= RUNS / 2, "and the break");
	ok(above, "interpreter (mmap area) and break lie above the PIE");

	if (!ok(sample("/tests/helpers/pie_interp", no_randomize) == 0,
		"the PIE runs under ADDR_NO_RANDOMIZE"))
		return;
	is(pie[0], ET_DYN_BASE & ~(ALIGN - 1), "ADDR_NO_RANDOMIZE: the PIE "
	   "is at ELF_ET_DYN_BASE aligned down");
	is(distinct(pie), 1, "... every time");
	is(distinct(interp), 1, "the interpreter is in the same place every "
	   "time");
	is(distinct(brks), 1, "and so is the break");
	ok(brks[0] > pie[0] && brks[0] < pie[0] + (1 << 20),
	   "the break starts right after the PIE (%#lx)", brks[0]);
}

static void test_static_pie(void)
{
	bool aligned = true, mmap_area = true, brk_moved = true;

	if (!ok(sample("/tests/helpers/static_pie", NULL) == 0,
		"a static PIE runs %d times", RUNS))
		return;
	for (int r = 0; r < RUNS; r++) {
		aligned &= !(pie[r] % ALIGN);
		mmap_area &= pie[r] > 0x600000000000UL;
		brk_moved &= brks[r] >= ET_DYN_BASE && brks[r] < ET_DYN_BASE +
							      (1UL << 30) + 4096;
	}
	ok(aligned, "the static PIE is aligned to its 2 MiB p_align (%#lx)",
	   pie[0]);
	ok(mmap_area, "it is loaded in the mmap area");
	ok(distinct(pie) >= RUNS / 2, "it moves between execs");
	ok(brk_moved, "its break is within 1 GiB above ELF_ET_DYN_BASE");
	ok(distinct(brks) >= RUNS / 2, "and random");

	if (!ok(sample("/tests/helpers/static_pie", no_randomize) == 0,
		"the static PIE runs under ADDR_NO_RANDOMIZE"))
		return;
	is(distinct(pie), 1, "ADDR_NO_RANDOMIZE: it is in the same place "
	   "every time");
	ok(!(pie[0] % ALIGN), "still aligned (%#lx)", pie[0]);
	is(brks[0], 0x555555555000UL, "its break is at ELF_ET_DYN_BASE, page "
	   "aligned");
}

int main(void)
{
	test_pie();
	test_static_pie();
	return tap_done();
}
