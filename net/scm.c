/*
 * Control messages (SCM): SCM_RIGHTS file lists and SCM_CREDENTIALS,
 * parsed from sendmsg's control buffer and written into recvmsg's, as
 * Linux's net/core/scm.c does.
 *
 * Deferred fput: the files a freed sk_buff carries are not released on
 * the spot. Releasing a socket file frees that socket's queued buffers,
 * which may carry more sockets, and so on: done recursively a chain of
 * in-flight sockets would overflow the kernel stack. Instead the file
 * lists go on deferred_list and one drainer at a time (draining) fputs
 * them in a loop; a release that happens inside the loop only adds to
 * the list. Socket syscalls drain before returning (sockfd_put,
 * sock_close), so nothing waits long.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/sock.h>
#include <tine/string.h>
#include <tine/uaccess.h>

static DEFINE_SPINLOCK_RANKED(deferred_lock, LR_SCM_DEFERRED); /* the list */
static struct scm_fp_list *deferred_list;	/* [deferred_lock] */
static int draining;			/* a drainer is running (atomic) */

/* scm_fp_free - see sock.h. Never sleeps. */
void scm_fp_free(struct scm_fp_list *fpl)
{
	if (!fpl)
		return;
	spin_lock(&deferred_lock);
	fpl->next = deferred_list;
	deferred_list = fpl;
	spin_unlock(&deferred_lock);
}

static struct scm_fp_list *pop_deferred(void)
{
	struct scm_fp_list *fpl;

	spin_lock(&deferred_lock);
	fpl = deferred_list;
	if (fpl)
		deferred_list = fpl->next;
	spin_unlock(&deferred_lock);
	return fpl;
}

/*
 * scm_run_deferred_fput - release deferred file lists until none is
 * left, unless a drainer (maybe further up our own stack) is at it; it
 * then picks ours up before it stops. May sleep; no locks held.
 */
void scm_run_deferred_fput(void)
{
	struct scm_fp_list *fpl;

	while (READ_ONCE(deferred_list)) {
		if (__atomic_exchange_n(&draining, 1, __ATOMIC_ACQUIRE))
			return;
		while ((fpl = pop_deferred())) {
			int i;

			for (i = 0; i < fpl->count; i++)
				fput(fpl->fp[i]);
			kfree(fpl);
		}
		__atomic_store_n(&draining, 0, __ATOMIC_RELEASE);
		/* Loop: a list added after our last pop is ours to drain. */
	}
}

/* scm_fp_dup - a copy of fpl with new references (MSG_PEEK), or NULL. */
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl)
{
	struct scm_fp_list *n;
	int i;

	if (!fpl)
		return NULL;
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return NULL;
	n->count = fpl->count;
	n->user = fpl->user;
	n->next = NULL;
	for (i = 0; i < fpl->count; i++)
		n->fp[i] = get_file(fpl->fp[i]);
	return n;
}

/* scm_destroy - see sock.h. */
void scm_destroy(struct scm_cookie *scm)
{
	if (scm->creds.pid)
		put_pid(scm->creds.pid);
	scm->creds.pid = NULL;
	scm_fp_free(scm->fp);
	scm->fp = NULL;
}

/* SCM_RIGHTS: take references to the fds named (up to SCM_MAX_FD). */
static int scm_fp_copy(struct cmsghdr *c, struct scm_fp_list **fplp)
{
	int *fdp = (int *)((char *)c + CMSG_DATA_OFF);
	int i, num = (c->cmsg_len - CMSG_DATA_OFF) / sizeof(int);
	struct scm_fp_list *fpl = *fplp;

	if (num <= 0)
		return 0;
	if (num > SCM_MAX_FD)
		return -EINVAL;
	if (!fpl) {
		fpl = kmalloc(sizeof(*fpl), GFP_KERNEL);
		if (!fpl)
			return -ENOMEM;
		fpl->count = 0;
		fpl->next = NULL;
		fpl->user = current_uid();
		*fplp = fpl;
	}
	if (fpl->count + num > SCM_MAX_FD)
		return -EINVAL;
	for (i = 0; i < num; i++) {
		struct file *f = fdp[i] < 0 ? NULL : fget_raw(fdp[i]);

		if (!f)
			return -EBADF;
		fpl->fp[fpl->count++] = f;
	}
	return num;
}

