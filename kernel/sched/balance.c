/*
 * Load balancing between CPUs: where a new task starts (fork
 * balancing), what an idle CPU pulls, and the periodic pull from the
 * tick. Simpler than Linux's scheduling domains: one level, every
 * online CPU, balanced by the number of queued tasks.
 *
 * - fork: the allowed CPU with the fewest queued tasks (the parent's on
 *   a tie), so a fork bomb or a parallel make spreads at once;
 * - newly idle: before a CPU goes idle it pulls one queued, not running
 *   task from the busiest CPU (RT first, then fair);
 * - periodic: every BALANCE_INTERVAL ticks (every tick when idle) a CPU
 *   pulls from the busiest until the two differ by at most one.
 *
 * A task is moved only while queued and off every CPU, with both run
 * queues locked (double_rq_lock), and only to a CPU it is allowed on.
 *
 * A pull that finds nothing it may move (the busy CPU's tasks are all
 * pinned there) backs off, doubling this CPU's wait up to
 * BALANCE_MAX_BACKOFF ticks, as Linux does for "all pinned": idle CPUs
 * must not hammer a busy CPU's run-queue lock for nothing.
 */
#include <tine/printk.h>
#include "sched.h"

#define BALANCE_INTERVAL 8	/* ticks between periodic pulls (busy) */
#define BALANCE_MAX_BACKOFF 128	/* ticks: the longest wait after failures */
#define BALANCE_BATCH 8		/* most tasks one periodic pull moves */

/* Online CPUs and the tunables' scale, refreshed by every tick so the
 * hot paths need not count bits (CPUs come online at boot). */
static unsigned int sched_nr_online = 1;
static unsigned int sched_scale = 1;

static unsigned int nr_online(void)
{
	return READ_ONCE(sched_nr_online);
}

/* 1 + log2 of the online CPUs (at most 8), as Linux scales its tunables. */
unsigned int sched_tunable_scale(void)
{
	return READ_ONCE(sched_scale);
}

/* Count the online CPUs again (cheap: a word or two of bits). */
static void update_nr_online(void)
{
	unsigned int cpu, n = 0;

	for_each_sched_cpu(cpu)
		n++;

	if (n == sched_nr_online)
		return;
	WRITE_ONCE(sched_nr_online, n);
	n = MIN(n, 8U);
	WRITE_ONCE(sched_scale, 1 + (31 - __builtin_clz(n ? n : 1)));
}

/* Is there another CPU to place tasks on? (select_task_rq's test) */
bool sched_smp_active(void)
{
	return nr_online() > 1;
}

/*
 * select_idlest_cpu - fork balancing: the allowed online CPU with the
 * fewest queued tasks, prev_cpu on a tie. p->pi_lock held; loads are
 * read without the run-queue locks (a hint).
 */
int select_idlest_cpu(struct task_struct *p, int prev_cpu, int flags)
{
	unsigned int cpu, best = prev_cpu, best_nr = ~0U;

	lockdep_assert_held(&p->pi_lock);
	if (cpumask_test_cpu(prev_cpu, &p->cpus_allowed))
		best_nr = READ_ONCE(cpu_rq(prev_cpu)->nr_running);
	for_each_sched_cpu(cpu) {
		unsigned int nr = READ_ONCE(cpu_rq(cpu)->nr_running);

		if (cpumask_test_cpu(cpu, &p->cpus_allowed) && nr < best_nr) {
			best = cpu;
			best_nr = nr;
		}
	}
	return best;
}

/* The online CPU other than this one with the most queued tasks. */
static struct rq *find_busiest_rq(struct rq *this, unsigned int min_nr)
{
	struct rq *busiest = NULL;
	unsigned int cpu, most = min_nr - 1;

	for_each_sched_cpu(cpu) {
		unsigned int nr = READ_ONCE(cpu_rq(cpu)->nr_running);

		if (cpu != this->cpu && nr > most) {
			busiest = cpu_rq(cpu);
			most = nr;
		}
	}
	return busiest;
}

/* One task of src that may run on dst: RT first. Both locked. */
static struct task_struct *pick_migration_candidate(struct rq *src,
						    struct rq *dst)
{
	struct task_struct *p = pick_rt_migration_candidate(src, dst->cpu);

	return p ? p : pick_cfs_migration_candidate(src, dst->cpu);
}

/*
 * newidle_balance - rq's CPU is about to go idle: pull one task from
 * the busiest CPU. Called from __schedule() with rq->lock held and
 * interrupts off; drops and retakes rq->lock (new wake-ups may have
 * come meanwhile; the caller picks after).
 */
/* A pull found nothing it may move (or moved something): adjust when
 * this CPU tries again. rq->lock held. */
static void balance_result(struct rq *rq, bool moved)
{
	unsigned long next;

	assert_spin_locked(&rq->lock);
	if (moved)
		rq->balance_backoff = 0;
	else if (rq->balance_backoff < BALANCE_MAX_BACKOFF)
		rq->balance_backoff = rq->balance_backoff ? 2 * rq->balance_backoff
							  : 1;
	next = jiffies + rq->balance_backoff;
	if (moved || (long)(next - rq->next_balance) > 0)
		rq->next_balance = next;
}

void newidle_balance(struct rq *rq)
{
	struct rq *busiest;
	struct task_struct *p = NULL;

	if (nr_online() < 2 || (long)(jiffies - rq->next_balance) < 0)
		return;
	busiest = find_busiest_rq(rq, 2);
	if (!busiest)
		return;
	spin_unlock(&rq->lock);
	double_rq_lock(rq, busiest);
	if (!rq->nr_running && busiest->nr_running >= 2) {
		p = pick_migration_candidate(busiest, rq);
		if (p) {
			update_rq_clock(busiest);
			update_rq_clock(rq);
			move_queued_task(busiest, rq, p);
		}
	}
	spin_unlock(&busiest->lock);
	balance_result(rq, p != NULL);
}

/* Pull from busiest until this has about half the difference. */
static void load_balance(struct rq *this)
{
	struct rq *busiest = find_busiest_rq(this, this->nr_running + 2);
	struct task_struct *p;
	int moved = 0;

	if (!busiest)
		return;
	double_rq_lock(this, busiest);
	update_rq_clock(busiest);
	update_rq_clock(this);
	while (moved < BALANCE_BATCH &&
	       busiest->nr_running >= this->nr_running + 2) {
		p = pick_migration_candidate(busiest, this);
		if (!p)
			break;
		move_queued_task(busiest, this, p);
		moved++;
	}
	spin_unlock(&busiest->lock);
	if (!moved)
		balance_result(this, false);
	spin_unlock(&this->lock);
}

/*
 * sched_balance_tick - from the tick (interrupt context, interrupts
 * off, no run-queue lock held): now and then pull work from the
 * busiest CPU, every tick while this CPU is idle.
 */
void sched_balance_tick(struct rq *rq)
{
	unsigned long now = jiffies;

	update_nr_online();
	if (nr_online() < 2 || (long)(now - rq->next_balance) < 0)
		return;
	rq->next_balance = now + (idle_cpu(rq->cpu) ? 1 : BALANCE_INTERVAL) +
			   rq->balance_backoff;
	load_balance(rq);
}
