/*
 * tests/exec/vdso.c: the vDSO, as Linux 6.1 maps it: an ELF shared
 * object at AT_SYSINFO_EHDR, shown as [vdso] with four [vvar] pages
 * just below, exporting __vdso_clock_gettime, __vdso_gettimeofday,
 * __vdso_time, __vdso_clock_getres and __vdso_getcpu (and their plain
 * names) at version LINUX_2.6. What it answers must agree with the
 * system calls: a vDSO read, a syscall and a second vDSO read come out
 * in order for every clock it handles, also across CPUs and right
 * after clock_settime/settimeofday; the clocks it does not handle (CPU
 * time, bad ids) are the syscall's answer; getcpu is the CPU we run
 * on. [vvar] cannot be written and its unused pages are SIGBUS; [vdso]
 * may be made writable (a debugger's breakpoint) and that stays our
 * own. In a time namespace (Linux; tine has none yet: skipped) the
 * offsets apply.
 */
#include "vdso.h"
#include "tap.h"
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>

#define PAGE 4096UL
#define NSEC 1000000000LL

typedef int (*gettime_fn)(clockid_t, struct timespec *);
typedef int (*gettimeofday_fn)(struct timeval *, struct timezone *);
typedef long (*time_fn)(long *);
typedef int (*getres_fn)(clockid_t, struct timespec *);
typedef long (*getcpu_fn)(unsigned int *, unsigned int *, void *);

static gettime_fn vgettime;
static gettimeofday_fn vgettimeofday;
static time_fn vtime;
static getres_fn vgetres;
static getcpu_fn vgetcpu;
static unsigned long vdso_base, vdso_end;

static long long ts_ns(const struct timespec *t)
{
	return t->tv_sec * NSEC + t->tv_nsec;
}

static long long vdso_now(clockid_t c)
{
	struct timespec t = { 0, 0 };

	return vgettime(c, &t) ? -1 : ts_ns(&t);
}

static long long sys_now(clockid_t c)
{
	struct timespec t = { 0, 0 };

	return syscall(SYS_clock_gettime, c, &t) ? -1 : ts_ns(&t);
}

static void test_symbols(void)
{
	const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	char line[256];
	unsigned long lo, hi, vvar = 0, vdso = 0;
	FILE *f;

	if (!ok(eh != NULL, "AT_SYSINFO_EHDR is present"))
		exit(tap_done());
	vdso_base = (unsigned long)eh;
	ok(!memcmp(eh->e_ident, ELFMAG, SELFMAG) && eh->e_type == ET_DYN &&
	   eh->e_machine == EM_X86_64, "it points at an x86-64 ELF shared "
	   "object");
	vgettime = vdso_sym("__vdso_clock_gettime", "LINUX_2.6");
	vgettimeofday = vdso_sym("__vdso_gettimeofday", "LINUX_2.6");
	vtime = vdso_sym("__vdso_time", "LINUX_2.6");
	vgetres = vdso_sym("__vdso_clock_getres", "LINUX_2.6");
	vgetcpu = vdso_sym("__vdso_getcpu", "LINUX_2.6");
	ok(vgettime && vgettimeofday && vtime && vgetres && vgetcpu,
	   "the five __vdso_ functions are there at LINUX_2.6");
	ok(vdso_sym("clock_gettime", "LINUX_2.6") == (void *)vgettime &&
	   vdso_sym("getcpu", "LINUX_2.6") == (void *)vgetcpu,
	   "and under their plain names");
	ok(!vdso_sym("__vdso_clock_gettime", "LINUX_9.9"),
	   "no symbol at another version");
	if (!vgettime || !vgettimeofday || !vtime || !vgetres || !vgetcpu)
		exit(tap_done());

	f = fopen("/proc/self/maps", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		if (strstr(line, "[vvar]") && strstr(line, " r--p "))
			vvar = lo;
		if (strstr(line, "[vdso]") && strstr(line, " r-xp "))
			vdso = lo, vdso_end = hi;
	}
	if (f)
		fclose(f);
	is(vdso, vdso_base, "maps shows [vdso] r-xp at AT_SYSINFO_EHDR");
	is(vvar, vdso_base - 4 * PAGE, "and [vvar] r--p, four pages right "
	   "below it");
	ok(vdso_end > vdso, "[vdso] is at least a page");
}

