/*
 * Symbols the linker script (arch/x86_64/linker.ld) or the assembly
 * files define: declared once here, never by hand in a .c file.
 */
#ifndef ASM_SECTIONS_H
#define ASM_SECTIONS_H

/* boot.S: the boot CPU's first stack and page tables */
extern char boot_stack_top[];
extern char boot_pml4[];

/* trampoline.S: the real-mode code an AP starts in, copied below 1 MiB,
 * with the parameters the boot CPU fills in; then its 64-bit entry */
extern char trampoline_start[], trampoline_end[], trampoline_params[];
extern char secondary_startup_64[];

/* entry.S: the syscall entry (MSR_LSTAR), the interrupt stubs (16 bytes
 * apart, one per vector) */
extern char entry_SYSCALL_64[];
extern char interrupt_stubs[];

/* vdso_image.S: the vDSO's ELF image, mapped into every process */
extern const char vdso_image_start[], vdso_image_end[];

#endif
