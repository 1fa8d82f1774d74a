/*
 * A read-only walk of an address space's page tables for what /proc
 * shows of its resident pages (smaps, smaps_rollup, pagemap): each
 * mapped PTE slot described as a struct pte_info.
 *
 * The walk changes nothing: a last-level table shared copy-on-write
 * with other address spaces (docs/odf.md) stays shared. Its entries
 * are stable under our mmap_lock: a sharer makes the table its own
 * before changing an entry, and we do not change any.
 *
 * How many address spaces map a page (Linux's page_mapcount) is not
 * kept by tine; it is worked out from reference counts. Each PTE slot
 * holds one reference to its page, whichever number of address spaces
 * share the table it is in; a file's page (and a shmem or special
 * mapping's) also has the reference of the object it belongs to. So
 * mapcount = references - (1 if not anonymous) - 1 + sharers of this
 * table (times the sharers of its PD, if that is shared whole), at
 * least 1. Transient references (a page being read through
 * /proc/<pid>/mem) may count as a mapping for a moment, as Linux's
 * page_count() test may.
 */
#include <tine/mman.h>
#include <tine/sched.h>
#include "internal.h"

struct info_walk {
	int (*fn)(const struct pte_info *pi, unsigned long addr, void *arg);
	void *arg;
};

static unsigned int pte_mapcount(pte_t pte, unsigned int sharers)
{
	int refs = page_count(pte_page(pte)) - ((pte & PTE_ANON) ? 0 : 1);

	return MAX(refs - 1, 0) + sharers;
}

static int info_pt(pmd_t *pmd, unsigned long a, unsigned long next,
		   void *arg)
{
	struct info_walk *w = arg;
	/* A PD shared whole (docs/odf.md) multiplies its PTs' sharers. */
	unsigned int sharers = page_count(phys_to_page(pmd_phys(*pmd))) *
			       page_count(virt_to_page(pmd));
	pte_t *pte = pte_offset(*pmd, a);
	int r;

	for (; a != next; a += PAGE_SIZE, pte++) {
		pte_t e = READ_ONCE(*pte);
		struct pte_info pi;

		if (!e)
			continue;
		pi = (struct pte_info){
			.pfn = pte_phys(e) >> PAGE_SHIFT,
			.page = pte_page(e),
			.anon = e & PTE_ANON,
			.dirty = e & _PAGE_DIRTY,
			.young = e & _PAGE_ACCESSED,
			.mapcount = pte_mapcount(e, sharers),
		};
		if ((r = w->fn(&pi, a, w->arg)))
			return r;
	}
	return 0;
}

/* walk_page_info - see mman.h. */
int walk_page_info(struct mm_struct *mm, unsigned long start,
		   unsigned long end,
		   int (*fn)(const struct pte_info *pi, unsigned long addr,
			     void *arg),
		   void *arg)
{
	struct info_walk w = { fn, arg };

	mmap_assert_locked(mm);
	return walk_pmds(mm->pgd, start, end, info_pt, &w);
}
