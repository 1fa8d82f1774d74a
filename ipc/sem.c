/*
 * SysV semaphores: semget, semop/semtimedop, semctl, SEM_UNDO.
 *
 * A semop is all or nothing: its operations are applied in order and
 * rolled back if one would block. A blocked semop waits on its array's
 * pending list (a sem_queue on its stack); whoever changes the values
 * (semop, SETVAL, SETALL, an exiting task's undo) retries the pending
 * ones in arrival order, applies those that now succeed on the
 * sleeper's behalf and wakes them (update_queue()). IPC_RMID wakes
 * every sleeper with EIDRM.
 *
 * SEM_UNDO: each operation's opposite accumulates in a sem_undo (one
 * per array and undo list); a task's undo list (task->sysvsem_undo)
 * is shared by CLONE_SYSVSEM and applied when its last user exits,
 * values clamped to 0..SEMVMX as Linux does.
 *
 * Locks, outermost first: the table mutex; the array's sem_perm.lock
 * (its values, pending list, undo list, and every sem_undo of it);
 * an undo list's lock (its list of sem_undos). A sleeper's wake-up is
 * done under the array lock, so the sleeper (which retakes it before
 * returning) cannot be gone. No user copy under any of them.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/list.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/sched.h>
#include <uapi/stat.h>
#include "util.h"

struct sem {
	int semval;			/* [P] */
	struct pid *sempid;		/* [P] last operator (a reference),
					 * numbered for each GETPID caller */
};

struct sem_array {
	struct kern_ipc_perm sem_perm;	/* first: [P] is its lock */
	long sem_otime;			/* [P] last semop */
	long sem_ctime;			/* [P] creation, SETVAL/SETALL/IPC_SET */
	struct list_head pending;	/* [P] blocked sem_queues, FIFO */
	struct list_head list_id;	/* [P] sem_undo.list_id of this array */
	int sem_nsems;			/* set once */
	struct sem sems[];		/* [P] */
};

/* One blocked semop, on its caller's stack. */
struct sem_queue {
	struct list_head list;		/* [P] in sma->pending */
	struct task_struct *sleeper;	/* the caller */
	struct sembuf *sops;		/* its operations */
	int nsops;
	struct sem_undo *undo;		/* [P] or NULL */
	struct pid *pid;		/* its process (current's) */
	bool alter;			/* changes values */
	int status;			/* [P] SEMOP_BLOCK until done */
	const struct sembuf *blocking;	/* [P] the op it waits for */
};

/* An undo list: one per set of tasks sharing it (CLONE_SYSVSEM). */
struct sem_undo_list {
	atomic_t refcnt;		/* tasks using it */
	spinlock_t lock;		/* [U] protects list_proc */
	struct list_head list_proc;	/* [U] sem_undo.list_proc */
};

/* One array's adjustments in one undo list. */
struct sem_undo {
	struct list_head list_proc;	/* [U] in ulp->list_proc */
	struct list_head list_id;	/* [P] in sma->list_id */
	struct sem_undo_list *ulp;	/* set once */
	int semid;			/* set once */
	short semadj[];			/* [P] one per semaphore */
};

#define sem_ids(ns) (&(ns)->ids[IPC_SEM_IDS])
#define SEMOP_BLOCK 1			/* perform_atomic_semop: would block */
#define SEMOP_FAST 8			/* sembufs kept on the stack */

static struct sem_array *to_sma(struct kern_ipc_perm *p)
{
	return container_of(p, struct sem_array, sem_perm);
}

static void sem_free(struct kern_ipc_perm *p)
{
	struct sem_array *sma = to_sma(p);

	for (int i = 0; i < sma->sem_nsems; i++)
		put_pid(sma->sems[i].sempid);
	kfree(sma);
}

static void sem_put(struct sem_array *sma)
{
	ipc_put(&sma->sem_perm, sem_free);
}

/* --- semget --- */

