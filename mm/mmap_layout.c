/*
 * The layout of a new address space, as Linux 6.1 lays it out on
 * x86-64 (its arch/x86/mm/mmap.c and the randomisation steps of
 * fs/binfmt_elf.c): where top-down mmap starts, the stack's top, the
 * initial stack pointer and the break.
 *
 * Address-space randomisation is decided once per exec: the new
 * program gets PF_RANDOMIZE unless kernel.randomize_va_space is 0 (or
 * the kernel was booted with norandmaps) or the task's personality has
 * ADDR_NO_RANDOMIZE. With it, Linux's entropy:
 *   mmap base, PIE bias    28 bits of pages (up to 1 TiB)
 *   stack top              22 bits of pages (up to 16 GiB), and the
 *                          initial stack pointer within 8 KiB below
 *   break                  anywhere in the 1 GiB above the program,
 *                          only with randomize_va_space 2 (the default)
 *   vDSO                   above the stack, in its 2 MiB page
 *                          (arch/x86_64/vdso.c)
 * Without it every run of a program gets the same addresses.
 *
 * The values are read without locks: each is one word, and a change
 * applies to the execs that start after it.
 */
#include <tine/capability.h>
#include <tine/init.h>
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/sysctl.h>
#include <uapi/personality.h>
#include "internal.h"

/* kernel.randomize_va_space: 0, 1 or 2 (see above). */
int randomize_va_space = 2;
/* vm.legacy_va_layout: every new mm bottom-up, as ADDR_COMPAT_LAYOUT. */
int sysctl_legacy_va_layout;
/* vm.mmap_min_addr: below it only CAP_SYS_RAWIO may map (MAP_FIXED). */
unsigned long dac_mmap_min_addr = 65536;
/* Where hints and searches stop: Debian's kernel also has its security
 * modules' floor (CONFIG_LSM_MMAP_MIN_ADDR 65536) in it. */
unsigned long mmap_min_addr = 65536;

#define LSM_MMAP_MIN_ADDR 65536UL
#define MMAP_RND_BITS 28		/* CONFIG_ARCH_MMAP_RND_BITS */
#define STACK_RND_BITS 22		/* pages: 16 GiB */
#define STACK_RND_MASK ((1UL << STACK_RND_BITS) - 1)
#define BRK_RND_RANGE (1UL << 30)
#define STACK_ALIGN_RND_BITS 13	/* 8 KiB */
#define SIZE_128M (128UL << 20)
/* Where a legacy (bottom-up) layout starts: a third of the way up. */
#define TASK_UNMAPPED_BASE PAGE_ALIGN(TASK_SIZE / 3)

static int norandmaps_setup(char *val)
{
	randomize_va_space = 0;
	return 0;
}
__setup("norandmaps", norandmaps_setup);

/* set_mmap_min_addr - vm.mmap_min_addr was written: the floor for
 * hints and searches follows it, never below Debian's 64 KiB. */
void set_mmap_min_addr(unsigned long addr)
{
	WRITE_ONCE(dac_mmap_min_addr, addr);
	WRITE_ONCE(mmap_min_addr, MAX(addr, LSM_MMAP_MIN_ADDR));
}

/* vm.mmap_min_addr: changing it needs CAP_SYS_RAWIO (EPERM). */
static int mmap_min_addr_handler(const struct ctl_table *t, int write,
				 char *buf, size_t *lenp, off_t *ppos)
{
	unsigned long v = READ_ONCE(dac_mmap_min_addr);
	struct ctl_table tmp = *t;
	int err;

	if (write && !capable(CAP_SYS_RAWIO))
		return -EPERM;
	tmp.data = &v;
	err = proc_doulongvec_minmax(&tmp, write, buf, lenp, ppos);
	if (!err && write)
		set_mmap_min_addr(v);
	return err;
}

static const struct ctl_table layout_vm_table[] = {
	{ .procname = "legacy_va_layout", .data = &sysctl_legacy_va_layout,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "mmap_min_addr", .maxlen = sizeof(unsigned long),
	  .mode = 0644, .proc_handler = mmap_min_addr_handler },
	{ }
};

static const struct ctl_table layout_kern_table[] = {
	{ .procname = "randomize_va_space", .data = &randomize_va_space,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ }
};

static void layout_sysctl_init(void)
{
	register_sysctl("vm", layout_vm_table);
	register_sysctl("kernel", layout_kern_table);
}
__initcall(layout_sysctl_init);

