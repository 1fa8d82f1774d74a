/*
 * Private to the user-address-space part of mm/: PTE encoding, VMA list
 * helpers and the pieces the files share. See docs/mm.md.
 *
 * A user PTE slot is either 0 (nothing mapped) or holds one reference
 * to the page it names, present or not:
 *   present            the page, with _PAGE_RW/_PAGE_NX from the VMA
 *   PTE_PROTNONE       the page, kept while the VMA is PROT_NONE
 *   PTE_ANON (either)  a private anonymous page (zero-fill or COW copy):
 *                      when its refcount is 1 a write fault may reuse it
 * Both are x86 "available to software" bits the MMU ignores.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <asm/pgtable.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/printk.h>

#define PTE_ANON (1UL << 9)
#define PTE_PROTNONE (1UL << 10)

/* Internal fault flags, beyond <tine/fault.h>'s. */
#define FAULT_FLAG_FORCE 0x100	/* ptrace: permissions already checked */

static inline struct page *pte_page(pte_t pte)
{
	return phys_to_page(pte_phys(pte));
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* Does a file's page cache back vma? A private mapping of a device of
 * zeroes (/dev/zero) keeps its file for /proc, as Linux, but is
 * anonymous memory. */
static inline bool vma_file_backed(const struct vm_area_struct *vma)
{
	return vma->vm_file && vma->vm_file->f_op->get_page;
}

/* Private anonymous memory: no file, no shared object behind it. */
static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma_file_backed(vma) && !vma->vm_shmem && !vma->vm_special;
}

/* A shared mapping that may write to its file (now or by mprotect):
 * what i_mmap_writable counts. */
static inline bool vma_is_shared_maywrite(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) ==
	       (VM_SHARED | VM_MAYWRITE);
}

/* Page offset in the backing object of the page at addr. */
static inline unsigned long linear_page_index(const struct vm_area_struct *vma,
					      unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/*
 * The protection bits of a PTE in vma; write says the page may be
 * written in place (a shared page, or a private one we own alone).
 */
static inline pte_t vma_pte_prot(const struct vm_area_struct *vma, bool write)
{
	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		return PTE_PROTNONE;
	return user_pte_prot(write && (vma->vm_flags & VM_WRITE),
			     vma->vm_flags & VM_EXEC);
}

static inline pte_t mk_pte(struct page *page, pte_t prot)
{
	return page_to_phys(page) | prot;
}

/* Which mm->rss[] counter a mapped PTE in vma belongs to. */
static inline int mm_counter(const struct vm_area_struct *vma, pte_t pte)
{
	if (pte & PTE_ANON)
		return MM_ANONPAGES;
	return vma->vm_shmem ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* The stack gap a new mapping must leave below a VM_GROWSDOWN VMA. */
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return start;
	return start > STACK_GUARD_GAP ? start - STACK_GUARD_GAP : 0;
}

/* mm/mmap.c */
struct vm_area_struct *vma_prev(struct mm_struct *mm,
				struct vm_area_struct *vma);
struct vm_area_struct *vma_next(struct mm_struct *mm,
				struct vm_area_struct *vma);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_unlink_free(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr);
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					   struct vm_area_struct *vma);
int vma_set_flags(struct mm_struct *mm, struct vm_area_struct *vma,
		  unsigned long start, unsigned long end,
		  unsigned long newflags);
bool vm_enough_memory(unsigned long pages);
bool may_expand_vm(struct mm_struct *mm, unsigned long pages);
void exit_mmap(struct mm_struct *mm);

/* mm/memory.c */
void add_mm_counter(struct mm_struct *mm, int member, long value);

/* One more (+1) or one fewer (-1) entry mapping pte in the table that
 * holds ptep: the per-table count shared tables carry (docs/odf.md). */
static inline void pt_account(pte_t *ptep, pte_t pte, int delta)
{
	virt_to_page(ptep)->pt_rss[(pte & PTE_ANON) ? 0 : 1] += delta;
}
/*
 * Pages unmapped but not yet freed (Linux's mmu_gather): another CPU
 * running the mm may reach them through its TLB until the shootdown,
 * which tlb_finish_mmu() (or a full batch) does before putting them.
 */
#define GATHER_PAGES 64
struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;	/* where the gathered pages were */
	unsigned int nr;
	struct page *pages[GATHER_PAGES];
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_finish_mmu(struct mmu_gather *tlb);
void unmap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      unsigned long start, unsigned long end,
		      unsigned long drop_lo, unsigned long drop_hi);
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end);
void free_pgtables_range(struct mm_struct *mm, unsigned long start,
			 unsigned long end);
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src,
		    bool *flush);
int move_page_tables(struct mm_struct *mm, unsigned long old_addr,
		     unsigned long new_addr, unsigned long len);
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end);
int populate_range(struct mm_struct *mm, unsigned long start,
		   unsigned long end, unsigned int gup_flags);
void mm_populate(struct mm_struct *mm, unsigned long start,
		 unsigned long end);

/* mm/pt_share.c: PTs shared by fork, and the walks through them */
int share_pt(pmd_t *spmd, pmd_t *dpmd, long rss[2]);
void share_pd(pud_t *spud, pud_t *dpud, long rss[2]);
int unshare_pd(struct mm_struct *mm, pud_t *pud, unsigned long addr);
/* Present entries in the PD pud (present) points at. */
static inline unsigned int pmd_pd_entries(pud_t pud)
{
	return phys_to_page(pud_phys(pud))->pd_entries;
}
/* Entries in use in the last-level table pmd (present) points at. */
static inline unsigned int pmd_pt_entries(pmd_t pmd)
{
	struct page *pt = phys_to_page(pmd_phys(pmd));

	return pt->pt_rss[0] + pt->pt_rss[1];
}
int walk_pt_range(struct mm_struct *mm, pmd_t *pmd, unsigned long a,
		  unsigned long next,
		  int (*fn)(pte_t *pte, unsigned long addr, void *arg),
		  void *arg);
pte_t *lookup_pte(struct mm_struct *mm, unsigned long addr);
struct page *get_user_page(struct mm_struct *mm, unsigned long addr,
			   unsigned int gup_flags);
pte_t *get_pte(struct mm_struct *mm, unsigned long addr, bool alloc);
int walk_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
	      int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg);
int zap_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
	     int (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg,
	     long dropped[2], unsigned long drop_lo, unsigned long drop_hi);
int unshare_range(struct mm_struct *mm, unsigned long start,
		  unsigned long end, bool partial_only);

/* mm/fault.c */
int __handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long addr, unsigned int flags);
struct vm_area_struct *find_extend_vma(struct mm_struct *mm,
				       unsigned long addr);

/* mm/shmem.c */
struct shmem_object *shmem_create(unsigned long nr_pages);
void shmem_get(struct shmem_object *obj);
void shmem_put(struct shmem_object *obj);
struct page *shmem_get_page(struct shmem_object *obj, unsigned long index,
			    int *fault);

#endif
