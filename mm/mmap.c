/*
 * The VMA list and the mapping system calls: mmap, munmap, brk.
 *
 * mm->mmap is a list of non-overlapping VMAs sorted by address, guarded
 * by mm->mmap_lock (a mutex; the fault handler takes it, so no user
 * memory access happens under it). Lookups are linear: address spaces
 * here hold tens of VMAs, not thousands.
 *
 * Every mapping change does its fallible work (allocating VMAs, splits,
 * the shmem object) before it destroys anything; a split on its own is
 * invisible (two adjacent VMAs with equal attributes behave as one), so
 * a failure after one split but before the next needs no undoing.
 */
#include <tine/capability.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <uapi/errno.h>
#include <uapi/personality.h>
#include "internal.h"

/* --- the VMA list --- */

/**
 * find_vma - the first VMA ending above addr
 *
 * It may start above addr too: callers check vm_start. Needs mmap_lock.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	mmap_assert_locked(mm);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* find_vma_intersection - a VMA overlapping [start, end). Needs mmap_lock. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	mmap_assert_locked(mm);
	return vma && vma->vm_start < end ? vma : NULL;
}

struct vm_area_struct *vma_prev(struct mm_struct *mm,
				struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

struct vm_area_struct *vma_next(struct mm_struct *mm,
				struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

/* Insert vma into mm's sorted list. It must not overlap another. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	vma->vm_mm = mm;
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
}

/* A copy of orig (not linked), with its own file/shmem references. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = kmalloc(sizeof(*vma), 0);

	if (!vma)
		return NULL;
	*vma = *orig;
	INIT_LIST_HEAD(&vma->vm_list);
	if (vma->vm_file) {
		get_file(vma->vm_file);
		/* Cannot fail: orig already counts as a writable mapping. */
		if (vma_is_shared_maywrite(vma))
			mapping_allow_writable(vma->vm_file->f_inode);
	}
	if (vma->vm_shmem)
		shmem_get(vma->vm_shmem);
	if (vma->vm_ops && vma->vm_ops->open)
		vma->vm_ops->open(vma);
	return vma;
}

/* Free an unlinked VMA and the references it holds. */
void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file) {
		if (vma_is_shared_maywrite(vma))
			mapping_unmap_writable(vma->vm_file->f_inode);
		fput(vma->vm_file);
	}
	if (vma->vm_shmem)
		shmem_put(vma->vm_shmem);
	kfree(vma);
}

/* Unlink vma from mm and free it. Its pages must be gone already. */
void vma_unlink_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	mm->map_count--;
	vm_area_free(vma);
}

/**
 * split_vma - cut vma in two at addr (page aligned, strictly inside)
 *
 * vma keeps [vm_start, addr); a new VMA after it takes [addr, vm_end).
 * Returns 0, -ENOMEM (no memory, or too many VMAs) or -EINVAL (a
 * special mapping such as [vdso] is never cut, as Linux).
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr)
{
	struct vm_area_struct *new;

	if (vma->vm_special)
		return -EINVAL;
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	new->vm_start = addr;
	new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_end = addr;
	list_add(&new->vm_list, &vma->vm_list);
	mm->map_count++;
	return 0;
}

/* May a and b (a just below b) become one VMA? */
static bool can_merge(const struct vm_area_struct *a,
		      const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file || a->vm_shmem != b->vm_shmem ||
	    a->vm_ops != b->vm_ops || (a->vm_ops && a->vm_ops->close) ||
	    a->vm_special != b->vm_special)
		return false;
	return vma_is_anonymous(a) || a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/**
 * vma_merge_neighbours - fold vma into equal neighbours on either side
 *
 * Keeps the VMA count down for brk and mprotect-heavy programs. Returns
 * the VMA that now covers vma's range (vma itself may be freed).
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					   struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(mm, vma), *next;

	if (prev && can_merge(prev, vma)) {
		prev->vm_end = vma->vm_end;
		vma_unlink_free(mm, vma);
		vma = prev;
	}
	next = vma_next(mm, vma);
	if (next && can_merge(vma, next)) {
		vma->vm_end = next->vm_end;
		vma_unlink_free(mm, next);
	}
	return vma;
}

/**
 * vma_set_flags - give [start, end) of vma the flags newflags
 *
 * Splits vma so the range is one VMA, rewrites its PTEs if the access
 * bits changed, then merges with equal neighbours. Returns 0 or -ENOMEM
 * (a split failed; nothing visible changed). Needs mmap_lock.
 */
