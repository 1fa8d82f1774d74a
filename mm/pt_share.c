/*
 * Last-level page tables shared copy-on-write by fork (On-demand-fork,
 * docs/odf.md), and the table walks the rest of mm/ does through them.
 * The architecture supplies the primitives (PD entries, table pages, a
 * walk over PD entries: asm/pgtable.h); the policy is here.
 *
 * A PT ("last-level table": 512 PTEs, 2 MiB) is shared by several
 * address spaces when its page count is above one. Every PD entry
 * pointing at a shared PT is read-only, so no sharer can write through
 * it; before anything changes an entry of a shared PT, the address
 * space doing it makes the PT its own (own_pt: copy it, or adopt it if
 * the others have let go). Walks that change PTEs (walk_ptes, zap_ptes,
 * get_pte) do that on the way; lookups that only read (lookup_pte:
 * futex keys, mincore, a read fault on a present page) never do.
 *
 * Locking: each sharer changes its own PD entries under its own
 * mmap_lock, but the PT and its page count are common to all sharers,
 * so every decision on a PT that may be shared (share, own, drop) is
 * taken under the PT's lock: one of PT_LOCKS spinlocks, picked by the
 * PT's frame number (a hashed lock: two tables may share one; no code
 * holds two). It nests inside mmap_lock, outside the allocators, and is
 * only taken with interrupts on: it is held across TLB shootdowns (a
 * sharer that lets go of a PT first makes sure no CPU running its mm
 * can still walk it, since the last sharer will then change it).
 */
#include <tine/printk.h>
#include <tine/sched.h>
#include <uapi/errno.h>
#include "internal.h"

#define PT_LOCKS 256

static const struct lock_class ptl_class = {
	.name = "page table lock", .rank = LR_PTL, .ipi_safe = true,
};
static spinlock_t pt_locks[PT_LOCKS] = {
	[0 ... PT_LOCKS - 1] = SPINLOCK_INIT_CLASS(&ptl_class),
};

static struct page *pmd_page(pmd_t pmd)
{
	return phys_to_page(pmd_phys(pmd));
}

static spinlock_t *pt_lock(struct page *pt)
{
	return &pt_locks[page_to_pfn(pt) % PT_LOCKS];
}

/* Must the PT behind pmd be made ours before an entry of it changes? */
static bool pt_not_owned(pmd_t pmd)
{
	struct page *pt = pmd_page(pmd);

	return !pmd_write(pmd) || page_count(pt) > 1 || !pt_listed(pt);
}

/*
 * The copy own_pt() makes: every entry of src, with one more reference
 * to its page (the copy maps it too), and private writable entries
 * write-protected in both (fork's copy-on-write, done late). PT lock
 * held.
 */
static void copy_pt(struct page *src_pt, struct page *dst_pt)
{
	pte_t *src = page_address(src_pt), *dst = page_address(dst_pt);
	unsigned int left = src_pt->pt_rss[0] + src_pt->pt_rss[1];

	/* pt_rss counts every entry in use (each writer keeps it with
	 * pt_account): the scan ends at the last one. */
	for (int i = 0; left && i < 512; i++) {
		if (!src[i])
			continue;
		left--;
		src[i] = pte_wrprotect(src[i]);
		get_page(pte_page(src[i]));
		dst[i] = src[i];
	}
	dst_pt->pt_rss[0] = src_pt->pt_rss[0];
	dst_pt->pt_rss[1] = src_pt->pt_rss[1];
}

/*
 * own_pt - make the PT behind *pmd (for the 2 MiB at addr) mm's own:
 * copy it if others still share it, else adopt it (back on mm's list,
 * PD entry writable again). gfp: __GFP_USER for fork's deferred copy
 * done at a fault (exempt from fault injection, as the user pages a
 * fault allocates), 0 from a system call (which fails with ENOMEM).
 * Returns 0 or -ENOMEM. mmap_lock held, interrupts on; may wait for
 * other CPUs.
 */
