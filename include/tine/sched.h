/*
 * The task: one schedulable thread of execution, Linux's task_struct.
 *
 * Locking legend for the fields below:
 *   [T] tasklist_lock (parent/child links, thread lists, exit state)
 *   [S] sighand->siglock (pending signals, blocked mask, group stop)
 *   [R] the lock of the run queue the task belongs to (task_rq_lock())
 *   [P] the task's own pi_lock
 *   [RP] both to change; either one to read
 *   [C] only the task itself (current) touches it
 *   [A] alloc_lock (task_lock()): the task writes under it, others
 *       read under it
 *   [I] immutable after copy_process() publishes the task
 *   [K] task->cred_lock (written by the task itself; read elsewhere with
 *       get_task_cred(), see tine/cred.h)
 * Lock order: tasklist_lock -> sighand->siglock -> p->pi_lock -> rq->lock
 * (kernel/sched/core.c has the whole scheduler part).
 */
#ifndef TINE_SCHED_H
#define TINE_SCHED_H

#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <asm/thread.h>
#include <tine/atomic.h>
#include <tine/cpumask.h>
#include <tine/list.h>
#include <tine/lockdep.h>
#include <tine/pid.h>
#include <tine/rbtree.h>
#include <tine/signal.h>
#include <tine/task_io_accounting.h>
#include <tine/types.h>
#include <tine/uidgid.h>
#include <tine/wait.h>

