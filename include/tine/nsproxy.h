/*
 * The namespaces a task lives in. Shared (refcounted) unless a CLONE_NEW*
 * flag, unshare() or setns() gives the task its own. The user namespace
 * is not here: it is in the credentials (cred->user_ns).
 *
 * Legend: [I] fixed once the nsproxy is published (a task that changes
 * namespaces gets a new nsproxy), [A] atomic. task->nsproxy itself is
 * written only by its own task, under tasklist_lock (write); others
 * read it under tasklist_lock (task_nsproxy_get()).
 */
#ifndef TINE_NSPROXY_H
#define TINE_NSPROXY_H

#include <tine/atomic.h>
#include <tine/ns_common.h>
#include <tine/types.h>

struct cgroup_namespace;
struct ipc_namespace;
struct mnt_namespace;
struct net;
struct pid_namespace;
struct time_namespace;
struct user_namespace;

struct uts_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files */
	struct user_namespace *user_ns;	/* [I] owner (a reference): who may
					 * sethostname() (CAP_SYS_ADMIN) */
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

struct nsproxy {
	atomic_t count;			/* [A] tasks using it */
	struct uts_namespace *uts_ns;	/* [I] uname() names */
	struct ipc_namespace *ipc_ns;	/* [I] SysV IPC, POSIX mqueues */
	struct mnt_namespace *mnt_ns;	/* [I] the mounts it sees */
	struct pid_namespace *pid_ns_for_children;	/* [I] where our
					 * children get their pids: our own
					 * namespace, or its child after
					 * unshare() or setns() */
	struct net *net_ns;		/* [I] network devices, abstract
					 * AF_UNIX names */
	struct cgroup_namespace *cgroup_ns;	/* [I] the cgroup root */
	struct time_namespace *time_ns;	/* [I] MONOTONIC/BOOTTIME offsets */
	struct time_namespace *time_ns_for_children;	/* [I] our children's
					 * (differs after unshare()) */
};

extern struct nsproxy init_nsproxy;
extern struct uts_namespace init_uts_ns;

struct task_struct;
/* kernel/nsproxy.c (and sys_unshare, sys_setns there) */
int copy_namespaces(unsigned long flags, struct task_struct *p);
void exit_task_namespaces(struct task_struct *p);
void put_nsproxy(struct nsproxy *ns);
static inline struct nsproxy *get_nsproxy(struct nsproxy *ns)
{
	atomic_inc(&ns->count);
	return ns;
}
/*
 * task_nsproxy_get - t's nsproxy, referenced, or NULL if t has exited.
 * Takes tasklist_lock (read).
 */
struct nsproxy *task_nsproxy_get(struct task_struct *t);

/* kernel/utsname.c */
struct uts_namespace *copy_utsname(unsigned long flags,
				   struct user_namespace *user_ns,
				   struct uts_namespace *old);
void put_uts_ns(struct uts_namespace *ns);

#endif
