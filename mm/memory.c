/*
 * Page-table work on ranges of a VMA: zap (munmap, MADV_DONTNEED),
 * copy-on-write copy (fork), move (mremap), protection change
 * (mprotect); and reading or writing another address space's memory
 * (ptrace, /proc/pid/cmdline, exec building its new stack).
 *
 * Every function here runs with the mm's mmap_lock held unless its
 * comment says it takes it. Pages are reached through the kernel's
 * direct map, never through user addresses, so nothing here faults.
 */
#include <asm/processor.h>
#include <tine/fault.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include "internal.h"

/* Page references held by all user PTEs (a leak check for tests). */
static atomic_long_t user_pages;

unsigned long nr_user_pages(void)
{
	return atomic_long_read(&user_pages);
}

/* Adjust mm->rss[member] (and the global count) by value. */
void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss[member] += value;
	atomic_long_add(&user_pages, value);
}

unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return mm->rss[MM_FILEPAGES] + mm->rss[MM_ANONPAGES] +
	       mm->rss[MM_SHMEMPAGES];
}

unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	return mm->hiwater_rss > rss ? mm->hiwater_rss : rss;
}

static void tlb_flush_and_free(struct mmu_gather *tlb)
{
	if (!tlb->nr)
		return;
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
}

/* Start a batch of unmaps in mm (Linux's mmu_gather). */
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->nr = 0;
}

/*
 * Drop the reference of page, unmapped from addr: once every CPU has
 * forgotten its translation. A dying mm is loaded nowhere (mmput made
 * every CPU leave it): its pages go at once.
 */
static void tlb_remove_page(struct mmu_gather *tlb, struct page *page,
			    unsigned long addr)
{
	if (tlb->mm->tearing_down) {
		put_page(page);
		return;
	}
	if (tlb->nr == GATHER_PAGES)
		tlb_flush_and_free(tlb);
	if (!tlb->nr)
		tlb->start = addr;
	tlb->end = addr + PAGE_SIZE;	/* zaps go up through the range */
	tlb->pages[tlb->nr++] = page;
}

/* End the batch: shoot the TLBs down, then free what was gathered. */
void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_and_free(tlb);
}

struct zap_ctx {
	struct vm_area_struct *vma;
	struct mmu_gather *tlb;
};

static int zap_one(pte_t *ptep, unsigned long addr, void *arg)
{
	struct zap_ctx *z = arg;
	struct mm_struct *mm = z->vma->vm_mm;
	pte_t pte = *ptep;

	*ptep = 0;
	add_mm_counter(mm, mm_counter(z->vma, pte), -1);
	/* A table of a dying address space is freed next: no count. */
	if (!mm->tearing_down)
		pt_account(ptep, pte, -1);
	tlb_remove_page(z->tlb, pte_page(pte), addr);
	return 0;
}

/**
 * unmap_page_range - unmap the pages of [start, end) inside vma
 * @tlb: the batch the pages go to (freed after the shootdown)
 * @drop_lo, @drop_hi: a shared page table wholly inside this range is
 *                     let go whole (the whole unmap's range)
 *
 * The shared tables the range covers in part must have been made ours
 * (unshare_range) first: then this cannot fail. The VMA stays; empty
 * page tables are left for free_pgtables_range(). mmap_lock held.
 */
void unmap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      unsigned long start, unsigned long end,
		      unsigned long drop_lo, unsigned long drop_hi)
{
	struct mm_struct *mm = vma->vm_mm;
	struct zap_ctx z = { vma, tlb };
	long dropped[2] = { 0, 0 };

	mmap_assert_locked(mm);
	update_hiwater(mm);
	WARN_ON(zap_ptes(mm, start, end, zap_one, &z, dropped, drop_lo,
			 drop_hi));
	/* Shared tables let go whole: their pages stay with the table. */
	mm->rss[MM_ANONPAGES] -= dropped[0];
	mm->rss[MM_FILEPAGES] -= dropped[1];
}

/**
 * zap_page_range - unmap the pages of [start, end) inside vma, and free
 * them once no CPU can reach them (MADV_DONTNEED). Each page loses this
 * mapping's reference. As unmap_page_range. mmap_lock held.
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	struct mmu_gather tlb;

	mmap_assert_locked(vma->vm_mm);
	tlb_gather_mmu(&tlb, vma->vm_mm);
	unmap_page_range(&tlb, vma, start, end, start, end);
	tlb_finish_mmu(&tlb);
}

/**
 * free_pgtables_range - free the page tables under [start, end) that
 * map nothing any more, once no CPU can walk them. mmap_lock held.
 */
