/* ipc/: what shm.c, sem.c and msg.c share (ipc/util.c). */
#ifndef IPC_UTIL_H
#define IPC_UTIL_H

#include <tine/ipc.h>
#include <tine/lockdep.h>
#include <tine/pid.h>
#include <tine/seq_buf.h>

/*
 * ipc_update_pid - *pos (an object's cpid/lpid-like field) takes a
 * reference on pid and drops the one it had. The pid is numbered for
 * each reader: pid_vnr() for a ctl caller, the reader's namespace for
 * /proc/sysvipc (as Linux). Needs the object's lock; does not sleep.
 */
static inline void ipc_update_pid(struct pid **pos, struct pid *pid)
{
	struct pid *old = *pos;

	if (old != pid) {
		*pos = get_pid(pid);
		put_pid(old);
	}
}

/* The access ipcperms() is asked for (all classes; it picks one). */
#define IPC_READ 0444
#define IPC_WRITE 0222
#define IPC_EXEC 0111

/* What a get asked for. */
struct ipc_params {
	int key;
	int flg;			/* IPC_CREAT, IPC_EXCL, mode bits */
	union {
		size_t size;		/* shmget */
		int nsems;		/* semget */
	} u;
};

/* How a get makes and checks objects of one kind. */
struct ipc_ops {
	/* Make and add a new object: its id or -errno. ids->mutex held. */
	int (*getnew)(struct ipc_namespace *ns, struct ipc_params *params);
	/* Does an existing object suit the get (size, nsems)? 0/-errno. */
	int (*more_checks)(struct kern_ipc_perm *p,
			   const struct ipc_params *params);
};

/* What IPC_STAT and a kind's *_STAT commands answer (ipcctl_stat()). */
struct ipc_stat {
	int cmd;			/* IPC_STAT: by id; else by slot */
	bool any;			/* *_STAT_ANY: no read permission */
	/* Write p's answer in ds (zeroed first). Under p->lock. */
	void (*fill)(struct kern_ipc_perm *p, void *ds);
	void *ds;			/* the kind's *id64_ds */
	size_t size;			/* its size */
};

static inline int ipcid_to_idx(int id)
{
	return id & (IPCMNI - 1);
}

void ipc_init_ids(struct ipc_ids *ids);
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p);
struct kern_ipc_perm *ipc_obtain_object_idx(struct ipc_ids *ids, int idx);
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_get_object(struct ipc_ids *ids, int id);
void ipc_put(struct kern_ipc_perm *p, void (*free)(struct kern_ipc_perm *));
int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *p, int flag);
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_namespace *ns,
					  struct ipc_ids *ids, int id);
void kernel_to_ipc64_perm(struct kern_ipc_perm *p, struct ipc64_perm *out);
int ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *p);
long ipcctl_stat(struct ipc_namespace *ns, struct ipc_ids *ids, int id,
		 const struct ipc_stat *st, void __user *buf);
long ipcctl_info_copy(void __user *buf, const void *info, size_t size,
		      int max_idx);
void free_ipcs(struct ipc_namespace *ns, struct ipc_ids *ids,
	       void (*free)(struct ipc_namespace *, struct kern_ipc_perm *));
int sysvipc_show_ids(struct seq_buf *m, struct ipc_ids *ids,
		     const char *header,
		     void (*show)(struct seq_buf *, struct kern_ipc_perm *));
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids,
	   const struct ipc_ops *ops, struct ipc_params *params);
int ipc_get_maxidx(struct ipc_ids *ids);

/* The highest slot in use, or -1. Needs ids->mutex. */
static inline int __ipc_get_maxidx(struct ipc_ids *ids)
{
	mutex_assert_held(&ids->mutex);
	return ids->max_idx - 1;
}
long ipc_seconds(void);

/* /proc/sysvipc/<kind>: one line per object of ns (each kind's show). */
int sysvipc_shm_show(struct seq_buf *m, struct ipc_namespace *ns);
int sysvipc_sem_show(struct seq_buf *m, struct ipc_namespace *ns);
int sysvipc_msg_show(struct seq_buf *m, struct ipc_namespace *ns);

/* Teardown of each kind when a namespace goes (ipc/namespace.c). */
void shm_exit_ns(struct ipc_namespace *ns);
void sem_exit_ns(struct ipc_namespace *ns);
void msg_exit_ns(struct ipc_namespace *ns);
void mq_exit_ns(struct ipc_namespace *ns);

#endif
