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
 * - Group scheduling (autogroup.c): a session's tasks sit in their
 *   group's queue, whose entity competes in the CPU's top-level queue
 *   like one nice-0 task. Enqueue, dequeue, pick and the tick walk the
 *   two levels, as Linux's CONFIG_FAIR_GROUP_SCHED does.
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
	return cfs->rq;
}

static struct cfs_rq *cfs_rq_of(struct sched_entity *se)
{
	return se->cfs_rq;
}

#define for_each_sched_entity(se) for (; (se); (se) = (se)->parent)

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
	struct sched_entity *se = &rq->curr->se;

	for_each_sched_entity(se)
		update_curr(cfs_rq_of(se));
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

/* se's share of the period: its weight's share at each level up
 * (counting se if not queued), of a period sized by all tasks here. */
static u64 sched_slice(struct cfs_rq *cfs, struct sched_entity *se)
{
	u64 slice = sched_period(rq_of(cfs)->cfs.h_nr_running + !se->on_rq);

	for_each_sched_entity(se) {
		unsigned long load = cfs_rq_of(se)->load +
				     (se->on_rq ? 0 : se->weight);

		slice = slice * se->weight / (load ? load : 1);
	}
	return slice;
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

/* Queue p, and its group's entity if the group was idle here. */
static void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct sched_entity *se = &p->se;

	for_each_sched_entity(se) {
		if (se->on_rq)
			break;
		enqueue_entity(cfs_rq_of(se), se, flags);
		cfs_rq_of(se)->h_nr_running++;
		flags = ENQUEUE_WAKEUP;
	}
	for_each_sched_entity(se)
		cfs_rq_of(se)->h_nr_running++;
}

/* Take p off, and its group's entity if the group has nothing left. */
static void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct sched_entity *se = &p->se;

	for_each_sched_entity(se) {
		struct cfs_rq *cfs = cfs_rq_of(se);

		dequeue_entity(cfs, se, flags);
		cfs->h_nr_running--;
		if (cfs->load) {
			se = se->parent;
			break;
		}
		flags |= DEQUEUE_SLEEP;
	}
	for_each_sched_entity(se)
		cfs_rq_of(se)->h_nr_running--;
}