/* task->state */
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define __TASK_STOPPED 0x0004
#define __TASK_TRACED 0x0008
#define TASK_DEAD 0x0080
#define TASK_WAKEKILL 0x0100
#define TASK_WAKING 0x0200
#define TASK_NEW 0x0800
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED (TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_TRACED (TASK_WAKEKILL | __TASK_TRACED)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->exit_state */
#define EXIT_DEAD 0x0010
#define EXIT_ZOMBIE 0x0020

/* task->flags */
#define PF_EXITING 0x00000004
#define PF_FORKNOEXEC 0x00000040
#define PF_SIGNALED 0x00000400
#define PF_DUMPCORE 0x00000200		/* dumped core (ac_flag ACORE) */
#define PF_POSTCOREDUMP 0x00000008	/* past the dump's rendezvous */
#define PF_NPROC_EXCEEDED 0x00001000	/* set*uid went over RLIMIT_NPROC */
#define PF_KTHREAD 0x00200000
#define PF_RANDOMIZE 0x00400000		/* exec randomises the layout (mm) */

#define TASK_COMM_LEN 16
#define KSTACK_ORDER 2
#define KSTACK_SIZE (PAGE_SIZE << KSTACK_ORDER)

struct mm_struct;
struct files_struct;
struct fs_struct;
struct nsproxy;
struct sem_undo_list;
struct cgroup;
struct pid;

/*
 * What the fair class (kernel/sched/fair.c) keeps per task. [R]
 */
struct cfs_rq;

struct sched_entity {
	struct rb_node run_node;	/* in cfs_rq->tasks_timeline */
	struct sched_entity *parent;	/* its group's entity; NULL at the top */
	struct cfs_rq *cfs_rq;		/* the queue it is (or will be) on */
	struct cfs_rq *my_q;		/* a group entity's own queue; NULL: task */
	unsigned long weight;		/* load weight from nice (1024 at 0) */
	bool on_rq;			/* queued (or running) on a cfs_rq */
	u64 vruntime;			/* virtual runtime: ns scaled by weight */
	u64 exec_start;			/* rq clock when last accounted */
	u64 sum_exec_runtime;		/* ns on a CPU, ever */
	u64 prev_sum_exec_runtime;	/* sum_exec_runtime when picked */
};

/* What the real-time class (kernel/sched/rt.c) keeps per task. [R] */
struct sched_rt_entity {
	struct list_head run_list;	/* in rt_rq->queue[prio] */
	unsigned int time_slice;	/* SCHED_RR: ticks left */
	bool on_rq;			/* queued (or running) on an rt_rq */
};

struct sched_class;
struct task_group;

/*
 * Precise CPU time (kernel/cputime.c): each change of what a task does
 * (enters the kernel, returns to user mode, is switched in or out)
 * charges the time since the last one, read from ktime_get_ns(), to
 * utime or stime. Written only on the CPU the task runs on, with
 * interrupts off; others read under the sequence count.
 */
enum vtime_state {
	VTIME_INACTIVE,			/* not on a CPU */
	VTIME_SYS,			/* running in the kernel */
	VTIME_USER,			/* running in user mode */
};

struct vtime {
	u32 seq;			/* odd while being written */
	u8 state;			/* enum vtime_state */
	u64 start;			/* ktime_get_ns() of the last change */
};

struct cred;

struct futex_pi_waiter;

struct task_struct {
	struct thread_struct thread;	/* [C] arch state; first for asm */
	volatile long state;		/* [R] TASK_* */
	unsigned int flags;		/* [C] PF_* */
	atomic_t usage;			/* references to this struct */
	void *stack;			/* [I] kernel stack (KSTACK_SIZE) */

	/* scheduling (kernel/sched/) */
	spinlock_t pi_lock;		/* serialises wake-ups and attribute changes */
	int on_cpu;			/* [R] running, or not yet switched out */
	int on_rq;			/* [R] TASK_ON_RQ_QUEUED or _MIGRATING */
	unsigned int cpu;		/* [RP] whose run queue holds us */
	int prio;			/* [RP] 0..99 real-time, 100..139 normal */
	int static_prio;		/* [RP] 120 + nice */
	int normal_prio;		/* [RP] prio from policy and parameters */
	unsigned int rt_priority;	/* [RP] 1..99 for FIFO/RR, else 0 */
	unsigned int policy;		/* [RP] SCHED_NORMAL... (uapi/sched.h) */
	bool sched_reset_on_fork;	/* [RP] children start as SCHED_NORMAL */
	const struct sched_class *sched_class;	/* [RP] rt, fair or idle */
	struct task_group *sched_task_group;	/* [RP] its autogroup (a reference) */
	struct sched_entity se;		/* [R] fair class state */
	struct sched_rt_entity rt;	/* [R] real-time class state */
	struct cpumask cpus_allowed;	/* [RP] sched_setaffinity */
	unsigned int nr_cpus_allowed;	/* [RP] its weight */

	/* identity */
	pid_t pid;			/* [I] global (init namespace) id */
	pid_t tgid;			/* [I] global thread-group id */
	struct pid *thread_pid;		/* [T] this thread's pid (exec may swap
					 * it with the leader's); referenced */
	struct list_head pid_links[PIDTYPE_MAX];	/* [T] in pid->tasks[]: its
						 * PID, and as a leader its
						 * group's and session's */
	char comm[TASK_COMM_LEN];	/* [C] executable name */
	unsigned int personality;	/* [C] personality(2): PER_* domain and
					 * flags (uapi/personality.h); inherited
					 * by fork, kept by exec (mostly) */
	const struct cred *real_cred;	/* [K] objective credentials: how
					 * others see us (tine/cred.h) */
	const struct cred *cred;	/* [C] subjective: how we act */
	spinlock_t cred_lock;		/* guards [K] for other CPUs */
	const struct cred *ptracer_cred;	/* [T] the tracer's at attach */

	/* family: [T] */
	struct task_struct *real_parent;	/* who forked us, or reaper */
	struct task_struct *parent;	/* gets SIGCHLD/wait: tracer or real */
	struct list_head children;	/* our children (sibling links) */
	struct list_head sibling;	/* in real_parent->children */
	struct task_struct *group_leader;	/* thread group leader */
	struct list_head thread_node;	/* in signal->thread_head */
	struct list_head tasks;		/* global task list */
	struct list_head ptraced;	/* tracees we trace */
	struct list_head ptrace_entry;	/* in parent->ptraced */

	/* exit: [T] */
	int exit_state;			/* EXIT_ZOMBIE, EXIT_DEAD */
	int exit_code;			/* wait status */
	int exit_signal;		/* to parent at exit; -1 = none */
	u64 parent_exec_id;		/* real parent's self_exec_id at fork */
	u64 self_exec_id;		/* [C] bumped by each exec (read by children) */
	int pdeath_signal;		/* [C] PR_SET_PDEATHSIG */
	bool no_new_privs;		/* [C] PR_SET_NO_NEW_PRIVS (inherited) */
	struct completion *vfork_done;	/* [A] the vfork parent's */
	int __user *set_child_tid;	/* [C] CLONE_CHILD_SETTID */
	int __user *clear_child_tid;	/* [C] CLONE_CHILD_CLEARTID */
	void __user *robust_list;	/* [C] set_robust_list head */
	/* PI futexes (kernel/futex_pi.c) */
	struct list_head pi_state_list;	/* [futex_lock] PI futexes it owns */
	struct futex_pi_waiter *pi_blocked_on;	/* [futex_lock] the one it waits on */
	bool pi_exit_done;		/* [futex_lock] exited: owns no more */
	bool pi_boosted;		/* [RP] runs at pi_boost_prio if better */
	int pi_boost_prio;		/* [RP] best prio of its PI waiters */

	/* resources: shared or copied per CLONE_ flag in copy_process() */
	spinlock_t alloc_lock;		/* task_lock(): protects [A] */
	struct mm_struct *mm;		/* [A] NULL for kernel threads */
	struct mm_struct *active_mm;	/* [A] page tables in use */
	struct files_struct *files;	/* [C] */
	struct fs_struct *fs;		/* [C] */
	struct nsproxy *nsproxy;	/* [C] */
	struct sem_undo_list *sysvsem_undo;	/* [C] SEM_UNDO adjustments
					 * (shared by CLONE_SYSVSEM), or NULL */
	struct cgroup *cgroup;		/* css_set_lock: its cgroup (a
					 * reference, tine/cgroup.h) */
	bool cgroup_exited;		/* css_set_lock: left the live count */
	struct sighand_struct *sighand;	/* [S] handlers */
	struct signal_struct *signal;	/* [I] thread-group shared state */

	/* signals: [S] */
	sigset_t blocked;		/* blocked signals */
	sigset_t real_blocked;		/* saved while in rt_sigtimedwait */
	sigset_t saved_sigmask;		/* [C] restored after sigsuspend */
	bool restore_sigmask;		/* [C] saved_sigmask is live */
	struct sigpending pending;	/* thread-directed signals */
	unsigned long sas_ss_sp;	/* [C] sigaltstack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	unsigned int jobctl;		/* [S] JOBCTL_* */

	/* ptrace: [T] */
	unsigned int ptrace;		/* PT_* */
	unsigned long ptrace_message;	/* PTRACE_GETEVENTMSG */
	siginfo_t *last_siginfo;	/* the stop's siginfo */
	int exit_trace_sig;		/* stop to report; then the tracer's signal */
	unsigned int syscall_work;	/* SYSCALL_WORK_* (tine/ptrace.h) */
	struct rseq __user *rseq;	/* [C] rseq(2) registration, or NULL */
	u32 rseq_len;			/* [C] its size */
	u32 rseq_sig;			/* [C] its abort signature */
	bool rseq_pending;		/* [C] switched out since: update it
					 * before user mode (kernel/rseq.c) */

	/* accounting: utime/stime and vtime are written by the task's own
	 * CPU only (kernel/cputime.c), read by others under vtime.seq */
	u64 utime, stime;		/* ns spent in user/kernel, to vtime.start */
	struct vtime vtime;		/* what the task is doing since when */
	struct list_head cpu_timers;	/* [posix_timers_lock] thread CPU timers */
	u64 start_time;			/* ns since boot */
	unsigned long min_flt, maj_flt;
	unsigned long nvcsw, nivcsw;
	struct task_io_accounting ioac;	/* [C] read/write calls and bytes */

	/* sleeping */

	int pagefault_disabled;		/* [C] faults go straight to fixup */
	struct held_locks held_locks;	/* [C] lockdep: sleeping locks held */
	long fail_nth;			/* [C] fail the Nth allocation (fault injection) */
	struct restart_block restart_block;	/* [C] for restart_syscall */
};

extern rwlock_t tasklist_lock;	/* see the legend above */
extern struct list_head task_list;	/* [T] every task */
extern struct task_struct init_task;	/* the boot CPU's idle task */

static inline struct task_struct *get_current(void)
{
	return this_cpu_read_ptr(current_task);
}
#define current get_current()

/*
 * task_lock - protect t's [A] fields (mm) against t changing them:
 * what get_task_mm() needs while exit and exec clear or swap t->mm.
 * A spinlock (rank LR_TASK); interrupts stay on (never taken in them).
 */
static inline void task_lock(struct task_struct *t)
{
	spin_lock(&t->alloc_lock);
}

static inline void task_unlock(struct task_struct *t)
{
	spin_unlock(&t->alloc_lock);
}

static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((char *)t->stack + KSTACK_SIZE) - 1;
}

