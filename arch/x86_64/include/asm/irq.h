/*
 * Interrupt vectors above the exceptions (arch/x86_64/irq.c dispatches
 * them). ISA interrupts come through the I/O APIC at IRQ_BASE + irq;
 * the local APIC's own vectors sit at the top, as in Linux.
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <asm/ptrace.h>

#define IRQ_BASE 0x20			/* ISA irq n: IRQ_BASE + n */
#define IRQ_TIMER 0
#define IRQ_COM1 4
#define IRQ_RTC 8
#define PIC_SPURIOUS_BASE 0x30		/* the masked 8259s (16 vectors) */
#define LOCAL_TIMER_VECTOR 0xec
#define CALL_FUNCTION_VECTOR 0xfb
#define RESCHEDULE_VECTOR 0xfd
#define ERROR_APIC_VECTOR 0xfe
#define SPURIOUS_APIC_VECTOR 0xff

void do_irq(unsigned int vector, bool from_user);
void irqentry_exit_to_user_mode(struct pt_regs *regs);

#endif
