/*
 * The capability rules (Linux's security/commoncap.c, without file
 * capabilities): who holds a capability in which user namespace, how
 * the sets follow a change of uid, what exec grants, and the limits on
 * capset(2) and the capability prctls.
 *
 * File capabilities (security.capability xattrs) are not supported:
 * a program file never grants capabilities by itself; only set-user-ID
 * root and running as root do, as in Linux without file caps.
 */
#include <tine/binfmts.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/mount.h>
#include <tine/mm_types.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/personality.h>
#include <uapi/stat.h>

/* The capabilities an fsuid of 0 brings (Linux 6.1's CAP_FS_SET). */
#define CAP_FS_SET                                                        \
	(CAP_TO_MASK(CAP_CHOWN) | CAP_TO_MASK(CAP_MKNOD) |                 \
	 CAP_TO_MASK(CAP_LINUX_IMMUTABLE) |                                \
	 CAP_TO_MASK(CAP_DAC_OVERRIDE) | CAP_TO_MASK(CAP_DAC_READ_SEARCH) | \
	 CAP_TO_MASK(CAP_FOWNER) | CAP_TO_MASK(CAP_FSETID) |               \
	 CAP_TO_MASK(CAP_MAC_OVERRIDE))

/* cred_has_capability - see tine/cred.h. */
bool cred_has_capability(const struct cred *cred, struct user_namespace *ns,
			 int cap)
{
	for (;;) {
		if (ns == cred->user_ns)
			return cap_raised(cred->cap_effective, cap);
		/* A namespace no deeper than ours is not below it. */
		if (ns->level <= cred->user_ns->level)
			return false;
		/* The owner of a child namespace has every capability in it. */
		if (ns->parent == cred->user_ns && uid_eq(ns->owner, cred->euid))
			return true;
		ns = ns->parent;
	}
}

/* ns_capable - see tine/capability.h. */
bool ns_capable(struct user_namespace *ns, int cap)
{
	BUG_ON(!cap_valid(cap));
	return cred_has_capability(current_cred(), ns, cap);
}

/* capable - see tine/capability.h. */
bool capable(int cap)
{
	return ns_capable(&init_user_ns, cap);
}

/* has_ns_capability - see tine/capability.h. */
bool has_ns_capability(struct task_struct *t, struct user_namespace *ns,
		       int cap)
{
	const struct cred *c = get_task_cred(t);
	bool ret = cred_has_capability(c, ns, cap);

	put_cred(c);
	return ret;
}

/* has_ns_capability_over - see tine/capability.h. */
bool has_ns_capability_over(struct task_struct *t, int cap)
{
	const struct cred *tcred = get_task_cred(t);
	bool ret = ns_capable(tcred->user_ns, cap);

	put_cred(tcred);
	return ret;
}

/* has_capability - see tine/capability.h. */
bool has_capability(struct task_struct *t, int cap)
{
	return has_ns_capability(t, &init_user_ns, cap);
}

/* privileged_wrt_inode_uidgid - see tine/capability.h. */
bool privileged_wrt_inode_uidgid(struct user_namespace *ns,
				 const struct inode *inode)
{
	return kuid_has_mapping(ns, inode->i_uid) &&
	       kgid_has_mapping(ns, inode->i_gid);
}

/* capable_wrt_inode_uidgid - see tine/capability.h. */
bool capable_wrt_inode_uidgid(const struct inode *inode, int cap)
{
	struct user_namespace *ns = current_user_ns();

	return ns_capable(ns, cap) && privileged_wrt_inode_uidgid(ns, inode);
}

static bool issecure(const struct cred *c, int bit)
{
	return c->securebits & issecure_mask(bit);
}

static bool is_root_uid(const struct cred *c, kuid_t root)
{
	return uid_eq(c->uid, root) || uid_eq(c->euid, root) ||
	       uid_eq(c->suid, root);
}

/*
 * A set*uid call moved the ids: leaving uid 0 altogether drops the
 * permitted and effective sets (unless SECURE_KEEP_CAPS) and always the
 * ambient set; the effective set follows euid 0 out and back in.
 */
static void cap_emulate_setxuid(struct cred *new, const struct cred *old)
{
	kuid_t root = make_kuid(old->user_ns, 0);

	if (is_root_uid(old, root) && !is_root_uid(new, root)) {
		if (!issecure(old, SECURE_KEEP_CAPS)) {
			new->cap_permitted = CAP_EMPTY_SET;
			new->cap_effective = CAP_EMPTY_SET;
		}
		new->cap_ambient = CAP_EMPTY_SET;
	}
	if (uid_eq(old->euid, root) && !uid_eq(new->euid, root))
		new->cap_effective = CAP_EMPTY_SET;
	if (!uid_eq(old->euid, root) && uid_eq(new->euid, root))
		new->cap_effective = new->cap_permitted;
}