/*
 * Is t not yet released (still on the task list)? Under tasklist_lock,
 * true means its signal, sighand and pid are still there to look at.
 */
static inline bool pid_alive(const struct task_struct *t)
{
	return !list_empty(&t->tasks);
}

/* Are a and b threads of one process? (Only compares pointers.) */
static inline bool same_thread_group(struct task_struct *a,
				     struct task_struct *b)
{
	return a->signal == b->signal;
}

static inline bool thread_group_leader(struct task_struct *p)
{
	return p->group_leader == p;
}

/* p's own struct pid (stable under tasklist_lock; exec may swap it). */
static inline struct pid *task_pid(struct task_struct *p)
{
	return p->thread_pid;
}

/* The struct pid of p's process (its group leader's; stable for current,
 * else under tasklist_lock). No reference taken. */
static inline struct pid *task_tgid(struct task_struct *p)
{
	return p->group_leader->thread_pid;
}

/* Count a read-like (write-like) call that moved ret bytes (or
 * failed), for /proc/<pid>/io. On current. */
static inline void account_read(ssize_t ret)
{
	struct task_struct *t = current;

	if (ret > 0)
		WRITE_ONCE(t->ioac.rchar, t->ioac.rchar + ret);
	WRITE_ONCE(t->ioac.syscr, t->ioac.syscr + 1);
}