int vma_set_flags(struct mm_struct *mm, struct vm_area_struct *vma,
		  unsigned long start, unsigned long end,
		  unsigned long newflags)
{
	unsigned long old = vma->vm_flags;
	int err;

	mmap_assert_locked(mm);
	if (newflags == old)
		return 0;
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma_next(mm, vma);
	}
	if (end < vma->vm_end) {
		err = split_vma(mm, vma, end);
		if (err)
			return err;
	}
	vma->vm_flags = newflags;
	if ((old ^ newflags) & (VM_ACCESS_FLAGS | VM_SHARED))
		change_protection(vma, start, end);
	vma_merge_neighbours(mm, vma);
	return 0;
}

/* --- address-space policy --- */

/*
 * vm.overcommit_memory 0: Linux's heuristic, refuse one request larger
 * than RAM; 1: never refuse. (2, strict accounting against
 * CommitLimit, is not built: EINVAL.)
 */
bool vm_enough_memory(unsigned long pages)
{
	if (READ_ONCE(sysctl_overcommit_memory) == 1)
		return true;
	return pages <= totalram_pages();
}

static unsigned long rlimit(unsigned int res)
{
	struct signal_struct *sig = current->signal;

	return sig ? sig->rlim[res].rlim_cur : RLIM_INFINITY;
}

/* Would mm stay within RLIMIT_AS with pages more? */
bool may_expand_vm(struct mm_struct *mm, unsigned long pages)
{
	return mm->total_vm + pages <= rlimit(RLIMIT_AS) >> PAGE_SHIFT;
}

/* Pages of [start, end) that VMAs map now. */
static unsigned long count_vma_pages_range(struct mm_struct *mm,
					   unsigned long start,
					   unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long n = 0;

	for (; vma && vma->vm_start < end; vma = vma_next(mm, vma))
		n += (MIN(end, vma->vm_end) - MAX(start, vma->vm_start)) >>
		     PAGE_SHIFT;
	return n;
}

/* The highest len-sized gap in [low, high), or -ENOMEM. */
static unsigned long gap_topdown(struct mm_struct *mm, unsigned long len,
				 unsigned long low, unsigned long high)
{
	unsigned long gap_end = TASK_SIZE;
	struct list_head *pos = mm->mmap.prev;

	for (;;) {
		struct vm_area_struct *vma = pos == &mm->mmap ? NULL :
			list_entry(pos, struct vm_area_struct, vm_list);
		unsigned long lo = MAX(vma ? vma->vm_end : 0, low);
		unsigned long hi = MIN(gap_end, high);

		if (hi > lo && hi - lo >= len)
			return hi - len;
		if (!vma || vma->vm_end <= low)
			return -ENOMEM;
		gap_end = vm_start_gap(vma);
		pos = pos->prev;
	}
}

/* The lowest len-sized gap in [low, high), or -ENOMEM. */
static unsigned long gap_bottomup(struct mm_struct *mm, unsigned long len,
				  unsigned long low, unsigned long high)
{
	unsigned long gap_start = 0;
	struct list_head *pos = mm->mmap.next;

	for (;;) {
		struct vm_area_struct *vma = pos == &mm->mmap ? NULL :
			list_entry(pos, struct vm_area_struct, vm_list);
		unsigned long lo = MAX(gap_start, low);
		unsigned long hi = MIN(vma ? vm_start_gap(vma) : TASK_SIZE, high);

		if (hi > lo && hi - lo >= len)
			return lo;
		if (!vma || vma->vm_end >= high)
			return -ENOMEM;
		gap_start = vma->vm_end;
		pos = pos->next;
	}
}

