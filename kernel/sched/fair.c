/*
 * The fair class: SCHED_NORMAL, SCHED_BATCH and SCHED_IDLE, after
 * Linux's CFS. Each task accumulates virtual runtime, its CPU time
 * scaled by NICE_0_LOAD / weight (weight from nice: each nice step is
 * ~10% of CPU, the 1.25 ratio of Linux's table); the run queue is a
 * red-black tree ordered by vruntime and the leftmost task runs next.
 *
 * - A running task is preempted at the tick once it has had its slice
 *   (the latency period shared by weight), or when it is a slice ahead
 *   of the leftmost.
 * - A waking task is placed at max(its vruntime, min_vruntime - half a
 *   latency period): a sleeper gets a bounded credit, so it runs
 *   promptly however many tasks are runnable, but cannot hoard credit
 *   by sleeping long. A woken SCHED_NORMAL task preempts the running
 *   one if it is more than the wake-up granularity behind it.
 * - A forked child starts at min_vruntime plus one slice (its parent's
 *   vruntime if that is later): forking cannot buy CPU time.
 * - Off a queue (asleep-then-migrating, or moved by the balancer) a
 *   vruntime is kept relative to its queue's min_vruntime, so it means
 *   the same on the next CPU.
 *
 * Everything here runs with rq->lock held (sched.h says which).
 */
#include <tine/printk.h>
#include "sched.h"

/* Base values for one CPU; scaled by sched_tunable_scale(). */
#define SCHED_LATENCY_NS (6 * NSEC_PER_MSEC)
#define SCHED_MIN_GRANULARITY_NS (750 * 1000ULL)
#define SCHED_WAKEUP_GRANULARITY_NS (1 * NSEC_PER_MSEC)
#define SCHED_NR_LATENCY 8	/* latency / min granularity */

/*
 * Load weight of nice -20..19. Each step multiplies by about 1.25, so a
 * task one nice level lower gets about 10% more CPU than its peer.
 */
static const unsigned long sched_prio_to_weight[NICE_WIDTH] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548,  7620,  6100,  4904,  3906,
	/*  -5 */ 3121,  2501,  1991,  1586,  1277,
	/*   0 */ 1024,  820,   655,   526,   423,
	/*   5 */ 335,   272,   215,   172,   137,
	/*  10 */ 110,   87,    70,    56,    45,
	/*  15 */ 36,    29,    23,    18,    15,
};

static struct task_struct *task_of(struct sched_entity *se)
{
	return container_of(se, struct task_struct, se);
}

static struct rq *rq_of(struct cfs_rq *cfs)
{
	return container_of(cfs, struct rq, cfs);
}

/*
 * set_load_weight - p's weight from its nice level (SCHED_IDLE: below
 * nice 19). If p is queued the caller dequeues it around the change,
 * so the queue's load stays the sum of its tasks' weights.
 */
void set_load_weight(struct task_struct *p)
{
	if (p->policy == SCHED_IDLE)
		p->se.weight = WEIGHT_IDLEPRIO;
	else
		p->se.weight = sched_prio_to_weight[p->static_prio - MAX_RT_PRIO];
}

/* A tunable scaled as Linux's default (1 + log2 CPUs, at most 8). */
static u64 scaled(u64 base)
{
	return base * sched_tunable_scale();
}

/* ns of CPU as vruntime for se: heavier tasks' clocks run slower. */
static u64 calc_delta_fair(u64 delta, const struct sched_entity *se)
{
	if (se->weight != NICE_0_LOAD)
		delta = delta * NICE_0_LOAD / se->weight;
	return delta;
}

static inline bool vruntime_before(u64 a, u64 b)
{
	return (s64)(a - b) < 0;
}

/* Raise min_vruntime to the smaller of curr's and the leftmost's. */
static void update_min_vruntime(struct cfs_rq *cfs)
{
	struct sched_entity *curr = cfs->curr;
	struct rb_node *left = rb_first_cached(&cfs->tasks_timeline);
	u64 v = cfs->min_vruntime;

	if (curr && !curr->on_rq)
		curr = NULL;
	if (curr)
		v = curr->vruntime;
	if (left) {
		u64 lv = rb_entry(left, struct sched_entity, run_node)->vruntime;

		if (!curr || vruntime_before(lv, v))
			v = lv;
	}
	if (vruntime_before(cfs->min_vruntime, v))
		cfs->min_vruntime = v;
}

