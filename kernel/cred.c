/*
 * Task credentials: the life of a struct cred (tine/cred.h explains the
 * model). Credentials are immutable once published and counted; a task
 * changes its own by prepare_creds() -> edit -> commit_creds(), and
 * other CPUs read a task's with get_task_cred(), which takes a reference
 * under the task's cred_lock so the committer cannot free them meanwhile.
 *
 * Lock: task->cred_lock (a leaf spinlock, interrupts masked) guards the
 * real_cred/cred pointers of a task against readers on other CPUs.
 */
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

struct group_info init_groups = { .usage = ATOMIC_INIT(2), .ngroups = 0 };

/* The credentials of the boot task and so of init: root with every
 * capability, in the initial user namespace. */
struct cred init_cred = {
	.usage = ATOMIC_INIT(4),
	.uid = GLOBAL_ROOT_UID,
	.gid = GLOBAL_ROOT_GID,
	.suid = GLOBAL_ROOT_UID,
	.sgid = GLOBAL_ROOT_GID,
	.euid = GLOBAL_ROOT_UID,
	.egid = GLOBAL_ROOT_GID,
	.fsuid = GLOBAL_ROOT_UID,
	.fsgid = GLOBAL_ROOT_GID,
	.securebits = 0,
	.cap_inheritable = CAP_EMPTY_SET,
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
	.cap_bset = CAP_FULL_SET,
	.cap_ambient = CAP_EMPTY_SET,
	.user_ns = &init_user_ns,
	.group_info = &init_groups,
};

int suid_dumpable = SUID_DUMP_DISABLE;	/* /proc/sys/fs/suid_dumpable */

/* put_cred - see tine/cred.h. */
void put_cred(const struct cred *cred)
{
	struct cred *c = (struct cred *)cred;

	if (!atomic_dec_and_test(&c->usage))
		return;
	BUG_ON(c == &init_cred);
	put_group_info(c->group_info);
	put_user_ns(c->user_ns);
	kfree(c);
}

/* get_task_cred - see tine/cred.h. */
const struct cred *get_task_cred(struct task_struct *t)
{
	unsigned long f = spin_lock_irqsave(&t->cred_lock);
	const struct cred *c = get_cred(t->real_cred);

	spin_unlock_irqrestore(&t->cred_lock, f);
	return c;
}

/* task_uid - see tine/cred.h. */
kuid_t task_uid(struct task_struct *t)
{
	unsigned long f = spin_lock_irqsave(&t->cred_lock);
	kuid_t uid = t->real_cred->uid;

	spin_unlock_irqrestore(&t->cred_lock, f);
	return uid;
}

/* task_euid - see tine/cred.h. */
kuid_t task_euid(struct task_struct *t)
{
	unsigned long f = spin_lock_irqsave(&t->cred_lock);
	kuid_t uid = t->real_cred->euid;

	spin_unlock_irqrestore(&t->cred_lock, f);
	return uid;
}

/* task_from_kuid_munged - see tine/cred.h. */
uid_t task_from_kuid_munged(struct task_struct *t, kuid_t uid)
{
	unsigned long f = spin_lock_irqsave(&t->cred_lock);
	uid_t ret = from_kuid_munged(t->real_cred->user_ns, uid);

	spin_unlock_irqrestore(&t->cred_lock, f);
	return ret;
}

/* prepare_creds - see tine/cred.h. */
struct cred *prepare_creds(void)
{
	const struct cred *old = current_cred();
	struct cred *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	memcpy(new, old, sizeof(*new));
	atomic_set(&new->usage, 1);
	get_group_info(new->group_info);
	get_user_ns(new->user_ns);
	return new;
}

/* abort_creds - see tine/cred.h. */
void abort_creds(struct cred *new)
{
	BUG_ON(atomic_read(&new->usage) < 1);
	put_cred(new);
}

/*
 * Are subset's capabilities no more than set's? In another user
 * namespace, only if set's euid owns subset's namespace or an ancestor
 * of it that is a child of set's (what the owner holds anyway).
 */