void free_pgtables_range(struct mm_struct *mm, unsigned long start,
			 unsigned long end)
{
	LIST_HEAD(freed);

	mmap_assert_locked(mm);
	unhook_empty_tables(mm->pgd, start, end, &freed);
	if (list_empty(&freed))
		return;
	flush_tlb_mm_range(mm, start, end);
	free_pgtables(&freed);
}

struct copy_ctx {
	struct vm_area_struct *src;
	struct vm_area_struct *dst;
	bool cow;			/* private: write-protect both sides */
	bool *flush;			/* set when a source PTE lost _PAGE_RW */
	pte_t *dst_pt;			/* the child's table for dst_region */
	unsigned long dst_region;	/* 2 MiB region dst_pt maps */
	pmd_t *dst_pd;			/* the child's PD for dst_pd_base */
	struct page *dst_pd_page;	/* its page (pd_entries) */
	unsigned long dst_pd_base;	/* the 1 GiB dst_pd maps */
};

static int copy_one(pte_t *src, unsigned long addr, void *arg)
{
	struct copy_ctx *c = arg;
	unsigned long region = ALIGN_DOWN(addr, PMD_SIZE);
	pte_t *dst, pte = *src;

	/* The child's tables are new and its own: one lookup per table. */
	if (!c->dst_pt || c->dst_region != region) {
		dst = get_pte(c->dst->vm_mm, addr, true);
		if (!dst)
			return -ENOMEM;
		c->dst_pt = dst - ((addr >> PAGE_SHIFT) & 511);
		c->dst_region = region;
	}
	dst = &c->dst_pt[(addr >> PAGE_SHIFT) & 511];
	if (c->cow && pte_write(pte)) {
		pte = pte_wrprotect(pte);
		*src = pte;
		*c->flush = true;
	}
	get_page(pte_page(pte));
	*dst = pte & ~(_PAGE_ACCESSED | _PAGE_DIRTY);
	add_mm_counter(c->dst->vm_mm, mm_counter(c->dst, pte), 1);
	pt_account(dst, pte, 1);
	return 0;
}

/*
 * Sharing a table defers the copy of its entries to the first write
 * (own_pt: a new table, and a scan that ends at the last entry in use);
 * copying a sparsely used table entry by entry now, and zapping it
 * entry by entry at exit, is cheaper. The threshold is where the two
 * cost about the same (make bench: fork-mem-*).
 */
#define SHARE_MIN_ENTRIES 32

/*
 * May the last-level table at region (2 MiB aligned) be shared with the
 * child? Only if every VMA in it is private and copied by fork: the
 * table maps all of them at once.
 */
static bool region_shareable(struct vm_area_struct *src,
			     unsigned long region)
{
	struct mm_struct *mm = src->vm_mm;
	struct vm_area_struct *v;

	/* Inside src alone (the common case for big mappings): src is
	 * private and copied, or we would not be here. */
	if (region >= src->vm_start && region + PMD_SIZE <= src->vm_end)
		return true;
	v = find_vma(mm, region);
	for (; v && v->vm_start < region + PMD_SIZE; v = vma_next(mm, v))
		if (v->vm_flags & (VM_SHARED | VM_DONTCOPY | VM_WIPEONFORK))
			return false;
	return true;
}

/* The child's PD entry for region (allocated with the levels above it;
 * the PD is looked up once per 1 GiB); NULL if out of memory. */
static pmd_t *child_pmd(struct copy_ctx *c, unsigned long region)
{
	unsigned long base = ALIGN_DOWN(region, PUD_SIZE);
	unsigned int i = pmd_index(region);
	pmd_t *pmd;

	if (c->dst_pd && c->dst_pd_base == base)
		return c->dst_pd + i;
	pmd = pmd_offset_alloc(c->dst->vm_mm->pgd, region, true);
	if (!pmd)
		return NULL;
	c->dst_pd = pmd - i;
	c->dst_pd_page = virt_to_page(c->dst_pd);
	c->dst_pd_base = base;
	return pmd;
}

/*
 * A PD (1 GiB) is shared whole with the child when it points at this
 * many PTs or more (and everything mapped under it may be shared): the
 * share costs one pass over its entries, the first change under it in
 * either address space a copy of the PD; fewer tables are shared (or
 * copied) one by one (make bench: fork-mem-*).
 */
#define SHARE_MIN_PTS 16

