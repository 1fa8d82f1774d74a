/*
 * Page tables, the architecture's half: the kernel's own tables (direct
 * map, image with W^X), and for user address spaces the primitives
 * generic mm code builds on: the upper levels (PML4, PDPT, PD) down to
 * the PD entry (pmd) for an address, last-level tables (PT) to hang
 * there, a walk over the present PD entries of a range, and freeing.
 * What goes into PTEs, and the sharing of PTs between address spaces
 * at fork (docs/odf.md), is mm/'s business (mm/pt_share.c).
 *
 * The kernel half of every PML4 points at the same PDPT pages,
 * allocated once at boot, so a kernel mapping added later is seen by
 * every address space.
 *
 * Every user table page an address space owns is also linked (page->lru)
 * on a list headed by the PML4's struct page, so tearing an address
 * space down frees its tables in one pass over that list, with no scan
 * of empty entries (the scan was the largest cost of a small fork+exit:
 * make bench). A PT shared with other address spaces is on no list.
 * The list changes with the tables: under the owning mm's mmap_lock.
 *
 * Each listed table also knows the entry one level up that points at
 * it (page->pt_parent: table_alloc, pt_list_add). By the time pgd_free()
 * runs, exit_mmap() has cleared every PTE (they all lie inside VMAs) and
 * let go of every shared table (clearing the entry pointing at it) or
 * made it its own (listed, with its parent): every entry left in a
 * listed table points at another listed table. So clearing each listed
 * table's parent entry leaves all of them zeroed, and they go back to
 * the page allocator as such (free_zeroed_page): the next fork's tables
 * need not be cleared. The PML4, its user half empty then, stays with
 * its CPU for the next pgd_alloc(). tine.debug_pgtables checks that the
 * tables are zeroed.
 */
#include <asm/arch.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <tine/init.h>
#include <tine/memblock.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/printk.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <uapi/errno.h>

#define ENTRIES 512
#define TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define KTABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW)

unsigned long init_pgd;
static atomic_t pgtable_pages;	/* user table pages in use */
static bool debug_pgtables;	/* tine.debug_pgtables: check freed tables */

static int debug_pgtables_setup(char *val)
{
	debug_pgtables = true;
	return 0;
}
__setup("tine.debug_pgtables", debug_pgtables_setup);

static pte_t *table(pte_t e) { return __va(pte_phys(e)); }

static unsigned int idx(unsigned long addr, int level)
{
	return (addr >> (12 + 9 * level)) & 511;
}

static pte_t *early_table(void)
{
	return memblock_alloc(PAGE_SIZE, 1UL << 30);
}

/* Map [pa, pa+len) at va with 2 MiB pages during boot. */
static void early_map_2m(pte_t *pml4, unsigned long va, phys_addr_t pa,
			 unsigned long len, pte_t flags)
{
	for (unsigned long off = 0; off < len; off += 0x200000) {
		pte_t *l4 = &pml4[idx(va + off, 3)], *l3, *l2;

		if (!*l4)
			*l4 = __pa(early_table()) | KTABLE_FLAGS;
		l3 = &table(*l4)[idx(va + off, 2)];
		if (!*l3)
			*l3 = __pa(early_table()) | KTABLE_FLAGS;
		l2 = &table(*l3)[idx(va + off, 1)];
		*l2 = (pa + off) | flags | _PAGE_PSE;
	}
}

static void early_map_4k(pte_t *pml4, unsigned long va, phys_addr_t pa,
			 pte_t flags)
{
	pte_t *e = &pml4[idx(va, 3)];

	for (int level = 2; level >= 0; level--) {
		if (!*e)
			*e = __pa(early_table()) | KTABLE_FLAGS;
		e = &table(*e)[idx(va, level)];
	}
	*e = pa | flags;
}

/*
 * Build the final kernel tables and switch to them: the direct map of
 * all RAM (no execute), the image with text read-only, rodata
 * read-only no-execute, data no-execute.
 */