/* Charge the running entity for the time since it was last charged. */
static void update_curr(struct cfs_rq *cfs)
{
	struct sched_entity *curr = cfs->curr;
	u64 now = rq_of(cfs)->clock;
	s64 delta;

	if (!curr)
		return;
	delta = now - curr->exec_start;
	if (delta <= 0)
		return;
	curr->exec_start = now;
	curr->sum_exec_runtime += delta;
	curr->vruntime += calc_delta_fair(delta, curr);
	update_min_vruntime(cfs);
}

static void update_curr_fair(struct rq *rq)
{
	update_curr(&rq->cfs);
}

/* Link se into the tree; equal vruntimes queue behind each other. */
static void __enqueue_entity(struct cfs_rq *cfs, struct sched_entity *se)
{
	struct rb_node **link = &cfs->tasks_timeline.root.node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (vruntime_before(se->vruntime,
				    rb_entry(parent, struct sched_entity,
					     run_node)->vruntime)) {
			link = &parent->left;
		} else {
			link = &parent->right;
			leftmost = false;
		}
	}
	rb_link_node(&se->run_node, parent, link);
	rb_insert_color_cached(&se->run_node, &cfs->tasks_timeline, leftmost);
}

static void __dequeue_entity(struct cfs_rq *cfs, struct sched_entity *se)
{
	rb_erase_cached(&se->run_node, &cfs->tasks_timeline);
}

static struct sched_entity *first_entity(struct cfs_rq *cfs)
{
	struct rb_node *left = rb_first_cached(&cfs->tasks_timeline);

	return left ? rb_entry(left, struct sched_entity, run_node) : NULL;
}

/* The period in which every runnable task runs once: the latency, or
 * longer when more tasks than fit share it. */
static u64 sched_period(unsigned int nr)
{
	if (nr > SCHED_NR_LATENCY)
		return nr * scaled(SCHED_MIN_GRANULARITY_NS);
	return scaled(SCHED_LATENCY_NS);
}

/* se's share of the period, by weight (counting se if not queued). */
static u64 sched_slice(struct cfs_rq *cfs, struct sched_entity *se)
{
	unsigned int nr = cfs->nr_running + !se->on_rq;
	unsigned long load = cfs->load + (se->on_rq ? 0 : se->weight);

	return sched_period(nr) * se->weight / (load ? load : 1);
}

/*
 * place_entity - where a forked (initial) or waking se joins the queue:
 * a fork one virtual slice after min_vruntime, a wake-up at most half a
 * latency period before it. Never earlier than se's own vruntime.
 */
static void place_entity(struct cfs_rq *cfs, struct sched_entity *se,
			 bool initial)
{
	u64 v = cfs->min_vruntime;

	if (initial)
		v += calc_delta_fair(sched_slice(cfs, se), se);
	else
		v -= scaled(SCHED_LATENCY_NS) / 2;
	if (vruntime_before(se->vruntime, v))
		se->vruntime = v;
}

static void enqueue_entity(struct cfs_rq *cfs, struct sched_entity *se,
			   int flags)
{
	bool renorm = !(flags & ENQUEUE_WAKEUP) || (flags & ENQUEUE_MIGRATED);
	bool curr = cfs->curr == se;

	/* A relative vruntime (see the top) becomes absolute again. */
	if (renorm && curr)
		se->vruntime += cfs->min_vruntime;
	update_curr(cfs);
	if (renorm && !curr)
		se->vruntime += cfs->min_vruntime;
	if (flags & ENQUEUE_WAKEUP)
		place_entity(cfs, se, false);
	cfs->load += se->weight;
	cfs->nr_running++;
	if (!curr)
		__enqueue_entity(cfs, se);
	se->on_rq = true;
}

static void dequeue_entity(struct cfs_rq *cfs, struct sched_entity *se,
			   int flags)
{
	update_curr(cfs);
	if (se != cfs->curr)
		__dequeue_entity(cfs, se);
	se->on_rq = false;
	cfs->load -= se->weight;
	cfs->nr_running--;
	if (cfs->skip == se)
		cfs->skip = NULL;
	/* Leaving to elsewhere, not to sleep: keep it relative. */
	if (!(flags & DEQUEUE_SLEEP))
		se->vruntime -= cfs->min_vruntime;
	update_min_vruntime(cfs);
}

static void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	enqueue_entity(&rq->cfs, &p->se, flags);
}

static void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	dequeue_entity(&rq->cfs, &p->se, flags);
}