/*
 * May the caller claim these credentials (Linux's scm_check_creds)? Its
 * own pid unless CAP_SYS_ADMIN over its pid namespace; one of its real,
 * effective or saved uids unless CAP_SETUID, gids unless CAP_SETGID.
 * Ids that do not map in its user namespace are EINVAL.
 */
static int scm_check_creds(const struct ucred *u, kuid_t *kuid, kgid_t *kgid)
{
	const struct cred *c = current_cred();

	*kuid = make_kuid(c->user_ns, u->uid);
	*kgid = make_kgid(c->user_ns, u->gid);
	if (!uid_valid(*kuid) || !gid_valid(*kgid))
		return -EINVAL;
	if (((pid_t)u->pid == task_tgid_vnr(current) ||
	     ns_capable(task_active_pid_ns(current)->user_ns, CAP_SYS_ADMIN)) &&
	    (uid_eq(*kuid, c->uid) || uid_eq(*kuid, c->euid) ||
	     uid_eq(*kuid, c->suid) || ns_capable(c->user_ns, CAP_SETUID)) &&
	    (gid_eq(*kgid, c->gid) || gid_eq(*kgid, c->egid) ||
	     gid_eq(*kgid, c->sgid) || ns_capable(c->user_ns, CAP_SETGID)))
		return 0;
	return -EPERM;
}

/* SCM_CREDENTIALS: check and record the claimed credentials. */
static int scm_creds_copy(struct cmsghdr *c, struct scm_cookie *scm)
{
	struct ucred u;
	struct pid *pid;
	kuid_t kuid;
	kgid_t kgid;
	int err;

	if (c->cmsg_len != CMSG_LEN(sizeof(struct ucred)))
		return -EINVAL;
	memcpy(&u, (char *)c + CMSG_DATA_OFF, sizeof(u));
	err = scm_check_creds(&u, &kuid, &kgid);
	if (err)
		return err;
	if (!scm->creds.pid || pid_vnr(scm->creds.pid) != (pid_t)u.pid) {
		pid = find_get_pid(u.pid);
		if (!pid)
			return -ESRCH;
		if (scm->creds.pid)
			put_pid(scm->creds.pid);
		scm->creds.pid = pid;
	}
	scm->creds.uid = kuid;
	scm->creds.gid = kgid;
	return 0;
}

/* The next control message after c, or NULL (Linux's CMSG_NXTHDR). */
static struct cmsghdr *cmsg_next(struct msghdr *m, struct cmsghdr *c)
{
	char *next = (char *)c + CMSG_ALIGN(c->cmsg_len);
	char *base = m->msg_control;

	if ((size_t)(next + sizeof(struct cmsghdr) - base) > m->msg_controllen)
		return NULL;
	return (struct cmsghdr *)next;
}

/* One control message into scm: 0 or -err. */
static int scm_one(struct cmsghdr *c, struct scm_cookie *scm)
{
	int err;

	if (c->cmsg_level != SOL_SOCKET)
		return 0;
	switch (c->cmsg_type) {
	case SCM_RIGHTS:
		err = scm_fp_copy(c, &scm->fp);
		return err < 0 ? err : 0;
	case SCM_CREDENTIALS:
		return scm_creds_copy(c, scm);
	}
	return -EINVAL;
}

/*
 * scm_send - see sock.h. m->msg_control is a kernel copy. On error
 * everything taken so far is released.
 */
int scm_send(struct socket *sock, struct msghdr *m, struct scm_cookie *scm)
{
	struct cmsghdr *c;
	char *base = m->msg_control;

	memset(scm, 0, sizeof(*scm));
	scm->creds.uid = INVALID_UID;
	scm->creds.gid = INVALID_GID;
	if (!m->msg_controllen)
		return 0;
	c = m->msg_controllen >= sizeof(*c) ? (struct cmsghdr *)base : NULL;
	for (; c; c = cmsg_next(m, c)) {
		int err = -EINVAL;

		if (c->cmsg_len >= sizeof(*c) &&
		    c->cmsg_len <= m->msg_controllen - ((char *)c - base))
			err = scm_one(c, scm);
		if (err) {
			scm_destroy(scm);
			return err;
		}
	}
	if (scm->fp && !scm->fp->count) {
		kfree(scm->fp);
		scm->fp = NULL;
	}
	return 0;
}

