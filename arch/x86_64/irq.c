/*
 * Device and local-APIC interrupts: set-up at boot (the I/O APIC
 * routes COM1 to the boot CPU; every CPU ticks with its own local APIC
 * timer) and the dispatch of every vector above the exceptions.
 *
 *   IRQ_BASE + n           ISA interrupt n through the I/O APIC (COM1)
 *   PIC_SPURIOUS_BASE ...  the masked 8259s' spurious IRQ 7/15: ignored
 *   LOCAL_TIMER_VECTOR     this CPU's tick
 *   RESCHEDULE_VECTOR      another CPU asks us to reschedule
 *   CALL_FUNCTION_VECTOR   another CPU asks us to run a function
 *   ERROR_APIC_VECTOR, SPURIOUS_APIC_VECTOR
 */
#include <asm/apic.h>
#include <asm/arch.h>
#include <asm/irq.h>
#include <asm/rtc.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <asm/smp.h>
#include <tine/smp.h>
#include <tine/time.h>

/* Boot CPU: interrupt controllers up, COM1 routed to us. */
void irq_init(void)
{
	apic_init();
	this_cpu()->apic_id = apic_id();
	if (ioapic_route_isa_irq(IRQ_COM1, apic_id()))
		pr_warn("irq: COM1 has no I/O APIC pin: no console input\n");
	if (ioapic_route_isa_irq(IRQ_RTC, apic_id()))
		pr_warn("irq: the RTC has no I/O APIC pin: no update interrupts\n");
}

/* This CPU's tick, from now on. */
void timer_init(void)
{
	lapic_timer_start();
}

/* An ISA interrupt routed through the I/O APIC. */
static void do_isa_irq(unsigned int irq)
{
	apic_eoi();
	if (irq == IRQ_COM1)
		serial_irq();
	else if (irq == IRQ_RTC)
		rtc_interrupt();
}

/*
 * do_irq - dispatch vector (>= 32), with interrupts off, on the
 * interrupted context's stack; from_user says the CPU was in user mode
 * (for time accounting). Counts the interrupt for /proc/stat.
 */
void do_irq(unsigned int vector, bool from_user)
{
	this_cpu()->irqs++;
	this_cpu()->irq_count++;
	if (vector >= IRQ_BASE && vector < IRQ_BASE + 16) {
		do_isa_irq(vector - IRQ_BASE);
	} else if (vector == LOCAL_TIMER_VECTOR) {
		apic_eoi();
		timer_interrupt(from_user);
	} else if (vector == RESCHEDULE_VECTOR) {
		apic_eoi();
		smp_reschedule_interrupt();
	} else if (vector == CALL_FUNCTION_VECTOR) {
		apic_eoi();
		smp_call_function_interrupt();
	} else if (vector == ERROR_APIC_VECTOR) {
		apic_eoi();
		apic_error_interrupt();
	}
	/* SPURIOUS_APIC_VECTOR and the PICs' spurious IRQs take no EOI. */
	this_cpu()->irq_count--;
}
