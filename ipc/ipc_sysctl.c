/*
 * The SysV IPC limits in /proc/sys/kernel, the POSIX queues' in
 * /proc/sys/fs/mqueue (sysctl tables, <tine/sysctl.h>) and the
 * /proc/sysvipc files, all for the reader's IPC namespace: a table
 * entry's data is the field of init_ipc_ns, and the handlers use the
 * same field of current's namespace. Values are read and written whole
 * (READ_ONCE/WRITE_ONCE in the handlers) and apply to objects made
 * after; writes outside Linux's ranges are EINVAL.
 */
#include <tine/init.h>
#include <tine/ipc.h>
#include <tine/procfs.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "util.h"

/* The field of current's namespace that t stands for. */
static void *ipc_field(const struct ctl_table *t)
{
	return (char *)current_ipc_ns() +
	       ((char *)t->data - (char *)&init_ipc_ns);
}

static int proc_ipc_dointvec_minmax(const struct ctl_table *t, int write,
				    char *buf, size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;

	tmp.data = ipc_field(t);
	return proc_dointvec_minmax(&tmp, write, buf, lenp, ppos);
}

static int proc_ipc_doulongvec_minmax(const struct ctl_table *t, int write,
				      char *buf, size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;

	tmp.data = ipc_field(t);
	return proc_doulongvec_minmax(&tmp, write, buf, lenp, ppos);
}

/* kernel.sem: four ints; semmni at most IPCMNI, else nothing changes. */
static int proc_ipc_sem_dointvec(const struct ctl_table *t, int write,
				 char *buf, size_t *lenp, off_t *ppos)
{
	int *ctls = ipc_field(t), vals[4];
	struct ctl_table tmp = *t;
	int err;

	for (int i = 0; i < 4; i++)
		vals[i] = READ_ONCE(ctls[i]);
	tmp.data = vals;
	err = proc_dointvec(&tmp, write, buf, lenp, ppos);
	if (err || !write)
		return err;
	if (vals[3] < 0 || vals[3] > IPCMNI)
		return -EINVAL;
	for (int i = 0; i < 4; i++)
		WRITE_ONCE(ctls[i], vals[i]);
	return 0;
}

static const int ipc_mni = IPCMNI;
static const int mq_msg_bounds[2] = { 1, 65536 };
static const int mq_msgsize_bounds[2] = { 128, 16 * 1024 * 1024 };

#define IPC_INT(n, field, lo, hi)                                          \
	{ .procname = n, .data = &init_ipc_ns.field,                       \
	  .maxlen = sizeof(int), .mode = 0644,                             \
	  .proc_handler = proc_ipc_dointvec_minmax, .extra1 = lo,          \
	  .extra2 = hi }

static const struct ctl_table ipc_kern_table[] = {
	IPC_INT("msgmax", msg_ctlmax, SYSCTL_ZERO, SYSCTL_INT_MAX),
	IPC_INT("msgmnb", msg_ctlmnb, SYSCTL_ZERO, SYSCTL_INT_MAX),
	IPC_INT("msgmni", msg_ctlmni, SYSCTL_ZERO, &ipc_mni),
	{ .procname = "sem", .data = &init_ipc_ns.sem_ctls,
	  .maxlen = sizeof(init_ipc_ns.sem_ctls), .mode = 0644,
	  .proc_handler = proc_ipc_sem_dointvec },
	{ .procname = "shmall", .data = &init_ipc_ns.shm_ctlall,
	  .maxlen = sizeof(unsigned long), .mode = 0644,
	  .proc_handler = proc_ipc_doulongvec_minmax },
	{ .procname = "shmmax", .data = &init_ipc_ns.shm_ctlmax,
	  .maxlen = sizeof(unsigned long), .mode = 0644,
	  .proc_handler = proc_ipc_doulongvec_minmax },
	IPC_INT("shmmni", shm_ctlmni, SYSCTL_ZERO, &ipc_mni),
	{ }
};

static const struct ctl_table ipc_mqueue_table[] = {
	IPC_INT("msg_default", mq_msg_default, &mq_msg_bounds[0],
		&mq_msg_bounds[1]),
	IPC_INT("msg_max", mq_msg_max, &mq_msg_bounds[0], &mq_msg_bounds[1]),
	IPC_INT("msgsize_default", mq_msgsize_default, &mq_msgsize_bounds[0],
		&mq_msgsize_bounds[1]),
	IPC_INT("msgsize_max", mq_msgsize_max, &mq_msgsize_bounds[0],
		&mq_msgsize_bounds[1]),
	IPC_INT("queues_max", mq_queues_max, SYSCTL_ZERO, SYSCTL_INT_MAX),
	{ }
};

static void ipc_sysctl_init(void)
{
	register_sysctl("kernel", ipc_kern_table);
	register_sysctl("fs/mqueue", ipc_mqueue_table);
}
__initcall(ipc_sysctl_init);

static int sysvipc_shm_proc(struct seq_buf *m, struct task_struct *t)
{
	return sysvipc_shm_show(m, current_ipc_ns());
}

static int sysvipc_sem_proc(struct seq_buf *m, struct task_struct *t)
{
	return sysvipc_sem_show(m, current_ipc_ns());
}

static int sysvipc_msg_proc(struct seq_buf *m, struct task_struct *t)
{
	return sysvipc_msg_show(m, current_ipc_ns());
}

/* The files of /proc/sysvipc (fs/proc_misc.c). */
const struct proc_entry ipc_sysvipc_entries[] = {
	{ .name = "msg", .mode = S_IFREG | 0444, .show = sysvipc_msg_proc },
	{ .name = "sem", .mode = S_IFREG | 0444, .show = sysvipc_sem_proc },
	{ .name = "shm", .mode = S_IFREG | 0444, .show = sysvipc_shm_proc },
	{ .name = NULL },
};
