/*
 * Interrupt controllers: each CPU's local APIC (its timer, its
 * inter-processor interrupts, end of interrupt) and the I/O APIC that
 * routes the ISA interrupts (COM1) to the boot CPU. The two 8259 PICs
 * of the PC are remapped out of the way and masked at boot; the PIT
 * only serves to calibrate the TSC (kernel/time.c), which calibrates
 * the local APIC timer.
 *
 * The local APIC is driven in x2APIC mode (MSRs) when the CPU has it,
 * else in xAPIC mode (registers in an uncached page at madt.lapic_phys);
 * apic_read/apic_write hide the difference.
 *
 * The timer is one-shot: kernel/time.c asks for the next interrupt at
 * an absolute CLOCK_MONOTONIC time (the next tick or the next hrtimer,
 * whichever comes first). With TSC-deadline mode (CPUID) that time is
 * written as a TSC value and the timer needs no calibration; else the
 * timer counts down from a count calibrated against the TSC at boot.
 *
 * Locks: none. Each CPU programs only its own local APIC; the I/O APIC
 * is set up on the boot CPU before the others start. Sending an IPI
 * touches only the sender's own APIC (with interrupts off around the
 * two-register xAPIC ICR write).
 */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/arch.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/time.h>

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_BASE_X2APIC (1UL << 10)
#define MSR_X2APIC_BASE 0x800

/* Register offsets (xAPIC; x2APIC MSR = 0x800 + offset / 16). */
#define APIC_ID 0x20
#define APIC_TPR 0x80
#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_ESR 0x280
#define APIC_ICR 0x300
#define APIC_ICR2 0x310
#define APIC_LVTT 0x320
#define APIC_LVT0 0x350
#define APIC_LVT1 0x360
#define APIC_LVTERR 0x370
#define APIC_TMICT 0x380
#define APIC_TMCCT 0x390
#define APIC_TDCR 0x3e0

#define SVR_ENABLE (1 << 8)
#define LVT_MASKED (1 << 16)
#define LVT_PERIODIC (1 << 17)
#define LVT_TSC_DEADLINE (2 << 17)
#define MSR_IA32_TSC_DEADLINE 0x6e0
#define LVT_NMI (4 << 8)
#define ICR_PENDING (1 << 12)
#define ICR_FIXED 0
#define ICR_NMI (4 << 8)
#define ICR_INIT (5 << 8)
#define ICR_STARTUP (6 << 8)
#define ICR_ASSERT (1 << 14)
#define ICR_LEVEL (1 << 15)
#define TDCR_DIV_16 3

/* I/O APIC: an index register and a data window. */
#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_VER 0x01
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))
#define RTE_LEVEL (1 << 15)
#define RTE_LOW (1 << 13)
#define RTE_MASKED (1 << 16)

#define PIC1 0x20
#define PIC2 0xa0

bool x2apic_mode;			/* [boot] */
static volatile u32 *lapic;		/* [boot] xAPIC registers */
static u32 lapic_ticks_per_jiffy;	/* [boot] timer count for 1/HZ s */
static bool tsc_deadline_mode;		/* [boot] the timer takes TSC values */
static bool timer_mode_known;		/* [boot] the two above are set */

static u32 apic_read(u32 reg)
{
	if (x2apic_mode)
		return rdmsr(MSR_X2APIC_BASE + (reg >> 4));
	return lapic[reg / 4];
}

static void apic_write(u32 reg, u32 v)
{
	if (x2apic_mode)
		wrmsr(MSR_X2APIC_BASE + (reg >> 4), v);
	else
		lapic[reg / 4] = v;
}

/* This CPU's local APIC id. */
u32 apic_id(void)
{
	if (x2apic_mode)
		return rdmsr(MSR_X2APIC_BASE + (APIC_ID >> 4));
	return lapic[APIC_ID / 4] >> 24;
}

/* Signal end of interrupt to this CPU's local APIC. */
void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/*
 * Write the interrupt command register: deliver low (vector, delivery
 * mode) to the CPU with APIC id dest. Interrupts off: the xAPIC ICR is
 * two registers, and an interrupt handler sending its own IPI between
 * the two writes would send ours to its destination.
 */
static void apic_icr_write(u32 low, u32 dest)
{
	unsigned long f = local_irq_save();

	if (x2apic_mode) {
		/* WRMSR to the ICR is not ordered with earlier stores. */
		__asm__ volatile("mfence" ::: "memory");
		wrmsr(MSR_X2APIC_BASE + (APIC_ICR >> 4), (u64)dest << 32 | low);
	} else {
		while (lapic[APIC_ICR / 4] & ICR_PENDING)
			cpu_relax();
		lapic[APIC_ICR2 / 4] = dest << 24;
		lapic[APIC_ICR / 4] = low;
	}
	local_irq_restore(f);
}

