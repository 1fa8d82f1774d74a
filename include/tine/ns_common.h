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

struct cred;
struct dentry;
struct file;
struct fs_struct;
struct ns_common;
struct nsproxy;
struct path;
struct task_struct;
struct user_namespace;

/*
 * What setns(2) builds before it commits (Linux's struct nsset): the
 * caller's future nsproxy (a private copy), its future credentials
 * (a new cred when a user namespace is joined, else the current ones)
 * and fs_struct. flags are the CLONE_NEW* kinds being joined.
 */
struct nsset {
	unsigned int flags;
	struct nsproxy *nsproxy;
	struct fs_struct *fs;
	const struct cred *cred;
};

/* nsset->cred as something install() may change (CLONE_NEWUSER only). */
static inline struct cred *nsset_cred(struct nsset *set)
{
	return (struct cred *)set->cred;
}

/*
 * One kind of namespace as /proc/<pid>/ns and setns(2) see it.
 * get() returns t's namespace of this kind, referenced (NULL if t has
 * none: it is exiting); put() drops such a reference; install() makes
 * nsset use ns (setns: the permission checks are in it); owner() is the
 * owning user namespace (not referenced); get_parent() the parent
 * namespace referenced, ERR_PTR(-EPERM) if it lies outside the caller's
 * reach; NULL get_parent for kinds without parents.
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

/* Every kind, in the order of /proc/<pid>/ns (kernel/nsproxy.c). */
extern const struct proc_ns_operations netns_operations;
extern const struct proc_ns_operations utsns_operations;
extern const struct proc_ns_operations ipcns_operations;
extern const struct proc_ns_operations pidns_operations;
extern const struct proc_ns_operations pidns_for_children_operations;
extern const struct proc_ns_operations userns_operations;
extern const struct proc_ns_operations mntns_operations;
extern const struct proc_ns_operations cgroupns_operations;
extern const struct proc_ns_operations timens_operations;
extern const struct proc_ns_operations timens_for_children_operations;
extern const struct proc_ns_operations *const ns_entries[];

/* ns_alloc_inum - the next dynamic namespace inode number (never 0). */
unsigned int ns_alloc_inum(void);

/* fs/nsfs.c */
/* nsfs_init - the internal nsfs mount (boot). */
void nsfs_init(void);
/*
 * ns_get_path - p becomes the nsfs file of ns (the reference on ns
 * passes to it; dropped on error). 0 or -ENOMEM. May sleep.
 */
int ns_get_path(struct path *p, struct ns_common *ns);
/* The namespace behind an nsfs file, or NULL if f is none. */
struct ns_common *get_proc_ns_file(struct file *f);
/* Is d an nsfs file? */
bool is_nsfs_dentry(struct dentry *d);
/* The namespace of nsfs dentry d (no reference), or NULL. */
struct ns_common *nsfs_dentry_ns(struct dentry *d);

#endif
