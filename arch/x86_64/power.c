/*
 * Power off and reboot. Power off uses ACPI: the FADT gives the PM1a
 * control port, the DSDT's \_S5 package the sleep type to write there.
 * Only the few bytes of AML around _S5_ are read, as every small kernel
 * does; QEMU's i440fx and q35 machines both describe S5 this way.
 */
#include <asm/acpi.h>
#include <asm/arch.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <tine/time.h>

/* SLP_TYPa from the \_S5 package, or -1. */
static int s5_sleep_type(const struct acpi_header *dsdt)
{
	const u8 *p = (const u8 *)dsdt, *end = p + dsdt->length;

	for (; p + 8 < end; p++) {
		if (memcmp(p, "_S5_", 4) || p[4] != 0x12)	/* PackageOp */
			continue;
		p += 5;
		p += ((*p >> 6) & 3) + 1;	/* PkgLength */
		p++;				/* NumElements */
		if (*p == 0x0a)			/* BytePrefix */
			return p[1];
		return *p == 0x01 ? 1 : 0;	/* OneOp / ZeroOp */
	}
	return -1;
}

/*
 * arch_power_off - ACPI S5 through the FADT's PM1a (QEMU's fixed ports
 * as fallbacks); halts if the machine stays on. Irqs off; never returns.
 */
void arch_power_off(void)
{
	const struct acpi_header *fadt = acpi_find_table("FACP");

	local_irq_disable();
	if (fadt) {
		u32 pm1a = *(const u32 *)((const u8 *)fadt + 64);
		const struct acpi_header *dsdt =
			__va(*(const u32 *)((const u8 *)fadt + 40));
		int typ = s5_sleep_type(dsdt);

		if (pm1a && typ >= 0)
			outw(pm1a, (typ << 10) | (1 << 13));
		/* The machine goes off a moment later (QEMU's other CPUs
		 * may still run): give it time before calling it a failure. */
		udelay(100000);
	}
	/* Fallbacks: QEMU q35/piix4 PM1a at 0x604; Bochs/old QEMU. */
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	pr_emerg("power off failed (rsdp %lx, fadt %p): halting\n",
	       (unsigned long)acpi_rsdp, fadt);
	for (;;)
		halt();
}

/*
 * arch_reboot - reset through the keyboard controller, else a triple
 * fault (an empty IDT). Irqs off; never returns.
 */
void arch_reboot(void)
{
	local_irq_disable();
	for (int i = 0; i < 1000 && (inb(0x64) & 2); i++)
		;
	outb(0x64, 0xfe);		/* keyboard controller reset line */
	__asm__ volatile("lidt (%0); int3" ::"r"(&(u64[2]){ 0, 0 }));
	for (;;)
		halt();
}
