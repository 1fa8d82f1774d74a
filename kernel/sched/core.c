/*
 * The scheduler core: per-CPU run queues, wake-ups, the context switch,
 * fork placement and the tick. The policy lives in the classes: rt.c
 * (SCHED_FIFO, SCHED_RR), fair.c (SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE)
 * and idle.c; balance.c moves tasks between CPUs; syscalls.c is the
 * user interface. docs/sched.md describes the design.
 *
 * Lock order (outermost first):
 *
 *   p->pi_lock             a task's wake-ups, policy, priority, affinity
 *     rq->lock             one CPU's run queue; two of them in CPU order
 *                          (double_rq_lock)
 *
 * Both are taken with interrupts off. Wake-ups come from under wait-queue
 * locks, siglock, tasklist_lock, hrtimer callbacks: the locks rank above
 * pi_lock. Nothing that takes rq->lock may wake a task.
 *
 * What keeps a task in one place: p->cpu changes only with p->pi_lock
 * held and p off every queue (a wake-up), or with both run queues locked
 * (a migration). So task_rq_lock() takes pi_lock, then the rq p->cpu
 * names, and checks p did not move meanwhile.
 *
 * The switch handshake (Linux's on_cpu): a task being switched out keeps
 * on_cpu set until its registers are saved (finish_task_switch() on the
 * CPU that ran it). A waker on another CPU that finds it off the queue
 * waits for on_cpu to clear before enqueueing it anywhere, so no task
 * runs on two CPUs, or on a stack still in use.
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/trace.h>
#include <tine/uaccess.h>
#include "sched.h"

struct rq runqueues[NR_CPUS];
struct cpumask sched_cpus;		/* see sched.h */

/* Ask this CPU to call schedule() at its next preemption point. */
void set_need_resched(void)
{
	this_cpu_write(need_resched, 1);
}

static void clear_need_resched(void)
{
	this_cpu_write(need_resched, 0);
}

/*
 * scheduler_ipi - another CPU sent this one RESCHEDULE_VECTOR
 * (smp_send_reschedule): reschedule at the end of the interrupt (on the
 * way back to user mode, or when the idle loop wakes up). Interrupts off.
 */
void scheduler_ipi(void)
{
	set_need_resched();
}

/*
 * kick_process - if p is running on another CPU, make that CPU enter
 * the kernel now (a reschedule IPI), so p sees what was just posted for
 * it (a signal) on its way back to user mode instead of at its next
 * tick. Any context; p may move meanwhile (then it passes through the
 * kernel anyway).
 */
void kick_process(struct task_struct *p)
{
	unsigned int cpu = task_cpu(p);

	if (cpu != smp_processor_id() && READ_ONCE(cpu_rq(cpu)->curr) == p)
		smp_send_reschedule(cpu);
}

/*
 * resched_curr - make rq's CPU reschedule soon: directly on this CPU, by
 * an IPI on another (at once, or when this CPU lets go of the IPIs it
 * holds back: resched_ipi_hold()). rq->lock held.
 */
void resched_curr(struct rq *rq)
{
	struct rq *me = this_rq();

	lockdep_assert_held(&rq->lock);
	if (rq == me) {
		set_need_resched();
	} else if (this_cpu_read_ptr(resched_hold)) {
		cpumask_set_cpu(rq->cpu, &me->resched_ipis);
		this_cpu_write(resched_owed, 1);
	} else {
		smp_send_reschedule(rq->cpu);
	}
}

/*
 * Wake-ups send their reschedule IPIs after dropping the run-queue lock
 * and the wakee's pi_lock, and a wait queue's wake-up (or complete())
 * after dropping the queue's lock, never under them. Under a hypervisor
 * the IPI is what starts the target's halted vCPU, and the host often
 * runs that thread at once in place of the sender's: a sender still
 * holding a lock then sits preempted while the target, woken to run the
 * task, spins on that lock (its run queue's, or the wait queue's in
 * finish_wait()), for as long as the host keeps the sender off
 * (milliseconds on a loaded host; docs/smp.md). Sending later is safe:
 * the task is queued already, and an idle CPU checks nr_running before
 * it halts.
 */

