/*
 * pidfds: a file that stands for a process (its struct pid). Made by
 * clone/clone3 with CLONE_PIDFD and by pidfd_open(); used by
 * pidfd_send_signal(), waitid(P_PIDFD) and poll (POLLIN once the whole
 * thread group has exited). Like Linux's, every pidfd is an anon_inode
 * file "[pidfd]" (fs/anon_inodes.c).
 *
 * A pidfd holds a reference to its struct pid, not to the task: the
 * task may be reaped while the file lives, and then it has no task.
 */
#include <tine/anon_inodes.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/pid.h>
#include <tine/ptrace.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#define PIDFD_NONBLOCK O_NONBLOCK
/* ---- pidfd files ---- */

static int pidfd_release(struct inode *i, struct file *f)
{
	put_pid(f->private_data);
	return 0;
}

/* Has the whole thread group of pid's process exited? */
static bool thread_group_exited(struct pid *pid)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = pid_task(pid, PIDTYPE_PID);
	bool exited = !t || (t->exit_state && t->signal->nr_threads <= 1);

	read_unlock_irqrestore(&tasklist_lock, f);
	return exited;
}

/* Readable once the process is gone: wait (waitid) will not block. */
static unsigned int pidfd_poll(struct file *f, struct poll_table *pt)
{
	struct pid *pid = f->private_data;

	poll_wait(f, &pid->wait_pidfd, pt);
	return thread_group_exited(pid) ? POLLIN | POLLRDNORM : 0;
}

/*
 * fdinfo: the process's pid as the /proc mount read numbers it (-1 once
 * it is reaped, 0 if that namespace cannot see it), then its ids from
 * there down.
 */
static void pidfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct pid *pid = f->private_data;
	struct pid_namespace *ns = proc_seq_pid_ns(m);
	unsigned long fl = read_lock_irqsave(&tasklist_lock);
	pid_t nr = pid_has_task(pid, PIDTYPE_PID) ? pid_nr_ns(pid, ns) : -1;

	read_unlock_irqrestore(&tasklist_lock, fl);
	seq_printf(m, "Pid:\t%d\nNSpid:\t%d", nr, nr);
	for (unsigned int i = ns->level + 1; nr > 0 && i <= pid->level; i++)
		seq_printf(m, "\t%d", pid->numbers[i].nr);
	seq_putc(m, '\n');
}

static const struct file_operations pidfd_fops = {
	.show_fdinfo = pidfd_show_fdinfo,
	.release = pidfd_release,
	.poll = pidfd_poll,
};

/*
 * do_notify_pidfd - wake pid's pidfd pollers (a thread of its process
 * exited). Any context but under pidmap_lock.
 */
void do_notify_pidfd(struct pid *pid)
{
	wake_up(&pid->wait_pidfd);
}

/*
 * pidfd_prepare - reserve an fd and make a pidfd file for pid, not yet
 * installed (fd_install() it, or put_unused_fd() and fput() on a
 * failure). flags: O_NONBLOCK; O_RDWR and O_CLOEXEC are always set.
 * Returns the fd, with the file in *ret, or -errno. May sleep.
 */
int pidfd_prepare(struct pid *pid, unsigned int flags, struct file **ret)
{
	struct file *f;
	int fd;

	flags |= O_RDWR | O_CLOEXEC;
	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		return fd;
	f = anon_inode_getfile("[pidfd]", &pidfd_fops, get_pid(pid), flags);
	if (IS_ERR(f)) {
		put_pid(pid);
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	*ret = f;
	return fd;
}

/*
 * pidfd_get_pid - the struct pid behind pidfd fd (a reference) and the
 * file's status flags in *flags; ERR_PTR(-EBADF) if fd is no pidfd.
 */
struct pid *pidfd_get_pid(unsigned int fd, unsigned int *flags)
{
	struct file *f = fget(fd);
	struct pid *pid;

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &pidfd_fops) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	pid = get_pid(f->private_data);
	*flags = f->f_flags;
	fput(f);
	return pid;
}

/* pidfd_pid - see tine/pid.h. */
struct pid *pidfd_pid(const struct file *f)
{
	if (f->f_op != &pidfd_fops)
		return ERR_PTR(-EBADF);
	return f->private_data;
}

/* Does pid name a process (thread-group leader), live or zombie? */
static bool pid_has_tgid_task(struct pid *pid)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *t = pid_task(pid, PIDTYPE_PID);
	bool ret = t && thread_group_leader(t);

	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}

/*
 * pidfd_open - a pidfd for process pid of the caller's namespace.
 * EINVAL for bad flags, pid <= 0 or a thread that is not a group
 * leader (Linux 6.1 has no thread pidfds); ESRCH if there is none.
 */
