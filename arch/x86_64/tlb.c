/*
 * Address-space switches and TLB shootdowns.
 *
 * Each CPU remembers whose user page tables CR3 holds (percpu
 * loaded_mm). Switching to a kernel thread (the idle task) keeps the
 * previous user tables loaded ("lazy TLB"): no CR3 write, and a switch
 * back to the same mm costs nothing. An mm's cpumask (mm_cpumask) holds
 * every CPU that has its tables loaded, lazily or not: a CPU sets its
 * bit before loading them and clears it only after loading others.
 *
 * Shootdown protocol (flush_tlb_mm_range): the caller has changed PTEs
 * of mm (under its mmap_lock); a full barrier orders those stores
 * before reading mm_cpumask; every other CPU in the mask is sent a
 * call-function IPI and the caller waits until each has run
 * flush_tlb_func: a CPU running mm flushes the range, a lazy CPU (only
 * a kernel thread is running) leaves mm for the kernel's tables and
 * drops out of the mask, so it is not disturbed again. A CPU that sets
 * its bit after our barrier loads CR3 after our PTE stores and sees
 * them. Only when every CPU has answered may the caller rely on the
 * change (free the pages, return to user space after mprotect...).
 *
 * Locks: none of its own. Callers hold mmap_lock (or are the last user
 * of the mm), and must be able to wait for other CPUs: interrupts on.
 */
#include <asm/arch.h>
#include <asm/irq.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <tine/mm_types.h>
#include <tine/sched.h>
#include <tine/smp.h>

/* Ranges longer than this many pages are flushed whole (CR3 reload). */
#define FLUSH_ALL_THRESHOLD 32

struct flush_tlb_info {
	struct mm_struct *mm;
	unsigned long start, end;	/* end 0: all of mm */
};

static void local_flush_range(unsigned long start, unsigned long end)
{
	if (!end || (end - start) >> PAGE_SHIFT > FLUSH_ALL_THRESHOLD) {
		write_cr3(read_cr3());
		return;
	}
	for (unsigned long a = start; a < end; a += PAGE_SIZE)
		invlpg(a);
}

/*
 * switch_mm - load next's user page tables on this CPU (NULL: only the
 * kernel's), updating the mm cpumasks. Any context (a shootdown IPI
 * must not see the switch half done: interrupts are off inside).
 */
void switch_mm(struct mm_struct *next)
{
	struct percpu *pc = this_cpu();
	struct mm_struct *prev = pc->loaded_mm;
	unsigned int cpu = pc->cpu;
	unsigned long f;

	if (prev == next)
		return;
	f = local_irq_save();
	if (next)
		cpumask_set_cpu(cpu, mm_cpumask(next));	/* a full barrier */
	write_cr3(next ? next->pgd : init_pgd);
	pc->loaded_mm = next;
	if (prev)
		cpumask_clear_cpu(cpu, mm_cpumask(prev));
	local_irq_restore(f);
}

/* Leave mm if this CPU still holds it, lazily or not. */
static void leave_mm(struct mm_struct *mm)
{
	if (this_cpu()->loaded_mm == mm)
		switch_mm(NULL);
}

static void flush_tlb_func(void *arg)
{
	struct flush_tlb_info *f = arg;
	struct percpu *pc = this_cpu();

	inc_irq_stat(IRQ_STAT_TLB);
	if (pc->loaded_mm != f->mm)
		return;			/* switched away: CR3 flushed it */
	if (pc->current_task->mm != f->mm) {
		switch_mm(NULL);	/* lazy: stop caching mm at all */
		return;
	}
	local_flush_range(f->start, f->end);
}

/* Does any other online CPU have mm in its mask? */
static bool mm_live_elsewhere(struct mm_struct *mm)
{
	const struct cpumask *m = mm_cpumask(mm);
	unsigned int me = smp_processor_id();

	for (unsigned int i = 0; i < (NR_CPUS + 63) / 64; i++) {
		unsigned long bits = READ_ONCE(m->bits[i]);

		if (i == me / 64)
			bits &= ~(1UL << (me % 64));
		if (bits & cpu_online_mask->bits[i])
			return true;
	}
	return false;
}

/*
 * flush_tlb_mm_range - make every CPU forget stale translations of
 * [start, end) of mm (end 0: the whole mm), and return only when they
 * have. Interrupts on; may wait for other CPUs, does not sleep.
 */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	struct flush_tlb_info info = { mm, start, end };

	if (this_cpu()->loaded_mm == mm)
		local_flush_range(start, end);
	/* Our PTE stores before the read of the mask (see the top). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (mm_live_elsewhere(mm))
		smp_call_function_many(mm_cpumask(mm), flush_tlb_func, &info,
				       true);
}

/* flush_tlb_mm - all of mm's translations, everywhere. */
void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, 0, 0);
}

/* Is mm the one whose tables this CPU has loaded (lazily or not)? */
bool mm_is_loaded(struct mm_struct *mm)
{
	return this_cpu()->loaded_mm == mm;
}

static void leave_mm_func(void *arg)
{
	leave_mm(arg);
}

/*
 * leave_mm_everywhere - the last user of mm is gone: make every CPU
 * that still holds its tables (lazily: they run no task of it) load the
 * kernel's instead, before the tables are freed. Interrupts on.
 */
void leave_mm_everywhere(struct mm_struct *mm)
{
	unsigned long f = local_irq_save();

	leave_mm(mm);
	local_irq_restore(f);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (mm_live_elsewhere(mm))
		smp_call_function_many(mm_cpumask(mm), leave_mm_func, mm,
				       true);
}

/* Flush one page of the current address space, on this CPU only (a
 * spurious fault, or a permission only added). */
void flush_tlb_page_local(unsigned long addr)
{
	invlpg(addr);
}
