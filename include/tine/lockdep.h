/*
 * Run-time lock-order checking (`tine.lockdep` on the command line).
 *
 * A lock class is a name and a rank: its place in the order of
 * docs/locking.md, outermost first (lower ranks are taken first). With
 * checking on, every acquisition of a ranked lock is compared with the
 * ranked locks the current context already holds: taking a lock of a
 * lower rank than one held is an inversion, reported once per pair of
 * classes with both names and a backtrace. Locks of equal rank (two
 * wait queues, two mms' mmap_locks) are not ordered against each other.
 * An rwlock read-locked again by a context that holds it is reported
 * too: the rwlock is fair, so a writer queued in between deadlocks both.
 *
 * Spinlocks are recorded per CPU (a spinlock holder never leaves its
 * CPU: the kernel is not preemptible), with a separate record for
 * interrupt context; sleeping locks per task, since their holders may
 * sleep and wake up elsewhere.
 */
#ifndef TINE_LOCKDEP_H
#define TINE_LOCKDEP_H

#include <asm/percpu.h>
#include <tine/types.h>

struct lock_class {
	const char *name;
	unsigned short rank;		/* LR_*; 0: not checked */
	bool ipi_safe;			/* only taken with interrupts on: a
					 * holder may wait for other CPUs */
};

/*
 * The ranks, in the order of docs/locking.md (keep them in step).
 * Sleeping locks first: none may be taken with a spinlock held.
 */
enum lock_rank {
	LR_NONE = 0,
	/* sleeping locks */
	LR_EXEC = 5,			/* signal->cred_guard_mutex (exec) */
	LR_EPMUTEX = 7,			/* epmutex (fs/eventpoll.c) */
	LR_EPOLL_MTX = 8,		/* ep->mtx: user copies inside */
	LR_UNIX_IO = 9,			/* u->iolock (net/): user copies inside */
	LR_UNIX_BIND = 9,		/* u->bindlock: vfs_lock inside */
	LR_VFS = 10,			/* vfs_lock */
	LR_NAMESPACE = 11,		/* namespace_sem: mounts, namespaces */
	LR_FIFO = 12,			/* a FIFO inode's i_lock (i_pipe) */
	LR_PIPE = 15,			/* pipe->mutex: user copies (faults) inside */
	LR_TTY_IO = 16,			/* tty->read_mutex, write_mutex: user copies inside */
	LR_KMSG_USER = 17,		/* a /dev/kmsg reader's mutex: user copies inside */
	LR_MMAP = 20,			/* mm->mmap_lock */
	LR_IPC_IDS = 25,		/* ipc_ids.mutex: a SysV id table (ipc/) */
	LR_SHMEM = 30,			/* shmem_object.lock */
	LR_INODE = 31,			/* inode->i_lock */
	LR_FSNOTIFY = 35,		/* fsnotify_mutex: inotify watches */
	LR_RTNL = 38,			/* rtnl_mutex: device flags, addresses */
	LR_MUTEX = 40,			/* other mutexes */
	LR_TTY_TERMIOS = 41,		/* tty->termios_mutex */
	/* spinlocks */
	LR_ITIMER = 95,			/* itimer_lock: the tick sends signals */
	LR_FASYNC = 96,			/* fasync_lock: the O_ASYNC lists */
	LR_FOWNER = 97,			/* file->f_owner.lock */
	LR_POSIX_TIMERS = 98,		/* posix_timers_lock: firing sends signals */
	LR_TASKLIST = 100,		/* tasklist_lock (rwlock) */
	LR_TTY = 102,			/* tty->lock: termios, input ring, pgrp */
	LR_DEVPTS = 103,		/* fsi->lock: a devpts instance's ptys */
	LR_PIDMAP = 105,		/* pidmap_lock */
	LR_CSS_SET = 107,		/* css_set_lock: task->cgroup, task counts */
	LR_SIGLOCK = 110,		/* sighand->siglock */
	LR_SIGPENDING = 112,		/* sigpending_lock (per-user counts) */
	LR_TASK = 115,			/* task->alloc_lock (task_lock) */
	LR_IPC_OBJ = 118,		/* kern_ipc_perm.lock: one SysV object */
	LR_IPC_UNDO = 119,		/* sem_undo_list.lock (inside an array's) */
	LR_FUTEX = 120,			/* futex_lock */
	LR_PTL = 125,			/* a page table's lock (mm/pt_share.c) */
	LR_UNIX_TABLE = 131,		/* unix_table_lock: bound names */
	LR_NL_TABLE = 131,		/* nl_table_lock: bound netlink ports */
	LR_SOCK = 132,			/* sk->sk_lock (two: lower address first) */
	LR_UNIX_GC = 133,		/* unix_gc_lock: files in flight */
	LR_SKB_QUEUE = 134,		/* sk_buff_head.lock: a socket's queue */
	LR_POLLFREE = 135,		/* pollfree_lock */
	LR_FILE = 136,			/* file->f_lock (epoll items) */
	LR_SCM_DEFERRED = 137,		/* deferred_lock: files awaiting fput */
	LR_TIMERFD_CANCEL = 138,	/* timerfd's cancel_lock */
	LR_MOUNT = 139,			/* mount_lock: the mount hash, links */
	LR_WAITQ = 140,			/* wait_queue_head.lock */
	LR_EPOLL = 142,			/* ep->lock: ready list */
	LR_EPOLL_WQ = 144,		/* ep->wq.lock: epoll_wait sleepers */
	LR_PI = 145,			/* task->pi_lock (wake-ups) */
	LR_HRTIMER = 146,		/* hrtimer_lock (callbacks run outside) */
	LR_RQ = 150,			/* rq->lock (two in CPU order) */
	LR_FILES = 160,			/* files->file_lock, fs->lock */
	LR_DCACHE = 170,		/* dcache_lock */
	LR_CALL = 180,			/* per-CPU call-function queues */
	LR_RTC = 183,			/* rtc_lock: the CMOS clock's ports (a leaf) */
	LR_XATTR = 184,			/* simple_xattrs.lock (a leaf) */
	LR_CRED = 185,			/* task->cred_lock (a leaf) */
	LR_UCOUNTS = 186,		/* ucounts_lock (kernel/ucount.c) */
	LR_TIMEKEEPER = 187,		/* timekeeper_lock: vdso_data writers */
	LR_TRACE = 188,			/* trace_lock: events are recorded anywhere */
	LR_LOGBUF = 189,		/* logbuf_lock: the kernel log ring */
	LR_CONSOLE = 190,		/* console_lock */
	LR_SLAB = 200,			/* slab_lock */
	LR_ZONE = 210,			/* zone_lock */
};

