/*
 * The out-of-memory killer, after Linux's mm/oom_kill.c. When memory
 * for a process cannot be found (a page fault, a fork), one process is
 * killed so the others can go on:
 *
 * - badness: the pages the victim would give back (resident pages and
 *   its own page-table pages; no swap exists), plus oom_score_adj
 *   thousandths of all memory. -1000 (OOM_SCORE_ADJ_MIN), init, kernel
 *   threads and a vfork child (its memory is its parent's) are never
 *   chosen;
 * - the victim and every other process sharing its memory get SIGKILL;
 *   the victim may dip into the page reserve (min_free_pages) so it can
 *   exit, and while it has not released its memory no second victim is
 *   chosen (unless it is stuck for OOM_VICTIM_WAIT);
 * - the choice is logged as Linux logs it ("Out of memory: Killed
 *   process N (comm) total-vm:...kB, anon-rss:...kB, ...") after the
 *   table of tasks (vm.oom_dump_tasks);
 * - vm.panic_on_oom panics instead; vm.oom_kill_allocating_task kills
 *   the process that ran out, if it may be killed, without a choice.
 *
 * Kernel allocations are never served by killing: they fail with
 * -ENOMEM. User pages stop min_free_pages short of the end (see
 * alloc_pages()), so the kernel keeps room to tear processes down.
 *
 * Locks: oom_lock (a mutex) serialises kills; candidates are chosen
 * under tasklist_lock (read), each one's mm looked at under its
 * task_lock(). Nothing here waits for an mmap_lock.
 */
#include <asm/pgtable.h>
#include <tine/cred.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/mutex.h>
#include <tine/oom.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/sysctl.h>
#include <tine/time.h>

#define OOM_VICTIM_WAIT (5 * HZ)	/* ticks a victim may take to exit */

static struct mutex oom_lock = MUTEX_INIT(oom_lock);

/* The sysctls, read without a lock: vm.panic_on_oom (0, 1, 2: every
 * OOM of tine is system-wide, so 1 and 2 both panic),
 * vm.oom_kill_allocating_task, vm.oom_dump_tasks. */
static int sysctl_panic_on_oom;
static int sysctl_oom_kill_allocating_task;
static int sysctl_oom_dump_tasks = 1;

/* Is p a thread of a process that must never be chosen: a kernel
 * thread, or init (global pid 1)? */
static bool oom_unkillable_task(struct task_struct *p)
{
	return (p->flags & PF_KTHREAD) || p->tgid == 1;
}

/* A vfork child: its memory is its parent's, killing it frees none.
 * t->mm stable (task_lock), tasklist_lock held. */
static bool in_vfork(struct task_struct *t)
{
	assert_spin_locked(&t->alloc_lock);
	assert_rwlock_held(&tasklist_lock);
	return t->vfork_done && READ_ONCE(t->real_parent->mm) == t->mm;
}

/*
 * find_lock_task_mm - a thread of p's process that still has its mm,
 * returned task_lock()ed; NULL if every thread has released it.
 * tasklist_lock held.
 */
struct task_struct *find_lock_task_mm(struct task_struct *p)
{
	struct task_struct *t;

	assert_rwlock_held(&tasklist_lock);
	list_for_each_entry(t, &p->signal->thread_head, thread_node) {
		task_lock(t);
		if (t->mm)
			return t;
		task_unlock(t);
	}
	return NULL;
}

/*
 * Page-table pages of mm for badness: one per 512 resident pages plus
 * the top level. An estimate: the exact count needs mm's mmap_lock,
 * which may not be taken under tasklist_lock (nor waited for by the OOM
 * killer); the log line counts exactly when it can (mm_pgtables_pages).
 */
static unsigned long mm_pgtables_estimate(struct mm_struct *mm)
{
	return get_mm_rss(mm) / 512 + 1;
}

/* The page-table pages mm owns, counted if its mmap_lock is free. No
 * spinlock held. */
static unsigned long mm_pgtables_pages(struct mm_struct *mm)
{
	unsigned long n;

	if (!mutex_trylock(&mm->mmap_lock))
		return mm_pgtables_estimate(mm);
	n = pgtable_pages_of(mm->pgd);
	mutex_unlock(&mm->mmap_lock);
	return n;
}

/*
 * oom_badness - how much killing p would help: its resident and
 * page-table pages plus oom_score_adj/1000 of totalpages; LONG_MIN if
 * p must not be chosen. tasklist_lock held.
 */
long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	struct task_struct *t;
	struct mm_struct *mm;
	long points, adj;

	assert_rwlock_held(&tasklist_lock);
	if (oom_unkillable_task(p))
		return LONG_MIN;
	t = find_lock_task_mm(p);
	if (!t)
		return LONG_MIN;
	mm = t->mm;
	adj = READ_ONCE(p->signal->oom_score_adj);
	if (adj == OOM_SCORE_ADJ_MIN || in_vfork(t)) {
		task_unlock(t);
		return LONG_MIN;
	}
	points = get_mm_rss(mm) + mm_pgtables_estimate(mm);
	task_unlock(t);
	adj *= totalpages / 1000;
	return points + adj;
}

