/*
 * The cgroup v2 hierarchy (include/tine/cgroup.h, docs/cgroup.md): the
 * tree of cgroups, which task is in which, fork/exit, migration and
 * paths. Its files and filesystem are in cgroup_fs.c.
 *
 * Lock order (see docs/locking.md):
 *
 *   cgroup_mutex                    (mutex)   the tree, limits, migrations
 *     kernfs_mutex                  (mutex)
 *     tasklist_lock                 (rwlock)
 *       css_set_lock                (spin)    task->cgroup, task counts
 *
 * A cgroup is counted: each task in it (task->cgroup), each child
 * (->parent) and its kernfs directory hold a reference. It is freed
 * with the last, which needs no lock: by then rmdir has unlinked it.
 */
#include <tine/cgroup.h>
#include <tine/clone.h>
#include <tine/err.h>
#include <tine/kernfs.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/nsproxy.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/signal.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include "cgroup_internal.h"

DEFINE_MUTEX(cgroup_mutex);
DEFINE_SPINLOCK_RANKED(css_set_lock, LR_CSS_SET);

/* The root: never freed; init_task (and so every task) starts here. */
struct cgroup cgrp_dfl_root = {
	.name = "",
	.children = LIST_HEAD_INIT(cgrp_dfl_root.children),
	.sibling = LIST_HEAD_INIT(cgrp_dfl_root.sibling),
	.max_depth = CGROUP_NO_LIMIT,
	.max_descendants = CGROUP_NO_LIMIT,
	.nr_tasks = 1,			/* init_task */
	.refcnt = ATOMIC_INIT(1),
};

/* get_cgroup - see tine/cgroup.h. */
void get_cgroup(struct cgroup *cg)
{
	atomic_inc(&cg->refcnt);
}

/* put_cgroup - see tine/cgroup.h. A parent counts its dying child
 * until the child is freed (cgroup.stat nr_dying_descendants). */
void put_cgroup(struct cgroup *cg)
{
	while (cg && cg != &cgrp_dfl_root && atomic_dec_and_test(&cg->refcnt)) {
		struct cgroup *parent = cg->parent;

		/* Only a removed cgroup was counted dying (not one whose
		 * mkdir failed half-way). No one else sees cg now. */
		for (struct cgroup *a = parent; cg->dead && a; a = a->parent)
			__atomic_fetch_sub(&a->nr_dying_descendants, 1,
					   __ATOMIC_RELAXED);
		kfree((void *)cg->name);
		kfree(cg);
		cg = parent;
	}
}

/* task_get_cgroup - see tine/cgroup.h. */
struct cgroup *task_get_cgroup(struct task_struct *t)
{
	unsigned long f = spin_lock_irqsave(&css_set_lock);
	struct cgroup *cg = t->cgroup ? t->cgroup : &cgrp_dfl_root;

	get_cgroup(cg);
	spin_unlock_irqrestore(&css_set_lock, f);
	return cg;
}

/* cgroup_is_populated - does cg or a descendant hold a live task?
 * css_set_lock held (or a racy read for a report). */
bool cgroup_is_populated(struct cgroup *cg)
{
	return READ_ONCE(cg->nr_tasks) || READ_ONCE(cg->nr_populated_children);
}

/* cg's "populated" changed: its cgroup.events pollers hear of it.
 * css_set_lock held. */
static void cgroup_events_notify(struct cgroup *cg)
{
	assert_spin_locked(&css_set_lock);
	if (cg->events_kn)
		kernfs_notify(cg->events_kn);
}

/* delta tasks join (leave) cg; "populated" changes travel up as far as
 * they change anything, each told in cgroup.events. css_set_lock held. */
static void cgroup_add_tasks(struct cgroup *cg, int delta)
{
	bool was = cgroup_is_populated(cg);

	assert_spin_locked(&css_set_lock);
	cg->nr_tasks += delta;
	for (; cg->parent; cg = cg->parent) {
		bool now = cgroup_is_populated(cg);

		if (was == now)
			break;
		cgroup_events_notify(cg);
		was = cgroup_is_populated(cg->parent);
		cg->parent->nr_populated_children += now ? 1 : -1;
	}
}

