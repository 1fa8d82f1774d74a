/*
 * The real-time class: SCHED_FIFO and SCHED_RR, above every fair task.
 * One FIFO list per priority (prio 0..99, 0 highest, = 99 - the user's
 * sched_priority) and a bitmap of the non-empty ones; the running task
 * stays at the head of its list. A FIFO task runs until it blocks,
 * yields or a higher one wakes; an RR task also goes to the tail of its
 * list after RR_TIMESLICE (100 ms).
 *
 * Throttling, as Linux's sched_rt_runtime_us: in each 1 s period RT
 * tasks of a CPU may run 950 ms; then the class stands aside until the
 * period ends, so a runaway SCHED_FIFO loop cannot lock out root's
 * shell. rq->lock held everywhere.
 */
#include <tine/printk.h>
#include "sched.h"

/* Run queues with an RT task waiting (rt_nr_running >= 2): while any
 * exists, a CPU about to run something lower looks there (pull). */
static atomic_t rt_overload_count;

#define RT_PERIOD_NS NSEC_PER_SEC
#define RT_RUNTIME_NS (950 * NSEC_PER_MSEC)

static void rt_set_bit(struct rt_rq *rt, int prio)
{
	rt->bitmap[prio / 64] |= 1UL << (prio % 64);
}

static void rt_clear_bit(struct rt_rq *rt, int prio)
{
	rt->bitmap[prio / 64] &= ~(1UL << (prio % 64));
}

/* The highest non-empty priority, or MAX_RT_PRIO. */
static int rt_first_prio(const struct rt_rq *rt)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(rt->bitmap); i++)
		if (rt->bitmap[i])
			return i * 64 + __builtin_ctzl(rt->bitmap[i]);
	return MAX_RT_PRIO;
}

/* Charge the running RT task; throttle the class past its runtime. */
static void update_curr_rt(struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	struct rt_rq *rt = &rq->rt;
	s64 delta;

	if (curr->sched_class != &rt_sched_class)
		return;
	delta = rq->clock - curr->se.exec_start;
	if (delta <= 0)
		return;
	curr->se.exec_start = rq->clock;
	curr->se.sum_exec_runtime += delta;
	rt->rt_time += delta;
	if (!rt->rt_throttled && rt->rt_time > RT_RUNTIME_NS) {
		static bool said;

		rt->rt_throttled = true;
		if (!said) {
			said = true;
			printk("sched: RT throttling activated\n");
		}
		resched_curr(rq);
	}
}

/* Keep rt_overload_count in step with rq's queue. rq->lock held. */
static void update_rt_overload(struct rq *rq)
{
	bool over = rq->rt.rt_nr_running >= 2;

	lockdep_assert_held(&rq->lock);
	if (over == rq->rt.overloaded)
		return;
	rq->rt.overloaded = over;
	if (over)
		atomic_inc(&rt_overload_count);
	else
		atomic_dec(&rt_overload_count);
}

/* Does any run queue have an RT task waiting? (a hint) */
bool rt_overloaded(void)
{
	return atomic_read(&rt_overload_count) > 0;
}

/*
 * p waits on rq behind a higher RT task: ask an allowed CPU running
 * something of lower priority to reschedule, so its pick pulls p
 * (pull_rt_task). rq->lock held.
 */
static void push_rt_kick(struct rq *rq, struct task_struct *p)
{
	unsigned int cpu;

	lockdep_assert_held(&rq->lock);
	if (!sched_smp_active() || p->nr_cpus_allowed < 2)
		return;
	for_each_sched_cpu(cpu) {
		struct rq *other = cpu_rq(cpu);

		if (other != rq && cpumask_test_cpu(cpu, &p->cpus_allowed) &&
		    READ_ONCE(other->curr)->prio > p->prio) {
			resched_curr(other);
			return;
		}
	}
}

static void enqueue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	struct rt_rq *rt = &rq->rt;

	if (flags & ENQUEUE_HEAD)
		list_add(&p->rt.run_list, &rt->queue[p->prio]);
	else
		list_add_tail(&p->rt.run_list, &rt->queue[p->prio]);
	rt_set_bit(rt, p->prio);
	rt->rt_nr_running++;
	p->rt.on_rq = true;
	update_rt_overload(rq);
	if (rt->overloaded && rq->curr != p && rq->curr->prio <= p->prio)
		push_rt_kick(rq, p);
}

static void dequeue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	struct rt_rq *rt = &rq->rt;

	update_curr_rt(rq);
	list_del_init(&p->rt.run_list);
	if (list_empty(&rt->queue[p->prio]))
		rt_clear_bit(rt, p->prio);
	rt->rt_nr_running--;
	p->rt.on_rq = false;
	update_rt_overload(rq);
}

/* To the tail of its priority's list (RR slice end, sched_yield). */
static void requeue_task_rt(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->rt.run_list);
	list_add_tail(&p->rt.run_list, &rq->rt.queue[p->prio]);
}

static void yield_task_rt(struct rq *rq)
{
	requeue_task_rt(rq, rq->curr);
}

static void check_preempt_curr_rt(struct rq *rq, struct task_struct *p,
				  int flags)
{
	if (p->prio < rq->curr->prio)
		resched_curr(rq);
}

static void set_next_task_rt(struct rq *rq, struct task_struct *p)
{
	p->se.exec_start = rq->clock;
}

static struct task_struct *pick_next_task_rt(struct rq *rq)
{
	struct rt_rq *rt = &rq->rt;
	struct task_struct *p;
	int prio;

	if (!rt->rt_nr_running || rt->rt_throttled)
		return NULL;
	prio = rt_first_prio(rt);
	p = list_first_entry(&rt->queue[prio], struct task_struct,
			     rt.run_list);
	set_next_task_rt(rq, p);
	return p;
}

