/*
 * SysV message queues: msgget, msgsnd, msgrcv, msgctl.
 *
 * A queue is a FIFO list of messages (type, bytes) bounded by
 * msg_qbytes (bytes, and as many messages). A sender that does not fit
 * sleeps on senders_wq, a receiver that finds no matching message
 * sleeps on receivers_wq; every change wakes the other side, which
 * rechecks (no hand-over: simpler than Linux's pipelined send, same
 * results). IPC_RMID marks the queue deleted and wakes both sides,
 * who return EIDRM. Message text is copied from the user before the
 * queue is locked and to the user after the message left the queue.
 *
 * Locks: the table mutex, then the queue's q_perm.lock [P] (a
 * spinlock), inside which the wait queues' locks are taken.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/list.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/wait.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "util.h"

struct msg_queue {
	struct kern_ipc_perm q_perm;	/* first: [P] is its lock */
	long q_stime;			/* [P] last msgsnd */
	long q_rtime;			/* [P] last msgrcv */
	long q_ctime;			/* [P] creation or IPC_SET */
	unsigned long q_cbytes;		/* [P] bytes queued */
	unsigned long q_qnum;		/* [P] messages queued */
	unsigned long q_qbytes;		/* [P] the bound */
	struct pid *q_lspid;		/* [P] last sender (a reference) */
	struct pid *q_lrpid;		/* [P] last receiver (a reference) */
	struct list_head q_messages;	/* [P] msg_msg.m_list, FIFO */
	struct wait_queue_head senders_wq;	/* full: senders wait */
	struct wait_queue_head receivers_wq;	/* no match: receivers */
	struct ipc_namespace *ns;	/* set once (not counted) */
};

struct msg_msg {
	struct list_head m_list;	/* [P] in q_messages */
	long m_type;
	size_t m_ts;			/* text size */
	char m_text[];
};

/* msgrcv's ways of choosing (msgtyp and the flags). */
enum { SEARCH_ANY, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL,
       SEARCH_NUMBER };

#define msg_ids(ns) (&(ns)->ids[IPC_MSG_IDS])

static struct msg_queue *to_msq(struct kern_ipc_perm *p)
{
	return container_of(p, struct msg_queue, q_perm);
}

static void msg_free_queue(struct kern_ipc_perm *p)
{
	struct msg_queue *msq = to_msq(p);
	struct msg_msg *msg, *t;

	list_for_each_entry_safe(msg, t, &msq->q_messages, m_list)
		kfree(msg);
	put_pid(msq->q_lspid);
	put_pid(msq->q_lrpid);
	kfree(msq);
}

static void msq_put(struct msg_queue *msq)
{
	ipc_put(&msq->q_perm, msg_free_queue);
}

/* --- msgget --- */

static int newque(struct ipc_namespace *ns, struct ipc_params *params)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq));
	int err;

	if (!msq)
		return -ENOMEM;
	msq->q_perm.key = params->key;
	msq->q_perm.mode = params->flg & 0777;
	msq->q_ctime = ipc_seconds();
	msq->q_qbytes = READ_ONCE(ns->msg_ctlmnb);
	msq->ns = ns;
	INIT_LIST_HEAD(&msq->q_messages);
	init_waitqueue_head(&msq->senders_wq);
	init_waitqueue_head(&msq->receivers_wq);
	err = ipc_addid(msg_ids(ns), &msq->q_perm, READ_ONCE(ns->msg_ctlmni));
	if (err < 0) {
		kfree(msq);
		return err;
	}
	return msq->q_perm.id;
}

static const struct ipc_ops msg_ops = { .getnew = newque };

static long sys_msgget(int key, int msgflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_params params = { .key = key, .flg = msgflg };

	return ipcget(ns, msg_ids(ns), &msg_ops, &params);
}
SYSCALL_ENTRY(msgget, sys_msgget);

/* --- msgsnd --- */

