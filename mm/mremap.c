/*
 * mremap(2): shrink a mapping in place, grow it in place when the space
 * above is free, or move it (MREMAP_MAYMOVE, MREMAP_FIXED) by moving its
 * page-table entries, so the pages and their references travel without
 * a copy. MREMAP_DONTUNMAP leaves the old VMA behind, empty.
 */
#include <tine/sched.h>
#include <tine/syscall.h>
#include <uapi/errno.h>
#include "internal.h"

/*
 * The VMA that [addr, addr+old_len) lies in, checked for growing to
 * new_len: -EFAULT if the range is not inside one VMA, -EINVAL for
 * old_len 0, -ENOMEM over RLIMIT_AS or the commit check.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm,
					    unsigned long addr,
					    unsigned long old_len,
					    unsigned long new_len,
					    unsigned long flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long grow;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	/* FIXME: Linux duplicates a shared mapping for old_len 0. */
	if (!old_len)
		return ERR_PTR(-EINVAL);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & VM_DONTEXPAND))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	if (vma->vm_flags & VM_DONTEXPAND)
		return ERR_PTR(-EFAULT);
	grow = (new_len - old_len) >> PAGE_SHIFT;
	if (!may_expand_vm(mm, grow))
		return ERR_PTR(-ENOMEM);
	if ((vma->vm_flags & VM_ACCOUNT) && !vm_enough_memory(grow))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* Make [addr, addr+len) exactly one VMA (it lies inside vma). */
static struct vm_area_struct *isolate_range(struct mm_struct *mm,
					    struct vm_area_struct *vma,
					    unsigned long addr,
					    unsigned long len)
{
	int err;

	if (addr > vma->vm_start) {
		err = split_vma(mm, vma, addr);
		if (err)
			return ERR_PTR(err);
		vma = vma_next(mm, vma);
	}
	if (addr + len < vma->vm_end) {
		err = split_vma(mm, vma, addr + len);
		if (err)
			return ERR_PTR(err);
	}
	return vma;
}

/*
 * Move [old_addr, +old_len) of vma to a free range at new_addr of
 * new_len (>= old_len; the extra tail faults in fresh). Returns new_addr
 * or -ENOMEM with nothing moved.
 */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long old_addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr,
			      unsigned long flags)
{
	struct vm_area_struct *new;
	int err;

	vma = isolate_range(mm, vma, old_addr, old_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	err = move_page_tables(mm, old_addr, new_addr, old_len);
	if (err) {
		vm_area_free(new);
		return err;
	}

	/* No failure after this point. */
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	vma_link(mm, new);
	mm->total_vm += new_len >> PAGE_SHIFT;
	if (flags & MREMAP_DONTUNMAP) {
		free_pgtables_range(mm, old_addr, old_addr + old_len);
	} else {
		mm->total_vm -= vma_pages(vma);
		vma_unlink_free(mm, vma);
		free_pgtables_range(mm, old_addr, old_addr + old_len);
	}
	vma_merge_neighbours(mm, new);
	return new_addr;
}

/* MREMAP_FIXED / MREMAP_DONTUNMAP: move to new_addr (or a hint). */
static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long map_flags = 0, ret;

	if (offset_in_page(new_addr))
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	if (mm->map_count + 2 >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if ((flags & MREMAP_DONTUNMAP) &&
	    !may_expand_vm(mm, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (flags & MREMAP_FIXED)
		map_flags |= MAP_FIXED;
	ret = get_unmapped_area(mm, new_addr, new_len, map_flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(mm, vma, addr, old_len, new_len, ret, flags);
}

/* Can vma grow by delta bytes in place? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;
	struct vm_area_struct *next = vma_next(mm, vma);

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !next || end <= vm_start_gap(next);
}

static unsigned long do_mremap(unsigned long addr, unsigned long old_len,
			       unsigned long new_len, unsigned long flags,
			       unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;

	mutex_lock(&mm->mmap_lock);
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		ret = mremap_to(mm, addr, old_len, new_addr, new_len, flags);
		goto out;
	}
	if (old_len >= new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (!ret || old_len == new_len)
			ret = addr;
		goto out;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, flags);
	if (IS_ERR(vma)) {
		ret = PTR_ERR(vma);
		goto out;
	}
	if (old_len == vma->vm_end - addr &&
	    vma_expandable(mm, vma, new_len - old_len)) {
		mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
		vma->vm_end = addr + new_len;
		ret = addr;
		goto out;
	}
	ret = -ENOMEM;
	if (flags & MREMAP_MAYMOVE) {
		ret = get_unmapped_area(mm, 0, new_len, 0);
		if (!IS_ERR_VALUE(ret))
			ret = move_vma(mm, vma, addr, old_len, new_len, ret,
				       flags);
	}
out:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

static long sys_mremap(unsigned long addr, unsigned long old_len,
		       unsigned long new_len, unsigned long flags,
		       unsigned long new_addr)
{
	return do_mremap(addr, old_len, new_len, flags, new_addr);
}
SYSCALL_ENTRY(mremap, sys_mremap);