/**
 * get_unmapped_area - where a len-byte mapping may go
 * @addr: the MAP_FIXED address, or a hint (0 = none)
 * @flags: MAP_FIXED, MAP_32BIT matter
 *
 * Top-down from mm->mmap_base like Linux, then bottom-up above it; a
 * legacy layout (mm->mmap_legacy) only bottom-up from mmap_base. Below
 * vm.mmap_min_addr only with CAP_SYS_RAWIO. Returns the address, or
 * -ENOMEM/-EINVAL/-EPERM. Needs mmap_lock.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long flags)
{
	unsigned long a;

	mmap_assert_locked(mm);
	if (len > TASK_SIZE - MMAP_MIN_ADDR)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (offset_in_page(addr))
			return -EINVAL;
		if (mmap_addr_allowed(addr))
			return -EPERM;
		return addr;
	}
	if (addr) {
		struct vm_area_struct *vma;

		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (addr >= MMAP_MIN_ADDR && addr <= TASK_SIZE - len &&
		    (!vma || addr + len <= vm_start_gap(vma)))
			return addr;
	}
	if (flags & MAP_32BIT)
		return gap_bottomup(mm, len, 0x40000000UL, 0x80000000UL);
	if (mm->mmap_legacy)
		return gap_bottomup(mm, len, mm->mmap_base, TASK_SIZE);
	a = gap_topdown(mm, len, MMAP_MIN_ADDR, mm->mmap_base);
	if (IS_ERR_VALUE(a))
		a = gap_bottomup(mm, len, mm->mmap_base, TASK_SIZE);
	return a;
}

/* --- mmap --- */

/* Is a mapping with these flags charged against the commit check? */
static bool accountable_mapping(struct file *file, unsigned long vm_flags)
{
	if (vm_flags & VM_NORESERVE)
		return false;
	if (vm_flags & VM_SHARED)
		return !file;
	return vm_flags & VM_WRITE;
}

/*
 * A new VMA for [addr, addr+len) of file (or shared anonymous memory),
 * not yet linked, holding its references: the file's ->mmap has had its
 * say, and a shared mapping that may write counts in the inode's
 * i_mmap_writable. ERR_PTR(-ENOMEM, or the refusal of either). Needs mmap_lock.
 */
static struct vm_area_struct *mmap_new_vma(struct file *file,
					   unsigned long addr,
					   unsigned long len,
					   unsigned long vm_flags,
					   unsigned long pgoff)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma));
	int err;

	if (!vma)
		return ERR_PTR(-ENOMEM);
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	INIT_LIST_HEAD(&vma->vm_list);
	if (!file && (vm_flags & VM_SHARED)) {
		vma->vm_shmem = shmem_create(len >> PAGE_SHIFT);
		if (!vma->vm_shmem) {
			err = -ENOMEM;
			goto free_vma;
		}
		return vma;
	}
	if (!file)
		return vma;
	err = file->f_op->mmap ? file->f_op->mmap(file, vma) : 0;
	if (err)
		goto free_vma;
	if (vma_is_shared_maywrite(vma)) {
		err = mapping_map_writable(file->f_inode);
		if (err)
			goto close_vma;
	}
	/* From here vm_area_free() undoes it all (->close included). */
	vma->vm_file = get_file(file);
	return vma;

close_vma:
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);

free_vma:
	kfree(vma);
	return ERR_PTR(err);
}

/*
 * Map [addr, addr+len) (page aligned, from get_unmapped_area) with
 * vm_flags, replacing whatever was there. Needs mmap_lock. Returns addr
 * or -errno (-ENOMEM, or the file's refusal); on failure the old
 * mappings are untouched.
 */
static unsigned long mmap_region(struct mm_struct *mm, struct file *file,
				 unsigned long addr, unsigned long len,
				 unsigned long vm_flags, unsigned long pgoff)
{
	unsigned long pages = len >> PAGE_SHIFT;
	struct vm_area_struct *vma;

	mmap_assert_locked(mm);
	if (!may_expand_vm(mm, pages - count_vma_pages_range(mm, addr,
							     addr + len)))
		return -ENOMEM;
	if (accountable_mapping(file, vm_flags)) {
		if (!vm_enough_memory(pages))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	vma = mmap_new_vma(file, addr, len, vm_flags, pgoff);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (do_munmap(mm, addr, len)) {
		vm_area_free(vma);
		return -ENOMEM;
	}

	/* No failure after this point. */
	vma_link(mm, vma);
	mm->total_vm += pages;
	vma_merge_neighbours(mm, vma);
	return addr;
}

/* The VM_ flags mmap asks for, before the file/anon specific checks. */
static unsigned long calc_vm_flags(struct mm_struct *mm, unsigned long prot,
				   unsigned long flags)
{
	unsigned long vm_flags = (prot & VM_ACCESS_FLAGS) | VM_MAYREAD |
				 VM_MAYWRITE | VM_MAYEXEC | mm->def_flags;

	BUILD_BUG_ON(PROT_READ != VM_READ || PROT_WRITE != VM_WRITE ||
		     PROT_EXEC != VM_EXEC);
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	return vm_flags;
}

/* The flags MAP_SHARED_VALIDATE accepts (no MAP_SYNC: no DAX here). */
#define LEGACY_MAP_MASK                                                   \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS |            \
	 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | \
	 MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK |          \
	 MAP_STACK | MAP_HUGETLB | MAP_FIXED_NOREPLACE)

