/*
 * Starting the application processors (arch/x86_64/smpboot.c and
 * trampoline.S). The trampoline runs at TRAMPOLINE_PHYS, a page below
 * 1 MiB that memblock never hands out (setup.c reserves low memory).
 */
#ifndef ASM_SMPBOOT_H
#define ASM_SMPBOOT_H

#define TRAMPOLINE_PHYS 0x8000

#ifndef __ASSEMBLER__
#include <asm/percpu.h>
#include <tine/types.h>

/* The trampoline's parameter block (trampoline_params in trampoline.S). */
struct trampoline_params {
	u64 cr3;			/* boot page tables, below 4 GiB */
	u64 entry;			/* secondary_startup_64 */
	u64 stack;			/* the idle task's stack top */
	u64 cpu;			/* the CPU's number */
	u64 pgd;			/* the kernel's page tables */
};

void start_secondary(unsigned long cpu) __noreturn;
struct percpu *alloc_percpu_area(unsigned int cpu, u32 apic_id);
void cpu_init_secondary(struct percpu *pc);
void load_idt(void);
#endif

#endif