/*
 * May the PD for the 1 GiB at base be shared with the child? Only if
 * every VMA under it is private and copied by fork (as for a PT), and
 * none is a stack: both sides write their stack as soon as fork
 * returns, so sharing that gigabyte's PD would only make each of them
 * copy it at once, and then drop its PTs one by one at exit (with the
 * default randomised layout the stack has a gigabyte of its own; with
 * norandmaps the mmap area shares it).
 */
static bool pd_shareable(struct vm_area_struct *src, unsigned long base)
{
	const unsigned long no = VM_SHARED | VM_DONTCOPY | VM_WIPEONFORK |
				 VM_GROWSDOWN;
	struct mm_struct *mm = src->vm_mm;
	struct vm_area_struct *v;

	if (base >= src->vm_start && base + PUD_SIZE <= src->vm_end)
		return !(src->vm_flags & no);
	if (ALIGN_DOWN(mm->start_stack, PUD_SIZE) == base)
		return false;		/* the main stack's: no scan */
	v = find_vma(mm, base);
	for (; v && v->vm_start < base + PUD_SIZE; v = vma_next(mm, v))
		if (v->vm_flags & no)
			return false;
	return true;
}

/*
 * One PD entry of the parent's range [a, next): private memory shares
 * the whole table with the child, copy-on-write at the table level
 * (docs/odf.md), if the table is worth it and maps nothing fork must
 * not copy; otherwise its entries are copied one by one.
 */
static int copy_pmd(pmd_t *pmd, unsigned long a, unsigned long next,
		    void *arg)
{
	struct copy_ctx *c = arg;
	struct mm_struct *dmm = c->dst->vm_mm;
	unsigned long region = ALIGN_DOWN(a, PMD_SIZE);
	pmd_t *dpmd;
	long rss[2];

	if (!c->cow || pmd_pt_entries(*pmd) < SHARE_MIN_ENTRIES ||
	    !region_shareable(c->src, region))
		return walk_pt_range(c->src->vm_mm, pmd, a, next, copy_one, c);
	dpmd = child_pmd(c, region);
	if (!dpmd)
		return -ENOMEM;
	if (share_pt(pmd, dpmd, rss) == 0) {
		c->dst_pd_page->pd_entries++;
		dmm->rss[MM_ANONPAGES] += rss[0];
		dmm->rss[MM_FILEPAGES] += rss[1];
		*c->flush = true;
	}
	return 0;		/* 1: another VMA of this table shared it */
}

/*
 * The part [a, next) of the parent's range under the present PDPT
 * entry *pud (one gigabyte): share the whole PD with the child if it is worth it and
 * may be; else make sure the parent owns it (its PD entries change)
 * and walk its entries. 0 or -ENOMEM.
 */
static int copy_pud(pud_t *pud, unsigned long a, unsigned long next,
		    void *arg)
{
	struct copy_ctx *c = arg;
	struct mm_struct *smm = c->src->vm_mm, *dmm = c->dst->vm_mm;
	unsigned long base = ALIGN_DOWN(a, PUD_SIZE);
	pud_t *dpud;
	long rss[2];
	int err;

	if (pmd_pd_entries(*pud) < SHARE_MIN_PTS || !c->cow ||
	    !pd_shareable(c->src, base)) {
		if (!pud_write(*pud) && (err = unshare_pd(smm, pud, a)))
			return err;
		return walk_pd_range(pud, a, next, copy_pmd, c);
	}
	dpud = pud_offset_alloc(dmm->pgd, base, true);
	if (!dpud)
		return -ENOMEM;
	if (pud_present(*dpud))
		return 0;	/* another VMA under this PD shared it */
	share_pd(pud, dpud, rss);
	dmm->rss[MM_ANONPAGES] += rss[0];
	dmm->rss[MM_FILEPAGES] += rss[1];
	*c->flush = true;
	return 0;
}

/**
 * copy_page_range - fork's copy of src's PTEs into dst (same range)
 * @dst: the child's VMA, already linked into the child mm
 * @src: the parent's VMA
 * @flush: set to true if a parent PTE (or PD entry) was write-protected;
 *         the caller must then flush the parent's TLBs
 *
 * Private pages become copy-on-write: read-only in both, one reference
 * each (or one table shared: a PT, or a whole PD). Shared pages are mapped in both as they
 * were. Returns 0 or -ENOMEM (page tables); what was copied stays, for
 * mmput() to release.
 */
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src,
		    bool *flush)
{
	struct copy_ctx c = {
		.src = src,
		.dst = dst,
		.cow = !(src->vm_flags & VM_SHARED),
		.flush = flush,
	};

	mmap_assert_locked(src->vm_mm);
	return walk_puds(src->vm_mm->pgd, src->vm_start, src->vm_end,
			 copy_pud, &c);
}