static inline void account_write(ssize_t ret)
{
	struct task_struct *t = current;

	if (ret > 0)
		WRITE_ONCE(t->ioac.wchar, t->ioac.wchar + ret);
	WRITE_ONCE(t->ioac.syscw, t->ioac.syscw + 1);
}

/* kernel/sched/ (docs/sched.md) */
void sched_init(void);
void sched_fork(u64 clone_flags, struct task_struct *p);
void schedule(void);
void sched_tick(bool from_user);
void wake_up_new_task(struct task_struct *p);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
void set_current_state(long state);
void cond_resched(void);
long schedule_timeout(u64 ns);
void set_need_resched(void);
unsigned long wait_task_inactive(struct task_struct *p, long match_state);
void init_idle(struct task_struct *idle, unsigned int cpu);
unsigned int nr_running(void);
void sched_autogroup_create_attach(struct task_struct *p);
void sched_task_free(struct task_struct *p);
/* Context switches on every CPU since boot (kernel/sched/stats.c). */
unsigned long nr_context_switches(void);
int task_nice(const struct task_struct *p);
/* kernel/exec.c: rename a task (task:task_rename); takes task_lock. */
void __set_task_comm(struct task_struct *tsk, const char *buf, bool exec);
#define set_task_comm(tsk, buf) __set_task_comm(tsk, buf, false)
int task_prio(const struct task_struct *p);
/*
 * rt_mutex_setprio - priority inheritance (kernel/futex_pi.c): p runs at
 * prio (its best PI waiter's) when that is better than its own, at its
 * own again when prio is MAX_PRIO or more. Caller holds futex_lock
 * (lock-unchecked: it is kernel/futex_pi.c's; the callers there assert
 * it); takes task_rq_lock(); no sleeping.
 */
