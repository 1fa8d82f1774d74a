/*
 * /proc/<pid>/fd and /proc/<pid>/fdinfo (Linux's fs/proc/fd.c): one
 * entry per open file of the task, made on lookup. fd/N is a magic link
 * to the open file (following it needs ptrace read access, see
 * fs/proc_access.c); fdinfo/N says the file's position, flags, mount and
 * inode, and whatever the file's own show_fdinfo() adds.
 *
 * Access: fd/ is mode 0500 for the task's owner (and open to the task's
 * own threads); fdinfo/ and its files are world-readable but need
 * PTRACE_MODE_READ_FSCREDS over the task, as Linux 6.1.
 */
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define FD_POS_BASE 2		/* readdir positions after . and .. */

/* proc_fd_path - see procfs.h. */
int proc_fd_path(struct task_struct *t, int fd, struct path *p)
{
	struct file *file = fget_task(t, fd);

	if (!file)
		return -ENOENT;
	*p = file->f_path;
	path_get(p);
	fput(file);
	return 0;
}

static const struct proc_entry fd_link_entry = {
	.name = "fd",
	.mode = S_IFLNK | 0700,
};

static int fdinfo_show(struct seq_buf *m, struct task_struct *t, int fd);

static const struct proc_entry fdinfo_file_entry = {
	.name = "fdinfo",
	.mode = S_IFREG | 0444,
	.show_fd = fdinfo_show,
	.permission = proc_fdinfo_permission,
};

/* The mode of an fd link: lr-x, l-wx or lrwx as the file is open. */
static mode_t fd_mode(struct file *file)
{
	mode_t mode = S_IFLNK;

	if (file->f_mode & FMODE_READ)
		mode |= 0500;
	if (file->f_mode & FMODE_WRITE)
		mode |= 0300;
	return mode;
}

/* Instantiate d as entry e for the task's open fd named d (fd links
 * take their mode from the open file). */
static int fd_instantiate(struct inode *dir, struct dentry *d,
			  const struct proc_entry *e)
{
	struct task_struct *t = proc_get_task(dir);
	struct file *file = NULL;
	unsigned long fd;
	struct inode *i;

	if (!t)
		return -ENOENT;
	if (proc_parse_number(d->d_name, &fd))
		file = fget_task(t, fd);
	put_task_struct(t);
	if (!file)
		return -ENOENT;
	i = proc_make_inode(dir->i_sb, e, PROC_I(dir)->pid, fd);
	if (i && S_ISLNK(e->mode))
		i->i_mode = fd_mode(file);
	fput(file);
	if (!i)
		return -ENOMEM;
	d_add(d, i);
	return 0;
}

/* The open fds from ctx->pos on, as names of type dtype. */
static int fd_iterate(struct file *f, struct dir_context *ctx,
		      unsigned int dtype)
{
	struct task_struct *t = proc_get_task(f->f_inode);
	struct files_struct *files;
	unsigned long fd;

	if (!t)
		return -ENOENT;
	if (!dir_emit_dots(f, ctx))
		goto out_task;
	files = get_task_files(t);
	if (!files)
		goto out_task;
	for (fd = ctx->pos - FD_POS_BASE;; fd++) {
		char name[16];
		bool open;
		unsigned long flags = spin_lock_irqsave(&files->file_lock);

		if (fd >= files->fdt->max_fds) {
			spin_unlock_irqrestore(&files->file_lock, flags);
			break;
		}
		open = files->fdt->fd[fd] != NULL;
		spin_unlock_irqrestore(&files->file_lock, flags);
		if (!open)
			continue;
		snprintf(name, sizeof(name), "%lu", fd);
		if (!dir_emit(ctx, name, strlen(name), 0x100000 + fd, dtype))
			break;
		ctx->pos = fd + FD_POS_BASE + 1;
	}
	put_files_struct(files);
out_task:
	put_task_struct(t);
	return 0;
}

/* proc_fd_lookup, proc_fd_readdir - /proc/<pid>/fd (see procfs.h). */
int proc_fd_lookup(struct inode *dir, struct dentry *d)
{
	return fd_instantiate(dir, d, &fd_link_entry);
}

int proc_fd_readdir(struct file *f, struct dir_context *ctx)
{
	return fd_iterate(f, ctx, DT_LNK);
}

/* proc_fdinfo_lookup, proc_fdinfo_readdir - /proc/<pid>/fdinfo. */
int proc_fdinfo_lookup(struct inode *dir, struct dentry *d)
{
	return fd_instantiate(dir, d, &fdinfo_file_entry);
}

int proc_fdinfo_readdir(struct file *f, struct dir_context *ctx)
{
	return fd_iterate(f, ctx, DT_REG);
}

/*
 * proc_fdinfo_permission - the mode bits, and ptrace read access (with
 * the caller's filesystem ids) over the task: EACCES otherwise.
 */
int proc_fdinfo_permission(struct inode *i, int mask)
{
	struct task_struct *t;
	int err = generic_permission(i, mask);

	if (err)
		return err;
	t = proc_get_task(i);
	if (!t)
		return -ENOENT;
	if (!ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS))
		err = -EACCES;
	put_task_struct(t);
	return err;
}

/* fdinfo/N: Linux's four lines, then the file type's own. */
static int fdinfo_show(struct seq_buf *m, struct task_struct *t, int fd)
{
	struct file *file = fget_task(t, fd);
	unsigned int flags;

	if (!file)
		return -ENOENT;
	flags = file->f_flags & ~O_CLOEXEC;
	if (task_close_on_exec(t, fd))
		flags |= O_CLOEXEC;
	seq_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
		   (long long)READ_ONCE(file->f_pos), flags,
		   file->f_path.mnt->mnt_id, file->f_inode->i_ino);
	if (file->f_op && file->f_op->show_fdinfo)
		file->f_op->show_fdinfo(m, file);
	fput(file);
	return 0;
}
