/*
 * Bringing up the application processors (APs). The boot CPU, at the
 * end of start_kernel(), gives each CPU the MADT lists a number, a
 * per-CPU area (struct percpu and its GDT, TSS and interrupt stacks),
 * an idle task, and starts it: the real-mode trampoline is copied to
 * TRAMPOLINE_PHYS, its parameters filled in, and the CPU woken with
 * INIT and two STARTUP IPIs (Intel SDM vol. 3, 8.4.4). The AP climbs
 * to long mode (trampoline.S), runs start_secondary() on its idle
 * task's stack, marks itself online and ends in the scheduler's idle
 * loop (kernel/sched/idle.c), which runs whatever the run queue of the
 * CPU gets from then on.
 *
 * CPUs are started one at a time, so one trampoline page and one set
 * of parameters serve them all; the boot CPU waits for each to come
 * online (up to a second) before starting the next.
 */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/arch.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/smp.h>
#include <asm/smpboot.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/time.h>
#include <uapi/errno.h>

static int cpu_callin;			/* [boot] the AP being started is up */

/*
 * start_secondary - an AP's first C code, on its idle task's stack with
 * the kernel's page tables and interrupts off: set the CPU up, start
 * its tick, go online and become the scheduler's idle task.
 */
void start_secondary(unsigned long cpu)
{
	struct percpu *pc = per_cpu_ptr(cpu);

	cpu_init_secondary(pc);
	lapic_setup();
	lapic_timer_start();
	set_cpu_online(cpu, true);
	WRITE_ONCE(cpu_callin, 1);
	/* The scheduler's idle loop: from here on tasks run here too. */
	idle_loop();
}

/* Copy the trampoline below 1 MiB and fill in what this CPU needs. */
static void setup_trampoline(unsigned int cpu, struct task_struct *idle)
{
	struct trampoline_params *tp;
	size_t size = trampoline_end - trampoline_start;

	memcpy(__va(TRAMPOLINE_PHYS), trampoline_start, size);
	tp = __va(TRAMPOLINE_PHYS + (trampoline_params - trampoline_start));
	tp->cr3 = __pa(boot_pml4);
	tp->entry = (unsigned long)secondary_startup_64;
	tp->stack = (unsigned long)idle->stack + KSTACK_SIZE;
	tp->cpu = cpu;
	tp->pgd = init_pgd;
}

/* Start cpu (APIC id apic): 0, or -errno if it did not come up. */
static int do_boot_cpu(unsigned int cpu, u32 apic)
{
	struct task_struct *idle;
	struct percpu *pc;

	pc = alloc_percpu_area(cpu, apic);
	if (!pc)
		return -ENOMEM;
	idle = fork_idle(cpu);
	if (!idle)
		return -ENOMEM;
	init_idle(idle, cpu);		/* the scheduler's view of it */
	pc->idle = idle;
	pc->current_task = idle;
	pc->top_of_stack = (unsigned long)idle->stack + KSTACK_SIZE;
	setup_trampoline(cpu, idle);
	WRITE_ONCE(cpu_callin, 0);
	apic_send_init_sipi(apic, TRAMPOLINE_PHYS >> PAGE_SHIFT);
	for (int ms = 0; ms < 1000 && !READ_ONCE(cpu_callin); ms++)
		udelay(1000);
	if (!READ_ONCE(cpu_callin))
		return -EIO;
	return 0;
}

/*
 * smp_init - start every CPU the MADT lists (the boot CPU is CPU 0; the
 * others get 1, 2... in table order). A CPU that does not come up is
 * left out. Boot CPU, interrupts off, before init runs.
 */
void smp_init(void)
{
	u32 self = apic_id();
	unsigned int cpu = 1;

	smp_prepare_boot_cpu();
	for (unsigned int i = 0; i < madt.nr_cpus && cpu < NR_CPUS; i++) {
		u32 apic = madt.cpu_apic_id[i];
		int err;

		if (apic == self)
			continue;
		set_cpu_possible(cpu, true);
		set_cpu_present(cpu, true);
		err = do_boot_cpu(cpu, apic);
		if (err) {
			/* A CPU that starts late would find the trampoline
			 * set for the next one: start no more. */
			pr_err("smp: CPU %u (APIC id %u) did not start (%d)\n",
			       cpu, apic, err);
			set_cpu_present(cpu, false);
			set_cpu_possible(cpu, false);
			break;
		}
		cpu++;
	}
	nr_cpu_ids = cpu;
	pr_info("smp: %u CPU(s) online\n", num_online_cpus());
}