/* sched_send_held_ipis - see sched.h. */
void sched_send_held_ipis(void)
{
	struct rq *me = this_rq();
	unsigned int cpu;

	this_cpu_write(resched_owed, 0);
	for_each_cpu(cpu, &me->resched_ipis)
		smp_send_reschedule(cpu);
	cpumask_clear(&me->resched_ipis);
}

/*
 * __task_rq_lock - lock the run queue p is on, p->pi_lock already held
 * (so p cannot be woken onto another CPU meanwhile). Interrupts off.
 */
static struct rq *__task_rq_lock(struct task_struct *p)
{
	struct rq *rq;

	assert_spin_locked(&p->pi_lock);
	for (;;) {
		rq = task_rq(p);
		spin_lock(&rq->lock);
		if (rq == task_rq(p) && !task_on_rq_migrating(p))
			return rq;
		spin_unlock(&rq->lock);
		while (task_on_rq_migrating(p))
			cpu_relax();
	}
}

/*
 * task_rq_lock - lock p's pi_lock and the run queue p is on, so neither
 * p's queue nor its CPU can change. Returns the rq; interrupts are off
 * until task_rq_unlock(). Spins while p is between two run queues.
 */
struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags)
{
	*flags = spin_lock_irqsave(&p->pi_lock);
	return __task_rq_lock(p);
}

void task_rq_unlock(struct rq *rq, struct task_struct *p, unsigned long flags)
{
	spin_unlock(&rq->lock);
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

/*
 * double_rq_lock - lock two run queues (lower CPU number first; a and b
 * may be the same). Interrupts must be off already.
 */
void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		spin_lock(&a->lock);
	} else if (a->cpu < b->cpu) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

void double_rq_unlock(struct rq *a, struct rq *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/* ---- priorities and weights ---- */

/*
 * The priority the policy gives p: 99 - rt_priority for FIFO and RR
 * (0 is the highest), static_prio (120 + nice) otherwise.
 */
static int normal_prio(struct task_struct *p)
{
	if (task_has_rt_policy(p))
		return MAX_RT_PRIO - 1 - p->rt_priority;
	return p->static_prio;
}

/* Set normal_prio and return the effective prio: normal_prio, or the
 * priority a PI futex waiter lends p if that is better. */
int effective_prio(struct task_struct *p)
{
	p->normal_prio = normal_prio(p);
	if (p->pi_boosted && p->pi_boost_prio < p->normal_prio)
		return p->pi_boost_prio;
	return p->normal_prio;
}

/* rt_mutex_setprio - see sched.h. */
void rt_mutex_setprio(struct task_struct *p, int prio)
{
	const struct sched_class *new_class;
	struct sched_change c;
	unsigned long f;
	struct rq *rq;
	int eflags = 0;

	/* Nothing to lend or take back (the common exit): no rq lock.
	 * Callers are serialised by futex_lock, the only writer. */
	if (prio >= MAX_PRIO && !READ_ONCE(p->pi_boosted))
		return;
	rq = task_rq_lock(p, &f);

	p->pi_boosted = prio < MAX_PRIO;
	p->pi_boost_prio = prio;
	prio = effective_prio(p);
	if (prio == p->prio || is_idle_task(p))
		goto out;
	update_rq_clock(rq);
	sched_change_begin(rq, p, &c);
	p->prio = prio;
	new_class = rt_prio(prio) ? &rt_sched_class : &fair_sched_class;
	/* A fair newcomer starts at the queue's minimum (relative 0). */
	if (new_class == &fair_sched_class && c.prev_class != new_class &&
	    c.queued)
		p->se.vruntime = 0;
	p->sched_class = new_class;
	if (c.old_prio < p->prio)
		eflags |= ENQUEUE_HEAD;	/* deboosted: first of its new list */
	sched_change_end(rq, p, &c, eflags);
out:
	task_rq_unlock(rq, p, f);
}

/* nice of p: -20..19 (read without locks, as getpriority does). */
int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(READ_ONCE(p->static_prio));
}

/* /proc/<pid>/stat's priority: prio - 100 (-100..-1 for real-time,
 * 0..39 for nice -20..19). */
int task_prio(const struct task_struct *p)
{
	return READ_ONCE(p->prio) - MAX_RT_PRIO;
}

