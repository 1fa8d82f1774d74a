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
	pte_t *pml4 = get_zeroed_page();

	if (!pml4)
		return 0;
	INIT_LIST_HEAD(&virt_to_page(pml4)->lru);
	memcpy(pml4 + ENTRIES / 2, (pte_t *)__va(init_pgd) + ENTRIES / 2,
	       PAGE_SIZE / 2);
	atomic_inc(&pgtable_pages);
	return __pa(pml4);
}

pte_t *get_pte(unsigned long pgd, unsigned long addr, bool alloc)
{
	pte_t *e = &((pte_t *)__va(pgd))[idx(addr, 3)];

	for (int level = 2; level >= 0; level--) {
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

static unsigned long level_end(unsigned long addr, int level,
			       unsigned long end)
{
	unsigned long size = 1UL << (12 + 9 * level);
	unsigned long next = (addr & ~(size - 1)) + size;

	return next - 1 < end - 1 ? next : end;
}

static int walk_level(pte_t *t, int level, unsigned long start,
		      unsigned long end,
		      int (*fn)(pte_t *, unsigned long, void *), void *arg)
{
	unsigned long a, next;
	int r;

	for (a = start; a < end; a = next) {
		pte_t *e = &t[idx(a, level)];

		next = level_end(a, level, end);
		if (level == 0) {
			if (*e && (r = fn(e, a, arg)))
				return r;
			continue;
		}
		if (!(*e & _PAGE_PRESENT))
			continue;
		r = walk_level(table(*e), level - 1, a, next, fn, arg);
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
	return walk_level(__va(pgd), 3, start, end, fn, arg);
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
