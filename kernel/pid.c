/*
 * PID allocation: per-namespace id maps with wrap-around at pid_max
 * (as Linux, wrapping restarts above RESERVED_PIDS), and lookup.
 * Namespaces themselves are made and torn down in pid_namespace.c.
 *
 * Lock: pidmap_lock protects every namespace's hash, last_pid and
 * nr_alive. Lock order: tasklist_lock -> pidmap_lock.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/sysctl.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

#define RESERVED_PIDS 300
#define PID_MAX_LIMIT 4194304

static DEFINE_SPINLOCK_RANKED(pidmap_lock, LR_PIDMAP);
int pid_max = 32768;		/* /proc/sys/kernel/pid_max */
struct pid_namespace init_pid_ns = {
	.ns = { .ops = &pidns_operations, .inum = PROC_PID_INIT_INO },
	.user_ns = &init_user_ns,
};

struct pid *init_struct_pid;

/*
 * pid_init - the initial namespace, and pid 0 (never hashed): the
 * process group and session of the first tasks, until setsid (what
 * getpgrp() and getsid() show as 0, as Linux's init_struct_pid).
 */
void pid_init(void)
{
	struct pid *pid = kzalloc(sizeof(*pid) + sizeof(struct upid));

	atomic_set(&init_pid_ns.ns.count, 2);
	for (int i = 0; i < PID_HASH; i++)
		INIT_LIST_HEAD(&init_pid_ns.hash[i]);
	if (!pid)
		panic("pid_init: no memory");
	atomic_set(&pid->count, 1);	/* never dropped */
	for (int type = 0; type < PIDTYPE_MAX; type++)
		INIT_LIST_HEAD(&pid->tasks[type]);
	init_waitqueue_head(&pid->wait_pidfd);
	pid->numbers[0].ns = &init_pid_ns;
	INIT_LIST_HEAD(&pid->numbers[0].hash);
	init_struct_pid = pid;
}

static struct upid *lookup(int nr, struct pid_namespace *ns)
{
	struct upid *u;

	list_for_each_entry(u, &ns->hash[nr % PID_HASH], hash)
		if (u->nr == nr)
			return u;
	return NULL;
}

/* Next free id in ns after last_pid, wrapping at pid_max to RESERVED_PIDS
 * once past it (in every namespace, as Linux), else to 1; -EAGAIN if
 * none. */
static int alloc_nr(struct pid_namespace *ns)
{
	int max = READ_ONCE(pid_max), nr = ns->last_pid;

	for (int tries = 0; tries < max; tries++) {
		nr++;
		if (nr >= max)
			nr = ns->last_pid >= RESERVED_PIDS ?
				     RESERVED_PIDS : 1;
		if (!lookup(nr, ns)) {
			ns->last_pid = nr;
			return nr;
		}
	}
	return -EAGAIN;
}

/*
 * The id requested at one level of a clone3 set_tid: EINVAL if out of
 * range, or if it is not 1 in a namespace that has no init yet; EPERM
 * unless the caller holds CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in
 * the user namespace owning ns; EEXIST if taken. pidmap_lock held.
 */
static int check_set_tid(int req, struct pid_namespace *ns)
{
	assert_spin_locked(&pidmap_lock);
	if (req < 1 || req >= READ_ONCE(pid_max))
		return -EINVAL;
	if (req != 1 && !READ_ONCE(ns->child_reaper))
		return -EINVAL;
	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) &&
	    !ns_capable(ns->user_ns, CAP_CHECKPOINT_RESTORE))
		return -EPERM;
	return lookup(req, ns) ? -EEXIST : req;
}

/*
 * Undo the levels alloc_pid() did hash before it failed. A namespace
 * left empty starts again at 1, as Linux resets its cursor: only a
 * failure after alloc_pid() costs a new namespace its init for good.
 * pidmap_lock held.
 */
static void unwind_alloc_pid(struct pid *pid)
{
	assert_spin_locked(&pidmap_lock);
	for (unsigned int i = 0; i <= pid->level; i++) {
		struct upid *u = &pid->numbers[i];

		if (!u->ns)
			continue;
		list_del_init(&u->hash);
		if (--u->ns->nr_alive == 0)
			u->ns->last_pid = 0;
	}
}

