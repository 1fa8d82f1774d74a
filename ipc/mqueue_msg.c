/*
 * POSIX message queues, what is done on an open queue: mq_timedsend,
 * mq_timedreceive (priority order, FIFO within a priority; senders wait
 * for room and receivers for a message), mq_notify and mq_getsetattr.
 * Split from ipc/mqueue.c (the filesystem, mq_open, mq_unlink), whose
 * header tells the locks.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/net.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include "mqueue.h"
#include "util.h"

/* --- send and receive --- */

/* The queue behind fd (open for mode, if not 0), with a reference on
 * the file, or ERR_PTR(-EBADF). */
static struct file *mq_fget(int fd, unsigned int mode)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (!is_mqueue_file(f) || (mode && !(f->f_mode & mode))) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	return f;
}

/* An absolute CLOCK_REALTIME timeout as a monotonic deadline (0: none;
 * 1 for one already past). -EFAULT or -EINVAL. */
static int mq_deadline(const void __user *uts, u64 *until)
{
	struct timespec_k ts;
	u64 abs, now;

	*until = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	abs = timespec_to_ns(&ts);
	now = ktime_get_real_ns();
	*until = ktime_get_ns() + (abs > now ? abs - now : 0);
	if (!*until)
		*until = 1;
	return 0;
}

/*
 * Sleep on wq (with [Q] dropped) until woken, the deadline or a signal.
 * 0 (recheck), -ETIMEDOUT or -ERESTARTSYS. Called and returns with [Q].
 */
static int mq_wait(struct mqueue_inode_info *info, struct wait_queue_head *wq,
		   u64 until)
{
	struct wait_queue_entry w;

	init_wait_entry(&w);
	prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
	spin_unlock(&info->lock);
	if (until)
		schedule_timeout(until);
	else
		schedule();
	finish_wait(wq, &w);
	spin_lock(&info->lock);
	if (signal_pending(current))
		return -ERESTARTSYS;
	if (until && ktime_get_ns() >= until)
		return -ETIMEDOUT;
	return 0;
}

/* Queue m in priority order. [Q]. */
static void mq_insert(struct mqueue_inode_info *info, struct mq_msg *m)
{
	struct mq_msg *pos;

	list_for_each_entry(pos, &info->msgs, list)
		if (pos->prio < m->prio)
			break;
	list_add_tail(&m->list, &pos->list);
	info->attr.mq_curmsgs++;
	info->qsize += m->len;
}

/* What a notification sends, taken off the queue under [Q]. */
struct mq_notice {
	struct pid *owner;		/* a reference, or NULL: nothing */
	struct sigevent_k ev;
	struct user_namespace *user_ns;	/* a reference */
};

/* A message arrived in an empty queue nobody waits on: take the
 * one-shot registration for sending after [Q] is dropped. */
static void mq_take_notice(struct mqueue_inode_info *info,
			   struct mq_notice *n)
{
	if (!info->notify_owner || info->attr.mq_curmsgs != 1 ||
	    info->receivers)
		return;
	n->owner = info->notify_owner;
	n->ev = info->notify;
	n->user_ns = info->notify_user_ns;
	info->notify_owner = NULL;
	info->notify_user_ns = NULL;
}

/* Send a taken notice (SIGEV_SIGNAL: si_code SI_MESGQ, the sender). */
static void mq_send_notice(struct mq_notice *n)
{
	struct task_struct *t;
	siginfo_t si;

	if (!n->owner)
		return;
	if (n->ev.sigev_notify == SIGEV_SIGNAL && n->ev.sigev_signo &&
	    (t = get_pid_task(n->owner))) {
		memset(&si, 0, sizeof(si));
		si.si_signo = n->ev.sigev_signo;
		si.si_code = SI_MESGQ;
		si.rt.value = n->ev.sigev_value;
		si.rt.pid = task_pid_nr_ns(current->group_leader,
					    task_active_pid_ns(t));
		si.rt.uid = from_kuid_munged(n->user_ns, current_uid());
		group_send_sig_info(si.si_signo, &si, t);
		put_task_struct(t);
	}
	put_pid(n->owner);
	put_user_ns(n->user_ns);
}