static void put_prev_task_rt(struct rq *rq, struct task_struct *p)
{
	update_curr_rt(rq);
}

/* Tick: account, and rotate an RR task whose slice is used up. */
static void task_tick_rt(struct rq *rq, struct task_struct *p)
{
	update_curr_rt(rq);
	if (p->policy != SCHED_RR || --p->rt.time_slice)
		return;
	p->rt.time_slice = RR_TIMESLICE;
	/* Alone at its priority: it just goes on. */
	if (p->rt.run_list.prev != p->rt.run_list.next) {
		requeue_task_rt(rq, p);
		resched_curr(rq);
	}
}

/*
 * rt_period_tick - from the tick: start a new throttling period once a
 * second, letting throttled RT tasks run again. rq->lock held.
 */
void rt_period_tick(struct rq *rq)
{
	struct rt_rq *rt = &rq->rt;

	assert_spin_locked(&rq->lock);
	if (rq->clock - rt->period_start < RT_PERIOD_NS)
		return;
	rt->period_start = rq->clock;
	rt->rt_time = 0;
	if (rt->rt_throttled) {
		rt->rt_throttled = false;
		if (rt->rt_nr_running)
			resched_curr(rq);
	}
}

/*
 * A waking RT task: its last CPU if it would preempt what runs there,
 * else the allowed CPU running the lowest priority below it.
 */
static int select_task_rq_rt(struct task_struct *p, int prev_cpu, int flags)
{
	int best = -1, best_prio = p->prio;
	unsigned int cpu;

	if (cpumask_test_cpu(prev_cpu, &p->cpus_allowed) &&
	    READ_ONCE(cpu_rq(prev_cpu)->curr)->prio > p->prio)
		return prev_cpu;
	for_each_sched_cpu(cpu) {
		int prio = READ_ONCE(cpu_rq(cpu)->curr)->prio;

		if (cpumask_test_cpu(cpu, &p->cpus_allowed) && prio > best_prio) {
			best = cpu;
			best_prio = prio;
		}
	}
	return best >= 0 ? best : prev_cpu;
}

static void switched_to_rt(struct rq *rq, struct task_struct *p)
{
	if (task_on_rq_queued(p) && rq->curr != p && p->prio < rq->curr->prio)
		resched_curr(rq);
}

static void prio_changed_rt(struct rq *rq, struct task_struct *p, int old)
{
	if (!task_on_rq_queued(p))
		return;
	if (rq->curr == p) {
		if (p->prio > old)	/* lowered: someone may be above now */
			resched_curr(rq);
	} else if (p->prio < rq->curr->prio) {
		resched_curr(rq);
	}
}

static void update_curr_rt_class(struct rq *rq)
{
	update_curr_rt(rq);
}

static unsigned int get_rr_interval_rt(struct rq *rq, struct task_struct *p)
{
	return p->policy == SCHED_RR ? RR_TIMESLICE : 0;
}

/*
 * pick_rt_migration_candidate - the highest queued RT task of src that
 * is not running and may move to dst_cpu, or NULL. src->lock held.
 */
struct task_struct *pick_rt_migration_candidate(struct rq *src,
						unsigned int dst_cpu)
{
	struct task_struct *p;

	assert_spin_locked(&src->lock);
	if (!src->rt.rt_nr_running)
		return NULL;
	for (int prio = 0; prio < MAX_RT_PRIO; prio++)
		list_for_each_entry(p, &src->rt.queue[prio], rt.run_list)
			if (p != src->curr && can_migrate_task(p, dst_cpu))
				return p;
	return NULL;
}

/*
 * pull_rt_task - rq's CPU is about to run something: if another CPU has
 * an RT task waiting that ranks above everything queued here, take it
 * (the highest such, one per call). Called from __schedule() with
 * rq->lock held; drops and retakes it.
 */
void pull_rt_task(struct rq *rq)
{
	unsigned int cpu;

	assert_spin_locked(&rq->lock);
	for_each_sched_cpu(cpu) {
		struct rq *src = cpu_rq(cpu);
		struct task_struct *p;

		if (src == rq || !READ_ONCE(src->rt.overloaded))
			continue;
		spin_unlock(&rq->lock);
		double_rq_lock(rq, src);
		p = pick_rt_migration_candidate(src, rq->cpu);
		if (p && p->prio < rt_first_prio(&rq->rt)) {
			update_rq_clock(src);
			update_rq_clock(rq);
			move_queued_task(src, rq, p);
		}
		spin_unlock(&src->lock);
		return;
	}
}

void init_rt_rq(struct rt_rq *rt)
{
	for (int i = 0; i < MAX_RT_PRIO; i++)
		INIT_LIST_HEAD(&rt->queue[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(rt->bitmap); i++)
		rt->bitmap[i] = 0;
	rt->rt_nr_running = 0;
	rt->rt_time = 0;
	rt->period_start = 0;
	rt->rt_throttled = false;
	rt->overloaded = false;
}

const struct sched_class rt_sched_class = {
	.next = &fair_sched_class,
	.enqueue_task = enqueue_task_rt,
	.dequeue_task = dequeue_task_rt,
	.yield_task = yield_task_rt,
	.check_preempt_curr = check_preempt_curr_rt,
	.pick_next_task = pick_next_task_rt,
	.put_prev_task = put_prev_task_rt,
	.set_next_task = set_next_task_rt,
	.select_task_rq = select_task_rq_rt,
	.task_tick = task_tick_rt,
	.switched_to = switched_to_rt,
	.prio_changed = prio_changed_rt,
	.update_curr = update_curr_rt_class,
	.get_rr_interval = get_rr_interval_rt,
};
