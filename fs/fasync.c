/*
 * Signal-driven I/O (Linux 6.1's fs/fcntl.c): F_SETOWN/F_GETOWN,
 * F_SETOWN_EX/F_GETOWN_EX, F_SETSIG/F_GETSIG, and O_ASYNC.
 *
 * A file's owner (file->f_owner) is a thread, a process or a process
 * group, recorded with the uid and euid of whoever set it. A file with
 * O_ASYNC is on its object's fasync list (the object's ->fasync op,
 * fasync_helper()); when the object becomes ready it calls kill_fasync()
 * with the reason (POLL_IN, POLL_OUT...), and every owner task that
 * sigio_perm() allows gets SIGIO (SI_KERNEL), or the F_SETSIG signal
 * with si_fd, si_band and the reason as si_code (SI_SIGIO for signals
 * whose codes mean something else). The fd is the one O_ASYNC was last
 * set through. Pipes and FIFOs, ttys (input is POLL_IN; O_ASYNC gives a
 * file without an owner the tty's foreground group or the caller) and
 * AF_UNIX sockets (data or a connection arriving: POLL_IN) have fasync
 * lists. FIXME: sockets send no POLL_OUT when room is made.
 * Out-of-band data (AF_UNIX MSG_OOB) sends SIGURG to the socket file's
 * owner, O_ASYNC or not (send_sigurg), as Linux.
 *
 * Locks: fasync_lock (outermost here) guards every fasync list; a
 * file's f_owner.lock its owner; then tasklist_lock and the targets'
 * siglocks to send. kill_fasync() may be called from any context that
 * holds no spinlock ranked after fasync_lock.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include "internal.h"

#define F_OWNER_TID 0
#define F_OWNER_PID 1
#define F_OWNER_PGRP 2

/* One file with O_ASYNC on an object's list. */
struct fasync_struct {
	struct fasync_struct *fa_next;	/* [fasync_lock] */
	struct file *fa_file;		/* not a reference: removed at __fput */
	int fa_fd;			/* [fasync_lock] the fd to report */
};

static DEFINE_SPINLOCK_RANKED(fasync_lock, LR_FASYNC);

/* si_band for each reason, POLL_IN first (Linux's band_table). */
static const long band_table[] = {
	POLLIN | POLLRDNORM,			/* POLL_IN */
	POLLOUT | POLLWRNORM | POLLWRBAND,	/* POLL_OUT */
	POLLIN | POLLRDNORM | POLLMSG,		/* POLL_MSG */
	POLLERR,				/* POLL_ERR */
	POLLPRI | POLLRDBAND,			/* POLL_PRI */
	POLLHUP | POLLERR,			/* POLL_HUP */
};

/* file_owner_init - see fs.h. */
void file_owner_init(struct file *f)
{
	spin_lock_init_ranked(&f->f_owner.lock, "file->f_owner.lock",
			      LR_FOWNER);
}

/* Replace f's owner (pid may be NULL) with current's ids. */
static void f_modown(struct file *f, struct pid *pid, enum fown_type type)
{
	const struct cred *cred = current_cred();
	struct fown_struct *fo = &f->f_owner;
	unsigned long fl = spin_lock_irqsave(&fo->lock);
	struct pid *old = fo->pid;

	fo->pid = pid ? get_pid(pid) : NULL;
	fo->type = type;
	fo->uid = cred->uid;
	fo->euid = cred->euid;
	spin_unlock_irqrestore(&fo->lock, fl);
	if (old)
		put_pid(old);
}

/* fasync_default_owner - see fs.h. */
void fasync_default_owner(struct file *f, struct pid *pid, bool pgrp)
{
	if (!READ_ONCE(f->f_owner.pid))
		f_modown(f, pid, pgrp ? FOWN_PGRP : FOWN_PID);
}

/* file_owner_release - see fs.h. */
void file_owner_release(struct file *f)
{
	if (f->f_owner.pid)
		put_pid(f->f_owner.pid);
}