/* cap_task_fix_setuid - see tine/cred.h. */
int cap_task_fix_setuid(struct cred *new, const struct cred *old, int flags)
{
	kuid_t root = make_kuid(old->user_ns, 0);

	if (issecure(old, SECURE_NO_SETUID_FIXUP))
		return 0;
	switch (flags) {
	case LSM_SETID_RE:
	case LSM_SETID_ID:
	case LSM_SETID_RES:
		cap_emulate_setxuid(new, old);
		return 0;
	case LSM_SETID_FS:
		if (uid_eq(old->fsuid, root) && !uid_eq(new->fsuid, root))
			new->cap_effective &= ~CAP_FS_SET;
		if (!uid_eq(old->fsuid, root) && uid_eq(new->fsuid, root))
			new->cap_effective |= new->cap_permitted & CAP_FS_SET;
		return 0;
	}
	return -EINVAL;
}

/*
 * cap_capset - check and apply capset(2)'s new sets to new: the
 * inheritable set may only grow within permitted (without CAP_SETPCAP)
 * and the bounding set; permitted may only shrink; effective must stay
 * within permitted. Ambient keeps only what is both permitted and
 * inheritable. 0 or -EPERM.
 */
int cap_capset(struct cred *new, const struct cred *old, kernel_cap_t eff,
	       kernel_cap_t inh, kernel_cap_t perm)
{
	if (!cred_has_capability(old, old->user_ns, CAP_SETPCAP) &&
	    !cap_issubset(inh, old->cap_inheritable | old->cap_permitted))
		return -EPERM;
	if (!cap_issubset(inh, old->cap_inheritable | old->cap_bset))
		return -EPERM;
	if (!cap_issubset(perm, old->cap_permitted))
		return -EPERM;
	if (!cap_issubset(eff, perm))
		return -EPERM;
	new->cap_effective = eff;
	new->cap_inheritable = inh;
	new->cap_permitted = perm;
	new->cap_ambient &= perm & inh;
	return 0;
}

/* Set-user-ID and set-group-ID bits of the program: honoured unless the
 * mount is nosuid, no_new_privs is set, or the ids are unmapped. */
static void bprm_fill_uid(struct linux_binprm *bprm)
{
	struct inode *inode = bprm->file->f_inode;
	mode_t mode = READ_ONCE(inode->i_mode);
	struct cred *new = bprm->cred;

	if (mnt_nosuid(bprm->file->f_path.mnt))
		return;
	if (current->no_new_privs)
		return;
	if (!(mode & (S_ISUID | S_ISGID)))
		return;
	if (!kuid_has_mapping(new->user_ns, inode->i_uid) ||
	    !kgid_has_mapping(new->user_ns, inode->i_gid))
		return;
	if (mode & S_ISUID) {
		bprm->per_clear |= PER_CLEAR_ON_SETID;
		new->euid = inode->i_uid;
	}
	/* S_ISGID without group execute is mandatory locking, not set-gid. */
	if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) {
		bprm->per_clear |= PER_CLEAR_ON_SETID;
		new->egid = inode->i_gid;
	}
}

/*
 * Root runs with the bounding and inheritable sets permitted (and all
 * of them effective if its effective uid is 0), unless SECURE_NOROOT.
 */
static void handle_privileged_root(struct cred *new, const struct cred *old,
				   kuid_t root, bool *effective)
{
	if (issecure(old, SECURE_NOROOT))
		return;
	if (uid_eq(new->euid, root) || uid_eq(new->uid, root))
		new->cap_permitted = old->cap_bset | old->cap_inheritable;
	if (uid_eq(new->euid, root))
		*effective = true;
}

/* Would the tracer of current (if any) be allowed to trace the new
 * credentials? (Its CAP_SYS_PTRACE at attach time, in ns.) */
static bool ptracer_capable(struct user_namespace *ns)
{
	const struct cred *tc = current->ptracer_cred;

	return !tc || cred_has_capability(tc, ns, CAP_SYS_PTRACE);
}

/* bprm_creds_from_file - see tine/binfmts.h. */
int bprm_creds_from_file(struct linux_binprm *bprm)
{
	const struct cred *old = current_cred();
	struct cred *new = bprm->cred;
	kuid_t root = make_kuid(new->user_ns, 0);
	bool effective = false, is_setid;

	bprm_fill_uid(bprm);
	new->cap_permitted = CAP_EMPTY_SET;	/* no file capabilities */
	handle_privileged_root(new, old, root, &effective);
	/* Gaining capabilities clears dangerous personality flags too. */
	if (!cap_issubset(new->cap_permitted, old->cap_permitted))
		bprm->per_clear |= PER_CLEAR_ON_SETID;
	is_setid = !uid_eq(new->euid, old->uid) || !gid_eq(new->egid, old->gid);
	/* A traced, fs-sharing or no_new_privs exec gets no more than it
	 * had: the set-id bits are ignored if the caller may not setuid. */
	if ((is_setid || !cap_issubset(new->cap_permitted, old->cap_permitted)) &&
	    ((bprm->unsafe & ~LSM_UNSAFE_PTRACE) ||
	     !ptracer_capable(new->user_ns))) {
		if (!ns_capable(new->user_ns, CAP_SETUID) ||
		    (bprm->unsafe & LSM_UNSAFE_NO_NEW_PRIVS)) {
			new->euid = new->uid;
			new->egid = new->gid;
		}
		new->cap_permitted &= old->cap_permitted;
	}
	new->suid = new->fsuid = new->euid;
	new->sgid = new->fsgid = new->egid;
	if (is_setid)
		new->cap_ambient = CAP_EMPTY_SET;
	new->cap_permitted |= new->cap_ambient;
	new->cap_effective = effective ? new->cap_permitted : new->cap_ambient;
	new->securebits &= ~issecure_mask(SECURE_KEEP_CAPS);
	bprm->secureexec = is_setid ||
			   (!uid_eq(new->uid, root) &&
			    (effective ||
			     !cap_issubset(new->cap_permitted, new->cap_ambient)));
	return 0;
}