/* alloc_pid - see pid.h. Takes pidmap_lock itself (no lock held). */
struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid,
		      size_t set_tid_size)
{
	struct pid *pid;
	struct pid_namespace *t = ns;
	unsigned long f;
	int err = 0;

	if (set_tid_size > ns->level + 1)
		return ERR_PTR(-EINVAL);
	pid = kmalloc(sizeof(*pid) + (ns->level + 1) * sizeof(struct upid),
		      __GFP_ZERO);
	if (!pid)
		return ERR_PTR(-ENOMEM);
	atomic_set(&pid->count, 1);
	pid->level = ns->level;
	for (int type = 0; type < PIDTYPE_MAX; type++)
		INIT_LIST_HEAD(&pid->tasks[type]);
	init_waitqueue_head(&pid->wait_pidfd);
	f = spin_lock_irqsave(&pidmap_lock);
	/* set_tid[0] is the id in ns itself, set_tid[1] in its parent... */
	for (int i = ns->level; i >= 0; i--, t = t->parent) {
		int nr;

		if (t->dying) {
			err = -ENOMEM;	/* Linux: fork in a dead namespace */
			break;
		}
		if (set_tid_size) {
			nr = check_set_tid(*set_tid++, t);
			set_tid_size--;
		} else {
			nr = alloc_nr(t);
		}
		if (nr < 0) {
			err = nr;
			break;
		}
		pid->numbers[i].nr = nr;
		pid->numbers[i].ns = t;
		list_add(&pid->numbers[i].hash, &t->hash[nr % PID_HASH]);
		t->nr_alive++;
		get_pid_ns(t);
	}
	if (err)
		unwind_alloc_pid(pid);
	spin_unlock_irqrestore(&pidmap_lock, f);
	if (err) {
		put_pid(pid);
		return ERR_PTR(err);
	}
	return pid;
}

/*
 * One id of a pid is gone from ns. The first process of a namespace
 * failing to fork leaves it without an init for good; a dying
 * namespace's init waits in zap_pid_ns_processes() for the count to
 * drop. pidmap_lock held.
 */
static void pid_ns_release_nr(struct pid_namespace *ns, int nr)
{
	struct task_struct *reaper = READ_ONCE(ns->child_reaper);

	assert_spin_locked(&pidmap_lock);
	ns->nr_alive--;
	if (nr == 1 && !reaper && ns->level)
		ns->dying = true;
	if (ns->dying && reaper && ns->nr_alive <= 2)
		wake_up_process(reaper);
}

/*
 * free_pid - the number is no longer used (no task of any type): unhash
 * it from every namespace, so it may be given out again, and drop the
 * reference the hash held. Any locks up to tasklist_lock may be held.
 */
void free_pid(struct pid *pid)
{
	unsigned long f = spin_lock_irqsave(&pidmap_lock);
	bool hashed = false;

	for (unsigned int i = 0; i <= pid->level; i++) {
		struct upid *u = &pid->numbers[i];

		if (u->ns && !list_empty(&u->hash)) {
			list_del_init(&u->hash);
			pid_ns_release_nr(u->ns, u->nr);
			hashed = true;
		}
	}
	spin_unlock_irqrestore(&pidmap_lock, f);
	/* pid 0 was never hashed: it has no hash reference to drop. */
	if (hashed)
		put_pid(pid);
}

/* Where t keeps its pid of type: its own, or its process's. */
static struct pid **task_pid_ptr(struct task_struct *t, enum pid_type type)
{
	return type == PIDTYPE_PID ? &t->thread_pid : &t->signal->pids[type];
}

/*
 * attach_pid - t becomes a user of pid as type (for PGID and SID, t is
 * a group leader and pid becomes its process's group or session, with
 * a reference). tasklist_lock held for writing.
 */
void attach_pid(struct task_struct *t, enum pid_type type, struct pid *pid)
{
	assert_write_locked(&tasklist_lock);
	if (type != PIDTYPE_PID)
		t->signal->pids[type] = get_pid(pid);
	list_add_tail(&t->pid_links[type], &pid->tasks[type]);
}

/* Is any task a user of pid, of any type? tasklist_lock held. */
static bool pid_in_use(struct pid *pid)
{
	assert_rwlock_held(&tasklist_lock);
	for (int type = 0; type < PIDTYPE_MAX; type++)
		if (!list_empty(&pid->tasks[type]))
			return true;
	return false;
}

/*
 * detach_pid - t is no longer a user of its pid of type (released, or
 * moving to another group or session). The last user frees the number.
 * t keeps its pointer (and reference). tasklist_lock held for writing.
 */
void detach_pid(struct task_struct *t, enum pid_type type)
{
	struct pid *pid = *task_pid_ptr(t, type);

	assert_write_locked(&tasklist_lock);
	if (!pid)	/* early tasks have no group or session */
		return;
	list_del_init(&t->pid_links[type]);
	if (!pid_in_use(pid))
		free_pid(pid);
}

/*
 * change_pid - move leader t's process to another group or session.
 * tasklist_lock held for writing.
 */
