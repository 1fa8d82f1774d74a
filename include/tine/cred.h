/*
 * Credentials: who a task is (uids, gids, supplementary groups), what it
 * may do (capability sets, securebits) and in which user namespace.
 *
 * A struct cred is immutable once published, and shared by reference
 * (fork shares the parent's). To change its credentials a task makes a
 * private copy with prepare_creds(), edits it, and publishes it with
 * commit_creds() (or drops it with abort_creds()). Only the task itself
 * changes its credentials.
 *
 * A task has two pointers, as Linux:
 *   task->real_cred  the objective credentials: how other tasks see it
 *                    (kill, ptrace, /proc). Swapped under the task's
 *                    cred_lock; another CPU reads it with
 *                    get_task_cred() (or under cred_lock), never bare.
 *   task->cred       the subjective credentials: how it acts. The same
 *                    as real_cred except briefly under override_creds()
 *                    (access(2) checks with the real ids). Read only by
 *                    the task itself: current_cred().
 *
 * Lock order: cred_lock is a leaf (nothing is taken inside it); it may
 * be taken under tasklist_lock and siglock, always with interrupts
 * masked.
 */
#ifndef TINE_CRED_H
#define TINE_CRED_H

#include <tine/atomic.h>
#include <tine/capability.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/uidgid.h>

#define NGROUPS_MAX 65536

/* Supplementary groups: sorted kernel gids, shared by reference. */
struct group_info {
	atomic_t usage;
	int ngroups;
	kgid_t gid[];
};

struct cred {
	atomic_t usage;			/* references (tasks, files, lookups) */
	kuid_t uid;			/* real user id */
	kgid_t gid;			/* real group id */
	kuid_t suid;			/* saved set-user-id */
	kgid_t sgid;			/* saved set-group-id */
	kuid_t euid;			/* effective user id */
	kgid_t egid;			/* effective group id */
	kuid_t fsuid;			/* user id for file access */
	kgid_t fsgid;			/* group id for file access */
	unsigned int securebits;	/* SECBIT_* */
	kernel_cap_t cap_inheritable;	/* may be passed across exec */
	kernel_cap_t cap_permitted;	/* may ever be made effective */
	kernel_cap_t cap_effective;	/* in force now */
	kernel_cap_t cap_bset;		/* bounding set: the most exec gives */
	kernel_cap_t cap_ambient;	/* kept across a non-setuid exec */
	struct user_namespace *user_ns;	/* a reference: where caps apply */
	struct group_info *group_info;	/* a reference */
};

extern struct cred init_cred;
extern int suid_dumpable;		/* /proc/sys/fs/suid_dumpable */
extern struct group_info init_groups;

static inline const struct cred *get_cred(const struct cred *cred)
{
	atomic_inc(&((struct cred *)cred)->usage);
	return cred;
}

/* put_cred - drop a reference; the last frees it. Does not sleep. */
void put_cred(const struct cred *cred);

/* current's subjective credentials; valid while current runs. */
static inline const struct cred *current_cred(void)
{
	return current->cred;
}

/* current's objective credentials. */
static inline const struct cred *current_real_cred(void)
{
	return current->real_cred;
}

#define current_uid() (current_cred()->uid)
#define current_gid() (current_cred()->gid)
#define current_euid() (current_cred()->euid)
#define current_egid() (current_cred()->egid)
#define current_fsuid() (current_cred()->fsuid)
#define current_fsgid() (current_cred()->fsgid)
#define current_user_ns() (current_cred()->user_ns)

/*
 * get_task_cred - t's objective credentials, referenced (put_cred()
 * when done). Safe against t committing new credentials on another CPU:
 * takes t's cred_lock. Does not sleep.
 */
const struct cred *get_task_cred(struct task_struct *t);

/* t's real uid, effective uid: read under t's cred_lock. */
kuid_t task_uid(struct task_struct *t);
kuid_t task_euid(struct task_struct *t);