void apic_send_ipi(u32 dest, unsigned int vector)
{
	apic_icr_write(ICR_FIXED | vector, dest);
}

void apic_send_nmi(u32 dest)
{
	apic_icr_write(ICR_NMI, dest);
}

/* INIT, then two STARTUPs at the 4 KiB page start_page: the universal
 * startup algorithm of the Intel SDM (vol. 3, 8.4.4.1). */
void apic_send_init_sipi(u32 dest, unsigned long start_page)
{
	apic_icr_write(ICR_INIT | ICR_ASSERT | ICR_LEVEL, dest);
	udelay(10000);
	for (int i = 0; i < 2; i++) {
		apic_icr_write(ICR_STARTUP | (start_page & 0xff), dest);
		udelay(200);
	}
}

static bool cpu_has_x2apic(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & (1 << 21);
}

/*
 * lapic_setup - enable and program this CPU's local APIC: spurious
 * vector, no task priority, LINT0 masked (the PICs are not used),
 * LINT1 as NMI, errors to ERROR_APIC_VECTOR. Every CPU, interrupts off.
 */
void lapic_setup(void)
{
	u64 base = rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE;

	if (x2apic_mode)
		base |= APIC_BASE_X2APIC;
	/* xAPIC -> x2APIC is one write with both bits (SDM 10.12.5). */
	wrmsr(MSR_APIC_BASE, base);
	apic_write(APIC_TPR, 0);
	apic_write(APIC_LVT0, LVT_MASKED);
	apic_write(APIC_LVT1, LVT_NMI);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_LVTT, LVT_MASKED);
	apic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	apic_eoi();
}

/* Move the PICs' vectors above the exceptions (a spurious IRQ 7 or 15
 * can still arrive), then mask every line. */
static void disable_pic(void)
{
	outb(PIC1, 0x11);
	outb(PIC2, 0x11);
	outb(PIC1 + 1, PIC_SPURIOUS_BASE);
	outb(PIC2 + 1, PIC_SPURIOUS_BASE + 8);
	outb(PIC1 + 1, 4);
	outb(PIC2 + 1, 2);
	outb(PIC1 + 1, 1);
	outb(PIC2 + 1, 1);
	outb(PIC1 + 1, 0xff);
	outb(PIC2 + 1, 0xff);
}

static u32 ioapic_read(volatile u32 *io, u32 reg)
{
	io[IOREGSEL / 4] = reg;
	return io[IOWIN / 4];
}

static void ioapic_write(volatile u32 *io, u32 reg, u32 v)
{
	io[IOREGSEL / 4] = reg;
	io[IOWIN / 4] = v;
}

