/*
 * x86-64 four-level page tables, as seen by generic mm code: a pte_t
 * per 4 KiB page and a few helpers. Tables are addressed through the
 * direct map; mm->pgd holds the PML4's physical address.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/page.h>
#include <tine/mm.h>
#include <tine/types.h>

#define _PAGE_PRESENT 0x001UL
#define _PAGE_RW 0x002UL
#define _PAGE_USER 0x004UL
#define _PAGE_PWT 0x008UL
#define _PAGE_PCD 0x010UL
#define _PAGE_ACCESSED 0x020UL
#define _PAGE_DIRTY 0x040UL
#define _PAGE_PSE 0x080UL
#define _PAGE_GLOBAL 0x100UL
#define _PAGE_NX (1UL << 63)
#define PTE_PFN_MASK 0x000ffffffffff000UL
#define PMD_SIZE (1UL << 21)		/* what one last-level table maps */
#define PUD_SIZE (1UL << 30)		/* what one PD maps */

typedef u64 pte_t;

static inline bool pte_present(pte_t p) { return p & _PAGE_PRESENT; }
static inline bool pte_write(pte_t p) { return p & _PAGE_RW; }
static inline phys_addr_t pte_phys(pte_t p) { return p & PTE_PFN_MASK; }
static inline pte_t pte_wrprotect(pte_t p) { return p & ~_PAGE_RW; }

/* Leaf protection bits for a user page from VM_READ/WRITE/EXEC. */
static inline pte_t user_pte_prot(bool write, bool exec)
{
	return _PAGE_PRESENT | _PAGE_USER | (write ? _PAGE_RW : 0) |
	       (exec ? 0 : _PAGE_NX);
}

/* ---- PD entries (pmd): what points at a last-level table ---- */

typedef u64 pmd_t;
struct page;
struct list_head;

#define PMD_TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

static inline bool pmd_present(pmd_t p) { return p & _PAGE_PRESENT; }
/* Does the PD entry let the MMU write through it? (x86 ANDs RW down the
 * walk: a read-only PD entry makes its whole table read-only.) */
static inline bool pmd_write(pmd_t p) { return p & _PAGE_RW; }
static inline pmd_t pmd_wrprotect(pmd_t p) { return p & ~_PAGE_RW; }
static inline pmd_t pmd_mkwrite(pmd_t p) { return p | _PAGE_RW; }
/* The PD entry pointing at table page pt (writable). */
static inline pmd_t mk_pmd(phys_addr_t pt) { return pt | PMD_TABLE_FLAGS; }
static inline phys_addr_t pmd_phys(pmd_t p) { return p & PTE_PFN_MASK; }
/* The index of addr's entry in its PD. */
static inline unsigned int pmd_index(unsigned long addr)
{
	return (addr >> 21) & 511;
}
/* The PTE slot for addr in the table pmd points at. */
static inline pte_t *pte_offset(pmd_t pmd, unsigned long addr)
{
	return (pte_t *)__va(pmd_phys(pmd)) + ((addr >> PAGE_SHIFT) & 511);
}

/* ---- PDPT entries (pud): what points at a PD (1 GiB) ---- */

typedef u64 pud_t;

static inline bool pud_present(pud_t p) { return p & _PAGE_PRESENT; }
/* Does the PDPT entry let the MMU write through it? A read-only one
 * makes the whole 1 GiB under it read-only (a PD shared by fork). */
static inline bool pud_write(pud_t p) { return p & _PAGE_RW; }
static inline pud_t pud_wrprotect(pud_t p) { return p & ~_PAGE_RW; }
static inline pud_t pud_mkwrite(pud_t p) { return p | _PAGE_RW; }
/* The PDPT entry pointing at PD page pd (writable). */
static inline pud_t mk_pud(phys_addr_t pd) { return pd | PMD_TABLE_FLAGS; }
static inline phys_addr_t pud_phys(pud_t p) { return p & PTE_PFN_MASK; }
/* The PD entry for addr in the PD pud (present) points at. */
static inline pmd_t *pmd_offset(pud_t pud, unsigned long addr)
{
	return (pmd_t *)__va(pud_phys(pud)) + pmd_index(addr);
}
/* One more (+1) or one fewer (-1) present entry in the PD holding pmd
 * (the count a PD carries: struct page pd_entries). */
static inline void pd_account(pmd_t *pmd, int delta)
{
	virt_to_page(pmd)->pd_entries += delta;
}

