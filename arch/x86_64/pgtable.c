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
 */
#include <asm/arch.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <tine/memblock.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <uapi/errno.h>

#define ENTRIES 512
#define TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define KTABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW)

unsigned long init_pgd;
static atomic_t pgtable_pages;	/* user table pages in use */

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

static void free_table(pte_t *t)
{
	list_del_init(&virt_to_page(t)->lru);
	free_page(t);
	atomic_dec(&pgtable_pages);
}

/*
 * pgtable_pages_of - the table pages this address space owns (its PML4
 * and the tables on its list; shared tables belong to no one), for the
 * OOM killer's badness. The owner's mmap_lock held.
 */
unsigned long pgtable_pages_of(unsigned long pgd)
{
	struct list_head *pos;
	unsigned long n = 1;

	list_for_each(pos, table_list(pgd))
		n++;
	return n;
}

unsigned long pgd_alloc(void)
{
	struct page *p = alloc_page(0);
	pte_t *pml4;

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

/* Put table page pt on pgd's list (pgd's address space owns it now). */
void pt_list_add(unsigned long pgd, struct page *pt)
{
	list_add(&pt->lru, table_list(pgd));
}

/* A zeroed table page for pgd's address space, on its list. */
static struct page *table_alloc(unsigned long pgd, unsigned int gfp)
{
	struct page *p = alloc_page(gfp | __GFP_ZERO);

	if (!p)
		return NULL;
	atomic_inc(&pgtable_pages);
	list_add(&p->lru, table_list(pgd));
	return p;
}

/*
 * pt_alloc - a zeroed last-level table for pgd's address space, on its
 * list, with zero per-kind counts. NULL when out of memory. gfp:
 * __GFP_USER for fork's deferred copy (a fault's allocation).
 */
struct page *pt_alloc(unsigned long pgd, unsigned int gfp)
{
	struct page *p = table_alloc(pgd, gfp);

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
		if (!alloc || !(pdpt = table_alloc(pgd, 0)))
			return NULL;
		*e = page_to_phys(pdpt) | TABLE_FLAGS;
	}
	return &table(*e)[idx(addr, 2)];
}

/*
 * pd_alloc - a zeroed PD for pgd's address space, on its list, with no
 * present entries (pd_entries 0). NULL when out of memory.
 */
struct page *pd_alloc(unsigned long pgd, unsigned int gfp)
{
	struct page *p = table_alloc(pgd, gfp);

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
		if (!alloc || !(pd = pd_alloc(pgd, 0)))
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

static bool table_empty(pte_t *t)
{
	for (int i = 0; i < ENTRIES; i++)
		if (t[i])
			return false;
	return true;
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
		free_table(page_address(list_first_entry(freed, struct page,
							 lru)));
}

/* Free the user tables (every leaf already released) and the PML4. */
void pgd_free(unsigned long pgd)
{
	free_pgtables(table_list(pgd));
	free_page(__va(pgd));
	atomic_dec(&pgtable_pages);
}

unsigned long nr_pgtable_pages(void) { return atomic_read(&pgtable_pages); }
