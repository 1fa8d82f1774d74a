/*
 * prctl: the per-process switches Linux keeps there that tine has —
 * names, the parent-death signal, child subreapers, dumpable and
 * no_new_privs; the capability and securebits options are
 * cap_task_prctl()'s (security/commoncap.c). Unknown options are EINVAL,
 * as Linux.
 */
#include <tine/cred.h>
#include <tine/mm_types.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/trace.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37

/* Is `ancestor` (a group leader) above t in the family tree? */
static bool descends_from(struct task_struct *t, struct task_struct *ancestor)
{
	for (int depth = 0; t && depth < 4096; depth++) {
		struct task_struct *p = t->group_leader->real_parent;

		if (!p || p == t->group_leader)
			return false;
		if (p->group_leader == ancestor)
			return true;
		t = p;
	}
	return false;
}

/* A new subreaper: its existing descendants must look for it when
 * orphaned (new ones inherit has_child_subreaper at fork). */
static void set_child_subreaper(bool on)
{
	struct task_struct *me = current->group_leader, *t;
	unsigned long f = write_lock_irqsave(&tasklist_lock);

	me->signal->is_child_subreaper = on;
	if (on)
		list_for_each_entry(t, &task_list, tasks)
			if (t != me && descends_from(t, me))
				t->signal->has_child_subreaper = true;
	write_unlock_irqrestore(&tasklist_lock, f);
}

static long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
		      unsigned long arg4, unsigned long arg5)
{
	char name[TASK_COMM_LEN];
	long err = cap_task_prctl(option, arg2, arg3, arg4, arg5);

	if (err != -ENOSYS)
		return err;
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_SET_NAME:
		if (strncpy_from_user(name, (const char __user *)arg2,
				      sizeof(name)) < 0)
			return -EFAULT;
		name[sizeof(name) - 1] = 0;
		set_task_comm(current, name);
		return 0;
	case PR_GET_NAME:
		memcpy(name, current->comm, sizeof(name));
		return copy_to_user((void __user *)arg2, name, sizeof(name)) ?
			       -EFAULT : 0;
	case PR_SET_CHILD_SUBREAPER:
		set_child_subreaper(arg2 != 0);
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)current->signal->is_child_subreaper,
				(int __user *)arg2);
	case PR_GET_DUMPABLE:
		return current->mm ? get_dumpable(current->mm) : 0;
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		if (current->mm)
			set_dumpable(current->mm, arg2);
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		current->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return current->no_new_privs;
	}
	return -EINVAL;
}
SYSCALL_ENTRY(prctl, sys_prctl);