/* Would a message of size bytes fit? Needs [P]. */
static bool msg_fits(struct msg_queue *msq, size_t size)
{
	return size + msq->q_cbytes <= msq->q_qbytes &&
	       1 + msq->q_qnum <= msq->q_qbytes;
}

/*
 * Sleep on wq until woken, with [P] dropped meanwhile. -ERESTARTNOHAND
 * when a signal is pending, else 0 (recheck). Called with [P] held,
 * returns with it held.
 */
static int msq_wait(struct msg_queue *msq, struct wait_queue_head *wq)
{
	struct wait_queue_entry w;

	init_wait_entry(&w);
	prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
	spin_unlock(&msq->q_perm.lock);
	schedule();
	finish_wait(wq, &w);
	spin_lock(&msq->q_perm.lock);
	return signal_pending(current) ? -ERESTARTNOHAND : 0;
}

/* Queue msg on msq, waiting for room unless IPC_NOWAIT. 0 or -errno;
 * on 0 the queue owns msg. */
static long msg_enqueue(struct ipc_namespace *ns, struct msg_queue *msq,
			struct msg_msg *msg, int msgflg)
{
	struct kern_ipc_perm *p = &msq->q_perm;
	long err;

	spin_lock(&p->lock);
	for (;;) {
		err = -EACCES;
		if (ipcperms(ns, p, IPC_WRITE))
			goto out;
		err = -EIDRM;
		if (p->deleted)
			goto out;
		if (msg_fits(msq, msg->m_ts))
			break;
		err = -EAGAIN;
		if (msgflg & IPC_NOWAIT)
			goto out;
		err = msq_wait(msq, &msq->senders_wq);
		if (err)
			goto out;
	}
	ipc_update_pid(&msq->q_lspid, task_tgid(current));
	msq->q_stime = ipc_seconds();
	list_add_tail(&msg->m_list, &msq->q_messages);
	msq->q_cbytes += msg->m_ts;
	msq->q_qnum++;
	atomic_add_return(&ns->msg_bytes, msg->m_ts);
	atomic_inc(&ns->msg_hdrs);
	wake_up_all(&msq->receivers_wq);
	err = 0;
out:
	spin_unlock(&p->lock);
	return err;
}

