/*
 * The scheduler's internals, shared by the files of kernel/sched/ only:
 * the per-CPU run queue, the scheduling classes and the helpers that
 * lock them.
 * docs/sched.md tells the whole story; the lock order is at the top of
 * core.c.
 */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include <tine/cpumask.h>
#include <tine/rbtree.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/spinlock.h>
#include <uapi/sched.h>

/* Priorities, as Linux numbers them: lower runs first. */
#define MAX_RT_PRIO 100
#define MAX_NICE 19
#define MIN_NICE -20
#define NICE_WIDTH 40
#define DEFAULT_PRIO (MAX_RT_PRIO + NICE_WIDTH / 2)	/* nice 0: 120 */
#define MAX_PRIO (MAX_RT_PRIO + NICE_WIDTH)		/* 140: idle task */
#define NICE_TO_PRIO(n) ((n) + DEFAULT_PRIO)
#define PRIO_TO_NICE(p) ((p) - DEFAULT_PRIO)
#define MAX_USER_RT_PRIO 100

#define NICE_0_LOAD 1024
#define WEIGHT_IDLEPRIO 3		/* SCHED_IDLE, below nice 19 (15) */

#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL
#define TICK_NSEC (NSEC_PER_SEC / HZ)
#define RR_TIMESLICE (100 * HZ / 1000)	/* SCHED_RR: 100 ms in ticks */

/* task->on_rq */
#define TASK_ON_RQ_QUEUED 1
#define TASK_ON_RQ_MIGRATING 2	/* off every queue, on its way elsewhere */

/* enqueue/dequeue flags */
#define DEQUEUE_SLEEP 0x01	/* the task goes to sleep */
#define DEQUEUE_SAVE 0x02	/* it comes straight back (attribute change) */
#define ENQUEUE_WAKEUP 0x01	/* a sleeper wakes */
#define ENQUEUE_RESTORE 0x02	/* back after DEQUEUE_SAVE */
#define ENQUEUE_MIGRATED 0x04	/* woken onto another CPU than it slept on */
#define ENQUEUE_HEAD 0x08	/* RT: at the head of its list (priority kept) */

/* wake flags (select_task_rq, check_preempt_curr) */
#define WF_TTWU 0x01		/* try_to_wake_up() */
#define WF_FORK 0x02		/* wake_up_new_task() */

/*
 * A fair queue on one CPU: the CPU's top-level one (rq->cfs) or a task
 * group's (autogroup.c), whose group entity sits in the top one.
 * [rq->lock of that CPU]
 */
struct cfs_rq {
	struct rb_root_cached tasks_timeline;	/* queued entities but curr */
	struct sched_entity *curr;	/* the running entity, if fair */
	struct sched_entity *skip;	/* sched_yield(): pass over once */
	unsigned int nr_running;	/* queued entities, curr included */
	unsigned int h_nr_running;	/* queued tasks here and below */
	unsigned long load;		/* sum of their weights */
	u64 min_vruntime;		/* monotonic floor of the vruntimes */
	struct rq *rq;			/* [I] the CPU's run queue */
	struct task_group *tg;		/* [I] whose queue this is */
};

/*
 * A task group: Linux's autogroup, one per session (setsid()). Its
 * tasks share one entity per CPU in the top-level queue, so a session
 * that forks a thousand busy tasks competes as one against the others.
 * The root group (init's session, kernel threads) has no entity: its
 * tasks are in rq->cfs directly. References: each task, and setsid()
 * while it attaches.
 */
struct task_group {
	atomic_t refcount;		/* never 0 for the root group */
	unsigned long id;		/* [I] autogroup number */
	struct sched_entity **se;	/* [I] [cpu]: the group's entity */
	struct cfs_rq **cfs_rq;		/* [I] [cpu]: the group's queue */
};

extern struct task_group root_task_group;

