/*
 * Signal state. sighand_struct (handlers) is shared by CLONE_SIGHAND;
 * signal_struct (thread-group state: shared pending set, group exit,
 * job control, rlimits, itimers) by CLONE_THREAD.
 */
#ifndef TINE_SIGNAL_H
#define TINE_SIGNAL_H

#include <tine/atomic.h>
#include <tine/list.h>
#include <tine/mutex.h>
#include <tine/pid.h>
#include <tine/spinlock.h>
#include <tine/task_io_accounting.h>
#include <tine/uidgid.h>
#include <tine/wait.h>
#include <uapi/signal.h>

struct core_state;
struct task_struct;

/*
 * task->jobctl: a group stop in progress. The low bits hold the stop
 * signal; PENDING means "stop before returning to user mode", CONSUME
 * that this thread still counts in group_stop_count.
 */
#define JOBCTL_STOP_SIGMASK 0xffff
#define JOBCTL_STOP_DEQUEUED (1U << 16)	/* a stop signal was dequeued */
#define JOBCTL_STOP_PENDING (1U << 17)	/* take part in a group stop */
#define JOBCTL_STOP_CONSUME (1U << 18)	/* not yet counted as stopped */
#define JOBCTL_STOPPED (1U << 26)	/* sleeping in a group stop */
#define JOBCTL_PENDING_MASK (JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME)

struct sigqueue {
	struct list_head list;		/* in sigpending.list */
	uid_t uid;			/* charged to (RLIMIT_SIGPENDING) */
	unsigned int flags;		/* SIGQUEUE_PREALLOC */
	void *timer;			/* the POSIX timer owning it, if PREALLOC */
	siginfo_t info;
};

#define SIGQUEUE_PREALLOC 1		/* a timer's: dequeue does not free it */

struct sigpending {
	struct list_head list;		/* queued siginfo, oldest first */
	sigset_t signal;		/* which signals are pending */
};

struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	sigset_t mask;
};

/*
 * Two counts: count is how many tasks use the table (CLONE_SIGHAND
 * sharers; exec copies a table with count > 1), refs how many task
 * structs (and newer tables, through prev) keep its memory. A task
 * stops using its table when released or when exec replaces it, but
 * the memory stays until its task_struct is freed, so that anybody
 * holding a task reference can always lock its siglock and see
 * whether it is still the task's (lock_task_sighand()).
 */
struct sighand_struct {
	atomic_t count;			/* tasks using these handlers */
	atomic_t refs;			/* references to the memory */
	struct sighand_struct *prev;	/* [I] the table exec replaced */
	spinlock_t siglock;		/* the [S] lock of task_struct */
	struct k_sigaction action[_NSIG];	/* [siglock] */
	struct wait_queue_head signalfd_wqh;
};

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)

#define SIGNAL_STOP_STOPPED 0x01	/* group is stopped */
#define SIGNAL_STOP_CONTINUED 0x02	/* SIGCONT since last wait */
#define SIGNAL_GROUP_EXIT 0x04		/* exit_group or fatal signal */
#define SIGNAL_CLD_STOPPED 0x10		/* parent not yet told: stopped */
#define SIGNAL_CLD_CONTINUED 0x20	/* parent not yet told: continued */
#define SIGNAL_UNKILLABLE 0x40		/* namespace init */
#define SIGNAL_CLD_MASK (SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED)
#define SIGNAL_STOP_MASK                                              \
	(SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED)

struct signal_struct {
	atomic_t sigcnt;		/* references */
	atomic_t live;			/* threads not yet exiting */
	int quick_threads;		/* [S] threads that have not begun do_exit */
	int nr_threads;			/* [T] */
	struct list_head thread_head;	/* [T] task.thread_node */
	struct sigpending shared_pending;	/* [S] process-directed */
	int group_exit_code;		/* [S] */
	struct task_struct *group_exec_task;	/* [S] de_thread in progress */
	struct core_state *core_state;	/* [S] a core dump in progress
					 * (tine/coredump.h), on the dumper's
					 * stack */
	int notify_count;		/* [S] de_thread: threads still to be
					 * released; -1: waiting for the leader */
	int group_stop_count;		/* [S] */
	unsigned int flags;		/* [S] SIGNAL_* */
	int stop_code;			/* [S] signal that stopped the group */
	bool is_child_subreaper;	/* [T] PR_SET_CHILD_SUBREAPER */
	bool has_child_subreaper;	/* [T] some ancestor is a subreaper */
	struct wait_queue_head wait_chldexit;	/* the group's parents wait */
	struct list_head multiprocess;	/* [S] forks in progress: their
					 * multiprocess_signals */
	struct mutex cred_guard_mutex;	/* held by exec from computing to
					 * committing credentials; taken by
					 * ptrace attach (tine/binfmts.h) */

	struct pid *pids[PIDTYPE_MAX];	/* [T] [PIDTYPE_PGID] the process
					 * group, [PIDTYPE_SID] the session;
					 * referenced (task_pgrp/session) */
	struct tty_struct *tty;		/* [T] controlling tty */
	struct rlimit rlim[RLIM_NLIMITS];	/* [S] */