static bool cred_cap_issubset(const struct cred *set,
			      const struct cred *subset)
{
	const struct user_namespace *ns = subset->user_ns;

	if (set->user_ns == ns)
		return cap_issubset(subset->cap_permitted, set->cap_permitted);
	for (; ns != &init_user_ns; ns = ns->parent)
		if (ns->parent == set->user_ns && uid_eq(ns->owner, set->euid))
			return true;
	return false;
}

/* Does going from old to new make the process's memory worth hiding? */
static bool creds_lose_dumpable(const struct cred *old,
				const struct cred *new)
{
	return !uid_eq(old->euid, new->euid) ||
	       !gid_eq(old->egid, new->egid) ||
	       !uid_eq(old->fsuid, new->fsuid) ||
	       !gid_eq(old->fsgid, new->fsgid) || !cred_cap_issubset(old, new);
}

/* commit_creds - see tine/cred.h. */
int commit_creds(struct cred *new)
{
	struct task_struct *t = current;
	const struct cred *old = t->real_cred;
	unsigned long f;

	BUG_ON(t->cred != old);	/* not under override_creds() */
	if (creds_lose_dumpable(old, new)) {
		if (t->mm)
			set_dumpable(t->mm, suid_dumpable);
		t->pdeath_signal = 0;
	}
	/* One reference for each pointer: new came with one. */
	get_cred(new);
	f = spin_lock_irqsave(&t->cred_lock);
	t->real_cred = new;
	t->cred = new;
	spin_unlock_irqrestore(&t->cred_lock, f);
	put_cred(old);
	put_cred(old);
	return 0;
}

/* override_creds - see tine/cred.h. */
const struct cred *override_creds(const struct cred *new)
{
	const struct cred *old = current->cred;

	current->cred = get_cred(new);
	return old;
}

/* revert_creds - see tine/cred.h. */
void revert_creds(const struct cred *old)
{
	const struct cred *over = current->cred;

	current->cred = old;
	put_cred(over);
}

/* copy_creds - see tine/cred.h. */
int copy_creds(struct task_struct *p, u64 clone_flags)
{
	struct cred *new;
	int err;

	spin_lock_init_ranked(&p->cred_lock, "task->cred_lock", LR_CRED);
	if (!(clone_flags & CLONE_NEWUSER)) {
		p->real_cred = get_cred(current->cred);
		p->cred = get_cred(current->cred);
		return 0;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	err = create_user_ns(new);
	if (err) {
		abort_creds(new);
		return err;
	}
	p->real_cred = new;
	p->cred = get_cred(new);
	return 0;
}

/* exit_creds - see tine/cred.h. */
void exit_creds(struct task_struct *t)
{
	const struct cred *real = t->real_cred, *cred = t->cred;

	t->real_cred = NULL;
	t->cred = NULL;
	put_cred(real);
	put_cred(cred);
}

/* cred_ids_match - see tine/cred.h. */
bool cred_ids_match(const struct cred *cred, const struct cred *tcred)
{
	return uid_eq(cred->uid, tcred->euid) &&
	       uid_eq(cred->uid, tcred->suid) &&
	       uid_eq(cred->uid, tcred->uid) &&
	       gid_eq(cred->gid, tcred->egid) &&
	       gid_eq(cred->gid, tcred->sgid) &&
	       gid_eq(cred->gid, tcred->gid);
}

/* kill_ok_by_cred - see tine/cred.h. */
bool kill_ok_by_cred(const struct cred *cred, const struct cred *tcred)
{
	if (uid_eq(cred->euid, tcred->suid) ||
	    uid_eq(cred->euid, tcred->uid) ||
	    uid_eq(cred->uid, tcred->suid) ||
	    uid_eq(cred->uid, tcred->uid))
		return true;
	return cred_has_capability(cred, tcred->user_ns, CAP_KILL);
}
