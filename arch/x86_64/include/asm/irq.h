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

/* What /proc/interrupts counts per CPU (struct percpu.irq_stats). */
enum irq_stat {
	IRQ_STAT_COM1,			/* ISA irq 4: ttyS0 */
	IRQ_STAT_RTC,			/* ISA irq 8: rtc0 */
	IRQ_STAT_NMI,
	IRQ_STAT_LOC,			/* local APIC timer */
	IRQ_STAT_SPU,			/* spurious */
	IRQ_STAT_RES,			/* rescheduling IPIs */
	IRQ_STAT_CAL,			/* function call IPIs */
	IRQ_STAT_TLB,			/* TLB shootdowns (among CAL) */
	IRQ_STAT_ERR,			/* APIC errors */
	NR_IRQ_STATS
};

/* Count one event of kind on this CPU (interrupts off). */
#define inc_irq_stat(kind) (this_cpu()->irq_stats[kind]++)

struct seq_buf;
/* /proc/interrupts, as Linux's x86 lays it out. */
int show_interrupts(struct seq_buf *m);

void do_irq(unsigned int vector, bool from_user);
void irqentry_exit_to_user_mode(struct pt_regs *regs);

#endif