static long sys_msgsnd(int msqid, const void __user *msgp, size_t msgsz,
		       int msgflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct kern_ipc_perm *p;
	struct msg_msg *msg;
	long mtype, err;

	if (copy_from_user(&mtype, msgp, sizeof(mtype)))
		return -EFAULT;
	if (msgsz > READ_ONCE(ns->msg_ctlmax) || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = kmalloc(sizeof(*msg) + msgsz, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	msg->m_type = mtype;
	msg->m_ts = msgsz;
	err = -EFAULT;
	if (copy_from_user(msg->m_text, (const char __user *)msgp + sizeof(long),
			   msgsz))
		goto free;
	p = ipc_get_object(msg_ids(ns), msqid);
	err = PTR_ERR_OR_ZERO(p);
	if (err)
		goto free;
	err = msg_enqueue(ns, to_msq(p), msg, msgflg);
	msq_put(to_msq(p));
	if (!err)
		return 0;
free:
	kfree(msg);
	return err;
}
SYSCALL_ENTRY(msgsnd, sys_msgsnd);

/* --- msgrcv --- */

static int convert_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == (-__LONG_MAX__ - 1) ? __LONG_MAX__ : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return (msgflg & MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

static bool testmsg(const struct msg_msg *msg, long type, int mode)
{
	switch (mode) {
	case SEARCH_EQUAL:
		return msg->m_type == type;
	case SEARCH_NOTEQUAL:
		return msg->m_type != type;
	case SEARCH_LESSEQUAL:
		return msg->m_type <= type;
	default:
		return true;
	}
}

/*
 * The message msgrcv takes: the first that matches; for LESSEQUAL the
 * first of the lowest type; for NUMBER (MSG_COPY) the type'th (from
 * 0). NULL if none. Needs [P].
 */
static struct msg_msg *find_msg(struct msg_queue *msq, long type, int mode)
{
	struct msg_msg *msg, *found = NULL;
	long count = 0;

	list_for_each_entry(msg, &msq->q_messages, m_list) {
		if (!testmsg(msg, type, mode))
			continue;
		if (mode == SEARCH_LESSEQUAL) {
			if (!found || msg->m_type < found->m_type)
				found = msg;
		} else if (mode == SEARCH_NUMBER) {
			if (count++ == type)
				return msg;
		} else {
			return msg;
		}
	}
	return found;
}

/* Take msg off msq (a receive). Needs [P]. */
static void msg_dequeue(struct msg_queue *msq, struct msg_msg *msg)
{
	list_del(&msg->m_list);
	msq->q_qnum--;
	msq->q_cbytes -= msg->m_ts;
	msq->q_rtime = ipc_seconds();
	ipc_update_pid(&msq->q_lrpid, task_tgid(current));
	atomic_add_return(&msq->ns->msg_bytes, -(int)msg->m_ts);
	atomic_dec(&msq->ns->msg_hdrs);
	wake_up_all(&msq->senders_wq);
}

/* What one msgrcv asked for. */
struct msg_request {
	long type;
	int mode;
	int flg;
	size_t bufsz;
	struct msg_msg *copy;		/* MSG_COPY: the preallocated copy */
};

/*
 * Find (and dequeue, or copy for MSG_COPY) the message rq asks for,
 * waiting unless IPC_NOWAIT. The message (now the caller's) or
 * ERR_PTR(-EACCES/-EIDRM/-E2BIG/-ENOMSG/-ERESTARTNOHAND).
 */
static struct msg_msg *msg_take(struct ipc_namespace *ns,
				struct msg_queue *msq,
				struct msg_request *rq)
{
	struct kern_ipc_perm *p = &msq->q_perm;
	struct msg_msg *msg;
	long err;

	spin_lock(&p->lock);
	for (;;) {
		err = -EACCES;
		if (ipcperms(ns, p, IPC_READ))
			break;
		err = -EIDRM;
		if (p->deleted)
			break;
		msg = find_msg(msq, rq->type, rq->mode);
		if (msg) {
			err = -E2BIG;
			if (rq->bufsz < msg->m_ts && !(rq->flg & MSG_NOERROR))
				break;
			if (rq->flg & MSG_COPY) {
				size_t n = MIN(msg->m_ts, rq->bufsz);

				rq->copy->m_type = msg->m_type;
				rq->copy->m_ts = msg->m_ts;
				memcpy(rq->copy->m_text, msg->m_text, n);
				msg = rq->copy;
				rq->copy = NULL;
			} else {
				msg_dequeue(msq, msg);
			}
			spin_unlock(&p->lock);
			return msg;
		}
		err = -ENOMSG;
		if (rq->flg & IPC_NOWAIT)
			break;
		err = msq_wait(msq, &msq->receivers_wq);
		if (err)
			break;
	}
	spin_unlock(&p->lock);
	return ERR_PTR(err);
}

/* Give msg to the user (type, then at most bufsz bytes): the count. */
static long msg_store(void __user *msgp, struct msg_msg *msg, size_t bufsz)
{
	size_t n = MIN(bufsz, msg->m_ts);

	if (copy_to_user(msgp, &msg->m_type, sizeof(long)) ||
	    copy_to_user((char __user *)msgp + sizeof(long), msg->m_text, n))
		return -EFAULT;
	return n;
}

static long sys_msgrcv(int msqid, void __user *msgp, size_t msgsz,
		       long msgtyp, int msgflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct msg_request rq = { .type = msgtyp, .flg = msgflg,
				  .bufsz = msgsz };
	struct kern_ipc_perm *p;
	struct msg_msg *msg;
	long ret;

	if (msqid < 0 || (long)msgsz < 0)
		return -EINVAL;
	if (msgflg & MSG_COPY) {
		if ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT))
			return -EINVAL;
		rq.copy = kmalloc(sizeof(*rq.copy) +
				  MIN(msgsz, (size_t)READ_ONCE(ns->msg_ctlmax)),
				  GFP_KERNEL);
		if (!rq.copy)
			return -ENOMEM;
		rq.bufsz = MIN(msgsz, (size_t)READ_ONCE(ns->msg_ctlmax));
	}
	rq.mode = convert_mode(&rq.type, msgflg);
	p = ipc_get_object(msg_ids(ns), msqid);
	if (IS_ERR(p)) {
		ret = PTR_ERR(p);
		goto out;
	}
	msg = msg_take(ns, to_msq(p), &rq);
	msq_put(to_msq(p));
	if (IS_ERR(msg)) {
		ret = PTR_ERR(msg);
		goto out;
	}
	ret = msg_store(msgp, msg, rq.bufsz);
	kfree(msg);
out:
	kfree(rq.copy);
	return ret;
}
SYSCALL_ENTRY(msgrcv, sys_msgrcv);

/* --- msgctl --- */

static long msgctl_info(struct ipc_namespace *ns, int cmd, void __user *buf)
{
	struct ipc_ids *ids = msg_ids(ns);
	struct msginfo mi = {
		.msgmni = READ_ONCE(ns->msg_ctlmni),
		.msgmax = READ_ONCE(ns->msg_ctlmax),
		.msgmnb = READ_ONCE(ns->msg_ctlmnb),
		.msgssz = MSGSSZ, .msgseg = MSGSEG,
		.msgpool = MSGPOOL, .msgmap = MSGMAP, .msgtql = MSGTQL,
	};
	int max;

	mutex_lock(&ids->mutex);
	if (cmd == MSG_INFO) {
		mi.msgpool = ids->in_use;
		mi.msgmap = atomic_read(&ns->msg_hdrs);
		mi.msgtql = atomic_read(&ns->msg_bytes);
	}
	max = __ipc_get_maxidx(ids);
	mutex_unlock(&ids->mutex);
	return ipcctl_info_copy(buf, &mi, sizeof(mi), max);
}

/* The queue p as msqid64_ds (zeroed). Needs [P]. */
static void msq_fill(struct kern_ipc_perm *p, void *ds)
{
	struct msg_queue *msq = to_msq(p);
	struct msqid64_ds *out = ds;

	kernel_to_ipc64_perm(p, &out->msg_perm);
	out->msg_stime = msq->q_stime;
	out->msg_rtime = msq->q_rtime;
	out->msg_ctime = msq->q_ctime;
	out->msg_cbytes = msq->q_cbytes;
	out->msg_qnum = msq->q_qnum;
	out->msg_qbytes = msq->q_qbytes;
	out->msg_lspid = pid_vnr(msq->q_lspid);
	out->msg_lrpid = pid_vnr(msq->q_lrpid);
}

/* IPC_STAT (by id), MSG_STAT and MSG_STAT_ANY (by slot). */
static long msgctl_stat(struct ipc_namespace *ns, int msqid, int cmd,
			void __user *buf)
{
	struct msqid64_ds ds;
	struct ipc_stat st = { .cmd = cmd, .any = cmd == MSG_STAT_ANY,
			       .fill = msq_fill, .ds = &ds,
			       .size = sizeof(ds) };

	return ipcctl_stat(ns, msg_ids(ns), msqid, &st, buf);
}

/* Remove the queue p: both sides wake to EIDRM. Table mutex held. */
static void freeque(struct ipc_namespace *ns, struct kern_ipc_perm *p)
{
	struct msg_queue *msq = to_msq(p);
	struct msg_msg *msg;

	ipc_rmid(msg_ids(ns), &msq->q_perm);
	spin_lock(&msq->q_perm.lock);
	list_for_each_entry(msg, &msq->q_messages, m_list) {
		atomic_add_return(&ns->msg_bytes, -(int)msg->m_ts);
		atomic_dec(&ns->msg_hdrs);
	}
	wake_up_all(&msq->senders_wq);
	wake_up_all(&msq->receivers_wq);
	spin_unlock(&msq->q_perm.lock);
	msq_put(msq);			/* the table's reference */
}

/* IPC_SET's changes (owner, mode, msg_qbytes). Table mutex held. */
static long msgctl_set(struct ipc_namespace *ns, struct msg_queue *msq,
		       const struct msqid64_ds *ds)
{
	long err;

	if (ds->msg_qbytes > READ_ONCE(ns->msg_ctlmnb) &&
	    !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	err = ipc_update_perm(&ds->msg_perm, &msq->q_perm);
	if (err)
		return err;
	spin_lock(&msq->q_perm.lock);
	msq->q_qbytes = ds->msg_qbytes;
	msq->q_ctime = ipc_seconds();
	/* Room may have appeared; receivers recheck their permission. */
	wake_up_all(&msq->senders_wq);
	wake_up_all(&msq->receivers_wq);
	spin_unlock(&msq->q_perm.lock);
	return 0;
}

/* IPC_SET and IPC_RMID: under the table mutex. */
static long msgctl_down(struct ipc_namespace *ns, int msqid, int cmd,
			void __user *buf)
{
	struct ipc_ids *ids = msg_ids(ns);
	struct kern_ipc_perm *p;
	struct msqid64_ds ds;
	long err;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&ids->mutex);
	p = ipcctl_obtain_check(ns, ids, msqid);
	err = PTR_ERR_OR_ZERO(p);
	if (err)
		goto out;
	if (cmd == IPC_RMID)
		freeque(ns, p);
	else
		err = msgctl_set(ns, to_msq(p), &ds);
out:
	mutex_unlock(&ids->mutex);
	return err;
}

static long sys_msgctl(int msqid, int cmd, void __user *buf)
{
	struct ipc_namespace *ns = current_ipc_ns();

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(ns, cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msgctl_stat(ns, msqid, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
		return msgctl_down(ns, msqid, cmd, buf);
	default:
		return -EINVAL;
	}
}
SYSCALL_ENTRY(msgctl, sys_msgctl);

/* --- /proc/sysvipc/msg and namespaces --- */

/* One line of /proc/sysvipc/msg. Takes [P]. */
static void sysvipc_msg_line(struct seq_buf *m, struct kern_ipc_perm *p)
{
	struct user_namespace *uns = current_user_ns();
	struct pid_namespace *pns = task_active_pid_ns(current);
	struct msg_queue *q = to_msq(p);

	spin_lock(&p->lock);
	seq_printf(m, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u "
		      "%5u %10ld %10ld %10ld\n",
		   p->key, p->id, p->mode, q->q_cbytes, q->q_qnum,
		   pid_nr_ns(q->q_lspid, pns), pid_nr_ns(q->q_lrpid, pns),
		   from_kuid_munged(uns, p->uid), from_kgid_munged(uns, p->gid),
		   from_kuid_munged(uns, p->cuid),
		   from_kgid_munged(uns, p->cgid),
		   q->q_stime, q->q_rtime, q->q_ctime);
	spin_unlock(&p->lock);
}

/* sysvipc_msg_show - /proc/sysvipc/msg for ns. Takes the table mutex;
 * may sleep. */
int sysvipc_msg_show(struct seq_buf *m, struct ipc_namespace *ns)
{
	return sysvipc_show_ids(m, msg_ids(ns),
		"       key      msqid perms      cbytes       qnum lspid "
		"lrpid   uid   gid  cuid  cgid      stime      rtime      "
		"ctime\n", sysvipc_msg_line);
}

/* msg_exit_ns - remove every queue of a dying namespace. May sleep. */
void msg_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, msg_ids(ns), freeque);
}