/* ---- queueing ---- */

static void enqueue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->enqueue_task(rq, p, flags);
}

static void dequeue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->dequeue_task(rq, p, flags);
}

/* Put p on rq (p->cpu is rq's CPU). rq->lock held. */
void activate_task(struct rq *rq, struct task_struct *p, int flags)
{
	lockdep_assert_held(&rq->lock);
	enqueue_task(rq, p, flags);
	rq->nr_running++;
	WRITE_ONCE(p->on_rq, TASK_ON_RQ_QUEUED);
}

/* Take p off rq (to sleep, or to move). rq->lock held. */
void deactivate_task(struct rq *rq, struct task_struct *p, int flags)
{
	lockdep_assert_held(&rq->lock);
	WRITE_ONCE(p->on_rq, 0);
	dequeue_task(rq, p, flags);
	rq->nr_running--;
}

/*
 * check_preempt_curr - p was just queued on rq: should it preempt what
 * runs there? A higher class always does; within a class the class
 * decides. rq->lock held.
 */
void check_preempt_curr(struct rq *rq, struct task_struct *p, int flags)
{
	const struct sched_class *cur = rq->curr->sched_class;

	lockdep_assert_held(&rq->lock);
	if (p->sched_class == cur)
		cur->check_preempt_curr(rq, p, flags);
	else if (sched_class_above(p->sched_class, cur))
		resched_curr(rq);
}

/*
 * set_task_cpu - make cpu p's run queue. p is off every queue: either
 * waking (p->pi_lock held, state TASK_WAKING; or a new task's first
 * wake-up) or being moved between two locked run queues.
 */
void set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	if (lockdep_hot_checks() && !lockdep_spin_held(&p->pi_lock)) {
		/* Not a wake-up: a migration, both run queues locked. */
		assert_spin_locked(&task_rq(p)->lock);
		assert_spin_locked(&cpu_rq(cpu)->lock);
	}
	if (READ_ONCE(p->state) == TASK_WAKING &&
	    p->sched_class->migrate_task_rq)
		p->sched_class->migrate_task_rq(p, cpu);
	set_task_rq(p, cpu);
	WRITE_ONCE(p->cpu, cpu);
}

/* Does nothing run on cpu (read without its lock: a hint)? */
bool idle_cpu(unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && !READ_ONCE(rq->nr_running);
}

/*
 * can_migrate_task - may queued p move to dst_cpu now? Not while it
 * runs or is being switched out, nor outside its allowed CPUs.
 * The lock of p's rq held.
 */
bool can_migrate_task(struct task_struct *p, unsigned int dst_cpu)
{
	return !task_on_cpu(p) && cpumask_test_cpu(dst_cpu, &p->cpus_allowed) &&
	       sched_cpu_usable(dst_cpu);
}

/*
 * move_queued_task - move queued, not running p from src to dst. Both
 * run queues locked (double_rq_lock). The fair class carries the
 * vruntime over relative to each queue's min_vruntime.
 */
void move_queued_task(struct rq *src, struct rq *dst, struct task_struct *p)
{
	deactivate_task(src, p, 0);
	set_task_cpu(p, dst->cpu);
	activate_task(dst, p, 0);
	check_preempt_curr(dst, p, 0);
}

/*
 * prev ran here and left while it was not allowed here any more
 * (sched_setaffinity): queue it on an allowed CPU now that its
 * registers are saved. It is TASK_ON_RQ_MIGRATING meanwhile, so
 * task_rq_lock() users wait for us.
 */
static int select_fallback_rq(struct task_struct *p);

static void finish_migration(struct task_struct *p)
{
	unsigned int cpu = select_fallback_rq(p);
	struct rq *rq = cpu_rq(cpu);

	spin_lock(&rq->lock);
	update_rq_clock(rq);
	set_task_rq(p, cpu);
	WRITE_ONCE(p->cpu, cpu);
	enqueue_task(rq, p, ENQUEUE_MIGRATED);
	rq->nr_running++;
	smp_store_release(&p->on_rq, TASK_ON_RQ_QUEUED);
	check_preempt_curr(rq, p, 0);
	spin_unlock(&rq->lock);
}