static int newary(struct ipc_namespace *ns, struct ipc_params *params)
{
	int nsems = params->u.nsems;
	struct sem_array *sma;
	int err;

	if (!nsems)
		return -EINVAL;
	if (ns->used_sems + nsems > sem_ctls_mns(ns))
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem));
	if (!sma)
		return -ENOMEM;
	sma->sem_perm.key = params->key;
	sma->sem_perm.mode = params->flg & 0777;
	sma->sem_nsems = nsems;
	sma->sem_ctime = ipc_seconds();
	INIT_LIST_HEAD(&sma->pending);
	INIT_LIST_HEAD(&sma->list_id);
	err = ipc_addid(sem_ids(ns), &sma->sem_perm, sem_ctls_mni(ns));
	if (err < 0) {
		kfree(sma);
		return err;
	}
	ns->used_sems += nsems;
	return sma->sem_perm.id;
}

static int sem_more_checks(struct kern_ipc_perm *p,
			   const struct ipc_params *params)
{
	return params->u.nsems > to_sma(p)->sem_nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = {
	.getnew = newary,
	.more_checks = sem_more_checks,
};

static long sys_semget(int key, int nsems, int semflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_params params = { .key = key, .flg = semflg,
				     .u.nsems = nsems };

	if (nsems < 0 || nsems > sem_ctls_msl(ns))
		return -EINVAL;
	return ipcget(ns, sem_ids(ns), &sem_ops, &params);
}
SYSCALL_ENTRY(semget, sys_semget);

/* --- the operations --- */

/* Undo sops[0..n) already applied by perform_atomic_semop(). */
static void semop_rollback(struct sem_array *sma, const struct sembuf *sops,
			   int n, struct sem_undo *un)
{
	while (n-- > 0) {
		sma->sems[sops[n].sem_num].semval -= sops[n].sem_op;
		if (sops[n].sem_flg & SEM_UNDO)
			un->semadj[sops[n].sem_num] += sops[n].sem_op;
	}
}

/*
 * Apply sops in order, all or nothing. 0 (done, sempid set), SEMOP_BLOCK
 * (q->blocking says which op; nothing changed), -EAGAIN (that op said
 * IPC_NOWAIT) or -ERANGE. Needs [P].
 */
static int perform_atomic_semop(struct sem_array *sma, struct sem_queue *q)
{
	int i;

	assert_spin_locked(&sma->sem_perm.lock);
	for (i = 0; i < q->nsops; i++) {
		const struct sembuf *sop = &q->sops[i];
		struct sem *s = &sma->sems[sop->sem_num];
		int result = s->semval + sop->sem_op;

		if ((!sop->sem_op && s->semval) || result < 0) {
			q->blocking = sop;
			semop_rollback(sma, q->sops, i, q->undo);
			return (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN
							   : SEMOP_BLOCK;
		}
		if (result > SEMVMX)
			goto range;
		if (sop->sem_flg & SEM_UNDO) {
			int undo = q->undo->semadj[sop->sem_num] - sop->sem_op;

			if (undo < -SEMAEM - 1 || undo > SEMAEM)
				goto range;
			q->undo->semadj[sop->sem_num] = undo;
		}
		s->semval = result;
	}
	for (i = 0; i < q->nsops; i++)
		ipc_update_pid(&sma->sems[q->sops[i].sem_num].sempid,
			       q->pid);
	return 0;

range:
	semop_rollback(sma, q->sops, i, q->undo);
	return -ERANGE;
}

/*
 * Retry the blocked semops after a change, in arrival order: each that
 * completes (or fails) leaves the list and its sleeper is woken; a
 * completed one that altered values restarts the scan. Needs [P].
 */
static void update_queue(struct sem_array *sma)
{
	struct sem_queue *q, *tmp;
	bool again;

	do {
		again = false;
		list_for_each_entry_safe(q, tmp, &sma->pending, list) {
			int err = perform_atomic_semop(sma, q);

			if (err == SEMOP_BLOCK)
				continue;
			list_del_init(&q->list);
			q->status = err;
			wake_up_process(q->sleeper);
			if (!err && q->alter) {
				sma->sem_otime = ipc_seconds();
				again = true;
				break;
			}
		}
	} while (again);
}

/* The sem_undo of sma in current's undo list, or NULL. Needs [P]. */
static struct sem_undo *lookup_undo(struct sem_array *sma,
				    struct sem_undo_list *ulp)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->list_id, list_id)
		if (un->ulp == ulp)
			return un;
	return NULL;
}

