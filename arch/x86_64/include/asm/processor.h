/* CPU control: interrupts, control registers, MSRs, cpuid. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <tine/types.h>

#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_CSTAR 0xc0000083
#define MSR_SFMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_TSC_AUX 0xc0000103
#define MSR_IA32_DEBUGCTLMSR 0x1d9
#define DEBUGCTLMSR_BTF (1UL << 1)	/* TF traps on taken branches only */
#define EFER_SCE (1 << 0)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

#define X86_CR0_WP (1UL << 16)
#define X86_CR4_OSFXSR (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_FSGSBASE (1UL << 16)
#define X86_CR4_OSXSAVE (1UL << 18)
#define X86_CR4_SMEP (1UL << 20)
#define X86_CR4_SMAP (1UL << 21)
#define X86_EFLAGS_IF (1UL << 9)
#define X86_EFLAGS_TF (1UL << 8)
#define X86_EFLAGS_DF (1UL << 10)
#define X86_EFLAGS_AC (1UL << 18)

/* What CPUID says about one CPU (arch/x86_64/cpuinfo.c). */
#define NR_CPUID_WORDS 6
struct cpuinfo_x86 {
	char vendor[13];
	char model_name[49];
	u32 cpuid_level, ext_level;	/* highest basic, extended leaf */
	u32 family, model, stepping;
	u32 words[NR_CPUID_WORDS];	/* feature bits (cpuinfo.c order) */
	u32 power;			/* leaf 0x80000007 edx */
	u32 initial_apicid;
	u32 clflush;			/* bytes */
	u32 cache_kb;			/* L2 */
	u32 phys_bits, virt_bits;
	u32 smt_shift, pkg_shift;	/* APIC id fields: thread, package */
};

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}
static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}
static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(sub));
}
static inline unsigned long read_cr0(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}
static inline void write_cr0(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr0" ::"r"(v) : "memory");
}
static inline unsigned long read_cr2(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}
static inline unsigned long read_cr3(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}
static inline void write_cr3(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory");
}
static inline unsigned long read_cr4(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}
static inline void write_cr4(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr4" ::"r"(v) : "memory");
}
static inline void invlpg(unsigned long addr)
{
	__asm__ volatile("invlpg (%0)" ::"r"(addr) : "memory");
}
static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
static inline void cpu_relax(void) { __asm__ volatile("pause"); }
static inline void halt(void) { __asm__ volatile("hlt"); }

/*
 * arch_cpu_idle - the idle loop's wait: called with interrupts off
 * after the caller saw nothing to do, returns with them on after an
 * interrupt. "sti; hlt": sti takes effect after the next instruction,
 * so an interrupt (a wake-up IPI) arriving after the caller's check
 * still ends the halt instead of being taken before it.
 */
static inline void arch_cpu_idle(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");
}

/* Interrupt flag: the single-CPU half of every irq-safe lock. */
static inline unsigned long local_irq_save(void)
{
	unsigned long f;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(f)::"memory");
	return f;
}
static inline void local_irq_restore(unsigned long f)
{
	if (f & X86_EFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}
static inline void local_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void local_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline bool irqs_disabled(void)
{
	unsigned long f;
	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return !(f & X86_EFLAGS_IF);
}

/* SMAP: open and close the window in which the kernel may touch user pages. */
extern bool cpu_has_smap;
static inline void stac(void)
{
	if (cpu_has_smap)
		__asm__ volatile("stac" ::: "memory");
}
static inline void clac(void)
{
	if (cpu_has_smap)
		__asm__ volatile("clac" ::: "memory");
}

#endif