	/* the OOM killer (mm/oom_kill.c) */
	short oom_score_adj;		/* [S] -1000..1000 (/proc/<pid>) */
	short oom_score_adj_min;	/* [S] lowest an unprivileged write sets */
	bool oom_victim;		/* [oom_lock] killed: may use reserves */
	unsigned long oom_victim_since;	/* [oom_lock] jiffies when chosen */

	/* ITIMER_REAL / alarm(): kernel/itimer.c */
	u64 real_timer_expires;		/* [itimer_lock] ns, 0 = off */
	u64 real_timer_interval;	/* [itimer_lock] */
	struct list_head real_timer;	/* [itimer_lock] in the armed list */
	/* ITIMER_VIRTUAL / ITIMER_PROF: CPU ns left, 0 = off */
	u64 it_virt_left, it_virt_incr;	/* [itimer_lock] */
	u64 it_prof_left, it_prof_incr;	/* [itimer_lock] */
	struct task_struct *curr_target;	/* [S] where to look first */

	/* children's accounted times, for wait's rusage and times() */
	u64 cutime, cstime;		/* [S] */
	/* the CPU time of threads already released (kernel/cputime.c) */
	u64 utime, stime;		/* [S] */
	/* POSIX timers (kernel/posix-timers.c) */
	struct list_head posix_timers;	/* [posix_timers_lock] k_itimer.list */
	int next_posix_timer_id;	/* [posix_timers_lock] */
	struct list_head cpu_timers;	/* [posix_timers_lock] process CPU timers */
	/* getrusage's counts (kernel/sys.c): of threads already released
	 * (the live ones keep theirs), of reaped children; the rss peaks
	 * (pages) of our address spaces left by exit or exec, and the
	 * highest of any reaped child's */
	unsigned long min_flt, maj_flt, nvcsw, nivcsw;	/* [S] */
	unsigned long cmin_flt, cmaj_flt, cnvcsw, cnivcsw;	/* [S] */
	unsigned long maxrss, cmaxrss;			/* [S] */
	struct task_io_accounting ioac;	/* [S] of threads already released */
};

static inline void sigemptyset(sigset_t *s) { s->sig[0] = 0; }
static inline void sigfillset(sigset_t *s) { s->sig[0] = ~0UL; }
static inline unsigned long sigmask(int sig) { return 1UL << (sig - 1); }
static inline void sigaddset(sigset_t *s, int sig) { s->sig[0] |= sigmask(sig); }
static inline void sigdelset(sigset_t *s, int sig) { s->sig[0] &= ~sigmask(sig); }
static inline bool sigismember(const sigset_t *s, int sig)
{
	return s->sig[0] & sigmask(sig);
}
static inline bool sigisemptyset(const sigset_t *s) { return !s->sig[0]; }

#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_STOP_MASK                                       \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) |  \
	 sigmask(SIGTTOU))
#define SIG_KERNEL_IGNORE_MASK                                      \
	(sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) |  \
	 sigmask(SIGURG))
#define SIG_KERNEL_COREDUMP_MASK                                    \
	(sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) |    \
	 sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) |    \
	 sigmask(SIGBUS) | sigmask(SIGSYS) | sigmask(SIGXCPU) |     \
	 sigmask(SIGXFSZ))

static inline bool sig_kernel_only(int sig)
{
	return sig <= 32 && (sigmask(sig) & SIG_KERNEL_ONLY_MASK);
}
static inline bool sig_kernel_stop(int sig)
{
	return sig <= 32 && (sigmask(sig) & SIG_KERNEL_STOP_MASK);
}
static inline bool sig_kernel_ignore(int sig)
{
	return sig <= 32 && (sigmask(sig) & SIG_KERNEL_IGNORE_MASK);
}
static inline bool sig_kernel_coredump(int sig)
{
	return sig <= 32 && (sigmask(sig) & SIG_KERNEL_COREDUMP_MASK);
}

static inline void sigorsets(sigset_t *r, const sigset_t *a, const sigset_t *b)
{
	r->sig[0] = a->sig[0] | b->sig[0];
}
static inline void sigandnsets(sigset_t *r, const sigset_t *a,
			       const sigset_t *b)
{
	r->sig[0] = a->sig[0] & ~b->sig[0];
}
static inline bool valid_signal(unsigned long sig) { return sig <= _NSIG; }

/* SIGSEGV, SIGBUS, ...: faults, delivered before anything else. */
#define SYNCHRONOUS_MASK                                                \
	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) |         \
	 sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/* A signal get_signal() found for a handler: number, info, action. */
struct ksignal {
	struct k_sigaction ka;
	siginfo_t info;
	int sig;
};

/*
 * A syscall interrupted with -ERESTART_RESTARTBLOCK and no handler is
 * resumed by restart_syscall(2), which calls fn (task->restart_block).
 */
