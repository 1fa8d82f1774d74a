/*
 * The mount tree and mount namespaces.
 *
 * A mount (struct vfsmount) is attached to a parent mount at a
 * mountpoint, or is the root of a namespace, or is detached. The walk
 * (fs/namei.c) finds what is mounted on a directory in the mount hash,
 * keyed by (parent mount, dentry); there is at most one mount per key
 * (mounting again on a mountpoint mounts on the root of the top mount).
 * A mount namespace lists its mounts; CLONE_NEWNS copies them all
 * (copy_mnt_ns()). What propagates between mounts (shared, slave) is in
 * fs/pnode.c; the system calls are in fs/mount.c.
 *
 * Locks, outermost first:
 *   vfs_lock       (mutex) path walks and every directory change. Every
 *                  change to the tree's shape holds it too, so the walk
 *                  sees a tree that does not move under it.
 *   namespace_sem  (mutex) the namespaces and their lists, which mount
 *                  is in which (mnt_ns), propagation (peer groups,
 *                  masters and slaves, group ids), the work lists of
 *                  umount. Readers of /proc/<pid>/mountinfo take it
 *                  alone. namespace_unlock() drops what the changes
 *                  left behind (mount references, mountpoint dentries)
 *                  after releasing it.
 *   mount_lock     (spin)  the mount hash and the mountpoints; each
 *                  mount's parent, mountpoint, children and flags; a
 *                  mount's last reference (mntput). Changes to the tree
 *                  hold namespace_sem as well, except mntput() cutting
 *                  loose the children of a detached mount.
 *
 * References: an attached mount holds one on its parent, and its own
 * "tree reference" (the one it was made with) is held by the tree; a
 * namespace holds its root's. Unmounting drops both. A lazy unmount
 * (MNT_DETACH) leaves a locked child stuck to its unmounted parent: the
 * parent then holds the child's tree reference (and the child none on
 * the parent) until the parent's last reference goes.
 *
 * Lock order: vfs_lock -> namespace_sem -> mount_lock -> dcache_lock.
 * The walk reads the tree's links under mount_lock (lookup_mnt(),
 * follow_up()); a namespace's last put and unmounts take namespace_sem
 * only, as they may come from under vfs_lock (the last dput of an nsfs
 * file). Nothing puts a mount or a namespace with namespace_sem held.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include <asm/processor.h>
#include <uapi/errno.h>
#include <uapi/sched.h>
#include "internal.h"
#include "mount.h"

DEFINE_MUTEX_RANKED(namespace_sem, LR_NAMESPACE);
DEFINE_SPINLOCK_RANKED(mount_lock, LR_MOUNT);

#define MNT_HASH_SIZE 256
#define MP_HASH_SIZE 64
static struct list_head mount_hashtable[MNT_HASH_SIZE];		/* [M] */
static struct list_head mountpoint_hashtable[MP_HASH_SIZE];	/* [M] */

static LIST_HEAD(unmounted);		/* [N] mounts whose tree reference
					 * namespace_unlock() drops */
static LIST_HEAD(ex_mountpoints);	/* [N] mountpoints it frees */

static int next_mnt_id = 21;		/* Linux's first ids are about here */

/* Limit on the mounts of one namespace (Linux's fs.mount-max). */
unsigned int sysctl_mount_max = 100000;

static void put_mountpoint_dispose(struct mountpoint *mp,
				   struct list_head *dispose);

static inline unsigned long hash_ptr(const void *p)
{
	unsigned long h = (unsigned long)p;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15UL;
	return h >> 32;
}

static struct list_head *m_hash(struct vfsmount *m, struct dentry *d)
{
	return &mount_hashtable[(hash_ptr(m) ^ hash_ptr(d)) % MNT_HASH_SIZE];
}

static struct list_head *mp_hash(struct dentry *d)
{
	return &mountpoint_hashtable[hash_ptr(d) % MP_HASH_SIZE];
}

/* namespace_lock - take namespace_sem (for a change, or to read lists). */
void namespace_lock(void)
{
	mutex_lock(&namespace_sem);
}

/* Free mountpoints on list (linked by m_hash): no locks held. */
static void dispose_mountpoints(struct list_head *list)
{
	while (!list_empty(list)) {
		struct mountpoint *mp =
			list_first_entry(list, struct mountpoint, m_hash);

		list_del_init(&mp->m_hash);
		dput(mp->m_dentry);
		kfree(mp);
	}
}