/* The I/O APIC serving global system interrupt gsi, or NULL. */
static const struct madt_ioapic *ioapic_for(u32 gsi, unsigned int *pin)
{
	for (unsigned int i = 0; i < madt.nr_ioapics; i++) {
		const struct madt_ioapic *io = &madt.ioapic[i];
		volatile u32 *regs = ioremap_nocache(io->phys, PAGE_SIZE);
		u32 n = ((ioapic_read(regs, IOAPIC_VER) >> 16) & 0xff) + 1;

		if (gsi >= io->gsi_base && gsi < io->gsi_base + n) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

/* Mask every pin of every I/O APIC. */
static void ioapic_mask_all(void)
{
	for (unsigned int i = 0; i < madt.nr_ioapics; i++) {
		volatile u32 *regs = ioremap_nocache(madt.ioapic[i].phys,
						     PAGE_SIZE);
		u32 n = ((ioapic_read(regs, IOAPIC_VER) >> 16) & 0xff) + 1;

		for (u32 pin = 0; pin < n; pin++) {
			ioapic_write(regs, IOAPIC_REDTBL(pin) + 1, 0);
			ioapic_write(regs, IOAPIC_REDTBL(pin), RTE_MASKED);
		}
	}
}

/*
 * ioapic_route_isa_irq - deliver ISA interrupt irq (through its
 * interrupt source override, if the MADT has one) as vector
 * IRQ_BASE + irq to the CPU with APIC id dest. ISA interrupts are edge
 * triggered, active high, unless the override says otherwise.
 * Returns 0, or -1 if no I/O APIC serves it. Boot CPU, boot only.
 */
int ioapic_route_isa_irq(unsigned int irq, u32 dest)
{
	u32 gsi = madt.isa_gsi[irq], flags = madt.isa_flags[irq];
	const struct madt_ioapic *io;
	volatile u32 *regs;
	unsigned int pin;
	u32 low = IRQ_BASE + irq;

	io = ioapic_for(gsi, &pin);
	if (!io)
		return -1;
	if ((flags & MPS_POLARITY_MASK) == MPS_POLARITY_LOW)
		low |= RTE_LOW;
	if ((flags & MPS_TRIGGER_MASK) == MPS_TRIGGER_LEVEL)
		low |= RTE_LEVEL;
	regs = ioremap_nocache(io->phys, PAGE_SIZE);
	ioapic_write(regs, IOAPIC_REDTBL(pin) + 1, dest << 24);
	ioapic_write(regs, IOAPIC_REDTBL(pin), low);
	return 0;
}

/*
 * apic_init - the boot CPU's interrupt set-up: read the MADT, retire
 * the PICs, enable this CPU's local APIC and mask every I/O APIC pin
 * (drivers route theirs with ioapic_route_isa_irq). Interrupts off.
 */
void apic_init(void)
{
	if (!acpi_parse_madt() || !madt.nr_ioapics)
		panic("no ACPI MADT with an I/O APIC: tine needs one");
	x2apic_mode = cpu_has_x2apic();
	if (!x2apic_mode)
		lapic = ioremap_nocache(madt.lapic_phys, PAGE_SIZE);
	disable_pic();
	lapic_setup();
	ioapic_mask_all();
	pr_info("apic: %s mode, %u CPU(s), %u I/O APIC(s)\n",
		x2apic_mode ? "x2APIC" : "xAPIC", madt.nr_cpus,
		madt.nr_ioapics);
}

/*
 * lapic_timer_calibrate - count the local APIC timer (divided by 16)
 * across 10 ms of the TSC (already calibrated against the PIT), to
 * know the count for one tick. Boot CPU, once.
 */
static void lapic_timer_calibrate(void)
{
	u32 left;

	apic_write(APIC_TDCR, TDCR_DIV_16);
	apic_write(APIC_LVTT, LVT_MASKED);
	apic_write(APIC_TMICT, 0xffffffff);
	udelay(10000);
	left = apic_read(APIC_TMCCT);
	apic_write(APIC_TMICT, 0);
	/* Counted over 10 ms; one tick is 1000 / HZ ms. */
	lapic_ticks_per_jiffy = (u32)((u64)(0xffffffffU - left) * 100 / HZ);
	if (!lapic_ticks_per_jiffy)
		lapic_ticks_per_jiffy = 1;
	pr_info("apic: timer counts %u per tick\n", lapic_ticks_per_jiffy);
}

static bool cpu_has_tsc_deadline(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & (1 << 24);
}

/*
 * lapic_timer_start - this CPU's timer: one-shot (TSC-deadline mode
 * where the CPU has it), interrupting on LOCAL_TIMER_VECTOR; the first
 * interrupt comes at once and kernel/time.c programs the next ones.
 * Every CPU, interrupts off.
 */
void lapic_timer_start(void)
{
	if (!timer_mode_known) {		/* the boot CPU, first */
		timer_mode_known = true;
		tsc_deadline_mode = cpu_has_tsc_deadline();
		if (!tsc_deadline_mode)
			lapic_timer_calibrate();
		pr_info("apic: one-shot timer, %s\n", tsc_deadline_mode ?
			"TSC deadline" : "counted down");
	}
	if (tsc_deadline_mode) {
		apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | LVT_TSC_DEADLINE);
		/* The SDM: the mode change must be seen before the MSR. */
		__asm__ volatile("mfence" ::: "memory");
	} else {
		apic_write(APIC_TDCR, TDCR_DIV_16);
		apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR);
	}
	lapic_next_event(0);
}

/*
 * lapic_next_event - this CPU's next timer interrupt at CLOCK_MONOTONIC
 * time expires (ns; already past: at once). Replaces the one
 * programmed. Interrupts off.
 */
void lapic_next_event(u64 expires)
{
	u64 now, count;

	if (tsc_deadline_mode) {
		wrmsr(MSR_IA32_TSC_DEADLINE, ns_to_tsc(expires));
		return;
	}
	now = ktime_get_ns();
	/* Rounded up: an interrupt early by a count would find nothing
	 * due and come again at once. */
	count = expires > now ? (MIN(expires - now, NSEC_PER_SEC) *
				 lapic_ticks_per_jiffy +
				 NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ) :
				1;
	apic_write(APIC_TMICT, (u32)MIN(MAX(count, 1), 0xffffffffULL));
}

/* The local APIC reported an error: read (and clear) its status. */
void apic_error_interrupt(void)
{
	u32 esr;

	apic_write(APIC_ESR, 0);
	esr = apic_read(APIC_ESR);
	pr_err("apic: error on CPU %u: ESR %x\n", smp_processor_id_raw(),
	       esr);
}
