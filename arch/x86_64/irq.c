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
#include <tine/seq_buf.h>
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
	if (irq == IRQ_COM1) {
		inc_irq_stat(IRQ_STAT_COM1);
		serial_irq();
	} else if (irq == IRQ_RTC) {
		inc_irq_stat(IRQ_STAT_RTC);
		rtc_interrupt();
	}
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
		inc_irq_stat(IRQ_STAT_LOC);
		timer_interrupt(from_user);
	} else if (vector == RESCHEDULE_VECTOR) {
		apic_eoi();
		inc_irq_stat(IRQ_STAT_RES);
		smp_reschedule_interrupt();
	} else if (vector == CALL_FUNCTION_VECTOR) {
		apic_eoi();
		inc_irq_stat(IRQ_STAT_CAL);
		smp_call_function_interrupt();
	} else if (vector == ERROR_APIC_VECTOR) {
		apic_eoi();
		inc_irq_stat(IRQ_STAT_ERR);
		apic_error_interrupt();
	} else {
		inc_irq_stat(IRQ_STAT_SPU);
	}
	/* SPURIOUS_APIC_VECTOR and the PICs' spurious IRQs take no EOI. */
	this_cpu()->irq_count--;
}

_Static_assert(NR_IRQ_STATS == ARRAY_SIZE(((struct percpu *)0)->irq_stats),
	       "struct percpu's irq_stats has a count for each kind");

/* One row: label (right-aligned as the irq numbers), then per CPU. */
static void show_row(struct seq_buf *m, const char *label, int kind)
{
	unsigned int cpu;

	seq_printf(m, "%3s: ", label);
	for_each_online_cpu(cpu)
		seq_printf(m, "%10u ", kind < 0 ? 0 :
			   READ_ONCE(per_cpu_ptr(cpu)->irq_stats[kind]));
}

/*
 * show_interrupts - see asm/irq.h. The ISA lines tine routes (ttyS0,
 * rtc0: IO-APIC pins, edge), then Linux's x86 rows in its order; the
 * events tine never has (performance, thermal, machine check, KVM
 * posted interrupts...) count 0, as they would on Linux without them.
 */
int show_interrupts(struct seq_buf *m)
{
	static const struct { const char *label, *what; int kind; } rows[] = {
		{ "NMI", "Non-maskable interrupts", IRQ_STAT_NMI },
		{ "LOC", "Local timer interrupts", IRQ_STAT_LOC },
		{ "SPU", "Spurious interrupts", IRQ_STAT_SPU },
		{ "PMI", "Performance monitoring interrupts", -1 },
		{ "IWI", "IRQ work interrupts", -1 },
		{ "RTR", "APIC ICR read retries", -1 },
		{ "RES", "Rescheduling interrupts", IRQ_STAT_RES },
		{ "CAL", "Function call interrupts", IRQ_STAT_CAL },
		{ "TLB", "TLB shootdowns", IRQ_STAT_TLB },
		{ "TRM", "Thermal event interrupts", -1 },
		{ "THR", "Threshold APIC interrupts", -1 },
		{ "DFR", "Deferred Error APIC interrupts", -1 },
		{ "MCE", "Machine check exceptions", -1 },
		{ "MCP", "Machine check polls", -1 },
	};
	static const struct { int irq, kind; const char *name; } isa[] = {
		{ IRQ_COM1, IRQ_STAT_COM1, "ttyS0" },
		{ IRQ_RTC, IRQ_STAT_RTC, "rtc0" },
	};
	unsigned int cpu;
	u64 err = 0;

	seq_printf(m, "%11s", "");
	for_each_online_cpu(cpu)
		seq_printf(m, "CPU%-8u", cpu);
	seq_putc(m, '\n');
	for (unsigned int i = 0; i < ARRAY_SIZE(isa); i++) {
		char label[8];

		snprintf(label, sizeof(label), "%d", isa[i].irq);
		show_row(m, label, isa[i].kind);
		seq_printf(m, " %8s %3d-%-8s  %s\n", "IO-APIC", isa[i].irq,
			   "edge", isa[i].name);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(rows); i++) {
		show_row(m, rows[i].label, rows[i].kind);
		seq_printf(m, "  %s\n", rows[i].what);
	}
	for_each_online_cpu(cpu)
		err += READ_ONCE(per_cpu_ptr(cpu)->irq_stats[IRQ_STAT_ERR]);
	seq_printf(m, "%3s: %10llu\n%3s: %10u\n", "ERR",
		   (unsigned long long)err, "MIS", 0);
	show_row(m, "PIN", -1);
	seq_puts(m, "  Posted-interrupt notification event\n");
	show_row(m, "NPI", -1);
	seq_puts(m, "  Nested posted-interrupt event\n");
	show_row(m, "PIW", -1);
	seq_puts(m, "  Posted-interrupt wakeup event\n");
	return 0;
}
