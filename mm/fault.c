/*
 * Page faults on user addresses: demand paging, copy-on-write and stack
 * growth. arch/x86_64/traps.c calls handle_mm_fault() for every #PF;
 * access_remote_vm() reaches __handle_mm_fault() for another mm.
 *
 * What a fault does, by VMA kind (docs/mm.md has the full rules):
 *   private anonymous  a zeroed page of our own (PTE_ANON)
 *   private file       read: the page-cache page, read-only;
 *                      write: a private copy of it (PTE_ANON)
 *   shared anonymous   the shmem object's page
 *   shared file        the page-cache page itself, writable if VM_WRITE
 * A write to a read-only private page copies it, unless it is a PTE_ANON
 * page whose only reference is ours: then it is made writable in place.
 *
 * Locking: everything here runs with mm->mmap_lock held.
 */
#include <tine/fault.h>
#include <tine/fs.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include "internal.h"

/* The stack size limit for a growing stack (RLIMIT_STACK soft limit). */
static unsigned long stack_rlimit(void)
{
	struct signal_struct *sig = current->signal;

	if (!sig)
		return 8UL << 20;
	return sig->rlim[RLIMIT_STACK].rlim_cur;
}

/*
 * Grow the VM_GROWSDOWN vma down to cover addr, as Linux: the stack may
 * not exceed RLIMIT_STACK nor come within STACK_GUARD_GAP of the mapping
 * below it. Returns 0 or -ENOMEM.
 */
static int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long addr)
{
	struct vm_area_struct *prev = vma_prev(mm, vma);
	unsigned long grow;

	addr &= PAGE_MASK;
	if (addr < MMAP_MIN_ADDR || vma->vm_end - addr > stack_rlimit())
		return -ENOMEM;
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (prev->vm_flags & VM_ACCESS_FLAGS) &&
	    addr - prev->vm_end < STACK_GUARD_GAP)
		return -ENOMEM;
	if (prev && addr < prev->vm_end)
		return -ENOMEM;
	grow = (vma->vm_start - addr) >> PAGE_SHIFT;
	if (!may_expand_vm(mm, grow))
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_pgoff -= grow;
	mm->total_vm += grow;
	return 0;
}

/**
 * find_extend_vma - the VMA that covers addr, growing a stack to it
 * @mm: the address space, mmap_lock held
 * @addr: a user address
 *
 * Returns NULL when nothing maps addr and no stack may grow to it.
 */
struct vm_area_struct *find_extend_vma(struct mm_struct *mm,
				       unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	mmap_assert_locked(mm);
	if (!vma || addr >= TASK_SIZE)
		return NULL;
	if (addr >= vma->vm_start)
		return vma;
	if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(mm, vma, addr))
		return NULL;
	return vma;
}

/* Does vma forbid the access described by flags? */
static bool access_error(const struct vm_area_struct *vma, unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (flags & FAULT_FLAG_EXEC)
		return !(vma->vm_flags & VM_EXEC);
	return !(vma->vm_flags & VM_ACCESS_FLAGS);
}

/* Install page at *ptep with prot, accounting it. */
static void set_pte(struct vm_area_struct *vma, pte_t *ptep, unsigned long addr,
		    struct page *page, pte_t prot)
{
	*ptep = mk_pte(page, prot);
	add_mm_counter(vma->vm_mm, mm_counter(vma, *ptep), 1);
	pt_account(ptep, *ptep, 1);
	flush_tlb_page_local(addr);
}

/* A fresh private page holding a copy of src (zeros if NULL). */
static struct page *alloc_private_copy(struct page *src)
{
	struct page *page = alloc_page(__GFP_USER | (src ? 0 : __GFP_ZERO));

	if (page && src)
		memcpy(page_address(page), page_address(src), PAGE_SIZE);
	return page;
}

/* The page a file or special mapping has at addr (a reference), or an
 * ERR_PTR / NULL. */
