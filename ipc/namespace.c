/*
 * IPC namespaces (include/tine/ipc_namespace.h): making, sharing and
 * joining them. A new namespace starts with empty SysV tables, Linux's
 * default limits and no POSIX queues; the last reference (nsproxies,
 * ns files, shm attaches) removes what is left in it. The initial
 * namespace is never freed.
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/ipc.h>
#include <tine/ipc_namespace.h>
#include <tine/lockdep.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include "util.h"

static const struct lock_class ipc_ids_class = {
	.name = "ipc_ids.mutex", .rank = LR_IPC_IDS };

#define IPC_IDS_INIT(n)                                                  \
	{ .mutex = { 0, SPINLOCK_INIT, LIST_HEAD_INIT((n).mutex.waiters), \
		     false, &ipc_ids_class },                             \
	  .last_idx = -1 }

/* Linux's defaults, for init_ipc_ns and every new namespace. */
#define IPC_NS_LIMITS                                                     \
	.sem_ctls = { SEMMSL, SEMMNS, SEMOPM, SEMMNI },                   \
	.msg_ctlmax = MSGMAX, .msg_ctlmnb = MSGMNB, .msg_ctlmni = MSGMNI, \
	.shm_ctlmax = SHMMAX, .shm_ctlall = SHMALL, .shm_ctlmni = SHMMNI, \
	.mq_queues_max = 256, .mq_msg_max = 10, .mq_msgsize_max = 8192,  \
	.mq_msg_default = 10, .mq_msgsize_default = 8192

struct ipc_namespace init_ipc_ns = {
	.ns = { .ops = &ipcns_operations, .inum = PROC_IPC_INIT_INO,
		.count = ATOMIC_INIT(1) },
	.user_ns = &init_user_ns,
	.ids = { IPC_IDS_INIT(init_ipc_ns.ids[0]),
		 IPC_IDS_INIT(init_ipc_ns.ids[1]),
		 IPC_IDS_INIT(init_ipc_ns.ids[2]) },
	IPC_NS_LIMITS,
};

static const struct ipc_namespace ipc_ns_defaults = { IPC_NS_LIMITS };

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
	*new = ipc_ns_defaults;
	new->ns.ops = &ipcns_operations;
	new->ns.inum = ns_alloc_inum();
	atomic_set(&new->ns.count, 1);
	for (int i = 0; i < 3; i++)
		ipc_init_ids(&new->ids[i]);
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
	shm_exit_ns(ns);
	sem_exit_ns(ns);
	msg_exit_ns(ns);
	mq_exit_ns(ns);
	for (int i = 0; i < 3; i++)
		kfree(ns->ids[i].entries);
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
	/* Linux drops the SEM_UNDO state of the old namespace here. */
	exit_sem(current);
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