/* current's undo list, made on first use. NULL: no memory. */
static struct sem_undo_list *get_undo_list(void)
{
	struct sem_undo_list *ulp = current->sysvsem_undo;

	if (ulp)
		return ulp;
	ulp = kzalloc(sizeof(*ulp));
	if (!ulp)
		return NULL;
	atomic_set(&ulp->refcnt, 1);
	spin_lock_init_ranked(&ulp->lock, "sem_undo_list.lock", LR_IPC_UNDO);
	INIT_LIST_HEAD(&ulp->list_proc);
	current->sysvsem_undo = ulp;
	return ulp;
}

/*
 * current's sem_undo for sma (made if needed). Called and returns with
 * [P] held, which it may drop to allocate: the caller rechecks deleted.
 * The undo, or ERR_PTR(-ENOMEM).
 */
static struct sem_undo *find_alloc_undo(struct sem_array *sma)
{
	struct sem_undo_list *ulp = get_undo_list();
	struct sem_undo *un, *new;

	if (!ulp)
		return ERR_PTR(-ENOMEM);
	un = lookup_undo(sma, ulp);
	if (un)
		return un;
	spin_unlock(&sma->sem_perm.lock);
	new = kzalloc(sizeof(*new) + sma->sem_nsems * sizeof(short));
	spin_lock(&sma->sem_perm.lock);
	if (!new)
		return ERR_PTR(-ENOMEM);
	un = lookup_undo(sma, ulp);
	if (un || sma->sem_perm.deleted) {
		kfree(new);		/* a slab free: no sleep */
		return un ? un : ERR_PTR(-EIDRM);
	}
	new->ulp = ulp;
	new->semid = sma->sem_perm.id;
	list_add(&new->list_id, &sma->list_id);
	spin_lock(&ulp->lock);
	list_add(&new->list_proc, &ulp->list_proc);
	spin_unlock(&ulp->lock);
	return new;
}

/*
 * Sleep until q is done, a signal or the deadline (0: none). The
 * result: q's status, -EINTR or -EAGAIN. Called and returns with [P].
 */
static int semop_sleep(struct sem_array *sma, struct sem_queue *q,
		       u64 until)
{
	list_add_tail(&q->list, &sma->pending);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock(&sma->sem_perm.lock);
		if (until)
			schedule_timeout(until);
		else
			schedule();
		spin_lock(&sma->sem_perm.lock);
		set_current_state(TASK_RUNNING);
		if (q->status != SEMOP_BLOCK)
			return q->status;
		if (signal_pending(current)) {
			list_del(&q->list);
			return -EINTR;
		}
		if (until && ktime_get_ns() >= until) {
			list_del(&q->list);
			return -EAGAIN;
		}
	}
}

/* The checks of a semop once the array is locked. 0 or -errno. */
static int semop_locked(struct sem_array *sma, struct sem_queue *q,
			bool undos, u64 until)
{
	int err;

	if (sma->sem_perm.deleted)
		return -EIDRM;
	if (undos) {
		q->undo = find_alloc_undo(sma);
		if (IS_ERR(q->undo))
			return PTR_ERR(q->undo);
		if (sma->sem_perm.deleted)
			return -EIDRM;
	}
	err = perform_atomic_semop(sma, q);
	if (err != SEMOP_BLOCK) {
		if (!err && q->alter) {
			sma->sem_otime = ipc_seconds();
			update_queue(sma);
		} else if (!err) {
			sma->sem_otime = ipc_seconds();
		}
		return err;
	}
	return semop_sleep(sma, q, until);
}

/* Scan sops: the highest sem_num, whether any undoes or alters. */
static void semop_scan(const struct sembuf *sops, int nsops, int *max,
		       bool *undos, bool *alter)
{
	*max = 0;
	*undos = *alter = false;
	for (int i = 0; i < nsops; i++) {
		if (sops[i].sem_num > *max)
			*max = sops[i].sem_num;
		if (sops[i].sem_flg & SEM_UNDO)
			*undos = true;
		if (sops[i].sem_op)
			*alter = true;
	}
}