/*
 * sched_change_begin - take p (queued or running on rq) out of its class
 * so its class, policy or priority can change; sched_change_end() puts
 * it back. p stays TASK_ON_RQ_QUEUED and counted in rq->nr_running.
 * rq locked with task_rq_lock().
 */
void sched_change_begin(struct rq *rq, struct task_struct *p,
			struct sched_change *c)
{
	c->queued = task_on_rq_queued(p);
	c->running = rq->curr == p;
	c->prev_class = p->sched_class;
	c->old_prio = p->prio;
	if (c->queued)
		dequeue_task(rq, p, DEQUEUE_SAVE);
	if (c->running)
		p->sched_class->put_prev_task(rq, p);
}

/*
 * sched_change_end - back into its (maybe new) class, and tell the
 * class: preempt or reschedule as the change asks.
 */
void sched_change_end(struct rq *rq, struct task_struct *p,
		      struct sched_change *c, int eflags)
{
	if (c->queued)
		enqueue_task(rq, p, ENQUEUE_RESTORE | eflags);
	if (c->running)
		p->sched_class->set_next_task(rq, p);
	if (p->sched_class != c->prev_class)
		p->sched_class->switched_to(rq, p);
	else if (p->prio != c->old_prio)
		p->sched_class->prio_changed(rq, p, c->old_prio);
}

/*
 * set_user_nice - give p nice level @nice (-20..19). A real-time task
 * keeps the value for when it returns to SCHED_NORMAL. Takes
 * task_rq_lock(); does not sleep.
 */
void set_user_nice(struct task_struct *p, int nice)
{
	struct sched_change c;
	unsigned long f;
	struct rq *rq;

	if (nice < MIN_NICE || nice > MAX_NICE)
		return;
	rq = task_rq_lock(p, &f);
	if (task_nice(p) == nice)
		goto out;
	if (task_has_rt_policy(p)) {
		p->static_prio = NICE_TO_PRIO(nice);
		goto out;
	}
	update_rq_clock(rq);
	sched_change_begin(rq, p, &c);
	p->static_prio = NICE_TO_PRIO(nice);
	set_load_weight(p);
	p->prio = effective_prio(p);
	sched_change_end(rq, p, &c, 0);
out:
	task_rq_unlock(rq, p, f);
}

/*
 * set_cpus_allowed_ptr - restrict p to the CPUs of @mask. Returns 0, or
 * -EINVAL if no CPU of mask is online. A queued p on a CPU it may not
 * use any more moves at once; a running one leaves at its next
 * schedule() (its CPU is asked to reschedule). Does not sleep.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *mask)
{
	struct cpumask usable;
	unsigned long f;
	struct rq *rq;
	bool move;

	for (unsigned int i = 0; i < ARRAY_SIZE(usable.bits); i++)
		usable.bits[i] = cpu_online_mask->bits[i] & sched_cpus.bits[i];

	if (!cpumask_intersects(mask, &usable))
		return -EINVAL;
	rq = task_rq_lock(p, &f);
	p->cpus_allowed = *mask;
	p->nr_cpus_allowed = cpumask_weight(mask);
	move = !cpumask_test_cpu(rq->cpu, mask);
	if (move && (rq->curr == p || task_on_cpu(p))) {
		resched_curr(rq);
		move = false;
	} else if (move && task_on_rq_queued(p)) {
		update_rq_clock(rq);
		deactivate_task(rq, p, 0);
		WRITE_ONCE(p->on_rq, TASK_ON_RQ_MIGRATING);
	} else {
		move = false;	/* asleep: its wake-up picks an allowed CPU */
	}
	spin_unlock(&rq->lock);
	if (move)
		finish_migration(p);
	spin_unlock_irqrestore(&p->pi_lock, f);
	return 0;
}

/* do_sched_yield - let others of our class run first (sched_yield(2)). */
void do_sched_yield(void)
{
	unsigned long f = local_irq_save();
	struct rq *rq = this_rq();

	spin_lock(&rq->lock);
	update_rq_clock(rq);
	rq->curr->sched_class->yield_task(rq);
	spin_unlock(&rq->lock);
	local_irq_restore(f);
	schedule();
}