/* The real-time class's queue on one CPU. [rq->lock] */
struct rt_rq {
	struct list_head queue[MAX_RT_PRIO];	/* one FIFO per priority */
	unsigned long bitmap[(MAX_RT_PRIO + 63) / 64];	/* non-empty lists */
	unsigned int rt_nr_running;	/* queued RT tasks, curr included */
	u64 rt_time;			/* RT runtime in this period (ns) */
	u64 period_start;		/* rq clock when the period began */
	bool rt_throttled;		/* used up sched_rt_runtime_us */
	bool overloaded;		/* RT tasks wait here: others may pull */
};

/*
 * The run queue of one CPU. Everything is protected by lock, taken with
 * interrupts off (the tick and wake-ups from interrupts take it).
 */
struct rq {
	spinlock_t lock;
	unsigned int cpu;		/* [I] */
	unsigned int nr_running;	/* queued tasks of every class */
	u64 clock;			/* ns, updated by update_rq_clock() */
	struct cfs_rq cfs;
	struct rt_rq rt;
	struct task_struct *curr;	/* running now */
	struct task_struct *idle;	/* [I] this CPU's idle task */
	unsigned long nr_switches;	/* context switches */
	unsigned long next_balance;	/* jiffies of the next pull */
	unsigned int balance_backoff;	/* ticks added after failed pulls */
	/* The CPUs owed the reschedule IPIs this CPU holds back
	 * (resched_ipi_hold(), core.c). Used by this CPU only, with
	 * interrupts off; not under lock. */
	struct cpumask resched_ipis;
};

/*
 * A scheduling class: rt_sched_class, fair_sched_class and
 * idle_sched_class, from highest to lowest (->next). Every method is
 * called with rq->lock held and interrupts off, except select_task_rq
 * (p->pi_lock held).
 */
struct sched_class {
	const struct sched_class *next;
	void (*enqueue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*dequeue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*yield_task)(struct rq *rq);
	void (*check_preempt_curr)(struct rq *rq, struct task_struct *p,
				   int flags);
	/* The next task to run, made current (set_next_task), or NULL. */
	struct task_struct *(*pick_next_task)(struct rq *rq);
	/* The same with prev (of this class) still current: put it back
	 * first (the fast path when every task is fair). */
	struct task_struct *(*pick_next_task_put)(struct rq *rq,
						   struct task_struct *prev);
	void (*put_prev_task)(struct rq *rq, struct task_struct *p);
	void (*set_next_task)(struct rq *rq, struct task_struct *p);
	int (*select_task_rq)(struct task_struct *p, int prev_cpu, int flags);
	/* p is moving to new_cpu while asleep (TASK_WAKING). */
	void (*migrate_task_rq)(struct task_struct *p, int new_cpu);
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	/* A new task's first placement, on the rq fork balancing chose. */
	void (*task_fork)(struct rq *rq, struct task_struct *p);
	/* p (running or queued) joined this class, or changed priority. */
	void (*switched_to)(struct rq *rq, struct task_struct *p);
	void (*prio_changed)(struct rq *rq, struct task_struct *p, int old);
	void (*update_curr)(struct rq *rq);
	unsigned int (*get_rr_interval)(struct rq *rq, struct task_struct *p);
};

extern const struct sched_class rt_sched_class;
extern const struct sched_class fair_sched_class;
extern const struct sched_class idle_sched_class;

extern struct rq runqueues[NR_CPUS];

/*
 * CPUs the scheduler may place tasks on: online, and given an idle task
 * by init_idle() (a CPU being brought up may tick and be online before
 * it schedules). [set once per CPU; read anywhere]
 */
extern struct cpumask sched_cpus;
static inline bool sched_cpu_usable(unsigned int cpu)
{
	return cpu_online(cpu) && cpumask_test_cpu(cpu, &sched_cpus);
}
#define for_each_sched_cpu(cpu)                                           \
	for_each_online_cpu(cpu)                                          \
		if (!cpumask_test_cpu((cpu), &sched_cpus)) {              \
		} else
#define cpu_rq(cpu) (&runqueues[(cpu)])
#define this_rq() cpu_rq(smp_processor_id())
#define task_rq(p) cpu_rq(task_cpu(p))

