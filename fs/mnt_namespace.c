/*
 * Mount namespaces: making them (CLONE_NEWNS copies every mount of the
 * old one, see copy_mnt_ns()), the initial one, the anonymous ones that
 * hold a detached tree made by fsmount() or open_tree(OPEN_TREE_CLONE)
 * until it is attached or its file closed, and /proc/<pid>/ns/mnt with
 * setns(). The tree itself and the lock rules are fs/namespace.c's.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/sched.h>
#include "internal.h"
#include "mount.h"

static u64 mnt_ns_seq = 1;		/* [N] creation order of namespaces */

struct mnt_namespace init_mnt_ns;
struct vfsmount *root_mnt;

/* --- mount namespaces --- */

/*
 * alloc_mnt_ns - an empty mount namespace owned by user_ns, one
 * reference; anonymous (seq 0) until copy_mnt_ns() numbers it. NULL
 * without memory.
 */
struct mnt_namespace *alloc_mnt_ns(struct user_namespace *user_ns)
{
	struct mnt_namespace *ns = kzalloc(sizeof(*ns));

	if (!ns)
		return NULL;
	ns->ns.ops = &mntns_operations;
	ns->ns.inum = ns_alloc_inum();
	atomic_set(&ns->ns.count, 1);
	INIT_LIST_HEAD(&ns->list);
	init_waitqueue_head(&ns->poll);
	ns->user_ns = get_user_ns(user_ns);
	return ns;
}

/* free_mnt_ns - free ns, whose mounts are gone or moved elsewhere. */
void free_mnt_ns(struct mnt_namespace *ns)
{
	put_user_ns(ns->user_ns);
	kfree(ns);
}

/* get_mnt_ns - another reference on ns. */
struct mnt_namespace *get_mnt_ns(struct mnt_namespace *ns)
{
	atomic_inc(&ns->ns.count);
	return ns;
}

/* put_mnt_ns - see tine/mount.h. */
void put_mnt_ns(struct mnt_namespace *ns)
{
	if (!atomic_dec_and_test(&ns->ns.count))
		return;
	namespace_lock();
	spin_lock(&mount_lock);
	umount_tree(ns->root, 0);
	spin_unlock(&mount_lock);
	namespace_unlock();
	free_mnt_ns(ns);
}

/*
 * Move fs's root and cwd to the copies of their mounts: q is the copy
 * of p. The old mounts are left in *old_root, *old_pwd for the caller
 * to put after namespace_unlock().
 */
static void switch_fs_mounts(struct fs_struct *fs, struct vfsmount *p,
			     struct vfsmount *q, struct vfsmount **old_root,
			     struct vfsmount **old_pwd)
{
	unsigned long f = spin_lock_irqsave(&fs->lock);

	if (fs->root.mnt == p && !*old_root) {
		*old_root = p;
		fs->root.mnt = mntget(q);
	}
	if (fs->pwd.mnt == p && !*old_pwd) {
		*old_pwd = p;
		fs->pwd.mnt = mntget(q);
	}
	spin_unlock_irqrestore(&fs->lock, f);
}

/* Make every mount of the copy new (of old) part of ns, moving fs. */
static void populate_mnt_ns(struct mnt_namespace *ns, struct vfsmount *old,
			    struct vfsmount *new, struct fs_struct *fs,
			    struct vfsmount **old_root,
			    struct vfsmount **old_pwd)
{
	struct vfsmount *p = old, *q = new;

	while (p) {
		q->mnt_ns = ns;
		list_add_tail(&q->mnt_list, &ns->list);
		ns->mounts++;
		if (fs)
			switch_fs_mounts(fs, p, q, old_root, old_pwd);
		p = next_mnt(p, old);
		q = next_mnt(q, new);
		if (!q)
			break;
		/* Skip what copy_tree() left out (mnt ns files). */
		while (p->mnt_root != q->mnt_root)
			p = next_mnt(skip_mnt_tree(p), old);
	}
}

/* copy_mnt_ns - see tine/mount.h. */
struct mnt_namespace *copy_mnt_ns(unsigned long flags,
				  struct mnt_namespace *ns,
				  struct user_namespace *user_ns,
				  struct fs_struct *fs)
{
	struct vfsmount *new, *old_root = NULL, *old_pwd = NULL;
	struct mnt_namespace *new_ns;
	int copy_flags;