/* Queue m on info, waiting for room as the file's flags say. */
static long mq_send(struct file *f, struct mqueue_inode_info *info,
		    struct mq_msg *m, u64 until)
{
	struct mq_notice notice = { 0 };
	long err = 0;

	spin_lock(&info->lock);
	while (info->attr.mq_curmsgs >= info->attr.mq_maxmsg) {
		if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		err = mq_wait(info, &info->wait_send, until);
		if (err)
			break;
	}
	if (!err) {
		mq_insert(info, m);
		mq_take_notice(info, &notice);
		f->f_inode->i_mtime = f->f_inode->i_ctime = current_time();
		wake_up_all(&info->wait_recv);
	}
	spin_unlock(&info->lock);
	mq_send_notice(&notice);
	return err;
}

static long sys_mq_timedsend(int mqdes, const char __user *u_msg,
			     size_t msg_len, unsigned int msg_prio,
			     const void __user *u_timeout)
{
	struct mqueue_inode_info *info;
	struct mq_msg *m;
	struct file *f;
	u64 until;
	long err;

	err = mq_deadline(u_timeout, &until);
	if (err)
		return err;
	if (msg_prio >= MQ_PRIO_MAX)
		return -EINVAL;
	f = mq_fget(mqdes, FMODE_WRITE);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	err = -EMSGSIZE;
	if (msg_len > (size_t)info->attr.mq_msgsize)
		goto out;
	err = -ENOMEM;
	m = kmalloc(sizeof(*m) + msg_len, GFP_KERNEL);
	if (!m)
		goto out;
	m->prio = msg_prio;
	m->len = msg_len;
	err = -EFAULT;
	if (copy_from_user(m->data, u_msg, msg_len) ||
	    (err = mq_send(f, info, m, until)))
		kfree(m);
out:
	fput(f);
	return err;
}
SYSCALL_ENTRY(mq_timedsend, sys_mq_timedsend);

/* Take the first message, waiting as the file's flags say. */
static struct mq_msg *mq_receive(struct file *f,
				 struct mqueue_inode_info *info, u64 until)
{
	struct mq_msg *m = NULL;
	long err = 0;

	spin_lock(&info->lock);
	while (!info->attr.mq_curmsgs) {
		if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		info->receivers++;
		err = mq_wait(info, &info->wait_recv, until);
		info->receivers--;
		if (err)
			break;
	}
	if (!err) {
		m = list_first_entry(&info->msgs, struct mq_msg, list);
		list_del(&m->list);
		info->attr.mq_curmsgs--;
		info->qsize -= m->len;
		f->f_inode->i_atime = f->f_inode->i_ctime = current_time();
		wake_up_all(&info->wait_send);
	}
	spin_unlock(&info->lock);
	return err ? ERR_PTR(err) : m;
}

static long sys_mq_timedreceive(int mqdes, char __user *u_msg,
				size_t msg_len, unsigned int __user *u_prio,
				const void __user *u_timeout)
{
	struct mqueue_inode_info *info;
	struct mq_msg *m;
	struct file *f;
	u64 until;
	long ret;

	ret = mq_deadline(u_timeout, &until);
	if (ret)
		return ret;
	f = mq_fget(mqdes, FMODE_READ);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	ret = -EMSGSIZE;
	if (msg_len < (size_t)info->attr.mq_msgsize)
		goto out;
	m = mq_receive(f, info, until);
	ret = PTR_ERR_OR_ZERO(m);
	if (ret)
		goto out;
	ret = m->len;
	if ((u_prio && put_user(m->prio, u_prio)) ||
	    copy_to_user(u_msg, m->data, m->len))
		ret = -EFAULT;
	kfree(m);
out:
	fput(f);
	return ret;
}
SYSCALL_ENTRY(mq_timedreceive, sys_mq_timedreceive);

/* --- mq_notify, mq_getsetattr --- */

/* SIGEV_THREAD's netlink socket, which tine cannot have: Linux's
 * answer for the fd given (after reading the cookie). */
