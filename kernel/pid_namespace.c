/*
 * PID namespaces: CLONE_NEWPID and unshare(CLONE_NEWPID) make a child
 * namespace one level below the caller's; its first process is pid 1
 * there and its child_reaper. When that init dies, every other process
 * of the namespace is killed and no new pid can be allocated in it
 * (zap_pid_ns_processes()). setns() to a pid namespace (pidns_operations)
 * sets where the caller's next children go: its own namespace or one
 * below it.
 *
 * Locks: a namespace's fields follow pid.h's legend (pidmap_lock for
 * the maps and counts, tasklist_lock for child_reaper); the count is
 * atomic. Lock order: tasklist_lock -> siglock, tasklist_lock ->
 * pidmap_lock.
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/nsproxy.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

static struct pid_namespace *create_pid_namespace(struct user_namespace *user_ns,
						  struct pid_namespace *parent)
{
	unsigned int level = parent->level + 1;
	struct pid_namespace *ns;

	if (level > MAX_PID_NS_LEVEL)
		return ERR_PTR(-ENOSPC);
	ns = kzalloc(sizeof(*ns));
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->ns.ops = &pidns_operations;
	ns->ns.inum = ns_alloc_inum();
	atomic_set(&ns->ns.count, 1);
	ns->level = level;
	ns->parent = get_pid_ns(parent);
	ns->user_ns = get_user_ns(user_ns);
	for (int i = 0; i < PID_HASH; i++)
		INIT_LIST_HEAD(&ns->hash[i]);
	return ns;
}

/*
 * copy_pid_ns - the pid namespace for the children of a task being made
 * with flags: old_ns shared (a reference), or with CLONE_NEWPID a new
 * child of it owned by user_ns. A task that already unshared CLONE_NEWPID (old_ns is not
 * its own namespace) may not do so again: EINVAL, as Linux.
 * Returns the namespace or an ERR_PTR. May sleep.
 */
struct pid_namespace *copy_pid_ns(unsigned long flags,
				  struct user_namespace *user_ns,
				  struct pid_namespace *old_ns)
{
	if (!(flags & CLONE_NEWPID))
		return get_pid_ns(old_ns);
	if (task_active_pid_ns(current) != old_ns)
		return ERR_PTR(-EINVAL);
	return create_pid_namespace(user_ns, old_ns);
}

/* get_pid_ns - one more reference on ns; returns ns. Any context. */
struct pid_namespace *get_pid_ns(struct pid_namespace *ns)
{
	atomic_inc(&ns->ns.count);
	return ns;
}

/* Drop a reference; the last one frees ns and drops its parent's. */
void put_pid_ns(struct pid_namespace *ns)
{
	while (ns && ns != &init_pid_ns && atomic_dec_and_test(&ns->ns.count)) {
		struct pid_namespace *parent = ns->parent;

		put_user_ns(ns->user_ns);
		kfree(ns);
		ns = parent;
	}
}

/* Is ancestor ns itself or one of the namespaces above it? */
bool pid_ns_is_ancestor(struct pid_namespace *ancestor,
			struct pid_namespace *ns)
{
	for (; ns; ns = ns->parent)
		if (ns == ancestor)
			return true;
	return false;
}

/* SIGKILL every process with an id in ns but current's own. */
static void kill_pid_ns_tasks(struct pid_namespace *ns)
{
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		if (!thread_group_leader(t) || t->signal == current->signal ||
		    !pid_nr_ns(t->thread_pid, ns))
			continue;
		group_send_sig_info(SIGKILL, NULL, t);
	}
	write_unlock_irqrestore(&tasklist_lock, f);
}

/*
 * Release the zombie children of current's process (any thread's).
 * With SIGCHLD ignored new ones reap themselves, but one that died
 * before, or whose exit signal is not SIGCHLD, waits for us (Linux's
 * init loops in kernel_wait4(-1, __WALL)).
 */
static void reap_zombie_children(void)
{
	struct task_struct *p, *n, *t;
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	LIST_HEAD(dead);

	list_for_each_entry(t, &current->signal->thread_head, thread_node) {
		list_for_each_entry_safe(p, n, &t->children, sibling) {
			if (p->exit_state != EXIT_ZOMBIE || p->ptrace ||
			    p->signal->nr_threads > 1)
				continue;
			p->exit_state = EXIT_DEAD;
			list_add(&p->ptrace_entry, &dead);
		}
	}
	write_unlock_irqrestore(&tasklist_lock, f);
	list_for_each_entry_safe(p, n, &dead, ptrace_entry) {
		list_del_init(&p->ptrace_entry);
		release_task(p);
	}
}

