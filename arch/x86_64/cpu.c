/*
 * CPU set-up, for the boot CPU and each application processor alike:
 * its own GDT (with its own TSS: the kernel stack for entries from user
 * mode and the interrupt stacks), its per-CPU area behind GS, the
 * syscall MSRs, and the features we turn on (NX, SMEP, SMAP, SSE).
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/sections.h>
#include <asm/smpboot.h>
#include <asm/switch_to.h>
#include <tine/cpumask.h>
#include <tine/lockdep.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

#define GDT_ENTRIES 16
#define IST_STACK_SIZE 4096
#define IST_DF 1			/* double fault */
#define IST_NMI 2

/* What each CPU has of its own besides struct percpu (percpu->arch). */
struct cpu_arch {
	u64 gdt[GDT_ENTRIES];
	struct tss tss __aligned(16);
	u8 df_stack[IST_STACK_SIZE] __aligned(16);
	u8 nmi_stack[IST_STACK_SIZE] __aligned(16);
	struct cpuinfo_x86 info;	/* what CPUID says (cpuinfo.c) */
};

/* Selectors match Linux's, so user-visible cs/ss values are the same. */
static const u64 gdt_template[GDT_ENTRIES] = {
	0,
	0x00cf9a000000ffff,	/* 0x08 kernel code 32 (unused) */
	0x00af9a000000ffff,	/* 0x10 kernel code 64 */
	0x00cf92000000ffff,	/* 0x18 kernel data */
	0x00cffa000000ffff,	/* 0x23 user code 32 */
	0x00cff2000000ffff,	/* 0x2b user data */
	0x00affa000000ffff,	/* 0x33 user code 64 */
	0,
	0, 0,			/* 0x40 TSS (16 bytes) */
	0, 0, 0, 0, 0,
	0,			/* 0x7b CPU number: setup_getcpu() */
};

static struct cpu_arch boot_cpu_arch __aligned(64);
static struct percpu boot_cpu_area;
struct percpu *percpu_areas[NR_CPUS] = { &boot_cpu_area };
bool cpu_has_smap;
bool percpu_ready;		/* %gs points at CPU 0's area: current works */

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

static void load_gdt_tss(struct cpu_arch *ca)
{
	u64 base = (u64)&ca->tss, limit = sizeof(ca->tss) - 1;
	struct desc_ptr gp = { sizeof(ca->gdt) - 1, (u64)ca->gdt };

	memcpy(ca->gdt, gdt_template, sizeof(ca->gdt));
	ca->gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			   (0x89UL << 40) | (((limit >> 16) & 0xf) << 48) |
			   (((base >> 24) & 0xff) << 56);
	ca->gdt[GDT_TSS + 1] = base >> 32;
	ca->tss.iomap_base = sizeof(ca->tss);
	ca->tss.ist[IST_DF - 1] = (u64)(ca->df_stack + IST_STACK_SIZE);
	ca->tss.ist[IST_NMI - 1] = (u64)(ca->nmi_stack + IST_STACK_SIZE);
	__asm__ volatile("lgdt %0\n\t"
			 "pushq $0x10\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl $0x18, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movl %%eax, %%fs\n\t"
			 "movl %%eax, %%gs\n\t"
			 "movw $0x40, %%ax\n\t"
			 "ltr %%ax"
			 :
			 : "m"(gp)
			 : "rax", "memory");
}

/* The kernel stack the CPU switches to on an interrupt from user mode. */
void set_kernel_stack(unsigned long top)
{
	struct cpu_arch *ca = this_cpu_read_ptr(arch);

	ca->tss.rsp[0] = top;
	this_cpu_write(top_of_stack, top);
}

static void enable_features(void)
{
	u32 a, b, c, d;
	unsigned long cr4 = read_cr4();

	cpuid(7, 0, &a, &b, &c, &d);
	if (b & (1 << 7))
		cr4 |= X86_CR4_SMEP;
	if (b & (1 << 20)) {
		cr4 |= X86_CR4_SMAP;
		cpu_has_smap = true;
	}
	cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
	write_cr4(cr4);
	/* FPU: native errors (NE), monitor (MP), no emulation (EM). */
	write_cr0((read_cr0() | 0x22) & ~0x4UL);
	__asm__ volatile("fninit");
}