/* The PDPT entry for addr, allocating the PDPT if alloc; NULL if absent
 * (or out of memory). The entry itself may be empty. Under the mm's
 * mmap_lock. */
pud_t *pud_offset_alloc(unsigned long pgd, unsigned long addr, bool alloc);
/* A zeroed PD on pgd's list, with no entries; NULL if out of memory. */
struct page *pd_alloc(unsigned long pgd, u64 *parent, unsigned int gfp);
/* The PD entry for addr, allocating the levels above it if alloc; NULL
 * if absent (or out of memory). Under the mm's mmap_lock. For reading,
 * or in a PD known to be the caller's own (mm/pt_share.c decides). */
pmd_t *pmd_offset_alloc(unsigned long pgd, unsigned long addr, bool alloc);
/* Call fn on every present PD entry covering [start, end), with the
 * part of the range under it; stops at fn's first non-zero result. */
int walk_pmds(unsigned long pgd, unsigned long start, unsigned long end,
	      int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			void *arg),
	      void *arg);
/* walk_pmds, first calling pud_fn(pud, a, next, arg) on each present
 * read-only PDPT entry on the way (a PD shared with other address
 * spaces): < 0 stops the walk with that result, > 0 skips the PD
 * (pud_fn dealt with all of it), 0 walks its entries (pud_fn may have
 * pointed the entry at another PD). */
int walk_pmds_pud(unsigned long pgd, unsigned long start, unsigned long end,
		  int (*pud_fn)(pud_t *pud, unsigned long a,
				unsigned long next, void *arg),
		  int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			    void *arg),
		  void *arg);
/* Call fn(pud, a, next, arg) on every present PDPT entry covering
 * [start, end), with the part of the range under it; stops at fn's
 * first non-zero result. */
int walk_puds(unsigned long pgd, unsigned long start, unsigned long end,
	      int (*fn)(pud_t *pud, unsigned long a, unsigned long next,
			void *arg),
	      void *arg);
/* walk_pmds for [a, next) inside the one PD the present *pud points
 * at. */
int walk_pd_range(pud_t *pud, unsigned long a, unsigned long next,
		  int (*fn)(pmd_t *pmd, unsigned long a, unsigned long next,
			    void *arg),
		  void *arg);
/* A zeroed last-level table on pgd's list; NULL if out of memory. */
struct page *pt_alloc(unsigned long pgd, u64 *parent, unsigned int gfp);
void pt_free(struct page *pt);
/* The list of the table pages an address space owns (docs/odf.md). */
void pt_list_add(unsigned long pgd, struct page *pt, u64 *parent);
/* Take pt off its address space's list (it is being shared). */
static inline void pt_list_del(struct page *pt)
{
	list_del_init(&pt->lru);
	pt->pt_parent = NULL;
}
/* Is pt on an address space's list (owned, not shared)? */
static inline bool pt_listed(struct page *pt)
{
	return !list_empty(&pt->lru);
}

/* A new PML4 sharing the kernel half; 0 on ENOMEM. */
unsigned long pgd_alloc(void);
unsigned long pgtable_pages_of(unsigned long pgd);
/* Free the user half's table pages and the PML4 (leaves must be gone). */
void pgd_free(unsigned long pgd);
/* Move the tables under [start, end) that map nothing any more onto
 * freed; free them with free_pgtables() once no TLB can walk them. */
void unhook_empty_tables(unsigned long pgd, unsigned long start,
			 unsigned long end, struct list_head *freed);
void free_pgtables(struct list_head *freed);
/* Device registers at physical pa, uncached, through the direct map. */
void *ioremap_nocache(phys_addr_t pa, unsigned long size);
unsigned long nr_pgtable_pages(void);

/* ---- TLB (arch/x86_64/tlb.c) ---- */

struct mm_struct;
/* Make every CPU forget [start, end) of mm (end 0: all of it); returns
 * when they have. Interrupts on; waits for other CPUs, never sleeps. */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);
/* This CPU only: a page whose permission was only widened. */
void flush_tlb_page_local(unsigned long addr);
/* The last user of mm is gone: every CPU drops its tables. */
void leave_mm_everywhere(struct mm_struct *mm);
/* Has this CPU loaded mm's tables (lazily or not)? */
bool mm_is_loaded(struct mm_struct *mm);

extern unsigned long init_pgd;

#endif