/* sched_yield(): let the next task go first, once (at every level). */
static void yield_task_fair(struct rq *rq)
{
	struct sched_entity *se = &rq->curr->se;

	if (rq->cfs.h_nr_running < 2)
		return;
	update_curr(cfs_rq_of(se));
	for_each_sched_entity(se)
		cfs_rq_of(se)->skip = se;
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

static int entity_depth(struct sched_entity *se)
{
	int d = 0;

	for (; se->parent; se = se->parent)
		d++;
	return d;
}

/* Walk se and pse up to the two entities that share a queue. */
static void find_matching_se(struct sched_entity **se,
			     struct sched_entity **pse)
{
	int sd = entity_depth(*se), pd = entity_depth(*pse);

	for (; sd > pd; sd--)
		*se = (*se)->parent;
	for (; pd > sd; pd--)
		*pse = (*pse)->parent;
	while ((*se)->cfs_rq != (*pse)->cfs_rq) {
		*se = (*se)->parent;
		*pse = (*pse)->parent;
	}
}

/* A fair task woke (or was forked) onto rq while a fair task runs. */
static void check_preempt_wakeup(struct rq *rq, struct task_struct *p,
				 int flags)
{
	struct task_struct *curr = rq->curr;
	struct sched_entity *se = &curr->se, *pse = &p->se;

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
	find_matching_se(&se, &pse);
	update_curr(cfs_rq_of(se));
	if (wakeup_preempt_entity(se, pse) == 1)
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

/* se starts running: out of the tree, its slice starts now. */
static void set_next_entity(struct cfs_rq *cfs, struct sched_entity *se)
{
	if (se->on_rq)
		__dequeue_entity(cfs, se);
	se->exec_start = rq_of(cfs)->clock;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
	cfs->curr = se;
}

/* se stops running: back into the tree if still queued. */
static void put_prev_entity(struct cfs_rq *cfs, struct sched_entity *se)
{
	if (se->on_rq) {
		update_curr(cfs);
		__enqueue_entity(cfs, se);
	}
	cfs->curr = NULL;
}

static void set_next_task_fair(struct rq *rq, struct task_struct *p)
{
	struct sched_entity *se = &p->se;

	for_each_sched_entity(se)
		set_next_entity(cfs_rq_of(se), se);
}

/* Leftmost at the top; if that is a group, leftmost in the group. */
static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se;

	if (!cfs->h_nr_running)
		return NULL;
	do {
		se = pick_next_entity(cfs);
		if (!se)
			return NULL;	/* broken invariant; caller goes idle */
		set_next_entity(cfs, se);
		cfs = se->my_q;
	} while (cfs);
	return task_of(se);
}

static void put_prev_task_fair(struct rq *rq, struct task_struct *prev)
{
	struct sched_entity *se = &prev->se;

	for_each_sched_entity(se)
		put_prev_entity(cfs_rq_of(se), se);
}

/* pick_next_task with fair prev still current (core's fast path). */
static struct task_struct *pick_next_task_put_fair(struct rq *rq,
						   struct task_struct *prev)
{
	put_prev_task_fair(rq, prev);
	return pick_next_task_fair(rq);
}

/* Tick: preempt curr once it had its slice, or ran a slice ahead of
 * the leftmost of its queue. */
static void check_preempt_tick(struct cfs_rq *cfs, struct sched_entity *curr)
{
	struct rq *rq = rq_of(cfs);
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
	struct sched_entity *se = &curr->se;

	for_each_sched_entity(se) {
		struct cfs_rq *cfs = cfs_rq_of(se);

		update_curr(cfs);
		if (cfs->nr_running > 1)
			check_preempt_tick(cfs, se);
	}
}

/*
 * A new child's place (wake_up_new_task(), rq locked, the child not yet
 * queued): after its parent, or after the queue's minimum plus a slice,
 * whichever is later; kept relative until activate_task() queues it.
 */
static void task_fork_fair(struct rq *rq, struct task_struct *p)
{
	struct sched_entity *se = &p->se;
	struct cfs_rq *cfs = cfs_rq_of(se);

	se->vruntime = cfs->min_vruntime;
	if (cfs->curr) {
		update_curr(cfs);
		se->vruntime = cfs->curr->vruntime;
	}
	place_entity(cfs, se, true);
	se->vruntime -= cfs->min_vruntime;
}

/* A sleeper moves to new_cpu (TASK_WAKING, pi_lock held): relative. */
static void migrate_task_rq_fair(struct task_struct *p, int new_cpu)
{
	lockdep_assert_held(&p->pi_lock);
	p->se.vruntime -= READ_ONCE(cfs_rq_of(&p->se)->min_vruntime);
}

/*
 * p comes from another class. Queued, it was enqueued relative (0: the
 * queue's minimum); asleep, it starts at the minimum of its queue.
 */
static void switched_to_fair(struct rq *rq, struct task_struct *p)
{
	if (!task_on_rq_queued(p))
		p->se.vruntime = cfs_rq_of(&p->se)->min_vruntime;
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

/*
 * The waker is exiting (PF_EXITING: a child telling its parent, a vfork
 * child releasing its parent, a thread waking the one that joins it)
 * and is all this CPU runs: it is about to leave the CPU for good, so
 * the wakee takes this CPU rather than waiting for another, idle one to
 * start (under a hypervisor a halted vCPU that the host must run first:
 * milliseconds on a loaded host). This is Linux's sync wake-up of a
 * parent (__wake_up_parent() with WF_SYNC, wake_affine_idle(): "sync,
 * and this CPU runs only the waker"), known here from the waker's
 * state. Never from an interrupt, whose current is not the waker.
 */
static bool wake_affine_exiting(struct task_struct *p, unsigned int cpu)
{
	return (current->flags & PF_EXITING) &&
	       !this_cpu_read_ptr(irq_count) &&
	       READ_ONCE(cpu_rq(cpu)->nr_running) == 1 &&
	       cpumask_test_cpu(cpu, &p->cpus_allowed);
}

static int select_task_rq_fair(struct task_struct *p, int prev_cpu, int flags)
{
	unsigned int cpu = smp_processor_id(), c;

	/* A vfork child: its parent sleeps until the child execs or
	 * exits, so the child takes the parent's CPU, at once and with
	 * no IPI, rather than another one (fork balancing). */
	if ((flags & WF_FORK) && p->vfork_done &&
	    cpumask_test_cpu(cpu, &p->cpus_allowed))
		return cpu;
	if (flags & WF_FORK)
		return select_idlest_cpu(p, cpu, flags);
	if (wake_affine_exiting(p, cpu))
		return cpu;
	/* A wake-up: the CPU it last ran on if idle (its cache), this CPU
	 * if idle (a wake-up from the idle loop's interrupt), any idle
	 * allowed CPU, else stay where it was. */
	if (cpumask_test_cpu(prev_cpu, &p->cpus_allowed) && idle_cpu(prev_cpu))
		return prev_cpu;
	if (cpumask_test_cpu(cpu, &p->cpus_allowed) && idle_cpu(cpu))
		return cpu;
	for_each_sched_cpu(c)
		if (cpumask_test_cpu(c, &p->cpus_allowed) && idle_cpu(c))
			return c;
	return prev_cpu;
}

/* sched_rr_get_interval() of a fair task: its slice, in jiffies. */
static unsigned int get_rr_interval_fair(struct rq *rq, struct task_struct *p)
{
	if (!rq->cfs.load)
		return 0;
	return sched_slice(cfs_rq_of(&p->se), &p->se) / TICK_NSEC;
}

/* A task queued (not running) in cfs or its groups that may go to
 * dst_cpu, looking from the right; *budget bounds the search. */
static struct task_struct *migration_candidate(struct cfs_rq *cfs,
					       unsigned int dst_cpu,
					       int *budget)
{
	struct rb_node *n = rb_last(&cfs->tasks_timeline.root);
	struct task_struct *p;

	/* A running group's entity is out of the tree, its tasks not. */
	if (cfs->curr && cfs->curr->my_q) {
		p = migration_candidate(cfs->curr->my_q, dst_cpu, budget);
		if (p)
			return p;
	}
	for (; n && (*budget)-- > 0; n = rb_prev(n)) {
		struct sched_entity *se =
			rb_entry(n, struct sched_entity, run_node);

		if (se->my_q) {
			p = migration_candidate(se->my_q, dst_cpu, budget);
			if (p)
				return p;
		} else if (can_migrate_task(task_of(se), dst_cpu)) {
			return task_of(se);
		}
	}
	return NULL;
}

/*
 * pick_cfs_migration_candidate - a queued fair task of src that may move
 * to dst_cpu, or NULL. Looks from the right of the trees (the tasks
 * that have had the most) and only at a few. src->lock held.
 */
struct task_struct *pick_cfs_migration_candidate(struct rq *src,
						 unsigned int dst_cpu)
{
	int budget = 32;

	assert_spin_locked(&src->lock);
	return migration_candidate(&src->cfs, dst_cpu, &budget);
}

void init_cfs_rq(struct cfs_rq *cfs, struct rq *rq, struct task_group *tg)
{
	cfs->tasks_timeline = RB_ROOT_CACHED;
	cfs->curr = cfs->skip = NULL;
	cfs->nr_running = cfs->h_nr_running = 0;
	cfs->load = 0;
	/* Start far from 0 so wrap-around code is exercised early. */
	cfs->min_vruntime = (u64)(-(1LL << 20));
	cfs->rq = rq;
	cfs->tg = tg;
}

/* A group's entity on rq's CPU, queueing my_q's tasks as one nice-0
 * task in the top-level queue. */
void init_group_entity(struct sched_entity *se, struct cfs_rq *my_q,
		       struct rq *rq)
{
	RB_CLEAR_NODE(&se->run_node);
	se->parent = NULL;
	se->cfs_rq = &rq->cfs;
	se->my_q = my_q;
	se->weight = NICE_0_LOAD;
	se->on_rq = false;
	se->vruntime = 0;
	se->exec_start = 0;
	se->sum_exec_runtime = se->prev_sum_exec_runtime = 0;
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
