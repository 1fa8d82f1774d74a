/*
 * The few ACPI tables tine reads: the RSDP QEMU's PVH loader hands over
 * points at the RSDT (or, from ACPI 2.0, the XSDT); from there the FADT
 * (power off, arch/x86_64/power.c) and the MADT, which lists the CPUs
 * (their local APIC ids), the I/O APICs and how the ISA interrupts are
 * wired to them (interrupt source overrides).
 *
 * Everything here runs once, on the boot CPU, before any other CPU is
 * started; the results are read-only afterwards.
 */
#include <asm/acpi.h>
#include <asm/page.h>
#include <tine/printk.h>
#include <tine/string.h>

struct madt_info madt;			/* [boot] what the MADT said */

/* MADT record types (ACPI 6.4, 5.2.12). */
#define MADT_LAPIC 0
#define MADT_IOAPIC 1
#define MADT_ISO 2
#define MADT_LAPIC_ADDR 5
#define MADT_X2APIC 9
#define MADT_ENABLED 1			/* processor enabled */
#define MADT_ONLINE_CAPABLE 2		/* may be enabled later */

static bool checksum_ok(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum == 0;
}

/*
 * acpi_find_table - the ACPI table with signature sig (4 characters),
 * or NULL. Uses the XSDT when the RSDP has one, else the RSDT. Tables
 * are read through the direct map. Boot only.
 */
const struct acpi_header *acpi_find_table(const char *sig)
{
	const u8 *rsdp = __va(acpi_rsdp);
	const struct acpi_header *sdt;
	bool xsdt;
	int n;

	if (!acpi_rsdp || memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20))
		return NULL;
	xsdt = rsdp[15] >= 2 && *(const u64 *)(rsdp + 24);
	sdt = __va(xsdt ? *(const u64 *)(rsdp + 24) : *(const u32 *)(rsdp + 16));
	n = (sdt->length - sizeof(*sdt)) / (xsdt ? 8 : 4);
	for (int i = 0; i < n; i++) {
		const void *e = (const u8 *)(sdt + 1) + i * (xsdt ? 8 : 4);
		phys_addr_t pa = xsdt ? *(const u64 *)e : *(const u32 *)e;
		const struct acpi_header *t = __va(pa);

		if (!memcmp(t->sig, sig, 4) && checksum_ok(t, t->length))
			return t;
	}
	return NULL;
}

static void add_cpu(u32 apic_id, u32 flags)
{
	if (!(flags & (MADT_ENABLED | MADT_ONLINE_CAPABLE)))
		return;
	if (madt.nr_cpus >= MAX_CPUS) {
		pr_warn("acpi: CPU with APIC id %u ignored (at most %d)\n",
			apic_id, MAX_CPUS);
		return;
	}
	madt.cpu_apic_id[madt.nr_cpus++] = apic_id;
}

static void add_ioapic(const u8 *r)
{
	struct madt_ioapic *io;

	if (madt.nr_ioapics >= MAX_IOAPICS)
		return;
	io = &madt.ioapic[madt.nr_ioapics++];
	io->id = r[2];
	io->phys = *(const u32 *)(r + 4);
	io->gsi_base = *(const u32 *)(r + 8);
}

static void add_override(const u8 *r)
{
	u8 irq = r[3];

	if (r[2] != 0 || irq >= NR_ISA_IRQS)	/* bus 0 is ISA */
		return;
	madt.isa_gsi[irq] = *(const u32 *)(r + 4);
	madt.isa_flags[irq] = *(const u16 *)(r + 8);
}

static void parse_record(const u8 *r)
{
	switch (r[0]) {
	case MADT_LAPIC:
		add_cpu(r[3], *(const u32 *)(r + 4));
		break;
	case MADT_X2APIC:
		add_cpu(*(const u32 *)(r + 4), *(const u32 *)(r + 8));
		break;
	case MADT_IOAPIC:
		add_ioapic(r);
		break;
	case MADT_ISO:
		add_override(r);
		break;
	case MADT_LAPIC_ADDR:
		madt.lapic_phys = *(const u64 *)(r + 4);
		break;
	}
}

/*
 * acpi_parse_madt - fill madt from the MADT: the local APIC address, one
 * entry per usable CPU (in table order: the first is the boot CPU on
 * every firmware we know, but apic.c checks), the I/O APICs and the ISA
 * interrupt wiring. Returns false if there is no MADT. Boot only.
 */
bool acpi_parse_madt(void)
{
	const struct acpi_header *t = acpi_find_table("APIC");
	const u8 *p, *end;

	for (int i = 0; i < NR_ISA_IRQS; i++) {
		madt.isa_gsi[i] = i;		/* identity unless overridden */
		madt.isa_flags[i] = 0;
	}
	if (!t)
		return false;
	madt.lapic_phys = *(const u32 *)((const u8 *)t + 36);
	madt.pcat_compat = *(const u32 *)((const u8 *)t + 40) & 1;
	p = (const u8 *)t + 44;
	end = (const u8 *)t + t->length;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		parse_record(p);
		p += p[1];
	}
	return true;
}