/* Memory the OOM killer counts with: all RAM (no swap). */
static unsigned long oom_totalpages(void)
{
	return totalram_pages();
}

/*
 * oom_score - /proc/<pid>/oom_score: badness scaled to 0..1333 (Linux's
 * (1000 + badness * 1000 / total) * 2 / 3); 0 for the unkillable.
 */
unsigned long oom_score(struct task_struct *p)
{
	unsigned long total = oom_totalpages(), f;
	long badness;

	f = read_lock_irqsave(&tasklist_lock);
	badness = oom_badness(p, total);
	read_unlock_irqrestore(&tasklist_lock, f);
	if (badness == LONG_MIN)
		return 0;
	badness = 1000 + badness * 1000 / (long)total;
	return badness > 0 ? badness * 2 / 3 : 0;
}

/* A victim still holding its memory: wait for it rather than kill more,
 * unless it has been stuck too long. tasklist_lock held. */
static bool victim_pending(struct task_struct *p)
{
	struct task_struct *t;

	assert_rwlock_held(&tasklist_lock);
	if (!p->signal->oom_victim)
		return false;
	if (jiffies - p->signal->oom_victim_since > OOM_VICTIM_WAIT)
		return false;
	t = find_lock_task_mm(p);
	if (!t)
		return false;
	task_unlock(t);
	return true;
}

/*
 * Choose the process with the highest badness, or return NULL with
 * *abort set if a victim is still exiting. tasklist_lock held.
 */
static struct task_struct *select_bad_process(unsigned long total,
					      bool *abort, long *points)
{
	struct task_struct *p, *chosen = NULL;
	long best = LONG_MIN, v;

	assert_rwlock_held(&tasklist_lock);
	*abort = false;
	list_for_each_entry(p, &task_list, tasks) {
		if (!thread_group_leader(p) || p->exit_state)
			continue;
		if (victim_pending(p)) {
			*abort = true;
			return NULL;
		}
		if (p->signal->oom_victim)
			continue;	/* stuck: give it up */
		v = oom_badness(p, total);
		if (v == LONG_MIN || v < best)
			continue;
		chosen = p;
		best = v;
	}
	*points = best;
	return chosen;
}

/* Linux's report of a kill, from a snapshot of the victim's counters. */
static void report_kill(struct task_struct *victim, struct mm_struct *mm)
{
	uid_t uid = __kuid_val(task_uid(victim));

	pr_info("oom-kill:constraint=CONSTRAINT_NONE,global_oom,task=%s,"
	       "pid=%d,uid=%u\n", victim->comm, victim->tgid, uid);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, "
	       "anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u "
	       "pgtables:%lukB oom_score_adj:%d\n", victim->tgid,
	       victim->comm, mm->total_vm << (PAGE_SHIFT - 10),
	       mm->rss[MM_ANONPAGES] << (PAGE_SHIFT - 10),
	       mm->rss[MM_FILEPAGES] << (PAGE_SHIFT - 10),
	       mm->rss[MM_SHMEMPAGES] << (PAGE_SHIFT - 10), uid,
	       mm_pgtables_pages(mm) << (PAGE_SHIFT - 10),
	       victim->signal->oom_score_adj);
}

/*
 * Kill victim's process and every other process using the same mm
 * (they would keep the memory alive), except init and kernel threads.
 * Marks the victim: it may use the reserve, and no second victim is
 * chosen until it is gone.
 */
static void oom_kill_process(struct task_struct *victim)
{
	struct task_struct *t, *p;
	struct mm_struct *mm;
	unsigned long f;

	f = read_lock_irqsave(&tasklist_lock);
	t = find_lock_task_mm(victim);
	if (!t) {
		read_unlock_irqrestore(&tasklist_lock, f);
		return;
	}
	mm = t->mm;
	mmget(mm);		/* its pages stay countable for the log */
	task_unlock(t);
	victim->signal->oom_victim = true;
	victim->signal->oom_victim_since = jiffies;
	group_send_sig_info(SIGKILL, NULL, victim);
	list_for_each_entry(p, &task_list, tasks) {
		if (!thread_group_leader(p) || p->signal == victim->signal ||
		    oom_unkillable_task(p) || READ_ONCE(p->mm) != mm)
			continue;
		p->signal->oom_victim = true;
		p->signal->oom_victim_since = jiffies;
		group_send_sig_info(SIGKILL, NULL, p);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	report_kill(victim, mm);
	mmput(mm);
}

/*
 * Linux's task table in the log before a kill: every process that has
 * memory, with its counters in pages. tasklist_lock held (read).
 */
static void dump_tasks(void)
{
	struct task_struct *p, *t;

	assert_rwlock_held(&tasklist_lock);
	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes "
		"swapents oom_score_adj name\n");
	list_for_each_entry(p, &task_list, tasks) {
		if (!thread_group_leader(p) || oom_unkillable_task(p))
			continue;
		t = find_lock_task_mm(p);
		if (!t)
			continue;
		pr_info("[%7d] %5u %5d %8lu %8lu %8lu %8lu         %5d %s\n",
			t->pid, __kuid_val(task_uid(t)), t->tgid,
			t->mm->total_vm, get_mm_rss(t->mm),
			mm_pgtables_estimate(t->mm) << PAGE_SHIFT, 0UL,
			READ_ONCE(p->signal->oom_score_adj), t->comm);
		task_unlock(t);
	}
}

