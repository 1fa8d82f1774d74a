/*
 * The small interface generic code uses to reach the architecture.
 * Nothing outside arch/ includes other arch internals.
 */
#ifndef ASM_ARCH_H
#define ASM_ARCH_H

#include <asm/ptrace.h>
#include <tine/types.h>

struct task_struct;
struct mm_struct;
struct kernel_clone_args;

/* console */
void serial_init(void);
void serial_enable_irq(void);
void serial_putc(char c);
void serial_irq(void);

/* boot: the hvm_start_info QEMU gave us */
extern const char *boot_cmdline;
extern phys_addr_t initrd_start, initrd_size;
/* Record RAM, reservations, the command line and the initrd from the
 * hvm_start_info at physical address start_info. Boot CPU, boot only. */
void setup_arch(phys_addr_t start_info);

void cpu_init(void);
struct cpuinfo_x86;
struct seq_buf;
/* CPUID of this CPU into c (every CPU, at set-up). */
void identify_cpu(struct cpuinfo_x86 *c);
/* What identify_cpu() found on cpu (an online CPU). */
const struct cpuinfo_x86 *cpu_info(unsigned int cpu);
/* /proc/cpuinfo's text, every online CPU. */
void arch_show_cpuinfo(struct seq_buf *m);
/* The AT_HWCAP word exec puts in the auxiliary vector. */
unsigned long elf_hwcap(void);
void trap_init(void);
void irq_init(void);
void timer_init(void);
/* Start the other CPUs (arch/x86_64/smpboot.c). Boot CPU, boot only. */
void smp_init(void);
void arch_power_off(void) __noreturn;
void arch_reboot(void) __noreturn;

/* tasks */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args);
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);
struct task_struct *__switch_to(struct task_struct *prev,
				struct task_struct *next);
void arch_task_init(struct task_struct *p);
long arch_prctl_set_fs(struct task_struct *t, unsigned long base);
void fpu_init_state(struct task_struct *t);

/* randomness: a hardware random number (false: none); a cycle count */
bool arch_get_random_long(unsigned long *v);
static inline unsigned long random_get_entropy(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

/* page tables */
void paging_init(void);
void switch_mm(struct mm_struct *next);

/* stack walking, for panic and warnings */
void dump_stack(void);
/* The same, every line at printk level lvl (KERN_ERR...). */
void dump_stack_lvl(const char *lvl);
void show_regs(const struct pt_regs *regs);

#endif
