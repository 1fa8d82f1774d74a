/*
 * The idle class and the idle loop. Each CPU has an idle task (the boot
 * CPU's is init_task) that is never on a queue: the class hands it out
 * when no other class has a task, and any wake-up preempts it.
 */
#include <asm/processor.h>
#include <tine/printk.h>
#include "sched.h"

static void enqueue_task_idle(struct rq *rq, struct task_struct *p, int flags)
{
	BUG_ON(1);	/* the idle task is never queued */
}

static void dequeue_task_idle(struct rq *rq, struct task_struct *p, int flags)
{
	BUG_ON(1);
}

static void yield_task_idle(struct rq *rq)
{
}

/* Anything that wakes up preempts the idle task. */
static void check_preempt_curr_idle(struct rq *rq, struct task_struct *p,
				    int flags)
{
	resched_curr(rq);
}

static void set_next_task_idle(struct rq *rq, struct task_struct *p)
{
}

static struct task_struct *pick_next_task_idle(struct rq *rq)
{
	return rq->idle;
}

static void put_prev_task_idle(struct rq *rq, struct task_struct *p)
{
}

static int select_task_rq_idle(struct task_struct *p, int prev_cpu, int flags)
{
	return prev_cpu;
}

static void task_tick_idle(struct rq *rq, struct task_struct *p)
{
}

static void update_curr_idle(struct rq *rq)
{
}

static unsigned int get_rr_interval_idle(struct rq *rq, struct task_struct *p)
{
	return 0;
}

/* init_idle_rq - the idle class's part of a runqueue's set-up. Boot,
 * before rq is used; does not sleep. */
void init_idle_rq(struct rq *rq)
{
	rq->next_balance = 0;
}

const struct sched_class idle_sched_class = {
	.next = NULL,
	.enqueue_task = enqueue_task_idle,
	.dequeue_task = dequeue_task_idle,
	.yield_task = yield_task_idle,
	.check_preempt_curr = check_preempt_curr_idle,
	.pick_next_task = pick_next_task_idle,
	.put_prev_task = put_prev_task_idle,
	.set_next_task = set_next_task_idle,
	.select_task_rq = select_task_rq_idle,
	.task_tick = task_tick_idle,
	.update_curr = update_curr_idle,
	.get_rr_interval = get_rr_interval_idle,
};

/*
 * idle_loop - what a CPU runs when it has nothing to do: halt until an
 * interrupt (the tick, a device, a reschedule IPI), then schedule if a
 * wake-up asked. Interrupts stay masked from the check to the hlt, and
 * "sti; hlt" lets none in between, so no wake-up is lost.
 */
void __noreturn idle_loop(void)
{
	for (;;) {
		local_irq_disable();
		if (!need_resched() && !READ_ONCE(this_rq()->nr_running))
			arch_cpu_idle();
		local_irq_enable();
		schedule_idle();
	}
}
