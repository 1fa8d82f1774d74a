/*
 * x86-64 four-level page tables, as seen by generic mm code: a pte_t
 * per 4 KiB page and a few helpers. Tables are addressed through the
 * direct map; mm->pgd holds the PML4's physical address.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/page.h>
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

/* The PTE slot for addr, allocating missing tables if alloc; NULL if
 * absent (or out of memory). */
pte_t *get_pte(unsigned long pgd, unsigned long addr, bool alloc);
/* Call fn on every non-empty PTE slot in [start, end), skipping empty
 * upper-level tables. Stops early and returns fn's non-zero result. */
int walk_ptes(unsigned long pgd, unsigned long start, unsigned long end,
	      int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg);
/* As walk_ptes, for tearing down: a range covering a whole shared
 * last-level table (or any, with all: the whole address space goes)
 * drops it (its counts are added to dropped[]) instead of visiting it. */
int zap_ptes(unsigned long pgd, unsigned long start, unsigned long end,
	     int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg,
	     long dropped[2], bool all);
/* fork: share the parent's last-level table at addr with the child,
 * copy-on-write (docs/odf.md). 0 (rss[] = its entry counts, anonymous
 * and other), 1 (no table there) or -ENOMEM. */
int share_pt(unsigned long src_pgd, unsigned long dst_pgd, unsigned long addr,
	     long rss[2]);
/* Entries in use in the last-level table for addr (0 if none). */
unsigned int pt_entries(unsigned long pgd, unsigned long addr);
/* A new PML4 sharing the kernel half; 0 on ENOMEM. */
unsigned long pgd_alloc(void);
/* Free the user half's table pages and the PML4 (leaves must be gone). */
void pgd_free(unsigned long pgd);
/* Free the table pages under [start, end) that map nothing any more. */
void free_empty_tables(unsigned long pgd, unsigned long start,
		       unsigned long end);
/* Device registers at physical pa, uncached, through the direct map. */
void *ioremap_nocache(phys_addr_t pa, unsigned long size);
void flush_tlb_page(unsigned long addr);
void flush_tlb_all(void);
unsigned long nr_pgtable_pages(void);

extern unsigned long init_pgd;

#endif
