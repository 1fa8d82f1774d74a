/*
 * Process groups and sessions: setpgid, getpgid, getpgrp, setsid,
 * getsid. Ids are kept as global numbers in signal_struct (pgrp,
 * session) and shown in the caller's PID namespace. All under
 * tasklist_lock, which protects those fields.
 */
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <uapi/errno.h>

/* Is there a process in pgrp (global id) within session? */
static bool pgrp_in_session(pid_t pgrp, pid_t session)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (thread_group_leader(p) && !p->exit_state &&
		    p->signal->pgrp == pgrp && p->signal->session == session)
			return true;
	return false;
}

/* The process (leader) with user-visible id nr, or current for 0. */
static struct task_struct *lookup_process(pid_t nr)
{
	struct task_struct *p = nr ? find_task_by_vpid(nr) : current;

	return p ? p->group_leader : NULL;
}

static long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p, *me = current->group_leader;
	struct pid *pg;
	pid_t gpgid;
	unsigned long f;
	long err;

	if (pid < 0 || pgid < 0)
		return -EINVAL;
	f = write_lock_irqsave(&tasklist_lock);
	err = -ESRCH;
	p = lookup_process(pid);
	if (!p)
		goto out;
	if (p != me) {
		/* Only ourselves or a child that has not exec'd yet. */
		if (p->real_parent->group_leader != me)
			goto out;
		err = -EPERM;
		if (p->signal->session != me->signal->session)
			goto out;
		err = -EACCES;
		if (!(p->flags & PF_FORKNOEXEC))
			goto out;
	}
	err = -EPERM;
	if (p->signal->session == p->pid)	/* a session leader */
		goto out;
	if (pgid == 0) {
		gpgid = p->pid;
	} else {
		pg = find_vpid(pgid);
		gpgid = pg ? pg->numbers[0].nr : -1;
		if (gpgid != p->pid &&
		    !pgrp_in_session(gpgid, me->signal->session))
			goto out;
	}
	p->signal->pgrp = gpgid;
	err = 0;
out:
	write_unlock_irqrestore(&tasklist_lock, f);
	return err;
}
SYSCALL_ENTRY(setpgid, sys_setpgid);

/* The process group (or session) id of pid (0: us), as we see it. */
static long get_group_id(pid_t pid, bool session)
{
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	struct task_struct *p = lookup_process(pid);
	long ret = -ESRCH;

	if (p)
		ret = global_to_ns(session ? p->signal->session :
					     p->signal->pgrp,
				   task_active_pid_ns(current));
	write_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

static long sys_getpgid(pid_t pid) { return get_group_id(pid, false); }
SYSCALL_ENTRY(getpgid, sys_getpgid);

static long sys_getpgrp(void) { return get_group_id(0, false); }
SYSCALL_ENTRY(getpgrp, sys_getpgrp);

static long sys_getsid(pid_t pid) { return get_group_id(pid, true); }
SYSCALL_ENTRY(getsid, sys_getsid);

/* A new session and group led by the caller, with no controlling tty;
 * EPERM if the caller already leads a process group. */
static long sys_setsid(void)
{
	struct task_struct *me = current->group_leader;
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	struct task_struct *p;
	long ret = -EPERM;

	list_for_each_entry(p, &task_list, tasks)
		if (thread_group_leader(p) && !p->exit_state &&
		    p->signal->pgrp == me->pid)
			goto out;
	me->signal->session = me->pid;
	me->signal->pgrp = me->pid;
	me->signal->tty = NULL;
	ret = task_tgid_vnr(me);
out:
	write_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}
SYSCALL_ENTRY(setsid, sys_setsid);
