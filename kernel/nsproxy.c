/*
 * Namespaces: which a clone shares, which it gets anew, and unshare(2).
 * A task's nsproxy is shared (refcounted) by every task whose namespaces
 * are all the same; a CLONE_NEW* flag or unshare() gives it a new one.
 * tine has user (kernel/user_namespace.c; they live in the credentials,
 * not here), mount (fs/namespace.c), PID and UTS namespaces; the other
 * CLONE_NEW* flags are refused with EINVAL (check_clone_flags(),
 * check_unshare_flags()).
 *
 * Every namespace is owned by a user namespace (its `user_ns`, the
 * creator's at the time), and making one needs CAP_SYS_ADMIN there: so
 * a user who first makes a user namespace may make the others in it.
 *
 * Lock: task->nsproxy is changed only by its own task (unshare) under
 * tasklist_lock, so other tasks may read it under that lock.
 */
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mount.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

#define CLONE_NEWNS_ALL (CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS)

struct nsproxy init_nsproxy = {
	.count = ATOMIC_INIT(1),
	.uts_ns = &init_uts_ns,
	.mnt_ns = &init_mnt_ns,
	.pid_ns_for_children = &init_pid_ns,
};

static unsigned int next_ns_inum = PROC_DYNAMIC_FIRST;

/* ns_alloc_inum - see tine/ns_common.h. */
unsigned int ns_alloc_inum(void)
{
	unsigned int n = __atomic_fetch_add(&next_ns_inum, 1,
					    __ATOMIC_RELAXED);

	return n ? n : __atomic_fetch_add(&next_ns_inum, 1, __ATOMIC_RELAXED);
}

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
	new->mnt_ns = copy_mnt_ns(flags, old->mnt_ns, user_ns, fs);
	if (IS_ERR(new->mnt_ns)) {
		err = PTR_ERR(new->mnt_ns);
		goto out_free;
	}
	new->uts_ns = copy_utsname(flags, user_ns, old->uts_ns);
	if (IS_ERR(new->uts_ns)) {
		err = PTR_ERR(new->uts_ns);
		goto out_mnt;
	}
	new->pid_ns_for_children =
		copy_pid_ns(flags, user_ns, old->pid_ns_for_children);
	if (IS_ERR(new->pid_ns_for_children)) {
		err = PTR_ERR(new->pid_ns_for_children);
		goto out_uts;
	}
	return new;

out_uts:
	put_uts_ns(new->uts_ns);
out_mnt:
	put_mnt_ns(new->mnt_ns);
out_free:
	kfree(new);
	return ERR_PTR(err);
}

/*
 * copy_namespaces - p (a copy of current, its credentials already made)
 * shares current's nsproxy, or gets a new one for CLONE_NEWPID or
 * CLONE_NEWUTS, owned by p's user namespace, where current needs
 * CAP_SYS_ADMIN (EPERM). 0 or -errno; on error p->nsproxy holds no
 * reference.
 */
int copy_namespaces(unsigned long flags, struct task_struct *p)
{
	struct nsproxy *new;

	if (!(flags & CLONE_NEWNS_ALL)) {
		atomic_inc(&p->nsproxy->count);
		return 0;
	}
	if (!ns_capable(p->real_cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	new = create_new_namespaces(flags, p->nsproxy, p->real_cred->user_ns,
				    p->fs);
	if (IS_ERR(new))
		return PTR_ERR(new);
	p->nsproxy = new;
	return 0;
}

void put_nsproxy(struct nsproxy *ns)
{
	if (!atomic_dec_and_test(&ns->count))
		return;
	put_mnt_ns(ns->mnt_ns);
	put_uts_ns(ns->uts_ns);
	put_pid_ns(ns->pid_ns_for_children);
	kfree(ns);
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

void exit_task_namespaces(struct task_struct *p)
{
	switch_task_namespaces(p, NULL);
}

/*
 * Linux's rules for unshare flags, after the implied ones are added:
 * unknown bits and namespaces tine lacks are EINVAL; unsharing the
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
	/* FIXME: namespaces tine does not implement yet. */
	if (flags & (CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP |
		     CLONE_NEWTIME))
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
 * needs no privilege; new mount, PID and UTS namespaces need
 * CAP_SYS_ADMIN in the owning user namespace (EPERM). A new mount
 * namespace implies a private fs_struct. A new PID namespace is for the
 * caller's next children, which is why a thread (CLONE_THREAD) can no
 * longer be made afterwards. CLONE_SYSVSEM has no undo list to drop.
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