/* An allowed online CPU for p when the class found none (affinity changed). */
static int select_fallback_rq(struct task_struct *p)
{
	unsigned int cpu;

	for_each_sched_cpu(cpu)
		if (cpumask_test_cpu(cpu, &p->cpus_allowed))
			return cpu;
	/* Every allowed CPU went away: run anywhere, as Linux does. */
	return smp_processor_id();
}

/* Where p should run: the class's choice, or a fallback. p->pi_lock held. */
static int select_task_rq(struct task_struct *p, int cpu, int flags)
{
	lockdep_assert_held(&p->pi_lock);
	/* One CPU online: it is the only choice (an affinity mask always
	 * holds an online CPU). */
	if (!sched_smp_active())
		return cpu;
	if (p->nr_cpus_allowed > 1)
		cpu = p->sched_class->select_task_rq(p, cpu, flags);
	if (!cpumask_test_cpu(cpu, &p->cpus_allowed) || !sched_cpu_usable(cpu))
		cpu = select_fallback_rq(p);
	return cpu;
}

/* ---- wake-ups ---- */

/*
 * p is still queued (it set its state but has not left the CPU yet, or
 * never left the queue): just make it runnable again. Returns false if
 * p left the queue meanwhile; then the caller does a full wake-up.
 */
static bool ttwu_runnable(struct task_struct *p)
{
	struct rq *rq = __task_rq_lock(p);
	bool queued = task_on_rq_queued(p);

	if (queued) {
		if (!task_on_cpu(p)) {
			update_rq_clock(rq);
			check_preempt_curr(rq, p, WF_TTWU);
		}
		WRITE_ONCE(p->state, TASK_RUNNING);
	}
	spin_unlock(&rq->lock);
	return queued;
}

/* Queue woken p on cpu's run queue and see whether it preempts. */
static void ttwu_queue(struct task_struct *p, unsigned int cpu, int eflags)
{
	struct rq *rq = cpu_rq(cpu);

	spin_lock(&rq->lock);
	update_rq_clock(rq);
	activate_task(rq, p, ENQUEUE_WAKEUP | eflags);
	WRITE_ONCE(p->state, TASK_RUNNING);
	check_preempt_curr(rq, p, WF_TTWU);
	spin_unlock(&rq->lock);
}

/*
 * try_to_wake_up - wake p if its state matches @state: requeue it on a
 * CPU (its last, or an idle one) and preempt what runs there if p
 * should (the IPI for another CPU goes once p->pi_lock and the run
 * queue's lock are dropped). Returns 1 if p was woken. Any context;
 * interrupts may be on or off; the caller must not hold a run-queue
 * lock.
 */
static int try_to_wake_up(struct task_struct *p, unsigned int state)
{
	unsigned long f;
	unsigned int cpu;
	int eflags = 0;

	if (p == current) {
		/* Queued and running here: nothing can race with us. */
		if (!(READ_ONCE(p->state) & state))
			return 0;
		WRITE_ONCE(p->state, TASK_RUNNING);
		return 1;
	}
	f = spin_lock_irqsave(&p->pi_lock);
	smp_mb();	/* order the sleeper's state store before our load */
	if (!(READ_ONCE(p->state) & state)) {
		spin_unlock_irqrestore(&p->pi_lock, f);
		return 0;
	}
	resched_ipi_hold();
	smp_rmb();
	if (READ_ONCE(p->on_rq) && ttwu_runnable(p))
		goto out;
	/* p is off the queue: it may still be leaving its CPU. Wait until
	 * its registers are saved before queueing it anywhere. */
	WRITE_ONCE(p->state, TASK_WAKING);
	while (smp_load_acquire(&p->on_cpu))
		cpu_relax();
	cpu = select_task_rq(p, task_cpu(p), WF_TTWU);
	if (cpu != task_cpu(p)) {
		set_task_cpu(p, cpu);
		eflags = ENQUEUE_MIGRATED;
	}
	ttwu_queue(p, cpu, eflags);
out:
	spin_unlock(&p->pi_lock);
	resched_ipi_release();
	local_irq_restore(f);
	return 1;
}

/* wake_up_state - wake p if it sleeps in one of @state. Returns 1 if so. */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	return try_to_wake_up(p, state);
}

