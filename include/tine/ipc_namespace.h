/*
 * IPC namespaces: what SysV IPC (message queues, semaphores, shared
 * memory) and POSIX message queues a task sees. CLONE_NEWIPC gives a
 * task a new, empty one; setns() joins another.
 *
 * This is the namespace object only (ipc/namespace.c): the IPC objects
 * of a namespace hang off it (ipc/ adds their tables here).
 * Legend: [I] fixed once made, [A] atomic.
 */
#ifndef TINE_IPC_NAMESPACE_H
#define TINE_IPC_NAMESPACE_H

#include <tine/ns_common.h>

struct user_namespace;

struct ipc_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
};

extern struct ipc_namespace init_ipc_ns;

/*
 * copy_ipcs - ns shared (a reference), or with CLONE_NEWIPC a new empty
 * namespace owned by user_ns. ERR_PTR(-ENOMEM) on failure. May sleep.
 */
struct ipc_namespace *copy_ipcs(unsigned long flags,
				struct user_namespace *user_ns,
				struct ipc_namespace *ns);
struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns);
/* Drop a reference; the last one frees ns (and what is in it). */
void put_ipc_ns(struct ipc_namespace *ns);

#endif
