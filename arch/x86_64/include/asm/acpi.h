/* The ACPI tables arch code reads (arch/x86_64/acpi.c). */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <tine/cpumask.h>
#include <tine/types.h>

struct acpi_header {
	char sig[4];
	u32 length;
	u8 rev, csum;
	char oem[6], oem_table[8];
	u32 oem_rev, creator, creator_rev;
} __packed;

#define MAX_CPUS NR_CPUS
#define MAX_IOAPICS 4
#define NR_ISA_IRQS 16

/* MPS INTI flags of an interrupt source override. */
#define MPS_POLARITY_MASK 3
#define MPS_POLARITY_LOW 3
#define MPS_TRIGGER_MASK (3 << 2)
#define MPS_TRIGGER_LEVEL (3 << 2)

struct madt_ioapic {
	u8 id;
	u32 phys;			/* register window */
	u32 gsi_base;			/* first global system interrupt */
};

struct madt_info {
	u64 lapic_phys;			/* local APIC registers (xAPIC mode) */
	bool pcat_compat;		/* 8259 PICs present (to be masked) */
	unsigned int nr_cpus;
	u32 cpu_apic_id[MAX_CPUS];	/* usable CPUs, in table order */
	unsigned int nr_ioapics;
	struct madt_ioapic ioapic[MAX_IOAPICS];
	u32 isa_gsi[NR_ISA_IRQS];	/* ISA irq -> GSI */
	u16 isa_flags[NR_ISA_IRQS];	/* MPS INTI flags (0: bus default) */
};

extern struct madt_info madt;
extern phys_addr_t acpi_rsdp;		/* from the boot loader (setup.c) */

const struct acpi_header *acpi_find_table(const char *sig);
bool acpi_parse_madt(void);

#endif
