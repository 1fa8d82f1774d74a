/*
 * Process creation: fork, vfork, clone and clone3 are thin entries that
 * fill a struct kernel_clone_args and call kernel_clone(), which calls
 * copy_process() to build the child, then wake_up_new_task() to run it
 * and, for CLONE_VFORK, sleeps until the child execs or exits.
 *
 * copy_process() does all fallible work first, in the order of Linux's
 * kernel/fork.c, with one goto ladder that undoes exactly what was done;
 * after the marked point of no return it only links the child in.
 * Each CLONE_ flag is decided in exactly one copy_X() function.
 *
 * Lock order (this file owns tasklist_lock, the outermost spinlock of
 * the process core; docs/locking.md has the whole list, and
 * include/tine/lockdep.h the ranks `tine.lockdep` checks it with):
 *
 *   signal->cred_guard_mutex        (mutex)   exec vs ptrace attach
 *   vfs_lock                        (mutex)
 *     namespace_sem                 (mutex)   mount trees, namespaces
 *   fifo inode->i_lock              (mutex)
 *     pipe->mutex                   (mutex)   user copies inside
 *   mm->mmap_lock                   (mutex)   page faults take it
 *     shmem_object.lock             (mutex)
 *     inode->i_lock                 (mutex)   a file's pages
 *   itimer_lock, posix_timers_lock  (spin)    expiries send signals
 *     tasklist_lock                 (rwlock)  task links, exit state
 *       pidmap_lock                 (spin)
 *       sighand->siglock            (spin)
 *         sigpending_lock           (spin)
 *         task->alloc_lock          (spin)    task_lock(): t->mm
 *         futex_lock                (spin)
 *   page table lock                 (spin)    shared PTs, under mmap_lock
 *   mount_lock                      (spin)    the mount hash and links
 *   wait_queue_head.lock            (spin)    wake functions run inside
 *     hrtimer_lock                  (spin)    callbacks run outside it
 *     p->pi_lock                    (spin)    wake-ups
 *       rq->lock                    (spin)    two only in CPU order
 *   files->file_lock, fs->lock      (spin)
 *   dcache_lock                     (spin)
 *   call_queue.lock                 (spin)    IPI requests
 *   task->cred_lock                 (spin)    a leaf
 *   trace_lock                      (spin)    events recorded anywhere
 *   logbuf_lock, console_lock       (spin)    printk
 *   slab_lock -> zone_lock          (spin)    any code may allocate
 *
 * tasklist_lock is always taken with interrupts off (the tick reads it
 * through itimer_lock); readers walk, writers link and unlink.
 */
#include <asm/arch.h>
#include <tine/tty.h>
#include <tine/cgroup.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/ipc.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/nsproxy.h>
#include <tine/oom.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <tine/trace.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

DEFINE_RWLOCK_RANKED(tasklist_lock, LR_TASKLIST);
LIST_HEAD(task_list);
static int nr_threads;			/* [tasklist_lock] all tasks */
int max_threads;			/* /proc/sys/kernel/threads-max */
static unsigned long total_forks;	/* [tasklist_lock] tasks ever made */
static atomic_t nr_tasks_alloc;		/* task_structs allocated */

void get_task_struct(struct task_struct *t) { atomic_inc(&t->usage); }

static void free_task(struct task_struct *t)
{
	sched_task_free(t);
	__free_pages(virt_to_page(t->stack), KSTACK_ORDER);
	kfree(t);
	atomic_dec(&nr_tasks_alloc);
}

/*
 * put_task_struct - drop a reference to t. The last one frees it, and
 * only then its signal_struct and the memory of its handler tables:
 * whoever holds a task reference may lock t's siglock or read
 * t->signal, even after t has been released (Linux: put_signal_struct
 * from __put_task_struct). Any context; does not sleep.
 */
void put_task_struct(struct task_struct *t)
{
	if (!atomic_dec_and_test(&t->usage))
		return;
	exit_creds(t);
	cgroup_free(t);
	put_pid(t->thread_pid);
	put_sighand(t->sighand);
	put_signal_struct(t->signal);
	free_task(t);
}

