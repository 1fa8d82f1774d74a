/*
 * tests/procfs/sysctl.c: /proc/sys as Linux's sysctl files behave:
 * numbers read whole (a read at a later offset is empty), written from
 * offset 0 only (strict: a write at an offset is ignored), in base 0,
 * bounds and junk are EINVAL, vectors, strings (cut at the length,
 * continued at their end), who may write what (EACCES by mode for
 * others and for read-only knobs even for root, EPERM by capability),
 * ns_last_pid steering the next pid, pipe-max-size rounding, file-nr
 * counting, uuid and boot_id; the knobs of the OOM killer, the page
 * allocator, warnings, exception traces, and drop_caches.
 */
#define _GNU_SOURCE
#include <sched.h>
#include "tap.h"
#include "proc.h"

static long read_num(const char *path)
{
	char buf[64];

	return slurp(path, buf, sizeof(buf)) > 0 ? strtol(buf, NULL, 0) : -1;
}

#define PID_MAX "/proc/sys/kernel/pid_max"

static void test_numbers(void)
{
	long old = read_num(PID_MAX);
	char buf[32];
	int fd;

	ok(old >= 301, "pid_max reads (%ld)", old);
	is(write_str(PID_MAX, "40000\n"), 6, "a write returns its length");
	is(read_num(PID_MAX), 40000, "and sets the value");
	is(write_str(PID_MAX, "0x8000"), 6, "hex is taken (base 0)");
	is(read_num(PID_MAX), 32768, "0x8000 is 32768");
	is(write_str(PID_MAX, "  40001  \n"), 10, "blanks around are fine");
	is(write_str(PID_MAX, "300"), -EINVAL, "below the minimum: EINVAL");
	is(write_str(PID_MAX, "4194305"), -EINVAL, "above the maximum: EINVAL");
	is(write_str(PID_MAX, "123abc"), -EINVAL, "junk after: EINVAL");
	is(write_str(PID_MAX, " \n"), -EINVAL, "no number: EINVAL");
	is(write_str(PID_MAX, "-5"), -EINVAL, "negative: EINVAL (min 301)");
	is(read_num(PID_MAX), 40001, "failed writes change nothing");
	fd = open(PID_MAX, O_RDWR);
	is(pwrite(fd, "50000", 5, 2), 5, "a write at an offset says done ...");
	is(read_num(PID_MAX), 40001, "... and is ignored (strict)");
	is(pread(fd, buf, 2, 0), 2, "a read of 2 bytes at 0");
	is(pread(fd, buf, sizeof(buf), 2), 0, "a read at offset 2 is empty");
	close(fd);
	snprintf(buf, sizeof(buf), "%ld", old);
	write_str(PID_MAX, buf);
	is(read_num(PID_MAX), old, "pid_max restored");
}

static void test_vector_and_strings(void)
{
	char buf[256], old[256], longname[100];
	int fd;

	slurp("/proc/sys/kernel/printk", old, sizeof(old));
	ok(sscanf(old, "%*d\t%*d\t%*d\t%*d\n") == 0 &&
	   strchr(old, '\t') != NULL, "printk: four numbers, tab-separated");
	is(write_str("/proc/sys/kernel/printk", "4"), 1, "a shorter vector");
	slurp("/proc/sys/kernel/printk", buf, sizeof(buf));
	ok(!strncmp(buf, "4\t", 2) && !strcmp(strchr(buf, '\t'),
					     strchr(old, '\t')),
	   "sets the first value only (%.20s)", buf);
	write_str("/proc/sys/kernel/printk", old);
	slurp("/proc/sys/kernel/domainname", old, sizeof(old));
	is(write_str("/proc/sys/kernel/domainname", "abc\n"), 4,
	   "domainname written");
	fd = open("/proc/sys/kernel/domainname", O_WRONLY);
	is(pwrite(fd, "de", 2, 3), 2, "a write at its end ...");
	close(fd);
	slurp("/proc/sys/kernel/domainname", buf, sizeof(buf));
	is_str(buf, "abcde\n", "... continues it");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	is(write_str("/proc/sys/kernel/domainname", longname), 99,
	   "a name too long is taken ...");
	slurp("/proc/sys/kernel/domainname", buf, sizeof(buf));
	is(strlen(buf), 65, "... cut to 64 characters");
	write_str("/proc/sys/kernel/domainname", old);
	fd = open("/proc/sys/kernel/ostype", O_RDONLY);
	is(pread(fd, buf, 3, 2), 3, "a string reads in pieces");
	ok(!strncmp(buf, "nux", 3), "from the offset");
	close(fd);
	expect_errno(open("/proc/sys/kernel/ostype", O_WRONLY), EACCES);
}

