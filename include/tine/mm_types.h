/*
 * Address spaces. An mm_struct is one user address space: page tables
 * plus the sorted list of mapped areas (vm_area_struct). Tasks share it
 * with CLONE_VM; fork duplicates it copy-on-write (mm/fork_mm.c). The
 * functions that work on them are declared in <tine/mman.h>; the rules
 * (COW, reference counts, locking) are in docs/mm.md.
 *
 * Locking legend:
 *   [L] mm->mmap_lock (a mutex; the page-fault handler takes it too, so
 *       never touch user memory while holding it)
 *   [A] atomic
 *   [E] set up by mm_alloc()/exec before the mm is shared, read-only
 *       afterwards
 *   [O] the shmem object's own lock
 */
#ifndef TINE_MM_TYPES_H
#define TINE_MM_TYPES_H

#include <tine/atomic.h>
#include <tine/cpumask.h>
#include <tine/elf.h>
#include <tine/list.h>
#include <tine/mutex.h>
#include <tine/types.h>

struct file;
struct page;
struct user_namespace;
struct vm_area_struct;

/* vm_flags: the values are Linux's, so /proc and a reader can compare. */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL		/* writes reach the backing object */
#define VM_MAYREAD 0x00000010UL		/* mprotect may add VM_READ */
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL	/* mapped MAP_SHARED (maybe read-only) */
#define VM_GROWSDOWN 0x00000100UL	/* stack: faults below extend it */
#define VM_LOCKED 0x00002000UL		/* mlock()ed (always resident anyway) */
#define VM_SEQ_READ 0x00008000UL	/* MADV_SEQUENTIAL */
#define VM_RAND_READ 0x00010000UL	/* MADV_RANDOM */
#define VM_DONTCOPY 0x00020000UL	/* MADV_DONTFORK: fork skips it */
#define VM_DONTEXPAND 0x00040000UL	/* mremap may not grow it */
#define VM_LOCKONFAULT 0x00080000UL	/* mlock2(MLOCK_ONFAULT) */
#define VM_ACCOUNT 0x00100000UL		/* charged to the commit check */
#define VM_NORESERVE 0x00200000UL	/* MAP_NORESERVE */
#define VM_WIPEONFORK 0x02000000UL	/* MADV_WIPEONFORK: child sees zeros */
#define VM_DONTDUMP 0x04000000UL	/* MADV_DONTDUMP */
#define VM_HUGEPAGE 0x20000000UL	/* MADV_HUGEPAGE (advice only) */
#define VM_NOHUGEPAGE 0x40000000UL	/* MADV_NOHUGEPAGE (advice only) */

#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

/*
 * The pages behind a MAP_SHARED|MAP_ANONYMOUS mapping: every VMA that
 * maps it (the original, split halves, fork children) holds a reference,
 * so a page written in one is seen by all. Linux backs these with a
 * shmem file; tine keeps a page array (mm/shmem.c).
 */
struct shmem_object {
	atomic_t refcount;		/* [A] VMAs using it */
	struct mutex lock;		/* protects pages[] */
	unsigned long nr_pages;		/* [E] size; beyond it is SIGBUS */
	struct page **pages;		/* [O] NULL slot = never touched */
};

struct vm_area_struct;

/*
 * What a kind of mapping does when one of its VMAs comes or goes (SysV
 * shared memory counts its attaches this way). open runs for every new
 * VMA copied from one (a split, fork, mremap), close for every VMA
 * freed; both with the owning mm's mmap_lock held (fork: the parent's).
 * VMAs with a close hook are never merged, so the count stays Linux's.
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
};

/*
 * A mapping of pages the kernel provides ([vdso], [vvar]): no file, not
 * anonymous; fault() hands out the page at pgoff with a reference, or
 * NULL (SIGBUS). Static: VMAs point at it without counting.
 */
struct vm_special_mapping {
	const char *name;		/* as /proc/<pid>/maps shows it */
	struct page *(*fault)(const struct vm_special_mapping *sm,
			      struct vm_area_struct *vma,
			      unsigned long pgoff);
};

struct vm_area_struct {
	unsigned long vm_start;		/* [L] first byte */
	unsigned long vm_end;		/* [L] first byte after */
	unsigned long vm_flags;		/* [L] VM_* */
	unsigned long vm_pgoff;		/* [L] file (or shmem) offset, pages */
	struct file *vm_file;		/* [L] backing file (a reference) */
	struct shmem_object *vm_shmem;	/* [L] shared anon pages (a ref) */
	const struct vm_operations_struct *vm_ops;	/* [L] or NULL */
	const struct vm_special_mapping *vm_special;	/* [L] kernel pages */
	struct mm_struct *vm_mm;	/* [E] owner */
	struct list_head vm_list;	/* [L] in mm->mmap, by address */
};

