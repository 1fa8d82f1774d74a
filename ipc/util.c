/*
 * What the three SysV IPC kinds share: id tables, the get protocol
 * (keys, IPC_PRIVATE, IPC_CREAT/IPC_EXCL), permission checks and the
 * ipc64_perm conversions. The locks are described in <tine/ipc.h>.
 *
 * An id is seq << IPCMNI_SHIFT | slot: a removed object's id stops
 * working even when its slot is reused, since the slot's next object
 * gets another sequence number. Slots are handed out cyclically within
 * a window that grows with the number in use, as Linux does.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "util.h"

#define IPC_MIN_CYCLE 64		/* slot window at least this wide */

/**
 * ipc_init_ids - an empty table (namespace creation). Cannot fail.
 */
void ipc_init_ids(struct ipc_ids *ids)
{
	mutex_init_ranked(&ids->mutex, "ipc_ids.mutex", LR_IPC_IDS);
	ids->in_use = 0;
	ids->seq = 0;
	ids->last_idx = -1;
	ids->max_idx = 0;
	ids->size = 0;
	ids->entries = NULL;
}

/* Make room for slot idx. 0 or -ENOMEM. Needs ids->mutex. */
static int ipc_grow(struct ipc_ids *ids, int idx)
{
	int n = ids->size ? ids->size : IPC_MIN_CYCLE;
	struct kern_ipc_perm **e;

	while (n <= idx)
		n *= 2;
	if (n == ids->size)
		return 0;
	e = kzalloc(n * sizeof(*e));
	if (!e)
		return -ENOMEM;
	if (ids->entries)
		memcpy(e, ids->entries, ids->size * sizeof(*e));
	kfree(ids->entries);
	ids->entries = e;
	ids->size = n;
	return 0;
}

/* A free slot below limit, after the last one handed out; -1: none. */
static int ipc_free_slot(struct ipc_ids *ids, int limit)
{
	for (int i = 1; i <= limit; i++) {
		int idx = (ids->last_idx + i) % limit;

		if (idx >= ids->size || !ids->entries[idx])
			return idx;
	}
	return -1;
}

/**
 * ipc_addid - put new in a free slot of ids and give it its id
 * @limit: the table's maximum (shmmni, semmni, msgmni)
 *
 * The creator becomes the owner (current's euid/egid), the table holds
 * the object's first reference (refcount 1). Returns the slot, or
 * -ENOSPC (limit reached) or -ENOMEM. Needs ids->mutex; may sleep.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit)
{
	const struct cred *cred = current_cred();
	int window, idx;

	mutex_assert_held(&ids->mutex);
	if (limit > IPCMNI)
		limit = IPCMNI;
	if (ids->in_use >= limit)
		return -ENOSPC;
	window = MAX(ids->in_use * 3 / 2, IPC_MIN_CYCLE);
	idx = ipc_free_slot(ids, MIN(window, IPCMNI));
	if (idx < 0)
		return -ENOSPC;
	if (ipc_grow(ids, idx))
		return -ENOMEM;
	if (idx <= ids->last_idx && ++ids->seq >= IPCMNI_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = idx;
	spin_lock_init_ranked(&new->lock, "kern_ipc_perm.lock", LR_IPC_OBJ);
	atomic_set(&new->refcount, 1);
	new->deleted = false;
	new->seq = ids->seq;
	new->id = (ids->seq << IPCMNI_SHIFT) + idx;
	new->uid = new->cuid = cred->euid;
	new->gid = new->cgid = cred->egid;
	ids->entries[idx] = new;
	ids->in_use++;
	if (idx >= ids->max_idx)
		ids->max_idx = idx + 1;
	return idx;
}

/**
 * ipc_rmid - take p out of its table and mark it deleted
 *
 * The caller still owns the table's reference and drops it after
 * waking whoever sleeps on the object. Needs ids->mutex.
 */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	int idx = ipcid_to_idx(p->id);

	mutex_assert_held(&ids->mutex);
	ids->entries[idx] = NULL;
	ids->in_use--;
	while (ids->max_idx > 0 && !ids->entries[ids->max_idx - 1])
		ids->max_idx--;
	if (ids->in_use == 0) {
		/* An emptied table gives its array back (a slab free: no
		 * sleep); last_idx and seq stay, so ids keep cycling. */
		kfree(ids->entries);
		ids->entries = NULL;
		ids->size = 0;
	}
	spin_lock(&p->lock);
	p->deleted = true;
	spin_unlock(&p->lock);
}