void change_pid(struct task_struct *t, enum pid_type type, struct pid *pid)
{
	struct pid *old = t->signal->pids[type];

	assert_write_locked(&tasklist_lock);
	detach_pid(t, type);
	put_pid(old);
	attach_pid(t, type, pid);
}

/*
 * transfer_pid - new takes old's place as a user of its process's pid
 * of type (exec by a thread that becomes the leader). tasklist_lock
 * held for writing.
 */
void transfer_pid(struct task_struct *old, struct task_struct *new,
		  enum pid_type type)
{
	assert_write_locked(&tasklist_lock);
	if (!list_empty(&old->pid_links[type]))
		list_replace_init(&old->pid_links[type], &new->pid_links[type]);
}

/* pid_task - the first task using pid as type, or NULL. Stable under
 * tasklist_lock; without it the answer may be stale at once. */
struct task_struct *pid_task(struct pid *pid, enum pid_type type)
{
	if (!pid || list_empty(&pid->tasks[type]))
		return NULL;
	return list_first_entry(&pid->tasks[type], struct task_struct,
				pid_links[type]);
}

/* pid_has_task - does any task use pid as type? tasklist_lock held. */
bool pid_has_task(struct pid *pid, enum pid_type type)
{
	assert_rwlock_held(&tasklist_lock);
	return pid && !list_empty(&pid->tasks[type]);
}

/* t's process group and session (never NULL for a user task, even
 * once it has been released). */
struct pid *task_pgrp(struct task_struct *t)
{
	return t->signal->pids[PIDTYPE_PGID];
}

/* task_session - see task_pgrp above. */
struct pid *task_session(struct task_struct *t)
{
	return t->signal->pids[PIDTYPE_SID];
}

/* No more pids in ns (its init is dying): forks there fail ENOMEM. */
void disable_pid_allocation(struct pid_namespace *ns)
{
	unsigned long f = spin_lock_irqsave(&pidmap_lock);

	ns->dying = true;
	spin_unlock_irqrestore(&pidmap_lock, f);
}

/*
 * get_pid - one more reference on pid (NULL is fine); returns pid. Any context.
 */
struct pid *get_pid(struct pid *pid)
{
	if (pid)
		atomic_inc(&pid->count);
	return pid;
}

/*
 * put_pid - drop a reference; the last frees pid and its namespace
 * references. NULL is fine. Does not sleep.
 */
void put_pid(struct pid *pid)
{
	if (!pid || !atomic_dec_and_test(&pid->count))
		return;
	for (unsigned int i = 0; i <= pid->level; i++)
		if (pid->numbers[i].ns)
			put_pid_ns(pid->numbers[i].ns);
	kfree(pid);
}

/*
 * find_pid_ns - the pid numbered nr in ns, or NULL. No reference taken:
 * the caller keeps it alive (tasklist_lock, or a task that uses it).
 * Takes pidmap_lock; does not sleep.
 */
struct pid *find_pid_ns(int nr, struct pid_namespace *ns)
{
	unsigned long f = spin_lock_irqsave(&pidmap_lock);
	struct upid *u = nr > 0 ? lookup(nr, ns) : NULL;

	spin_unlock_irqrestore(&pidmap_lock, f);
	if (!u)
		return NULL;
	return container_of(u, struct pid, numbers[ns->level]);
}

/* find_get_pid - pid nr of the caller's namespace, with a reference. */
struct pid *find_get_pid(int nr)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	unsigned long f = spin_lock_irqsave(&pidmap_lock);
	struct upid *u = nr > 0 ? lookup(nr, ns) : NULL;
	struct pid *pid = NULL;

	/* Still hashed, so free_pid() has not dropped its reference. */
	if (u)
		pid = get_pid(container_of(u, struct pid, numbers[ns->level]));
	spin_unlock_irqrestore(&pidmap_lock, f);
	return pid;
}

/*
 * task_active_pid_ns - the pid namespace t's pid was made in (where t
 * sees its own number); init_pid_ns before t has a pid. Any context.
 */
struct pid_namespace *task_active_pid_ns(struct task_struct *t)
{
	struct pid *p = t->thread_pid;

	return p ? p->numbers[p->level].ns : &init_pid_ns;
}

/* find_vpid - find_pid_ns() in the caller's pid namespace. */
struct pid *find_vpid(int nr)
{
	return find_pid_ns(nr, task_active_pid_ns(current));
}

/*
 * pid_nr_ns - pid's number in ns, or 0 if pid is not visible there. Any
 * context.
 */
pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns)
{
	if (pid && ns->level <= pid->level &&
	    pid->numbers[ns->level].ns == ns)
		return pid->numbers[ns->level].nr;
	return 0;
}