/* wake_up_process - wake p from any normal sleep. */
int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

/*
 * set_current_state - declare the sleep we are about to take. The full
 * barrier orders the store before the caller's re-check of its wake-up
 * condition, which pairs with the barrier in try_to_wake_up().
 */
void set_current_state(long state)
{
	WRITE_ONCE(current->state, state);
	smp_mb();
}

/* ---- fork ---- */

/*
 * sched_fork - scheduler state of a child copy_process() is building:
 * the parent's policy and priority (reset by SCHED_RESET_ON_FORK), not
 * on any queue, on the parent's CPU until wake_up_new_task() places it.
 * Cannot fail; no locks needed (nobody sees p yet).
 */
void sched_fork(u64 clone_flags, struct task_struct *p)
{
	spin_lock_init_ranked(&p->pi_lock, "pi_lock", LR_PI);
	p->on_cpu = 0;
	p->on_rq = 0;
	p->state = TASK_NEW;
	p->se.on_rq = false;
	p->se.sum_exec_runtime = 0;
	p->se.prev_sum_exec_runtime = 0;
	RB_CLEAR_NODE(&p->se.run_node);
	INIT_LIST_HEAD(&p->rt.run_list);
	p->rt.on_rq = false;
	p->rt.time_slice = RR_TIMESLICE;
	p->prio = current->normal_prio;
	if (p->sched_reset_on_fork) {
		if (task_has_rt_policy(p)) {
			p->policy = SCHED_NORMAL;
			p->static_prio = NICE_TO_PRIO(0);
			p->rt_priority = 0;
		} else if (PRIO_TO_NICE(p->static_prio) < 0) {
			p->static_prio = NICE_TO_PRIO(0);
		}
		p->prio = p->normal_prio = normal_prio(p);
		set_load_weight(p);
		p->sched_reset_on_fork = false;
	}
	p->sched_class = rt_prio(p->prio) ? &rt_sched_class : &fair_sched_class;
	sched_group_get(p->sched_task_group);	/* the parent's group */
	p->cpu = smp_processor_id();
	set_task_rq(p, p->cpu);
}

/*
 * wake_up_new_task - first enqueue of a task copy_process() built, on
 * the CPU fork balancing picks (an idle or the least loaded allowed
 * one). A fair child starts one slice behind the queue's minimum
 * vruntime: it runs soon, but a task forking in a loop cannot push its
 * children ahead of everybody else.
 */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long f = spin_lock_irqsave(&p->pi_lock);
	struct rq *rq;

	resched_ipi_hold();	/* see try_to_wake_up() */
	WRITE_ONCE(p->state, TASK_RUNNING);
	set_task_cpu(p, select_task_rq(p, task_cpu(p), WF_FORK));
	rq = __task_rq_lock(p);
	update_rq_clock(rq);
	if (p->sched_class->task_fork)
		p->sched_class->task_fork(rq, p);
	activate_task(rq, p, 0);
	trace_sched_wakeup_new(p);
	check_preempt_curr(rq, p, WF_FORK);
	spin_unlock(&rq->lock);
	spin_unlock(&p->pi_lock);
	resched_ipi_release();
	local_irq_restore(f);
}

/* ---- the switch ---- */

/*
 * finish_task_switch - in the task that was switched to, on its CPU,
 * with that CPU's rq->lock held and interrupts off: prev's state is
 * saved, so it may now run elsewhere (on_cpu cleared), and a dead prev
 * drops the reference that kept its stack. Returns with interrupts on.
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	long prev_state = READ_ONCE(prev->state);
	bool migrating = task_on_rq_migrating(prev);

	lockdep_assert_held(&rq->lock);
	/* CPU time (kernel/cputime.c): close prev's last stretch while it
	 * cannot yet run elsewhere, start current's. */
	vtime_task_switch(prev);
	smp_store_release(&prev->on_cpu, 0);
	spin_unlock(&rq->lock);
	if (migrating)
		finish_migration(prev);
	local_irq_enable();
	if (prev_state == TASK_DEAD)
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

/* The highest class's next task; prev has been put back already. */
static struct task_struct *pick_next_task(struct rq *rq,
					  struct task_struct *prev)
{
	const struct sched_class *class;
	struct task_struct *p;

