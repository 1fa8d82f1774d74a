/*
 * The vDSO in every process (Linux's arch/x86/entry/vdso/vma.c): the
 * image mk/vdso.mk built sits page-aligned in the kernel's read-only
 * data (vdso_image.S); exec maps it as [vdso] with VVAR_PAGES data pages
 * below it as [vvar] (tine/vdso_datapage.h). Both are special mappings:
 * their pages are the kernel's, shared by every process and never
 * freed; a write to [vdso] (a debugger's breakpoint) gets a private
 * copy as in any private mapping; [vvar] can never be written.
 *
 * Where: with PF_RANDOMIZE, at a random page between the top of the
 * stack and the end of its 2 MiB page (Linux 6.1's vdso_addr()); else,
 * or if that place is taken, where mmap would put it.
 */
#include <asm/arch.h>
#include <asm/sections.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/vdso.h>

#define PMD_SIZE (2UL << 20)
#define VVAR_SIZE (VVAR_PAGES * PAGE_SIZE)

/* The data page, in the kernel image (its struct page is given a
 * reference at boot so that mappings can count theirs). */
static union {
	struct vdso_data data;
	u8 page[PAGE_SIZE];
} vvar_page __aligned(PAGE_SIZE);

struct vdso_data *const vdso_data = &vvar_page.data;

static unsigned long vdso_pages;	/* [I] pages of the image */

static struct page *kernel_image_page(const void *addr)
{
	return phys_to_page(__pa(addr));
}

/* [vdso]: the image's pages. */
static struct page *vdso_fault(const struct vm_special_mapping *sm,
			       struct vm_area_struct *vma, unsigned long pgoff)
{
	struct page *page;

	if (pgoff >= vdso_pages)
		return NULL;
	page = kernel_image_page(vdso_image_start + pgoff * PAGE_SIZE);
	get_page(page);
	return page;
}

/*
 * [vvar]: page 0 the data (a time namespace's own page for its tasks,
 * the data then at VVAR_TIMENS_PAGE); nothing else (SIGBUS). The faulting
 * task's namespace decides, as Linux's vvar_fault.
 */
static struct page *vvar_fault(const struct vm_special_mapping *sm,
			       struct vm_area_struct *vma, unsigned long pgoff)
{
	struct page *ns_page = timens_vvar_page(current);
	struct page *data = kernel_image_page(&vvar_page);
	struct page *page = NULL;

	if (pgoff == 0)
		page = ns_page ? ns_page : data;
	else if (pgoff == VVAR_TIMENS_PAGE && ns_page)
		page = data;
	if (page)
		get_page(page);
	return page;
}

static const struct vm_special_mapping vdso_mapping = {
	.name = "[vdso]",
	.fault = vdso_fault,
};

static const struct vm_special_mapping vvar_mapping = {
	.name = "[vvar]",
	.fault = vvar_fault,
};

/* vdso_join_timens - see tine/vdso.h. */
int vdso_join_timens(struct mm_struct *mm)
{
	return mm ? zap_special_mapping(mm, &vvar_mapping) : 0;
}

/* vdso_timens_page_init - see tine/vdso.h. */
void vdso_timens_page_init(struct vdso_data *page, s64 mono_offset,
			   s64 boot_offset)
{
	memset(page, 0, PAGE_SIZE);
	page->clock_mode = VDSO_CLOCKMODE_TIMENS;
	page->mono_offset = mono_offset;
	page->boot_offset = boot_offset;
}

/* vdso_init - see tine/vdso.h. */
void vdso_init(void)
{
	vdso_pages = (vdso_image_end - vdso_image_start + PAGE_SIZE - 1) >>
		     PAGE_SHIFT;
	/* Kernel-image pages start with no references: give each one, so
	 * that the last unmapping never frees them. */
	for (unsigned long i = 0; i < vdso_pages; i++)
		get_page(kernel_image_page(vdso_image_start + i * PAGE_SIZE));
	get_page(kernel_image_page(&vvar_page));
}

/*
 * Linux's vdso_addr(): a random page from the top of the stack (start,
 * rounded up) to where len more bytes still end in its 2 MiB page.
 */
static unsigned long vdso_addr(unsigned long start, unsigned long len)
{
	unsigned long end;

	start = PAGE_ALIGN(start);
	end = ALIGN_UP(start + len, PMD_SIZE);
	if (end >= TASK_SIZE)
		end = TASK_SIZE;
	end -= len;
	if (end <= start)
		return start;
	return start + ((unsigned long)get_random_u32_below(
				((end - start) >> PAGE_SHIFT) + 1) << PAGE_SHIFT);
}

/* map_vdso - see tine/vdso.h. */
int map_vdso(struct mm_struct *mm, unsigned long stack_low)
{
	unsigned long len = VVAR_SIZE + (vdso_pages << PAGE_SHIFT), hint = 0;
	unsigned long addr;
	int err;

	if (current->flags & PF_RANDOMIZE)
		hint = vdso_addr(stack_low, len);
	mutex_lock(&mm->mmap_lock);
	addr = get_unmapped_area(mm, hint, len, 0);
	err = IS_ERR_VALUE(addr) ? (int)addr : 0;
	if (!err)
		err = install_special_mapping(mm, addr, VVAR_SIZE,
					      VM_READ | VM_MAYREAD,
					      &vvar_mapping);
	if (!err)
		err = install_special_mapping(mm, addr + VVAR_SIZE,
					      len - VVAR_SIZE,
					      VM_READ | VM_EXEC | VM_MAYREAD |
						      VM_MAYWRITE | VM_MAYEXEC,
					      &vdso_mapping);
	if (!err)
		mm->vdso = addr + VVAR_SIZE;
	mutex_unlock(&mm->mmap_lock);
	return err;
}