/**
 * ipc_obtain_object_idx - the object in slot idx, or ERR_PTR(-EINVAL).
 * Needs ids->mutex; takes no reference.
 */
struct kern_ipc_perm *ipc_obtain_object_idx(struct ipc_ids *ids, int idx)
{
	mutex_assert_held(&ids->mutex);
	if (idx < 0 || idx >= ids->size || !ids->entries[idx])
		return ERR_PTR(-EINVAL);
	return ids->entries[idx];
}

/**
 * ipc_obtain_object_check - the object called id (slot and sequence
 * both match), or ERR_PTR(-EINVAL). Needs ids->mutex; no reference.
 */
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	p = ipc_obtain_object_idx(ids, ipcid_to_idx(id));
	if (!IS_ERR(p) && p->id != id)
		return ERR_PTR(-EINVAL);
	return p;
}

/**
 * ipc_get_object - the object called id with a reference for the caller
 * (ipc_put() it), or ERR_PTR(-EINVAL). Takes ids->mutex; may sleep.
 */
struct kern_ipc_perm *ipc_get_object(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	mutex_lock(&ids->mutex);
	p = ipc_obtain_object_check(ids, id);
	if (!IS_ERR(p))
		atomic_inc(&p->refcount);
	mutex_unlock(&ids->mutex);
	return p;
}

/**
 * ipc_put - drop a reference; the last one calls free(p). Any lock
 * the free function needs must not be held (a shm segment's file is
 * put there, which may sleep).
 */
void ipc_put(struct kern_ipc_perm *p, void (*free)(struct kern_ipc_perm *))
{
	if (atomic_dec_and_test(&p->refcount))
		free(p);
}

/**
 * ipcperms - may current use p as flag asks (S_IRUGO/S_IWUGO bits, or a
 * get's mode argument)? The owner or creator is judged by the user
 * bits, a member of the owner's or creator's group by the group bits,
 * anyone else by the others' bits; CAP_IPC_OWNER in the namespace's
 * user namespace passes anyway. 0 or -EACCES. p->lock not needed
 * (fields read once).
 */
int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *p, int flag)
{
	kuid_t euid = current_euid();
	int requested = (flag >> 6) | (flag >> 3) | flag;
	unsigned int granted = READ_ONCE(p->mode);

	if (uid_eq(euid, p->cuid) || uid_eq(euid, READ_ONCE(p->uid)))
		granted >>= 6;
	else if (in_group_p(p->cgid) || in_group_p(READ_ONCE(p->gid)))
		granted >>= 3;
	if ((requested & ~granted & 0007) &&
	    !ns_capable(ns->user_ns, CAP_IPC_OWNER))
		return -EACCES;
	return 0;
}

/* May current IPC_SET/IPC_RMID p? Its owner or creator may, or
 * CAP_SYS_ADMIN in the namespace's user namespace. 0 or -EPERM. */
static int ipc_may_control(struct ipc_namespace *ns, struct kern_ipc_perm *p)
{
	kuid_t euid = current_euid();

	if (uid_eq(euid, p->cuid) || uid_eq(euid, READ_ONCE(p->uid)) ||
	    ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return 0;
	return -EPERM;
}

/**
 * ipcctl_obtain_check - the object an IPC_SET or IPC_RMID names, once
 * current is found allowed to change it (its owner or creator, or
 * CAP_SYS_ADMIN in the namespace's user namespace).
 *
 * Returns the object (no reference taken: the table mutex keeps it) or
 * ERR_PTR(-EINVAL) (no such id) or ERR_PTR(-EPERM). Needs ids->mutex,
 * which the caller holds across the change; does not sleep.
 */
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_namespace *ns,
					  struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;
	int err;

	mutex_assert_held(&ids->mutex);
	p = ipc_obtain_object_check(ids, id);
	if (IS_ERR(p))
		return p;
	err = ipc_may_control(ns, p);
	return err ? ERR_PTR(err) : p;
}