	/* Only fair tasks here (the common case): straight to the tree. */
	bool pull_rt = sched_smp_active() && rt_overloaded();

	if (prev->sched_class == &fair_sched_class && !pull_rt &&
	    rq->nr_running == rq->cfs.h_nr_running && rq->nr_running)
		return fair_sched_class.pick_next_task_put(rq, prev);
	prev->sched_class->put_prev_task(rq, prev);
	if (pull_rt)
		pull_rt_task(rq);
	if (!rq->nr_running)
		newidle_balance(rq);
	for (class = &rt_sched_class; class; class = class->next) {
		p = class->pick_next_task(rq);
		if (p)
			return p;
	}
	BUG_ON(1);	/* the idle class always has its task */
	return NULL;
}

/*
 * __schedule - pick the next task on this CPU and switch to it. A
 * voluntary call (preempt false) with current not TASK_RUNNING takes it
 * off the queue; a preemption leaves it queued whatever its state.
 * Returns with interrupts on.
 */
static void __schedule(bool preempt)
{
	struct task_struct *prev, *next;
	unsigned long *switch_count;
	struct rq *rq;

	local_irq_disable();
	rq = this_rq();
	prev = rq->curr;
	spin_lock(&rq->lock);
	smp_mb();	/* pairs with try_to_wake_up(): read state after */
	update_rq_clock(rq);
	switch_count = &prev->nivcsw;
	if (!preempt && READ_ONCE(prev->state) != TASK_RUNNING &&
	    signal_pending_state(READ_ONCE(prev->state), prev)) {
		/* A signal this sleep is for came before it (while we ran,
		 * so its wake-up found nobody asleep): do not sleep, as
		 * Linux's __schedule(). */
		WRITE_ONCE(prev->state, TASK_RUNNING);
	} else if (!preempt && READ_ONCE(prev->state) != TASK_RUNNING) {
		deactivate_task(rq, prev, DEQUEUE_SLEEP);
		switch_count = &prev->nvcsw;
	} else if (unlikely(task_on_rq_queued(prev) && !is_idle_task(prev) &&
			    !cpumask_test_cpu(rq->cpu, &prev->cpus_allowed))) {
		/* Not allowed here any more: leave, and let
		 * finish_task_switch() queue it where it may run. */
		deactivate_task(rq, prev, 0);
		WRITE_ONCE(prev->on_rq, TASK_ON_RQ_MIGRATING);
	}
	next = pick_next_task(rq, prev);
	clear_need_resched();
	if (likely(next != prev)) {
		rq->nr_switches++;
		(*switch_count)++;
		WRITE_ONCE(next->on_cpu, 1);
		WRITE_ONCE(rq->curr, next);
		prev = __switch_to(prev, next);
		/* Back in our task, maybe much later and on another CPU,
		 * with that CPU's rq->lock held; prev ran just before us. */
		finish_task_switch(prev);
		return;
	}
	spin_unlock(&rq->lock);
	local_irq_enable();
}

/*
 * schedule - give up the CPU. If current is not TASK_RUNNING it stays
 * off the run queue until a wake-up. May be called with interrupts on
 * or off; returns with them on. No spinlock may be held.
 */
void schedule(void)
{
	might_sleep("schedule()");
	__schedule(false);
}

/* cond_resched - a preemption point in long kernel work. */
void cond_resched(void)
{
	if (need_resched())
		__schedule(true);
}

/* The idle loop's way in: idle is never queued, always "preempted". */
void schedule_idle(void)
{
	__schedule(true);
}

/* ---- the tick ---- */

/*
 * sched_tick - the timer tick on this CPU (interrupt context): let the
 * running task's class decide on preemption, and balance the load now
 * and then.
 */
void sched_tick(bool user)
{
	struct rq *rq = this_rq();
	struct task_struct *curr;

	spin_lock(&rq->lock);
	curr = rq->curr;
	/* A CPU that ticks before init_idle() gave its run queue an idle
	 * task schedules nothing yet. */
	if (unlikely(!curr)) {
		spin_unlock(&rq->lock);
		return;
	}
	/* utime/stime are charged precisely elsewhere (kernel/cputime.c),
	 * not a tick at a time. */
	update_rq_clock(rq);
	curr->sched_class->task_tick(rq, curr);
	rt_period_tick(rq);
	spin_unlock(&rq->lock);
	sched_balance_tick(rq);
}