/*
 * do_semtimedop - semop on semid with sops (kernel copy) and a deadline
 * on the monotonic clock (0: none). 0 or -errno (EINVAL, EFBIG, EACCES,
 * EIDRM, EAGAIN, ERANGE, EINTR, ENOMEM). May sleep.
 */
static long do_semtimedop(int semid, struct sembuf *sops, int nsops,
			  u64 until)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct sem_queue q = { .sops = sops, .nsops = nsops,
			       .sleeper = current, .status = SEMOP_BLOCK };
	struct kern_ipc_perm *p;
	struct sem_array *sma;
	bool undos;
	int max;
	long err;

	semop_scan(sops, nsops, &max, &undos, &q.alter);
	q.pid = task_tgid(current);
	p = ipc_get_object(sem_ids(ns), semid);
	if (IS_ERR(p))
		return PTR_ERR(p);
	sma = to_sma(p);
	err = -EFBIG;
	if (max >= sma->sem_nsems)
		goto out;
	err = -EACCES;
	if (ipcperms(ns, p, q.alter ? IPC_WRITE
				    : IPC_READ))
		goto out;
	spin_lock(&p->lock);
	err = semop_locked(sma, &q, undos, until);
	spin_unlock(&p->lock);
out:
	sem_put(sma);
	return err;
}

/* A relative timeout's deadline: 0 (none), a time, or -EFAULT/-EINVAL. */
static long semop_deadline(const void __user *uts, u64 *until)
{
	struct timespec_k ts;

	*until = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	*until = ktime_get_ns() + timespec_to_ns(&ts);
	if (!*until)
		*until = 1;
	return 0;
}

static long sys_semtimedop(int semid, struct sembuf __user *tsops,
			   unsigned int nsops, const void __user *timeout)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct sembuf fast[SEMOP_FAST], *sops = fast;
	u64 until;
	long err;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned int)sem_ctls_opm(ns))
		return -E2BIG;
	if (nsops > SEMOP_FAST) {
		sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	err = -EFAULT;
	if (copy_from_user(sops, tsops, nsops * sizeof(*sops)))
		goto out;
	err = semop_deadline(timeout, &until);
	if (!err)
		err = do_semtimedop(semid, sops, nsops, until);
out:
	if (sops != fast)
		kfree(sops);
	return err;
}
SYSCALL_ENTRY(semtimedop, sys_semtimedop);

static long sys_semop(int semid, struct sembuf __user *tsops,
		      unsigned int nsops)
{
	return sys_semtimedop(semid, tsops, nsops, NULL);
}
SYSCALL_ENTRY(semop, sys_semop);

/* --- semctl --- */

/*
 * Remove sma: every sleeper wakes with EIDRM, every sem_undo of it is
 * dropped from its undo list. Table mutex held; takes [P], then [U].
 */
static void freeary(struct ipc_namespace *ns, struct kern_ipc_perm *p)
{
	struct sem_array *sma = to_sma(p);
	struct sem_undo *un, *tu;
	struct sem_queue *q, *tq;

	mutex_assert_held(&sem_ids(ns)->mutex);
	spin_lock(&sma->sem_perm.lock);
	list_for_each_entry_safe(un, tu, &sma->list_id, list_id) {
		list_del(&un->list_id);
		spin_lock(&un->ulp->lock);
		list_del(&un->list_proc);
		spin_unlock(&un->ulp->lock);
		kfree(un);
	}
	list_for_each_entry_safe(q, tq, &sma->pending, list) {
		list_del_init(&q->list);
		q->status = -EIDRM;
		wake_up_process(q->sleeper);
	}
	spin_unlock(&sma->sem_perm.lock);
	ipc_rmid(sem_ids(ns), &sma->sem_perm);
	ns->used_sems -= sma->sem_nsems;
	sem_put(sma);			/* the table's reference */
}

