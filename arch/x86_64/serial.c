/*
 * The 8250/16550 UART on COM1: polled output, interrupt-driven input
 * (IRQ 4) handed to the tty layer.
 */
#include <asm/io.h>
#include <asm/arch.h>
#include <tine/tty.h>

#define COM1 0x3f8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_DR 0x01
#define LSR_THRE 0x20

/*
 * serial_init - COM1 at 115200 8N1 with FIFOs, interrupts off until
 * serial_enable_irq(). Boot, first thing.
 */
void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);		/* DLAB: set divisor */
	outb(COM1 + UART_DATA, 0x01);		/* 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03);		/* 8N1 */
	outb(COM1 + UART_FCR, 0xc7);		/* FIFO on, cleared */
	outb(COM1 + UART_MCR, 0x0b);		/* DTR, RTS, OUT2 (irq gate) */
}

/* Enable the receive interrupt once the irq controller is set up. */
void serial_enable_irq(void)
{
	outb(COM1 + UART_IER, 0x01);
}

/*
 * serial_putc - write one byte, waiting for room (polled). Any context;
 * console_lock (kernel/printk.c) serialises writers.
 */
void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_DATA, c);
}

/* IRQ 4: drain the receive FIFO into the console tty. */
void serial_irq(void)
{
	while (inb(COM1 + UART_LSR) & LSR_DR)
		tty_receive_char(inb(COM1 + UART_DATA));
}