static struct page *backing_page(struct vm_area_struct *vma,
				 unsigned long addr, bool write_shared)
{
	struct file *file = vma->vm_file;

	if (vma->vm_special)
		return vma->vm_special->fault(vma->vm_special, vma,
					      linear_page_index(vma, addr));
	return file->f_op->get_page(file, linear_page_index(vma, addr),
				    write_shared);
}

/* Map a file (or special mapping's) page: the page itself, or a
 * private copy of it. */
static int do_file_page(struct vm_area_struct *vma, unsigned long addr,
			pte_t *ptep, unsigned int flags)
{
	bool write = flags & FAULT_FLAG_WRITE;
	bool shared = vma->vm_flags & VM_SHARED;
	struct page *page, *copy;

	page = backing_page(vma, addr, write && shared);
	if (IS_ERR_OR_NULL(page))
		return page == ERR_PTR(-ENOMEM) ? FAULT_OOM : FAULT_SIGBUS;
	if (shared || !write) {
		/* A private read maps the cache page read-only: COW later. */
		set_pte(vma, ptep, addr, page, vma_pte_prot(vma, shared));
		return FAULT_OK;
	}
	copy = alloc_private_copy(page);
	put_page(page);
	if (!copy)
		return FAULT_OOM;
	set_pte(vma, ptep, addr, copy, vma_pte_prot(vma, true) | PTE_ANON);
	return FAULT_OK;
}

/* Fill an empty PTE slot for addr in vma. */
static int do_no_page(struct vm_area_struct *vma, unsigned long addr,
		      pte_t *ptep, unsigned int flags)
{
	struct page *page;
	int fault = FAULT_OOM;

	if (vma_file_backed(vma) || vma->vm_special)
		return do_file_page(vma, addr, ptep, flags);
	if (vma->vm_shmem) {
		page = shmem_get_page(vma->vm_shmem,
				      linear_page_index(vma, addr), &fault);
		if (!page)
			return fault;
		set_pte(vma, ptep, addr, page, vma_pte_prot(vma, true));
		return FAULT_OK;
	}
	page = alloc_private_copy(NULL);
	if (!page)
		return FAULT_OOM;
	set_pte(vma, ptep, addr, page, vma_pte_prot(vma, true) | PTE_ANON);
	return FAULT_OK;
}

/*
 * A write to a present read-only page of a private mapping: reuse the
 * page if it is our own anonymous page and nobody else holds it, else
 * break the sharing with a copy.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr,
		      pte_t *ptep)
{
	pte_t pte = *ptep;
	struct page *old = pte_page(pte), *copy;

	if ((pte & PTE_ANON) && page_count(old) == 1) {
		/* Widening only: other CPUs fault and see it. */
		*ptep = mk_pte(old, vma_pte_prot(vma, true) | PTE_ANON);
		flush_tlb_page_local(addr);
		return FAULT_OK;
	}
	copy = alloc_private_copy(old);
	if (!copy)
		return FAULT_OOM;
	add_mm_counter(vma->vm_mm, mm_counter(vma, pte), -1);
	pt_account(ptep, pte, -1);
	*ptep = mk_pte(copy, vma_pte_prot(vma, true) | PTE_ANON);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	pt_account(ptep, *ptep, 1);
	/* Other CPUs running mm may still read the old page: they must
	 * move to the copy before we write it, and before old is let go.
	 * (This CPU's entry goes too: no set_pte() flush before it.) */
	flush_tlb_mm_range(vma->vm_mm, addr, addr + PAGE_SIZE);
	put_page(old);
	return FAULT_OK;
}

/**
 * __handle_mm_fault - make the page at addr in vma allow an access
 * @mm: the address space, mmap_lock held
 * @vma: the VMA covering addr (permissions already checked)
 * @addr: the faulting address
 * @flags: FAULT_FLAG_*; FAULT_FLAG_FORCE lets ptrace write a private
 *         copy into a read-only mapping (the PTE stays read-only)
 *
 * Returns FAULT_OK, FAULT_SIGBUS (past end of file or shmem object) or
 * FAULT_OOM.
 */
