/*
 * Per-user counts of objects in each user namespace, against the
 * namespace's limits (/proc/sys/user/max_*; only max_user_namespaces
 * today). As Linux, a new object made by uid in namespace ns counts for
 * (ns, uid), then for (ns->parent, ns->owner) and so on up to the
 * initial namespace, and each level must stay within its own limit.
 *
 * Lock: ucounts_lock (a spinlock, leaf apart from the allocator) guards
 * every count and the per-namespace lists.
 */
#include <tine/mm.h>
#include <tine/spinlock.h>
#include <tine/user_namespace.h>

struct ucounts {
	struct list_head node;		/* [U] in ns->ucounts_list */
	struct user_namespace *ns;	/* [I] not referenced: the entry dies
					 * with its last count, before ns */
	kuid_t uid;			/* [I] */
	int count[UCOUNT_COUNTS];	/* [U] objects made */
	int refs;			/* [U] sum of count[] */
};

static DEFINE_SPINLOCK_RANKED(ucounts_lock, LR_UCOUNTS);

static struct ucounts *find_ucounts(struct user_namespace *ns, kuid_t uid)
{
	struct ucounts *uc;

	list_for_each_entry(uc, &ns->ucounts_list, node)
		if (uid_eq(uc->uid, uid))
			return uc;
	return NULL;
}

/* Take one count at (ns, uid); spare is used if a new entry is needed.
 * False if over ns's limit. ucounts_lock held. */
static bool take_one(struct user_namespace *ns, kuid_t uid,
		     enum ucount_type type, struct ucounts **spare,
		     struct ucounts **out)
{
	struct ucounts *uc = find_ucounts(ns, uid);
	int max = READ_ONCE(ns->ucount_max[type]);

	assert_spin_locked(&ucounts_lock);
	if (uc && uc->count[type] >= max)
		return false;
	if (!uc) {
		if (max <= 0)
			return false;
		uc = *spare;
		*spare = NULL;
		uc->ns = ns;
		uc->uid = uid;
		list_add(&uc->node, &ns->ucounts_list);
	}
	uc->count[type]++;
	uc->refs++;
	*out = uc;
	return true;
}

static void drop_one(struct ucounts *uc, enum ucount_type type,
		     struct ucounts **freed)
{
	uc->count[type]--;
	if (--uc->refs == 0) {
		list_del(&uc->node);
		*freed = uc;
	}
}

/* Undo the counts taken from ns up to (not including) stop. */
static void unwind(struct user_namespace *ns, kuid_t uid,
		   struct user_namespace *stop, enum ucount_type type,
		   struct ucounts **freed, int *nfreed)
{
	for (; ns != stop; uid = ns->owner, ns = ns->parent) {
		struct ucounts *f = NULL;

		drop_one(find_ucounts(ns, uid), type, &f);
		if (f)
			freed[(*nfreed)++] = f;
	}
}

/* inc_ucount - see tine/user_namespace.h. May sleep (allocates). */
struct ucounts *inc_ucount(struct user_namespace *ns, kuid_t uid,
			   enum ucount_type type)
{
	struct ucounts *spare[MAX_USER_NS_LEVEL + 2] = { 0 };
	struct ucounts *first = NULL, *freed[MAX_USER_NS_LEVEL + 2];
	struct user_namespace *iter;
	int levels = ns->level + 1, nfreed = 0, i;
	unsigned long f;
	kuid_t u = uid;

	for (i = 0; i < levels; i++)
		if (!(spare[i] = kzalloc(sizeof(struct ucounts))))
			goto out;
	f = spin_lock_irqsave(&ucounts_lock);
	for (i = 0, iter = ns; iter; u = iter->owner, iter = iter->parent) {
		struct ucounts *uc;

		if (!take_one(iter, u, type, &spare[i], &uc)) {
			unwind(ns, uid, iter, type, freed, &nfreed);
			first = NULL;
			break;
		}
		if (iter == ns)
			first = uc;
		if (!spare[i])
			i++;
	}
	spin_unlock_irqrestore(&ucounts_lock, f);
	for (i = 0; i < nfreed; i++)
		kfree(freed[i]);
out:
	for (i = 0; i < levels; i++)
		kfree(spare[i]);
	return first;
}

/* dec_ucount - drop a count inc_ucount() took (every level). */
void dec_ucount(struct ucounts *uc, enum ucount_type type)
{
	struct ucounts *freed[MAX_USER_NS_LEVEL + 2];
	struct user_namespace *ns = uc->ns;
	int nfreed = 0;
	kuid_t uid = uc->uid;
	unsigned long f = spin_lock_irqsave(&ucounts_lock);

	unwind(ns, uid, NULL, type, freed, &nfreed);
	spin_unlock_irqrestore(&ucounts_lock, f);
	while (nfreed)
		kfree(freed[--nfreed]);
}