/* vDSO, syscall, vDSO: in order, and close. */
static void test_clock(clockid_t c, const char *name)
{
	long long a = vdso_now(c), b = sys_now(c), d = vdso_now(c);

	ok(a > 0 && a <= b && b <= d && d - a < 5 * NSEC,
	   "%s: vDSO %lld <= syscall %lld <= vDSO %lld", name, a, b, d);
}

static void test_clocks(void)
{
	long long fine, coarse, sys_coarse, later;
	struct timespec r1, r2;
	int bad = 0;

	test_clock(CLOCK_REALTIME, "CLOCK_REALTIME");
	test_clock(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	test_clock(CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW");
	test_clock(CLOCK_BOOTTIME, "CLOCK_BOOTTIME");
	test_clock(CLOCK_TAI, "CLOCK_TAI");
	test_clock(CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE");
	test_clock(CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE");

	coarse = vdso_now(CLOCK_MONOTONIC_COARSE);
	fine = vdso_now(CLOCK_MONOTONIC);
	sys_coarse = sys_now(CLOCK_MONOTONIC_COARSE);
	ok(coarse <= fine && fine - coarse < NSEC && sys_coarse <= fine + 0 +
	   NSEC, "the coarse clock trails the fine one by less than a second");

	/* CPU time: the vDSO asks the kernel. */
	fine = vdso_now(CLOCK_PROCESS_CPUTIME_ID);
	later = sys_now(CLOCK_PROCESS_CPUTIME_ID);
	ok(fine > 0 && fine <= later, "CLOCK_PROCESS_CPUTIME_ID through the "
	   "vDSO: %lld <= %lld", fine, later);
	fine = vdso_now(CLOCK_THREAD_CPUTIME_ID);
	ok(fine > 0, "CLOCK_THREAD_CPUTIME_ID through the vDSO");
	is(vgettime(100, &r1), -EINVAL, "a bad clock id: the syscall's -EINVAL");
	is(vgettime(-1, &r1), -EINVAL, "a bad CPU clock id: -EINVAL");

	for (clockid_t c = 0; c < 12; c++) {
		long vr = vgetres(c, &r1), sr = syscall(SYS_clock_getres, c, &r2);

		if (vr != (sr < 0 ? -errno : sr) ||
		    (!vr && (r1.tv_sec != r2.tv_sec || r1.tv_nsec != r2.tv_nsec))) {
			diag("clock %d: vDSO %ld {%ld, %ld}, syscall %ld {%ld, %ld}",
			     c, vr, r1.tv_sec, r1.tv_nsec, sr, r2.tv_sec,
			     r2.tv_nsec);
			bad++;
		}
	}
	is(bad, 0, "clock_getres agrees with the syscall for clocks 0..11");
	is(vgetres(CLOCK_MONOTONIC, NULL), 0, "clock_getres takes NULL");
}

static void test_timeofday(void)
{
	struct timeval a, b, d;
	struct timezone tz = { -1, -1 };
	long t1, t2, t3, out = 0;

	vgettimeofday(&a, NULL);
	syscall(SYS_gettimeofday, &b, NULL);
	vgettimeofday(&d, &tz);
	ok((a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_usec <= b.tv_usec)) &&
	   (b.tv_sec < d.tv_sec || (b.tv_sec == d.tv_sec && b.tv_usec <= d.tv_usec)),
	   "gettimeofday: vDSO <= syscall <= vDSO");
	ok(d.tv_usec >= 0 && d.tv_usec < 1000000, "tv_usec in range");
	is(vgettimeofday(NULL, NULL), 0, "gettimeofday(NULL, NULL)");
	t1 = vtime(&out);
	t2 = syscall(SYS_time, NULL);
	t3 = vtime(NULL);
	ok(t1 <= t2 && t2 <= t3 && out == t1, "time: vDSO %ld <= syscall %ld "
	   "<= vDSO %ld, also stored", t1, t2, t3);
	ok(t2 <= d.tv_sec + 1 && t2 >= a.tv_sec - 1, "time agrees with "
	   "gettimeofday");
}

/* getcpu on every CPU we may run on: the one we are pinned to. */
static void test_getcpu(void)
{
	cpu_set_t all, one;
	int bad = 0, n = 0;

	if (sched_getaffinity(0, sizeof(all), &all))
		return;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		unsigned int vc = ~0U, vn = ~0U, sc = ~0U;

		if (!CPU_ISSET(c, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(c, &one);
		if (sched_setaffinity(0, sizeof(one), &one))
			continue;
		n++;
		vgetcpu(&vc, &vn, NULL);
		syscall(SYS_getcpu, &sc, NULL, NULL);
		if (vc != (unsigned int)c || sc != vc || vn != 0)
			bad++;
	}
	sched_setaffinity(0, sizeof(all), &all);
	ok(n > 0 && !bad, "getcpu is the CPU we are pinned to, on each of "
	   "%d CPUs, node 0", n);
	is(vgetcpu(NULL, NULL, NULL), 0, "getcpu with NULL pointers");
}

/* Threads on different CPUs: the clock never goes back between them. */
static long long last;		/* the latest reading anyone made */
static volatile int backwards;

static void *clock_thread(void *arg)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET((long)arg, &one);
	sched_setaffinity(0, sizeof(one), &one);
	for (int i = 0; i < 20000; i++) {
		long long seen = __atomic_load_n(&last, __ATOMIC_SEQ_CST);
		long long now = i & 1 ? vdso_now(CLOCK_MONOTONIC) :
					sys_now(CLOCK_MONOTONIC);

		if (now < seen)
			backwards = 1;
		while (seen < now &&
		       !__atomic_compare_exchange_n(&last, &seen, now, 0,
						    __ATOMIC_SEQ_CST,
						    __ATOMIC_SEQ_CST))
			;
	}
	return NULL;
}

static void test_smp(void)
{
	pthread_t t[4];
	cpu_set_t all;
	long cpus[4], n = 0;

	sched_getaffinity(0, sizeof(all), &all);
	for (int c = 0; c < CPU_SETSIZE && n < 4; c++)
		if (CPU_ISSET(c, &all))
			cpus[n++] = c;
	if (n < 2) {
		ok(1, "one CPU: no cross-CPU clock check # SKIP");
		return;
	}
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, clock_thread, (void *)cpus[i]);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	ok(!backwards, "CLOCK_MONOTONIC (vDSO and syscall) never goes back "
	   "between %ld CPUs", n);
}

static int write_vvar(void)
{
	*(volatile char *)(vdso_base - 4 * PAGE) = 1;
	return 0;
}

static int read_vvar_page1(void)
{
	return *(volatile char *)(vdso_base - 3 * PAGE);
}

/* A writable vDSO is our own copy (the whole of it: a special mapping
 * is never split). */
static int patch_vdso(void)
{
	if (mprotect((void *)vdso_base, vdso_end - vdso_base,
		     PROT_READ | PROT_WRITE | PROT_EXEC))
		return 100 + errno;
	*(volatile char *)vdso_base = 'X';
	return *(volatile char *)vdso_base == 'X' ? 0 : 3;
}

static int forked_vdso(void)
{
	return vdso_now(CLOCK_MONOTONIC) > 0 &&
	       getauxval(AT_SYSINFO_EHDR) == vdso_base ? 0 : 1;
}

static void test_mappings(void)
{
	int st;

	ok(killed_by(run_child(write_vvar), SIGSEGV), "writing [vvar] is SIGSEGV");
	ok(killed_by(run_child(read_vvar_page1), SIGBUS), "reading an unused "
	   "[vvar] page is SIGBUS");
	errno = 0;
	ok(munmap((void *)(vdso_base - 2 * PAGE), PAGE) == -1 &&
	   errno == EINVAL, "[vvar] cannot be cut in two (munmap of one page "
	   "is EINVAL)");
	errno = 0;
	ok(mprotect((void *)(vdso_base - 3 * PAGE), PAGE, PROT_NONE) == -1 &&
	   errno == EINVAL, "nor by mprotect");
	st = run_child(patch_vdso);
	ok(exited_with(st, 0), "[vdso] can be made writable and written (a "
	   "breakpoint): status %#x", st);
	is(*(volatile char *)vdso_base, 0x7f, "the write stayed in that "
	   "process");
	ok(exited_with(run_child(forked_vdso), 0), "a fork child has the "
	   "vDSO where we have it");
}

/* The vDSO follows clock_settime and settimeofday at once. */
static void test_settime(void)
{
	struct timespec now, far;
	struct timezone tz = { 60, 0 }, got = { 0, 0 }, zero = { 0, 0 };
	struct timeval tv;
	long long moved;

	syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
	far = now;
	far.tv_sec += 100000;
	if (!ok(syscall(SYS_clock_settime, CLOCK_REALTIME, &far) == 0,
		"clock_settime to 100000 s ahead"))
		return;
	moved = vdso_now(CLOCK_REALTIME);
	now.tv_sec = moved / NSEC - 100000;
	now.tv_nsec = moved % NSEC;
	syscall(SYS_clock_settime, CLOCK_REALTIME, &now);
	ok(moved >= ts_ns(&far) && moved < ts_ns(&far) + 5 * NSEC,
	   "the vDSO's CLOCK_REALTIME moved with it");
	ok(vdso_now(CLOCK_REALTIME) < ts_ns(&far) - 50000 * NSEC,
	   "and back");
	if (ok(syscall(SYS_settimeofday, NULL, &tz) == 0,
	       "settimeofday sets a timezone"))
		vgettimeofday(&tv, &got);
	is(got.tz_minuteswest, 60, "the vDSO's gettimeofday reports it");
	syscall(SYS_settimeofday, NULL, &zero);
}

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif

/* In a time namespace (children of unshare(CLONE_NEWTIME)): MONOTONIC
 * and BOOTTIME move by the offsets, REALTIME does not. */
static int timens_child(void)
{
	long long vm = vdso_now(CLOCK_MONOTONIC), sm = sys_now(CLOCK_MONOTONIC);
	long long vb = vdso_now(CLOCK_BOOTTIME), vr = vdso_now(CLOCK_REALTIME);
	long long sr = sys_now(CLOCK_REALTIME);

	if (vm > sm || sm - vm > 5 * NSEC || vm < 1000000 * NSEC)
		return 1;
	if (vb < 2000000 * NSEC)
		return 2;
	return vr <= sr ? 0 : 3;
}

static int timens_test(void)
{
	const char *offsets = "monotonic 1000000 0\nboottime 2000000 0\n";
	int fd;

	if (unshare(CLONE_NEWTIME))
		return 100;
	fd = open("/proc/self/timens_offsets", O_WRONLY);
	if (fd < 0 || write(fd, offsets, strlen(offsets)) < 0)
		return 101;
	close(fd);
	return WEXITSTATUS(run_child(timens_child));
}

static void test_timens(void)
{
	int st = run_child(timens_test);

	if (exited_with(st, 100)) {
		ok(1, "no time namespaces on this kernel # SKIP");
		return;
	}
	ok(exited_with(st, 0), "in a time namespace the vDSO adds its "
	   "MONOTONIC and BOOTTIME offsets (status %#x)", st);
}

int main(void)
{
	test_symbols();
	test_clocks();
	test_timeofday();
	test_getcpu();
	test_smp();
	test_mappings();
	test_settime();
	test_timens();
	return tap_done();
}