int __handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long addr, unsigned int flags)
{
	pte_t *ptep, pte;

	mmap_assert_locked(mm);
	addr &= PAGE_MASK;
	if (!(flags & FAULT_FLAG_WRITE)) {
		/* Reading a mapped page changes no entry: a page table
		 * shared with a fork child stays shared. */
		ptep = lookup_pte(mm, addr);
		if (ptep && *ptep) {
			flush_tlb_page_local(addr);	/* a stale entry */
			return FAULT_OK;
		}
	}
	ptep = get_pte(mm, addr, true);
	if (!ptep)
		return FAULT_OOM;
	pte = *ptep;
	if (!pte)
		return do_no_page(vma, addr, ptep, flags);
	if (!(flags & FAULT_FLAG_WRITE) || pte_write(pte)) {
		/* Spurious (a stale TLB entry), or a forced read. */
		flush_tlb_page_local(addr);
		return FAULT_OK;
	}
	if (vma->vm_flags & VM_SHARED) {
		/* Shared pages are written in place; mprotect re-allows. */
		*ptep = mk_pte(pte_page(pte), vma_pte_prot(vma, true));
		flush_tlb_page_local(addr);
		return FAULT_OK;
	}
	return do_wp_page(vma, addr, ptep);
}

/* A fault taken while this task holds its own mmap_lock is a kernel bug
 * (a uaccess under the lock): fail it rather than deadlock. */
static bool mmap_lock_is_mine(struct mm_struct *mm)
{
	return mutex_owner(&mm->mmap_lock) == current;
}

/**
 * handle_mm_fault - resolve a page fault of current at addr
 * @addr: the faulting address (CR2)
 * @flags: FAULT_FLAG_WRITE/EXEC/USER/PRESENT from the error code
 *
 * Returns FAULT_OK or the reason the access must fail (MAPERR: nothing
 * mapped; ACCERR: the mapping forbids it; SIGBUS; OOM). Called from the
 * #PF handler with interrupts on; takes current->mm->mmap_lock; sleeps.
 */
int handle_mm_fault(unsigned long addr, unsigned int flags)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;
	struct vm_area_struct *vma;
	int ret;

	if (!mm || addr >= TASK_SIZE || mmap_lock_is_mine(mm))
		return FAULT_MAPERR;
	mutex_lock(&mm->mmap_lock);
	vma = find_extend_vma(mm, addr);
	if (!vma)
		ret = FAULT_MAPERR;
	else if (access_error(vma, flags))
		ret = FAULT_ACCERR;
	else
		ret = __handle_mm_fault(mm, vma, addr, flags);
	mutex_unlock(&mm->mmap_lock);
	if (ret == FAULT_OK)
		tsk->min_flt++;
	return ret;
}

/**
 * fault_in_user_writeable - make the page at uaddr of current writable
 * (break copy-on-write, fill a hole) as a write would, without writing
 * anything: a futex operation that found its word not writable with
 * page faults off retries after this (Linux's fault_in_user_writeable).
 * Returns 0 or -EFAULT. Takes mmap_lock; sleeps.
 */
int fault_in_user_writeable(u32 __user *uaddr)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)uaddr;
	struct vm_area_struct *vma;
	int ret = FAULT_ACCERR;

	if (!mm)
		return -EFAULT;
	mutex_lock(&mm->mmap_lock);
	vma = find_extend_vma(mm, addr);
	if (vma && (vma->vm_flags & VM_WRITE))
		ret = __handle_mm_fault(mm, vma, addr,
					FAULT_FLAG_WRITE | FAULT_FLAG_USER);
	mutex_unlock(&mm->mmap_lock);
	return ret == FAULT_OK ? 0 : -EFAULT;
}
