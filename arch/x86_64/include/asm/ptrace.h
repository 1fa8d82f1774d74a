/*
 * Registers saved on kernel entry, in the order of Linux's struct pt_regs
 * (and so of the first 21 words of user_regs_struct that ptrace copies).
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_R15 0
#define PT_R14 8
#define PT_R13 16
#define PT_R12 24
#define PT_RBP 32
#define PT_RBX 40
#define PT_R11 48
#define PT_R10 56
#define PT_R9 64
#define PT_R8 72
#define PT_RAX 80
#define PT_RCX 88
#define PT_RDX 96
#define PT_RSI 104
#define PT_RDI 112
#define PT_ORIG_RAX 120
#define PT_RIP 128
#define PT_CS 136
#define PT_FLAGS 144
#define PT_RSP 152
#define PT_SS 160
#define PT_SIZE 168

#define __KERNEL_CS 0x10
#define __KERNEL_DS 0x18
#define __USER32_CS 0x23
#define __USER_DS 0x2b
#define __USER_CS 0x33
#define GDT_TSS 8		/* TSS descriptor index (selector 0x40) */
#define GDT_CPUNODE 15		/* selector 0x7b: the CPU's number (getcpu) */

#ifndef __ASSEMBLER__
#include <tine/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di;
	unsigned long orig_ax;	/* syscall number, or -1 for traps/irqs */
	unsigned long ip, cs, flags, sp, ss;
};

static inline bool user_mode(const struct pt_regs *r)
{
	return (r->cs & 3) == 3;
}
#endif

#endif
