/*
 * Process groups and sessions: setpgid, getpgid, getpgrp, setsid,
 * getsid. A process's group and session are struct pids in its
 * signal_struct (task_pgrp(), task_session()), linked to through its
 * group leader (attach_pid): a group or session lives, and keeps its
 * number, while any member does. Ids are shown in the caller's PID
 * namespace. All under tasklist_lock.
 */
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/tty.h>
#include <uapi/errno.h>

/* Does p's process lead its session (setsid made it, and its id)? */
static bool is_session_leader(struct task_struct *p)
{
	return task_session(p) == task_pid(p->group_leader);
}

/*
 * setpgid - move process pid (0: us) to group pgid (0: its own id). The
 * caller may move itself or a child of its own session that has not
 * exec'd; a session leader cannot move; the group must exist in the
 * caller's session unless it is the process's own id.
 */
static long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p, *me = current->group_leader, *g;
	struct pid *pgrp;
	unsigned long f;
	long err;

	if (!pid)
		pid = task_pid_vnr(me);
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	/* Held throughout, so that our child's parent cannot change. */
	f = write_lock_irqsave(&tasklist_lock);
	err = -ESRCH;
	p = find_task_by_vpid(pid);
	if (!p)
		goto out;
	err = -EINVAL;
	if (!thread_group_leader(p))
		goto out;
	if (p->real_parent->signal == me->signal) {
		err = -EPERM;
		if (task_session(p) != task_session(me))
			goto out;
		err = -EACCES;
		if (!(p->flags & PF_FORKNOEXEC))
			goto out;
	} else {
		err = -ESRCH;
		if (p != me)
			goto out;
	}
	err = -EPERM;
	if (is_session_leader(p))
		goto out;
	pgrp = task_pid(p);
	if (pgid != pid) {
		pgrp = find_vpid(pgid);
		g = pid_task(pgrp, PIDTYPE_PGID);
		if (!g || task_session(g) != task_session(me))
			goto out;
	}
	if (task_pgrp(p) != pgrp)
		change_pid(p, PIDTYPE_PGID, pgrp);
	err = 0;
out:
	write_unlock_irqrestore(&tasklist_lock, f);
	return err;
}
SYSCALL_ENTRY(setpgid, sys_setpgid);

/* The process group (or session) id of pid (0: us), as we see it. */
static long get_group_id(pid_t pid, enum pid_type type)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;
	long ret = -ESRCH;

	if (p)
		ret = pid_vnr(type == PIDTYPE_SID ? task_session(p) :
						    task_pgrp(p));
	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

static long sys_getpgid(pid_t pid) { return get_group_id(pid, PIDTYPE_PGID); }
SYSCALL_ENTRY(getpgid, sys_getpgid);

static long sys_getpgrp(void) { return get_group_id(0, PIDTYPE_PGID); }
SYSCALL_ENTRY(getpgrp, sys_getpgrp);

static long sys_getsid(pid_t pid) { return get_group_id(pid, PIDTYPE_SID); }
SYSCALL_ENTRY(getsid, sys_getsid);

/*
 * setsid - a new session and group led by the caller, with no
 * controlling tty. EPERM if it leads a session already, or if its id
 * names a process group (its own, or one it left whose members live).
 */
static long sys_setsid(void)
{
	struct task_struct *me = current->group_leader;
	struct pid *sid = task_pid(me);
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	long ret = -EPERM;

	if (is_session_leader(me) || pid_has_task(sid, PIDTYPE_PGID))
		goto out;
	if (task_session(me) != sid)
		change_pid(me, PIDTYPE_SID, sid);
	if (task_pgrp(me) != sid)
		change_pid(me, PIDTYPE_PGID, sid);
	tty_kref_put(me->signal->tty);	/* a last put only frees memory */
	me->signal->tty = NULL;
	ret = pid_vnr(sid);
out:
	write_unlock_irqrestore(&tasklist_lock, f);
	/* A new session is a new autogroup (kernel/sched/autogroup.c). */
	if (ret >= 0)
		sched_autogroup_create_attach(current);
	return ret;
}
SYSCALL_ENTRY(setsid, sys_setsid);