/* The file-mapping checks of Linux's do_mmap: 0 or -errno. */
static int file_mmap_flags(struct file *file, unsigned long prot,
			   unsigned long flags, unsigned long *vm_flags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		/* fall through */
	case MAP_SHARED:
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		/* A read-only fd: a shared mapping that can never be
		 * written is handled as a private read-only one. */
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		/* fall through */
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		/* Nothing on a noexec mount is mapped executable, now or
		 * by a later mprotect (no VM_MAYEXEC). */
		if (path_noexec(&file->f_path)) {
			if (*vm_flags & VM_EXEC)
				return -EPERM;
			*vm_flags &= ~VM_MAYEXEC;
		}
		if (!file->f_op || !file->f_op->mmap_ok)
			return -ENODEV;
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

/* The anonymous-mapping checks: 0 or -EINVAL; sets vm_flags, pgoff. */
static int anon_mmap_flags(unsigned long addr, unsigned long flags,
			   unsigned long *vm_flags, unsigned long *pgoff)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		*pgoff = 0;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		return 0;
	case MAP_PRIVATE:
		*pgoff = addr >> PAGE_SHIFT;
		return 0;
	default:
		return -EINVAL;
	}
}

/* do_mmap_mm with mmap_lock held; *populate says to prefault. */
static unsigned long __do_mmap(struct mm_struct *mm, struct file *file,
			       unsigned long addr, unsigned long len,
			       unsigned long prot, unsigned long flags,
			       unsigned long pgoff, bool *populate)
{
	unsigned long vm_flags;
	int err;

	mmap_assert_locked(mm);
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!len)
		return -EINVAL;
	if (!(flags & MAP_FIXED) && addr && addr < MMAP_MIN_ADDR)
		addr = MMAP_MIN_ADDR;
	/* An old program's PROT_READ means executable too (personality
	 * READ_IMPLIES_EXEC), except from a noexec mount. */
	if ((prot & PROT_READ) && (current->personality & READ_IMPLIES_EXEC) &&
	    !(file && path_noexec(&file->f_path)))
		prot |= PROT_EXEC;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM;
	addr = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) &&
	    find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	vm_flags = calc_vm_flags(mm, prot, flags);
	if (file)
		err = file_mmap_flags(file, prot, flags, &vm_flags);
	else
		err = anon_mmap_flags(addr, flags, &vm_flags, &pgoff);
	if (err)
		return err;
	if (file && !file->f_op->get_page && (vm_flags & VM_SHARED)) {
		/* A device of zeroes (/dev/zero) shared: a shmem object.
		 * Private, it is anonymous memory that keeps its file (and
		 * offset) for /proc, as Linux (vma_file_backed()). */
		file = NULL;
		pgoff = 0;
	}
	addr = mmap_region(mm, file, addr, len, vm_flags, pgoff);
	*populate = !IS_ERR_VALUE(addr) &&
		    ((vm_flags & VM_LOCKED) ||
		     (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE);
	return addr;
}

/**
 * do_mmap_mm - mmap(2) into mm; see <tine/mman.h>
 *
 * Takes mm->mmap_lock; may sleep. MAP_POPULATE/MAP_LOCKED prefault.
 */
unsigned long do_mmap_mm(struct mm_struct *mm, struct file *file,
			 unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 unsigned long pgoff)
{
	bool populate = false;

	mutex_lock(&mm->mmap_lock);
	addr = __do_mmap(mm, file, addr, len, prot, flags, pgoff, &populate);
	if (populate)
		mm_populate(mm, addr, addr + PAGE_ALIGN(len));
	mutex_unlock(&mm->mmap_lock);
	return addr;
}