void paging_init(void)
{
	pte_t *pml4 = early_table();
	unsigned long ram_end = ALIGN_UP(memblock_end(), 0x200000);
	unsigned long va;

	for (int i = ENTRIES / 2; i < ENTRIES; i++)
		pml4[i] = __pa(early_table()) | KTABLE_FLAGS;
	early_map_2m(pml4, PAGE_OFFSET, 0, MAX(ram_end, 1UL << 32),
		     _PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX);
	for (va = (unsigned long)_kernel_start; va < (unsigned long)_kernel_end;
	     va += PAGE_SIZE) {
		pte_t f = _PAGE_PRESENT | _PAGE_GLOBAL;

		if (va >= (unsigned long)_text_end)
			f |= _PAGE_NX;
		if (va >= (unsigned long)_rodata_end)
			f |= _PAGE_RW;
		early_map_4k(pml4, va, va - KERNEL_VIRT, f);
	}
	init_pgd = __pa(pml4);
	write_cr3(init_pgd);
}

/*
 * ioremap_nocache - the kernel address of device registers at physical
 * [pa, pa + size) below 4 GiB, uncached: the direct map covers them
 * with 2 MiB pages, which are switched to uncached (PCD|PWT). Boot
 * only, before other CPUs run (no shootdown of the kernel mapping).
 */
void *ioremap_nocache(phys_addr_t pa, unsigned long size)
{
	pte_t *pml4 = __va(init_pgd);

	BUG_ON(pa + size > (1UL << 32));
	for (unsigned long a = ALIGN_DOWN(pa, PMD_SIZE); a < pa + size;
	     a += PMD_SIZE) {
		unsigned long va = PAGE_OFFSET + a;
		pte_t *l3 = &table(pml4[idx(va, 3)])[idx(va, 2)];
		pte_t *l2 = &table(*l3)[idx(va, 1)];

		if (!(*l2 & _PAGE_PCD)) {
			*l2 |= _PAGE_PCD | _PAGE_PWT;
			invlpg(va);
		}
	}
	return __va(pa);
}

/* The list of an address space's table pages (see the top). */
static struct list_head *table_list(unsigned long pgd)
{
	return &phys_to_page(pgd)->lru;
}

static bool entries_empty(pte_t *t, int n);

/* Drop our reference to a user table page that maps nothing any more
 * (all zeroes); the last one frees it as such. */
static void free_table(struct page *p)
{
	list_del_init(&p->lru);
	atomic_dec(&pgtable_pages);
	if (!atomic_dec_and_test(&p->_refcount))
		return;
	if (unlikely(debug_pgtables) &&
	    WARN_ON(!entries_empty(page_address(p), ENTRIES)))
		memset(page_address(p), 0, PAGE_SIZE);
	free_zeroed_page(p);
}

/*
 * pgtable_pages_of - the table pages this address space owns (its PML4
 * and the tables on its list; shared tables belong to no one), for the
 * OOM killer's badness. The owner's mmap_lock held (lock-unchecked: the
 * arch sees only the pgd; both callers hold or trylock it).
 */
unsigned long pgtable_pages_of(unsigned long pgd)
{
	struct list_head *pos;
	unsigned long n = 1;

	list_for_each(pos, table_list(pgd))
		n++;
	return n;
}

/*
 * One PML4 per CPU kept for the next address space (Linux once kept
 * pgds in a slab cache for the same reason): its user half empty, as
 * pgd_free() leaves it, its kernel half the kernel's, which never
 * changes after boot (paging_init() fills all 256 entries; later kernel
 * mappings go in the tables below them).
 */
static unsigned long pgd_cache[NR_CPUS];	/* [own CPU, irqs off] */

/* This CPU's kept PML4, taken, or 0. */
static unsigned long pgd_cache_take(void)
{
	unsigned long f, pgd;

	if (unlikely(!percpu_ready))
		return 0;
	f = local_irq_save();
	pgd = pgd_cache[smp_processor_id()];
	pgd_cache[smp_processor_id()] = 0;
	local_irq_restore(f);
	return pgd;
}

/* Keep pgd (user half empty) on this CPU; false if it keeps one already. */
static bool pgd_cache_put(unsigned long pgd)
{
	unsigned long f;
	bool kept = false;

	if (unlikely(!percpu_ready))
		return false;
	f = local_irq_save();
	if (!pgd_cache[smp_processor_id()]) {
		pgd_cache[smp_processor_id()] = pgd;
		kept = true;
	}
	local_irq_restore(f);
	return kept;
}

