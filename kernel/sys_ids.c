/*
 * The identity system calls: get/set of the real, effective, saved and
 * filesystem user and group ids (Linux keeps them in kernel/sys.c).
 *
 * Ids cross the boundary in the caller's user namespace: make_kuid() on
 * the way in (an id the namespace does not map is EINVAL), and
 * from_kuid_munged() on the way out (an unmapped id reads as 65534).
 * Changing an id to anything but one of the caller's own needs
 * CAP_SETUID (CAP_SETGID) in the caller's user namespace; the
 * capability sets then follow the uid change (cap_task_fix_setuid()).
 * Each call builds new credentials and commits them whole.
 */
#include <tine/cred.h>
#include <tine/signal.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

static uid_t to_user_uid(kuid_t k)
{
	return from_kuid_munged(current_user_ns(), k);
}

static gid_t to_user_gid(kgid_t k)
{
	return from_kgid_munged(current_user_ns(), k);
}

static long sys_getuid(void) { return to_user_uid(current_uid()); }
SYSCALL_ENTRY(getuid, sys_getuid);
static long sys_geteuid(void) { return to_user_uid(current_euid()); }
SYSCALL_ENTRY(geteuid, sys_geteuid);
static long sys_getgid(void) { return to_user_gid(current_gid()); }
SYSCALL_ENTRY(getgid, sys_getgid);
static long sys_getegid(void) { return to_user_gid(current_egid()); }
SYSCALL_ENTRY(getegid, sys_getegid);

