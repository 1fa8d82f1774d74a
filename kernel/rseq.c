/*
 * Restartable sequences (Linux 6.1's kernel/rseq.c): a thread registers
 * a struct rseq (32 bytes, 32-aligned) with a signature; the kernel
 * keeps its cpu_id_start and cpu_id fields current, and when the thread
 * was switched out or is about to handle a signal while its ip lies in
 * the critical section rseq_cs describes, it resumes at the section's
 * abort handler instead (whose preceding 4 bytes must be the
 * signature). A bad descriptor or an unwritable struct is SIGSEGV.
 *
 * The work happens on the way back to user mode (rseq_pending, set at
 * every switch-out of a registered thread and at registration; checked
 * by kernel/entry.c) and before a signal frame is built. The fields are
 * current's own: no lock.
 */
#include <tine/rseq.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/sched.h>

#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_CPU_ID_UNINITIALIZED ((u32)-1)
#define RSEQ_SIZE 32			/* sizeof(struct rseq) in 6.1 */

struct rseq {
	u32 cpu_id_start;
	u32 cpu_id;
	u64 rseq_cs;
	u32 flags;
	u32 padding[3];
};

struct rseq_cs {
	u32 version;
	u32 flags;
	u64 start_ip;
	u64 post_commit_offset;
	u64 abort_ip;
};

/* The critical section rseq->rseq_cs names (all zero if none): 0,
 * -EFAULT or -EINVAL (a malformed one, or a wrong signature). */
static int rseq_get_rseq_cs(struct task_struct *t, struct rseq_cs *cs)
{
	u64 ptr;
	u32 sig;

	memset(cs, 0, sizeof(*cs));
	if (copy_from_user(&ptr, &t->rseq->rseq_cs, sizeof(ptr)))
		return -EFAULT;
	if (!ptr)
		return 0;
	if (ptr >= TASK_SIZE)
		return -EINVAL;
	if (copy_from_user(cs, (void __user *)ptr, sizeof(*cs)))
		return -EFAULT;
	if (cs->version > 0 || cs->start_ip >= TASK_SIZE ||
	    cs->start_ip + cs->post_commit_offset >= TASK_SIZE ||
	    cs->start_ip + cs->post_commit_offset < cs->start_ip)
		return -EINVAL;
	/* The abort handler must lie outside the section. */
	if (cs->abort_ip - cs->start_ip < cs->post_commit_offset)
		return -EINVAL;
	if (copy_from_user(&sig, (void __user *)(cs->abort_ip - sizeof(u32)),
			   sizeof(sig)))
		return -EFAULT;
	return sig == t->rseq_sig ? 0 : -EINVAL;
}

/* Inside a section: go to its abort handler; either way the (lazily
 * cleared) rseq_cs goes back to 0. */
static int rseq_ip_fixup(struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct rseq_cs cs;
	u64 zero = 0;
	int err = rseq_get_rseq_cs(t, &cs);

	if (err)
		return err;
	if (!cs.abort_ip && !cs.start_ip)
		return 0;
	if (copy_to_user(&t->rseq->rseq_cs, &zero, sizeof(zero)))
		return -EFAULT;
	if (regs->ip - cs.start_ip < cs.post_commit_offset)
		regs->ip = cs.abort_ip;
	return 0;
}

/* rseq_handle_notify_resume - see tine/rseq.h. */
void rseq_handle_notify_resume(struct pt_regs *regs, int sig)
{
	struct task_struct *t = current;
	u32 cpu = smp_processor_id();
	u32 ids[2] = { cpu, cpu };

	if (!t->rseq || (t->flags & PF_EXITING))
		return;
	if (rseq_ip_fixup(regs) < 0 ||
	    copy_to_user(&t->rseq->cpu_id_start, ids, sizeof(ids)))
		force_sigsegv(sig);
}

/* The rseq registration a new task starts with (tine/rseq.h). */
void rseq_fork(struct task_struct *p, unsigned long clone_flags)
{
	if (clone_flags & CLONE_VM) {
		p->rseq = NULL;
		p->rseq_len = 0;
		p->rseq_sig = 0;
	}
	p->rseq_pending = p->rseq != NULL;
}

/* rseq_execve - see tine/rseq.h. */
void rseq_execve(struct task_struct *t)
{
	t->rseq = NULL;
	t->rseq_len = 0;
	t->rseq_sig = 0;
	t->rseq_pending = false;
}

static long rseq_unregister(struct rseq __user *rseq, u32 len, u32 sig)
{
	struct task_struct *t = current;
	u32 ids[2] = { 0, RSEQ_CPU_ID_UNINITIALIZED };

	if (!t->rseq || t->rseq != rseq || len != t->rseq_len)
		return -EINVAL;
	if (sig != t->rseq_sig)
		return -EPERM;
	if (copy_to_user(&rseq->cpu_id_start, ids, sizeof(ids)))
		return -EFAULT;
	rseq_execve(t);
	return 0;
}

/*
 * rseq(2): register (flags 0) or unregister (RSEQ_FLAG_UNREGISTER)
 * current's struct rseq with signature sig. A second registration is
 * EBUSY if it is the same, EINVAL if not (EPERM for another signature).
 */
static long sys_rseq(struct rseq __user *rseq, u32 rseq_len, int flags,
		     u32 sig)
{
	struct task_struct *t = current;

	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		return rseq_unregister(rseq, rseq_len, sig);
	}
	if (flags)
		return -EINVAL;
	if (t->rseq) {
		if (t->rseq != rseq || rseq_len != t->rseq_len)
			return -EINVAL;
		return t->rseq_sig != sig ? -EPERM : -EBUSY;
	}
	if (((unsigned long)rseq & (RSEQ_SIZE - 1)) || rseq_len != RSEQ_SIZE)
		return -EINVAL;
	if ((unsigned long)rseq >= TASK_SIZE - RSEQ_SIZE)
		return -EFAULT;
	t->rseq = rseq;
	t->rseq_len = rseq_len;
	t->rseq_sig = sig;
	t->rseq_pending = true;	/* fill cpu_id before returning */
	return 0;
}
SYSCALL_ENTRY(rseq, sys_rseq);
