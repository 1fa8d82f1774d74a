/*
 * IPC namespaces (include/tine/ipc_namespace.h): making, sharing and
 * joining them. The initial namespace is never freed.
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/ipc_namespace.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

struct ipc_namespace init_ipc_ns = {
	.ns = { .ops = &ipcns_operations, .inum = PROC_IPC_INIT_INO,
		.count = ATOMIC_INIT(1) },
	.user_ns = &init_user_ns,
};

/* copy_ipcs - see tine/ipc_namespace.h. */
struct ipc_namespace *copy_ipcs(unsigned long flags,
				struct user_namespace *user_ns,
				struct ipc_namespace *ns)
{
	struct ipc_namespace *new;

	if (!(flags & CLONE_NEWIPC))
		return get_ipc_ns(ns);
	new = kzalloc(sizeof(*new));
	if (!new)
		return ERR_PTR(-ENOMEM);
	new->ns.ops = &ipcns_operations;
	new->ns.inum = ns_alloc_inum();
	atomic_set(&new->ns.count, 1);
	new->user_ns = get_user_ns(user_ns);
	return new;
}

/* get_ipc_ns - another reference on ns. */
struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns)
{
	atomic_inc(&ns->ns.count);
	return ns;
}

/* put_ipc_ns - see tine/ipc_namespace.h. */
void put_ipc_ns(struct ipc_namespace *ns)
{
	if (ns == &init_ipc_ns || !atomic_dec_and_test(&ns->ns.count))
		return;
	put_user_ns(ns->user_ns);
	kfree(ns);
}

static struct ipc_namespace *to_ipc_ns(struct ns_common *ns)
{
	return container_of(ns, struct ipc_namespace, ns);
}

static struct ns_common *ipcns_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct ipc_namespace *ns;

	if (!nsp)
		return NULL;
	ns = get_ipc_ns(nsp->ipc_ns);
	put_nsproxy(nsp);
	return &ns->ns;
}

static void ipcns_put(struct ns_common *ns)
{
	put_ipc_ns(to_ipc_ns(ns));
}

/* setns: CAP_SYS_ADMIN over ns and in our own user namespace. */
static int ipcns_install(struct nsset *nsset, struct ns_common *new)
{
	struct ipc_namespace *ns = to_ipc_ns(new);

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	get_ipc_ns(ns);
	put_ipc_ns(nsset->nsproxy->ipc_ns);
	nsset->nsproxy->ipc_ns = ns;
	return 0;
}

static struct user_namespace *ipcns_owner(struct ns_common *ns)
{
	return to_ipc_ns(ns)->user_ns;
}

const struct proc_ns_operations ipcns_operations = {
	.name = "ipc",
	.type = CLONE_NEWIPC,
	.get = ipcns_get,
	.put = ipcns_put,
	.install = ipcns_install,
	.owner = ipcns_owner,
};
