/*
 * Local APIC and I/O APIC (arch/x86_64/apic.c): what the rest of arch
 * code needs to start CPUs, send inter-processor interrupts and tick.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <tine/types.h>

extern bool x2apic_mode;

void apic_init(void);
void lapic_setup(void);
void lapic_timer_start(void);
/* The next timer interrupt of this CPU at CLOCK_MONOTONIC ns expires
 * (past: at once). Interrupts off. */
void lapic_next_event(u64 expires);
u32 apic_id(void);
void apic_eoi(void);
/* Fixed interrupt vector to the CPU with APIC id dest. Any context. */
void apic_send_ipi(u32 dest, unsigned int vector);
/* An NMI to the CPU with APIC id dest (panic stops CPUs with it). */
void apic_send_nmi(u32 dest);
/* INIT-SIPI-SIPI: start CPU dest at real-mode page start_page. Sleeps
 * about 10 ms (busy-waits). Boot CPU only. */
void apic_send_init_sipi(u32 dest, unsigned long start_page);
int ioapic_route_isa_irq(unsigned int irq, u32 dest);
void apic_error_interrupt(void);

#endif
