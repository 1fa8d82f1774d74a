/*
 * Namespaces: which a clone shares, which it gets anew, unshare(2) and
 * setns(2). A task's nsproxy is shared (refcounted) by every task whose
 * namespaces are all the same; a CLONE_NEW* flag, unshare() or setns()
 * gives it a new one. tine has every kind Linux 6.1 has: user
 * (kernel/user_namespace.c; they live in the credentials, not here),
 * mount (fs/namespace.c), UTS (kernel/utsname.c), IPC (ipc/namespace.c),
 * PID (kernel/pid_namespace.c), network (net/net_namespace.c), cgroup
 * (kernel/cgroup_namespace.c) and time (kernel/time_namespace.c).
 * Each kind's proc_ns_operations name it in /proc/<pid>/ns (fs/proc_ns.c)
 * and in nsfs files (fs/nsfs.c), and join it for setns().
 *
 * Every namespace is owned by a user namespace (its `user_ns`, the
 * creator's at the time), and making one needs CAP_SYS_ADMIN there: so
 * a user who first makes a user namespace may make the others in it.
 *
 * Lock: task->nsproxy is changed only by its own task (unshare, setns,
 * exit) under tasklist_lock (write), so other tasks read it under that
 * lock (task_nsproxy_get()). An nsproxy never changes once published.
 */
#include <tine/capability.h>
#include <tine/cgroup.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/ipc.h>
#include <tine/ipc_namespace.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mount.h>
#include <tine/net_namespace.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/time_namespace.h>
#include <tine/user_namespace.h>
#include <tine/vdso.h>
#include <uapi/errno.h>

#define CLONE_NEWNS_ALL (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |       \
			 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP |  \
			 CLONE_NEWTIME)

struct nsproxy init_nsproxy = {
	.count = ATOMIC_INIT(1),
	.uts_ns = &init_uts_ns,
	.ipc_ns = &init_ipc_ns,
	.mnt_ns = &init_mnt_ns,
	.pid_ns_for_children = &init_pid_ns,
	.net_ns = &init_net,
	.cgroup_ns = &init_cgroup_ns,
	.time_ns = &init_time_ns,
	.time_ns_for_children = &init_time_ns,
};

/* The kinds in /proc/<pid>/ns order (Linux's), NULL-terminated. */
const struct proc_ns_operations *const ns_entries[] = {
	&netns_operations,
	&utsns_operations,
	&ipcns_operations,
	&pidns_operations,
	&pidns_for_children_operations,
	&userns_operations,
	&mntns_operations,
	&cgroupns_operations,
	&timens_operations,
	&timens_for_children_operations,
	NULL,
};

static unsigned int next_ns_inum = PROC_DYNAMIC_FIRST;

/* ns_alloc_inum - see tine/ns_common.h. */
unsigned int ns_alloc_inum(void)
{
	unsigned int n = __atomic_fetch_add(&next_ns_inum, 1,
					    __ATOMIC_RELAXED);

	return n ? n : __atomic_fetch_add(&next_ns_inum, 1, __ATOMIC_RELAXED);
}

/* Drop what a half-made nsproxy holds (NULL members were not made). */
static void free_nsproxy(struct nsproxy *ns)
{
	if (ns->mnt_ns)
		put_mnt_ns(ns->mnt_ns);
	if (ns->uts_ns)
		put_uts_ns(ns->uts_ns);
	if (ns->ipc_ns)
		put_ipc_ns(ns->ipc_ns);
	if (ns->pid_ns_for_children)
		put_pid_ns(ns->pid_ns_for_children);
	if (ns->net_ns)
		put_net(ns->net_ns);
	if (ns->cgroup_ns)
		put_cgroup_ns(ns->cgroup_ns);
	if (ns->time_ns)
		put_time_ns(ns->time_ns);
	if (ns->time_ns_for_children)
		put_time_ns(ns->time_ns_for_children);
	kfree(ns);
}

/* ERR_PTR-returning copy step: store it, or fail the whole copy. */
#define COPY_NS(field, expr)                     \
	do {                                     \
		void *__v = (expr);              \
		if (IS_ERR(__v)) {               \
			err = PTR_ERR(__v);      \
			goto out;                \
		}                                \
		new->field = __v;                \
	} while (0)

/*
 * A new nsproxy: old's namespaces, each shared or new as flags say;
 * the new ones are owned by user_ns. A new mount namespace moves fs
 * (the new task's, or unshare's private copy) onto its mounts.
 */