/* A new PML4 sharing the kernel half (see <asm/pgtable.h>). */
unsigned long pgd_alloc(void)
{
	unsigned long pgd;
	struct page *p;
	pte_t *pml4;

	/* A kept one is an allocation too, as far as fault injection goes. */
	if (should_fail_alloc(0))
		return 0;
	pgd = pgd_cache_take();
	if (pgd) {
		atomic_inc(&pgtable_pages);
		return pgd;
	}
	p = alloc_page(GFP_NOFAIL_INJECT);
	if (!p)
		return 0;
	pml4 = page_address(p);
	INIT_LIST_HEAD(&p->lru);
	/* User half empty, kernel half the kernel's: no need to zero it. */
	memset(pml4, 0, PAGE_SIZE / 2);
	memcpy(pml4 + ENTRIES / 2, (pte_t *)__va(init_pgd) + ENTRIES / 2,
	       PAGE_SIZE / 2);
	atomic_inc(&pgtable_pages);
	return __pa(pml4);
}

/* Put table page pt on pgd's list (pgd's address space owns it now,
 * hooked at the entry *parent one level up). */
void pt_list_add(unsigned long pgd, struct page *pt, u64 *parent)
{
	pt->pt_parent = parent;
	list_add(&pt->lru, table_list(pgd));
}

/* A zeroed table page for pgd's address space, on its list, to be
 * hooked at *parent. */
static struct page *table_alloc(unsigned long pgd, u64 *parent,
				unsigned int gfp)
{
	struct page *p = alloc_page(gfp | __GFP_ZERO);

	if (!p)
		return NULL;
	atomic_inc(&pgtable_pages);
	pt_list_add(pgd, p, parent);
	return p;
}

/*
 * pt_alloc - a zeroed last-level table for pgd's address space, on its
 * list, with zero per-kind counts. NULL when out of memory. gfp:
 * __GFP_USER for fork's deferred copy (a fault's allocation).
 */
struct page *pt_alloc(unsigned long pgd, u64 *parent, unsigned int gfp)
{
	struct page *p = table_alloc(pgd, parent, gfp);

	if (p)
		p->pt_rss[0] = p->pt_rss[1] = 0;
	return p;
}

/* Free a table (PT or PD) that maps nothing (or whose pages are gone,
 * or a copy never used). */
void pt_free(struct page *pt)
{
	list_del_init(&pt->lru);
	put_page(pt);
	atomic_dec(&pgtable_pages);
}

/*
 * pud_offset_alloc - the PDPT entry for addr in pgd's address space,
 * allocating the PDPT if alloc; NULL if absent (or out of memory). The
 * entry itself may be empty.
 */
pud_t *pud_offset_alloc(unsigned long pgd, unsigned long addr, bool alloc)
{
	pte_t *e = &((pte_t *)__va(pgd))[idx(addr, 3)];
	struct page *pdpt;

	if (!(*e & _PAGE_PRESENT)) {
		if (!alloc || !(pdpt = table_alloc(pgd, e, 0)))
			return NULL;
		*e = page_to_phys(pdpt) | TABLE_FLAGS;
	}
	return &table(*e)[idx(addr, 2)];
}

/*
 * pd_alloc - a zeroed PD for pgd's address space, on its list, with no
 * present entries (pd_entries 0). NULL when out of memory.
 */
struct page *pd_alloc(unsigned long pgd, u64 *parent, unsigned int gfp)
{
	struct page *p = table_alloc(pgd, parent, gfp);

	if (p)
		p->pd_entries = 0;
	return p;
}

/*
 * pmd_offset_alloc - the PD entry for addr in pgd's address space,
 * allocating the PDPT and PD above it if alloc; NULL if absent (or out
 * of memory). The PD entry itself may be empty. Whether the PD is
 * shared with other address spaces is not looked at (mm/pt_share.c).
 */
pmd_t *pmd_offset_alloc(unsigned long pgd, unsigned long addr, bool alloc)
{
	pud_t *pud = pud_offset_alloc(pgd, addr, alloc);
	struct page *pd;

	if (!pud)
		return NULL;
	if (!pud_present(*pud)) {
		if (!alloc || !(pd = pd_alloc(pgd, pud, 0)))
			return NULL;
		*pud = mk_pud(page_to_phys(pd));
	}
	return pmd_offset(*pud, addr);
}

static unsigned long level_end(unsigned long addr, int level,
			       unsigned long end)
{
	unsigned long size = 1UL << (12 + 9 * level);
	unsigned long next = (addr & ~(size - 1)) + size;

	return next - 1 < end - 1 ? next : end;
}

/* walk_pmds' innermost loop: the PD entries of one PD under [a, end),
 * by index (a sparse 1 GiB range is 512 tests, not 512 walks). */