static long semctl_info(struct ipc_namespace *ns, int cmd, void __user *buf)
{
	struct ipc_ids *ids = sem_ids(ns);
	struct seminfo si = {
		.semmni = sem_ctls_mni(ns), .semmns = sem_ctls_mns(ns),
		.semmsl = sem_ctls_msl(ns), .semopm = sem_ctls_opm(ns),
		.semvmx = SEMVMX, .semmnu = SEMMNU, .semmap = SEMMAP,
		.semume = SEMUME, .semusz = SEMUSZ, .semaem = SEMAEM,
	};
	int max;

	mutex_lock(&ids->mutex);
	if (cmd == SEM_INFO) {
		si.semusz = ids->in_use;
		si.semaem = ns->used_sems;
	}
	max = __ipc_get_maxidx(ids);
	mutex_unlock(&ids->mutex);
	return ipcctl_info_copy(buf, &si, sizeof(si), max);
}

/* The array p as semid64_ds (zeroed). Needs [P]. */
static void sem_fill(struct kern_ipc_perm *p, void *ds)
{
	struct semid64_ds *out = ds;

	kernel_to_ipc64_perm(p, &out->sem_perm);
	out->sem_otime = to_sma(p)->sem_otime;
	out->sem_ctime = to_sma(p)->sem_ctime;
	out->sem_nsems = to_sma(p)->sem_nsems;
}

/* IPC_STAT (by id), SEM_STAT, SEM_STAT_ANY (by slot). */
static long semctl_stat(struct ipc_namespace *ns, int semid, int cmd,
			void __user *buf)
{
	struct semid64_ds ds;
	struct ipc_stat st = { .cmd = cmd, .any = cmd == SEM_STAT_ANY,
			       .fill = sem_fill, .ds = &ds,
			       .size = sizeof(ds) };

	return ipcctl_stat(ns, sem_ids(ns), semid, &st, buf);
}

/* Blocked semops waiting on semnum: to grow (ncnt) or to be 0 (zcnt). */
static int count_semcnt(struct sem_array *sma, int semnum, bool zero)
{
	struct sem_queue *q;
	int n = 0;

	list_for_each_entry(q, &sma->pending, list) {
		const struct sembuf *sop = q->blocking;

		if (sop->sem_num != semnum)
			continue;
		if (zero ? sop->sem_op == 0 : sop->sem_op < 0)
			n++;
	}
	return n;
}

/* Forget every adjustment of semaphore semnum (-1: all). Needs [P]. */
static void sem_clear_undos(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->list_id, list_id) {
		if (semnum >= 0)
			un->semadj[semnum] = 0;
		else
			memset(un->semadj, 0, sma->sem_nsems * sizeof(short));
	}
}

/* GETVAL, GETPID, GETNCNT, GETZCNT, SETVAL on one semaphore. */
static long semctl_one(struct ipc_namespace *ns, int semid, int semnum,
		       int cmd, int val)
{
	struct kern_ipc_perm *p;
	struct sem_array *sma;
	long ret;

	if (cmd == SETVAL && (val > SEMVMX || val < 0))
		return -ERANGE;
	p = ipc_get_object(sem_ids(ns), semid);
	if (IS_ERR(p))
		return PTR_ERR(p);
	sma = to_sma(p);
	ret = -EINVAL;
	if (semnum < 0 || semnum >= sma->sem_nsems)
		goto out;
	ret = -EACCES;
	if (ipcperms(ns, p, cmd == SETVAL ? IPC_WRITE
					  : IPC_READ))
		goto out;
	spin_lock(&p->lock);
	if (p->deleted)
		ret = -EIDRM;
	else if (cmd == GETVAL)
		ret = sma->sems[semnum].semval;
	else if (cmd == GETPID)
		ret = pid_vnr(sma->sems[semnum].sempid);
	else if (cmd == GETNCNT || cmd == GETZCNT)
		ret = count_semcnt(sma, semnum, cmd == GETZCNT);
	else {
		sem_clear_undos(sma, semnum);
		sma->sems[semnum].semval = val;
		ipc_update_pid(&sma->sems[semnum].sempid, task_tgid(current));
		sma->sem_ctime = ipc_seconds();
		update_queue(sma);
		ret = 0;
	}
	spin_unlock(&p->lock);
out:
	sem_put(sma);
	return ret;
}

