/*
 * The files of /proc/<pid> that show (or change) the process's memory:
 * cmdline, environ, auxv and mem (maps and smaps: fs/proc_task_mmu.c).
 *
 * Those that are not world-readable take the address space with
 * proc_mm_access(): the reader must be allowed to ptrace the task
 * (READ, or ATTACH for mem), checked against the very mm it gets, so
 * that an exec of a set-id program in between cannot hand over the new
 * image. mem keeps only a reference on the mm struct (mmgrab) and
 * becomes a user of it (mmget_not_zero) for each read or write, as
 * Linux: an open mem file does not keep a dead process's memory.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/mm_types.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* The argument (or environment) strings of mm, as mm says where. */
struct arg_range {
	unsigned long arg_start, arg_end, env_start, env_end;
};

static void arg_range(struct mm_struct *mm, struct arg_range *r)
{
	mutex_lock(&mm->mmap_lock);
	r->arg_start = mm->arg_start;
	r->arg_end = mm->arg_end;
	r->env_start = mm->env_start;
	r->env_end = mm->env_end;
	mutex_unlock(&mm->mmap_lock);
}

/*
 * Copy [start, end) of mm into m, a page at a time; with stop_at_nul,
 * only up to the first NUL (kept). Unmapped holes end the copy.
 */
static int copy_remote(struct seq_buf *m, struct mm_struct *mm,
		       unsigned long start, unsigned long end,
		       bool stop_at_nul)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	while (start < end && !m->overflow) {
		int len = MIN(end - start, PAGE_SIZE - offset_in_page(start));
		int n = access_remote_vm(mm, start, buf, len, 0);
		size_t keep = n > 0 ? (size_t)n : 0;

		if (stop_at_nul && keep)
			keep = MIN(keep, strnlen(buf, keep) + 1);
		seq_write(m, buf, keep);
		if (n < len || keep < (size_t)n)
			break;
		start += n;
	}
	kfree(buf);
	return 0;
}

/*
 * proc_pid_cmdline - see procfs.h. Linux's rules: the argument strings
 * [arg_start, arg_end); but if the process wrote over the NUL that ends
 * them (setproctitle), the text from arg_start up to the first NUL,
 * which may run on into the environment strings.
 */
int proc_pid_cmdline(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);
	struct arg_range r;
	char last = 0;
	int err;

	if (!mm)
		return 0;
	arg_range(mm, &r);
	if (!r.env_end || r.arg_start >= r.arg_end) {
		mmput(mm);
		return 0;
	}
	if (r.env_start != r.arg_end || r.env_end < r.env_start)
		r.env_start = r.env_end = r.arg_end;
	access_remote_vm(mm, r.arg_end - 1, &last, 1, 0);
	if (last)
		err = copy_remote(m, mm, r.arg_start, r.env_end, true);
	else
		err = copy_remote(m, mm, r.arg_start, r.arg_end, false);
	mmput(mm);
	return err;
}

/* proc_pid_environ - see procfs.h. */
int proc_pid_environ(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	struct arg_range r;
	int err;

	if (IS_ERR_OR_NULL(mm))
		return PTR_ERR_OR_ZERO(mm);
	arg_range(mm, &r);
	err = r.env_start < r.env_end ?
		      copy_remote(m, mm, r.env_start, r.env_end, false) : 0;
	mmput(mm);
	return err;
}

/* proc_pid_auxv - see procfs.h: the auxiliary vector exec gave, up to
 * and with its AT_NULL pair. */
int proc_pid_auxv(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	unsigned int n = 0;

	if (IS_ERR_OR_NULL(mm))
		return PTR_ERR_OR_ZERO(mm);
	while (n + 2 <= ARRAY_SIZE(mm->saved_auxv)) {
		n += 2;
		if (!mm->saved_auxv[n - 2])
			break;
	}
	seq_write(m, mm->saved_auxv, n * sizeof(mm->saved_auxv[0]));
	mmput(mm);
	return 0;
}

/* ---- mem ---- */

static int mem_open(struct inode *i, struct file *f)
{
	struct task_struct *t = proc_get_task(i);
	struct mm_struct *mm;

	if (!t)
		return -ESRCH;
	mm = proc_mm_access(t, PTRACE_MODE_ATTACH_FSCREDS);
	put_task_struct(t);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	if (mm) {
		mmgrab(mm);
		mmput(mm);
	}
	f->private_data = mm;
	return 0;
}

/*
 * Read or write n bytes at address *pos of the mm, a page at a time
 * through a kernel buffer (no lock is held across the user copies).
 * Returns the bytes moved, -EIO if none could be, or -EFAULT.
 */
static ssize_t mem_rw(struct file *f, char __user *ubuf, size_t n,
		      off_t *pos, bool write)
{
	struct mm_struct *mm = f->private_data;
	unsigned long addr = *pos;
	ssize_t done = 0;
	char *page;

	if (!mm || !n)
		return 0;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	if (!mmget_not_zero(mm))
		goto out;
	while (n) {
		int len = MIN(n, PAGE_SIZE), got;

		if (write && copy_from_user(page, ubuf, len)) {
			done = done ? done : -EFAULT;
			break;
		}
		got = access_remote_vm(mm, addr, page, len,
				       FOLL_FORCE | (write ? FOLL_WRITE : 0));
		if (!got) {
			done = done ? done : -EIO;
			break;
		}
		if (!write && copy_to_user(ubuf, page, got)) {
			done = done ? done : -EFAULT;
			break;
		}
		ubuf += got;
		addr += got;
		done += got;
		n -= got;
		if (got < len)
			break;
	}
	*pos = addr;
	mmput(mm);
out:
	kfree(page);
	return done;
}

static ssize_t mem_read(struct file *f, char __user *buf, size_t n,
			off_t *pos)
{
	return mem_rw(f, buf, n, pos, false);
}

static ssize_t mem_write(struct file *f, const char __user *buf, size_t n,
			 off_t *pos)
{
	return mem_rw(f, (char __user *)buf, n, pos, true);
}

/* Offsets are addresses: SEEK_SET and SEEK_CUR only, any value. */
static off_t mem_lseek(struct file *f, off_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

static int mem_release(struct inode *i, struct file *f)
{
	if (f->private_data)
		mmdrop(f->private_data);
	return 0;
}

const struct file_operations proc_mem_operations = {
	.open = mem_open,
	.read = mem_read,
	.write = mem_write,
	.llseek = mem_lseek,
	.release = mem_release,
};