struct move_ctx {
	struct mm_struct *mm;
	unsigned long delta;		/* new_addr - old_addr */
	bool alloc;			/* pass 1: only allocate tables */
};

static int move_one(pte_t *src, unsigned long addr, void *arg)
{
	struct move_ctx *c = arg;
	pte_t *dst = get_pte(c->mm, addr + c->delta, c->alloc);

	if (!dst)
		return -ENOMEM;
	if (!c->alloc) {
		*dst = *src;
		pt_account(dst, *src, 1);
		pt_account(src, *src, -1);
		*src = 0;
	}
	return 0;
}

/**
 * move_page_tables - move the PTEs of [old_addr, +len) to new_addr
 *
 * The page references move with them. The ranges must not overlap and
 * nothing may be mapped at the destination. All tables are allocated
 * first, so this either fails with -ENOMEM having moved nothing, or
 * moves everything.
 */
int move_page_tables(struct mm_struct *mm, unsigned long old_addr,
		     unsigned long new_addr, unsigned long len)
{
	struct move_ctx c = { mm, new_addr - old_addr, true };

	mmap_assert_locked(mm);
	if (walk_ptes(mm, old_addr, old_addr + len, move_one, &c)) {
		free_pgtables_range(mm, new_addr, new_addr + len);
		return -ENOMEM;
	}
	c.alloc = false;
	WARN_ON(walk_ptes(mm, old_addr, old_addr + len, move_one, &c));
	flush_tlb_mm_range(mm, old_addr, old_addr + len);
	return 0;
}

static int change_one(pte_t *ptep, unsigned long addr, void *arg)
{
	struct vm_area_struct *vma = arg;
	pte_t pte = *ptep;
	struct page *page = pte_page(pte);
	bool write;

	/* Shared pages are written in place; a private one only if it is
	 * ours alone, otherwise the next write fault copies it. */
	if (vma->vm_flags & VM_SHARED)
		write = true;
	else
		write = (pte & PTE_ANON) && page_count(page) == 1;
	*ptep = mk_pte(page, vma_pte_prot(vma, write) | (pte & PTE_ANON));
	return 0;
}

/* Rewrite the PTEs of [start, end) for vma's (new) vm_flags. */
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end)
{
	mmap_assert_locked(vma->vm_mm);
	/* The caller made the range's tables ours (unshare_range). */
	WARN_ON(walk_ptes(vma->vm_mm, start, end, change_one, vma));
	flush_tlb_mm_range(vma->vm_mm, start, end);
}

/*
 * get_user_page - the page at addr of mm, faulted in for the access
 * gup_flags ask for, with a reference for the caller; NULL if it cannot
 * be had. Caller holds mmap_lock.
 */
struct page *get_user_page(struct mm_struct *mm, unsigned long addr,
			   unsigned int gup_flags)
{
	bool write = gup_flags & FOLL_WRITE, force = gup_flags & FOLL_FORCE;
	unsigned int flags = write ? FAULT_FLAG_WRITE : 0;
	struct vm_area_struct *vma = find_extend_vma(mm, addr);
	unsigned long vm_flags;
	pte_t *ptep;

	mmap_assert_locked(mm);
	if (!vma)
		return NULL;
	vm_flags = vma->vm_flags;
	if (write && !(vm_flags & VM_WRITE)) {
		/* ptrace may write a private copy, never a shared page. */
		if (!force || (vm_flags & VM_SHARED) ||
		    !(vm_flags & VM_MAYWRITE))
			return NULL;
	} else if (!write && !(vm_flags & VM_ACCESS_FLAGS)) {
		if (!force || !(vm_flags & VM_MAYREAD))
			return NULL;
	}
	if (force)
		flags |= FAULT_FLAG_FORCE;
	if (__handle_mm_fault(mm, vma, addr, flags) != FAULT_OK)
		return NULL;
	/* A write fault made the table ours; a read leaves it shared. */
	ptep = lookup_pte(mm, addr);
	if (!ptep || !*ptep)
		return NULL;
	get_page(pte_page(*ptep));
	return pte_page(*ptep);
}

/*
 * shared_page_phys - the physical address of the page at addr of mm if
 * addr lies in a MAP_SHARED mapping and the page is mapped, else 0
 * (futex keys). Only looks: page tables shared with a fork child stay
 * shared. Takes mm->mmap_lock; sleeps.
 */