/* pid_vnr - pid's number in the caller's pid namespace (0: not visible). */
pid_t pid_vnr(struct pid *pid)
{
	return pid_nr_ns(pid, task_active_pid_ns(current));
}

/*
 * find_task_by_vpid - the task numbered nr in the caller's namespace, or
 * NULL; no reference. tasklist_lock held; does not sleep.
 */
struct task_struct *find_task_by_vpid(pid_t nr)
{
	assert_rwlock_held(&tasklist_lock);
	return pid_task(find_vpid(nr), PIDTYPE_PID);
}

/*
 * find_get_task_by_pid_ns - the task numbered nr in ns with a reference
 * (put_task_struct), or NULL. Takes tasklist_lock; does not sleep.
 */
struct task_struct *find_get_task_by_pid_ns(pid_t nr,
					    struct pid_namespace *ns)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = pid_task(find_pid_ns(nr, ns), PIDTYPE_PID);

	if (t)
		get_task_struct(t);
	read_unlock_irqrestore(&tasklist_lock, f);
	return t;
}

/* find_get_task_by_vpid - the same in the caller's pid namespace. */
struct task_struct *find_get_task_by_vpid(pid_t nr)
{
	return find_get_task_by_pid_ns(nr, task_active_pid_ns(current));
}

/* task_pid_nr_ns - t's thread id in ns (0: not visible there). */
pid_t task_pid_nr_ns(struct task_struct *t, struct pid_namespace *ns)
{
	return pid_nr_ns(t->thread_pid, ns);
}

/* task_tgid_nr_ns - t's process id (its leader's) in ns (0: not visible). */
pid_t task_tgid_nr_ns(struct task_struct *t, struct pid_namespace *ns)
{
	return pid_nr_ns(t->group_leader->thread_pid, ns);
}

/* task_pid_vnr - t's thread id in the caller's pid namespace. */
pid_t task_pid_vnr(struct task_struct *t)
{
	return task_pid_nr_ns(t, task_active_pid_ns(current));
}

/* task_tgid_vnr - t's process id in the caller's pid namespace. */
pid_t task_tgid_vnr(struct task_struct *t)
{
	return task_tgid_nr_ns(t, task_active_pid_ns(current));
}

/* The parent as seen from ns: 0 when it lives outside ns (as Linux). */
pid_t task_ppid_nr_ns(struct task_struct *t, struct pid_namespace *ns)
{
	struct task_struct *p = READ_ONCE(t->real_parent);

	return p ? task_tgid_nr_ns(p, ns) : 0;
}

/* get_pid_task - the task pid names now, referenced, or NULL. */
struct task_struct *get_pid_task(struct pid *pid)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = pid_task(pid, PIDTYPE_PID);

	if (t)
		get_task_struct(t);
	read_unlock_irqrestore(&tasklist_lock, f);
	return t;
}

/* ---- sysctl: kernel.pid_max, kernel.ns_last_pid ---- */

static const int pid_max_min = RESERVED_PIDS + 1, pid_max_max = PID_MAX_LIMIT;

/*
 * kernel.ns_last_pid: the last id given out in the caller's pid
 * namespace; writing N makes N + 1 the next one tried (checkpoint and
 * restore). Writers need CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE over
 * the namespace (EPERM).
 */
static int pid_ns_ctl_handler(const struct ctl_table *table, int write,
			      char *buf, size_t *lenp, off_t *ppos)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct ctl_table tmp = *table;
	unsigned long f;
	int next, err;

	if (write && !ns_capable(ns->user_ns, CAP_SYS_ADMIN) &&
	    !ns_capable(ns->user_ns, CAP_CHECKPOINT_RESTORE))
		return -EPERM;
	f = spin_lock_irqsave(&pidmap_lock);
	next = ns->last_pid;
	spin_unlock_irqrestore(&pidmap_lock, f);
	tmp.data = &next;
	err = proc_dointvec_minmax(&tmp, write, buf, lenp, ppos);
	if (!err && write) {
		f = spin_lock_irqsave(&pidmap_lock);
		ns->last_pid = next;
		spin_unlock_irqrestore(&pidmap_lock, f);
	}
	return err;
}

static const struct ctl_table pid_table[] = {
	{ .procname = "pid_max", .data = &pid_max, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = &pid_max_min, .extra2 = &pid_max_max },
	{ .procname = "ns_last_pid", .maxlen = sizeof(int), .mode = 0666,
	  .proc_handler = pid_ns_ctl_handler, .extra1 = SYSCTL_ZERO,
	  .extra2 = &pid_max },
	{ }
};

static void pid_sysctl_init(void)
{
	register_sysctl("kernel", pid_table);
}
__initcall(pid_sysctl_init);
