/*
 * Time namespaces: per-namespace offsets of CLOCK_MONOTONIC and
 * CLOCK_BOOTTIME (and their variants), so that a container moved
 * between machines sees its clocks continue. unshare(CLONE_NEWTIME)
 * makes a namespace for the caller's future children only
 * (nsproxy->time_ns_for_children); its offsets may be written in
 * /proc/<pid>/timens_offsets until the first task enters it, then they
 * are frozen. clone3(CLONE_NEWTIME) puts the child straight in a new one.
 * Its tasks' vDSO reads the offsets from the namespace's own [vvar] data
 * page (vvar_page, filled when the offsets freeze; arch/x86_64/vdso.c
 * maps it through timens_vvar_page()).
 *
 * Legend: [I] fixed once made, [A] atomic, [O] timens_offset_lock
 * (mutex) until frozen_offsets is set, then fixed.
 */
#ifndef TINE_TIME_NAMESPACE_H
#define TINE_TIME_NAMESPACE_H

#include <tine/ns_common.h>
#include <tine/types.h>

struct nsproxy;
struct seq_buf;
struct task_struct;
struct user_namespace;

struct timens_offsets {
	s64 monotonic;			/* ns added to CLOCK_MONOTONIC* */
	s64 boottime;			/* ns added to CLOCK_BOOTTIME* */
};

struct time_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
	struct timens_offsets offsets;	/* [O] */
	bool frozen_offsets;		/* [O] a task has entered it */
	struct page *vvar_page;		/* [O] the vDSO's data page for its
					 * tasks (fixed once frozen) */
};

extern struct time_namespace init_time_ns;

/*
 * copy_time_ns - old shared (a reference), or with CLONE_NEWTIME a new
 * namespace with old's offsets, owned by user_ns. ERR_PTR(-ENOMEM).
 */
struct time_namespace *copy_time_ns(unsigned long flags,
				    struct user_namespace *user_ns,
				    struct time_namespace *old);
struct time_namespace *get_time_ns(struct time_namespace *ns);
void put_time_ns(struct time_namespace *ns);
/*
 * timens_on_fork - the new task p (nsproxy its new, unpublished
 * nsproxy; p->mm its own copy) enters nsproxy's time_ns_for_children,
 * whose offsets are frozen from now on. 0, or -ENOMEM (p's [vvar] pages
 * could not be dropped). May sleep.
 */
int timens_on_fork(struct nsproxy *nsproxy, struct task_struct *p);
/* timens_commit - ns is entered (setns): freeze its offsets. */
void timens_commit(struct time_namespace *ns);

/*
 * The offset (ns) current's time namespace adds to clock id, 0 for
 * clocks it does not shift. Lock-free (the offsets are frozen).
 */
s64 timens_clock_offset(int clockid);

/*
 * timens_ktime_to_host - an absolute time t of clock id as current's
 * time namespace sees it, as the kernel's clock (for timers and sleeps
 * on it); 0 if that lies before the kernel's zero. Lock-free.
 */
u64 timens_ktime_to_host(int clockid, u64 t);

/* /proc/<pid>/timens_offsets (of t's children's namespace). */
int proc_timens_offsets_show(struct seq_buf *m, struct task_struct *t);
ssize_t proc_timens_offsets_write(struct file *f, struct task_struct *t,
				  const char *buf, size_t n, off_t pos);

#endif