static inline bool rt_prio(int prio) { return prio < MAX_RT_PRIO; }
static inline bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}
static inline bool fair_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_BATCH ||
	       policy == SCHED_IDLE;
}
static inline bool valid_policy(int policy)
{
	return rt_policy(policy) || fair_policy(policy);
}
static inline bool task_has_rt_policy(const struct task_struct *p)
{
	return rt_policy(p->policy);
}
static inline bool task_on_rq_queued(const struct task_struct *p)
{
	return READ_ONCE(p->on_rq) == TASK_ON_RQ_QUEUED;
}
static inline bool task_on_rq_migrating(const struct task_struct *p)
{
	return READ_ONCE(p->on_rq) == TASK_ON_RQ_MIGRATING;
}
static inline bool task_on_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->on_cpu);
}
static inline bool is_idle_task(const struct task_struct *p)
{
	return p->sched_class == &idle_sched_class;
}
/* A class compares above another if it comes earlier in the list. */
static inline bool sched_class_above(const struct sched_class *a,
				     const struct sched_class *b)
{
	for (; b; b = b->next)
		if (b == a)
			return false;
	return true;
}

/* The rq clock: ns since boot, read once per scheduler event. */
static inline void update_rq_clock(struct rq *rq)
{
	u64 now = ktime_get_ns();

	if ((s64)(now - rq->clock) > 0)
		rq->clock = now;
}

static inline bool cpumask_intersects(const struct cpumask *a,
				      const struct cpumask *b)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(a->bits); i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

/* What sched_change_begin() saved for sched_change_end(). */
struct sched_change {
	bool queued, running;
	const struct sched_class *prev_class;
	int old_prio;
};

/* core.c */
void sched_change_begin(struct rq *rq, struct task_struct *p,
			struct sched_change *c);
void sched_change_end(struct rq *rq, struct task_struct *p,
		      struct sched_change *c, int eflags);
void set_user_nice(struct task_struct *p, int nice);
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *mask);
void do_sched_yield(void);
/* The idle loop's way into the scheduler (idle is never queued). Called
 * by the idle task with no lock held; switches away. */
void schedule_idle(void);
void resched_curr(struct rq *rq);
void activate_task(struct rq *rq, struct task_struct *p, int flags);
void deactivate_task(struct rq *rq, struct task_struct *p, int flags);
void check_preempt_curr(struct rq *rq, struct task_struct *p, int flags);
void set_task_cpu(struct task_struct *p, unsigned int cpu);
struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags);
void task_rq_unlock(struct rq *rq, struct task_struct *p,
		    unsigned long flags);
void double_rq_lock(struct rq *a, struct rq *b);
void double_rq_unlock(struct rq *a, struct rq *b);
bool can_migrate_task(struct task_struct *p, unsigned int dst_cpu);
void move_queued_task(struct rq *src, struct rq *dst, struct task_struct *p);
bool idle_cpu(unsigned int cpu);
void set_load_weight(struct task_struct *p);
int effective_prio(struct task_struct *p);
unsigned int sched_tunable_scale(void);

/* fair.c */
void init_cfs_rq(struct cfs_rq *cfs, struct rq *rq, struct task_group *tg);
void init_group_entity(struct sched_entity *se, struct cfs_rq *my_q,
		       struct rq *rq);
struct task_struct *pick_cfs_migration_candidate(struct rq *src,
						 unsigned int dst_cpu);
/* balance.c */
void sched_balance_tick(struct rq *rq);
void newidle_balance(struct rq *rq);
int select_idlest_cpu(struct task_struct *p, int prev_cpu, int flags);
bool sched_smp_active(void);
/* rt.c */
void init_rt_rq(struct rt_rq *rt);
struct task_struct *pick_rt_migration_candidate(struct rq *src,
						unsigned int dst_cpu);
void rt_period_tick(struct rq *rq);
bool rt_overloaded(void);
void pull_rt_task(struct rq *rq);
/* idle.c */
void init_idle_rq(struct rq *rq);
/* autogroup.c */
void set_task_rq(struct task_struct *p, unsigned int cpu);
void sched_autogroup_init(void);
struct task_group *sched_group_get(struct task_group *tg);

#endif