/* Move the live task t to dst. css_set_lock held. */
static void cgroup_move_task(struct task_struct *t, struct cgroup *dst)
{
	struct cgroup *src = t->cgroup;

	assert_spin_locked(&css_set_lock);
	if (t->cgroup_exited || src == dst)
		return;
	cgroup_add_tasks(src, -1);
	cgroup_add_tasks(dst, 1);
	get_cgroup(dst);
	t->cgroup = dst;
	put_cgroup(src);	/* not the last: src holds its directory's */
}

/* cgroup_post_fork - see tine/cgroup.h. */
void cgroup_post_fork(struct task_struct *p, struct kernel_clone_args *args)
{
	assert_write_locked(&tasklist_lock);
	spin_lock(&css_set_lock);
	p->cgroup = args->cgrp ? args->cgrp
		    : current->cgroup ? current->cgroup : &cgrp_dfl_root;
	p->cgroup_exited = false;
	get_cgroup(p->cgroup);
	cgroup_add_tasks(p->cgroup, 1);
	spin_unlock(&css_set_lock);
}

/* cgroup_exit - see tine/cgroup.h. */
void cgroup_exit(struct task_struct *tsk)
{
	unsigned long f = spin_lock_irqsave(&css_set_lock);

	if (tsk->cgroup && !tsk->cgroup_exited) {
		cgroup_add_tasks(tsk->cgroup, -1);
		tsk->cgroup_exited = true;
	}
	spin_unlock_irqrestore(&css_set_lock, f);
}

/* cgroup_free - see tine/cgroup.h. */
void cgroup_free(struct task_struct *t)
{
	put_cgroup(t->cgroup);
}

/*
 * cgroup_attach_process - move every live thread of t's process to
 * dst. cgroup_mutex held; takes tasklist_lock and css_set_lock, so a
 * thread being forked is either moved here or inherits dst.
 */
void cgroup_attach_process(struct task_struct *t, struct cgroup *dst)
{
	unsigned long f;
	struct task_struct *p;

	mutex_assert_held(&cgroup_mutex);
	f = read_lock_irqsave(&tasklist_lock);
	spin_lock(&css_set_lock);
	list_for_each_entry(p, &t->signal->thread_head, thread_node)
		cgroup_move_task(p, dst);
	spin_unlock(&css_set_lock);
	read_unlock_irqrestore(&tasklist_lock, f);
}

/* Has t a live place in cg or below? css_set_lock held. */
static bool task_in_subtree(struct task_struct *t, struct cgroup *cg)
{
	assert_spin_locked(&css_set_lock);
	return t->cgroup && !t->cgroup_exited &&
	       cgroup_is_descendant(t->cgroup, cg);
}

/*
 * cgroup_kill - SIGKILL every process with a live thread in cg or below
 * (cgroup.kill, as Linux; kernel threads are spared). cgroup_mutex held,
 * so nothing migrates or is cloned into the subtree meanwhile. The walk
 * holds tasklist_lock, under which a fork links its child after a last
 * look for a fatal signal: a child linked before is killed here, one
 * linked after would have a parent killed already, so none escapes.
 * Takes tasklist_lock, css_set_lock and the targets' siglocks.
 */
void cgroup_kill(struct cgroup *cg)
{
	struct task_struct *p;
	unsigned long f;
	bool in;

	mutex_assert_held(&cgroup_mutex);
	f = read_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->flags & PF_KTHREAD)
			continue;
		spin_lock(&css_set_lock);
		in = task_in_subtree(p, cg);
		spin_unlock(&css_set_lock);
		if (in)
			group_send_sig_info(SIGKILL, NULL, p);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
}

/* cgroup_is_descendant - is cg at or below ancestor? */
bool cgroup_is_descendant(struct cgroup *cg, struct cgroup *ancestor)
{
	for (; cg; cg = cg->parent)
		if (cg == ancestor)
			return true;
	return false;
}

/* cgroup_common_ancestor - the deepest cgroup above both a and b. */
struct cgroup *cgroup_common_ancestor(struct cgroup *a, struct cgroup *b)
{
	while (a->level > b->level)
		a = a->parent;
	while (b->level > a->level)
		b = b->parent;
	while (a != b) {
		a = a->parent;
		b = b->parent;
	}
	return a;
}