/* A copy of orig with its own kernel stack. Two references: one for
 * whoever reaps it (release_task), one dropped after its last switch. */
static struct task_struct *dup_task_struct(struct task_struct *orig)
{
	struct task_struct *t = kmalloc(sizeof(*t), 0);
	struct page *stack;

	if (!t)
		return NULL;
	stack = alloc_pages(0, KSTACK_ORDER);
	if (!stack) {
		kfree(t);
		return NULL;
	}
	memcpy(t, orig, sizeof(*t));
	t->stack = page_address(stack);
	atomic_set(&t->usage, 2);
	atomic_inc(&nr_tasks_alloc);
	return t;
}

/* A handler table whose action[] the caller fills (fork copies it: the
 * table is over a page, zeroing it first would cost as much again). */
static struct sighand_struct *alloc_sighand_nozero(void)
{
	struct sighand_struct *sh = kmalloc(sizeof(*sh), 0);

	if (!sh)
		return NULL;
	atomic_set(&sh->count, 1);
	atomic_set(&sh->refs, 1);
	sh->prev = NULL;
	spin_lock_init_ranked(&sh->siglock, "siglock", LR_SIGLOCK);
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

/*
 * alloc_sighand - an empty handler table, one user and one memory
 * reference (the task it is for). NULL without memory. May sleep.
 */
struct sighand_struct *alloc_sighand(void)
{
	struct sighand_struct *sh = alloc_sighand_nozero();

	if (sh)
		memset(sh->action, 0, sizeof(sh->action));
	return sh;
}

/* CLONE_SIGHAND shares the handlers; otherwise the child gets a copy
 * (with CLONE_CLEAR_SIGHAND, every handler reset except SIG_IGN). */
static int copy_sighand(u64 clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;
	unsigned long f;

	if (clone_flags & CLONE_SIGHAND) {
		atomic_inc(&current->sighand->count);
		atomic_inc(&current->sighand->refs);
		return 0;
	}
	sig = alloc_sighand_nozero();
	if (!sig)
		return -ENOMEM;
	f = spin_lock_irqsave(&current->sighand->siglock);
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	if (clone_flags & CLONE_CLEAR_SIGHAND)
		for (int i = 0; i < _NSIG; i++)
			if (sig->action[i].handler != SIG_IGN)
				sig->action[i].handler = SIG_DFL;
	p->sighand = sig;
	return 0;
}

/*
 * __cleanup_sighand - a task stops using sighand (it is released, or
 * exec gave it a table of its own). The memory stays until put_sighand()
 * drops the last reference. Any context.
 */
void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (atomic_dec_and_test(&sighand->count))
		signalfd_cleanup(sighand);	/* its pollers let go */
}

/*
 * put_sighand - drop a memory reference to sh: the last one frees it,
 * and then drops its own on the table it replaced (prev). Called when
 * a task_struct goes, so a table stays valid for as long as anybody
 * holding a task reference might lock it (lock_task_sighand()).
 */
void put_sighand(struct sighand_struct *sh)
{
	while (sh && atomic_dec_and_test(&sh->refs)) {
		struct sighand_struct *prev = sh->prev;

		kfree(sh);
		sh = prev;
	}
}

/* CLONE_THREAD joins the caller's thread group; otherwise a new one. */
static int copy_signal(u64 clone_flags, struct task_struct *p)
{
	struct signal_struct *sig, *cur = current->signal;

	if (clone_flags & CLONE_THREAD) {
		atomic_inc(&cur->sigcnt);
		atomic_inc(&cur->live);
		return 0;
	}
	sig = kzalloc(sizeof(*sig));
	if (!sig)
		return -ENOMEM;
	atomic_set(&sig->sigcnt, 1);
	atomic_set(&sig->live, 1);
	sig->quick_threads = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	INIT_LIST_HEAD(&sig->multiprocess);
	mutex_init_ranked(&sig->cred_guard_mutex, "cred_guard_mutex", LR_EXEC);
	init_sigpending(&sig->shared_pending);
	init_waitqueue_head(&sig->wait_chldexit);
	INIT_LIST_HEAD(&sig->real_timer);
	INIT_LIST_HEAD(&sig->posix_timers);
	INIT_LIST_HEAD(&sig->cpu_timers);
	memcpy(sig->rlim, cur->rlim, sizeof(sig->rlim));
	sig->oom_score_adj = cur->oom_score_adj;
	sig->oom_score_adj_min = cur->oom_score_adj_min;
	sig->tty = get_task_tty(current);	/* a reference */
	sig->has_child_subreaper = cur->has_child_subreaper ||
				   cur->is_child_subreaper;
	p->signal = sig;
	return 0;
}