static long sys_getresuid(uid_t __user *r, uid_t __user *e, uid_t __user *s)
{
	const struct cred *c = current_cred();

	if (put_user(to_user_uid(c->uid), r) ||
	    put_user(to_user_uid(c->euid), e) ||
	    put_user(to_user_uid(c->suid), s))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(getresuid, sys_getresuid);

static long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s)
{
	const struct cred *c = current_cred();

	if (put_user(to_user_gid(c->gid), r) ||
	    put_user(to_user_gid(c->egid), e) ||
	    put_user(to_user_gid(c->sgid), s))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(getresgid, sys_getresgid);

/* The caller's uid (or -1) as a kernel uid: false if unmapped. */
static bool uid_arg(uid_t uid, kuid_t *k)
{
	*k = make_kuid(current_user_ns(), uid);
	return uid == (uid_t)-1 || uid_valid(*k);
}

static bool gid_arg(gid_t gid, kgid_t *k)
{
	*k = make_kgid(current_user_ns(), gid);
	return gid == (gid_t)-1 || gid_valid(*k);
}

/* Is k one of old's real, effective or saved uids? */
static bool own_uid(const struct cred *old, kuid_t k)
{
	return uid_eq(k, old->uid) || uid_eq(k, old->euid) ||
	       uid_eq(k, old->suid);
}

static bool own_gid(const struct cred *old, kgid_t k)
{
	return gid_eq(k, old->gid) || gid_eq(k, old->egid) ||
	       gid_eq(k, old->sgid);
}

/*
 * A new real uid over its RLIMIT_NPROC (root excepted) does not fail
 * set*uid(), which too many programs do not check: it makes the next
 * execve() fail with EAGAIN if still over then (Linux's
 * flag_nproc_exceeded()).
 */
static void flag_nproc_exceeded(const struct cred *new)
{
	unsigned long limit = READ_ONCE(current->signal->rlim[RLIMIT_NPROC].rlim_cur);
	unsigned long f, n;

	if (uid_eq(new->uid, current_uid()))
		return;
	f = read_lock_irqsave(&tasklist_lock);
	n = __nr_user_processes(new->uid);
	read_unlock_irqrestore(&tasklist_lock, f);
	if (n > limit && !uid_eq(new->uid, GLOBAL_ROOT_UID))
		current->flags |= PF_NPROC_EXCEEDED;
	else
		current->flags &= ~PF_NPROC_EXCEEDED;
}

/* Commit new after the capability fix-up for a uid change of kind. */
static long commit_setuid(struct cred *new, int kind)
{
	int err = cap_task_fix_setuid(new, current_cred(), kind);

	if (err) {
		abort_creds(new);
		return err;
	}
	if (kind != LSM_SETID_FS)
		flag_nproc_exceeded(new);
	return commit_creds(new);
}

/*
 * setresuid: -1 leaves an id alone; without CAP_SETUID each new id must
 * be one of the current real, effective or saved uids.
 */
static long sys_setresuid(uid_t r, uid_t e, uid_t s)
{
	const struct cred *old = current_cred();
	kuid_t kr, ke, ks;
	struct cred *new;

	if (!uid_arg(r, &kr) || !uid_arg(e, &ke) || !uid_arg(s, &ks))
		return -EINVAL;
	if ((r == (uid_t)-1 || uid_eq(kr, old->uid)) &&
	    (e == (uid_t)-1 ||
	     (uid_eq(ke, old->euid) && uid_eq(ke, old->fsuid))) &&
	    (s == (uid_t)-1 || uid_eq(ks, old->suid)))
		return 0;
	if (((r != (uid_t)-1 && !own_uid(old, kr)) ||
	     (e != (uid_t)-1 && !own_uid(old, ke)) ||
	     (s != (uid_t)-1 && !own_uid(old, ks))) &&
	    !ns_capable(old->user_ns, CAP_SETUID))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (r != (uid_t)-1)
		new->uid = kr;
	if (e != (uid_t)-1)
		new->euid = ke;
	if (s != (uid_t)-1)
		new->suid = ks;
	new->fsuid = new->euid;
	return commit_setuid(new, LSM_SETID_RES);
}
SYSCALL_ENTRY(setresuid, sys_setresuid);

/*
 * setreuid: the real uid may become the effective one (or stay); the
 * effective any of the three. The saved uid follows the effective one
 * when the real uid is set or the effective differs from the old real.
 */
static long sys_setreuid(uid_t r, uid_t e)
{
	const struct cred *old = current_cred();
	bool cap = ns_capable(old->user_ns, CAP_SETUID);
	kuid_t kr, ke;
	struct cred *new;

	if (!uid_arg(r, &kr) || !uid_arg(e, &ke))
		return -EINVAL;
	if (r != (uid_t)-1 && !cap && !uid_eq(kr, old->uid) &&
	    !uid_eq(kr, old->euid))
		return -EPERM;
	if (e != (uid_t)-1 && !cap && !own_uid(old, ke))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (r != (uid_t)-1)
		new->uid = kr;
	if (e != (uid_t)-1)
		new->euid = ke;
	if (r != (uid_t)-1 || (e != (uid_t)-1 && !uid_eq(ke, old->uid)))
		new->suid = new->euid;
	new->fsuid = new->euid;
	return commit_setuid(new, LSM_SETID_RE);
}
SYSCALL_ENTRY(setreuid, sys_setreuid);

/*
 * setuid: with CAP_SETUID all of real, effective, saved; otherwise the
 * effective uid only, and only to the real or saved uid.
 */
static long sys_setuid(uid_t uid)
{
	const struct cred *old = current_cred();
	struct cred *new;
	kuid_t k;

	if (!uid_arg(uid, &k) || uid == (uid_t)-1)
		return -EINVAL;
	if (ns_capable(old->user_ns, CAP_SETUID)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->uid = new->suid = k;
	} else if (uid_eq(k, old->uid) || uid_eq(k, old->suid)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
	} else {
		return -EPERM;
	}
	new->euid = new->fsuid = k;
	return commit_setuid(new, LSM_SETID_ID);
}
SYSCALL_ENTRY(setuid, sys_setuid);

/*
 * setfsuid: returns the old fsuid whatever happens (Linux's interface:
 * the caller learns of a refusal by calling again).
 */
static long sys_setfsuid(uid_t uid)
{
	const struct cred *old = current_cred();
	uid_t ret = to_user_uid(old->fsuid);
	kuid_t k = make_kuid(old->user_ns, uid);
	struct cred *new;

	if (!uid_valid(k) || uid_eq(k, old->fsuid))
		return ret;
	if (!own_uid(old, k) && !ns_capable(old->user_ns, CAP_SETUID))
		return ret;
	new = prepare_creds();
	if (!new)
		return ret;
	new->fsuid = k;
	commit_setuid(new, LSM_SETID_FS);
	return ret;
}
SYSCALL_ENTRY(setfsuid, sys_setfsuid);

/* setresgid: as setresuid, with CAP_SETGID; no capability change. */
static long sys_setresgid(gid_t r, gid_t e, gid_t s)
{
	const struct cred *old = current_cred();
	kgid_t kr, ke, ks;
	struct cred *new;

	if (!gid_arg(r, &kr) || !gid_arg(e, &ke) || !gid_arg(s, &ks))
		return -EINVAL;
	if ((r == (gid_t)-1 || gid_eq(kr, old->gid)) &&
	    (e == (gid_t)-1 ||
	     (gid_eq(ke, old->egid) && gid_eq(ke, old->fsgid))) &&
	    (s == (gid_t)-1 || gid_eq(ks, old->sgid)))
		return 0;
	if (((r != (gid_t)-1 && !own_gid(old, kr)) ||
	     (e != (gid_t)-1 && !own_gid(old, ke)) ||
	     (s != (gid_t)-1 && !own_gid(old, ks))) &&
	    !ns_capable(old->user_ns, CAP_SETGID))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (r != (gid_t)-1)
		new->gid = kr;
	if (e != (gid_t)-1)
		new->egid = ke;
	if (s != (gid_t)-1)
		new->sgid = ks;
	new->fsgid = new->egid;
	return commit_creds(new);
}
SYSCALL_ENTRY(setresgid, sys_setresgid);

/* setregid: as setreuid, with CAP_SETGID. */
static long sys_setregid(gid_t r, gid_t e)
{
	const struct cred *old = current_cred();
	bool cap = ns_capable(old->user_ns, CAP_SETGID);
	kgid_t kr, ke;
	struct cred *new;

	if (!gid_arg(r, &kr) || !gid_arg(e, &ke))
		return -EINVAL;
	if (r != (gid_t)-1 && !cap && !gid_eq(kr, old->gid) &&
	    !gid_eq(kr, old->egid))
		return -EPERM;
	if (e != (gid_t)-1 && !cap && !own_gid(old, ke))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (r != (gid_t)-1)
		new->gid = kr;
	if (e != (gid_t)-1)
		new->egid = ke;
	if (r != (gid_t)-1 || (e != (gid_t)-1 && !gid_eq(ke, old->gid)))
		new->sgid = new->egid;
	new->fsgid = new->egid;
	return commit_creds(new);
}
SYSCALL_ENTRY(setregid, sys_setregid);

/* setgid: as setuid, with CAP_SETGID. */
static long sys_setgid(gid_t gid)
{
	const struct cred *old = current_cred();
	struct cred *new;
	kgid_t k;

	if (!gid_arg(gid, &k) || gid == (gid_t)-1)
		return -EINVAL;
	if (ns_capable(old->user_ns, CAP_SETGID)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->gid = new->sgid = k;
	} else if (gid_eq(k, old->gid) || gid_eq(k, old->sgid)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
	} else {
		return -EPERM;
	}
	new->egid = new->fsgid = k;
	return commit_creds(new);
}
SYSCALL_ENTRY(setgid, sys_setgid);

/* setfsgid: as setfsuid, with CAP_SETGID. */
static long sys_setfsgid(gid_t gid)
{
	const struct cred *old = current_cred();
	gid_t ret = to_user_gid(old->fsgid);
	kgid_t k = make_kgid(old->user_ns, gid);
	struct cred *new;

	if (!gid_valid(k) || gid_eq(k, old->fsgid))
		return ret;
	if (!own_gid(old, k) && !ns_capable(old->user_ns, CAP_SETGID))
		return ret;
	new = prepare_creds();
	if (!new)
		return ret;
	new->fsgid = k;
	commit_creds(new);
	return ret;
}
SYSCALL_ENTRY(setfsgid, sys_setfsgid);