	if (!(flags & CLONE_NEWNS))
		return get_mnt_ns(ns);
	new_ns = alloc_mnt_ns(user_ns);
	if (!new_ns)
		return ERR_PTR(-ENOMEM);
	namespace_lock();
	new_ns->seq = ++mnt_ns_seq;
	copy_flags = CL_COPY_UNBINDABLE | CL_EXPIRE;
	if (user_ns != ns->user_ns)
		copy_flags |= CL_SHARED_TO_SLAVE;
	new = copy_tree(ns->root, ns->root->mnt_root, copy_flags);
	if (IS_ERR(new)) {
		namespace_unlock();
		free_mnt_ns(new_ns);
		return ERR_PTR(PTR_ERR(new));
	}
	if (user_ns != ns->user_ns) {
		spin_lock(&mount_lock);
		lock_mnt_tree(new);
		spin_unlock(&mount_lock);
	}
	new_ns->root = new;
	populate_mnt_ns(new_ns, ns->root, new, fs, &old_root, &old_pwd);
	namespace_unlock();
	mntput(old_root);
	mntput(old_pwd);
	return new_ns;
}

/*
 * init_mount_tree - see tine/mount.h. root_mnt, the initial namespace's
 * root, stays the root of kernel threads without an fs_struct.
 */
void init_mount_tree(struct vfsmount *root)
{
	mnt_hash_init();
	init_mnt_ns.ns.ops = &mntns_operations;
	init_mnt_ns.ns.inum = ns_alloc_inum();
	atomic_set(&init_mnt_ns.ns.count, 1);
	INIT_LIST_HEAD(&init_mnt_ns.list);
	init_waitqueue_head(&init_mnt_ns.poll);
	init_mnt_ns.user_ns = &init_user_ns;
	init_mnt_ns.seq = 1;
	root->mnt_ns = &init_mnt_ns;
	list_add_tail(&root->mnt_list, &init_mnt_ns.list);
	init_mnt_ns.mounts = 1;
	init_mnt_ns.root = root;
	root_mnt = root;
}

/* --- /proc/<pid>/ns/mnt and setns --- */

static struct ns_common *mntns_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct mnt_namespace *ns;

	if (!nsp)
		return NULL;
	ns = get_mnt_ns(nsp->mnt_ns);
	put_nsproxy(nsp);
	return &ns->ns;
}

static void mntns_put(struct ns_common *ns)
{
	put_mnt_ns(to_mnt_ns(ns));
}

/* The root a task joining ns gets: what is on top of ns's root. */
static void mnt_ns_root(struct mnt_namespace *ns, struct path *root)
{
	struct vfsmount *m;

	namespace_lock();
	root->mnt = mntget(ns->root);
	root->dentry = dget(ns->root->mnt_root);
	namespace_unlock();
	while ((m = lookup_mnt(root))) {
		path_put(root);
		root->mnt = m;
		root->dentry = dget(m->mnt_root);
	}
}

/*
 * setns: CAP_SYS_ADMIN over ns, and CAP_SYS_CHROOT and CAP_SYS_ADMIN in
 * our (future) user namespace (EPERM); not with a shared fs_struct
 * (EINVAL). nsset->fs, a private copy,
 * gets ns's root as root and cwd; setns() commits it.
 */
static int mntns_install(struct nsset *nsset, struct ns_common *new)
{
	struct mnt_namespace *ns = to_mnt_ns(new);
	struct path root;

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_CHROOT) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	/* Other tasks sharing our root and cwd would not follow us. */
	if (atomic_read(&current->fs->users) != 1)
		return -EINVAL;
	get_mnt_ns(ns);
	put_mnt_ns(nsset->nsproxy->mnt_ns);
	nsset->nsproxy->mnt_ns = ns;
	mnt_ns_root(ns, &root);
	set_fs_pwd(nsset->fs, &root);
	set_fs_root(nsset->fs, &root);
	path_put(&root);
	return 0;
}

static struct user_namespace *mntns_owner(struct ns_common *ns)
{
	return to_mnt_ns(ns)->user_ns;
}

const struct proc_ns_operations mntns_operations = {
	.name = "mnt",
	.type = CLONE_NEWNS,
	.get = mntns_get,
	.put = mntns_put,
	.install = mntns_install,
	.owner = mntns_owner,
};
