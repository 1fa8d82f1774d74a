/*
 * tests/procfs/oom_adj.c: the legacy /proc/<pid>/oom_adj, a view of
 * oom_score_adj scaled to -17..15 (15 is 1000, -17 is -1000), with its
 * bounds (EINVAL) and its own rule for the unprivileged: no lowering
 * below the current value (EACCES), where oom_score_adj only keeps
 * them above the minimum set with CAP_SYS_RESOURCE.
 */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include "tap.h"
#include "proc.h"

static long read_num(const char *path)
{
	char buf[32];

	return slurp(path, buf, sizeof(buf)) > 0 ? atol(buf) : -9999;
}

#define ADJ "/proc/self/oom_adj"
#define SCORE_ADJ "/proc/self/oom_score_adj"

static int scaled(void)
{
	tap_failures = 0;
	is(write_str(ADJ, "5"), 1, "oom_adj 5 written");
	is(read_num(SCORE_ADJ), 294, "oom_score_adj 5 * 1000 / 17 = 294");
	is(read_num(ADJ), 4, "oom_adj reads 294 * 17 / 1000 = 4");
	is(write_str(ADJ, "15\n"), 3, "oom_adj 15");
	is(read_num(SCORE_ADJ), 1000, "is oom_score_adj 1000");
	is(read_num(ADJ), 15, "and reads 15");
	is(write_str(ADJ, "-17"), 3, "oom_adj -17 (OOM_DISABLE)");
	is(read_num(SCORE_ADJ), -1000, "is oom_score_adj -1000");
	is(read_num(ADJ), -17, "and reads -17");
	is(write_str(ADJ, "16"), -EINVAL, "16: EINVAL");
	is(write_str(ADJ, "-18"), -EINVAL, "-18: EINVAL");
	is(write_str(ADJ, "x"), -EINVAL, "junk: EINVAL");
	is(write_str(SCORE_ADJ, "100"), 3, "back to oom_score_adj 100");
	return tap_failures;
}

static int unprivileged(void)
{
	tap_failures = 0;
	if (write_str(SCORE_ADJ, "100") != 3 || setgroups(0, NULL) ||
	    setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 99;
	prctl(PR_SET_DUMPABLE, 1);
	is(write_str(ADJ, "10"), 2, "raising through oom_adj");
	is(read_num(SCORE_ADJ), 588, "to 588");
	is(write_str(ADJ, "3"), -EACCES,
	   "lowering through oom_adj (below the current value): EACCES");
	is(write_str(SCORE_ADJ, "200"), 3,
	   "oom_score_adj may go down to its minimum (100)");
	is(write_str(SCORE_ADJ, "50"), -EACCES, "not below it: EACCES");
	return tap_failures;
}

int main(void)
{
	is(read_num(ADJ), read_num(SCORE_ADJ) * 17 / 1000,
	   "oom_adj is oom_score_adj scaled");
	is(run_child(scaled), 0, "the scale and bounds (child)");
	is(run_child(unprivileged), 0, "the unprivileged rules (child)");
	return tap_done();
}
