/*
 * The vDSO: the time calls user space makes without entering the
 * kernel. Built as a position-independent shared object without libc
 * (arch/x86_64/vdso/vdso.lds, the Makefile's vdso rules), mapped into
 * every process (arch/x86_64/vdso.c); glibc and musl find its symbols
 * through AT_SYSINFO_EHDR.
 *
 * Clocks come from the data page [vvar] just below the code, with the
 * kernel's own formulas (tine/vdso_datapage.h). What the data cannot
 * answer goes to the system call: CPU-time clocks, unknown clock ids,
 * a clock mode the vDSO does not know.
 */
#include <tine/time.h>
#include <tine/vdso_datapage.h>

/* The data pages, placed by the linker script just below us. */
extern const struct vdso_data vvar_data __attribute__((visibility("hidden")));
extern const struct vdso_data vvar_timens_data
	__attribute__((visibility("hidden")));

struct vdso_timespec {
	long tv_sec;
	long tv_nsec;
};

struct vdso_timeval {
	long tv_sec;
	long tv_usec;
};

struct vdso_timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define NR_gettimeofday 96
#define NR_time 201
#define NR_clock_gettime 228
#define NR_clock_getres 229

#define CLOCKS_HRES ((1U << CLOCK_REALTIME) | (1U << CLOCK_MONOTONIC) | \
		     (1U << CLOCK_BOOTTIME) | (1U << CLOCK_TAI) |          \
		     (1U << CLOCK_MONOTONIC_RAW))
#define CLOCKS_COARSE ((1U << CLOCK_REALTIME_COARSE) | \
		       (1U << CLOCK_MONOTONIC_COARSE))
#define CLOCKS_REAL ((1U << CLOCK_REALTIME) | (1U << CLOCK_TAI) | \
		     (1U << CLOCK_REALTIME_COARSE))
#define CLOCKS_BOOT (1U << CLOCK_BOOTTIME)

static long vdso_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * The data page for this process and the time namespace offset of
 * clock bit (0 outside a time namespace).
 */
static const struct vdso_data *clock_data(unsigned int bit, s64 *offset)
{
	const struct vdso_data *vd = &vvar_data;

	*offset = 0;
	if (READ_ONCE(vd->clock_mode) != VDSO_CLOCKMODE_TIMENS)
		return vd;
	if (bit & CLOCKS_BOOT)
		*offset = vd->boot_offset;
	else if (!(bit & CLOCKS_REAL))
		*offset = vd->mono_offset;
	return &vvar_timens_data;
}

/*
 * The clock bit in ns, or -1 if the data cannot tell (the caller asks
 * the kernel). Retries while the kernel writes.
 */
static s64 read_clock_ns(unsigned int bit)
{
	s64 offset;
	const struct vdso_data *vd = clock_data(bit, &offset);
	u64 ns;
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		if (vd->clock_mode != VDSO_CLOCKMODE_TSC)
			return -1;
		if (bit & CLOCKS_COARSE)
			ns = vd->coarse_mono;
		else
			ns = vdso_cycles_to_ns(vd, vdso_rdtsc_ordered());
		if (bit & CLOCKS_REAL)
			ns += vd->realtime_offset;
	} while (vdso_read_retry(vd, seq));
	return (s64)(ns + offset);
}

int __vdso_clock_gettime(clockid_t clock, struct vdso_timespec *ts)
{
	unsigned int bit = (unsigned int)clock < 32 ? 1U << clock : 0;
	s64 ns = -1;

	if (bit & (CLOCKS_HRES | CLOCKS_COARSE))
		ns = read_clock_ns(bit);
	if (ns < 0)
		return vdso_syscall2(NR_clock_gettime, clock, (long)ts);
	ts->tv_sec = (u64)ns / NSEC_PER_SEC_VDSO;
	ts->tv_nsec = (u64)ns % NSEC_PER_SEC_VDSO;
	return 0;
}
int clock_gettime(clockid_t, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime")));

int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	const struct vdso_data *vd = &vvar_data;

	if (tv) {
		s64 ns = read_clock_ns(1U << CLOCK_REALTIME);

		if (ns < 0)
			return vdso_syscall2(NR_gettimeofday, (long)tv,
					     (long)tz);
		tv->tv_sec = (u64)ns / NSEC_PER_SEC_VDSO;
		tv->tv_usec = (u64)ns % NSEC_PER_SEC_VDSO / 1000;
	}
	if (tz) {
		if (vd->clock_mode == VDSO_CLOCKMODE_TIMENS)
			vd = &vvar_timens_data;
		tz->tz_minuteswest = READ_ONCE(vd->tz_minuteswest);
		tz->tz_dsttime = READ_ONCE(vd->tz_dsttime);
	}
	return 0;
}
int gettimeofday(struct vdso_timeval *, struct vdso_timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday")));

/* time(2): the seconds of the coarse realtime clock, as the kernel's. */
long __vdso_time(long *t)
{
	s64 ns = read_clock_ns(1U << CLOCK_REALTIME_COARSE);
	long sec;

	if (ns < 0)
		return vdso_syscall2(NR_time, (long)t, 0);
	sec = (u64)ns / NSEC_PER_SEC_VDSO;
	if (t)
		*t = sec;
	return sec;
}
long time(long *) __attribute__((weak, alias("__vdso_time")));

int __vdso_clock_getres(clockid_t clock, struct vdso_timespec *res)
{
	const struct vdso_data *vd = &vvar_data;
	unsigned int bit = (unsigned int)clock < 32 ? 1U << clock : 0;
	u32 ns;

	if (vd->clock_mode == VDSO_CLOCKMODE_TIMENS)
		vd = &vvar_timens_data;
	if (bit & CLOCKS_HRES)
		ns = READ_ONCE(vd->hres_ns);
	else if (bit & CLOCKS_COARSE)
		ns = READ_ONCE(vd->tick_ns);
	else
		return vdso_syscall2(NR_clock_getres, clock, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = ns;
	}
	return 0;
}
int clock_getres(clockid_t, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres")));

/*
 * getcpu(2): the kernel keeps each CPU's number (and NUMA node) in the
 * limit of a GDT segment of its own (GDT_ENTRY_CPUNODE); LSL reads it.
 */
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused)
{
	unsigned int p;

	__asm__("lsl %1, %0" : "=r"(p) : "r"(0x7bU));
	if (cpu)
		*cpu = p & 0xfff;
	if (node)
		*node = p >> 12;
	return 0;
}
long getcpu(unsigned int *, unsigned int *, void *)
	__attribute__((weak, alias("__vdso_getcpu")));
