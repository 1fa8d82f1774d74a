/*
 * Capabilities: the pieces of root's power, each checked by name where
 * Linux checks it. A capability is held in a user namespace: the test is
 * always "does the caller hold CAP_X in the namespace that owns the
 * object" (ns_capable()); capable() asks about the initial namespace.
 * The sets live in struct cred (tine/cred.h); the rules that change
 * them (setuid, exec, capset, prctl) are in security/commoncap.c.
 */
#ifndef TINE_CAPABILITY_H
#define TINE_CAPABILITY_H

#include <tine/types.h>
#include <uapi/capability.h>

/* A capability set: bit n is CAP_n (41 of them in Linux 6.1). */
typedef u64 kernel_cap_t;

#define CAP_EMPTY_SET ((kernel_cap_t)0)
#define CAP_FULL_SET ((kernel_cap_t)((1ULL << (CAP_LAST_CAP + 1)) - 1))
#define CAP_TO_MASK(cap) (1ULL << (cap))

/* Is cap a capability number this kernel knows? */
static inline bool cap_valid(long cap)
{
	return cap >= 0 && cap <= CAP_LAST_CAP;
}

static inline bool cap_raised(kernel_cap_t c, int cap)
{
	return (c >> cap) & 1;
}

static inline kernel_cap_t cap_raise(kernel_cap_t c, int cap)
{
	return c | CAP_TO_MASK(cap);
}

static inline kernel_cap_t cap_lower(kernel_cap_t c, int cap)
{
	return c & ~CAP_TO_MASK(cap);
}

/* Is every capability of a also in set? */
static inline bool cap_issubset(kernel_cap_t a, kernel_cap_t set)
{
	return !(a & ~set);
}

static inline bool cap_isclear(kernel_cap_t c)
{
	return c == 0;
}

struct task_struct;
struct user_namespace;
struct inode;

/*
 * ns_capable - does current hold cap in ns? True if current's
 * (subjective) credentials have cap effective in ns itself, or in an
 * ancestor of ns, or if current's effective uid owns ns or an
 * ancestor below current's own namespace (the owner of a user
 * namespace has every capability in it). No locks; does not sleep.
 */
bool ns_capable(struct user_namespace *ns, int cap);

/* capable - ns_capable() in the initial user namespace. */
bool capable(int cap);

/*
 * has_ns_capability - as ns_capable() for another task t, judged by its
 * objective credentials (t->real_cred). Takes t's cred_lock.
 */
bool has_ns_capability(struct task_struct *t, struct user_namespace *ns,
		       int cap);

/*
 * has_ns_capability_over - does current hold cap in t's user namespace
 * (the usual test before acting on another task)? Takes t's cred_lock.
 */
bool has_ns_capability_over(struct task_struct *t, int cap);

/* has_capability - has_ns_capability() in the initial namespace. */
bool has_capability(struct task_struct *t, int cap);

/*
 * capable_wrt_inode_uidgid - does current hold cap in its own user
 * namespace, and does that namespace map inode's owner and group?
 * (CAP_FOWNER, CAP_DAC_OVERRIDE, CAP_CHOWN on a file.)
 */
bool capable_wrt_inode_uidgid(const struct inode *inode, int cap);

/* Does ns map both the owner and the group of inode? */
bool privileged_wrt_inode_uidgid(struct user_namespace *ns,
				 const struct inode *inode);

#endif
