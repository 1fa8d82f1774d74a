/*
 * The memory side of core dumps (tine/coredump.h): which mappings a
 * dump writes and how much of each (Linux 6.1's vma_dump_size() with
 * coredump_filter), and the pages themselves (get_dump_page()).
 *
 * What Linux decides by "has an anon_vma" (the mapping was written, so
 * it holds private pages), tine decides by "has a page mapped": a
 * private mapping with no page yet is not dumped, one that has pages is
 * dumped whole, its missing pages as holes.
 */
#include <tine/coredump.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include "internal.h"

#define ELFMAG_WORD 0x464c457fU		/* "\177ELF" */

/* Does [start, end) of mm have any page mapped? mmap_lock held. */
static bool range_has_pages(struct mm_struct *mm, unsigned long start,
			    unsigned long end)
{
	mmap_assert_locked(mm);
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *ptep = lookup_pte(mm, a);

		if (ptep && pte_present(*ptep))
			return true;
	}
	return false;
}

/* Is the first page of vma's file an ELF header? mmap_lock held. */
static bool maps_elf_header(struct vm_area_struct *vma)
{
	struct file *f = vma->vm_file;
	off_t pos = 0;
	u32 word = 0;

	mmap_assert_locked(vma->vm_mm);
	if (vma->vm_pgoff || !(vma->vm_flags & VM_READ))
		return false;
	return kernel_read(f, &word, sizeof(word), &pos) == sizeof(word) &&
	       word == ELFMAG_WORD;
}

/* Linux's vma_dump_size(): the bytes of vma a dump with filter writes. */
static unsigned long vma_dump_size(struct mm_struct *mm,
				   struct vm_area_struct *vma,
				   unsigned long filter)
{
	unsigned long whole = vma->vm_end - vma->vm_start;

	/* The vDSO and its data are always dumped (a debugger needs
	 * them to unwind through a signal frame). */
	if (vma->vm_special)
		return whole;
	if (vma->vm_flags & VM_DONTDUMP)
		return 0;
	if (vma->vm_flags & VM_SHARED) {
		bool anon = !vma->vm_file || !vma->vm_file->f_inode->i_nlink;

		return filter & (anon ? MMF_DUMP_ANON_SHARED :
					MMF_DUMP_MAPPED_SHARED) ? whole : 0;
	}
	if ((filter & MMF_DUMP_ANON_PRIVATE) &&
	    range_has_pages(mm, vma->vm_start, vma->vm_end) &&
	    (!vma->vm_file || (vma->vm_flags & VM_WRITE)))
		return whole;
	if (!vma->vm_file)
		return 0;
	if (filter & MMF_DUMP_MAPPED_PRIVATE)
		return whole;
	if ((filter & MMF_DUMP_ELF_HEADERS) && maps_elf_header(vma))
		return PAGE_SIZE;
	return 0;
}

/*
 * dump_vma_snapshot - current's mappings as a core dump with filter
 * sees them: an array in *out (kfree it with dump_vma_release()), each
 * with a reference to its file. Returns the count or -ENOMEM. Takes
 * mmap_lock; sleeps.
 */
int dump_vma_snapshot(unsigned long filter, struct core_vma **out)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct core_vma *v;
	int n = 0;

	mutex_lock(&mm->mmap_lock);
	v = kmalloc(sizeof(*v) * (mm->map_count + 1), 0);
	if (!v) {
		mutex_unlock(&mm->mmap_lock);
		return -ENOMEM;
	}
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		v[n] = (struct core_vma){
			.start = vma->vm_start,
			.end = vma->vm_end,
			.flags = vma->vm_flags,
			.pgoff = vma->vm_pgoff,
			.dump_size = vma_dump_size(mm, vma, filter),
			.file = vma->vm_file,
		};
		if (v[n].file)
			get_file(v[n].file);
		n++;
	}
	mutex_unlock(&mm->mmap_lock);
	*out = v;
	return n;
}

/* dump_vma_release - drop what dump_vma_snapshot() took. */
void dump_vma_release(struct core_vma *v, int n)
{
	for (int i = 0; i < n; i++)
		if (v[i].file)
			fput(v[i].file);
	kfree(v);
}

/*
 * get_dump_page - the page at addr of current's mm for a core dump,
 * with a reference: a mapped page, or a file's (or the vDSO's) page
 * read in; NULL for private memory never touched (a hole in the core).
 * Takes mmap_lock; sleeps.
 */
struct page *get_dump_page(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct page *page = NULL;
	pte_t *ptep;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		goto out;
	ptep = lookup_pte(mm, addr);
	if (ptep && pte_present(*ptep)) {
		page = pte_page(*ptep);
		get_page(page);
	} else if (!vma_is_anonymous(vma)) {
		page = get_user_page(mm, addr, FOLL_FORCE);
	}
out:
	mutex_unlock(&mm->mmap_lock);
	return page;
}