/* sched_yield(): let the next task go first, once. */
static void yield_task_fair(struct rq *rq)
{
	struct cfs_rq *cfs = &rq->cfs;

	if (cfs->nr_running < 2)
		return;
	update_curr(cfs);
	cfs->skip = cfs->curr;
}

/* 1: curr is far enough ahead of se that se should preempt it. */
static int wakeup_preempt_entity(struct sched_entity *curr,
				 struct sched_entity *se)
{
	s64 vdiff = curr->vruntime - se->vruntime;

	if (vdiff <= 0)
		return -1;
	if ((u64)vdiff > calc_delta_fair(scaled(SCHED_WAKEUP_GRANULARITY_NS),
					 se))
		return 1;
	return 0;
}

/* A fair task woke (or was forked) onto rq while a fair task runs. */
static void check_preempt_wakeup(struct rq *rq, struct task_struct *p,
				 int flags)
{
	struct task_struct *curr = rq->curr;

	if (curr == p)
		return;
	/* SCHED_IDLE runs only when nothing else wants to. */
	if (curr->policy == SCHED_IDLE && p->policy != SCHED_IDLE) {
		resched_curr(rq);
		return;
	}
	/* Batch and idle tasks never preempt on wake-up. */
	if (p->policy != SCHED_NORMAL)
		return;
	update_curr(&rq->cfs);
	if (wakeup_preempt_entity(&curr->se, &p->se) == 1)
		resched_curr(rq);
}

/* The leftmost entity, unless it just yielded and another can go. */
static struct sched_entity *pick_next_entity(struct cfs_rq *cfs)
{
	struct sched_entity *left = first_entity(cfs), *second;

	if (left && cfs->skip == left) {
		struct rb_node *n = rb_next(&left->run_node);

		second = n ? rb_entry(n, struct sched_entity, run_node) : NULL;
		if (second && wakeup_preempt_entity(second, left) < 1)
			left = second;
	}
	cfs->skip = NULL;
	return left;
}

static void set_next_task_fair(struct rq *rq, struct task_struct *p)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &p->se;

	if (se->on_rq)
		__dequeue_entity(cfs, se);
	se->exec_start = rq->clock;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
	cfs->curr = se;
}

static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	struct sched_entity *se;

	if (!rq->cfs.nr_running)
		return NULL;
	se = pick_next_entity(&rq->cfs);
	if (!se)
		return NULL;
	set_next_task_fair(rq, task_of(se));
	return task_of(se);
}

/* prev stops running: back into the tree if still queued. */
static void put_prev_task_fair(struct rq *rq, struct task_struct *prev)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &prev->se;

	if (se->on_rq) {
		update_curr(cfs);
		__enqueue_entity(cfs, se);
	}
	cfs->curr = NULL;
}

/* pick_next_task with fair prev still current (core's fast path). */
static struct task_struct *pick_next_task_put_fair(struct rq *rq,
						   struct task_struct *prev)
{
	put_prev_task_fair(rq, prev);
	return pick_next_task_fair(rq);
}

/* Tick: preempt curr once it had its slice, or ran a slice ahead of
 * the leftmost task. */
static void check_preempt_tick(struct rq *rq, struct sched_entity *curr)
{
	struct cfs_rq *cfs = &rq->cfs;
	u64 ideal = sched_slice(cfs, curr);
	u64 ran = curr->sum_exec_runtime - curr->prev_sum_exec_runtime;
	struct sched_entity *left;
	s64 delta;

	if (ran > ideal) {
		resched_curr(rq);
		return;
	}
	if (ran < scaled(SCHED_MIN_GRANULARITY_NS))
		return;
	left = first_entity(cfs);
	if (!left)
		return;
	delta = curr->vruntime - left->vruntime;
	if (delta > (s64)ideal)
		resched_curr(rq);
}

static void task_tick_fair(struct rq *rq, struct task_struct *curr)
{
	update_curr(&rq->cfs);
	if (rq->cfs.nr_running > 1)
		check_preempt_tick(rq, &curr->se);
}

/*
 * A child copy_process() is building (sched_fork): its vruntime, placed
 * on the parent's queue and kept relative until wake_up_new_task()
 * queues it wherever fork balancing puts it.
 */