/*
 * namespace_unlock - release namespace_sem, then drop the tree
 * references of what was unmounted and the mountpoints no longer used.
 * May sleep.
 */
void namespace_unlock(void)
{
	LIST_HEAD(mounts);
	LIST_HEAD(mps);

	mutex_assert_held(&namespace_sem);
	list_splice_init(&unmounted, &mounts);
	list_splice_init(&ex_mountpoints, &mps);
	mutex_unlock(&namespace_sem);
	dispose_mountpoints(&mps);
	while (!list_empty(&mounts)) {
		struct vfsmount *m =
			list_first_entry(&mounts, struct vfsmount, mnt_umount);

		list_del_init(&m->mnt_umount);
		mntput(m);
	}
}

/* --- allocation and references --- */

/* alloc_vfsmnt - a detached mount of nothing yet, one reference. */
static struct vfsmount *alloc_vfsmnt(const char *dev)
{
	struct vfsmount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->mnt_devname = kstrdup(dev ? dev : "none");
	if (!m->mnt_devname) {
		kfree(m);
		return NULL;
	}
	atomic_set(&m->mnt_count, 1);
	m->mnt_parent = m;
	m->mnt_id = __atomic_fetch_add(&next_mnt_id, 1, __ATOMIC_RELAXED);
	INIT_LIST_HEAD(&m->mnt_mp_list);
	INIT_LIST_HEAD(&m->mnt_hash);
	INIT_LIST_HEAD(&m->mnt_mounts);
	INIT_LIST_HEAD(&m->mnt_child);
	INIT_LIST_HEAD(&m->mnt_instance);
	INIT_LIST_HEAD(&m->mnt_list);
	INIT_LIST_HEAD(&m->mnt_share);
	INIT_LIST_HEAD(&m->mnt_slave_list);
	INIT_LIST_HEAD(&m->mnt_slave);
	INIT_LIST_HEAD(&m->mnt_umount);
	INIT_LIST_HEAD(&m->mnt_prop_list);
	return m;
}

/* Make m show root of sb (an s_active reference taken). */
static void mnt_set_root(struct vfsmount *m, struct super_block *sb,
			 struct dentry *root)
{
	m->mnt_sb = sb;
	m->mnt_root = dget(root);
	m->mnt_mountpoint = m->mnt_root;
	atomic_inc(&sb->s_active);
	spin_lock(&mount_lock);
	list_add_tail(&m->mnt_instance, &sb->s_mounts);
	spin_unlock(&mount_lock);
}

/* mntget - another reference on m, which the caller holds (NULL ok). */
struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		atomic_inc(&m->mnt_count);
	return m;
}

/* The last reference is gone: free m (no locks held). */
static void cleanup_mnt(struct vfsmount *m)
{
	spin_lock(&mount_lock);
	list_del_init(&m->mnt_instance);
	spin_unlock(&mount_lock);
	dput(m->mnt_root);
	deactivate_super(m->mnt_sb);
	kfree(m->mnt_devname);
	kfree(m);
}

