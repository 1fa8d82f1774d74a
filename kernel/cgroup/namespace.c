/*
 * Cgroup namespaces (include/tine/cgroup.h): making, sharing and
 * joining them. The initial namespace is never freed.
 */
#include <tine/capability.h>
#include <tine/cgroup.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

struct cgroup_namespace init_cgroup_ns = {
	.ns = { .ops = &cgroupns_operations, .inum = PROC_CGROUP_INIT_INO,
		.count = ATOMIC_INIT(2) },
	.user_ns = &init_user_ns,
	.root_cgrp = &cgrp_dfl_root,
};

/* copy_cgroup_ns - see tine/cgroup.h. */
struct cgroup_namespace *copy_cgroup_ns(unsigned long flags,
					struct user_namespace *user_ns,
					struct cgroup_namespace *old)
{
	struct cgroup_namespace *ns;

	if (!(flags & CLONE_NEWCGROUP))
		return get_cgroup_ns(old);
	ns = kzalloc(sizeof(*ns));
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->ns.ops = &cgroupns_operations;
	ns->ns.inum = ns_alloc_inum();
	atomic_set(&ns->ns.count, 1);
	ns->user_ns = get_user_ns(user_ns);
	ns->root_cgrp = task_get_cgroup(current);	/* the caller's */
	return ns;
}

/* get_cgroup_ns - another reference on ns. */
struct cgroup_namespace *get_cgroup_ns(struct cgroup_namespace *ns)
{
	atomic_inc(&ns->ns.count);
	return ns;
}

/* put_cgroup_ns - drop a reference; the last frees ns. */
void put_cgroup_ns(struct cgroup_namespace *ns)
{
	if (ns == &init_cgroup_ns || !atomic_dec_and_test(&ns->ns.count))
		return;
	put_user_ns(ns->user_ns);
	put_cgroup(ns->root_cgrp);
	kfree(ns);
}

static struct cgroup_namespace *to_cg_ns(struct ns_common *ns)
{
	return container_of(ns, struct cgroup_namespace, ns);
}

static struct ns_common *cgroupns_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct cgroup_namespace *ns;

	if (!nsp)
		return NULL;
	ns = get_cgroup_ns(nsp->cgroup_ns);
	put_nsproxy(nsp);
	return &ns->ns;
}

static void cgroupns_put(struct ns_common *ns)
{
	put_cgroup_ns(to_cg_ns(ns));
}

/* setns: CAP_SYS_ADMIN in our own user namespace and over ns. */
static int cgroupns_install(struct nsset *nsset, struct ns_common *new)
{
	struct cgroup_namespace *ns = to_cg_ns(new);

	if (!ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	get_cgroup_ns(ns);
	put_cgroup_ns(nsset->nsproxy->cgroup_ns);
	nsset->nsproxy->cgroup_ns = ns;
	return 0;
}

static struct user_namespace *cgroupns_owner(struct ns_common *ns)
{
	return to_cg_ns(ns)->user_ns;
}

const struct proc_ns_operations cgroupns_operations = {
	.name = "cgroup",
	.type = CLONE_NEWCGROUP,
	.get = cgroupns_get,
	.put = cgroupns_put,
	.install = cgroupns_install,
	.owner = cgroupns_owner,
};
