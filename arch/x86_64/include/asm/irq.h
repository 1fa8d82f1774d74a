/* Legacy 8259 PIC interrupts, remapped above the exceptions. */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <asm/ptrace.h>

#define IRQ_BASE 32
#define IRQ_TIMER 0
#define IRQ_COM1 4

void do_irq(int irq, bool from_user);
void irqentry_exit_to_user_mode(struct pt_regs *regs);

#endif
