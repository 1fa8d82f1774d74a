/*
 * The namespaces a task lives in. Shared (refcounted) unless a CLONE_NEW*
 * flag or unshare() gives the task its own.
 */
#ifndef TINE_NSPROXY_H
#define TINE_NSPROXY_H

#include <tine/atomic.h>
#include <tine/types.h>

struct mnt_namespace;
struct pid_namespace;
struct user_namespace;

struct uts_namespace {
	atomic_t count;
	struct user_namespace *user_ns;	/* owner (a reference): who may
					 * sethostname() (CAP_SYS_ADMIN) */
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

struct nsproxy {
	atomic_t count;			/* tasks using it */
	struct uts_namespace *uts_ns;	/* uname() names */
	struct mnt_namespace *mnt_ns;	/* the mounts it sees */
	struct pid_namespace *pid_ns_for_children;	/* where our children
					 * get their pids: our own namespace,
					 * or its child after unshare() */
};

extern struct nsproxy init_nsproxy;
extern struct uts_namespace init_uts_ns;

struct task_struct;
/* kernel/nsproxy.c (and sys_unshare there) */
int copy_namespaces(unsigned long flags, struct task_struct *p);
void exit_task_namespaces(struct task_struct *p);
void put_nsproxy(struct nsproxy *ns);

/* kernel/utsname.c */
struct uts_namespace *copy_utsname(unsigned long flags,
				   struct user_namespace *user_ns,
				   struct uts_namespace *old);
void put_uts_ns(struct uts_namespace *ns);

#endif