/*
 * mmap_addr_allowed - may current map at addr? Below vm.mmap_min_addr
 * only with CAP_SYS_RAWIO (Linux's cap_mmap_addr): 0 or -EPERM.
 */
int mmap_addr_allowed(unsigned long addr)
{
	if (addr < READ_ONCE(dac_mmap_min_addr) && !capable(CAP_SYS_RAWIO))
		return -EPERM;
	return 0;
}

/*
 * exec_wants_randomize - does the program current is about to run get
 * a randomised layout? Judged once per exec, before PF_RANDOMIZE is
 * set. Returns randomize_va_space's value then (0: no).
 */
int exec_wants_randomize(void)
{
	int level = READ_ONCE(randomize_va_space);

	if (current->personality & ADDR_NO_RANDOMIZE)
		return 0;
	return level;
}

/* A random page-aligned offset of up to 2^28 pages (mmap base, PIE). */
unsigned long arch_mmap_rnd(void)
{
	return (unsigned long)get_random_bits(MMAP_RND_BITS) << PAGE_SHIFT;
}

/* How far randomisation may move the stack top down. */
static unsigned long stack_maxrandom_size(void)
{
	if (!(current->flags & PF_RANDOMIZE))
		return 0;
	return STACK_RND_MASK << PAGE_SHIFT;
}

/*
 * Top-down mmap starts below the largest stack RLIMIT_STACK allows,
 * the room the stack's randomisation needs and the guard gap: at
 * least 128 MiB below the top, at most 5/6 of the way down, and then
 * rnd lower.
 */
static unsigned long mmap_base(unsigned long rnd)
{
	unsigned long gap = current->signal->rlim[RLIMIT_STACK].rlim_cur;
	unsigned long pad = stack_maxrandom_size() + STACK_GUARD_GAP;

	if (gap + pad > gap)	/* near RLIM_INFINITY it would wrap */
		gap += pad;
	gap = MIN(MAX(gap, SIZE_128M), TASK_SIZE / 6 * 5);
	return PAGE_ALIGN(TASK_SIZE - gap - rnd);
}

/*
 * arch_pick_mmap_layout - choose mm's mmap layout for the program
 * current is exec'ing (PF_RANDOMIZE already decided): top-down from
 * below the stack, or bottom-up from a third of the way up with
 * ADDR_COMPAT_LAYOUT or vm.legacy_va_layout. mm is not yet in use.
 */
void arch_pick_mmap_layout(struct mm_struct *mm)
{
	unsigned long rnd = 0;

	if (current->flags & PF_RANDOMIZE)
		rnd = arch_mmap_rnd();
	mm->mmap_legacy = (current->personality & ADDR_COMPAT_LAYOUT) ||
			  READ_ONCE(sysctl_legacy_va_layout);
	if (mm->mmap_legacy)
		mm->mmap_base = TASK_UNMAPPED_BASE + rnd;
	else
		mm->mmap_base = mmap_base(rnd);
}

/* randomize_stack_top - the stack's top for the new program: top, or
 * up to 16 GiB below it with PF_RANDOMIZE. */
unsigned long randomize_stack_top(unsigned long top)
{
	unsigned long rnd = 0;

	if (current->flags & PF_RANDOMIZE)
		rnd = (unsigned long)get_random_bits(STACK_RND_BITS) << PAGE_SHIFT;
	return PAGE_ALIGN(top) - rnd;
}

/* arch_align_stack - where the initial stack pointer goes below sp:
 * 16-byte aligned, and (randomising) up to 8 KiB lower. */
unsigned long arch_align_stack(unsigned long sp)
{
	if (current->flags & PF_RANDOMIZE)
		sp -= get_random_bits(STACK_ALIGN_RND_BITS);
	return sp & ~0xfUL;
}

/*
 * randomize_page - a page-aligned address in [start, start + range):
 * start itself rounded up, and a random whole number of pages above.
 */
unsigned long randomize_page(unsigned long start, unsigned long range)
{
	if (offset_in_page(start)) {
		range -= PAGE_ALIGN(start) - start;
		start = PAGE_ALIGN(start);
	}
	if (start > ~0UL - range)
		range = ~0UL - start;
	range >>= PAGE_SHIFT;
	if (!range)
		return start;
	if (range > 0xffffffffUL)
		return start + ((get_random_u64() % range) << PAGE_SHIFT);
	return start + ((unsigned long)get_random_u32_below(range) << PAGE_SHIFT);
}

/* arch_randomize_brk - the randomised start of mm's break: within the
 * 1 GiB above where it would be. */
unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	return randomize_page(mm->brk, BRK_RND_RANGE);
}
