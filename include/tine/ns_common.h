/*
 * What every kind of namespace has in common (Linux's ns_common): an
 * inode number that names it in /proc/<pid>/ns/<type> ("mnt:[4026531841]")
 * and in the nsfs files opened from there, a reference count, and its
 * operations (kernel/nsproxy.c, fs/nsfs.c).
 *
 * The initial namespaces have Linux's fixed numbers (PROC_*_INIT_INO);
 * every other one gets the next number from PROC_DYNAMIC_FIRST up, never
 * reused, so two namespaces are the same exactly when their numbers are.
 */
#ifndef TINE_NS_COMMON_H
#define TINE_NS_COMMON_H

#include <tine/atomic.h>
#include <tine/types.h>

/* Linux's inode numbers for the initial namespaces. */
#define PROC_IPC_INIT_INO 0xEFFFFFFFU
#define PROC_UTS_INIT_INO 0xEFFFFFFEU
#define PROC_USER_INIT_INO 0xEFFFFFFDU
#define PROC_PID_INIT_INO 0xEFFFFFFCU
#define PROC_CGROUP_INIT_INO 0xEFFFFFFBU
#define PROC_TIME_INIT_INO 0xEFFFFFFAU
#define PROC_DYNAMIC_FIRST 0xF0000000U

struct ns_common;
struct nsset;
struct task_struct;
struct user_namespace;

/*
 * One kind of namespace as /proc/<pid>/ns and setns(2) see it.
 * get() returns t's namespace of this kind, referenced (NULL if t has
 * none: it is exiting); put() drops such a reference; install() makes
 * nsset use ns (setns: the permission checks are in it); owner() is the
 * owning user namespace (not referenced); get_parent() the parent
 * namespace referenced, ERR_PTR(-EPERM) if it lies outside the caller's
 * reach, NULL for kinds without parents.
 */
struct proc_ns_operations {
	const char *name;		/* link name: "mnt", "pid_for_children" */
	const char *real_ns_name;	/* "pid" in "pid:[4026531836]" */
	int type;			/* CLONE_NEW* */
	struct ns_common *(*get)(struct task_struct *t);
	void (*put)(struct ns_common *ns);
	int (*install)(struct nsset *nsset, struct ns_common *ns);
	struct user_namespace *(*owner)(struct ns_common *ns);
	struct ns_common *(*get_parent)(struct ns_common *ns);
};

struct ns_common {
	const struct proc_ns_operations *ops;	/* [I] */
	unsigned int inum;		/* [I] nsfs inode number */
	atomic_t count;			/* [A] references */
};

/* ns_alloc_inum - the next dynamic namespace inode number (never 0). */
unsigned int ns_alloc_inum(void);

#endif
