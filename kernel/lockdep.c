/*
 * The lock-order checker behind `tine.lockdep` (see <tine/lockdep.h>).
 *
 * Each context keeps a short record of the locks it holds: one per CPU
 * for spinlocks taken in process context, one per CPU for interrupt
 * context (an interrupt handler's locks are not nested inside what the
 * interrupted code holds: that code is not running), and one per task
 * for sleeping locks and rwlocks, whose holders may sleep, or move.
 * Taking a ranked lock whose rank is below the rank of a held one is an
 * inversion of the documented order: the first time a pair of classes
 * is seen inverted it is reported with a backtrace; the kernel goes on.
 *
 * Releasing a spinlock or a mutex does no lockdep work (the fast paths
 * stay as they are with checking off): a record lapses by itself, and
 * is dropped at the next acquisition, once the lock no longer serves
 * the ticket we took (a spinlock) or no longer belongs to current (a
 * mutex). rwlocks are released explicitly.
 *
 * A record is touched only by its own context (a CPU's, with interrupts
 * off; a task's, by the task), so it needs no lock of its own.
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <tine/cpumask.h>
#include <tine/init.h>
#include <tine/lockdep.h>
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/spinlock.h>

bool lockdep_enabled;
bool lockdep_requested;			/* [boot] tine.lockdep given */
static struct held_locks cpu_held[NR_CPUS][2];	/* [cpu][in irq] */

static int lockdep_setup(char *val)
{
	lockdep_requested = true;
	return 0;
}
__setup("tine.lockdep", lockdep_setup);

/* Pairs (held rank, taken rank) already reported: each once. */
#define REPORTED_MAX 64
static u32 reported[REPORTED_MAX];

static bool in_irq_context(void)
{
	return this_cpu_read_ptr(irq_count) > 0;
}

static struct held_locks *cpu_record(void)
{
	return &cpu_held[smp_processor_id_raw()][in_irq_context()];
}

/* Spinlocks go in the CPU's record, the rest in the task's. */
static struct held_locks *record_for(enum lockdep_kind kind)
{
	return kind == LOCKDEP_SPIN ? cpu_record() : &current->held_locks;
}

/*
 * Is entry i of s still held by its context? A released lock's memory
 * may be gone by now (a completion on a returned stack): besides the
 * ticket (or owner), the lock must still be taken and still name the
 * class recorded, which stale memory all but never does.
 */
static bool entry_held(const struct held_locks *s, unsigned int i)
{
	const spinlock_t *l = s->lock[i];
	const struct mutex *m = s->lock[i];

	switch (s->kind[i]) {
	case LOCKDEP_SPIN:
		return READ_ONCE(l->owner) == s->ticket[i] &&
		       READ_ONCE(l->next) != s->ticket[i] &&
		       READ_ONCE(l->class) == s->class[i];
	case LOCKDEP_MUTEX:
		return mutex_owner(m) == current &&
		       READ_ONCE(m->class) == s->class[i];
	default:
		return true;
	}
}

static unsigned int depth_of(const struct held_locks *s)
{
	return MIN(s->depth, (unsigned int)HELD_LOCKS_MAX);
}

static void remove_entry(struct held_locks *s, unsigned int i)
{
	unsigned int n = depth_of(s);

	for (; i + 1 < n; i++) {
		s->lock[i] = s->lock[i + 1];
		s->class[i] = s->class[i + 1];
		s->ticket[i] = s->ticket[i + 1];
		s->kind[i] = s->kind[i + 1];
	}
	s->depth--;
}

/* Drop the entries that lapsed (released since they were recorded). */
static void compact(struct held_locks *s)
{
	for (unsigned int i = depth_of(s); i-- > 0;)
		if (!entry_held(s, i))
			remove_entry(s, i);
	/* Entries lost to an overflow cannot be checked: forget them. */
	if (s->depth > HELD_LOCKS_MAX && depth_of(s) < HELD_LOCKS_MAX)
		s->depth = depth_of(s);
}