static void test_misc(void)
{
	char a[64], b[64];
	long size, before, after;

	slurp("/proc/sys/kernel/random/uuid", a, sizeof(a));
	slurp("/proc/sys/kernel/random/uuid", b, sizeof(b));
	ok(strlen(a) == 37 && a[14] == '4' && strcmp(a, b),
	   "uuid: a new version 4 uuid each time");
	slurp("/proc/sys/kernel/random/boot_id", a, sizeof(a));
	slurp("/proc/sys/kernel/random/boot_id", b, sizeof(b));
	ok(strlen(a) == 37 && !strcmp(a, b), "boot_id: the same each time");
	size = read_num("/proc/sys/fs/pipe-max-size");
	is(write_str("/proc/sys/fs/pipe-max-size", "5000"), 4,
	   "pipe-max-size written");
	is(read_num("/proc/sys/fs/pipe-max-size"), 8192,
	   "rounded up to a power of two pages");
	snprintf(a, sizeof(a), "%ld", size);
	write_str("/proc/sys/fs/pipe-max-size", a);
	slurp("/proc/sys/fs/file-nr", a, sizeof(a));
	ok(sscanf(a, "%ld\t%ld\t%ld", &before, &after, &size) == 3 &&
	   size == read_num("/proc/sys/fs/file-max"),
	   "file-nr: open, free, file-max (%s)", a);
	is(read_num("/proc/sys/kernel/cap_last_cap"), 40, "cap_last_cap 40");
	is(read_num("/proc/sys/kernel/ngroups_max"), 65536, "ngroups_max");
}

/* Knobs whose owners act on them: the values Linux boots with, the
 * bounds, and drop_caches, which is write-only (root too). */
