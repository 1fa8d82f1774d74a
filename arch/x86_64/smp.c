/*
 * The SMP hooks of include/tine/smp.h: inter-processor interrupts.
 *
 * Reschedule: RESCHEDULE_VECTOR to the CPU; its handler calls the
 * scheduler's scheduler_ipi().
 *
 * Call-function: each CPU has a queue of struct call_single_data, under
 * its own spinlock. A caller puts one entry per target CPU on the
 * targets' queues and sends them CALL_FUNCTION_VECTOR; the handler runs
 * every queued function, then releases the entry (csd->locked = 0),
 * which is what a waiting caller watches. The entries live in the
 * caller's per-CPU slots, one per target CPU (csd_slots[from][to]): a
 * caller reuses a slot only once its previous call has run, so a call
 * that does not wait needs no allocation.
 *
 * Deadlock rules: a caller waiting for other CPUs must have interrupts
 * on (another CPU may be waiting on it at the same time), must not be
 * in an interrupt handler, and must hold no lock that is ever taken
 * with interrupts off (a target spinning on that lock with interrupts
 * off would never run our function). lockdep checks the last rule.
 *
 * The CPU masks start with the boot CPU alone; smpboot.c adds each CPU
 * it starts.
 */
#include <asm/apic.h>
#include <asm/arch.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <tine/list.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/spinlock.h>
#include <uapi/errno.h>

struct cpumask __cpu_possible_mask = { { 1 } };
struct cpumask __cpu_online_mask = { { 1 } };
struct cpumask __cpu_present_mask = { { 1 } };
unsigned int nr_cpu_ids = 1;

struct call_single_data {
	struct list_head list;		/* [queue lock] in the target's queue */
	void (*fn)(void *);		/* set by the owner while unlocked */
	void *info;
	int locked;			/* 1 from queueing until fn returned */
};

struct call_queue {
	spinlock_t lock;		/* protects list (irq-safe) */
	struct list_head list;		/* call_single_data to run here */
};

static struct call_queue call_queues[NR_CPUS];
static struct call_single_data csd_slots[NR_CPUS][NR_CPUS];	/* [from][to] */

/* Set up the call queues (boot CPU, before any other CPU starts). */
void smp_prepare_boot_cpu(void)
{
	for (int i = 0; i < NR_CPUS; i++) {
		spin_lock_init_ranked(&call_queues[i].lock, "call_queue.lock",
				      LR_CALL);
		INIT_LIST_HEAD(&call_queues[i].list);
	}
}

void smp_send_reschedule(unsigned int cpu)
{
	if (cpu == smp_processor_id()) {
		set_need_resched();
		return;
	}
	if (cpu_online(cpu))
		apic_send_ipi(per_cpu_ptr(cpu)->apic_id, RESCHEDULE_VECTOR);
}

void smp_reschedule_interrupt(void)
{
	scheduler_ipi();
}

static void csd_wait(struct call_single_data *csd)
{
	while (__atomic_load_n(&csd->locked, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/* Queue fn(info) for cpu in our slot for it, and poke it. */
static struct call_single_data *queue_call(unsigned int cpu,
					   void (*fn)(void *), void *info)
{
	struct call_single_data *csd =
		&csd_slots[smp_processor_id()][cpu];
	struct call_queue *q = &call_queues[cpu];
	unsigned long f;

	csd_wait(csd);			/* our previous call to cpu ran */
	csd->fn = fn;
	csd->info = info;
	csd->locked = 1;
	f = spin_lock_irqsave(&q->lock);
	list_add_tail(&csd->list, &q->list);
	spin_unlock_irqrestore(&q->lock, f);
	apic_send_ipi(per_cpu_ptr(cpu)->apic_id, CALL_FUNCTION_VECTOR);
	return csd;
}

/* The caller's side of the deadlock rules above. */
static void check_call_context(void)
{
	WARN_ON(irqs_disabled());
	WARN_ON(this_cpu_read_ptr(irq_count) > 0);
	if (unlikely(lockdep_enabled))
		WARN_ON(lockdep_holds_irqsafe_lock());
}

int smp_call_function_single(unsigned int cpu, void (*fn)(void *),
			     void *info, bool wait)
{
	struct call_single_data *csd;
	unsigned long flags;

	if (cpu == smp_processor_id()) {
		flags = local_irq_save();
		fn(info);
		local_irq_restore(flags);
		return 0;
	}
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENXIO;
	check_call_context();
	csd = queue_call(cpu, fn, info);
	if (wait)
		csd_wait(csd);
	return 0;
}

void smp_call_function_many(const struct cpumask *mask,
			    void (*fn)(void *), void *info, bool wait)
{
	unsigned int cpu, me = smp_processor_id();

	check_call_context();
	for_each_cpu(cpu, mask)
		if (cpu != me && cpu_online(cpu))
			queue_call(cpu, fn, info);
	if (!wait)
		return;
	for_each_cpu(cpu, mask)
		if (cpu != me && cpu_online(cpu))
			csd_wait(&csd_slots[me][cpu]);
}

/*
 * CALL_FUNCTION_VECTOR: run what other CPUs queued for us, in order.
 * Interrupts off. An entry is released only after its function ran.
 */
void smp_call_function_interrupt(void)
{
	struct call_queue *q = &call_queues[smp_processor_id()];
	struct call_single_data *csd, *n;
	LIST_HEAD(work);

	spin_lock(&q->lock);
	list_splice_init(&q->list, &work);
	spin_unlock(&q->lock);
	list_for_each_entry_safe(csd, n, &work, list) {
		csd->fn(csd->info);
		__atomic_store_n(&csd->locked, 0, __ATOMIC_RELEASE);
	}
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
 * smp_send_stop - panic: stop every other CPU where it stands with an
 * NMI, which even a CPU spinning with interrupts off takes, so only the
 * panicking CPU prints. Waits a little for them to go quiet.
 */
void smp_send_stop(void)
{
	unsigned int cpu, me = percpu_ready ? smp_processor_id() : 0;

	WRITE_ONCE(stop_requested, true);
	for_each_online_cpu(cpu)
		if (cpu != me)
			apic_send_nmi(per_cpu_ptr(cpu)->apic_id);
}
