/*
 * Advice and queries on ranges of mappings: madvise, msync, mincore.
 *
 * Most advice only matters to a kernel that reads ahead, swaps or merges
 * pages; tine accepts it. What changes behaviour: MADV_DONTNEED/FREE drop
 * pages (private anonymous memory reads back as zeros, file and shared
 * memory re-read the backing object), DONTFORK/DOFORK and WIPEONFORK/
 * KEEPONFORK change what fork copies, POPULATE_READ/WRITE prefault.
 */
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "internal.h"

/* Advice Linux 6.1 (x86-64, KSM and THP built in) accepts. */
static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
	case MADV_REMOVE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_WIPEONFORK: case MADV_KEEPONFORK: case MADV_COLD:
	case MADV_PAGEOUT: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED: case MADV_COLLAPSE:
		return true;
	default:
		return false;
	}
}

/* The vm_flags behavior gives vma, or -EINVAL; flags unchanged if the
 * advice does not touch them. */
static long madvise_new_flags(struct vm_area_struct *vma, int behavior)
{
	unsigned long f = vma->vm_flags;

	switch (behavior) {
	case MADV_NORMAL:
		return f & ~(VM_SEQ_READ | VM_RAND_READ);
	case MADV_RANDOM:
		return (f & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_SEQUENTIAL:
		return (f & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_DONTFORK:
		return f | VM_DONTCOPY;
	case MADV_DOFORK:
		return f & ~VM_DONTCOPY;
	case MADV_WIPEONFORK:
		if (!vma_is_anonymous(vma))
			return -EINVAL;
		return f | VM_WIPEONFORK;
	case MADV_KEEPONFORK:
		return f & ~VM_WIPEONFORK;
	case MADV_DONTDUMP:
		return f | VM_DONTDUMP;
	case MADV_DODUMP:
		return f & ~VM_DONTDUMP;
	case MADV_HUGEPAGE:
		return (f & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	case MADV_NOHUGEPAGE:
		return (f & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	default:
		return f;
	}
}

/* Apply behavior to [start, end) of vma (which covers it). */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end, int behavior)
{
	long flags;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
		if ((vma->vm_flags & VM_LOCKED) && behavior != MADV_DONTNEED_LOCKED)
			return -EINVAL;
		if (behavior == MADV_FREE && !vma_is_anonymous(vma))
			return -EINVAL;
		zap_page_range(vma, start, end);
		free_pgtables_range(mm, start, end);
		return 0;
	case MADV_REMOVE:
		/* Punching holes needs a shared, writable mapping. */
		if (!(vma->vm_flags & VM_SHARED) ||
		    !(vma->vm_flags & VM_WRITE))
			return -EACCES;
		return -EOPNOTSUPP;	/* FIXME: no hole punching in tine */
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return populate_range(mm, start, end,
				      behavior == MADV_POPULATE_WRITE ?
				      FOLL_WRITE : 0);
	}
	flags = madvise_new_flags(vma, behavior);
	if (flags < 0)
		return flags;
	return vma_set_flags(mm, vma, start, end, flags);
}

static bool madvise_zaps(int behavior)
{
	return behavior == MADV_DONTNEED || behavior == MADV_DONTNEED_LOCKED ||
	       behavior == MADV_FREE;
}

/*
 * Make ours the page tables shared with a fork child that the part of
 * [start, end) in each VMA covers in part, so the zaps that follow
 * cannot fail: -ENOMEM before any page is dropped, else 0.
 */
static int unshare_for_zap(struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	int err = 0;

	for (; !err && vma && vma->vm_start < end; vma = vma_next(mm, vma))
		err = unshare_range(mm, MAX(start, vma->vm_start),
				    MIN(end, vma->vm_end), true);
	return err;
}

/*
 * madvise(2): unaligned start or unknown advice is -EINVAL; the advice is
 * applied to the mapped parts and -ENOMEM reported if there were holes.
 */
static long sys_madvise(unsigned long start, unsigned long len_in,
			unsigned long advice)
{
	struct mm_struct *mm = current->mm;
	int behavior = (int)advice;
	unsigned long len, end, addr;
	int err = 0, unmapped = 0;

	if (!madvise_behavior_valid(behavior) || offset_in_page(start))
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	if (madvise_zaps(behavior))
		err = unshare_for_zap(mm, start, end);
	for (addr = start; addr < end && !err;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long next_addr;

		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;
			break;
		}
		if (vma->vm_start > addr) {
			unmapped = -ENOMEM;
			addr = vma->vm_start;
		}
		next_addr = MIN(end, vma->vm_end);
		err = madvise_vma(mm, vma, addr, next_addr, behavior);
		addr = next_addr;
	}
	mutex_unlock(&mm->mmap_lock);
	return err ? err : unmapped;
}
SYSCALL_ENTRY(madvise, sys_madvise);

/*
 * msync(2): the page cache is the file here (ramfs), so there is nothing
 * to write back; only the checks remain. -EINVAL for bad flags or an
 * unaligned start, -EBUSY for MS_INVALIDATE on locked memory, -ENOMEM
 * if the range has holes.
 */
static long sys_msync(unsigned long start, unsigned long len,
		      unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, addr;
	int err = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (offset_in_page(start) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	for (addr = start; addr < end;) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start >= end) {
			err = -ENOMEM;
			break;
		}
		if (vma->vm_start > addr)
			err = -ENOMEM;
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			err = -EBUSY;
			break;
		}
		addr = vma->vm_end;
	}
	mutex_unlock(&mm->mmap_lock);
	return err;
}
SYSCALL_ENTRY(msync, sys_msync);

/* Fill vec[0..n) with residency of the pages from addr; the range must
 * be mapped (-ENOMEM). Needs mmap_lock. */
static int mincore_pages(struct mm_struct *mm, unsigned long addr,
			 unsigned char *vec, unsigned long n)
{
	mmap_assert_locked(mm);
	for (unsigned long i = 0; i < n; i++, addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		pte_t *ptep;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		ptep = lookup_pte(mm, addr);	/* reads: leaves tables shared */
		/* File pages live in the page cache whether mapped or not. */
		vec[i] = (ptep && *ptep) || vma_file_backed(vma);
	}
	return 0;
}

/*
 * mincore(2): one byte per page, 1 = resident. Filled in chunks so the
 * copy to user space happens without mmap_lock held.
 */
static long sys_mincore(unsigned long start, unsigned long len,
			unsigned long uvec)
{
	struct mm_struct *mm = current->mm;
	unsigned char buf[256];
	unsigned long pages;
	int err = 0;

	if (offset_in_page(start))
		return -EINVAL;
	if (start > TASK_SIZE || len > TASK_SIZE - start)
		return -ENOMEM;
	pages = PAGE_ALIGN(len) >> PAGE_SHIFT;
	if (!access_ok((void __user *)uvec, pages))
		return -EFAULT;
	while (pages && !err) {
		unsigned long n = MIN(pages, sizeof(buf));

		mutex_lock(&mm->mmap_lock);
		err = mincore_pages(mm, start, buf, n);
		mutex_unlock(&mm->mmap_lock);
		if (!err && copy_to_user((void __user *)uvec, buf, n))
			err = -EFAULT;
		start += n << PAGE_SHIFT;
		uvec += n;
		pages -= n;
	}
	return err;
}
SYSCALL_ENTRY(mincore, sys_mincore);
