/*
 * /proc/<pid>/ns: one magic link per kind of namespace ("uts ->
 * uts:[4026531838]"). Following a link (open, bind mount, stat) needs
 * ptrace read access to the task (PTRACE_MODE_READ_FSCREDS, checked by
 * procfs for the entry) and lands on the namespace's nsfs file
 * (fs/nsfs.c); readlink shows the kind and inode number.
 */
#include <tine/fs.h>
#include <tine/nsproxy.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <uapi/errno.h>

/* The nsfs path of t's namespace of kind ops (ENOENT if it has none). */
static int proc_ns_get_path(struct task_struct *t, struct path *p,
			    const struct proc_ns_operations *ops)
{
	struct ns_common *ns = ops->get(t);

	if (!ns)
		return -ENOENT;
	return ns_get_path(p, ns);
}

#define NS_LINK(kind, ops)                                                \
	static int kind##_get_path(struct task_struct *t, struct path *p) \
	{                                                                 \
		return proc_ns_get_path(t, p, &ops);                      \
	}
NS_LINK(net, netns_operations)
NS_LINK(uts, utsns_operations)
NS_LINK(ipc, ipcns_operations)
NS_LINK(pid, pidns_operations)
NS_LINK(pid_for_children, pidns_for_children_operations)
NS_LINK(user, userns_operations)
NS_LINK(mnt, mntns_operations)
NS_LINK(cgroup, cgroupns_operations)
NS_LINK(time, timens_operations)
NS_LINK(time_for_children, timens_for_children_operations)

#define NS_ENTRY(kind)                                           \
	{ .name = #kind, .mode = S_IFLNK | 0777,                 \
	  .get_path = kind##_get_path,                           \
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS }

/* In Linux's order (ns_entries[]). */
const struct proc_entry proc_ns_entries[] = {
	NS_ENTRY(net),
	NS_ENTRY(uts),
	NS_ENTRY(ipc),
	NS_ENTRY(pid),
	NS_ENTRY(pid_for_children),
	NS_ENTRY(user),
	NS_ENTRY(mnt),
	NS_ENTRY(cgroup),
	NS_ENTRY(time),
	NS_ENTRY(time_for_children),
	{ .name = NULL },
};
