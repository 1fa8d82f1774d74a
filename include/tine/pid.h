/*
 * Process ids. A struct pid names one thread in every PID namespace
 * from the one it was created in up to the root: numbers[i] is its id
 * at level i. Tasks keep global (level 0) numbers in task->pid/tgid;
 * what user space sees goes through pid_vnr() (the caller's namespace).
 *
 * A pid has users of three kinds (Linux's pid types): the thread it
 * names (PIDTYPE_PID), the processes whose group it names (PGID) and
 * those whose session it names (SID); a process is counted through its
 * group leader. The number stays allocated, so nobody else is given
 * it, for as long as any user remains: a group or a session outlives
 * its leader while members run (detach_pid() frees it with the last).
 */
#ifndef TINE_PID_H
#define TINE_PID_H

#include <tine/atomic.h>
#include <tine/list.h>
#include <tine/ns_common.h>
#include <tine/types.h>
#include <tine/wait.h>

struct task_struct;
struct pid_namespace;
struct user_namespace;

struct upid {
	int nr;
	struct pid_namespace *ns;
	struct list_head hash;		/* [pidmap_lock] in ns->hash[] */
};

enum pid_type {
	PIDTYPE_PID,			/* the thread with this id */
	PIDTYPE_PGID,			/* leaders of the processes in the group */
	PIDTYPE_SID,			/* leaders of the processes in the session */
	PIDTYPE_MAX,
};

struct pid {
	atomic_t count;			/* references to the struct */
	unsigned int level;		/* depth of the owning namespace */
	struct list_head tasks[PIDTYPE_MAX];	/* [tasklist_lock] its users:
						 * task->pid_links[type] */
	struct wait_queue_head wait_pidfd;	/* pollers of its pidfds */
	struct upid numbers[];		/* level + 1 of them */
};

#define PID_HASH 64

struct pid_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, pids, ns files */
	unsigned int level;		/* 0 = the initial namespace */
	struct pid_namespace *parent;
	struct user_namespace *user_ns;	/* owner (a reference): CAP_SYS_ADMIN
					 * or CAP_CHECKPOINT_RESTORE there
					 * picks pids (clone3 set_tid) */
	struct task_struct *child_reaper;	/* [tasklist_lock] its init */
	int last_pid;			/* [pidmap_lock] */
	int nr_alive;			/* [pidmap_lock] pids allocated */
	bool dying;			/* [pidmap_lock] init exited: no
					 * more pids (Linux: !PIDNS_ADDING) */
	struct list_head hash[PID_HASH];	/* [pidmap_lock] upid.hash */
};

extern struct pid_namespace init_pid_ns;
extern struct pid *init_struct_pid;	/* pid 0: the first tasks' group */
extern int pid_max;

void pid_init(void);
/* Allocate a pid in ns and every ancestor. set_tid[i] requests the id at
 * level (ns->level - i). Returns ERR_PTR(-EAGAIN/-ENOMEM/-EEXIST...). */
struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid,
		      size_t set_tid_size);
void free_pid(struct pid *pid);
void attach_pid(struct task_struct *t, enum pid_type type, struct pid *pid);
void detach_pid(struct task_struct *t, enum pid_type type);
void change_pid(struct task_struct *t, enum pid_type type, struct pid *pid);
void transfer_pid(struct task_struct *old, struct task_struct *new,
		  enum pid_type type);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
bool pid_has_task(struct pid *pid, enum pid_type type);
struct pid *task_pgrp(struct task_struct *t);
struct pid *task_session(struct task_struct *t);
struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);
struct pid *find_pid_ns(int nr, struct pid_namespace *ns);
struct pid *find_vpid(int nr);
struct pid *find_get_pid(int nr);	/* caller's namespace, referenced */
pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns);
pid_t pid_vnr(struct pid *pid);
struct pid_namespace *task_active_pid_ns(struct task_struct *t);
struct pid_namespace *get_pid_ns(struct pid_namespace *ns);
void put_pid_ns(struct pid_namespace *ns);
void disable_pid_allocation(struct pid_namespace *ns);

/* The namespace pid was allocated in (its deepest). */
static inline struct pid_namespace *ns_of_pid(struct pid *pid)
{
	return pid->numbers[pid->level].ns;
}

/* Is pid number 1 of its own namespace (that namespace's init)? */
static inline bool is_child_reaper(struct pid *pid)
{
	return pid->numbers[pid->level].nr == 1;
}

/* kernel/pid_namespace.c */
struct pid_namespace *copy_pid_ns(unsigned long flags,
				  struct user_namespace *user_ns,
				  struct pid_namespace *old_ns);
void zap_pid_ns_processes(struct pid_namespace *ns);
bool pid_ns_is_ancestor(struct pid_namespace *ancestor,
			struct pid_namespace *ns);

/* kernel/pidfd.c */
struct file;
int pidfd_prepare(struct pid *pid, unsigned int flags, struct file **ret);
struct pid *pidfd_get_pid(unsigned int fd, unsigned int *flags);
struct file;
/* pidfd_pid - the pid behind pidfd file f (no reference: f holds one),
 * or ERR_PTR(-EBADF) if f is no pidfd. */
struct pid *pidfd_pid(const struct file *f);
void do_notify_pidfd(struct pid *pid);

/* Tasks by number, in the caller's namespace. */
struct task_struct *find_task_by_vpid(pid_t nr);	/* tasklist_lock held */
struct task_struct *find_get_task_by_vpid(pid_t nr);	/* with a reference */
struct task_struct *get_pid_task(struct pid *pid);	/* referenced, or NULL */
struct task_struct *find_get_task_by_pid_ns(pid_t nr,
					    struct pid_namespace *ns);
pid_t task_pid_vnr(struct task_struct *t);
pid_t task_tgid_vnr(struct task_struct *t);
pid_t task_pid_nr_ns(struct task_struct *t, struct pid_namespace *ns);
pid_t task_tgid_nr_ns(struct task_struct *t, struct pid_namespace *ns);
pid_t task_ppid_nr_ns(struct task_struct *t, struct pid_namespace *ns);

#endif