/*
 * put_signal_struct - drop a task's reference to sig; the last task
 * struct to go frees it (the group's pending signals were flushed when
 * its last thread was released). Any context.
 */
void put_signal_struct(struct signal_struct *sig)
{
	if (atomic_dec_and_test(&sig->sigcnt)) {
		flush_sigqueue(&sig->shared_pending);
		put_pid(sig->pids[PIDTYPE_PGID]);
		put_pid(sig->pids[PIDTYPE_SID]);
		tty_kref_put(sig->tty);
		kfree(sig);
	}
}

/* A new address space that is a copy-on-write copy of oldmm. */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_lock);
	if (dup_mmap(mm, oldmm)) {
		mutex_unlock(&oldmm->mmap_lock);
		mmput(mm);
		return NULL;
	}
	mutex_unlock(&oldmm->mmap_lock);
	return mm;
}

/* CLONE_VM shares the address space; otherwise copy-on-write copy. */
static int copy_mm(u64 clone_flags, struct task_struct *p)
{
	struct mm_struct *oldmm = current->mm;

	p->mm = NULL;
	p->active_mm = NULL;
	if (!oldmm)			/* kernel thread */
		return 0;
	if (clone_flags & CLONE_VM) {
		mmget(oldmm);
		p->mm = oldmm;
	} else {
		p->mm = dup_mm(oldmm);
		if (!p->mm)
			return -ENOMEM;
	}
	p->active_mm = p->mm;
	return 0;
}