/**
 * kernel_to_ipc64_perm - p as the caller's user namespace sees it.
 * Needs p->lock (uid, gid, mode); does not sleep.
 */
void kernel_to_ipc64_perm(struct kern_ipc_perm *p, struct ipc64_perm *out)
{
	struct user_namespace *uns = current_user_ns();

	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = from_kuid_munged(uns, p->uid);
	out->gid = from_kgid_munged(uns, p->gid);
	out->cuid = from_kuid_munged(uns, p->cuid);
	out->cgid = from_kgid_munged(uns, p->cgid);
	out->mode = p->mode;
	out->seq = p->seq;
}

/**
 * ipc_update_perm - IPC_SET's owner and mode from in: the new uid/gid
 * as the caller's user namespace names them (unmapped: -EINVAL), the
 * low nine mode bits. 0 or -EINVAL. Takes p->lock (the caller holds
 * the table mutex); does not sleep.
 */
int ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *p)
{
	kuid_t uid = make_kuid(current_user_ns(), in->uid);
	kgid_t gid = make_kgid(current_user_ns(), in->gid);

	if (!uid_valid(uid) || !gid_valid(gid))
		return -EINVAL;
	spin_lock(&p->lock);
	p->uid = uid;
	p->gid = gid;
	p->mode = (p->mode & ~0777u) | (in->mode & 0777u);
	spin_unlock(&p->lock);
	return 0;
}

/**
 * ipcctl_stat - IPC_STAT (by id) or a kind's *_STAT / *_STAT_ANY (by
 * slot), as st describes: the object is found, read permission checked
 * (not for *_STAT_ANY), st->fill() writes the answer under the
 * object's lock and the answer is copied to buf.
 *
 * Returns 0 for IPC_STAT, the object's id for the others, or -EINVAL,
 * -EACCES, -EFAULT. Takes ids->mutex, then the object's lock; the user
 * copy comes after both (may sleep).
 */
long ipcctl_stat(struct ipc_namespace *ns, struct ipc_ids *ids, int id,
		 const struct ipc_stat *st, void __user *buf)
{
	struct kern_ipc_perm *p;
	long ret;

	memset(st->ds, 0, st->size);
	mutex_lock(&ids->mutex);
	p = st->cmd == IPC_STAT ? ipc_obtain_object_check(ids, id)
				: ipc_obtain_object_idx(ids, id);
	if (IS_ERR(p)) {
		ret = PTR_ERR(p);
		goto out;
	}
	ret = -EACCES;
	if (!st->any && ipcperms(ns, p, IPC_READ))
		goto out;
	spin_lock(&p->lock);
	st->fill(p, st->ds);
	spin_unlock(&p->lock);
	ret = st->cmd == IPC_STAT ? 0 : p->id;
out:
	mutex_unlock(&ids->mutex);
	if (ret >= 0 && copy_to_user(buf, st->ds, st->size))
		return -EFAULT;
	return ret;
}

/**
 * ipcctl_info_copy - the end of IPC_INFO and of a kind's *_INFO: copy
 * the size bytes of info to buf. Returns max_idx, the highest slot in
 * use (0 when there is none, as Linux answers), or -EFAULT. No lock
 * held; may sleep (user copy).
 */