static void test_owned_knobs(void)
{
	char buf[64];
	long kb = read_num("/proc/sys/vm/min_free_kbytes");
	int fd;

	slurp("/proc/sys/kernel/arch", buf, sizeof(buf));
	is_str(buf, "x86_64\n", "kernel.arch");
	is(read_num("/proc/sys/debug/exception-trace"), 1,
	   "debug.exception-trace is on");
	is(write_str("/proc/sys/debug/exception-trace", "0"), 1,
	   "and may be turned off");
	is(read_num("/proc/sys/debug/exception-trace"), 0, "reads back 0");
	write_str("/proc/sys/debug/exception-trace", "1");
	ok(kb >= 128, "vm.min_free_kbytes (%ld)", kb);
	is(write_str("/proc/sys/vm/min_free_kbytes", "-1"), -EINVAL,
	   "min_free_kbytes below 0: EINVAL");
	snprintf(buf, sizeof(buf), "%ld", kb + 4);
	is(write_str("/proc/sys/vm/min_free_kbytes", buf), (long)strlen(buf),
	   "min_free_kbytes written");
	is(read_num("/proc/sys/vm/min_free_kbytes"), kb + 4, "reads back");
	snprintf(buf, sizeof(buf), "%ld", kb);
	write_str("/proc/sys/vm/min_free_kbytes", buf);
	is(read_num("/proc/sys/vm/panic_on_oom"), 0, "vm.panic_on_oom 0");
	is(write_str("/proc/sys/vm/panic_on_oom", "3"), -EINVAL,
	   "panic_on_oom above 2: EINVAL");
	is(read_num("/proc/sys/vm/oom_kill_allocating_task"), 0,
	   "vm.oom_kill_allocating_task 0");
	is(read_num("/proc/sys/vm/oom_dump_tasks"), 1, "vm.oom_dump_tasks 1");
	is(read_num("/proc/sys/kernel/panic_on_warn"), 0,
	   "kernel.panic_on_warn 0");
	is(write_str("/proc/sys/kernel/panic_on_warn", "2"), -EINVAL,
	   "panic_on_warn above 1: EINVAL");
	ok(read_num("/proc/sys/kernel/warn_limit") >= 0, "kernel.warn_limit");
	slurp("/proc/sys/kernel/core_pattern", buf, sizeof(buf));
	is_str(buf, "core\n", "kernel.core_pattern: core");
	is(write_str("/proc/sys/kernel/core_pattern", "/tmp/core.%p\n"), 13,
	   "core_pattern written");
	slurp("/proc/sys/kernel/core_pattern", buf, sizeof(buf));
	is_str(buf, "/tmp/core.%p\n", "and reads back");
	write_str("/proc/sys/kernel/core_pattern", "core");
	is(read_num("/proc/sys/kernel/core_uses_pid"), 0, "core_uses_pid 0");
	is(read_num("/proc/sys/fs/suid_dumpable"), 0, "fs.suid_dumpable 0");
	is(write_str("/proc/sys/fs/suid_dumpable", "3"), -EINVAL,
	   "suid_dumpable above 2: EINVAL");
	ok(read_num("/proc/sys/kernel/randomize_va_space") >= 0 &&
	   read_num("/proc/sys/kernel/randomize_va_space") <= 2,
	   "kernel.randomize_va_space");
	is(read_num("/proc/sys/vm/legacy_va_layout"), 0, "vm.legacy_va_layout");
	is(read_num("/proc/sys/vm/mmap_min_addr"), 65536, "vm.mmap_min_addr");
	expect_errno(open("/proc/sys/vm/drop_caches", O_RDONLY), EACCES);
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	ok(fd >= 0, "drop_caches opens for writing");
	is(write(fd, "3", 1), 1, "drop_caches: 3 is taken");
	is(pwrite(fd, "0", 1, 0), -1, "0 is not ...");
	is(errno, EINVAL, "... EINVAL");
	is(pwrite(fd, "5", 1, 0), -1, "nor 5 (EINVAL)");
	close(fd);
}

static int child_pid(void)
{
	return 0;
}

static void test_ns_last_pid(void)
{
	long last = read_num("/proc/sys/kernel/ns_last_pid");
	char buf[32];
	pid_t pid;
	int st;

	ok(last > 0, "ns_last_pid reads (%ld)", last);
	snprintf(buf, sizeof(buf), "%ld", last + 100);
	is(write_str("/proc/sys/kernel/ns_last_pid", buf), (long)strlen(buf),
	   "ns_last_pid written");
	pid = fork();
	if (pid == 0)
		_exit(child_pid());
	waitpid(pid, &st, 0);
	is(pid, last + 101, "the next fork gets the id after it");
}

static int unprivileged(void)
{
	tap_failures = 0;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 99;
	is(write_str(PID_MAX, "40000"), -EACCES,
	   "others may not write a 0644 knob (EACCES)");
	ok(read_num(PID_MAX) > 0, "but may read it");
	is(write_str("/proc/sys/kernel/ns_last_pid", "1000"), -EPERM,
	   "ns_last_pid (0666) needs a capability (EPERM)");
	return tap_failures;
}

int main(void)
{
	test_numbers();
	test_vector_and_strings();
	test_misc();
	test_owned_knobs();
	test_ns_last_pid();
	is(run_child(unprivileged), 0, "unprivileged checks (child)");
	return tap_done();
}
