/*
 * Reading what the boot loader (QEMU's PVH loader) handed us: the
 * memory map, the command line and the initrd module.
 */
#include <asm/arch.h>
#include <asm/page.h>
#include <tine/memblock.h>
#include <tine/printk.h>
#include <tine/string.h>

#define HVM_START_MAGIC 0x336ec578
#define E820_RAM 1

struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_entry {
	u64 addr;
	u64 size;
	u32 type;
	u32 reserved;
};

const char *boot_cmdline = "";
static char cmdline_buf[2048];
phys_addr_t initrd_start, initrd_size;
phys_addr_t acpi_rsdp;

/*
 * Record RAM and reservations from the start_info at physical address
 * pa. The boot page tables map the first 4 GiB at PAGE_OFFSET.
 */
void setup_arch(phys_addr_t pa)
{
	const struct hvm_start_info *si = __va(pa);
	const struct hvm_memmap_entry *mm;

	if (si->magic != HVM_START_MAGIC)
		panic("bad PVH start_info magic %x", si->magic);
	if (si->cmdline_paddr) {
		strlcpy(cmdline_buf, __va(si->cmdline_paddr),
			sizeof(cmdline_buf));
		boot_cmdline = cmdline_buf;
	}
	acpi_rsdp = si->rsdp_paddr;
	if (si->version < 1 || !si->memmap_entries)
		panic("no memory map from the boot loader");
	mm = __va(si->memmap_paddr);
	for (u32 i = 0; i < si->memmap_entries; i++)
		if (mm[i].type == E820_RAM)
			memblock_add(mm[i].addr, mm[i].size);
	/* Low memory holds firmware data and the start_info itself. */
	memblock_reserve(0, 0x100000);
	memblock_reserve(__pa(_kernel_start), _kernel_end - _kernel_start);
	if (si->nr_modules) {
		const struct hvm_modlist_entry *m = __va(si->modlist_paddr);

		initrd_start = m->paddr;
		initrd_size = m->size;
		memblock_reserve(initrd_start, initrd_size);
	}
}