/* Remember (held, taken) as reported; false if it already was. */
static bool first_report(unsigned int held, unsigned int taken)
{
	u32 key = held << 16 | taken;

	for (int i = 0; i < REPORTED_MAX; i++) {
		u32 old = 0;

		if (__atomic_load_n(&reported[i], __ATOMIC_RELAXED) == key)
			return false;
		if (__atomic_compare_exchange_n(&reported[i], &old, key, false,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return true;
		if (old == key)
			return false;
	}
	return false;
}

static void report(const struct lock_class *held, const struct lock_class *c)
{
	if (!first_report(held->rank, c->rank))
		return;
	pr_err("\nlockdep: lock order inversion on CPU %d (task %s): taking "
	       "%s (rank %u) while holding %s (rank %u)\n",
	       smp_processor_id_raw(), current->comm, c->name, c->rank,
	       held->name, held->rank);
	dump_stack_lvl(KERN_ERR);
}

/*
 * Check c against every ranked lock held in record s. The inversions
 * are reported after the walk: printing takes locks, which changes s
 * (a lock printk took and released would otherwise be reported as
 * held).
 */
static void check_record(struct held_locks *s, const struct lock_class *c)
{
	const struct lock_class *bad[HELD_LOCKS_MAX];
	unsigned int n = 0;

	compact(s);
	for (unsigned int i = 0; i < depth_of(s); i++) {
		const struct lock_class *h = s->class[i];

		if (h && h->rank && h->rank > c->rank)
			bad[n++] = h;
	}
	for (unsigned int i = 0; i < n; i++)
		report(bad[i], c);
}

/*
 * An rwlock taken again by a context that holds it: with a writer
 * queued in between, the second read_lock waits behind the writer,
 * which waits for the first (the rwlock is fair): a deadlock only SMP
 * timing shows, reported here on every run.
 */
static void check_rwlock_recursion(struct held_locks *s, const void *lock,
				   const struct lock_class *c)
{
	for (unsigned int i = 0; i < depth_of(s); i++) {
		if (s->lock[i] != lock || s->kind[i] != LOCKDEP_RWLOCK)
			continue;
		if (!first_report(c ? c->rank : 0, 0xffffu))
			return;
		pr_err("\nlockdep: recursive rwlock %s on CPU %d (task %s): "
		       "deadlocks if a writer waits in between\n",
		       c ? c->name : "?", smp_processor_id_raw(),
		       current->comm);
		dump_stack_lvl(KERN_ERR);
		return;
	}
}

void lockdep_acquire(const void *lock, const struct lock_class *c,
		     enum lockdep_kind kind, u16 ticket)
{
	unsigned long f;
	struct held_locks *s;

	/* A mutex may sleep: any spinlock, ranked or not, is a bug. */
	if (kind == LOCKDEP_MUTEX)
		lockdep_report_might_sleep("mutex_lock()");
	else if (kind == LOCKDEP_MUTEX_TRY)
		kind = LOCKDEP_MUTEX;
	f = local_irq_save();
	s = record_for(kind);

	if (kind == LOCKDEP_RWLOCK)
		check_rwlock_recursion(s, lock, c);

	if (c && c->rank) {
		check_record(cpu_record(), c);
		/* In process context the task's locks are held too. */
		if (!in_irq_context())
			check_record(&current->held_locks, c);
	} else {
		compact(s);
	}
	if (s->depth < HELD_LOCKS_MAX) {
		s->lock[s->depth] = lock;
		s->class[s->depth] = c;
		s->ticket[s->depth] = ticket;
		s->kind[s->depth] = kind;
	}
	s->depth++;
	local_irq_restore(f);
}

void lockdep_release(const void *lock, const struct lock_class *c)
{
	unsigned long f = local_irq_save();
	struct held_locks *s = &current->held_locks;

	for (unsigned int i = depth_of(s); i-- > 0;)
		if (s->lock[i] == lock && s->kind[i] == LOCKDEP_RWLOCK) {
			remove_entry(s, i);
			break;
		}
	local_irq_restore(f);
}

void lockdep_spin_lock(spinlock_t *l)
{
	u16 ticket;

	/* Test-and-set under a hypervisor: the ticket is known once the
	 * lock is ours, so the order is checked after taking it. */
	if (virt_spin_lock_key) {
		ticket = virt_spin_lock(l);
		lockdep_acquire(l, l->class, LOCKDEP_SPIN, ticket);
		return;
	}
	ticket = arch_spin_ticket(l);
	lockdep_acquire(l, l->class, LOCKDEP_SPIN, ticket);
	arch_spin_wait(l, ticket);
}

bool lockdep_spin_held(const void *lock)
{
	unsigned long f = local_irq_save();
	bool held = false;

	for (int irq = 0; irq < 2 && !held; irq++) {
		struct held_locks *s = &cpu_held[smp_processor_id_raw()][irq];

		for (unsigned int i = 0; i < depth_of(s); i++)
			if (s->lock[i] == lock && entry_held(s, i))
				held = true;
	}
	local_irq_restore(f);
	return held;
}

bool lockdep_holds_irqsafe_lock(void)
{
	struct held_locks *s = cpu_record();

	compact(s);
	for (unsigned int i = 0; i < depth_of(s); i++)
		if (!s->class[i] || !s->class[i]->ipi_safe)
			return true;
	return false;
}

bool lockdep_holds_spinlock(void)
{
	struct held_locks *s = cpu_record();

	compact(s);
	return s->depth > 0;
}

void lockdep_report_might_sleep(const char *what)
{
	unsigned long f = local_irq_save();
	struct held_locks *s = cpu_record();
	const struct lock_class *c;

	compact(s);
	if (!s->depth) {
		local_irq_restore(f);
		return;
	}
	c = s->class[depth_of(s) - 1];
	local_irq_restore(f);
	/* Once per kind (the rank 0xfffe pair marks these reports). */
	if (!first_report(c ? c->rank : 0, 0xfffe))
		return;
	pr_err("\nlockdep: might sleep: %s on CPU %d (task %s) with "
	       "spinlock %s held\n", what, smp_processor_id_raw(),
	       current->comm, c ? c->name : "(unranked)");
	dump_stack_lvl(KERN_ERR);
}

/*
 * A self-test at boot: two classes taken in the wrong order must be
 * reported (and the report is only printed here, under its own name).
 */
static bool lockdep_selftest(void)
{
	static const struct lock_class outer = { .name = "selftest outer",
						 .rank = 1 };
	static const struct lock_class inner = { .name = "selftest inner",
						 .rank = 2 };
	struct held_locks s = { 0 };
	spinlock_t a, b;

	__spin_lock_init(&a, &inner);
	__spin_lock_init(&b, &outer);
	arch_spin_lock(&a);
	s.lock[0] = &a;
	s.class[0] = &inner;
	s.ticket[0] = 0;
	s.kind[0] = LOCKDEP_SPIN;
	s.depth = 1;
	compact(&s);
	if (s.depth != 1)
		return false;
	for (unsigned int i = 0; i < s.depth; i++)
		if (s.class[i]->rank <= b.class->rank)
			return false;
	arch_spin_unlock(&a);
	compact(&s);
	return s.depth == 0;
}

void lockdep_init(void)
{
	if (!lockdep_requested)
		return;
	if (!lockdep_selftest()) {
		pr_err("lockdep: self-test failed: not checking\n");
		return;
	}
	lockdep_enabled = true;
	pr_info("lockdep: checking the lock order\n");
}