/* mm->rss[] counters, as Linux's MM_* */
#define MM_FILEPAGES 0			/* page-cache pages mapped */
#define MM_ANONPAGES 1			/* private anonymous (incl. COW copies) */
#define MM_SHMEMPAGES 2			/* MAP_SHARED|MAP_ANONYMOUS pages */
#define NR_MM_COUNTERS 3

struct mm_struct {
	unsigned long pgd;		/* [L] physical address of PML4 */
	struct list_head mmap;		/* [L] VMAs sorted by address */
	int map_count;			/* [L] VMAs in mmap */
	bool tearing_down;		/* [L] exit_mmap: every mapping goes */
	struct cpumask cpu_bitmap;	/* [A] CPUs whose TLB may hold its
					 * entries: see mm_cpumask() */
	atomic_t mm_users;		/* [A] tasks using it (CLONE_VM) */
	atomic_t mm_count;		/* [A] references to the struct;
					 * all mm_users together hold one */
	struct mutex mmap_lock;		/* protects [L] */
	unsigned long start_code, end_code;	/* [L] for /proc */
	unsigned long start_data, end_data;	/* [L] */
	unsigned long start_brk, brk;	/* [L] heap; brk is exact, unaligned */
	unsigned long start_stack;	/* [L] */
	unsigned long arg_start, arg_end;	/* [L] argv strings */
	unsigned long env_start, env_end;	/* [L] envp strings */
	unsigned long mmap_base;	/* [E] mmap search start: top-down
					 * below it, or bottom-up above it */
	bool mmap_legacy;		/* [E] bottom-up (ADDR_COMPAT_LAYOUT) */
	unsigned long vdso;		/* [E] the vDSO's address (its ELF
					 * header: AT_SYSINFO_EHDR), or 0 */
	unsigned long def_flags;	/* [L] VM_LOCKED after MCL_FUTURE */
	unsigned long coredump_filter;	/* [A] MMF_DUMP_* (tine/coredump.h):
					 * what a core dump writes; kept by
					 * fork and exec */
	unsigned long saved_auxv[AT_VECTOR_WORDS];	/* [E] /proc/pid/auxv */
	struct file *exe_file;		/* [L] /proc/pid/exe (a reference) */
	unsigned long total_vm;		/* [L] pages in all VMAs */
	unsigned long rss[NR_MM_COUNTERS];	/* [L] pages mapped, by kind */
	unsigned long hiwater_rss;	/* [L] rss before the last unmap, if more
					 * (the peak is max(this, rss): VmHWM) */
	unsigned long hiwater_vm;	/* [L] total_vm likewise (VmPeak) */
	int dumpable;			/* [A] SUID_DUMP_*: who may look in
					 * (get_dumpable()/set_dumpable()) */
	struct user_namespace *user_ns;	/* [E] ptrace and /proc checks are
					 * against it (a reference; exec) */
};

/*
 * The CPUs that may cache translations of mm: a CPU sets its bit before
 * it loads mm's page tables and clears it after it has loaded others
 * (which flushes them), so a CPU outside the mask has none, and a TLB
 * shootdown need only reach the CPUs inside it (arch/x86_64/tlb.c).
 */
static inline struct cpumask *mm_cpumask(struct mm_struct *mm)
{
	return &mm->cpu_bitmap;
}

/* The contract "current holds mm's mmap_lock" (needs <tine/sched.h>). */
#define mmap_assert_locked(mm) mutex_assert_held(&(mm)->mmap_lock)
/* The same on a hot path (page-table walks): only in a DEBUG_LOCKS=1
 * kernel with tine.lockdep on (lockdep_hot_checks(), docs/locking.md). */
#define lockdep_assert_mmap_locked(mm)                                    \
	do {                                                              \
		if (lockdep_hot_checks())                                 \
			mmap_assert_locked(mm);                           \
	} while (0)

/* Who may trace this mm or read it through /proc (SUID_DUMP_*). */
static inline int get_dumpable(struct mm_struct *mm)
{
	return __atomic_load_n(&mm->dumpable, __ATOMIC_ACQUIRE);
}

static inline void set_dumpable(struct mm_struct *mm, int value)
{
	__atomic_store_n(&mm->dumpable, value, __ATOMIC_RELEASE);
}

#endif
