/*
 * IPC namespaces: what SysV IPC (message queues, semaphores, shared
 * memory) and POSIX message queues a task sees. CLONE_NEWIPC gives a
 * task a new, empty one; setns() joins another.
 *
 * This is the namespace object only (ipc/namespace.c): the IPC objects
 * of a namespace hang off it (ipc/ adds their tables here).
 * Legend: [I] fixed once made, [A] atomic.
 */
#ifndef TINE_IPC_NAMESPACE_H
#define TINE_IPC_NAMESPACE_H

#include <tine/atomic.h>
#include <tine/mutex.h>
#include <tine/ns_common.h>
#include <tine/spinlock.h>

struct kern_ipc_perm;
struct user_namespace;
struct vfsmount;

/* One SysV id table (ipc/util.c; locks in <tine/ipc.h>). */
struct ipc_ids {
	struct mutex mutex;		/* [M] the lock of this table */
	int in_use;			/* [M] objects in the table */
	unsigned short seq;		/* [M] sequence for the next id */
	int last_idx;			/* [M] last slot handed out */
	int max_idx;			/* [M] 1 + the highest used slot */
	int size;			/* [M] slots allocated in entries */
	struct kern_ipc_perm **entries;	/* [M] slot -> object or NULL */
};

#define IPC_SEM_IDS 0
#define IPC_MSG_IDS 1
#define IPC_SHM_IDS 2

/*
 * The limits are sysctls (kernel.*, fs.mqueue.*, per namespace), read
 * with READ_ONCE and written whole.
 */
struct ipc_namespace {
	struct ns_common ns;		/* [A] count: nsproxies, ns files,
					 * shm attaches */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
	struct ipc_ids ids[3];		/* IPC_{SEM,MSG,SHM}_IDS */
	int sem_ctls[4];		/* semmsl semmns semopm semmni */
	int used_sems;			/* [ids[IPC_SEM_IDS].mutex] */
	unsigned int msg_ctlmax;	/* msgmax: one message */
	unsigned int msg_ctlmnb;	/* msgmnb: default queue bytes */
	unsigned int msg_ctlmni;	/* msgmni: queues */
	atomic_t msg_bytes;		/* bytes in all queues */
	atomic_t msg_hdrs;		/* messages in all queues */
	unsigned long shm_ctlmax;	/* shmmax: one segment, bytes */
	unsigned long shm_ctlall;	/* shmall: all segments, pages */
	unsigned long shm_tot;		/* [ids[IPC_SHM_IDS].mutex] pages */
	int shm_ctlmni;			/* shmmni: segments */
	/* POSIX message queues (ipc/mqueue.c) */
	struct vfsmount *mq_mnt;	/* [mq_mount_lock] made on first use */
	atomic_t mq_queues_count;	/* queues that exist */
	unsigned int mq_queues_max;	/* queues_max */
	unsigned int mq_msg_max;	/* msg_max: mq_maxmsg's bound */
	unsigned int mq_msgsize_max;	/* msgsize_max */
	unsigned int mq_msg_default;	/* msg_default */
	unsigned int mq_msgsize_default;	/* msgsize_default */
};

extern struct ipc_namespace init_ipc_ns;

/*
 * copy_ipcs - ns shared (a reference), or with CLONE_NEWIPC a new empty
 * namespace owned by user_ns. ERR_PTR(-ENOMEM) on failure. May sleep.
 */
struct ipc_namespace *copy_ipcs(unsigned long flags,
				struct user_namespace *user_ns,
				struct ipc_namespace *ns);
struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns);
/* Drop a reference; the last one frees ns (and what is in it). */
void put_ipc_ns(struct ipc_namespace *ns);

#endif