/*
 * zap_pid_ns_processes - current, the last live thread of ns's init,
 * is exiting: no more pids in ns, SIGKILL to every other process in it,
 * then wait until only the init's own ids are left (1, or 2 when a
 * zombie leader's pid is still hashed). No locks held; sleeps.
 */
void zap_pid_ns_processes(struct pid_namespace *ns)
{
	struct task_struct *me = current;
	int init_pids = thread_group_leader(me) ? 1 : 2;
	struct wait_queue_entry w;
	unsigned long f;

	disable_pid_allocation(ns);
	/* Our children reap themselves from now on, as in Linux. */
	f = spin_lock_irqsave(&me->sighand->siglock);
	me->sighand->action[SIGCHLD - 1].handler = SIG_IGN;
	spin_unlock_irqrestore(&me->sighand->siglock, f);
	kill_pid_ns_tasks(ns);

	/* Woken by a child's exit (wait_chldexit) or by free_pid(). The
	 * fatal signal that may have brought us here must not keep the
	 * interruptible sleep from sleeping. */
	init_wait_entry(&w);
	for (;;) {
		flush_signals(me);
		prepare_to_wait(&me->signal->wait_chldexit, &w,
				TASK_INTERRUPTIBLE);
		reap_zombie_children();
		if (READ_ONCE(ns->nr_alive) <= init_pids)
			break;
		schedule();
	}
	finish_wait(&me->signal->wait_chldexit, &w);
}

/* --- /proc/<pid>/ns/pid, pid_for_children and setns --- */

static struct pid_namespace *to_pid_ns(struct ns_common *ns)
{
	return container_of(ns, struct pid_namespace, ns);
}

/* t's own pid namespace (the one its pid was made in). */
static struct ns_common *pidns_get(struct task_struct *t)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct pid_namespace *ns = NULL;

	if (t->thread_pid)
		ns = get_pid_ns(task_active_pid_ns(t));
	read_unlock_irqrestore(&tasklist_lock, f);
	return ns ? &ns->ns : NULL;
}

/* Where t's next children go; as Linux, nothing (ENOENT) for a new
 * namespace whose init has not been made yet. */
static struct ns_common *pidns_for_children_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct pid_namespace *ns;
	unsigned long f;

	if (!nsp)
		return NULL;
	ns = get_pid_ns(nsp->pid_ns_for_children);
	put_nsproxy(nsp);
	f = read_lock_irqsave(&tasklist_lock);
	if (!ns->child_reaper) {
		read_unlock_irqrestore(&tasklist_lock, f);
		put_pid_ns(ns);
		return NULL;
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return &ns->ns;
}

static void pidns_put(struct ns_common *ns)
{
	put_pid_ns(to_pid_ns(ns));
}

/*
 * setns: our children go into ns, which must be our own pid namespace
 * or below it (EINVAL); CAP_SYS_ADMIN over it and in our own user
 * namespace (EPERM).
 */
static int pidns_install(struct nsset *nsset, struct ns_common *new)
{
	struct pid_namespace *active = task_active_pid_ns(current);
	struct pid_namespace *ns = to_pid_ns(new);

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (!pid_ns_is_ancestor(active, ns))
		return -EINVAL;
	put_pid_ns(nsset->nsproxy->pid_ns_for_children);
	nsset->nsproxy->pid_ns_for_children = get_pid_ns(ns);
	return 0;
}

/* NS_GET_PARENT: only up to the caller's own pid namespace (EPERM). */
static struct ns_common *pidns_get_parent(struct ns_common *ns)
{
	struct pid_namespace *active = task_active_pid_ns(current);
	struct pid_namespace *parent = to_pid_ns(ns)->parent;

	if (!parent || !pid_ns_is_ancestor(active, parent))
		return ERR_PTR(-EPERM);
	return &get_pid_ns(parent)->ns;
}

static struct user_namespace *pidns_owner(struct ns_common *ns)
{
	return to_pid_ns(ns)->user_ns;
}

const struct proc_ns_operations pidns_operations = {
	.name = "pid",
	.type = CLONE_NEWPID,
	.get = pidns_get,
	.put = pidns_put,
	.install = pidns_install,
	.owner = pidns_owner,
	.get_parent = pidns_get_parent,
};

const struct proc_ns_operations pidns_for_children_operations = {
	.name = "pid_for_children",
	.real_ns_name = "pid",
	.type = CLONE_NEWPID,
	.get = pidns_for_children_get,
	.put = pidns_put,
	.install = pidns_install,
	.owner = pidns_owner,
	.get_parent = pidns_get_parent,
};
