/*
 * SysV IPC objects (shared memory, semaphore sets, message queues) and
 * the IPC namespace that holds their tables (ipc/, docs/ipc.md).
 *
 * Locks, outermost first (docs/locking.md):
 *   ipc_ids.mutex   [M]  one table: its slots, in_use, seq; held across
 *                        a get (key lookup or creation), IPC_SET and
 *                        IPC_RMID. Inside mm->mmap_lock (a shm detach in
 *                        vm_ops->close destroys a removed segment).
 *   kern_ipc_perm.lock [P] one object's fields (a spinlock; no user
 *                        copy, no sleep inside). Taken under [M] or
 *                        alone with a reference held.
 * Objects are counted (refcount): the table holds one reference, each
 * operation in flight takes one, so an object removed while a task
 * sleeps on it stays valid (marked deleted) until the last put.
 */
#ifndef TINE_IPC_H
#define TINE_IPC_H

#include <tine/atomic.h>
#include <tine/ipc_namespace.h>
#include <tine/mutex.h>
#include <tine/spinlock.h>
#include <tine/uidgid.h>
#include <uapi/ipc.h>

struct seq_buf;
struct user_namespace;
struct vfsmount;

#define IPCMNI_SHIFT 15
#define IPCMNI (1 << IPCMNI_SHIFT)	/* slots per table */
#define IPCMNI_SEQ_MAX (0x7fffffff >> IPCMNI_SHIFT)

struct kern_ipc_perm {
	spinlock_t lock;		/* [P] protects what is tagged [P] */
	bool deleted;			/* [P] removed (IPC_RMID, ns gone) */
	int id;				/* set once at ipc_addid() */
	int key;			/* [P] under the table's mutex too:
					 * shm IPC_RMID makes it private */
	kuid_t uid;			/* [P] owner (IPC_SET) */
	kgid_t gid;			/* [P] */
	kuid_t cuid;			/* creator, set once */
	kgid_t cgid;			/* creator, set once */
	unsigned int mode;		/* [P] rwx bits and SHM_DEST/LOCKED */
	unsigned short seq;		/* set once: the id's upper bits */
	atomic_t refcount;		/* table + operations in flight */
};

#define sem_ctls_msl(ns) READ_ONCE((ns)->sem_ctls[0])
#define sem_ctls_mns(ns) READ_ONCE((ns)->sem_ctls[1])
#define sem_ctls_opm(ns) READ_ONCE((ns)->sem_ctls[2])
#define sem_ctls_mni(ns) READ_ONCE((ns)->sem_ctls[3])

/* The namespace of current's SysV objects. Lock-free (own nsproxy). */
struct ipc_namespace *current_ipc_ns(void);

/* ipc/mqueue.c: register the mqueue filesystem (boot). */
void mq_init(void);

/* ipc/sem.c: SEM_UNDO lists, shared by CLONE_SYSVSEM (kernel/fork.c). */
struct task_struct;
int copy_semundo(unsigned long clone_flags, struct task_struct *tsk);
void exit_sem(struct task_struct *tsk);

#endif