/* The flag combinations Linux refuses, before any work is done. */
static int check_clone_flags(struct kernel_clone_args *args)
{
	u64 f = args->flags;

	if ((f & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((f & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	/* Thread groups share signals; shared signals imply shared VM. */
	if ((f & CLONE_THREAD) && !(f & CLONE_SIGHAND))
		return -EINVAL;
	if ((f & CLONE_SIGHAND) && !(f & CLONE_VM))
		return -EINVAL;
	/* Siblings of init would have no parent to reap them. */
	if ((f & CLONE_PARENT) &&
	    (current->signal->flags & SIGNAL_UNKILLABLE))
		return -EINVAL;
	/* A thread must live in its group's pid namespace: not after an
	 * unshare(CLONE_NEWPID) either. */
	if ((f & CLONE_THREAD) &&
	    ((f & (CLONE_NEWUSER | CLONE_NEWPID)) ||
	     task_active_pid_ns(current) !=
		     current->nsproxy->pid_ns_for_children))
		return -EINVAL;
	if ((f & CLONE_PIDFD) && (f & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	/* A child in another time namespace (after unshare(CLONE_NEWTIME))
	 * may not share our memory or thread group. */
	if ((f & (CLONE_THREAD | CLONE_VM)) &&
	    current->nsproxy->time_ns != current->nsproxy->time_ns_for_children)
		return -EINVAL;
	return 0;
}

/* Fields that start fresh in every child (not inherited by the copy). */
static void init_task_fields(struct task_struct *p, u64 clone_flags)
{
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_node);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->ptraced);
	INIT_LIST_HEAD(&p->ptrace_entry);
	for (int type = 0; type < PIDTYPE_MAX; type++)
		INIT_LIST_HEAD(&p->pid_links[type]);
	INIT_LIST_HEAD(&p->cpu_timers);
	p->cgroup = NULL;		/* cgroup_post_fork() */
	p->cgroup_exited = false;
	init_sigpending(&p->pending);
	sched_fork(clone_flags, p);
	p->flags = (current->flags & ~(PF_EXITING | PF_SIGNALED | PF_KTHREAD)) |
		   PF_FORKNOEXEC;
	p->exit_state = 0;
	p->exit_code = 0;
	p->vfork_done = NULL;
	p->ptrace = 0;
	p->ptrace_message = 0;
	p->last_siginfo = NULL;
	p->ptracer_cred = NULL;
	p->jobctl = 0;
	p->utime = p->stime = 0;
	p->vtime = (struct vtime){ 0, VTIME_INACTIVE, 0 };
	p->min_flt = p->maj_flt = p->nvcsw = p->nivcsw = 0;
	memset(&p->ioac, 0, sizeof(p->ioac));
	p->start_time = ktime_get_ns();
	p->restore_sigmask = false;
	p->fail_nth = 0;
	p->pdeath_signal = 0;
	p->pagefault_disabled = 0;
	p->held_locks.depth = 0;
	spin_lock_init_ranked(&p->alloc_lock, "task->alloc_lock", LR_TASK);
	p->set_child_tid = NULL;	/* set once the pid is known */
	p->clear_child_tid = NULL;
	/* The robust futex list names the parent's locks, in the parent's
	 * memory: a child starts with none (Linux's futex_init_task). */
	p->robust_list = NULL;
	INIT_LIST_HEAD(&p->pi_state_list);
	p->pi_blocked_on = NULL;
	p->pi_exit_done = false;
	p->pi_boosted = false;	/* sched_fork() starts it at normal_prio */
	/* sigaltstack is inherited by fork but not by a thread (or vfork
	 * with a shared VM), as in Linux. */
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		p->sas_ss_sp = 0;
		p->sas_ss_size = 0;
		p->sas_ss_flags = SS_DISABLE;
	}
}

/*
 * copy_process - build a new task as a copy of current, as args say.
 * Returns the task, not yet runnable, or an ERR_PTR.
 */
static struct task_struct *copy_process(struct kernel_clone_args *args,
					int trace)
{
	u64 clone_flags = args->flags;
	struct file *pidfile = NULL;
	unsigned long nproc_limit;
	struct multiprocess_signals delayed;
	struct task_struct *p;
	struct pid *pid;
	int pidfd = -1;
	unsigned long f;
	int err;

	err = check_clone_flags(args);
	if (err)
		return ERR_PTR(err);
	/* Signals pending now come first; signals to our process group
	 * from here on reach the child too. */
	err = fork_signals_begin(&delayed, clone_flags & CLONE_THREAD);
	if (err)
		goto fork_out;

	err = -ENOMEM;
	p = dup_task_struct(current);
	if (!p)
		goto fork_out;
	init_task_fields(p, clone_flags);
	err = copy_creds(p, clone_flags);
	if (err)
		goto bad_fork_free;

	/* RLIMIT_NPROC binds all but root and the administrators; it is
	 * counted where the child is linked (below). */
	nproc_limit = READ_ONCE(current->signal->rlim[RLIMIT_NPROC].rlim_cur);
	if (uid_eq(p->real_cred->uid, GLOBAL_ROOT_UID) ||
	    capable(CAP_SYS_RESOURCE) || capable(CAP_SYS_ADMIN))
		nproc_limit = RLIM_INFINITY;
	/* threads-max binds everyone, root too (a hint read without the
	 * lock, as Linux: a few over under a race is harmless). */
	err = -EAGAIN;
	if (READ_ONCE(nr_threads) >= READ_ONCE(max_threads))
		goto bad_fork_cleanup_cred;

	err = copy_semundo(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_cred;
	err = copy_files(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_semundo;
	err = copy_fs(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_files;
	err = copy_sighand(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_fs;
	err = copy_signal(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_sighand;
	err = copy_mm(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_signal;
	err = copy_namespaces(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_mm;
	err = copy_thread(p, args);
	if (err)
		goto bad_fork_cleanup_namespaces;

	pid = alloc_pid(p->nsproxy->pid_ns_for_children, args->set_tid,
			args->set_tid_size);
	if (IS_ERR(pid)) {
		err = PTR_ERR(pid);
		goto bad_fork_cleanup_namespaces;
	}
	p->thread_pid = pid;
	p->pid = pid->numbers[0].nr;
	if (clone_flags & CLONE_PIDFD) {
		pidfd = pidfd_prepare(pid, 0, &pidfile);
		if (pidfd < 0) {
			err = pidfd;
			goto bad_fork_free_pid;
		}
		err = -EFAULT;
		if (put_user(pidfd, args->pidfd))
			goto bad_fork_put_pidfd;
	}
	err = cgroup_can_fork(args);
	if (err)
		goto bad_fork_put_pidfd;
	if (clone_flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;
	if (clone_flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;

	if (clone_flags & CLONE_THREAD) {
		p->group_leader = current->group_leader;
		p->tgid = current->tgid;
		p->exit_signal = -1;
	} else {
		p->group_leader = p;
		p->tgid = p->pid;
		p->exit_signal = (clone_flags & CLONE_PARENT) ?
			current->group_leader->exit_signal : args->exit_signal;
	}

	f = write_lock_irqsave(&tasklist_lock);
	/*
	 * CLONE_PARENT and CLONE_THREAD re-use the caller's parent. The
	 * parent's exec count now is how do_notify_parent() will tell
	 * whether the parent has exec'd since (then only SIGCHLD).
	 */
	if (clone_flags & (CLONE_PARENT | CLONE_THREAD)) {
		p->real_parent = current->real_parent;
		p->parent_exec_id = current->parent_exec_id;
	} else {
		p->real_parent = current;
		p->parent_exec_id = current->self_exec_id;
	}
	p->parent = p->real_parent;

	/*
	 * A fatal signal, a group exit or an exec's killing of the other
	 * threads that arrived while we were copying: the child must not
	 * escape it. Judged under our siglock, which a new thread shares
	 * and which stays held until it is on the thread list: as Linux,
	 * a group exit, exec or stop cannot pass between (zap and stop
	 * walk the thread list under it). (Linux restarts the fork for
	 * other signals; fork_signals_begin() saw to those.)
	 */
	spin_lock(&current->sighand->siglock);
	if (fatal_signal_pending(current) ||
	    (current->signal->flags & SIGNAL_GROUP_EXIT) ||
	    ((clone_flags & CLONE_THREAD) && current->signal->group_exec_task)) {
		err = -ERESTARTNOINTR;
		goto bad_fork_unlock_siglock;
	}
	/* Not into a pid namespace being torn down: its init kills what
	 * it finds linked once it has stopped new pids (Linux's
	 * PIDNS_ADDING check under the lock). */
	err = -ENOMEM;
	if (READ_ONCE(ns_of_pid(pid)->dying))
		goto bad_fork_unlock_siglock;
	/* Counted and decided under the lock that links the child: two
	 * forks at the limit cannot both pass. */
	err = -EAGAIN;
	if (nproc_limit != RLIM_INFINITY &&
	    __nr_user_processes(p->real_cred->uid) >= nproc_limit)
		goto bad_fork_unlock_siglock;
	if (!(clone_flags & CLONE_THREAD))
		spin_unlock(&current->sighand->siglock);
	/* Under the limit (or exempt): a later exec need not fail. */
	current->flags &= ~PF_NPROC_EXCEEDED;

	/* Point of no return: from here on nothing can fail. */
	if (!(clone_flags & CLONE_THREAD))
		fork_take_signals(p, &delayed);
	ptrace_init_task(p, (clone_flags & CLONE_PTRACE) || trace);
	get_pid(pid);			/* p->thread_pid's reference */
	attach_pid(p, PIDTYPE_PID, pid);
	if (thread_group_leader(p)) {
		/* The first process of a new pid namespace is its init. */
		if (is_child_reaper(pid)) {
			ns_of_pid(pid)->child_reaper = p;
			p->signal->flags |= SIGNAL_UNKILLABLE;
		}
		/* Our group and session, as they are now that nobody can
		 * move us (setpgid takes tasklist_lock too). */
		attach_pid(p, PIDTYPE_PGID, task_pgrp(current));
		attach_pid(p, PIDTYPE_SID, task_session(current));
		list_add_tail(&p->sibling, &p->real_parent->children);
	}
	/* Signal code walks the thread list under siglock alone (for a
	 * thread, ours: held since the checks above). */
	if (thread_group_leader(p))
		spin_lock(&p->sighand->siglock);
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	if (thread_group_leader(p)) {
		p->signal->nr_threads = 1;
	} else {
		p->signal->nr_threads++;
		p->signal->quick_threads++;
		task_join_group_stop(p);
	}
	spin_unlock(&p->sighand->siglock);
	cgroup_post_fork(p, args);
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	total_forks++;
	write_unlock_irqrestore(&tasklist_lock, f);
	cgroup_fork_done(args);
	fork_signals_end(&delayed);
	if (pidfile)
		fd_install(pidfd, pidfile);
	trace_task_newtask(p, clone_flags);
	return p;

bad_fork_unlock_siglock:
	spin_unlock(&current->sighand->siglock);
	write_unlock_irqrestore(&tasklist_lock, f);
	cgroup_fork_done(args);
bad_fork_put_pidfd:
	if (pidfile) {
		put_unused_fd(pidfd);
		fput(pidfile);
	}
bad_fork_free_pid:
	free_pid(pid);
bad_fork_cleanup_namespaces:
	exit_task_namespaces(p);
bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (clone_flags & CLONE_THREAD)
		atomic_dec(&p->signal->live);
	put_signal_struct(p->signal);
bad_fork_cleanup_sighand:
	__cleanup_sighand(p->sighand);
	put_sighand(p->sighand);
bad_fork_cleanup_fs:
	exit_fs(p);
bad_fork_cleanup_files:
	exit_files(p);
bad_fork_cleanup_semundo:
	exit_sem(p);
bad_fork_cleanup_cred:
	exit_creds(p);
bad_fork_free:
	free_task(p);
fork_out:
	fork_signals_end(&delayed);
	return ERR_PTR(err);
}

/* Which ptrace event (if any) this clone reports to current's tracer. */
static int clone_trace_event(struct kernel_clone_args *args)
{
	int event;

	if (args->flags & CLONE_UNTRACED)
		return 0;
	if (args->flags & CLONE_VFORK)
		event = PTRACE_EVENT_VFORK;
	else if (args->exit_signal != SIGCHLD)
		event = PTRACE_EVENT_CLONE;
	else
		event = PTRACE_EVENT_FORK;
	return ptrace_event_enabled(current, event) ? event : 0;
}

/*
 * The vfork parent sleeps until the child releases the mm (exec or
 * exit: mm_release() completes vfork_done). Only a fatal signal wakes
 * it early; then the child is told to forget us. Returns 0 if the child
 * really finished with the mm.
 */
static int wait_for_vfork_done(struct task_struct *child,
			       struct completion *vfork)
{
	int killed = wait_for_completion_killable(vfork);

	if (killed) {
		/* After this the child can no longer complete(vfork). */
		task_lock(child);
		child->vfork_done = NULL;
		task_unlock(child);
	}
	put_task_struct(child);
	return killed;
}

/*
 * kernel_clone - create a child as args say (the heart of fork, vfork,
 * clone and clone3), start it, and for CLONE_VFORK wait until it execs
 * or exits. Returns the child's pid in the caller's namespace or
 * -errno. May sleep.
 */
pid_t kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	struct pid *pid;
	int trace = clone_trace_event(args);
	pid_t nr;

	/* Legacy clone has one slot for both (pidfd == parent_tid);
	 * clone3 has two fields, which must not name the same word. */
	if ((args->flags & CLONE_PIDFD) &&
	    (args->flags & CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid)
		return -EINVAL;
	p = copy_process(args, trace);
	if (IS_ERR(p)) {
		/* Memory for the copy ran out (not an injected failure):
		 * free some for the next try, as Linux's allocations do. */
		if (PTR_ERR(p) == -ENOMEM && nr_free_pages() < min_free_pages)
			out_of_memory(0);
		return PTR_ERR(p);
	}
	trace_sched_process_fork(current, p);
	pid = get_pid(p->thread_pid);
	nr = pid_vnr(pid);
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(nr, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		p->vfork_done = &vfork;
		init_completion(&vfork);
		get_task_struct(p);
	}
	wake_up_new_task(p);
	if (unlikely(trace))
		ptrace_event_pid(trace, pid);
	if (args->flags & CLONE_VFORK) {
		if (!wait_for_vfork_done(p, &vfork))
			ptrace_event_pid(PTRACE_EVENT_VFORK_DONE, pid);
	}
	put_pid(pid);
	return nr;
}

/* A kernel thread running fn(arg), sharing everything with init_task. */
struct task_struct *kernel_thread_create(int (*fn)(void *), void *arg,
					 const char *name)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VM | CLONE_UNTRACED,
		.exit_signal = SIGCHLD,
		.fn = fn,
		.fn_arg = arg,
		.kthread = true,
	};
	struct task_struct *p = copy_process(&args, 0);

	if (IS_ERR(p))
		return p;
	p->flags |= PF_KTHREAD;
	strlcpy(p->comm, name, sizeof(p->comm));
	wake_up_new_task(p);
	return p;
}

/*
 * fork_idle - the idle task of a CPU being brought up: a copy of
 * init_task (pid 0, a kernel thread sharing init_task's files, fs,
 * namespaces and signal state, which it never lets go of), on no list:
 * it only ever runs as that CPU's idle task, first on the stack the
 * CPU starts on. NULL when out of memory. Boot only.
 */
struct task_struct *fork_idle(unsigned int cpu)
{
	struct task_struct *t = dup_task_struct(&init_task);

	if (!t)
		return NULL;
	init_task_fields(t, CLONE_VM);
	t->state = TASK_RUNNING;
	t->flags = PF_KTHREAD;
	t->mm = t->active_mm = NULL;
	t->group_leader = t;
	t->real_parent = t->parent = &init_task;
	snprintf(t->comm, sizeof(t->comm), "swapper/%u", cpu);
	return t;
}

int nr_processes(void) { return READ_ONCE(nr_threads); }

/*
 * fork_init - threads-max as Linux sizes it: the kernel stacks of
 * all threads may take at most an eighth of RAM (RAM / (8 * 16 KiB)),
 * within MIN_THREADS..MAX_THREADS. Boot, and the sysctl's bounds.
 */
void fork_init(void)
{
	u64 threads = (u64)totalram_pages() * PAGE_SIZE / (8 * KSTACK_SIZE);

	max_threads = MAX(MIN(threads, (u64)MAX_THREADS), (u64)MIN_THREADS);
}

static const int max_threads_max = MAX_THREADS;

/* kernel.threads-max: 1..MAX_THREADS (Linux's sysctl_max_threads bounds). */
static const struct ctl_table fork_table[] = {
	{ .procname = "threads-max", .data = &max_threads,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ONE,
	  .extra2 = &max_threads_max },
	{ }
};

static void fork_sysctl_init(void)
{
	register_sysctl("kernel", fork_table);
}
__initcall(fork_sysctl_init);

/* nr_forks - /proc/stat's "processes": every fork and clone since boot. */
unsigned long nr_forks(void) { return READ_ONCE(total_forks); }

/* unlink_task - see sched.h. */
void unlink_task(struct task_struct *p)
{
	assert_write_locked(&tasklist_lock);
	list_del_init(&p->tasks);
	nr_threads--;
}

static long sys_fork(void)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}
SYSCALL_ENTRY(fork, sys_fork);

static long sys_vfork(void)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}
SYSCALL_ENTRY(vfork, sys_vfork);

/* x86-64 argument order: flags, stack, parent_tid, child_tid, tls. */
static long sys_clone(unsigned long flags, unsigned long newsp,
		      int __user *parent_tid, int __user *child_tid,
		      unsigned long tls)
{
	/* Only the low 32 bits are flags: clone3's extra flags (bit 32
	 * and up) do not exist for clone, as in Linux. */
	struct kernel_clone_args args = {
		.flags = (u32)flags & ~CSIGNAL,
		.pidfd = parent_tid,
		.child_tid = child_tid,
		.parent_tid = parent_tid,
		.exit_signal = (u32)flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
	};

	/* Unlike clone3, legacy clone never checked the exit signal; an
	 * invalid one is simply not sent (do_notify_parent). */
	return kernel_clone(&args);
}
SYSCALL_ENTRY(clone, sys_clone);

/*
 * clone3's extensible struct: sizes VER0..VER2 accepted, a bigger one
 * only if its tail is zero (E2BIG); smaller than VER0 is EINVAL.
 */
static int copy_struct_clone_args(struct clone_args *ka,
				  struct clone_args __user *ua, size_t size)
{
	BUILD_BUG_ON(sizeof(struct clone_args) != CLONE_ARGS_SIZE_VER2);
	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(ka, 0, sizeof(*ka));
	if (copy_from_user(ka, ua, MIN(size, sizeof(*ka))))
		return -EFAULT;
	for (size_t off = sizeof(*ka); off < size; off++) {
		char c;

		if (get_user(c, (char __user *)ua + off))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	return 0;
}

/*
 * Read clone3's arguments into args (set_tid into the caller's array
 * args->set_tid), checking what concerns the struct itself: set_tid
 * shape, the exit signal. In Linux's order, so that each bad input
 * gets Linux's error.
 */
static int copy_clone_args_from_user(struct kernel_clone_args *args,
				     struct clone_args __user *ua,
				     size_t size)
{
	pid_t *set_tid = args->set_tid;
	struct clone_args ka;
	int err = copy_struct_clone_args(&ka, ua, size);

	if (err)
		return err;
	if (ka.set_tid_size > MAX_PID_NS_LEVEL ||
	    (!ka.set_tid && ka.set_tid_size) ||
	    (ka.set_tid && !ka.set_tid_size))
		return -EINVAL;
	if ((ka.exit_signal & ~(u64)CSIGNAL) || !valid_signal(ka.exit_signal))
		return -EINVAL;
	if ((ka.flags & CLONE_INTO_CGROUP) &&
	    (ka.cgroup > 0x7fffffff || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	*args = (struct kernel_clone_args){
		.flags = ka.flags,
		.pidfd = (int __user *)ka.pidfd,
		.child_tid = (int __user *)ka.child_tid,
		.parent_tid = (int __user *)ka.parent_tid,
		.exit_signal = ka.exit_signal,
		.stack = ka.stack,
		.stack_size = ka.stack_size,
		.tls = ka.tls,
		.set_tid = ka.set_tid_size ? set_tid : NULL,
		.set_tid_size = ka.set_tid_size,
		.cgroup = ka.cgroup,
	};
	if (ka.set_tid_size &&
	    copy_from_user(set_tid, (void __user *)ka.set_tid,
			   ka.set_tid_size * sizeof(pid_t)))
		return -EFAULT;
	return 0;
}

/* Both stack and stack_size or neither, inside user space; the child's
 * stack pointer starts at the top (the stack grows down). */
static bool clone3_stack_valid(struct kernel_clone_args *args)
{
	if (!args->stack)
		return args->stack_size == 0;
	if (!args->stack_size ||
	    !access_ok((void __user *)args->stack, args->stack_size))
		return false;
	args->stack += args->stack_size;
	return true;
}

/* The flag rules only clone3 has (Linux's clone3_args_valid()). */
static bool clone3_args_valid(struct kernel_clone_args *args)
{
	u64 f = args->flags;

	if (f & ~(CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | 0xffffffffULL))
		return false;
	/* CLONE_DETACHED and the CSIGNAL bits (but CLONE_NEWTIME, which
	 * shares one) are free for reuse in clone3. */
	if (f & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((f & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return false;
	/* A thread, or a child of our parent, signals nobody of its own:
	 * the exit signal is decided for it. */
	if ((f & (CLONE_THREAD | CLONE_PARENT)) && args->exit_signal)
		return false;
	return clone3_stack_valid(args);
}

static long sys_clone3(struct clone_args __user *uargs, size_t size)
{
	pid_t set_tid[MAX_PID_NS_LEVEL];
	struct kernel_clone_args args = { .set_tid = set_tid };
	int err = copy_clone_args_from_user(&args, uargs, size);

	if (err)
		return err;
	if (!clone3_args_valid(&args))
		return -EINVAL;
	return kernel_clone(&args);
}
SYSCALL_ENTRY(clone3, sys_clone3);
