/*
 * The user address space, as the rest of the kernel sees it: mm_struct
 * lifetime (mm/fork_mm.c), mappings (mm/mmap.c) and access to another
 * address space's memory (mm/memory.c). Faults enter through
 * <tine/fault.h>. Design and rules: docs/mm.md.
 *
 * Lock order: mm->mmap_lock -> shmem_object.lock -> inode->i_lock (inside
 * f_op->get_page) -> page allocator/slab locks. Never call copy_to_user()
 * or copy_from_user() with mmap_lock held: a fault would take it again.
 */
#ifndef TINE_MMAN_H
#define TINE_MMAN_H

#include <asm/page.h>
#include <tine/err.h>
#include <tine/mm_types.h>
#include <uapi/mman.h>

struct task_struct;

/* Lowest address mmap hands out or a hint may name (vm.mmap_min_addr,
 * never below Debian's 64 KiB); MAP_FIXED may go below the sysctl's
 * value only with CAP_SYS_RAWIO (mmap_addr_allowed()). */
extern unsigned long mmap_min_addr;
#define MMAP_MIN_ADDR READ_ONCE(mmap_min_addr)
/* Kept free below a VM_GROWSDOWN stack, as Linux's stack_guard_gap. */
#define STACK_GUARD_GAP (256UL << PAGE_SHIFT)
/* Most VMAs per mm, as Linux's default vm.max_map_count. */
#define MAX_MAP_COUNT READ_ONCE(sysctl_max_map_count)
extern int sysctl_max_map_count;	/* vm.max_map_count (65530) */
extern int sysctl_overcommit_memory;	/* vm.overcommit_memory */
extern int sysctl_overcommit_ratio;	/* vm.overcommit_ratio (%) */

#ifndef PAGE_ALIGN
#define PAGE_ALIGN(x) ALIGN_UP((unsigned long)(x), PAGE_SIZE)
#endif
#ifndef offset_in_page
#define offset_in_page(x) ((unsigned long)(x) & ~PAGE_MASK)
#endif
/* True when an unsigned long returned by do_mmap() is an -errno. */
#ifndef IS_ERR_VALUE
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
#endif

/* access_remote_vm() flags, as Linux's gup FOLL_* */
#define FOLL_WRITE 0x01		/* write access */
#define FOLL_FORCE 0x10		/* ptrace: ignore PROT_*, COW a private copy */

/* --- mm/fork_mm.c: lifetime --- */

/* A new empty address space (kernel half only), users = count = 1. */
struct mm_struct *mm_alloc(void);
/* Take a user reference (a task starts using mm: CLONE_VM, get_task_mm). */
void mmget(struct mm_struct *mm);
/* Drop a user reference; the last one unmaps everything and frees the
 * page tables. May sleep. Safe on a half-built mm from a failed fork. */
void mmput(struct mm_struct *mm);
/* mmget unless the last user is gone (then false): a holder of mmgrab()
 * becoming a user again (/proc/<pid>/mem). Lock-free. */
bool mmget_not_zero(struct mm_struct *mm);
/* References to the struct alone (lazy TLB holders): mmgrab/mmdrop. */
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
/*
 * Copy oldmm into the fresh mm (from mm_alloc()) for fork: every VMA but
 * VM_DONTCOPY ones, PTEs copy-on-write. Caller holds oldmm->mmap_lock.
 * Returns 0 or -ENOMEM; on failure the caller mmput()s mm, which releases
 * whatever was copied.
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);
/* t's mm with a user reference (mmput it), or NULL (kernel thread,
 * exited). Takes t's task_lock, under which exit and exec change t->mm. */
struct mm_struct *get_task_mm(struct task_struct *t);
/* The physical page at addr of a MAP_SHARED mapping of mm, or 0
 * (futex keys; looks only). Takes mmap_lock; sleeps. */
phys_addr_t shared_page_phys(struct mm_struct *mm, unsigned long addr);
/* Make the page at uaddr of current writable without writing to it:
 * 0 or -EFAULT. Takes mmap_lock; sleeps. */
int fault_in_user_writeable(u32 __user *uaddr);
/* Replace mm->exe_file, taking a reference on file (may be NULL) and
 * keeping its writes denied (deny_write_access) while mm runs it. */
void set_mm_exe_file(struct mm_struct *mm, struct file *file);

/* --- mm/mmap.c: mappings (the functions take mmap_lock unless noted) --- */

/* First VMA with vm_end > addr, or NULL. Caller holds mmap_lock. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* A VMA overlapping [start, end), or NULL. Caller holds mmap_lock. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end);
/*
 * mmap(2) into mm: prot PROT_*, flags MAP_*, pgoff in pages; file (may be
 * NULL with MAP_ANONYMOUS) gets its own reference from the mapping.
 * Returns the address, or -errno cast to unsigned long (IS_ERR_VALUE).
 * do_mmap() works on current->mm; exec uses do_mmap_mm() on the new mm.
 */
unsigned long do_mmap_mm(struct mm_struct *mm, struct file *file,
			 unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 unsigned long pgoff);
unsigned long do_mmap(struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff);
/* Map the kernel pages sm provides at the free, page-aligned range
 * [addr, addr+len) with vm_flags (VM_DONTEXPAND added): 0, -EEXIST or
 * -ENOMEM. Caller holds mmap_lock. */
int install_special_mapping(struct mm_struct *mm, unsigned long addr,
			    unsigned long len, unsigned long vm_flags,
			    const struct vm_special_mapping *sm);
