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
 * One level up, a whole PD (512 PD entries, 1 GiB) is shared the same
 * way when fork finds one worth it (share_pd): every PDPT entry
 * pointing at a shared PD is read-only, and an address space makes the
 * PD its own (own_pd: copy its entries, each PT gaining a reference and
 * a read-only PD entry in both, i.e. share_pt done late) before it
 * looks for a PT to change under it. A PT's count is then the number
 * of PDs pointing at it, and "shared" at either level means the same:
 * not ours to change.
 *
 * Locking: each sharer changes its own PD entries under its own
 * mmap_lock, but the PT and its page count are common to all sharers,
 * so every decision on a PT or PD that may be shared (share, own, drop)
 * is taken under the table's lock: one of PT_LOCKS spinlocks, picked by
 * the table's frame number (a hashed lock: two tables may share one; no code
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

static struct page *pud_page(pud_t pud)
{
	return phys_to_page(pud_phys(pud));
}

static spinlock_t *pt_lock(struct page *pt)
{
	return &pt_locks[page_to_pfn(pt) % PT_LOCKS];
}

/* Must the PT behind pmd be made ours before an entry of it changes?
 * (The PD holding pmd is ours already.) */
static bool pt_not_owned(pmd_t pmd)
{
	struct page *pt = pmd_page(pmd);

	return !pmd_write(pmd) || page_count(pt) > 1 || !pt_listed(pt);
}

/*
 * Must the PD behind pud be made ours before an entry of it changes?
 * Unlike a PD entry (which stays writable over the PTs of a sealed PD
 * that was adopted back), a writable PDPT entry always points at a PD
 * of ours alone, on our list: sharing write-protects both entries, and
 * only its holder may share it more.
 */