/* SETALL's values into sma. 0, -ERANGE or -EIDRM. Needs [P]. */
static long sem_setall(struct sem_array *sma, const unsigned short *vals)
{
	for (int i = 0; i < sma->sem_nsems; i++)
		if (vals[i] > SEMVMX)
			return -ERANGE;
	if (sma->sem_perm.deleted)
		return -EIDRM;
	sem_clear_undos(sma, -1);
	for (int i = 0; i < sma->sem_nsems; i++) {
		sma->sems[i].semval = vals[i];
		ipc_update_pid(&sma->sems[i].sempid, task_tgid(current));
	}
	sma->sem_ctime = ipc_seconds();
	update_queue(sma);
	return 0;
}

/* GETALL and SETALL: the values through a kernel copy. */
static long semctl_all(struct ipc_namespace *ns, int semid, int cmd,
		       unsigned short __user *array)
{
	struct kern_ipc_perm *p;
	struct sem_array *sma;
	unsigned short *vals;
	size_t len;
	long ret;

	p = ipc_get_object(sem_ids(ns), semid);
	if (IS_ERR(p))
		return PTR_ERR(p);
	sma = to_sma(p);
	ret = -EACCES;
	if (ipcperms(ns, p, cmd == SETALL ? IPC_WRITE
					  : IPC_READ))
		goto out;
	len = sma->sem_nsems * sizeof(*vals);
	ret = -ENOMEM;
	vals = kmalloc(len, GFP_KERNEL);
	if (!vals)
		goto out;
	ret = -EFAULT;
	if (cmd == SETALL && copy_from_user(vals, array, len))
		goto free;
	spin_lock(&p->lock);
	if (cmd == SETALL) {
		ret = sem_setall(sma, vals);
	} else {
		ret = p->deleted ? -EIDRM : 0;
		for (int i = 0; i < sma->sem_nsems; i++)
			vals[i] = sma->sems[i].semval;
	}
	spin_unlock(&p->lock);
	if (!ret && cmd == GETALL && copy_to_user(array, vals, len))
		ret = -EFAULT;
free:
	kfree(vals);
out:
	sem_put(sma);
	return ret;
}

/* IPC_SET and IPC_RMID: under the table mutex. */
static long semctl_down(struct ipc_namespace *ns, int semid, int cmd,
			void __user *buf)
{
	struct ipc_ids *ids = sem_ids(ns);
	struct kern_ipc_perm *p;
	struct semid64_ds ds;
	long err;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&ids->mutex);
	p = ipcctl_obtain_check(ns, ids, semid);
	err = PTR_ERR_OR_ZERO(p);
	if (err)
		goto out;
	if (cmd == IPC_RMID) {
		freeary(ns, p);
	} else {
		err = ipc_update_perm(&ds.sem_perm, p);
		if (!err) {
			spin_lock(&p->lock);
			to_sma(p)->sem_ctime = ipc_seconds();
			spin_unlock(&p->lock);
		}
	}
out:
	mutex_unlock(&ids->mutex);
	return err;
}

static long sys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	void __user *p = (void __user *)arg;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(ns, cmd, p);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(ns, semid, cmd, p);
	case GETALL:
	case SETALL:
		return semctl_all(ns, semid, cmd, p);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		return semctl_one(ns, semid, semnum, cmd, (int)arg);
	case IPC_SET:
	case IPC_RMID:
		return semctl_down(ns, semid, cmd, p);
	default:
		return -EINVAL;
	}
}
SYSCALL_ENTRY(semctl, sys_semctl);

/* --- undo lists: fork and exit --- */

/**
 * copy_semundo - the new task p shares current's undo list with
 * CLONE_SYSVSEM (made now if current had none), else starts with none.
 * 0 or -ENOMEM. May sleep.
 */
int copy_semundo(unsigned long clone_flags, struct task_struct *p)
{
	struct sem_undo_list *ulp;

	p->sysvsem_undo = NULL;
	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	ulp = get_undo_list();
	if (!ulp)
		return -ENOMEM;
	atomic_inc(&ulp->refcnt);
	p->sysvsem_undo = ulp;
	return 0;
}