static void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE | EFER_NXE);
	/* sysret: cs = 0x23 + 16 = 0x33, ss = 0x23 + 8 = 0x2b. */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	/* Entry runs with IF, TF, DF, AC clear. */
	wrmsr(MSR_SFMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF |
				  X86_EFLAGS_AC | 0x4000 /* NT */);
}

/* Does this CPU have RDPID or RDTSCP (and so the TSC_AUX MSR)? */
static bool has_rdtscp_or_rdpid(void)
{
	u32 max, a, b, c, d;

	cpuid(0, 0, &max, &b, &c, &d);
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		if (c & (1U << 22))
			return true;
	}
	cpuid(0x80000000, 0, &max, &b, &c, &d);
	if (max < 0x80000001)
		return false;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	return d & (1U << 27);
}

/*
 * getcpu without a system call (Linux's setup_getcpu): the CPU's number
 * (node 0 above bit 12) in the limit of a user-readable data segment,
 * which the vDSO reads with LSL, and in TSC_AUX for RDTSCP and RDPID.
 */
static void setup_getcpu(struct percpu *pc)
{
	struct cpu_arch *ca = pc->arch;
	u64 cpunode = pc->cpu;

	/* Read-only expand-down data (type 5), DPL 3, present, 32-bit. */
	ca->gdt[GDT_CPUNODE] = (cpunode & 0xffff) | (0xf5UL << 40) |
			       (((cpunode >> 16) & 0xf) << 48) | (1UL << 54);
	if (has_rdtscp_or_rdpid())
		wrmsr(MSR_TSC_AUX, cpunode);
}

/* What every CPU does to itself: descriptors, GS, MSRs, features. */
static void cpu_setup(struct percpu *pc)
{
	load_gdt_tss(pc->arch);
	setup_getcpu(pc);
	wrmsr(MSR_GS_BASE, (u64)pc);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	syscall_init();
	enable_features();
	identify_cpu(&((struct cpu_arch *)pc->arch)->info);
}

/* cpu_info - what identify_cpu() found on cpu (online). */
const struct cpuinfo_x86 *cpu_info(unsigned int cpu)
{
	return &((struct cpu_arch *)per_cpu_ptr(cpu)->arch)->info;
}

/* cpu_init - the boot CPU's set-up (CPU 0, running init_task). */
void cpu_init(void)
{
	struct percpu *pc = &boot_cpu_area;
	u32 a, b, c, d;

	pc->self = pc;
	pc->cpu = 0;
	pc->current_task = &init_task;
	pc->idle = &init_task;
	pc->arch = &boot_cpu_arch;
	cpu_setup(pc);
	percpu_ready = true;
	/* A CPU of a virtual machine (CPUID.1:ECX bit 31), with no
	 * paravirt lock support in tine: test-and-set spinlocks. */
	cpuid(1, 0, &a, &b, &c, &d);
	virt_spin_lock_key = c & (1U << 31);
	lockdep_init();
	pr_info("cpu: smep %s, smap %s, %s spinlocks\n",
		(read_cr4() & X86_CR4_SMEP) ? "on" : "off",
		cpu_has_smap ? "on" : "off",
		virt_spin_lock_key ? "test-and-set (hypervisor)" : "ticket");
}

/*
 * alloc_percpu_area - the per-CPU area of a CPU about to be started:
 * struct percpu and its GDT, TSS and interrupt stacks. NULL if out of
 * memory. Boot CPU, boot only.
 */
struct percpu *alloc_percpu_area(unsigned int cpu, u32 apic_id)
{
	struct percpu *pc = kzalloc(sizeof(*pc));
	struct page *p = alloc_pages(__GFP_ZERO, 2);

	BUILD_BUG_ON(sizeof(struct cpu_arch) > (PAGE_SIZE << 2));
	if (!pc || !p) {
		kfree(pc);
		if (p)
			__free_pages(p, 2);
		return NULL;
	}
	pc->self = pc;
	pc->cpu = cpu;
	pc->apic_id = apic_id;
	pc->arch = page_address(p);
	percpu_areas[cpu] = pc;
	return pc;
}

/*
 * cpu_init_secondary - an application processor's set-up, first thing
 * in start_secondary(): its own descriptors and GS (pc), the shared
 * IDT. Interrupts off.
 */
void cpu_init_secondary(struct percpu *pc)
{
	cpu_setup(pc);
	load_idt();
}