static inline __attribute__((always_inline))
int walk_pd(pmd_t *pd, unsigned long a, unsigned long end,
	    int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
		      void *arg),
	    void *arg)
{
	unsigned int i = idx(a, 1), last = idx(end - 1, 1);
	unsigned long lo, hi;
	int r;

	for (; i <= last; i++) {
		if (!(pd[i] & _PAGE_PRESENT))
			continue;
		lo = (a & ~((PMD_SIZE << 9) - 1)) + i * PMD_SIZE;
		hi = lo + PMD_SIZE;
		if ((r = fn(&pd[i], MAX(a, lo), MIN(end, hi), arg)))
			return r;
	}
	return 0;
}

typedef int (*pud_fn_t)(pud_t *pud, unsigned long a, unsigned long next,
			void *arg);

/* walk_pmds over several PDs: the levels above walked in order. */
static __attribute__((noinline))
int walk_pmds_slow(unsigned long pgd, unsigned long start, unsigned long end,
		   pud_fn_t pud_fn,
		   int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			     void *arg),
		   void *arg)
{
	pte_t *pml4 = __va(pgd);
	unsigned long a = start, n4, n3;
	int r;

	for (; a < end; a = n4) {
		pte_t e4 = pml4[idx(a, 3)], *pdpt;

		n4 = level_end(a, 3, end);
		if (!(e4 & _PAGE_PRESENT))
			continue;
		pdpt = table(e4);
		for (; a < n4; a = n3) {
			pte_t e3 = pdpt[idx(a, 2)], *pd;

			n3 = level_end(a, 2, n4);
			if (!(e3 & _PAGE_PRESENT))
				continue;
			if (pud_fn && !(e3 & _PAGE_RW) &&
			    (r = pud_fn(&pdpt[idx(a, 2)], a, n3, arg))) {
				if (r < 0)
					return r;
				continue;
			}
			pd = table(pdpt[idx(a, 2)]);
			if ((r = walk_pd(pd, a, n3, fn, arg)))
				return r;
		}
	}
	return 0;
}

/*
 * walk_pmds - call fn(pmd, a, next, arg) for every present PD entry
 * covering [start, end) (user addresses), with [a, next) the part of
 * the range under it, skipping empty upper levels. Stops at, and
 * returns, fn's first non-zero result. This runs for every VMA at fork
 * and at exit: most lie inside one PD, which is reached directly.
 */
static inline __attribute__((always_inline))
int __walk_pmds(unsigned long pgd, unsigned long start, unsigned long end,
		pud_fn_t pud_fn,
		int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			  void *arg),
		void *arg)
{
	pte_t e, *pud;
	int r;

	if (start >= end || ((start ^ (end - 1)) >> 30))
		return walk_pmds_slow(pgd, start, end, pud_fn, fn, arg);
	e = ((pte_t *)__va(pgd))[idx(start, 3)];
	if (!(e & _PAGE_PRESENT))
		return 0;
	pud = &table(e)[idx(start, 2)];
	if (!(*pud & _PAGE_PRESENT))
		return 0;
	if (pud_fn && !(*pud & _PAGE_RW) && (r = pud_fn(pud, start, end, arg)))
		return r < 0 ? r : 0;
	return walk_pd(table(*pud), start, end, fn, arg);
}

int walk_pmds(unsigned long pgd, unsigned long start, unsigned long end,
	      int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			void *arg),
	      void *arg)
{
	return __walk_pmds(pgd, start, end, NULL, fn, arg);
}

/* walk_pmds_pud - see <asm/pgtable.h>; walk_pmds with a PDPT hook. */
int walk_pmds_pud(unsigned long pgd, unsigned long start, unsigned long end,
		  pud_fn_t pud_fn,
		  int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			    void *arg),
		  void *arg)
{
	return __walk_pmds(pgd, start, end, pud_fn, fn, arg);
}

/*
 * walk_puds - call fn(pud, a, next, arg) for every present PDPT entry
 * covering [start, end) (user addresses), with [a, next) the part of
 * the range under it. Stops at, and returns, fn's first non-zero
 * result. Most ranges lie inside one gigabyte: reached directly.
 */