struct restart_block {
	long (*fn)(struct restart_block *);
	union {
		struct {
			u64 expires;		/* absolute, ns */
			int clockid;
			void __user *rmtp;
		} nanosleep;
		unsigned long arg[4];
	};
};
struct restart_block *task_restart_block(struct task_struct *t);
long do_no_restart_syscall(struct restart_block *rb);

/*
 * A fork in progress (not of a thread) notes here the signals sent to
 * many processes at once (a process group, a session, kill(-1)) that
 * reach its process meanwhile: the child is born with them pending, as
 * if they had come after the fork (Linux's multiprocess signals).
 */
struct multiprocess_signals {
	sigset_t signal;		/* [S] noted signals */
	struct list_head node;		/* [S] in signal->multiprocess */
};

/* kernel/signal.c: forks and signals to many processes */
int fork_signals_begin(struct multiprocess_signals *d, bool thread);
void fork_signals_end(struct multiprocess_signals *d);
void fork_take_signals(struct task_struct *child,
		       struct multiprocess_signals *d);
int group_send_sig_info_many(int sig, siginfo_t *info, struct task_struct *p);

/* kernel/fork.c: the lifetime of the two structures */
struct sighand_struct *alloc_sighand(void);
void __cleanup_sighand(struct sighand_struct *sighand);
void put_sighand(struct sighand_struct *sh);
void put_signal_struct(struct signal_struct *sig);

/* kernel/signal.c */
struct sighand_struct *lock_task_sighand(struct task_struct *p,
					 unsigned long *flags);
void unlock_task_sighand(struct task_struct *p, unsigned long *flags);
void init_sigpending(struct sigpending *p);
void flush_sigqueue(struct sigpending *p);
void flush_signals(struct task_struct *t);
int send_sig_info(int sig, siginfo_t *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);
int group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p);
void force_sig_fault(int sig, int code, unsigned long addr);
void force_sig(int sig);
int kill_pgrp(struct pid *pgrp, int sig, siginfo_t *info);
bool signal_pending(struct task_struct *p);
bool fatal_signal_pending(struct task_struct *p);
void recalc_sigpending(void);
void flush_signal_handlers(struct task_struct *t, bool force_default);
bool do_notify_parent(struct task_struct *tsk, int sig);
void exit_signals(struct task_struct *tsk);
void set_current_blocked(sigset_t *newset);
int kernel_sigaction(int sig, void *handler);
int signal_pending_state(long state, struct task_struct *p);
int zap_other_threads(struct task_struct *p);
void task_join_group_stop(struct task_struct *t);
int __kill_pgrp_info(struct pid *pgrp, int sig, siginfo_t *info);
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent);
/* Is our process group orphaned (job-control stops do not apply)?
 * Takes tasklist_lock. */
bool is_current_pgrp_orphaned(void);
int force_sig_info(siginfo_t *info);
void force_sigsegv(int sig);
bool get_signal(struct ksignal *ksig);
int dequeue_signal(struct task_struct *t, const sigset_t *mask,
		   siginfo_t *info);
/*
 * POSIX timers' signals (kernel/posix-timers.c): a sigqueue charged to
 * the caller's RLIMIT_SIGPENDING (NULL at the limit), owned by timer;
 * freeing it leaves a queued one to be freed when delivered; sending
 * it counts an overrun if it is still queued. send_sigqueue takes t's
 * siglock.
 */
struct sigqueue *sigqueue_alloc_timer(void *timer);
void sigqueue_free_timer(struct sigqueue *q);
void send_sigqueue(struct sigqueue *q, struct task_struct *t, bool group,
		   int overruns);
bool has_pending_signal(struct task_struct *t, const sigset_t *mask);
/* fs/signalfd.c: sighand is being freed; unhook its epoll pollers. */
void signalfd_cleanup(struct sighand_struct *sighand);
void signal_setup_done(int failed, struct ksignal *ksig);
void restore_saved_sigmask(void);
/* Signals queued for user uid (charged against RLIMIT_SIGPENDING: the
 * first number of /proc/<pid>/status SigQ). Any context. */
unsigned long sigpending_of_user(kuid_t uid);
sigset_t *sigmask_to_save(void);
int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp);
bool on_sig_stack(unsigned long sp);
bool __on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
void sas_ss_reset(struct task_struct *t);

/* arch/x86_64/signal.c: deliver on the way out to user mode */
struct pt_regs;
void arch_do_signal_or_restart(struct pt_regs *regs);

/*
 * Is ret one of the restart codes (-ERESTARTSYS ... -ERESTART_RESTARTBLOCK)
 * a syscall returns when a signal interrupted it? The way out to user
 * mode must then go through the signal code even if, by then, no signal
 * is left for this thread (another thread took a process-wide one): the
 * syscall is restarted, the code never reaches user space.
 */
static inline bool syscall_restart_code(long ret)
{
	return (unsigned long)(-ret - 512) <= 516 - 512;
}

/* kernel/itimer.c */
void itimer_tick_real(u64 now_ns);
void itimer_tick_cpu(bool from_user);
void exit_itimers(struct signal_struct *sig);

#endif