/* Apply un's adjustments to sma and wake whoever can now go. [P]. */
static void sem_apply_undo(struct sem_array *sma, struct sem_undo *un)
{
	struct pid *pid = task_tgid(current);

	for (int i = 0; i < sma->sem_nsems; i++) {
		struct sem *s = &sma->sems[i];

		if (!un->semadj[i])
			continue;
		s->semval += un->semadj[i];
		if (s->semval < 0)
			s->semval = 0;	/* as Linux: clamp, never fail */
		if (s->semval > SEMVMX)
			s->semval = SEMVMX;
		ipc_update_pid(&s->sempid, pid);
	}
	update_queue(sma);
}

/*
 * Undo and free the first sem_undo of ulp. False when the list is
 * empty. The array is found by id; one removed meanwhile has already
 * dropped its undos (freeary() runs under the table mutex).
 */
static bool exit_one_undo(struct ipc_namespace *ns, struct sem_undo_list *ulp)
{
	struct kern_ipc_perm *p;
	struct sem_undo *un;
	int semid;

	spin_lock(&ulp->lock);
	un = list_first_entry_or_null(&ulp->list_proc, struct sem_undo,
				      list_proc);
	semid = un ? un->semid : -1;
	spin_unlock(&ulp->lock);
	if (!un)
		return false;
	p = ipc_get_object(sem_ids(ns), semid);
	if (IS_ERR(p))
		return true;		/* freeary() took it off already */
	spin_lock(&p->lock);
	un = p->deleted ? NULL : lookup_undo(to_sma(p), ulp);
	if (un) {
		list_del(&un->list_id);
		spin_lock(&ulp->lock);
		list_del(&un->list_proc);
		spin_unlock(&ulp->lock);
		sem_apply_undo(to_sma(p), un);
		kfree(un);
	}
	spin_unlock(&p->lock);
	sem_put(to_sma(p));
	return true;
}

/**
 * exit_sem - tsk stops using its undo list (exit, a failed fork,
 * unshare(CLONE_SYSVSEM)); its last user applies every adjustment.
 * Takes the table mutex and array locks; may sleep.
 */
void exit_sem(struct task_struct *tsk)
{
	struct sem_undo_list *ulp = tsk->sysvsem_undo;

	if (!ulp)
		return;
	tsk->sysvsem_undo = NULL;
	if (!atomic_dec_and_test(&ulp->refcnt))
		return;
	/* FIXME: the undos belong to the namespace of the arrays' ids;
	 * with one IPC namespace that is current's. */
	while (exit_one_undo(current_ipc_ns(), ulp))
		;
	kfree(ulp);
}

/* --- /proc/sysvipc/sem and namespaces --- */

/* One line of /proc/sysvipc/sem. Takes [P]. */
static void sysvipc_sem_line(struct seq_buf *m, struct kern_ipc_perm *p)
{
	struct user_namespace *uns = current_user_ns();
	struct sem_array *sma = to_sma(p);

	spin_lock(&p->lock);
	seq_printf(m, "%10d %10d  %4o %10u %5u %5u %5u %5u %10ld %10ld\n",
		   p->key, p->id, p->mode, sma->sem_nsems,
		   from_kuid_munged(uns, p->uid), from_kgid_munged(uns, p->gid),
		   from_kuid_munged(uns, p->cuid),
		   from_kgid_munged(uns, p->cgid),
		   sma->sem_otime, sma->sem_ctime);
	spin_unlock(&p->lock);
}

/* sysvipc_sem_show - /proc/sysvipc/sem for ns. Takes the table mutex;
 * may sleep. */
int sysvipc_sem_show(struct seq_buf *m, struct ipc_namespace *ns)
{
	return sysvipc_show_ids(m, sem_ids(ns),
		"       key      semid perms      nsems   uid   gid  "
		"cuid  cgid      otime      ctime\n", sysvipc_sem_line);
}

/* sem_exit_ns - remove every array of a dying namespace. May sleep. */
void sem_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, sem_ids(ns), freeary);
}