static int own_pt(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
		  unsigned int gfp)
{
	struct page *pt = pmd_page(*pmd), *copy = NULL;
	spinlock_t *ptl = pt_lock(pt);

again:
	/* The count is only a hint out here: it is decided under ptl. */
	if (page_count(pt) > 1 && !copy && !(copy = pt_alloc(mm->pgd, gfp)))
		return -ENOMEM;
	spin_lock(ptl);
	if (page_count(pt) == 1) {
		if (!pt_listed(pt))
			pt_list_add(mm->pgd, pt);
		*pmd = pmd_mkwrite(*pmd);	/* widening: no flush */
		spin_unlock(ptl);
		if (copy)
			pt_free(copy);
		return 0;
	}
	if (!copy) {
		/* Shared after all (we cannot allocate under ptl). */
		spin_unlock(ptl);
		goto again;
	}
	copy_pt(pt, copy);
	*pmd = mk_pmd(page_to_phys(copy));
	/* No CPU running mm may walk the old table once we let go of it:
	 * the last sharer will change its entries. */
	flush_tlb_mm_range(mm, addr, addr + PAGE_SIZE);
	put_page(pt);
	spin_unlock(ptl);
	return 0;
}

/*
 * share_pt - fork: let the child's PD entry *dpmd point at the PT the
 * parent's PD entry *spmd points at, read-only in both. Returns 0
 * (rss[] = the PT's entry counts, anonymous and other, for the child)
 * or 1 (the child already shares it: another VMA of this table did).
 * The parent's mmap_lock held; the caller flushes the parent's TLBs
 * (its PD entry lost write permission).
 */
int share_pt(pmd_t *spmd, pmd_t *dpmd, long rss[2])
{
	struct page *pt;
	spinlock_t *ptl;

	if (pmd_present(*dpmd))
		return 1;
	pt = pmd_page(*spmd);
	ptl = pt_lock(pt);
	spin_lock(ptl);
	if (pt_listed(pt))
		pt_list_del(pt);	/* shared: on no list */
	get_page(pt);
	*spmd = pmd_wrprotect(*spmd);
	*dpmd = *spmd;
	rss[0] = pt->pt_rss[0];
	rss[1] = pt->pt_rss[1];
	spin_unlock(ptl);
	return 0;
}

/*
 * lookup_pte - the PTE slot for addr in mm, or NULL if no table maps
 * it. For reading only: a shared PT stays shared (the slot may belong
 * to several address spaces). mmap_lock held.
 */
pte_t *lookup_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset_alloc(mm->pgd, addr, false);

	if (!pmd || !pmd_present(*pmd))
		return NULL;
	return pte_offset(*pmd, addr);
}

/*
 * get_pte - the PTE slot for addr in mm, ready to be changed: tables
 * are allocated if alloc, and a shared PT is made mm's own first.
 * NULL if absent (!alloc) or out of memory. mmap_lock held.
 */
pte_t *get_pte(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pmd_t *pmd = pmd_offset_alloc(mm->pgd, addr, alloc);
	struct page *pt;

	if (!pmd)
		return NULL;
	if (!pmd_present(*pmd)) {
		if (!alloc || !(pt = pt_alloc(mm->pgd, 0)))
			return NULL;
		*pmd = mk_pmd(page_to_phys(pt));
	} else if (pt_not_owned(*pmd) && own_pt(mm, pmd, addr, __GFP_USER)) {
		return NULL;
	}
	return pte_offset(*pmd, addr);
}

struct pte_walk {
	struct mm_struct *mm;
	int (*fn)(pte_t *pte, unsigned long addr, void *arg);
	void *arg;
	long *dropped;		/* zap: rss of the shared PTs let go */
	unsigned long drop_lo;	/* zap: shared PTs wholly inside */
	unsigned long drop_hi;	/* [drop_lo, drop_hi) are let go */
};

/*
 * A zap that covers a whole shared PT just lets it go: its pages stay
 * with the table for the other sharers (docs/odf.md, invariant 6).
 * True if it did; false if the PT is not wholly inside the zap, or is
 * ours alone by now (then it is zapped entry by entry).
 */
