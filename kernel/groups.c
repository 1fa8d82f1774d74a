/*
 * Supplementary groups: getgroups(2), setgroups(2) and the membership
 * tests behind file permissions. A group_info is a sorted array of
 * kernel gids shared by reference between credentials; it never changes
 * once set in a cred.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

/* groups_alloc - room for n gids, usage 1; NULL without memory. */
struct group_info *groups_alloc(int n)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + n * sizeof(kgid_t),
					GFP_KERNEL);

	if (!gi)
		return NULL;
	atomic_set(&gi->usage, 1);
	gi->ngroups = n;
	return gi;
}

/* put_group_info - drop a reference; the last frees it. */
void put_group_info(struct group_info *gi)
{
	if (atomic_dec_and_test(&gi->usage)) {
		BUG_ON(gi == &init_groups);
		kfree(gi);
	}
}

/* Shell sort, as the array may hold 65536 gids. */
static void groups_sort(struct group_info *gi)
{
	int n = gi->ngroups, gap, i, j;

	for (gap = n / 2; gap > 0; gap /= 2)
		for (i = gap; i < n; i++) {
			kgid_t v = gi->gid[i];

			for (j = i; j >= gap && gid_lt(v, gi->gid[j - gap]);
			     j -= gap)
				gi->gid[j] = gi->gid[j - gap];
			gi->gid[j] = v;
		}
}

/* groups_search - is gid in gi (sorted)? */
bool groups_search(const struct group_info *gi, kgid_t gid)
{
	int lo = 0, hi = gi ? gi->ngroups : 0;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (gid_eq(gi->gid[mid], gid))
			return true;
		if (gid_lt(gi->gid[mid], gid))
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* set_groups - new (unpublished) takes gi; gi's reference passes. */
void set_groups(struct cred *new, struct group_info *gi)
{
	put_group_info(new->group_info);
	groups_sort(gi);
	new->group_info = gi;
}

/* in_group_p - see tine/cred.h. */
bool in_group_p(kgid_t gid)
{
	const struct cred *c = current_cred();

	return gid_eq(gid, c->fsgid) || groups_search(c->group_info, gid);
}

/* in_egroup_p - see tine/cred.h. */
bool in_egroup_p(kgid_t gid)
{
	const struct cred *c = current_cred();

	return gid_eq(gid, c->egid) || groups_search(c->group_info, gid);
}

/* may_setgroups - see tine/cred.h. */
bool may_setgroups(void)
{
	struct user_namespace *ns = current_user_ns();

	return ns_capable(ns, CAP_SETGID) && userns_may_setgroups(ns);
}

/*
 * getgroups: the supplementary groups as the caller's namespace sees
 * them (unmapped ones as the overflow gid). size 0 asks for the count.
 */
static long sys_getgroups(int size, gid_t __user *list)
{
	const struct cred *c = current_cred();
	struct group_info *gi = c->group_info;
	int i;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return gi->ngroups;
	if (size < gi->ngroups)
		return -EINVAL;
	for (i = 0; i < gi->ngroups; i++)
		if (put_user(from_kgid_munged(c->user_ns, gi->gid[i]),
			     list + i))
			return -EFAULT;
	return gi->ngroups;
}
SYSCALL_ENTRY(getgroups, sys_getgroups);

/* Read size gids from list into a new group_info, as kernel gids. */
static struct group_info *groups_from_user(int size,
					   const gid_t __user *list)
{
	struct user_namespace *ns = current_user_ns();
	struct group_info *gi = groups_alloc(size);
	int i;

	if (!gi)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < size; i++) {
		gid_t g;

		if (get_user(g, list + i)) {
			put_group_info(gi);
			return ERR_PTR(-EFAULT);
		}
		gi->gid[i] = make_kgid(ns, g);
		if (!gid_valid(gi->gid[i])) {
			put_group_info(gi);
			return ERR_PTR(-EINVAL);
		}
	}
	return gi;
}

/*
 * setgroups: needs CAP_SETGID in the caller's user namespace, and that
 * namespace's setgroups not denied (EPERM); more than NGROUPS_MAX is
 * EINVAL, as is a gid the namespace does not map.
 */
static long sys_setgroups(int size, const gid_t __user *list)
{
	struct group_info *gi;
	struct cred *new;

	if (!may_setgroups())
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	gi = groups_from_user(size, list);
	if (IS_ERR(gi))
		return PTR_ERR(gi);
	new = prepare_creds();
	if (!new) {
		put_group_info(gi);
		return -ENOMEM;
	}
	set_groups(new, gi);
	return commit_creds(new);
}
SYSCALL_ENTRY(setgroups, sys_setgroups);