/* do_mmap - do_mmap_mm on current->mm. */
unsigned long do_mmap(struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff)
{
	return do_mmap_mm(current->mm, file, addr, len, prot, flags, pgoff);
}

static long sys_mmap(unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags,
		     unsigned long fd, unsigned long off)
{
	struct file *file = NULL;
	unsigned long ret;

	if (offset_in_page(off))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((int)fd);
		if (!file)
			return -EBADF;
		if (flags & MAP_HUGETLB) {
			fput(file);
			return -EINVAL;
		}
	} else if (flags & MAP_HUGETLB) {
		return -ENOMEM;		/* no huge pages reserved, as Linux */
	}
	ret = do_mmap(file, addr, len, prot, flags, off >> PAGE_SHIFT);
	if (file)
		fput(file);
	return ret;
}
SYSCALL_ENTRY(mmap, sys_mmap);

/**
 * install_special_mapping - map kernel pages sm provides at [addr, addr+len)
 *
 * addr and len page aligned, the range free (exec's vDSO). The VMA
 * never grows (VM_DONTEXPAND) and is never merged. Returns 0 or -ENOMEM.
 * Needs mmap_lock.
 */
int install_special_mapping(struct mm_struct *mm, unsigned long addr,
			    unsigned long len, unsigned long vm_flags,
			    const struct vm_special_mapping *sm)
{
	struct vm_area_struct *vma;

	mmap_assert_locked(mm);
	if (find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	vma = kzalloc(sizeof(*vma));
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags | VM_DONTEXPAND;
	vma->vm_special = sm;
	INIT_LIST_HEAD(&vma->vm_list);
	vma_link(mm, vma);
	mm->total_vm += len >> PAGE_SHIFT;
	return 0;
}

/**
 * zap_special_mapping - drop the pages mm maps from sm
 *
 * Every VMA install_special_mapping() made with sm loses its pages, so
 * that the next access faults them in again through sm->fault (the
 * vDSO's data page, when a task changes time namespace). Returns 0, or
 * -ENOMEM with nothing dropped (a page table shared with a fork could
 * not be copied). Takes mmap_lock.
 */
int zap_special_mapping(struct mm_struct *mm,
			const struct vm_special_mapping *sm)
{
	struct vm_area_struct *vma;
	int err = 0;

	mutex_lock(&mm->mmap_lock);
	/* First own every page table the zaps touch: then they cannot fail. */
	for (vma = find_vma(mm, 0); !err && vma; vma = vma_next(mm, vma))
		if (vma->vm_special == sm)
			err = unshare_range(mm, vma->vm_start, vma->vm_end,
					    true);
	for (vma = find_vma(mm, 0); !err && vma; vma = vma_next(mm, vma))
		if (vma->vm_special == sm)
			zap_page_range(vma, vma->vm_start, vma->vm_end);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

/* --- munmap --- */

/**
 * do_munmap - remove the mappings of [start, start+len)
 *
 * Splits the VMAs at the edges, releases the pages and the page tables
 * that map nothing any more. Unmapped holes are fine. Returns 0, -EINVAL
 * (bad range) or -ENOMEM (a split, or the copy of a page table shared
 * with a fork child, failed: nothing was unmapped). Needs mmap_lock;
 * waits for the other CPUs running mm to forget the pages.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma, *last, *next;
	struct mmu_gather tlb;
	unsigned long end;
	int err;

	mmap_assert_locked(mm);
	if (offset_in_page(start) || start > TASK_SIZE ||
	    len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (vma->vm_start < start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma_next(mm, vma);
	}
	last = find_vma(mm, end);
	if (last && last->vm_start < end) {
		err = split_vma(mm, last, end);
		if (err)
			return err;
	}
	/* Shared page tables the range covers in part need a copy of
	 * their own (those it covers whole are just let go). */
	err = unshare_range(mm, start, end, true);
	if (err)
		return err;

	/* No failure after this point. */
	tlb_gather_mmu(&tlb, mm);
	for (; vma && vma->vm_start < end; vma = next) {
		next = vma_next(mm, vma);
		unmap_page_range(&tlb, vma, vma->vm_start, vma->vm_end, start,
				 end);
		mm->total_vm -= vma_pages(vma);
		vma_unlink_free(mm, vma);
	}
	tlb_finish_mmu(&tlb);
	free_pgtables_range(mm, start, end);
	return 0;
}

/* vm_munmap - do_munmap taking mm->mmap_lock. Sleeps. */
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	int err;

	mutex_lock(&mm->mmap_lock);
	err = do_munmap(mm, start, len);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

static long sys_munmap(unsigned long addr, unsigned long len)
{
	return vm_munmap(current->mm, addr, len);
}
SYSCALL_ENTRY(munmap, sys_munmap);

/* --- brk --- */

/* An anonymous zero mapping at exactly [addr, addr+len), page aligned. */
static int do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	bool populate = false;
	unsigned long r;

	r = __do_mmap(mm, NULL, addr, len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, &populate);
	if (IS_ERR_VALUE(r))
		return (long)r;
	if (populate)
		mm_populate(mm, addr, addr + len);
	return 0;
}

