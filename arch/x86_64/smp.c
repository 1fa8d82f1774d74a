/*
 * The SMP hooks of include/tine/smp.h. The CPU masks start with the
 * boot CPU alone; smpboot.c adds each CPU it starts. FIXME: IPIs are
 * not sent yet (no task runs on the other CPUs): the hooks act on this
 * CPU only.
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <uapi/errno.h>
#include <tine/sched.h>
#include <tine/smp.h>

struct cpumask __cpu_possible_mask = { { 1 } };
struct cpumask __cpu_online_mask = { { 1 } };
struct cpumask __cpu_present_mask = { { 1 } };
unsigned int nr_cpu_ids = 1;

void smp_send_reschedule(unsigned int cpu)
{
	if (cpu == smp_processor_id())
		set_need_resched();
}

int smp_call_function_single(unsigned int cpu, void (*fn)(void *),
			     void *info, bool wait)
{
	unsigned long flags;

	if (cpu != smp_processor_id())
		return -ENXIO;
	flags = local_irq_save();
	fn(info);
	local_irq_restore(flags);
	return 0;
}

void smp_call_function_many(const struct cpumask *mask,
			    void (*fn)(void *), void *info, bool wait)
{
	/* No other CPU is online yet: nothing to run elsewhere. */
}

static bool stop_requested;

bool smp_stop_requested(void)
{
	return READ_ONCE(stop_requested);
}

void smp_stop_this_cpu(void)
{
	local_irq_disable();
	for (;;)
		halt();
}

/*
 * smp_send_stop - panic: stop every other CPU where it stands (an NMI,
 * which even a CPU spinning with interrupts off takes), so only the
 * panicking CPU prints. Interrupts off; does not return to them.
 */
void smp_send_stop(void)
{
	WRITE_ONCE(stop_requested, true);
}

void smp_reschedule_interrupt(void)
{
	set_need_resched();
}

void smp_call_function_interrupt(void)
{
}
