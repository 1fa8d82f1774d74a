/*
 * The vDSO's data: what the kernel keeps time with, in the page user
 * space reads as [vvar]. The kernel (kernel/time.c) and the vDSO
 * (arch/x86_64/vdso/) both compute the clocks from it with the
 * functions below, so a clock read through the vDSO and the same
 * clock read by a system call a moment later never disagree.
 *
 * The [vvar] mapping is VVAR_PAGES pages long, the vDSO's code right
 * after it. Page 0 is this data; pages 1 and 2 are kept free (Linux
 * puts paravirtual clocks there: a read is SIGBUS); page 3 is for time
 * namespaces: a task in one sees its namespace's page at 0 (clock_mode
 * VDSO_CLOCKMODE_TIMENS, with the offsets) and the real data at 3.
 *
 * Writers (the tick, clock_settime) hold timekeeper_lock and make seq
 * odd while they write; a reader retries until it read an even seq that
 * did not change. tsc_base and mult never change after boot.
 */
#ifndef TINE_VDSO_DATAPAGE_H
#define TINE_VDSO_DATAPAGE_H

#include <tine/types.h>

#define VVAR_PAGES 4
#define VVAR_TIMENS_PAGE 3

#define VDSO_CLOCKMODE_NONE 0	/* the vDSO asks the kernel (syscall) */
#define VDSO_CLOCKMODE_TSC 1	/* ns from the TSC with tsc_base, mult */
#define VDSO_CLOCKMODE_TIMENS 2	/* a namespace's page: the data is at
				 * VVAR_TIMENS_PAGE, add the offsets */

struct vdso_data {
	u32 seq;		/* odd while the kernel writes */
	s32 clock_mode;		/* VDSO_CLOCKMODE_* */
	u64 tsc_base;		/* TSC at MONOTONIC 0 */
	u64 mult;		/* ns per TSC tick, 32.32 fixed point */
	u64 realtime_offset;	/* REALTIME - MONOTONIC, ns */
	u64 coarse_mono;	/* MONOTONIC at the last tick, ns */
	u32 hres_ns;		/* resolution of the fine clocks */
	u32 tick_ns;		/* of the _COARSE ones */
	s32 tz_minuteswest;	/* gettimeofday's timezone (settimeofday) */
	s32 tz_dsttime;
	s64 mono_offset;	/* TIMENS pages: MONOTONIC's offset, ns */
	s64 boot_offset;	/* TIMENS pages: BOOTTIME's offset, ns */
};

#define NSEC_PER_SEC_VDSO 1000000000ULL

/* The TSC, read after the loads before it (lfence: not early). */
static inline u64 vdso_rdtsc_ordered(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((u64)hi << 32) | lo;
}

/* CLOCK_MONOTONIC in ns at TSC value cycles. */
static inline u64 vdso_cycles_to_ns(const struct vdso_data *vd, u64 cycles)
{
	return (u64)(((unsigned __int128)(cycles - vd->tsc_base) * vd->mult) >>
		     32);
}

/* Wait for an even seq and return it. */
static inline u32 vdso_read_begin(const struct vdso_data *vd)
{
	u32 seq;

	while ((seq = READ_ONCE(vd->seq)) & 1)
		__asm__ volatile("pause" ::: "memory");
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return seq;
}

/* Did a writer run since vdso_read_begin() returned seq? */
static inline bool vdso_read_retry(const struct vdso_data *vd, u32 seq)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return READ_ONCE(vd->seq) != seq;
}

#endif