/* Drop every page mm maps from sm (refaulted through sm->fault): 0, or
 * -ENOMEM with nothing dropped. Takes mmap_lock. */
int zap_special_mapping(struct mm_struct *mm,
			const struct vm_special_mapping *sm);
/* Where a len-byte mapping may go (a hint, MAP_FIXED...: see mm/mmap.c):
 * the address or -errno. Caller holds mmap_lock. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long flags);
/* munmap(2) of [start, start+len) in mm: 0 or -EINVAL/-ENOMEM. */
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len);
/* Same, caller holds mmap_lock. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
/* An anonymous read-write zero mapping at exactly [addr, addr+len) (ELF
 * bss; replaces what was there): 0 or -errno. */
int vm_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len);
/* Pages mapped by mm's page tables (all kinds). Caller holds mmap_lock
 * or does not care about a racy value. */
unsigned long get_mm_rss(const struct mm_struct *mm);
/* Keep the peaks of rss and total_vm before an unmap lowers them
 * (/proc's VmHWM and VmPeak). mmap_lock held (lock-unchecked: current
 * is not known here; unmap_page_range, the caller, asserts it). */
static inline void update_hiwater(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}
/* The rss peak so far (pages): the one update_hiwater() kept, or the
 * rss now if higher (getrusage's maxrss). */
unsigned long get_mm_hiwater_rss(const struct mm_struct *mm);
/* Page references held by all user page tables: a leak check. */
unsigned long nr_user_pages(void);

/* --- mm/mmap_layout.c: where exec puts things (randomisation) --- */

/* kernel.randomize_va_space (0, 1, 2), vm.legacy_va_layout,
 * vm.mmap_min_addr as written (the sysctls). */
extern int randomize_va_space;
extern int sysctl_legacy_va_layout;
extern unsigned long dac_mmap_min_addr;
/* vm.mmap_min_addr was written: set both floors. */
void set_mmap_min_addr(unsigned long addr);
/* May current map at addr (MAP_FIXED)? 0 or -EPERM (below
 * vm.mmap_min_addr without CAP_SYS_RAWIO). */
int mmap_addr_allowed(unsigned long addr);
/* The randomize_va_space level the program being exec'd gets (0: none,
 * e.g. personality ADDR_NO_RANDOMIZE); exec sets PF_RANDOMIZE from it. */
int exec_wants_randomize(void);
/* A random page-aligned offset below 1 TiB (mmap base, PIE bias). */
unsigned long arch_mmap_rnd(void);
/* Choose a fresh mm's mmap base and direction for current's new program
 * (PF_RANDOMIZE, ADDR_COMPAT_LAYOUT, RLIMIT_STACK). */
void arch_pick_mmap_layout(struct mm_struct *mm);
/* The new stack's top (randomised with PF_RANDOMIZE). */
unsigned long randomize_stack_top(unsigned long top);
/* The initial stack pointer at or below sp (16-byte aligned). */
unsigned long arch_align_stack(unsigned long sp);
/* A random page-aligned address in [start, start + range). */
unsigned long randomize_page(unsigned long start, unsigned long range);
/* mm's break start, randomised within the 1 GiB above mm->brk. */
unsigned long arch_randomize_brk(struct mm_struct *mm);

/* --- mm/pagewalk.c: what /proc shows of resident pages --- */

/* One mapped PTE slot, as a read-only walk sees it. */
struct pte_info {
	unsigned long pfn;		/* the page frame */
	struct page *page;
	bool anon;			/* private anonymous (zero-fill, COW) */
	bool dirty, young;		/* the MMU's dirty and accessed bits */
	unsigned int mapcount;		/* address spaces mapping the page
					 * (estimated: mm/pagewalk.c) */
};
/*
 * walk_page_info - call fn on every mapped PTE slot of mm in
 * [start, end) (present, or kept by a PROT_NONE VMA), in address
 * order, changing nothing (shared tables stay shared). Stops at and
 * returns fn's first non-zero result. mmap_lock held; fn must not
 * sleep on user memory.
 */
int walk_page_info(struct mm_struct *mm, unsigned long start,
		   unsigned long end,
		   int (*fn)(const struct pte_info *pi, unsigned long addr,
			     void *arg),
		   void *arg);

/* --- mm/memory.c: another address space's memory --- */

/*
 * Copy len bytes between buf (kernel memory) and mm at addr, faulting
 * pages in as needed (FOLL_WRITE: into mm; buf NULL writes zeros).
 * Returns the bytes done, short at the first unmapped/forbidden page.
 * Takes mm->mmap_lock; may sleep.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags);
/*
 * mm_access - t's mm (a user reference) if current may reach it with
 * ptrace mode (always its own): ERR_PTR(-EACCES) if not, NULL without
 * an mm, ERR_PTR(-EINTR) on a fatal signal. Sleeps.
 * (mm/process_vm_access.c)
 */
struct mm_struct *mm_access(struct task_struct *t, unsigned int mode);
/* The same on t's mm with FOLL_FORCE (ptrace, /proc/pid/cmdline). */
int access_process_vm(struct task_struct *t, unsigned long addr, void *buf,
		      int len, int write);
/* Write into a not-yet-current mm (exec's stack): 0 or -EFAULT. */
int copy_to_user_mm(struct mm_struct *mm, unsigned long addr,
		    const void *buf, size_t len);
/* Zero [addr, addr+len) of mm (exec's partial bss page): 0 or -EFAULT. */
int clear_user_mm(struct mm_struct *mm, unsigned long addr, size_t len);

#endif
