/*
 * kcmp(2): are two processes' resources (files, address space, fd
 * table, fs_struct, signal handlers) the same object? The answer is an
 * order as well (0 equal, 1 less, 2 greater) over the objects' addresses
 * scrambled by per-type random cookies, so it reveals no kernel address.
 * The caller needs PTRACE_MODE_READ_REALCREDS over both processes,
 * checked under their cred_guard_mutexes.
 */
#include <asm/processor.h>
#include <tine/cred.h>
#include <tine/eventpoll.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/ptrace.h>
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

enum kcmp_type {
	KCMP_FILE,
	KCMP_VM,
	KCMP_FILES,
	KCMP_FS,
	KCMP_SIGHAND,
	KCMP_IO,
	KCMP_SYSVSEM,
	KCMP_EPOLL_TFD,
	KCMP_TYPES,
};

static unsigned long cookies[KCMP_TYPES][2];	/* set once, then read-only */
static int cookies_ready;			/* [A] */

static void kcmp_cookies_init(void)
{
	unsigned long c[KCMP_TYPES][2];

	if (__atomic_load_n(&cookies_ready, __ATOMIC_ACQUIRE))
		return;
	get_random_bytes(c, sizeof(c));
	for (int i = 0; i < KCMP_TYPES; i++)
		c[i][1] |= 1;	/* an odd multiplier is a bijection */
	/* Racing first callers may both fill; the first publish wins. */
	if (__atomic_exchange_n(&cookies_ready, 2, __ATOMIC_ACQ_REL) != 2) {
		memcpy(cookies, c, sizeof(c));
		__atomic_store_n(&cookies_ready, 1, __ATOMIC_RELEASE);
	}
	while (__atomic_load_n(&cookies_ready, __ATOMIC_ACQUIRE) != 1)
		cpu_relax();
}

/* 0 if v1 == v2, else 1 or 2 by their scrambled order. */
static long kcmp_ptr(const void *v1, const void *v2, enum kcmp_type type)
{
	unsigned long t1 = ((unsigned long)v1 ^ cookies[type][0]) *
			   cookies[type][1];
	unsigned long t2 = ((unsigned long)v2 ^ cookies[type][0]) *
			   cookies[type][1];

	return (t1 < t2) | ((t1 > t2) << 1);
}

/* Lock both cred_guard_mutexes (one if shared) in address order. */
static int kcmp_lock(struct mutex *m1, struct mutex *m2)
{
	if (m2 < m1) {
		struct mutex *t = m1;

		m1 = m2;
		m2 = t;
	}
	if (mutex_lock_killable(m1))
		return -EINTR;
	if (m1 != m2 && mutex_lock_killable(m2)) {
		mutex_unlock(m1);
		return -EINTR;
	}
	return 0;
}

static void kcmp_unlock(struct mutex *m1, struct mutex *m2)
{
	mutex_unlock(m1);
	if (m1 != m2)
		mutex_unlock(m2);
}

static long kcmp_files(struct task_struct *t1, struct task_struct *t2,
		       unsigned long idx1, unsigned long idx2)
{
	struct file *f1 = fget_task(t1, idx1), *f2 = fget_task(t2, idx2);
	long ret = (f1 && f2) ? kcmp_ptr(f1, f2, KCMP_FILE) : -EBADF;

	if (f1)
		fput(f1);
	if (f2)
		fput(f2);
	return ret;
}

/* What KCMP_EPOLL_TFD's idx2 points to. */
struct kcmp_epoll_slot {
	u32 efd;			/* an epoll fd of the second task */
	u32 tfd;			/* a target fd watched there */
	u64 toff;			/* which of the watches of that fd */
};

/* Is t1's file idx1 the file t2's epoll efd watches as tfd? */
static long kcmp_epoll_target(struct task_struct *t1, struct task_struct *t2,
			      unsigned long idx1,
			      struct kcmp_epoll_slot __user *uslot)
{
	struct kcmp_epoll_slot slot;
	struct file *f1, *ep;
	const void *raw;
	long ret;

	if (copy_from_user(&slot, uslot, sizeof(slot)))
		return -EFAULT;
	f1 = fget_task(t1, idx1);
	if (!f1)
		return -EBADF;
	ep = fget_task(t2, slot.efd);
	ret = -EBADF;
	if (ep) {
		ret = epoll_tfile_raw(ep, slot.tfd, slot.toff, &raw);
		if (!ret)
			ret = kcmp_ptr(f1, raw, KCMP_FILE);
		fput(ep);
	}
	fput(f1);
	return ret;
}

/* The comparison itself; both tasks' credentials are held still. */
static long do_kcmp(struct task_struct *t1, struct task_struct *t2, int type,
		    unsigned long idx1, unsigned long idx2)
{
	switch (type) {
	case KCMP_FILE:
		return kcmp_files(t1, t2, idx1, idx2);
	case KCMP_VM:
		return kcmp_ptr(READ_ONCE(t1->mm), READ_ONCE(t2->mm), KCMP_VM);
	case KCMP_FILES:
		return kcmp_ptr(READ_ONCE(t1->files), READ_ONCE(t2->files),
				KCMP_FILES);
	case KCMP_FS:
		return kcmp_ptr(READ_ONCE(t1->fs), READ_ONCE(t2->fs), KCMP_FS);
	case KCMP_SIGHAND:
		return kcmp_ptr(READ_ONCE(t1->sighand), READ_ONCE(t2->sighand),
				KCMP_SIGHAND);
	case KCMP_IO:
		/* tine has no I/O contexts: any two compare equal. */
		return 0;
	case KCMP_SYSVSEM:
		return kcmp_ptr(READ_ONCE(t1->sysvsem_undo),
				READ_ONCE(t2->sysvsem_undo), KCMP_SYSVSEM);
	case KCMP_EPOLL_TFD:
		return kcmp_epoll_target(t1, t2, idx1,
					 (struct kcmp_epoll_slot __user *)idx2);
	}
	return -EINVAL;
}

/*
 * kcmp - compare a resource of pid1 and pid2 (the caller's namespace).
 * ESRCH if either is missing, EPERM without ptrace read access to both,
 * EBADF for a bad fd of KCMP_FILE, EINVAL for an unknown type.
 */
static long sys_kcmp(pid_t pid1, pid_t pid2, int type, unsigned long idx1,
		     unsigned long idx2)
{
	struct task_struct *t1 = find_get_task_by_vpid(pid1);
	struct task_struct *t2 = find_get_task_by_vpid(pid2);
	long ret = -ESRCH;

	kcmp_cookies_init();
	if (!t1 || !t2)
		goto out;
	ret = kcmp_lock(&t1->signal->cred_guard_mutex,
			&t2->signal->cred_guard_mutex);
	if (ret)
		goto out;
	if (!ptrace_may_access(t1, PTRACE_MODE_READ_REALCREDS) ||
	    !ptrace_may_access(t2, PTRACE_MODE_READ_REALCREDS))
		ret = -EPERM;
	else
		ret = do_kcmp(t1, t2, type, idx1, idx2);
	kcmp_unlock(&t1->signal->cred_guard_mutex,
		    &t2->signal->cred_guard_mutex);
out:
	if (t1)
		put_task_struct(t1);
	if (t2)
		put_task_struct(t2);
	return ret;
}
SYSCALL_ENTRY(kcmp, sys_kcmp);
