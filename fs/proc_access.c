/*
 * Who may see what under /proc/<pid> (Linux's fs/proc/base.c rules).
 *
 * - A task's files belong to its effective uid and gid, unless it is
 *   not dumpable (it changed ids, exec'd a set-id or unreadable program,
 *   or said PR_SET_DUMPABLE 0): then to root of its mm's user namespace
 *   (task_dump_owner()). The owner is worked out again at every
 *   permission check and stat, as the task's ids may have changed since
 *   the inode was made.
 * - Files that show the task's memory or its open files also need
 *   ptrace_may_access() with the reader's filesystem ids: READ for
 *   environ, maps, auxv and the cwd/root/exe/fd links, ATTACH for mem
 *   (proc_entry.ptrace_mode, checked at open and at link-follow time;
 *   EACCES when refused).
 * - /proc/<pid>/fd is mode 0500 for the owner, and always open to the
 *   task's own threads (proc_fd_permission()).
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/sched.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

/*
 * task_dump_owner - who owns t's /proc files of mode: its euid/egid,
 * or root (of its mm's user namespace) when t is not dumpable or has
 * no mm. World-readable directories (/proc/<pid> itself) always show
 * the euid, as Linux (procps reads a process's uid from there).
 */
void task_dump_owner(struct task_struct *t, mode_t mode, kuid_t *uid,
		     kgid_t *gid)
{
	const struct cred *c;
	struct mm_struct *mm;

	if (t->flags & PF_KTHREAD) {
		*uid = GLOBAL_ROOT_UID;
		*gid = GLOBAL_ROOT_GID;
		return;
	}
	c = get_task_cred(t);
	*uid = c->euid;
	*gid = c->egid;
	put_cred(c);
	if (mode == (S_IFDIR | 0555))
		return;
	mm = get_task_mm(t);
	if (!mm) {
		*uid = GLOBAL_ROOT_UID;
		*gid = GLOBAL_ROOT_GID;
		return;
	}
	if (get_dumpable(mm) != SUID_DUMP_USER) {
		*uid = make_kuid(mm->user_ns, 0);
		*gid = make_kgid(mm->user_ns, 0);
		if (!uid_valid(*uid))
			*uid = GLOBAL_ROOT_UID;
		if (!gid_valid(*gid))
			*gid = GLOBAL_ROOT_GID;
	}
	mmput(mm);
}

/*
 * proc_pid_update_inode - set i's owner from its task now (under the
 * inode's lock). Returns the task, referenced, or NULL if it is gone
 * (or i is not a per-task inode).
 */
struct task_struct *proc_pid_update_inode(struct inode *i)
{
	struct task_struct *t = proc_get_task(i);
	kuid_t uid;
	kgid_t gid;

	if (!t)
		return NULL;
	task_dump_owner(t, i->i_mode, &uid, &gid);
	mutex_lock(&i->i_lock);
	i->i_uid = uid;
	i->i_gid = gid;
	mutex_unlock(&i->i_lock);
	return t;
}

/*
 * proc_permission - inode_permission() for every /proc inode: the mode
 * bits against the current owner; a task's fd directory is also open
 * to its own threads.
 */
int proc_permission(struct inode *i, int mask)
{
	struct task_struct *t = NULL;
	int err;

	if (PROC_I(i)->pid) {
		t = proc_pid_update_inode(i);
		if (!t)
			return -ENOENT;
	}
	/* hidepid: another's process directory is not entered. */
	if (t && (PROC_I(i)->entry == &proc_pid_entry ||
		  PROC_I(i)->entry == &proc_tid_entry) &&
	    !proc_has_pid_permissions(proc_sb_info(i->i_sb), t,
				      HIDEPID_NO_ACCESS)) {
		err = READ_ONCE(proc_sb_info(i->i_sb)->hide_pid) ==
				      HIDEPID_INVISIBLE
			      ? -ENOENT : -EPERM;
		put_task_struct(t);
		return err;
	}
	if (PROC_I(i)->entry->permission)
		err = PROC_I(i)->entry->permission(i, mask);
	else
		err = generic_permission(i, mask);
	if (err && t && PROC_I(i)->entry->own_threads_ok &&
	    same_thread_group(t, current))
		err = 0;
	/* A directory of the task's files (fdinfo) needs ptrace access. */
	if (!err && t && S_ISDIR(i->i_mode) && PROC_I(i)->entry->ptrace_mode &&
	    !ptrace_may_access(t, PROC_I(i)->entry->ptrace_mode))
		err = -EACCES;
	if (t)
		put_task_struct(t);
	return err;
}

/* proc_has_pid_permissions - see procfs.h. */
bool proc_has_pid_permissions(struct proc_fs_info *fi, struct task_struct *t,
			      int level)
{
	int hide = READ_ONCE(fi->hide_pid);

	if (hide == HIDEPID_NOT_PTRACEABLE)
		return ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS);
	if (hide < level ||
	    in_group_p(KGIDT_INIT(READ_ONCE(fi->pid_gid.val))))
		return true;
	return ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS);
}

/* proc_getattr - stat shows the owner as it is now. */
void proc_getattr(struct dentry *d, struct kstat *st)
{
	struct task_struct *t;

	if (!PROC_I(d->d_inode)->pid)
		return;
	t = proc_pid_update_inode(d->d_inode);
	if (!t)
		return;
	task_dump_owner(t, d->d_inode->i_mode, &st->uid, &st->gid);
	put_task_struct(t);
}

/*
 * proc_may_access - the ptrace check an entry asks for (at open, or
 * before following or reading a link). 0 or -EACCES.
 */
int proc_may_access(const struct proc_entry *e, struct task_struct *t,
		    int fd)
{
	unsigned int mode = e->ptrace_mode;

	if (fd >= 0)
		mode = PTRACE_MODE_READ_FSCREDS;
	if (!mode || !t)
		return 0;
	return ptrace_may_access(t, mode) ? 0 : -EACCES;
}

/*
 * proc_mm_access - t's address space, if the reader may look into it
 * in mode (a ptrace_may_access() mode; one's own always). Returns it
 * with a user reference, NULL if t has none, or ERR_PTR(-EACCES). The
 * check is made on the mm we return: should t exec meanwhile (maybe a
 * set-id program), we look again. May sleep.
 */
struct mm_struct *proc_mm_access(struct task_struct *t, unsigned int mode)
{
	for (int tries = 0; tries < 4; tries++) {
		struct mm_struct *mm = get_task_mm(t);
		bool same;

		if (!mm)
			return NULL;
		if (mm != current->mm && !ptrace_may_access(t, mode)) {
			mmput(mm);
			return ERR_PTR(-EACCES);
		}
		task_lock(t);
		same = t->mm == mm;
		task_unlock(t);
		if (same)
			return mm;
		mmput(mm);
	}
	return ERR_PTR(-EACCES);
}
