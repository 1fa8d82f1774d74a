/*
 * Changing what a range of mappings allows (mprotect) or whether it is
 * locked in memory (mlock and friends). Both split VMAs at the range's
 * edges and rewrite flags through vma_set_flags(). tine never swaps, so
 * memory is always resident: mlock validates, marks VM_LOCKED and
 * prefaults, which is all Linux's guarantee amounts to here.
 */
#include <tine/sched.h>
#include <tine/syscall.h>
#include <uapi/errno.h>
#include <uapi/personality.h>
#include "internal.h"

/*
 * Give every VMA in [start, end) the access bits prot. The range must be
 * mapped throughout: -ENOMEM at the first hole, after changing what came
 * before it, as Linux does. Adding a permission the mapping may never
 * have (VM_MAY*) is -EACCES. Needs mmap_lock.
 */
static int mprotect_range(struct mm_struct *mm, unsigned long start,
			  unsigned long end, unsigned long prot)
{
	/* READ_IMPLIES_EXEC: PROT_READ adds exec where it may be had. */
	bool rier = (prot & PROT_READ) &&
		    (current->personality & READ_IMPLIES_EXEC);
	unsigned long addr;
	int err;

	mmap_assert_locked(mm);
	for (addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long newflags, next_addr;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | prot;
		if (rier && (vma->vm_flags & VM_MAYEXEC))
			newflags |= VM_EXEC;
		/* VM_MAYREAD is VM_READ << 4, and so on. */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		next_addr = MIN(end, vma->vm_end);
		err = vma_set_flags(mm, vma, addr, next_addr, newflags);
		if (err)
			return err;
		addr = next_addr;
	}
	return 0;
}

/*
 * The page tables of [start, end) shared with a fork child become ours
 * first: the protection change itself then cannot fail half-way (a
 * PROT_NONE that left pages readable). -ENOMEM before any change.
 */
static int mprotect_checked(struct mm_struct *mm, unsigned long start,
			    unsigned long end, unsigned long prot)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	int err = 0;

	for (; !err && vma && vma->vm_start < end; vma = vma_next(mm, vma))
		err = unshare_range(mm, MAX(start, vma->vm_start),
				    MIN(end, vma->vm_end), false);
	return err ? err : mprotect_range(mm, start, end, prot);
}

/*
 * mprotect(2): start must be page aligned and prot known (-EINVAL);
 * PROT_GROWSDOWN extends the range down to the start of a stack VMA.
 * See mprotect_range() for the rest.
 */
static long do_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct vm_area_struct *vma;
	unsigned long end;
	int err;

	if (offset_in_page(start))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | grows) ||
	    grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	prot &= PROT_READ | PROT_WRITE | PROT_EXEC;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, start);
	if (!vma)
		err = -ENOMEM;
	else if ((grows & PROT_GROWSUP) || ((grows & PROT_GROWSDOWN) &&
		 (vma->vm_start >= end || !(vma->vm_flags & VM_GROWSDOWN))))
		err = -EINVAL;
	else
		err = mprotect_checked(mm, grows ? vma->vm_start : start, end,
				       prot);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

static long sys_mprotect(unsigned long start, unsigned long len,
			 unsigned long prot)
{
	return do_mprotect(start, len, prot);
}
SYSCALL_ENTRY(mprotect, sys_mprotect);

/* Memory protection keys are not supported: only pkey -1 (none). */
static long sys_pkey_mprotect(unsigned long start, unsigned long len,
			      unsigned long prot, unsigned long pkey)
{
	if ((int)pkey != -1)
		return -EINVAL;
	return do_mprotect(start, len, prot);
}
SYSCALL_ENTRY(pkey_mprotect, sys_pkey_mprotect);

/*
 * Set (lock) or clear the VM_LOCKED/VM_LOCKONFAULT bits `bits` on
 * [start, end), which must be mapped throughout. Needs mmap_lock.
 * Returns 0 or -ENOMEM.
 */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start,
				unsigned long end, unsigned long bits,
				bool lock)
{
	struct vm_area_struct *vma;
	unsigned long addr;
	int err;

	mmap_assert_locked(mm);
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (addr = start; addr < end;) {
		unsigned long flags, next_addr;

		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		flags = vma->vm_flags & ~(VM_LOCKED | VM_LOCKONFAULT);
		if (lock)
			flags |= bits;
		next_addr = MIN(end, vma->vm_end);
		err = vma_set_flags(mm, vma, addr, next_addr, flags);
		if (err)
			return err;
		addr = next_addr;
	}
	return 0;
}

/* mlock/munlock/mlock2 on [start, start+len) (start rounded down). */
static long do_mlock(unsigned long start, size_t len, unsigned long bits,
		     bool lock)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	len = PAGE_ALIGN(len + offset_in_page(start));
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	err = apply_vma_lock_flags(mm, start, end, bits, lock);
	if (!err && lock && !(bits & VM_LOCKONFAULT))
		mm_populate(mm, start, end);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

static long sys_mlock(unsigned long start, unsigned long len)
{
	return do_mlock(start, len, VM_LOCKED, true);
}
SYSCALL_ENTRY(mlock, sys_mlock);

static long sys_mlock2(unsigned long start, unsigned long len,
		       unsigned long flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len,
			VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0),
			true);
}
SYSCALL_ENTRY(mlock2, sys_mlock2);

static long sys_munlock(unsigned long start, unsigned long len)
{
	return do_mlock(start, len, 0, false);
}
SYSCALL_ENTRY(munlock, sys_munlock);

/* Set or clear the lock bits on every VMA; bits 0 clears. */
static void lock_all_vmas(struct mm_struct *mm, unsigned long bits)
{
	struct vm_area_struct *vma;

	/* Only flags change, no split: this cannot fail. */
	list_for_each_entry(vma, &mm->mmap, vm_list)
		vma->vm_flags = (vma->vm_flags &
				 ~(VM_LOCKED | VM_LOCKONFAULT)) | bits;
}

static long sys_mlockall(unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long bits = VM_LOCKED;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (flags & MCL_ONFAULT)
		bits |= VM_LOCKONFAULT;
	mutex_lock(&mm->mmap_lock);
	mm->def_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);
	if (flags & MCL_FUTURE)
		mm->def_flags |= bits;
	if (flags & MCL_CURRENT) {
		lock_all_vmas(mm, bits);
		if (!(flags & MCL_ONFAULT))
			mm_populate(mm, 0, TASK_SIZE);
	}
	mutex_unlock(&mm->mmap_lock);
	return 0;
}
SYSCALL_ENTRY(mlockall, sys_mlockall);

static long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;

	mutex_lock(&mm->mmap_lock);
	mm->def_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);
	lock_all_vmas(mm, 0);
	mutex_unlock(&mm->mmap_lock);
	return 0;
}
SYSCALL_ENTRY(munlockall, sys_munlockall);