/* put_cmsg - see sock.h. 0 or -EFAULT. */
int put_cmsg(struct msghdr *m, int level, int type, int len,
	     const void *data)
{
	struct cmsghdr __user *cm = m->msg_control_user;
	struct cmsghdr h;
	size_t cmlen = CMSG_LEN(len);

	if (!cm || m->msg_controllen < sizeof(h)) {
		m->msg_flags |= MSG_CTRUNC;
		return 0;
	}
	if (m->msg_controllen < cmlen) {
		m->msg_flags |= MSG_CTRUNC;
		cmlen = m->msg_controllen;
	}
	h.cmsg_level = level;
	h.cmsg_type = type;
	h.cmsg_len = cmlen;
	if (copy_to_user(cm, &h, sizeof(h)) ||
	    copy_to_user((char __user *)cm + CMSG_DATA_OFF, data,
			 cmlen - CMSG_DATA_OFF))
		return -EFAULT;
	cmlen = MIN(CMSG_SPACE(len), m->msg_controllen);
	m->msg_control_user = (char __user *)m->msg_control_user + cmlen;
	m->msg_controllen -= cmlen;
	return 0;
}

/* Install one received file at the next slot of the fd array. */
static int receive_fd_user(struct file *f, int __user *ufd,
			   unsigned int o_flags)
{
	int fd = get_unused_fd_flags(o_flags);

	if (fd < 0)
		return fd;
	if (put_user(fd, ufd)) {
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, get_file(f));
	return fd;
}

/*
 * Give the receiver the files of scm as new fds in an SCM_RIGHTS
 * message, as many as fit (and as fds allow); MSG_CTRUNC for the rest.
 */
static void scm_detach_fds(struct msghdr *m, struct scm_cookie *scm)
{
	struct cmsghdr __user *cm = m->msg_control_user;
	unsigned int o_flags = (m->msg_flags & MSG_CMSG_CLOEXEC) ? O_CLOEXEC
								   : 0;
	int __user *data = (int __user *)((char __user *)cm + CMSG_DATA_OFF);
	int fdmax = 0, i;

	if (m->msg_controllen > sizeof(struct cmsghdr))
		fdmax = (m->msg_controllen - sizeof(struct cmsghdr)) /
			sizeof(int);
	fdmax = MIN(fdmax, (int)scm->fp->count);
	for (i = 0; i < fdmax; i++)
		if (receive_fd_user(scm->fp->fp[i], data + i, o_flags) < 0)
			break;
	if (i > 0) {
		struct cmsghdr h = { CMSG_LEN(i * sizeof(int)), SOL_SOCKET,
				     SCM_RIGHTS };

		if (!copy_to_user(cm, &h, sizeof(h))) {
			size_t cmlen = MIN(CMSG_SPACE(i * sizeof(int)),
					   m->msg_controllen);

			m->msg_control_user = (char __user *)cm + cmlen;
			m->msg_controllen -= cmlen;
		}
	}
	if (i < scm->fp->count || (scm->fp->count && fdmax <= 0))
		m->msg_flags |= MSG_CTRUNC;
}

/* scm_recv - see sock.h. */
void scm_recv(struct socket *sock, struct msghdr *m, struct scm_cookie *scm,
	      int flags, bool passcred)
{
	if (!m->msg_control_user) {
		if (passcred || scm->fp)
			m->msg_flags |= MSG_CTRUNC;
		scm_destroy(scm);
		return;
	}
	if (passcred) {
		/* An invalid or unmapped id shows as the overflow id. */
		struct ucred u = {
			.pid = pid_vnr(scm->creds.pid),
			.uid = from_kuid_munged(current_user_ns(),
						scm->creds.uid),
			.gid = from_kgid_munged(current_user_ns(),
						scm->creds.gid),
		};

		put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, sizeof(u), &u);
	}
	if (scm->fp)
		scm_detach_fds(m, scm);
	scm_destroy(scm);
}
