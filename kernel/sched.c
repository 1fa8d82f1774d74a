/*
 * The scheduler: one run queue per CPU (one CPU for now), ordered by
 * virtual runtime so every runnable task gets its share. A new task
 * starts at the queue's current minimum vruntime: it runs soon, but a
 * task forking in a loop cannot push its children ahead of everyone
 * else (the seeds' wake_up_new_task() paragraph).
 *
 * Lock: rq_lock protects the run queue, every task's run_list, on_rq,
 * vruntime and time_slice, and task->state transitions to RUNNING.
 * Always taken with interrupts off (the timer tick takes it).
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/printk.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/uaccess.h>

#define SLICE_TICKS 4			/* 16 ms at HZ=250 */
#define TICK_NS (1000000000ULL / HZ)

static DEFINE_SPINLOCK_RANKED(rq_lock, LR_RQ);
static LIST_HEAD(run_queue);		/* [rq_lock] sorted by vruntime */
static u64 min_vruntime;		/* [rq_lock] */

void set_need_resched(void) { this_cpu_write(need_resched, 1); }

/* Insert p in vruntime order (FIFO among equals). rq_lock held. */
static void enqueue_task(struct task_struct *p)
{
	struct task_struct *t;

	assert_spin_locked(&rq_lock);
	list_for_each_entry(t, &run_queue, run_list)
		if (t->vruntime > p->vruntime)
			break;
	list_add_tail(&p->run_list, &t->run_list);
	p->on_rq = true;
}

static struct task_struct *pick_next_task(void)
{
	struct task_struct *p;

	if (list_empty(&run_queue))
		return this_cpu_read_ptr(idle);
	p = list_first_entry(&run_queue, struct task_struct, run_list);
	list_del_init(&p->run_list);
	min_vruntime = MAX(min_vruntime, p->vruntime);
	return p;
}

void set_current_state(long state)
{
	unsigned long f = spin_lock_irqsave(&rq_lock);

	current->state = state;
	spin_unlock_irqrestore(&rq_lock, f);
}

/*
 * After a switch, in the new task: a dead predecessor's last reference
 * (the one that kept its stack alive while it ran) can go now.
 */
static void finish_task_switch(struct task_struct *prev)
{
	spin_unlock(&rq_lock);
	local_irq_enable();
	if (prev->state == TASK_DEAD)
		put_task_struct(prev);
}

/*
 * Called by the first run of every new task (entry.S ret_from_fork).
 * CLONE_CHILD_SETTID is honoured here, in the child's own address space.
 */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	if (current->set_child_tid)
		put_user(task_pid_vnr(current), current->set_child_tid);
}

/*
 * schedule - give up the CPU. If current is not TASK_RUNNING it stays
 * off the run queue until a wake-up. May be called with interrupts on
 * or off; returns with them on.
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;

	local_irq_disable();
	spin_lock(&rq_lock);
	this_cpu_write(need_resched, 0);
	if (prev->state == TASK_RUNNING && prev != this_cpu_read_ptr(idle)) {
		if (prev->on_rq)
			enqueue_task(prev);
	} else if (prev != this_cpu_read_ptr(idle)) {
		prev->on_rq = false;
		prev->nvcsw++;
	}
	next = pick_next_task();
	if (next != prev) {
		next->time_slice = SLICE_TICKS;
		prev = __switch_to(prev, next);
		/* Back in our task, possibly much later, with rq_lock held;
		 * prev is whoever ran just before us. */
		finish_task_switch(prev);
		return;
	}
	spin_unlock(&rq_lock);
	local_irq_enable();
}

/* Put p on the run queue if it sleeps in one of the states. */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned long f = spin_lock_irqsave(&rq_lock);
	int woke = 0;

	if (p->state & state) {
		p->state = TASK_RUNNING;
		if (!p->on_rq) {
			p->vruntime = MAX(p->vruntime, min_vruntime);
			enqueue_task(p);
			if (current == this_cpu_read_ptr(idle))
				set_need_resched();
		}
		woke = 1;
	}
	spin_unlock_irqrestore(&rq_lock, f);
	return woke;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* First enqueue of a task copy_process() built. */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long f = spin_lock_irqsave(&rq_lock);

	p->state = TASK_RUNNING;
	p->vruntime = MAX(current->vruntime, min_vruntime);
	p->time_slice = SLICE_TICKS;
	enqueue_task(p);
	spin_unlock_irqrestore(&rq_lock, f);
}

/* The timer tick: charge the running task, preempt at slice end. */
void sched_tick(bool user)
{
	struct task_struct *p = current;

	if (user)
		p->utime += TICK_NS;
	else
		p->stime += TICK_NS;
	spin_lock(&rq_lock);
	if (p != this_cpu_read_ptr(idle)) {
		p->vruntime += TICK_NS;
		if (p->time_slice)
			p->time_slice--;
		if (!p->time_slice && !list_empty(&run_queue)) {
			set_need_resched();
			p->nivcsw++;
		}
	}
	spin_unlock(&rq_lock);
}

void cond_resched(void)
{
	if (need_resched())
		schedule();
}

void __noreturn idle_loop(void)
{
	for (;;) {
		local_irq_disable();
		if (!need_resched() && list_empty(&run_queue)) {
			/* sti;hlt: no wake-up lost between the check and halt */
			__asm__ volatile("sti; hlt" ::: "memory");
		}
		local_irq_enable();
		schedule();
	}
}
