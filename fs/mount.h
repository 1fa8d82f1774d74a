/*
 * What the files of the mount code share (fs/namespace.c, fs/pnode.c,
 * fs/mount.c, fs/proc_namespace.c). The lock rules are at the top of
 * fs/namespace.c.
 */
#ifndef FS_MOUNT_H
#define FS_MOUNT_H

#include <tine/mount.h>
#include <tine/nsproxy.h>
#include <tine/sched.h>

/*
 * A dentry something is mounted on. One per dentry, whatever the
 * namespace, so that rmdir can tell whether a mount of the caller's
 * namespace sits on a directory (EBUSY) or only mounts of others (they
 * are detached). Legend: [M] mount_lock.
 */
struct mountpoint {
	struct list_head m_hash;	/* [M] in the mountpoint hash */
	struct dentry *m_dentry;	/* (a reference) */
	struct list_head m_list;	/* [M] mounts attached here */
	int m_count;			/* [M] those, and get_mountpoint()s */
};

extern struct mutex namespace_sem;
extern spinlock_t mount_lock;

/* copy_tree() and clone_mnt() flags (Linux's CL_*). */
#define CL_EXPIRE 0x01
#define CL_SLAVE 0x02			/* the copy is a slave of the original */
#define CL_COPY_UNBINDABLE 0x04
#define CL_MAKE_SHARED 0x08		/* the copy is shared (a peer, or a
					 * new group if it may not be one) */
#define CL_PRIVATE 0x10			/* no propagation at all */
#define CL_SHARED_TO_SLAVE 0x20		/* shared originals make slave copies */
#define CL_COPY_MNT_NS_FILE 0x40	/* copy bind mounts of mnt ns files */
#define CL_COPY_ALL (CL_COPY_UNBINDABLE | CL_COPY_MNT_NS_FILE)

/* umount_tree() how */
#define UMOUNT_SYNC 1			/* not lazy: everything disconnected */
#define UMOUNT_PROPAGATE 2		/* take the copies the parent's
					 * propagation made along */
#define UMOUNT_CONNECTED 4		/* keep children stuck to parents */

static inline bool mnt_has_parent(const struct vfsmount *m)
{
	return m != m->mnt_parent;
}

#define IS_MNT_SHARED(m) ((m)->mnt_flags & MNT_SHARED)
#define IS_MNT_SLAVE(m) ((m)->mnt_master != NULL)
/* An anonymous namespace holds a detached tree (fsmount, open_tree). */
static inline bool is_anon_ns(const struct mnt_namespace *ns)
{
	return ns->seq == 0;
}

#define IS_MNT_NEW(m) (!(m)->mnt_ns || is_anon_ns((m)->mnt_ns))
#define IS_MNT_UNBINDABLE(m) ((m)->mnt_flags & MNT_UNBINDABLE)
#define IS_MNT_LOCKED(m) ((m)->mnt_flags & MNT_LOCKED)

/* m becomes shared (its group id given); shared means bindable. [M] */
static inline void set_mnt_shared(struct vfsmount *m)
{
	m->mnt_flags = (m->mnt_flags & ~MNT_UNBINDABLE) | MNT_SHARED;
}

/* Are a and b in the same peer group? */
static inline bool peers(const struct vfsmount *a, const struct vfsmount *b)
{
	return a->mnt_group_id == b->mnt_group_id && a->mnt_group_id != 0;
}

/* Is m in the caller's mount namespace? [N] */
static inline bool check_mnt(const struct vfsmount *m)
{
	return m->mnt_ns == current->nsproxy->mnt_ns;
}

static inline struct mnt_namespace *to_mnt_ns(struct ns_common *ns)
{
	return container_of(ns, struct mnt_namespace, ns);
}

/* fs/namespace.c */
void mnt_hash_init(void);
void namespace_lock(void);
void namespace_unlock(void);
struct vfsmount *__lookup_mnt(struct vfsmount *parent, struct dentry *d);
struct mountpoint *get_mountpoint(struct dentry *d);
void put_mountpoint(struct mountpoint *mp);
void __put_mountpoint(struct mountpoint *mp);
struct mountpoint *unhash_mnt(struct vfsmount *m);
void attach_mnt(struct vfsmount *child, struct vfsmount *parent,
		struct mountpoint *mp);
void mnt_set_mountpoint(struct vfsmount *parent, struct mountpoint *mp,
			struct vfsmount *child);
void mnt_change_mountpoint(struct vfsmount *parent, struct mountpoint *mp,
			   struct vfsmount *m);
struct vfsmount *next_mnt(struct vfsmount *p, struct vfsmount *root);
struct vfsmount *skip_mnt_tree(struct vfsmount *p);
struct vfsmount *clone_mnt(struct vfsmount *old, struct dentry *root,
			   int flag);
struct vfsmount *copy_tree(struct vfsmount *m, struct dentry *root,
			   int flag);
void umount_tree(struct vfsmount *m, int how);
void umount_mnt(struct vfsmount *m);
int attach_recursive_mnt(struct vfsmount *source, struct vfsmount *dest,
			 struct mountpoint *dest_mp, bool moving);
bool is_path_reachable(struct vfsmount *m, struct dentry *d,
		       const struct path *root);
void touch_mnt_namespace(struct mnt_namespace *ns);
int count_mounts(struct mnt_namespace *ns, struct vfsmount *m);
void mntput_no_expire(struct vfsmount *m);
bool follow_up(struct path *p);
void lock_mnt_tree(struct vfsmount *m);
bool is_mnt_ns_file(struct dentry *d);
bool mnt_ns_loop(struct dentry *d);
bool has_locked_children(struct vfsmount *m, struct dentry *d);
void mnt_release_id(struct vfsmount *m);
int mnt_make_readonly(struct vfsmount *m);
int sb_prepare_remount_readonly(struct super_block *sb);

/* fs/mount.c */
bool may_mount(void);
bool path_mounted(const struct path *p);
struct mountpoint *lock_mount(struct path *p);
void unlock_mount(struct mountpoint *mp);
bool mount_too_revealing(struct super_block *sb, int *new_flags);
struct vfsmount *__do_loopback(struct path *old, bool recurse);
bool can_change_locked_flags(struct vfsmount *m, int flags);
int do_move_mount(struct path *old, struct path *p);

/* fs/mnt_namespace.c */
struct mnt_namespace *alloc_mnt_ns(struct user_namespace *user_ns);
void free_mnt_ns(struct mnt_namespace *ns);

/* fs/mount_api.c, fs/fsopen.c */
struct file *open_detached_mount(struct vfsmount *m);
int mount_attr_to_mnt_flags(unsigned int attr);

/* fs/pnode.c */
int mnt_alloc_group_id(struct vfsmount *m);
void mnt_release_group_id(struct vfsmount *m);
int invent_group_ids(struct vfsmount *m, bool recurse);
void cleanup_group_ids(struct vfsmount *m, struct vfsmount *end);
void change_mnt_propagation(struct vfsmount *m, int type);
int propagate_mnt(struct vfsmount *dest, struct mountpoint *dest_mp,
		  struct vfsmount *source, struct list_head *tree_list);
void propagate_umount(struct list_head *list);
bool propagate_mount_busy(struct vfsmount *m, int refcnt);
void propagate_mount_unlock(struct vfsmount *m);
int get_dominating_id(struct vfsmount *m, const struct path *root);

#endif
