/*
 * Mounts and mount namespaces: what the rest of the kernel sees of
 * fs/namespace.c (the tree and the namespaces), fs/pnode.c (propagation)
 * and fs/mount.c (the system calls). struct vfsmount itself is in fs.h;
 * fs/mount.h has what only fs/ uses.
 */
#ifndef TINE_MOUNT_H
#define TINE_MOUNT_H

#include <tine/fs.h>
#include <tine/list.h>
#include <tine/ns_common.h>
#include <tine/wait.h>

/*
 * vfsmount.mnt_flags: Linux's MNT_* values. The first eight are what
 * mount(2) and mount_setattr(2) set; the MNT_LOCK_* ones are set on
 * mounts copied into a less privileged mount namespace, whose owner may
 * then not clear the matching flag (nor unmount a MNT_LOCKED mount and
 * see what it covers).
 */
#define MNT_NOSUID 0x01
#define MNT_NODEV 0x02
#define MNT_NOEXEC 0x04
#define MNT_NOATIME 0x08
#define MNT_NODIRATIME 0x10
#define MNT_RELATIME 0x20
#define MNT_READONLY 0x40
#define MNT_NOSYMFOLLOW 0x80
#define MNT_WRITE_HOLD 0x200		/* making it read-only: writers wait */
#define MNT_SHARED 0x1000		/* in a peer group (mnt_group_id) */
#define MNT_UNBINDABLE 0x2000		/* may not be bind mounted */
#define MNT_INTERNAL 0x4000		/* kern_mount(): in no namespace */
#define MNT_LOCK_ATIME 0x040000
#define MNT_LOCK_NOEXEC 0x080000
#define MNT_LOCK_NOSUID 0x100000
#define MNT_LOCK_NODEV 0x200000
#define MNT_LOCK_READONLY 0x400000
#define MNT_LOCKED 0x800000		/* stuck to its parent */
#define MNT_DOOMED 0x1000000		/* last reference gone */
#define MNT_MARKED 0x4000000		/* scratch mark of a propagation walk */
#define MNT_UMOUNT 0x8000000		/* being unmounted */

#define MNT_ATIME_MASK (MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)
#define MNT_USER_SETTABLE_MASK                                         \
	(MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_NOATIME |           \
	 MNT_NODIRATIME | MNT_RELATIME | MNT_READONLY | MNT_NOSYMFOLLOW)

/*
 * A mount namespace: the set of mounts its tasks see. Each mount is in
 * at most one namespace (mnt_ns); CLONE_NEWNS copies the whole tree.
 * Legend: [N] namespace_sem, [I] fixed once made, [A] atomic.
 */
struct mnt_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files */
	struct vfsmount *root;		/* [N] its root mount */
	struct list_head list;		/* [N] its mounts, in mount order */
	unsigned int mounts;		/* [N] how many are in list */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
	u64 seq;			/* [I] creation order (loop checks) */
	u64 event;			/* [N] bumped by every change */
	struct wait_queue_head poll;	/* pollers of /proc/<pid>/mounts */
};

extern struct mnt_namespace init_mnt_ns;

/* dissolve_on_fput - see fs/mount_api.c (called by __fput). */
void dissolve_on_fput(struct vfsmount *m);

/* fs/namespace.c */
/*
 * copy_mnt_ns - for CLONE_NEWNS: a copy of ns (every mount, owned by
 * user_ns; mounts shared with ns stay peers unless user_ns is less
 * privileged, then they become slaves and are locked), with fs's root
 * and cwd moved onto the copies. Without CLONE_NEWNS: ns, referenced.
 * ERR_PTR on failure (fs untouched). Sleeps.
 */
struct mnt_namespace *copy_mnt_ns(unsigned long flags,
				  struct mnt_namespace *ns,
				  struct user_namespace *user_ns,
				  struct fs_struct *fs);
struct mnt_namespace *get_mnt_ns(struct mnt_namespace *ns);
/* Drop a reference; the last unmounts everything in ns. Sleeps. */
void put_mnt_ns(struct mnt_namespace *ns);
/* init_mount_tree - make init_mnt_ns with root as its root (boot). */
void init_mount_tree(struct vfsmount *root);

/*
 * mnt_want_write - a writer (an open-for-write file) on m: -EROFS if
 * m or its superblock is read-only, else 0 and m cannot become
 * read-only until mnt_drop_write(). Any context that may sleep.
 */
int mnt_want_write(struct vfsmount *m);
void mnt_drop_write(struct vfsmount *m);

/* Path flags that make execution, set-id or devices refused there. */
static inline bool mnt_nosuid(const struct vfsmount *m)
{
	return m->mnt_flags & MNT_NOSUID;
}

#endif