static long sys_pidfd_open(pid_t nr, unsigned int flags)
{
	struct file *file;
	struct pid *pid;
	int fd;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (nr <= 0)
		return -EINVAL;
	pid = find_get_pid(nr);
	if (!pid)
		return -ESRCH;
	fd = -EINVAL;
	if (pid_has_tgid_task(pid))
		fd = pidfd_prepare(pid, flags, &file);
	if (fd >= 0)
		fd_install(fd, file);
	put_pid(pid);
	return fd;
}
SYSCALL_ENTRY(pidfd_open, sys_pidfd_open);

/* The siginfo of pidfd_send_signal: the caller's, or kill()'s. */
static int pidfd_siginfo(siginfo_t *info, int sig,
			 const siginfo_t __user *uinfo, struct pid *pid)
{
	if (!uinfo) {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
		info->rt.pid = task_tgid_vnr(current);
		info->rt.uid = from_kuid_munged(current_user_ns(), current_uid());
		return 0;
	}
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	if (info->si_signo != sig)
		return -EINVAL;
	/* Only to yourself may you pretend to be kill() or the kernel. */
	if (current->thread_pid != pid &&
	    (info->si_code >= 0 || info->si_code == SI_TKILL))
		return -EPERM;
	return 0;
}

/*
 * pidfd_send_signal's target: the pid behind a pidfd or, as Linux's
 * tgid_pidfd_to_pid(), behind a /proc/<pid> directory (a reference);
 * ERR_PTR(-EBADF) for anything else (task/<tid> directories too).
 */
static struct pid *pidfd_to_pid(int fd)
{
	struct pid *pid = ERR_PTR(-EBADF);
	struct file *f = fget(fd);

	if (!f)
		return pid;
	if (f->f_op == &pidfd_fops)
		pid = get_pid(f->private_data);
	else if (f->f_op == &proc_dir_operations &&
		 PROC_I(f->f_inode)->entry == &proc_pid_entry)
		pid = get_pid(PROC_I(f->f_inode)->pid);
	fput(f);
	return pid;
}

/*
 * pidfd_send_signal - kill() through a pidfd (or a /proc/<pid> directory). flags must be 0; the
 * process must live in the caller's namespace or below (EINVAL); ESRCH
 * once it has been reaped.
 */
static long sys_pidfd_send_signal(int pidfd, int sig,
				  const siginfo_t __user *uinfo,
				  unsigned int flags)
{
	struct task_struct *t;
	struct pid *pid;
	siginfo_t info;
	unsigned long f;
	int err;

	if (flags)
		return -EINVAL;
	pid = pidfd_to_pid(pidfd);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	err = -EINVAL;
	if (!pid_ns_is_ancestor(task_active_pid_ns(current), ns_of_pid(pid)))
		goto out;
	err = pidfd_siginfo(&info, sig, uinfo, pid);
	if (err)
		goto out;
	f = read_lock_irqsave(&tasklist_lock);
	t = pid_task(pid, PIDTYPE_PID);
	err = t ? group_send_sig_info(sig, &info, t) : -ESRCH;
	read_unlock_irqrestore(&tasklist_lock, f);
out:
	put_pid(pid);
	return err;
}
SYSCALL_ENTRY(pidfd_send_signal, sys_pidfd_send_signal);

/*
 * pidfd_getfd - a duplicate, in our table and close-on-exec, of the file
 * at fd of the process pidfd names. flags must be 0 (EINVAL); the caller
 * needs PTRACE_MODE_ATTACH_REALCREDS over it, judged under its
 * cred_guard_mutex (EPERM); ESRCH once it is gone, EBADF for a bad fd.
 */
static long sys_pidfd_getfd(int pidfd, int fd, unsigned int flags)
{
	struct task_struct *t;
	struct file *file = NULL;
	unsigned int fflags;
	struct pid *pid;
	long ret;

	if (flags)
		return -EINVAL;
	pid = pidfd_get_pid(pidfd, &fflags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	t = get_pid_task(pid);
	put_pid(pid);
	if (!t)
		return -ESRCH;
	ret = -EINTR;
	if (mutex_lock_killable(&t->signal->cred_guard_mutex))
		goto out_task;
	ret = -EPERM;
	if (ptrace_may_access(t, PTRACE_MODE_ATTACH_REALCREDS)) {
		file = fget_task(t, fd);
		ret = file ? 0 : -EBADF;
	}
	mutex_unlock(&t->signal->cred_guard_mutex);
	if (ret)
		goto out_task;
	ret = get_unused_fd_flags(O_CLOEXEC);
	if (ret >= 0)
		fd_install(ret, file);
	else
		fput(file);
out_task:
	put_task_struct(t);
	return ret;
}
SYSCALL_ENTRY(pidfd_getfd, sys_pidfd_getfd);
