/*
 * CPU set-up: GDT with the TSS, per-CPU data behind GS, the syscall
 * MSRs, and the features we turn on (NX, SMEP, SMAP, SSE).
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
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

/* Selectors match Linux's, so user-visible cs/ss values are the same. */
static u64 gdt[10] = {
	0,
	0x00cf9a000000ffff,	/* 0x08 kernel code 32 (unused) */
	0x00af9a000000ffff,	/* 0x10 kernel code 64 */
	0x00cf92000000ffff,	/* 0x18 kernel data */
	0x00cffa000000ffff,	/* 0x23 user code 32 */
	0x00cff2000000ffff,	/* 0x2b user data */
	0x00affa000000ffff,	/* 0x33 user code 64 */
	0,
	0, 0,			/* 0x40 TSS (16 bytes) */
};

static struct tss tss __aligned(16);
static u8 df_stack[4096] __aligned(16);	/* IST1: double fault, NMI */
static struct percpu boot_cpu_area;
struct percpu *percpu_areas[NR_CPUS] = { &boot_cpu_area };
bool cpu_has_smap;
bool percpu_ready;		/* %gs points at CPU 0's area: current works */

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

extern char entry_SYSCALL_64[];

static void load_gdt_tss(void)
{
	u64 base = (u64)&tss, limit = sizeof(tss) - 1;
	struct desc_ptr gp = { sizeof(gdt) - 1, (u64)gdt };

	gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		       (0x89UL << 40) | (((limit >> 16) & 0xf) << 48) |
		       (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS + 1] = base >> 32;
	tss.iomap_base = sizeof(tss);
	tss.ist[0] = (u64)(df_stack + sizeof(df_stack));
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
	tss.rsp[0] = top;
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

void cpu_init(void)
{
	load_gdt_tss();
	boot_cpu_area.self = &boot_cpu_area;
	boot_cpu_area.current_task = &init_task;
	boot_cpu_area.idle = &init_task;
	wrmsr(MSR_GS_BASE, (u64)&boot_cpu_area);
	percpu_ready = true;
	lockdep_init();
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	syscall_init();
	enable_features();
	pr_info("cpu: smep %s, smap %s\n",
		(read_cr4() & X86_CR4_SMEP) ? "on" : "off",
		cpu_has_smap ? "on" : "off");
}