static void task_fork_fair(struct task_struct *p)
{
	struct rq *rq = this_rq();
	struct sched_entity *se = &p->se;
	unsigned long f = spin_lock_irqsave(&rq->lock);
	struct cfs_rq *cfs = &rq->cfs;

	update_rq_clock(rq);
	if (cfs->curr) {
		update_curr(cfs);
		se->vruntime = cfs->curr->vruntime;
	}
	place_entity(cfs, se, true);
	se->vruntime -= cfs->min_vruntime;
	spin_unlock_irqrestore(&rq->lock, f);
}

/* A sleeper moves to new_cpu (TASK_WAKING, pi_lock held): relative. */
static void migrate_task_rq_fair(struct task_struct *p, int new_cpu)
{
	p->se.vruntime -= READ_ONCE(task_rq(p)->cfs.min_vruntime);
}

/*
 * p comes from another class. Queued, it was enqueued relative (0: the
 * queue's minimum); asleep, it starts at the minimum of its queue.
 */
static void switched_to_fair(struct rq *rq, struct task_struct *p)
{
	if (!task_on_rq_queued(p))
		p->se.vruntime = rq->cfs.min_vruntime;
	else if (rq->curr != p)
		check_preempt_curr(rq, p, 0);
}

/* p's nice level changed (it was dequeued and queued around it). */
static void prio_changed_fair(struct rq *rq, struct task_struct *p, int old)
{
	if (!task_on_rq_queued(p))
		return;
	if (rq->curr == p) {
		if (p->prio > old)
			resched_curr(rq);
	} else {
		check_preempt_curr(rq, p, 0);
	}
}

static int select_task_rq_fair(struct task_struct *p, int prev_cpu, int flags)
{
	unsigned int cpu = smp_processor_id(), c;

	if (flags & WF_FORK)
		return select_idlest_cpu(p, cpu, flags);
	/* A wake-up: the CPU it last ran on if idle (its cache), this CPU
	 * if idle (a wake-up from the idle loop's interrupt), any idle
	 * allowed CPU, else stay where it was. */
	if (cpumask_test_cpu(prev_cpu, &p->cpus_allowed) && idle_cpu(prev_cpu))
		return prev_cpu;
	if (cpumask_test_cpu(cpu, &p->cpus_allowed) && idle_cpu(cpu))
		return cpu;
	for_each_online_cpu(c)
		if (cpumask_test_cpu(c, &p->cpus_allowed) && idle_cpu(c))
			return c;
	return prev_cpu;
}

/* sched_rr_get_interval() of a fair task: its slice, in jiffies. */
static unsigned int get_rr_interval_fair(struct rq *rq, struct task_struct *p)
{
	if (!rq->cfs.load)
		return 0;
	return sched_slice(&rq->cfs, &p->se) / TICK_NSEC;
}

/*
 * pick_cfs_migration_candidate - a queued fair task of src that may move
 * to dst_cpu, or NULL. Looks from the right of the tree (the tasks that
 * have had the most) and only at a few. src->lock held.
 */
struct task_struct *pick_cfs_migration_candidate(struct rq *src,
						 unsigned int dst_cpu)
{
	struct rb_node *n = rb_last(&src->cfs.tasks_timeline.root);
	int budget = 32;

	for (; n && budget--; n = rb_prev(n)) {
		struct task_struct *p =
			task_of(rb_entry(n, struct sched_entity, run_node));

		if (can_migrate_task(p, dst_cpu))
			return p;
	}
	return NULL;
}

void init_cfs_rq(struct cfs_rq *cfs)
{
	cfs->tasks_timeline = RB_ROOT_CACHED;
	cfs->curr = cfs->skip = NULL;
	cfs->nr_running = 0;
	cfs->load = 0;
	/* Start far from 0 so wrap-around code is exercised early. */
	cfs->min_vruntime = (u64)(-(1LL << 20));
}

const struct sched_class fair_sched_class = {
	.next = &idle_sched_class,
	.enqueue_task = enqueue_task_fair,
	.dequeue_task = dequeue_task_fair,
	.yield_task = yield_task_fair,
	.check_preempt_curr = check_preempt_wakeup,
	.pick_next_task = pick_next_task_fair,
	.pick_next_task_put = pick_next_task_put_fair,
	.put_prev_task = put_prev_task_fair,
	.set_next_task = set_next_task_fair,
	.select_task_rq = select_task_rq_fair,
	.migrate_task_rq = migrate_task_rq_fair,
	.task_tick = task_tick_fair,
	.task_fork = task_fork_fair,
	.switched_to = switched_to_fair,
	.prio_changed = prio_changed_fair,
	.update_curr = update_curr_fair,
	.get_rr_interval = get_rr_interval_fair,
};
