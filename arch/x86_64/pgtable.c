/*
 * Page tables: the kernel's own (direct map, image with W^X), and the
 * per-address-space user halves that generic mm code fills through
 * get_pte() and walks with walk_ptes(). The kernel half of every PML4
 * points at the same PDPT pages, allocated once at boot, so a kernel
 * mapping added later is seen by every address space.
 *
 * Every user table page is also linked (page->lru) on a list headed by
 * the PML4's struct page, so tearing an address space down frees its
 * tables in one pass over that list, with no scan of empty entries (the
 * scan was the largest cost of a small fork+exit: make bench).
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

/* ---- last-level tables shared copy-on-write by fork (docs/odf.md) ---- */

static struct page *pt_of(pte_t pde) { return phys_to_page(pte_phys(pde)); }

static void flush_if_loaded(unsigned long pgd)
{
	if ((read_cr3() & PTE_PFN_MASK) == pgd)
		flush_tlb_all();
}

/* Does the PT behind PD entry pde need own_pt() before it is changed? */
static bool pt_not_owned(pte_t pde)
{
	struct page *pt = pt_of(pde);

	return !(pde & _PAGE_RW) || page_count(pt) > 1 || list_empty(&pt->lru);
}

/*
 * own_pt - make the PT behind the PD entry *pde this address space's own.
 * Shared: copy it, write-protecting every entry in the original and the
 * copy and taking a page reference for the copy's entries (the work
 * fork skipped). No longer shared: adopt it into our table list and
 * allow writes at the PD level again. Returns 0 or -ENOMEM.
 */
static int own_pt(unsigned long pgd, pte_t *pde)
{
	struct page *pt = pt_of(*pde), *np;
	pte_t *src = page_address(pt), *dst;

	if (page_count(pt) == 1) {
		if (list_empty(&pt->lru))
			list_add(&pt->lru, table_list(pgd));
		if (!(*pde & _PAGE_RW)) {
			*pde |= _PAGE_RW;
			flush_if_loaded(pgd);
		}
		return 0;
	}
	/* fork's deferred copy, done at a fault: like the user pages a
	 * fault allocates, exempt from fault injection (a failure here can
	 * only kill the faulting process). */
	np = alloc_page(__GFP_USER | __GFP_ZERO);
	if (!np)
		return -ENOMEM;
	dst = page_address(np);
	atomic_inc(&pgtable_pages);
	for (int i = 0; i < ENTRIES; i++) {
		if (!src[i])
			continue;
		src[i] &= ~_PAGE_RW;
		get_page(phys_to_page(pte_phys(src[i])));
		dst[i] = src[i];
	}
	np->pt_rss[0] = pt->pt_rss[0];
	np->pt_rss[1] = pt->pt_rss[1];
	list_add(&np->lru, table_list(pgd));
	*pde = __pa(dst) | TABLE_FLAGS;
	put_page(pt);
	flush_if_loaded(pgd);
	return 0;
}

/* The PD entry for addr, allocating the tables above it if alloc. */
static pte_t *get_pde(unsigned long pgd, unsigned long addr, bool alloc)
{
	pte_t *e = &((pte_t *)__va(pgd))[idx(addr, 3)];

	for (int level = 2; level >= 1; level--) {
		if (!(*e & _PAGE_PRESENT)) {
			void *t;

			if (!alloc || !(t = get_zeroed_page()))
				return NULL;
			atomic_inc(&pgtable_pages);
			list_add(&virt_to_page(t)->lru, table_list(pgd));
			*e = __pa(t) | TABLE_FLAGS;
		}
		e = &table(*e)[idx(addr, level)];
	}
	return e;
}

/*
 * share_pt - fork: let the child's (dst) PD point at the parent's PT for
 * the 2 MiB at addr, write-protected at the PD level in both. Returns
 * the PT's per-kind entry counts through rss (for the child's rss), or
 * 1 if the parent has no table there, or -ENOMEM.
 */
int share_pt(unsigned long src_pgd, unsigned long dst_pgd, unsigned long addr,
	     long rss[2])
{
	pte_t *spde = get_pde(src_pgd, addr, false), *dpde;
	struct page *pt;

	if (!spde || !(*spde & _PAGE_PRESENT))
		return 1;
	dpde = get_pde(dst_pgd, addr, true);
	if (!dpde)
		return -ENOMEM;
	if (*dpde & _PAGE_PRESENT)
		return 1;		/* another VMA of this table shared it */
	pt = pt_of(*spde);
	if (!list_empty(&pt->lru))
		list_del_init(&pt->lru);	/* shared: on no list */
	get_page(pt);
	*spde &= ~_PAGE_RW;
	*dpde = *spde;
	rss[0] = pt->pt_rss[0];
	rss[1] = pt->pt_rss[1];
	return 0;
}

/* Entries in use in the last-level table for addr (0 if none). */
unsigned int pt_entries(unsigned long pgd, unsigned long addr)
{
	pte_t *pde = get_pde(pgd, addr, false);
	struct page *pt;

	if (!pde || !(*pde & _PAGE_PRESENT))
		return 0;
	pt = pt_of(*pde);
	return pt->pt_rss[0] + pt->pt_rss[1];
}

