/*
 * Control groups: the one cgroup v2 hierarchy (kernel/cgroup/, the
 * cgroup2 filesystem, docs/cgroup.md), without controllers. Every task
 * is in one cgroup (task->cgroup, inherited at fork, changed by a write
 * to cgroup.procs); a cgroup namespace is rooted at the cgroup its
 * creator was in, and paths (/proc/<pid>/cgroup, mounts) are seen from
 * the reader's namespace root.
 *
 * Locks: cgroup_mutex (outer, sleeps) guards the tree, limits and
 * migrations; css_set_lock (spin, inside tasklist_lock, irqs off)
 * guards task->cgroup and the task counts.
 * Legend: [I] fixed once made, [A] atomic, [M] cgroup_mutex,
 * [S] css_set_lock.
 */
#ifndef TINE_CGROUP_H
#define TINE_CGROUP_H

#include <tine/ns_common.h>

#include <tine/list.h>
#include <tine/types.h>

struct user_namespace;
struct kernfs_node;
struct seq_buf;
struct task_struct;

struct cgroup {
	struct cgroup *parent;		/* [I] NULL for the root (a reference) */
	const char *name;		/* [I] its directory's name */
	struct kernfs_node *kn;		/* [M] its directory, NULL once removed */
	struct kernfs_node *procs_kn;	/* [M] its cgroup.procs */
	struct kernfs_node *events_kn;	/* [M][S] its cgroup.events (told of
					 * populated changes), NULL for the
					 * root and once removed */
	struct list_head children;	/* [M] live children, by sibling */
	struct list_head sibling;	/* [M] */
	int level;			/* [I] depth below the root */
	int nr_descendants;		/* [M] live ones */
	int nr_dying_descendants;	/* [A] removed, still referenced */
	int max_depth;			/* [M] INT_MAX: "max" */
	int max_descendants;		/* [M] INT_MAX: "max" */
	bool dead;			/* [M] removed (rmdir) */
	int nr_tasks;			/* [S] live tasks in it */
	int nr_populated_children;	/* [S] children with tasks below */
	atomic_t refcnt;		/* tasks, children, its directory */
};

extern struct cgroup cgrp_dfl_root;
/* Has cgroup2 been mounted yet? Until then /proc/<pid>/cgroup is empty,
 * as on Linux. [A] (set once) */
extern bool cgrp_dfl_visible;

struct cgroup_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
	struct cgroup *root_cgrp;	/* [I] its root (a reference) */
};

extern struct cgroup_namespace init_cgroup_ns;

/*
 * copy_cgroup_ns - old shared (a reference), or with CLONE_NEWCGROUP a
 * new namespace rooted at the caller's cgroup, owned by user_ns.
 * ERR_PTR(-ENOMEM) on failure.
 */
struct cgroup_namespace *copy_cgroup_ns(unsigned long flags,
					struct user_namespace *user_ns,
					struct cgroup_namespace *old);
struct cgroup_namespace *get_cgroup_ns(struct cgroup_namespace *ns);
void put_cgroup_ns(struct cgroup_namespace *ns);

/* get_cgroup / put_cgroup - count a reference; the last put frees a
 * removed cgroup and drops its parent. Any context, no sleep. */
void get_cgroup(struct cgroup *cg);
void put_cgroup(struct cgroup *cg);

/* task_get_cgroup - t's cgroup, with a reference. Takes css_set_lock. */
struct cgroup *task_get_cgroup(struct task_struct *t);

struct kernel_clone_args;

/*
 * cgroup_can_fork - for CLONE_INTO_CGROUP, find and check the target
 * (args->cgroup, a cgroup2 directory fd: EBADF if not; ENOENT if
 * removed; permission as a write to its cgroup.procs: EACCES, ENOENT;
 * EOPNOTSUPP for a thread in another cgroup). On success holds
 * cgroup_mutex and args->cgrp until cgroup_fork_done(). 0 or -err.
 * Before tasklist_lock; may sleep.
 */
int cgroup_can_fork(struct kernel_clone_args *args);

/* cgroup_fork_done - the fork succeeded or failed: let go of what
 * cgroup_can_fork() took. No lock held (after tasklist_lock). */
void cgroup_fork_done(struct kernel_clone_args *args);

/*
 * cgroup_post_fork - put the new task p in args->cgrp, or current's
 * cgroup. Called at copy_process()'s point of no return, tasklist_lock
 * held for writing (so a migration of current's process sees p, or p
 * sees its result).
 */
void cgroup_post_fork(struct task_struct *p, struct kernel_clone_args *args);

/* cgroup_exit - the exiting task tsk leaves its cgroup's live count
 * (cgroup.procs, populated); its cgroup stays for /proc until
 * cgroup_free(). Takes css_set_lock; no sleep. */
void cgroup_exit(struct task_struct *tsk);

/* cgroup_free - drop the freed task t's cgroup reference. Any context. */
void cgroup_free(struct task_struct *t);

/*
 * cgroup_path_ns - cg's path as seen from ns ("/a/b", "/../x" outside
 * ns's root) into m, with a newline. No lock held; may sleep.
 */
void cgroup_path_ns(struct seq_buf *m, struct cgroup *cg,
		    struct cgroup_namespace *ns);

#endif