/* How a recorded lock is known to be still held (see lockdep.c). */
enum lockdep_kind {
	LOCKDEP_SPIN,			/* it still serves our ticket */
	LOCKDEP_MUTEX,			/* its owner is still current */
	LOCKDEP_RWLOCK,			/* until lockdep_release() */
	LOCKDEP_MUTEX_TRY,		/* a mutex_trylock(): as LOCKDEP_MUTEX,
					 * but it did not sleep */
};

/* The locks one context holds (or waits for), innermost last. */
#define HELD_LOCKS_MAX 16
struct held_locks {
	unsigned int depth;
	const void *lock[HELD_LOCKS_MAX];
	const struct lock_class *class[HELD_LOCKS_MAX];
	u16 ticket[HELD_LOCKS_MAX];	/* LOCKDEP_SPIN: the one we took */
	u8 kind[HELD_LOCKS_MAX];
};

extern bool lockdep_enabled;
extern bool lockdep_requested;

/*
 * Are the hot paths' lock contracts (lockdep_assert_held() and the
 * like) checked? Only in a kernel built with `make DEBUG_LOCKS=1`
 * (CONFIG_DEBUG_LOCKS) and booted with tine.lockdep: the default build
 * compiles them away, so they cost the fork path nothing.
 */
#ifdef CONFIG_DEBUG_LOCKS
#define lockdep_hot_checks() unlikely(lockdep_enabled)
#else
#define lockdep_hot_checks() false
#endif

/* This CPU's number, read straight from the per-CPU area. */
static inline int smp_processor_id_raw(void)
{
	return this_cpu_read_ptr(cpu);
}

/*
 * Record that this context takes (or waits for) lock, of class c (NULL:
 * recorded, never checked); a spinlock with ticket. Checks the order
 * against the ranked locks held first. Any context; does not sleep.
 */
void lockdep_acquire(const void *lock, const struct lock_class *c,
		     enum lockdep_kind kind, u16 ticket);
/* Forget an rwlock taken with lockdep_acquire (the others lapse). */
void lockdep_release(const void *lock, const struct lock_class *c);
/* Does this CPU hold spinlock lock (lockdep on)? */
bool lockdep_spin_held(const void *lock);
/* Turn checking on if the command line asked for it (after cpu_init). */
void lockdep_init(void);
/* Does this context hold a spinlock (the "may sleep" check)? */
bool lockdep_holds_spinlock(void);
/* Report (once per caller) if this context holds a spinlock: what is
 * about to sleep, or to touch user memory (which may fault and sleep). */
void lockdep_report_might_sleep(const char *what);

/*
 * might_sleep(what): the contract "no spinlock held here" of schedule()
 * and of the user copies. Checked like the hot paths' lock contracts:
 * in a DEBUG_LOCKS=1 kernel booted with tine.lockdep.
 */
#define might_sleep(what)                                                 \
	do {                                                              \
		if (lockdep_hot_checks())                                 \
			lockdep_report_might_sleep(what);                 \
	} while (0)
/* Does this CPU hold a spinlock that is not ipi_safe (so must not wait
 * for other CPUs: one may be spinning on it with interrupts off)? */
bool lockdep_holds_irqsafe_lock(void);

#endif
