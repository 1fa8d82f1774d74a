/* Virtual memory layout and physical/virtual conversion. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* All of physical memory is mapped here (as in Linux without KASLR). */
#define PAGE_OFFSET 0xffff888000000000UL
/* The kernel image is linked here, loaded at KERNEL_PHYS. */
#define KERNEL_VIRT 0xffffffff80000000UL
#define KERNEL_PHYS 0x100000UL
/* User space: the canonical lower half, minus a guard page. */
#define TASK_SIZE 0x00007ffffffff000UL

#ifndef __ASSEMBLER__
#include <tine/types.h>

extern char _kernel_start[], _kernel_end[], _text_end[], _rodata_end[];

static inline void *__va(phys_addr_t pa) { return (void *)(pa + PAGE_OFFSET); }
static inline phys_addr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;
	if (v >= KERNEL_VIRT)
		return v - KERNEL_VIRT;
	return v - PAGE_OFFSET;
}
#endif

#endif
