/*
 * The legacy interrupt controllers (two 8259 PICs) and the PIT at HZ.
 * FIXME: the local APIC and its timer, when the second CPU comes.
 */
#include <asm/arch.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <tine/printk.h>
#include <tine/sched.h>

#define PIC1 0x20
#define PIC2 0xa0
#define PIT_HZ 1193182

void serial_irq(void);
void timer_interrupt(bool from_user);

void irq_init(void)
{
	/* ICW1-4: edge, cascade, vectors 32-47, 8086 mode. */
	outb(PIC1, 0x11);
	outb(PIC2, 0x11);
	outb(PIC1 + 1, IRQ_BASE);
	outb(PIC2 + 1, IRQ_BASE + 8);
	outb(PIC1 + 1, 4);
	outb(PIC2 + 1, 2);
	outb(PIC1 + 1, 1);
	outb(PIC2 + 1, 1);
	/* Unmask only the timer, the cascade and COM1. */
	outb(PIC1 + 1, ~((1 << IRQ_TIMER) | (1 << 2) | (1 << IRQ_COM1)));
	outb(PIC2 + 1, 0xff);
}

void timer_init(void)
{
	unsigned int div = PIT_HZ / HZ;

	outb(0x43, 0x34);	/* channel 0, lo/hi, rate generator */
	outb(0x40, div & 0xff);
	outb(0x40, div >> 8);
}

static void eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}

void do_irq(int irq, bool from_user)
{
	/* Spurious IRQ 7/15: the in-service bit is clear; no EOI. */
	if (irq == 7 || irq == 15) {
		outb(irq == 7 ? PIC1 : PIC2, 0x0b);
		if (!(inb(irq == 7 ? PIC1 : PIC2) & 0x80))
			return;
	}
	eoi(irq);
	switch (irq) {
	case IRQ_TIMER:
		timer_interrupt(from_user);
		break;
	case IRQ_COM1:
		serial_irq();
		break;
	}
}
