/*
 * Control groups: tine has only the cgroup2 root, which holds every
 * task (/proc/<pid>/cgroup reads "0::/"), and cgroup namespaces, whose
 * root is the cgroup their creator was in: the root again, so a
 * namespace changes no path yet. They exist so that CLONE_NEWCGROUP,
 * setns() and /proc/<pid>/ns/cgroup behave as Linux's.
 * Legend: [I] fixed once made, [A] atomic.
 */
#ifndef TINE_CGROUP_H
#define TINE_CGROUP_H

#include <tine/ns_common.h>

struct user_namespace;

struct cgroup_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
};

extern struct cgroup_namespace init_cgroup_ns;

/*
 * copy_cgroup_ns - old shared (a reference), or with CLONE_NEWCGROUP a
 * new namespace rooted at the caller's cgroup, owned by user_ns.
 * ERR_PTR(-ENOMEM) on failure.
 */
struct cgroup_namespace *copy_cgroup_ns(unsigned long flags,
					struct user_namespace *user_ns,
					struct cgroup_namespace *old);
struct cgroup_namespace *get_cgroup_ns(struct cgroup_namespace *ns);
void put_cgroup_ns(struct cgroup_namespace *ns);

#endif
