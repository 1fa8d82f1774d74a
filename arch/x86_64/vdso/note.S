/*
 * The vDSO's ELF note: the kernel version (6.1.0) as Linux's vDSO
 * carries it ("Linux", type 0, LINUX_VERSION_CODE), which glibc reads
 * instead of asking uname().
 */
	.section .note.Linux, "a", @note
	.balign 4
	.long 2f - 1f		/* name size */
	.long 4f - 3f		/* descriptor size */
	.long 0			/* type */
1:	.asciz "Linux"
2:	.balign 4
3:	.long 0x060100		/* KERNEL_VERSION(6, 1, 0) */
4:	.balign 4
	.section .note.GNU-stack, "", @progbits