long ipcctl_info_copy(void __user *buf, const void *info, size_t size,
		      int max_idx)
{
	if (copy_to_user(buf, info, size))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

/**
 * free_ipcs - remove every object of a dying namespace's table ids:
 * free(ns, p) takes each out of the table (ipc_rmid()) and drops the
 * table's reference. Takes ids->mutex, which free runs under; may
 * sleep.
 */
void free_ipcs(struct ipc_namespace *ns, struct ipc_ids *ids,
	       void (*free)(struct ipc_namespace *, struct kern_ipc_perm *))
{
	mutex_lock(&ids->mutex);
	/* Each free shrinks max_idx; an emptied table leaves the loop
	 * before its entries array is read again. */
	for (int i = 0; i < ids->max_idx; i++)
		if (ids->entries[i])
			free(ns, ids->entries[i]);
	mutex_unlock(&ids->mutex);
}

/**
 * sysvipc_show_ids - /proc/sysvipc/<kind>: header, then one line per
 * object of ids written by show(m, p) (which takes p->lock itself).
 * Returns 0. Takes ids->mutex, which show runs under; may sleep.
 */
int sysvipc_show_ids(struct seq_buf *m, struct ipc_ids *ids,
		     const char *header,
		     void (*show)(struct seq_buf *, struct kern_ipc_perm *))
{
	seq_printf(m, "%s", header);
	mutex_lock(&ids->mutex);
	for (int i = 0; i < ids->max_idx; i++)
		if (ids->entries[i])
			show(m, ids->entries[i]);
	mutex_unlock(&ids->mutex);
	return 0;
}

/* The object with key in ids, or NULL. Needs ids->mutex. */
static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, int key)
{
	for (int i = 0; i < ids->max_idx; i++)
		if (ids->entries[i] && ids->entries[i]->key == key)
			return ids->entries[i];
	return NULL;
}

/* An existing object for a get: EEXIST, the kind's checks, then the
 * permissions the get's mode asks for. Its id or -errno. */
static int ipc_check_existing(struct ipc_namespace *ns,
			      struct kern_ipc_perm *p,
			      const struct ipc_ops *ops,
			      const struct ipc_params *params)
{
	int err;

	if ((params->flg & IPC_CREAT) && (params->flg & IPC_EXCL))
		return -EEXIST;
	if (ops->more_checks) {
		err = ops->more_checks(p, params);
		if (err)
			return err;
	}
	if (ipcperms(ns, p, params->flg))
		return -EACCES;
	return p->id;
}

/**
 * ipcget - the shmget/semget/msgget protocol: IPC_PRIVATE always makes
 * a new object; a key finds its object or, with IPC_CREAT, makes one.
 * Returns the id or -errno (ENOENT, EEXIST, EACCES, ENOSPC, the kind's
 * own). Takes ids->mutex (ops->getnew runs under it); may sleep.
 */
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids,
	   const struct ipc_ops *ops, struct ipc_params *params)
{
	struct kern_ipc_perm *p;
	int err;

	mutex_lock(&ids->mutex);
	if (params->key == IPC_PRIVATE) {
		err = ops->getnew(ns, params);
		goto out;
	}
	p = ipc_findkey(ids, params->key);
	if (!p)
		err = (params->flg & IPC_CREAT) ? ops->getnew(ns, params)
						 : -ENOENT;
	else
		err = ipc_check_existing(ns, p, ops, params);
out:
	mutex_unlock(&ids->mutex);
	return err;
}

/**
 * ipc_get_maxidx - the highest slot in use, or -1 (IPC_INFO's answer).
 * Takes ids->mutex; may sleep.
 */
int ipc_get_maxidx(struct ipc_ids *ids)
{
	int n;

	mutex_lock(&ids->mutex);
	n = ids->max_idx - 1;
	mutex_unlock(&ids->mutex);
	return n;
}

/* current_ipc_ns - see <tine/ipc.h>. */
struct ipc_namespace *current_ipc_ns(void)
{
	return current->nsproxy->ipc_ns;
}

/* ipc_seconds - the real-time clock in seconds (the *_time fields). */
long ipc_seconds(void)
{
	return (long)(ktime_get_real_ns() / NSEC_PER_SEC);
}
