/*
 * Precise CPU-time accounting ("vtime"): a task's user and system time
 * are charged at every change of what it does (kernel entry from user
 * mode, return to user mode, being switched in or out), from
 * ktime_get_ns(), the TSC clock CLOCK_MONOTONIC reads. So the CPU-time
 * clocks never run faster than CLOCK_MONOTONIC, and a thread that spins
 * in user mode for a second of wall time has a second of CPU time, not
 * a count of ticks that happened to land on it.
 *
 * Only the CPU a task runs on writes its utime, stime and vtime, with
 * interrupts off, bracketing the change in vtime.seq (odd while it
 * writes); anyone may read them by retrying until seq is even and
 * unchanged (task_cputime). A released thread's times are folded into
 * its process (signal->utime/stime, under the siglock and tasklist_lock
 * it is unlinked under).
 */
#include <asm/processor.h>
#include <tine/posix-timers.h>
#include <tine/sched.h>
#include <tine/signal.h>

static void vtime_write_begin(struct vtime *vt)
{
	WRITE_ONCE(vt->seq, vt->seq + 1);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void vtime_write_end(struct vtime *vt)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(vt->seq, vt->seq + 1);
}

/*
 * Charge the time since the last change to what t was doing, and note
 * that from now on it does next. On t's CPU, interrupts off (every
 * caller: kernel entry and exit, the context switch), so nothing on this
 * CPU can come in between.
 */
static void vtime_account(struct task_struct *t, enum vtime_state next)
{
	struct vtime *vt = &t->vtime;
	u64 now = ktime_get_ns();
	u64 d = now > vt->start ? now - vt->start : 0;

	vtime_write_begin(vt);
	if (vt->state == VTIME_USER)
		t->utime += d;
	else if (vt->state == VTIME_SYS)
		t->stime += d;
	vt->start = now;
	vt->state = next;
	vtime_write_end(vt);
}

/* vtime_task_switch - see posix-timers.h. */
void vtime_task_switch(struct task_struct *prev)
{
	vtime_account(prev, VTIME_INACTIVE);
	vtime_account(current, VTIME_SYS);
}

/* task_cputime - see posix-timers.h. */
void task_cputime(struct task_struct *t, u64 *utime, u64 *stime)
{
	struct vtime *vt = &t->vtime;
	u64 u, s, start, now;
	u32 seq;
	u8 state;

	for (;;) {
		seq = __atomic_load_n(&vt->seq, __ATOMIC_ACQUIRE);
		if (seq & 1) {
			cpu_relax();
			continue;
		}
		u = READ_ONCE(t->utime);
		s = READ_ONCE(t->stime);
		state = READ_ONCE(vt->state);
		start = READ_ONCE(vt->start);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (READ_ONCE(vt->seq) == seq)
			break;
	}
	now = ktime_get_ns();
	if (now > start && state == VTIME_USER)
		u += now - start;
	else if (now > start && state == VTIME_SYS)
		s += now - start;
	*utime = u;
	*stime = s;
}

/* thread_group_cputime - see posix-timers.h. */
void thread_group_cputime(struct signal_struct *sig, u64 *utime, u64 *stime)
{
	struct task_struct *t;
	u64 u, s;

	/* Every reap calls it: a hot path (lockdep_hot_checks()). */
	if (lockdep_hot_checks() && !rwlock_is_locked(&tasklist_lock) &&
	    !list_empty(&sig->thread_head))
		assert_spin_locked(&list_first_entry(&sig->thread_head,
						     struct task_struct,
						     thread_node)->sighand->siglock);
	*utime = READ_ONCE(sig->utime);
	*stime = READ_ONCE(sig->stime);
	list_for_each_entry(t, &sig->thread_head, thread_node) {
		task_cputime(t, &u, &s);
		*utime += u;
		*stime += s;
	}
}

/* thread_group_cputime_locked - see posix-timers.h. */
void thread_group_cputime_locked(struct signal_struct *sig, u64 *utime,
				 u64 *stime)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);

	thread_group_cputime(sig, utime, stime);
	read_unlock_irqrestore(&tasklist_lock, f);
}

/*
 * account_dead_thread - see posix-timers.h. The thread may still be on
 * its way off its CPU: what it runs after this is not counted.
 */
void account_dead_thread(struct task_struct *t)
{
	u64 u, s;

	task_cputime(t, &u, &s);
	t->signal->utime += u;
	t->signal->stime += s;
}