void rt_mutex_setprio(struct task_struct *p, int prio);
/* The CPU whose run queue holds p (may change unless p is pinned). */
static inline unsigned int task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}
/*
 * kernel/sched/loadavg.c: the 1, 5 and 15 minute load averages, in
 * fixed point (FIXED_1 = 1.0). calc_global_load() samples them from
 * the boot CPU's tick; get_avenrun() copies them as (avg + offset) <<
 * shift. Lock-free.
 */
#define FSHIFT 11
#define FIXED_1 (1 << FSHIFT)
#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
void calc_global_load(void);
void get_avenrun(unsigned long *loads, unsigned long offset, int shift);
/* RESCHEDULE_VECTOR arrived (arch/x86_64/smp.c). Interrupts off. */
void scheduler_ipi(void);
/*
 * resched_ipi_hold - the wake-ups that follow keep their reschedule IPIs
 * for other CPUs until the matching resched_ipi_release(), which sends
 * them: bracket the wake-ups made under a lock the wakee takes next
 * (a wait queue's), release after dropping it. Same CPU, interrupts
 * off throughout; pairs nest. Does not sleep. Inline (two per-CPU
 * fields): every wake-up passes here.
 */
static inline void resched_ipi_hold(void)
{
	this_cpu_write(resched_hold, this_cpu_read_ptr(resched_hold) + 1);
}

/* The IPIs held back (kernel/sched/core.c). Interrupts off. */
void sched_send_held_ipis(void);

static inline void resched_ipi_release(void)
{
	int depth = this_cpu_read_ptr(resched_hold) - 1;

	this_cpu_write(resched_hold, depth);
	if (unlikely(!depth && this_cpu_read_ptr(resched_owed)))
		sched_send_held_ipis();
}
/* p runs on another CPU: interrupt it (it then sees a new signal). */
void kick_process(struct task_struct *p);
/* The tick (or a wake-up) asked this CPU to reschedule. */
static inline bool need_resched(void)
{
	return this_cpu_read_ptr(need_resched);
}
void idle_loop(void) __noreturn;

/*
 * Anything to do before returning to user mode? The common "no" is
 * answered without a call: any pending signal bit (blocked or not),
 * job-control or group-exit state, or a tracer's syscall work sends
 * the caller to the exact checks in kernel/entry.c.
 */
static inline bool exit_to_user_work(struct task_struct *t)
{
	return need_resched() || t->restore_sigmask || t->syscall_work ||
	       (t->pending.signal.sig[0] |
		t->signal->shared_pending.signal.sig[0]) ||
	       t->jobctl || (t->signal->flags & SIGNAL_GROUP_EXIT) ||
	       t->rseq_pending;
}

/* kernel/fork.c, kernel/exit.c */
#define MIN_THREADS 20			/* threads-max bounds (Linux's) */
#define MAX_THREADS 0x3fffffff		/* FUTEX_TID_MASK */
extern int max_threads;			/* /proc/sys/kernel/threads-max */
void fork_init(void);
void get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);
struct task_struct *fork_idle(unsigned int cpu);
struct task_struct *kernel_thread_create(int (*fn)(void *), void *arg,
					 const char *name);
void do_exit(long code) __noreturn;
void do_group_exit(int code) __noreturn;
void release_task(struct task_struct *p);
/* Take p off the task list (release_task). tasklist_lock held for
 * writing; does not sleep. */
void unlink_task(struct task_struct *p);
/* The task is done with its mm (exit, exec): clear_child_tid is cleared
 * and futex-woken, a vfork parent's wait completed. No lock; may sleep. */
void mm_release(struct task_struct *tsk, struct mm_struct *mm);
unsigned long __nr_user_processes(kuid_t uid);	/* tasklist_lock held */
int nr_processes(void);			/* tasks alive */
unsigned long nr_forks(void);		/* tasks ever created */

/* kernel/time.c */
u64 ktime_get_ns(void);
u64 ns_to_tsc(u64 ns);
u64 ktime_get_real_ns(void);
u64 ktime_get_coarse_ns(void);		/* the clocks at the last tick */
u64 ktime_get_coarse_real_ns(void);
extern volatile u64 jiffies;
#define HZ 250

#endif
