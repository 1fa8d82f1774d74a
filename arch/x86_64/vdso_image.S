/*
 * The vDSO image (mk/vdso.mk builds it), page-aligned in the kernel's
 * read-only data: arch/x86_64/vdso.c maps these pages into every
 * process as [vdso].
 */
	.section .rodata, "a"
	.balign 4096
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin VDSO_SO
vdso_image_end:
	.balign 4096
	.section .note.GNU-stack, "", @progbits
