/*
 * PVH entry: QEMU's -kernel loads this ELF64 image at its physical
 * addresses and, finding the XEN_ELFNOTE_PHYS32_ENTRY note, jumps to
 * pvh_start in 32-bit protected mode, paging off, with %ebx holding the
 * physical address of the hvm_start_info. We clear .bss, build just
 * enough page tables to reach long mode in the higher half (identity map
 * of the first GiB, the kernel map at KERNEL_VIRT and the direct map of
 * the first 4 GiB at PAGE_OFFSET, all with 2 MiB pages) and call
 * start_kernel(start_info_phys). mm/ builds the final tables later.
 */
#include <asm/page.h>

#define PHYS(x) ((x) - KERNEL_VIRT)
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

	.section .note.Xen, "a"
	.align 4
	.long 4			/* namesz */
	.long 4			/* descsz */
	.long 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long PHYS(pvh_start)

	.section .boot.text, "ax"
	.code32
	.globl pvh_start
pvh_start:
	cli
	cld
	mov %ebx, %esi				/* keep start_info */
	mov $PHYS(boot_stack_top), %esp

	/* Zero .bss: the page tables below live there. */
	mov $PHYS(__bss_start), %edi
	mov $PHYS(_kernel_end), %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb

	/* boot_pd: 512 x 2 MiB = the first GiB; boot_pd_direct: 4 GiB. */
	mov $PHYS(boot_pd_direct), %edi
	mov $(PTE_P | PTE_W | PTE_PS), %eax
	xor %edx, %edx
	mov $2048, %ecx
1:	mov %eax, (%edi)
	mov %edx, 4(%edi)
	add $0x200000, %eax
	adc $0, %edx
	add $8, %edi
	loop 1b

	/* pdpt_direct[0..3] -> the four direct-map page directories. */
	mov $PHYS(boot_pdpt_direct), %edi
	mov $PHYS(boot_pd_direct) + (PTE_P | PTE_W), %eax
	mov $4, %ecx
2:	mov %eax, (%edi)
	add $4096, %eax
	add $8, %edi
	loop 2b

	/* Identity (pml4[0]) and kernel (pml4[511], pdpt[510]) maps reuse
	 * the first direct-map directory, which maps the first GiB. */
	mov $PHYS(boot_pd_direct) + (PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pdpt_low)
	mov %eax, PHYS(boot_pdpt_high) + 510 * 8
	mov $PHYS(boot_pdpt_low) + (PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pml4)
	mov $PHYS(boot_pdpt_high) + (PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pml4) + 511 * 8
	mov $PHYS(boot_pdpt_direct) + (PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pml4) + ((PAGE_OFFSET >> 39) & 511) * 8

	/* PAE, then EFER.LME|NXE, then paging: long mode. */
	mov %cr4, %eax
	or $0x20, %eax
	mov %eax, %cr4
	mov $PHYS(boot_pml4), %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx
	rdmsr
	or $((1 << 8) | (1 << 11)), %eax
	wrmsr
	mov %cr0, %eax
	or $0x80010001, %eax			/* PG | WP | PE */
	mov %eax, %cr0

	lgdt PHYS(boot_gdt_desc)
	ljmp $0x08, $PHYS(long_entry)

	.code64
long_entry:
	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	movabs $high_entry, %rax
	jmp *%rax

high_entry:
	movabs $boot_stack_top, %rsp
	xor %ebp, %ebp
	mov %esi, %edi				/* start_info phys */
	call start_kernel
3:	hlt
	jmp 3b

	.section .boot.data, "a"
	.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff		/* 64-bit code */
	.quad 0x00cf92000000ffff		/* data */
boot_gdt_desc:
	.word boot_gdt_desc - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .bss
	.align 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pdpt_direct: .skip 4096
boot_pd_direct:	.skip 4096 * 4
	.globl boot_stack_top
boot_stack:	.skip 16384
boot_stack_top:
