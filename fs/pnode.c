/*
 * Mount propagation: shared, slave, private and unbindable mounts.
 *
 * A shared mount belongs to a peer group (mnt_group_id, the ring of
 * mnt_share): a mount or unmount on one peer happens on every peer. A
 * slave (mnt_master) receives what happens on its master's group but
 * sends nothing back; its slaves in turn receive from it. A mount can
 * be both shared and a slave. The propagation set of a mount is its
 * peers and, down the chain, the groups that are slaves of them.
 *
 * The walks below mark each peer group they reach (mnt_prop_mark) and
 * queue one member of it (mnt_prop_list); copies made along the way are
 * new (in no namespace yet) and are never walked into.
 *
 * Every function here needs namespace_sem; those that change flags or
 * look mounts up also need mount_lock (see each).
 */
#include <tine/err.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include "internal.h"
#include "mount.h"

static int next_group_id = 1;		/* [N] */

static struct vfsmount *next_peer(struct vfsmount *p)
{
	return list_entry(p->mnt_share.next, struct vfsmount, mnt_share);
}

/* mnt_alloc_group_id - a new peer group for m. [N] */
int mnt_alloc_group_id(struct vfsmount *m)
{
	m->mnt_group_id = next_group_id++;
	return 0;
}

/* mnt_release_group_id - m leaves its (now empty) peer group. [N] */
void mnt_release_group_id(struct vfsmount *m)
{
	m->mnt_group_id = 0;
}

/*
 * invent_group_ids - give m (and with recurse its whole tree) a peer
 * group where it has none, before it becomes shared. 0. [N]
 */
int invent_group_ids(struct vfsmount *m, bool recurse)
{
	struct vfsmount *p;

	for (p = m; p; p = recurse ? next_mnt(p, m) : NULL)
		if (!p->mnt_group_id && !IS_MNT_SHARED(p))
			mnt_alloc_group_id(p);
	return 0;
}

/* cleanup_group_ids - undo invent_group_ids() on the tree at m up to
 * end (NULL: all of it). [N] */
void cleanup_group_ids(struct vfsmount *m, struct vfsmount *end)
{
	struct vfsmount *p;

	for (p = m; p != end; p = next_mnt(p, m)) {
		if (p->mnt_group_id && !IS_MNT_SHARED(p))
			mnt_release_group_id(p);
		if (!next_mnt(p, m))
			break;
	}
}

/*
 * m stops being shared: with peers left it becomes a slave of one of
 * them (one showing the same root if there is one), else it keeps its
 * master. Its slaves follow its new master (or become free if none).
 */
static void do_make_slave(struct vfsmount *m)
{
	struct vfsmount *master, *s, *n;

	if (list_empty(&m->mnt_share)) {
		if (IS_MNT_SHARED(m)) {
			mnt_release_group_id(m);
			m->mnt_flags &= ~MNT_SHARED;
		}
		master = m->mnt_master;
		if (!master) {
			list_for_each_entry_safe(s, n, &m->mnt_slave_list,
						 mnt_slave) {
				list_del_init(&s->mnt_slave);
				s->mnt_master = NULL;
			}
			return;
		}
	} else {
		master = next_peer(m);
		for (n = master; n != m; n = next_peer(n)) {
			if (n->mnt_root == m->mnt_root) {
				master = n;
				break;
			}
		}
		list_del_init(&m->mnt_share);
		m->mnt_group_id = 0;
		m->mnt_flags &= ~MNT_SHARED;
	}
	list_for_each_entry(s, &m->mnt_slave_list, mnt_slave)
		s->mnt_master = master;
	list_move(&m->mnt_slave, &master->mnt_slave_list);
	list_splice_init(&m->mnt_slave_list, &master->mnt_slave_list);
	m->mnt_master = master;
}

/*
 * change_mnt_propagation - make m shared (it must have a group id),
 * slave, private or unbindable (MS_*). [N][M]
 */
void change_mnt_propagation(struct vfsmount *m, int type)
{
	assert_spin_locked(&mount_lock);
	if (type == MS_SHARED) {
		set_mnt_shared(m);
		return;
	}
	do_make_slave(m);
	if (type == MS_SLAVE)
		return;
	list_del_init(&m->mnt_slave);
	m->mnt_master = NULL;
	if (type == MS_UNBINDABLE)
		m->mnt_flags |= MNT_UNBINDABLE;
	else
		m->mnt_flags &= ~MNT_UNBINDABLE;
}

/* --- walking the propagation set --- */

/* Mark m's peer group seen and queue m for it. */
static void queue_group(struct vfsmount *m, struct list_head *queue)
{
	struct vfsmount *n = m;

	do {
		n->mnt_prop_mark = true;
		n = next_peer(n);
	} while (n != m);
	list_add_tail(&m->mnt_prop_list, queue);
}

/* Queue the groups that are slaves of rep's group and not seen yet;
 * they will follow copy (propagate_mnt's bookkeeping). */
static void queue_slaves(struct vfsmount *rep, struct vfsmount *copy,
			 struct list_head *queue)
{
	struct vfsmount *n = rep, *s;

	do {
		if (!IS_MNT_NEW(n)) {
			list_for_each_entry(s, &n->mnt_slave_list, mnt_slave) {
				if (s->mnt_prop_mark || IS_MNT_NEW(s))
					continue;
				s->mnt_prop_copy = copy;
				queue_group(s, queue);
			}
		}
		n = next_peer(n);
	} while (n != rep);
}

/* Forget the marks of every group on done (and on queue). */
static void clear_marks(struct list_head *done)
{
	while (!list_empty(done)) {
		struct vfsmount *rep = list_first_entry(done, struct vfsmount,
							mnt_prop_list);
		struct vfsmount *n = rep;

		list_del_init(&rep->mnt_prop_list);
		do {
			n->mnt_prop_mark = false;
			n->mnt_prop_copy = NULL;
			n = next_peer(n);
		} while (n != rep);
	}
}

/*
 * Call fn(q, arg) on every mount origin propagates to (origin itself
 * excluded) until fn returns true; returns whether one did.
 */
static bool for_each_propagated(struct vfsmount *origin,
				bool (*fn)(struct vfsmount *q, void *arg),
				void *arg)
{
	LIST_HEAD(queue);
	LIST_HEAD(done);
	bool stop = false;

	queue_group(origin, &queue);
	while (!stop && !list_empty(&queue)) {
		struct vfsmount *rep = list_first_entry(&queue, struct vfsmount,
							mnt_prop_list);
		struct vfsmount *n = rep;

		list_move_tail(&rep->mnt_prop_list, &done);
		do {
			if (n != origin && fn(n, arg)) {
				stop = true;
				break;
			}
			n = next_peer(n);
		} while (n != rep);
		queue_slaves(rep, NULL, &queue);
	}
	list_splice_init(&queue, &done);
	clear_marks(&done);
	return stop;
}

/* --- mount --- */

/* Does m take a copy: an old mount that shows the mountpoint? */
static bool need_secondary(struct vfsmount *m, struct mountpoint *mp)
{
	return !IS_MNT_NEW(m) && is_subdir(mp->m_dentry, m->mnt_root);
}

/*
 * Copy for each member of rep's group that needs one: the first copy of
 * a group of slaves is a slave of the copy its master's group got (or
 * of source), shared if the group is; the others are its peers. The
 * dest group's copies are peers of source. Returns 0 or -errno; the
 * copy the group's slaves follow goes in *follow.
 */
static int propagate_group(struct vfsmount *rep, struct vfsmount *dest,
			   struct mountpoint *mp, struct list_head *tree_list,
			   struct vfsmount **follow)
{
	struct vfsmount *copy = rep == dest ? rep->mnt_prop_copy : NULL;
	struct vfsmount *n = rep, *t;
	int err;

	do {
		if (n == dest || !need_secondary(n, mp))
			goto next;
		if (copy)
			t = copy_tree(copy, copy->mnt_root, CL_MAKE_SHARED);
		else
			t = copy_tree(rep->mnt_prop_copy,
				      rep->mnt_prop_copy->mnt_root,
				      CL_SLAVE | (IS_MNT_SHARED(n) ?
						  CL_MAKE_SHARED : 0));
		if (IS_ERR(t))
			return PTR_ERR(t);
		spin_lock(&mount_lock);
		mnt_set_mountpoint(n, mp, t);
		spin_unlock(&mount_lock);
		list_add_tail(&t->mnt_umount, tree_list);
		err = count_mounts(n->mnt_ns, t);
		if (err)
			return err;
		if (!copy)
			copy = t;
next:
		n = next_peer(n);
	} while (n != rep);
	*follow = copy ? copy : rep->mnt_prop_copy;
	return 0;
}

/*
 * propagate_mnt - make the copies of source (about to be mounted on mp
 * of dest) for every mount dest propagates to, each set on its place
 * there and linked by mnt_umount on tree_list, not yet hashed.
 * 0 or -errno (the caller drops what is on tree_list). [N]
 */
int propagate_mnt(struct vfsmount *dest, struct mountpoint *dest_mp,
		  struct vfsmount *source, struct list_head *tree_list)
{
	LIST_HEAD(queue);
	LIST_HEAD(done);
	int err = 0;

	dest->mnt_prop_copy = source;
	queue_group(dest, &queue);
	while (!err && !list_empty(&queue)) {
		struct vfsmount *rep = list_first_entry(&queue, struct vfsmount,
							mnt_prop_list);
		struct vfsmount *follow = NULL;

		list_move_tail(&rep->mnt_prop_list, &done);
		err = propagate_group(rep, dest, dest_mp, tree_list, &follow);
		if (!err)
			queue_slaves(rep, follow, &queue);
	}
	list_splice_init(&queue, &done);
	clear_marks(&done);
	return err;
}

/* --- umount --- */

/* The one mount covering m's root, if that is m's only child. */
static struct vfsmount *find_topper(struct vfsmount *m)
{
	struct vfsmount *c;

	if (list_empty(&m->mnt_mounts) || m->mnt_mounts.next->next !=
	    &m->mnt_mounts)
		return NULL;
	c = list_first_entry(&m->mnt_mounts, struct vfsmount, mnt_child);
	return c->mnt_mountpoint == m->mnt_root ? c : NULL;
}

struct busy_arg {
	struct dentry *mountpoint;
};

/* Is the copy on q of the mount being unmounted in use? */
static bool copy_busy(struct vfsmount *q, void *arg)
{
	struct busy_arg *a = arg;
	struct vfsmount *c = __lookup_mnt(q, a->mountpoint);
	int count = 1;

	if (!c)
		return false;
	if (find_topper(c))
		count++;
	else if (!list_empty(&c->mnt_mounts))
		return false;	/* it stays: not our business */
	return atomic_read(&c->mnt_count) > count;
}

/*
 * propagate_mount_busy - would unmounting m (a reference count of
 * refcnt being its own) leave something in use behind: m has children
 * or more references, or a copy propagation would unmount with it has.
 * [N][M]
 */
bool propagate_mount_busy(struct vfsmount *m, int refcnt)
{
	struct busy_arg a = { m->mnt_mountpoint };

	if (!list_empty(&m->mnt_mounts) ||
	    atomic_read(&m->mnt_count) > refcnt)
		return true;
	if (!mnt_has_parent(m))
		return false;
	return for_each_propagated(m->mnt_parent, copy_busy, &a);
}

struct umount_arg {
	struct dentry *mountpoint;
	struct list_head *candidates;
};

/* Note the copy on q of a mount being unmounted as a candidate. */
static bool add_candidate(struct vfsmount *q, void *arg)
{
	struct umount_arg *a = arg;
	struct vfsmount *c = __lookup_mnt(q, a->mountpoint);

	if (c && !(c->mnt_flags & MNT_UMOUNT) && list_empty(&c->mnt_umount))
		list_add_tail(&c->mnt_umount, a->candidates);
	return false;
}

/* Can candidate c go: unlocked, and nothing mounted on it but one
 * mount over its whole root (which then takes its place)? */
static bool candidate_can_go(struct vfsmount *c)
{
	return !IS_MNT_LOCKED(c) &&
	       (list_empty(&c->mnt_mounts) || find_topper(c));
}

/* c goes: the mount over its root (if any) slides into its place. */
static void commit_candidate(struct vfsmount *c, struct list_head *list)
{
	struct vfsmount *top = find_topper(c);

	list_del_init(&c->mnt_umount);
	c->mnt_flags |= MNT_UMOUNT;
	if (top)
		mnt_change_mountpoint(c->mnt_parent, c->mnt_mp, top);
	list_del_init(&c->mnt_child);
	list_move_tail(&c->mnt_list, list);
}

/*
 * propagate_umount - list (by mnt_list) holds mounts being unmounted;
 * add the copies propagation made of them that can go too: those with
 * nothing else mounted on them (once their own candidates are gone),
 * and not locked. [N][M]
 */
void propagate_umount(struct list_head *list)
{
	LIST_HEAD(candidates);
	struct vfsmount *m, *c, *n;
	bool progress;

	list_for_each_entry(m, list, mnt_list) {
		struct umount_arg a = { m->mnt_mountpoint, &candidates };

		if (mnt_has_parent(m))
			for_each_propagated(m->mnt_parent, add_candidate, &a);
	}
	do {
		progress = false;
		list_for_each_entry_safe(c, n, &candidates, mnt_umount) {
			if (!candidate_can_go(c))
				continue;
			commit_candidate(c, list);
			progress = true;
		}
	} while (progress);
	list_for_each_entry_safe(c, n, &candidates, mnt_umount)
		list_del_init(&c->mnt_umount);
}

/*
 * get_dominating_id - the peer group, nearest up m's chain of masters,
 * that has a member in m's namespace under root (mountinfo's
 * propagate_from); 0 if none. [N]
 */
int get_dominating_id(struct vfsmount *m, const struct path *root)
{
	struct vfsmount *master, *n;

	for (master = m->mnt_master; master; master = master->mnt_master) {
		n = master;
		do {
			if (n->mnt_ns == m->mnt_ns &&
			    is_path_reachable(n, n->mnt_root, root))
				return n->mnt_group_id;
			n = next_peer(n);
		} while (n != master);
	}
	return 0;
}