int walk_puds(unsigned long pgd, unsigned long start, unsigned long end,
	      pud_fn_t fn, void *arg)
{
	pte_t *pml4 = __va(pgd), *pdpt;
	unsigned long a = start, n4, n3;
	int r;

	if (start < end && !((start ^ (end - 1)) >> 30)) {
		if (!(pml4[idx(a, 3)] & _PAGE_PRESENT))
			return 0;
		pdpt = table(pml4[idx(a, 3)]);
		if (!(pdpt[idx(a, 2)] & _PAGE_PRESENT))
			return 0;
		return fn(&pdpt[idx(a, 2)], start, end, arg);
	}
	for (; a < end; a = n4) {
		n4 = level_end(a, 3, end);
		if (!(pml4[idx(a, 3)] & _PAGE_PRESENT))
			continue;
		pdpt = table(pml4[idx(a, 3)]);
		for (; a < n4; a = n3) {
			n3 = level_end(a, 2, n4);
			if ((pdpt[idx(a, 2)] & _PAGE_PRESENT) &&
			    (r = fn(&pdpt[idx(a, 2)], a, n3, arg)))
				return r;
		}
	}
	return 0;
}

/* walk_pd_range - see <asm/pgtable.h>: the PD entries under one PDPT
 * entry. */
int walk_pd_range(pud_t *pud, unsigned long a, unsigned long next,
		  int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			    void *arg),
		  void *arg)
{
	return walk_pd(table(*pud), a, next, fn, arg);
}

static bool entries_empty(pte_t *t, int n)
{
	for (int i = 0; i < n; i++)
		if (t[i])
			return false;
	return true;
}

static bool table_empty(pte_t *t)
{
	return entries_empty(t, ENTRIES);
}

/* Unhook empty tables below t covering [start, end) onto freed; true if
 * t emptied. */
static bool free_level(pte_t *t, int level, unsigned long start,
		       unsigned long end, struct list_head *freed)
{
	unsigned long a, next;

	for (a = start; a < end; a = next) {
		pte_t *e = &t[idx(a, level)];

		next = level_end(a, level, end);
		/* A read-only table entry points at a table shared with
		 * other address spaces (a PT or a PD: docs/odf.md): not
		 * ours to unhook. */
		if (level > 0 && (*e & _PAGE_PRESENT) && (*e & _PAGE_RW) &&
		    free_level(table(*e), level - 1, a, next, freed)) {
			list_move_tail(&virt_to_page(table(*e))->lru, freed);
			*e = 0;
			if (level == 1)
				pd_account(e, -1);
		}
		if (next == 0)
			break;
	}
	return table_empty(t);
}

/*
 * unhook_empty_tables - take the table pages under [start, end) that
 * map nothing any more out of pgd's tables, onto freed (page->lru).
 * The caller flushes the TLBs (other CPUs may still walk them), then
 * frees them with free_pgtables(). A shared PT or PD (behind a
 * read-only entry) is left alone: it is on no list.
 */
void unhook_empty_tables(unsigned long pgd, unsigned long start,
			 unsigned long end, struct list_head *freed)
{
	pte_t *pml4 = __va(pgd);

	for (unsigned long a = start; a < end;) {
		unsigned long next = level_end(a, 3, end);
		pte_t *e = &pml4[idx(a, 3)];

		if ((*e & _PAGE_PRESENT) &&
		    free_level(table(*e), 2, a, next, freed)) {
			list_move_tail(&virt_to_page(table(*e))->lru, freed);
			*e = 0;
		}
		a = next;
	}
}

/* Free the table pages unhook_empty_tables() collected. */
void free_pgtables(struct list_head *freed)
{
	while (!list_empty(freed))
		free_table(list_first_entry(freed, struct page, lru));
}

/*
 * pgd_free - free the user tables and the PML4 of an address space
 * whose mappings exit_mmap() released (every PTE cleared, every shared
 * table let go). Unhooking each listed table from its parent first
 * leaves them all zeroed (see the top).
 */
void pgd_free(unsigned long pgd)
{
	pte_t *pml4 = __va(pgd);
	struct page *p;

	list_for_each_entry(p, table_list(pgd), lru)
		*p->pt_parent = 0;
	free_pgtables(table_list(pgd));
	atomic_dec(&pgtable_pages);
	if (unlikely(debug_pgtables) &&
	    WARN_ON(!entries_empty(pml4, ENTRIES / 2)))
		memset(pml4, 0, PAGE_SIZE / 2);
	/* The user half is empty now: the next address space may have it. */
	if (!pgd_cache_put(pgd))
		free_page(pml4);
}

unsigned long nr_pgtable_pages(void) { return atomic_read(&pgtable_pages); }