/* The log's header of an OOM: who ran out, and the task table if
 * vm.oom_dump_tasks. No locks held. */
static void dump_header(unsigned int order)
{
	unsigned long f;

	pr_warn("%s invoked oom-killer: order=%u, oom_score_adj=%d\n",
		current->comm, order, current->signal->oom_score_adj);
	if (!READ_ONCE(sysctl_oom_dump_tasks))
		return;
	f = read_lock_irqsave(&tasklist_lock);
	dump_tasks();
	read_unlock_irqrestore(&tasklist_lock, f);
}

/* With vm.oom_kill_allocating_task, current is the victim if it may be
 * killed at all. Returns whether it was. oom_lock held. */
static bool oom_kill_current(unsigned int order)
{
	mutex_assert_held(&oom_lock);
	if (!READ_ONCE(sysctl_oom_kill_allocating_task) || !current->mm ||
	    oom_unkillable_task(current) ||
	    READ_ONCE(current->signal->oom_score_adj) == OOM_SCORE_ADJ_MIN)
		return false;
	dump_header(order);
	oom_kill_process(current);
	return true;
}

/*
 * out_of_memory - memory for a process ran out: kill the worst process
 * unless a victim is already on its way out. Returns true if there is
 * progress to wait for (a kill now or earlier), false if nothing could
 * be killed. No locks held; may sleep (oom_lock).
 */
bool out_of_memory(unsigned int order)
{
	unsigned long total = oom_totalpages(), f;
	struct task_struct *victim;
	bool abort;
	long points;

	/* A dying task frees its memory by dying: let it. */
	if (fatal_signal_pending(current) || (current->flags & PF_EXITING))
		return true;
	if (READ_ONCE(sysctl_panic_on_oom)) {
		dump_header(order);
		panic("Out of memory: %s panic_on_oom is enabled",
		      sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
	}
	mutex_lock(&oom_lock);
	if (oom_kill_current(order)) {
		mutex_unlock(&oom_lock);
		return true;
	}
	f = read_lock_irqsave(&tasklist_lock);
	victim = select_bad_process(total, &abort, &points);
	if (victim)
		get_task_struct(victim);
	read_unlock_irqrestore(&tasklist_lock, f);
	if (abort) {
		mutex_unlock(&oom_lock);
		return true;
	}
	if (!victim) {
		static unsigned long said;

		mutex_unlock(&oom_lock);
		if (!said || jiffies - said > HZ) {
			said = jiffies ? jiffies : 1;
			pr_err("Out of memory and no killable processes...\n");
		}
		return false;
	}
	dump_header(order);
	oom_kill_process(victim);
	put_task_struct(victim);
	mutex_unlock(&oom_lock);
	return true;
}

/*
 * pagefault_out_of_memory - a user page fault found no memory: kill
 * someone, wait a tick, then let the faulting instruction run again
 * (the fault retries). Called from the #PF handler with no locks held.
 */
void pagefault_out_of_memory(void)
{
	if (fatal_signal_pending(current))
		return;
	/* Nothing may be killed (every candidate is OOM_SCORE_ADJ_MIN):
	 * Linux would panic; tine ends the faulting process instead,
	 * unless it is init. */
	if (!out_of_memory(0) && current->tgid != 1) {
		force_sig(SIGKILL);
		return;
	}
	set_current_state(TASK_KILLABLE);
	schedule_timeout(ktime_get_ns() + 1000000000ULL / HZ);
	set_current_state(TASK_RUNNING);
}

/* May current take pages from the reserve (an OOM victim exiting)? */
bool oom_reserves_allowed(void)
{
	return percpu_ready && current->signal && current->signal->oom_victim;
}

static const struct ctl_table oom_table[] = {
	{ .procname = "oom_dump_tasks", .data = &sysctl_oom_dump_tasks,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "oom_kill_allocating_task",
	  .data = &sysctl_oom_kill_allocating_task, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "panic_on_oom", .data = &sysctl_panic_on_oom,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_TWO },
	{ }
};

static void oom_sysctl_init(void)
{
	register_sysctl("vm", oom_table);
}
__initcall(oom_sysctl_init);