/* F_SETOWN: a process (arg > 0), a group (arg < 0) or nobody (0). */
static long f_setown(struct file *f, long arg)
{
	enum fown_type type = arg < 0 ? FOWN_PGRP : FOWN_PID;
	pid_t who = arg < 0 ? -arg : arg;
	struct pid *pid = NULL;

	if (arg == -2147483647L - 1)	/* -INT_MIN overflows */
		return -EINVAL;
	if (who && !(pid = find_get_pid(who)))
		return -ESRCH;
	f_modown(f, pid, type);
	if (pid)
		put_pid(pid);
	return 0;
}

/* F_GETOWN: the owner as F_SETOWN takes it (a thread owner shows its
 * id, as Linux). */
static long f_getown(struct file *f)
{
	unsigned long fl = spin_lock_irqsave(&f->f_owner.lock);
	pid_t nr = f->f_owner.pid ? pid_vnr(f->f_owner.pid) : 0;

	if (f->f_owner.type == FOWN_PGRP)
		nr = -nr;
	spin_unlock_irqrestore(&f->f_owner.lock, fl);
	return nr;
}

struct f_owner_ex {
	int type;
	pid_t pid;
};

static long f_setown_ex(struct file *f, const void __user *arg)
{
	static const enum fown_type types[] = { FOWN_TID, FOWN_PID,
						FOWN_PGRP };
	struct f_owner_ex ex;
	struct pid *pid = NULL;

	if (copy_from_user(&ex, arg, sizeof(ex)))
		return -EFAULT;
	if (ex.type < F_OWNER_TID || ex.type > F_OWNER_PGRP)
		return -EINVAL;
	if (ex.pid && !(pid = find_get_pid(ex.pid)))
		return -ESRCH;
	f_modown(f, pid, types[ex.type]);
	if (pid)
		put_pid(pid);
	return 0;
}

static long f_getown_ex(struct file *f, void __user *arg)
{
	struct f_owner_ex ex = { 0 };
	unsigned long fl = spin_lock_irqsave(&f->f_owner.lock);

	ex.type = f->f_owner.type == FOWN_TID ? F_OWNER_TID :
		  f->f_owner.type == FOWN_PGRP ? F_OWNER_PGRP : F_OWNER_PID;
	ex.pid = f->f_owner.pid ? pid_vnr(f->f_owner.pid) : 0;
	spin_unlock_irqrestore(&f->f_owner.lock, fl);
	return copy_to_user(arg, &ex, sizeof(ex)) ? -EFAULT : 0;
}

/* fcntl_owner - see fs.h. */
long fcntl_owner(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_SETOWN:
		return f_setown(f, (int)arg);
	case F_GETOWN:
		return f_getown(f);
	case F_SETOWN_EX:
		return f_setown_ex(f, (const void __user *)arg);
	case F_GETOWN_EX:
		return f_getown_ex(f, (void __user *)arg);
	case F_SETSIG:
		if (arg > _NSIG)
			return -EINVAL;
		WRITE_ONCE(f->f_owner.signum, (int)arg);
		return 0;
	case F_GETSIG:
		return READ_ONCE(f->f_owner.signum);
	}
	return -EINVAL;
}

/* fasync_helper - see fs.h. */
int fasync_helper(int fd, struct file *f, int on, struct fasync_struct **list)
{
	struct fasync_struct *new = on ? kmalloc(sizeof(*new), 0) : NULL;
	struct fasync_struct **fp, *old = NULL;
	unsigned long fl;

	if (on && !new)
		return -ENOMEM;
	fl = spin_lock_irqsave(&fasync_lock);
	for (fp = list; *fp; fp = &(*fp)->fa_next) {
		if ((*fp)->fa_file != f)
			continue;
		if (on) {
			(*fp)->fa_fd = fd;	/* already there: new fd */
		} else {
			old = *fp;
			*fp = old->fa_next;
		}
		break;
	}
	if (on && !*fp) {
		new->fa_file = f;
		new->fa_fd = fd;
		new->fa_next = *list;
		*list = new;
		new = NULL;
	}
	spin_unlock_irqrestore(&fasync_lock, fl);
	kfree(new);
	kfree(old);
	return 0;
}