/* PR_CAPBSET_DROP: needs CAP_SETPCAP in the caller's namespace. */
static int cap_prctl_drop(unsigned long cap)
{
	struct cred *new;

	if (!ns_capable(current_user_ns(), CAP_SETPCAP))
		return -EPERM;
	if (!cap_valid(cap))
		return -EINVAL;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	new->cap_bset = cap_lower(new->cap_bset, cap);
	return commit_creds(new);
}

/*
 * PR_SET_SECUREBITS: a locked bit may not change, a lock may not be
 * released, unknown bits are refused, and CAP_SETPCAP is needed.
 */
static int cap_set_securebits(unsigned long bits)
{
	const struct cred *old = current_cred();
	unsigned int locked = (old->securebits & SECURE_ALL_LOCKS) >> 1;
	struct cred *new;

	if ((locked & (old->securebits ^ bits)) ||
	    (old->securebits & SECURE_ALL_LOCKS & ~bits) ||
	    (bits & ~(unsigned long)(SECURE_ALL_LOCKS | SECURE_ALL_BITS)) ||
	    !ns_capable(old->user_ns, CAP_SETPCAP))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	new->securebits = bits;
	return commit_creds(new);
}

static int cap_set_keepcaps(unsigned long on)
{
	struct cred *new;

	if (on > 1)
		return -EINVAL;
	if (issecure(current_cred(), SECURE_KEEP_CAPS_LOCKED))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (on)
		new->securebits |= SECBIT_KEEP_CAPS;
	else
		new->securebits &= ~SECBIT_KEEP_CAPS;
	return commit_creds(new);
}

/* PR_CAP_AMBIENT: a capability may be raised only if it is permitted
 * and inheritable (and SECURE_NO_CAP_AMBIENT_RAISE is off). */
static int cap_prctl_ambient(unsigned long op, unsigned long cap,
			     unsigned long a4, unsigned long a5)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (op == PR_CAP_AMBIENT_CLEAR_ALL) {
		if (cap | a4 | a5)
			return -EINVAL;
	} else {
		if (!cap_valid(cap) || a4 || a5)
			return -EINVAL;
		if (op == PR_CAP_AMBIENT_IS_SET)
			return cap_raised(old->cap_ambient, cap);
		if (op != PR_CAP_AMBIENT_RAISE && op != PR_CAP_AMBIENT_LOWER)
			return -EINVAL;
		if (op == PR_CAP_AMBIENT_RAISE &&
		    (!cap_raised(old->cap_permitted, cap) ||
		     !cap_raised(old->cap_inheritable, cap) ||
		     issecure(old, SECURE_NO_CAP_AMBIENT_RAISE)))
			return -EPERM;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (op == PR_CAP_AMBIENT_CLEAR_ALL)
		new->cap_ambient = CAP_EMPTY_SET;
	else if (op == PR_CAP_AMBIENT_RAISE)
		new->cap_ambient = cap_raise(new->cap_ambient, cap);
	else
		new->cap_ambient = cap_lower(new->cap_ambient, cap);
	return commit_creds(new);
}

/*
 * cap_task_prctl - the prctl options about capabilities and
 * securebits. Returns the option's result, or -ENOSYS if option is
 * not one of them (the caller goes on). May sleep.
 */
int cap_task_prctl(int option, unsigned long arg2, unsigned long arg3,
		   unsigned long arg4, unsigned long arg5)
{
	const struct cred *old = current_cred();

	switch (option) {
	case PR_CAPBSET_READ:
		if (!cap_valid(arg2))
			return -EINVAL;
		return cap_raised(old->cap_bset, arg2);
	case PR_CAPBSET_DROP:
		return cap_prctl_drop(arg2);
	case PR_GET_SECUREBITS:
		return old->securebits;
	case PR_SET_SECUREBITS:
		return cap_set_securebits(arg2);
	case PR_GET_KEEPCAPS:
		return issecure(old, SECURE_KEEP_CAPS);
	case PR_SET_KEEPCAPS:
		return cap_set_keepcaps(arg2);
	case PR_CAP_AMBIENT:
		return cap_prctl_ambient(arg2, arg3, arg4, arg5);
	}
	return -ENOSYS;
}