phys_addr_t shared_page_phys(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	phys_addr_t phys = 0;
	pte_t *ptep;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start <= addr && (vma->vm_flags & VM_SHARED)) {
		ptep = lookup_pte(mm, addr);
		if (ptep && pte_present(*ptep))
			phys = pte_phys(*ptep);
	}
	mutex_unlock(&mm->mmap_lock);
	return phys;
}

/*
 * access_remote_vm - copy between a kernel buffer and mm's memory
 * (see <tine/mman.h>). Takes mm->mmap_lock; sleeps.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags)
{
	char *p = buf;
	int done = 0;

	mutex_lock(&mm->mmap_lock);
	while (done < len) {
		unsigned long off = offset_in_page(addr);
		int n = MIN((unsigned long)(len - done), PAGE_SIZE - off);
		struct page *page = get_user_page(mm, addr, gup_flags);
		char *kaddr;

		if (!page)
			break;
		kaddr = (char *)page_address(page) + off;
		if (!(gup_flags & FOLL_WRITE))
			memcpy(p, kaddr, n);
		else if (p)
			memcpy(kaddr, p, n);
		else
			memset(kaddr, 0, n);
		put_page(page);
		if (p)
			p += n;
		addr += n;
		done += n;
	}
	mutex_unlock(&mm->mmap_lock);
	return done;
}

/*
 * access_process_vm - ptrace PEEK/POKE and /proc/pid/cmdline: read or
 * write t's memory as a debugger may (FOLL_FORCE). Returns bytes done.
 */
int access_process_vm(struct task_struct *t, unsigned long addr, void *buf,
		      int len, int write)
{
	struct mm_struct *mm = get_task_mm(t);
	int n;

	if (!mm)
		return 0;
	n = access_remote_vm(mm, addr, buf, len,
			     FOLL_FORCE | (write ? FOLL_WRITE : 0));
	mmput(mm);
	return n;
}

/* Write len bytes (zeros if buf is NULL) at addr of mm, in chunks that
 * fit access_remote_vm's int length. */
static int write_mm(struct mm_struct *mm, unsigned long addr,
		    const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		int n = MIN(len, (size_t)1 << 30);

		if (access_remote_vm(mm, addr, (void *)p, n, FOLL_WRITE) != n)
			return -EFAULT;
		if (p)
			p += n;
		addr += n;
		len -= n;
	}
	return 0;
}

/* copy_to_user_mm - see <tine/mman.h>. Sleeps. */
int copy_to_user_mm(struct mm_struct *mm, unsigned long addr,
		    const void *buf, size_t len)
{
	return write_mm(mm, addr, buf, len);
}

/* clear_user_mm - see <tine/mman.h>. Sleeps. */
int clear_user_mm(struct mm_struct *mm, unsigned long addr, size_t len)
{
	return write_mm(mm, addr, NULL, len);
}

/**
 * populate_range - fault in every page of [start, end) (MADV_POPULATE_*)
 * @gup_flags: FOLL_WRITE to fault in for writing (breaking COW)
 *
 * Returns 0, -ENOMEM (a hole, or out of memory) or -EFAULT (the mapping
 * forbids the access, or the page is past the end of its file).
 */
int populate_range(struct mm_struct *mm, unsigned long start,
		   unsigned long end, unsigned int gup_flags)
{
	bool write = gup_flags & FOLL_WRITE;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		int r;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		if (!(vma->vm_flags & (write ? VM_WRITE : VM_ACCESS_FLAGS)))
			return -EFAULT;
		r = __handle_mm_fault(mm, vma, addr,
				      write ? FAULT_FLAG_WRITE : 0);
		if (r != FAULT_OK)
			return r == FAULT_OOM ? -ENOMEM : -EFAULT;
	}
	return 0;
}

/**
 * mm_populate - best-effort prefault of [start, end) for MAP_POPULATE
 * and mlock: accessible pages are faulted in, private writable ones for
 * writing. Holes and failures are skipped; out of memory stops it.
 */
void mm_populate(struct mm_struct *mm, unsigned long start,
		 unsigned long end)
{
	unsigned long addr = start;

	while (addr < end) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned int flags = 0;

		if (!vma || vma->vm_start >= end)
			return;
		if (addr < vma->vm_start)
			addr = vma->vm_start;
		if (!(vma->vm_flags & VM_ACCESS_FLAGS)) {
			addr = vma->vm_end;
			continue;
		}
		if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			flags = FAULT_FLAG_WRITE;
		for (; addr < MIN(end, vma->vm_end); addr += PAGE_SIZE)
			if (__handle_mm_fault(mm, vma, addr, flags) ==
			    FAULT_OOM)
				return;
	}
}