/* Drop one reference unless it is the last one: false then. */
static bool mnt_put_fast(struct vfsmount *m)
{
	int v = atomic_read(&m->mnt_count);

	while (v > 1)
		if (__atomic_compare_exchange_n(&m->mnt_count.counter, &v,
						v - 1, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/*
 * mntput_no_expire - drop a reference without clearing the expiry mark
 * (umount2's own reference). The last one frees m, after cutting loose
 * the children still stuck to it (a lazily unmounted tree), whose tree
 * references it held. The count reaches zero under mount_lock, so a
 * walk stepping up from a child (follow_up()) never revives it. May
 * sleep; never called with namespace_sem held.
 */
void mntput_no_expire(struct vfsmount *m)
{
	LIST_HEAD(children);
	LIST_HEAD(mps);

	while (m) {
		struct vfsmount *c, *n;

		if (mnt_put_fast(m))
			goto next;
		spin_lock(&mount_lock);
		if (!atomic_dec_and_test(&m->mnt_count)) {
			spin_unlock(&mount_lock);
			goto next;
		}
		m->mnt_flags |= MNT_DOOMED;
		list_for_each_entry_safe(c, n, &m->mnt_mounts, mnt_child) {
			put_mountpoint_dispose(unhash_mnt(c), &mps);
			list_add_tail(&c->mnt_umount, &children);
		}
		spin_unlock(&mount_lock);
		dispose_mountpoints(&mps);
		cleanup_mnt(m);
next:
		m = NULL;
		if (!list_empty(&children)) {
			m = list_first_entry(&children, struct vfsmount,
					     mnt_umount);
			list_del_init(&m->mnt_umount);
		}
	}
}

/* mntput - drop a reference (NULL ok); any use clears MNT_EXPIRE's mark. */
void mntput(struct vfsmount *m)
{
	if (!m)
		return;
	if (READ_ONCE(m->mnt_expiry_mark))
		WRITE_ONCE(m->mnt_expiry_mark, 0);
	mntput_no_expire(m);
}

/* --- the hash --- */

/* __lookup_mnt - the mount on (parent, d), unreferenced, or NULL. [M] */
struct vfsmount *__lookup_mnt(struct vfsmount *parent, struct dentry *d)
{
	struct vfsmount *m;

	assert_spin_locked(&mount_lock);
	list_for_each_entry(m, m_hash(parent, d), mnt_hash)
		if (m->mnt_parent == parent && m->mnt_mountpoint == d)
			return m;
	return NULL;
}

/* lookup_mnt - the mount attached on p, referenced, or NULL. */
struct vfsmount *lookup_mnt(const struct path *p)
{
	struct vfsmount *m;

	spin_lock(&mount_lock);
	m = mntget(__lookup_mnt(p->mnt, p->dentry));
	spin_unlock(&mount_lock);
	return m;
}

/*
 * follow_up - step p from the root of its mount to where that mount is
 * attached. false (p unchanged) for a mount with no parent, or whose
 * parent is being freed. Any lock but mount_lock.
 */
bool follow_up(struct path *p)
{
	struct vfsmount *parent;
	struct dentry *mp;

	spin_lock(&mount_lock);
	parent = p->mnt->mnt_parent;
	if (parent == p->mnt || (parent->mnt_flags & MNT_DOOMED)) {
		spin_unlock(&mount_lock);
		return false;
	}
	mntget(parent);
	mp = dget(p->mnt->mnt_mountpoint);
	spin_unlock(&mount_lock);
	path_put(p);
	p->mnt = parent;
	p->dentry = mp;
	return true;
}

/* --- mountpoints --- */

static struct mountpoint *lookup_mountpoint(struct dentry *d)
{
	struct mountpoint *mp;

	list_for_each_entry(mp, mp_hash(d), m_hash)
		if (mp->m_dentry == d)
			return mp;
	return NULL;
}

/*
 * get_mountpoint - the mountpoint of d, made if need be, with a count
 * for the caller. ERR_PTR(-ENOMEM). [N]; may sleep.
 */
struct mountpoint *get_mountpoint(struct dentry *d)
{
	struct mountpoint *mp, *new = NULL;

	for (;;) {
		spin_lock(&mount_lock);
		mp = lookup_mountpoint(d);
		if (mp) {
			mp->m_count++;
			spin_unlock(&mount_lock);
			break;
		}
		if (new) {
			list_add(&new->m_hash, mp_hash(d));
			d->d_mounted++;
			spin_unlock(&mount_lock);
			return new;
		}
		spin_unlock(&mount_lock);
		new = kzalloc(sizeof(*new));
		if (!new)
			return ERR_PTR(-ENOMEM);
		new->m_dentry = dget(d);
		new->m_count = 1;
		INIT_LIST_HEAD(&new->m_list);
	}
	if (new) {
		dput(new->m_dentry);
		kfree(new);
	}
	return mp;
}

/* Drop a count of mp; an unused one goes on dispose. [M] */
static void put_mountpoint_dispose(struct mountpoint *mp,
				   struct list_head *dispose)
{
	assert_spin_locked(&mount_lock);
	if (--mp->m_count)
		return;
	list_del_init(&mp->m_hash);
	mp->m_dentry->d_mounted--;
	list_add_tail(&mp->m_hash, dispose);
}

/* __put_mountpoint - drop a count of mp; namespace_unlock() frees it
 * if that was the last. [N][M] */
void __put_mountpoint(struct mountpoint *mp)
{
	put_mountpoint_dispose(mp, &ex_mountpoints);
}

/* put_mountpoint - drop a get_mountpoint() count. [N], not [M]. */
void put_mountpoint(struct mountpoint *mp)
{
	spin_lock(&mount_lock);
	__put_mountpoint(mp);
	spin_unlock(&mount_lock);
}

/* --- attaching and detaching --- */

/*
 * mnt_set_mountpoint - child will sit on mp of parent (which it now
 * holds a reference on); not yet in the hash. [N][M]
 */
void mnt_set_mountpoint(struct vfsmount *parent, struct mountpoint *mp,
			struct vfsmount *child)
{
	assert_spin_locked(&mount_lock);
	mp->m_count++;
	atomic_inc(&parent->mnt_count);
	child->mnt_mountpoint = mp->m_dentry;
	child->mnt_parent = parent;
	child->mnt_mp = mp;
	list_add_tail(&child->mnt_mp_list, &mp->m_list);
}

/* Put child, whose mountpoint is set, into the hash and its parent's
 * children: the walk now finds it. [N][M] */
static void __attach_mnt(struct vfsmount *child)
{
	struct vfsmount *parent = child->mnt_parent;

	list_add_tail(&child->mnt_hash, m_hash(parent, child->mnt_mountpoint));
	list_add_tail(&child->mnt_child, &parent->mnt_mounts);
}

/* attach_mnt - child sits on mp of parent and the walk finds it. [N][M] */
void attach_mnt(struct vfsmount *child, struct vfsmount *parent,
		struct mountpoint *mp)
{
	mnt_set_mountpoint(parent, mp, child);
	__attach_mnt(child);
}

/*
 * unhash_mnt - take m out of the tree: it is its own parent again.
 * Returns the mountpoint it sat on, whose count the caller puts. The
 * reference on the old parent is the caller's business. [M]
 */
struct mountpoint *unhash_mnt(struct vfsmount *m)
{
	struct mountpoint *mp = m->mnt_mp;

	assert_spin_locked(&mount_lock);
	m->mnt_parent = m;
	m->mnt_mountpoint = m->mnt_root;
	list_del_init(&m->mnt_child);
	list_del_init(&m->mnt_hash);
	list_del_init(&m->mnt_mp_list);
	m->mnt_mp = NULL;
	return mp;
}

/* umount_mnt - unhash m and put its mountpoint. [N][M] */
void umount_mnt(struct vfsmount *m)
{
	__put_mountpoint(unhash_mnt(m));
}

/*
 * mnt_change_mountpoint - move m (attached) onto mp of parent: used to
 * tuck a mount under a propagated copy, and by pivot_root. The old
 * parent's reference is dropped here: it stays attached, so it is never
 * the last. [N][M]
 */
void mnt_change_mountpoint(struct vfsmount *parent, struct mountpoint *mp,
			   struct vfsmount *m)
{
	struct vfsmount *old_parent = m->mnt_parent;
	struct mountpoint *old_mp = unhash_mnt(m);

	attach_mnt(m, parent, mp);
	__put_mountpoint(old_mp);
	if (old_parent != m)
		atomic_dec(&old_parent->mnt_count);
}

/* touch_mnt_namespace - ns changed (pollers of its mounts wake). [N] */
void touch_mnt_namespace(struct mnt_namespace *ns)
{
	if (!ns)
		return;
	ns->event++;
	wake_up_interruptible(&ns->poll);
}

/*
 * commit_tree - the tree at m (its mountpoint set, not yet hashed, in no
 * namespace or a detached tree's anonymous one) joins its parent's
 * namespace and the walk finds it. [N][M]
 */
static void commit_tree(struct vfsmount *m)
{
	struct mnt_namespace *ns = m->mnt_parent->mnt_ns;
	struct vfsmount *p;

	for (p = m; p; p = next_mnt(p, m)) {
		p->mnt_ns = ns;
		list_move_tail(&p->mnt_list, &ns->list);
		ns->mounts++;
	}
	__attach_mnt(m);
	touch_mnt_namespace(ns);
}

/*
 * next_mnt - the mount after p in a preorder walk of the tree at root,
 * or NULL at the end. [N] or [M]
 */
struct vfsmount *next_mnt(struct vfsmount *p, struct vfsmount *root)
{
	struct list_head *next = p->mnt_mounts.next;

	if (next == &p->mnt_mounts) {
		for (;;) {
			if (p == root)
				return NULL;
			next = p->mnt_child.next;
			if (next != &p->mnt_parent->mnt_mounts)
				break;
			p = p->mnt_parent;
		}
	}
	return list_entry(next, struct vfsmount, mnt_child);
}

/* skip_mnt_tree - the last mount of the tree at p (preorder). */
struct vfsmount *skip_mnt_tree(struct vfsmount *p)
{
	while (!list_empty(&p->mnt_mounts))
		p = list_entry(p->mnt_mounts.prev, struct vfsmount, mnt_child);
	return p;
}

/*
 * is_path_reachable - can (m, d) be reached from root by walking down?
 * [N] or [M]
 */
bool is_path_reachable(struct vfsmount *m, struct dentry *d,
		       const struct path *root)
{
	while (m != root->mnt && mnt_has_parent(m)) {
		d = m->mnt_mountpoint;
		m = m->mnt_parent;
	}
	return m == root->mnt && is_subdir(d, root->dentry);
}

/* --- copies --- */

/*
 * clone_mnt - a new, detached mount showing root (within old's
 * filesystem) with old's flags, and with the propagation flag asks
 * (CL_*). ERR_PTR(-ENOMEM). [N]
 */
struct vfsmount *clone_mnt(struct vfsmount *old, struct dentry *root,
			   int flag)
{
	struct vfsmount *m = alloc_vfsmnt(old->mnt_devname);
	int err;

	if (!m)
		return ERR_PTR(-ENOMEM);
	if (!(flag & (CL_SLAVE | CL_PRIVATE | CL_SHARED_TO_SLAVE)))
		m->mnt_group_id = old->mnt_group_id;
	if ((flag & CL_MAKE_SHARED) && !m->mnt_group_id) {
		err = mnt_alloc_group_id(m);
		if (err) {
			kfree(m->mnt_devname);
			kfree(m);
			return ERR_PTR(err);
		}
	}
	m->mnt_flags = READ_ONCE(old->mnt_flags) &
		       ~(MNT_WRITE_HOLD | MNT_MARKED | MNT_INTERNAL |
			 MNT_DOOMED | MNT_UMOUNT | MNT_SHARED);
	mnt_set_root(m, old->mnt_sb, root);
	if ((flag & CL_SLAVE) ||
	    ((flag & CL_SHARED_TO_SLAVE) && IS_MNT_SHARED(old))) {
		list_add(&m->mnt_slave, &old->mnt_slave_list);
		m->mnt_master = old;
	} else if (!(flag & CL_PRIVATE)) {
		if ((flag & CL_MAKE_SHARED) || IS_MNT_SHARED(old)) {
			list_add(&m->mnt_share, &old->mnt_share);
			set_mnt_shared(m);
		}
		if (IS_MNT_SLAVE(old))
			list_add(&m->mnt_slave, &old->mnt_slave);
		m->mnt_master = old->mnt_master;
	}
	if (flag & CL_MAKE_SHARED)
		set_mnt_shared(m);
	return m;
}

/*
 * copy_tree - a copy of the tree at m from dentry root down: m cloned
 * at root and every mount below root (unbindable ones and bind mounts
 * of mount namespace files skipped unless flag says), attached to the
 * copies as in the original. The copy is in no namespace. ERR_PTR:
 * -EINVAL (m unbindable), -EPERM (a locked unbindable mount), -ENOMEM.
 * [N]
 */
struct vfsmount *copy_tree(struct vfsmount *m, struct dentry *root,
			   int flag)
{
	struct vfsmount *res, *p, *q, *r, *s, *parent;

	if (!(flag & CL_COPY_UNBINDABLE) && IS_MNT_UNBINDABLE(m))
		return ERR_PTR(-EINVAL);
	if (!(flag & CL_COPY_MNT_NS_FILE) && is_mnt_ns_file(root))
		return ERR_PTR(-EINVAL);
	res = q = clone_mnt(m, root, flag);
	if (IS_ERR(q))
		return q;
	p = m;
	list_for_each_entry(r, &m->mnt_mounts, mnt_child) {
		if (!is_subdir(r->mnt_mountpoint, root))
			continue;
		for (s = r; s; s = next_mnt(s, r)) {
			if (!(flag & CL_COPY_UNBINDABLE) && IS_MNT_UNBINDABLE(s)) {
				if (IS_MNT_LOCKED(s)) {
					q = ERR_PTR(-EPERM);
					goto out;
				}
				s = skip_mnt_tree(s);
				continue;
			}
			if (!(flag & CL_COPY_MNT_NS_FILE) &&
			    is_mnt_ns_file(s->mnt_root)) {
				s = skip_mnt_tree(s);
				continue;
			}
			/* Climb to the copy of s's parent. */
			while (p != s->mnt_parent) {
				p = p->mnt_parent;
				q = q->mnt_parent;
			}
			p = s;
			parent = q;
			q = clone_mnt(p, p->mnt_root, flag);
			if (IS_ERR(q))
				goto out;
			spin_lock(&mount_lock);
			attach_mnt(q, parent, p->mnt_mp);
			spin_unlock(&mount_lock);
		}
	}
	return res;
out:
	spin_lock(&mount_lock);
	umount_tree(res, UMOUNT_SYNC);
	spin_unlock(&mount_lock);
	return q;
}

/*
 * is_mnt_ns_file - is d an nsfs file of a mount namespace? Their bind
 * mounts are not copied with the tree (a namespace holding itself).
 */
bool is_mnt_ns_file(struct dentry *d)
{
	struct ns_common *ns = nsfs_dentry_ns(d);

	return ns && ns->ops == &mntns_operations;
}

/*
 * mnt_ns_loop - would binding d (a mount namespace file) make a
 * namespace hold itself? As Linux: a namespace may only hold files of
 * namespaces made after the caller's (which cannot hold it back).
 */
bool mnt_ns_loop(struct dentry *d)
{
	if (!is_mnt_ns_file(d))
		return false;
	return current->nsproxy->mnt_ns->seq >=
	       to_mnt_ns(nsfs_dentry_ns(d))->seq;
}

/* has_locked_children - is a locked mount attached below d in m? [N] */
bool has_locked_children(struct vfsmount *m, struct dentry *d)
{
	struct vfsmount *c;

	list_for_each_entry(c, &m->mnt_mounts, mnt_child)
		if (is_subdir(c->mnt_mountpoint, d) && IS_MNT_LOCKED(c))
			return true;
	return false;
}

/*
 * lock_mnt_tree - the tree at m came into a less privileged namespace:
 * its flags may not be relaxed there, and its mounts may not be
 * unmounted one by one to show what they cover. [N][M]
 */
void lock_mnt_tree(struct vfsmount *m)
{
	struct vfsmount *p;

	for (p = m; p; p = next_mnt(p, m)) {
		int fl = p->mnt_flags | MNT_LOCK_ATIME | MNT_LOCKED;

		if (fl & MNT_READONLY)
			fl |= MNT_LOCK_READONLY;
		if (fl & MNT_NODEV)
			fl |= MNT_LOCK_NODEV;
		if (fl & MNT_NOSUID)
			fl |= MNT_LOCK_NOSUID;
		if (fl & MNT_NOEXEC)
			fl |= MNT_LOCK_NOEXEC;
		p->mnt_flags = fl;
	}
}

/* --- unmounting --- */

/* Should m be cut from its parent, or stay stuck to it? */
static bool disconnect_mount(struct vfsmount *m, int how)
{
	if (how & UMOUNT_SYNC)
		return true;
	if (!mnt_has_parent(m))
		return true;
	/* Unmounted mounts stay stuck only to unmounted parents. */
	if (!(m->mnt_parent->mnt_flags & MNT_UMOUNT))
		return true;
	if (how & UMOUNT_CONNECTED)
		return false;
	return !IS_MNT_LOCKED(m);
}

/* Unlink one gathered mount m from its namespace and its parent. */
static void umount_one(struct vfsmount *m, int how)
{
	struct mnt_namespace *ns = m->mnt_ns;
	bool disconnect = disconnect_mount(m, how);

	list_del_init(&m->mnt_list);
	if (ns) {
		ns->mounts--;
		touch_mnt_namespace(ns);
	}
	m->mnt_ns = NULL;
	if (mnt_has_parent(m)) {
		/* The parent is attached or being unmounted: its own tree
		 * reference keeps it. */
		atomic_dec(&m->mnt_parent->mnt_count);
		if (!disconnect)
			list_add_tail(&m->mnt_child,
				      &m->mnt_parent->mnt_mounts);
		else
			umount_mnt(m);
	}
	change_mnt_propagation(m, MS_PRIVATE);
	if (disconnect)
		list_add_tail(&m->mnt_umount, &unmounted);
}

/*
 * umount_tree - unmount m and everything below it (and, with
 * UMOUNT_PROPAGATE, the copies propagation made of them where nothing
 * else holds them). Their tree references are dropped by
 * namespace_unlock(). [N][M]
 */
void umount_tree(struct vfsmount *m, int how)
{
	LIST_HEAD(tmp);
	struct vfsmount *p;

	assert_spin_locked(&mount_lock);
	for (p = m; p; p = next_mnt(p, m)) {
		p->mnt_flags |= MNT_UMOUNT;
		list_move_tail(&p->mnt_list, &tmp);
	}
	/* Hide them from their parents' lists (propagate_umount looks
	 * for children that are not going). */
	list_for_each_entry(p, &tmp, mnt_list)
		list_del_init(&p->mnt_child);
	if (how & UMOUNT_PROPAGATE)
		propagate_umount(&tmp);
	while (!list_empty(&tmp)) {
		p = list_first_entry(&tmp, struct vfsmount, mnt_list);
		umount_one(p, how);
	}
}

/* --- attaching trees (mount, bind, move) --- */

/* count_mounts - may ns take the mounts of the tree at m (-ENOSPC)? [N] */
int count_mounts(struct mnt_namespace *ns, struct vfsmount *m)
{
	unsigned int n = 0;
	struct vfsmount *p;

	for (p = m; p; p = next_mnt(p, m))
		n++;
	if (ns->mounts + n > READ_ONCE(sysctl_mount_max))
		return -ENOSPC;
	return 0;
}

/* Undo propagate_mnt()'s copies on tree_list. [N][M] */
static void drop_copies(struct list_head *tree_list)
{
	while (!list_empty(tree_list)) {
		struct vfsmount *c = list_first_entry(tree_list, struct vfsmount,
						      mnt_umount);

		list_del_init(&c->mnt_umount);
		umount_tree(c, UMOUNT_SYNC);
	}
}

/* Commit one copy made by propagate_mnt(), tucking a mount already on
 * its place under it. [N][M] */
static void commit_copy(struct vfsmount *c, struct mountpoint *smp,
			struct user_namespace *user_ns)
{
	struct vfsmount *q = __lookup_mnt(c->mnt_parent, c->mnt_mountpoint);

	if (q)
		mnt_change_mountpoint(c, smp, q);
	/* Copies that cross into a less privileged namespace are locked
	 * there, all but their top. */
	if (c->mnt_parent->mnt_ns->user_ns != user_ns)
		lock_mnt_tree(c);
	c->mnt_flags &= ~MNT_LOCKED;
	commit_tree(c);
}

/*
 * attach_recursive_mnt - attach the tree at source on dest_mp of dest,
 * and its copies wherever dest propagates to (a mount on a shared
 * mount becomes shared; copies on its peers are its peers, copies on
 * its slaves its slaves). moving: source is attached already (MS_MOVE)
 * and is moved. 0, -ENOMEM or -ENOSPC (nothing changed then). Holds
 * namespace_sem and vfs_lock.
 */
int attach_recursive_mnt(struct vfsmount *source, struct vfsmount *dest,
			 struct mountpoint *dest_mp, bool moving)
{
	struct user_namespace *user_ns = current->nsproxy->mnt_ns->user_ns;
	struct vfsmount *c, *n;
	struct mountpoint *smp;
	LIST_HEAD(tree_list);
	int err = 0;

	mutex_assert_held(&namespace_sem);
	/* Where a mount already on a propagation target goes: on top. */
	smp = get_mountpoint(source->mnt_root);
	if (IS_ERR(smp))
		return PTR_ERR(smp);
	if (!moving) {
		err = count_mounts(dest->mnt_ns, source);
		if (err)
			goto out;
	}
	if (IS_MNT_SHARED(dest)) {
		err = invent_group_ids(source, true);
		if (err)
			goto out;
		err = propagate_mnt(dest, dest_mp, source, &tree_list);
		spin_lock(&mount_lock);
		if (err)
			goto out_cleanup;
		for (c = source; c; c = next_mnt(c, source))
			set_mnt_shared(c);
	} else {
		spin_lock(&mount_lock);
	}
	if (moving) {
		unhash_mnt(source);	/* the caller puts the old place */
		attach_mnt(source, dest, dest_mp);
		touch_mnt_namespace(source->mnt_ns);
	} else {
		mnt_set_mountpoint(dest, dest_mp, source);
		commit_tree(source);
	}
	list_for_each_entry_safe(c, n, &tree_list, mnt_umount) {
		list_del_init(&c->mnt_umount);
		commit_copy(c, smp, user_ns);
	}
	__put_mountpoint(smp);
	spin_unlock(&mount_lock);
	return 0;

out_cleanup:
	drop_copies(&tree_list);
	spin_unlock(&mount_lock);
	cleanup_group_ids(source, NULL);
out:
	put_mountpoint(smp);
	return err;
}

/* --- mountpoints that are removed --- */

/*
 * is_local_mountpoint - is something of the caller's namespace mounted
 * on d (then it may not be removed: EBUSY)? Holds vfs_lock.
 */
bool is_local_mountpoint(struct dentry *d)
{
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	struct mountpoint *mp;
	struct vfsmount *m;
	bool r = false;

	if (!READ_ONCE(d->d_mounted))
		return false;
	spin_lock(&mount_lock);
	mp = lookup_mountpoint(d);
	if (mp)
		list_for_each_entry(m, &mp->m_list, mnt_mp_list)
			if (m->mnt_ns == ns) {
				r = true;
				break;
			}
	spin_unlock(&mount_lock);
	return r;
}

/*
 * detach_mounts - d was removed: what other namespaces had mounted on
 * it is unmounted lazily, each subtree kept together. Holds vfs_lock;
 * may sleep.
 */
void detach_mounts(struct dentry *d)
{
	struct mountpoint *mp;
	struct vfsmount *m;

	if (!READ_ONCE(d->d_mounted))
		return;
	namespace_lock();
	spin_lock(&mount_lock);
	mp = lookup_mountpoint(d);
	if (!mp)
		goto out;
	mp->m_count++;		/* ours while we empty it */
	while (!list_empty(&mp->m_list)) {
		m = list_first_entry(&mp->m_list, struct vfsmount, mnt_mp_list);
		if (m->mnt_flags & MNT_UMOUNT) {
			/* Stuck to an unmounted parent: cut it loose. */
			umount_mnt(m);
			list_add_tail(&m->mnt_umount, &unmounted);
		} else {
			umount_tree(m, UMOUNT_CONNECTED);
		}
	}
	__put_mountpoint(mp);
out:
	spin_unlock(&mount_lock);
	namespace_unlock();
}

/* --- kernel mounts --- */

/*
 * vfs_kern_mount - a new, detached mount of a fresh (or, for single
 * instance types, the shared) superblock of type t. ERR_PTR on error.
 */
struct vfsmount *vfs_kern_mount(struct file_system_type *t, int flags,
				const char *dev, void *data)
{
	struct super_block *sb = t->mount(t, flags, dev, data);
	struct vfsmount *m;

	if (IS_ERR(sb))
		return ERR_PTR(PTR_ERR(sb));
	m = alloc_vfsmnt(dev);
	if (!m) {
		if (!atomic_read(&sb->s_active))
			t->kill_sb(sb);
		return ERR_PTR(-ENOMEM);
	}
	mnt_set_root(m, sb, sb->s_root);
	return m;
}

/* kern_mount - an internal mount of t (pipefs, devtmpfs, proc). */
struct vfsmount *kern_mount(struct file_system_type *t)
{
	struct vfsmount *m = vfs_kern_mount(t, 0, t->name, NULL);

	if (!IS_ERR(m))
		m->mnt_flags |= MNT_INTERNAL;
	return m;
}

/* mnt_hash_init - empty mount and mountpoint hashes (boot). */
void mnt_hash_init(void)
{
	int i;

	for (i = 0; i < MNT_HASH_SIZE; i++)
		INIT_LIST_HEAD(&mount_hashtable[i]);
	for (i = 0; i < MP_HASH_SIZE; i++)
		INIT_LIST_HEAD(&mountpoint_hashtable[i]);
}