static bool pd_not_owned(pud_t pud)
{
	return !pud_write(pud);
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
 * The copy own_pd() makes: every entry of src, each PT gaining a
 * reference (the copy points at it too) and a read-only entry in both
 * (share_pt's work for each PT, done late). PD lock held.
 */
static void copy_pd(struct page *src_pd, struct page *dst_pd)
{
	pmd_t *src = page_address(src_pd), *dst = page_address(dst_pd);
	unsigned int left = src_pd->pd_entries;

	for (int i = 0; left && i < 512; i++) {
		if (!src[i])
			continue;
		left--;
		src[i] = pmd_wrprotect(src[i]);
		get_page(pmd_page(src[i]));
		dst[i] = src[i];
	}
	dst_pd->pd_entries = src_pd->pd_entries;
}

/* What own_table() does at one level of the tables. */
struct table_level {
	struct page *(*alloc)(unsigned long pgd, u64 *parent,
			      unsigned int gfp);
	void (*copy)(struct page *src, struct page *dst);
};

static const struct table_level pt_level = { pt_alloc, copy_pt };
static const struct table_level pd_level = { pd_alloc, copy_pd };

/*
 * own_table - make the table behind *entry (a PD entry for a PT, a PDPT
 * entry for a PD; addr inside what it maps) mm's own: copy it if others
 * still share it, else adopt it (back on mm's list, entry writable
 * again). gfp: __GFP_USER for fork's deferred copy done at a fault
 * (exempt from fault injection, as the user pages a fault allocates),
 * 0 from a system call (which fails with ENOMEM). Returns 0 or
 * -ENOMEM. mmap_lock held, interrupts on; may wait for other CPUs.
 */
static int own_table(struct mm_struct *mm, u64 *entry, unsigned long addr,
		     unsigned int gfp, const struct table_level *l)
{
	struct page *t = phys_to_page(pte_phys(*entry)), *copy = NULL;
	spinlock_t *ptl = pt_lock(t);

	lockdep_assert_mmap_locked(mm);
again:
	/* The count is only a hint out here: it is decided under ptl. */
	if (page_count(t) > 1 && !copy && !(copy = l->alloc(mm->pgd, entry, gfp)))
		return -ENOMEM;
	spin_lock(ptl);
	if (page_count(t) == 1) {
		if (!pt_listed(t))
			pt_list_add(mm->pgd, t, entry);
		*entry = pmd_mkwrite(*entry);	/* widening: no flush */
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
	l->copy(t, copy);
	*entry = mk_pmd(page_to_phys(copy));	/* a pud alike */
	/* No CPU running mm may walk the old table once we let go of it:
	 * the last sharer will change its entries. (invlpg forgets the
	 * cached upper levels too.) */
	flush_tlb_mm_range(mm, addr, addr + PAGE_SIZE);
	put_page(t);
	spin_unlock(ptl);
	return 0;
}

static int own_pt(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
		  unsigned int gfp)
{
	return own_table(mm, pmd, addr, gfp, &pt_level);
}

static int own_pd(struct mm_struct *mm, pud_t *pud, unsigned long addr,
		  unsigned int gfp)
{
	return own_table(mm, pud, addr, gfp, &pd_level);
}

/*
 * share_pt - fork: let the child's PD entry *dpmd point at the PT the
 * parent's PD entry *spmd points at, read-only in both. Returns 0
 * (rss[] = the PT's entry counts, anonymous and other, for the child)
 * or 1 (the child already shares it: another VMA of this table did).
 * The parent's mmap_lock held (lock-unchecked: only the PD entries are
 * known here; dup_mmap() asserts it); the caller counts the new entry
 * in the child's PD (pd_entries) and flushes the parent's TLBs (its PD
 * entry lost write permission).
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
	*dpmd = *spmd;		/* the caller counts it in the child's PD */
	rss[0] = pt->pt_rss[0];
	rss[1] = pt->pt_rss[1];
	spin_unlock(ptl);
	return 0;
}

/*
 * A PD about to be shared for the first time: its PTs leave mm's list
 * (the PD reaches them now, whoever owns it later), and the sums of
 * their counts are kept in the PD, what each sharer adds to or takes
 * from its rss (they cannot change while the PD is shared).
 */
static void seal_pd(struct page *pd)
{
	pmd_t *e = page_address(pd);
	unsigned int left = pd->pd_entries;
	u32 rss[2] = { 0, 0 };

	for (int i = 0; left && i < 512; i++) {
		struct page *pt;

		if (!e[i])
			continue;
		left--;
		pt = pmd_page(e[i]);
		if (pt_listed(pt))
			pt_list_del(pt);
		rss[0] += pt->pt_rss[0];
		rss[1] += pt->pt_rss[1];
	}
	pd->pd_rss[0] = rss[0];
	pd->pd_rss[1] = rss[1];
}

/*
 * share_pd - fork: let the child's empty PDPT entry *dpud point at the
 * PD the parent's *spud points at, read-only in both, so that all the
 * 1 GiB under it is shared at once (every VMA there private and copied
 * by fork: the caller checked). rss[] = what the child adds to its rss.
 * The parent's mmap_lock held (lock-unchecked: only the PDPT entries
 * are known here; dup_mmap() asserts it); the caller flushes the
 * parent's TLBs.
 */
void share_pd(pud_t *spud, pud_t *dpud, long rss[2])
{
	struct page *pd = pud_page(*spud);
	spinlock_t *ptl = pt_lock(pd);

	/* The parent's own PD (writable entry) is sealed now; a shared
	 * one (read-only entry, even if others let go since) already is. */
	if (pud_write(*spud))
		seal_pd(pd);
	spin_lock(ptl);
	if (pt_listed(pd))
		pt_list_del(pd);	/* shared: on no list */
	get_page(pd);
	*spud = pud_wrprotect(*spud);
	*dpud = *spud;
	rss[0] = pd->pd_rss[0];
	rss[1] = pd->pd_rss[1];
	spin_unlock(ptl);
}

/*
 * unshare_pd - make the PD behind the present *pud (addr under it) mm's
 * own if it is not, before its entries change (fork's parent, when the
 * PD is not shared whole with the child). 0 or -ENOMEM. mmap_lock
 * held; interrupts on.
 */
int unshare_pd(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
	lockdep_assert_mmap_locked(mm);
	if (!pd_not_owned(*pud))
		return 0;
	return own_pd(mm, pud, addr, 0);
}

/*
 * lookup_pte - the PTE slot for addr in mm, or NULL if no table maps
 * it. For reading only: a shared PT stays shared (the slot may belong
 * to several address spaces). mmap_lock held.
 */
pte_t *lookup_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset_alloc(mm->pgd, addr, false);

	lockdep_assert_mmap_locked(mm);
	if (!pmd || !pmd_present(*pmd))
		return NULL;
	return pte_offset(*pmd, addr);
}

/*
 * get_pte - the PTE slot for addr in mm, ready to be changed: tables
 * are allocated if alloc, and a shared PD or PT is made mm's own first.
 * NULL if absent (!alloc) or out of memory. mmap_lock held.
 */
pte_t *get_pte(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pud_t *pud = pud_offset_alloc(mm->pgd, addr, alloc);
	struct page *pt, *pd;
	pmd_t *pmd;

	lockdep_assert_mmap_locked(mm);
	if (!pud)
		return NULL;
	if (!pud_present(*pud)) {
		if (!alloc || !(pd = pd_alloc(mm->pgd, pud, 0)))
			return NULL;
		*pud = mk_pud(page_to_phys(pd));
	} else if (pd_not_owned(*pud) && own_pd(mm, pud, addr, __GFP_USER)) {
		return NULL;
	}
	pmd = pmd_offset(*pud, addr);
	if (!pmd_present(*pmd)) {
		if (!alloc || !(pt = pt_alloc(mm->pgd, pmd, 0)))
			return NULL;
		*pmd = mk_pmd(page_to_phys(pt));
		pd_account(pmd, 1);
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
 * A zap that covers a whole shared table (a PT: 2 MiB, or a PD: 1 GiB)
 * just lets it go: its pages stay with the table for the other sharers
 * (docs/odf.md, invariant 6). *entry points at it; anon and other
 * are its counts of pages by kind (which cannot change while it is
 * shared, and only we could share it more). True if it did; false if
 * the table is not wholly inside the zap, or is ours alone by now
 * (then it is zapped entry by entry).
 */
static inline __attribute__((always_inline))
bool drop_shared(struct pte_walk *w, u64 *entry, unsigned long a,
		 unsigned long size, long anon, long other)
{
	unsigned long base = ALIGN_DOWN(a, size);
	struct page *t = phys_to_page(pte_phys(*entry));
	spinlock_t *ptl = pt_lock(t);

	if (!w->dropped || base < w->drop_lo || base + size > w->drop_hi ||
	    page_count(t) == 1)
		return false;
	spin_lock(ptl);
	if (page_count(t) == 1) {
		spin_unlock(ptl);
		return false;
	}
	w->dropped[0] += anon;
	w->dropped[1] += other;
	*entry = 0;
	/* A dying mm is loaded on no CPU (mmput made them all leave it). */
	if (!w->mm->tearing_down)
		flush_tlb_mm_range(w->mm, base, base + size);
	put_page(t);
	spin_unlock(ptl);
	return true;
}

static bool drop_shared_pt(struct pte_walk *w, pmd_t *pmd, unsigned long a)
{
	struct page *pt = pmd_page(*pmd);

	if (!drop_shared(w, pmd, a, PMD_SIZE, pt->pt_rss[0], pt->pt_rss[1]))
		return false;
	/* A dying mm's PDs are freed next: no count. */
	if (!w->mm->tearing_down)
		pd_account(pmd, -1);
	return true;
}

/* walk_ptes' hook on a read-only PDPT entry: the shared PD behind it
 * is let go whole or made ours. */
static int walk_pd_of(pud_t *pud, unsigned long a, unsigned long next,
		      void *arg)
{
	struct pte_walk *w = arg;
	struct page *pd = pud_page(*pud);

	if (drop_shared(w, pud, a, PUD_SIZE, pd->pd_rss[0], pd->pd_rss[1]))
		return 1;
	return own_pd(w->mm, pud, a, 0);	/* a system call's */
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
 * entries of a PD it owns: fork's parent). 0, fn's first non-zero
 * result, or -ENOMEM.
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

	lockdep_assert_mmap_locked(mm);
	return walk_pmds_pud(mm->pgd, start, end, walk_pd_of, walk_pt, &w);
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

	return walk_pmds_pud(mm->pgd, start, end, walk_pd_of, walk_pt, &w);
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

/* unshare_range's hook on a read-only PDPT entry (a shared PD). */
static int unshare_pd_of(pud_t *pud, unsigned long a, unsigned long next,
			 void *arg)
{
	struct unshare_ctx *c = arg;
	unsigned long base = ALIGN_DOWN(a, PUD_SIZE);

	if (c->partial_only && base >= c->start && base + PUD_SIZE <= c->end)
		return 1;		/* the zap lets go of it whole */
	return own_pd(c->mm, pud, a, 0);
}

/*
 * unshare_range - make the shared PDs and PTs under [start, end) mm's own now,
 * so that changing the range later cannot fail (munmap, mprotect and
 * madvise do their fallible work first). partial_only: only the tables
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
	return walk_pmds_pud(mm->pgd, start, end, unshare_pd_of, unshare_pt,
			     &c);
}