/*
 * task_from_kuid_munged - uid as t's user namespace sees it (65534 if
 * unmapped there): the si_uid a signal to t carries. Takes t's
 * cred_lock; callable under tasklist_lock and siglock.
 */
uid_t task_from_kuid_munged(struct task_struct *t, kuid_t uid);

/*
 * prepare_creds - a private, writable copy of current's credentials
 * (usage 1), or NULL without memory. May sleep.
 */
struct cred *prepare_creds(void);

/*
 * commit_creds - publish new (from prepare_creds()) as current's
 * credentials, taking over its reference. A change of effective or
 * filesystem ids, or a gain in permitted capabilities, makes the
 * process non-dumpable (suid_dumpable) and clears the parent-death
 * signal, as Linux. Always returns 0. Does not sleep.
 */
int commit_creds(struct cred *new);

/* abort_creds - discard prepared credentials that were not committed. */
void abort_creds(struct cred *new);

/*
 * override_creds - act with new (subjective) credentials until
 * revert_creds(); returns the old ones to pass to it. Others still see
 * current's real_cred.
 */
const struct cred *override_creds(const struct cred *new);
void revert_creds(const struct cred *old);

/*
 * copy_creds - p (a copy of current being made by clone) shares
 * current's credentials, or with CLONE_NEWUSER gets new ones in a new
 * user namespace. 0 or -errno; on error p holds no reference.
 */
int copy_creds(struct task_struct *p, u64 clone_flags);

/* exit_creds - drop a dead task's references (at its last put). */
void exit_creds(struct task_struct *t);

/* Supplementary groups (kernel/groups.c). */
struct group_info *groups_alloc(int n);
void put_group_info(struct group_info *gi);
static inline struct group_info *get_group_info(struct group_info *gi)
{
	atomic_inc(&gi->usage);
	return gi;
}
void set_groups(struct cred *new, struct group_info *gi);
bool groups_search(const struct group_info *gi, kgid_t gid);
/* Is gid current's fsgid (in_group_p) / egid (in_egroup_p) or a
 * supplementary group? */
bool in_group_p(kgid_t gid);
bool in_egroup_p(kgid_t gid);
/* May current call setgroups(2)? (CAP_SETGID in its user namespace,
 * unless the namespace's setgroups file says "deny".) */
bool may_setgroups(void);

/*
 * The set*id rules (security/commoncap.c): after new's uids were set
 * from old, fix the capability sets as Linux does (drop permitted and
 * effective when no uid is 0 any more, unless KEEP_CAPS; effective
 * follows euid 0; fsuid changes move the filesystem caps).
 */
enum setid_kind {
	LSM_SETID_ID = 1,	/* setuid */
	LSM_SETID_RE = 2,	/* setreuid */
	LSM_SETID_RES = 4,	/* setresuid */
	LSM_SETID_FS = 8,	/* setfsuid */
};
int cap_task_fix_setuid(struct cred *new, const struct cred *old,
			int flags);

/* capset(2)'s rules: check and apply the new sets to new. 0/-EPERM. */
int cap_capset(struct cred *new, const struct cred *old, kernel_cap_t eff,
	       kernel_cap_t inh, kernel_cap_t perm);

/* The capability and securebits prctls; -ENOSYS for other options. */
int cap_task_prctl(int option, unsigned long arg2, unsigned long arg3,
		   unsigned long arg4, unsigned long arg5);

/* Does cred hold cap in ns (the check behind ns_capable())? */
bool cred_has_capability(const struct cred *cred, struct user_namespace *ns,
			 int cap);

/*
 * May the task with credentials cred send sig to one with tcred?
 * (Linux's kill_ok_by_cred: a uid match, or CAP_KILL in tcred's user
 * namespace.) The same-thread-group and SIGCONT-in-session exceptions
 * are the caller's (kernel/signal.c check_kill_permission()).
 */
bool kill_ok_by_cred(const struct cred *cred, const struct cred *tcred);

/* Does cred share every uid and gid with tcred (prlimit's rule)? */
bool cred_ids_match(const struct cred *cred, const struct cred *tcred);

#endif