/* Linux's sigio_perm(): may the setter's ids signal p? */
static bool sigio_perm(struct task_struct *p, struct fown_struct *fo)
{
	const struct cred *cred = get_task_cred(p);
	bool ok = uid_eq(fo->euid, GLOBAL_ROOT_UID) ||
		  uid_eq(fo->euid, cred->suid) || uid_eq(fo->euid, cred->uid) ||
		  uid_eq(fo->uid, cred->suid) || uid_eq(fo->uid, cred->uid);

	put_cred(cred);
	return ok;
}

/* Signals whose si_code values mean something else than POLL_*. */
static bool sig_specific_sicodes(int sig)
{
	return sig == SIGILL || sig == SIGFPE || sig == SIGSEGV ||
	       sig == SIGBUS || sig == SIGTRAP || sig == SIGCHLD ||
	       sig == SIGIO || sig == SIGSYS;
}

/*
 * One target (a thread, or a process with group set): SIGURG for
 * reason 0, else the SIGIO (or F_SETSIG signal) for reason.
 */
static void send_sigio_to_task(struct task_struct *p, struct fown_struct *fo,
			       int fd, int reason, bool group)
{
	int signum = reason ? fo->signum : SIGURG;
	siginfo_t si;

	if (!sigio_perm(p, fo))
		return;
	if (!reason) {
		if (group)
			group_send_sig_info(SIGURG, NULL, p);
		else
			send_sig_info(SIGURG, NULL, p);
		return;
	}
	if (signum) {
		memset(&si, 0, sizeof(si));
		si.si_signo = signum;
		si.si_code = reason;
		if (signum != SIGIO && sig_specific_sicodes(signum))
			si.si_code = SI_SIGIO;
		si.poll.band = band_table[reason - POLL_IN];
		si.poll.fd = fd;
		if (!(group ? group_send_sig_info(signum, &si, p) :
			      send_sig_info(signum, &si, p)))
			return;
	}
	/* No F_SETSIG, or it could not be queued: the plain SIGIO. */
	if (group)
		group_send_sig_info(SIGIO, NULL, p);
	else
		send_sig_info(SIGIO, NULL, p);
}

/* Signal f's owner that fd is ready for reason (0: SIGURG); whether
 * it has an owner. */
static bool send_sigio(struct fown_struct *fo, int fd, int reason)
{
	unsigned long fl = spin_lock_irqsave(&fo->lock);
	bool owned = fo->pid;
	struct task_struct *p;
	unsigned long tl;

	if (!owned)
		goto out;
	tl = read_lock_irqsave(&tasklist_lock);
	if (fo->type == FOWN_PGRP) {
		list_for_each_entry(p, &fo->pid->tasks[PIDTYPE_PGID],
				    pid_links[PIDTYPE_PGID])
			send_sigio_to_task(p, fo, fd, reason, true);
	} else {
		p = pid_task(fo->pid, PIDTYPE_PID);
		if (p && (fo->type == FOWN_TID || thread_group_leader(p)))
			send_sigio_to_task(p, fo, fd, reason,
					   fo->type == FOWN_PID);
	}
	read_unlock_irqrestore(&tasklist_lock, tl);
out:
	spin_unlock_irqrestore(&fo->lock, fl);
	return owned;
}

/* send_sigurg - see fs.h. */
bool send_sigurg(struct file *f)
{
	return send_sigio(&f->f_owner, 0, 0);
}

/* Signal the owners of *list's files for reason; urgent: only those
 * with an F_SETSIG signal (SIGURG itself went by send_sigurg). */
static void __kill_fasync(struct fasync_struct **list, int reason,
			  bool urgent)
{
	struct fasync_struct *fa;
	unsigned long fl;

	if (!READ_ONCE(*list))
		return;
	fl = spin_lock_irqsave(&fasync_lock);
	for (fa = *list; fa; fa = fa->fa_next) {
		struct fown_struct *fo = &fa->fa_file->f_owner;

		if (!urgent || READ_ONCE(fo->signum))
			send_sigio(fo, fa->fa_fd, reason);
	}
	spin_unlock_irqrestore(&fasync_lock, fl);
}

/* kill_fasync - see fs.h. */
void kill_fasync(struct fasync_struct **list, int reason)
{
	__kill_fasync(list, reason, false);
}

/* kill_fasync_urgent - see fs.h. */
void kill_fasync_urgent(struct fasync_struct **list)
{
	__kill_fasync(list, POLL_PRI, true);
}
