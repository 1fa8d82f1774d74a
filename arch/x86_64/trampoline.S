/*
 * The application processors' first instructions. A STARTUP IPI starts
 * a CPU in real mode at TRAMPOLINE_PHYS (CS = TRAMPOLINE_PHYS >> 4,
 * IP = 0); smpboot.c copies this code there first. It goes through
 * 32-bit protected mode to long mode on the boot page tables (which
 * map this page 1:1 and the kernel at its high address), then jumps to
 * secondary_startup_64 in the kernel proper.
 *
 * The code is assembled here but never run here: every address it uses
 * is computed as TRAMPOLINE_PHYS + (label - trampoline_start). The
 * parameter block at the end is filled in by the boot CPU before each
 * STARTUP.
 */
#include <asm/page.h>
#include <asm/smpboot.h>

#define TR(x) (TRAMPOLINE_PHYS + ((x) - trampoline_start))

	.section .rodata.trampoline, "a"
	.balign 16
	.globl trampoline_start
trampoline_start:
	.code16
	cli
	cld
	mov %cs, %ax
	mov %ax, %ds
	lgdtl tr_gdt_desc - trampoline_start
	mov %cr0, %eax
	or $1, %eax				/* PE */
	mov %eax, %cr0
	ljmpl $0x08, $TR(tr_protected)

	.code32
tr_protected:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %cr4, %eax
	or $0x20, %eax				/* PAE */
	mov %eax, %cr4
	mov TR(tr_cr3), %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx			/* EFER: LME, NXE */
	rdmsr
	or $((1 << 8) | (1 << 11)), %eax
	wrmsr
	mov %cr0, %eax
	or $0x80010001, %eax			/* PG | WP | PE */
	mov %eax, %cr0
	ljmpl $0x18, $TR(tr_long)

	.code64
tr_long:
	xor %eax, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	movq TR(tr_pgd), %rcx
	movq TR(tr_stack), %rsp
	movq TR(tr_cpu), %rdi
	movq TR(tr_entry), %rax
	jmp *%rax				/* the kernel's high address */

	.balign 8
tr_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff		/* 0x08: 32-bit code */
	.quad 0x00cf92000000ffff		/* 0x10: data */
	.quad 0x00af9a000000ffff		/* 0x18: 64-bit code */
tr_gdt_desc:
	.word tr_gdt_desc - tr_gdt - 1
	.long TR(tr_gdt)

	/* Parameters, written by the boot CPU (struct trampoline_params). */
	.balign 8
	.globl trampoline_params
trampoline_params:
tr_cr3:	.quad 0					/* boot page tables (< 4 GiB) */
tr_entry: .quad 0				/* secondary_startup_64 */
tr_stack: .quad 0				/* the idle task's stack top */
tr_cpu:	.quad 0					/* the CPU's number */
tr_pgd:	.quad 0					/* the kernel's page tables */
	.globl trampoline_end
trampoline_end:

/*
 * secondary_startup_64 - in the kernel proper, still on the boot page
 * tables, with the kernel's tables in rcx, the stack (the idle task's)
 * in rsp and the CPU number in rdi: switch tables, start_secondary(cpu).
 */
	.text
	.globl secondary_startup_64
secondary_startup_64:
	mov %rcx, %cr3
	xor %ebp, %ebp
	call start_secondary
1:	hlt
	jmp 1b