/**
 * vm_brk_flags - an anonymous read-write mapping at [addr, addr+len)
 * @mm: the address space (exec: not yet current)
 * @addr: page aligned
 * @len: rounded up to pages; 0 does nothing
 *
 * Replaces what was mapped there. Returns 0 or -errno. Takes mmap_lock.
 */
int vm_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	int err;

	if (offset_in_page(addr))
		return -EINVAL;
	if (PAGE_ALIGN(len) < len)
		return -ENOMEM;
	if (!PAGE_ALIGN(len))
		return 0;
	mutex_lock(&mm->mmap_lock);
	err = do_brk(mm, addr, PAGE_ALIGN(len));
	mutex_unlock(&mm->mmap_lock);
	return err;
}

/* RLIMIT_DATA: heap plus initialised data may not exceed it. */
static bool brk_over_rlimit(struct mm_struct *mm, unsigned long brk)
{
	unsigned long lim = rlimit(RLIMIT_DATA);

	return lim != RLIM_INFINITY &&
	       brk - mm->start_brk + (mm->end_data - mm->start_data) > lim;
}

/*
 * brk(2), as Linux: move the break to brk and return the new break, or
 * return the unchanged break when the request is refused (below the
 * heap start, over RLIMIT_DATA, into another mapping, out of memory).
 */
static long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk;
	struct vm_area_struct *next;
	long ret;

	mutex_lock(&mm->mmap_lock);
	if (brk < mm->start_brk || brk > TASK_SIZE || brk_over_rlimit(mm, brk))
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk == oldbrk)
		goto set;
	if (brk <= mm->brk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			goto out;
		goto set;
	}
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		goto out;
	if (do_brk(mm, oldbrk, newbrk - oldbrk))
		goto out;
set:
	mm->brk = brk;
out:
	ret = mm->brk;
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
SYSCALL_ENTRY(brk, sys_brk);

/**
 * exit_mmap - release every mapping of mm (its last user is gone)
 *
 * Puts every page and VMA reference; the page tables stay for
 * pgd_free(). Safe on a half-built mm from a failed dup_mmap().
 */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;
	struct mmu_gather tlb;

	mutex_lock(&mm->mmap_lock);
	mm->tearing_down = true;	/* shared tables are let go whole */
	tlb_gather_mmu(&tlb, mm);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		unmap_page_range(&tlb, vma, vma->vm_start, vma->vm_end, 0,
				 ~0UL);
		vma_unlink_free(mm, vma);
	}
	tlb_finish_mmu(&tlb);
	mm->total_vm = 0;
	mutex_unlock(&mm->mmap_lock);
}

/* ---- sysctl: vm.max_map_count, vm.overcommit_* ---- */

int sysctl_max_map_count = 65530;
int sysctl_overcommit_memory;
int sysctl_overcommit_ratio = 50;

static const struct ctl_table vm_table[] = {
	{ .procname = "max_map_count", .data = &sysctl_max_map_count,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "overcommit_memory", .data = &sysctl_overcommit_memory,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "overcommit_ratio", .data = &sysctl_overcommit_ratio,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ }
};

static void mmap_sysctl_init(void)
{
	register_sysctl("vm", vm_table);
}
__initcall(mmap_sysctl_init);