/* The names from 'from' (excluded) down to cg, each after a '/'. */
static void put_path_down(struct seq_buf *m, struct cgroup *from,
			  struct cgroup *cg)
{
	if (cg == from)
		return;
	put_path_down(m, from, cg->parent);
	seq_printf(m, "/%s", cg->name);
}

/* cgroup_path_ns - see tine/cgroup.h. Names never change: no lock. */
void cgroup_path_ns(struct seq_buf *m, struct cgroup *cg,
		    struct cgroup_namespace *ns)
{
	struct cgroup *root = ns->root_cgrp;
	struct cgroup *a = cgroup_common_ancestor(cg, root);

	for (struct cgroup *up = root; up != a; up = up->parent)
		seq_puts(m, "/..");
	if (cg == a && root == a)
		seq_putc(m, '/');
	put_path_down(m, a, cg);
	seq_putc(m, '\n');
}

/* May one more cgroup be made below parent (cgroup.max.depth and
 * cgroup.max.descendants of it and every ancestor)? cgroup_mutex held. */
static bool cgroup_check_hierarchy_limits(struct cgroup *parent)
{
	int depth = 0;

	mutex_assert_held(&cgroup_mutex);
	for (struct cgroup *a = parent; a; a = a->parent, depth++) {
		if (a->nr_descendants >= a->max_descendants)
			return false;
		if (depth >= a->max_depth)
			return false;
	}
	return true;
}

/*
 * cgroup_create - a new cgroup name below parent (its files made by
 * cgroup_fs.c). The new cgroup or ERR_PTR: -EAGAIN over a limit, -ENOENT
 * under a removed parent, -EEXIST, -ENOMEM. cgroup_mutex held.
 */
struct cgroup *cgroup_create(struct cgroup *parent, const char *name,
			     mode_t mode)
{
	struct cgroup *cg;
	int err;

	mutex_assert_held(&cgroup_mutex);
	if (parent->dead)
		return ERR_PTR(-ENOENT);
	if (!cgroup_check_hierarchy_limits(parent))
		return ERR_PTR(-EAGAIN);
	cg = kzalloc(sizeof(*cg));
	if (!cg)
		return ERR_PTR(-ENOMEM);
	cg->name = kstrdup(name);
	if (!cg->name) {
		kfree(cg);
		return ERR_PTR(-ENOMEM);
	}
	INIT_LIST_HEAD(&cg->children);
	cg->level = parent->level + 1;
	cg->max_depth = cg->max_descendants = CGROUP_NO_LIMIT;
	atomic_set(&cg->refcnt, 1);	/* its directory's, from here */
	get_cgroup(parent);
	cg->parent = parent;
	err = cgroup_populate_dir(cg, mode);	/* on failure, frees cg */
	if (err)
		return ERR_PTR(err);
	list_add_tail(&cg->sibling, &parent->children);
	for (struct cgroup *a = parent; a; a = a->parent)
		a->nr_descendants++;
	return cg;
}

/*
 * cgroup_destroy - rmdir of cg: -EBUSY while a task is in it or below
 * it, or it has children; else it is unlinked and its directory goes.
 * 0 or -err. cgroup_mutex held.
 */
int cgroup_destroy(struct cgroup *cg)
{
	struct kernfs_node *kn = cg->kn;
	unsigned long f;
	bool busy;

	mutex_assert_held(&cgroup_mutex);
	if (cg->dead || !cg->parent)
		return cg->dead ? -ENOENT : -EBUSY;
	f = spin_lock_irqsave(&css_set_lock);
	busy = cgroup_is_populated(cg) || !list_empty(&cg->children);
	if (!busy)
		cg->events_kn = NULL;	/* its node may go with the tree */
	spin_unlock_irqrestore(&css_set_lock, f);
	if (busy)
		return -EBUSY;
	cg->dead = true;
	cg->kn = NULL;
	cg->procs_kn = NULL;
	list_del_init(&cg->sibling);
	for (struct cgroup *a = cg->parent; a; a = a->parent) {
		a->nr_descendants--;
		__atomic_fetch_add(&a->nr_dying_descendants, 1,
				   __ATOMIC_RELAXED);
	}
	kernfs_remove(kn);	/* its last put drops cg's directory reference */
	return 0;
}