static bool drop_shared_pt(struct pte_walk *w, pmd_t *pmd, unsigned long a)
{
	unsigned long region = ALIGN_DOWN(a, PMD_SIZE);
	struct page *pt = pmd_page(*pmd);
	spinlock_t *ptl = pt_lock(pt);

	if (!w->dropped || region < w->drop_lo ||
	    region + PMD_SIZE > w->drop_hi || page_count(pt) == 1)
		return false;
	spin_lock(ptl);
	if (page_count(pt) == 1) {
		spin_unlock(ptl);
		return false;
	}
	w->dropped[0] += pt->pt_rss[0];
	w->dropped[1] += pt->pt_rss[1];
	*pmd = 0;
	/* A dying mm is loaded on no CPU (mmput made them all leave it). */
	if (!w->mm->tearing_down)
		flush_tlb_mm_range(w->mm, region, region + PMD_SIZE);
	put_page(pt);
	spin_unlock(ptl);
	return true;
}

static int walk_pt(pmd_t *pmd, unsigned long a, unsigned long next,
		   void *arg)
{
	struct pte_walk *w = arg;
	pte_t *pte;
	int r;

	if (pt_not_owned(*pmd)) {
		if (drop_shared_pt(w, pmd, a))
			return 0;
		if (own_pt(w->mm, pmd, a, 0))	/* a system call's */
			return -ENOMEM;
	}
	pte = pte_offset(*pmd, a);
	for (; a != next; a += PAGE_SIZE, pte++)
		if (*pte && (r = w->fn(pte, a, w->arg)))
			return r;
	return 0;
}

/*
 * walk_pt_range - walk_ptes for the part [a, next) of the one PT that
 * the present PD entry *pmd points at (a caller already walking PD
 * entries: fork). 0, fn's first non-zero result, or -ENOMEM.
 */
int walk_pt_range(struct mm_struct *mm, pmd_t *pmd, unsigned long a,
		  unsigned long next,
		  int (*fn)(pte_t *pte, unsigned long addr, void *arg),
		  void *arg)
{
	struct pte_walk w = { mm, fn, arg, NULL, 0, 0 };

	return walk_pt(pmd, a, next, &w);
}

/*
 * walk_ptes - call fn on every non-empty PTE slot of mm in [start, end),
 * making each PT mm's own first (fn may change the entries). Stops at
 * fn's first non-zero result, or -ENOMEM if a PT could not be copied.
 * mmap_lock held; interrupts on.
 */
int walk_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
	      int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg)
{
	struct pte_walk w = { mm, fn, arg, NULL, 0, 0 };

	return walk_pmds(mm->pgd, start, end, walk_pt, &w);
}

/*
 * zap_ptes - walk_ptes for tearing down: a shared PT lying wholly
 * inside [drop_lo, drop_hi) is let go instead of visited (its counts
 * are added to dropped[]). With unshare_range() done first over the
 * same range, this cannot fail.
 */
int zap_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
	     int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg,
	     long dropped[2], unsigned long drop_lo, unsigned long drop_hi)
{
	struct pte_walk w = { mm, fn, arg, dropped, drop_lo, drop_hi };

	return walk_pmds(mm->pgd, start, end, walk_pt, &w);
}

struct unshare_ctx {
	struct mm_struct *mm;
	unsigned long start, end;
	bool partial_only;
};

static int unshare_pt(pmd_t *pmd, unsigned long a, unsigned long next,
		      void *arg)
{
	struct unshare_ctx *c = arg;
	unsigned long region = ALIGN_DOWN(a, PMD_SIZE);

	if (!pt_not_owned(*pmd))
		return 0;
	if (c->partial_only && region >= c->start &&
	    region + PMD_SIZE <= c->end)
		return 0;		/* the zap lets go of it whole */
	return own_pt(c->mm, pmd, a, 0);
}

/*
 * unshare_range - make the shared PTs under [start, end) mm's own now,
 * so that changing the range later cannot fail (munmap, mprotect and
 * madvise do their fallible work first). partial_only: only the PTs
 * the range covers in part (a zap lets go of the others whole).
 * Returns 0 or -ENOMEM; what was unshared stays so (invisible).
 * mmap_lock held; interrupts on.
 */
int unshare_range(struct mm_struct *mm, unsigned long start,
		  unsigned long end, bool partial_only)
{
	struct unshare_ctx c = { mm, start, end, partial_only };

	mmap_assert_locked(mm);
	if (start >= end || end > TASK_SIZE)
		return 0;		/* user memory only: callers check */
	return walk_pmds(mm->pgd, start, end, unshare_pt, &c);
}
