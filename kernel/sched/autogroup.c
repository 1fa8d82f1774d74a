/*
 * Task groups, as Linux's autogroup: every session (setsid()) gets a
 * group, and on each CPU the group's tasks queue in the group's own
 * fair queue, represented in the CPU's top-level queue by one entity of
 * nice-0 weight (fair.c walks the two levels). So a session that runs a
 * thousand busy tasks (a fork bomb, make -j1000) shares the CPU with an
 * interactive session as two entities, not a thousand against one: the
 * other session's tasks still run at once when they wake.
 *
 * Simpler than Linux: one level (the root group and its children), and
 * a group entity weighs 1024 on every CPU (Linux spreads a group's
 * shares over CPUs by load). Tasks created before any setsid() (init,
 * kernel threads) are in the root group, whose tasks sit in rq->cfs.
 *
 * Locking: a task's group and queue pointers ([RP]) change under
 * task_rq_lock(); a group is freed when its last reference goes, by
 * then no task is queued in it and its entities are off every queue.
 */
#include <tine/mm.h>
#include <tine/printk.h>
#include "sched.h"

static struct sched_entity *root_se[NR_CPUS];	/* all NULL */
static struct cfs_rq *root_cfs_rq[NR_CPUS];
struct task_group root_task_group = {
	.refcount = ATOMIC_INIT(1),
	.se = root_se,
	.cfs_rq = root_cfs_rq,
};
static unsigned long autogroup_seq;		/* [autogroup_lock] */
static DEFINE_SPINLOCK(autogroup_lock);

/* The root group's queues are the CPUs' top-level ones. Boot. */
void sched_autogroup_init(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		root_cfs_rq[cpu] = &cpu_rq(cpu)->cfs;
}

/*
 * set_task_rq - point p's fair entity at its group's queue on cpu (and
 * the group's entity above it). Whoever changes p->cpu or p's group
 * calls it, with p's pi_lock or rq->lock held as for p->cpu
 * (lock-unchecked: either will do; set_task_cpu() and the group change
 * assert theirs).
 */
void set_task_rq(struct task_struct *p, unsigned int cpu)
{
	struct task_group *tg = p->sched_task_group;

	p->se.cfs_rq = tg->cfs_rq[cpu];
	p->se.parent = tg->se[cpu];
}

/* sched_group_get - take a reference to tg; returns tg. */
struct task_group *sched_group_get(struct task_group *tg)
{
	atomic_inc(&tg->refcount);
	return tg;
}

static void sched_group_put(struct task_group *tg)
{
	if (atomic_dec_and_test(&tg->refcount)) {
		BUG_ON(tg == &root_task_group);
		kfree(tg);
	}
}

/*
 * A new group with a queue and an entity on every possible CPU, in one
 * allocation; NULL if memory is short (the session then stays in its
 * parent's group, as Linux does).
 */
static struct task_group *autogroup_create(void)
{
	unsigned int n = nr_cpu_ids, cpu;
	size_t size = sizeof(struct task_group) +
		      n * (sizeof(void *) * 2 + sizeof(struct sched_entity) +
			   sizeof(struct cfs_rq));
	struct task_group *tg = kzalloc(size);
	struct sched_entity *ses;
	struct cfs_rq *cfss;
	unsigned long f;

	if (!tg)
		return NULL;
	tg->se = (struct sched_entity **)(tg + 1);
	tg->cfs_rq = (struct cfs_rq **)(tg->se + n);
	ses = (struct sched_entity *)(tg->cfs_rq + n);
	cfss = (struct cfs_rq *)(ses + n);
	for (cpu = 0; cpu < n; cpu++) {
		tg->se[cpu] = &ses[cpu];
		tg->cfs_rq[cpu] = &cfss[cpu];
		init_cfs_rq(&cfss[cpu], cpu_rq(cpu), tg);
		init_group_entity(&ses[cpu], &cfss[cpu], cpu_rq(cpu));
	}
	atomic_set(&tg->refcount, 1);
	f = spin_lock_irqsave(&autogroup_lock);
	tg->id = ++autogroup_seq;
	spin_unlock_irqrestore(&autogroup_lock, f);
	return tg;
}

/* Move p into tg: out of its old group's queue, into the new one. */
static void sched_move_task(struct task_struct *p, struct task_group *tg)
{
	struct task_group *old;
	struct sched_change c;
	unsigned long f;
	struct rq *rq;

	rq = task_rq_lock(p, &f);
	update_rq_clock(rq);
	sched_change_begin(rq, p, &c);
	old = p->sched_task_group;
	p->sched_task_group = sched_group_get(tg);
	set_task_rq(p, task_cpu(p));
	sched_change_end(rq, p, &c, 0);
	task_rq_unlock(rq, p, f);
	sched_group_put(old);
}

/*
 * sched_autogroup_create_attach - p (current) began a session: its
 * process moves to a new group. Called by setsid() without locks held;
 * may allocate; does not sleep.
 */
void sched_autogroup_create_attach(struct task_struct *p)
{
	struct task_group *tg = autogroup_create();
	struct task_struct *t;
	unsigned long f;

	if (!tg)
		return;
	f = read_lock_irqsave(&tasklist_lock);
	list_for_each_entry(t, &p->signal->thread_head, thread_node)
		sched_move_task(t, tg);
	read_unlock_irqrestore(&tasklist_lock, f);
	sched_group_put(tg);
}

/*
 * sched_task_free - p's task_struct goes (it never runs again, or never
 * ran): drop its group reference.
 */
void sched_task_free(struct task_struct *p)
{
	if (p->sched_task_group)
		sched_group_put(p->sched_task_group);
}
