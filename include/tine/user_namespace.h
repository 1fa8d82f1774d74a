/*
 * User namespaces: a user namespace maps the ids its processes use onto
 * ids of its parent (uid_map, gid_map), and owns every other kind of
 * namespace created while it was the creator's. Capabilities are held
 * in a user namespace (ns_capable()), so root in a child namespace has
 * power over what that namespace owns and nothing else.
 *
 * The pattern for the other namespaces: each keeps a counted reference
 * to the user namespace that owns it (`struct user_namespace *user_ns`,
 * taken from the creator's credentials when it is made) and checks
 * ns_capable(ns->user_ns, CAP_SYS_ADMIN) (or the capability Linux uses)
 * before anyone may change it or join it.
 *
 * Locking legend:
 *   [I] immutable once the namespace is published
 *   [M] userns_state_mutex (the one writer of a map, and the setgroups
 *       flag); a map is published once with a release store of
 *       nr_extents and then never changes, so readers take no lock
 *   [U] ucounts_lock (kernel/ucount.c)
 *   [A] atomic
 */
#ifndef TINE_USER_NAMESPACE_H
#define TINE_USER_NAMESPACE_H

#include <tine/atomic.h>
#include <tine/list.h>
#include <tine/mutex.h>
#include <tine/ns_common.h>
#include <tine/uidgid.h>

#define UID_GID_MAP_MAX_EXTENTS 340	/* lines a map may have (Linux) */
#define MAX_USER_NS_LEVEL 32		/* nesting limit (Linux: 32) */

/* count ids from first (in the namespace) map to lower_first (kernel). */
struct uid_gid_extent {
	u32 first;			/* first id inside the namespace */
	u32 lower_first;		/* its kernel (initial ns) id */
	u32 count;			/* ids in the range */
};

struct uid_gid_map {
	u32 nr_extents;			/* [M] 0 until written; then fixed */
	struct uid_gid_extent *extent;	/* [M] nr_extents of them */
};

/* ns->flags */
#define USERNS_SETGROUPS_ALLOWED 1UL	/* "allow" in /proc/<pid>/setgroups */
#define USERNS_INIT_FLAGS USERNS_SETGROUPS_ALLOWED

/* Per-namespace limits (ucount_max[]); /proc/sys/user/max_*. */
enum ucount_type {
	UCOUNT_USER_NAMESPACES,
	UCOUNT_COUNTS,
};

struct user_namespace {
	struct ns_common ns;		/* [A] count: creds, owned ns, files */
	struct uid_gid_map uid_map;	/* [M] written once via uid_map */
	struct uid_gid_map gid_map;	/* [M] written once via gid_map */
	struct user_namespace *parent;	/* [I] a reference; NULL for init */
	int level;			/* [I] 0 for init_user_ns */
	kuid_t owner;			/* [I] creator's euid */
	kgid_t group;			/* [I] creator's egid */
	unsigned long flags;		/* [M] USERNS_SETGROUPS_ALLOWED */
	bool parent_could_setfcap;	/* [I] creator had CAP_SETFCAP */
	struct ucounts *ucounts;	/* [I] the creator's count in parent */
	int ucount_max[UCOUNT_COUNTS];	/* [A] limits (READ/WRITE_ONCE) */
	struct list_head ucounts_list;	/* [U] ucounts of users in this ns */
};

extern struct user_namespace init_user_ns;
extern struct mutex userns_state_mutex;

static inline struct user_namespace *get_user_ns(struct user_namespace *ns)
{
	if (ns)
		atomic_inc(&ns->ns.count);
	return ns;
}

/* Drop a reference; the last one frees ns (and drops its parent). */
void put_user_ns(struct user_namespace *ns);

/* Is ancestor ns itself or one of the namespaces above ns? */
bool in_userns(const struct user_namespace *ancestor,
	       const struct user_namespace *ns);

/* current_in_userns - is current's user namespace ns or below it? */
bool current_in_userns(const struct user_namespace *ns);

struct cred;
/*
 * create_user_ns - a new child of new->user_ns owned by new's euid and
 * egid; new (prepared, unpublished creds) moves into it with a full
 * capability set, as Linux gives the creator. Returns 0, -EPERM (a
 * chroot'ed caller, or the caller's ids are unmapped), -EUSERS (nesting
 * deeper than 32), -ENOSPC (max_user_namespaces) or -ENOMEM. May sleep.
 */
int create_user_ns(struct cred *new);

/*
 * unshare_userns - for unshare(CLONE_NEWUSER): *new_cred becomes new
 * credentials in a new user namespace (NULL without the flag).
 */
int unshare_userns(unsigned long flags, struct cred **new_cred);

/* kernel/ucount.c: count a new object of type made by uid in ns and
 * every ancestor, within each level's limit; NULL if over a limit. */
struct ucounts *inc_ucount(struct user_namespace *ns, kuid_t uid,
			   enum ucount_type type);
void dec_ucount(struct ucounts *ucounts, enum ucount_type type);

/* /proc/<pid>/uid_map, gid_map, setgroups (kernel/user_namespace.c):
 * writes check the opener's credentials (f->f_cred), as Linux. */
struct file;
struct seq_buf;
struct task_struct;
int proc_uid_map_show(struct seq_buf *m, struct task_struct *t);
int proc_gid_map_show(struct seq_buf *m, struct task_struct *t);
int proc_setgroups_show(struct seq_buf *m, struct task_struct *t);
int proc_setgroups_open(struct file *f, struct task_struct *t);
ssize_t proc_uid_map_write(struct file *f, struct task_struct *t,
			   const char *buf, size_t n, off_t pos);
ssize_t proc_gid_map_write(struct file *f, struct task_struct *t,
			   const char *buf, size_t n, off_t pos);
ssize_t proc_setgroups_write(struct file *f, struct task_struct *t,
			     const char *buf, size_t n, off_t pos);
/* The boot-time default of user.max_user_namespaces (a sysctl). */
void user_namespaces_init(void);

/* May current call setgroups() in ns (not "deny", gid_map written)? */
bool userns_may_setgroups(const struct user_namespace *ns);

#endif
