/*
 * process_vm_readv(2) and process_vm_writev(2): copy between our memory
 * and another process's, without stopping it. The other address space
 * is reached as Linux's mm_access() allows: our own, or one whose owner
 * we may ptrace-attach to (PTRACE_MODE_ATTACH_REALCREDS), judged under
 * its cred_guard_mutex so an exec cannot change its credentials in
 * between. Unlike ptrace's PEEK/POKE the copy does not force: read-only
 * remote memory is not written.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/uio.h>
#include <uapi/errno.h>

/*
 * mm_access - t's address space (a user reference) if current may
 * reach it with mode: ERR_PTR(-EACCES) if not, NULL if t has none,
 * ERR_PTR(-EINTR) if a fatal signal came while waiting. Sleeps.
 */
struct mm_struct *mm_access(struct task_struct *t, unsigned int mode)
{
	struct mm_struct *mm;

	if (mutex_lock_killable(&t->signal->cred_guard_mutex))
		return ERR_PTR(-EINTR);
	mm = get_task_mm(t);
	if (mm && mm != current->mm && !ptrace_may_access(t, mode)) {
		mmput(mm);
		mm = ERR_PTR(-EACCES);
	}
	mutex_unlock(&t->signal->cred_guard_mutex);
	return mm;
}

/* Where the local side of the copy stands. */
struct local_cursor {
	const struct iovec *iov;
	unsigned long nr, i;
	size_t off;			/* into iov[i] */
	size_t left;			/* bytes still wanted */
};

/* Copy n bytes between buf and the local iovecs (at the cursor). */
static int local_copy(struct local_cursor *c, void *buf, size_t n,
		      bool to_user)
{
	char *p = buf;

	while (n) {
		const struct iovec *v = &c->iov[c->i];
		size_t k = MIN(n, v->iov_len - c->off);
		char __user *u = (char __user *)v->iov_base + c->off;

		if (k && (to_user ? copy_to_user(u, p, k)
				  : copy_from_user(p, u, k)))
			return -EFAULT;
		p += k;
		n -= k;
		c->left -= k;
		c->off += k;
		if (c->off == v->iov_len) {
			c->i++;
			c->off = 0;
		}
	}
	return 0;
}

/*
 * One remote iovec: page-sized pieces through buf. Returns bytes copied
 * or -EFAULT (when a remote or local address is bad before any byte).
 */
static long rw_single_vec(struct mm_struct *mm, unsigned long addr,
			  size_t len, struct local_cursor *c, char *buf,
			  bool write)
{
	long done = 0;

	len = MIN(len, c->left);
	while (len) {
		int n = MIN(len, PAGE_SIZE - (addr & (PAGE_SIZE - 1))), got;

		if (write && local_copy(c, buf, n, false))
			return done ? done : -EFAULT;
		got = access_remote_vm(mm, addr, buf, n, write ? FOLL_WRITE : 0);
		if (got > 0 && !write && local_copy(c, buf, got, true))
			return done ? done : -EFAULT;
		if (got > 0)
			done += got;
		if (got != n)
			return done ? done : -EFAULT;
		addr += n;
		len -= n;
	}
	return done;
}

/* The copy, once both vectors are in the kernel. */
static long process_vm_rw_core(pid_t pid, struct local_cursor *c,
			       const struct iovec *riov, unsigned long riovcnt,
			       bool write)
{
	struct task_struct *t = find_get_task_by_vpid(pid);
	struct mm_struct *mm;
	long total = 0, r = 0;
	char *buf;

	if (!t)
		return -ESRCH;
	mm = mm_access(t, PTRACE_MODE_ATTACH_REALCREDS);
	put_task_struct(t);
	if (IS_ERR_OR_NULL(mm))
		/* Linux reports a refusal as EPERM here, not EACCES. */
		return !mm ? -ESRCH : PTR_ERR(mm) == -EACCES ? -EPERM
							      : PTR_ERR(mm);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		mmput(mm);
		return -ENOMEM;
	}
	for (unsigned long i = 0; i < riovcnt && c->left && r >= 0; i++) {
		size_t want = MIN(riov[i].iov_len, c->left);

		r = rw_single_vec(mm, (unsigned long)riov[i].iov_base,
				  riov[i].iov_len, c, buf, write);
		if (r > 0)
			total += r;
		if (r >= 0 && (size_t)r < want)
			break;	/* a partial element ends the transfer */
	}
	kfree(buf);
	mmput(mm);
	return total ? total : r;
}

/*
 * Both directions: flags must be 0; at most UIO_MAXIOV elements each;
 * nothing to copy locally returns 0 at once, as Linux. Returns the
 * bytes copied, or an error if none were.
 */
static long process_vm_rw(pid_t pid, const struct iovec __user *lvec,
			  unsigned long liovcnt,
			  const struct iovec __user *rvec,
			  unsigned long riovcnt, unsigned long flags,
			  bool write)
{
	struct local_cursor c = { 0 };
	struct iovec *liov, *riov;
	struct iov_iter li, ri;
	ssize_t total;
	long ret;

	if (flags)
		return -EINVAL;
	total = import_iovec(lvec, liovcnt, &liov, &li);
	if (total < 0)
		return total;
	ret = 0;
	if (!total)
		goto out_l;
	ret = import_iovec(rvec, riovcnt, &riov, &ri);
	if (ret < 0)
		goto out_l;
	c.iov = liov;
	c.nr = liovcnt;
	c.left = total;
	while (c.i < c.nr && !c.iov[c.i].iov_len)
		c.i++;
	ret = process_vm_rw_core(pid, &c, riov, riovcnt, write);
	kfree(riov);
out_l:
	kfree(liov);
	return ret;
}

static long sys_process_vm_readv(pid_t pid, const struct iovec __user *lvec,
				 unsigned long liovcnt,
				 const struct iovec __user *rvec,
				 unsigned long riovcnt, unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}
SYSCALL_ENTRY(process_vm_readv, sys_process_vm_readv);

static long sys_process_vm_writev(pid_t pid, const struct iovec __user *lvec,
				  unsigned long liovcnt,
				  const struct iovec __user *rvec,
				  unsigned long riovcnt, unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
SYSCALL_ENTRY(process_vm_writev, sys_process_vm_writev);