pte_t *get_pte(unsigned long pgd, unsigned long addr, bool alloc)
{
	pte_t *e = get_pde(pgd, addr, alloc);
	struct page *np;
	void *t;

	if (!e)
		return NULL;
	if (!(*e & _PAGE_PRESENT)) {
		if (!alloc || !(t = get_zeroed_page()))
			return NULL;
		atomic_inc(&pgtable_pages);
		np = virt_to_page(t);
		np->pt_rss[0] = np->pt_rss[1] = 0;
		list_add(&np->lru, table_list(pgd));
		*e = __pa(t) | TABLE_FLAGS;
	} else if (pt_not_owned(*e) && own_pt(pgd, e)) {
		return NULL;
	}
	return &table(*e)[idx(addr, 0)];
}

static unsigned long level_end(unsigned long addr, int level,
			       unsigned long end)
{
	unsigned long size = 1UL << (12 + 9 * level);
	unsigned long next = (addr & ~(size - 1)) + size;

	return next - 1 < end - 1 ? next : end;
}

struct walk {
	unsigned long pgd;
	int (*fn)(pte_t *, unsigned long, void *);
	void *arg;
	long *dropped;		/* zap: rss of the shared PTs let go */
	bool all;		/* zap of a whole address space */
};

/*
 * A zap that covers a whole shared PT just lets it go: its pages stay
 * with the table for the other sharers (docs/odf.md, invariant 6).
 */
static bool drop_shared_pt(struct walk *w, pte_t *pde, unsigned long a,
			   unsigned long next)
{
	struct page *pt = pt_of(*pde);

	if (!w->dropped || page_count(pt) == 1)
		return false;
	/* Only a zap of the whole table's range, or of everything. */
	if (!w->all && ((a & (PMD_SIZE - 1)) || next - a != PMD_SIZE))
		return false;
	w->dropped[0] += pt->pt_rss[0];
	w->dropped[1] += pt->pt_rss[1];
	*pde = 0;
	put_page(pt);
	flush_if_loaded(w->pgd);
	return true;
}

static int walk_level(struct walk *w, pte_t *t, int level,
		      unsigned long start, unsigned long end)
{
	unsigned long a, next;
	int r;

	for (a = start; a < end; a = next) {
		pte_t *e = &t[idx(a, level)];

		next = level_end(a, level, end);
		if (level == 0) {
			if (*e && (r = w->fn(e, a, w->arg)))
				return r;
			continue;
		}
		if (!(*e & _PAGE_PRESENT))
			continue;
		/* Callers change PTEs: a shared PT is copied (or dropped
		 * whole by a zap) first. */
		if (level == 1 && pt_not_owned(*e) &&
		    !drop_shared_pt(w, e, a, next) && own_pt(w->pgd, e))
			return -ENOMEM;
		if (!(*e & _PAGE_PRESENT))
			continue;
		r = walk_level(w, table(*e), level - 1, a, next);
		if (r)
			return r;
		if (next == 0)
			break;
	}
	return 0;
}

int walk_ptes(unsigned long pgd, unsigned long start, unsigned long end,
	      int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg)
{
	struct walk w = { pgd, fn, arg, NULL, false };

	return walk_level(&w, __va(pgd), 3, start, end);
}

int zap_ptes(unsigned long pgd, unsigned long start, unsigned long end,
	     int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg,
	     long dropped[2], bool all)
{
	struct walk w = { pgd, fn, arg, dropped, all };

	return walk_level(&w, __va(pgd), 3, start, end);
}

static bool table_empty(pte_t *t)
{
	for (int i = 0; i < ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

/* Free empty tables below t covering [start, end); true if t emptied. */
static bool free_level(pte_t *t, int level, unsigned long start,
		       unsigned long end)
{
	unsigned long a, next;

	for (a = start; a < end; a = next) {
		pte_t *e = &t[idx(a, level)];

		next = level_end(a, level, end);
		if (level > 0 && (*e & _PAGE_PRESENT) &&
		    free_level(table(*e), level - 1, a, next)) {
			free_table(table(*e));
			*e = 0;
		}
		if (next == 0)
			break;
	}
	return table_empty(t);
}

void free_empty_tables(unsigned long pgd, unsigned long start,
		       unsigned long end)
{
	pte_t *pml4 = __va(pgd);

	for (unsigned long a = start; a < end;) {
		unsigned long next = level_end(a, 3, end);
		pte_t *e = &pml4[idx(a, 3)];

		if ((*e & _PAGE_PRESENT) &&
		    free_level(table(*e), 2, a, next)) {
			free_table(table(*e));
			*e = 0;
		}
		a = next;
	}
}

/* Free the user tables (every leaf already released) and the PML4. */
void pgd_free(unsigned long pgd)
{
	struct list_head *head = table_list(pgd);

	while (!list_empty(head))
		free_table(page_address(list_first_entry(head, struct page,
							 lru)));
	free_page(__va(pgd));
	atomic_dec(&pgtable_pages);
}

void flush_tlb_page(unsigned long addr) { invlpg(addr); }
void flush_tlb_all(void) { write_cr3(read_cr3()); }
unsigned long nr_pgtable_pages(void) { return atomic_read(&pgtable_pages); }

void switch_mm(struct mm_struct *next)
{
	unsigned long pgd = next ? next->pgd : init_pgd;

	if (read_cr3() != pgd)
		write_cr3(pgd);
}