static struct nsproxy *create_new_namespaces(unsigned long flags,
					     struct nsproxy *old,
					     struct user_namespace *user_ns,
					     struct fs_struct *fs)
{
	struct nsproxy *new = kzalloc(sizeof(*new));
	int err;

	if (!new)
		return ERR_PTR(-ENOMEM);
	atomic_set(&new->count, 1);
	COPY_NS(mnt_ns, copy_mnt_ns(flags, old->mnt_ns, user_ns, fs));
	COPY_NS(uts_ns, copy_utsname(flags, user_ns, old->uts_ns));
	COPY_NS(ipc_ns, copy_ipcs(flags, user_ns, old->ipc_ns));
	COPY_NS(pid_ns_for_children,
		copy_pid_ns(flags, user_ns, old->pid_ns_for_children));
	COPY_NS(cgroup_ns, copy_cgroup_ns(flags, user_ns, old->cgroup_ns));
	COPY_NS(net_ns, copy_net_ns(flags, user_ns, old->net_ns));
	COPY_NS(time_ns_for_children,
		copy_time_ns(flags, user_ns, old->time_ns_for_children));
	new->time_ns = get_time_ns(old->time_ns);
	return new;

out:
	free_nsproxy(new);
	return ERR_PTR(err);
}

/*
 * copy_namespaces - p (a copy of current, its credentials already made)
 * shares current's nsproxy, or gets a new one for any CLONE_NEW* flag
 * (owned by p's user namespace, where current needs CAP_SYS_ADMIN:
 * EPERM), or because current unshared its children's time namespace
 * (p enters it, unless it shares current's memory). CLONE_NEWIPC with
 * CLONE_SYSVSEM is EINVAL. 0 or -errno; on error p->nsproxy holds no
 * reference. May sleep.
 */
int copy_namespaces(unsigned long flags, struct task_struct *p)
{
	struct nsproxy *old = p->nsproxy, *new;
	struct user_namespace *user_ns = p->real_cred->user_ns;

	if (!(flags & CLONE_NEWNS_ALL)) {
		if ((flags & CLONE_VM) ||
		    old->time_ns_for_children == old->time_ns) {
			get_nsproxy(old);
			return 0;
		}
	} else if (!ns_capable(user_ns, CAP_SYS_ADMIN)) {
		return -EPERM;
	}
	if ((flags & (CLONE_NEWIPC | CLONE_SYSVSEM)) ==
	    (CLONE_NEWIPC | CLONE_SYSVSEM))
		return -EINVAL;
	new = create_new_namespaces(flags, old, user_ns, p->fs);
	if (IS_ERR(new))
		return PTR_ERR(new);
	if (!(flags & CLONE_VM)) {
		int err = timens_on_fork(new, p);

		if (err) {
			put_nsproxy(new);
			return err;
		}
	}
	p->nsproxy = new;
	return 0;
}

/* put_nsproxy - drop a reference; the last drops every namespace's. */
void put_nsproxy(struct nsproxy *ns)
{
	if (atomic_dec_and_test(&ns->count))
		free_nsproxy(ns);
}

/* task_nsproxy_get - see tine/nsproxy.h. */
struct nsproxy *task_nsproxy_get(struct task_struct *t)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct nsproxy *ns = t->nsproxy;

	if (ns)
		get_nsproxy(ns);
	read_unlock_irqrestore(&tasklist_lock, f);
	return ns;
}

/* p's nsproxy becomes new (its reference passes to p); drops the old. */
static void switch_task_namespaces(struct task_struct *p, struct nsproxy *new)
{
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	struct nsproxy *old = p->nsproxy;

	p->nsproxy = new;
	write_unlock_irqrestore(&tasklist_lock, f);
	if (old)
		put_nsproxy(old);
}

/*
 * exit_task_namespaces - p drops its nsproxy at exit (see
 * switch_task_namespaces). Takes tasklist_lock; may sleep (the last
 * put frees the namespaces).
 */
void exit_task_namespaces(struct task_struct *p)
{
	switch_task_namespaces(p, NULL);
}

/*
 * Linux's rules for unshare flags, after the implied ones are added:
 * unknown bits are EINVAL; unsharing the
 * thread group, handlers or address space only "works" when there is
 * nothing to unshare.
 */
static int check_unshare_flags(unsigned long flags)
{
	if (flags & ~(CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND |
		      CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWUTS |
		      CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER |
		      CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME))
		return -EINVAL;
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) &&
	    current->signal->nr_threads > 1)
		return -EINVAL;
	if ((flags & (CLONE_SIGHAND | CLONE_VM)) &&
	    atomic_read(&current->sighand->count) > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) && current->mm &&
	    atomic_read(&current->mm->mm_users) > 1)
		return -EINVAL;
	return 0;
}