/* ---- waiting for a task to be off its CPU (ptrace) ---- */

/*
 * wait_task_inactive - wait until p, asleep in match_state, is off every
 * CPU (its registers saved). Returns p's context-switch count (never
 * 0), or 0 if p left match_state meanwhile. match_state 0 accepts any
 * state. May sleep; no locks held.
 */
unsigned long wait_task_inactive(struct task_struct *p, long match_state)
{
	unsigned long f, ncsw;
	bool running, queued;
	struct rq *rq;

	for (;;) {
		while (task_on_cpu(p)) {
			if (match_state && READ_ONCE(p->state) != match_state)
				return 0;
			cpu_relax();
		}
		rq = task_rq_lock(p, &f);
		running = task_on_cpu(p);
		queued = task_on_rq_queued(p);
		ncsw = 0;
		if (!match_state || READ_ONCE(p->state) == match_state)
			ncsw = p->nvcsw | (1UL << 63);
		task_rq_unlock(rq, p, f);
		if (!ncsw)
			return 0;
		if (running)
			continue;
		if (queued) {
			/* Runnable but preempted: let it get off a tick. */
			set_current_state(TASK_UNINTERRUPTIBLE);
			schedule_timeout(ktime_get_ns() + TICK_NSEC);
			continue;
		}
		return ncsw;
	}
}

/* ---- boot ---- */

/* Runnable tasks on every CPU (for /proc/stat, /proc/loadavg). */
unsigned int nr_running(void)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu)
		n += READ_ONCE(cpu_rq(cpu)->nr_running);
	return n;
}

/*
 * init_idle - make idle the idle task of cpu: it runs when nothing else
 * does, belongs to no queue and is current there from the start. Called
 * for the boot CPU by sched_init() and for each other CPU before it is
 * started.
 */
void init_idle(struct task_struct *idle, unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long f = spin_lock_irqsave(&rq->lock);

	spin_lock_init_ranked(&idle->pi_lock, "pi_lock", LR_PI);
	idle->state = TASK_RUNNING;
	idle->on_rq = 0;
	idle->on_cpu = 1;
	idle->cpu = cpu;
	idle->policy = SCHED_NORMAL;
	idle->static_prio = idle->normal_prio = idle->prio = MAX_PRIO;
	idle->rt_priority = 0;
	idle->sched_class = &idle_sched_class;
	cpumask_clear(&idle->cpus_allowed);
	cpumask_set_cpu(cpu, &idle->cpus_allowed);
	idle->nr_cpus_allowed = 1;
	RB_CLEAR_NODE(&idle->se.run_node);
	INIT_LIST_HEAD(&idle->rt.run_list);
	rq->idle = idle;
	rq->curr = idle;
	spin_unlock_irqrestore(&rq->lock, f);
	cpumask_set_cpu(cpu, &sched_cpus);
}

/*
 * sched_init - empty run queues for every possible CPU, and init_task
 * as the boot CPU's idle task. Its scheduling fields are also the
 * template kernel threads and init inherit (SCHED_NORMAL, nice 0,
 * every CPU allowed). Boot, before the first task is created.
 */
void sched_init(void)
{
	struct task_struct *t = &init_task;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init_ranked(&rq->lock, "rq->lock", LR_RQ);
		rq->cpu = cpu;
		init_cfs_rq(&rq->cfs, rq, &root_task_group);
		init_rt_rq(&rq->rt);
		init_idle_rq(rq);
	}
	sched_autogroup_init();
	t->sched_task_group = &root_task_group;
	init_idle(t, smp_processor_id());
	/* What copy_process() copies into kernel_init and the rest. */
	t->policy = SCHED_NORMAL;
	t->static_prio = t->normal_prio = NICE_TO_PRIO(0);
	set_load_weight(t);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		cpumask_set_cpu(cpu, &t->cpus_allowed);
	t->nr_cpus_allowed = NR_CPUS;
}
