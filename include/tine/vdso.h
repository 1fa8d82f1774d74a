/*
 * The vDSO (arch/x86_64/vdso.c): a small shared object of the kernel's
 * mapped into every process with its data pages ([vdso], [vvar]), so
 * that clock_gettime, gettimeofday, time, clock_getres and getcpu need
 * no system call. The data layout and the clock formulas are shared
 * with the vDSO itself: <tine/vdso_datapage.h>.
 */
#ifndef TINE_VDSO_H
#define TINE_VDSO_H

#include <tine/vdso_datapage.h>

struct mm_struct;
struct page;
struct task_struct;

/* The kernel's timekeeping data, in the page every [vvar] maps. Written
 * by kernel/time.c only (under its timekeeper_lock, seq odd). */
extern struct vdso_data *const vdso_data;

/* Set up the vDSO's pages (boot, once the page allocator runs). */
void vdso_init(void);

/*
 * map_vdso - map [vvar] and [vdso] into current's new mm for the
 * program exec is starting; stack_low is its lowest string (with
 * PF_RANDOMIZE the vDSO goes just above the stack, else where mmap
 * would put it). Sets mm->vdso. 0 or -errno. Takes mmap_lock.
 */
int map_vdso(struct mm_struct *mm, unsigned long stack_low);

/*
 * A time namespace's data page for [vvar] page 0 of its tasks (the real
 * data then shows at VVAR_TIMENS_PAGE): fill page as a TIMENS page with
 * the namespace's MONOTONIC and BOOTTIME offsets, in ns.
 */
void vdso_timens_page_init(struct vdso_data *page, s64 mono_offset,
			   s64 boot_offset);
/*
 * The data page of t's time namespace for [vvar] page 0, with no
 * reference taken: NULL while t is in the initial time namespace
 * (kernel/time_namespace.c).
 */
struct page *timens_vvar_page(struct task_struct *t);
/*
 * vdso_join_timens - mm's task enters another time namespace: drop the
 * [vvar] pages it maps, so that the next access faults in its new
 * namespace's. 0, or -ENOMEM with nothing dropped. Takes mmap_lock.
 */
int vdso_join_timens(struct mm_struct *mm);

#endif