static long mq_notify_thread(const struct sigevent_k *ev)
{
	char cookie[NOTIFY_COOKIE_LEN];
	struct file *f;
	long err;

	if (copy_from_user(cookie, ev->sigev_value.sival_ptr, sizeof(cookie)))
		return -EFAULT;
	f = fget(ev->sigev_signo);
	if (!f)
		return -EBADF;
	err = S_ISSOCK(f->f_inode->i_mode) ? -EINVAL : -ENOTSOCK;
	fput(f);
	return err;
}

/**
 * mq_notify_drop - drop the mq_notify registration of process me on
 * info, if it holds it (a close by the registered process). Takes
 * info->lock [Q]; does not sleep.
 */
void mq_notify_drop(struct mqueue_inode_info *info, struct pid *me)
{
	struct user_namespace *old_ns = NULL;
	struct pid *old_pid = NULL;

	spin_lock(&info->lock);
	if (info->notify_owner && info->notify_owner == me) {
		old_pid = info->notify_owner;
		old_ns = info->notify_user_ns;
		info->notify_owner = NULL;
		info->notify_user_ns = NULL;
	}
	spin_unlock(&info->lock);
	if (old_pid) {
		put_pid(old_pid);
		put_user_ns(old_ns);
	}
}

/* Register (ev) or drop (NULL) current's process for info. Takes [Q]. */
static long mq_notify_set(struct mqueue_inode_info *info,
			  const struct sigevent_k *ev)
{
	struct pid *me = task_pid(current->group_leader);
	long err = 0;

	if (!ev) {
		mq_notify_drop(info, me);
		return 0;
	}
	spin_lock(&info->lock);
	if (info->notify_owner) {
		err = -EBUSY;
	} else {
		info->notify = *ev;
		info->notify_owner = get_pid(me);
		info->notify_user_ns = get_user_ns(current_user_ns());
	}
	spin_unlock(&info->lock);
	return err;
}

static long sys_mq_notify(int mqdes, const struct sigevent_k __user *u_ev)
{
	struct sigevent_k ev;
	struct file *f;
	long err;

	if (u_ev) {
		if (copy_from_user(&ev, u_ev, sizeof(ev)))
			return -EFAULT;
		if (ev.sigev_notify != SIGEV_NONE &&
		    ev.sigev_notify != SIGEV_SIGNAL &&
		    ev.sigev_notify != SIGEV_THREAD)
			return -EINVAL;
		if (ev.sigev_notify == SIGEV_SIGNAL &&
		    (unsigned int)ev.sigev_signo > _NSIG)
			return -EINVAL;	/* 0 is accepted (and sends nothing) */
		if (ev.sigev_notify == SIGEV_THREAD)
			return mq_notify_thread(&ev);
	}
	f = mq_fget(mqdes, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = mq_notify_set(MQUEUE_I(f->f_inode), u_ev ? &ev : NULL);
	fput(f);
	return err;
}
SYSCALL_ENTRY(mq_notify, sys_mq_notify);

static long sys_mq_getsetattr(int mqdes, const struct mq_attr __user *u_new,
			      struct mq_attr __user *u_old)
{
	struct mqueue_inode_info *info;
	struct mq_attr new, old;
	struct file *f;

	if (u_new) {
		if (copy_from_user(&new, u_new, sizeof(new)))
			return -EFAULT;
		if (new.mq_flags & ~(long)O_NONBLOCK)
			return -EINVAL;
	}
	f = mq_fget(mqdes, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	spin_lock(&info->lock);
	old = info->attr;
	spin_unlock(&info->lock);
	mutex_lock(&f->f_pos_lock);
	old.mq_flags = f->f_flags & O_NONBLOCK;
	if (u_new)
		f->f_flags = (f->f_flags & ~O_NONBLOCK) |
			     (new.mq_flags & O_NONBLOCK);
	mutex_unlock(&f->f_pos_lock);
	fput(f);
	if (u_old && copy_to_user(u_old, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(mq_getsetattr, sys_mq_getsetattr);