/*
 * CLONE_FS: a private copy of current's fs_struct in *new_fs when it is
 * shared, or always with CLONE_NEWNS (the new namespace moves the copy's
 * root and cwd, and nothing changes if a later step fails). NULL when
 * there is nothing to do.
 */
static int unshare_fs(unsigned long flags, struct fs_struct **new_fs)
{
	struct fs_struct *fs = current->fs;

	*new_fs = NULL;
	if (!(flags & CLONE_FS) || !fs)
		return 0;
	if (atomic_read(&fs->users) == 1 && !(flags & CLONE_NEWNS))
		return 0;
	*new_fs = copy_fs_struct(fs);
	return *new_fs ? 0 : -ENOMEM;
}

/* unshare's new nsproxy (NULL if no namespace but the user one is
 * asked for), owned by the new user namespace if there is one. */
static struct nsproxy *unshare_nsproxy(unsigned long flags,
				       const struct cred *new_cred,
				       struct fs_struct *fs)
{
	struct user_namespace *user_ns =
		new_cred ? new_cred->user_ns : current_user_ns();

	if (!(flags & CLONE_NEWNS_ALL))
		return NULL;
	if (!ns_capable(user_ns, CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	return create_new_namespaces(flags, current->nsproxy, user_ns, fs);
}

/*
 * unshare - stop sharing what flags name with other tasks. A new user
 * namespace (which implies a private fs_struct and a single thread)
 * needs no privilege; the other kinds need CAP_SYS_ADMIN in the owning
 * user namespace (EPERM). A new mount namespace implies a private
 * fs_struct. New PID and time namespaces are for the caller's next
 * children, which is why a thread (CLONE_THREAD) can no longer be made
 * afterwards (and, for time, no CLONE_VM child). CLONE_SYSVSEM (implied
 * by CLONE_NEWIPC) leaves the shared SEM_UNDO list: its last user applies
 * it (exit_sem(), with the old IPC namespace still current's).
 */
static long sys_unshare(unsigned long flags)
{
	struct nsproxy *new_ns = NULL;
	struct fs_struct *new_fs = NULL;
	struct cred *new_cred = NULL;
	int err;

	if (flags & CLONE_NEWUSER)
		flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	err = check_unshare_flags(flags);
	if (err)
		return err;
	err = unshare_userns(flags, &new_cred);
	if (err)
		return err;
	err = unshare_fs(flags, &new_fs);
	if (err)
		goto out;
	new_ns = unshare_nsproxy(flags, new_cred,
				 new_fs ? new_fs : current->fs);
	if (IS_ERR(new_ns)) {
		err = PTR_ERR(new_ns);
		new_ns = NULL;
		goto out;
	}
	if (flags & CLONE_FILES) {
		err = unshare_files();
		if (err)
			goto out;
	}
	/* Nothing can fail from here on. */
	if (flags & (CLONE_SYSVSEM | CLONE_NEWIPC))
		exit_sem(current);
	if (new_fs)
		switch_fs_struct(new_fs);
	if (new_ns)
		switch_task_namespaces(current, new_ns);
	if (new_cred)
		commit_creds(new_cred);
	return 0;

out:
	if (new_ns)
		put_nsproxy(new_ns);
	if (new_fs)
		put_fs_struct(new_fs);
	if (new_cred)
		abort_creds(new_cred);
	return err;
}
SYSCALL_ENTRY(unshare, sys_unshare);

/* --- setns(2) --- */

#define CLONE_NEWALL_SETNS (CLONE_NEWNS_ALL | CLONE_NEWUSER)

/*
 * What setns() will commit: a private copy of current's nsproxy, the
 * credentials (new ones if a user namespace is joined) and, to join a
 * mount namespace, a private copy of current's fs_struct.
 */
static int prepare_nsset(unsigned int flags, struct nsset *nsset)
{
	nsset->flags = flags;
	nsset->nsproxy = create_new_namespaces(0, current->nsproxy,
					       current_user_ns(), NULL);
	if (IS_ERR(nsset->nsproxy)) {
		int err = PTR_ERR(nsset->nsproxy);

		nsset->nsproxy = NULL;
		return err;
	}
	if (flags & CLONE_NEWUSER)
		nsset->cred = prepare_creds();
	else
		nsset->cred = get_cred(current_cred());
	if (!nsset->cred)
		return -ENOMEM;
	if (flags & CLONE_NEWNS) {
		nsset->fs = copy_fs_struct(current->fs);
		if (!nsset->fs)
			return -ENOMEM;
	}
	return 0;
}

/* Drop what commit_nsset() did not take over. */
static void put_nsset(struct nsset *nsset)
{
	if (nsset->fs)
		put_fs_struct(nsset->fs);
	if (nsset->cred && (nsset->flags & CLONE_NEWUSER))
		abort_creds(nsset_cred(nsset));
	else if (nsset->cred)
		put_cred(nsset->cred);
	if (nsset->nsproxy)
		put_nsproxy(nsset->nsproxy);
}

/*
 * The point of no return: current takes the new credentials, root and
 * cwd, and nsproxy. A joined time namespace has its offsets frozen.
 */
static void commit_nsset(struct nsset *nsset)
{
	unsigned int flags = nsset->flags;

	if (flags & CLONE_NEWUSER) {
		commit_creds(nsset_cred(nsset));
		nsset->cred = NULL;
	}
	if (flags & CLONE_NEWNS) {
		set_fs_root(current->fs, &nsset->fs->root);
		set_fs_pwd(current->fs, &nsset->fs->pwd);
	}
	if (flags & CLONE_NEWTIME)
		timens_commit(nsset->nsproxy->time_ns);
	switch_task_namespaces(current, nsset->nsproxy);
	nsset->nsproxy = NULL;
}

/* Join t's namespace of kind ops (ESRCH if t has none any more). */
static int install_task_ns(struct nsset *nsset, struct task_struct *t,
			   const struct proc_ns_operations *ops)
{
	struct ns_common *ns = ops->get(t);
	int err;

	if (!ns)
		return -ESRCH;
	err = ops->install(nsset, ns);
	ops->put(ns);
	return err;
}

/*
 * setns with a pidfd: join each namespace flags name of the process
 * behind pid, the user namespace first (so that the others are checked
 * with the capabilities it gives). Needs ptrace read access (EPERM).
 */
static int validate_nsset(struct nsset *nsset, struct pid *pid)
{
	static const struct proc_ns_operations *const order[] = {
		&userns_operations, &mntns_operations, &utsns_operations,
		&ipcns_operations, &pidns_operations, &cgroupns_operations,
		&netns_operations, &timens_operations,
	};
	struct task_struct *t = get_pid_task(pid);
	int err = 0;

	if (!t)
		return -ESRCH;
	if (!ptrace_may_access(t, PTRACE_MODE_READ_REALCREDS))
		err = -EPERM;
	for (size_t i = 0; !err && i < ARRAY_SIZE(order); i++)
		if (nsset->flags & order[i]->type)
			err = install_task_ns(nsset, t, order[i]);
	put_task_struct(t);
	return err;
}

/*
 * setns - join namespaces: those of an nsfs file fd (from /proc/<pid>/ns;
 * nstype 0 or the file's kind, else EINVAL), or those nstype names of
 * the process behind pidfd fd (nstype non-zero CLONE_NEW* bits). Each
 * kind's install() checks permissions (EPERM) and its own rules. All or
 * nothing: the joins are prepared, then committed together. EBADF for
 * a bad fd, EINVAL for any other kind of file. May sleep.
 */
static long sys_setns(int fd, int nstype)
{
	struct nsset nsset = { 0 };
	struct file *f = fget(fd);
	struct ns_common *ns;
	struct pid *pid = NULL;
	unsigned int flags = (unsigned int)nstype;
	int err = -EINVAL;

	if (!f)
		return -EBADF;
	ns = get_proc_ns_file(f);
	if (ns) {
		if (flags && flags != (unsigned int)ns->ops->type)
			goto out;
		flags = ns->ops->type;
	} else {
		pid = pidfd_pid(f);
		if (IS_ERR(pid) || !flags || (flags & ~CLONE_NEWALL_SETNS))
			goto out;
	}
	err = prepare_nsset(flags, &nsset);
	if (!err)
		err = ns ? ns->ops->install(&nsset, ns)
			 : validate_nsset(&nsset, pid);
	/* A new time namespace: our [vvar] pages go now (nothing of ours
	 * runs to fault them back before the commit). */
	if (!err && nsset.nsproxy->time_ns != current->nsproxy->time_ns)
		err = vdso_join_timens(current->mm);
	if (!err)
		commit_nsset(&nsset);
	put_nsset(&nsset);
out:
	fput(f);
	return err;
}
SYSCALL_ENTRY(setns, sys_setns);
