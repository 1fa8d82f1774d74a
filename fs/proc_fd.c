/*
 * /proc/<pid>/fd and /proc/<pid>/fdinfo (and task/<tid>'s): one entry
 * per open file of the task's fd table. fd/<n> is a magic link to the
 * open file (following it needs ptrace READ access); fdinfo/<n> says
 * where the file stands: position, flags, mount id, inode, and the
 * lines its kind adds (f_op->show_fdinfo: eventfd counts, epoll and
 * inotify watches, signalfd masks, timerfd settings, pidfd pids).
 *
 * The fd table is borrowed with a reference (get_task_files) and read
 * under its file_lock; a file shown in fdinfo is held (get_file) while
 * its text is made, without the lock.
 */
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#define FD_POS_BASE 2			/* readdir positions after . and .. */

/*
 * The file at fd of t's table, referenced (NULL if none), and whether
 * it is close-on-exec.
 */
static struct file *task_fget(struct task_struct *t, int fd, bool *cloexec)
{
	struct file *file = fget_task(t, fd);

	if (file && cloexec)
		*cloexec = task_close_on_exec(t, fd);
	return file;
}

/* proc_fd_is_open - see procfs.h. */
bool proc_fd_is_open(struct task_struct *t, int fd)
{
	struct file *file = task_fget(t, fd, NULL);

	if (file)
		fput(file);
	return file != NULL;
}

/* proc_fd_path - see procfs.h. */
int proc_fd_path(struct task_struct *t, int fd, struct path *p)
{
	struct file *file = task_fget(t, fd, NULL);

	if (!file)
		return -ENOENT;
	*p = file->f_path;
	path_get(p);
	fput(file);
	return 0;
}

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

/* "N" with no sign, no leading zero, below INT_MAX: the fd's number. */
static bool parse_fd(const char *s, int *fd)
{
	const char *end;
	unsigned long v;

	if (!*s || (*s == '0' && s[1]) || *s < '0' || *s > '9')
		return false;
	v = simple_strtoul(s, &end, 10);
	if (*end || v >= 0x7fffffff)
		return false;
	*fd = v;
	return true;
}

/*
 * fdinfo/<n>: pos, flags (O_CLOEXEC added if set on the fd), mount id
 * and inode number, then the lines of the file's kind.
 */
static int fdinfo_show(struct seq_buf *m, struct task_struct *t)
{
	int fd = PROC_I(proc_seq_inode(m))->fd;
	bool cloexec = false;
	struct file *file = task_fget(t, fd, &cloexec);
	unsigned int flags;

	if (!file)
		return -ENOENT;
	flags = READ_ONCE(file->f_flags) | (cloexec ? O_CLOEXEC : 0);
	seq_printf(m, "pos:\t%ld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
		   (long)READ_ONCE(file->f_pos), flags,
		   file->f_path.mnt ? file->f_path.mnt->mnt_id : 0,
		   file->f_inode->i_ino);
	if (file->f_op && file->f_op->show_fdinfo)
		file->f_op->show_fdinfo(m, file);
	fput(file);
	return 0;
}

static const struct proc_entry fd_link_entry = {
	.name = "fd",
	.mode = S_IFLNK | 0700,
};

static const struct proc_entry fdinfo_file_entry = {
	.name = "fdinfo",
	.mode = S_IFREG | 0444,
	.show = fdinfo_show,
	.ptrace_mode = PTRACE_MODE_READ_FSCREDS,
};

/* Look up <n> in fd/ (link) or fdinfo/ (file). */
static int fd_lookup_common(struct inode *dir, struct dentry *d, bool info)
{
	struct task_struct *t = proc_get_task(dir);
	struct file *file = NULL;
	struct inode *i;
	mode_t mode;
	int fd;

	if (t && parse_fd(d->d_name, &fd))
		file = task_fget(t, fd, NULL);
	if (t)
		put_task_struct(t);
	if (!file)
		return -ENOENT;
	mode = fd_mode(file);
	fput(file);
	i = proc_make_inode(dir->i_sb, info ? &fdinfo_file_entry : &fd_link_entry,
			    PROC_I(dir)->pid, fd);
	if (!i)
		return -ENOMEM;
	if (!info)
		i->i_mode = mode;
	d_add(d, i);
	return 0;
}

/* proc_fd_lookup - see procfs.h. */
int proc_fd_lookup(struct inode *dir, struct dentry *d)
{
	return fd_lookup_common(dir, d, false);
}

/* proc_fdinfo_lookup - see procfs.h. */
int proc_fdinfo_lookup(struct inode *dir, struct dentry *d)
{
	return fd_lookup_common(dir, d, true);
}

/* Emit the open fds from ctx->pos on, as links or files. */
static int fd_readdir_common(struct file *file, struct dir_context *ctx,
			     unsigned int type)
{
	struct task_struct *t = proc_get_task(file->f_inode);
	struct files_struct *files;
	unsigned long fd;

	if (!t)
		return -ENOENT;
	files = get_task_files(t);
	put_task_struct(t);
	if (!files)
		return 0;
	for (fd = ctx->pos - FD_POS_BASE;; fd++) {
		char name[16];
		bool open;
		unsigned long f = spin_lock_irqsave(&files->file_lock);

		if (fd >= files->fdt->max_fds) {
			spin_unlock_irqrestore(&files->file_lock, f);
			break;
		}
		open = files->fdt->fd[fd] != NULL;
		spin_unlock_irqrestore(&files->file_lock, f);
		if (!open)
			continue;
		snprintf(name, sizeof(name), "%lu", fd);
		if (!dir_emit(ctx, name, strlen(name), 0x100000 + fd, type))
			break;
		ctx->pos = fd + FD_POS_BASE + 1;
	}
	put_files_struct(files);
	return 0;
}

/* proc_fd_readdir - see procfs.h. */
int proc_fd_readdir(struct file *f, struct dir_context *ctx)
{
	return fd_readdir_common(f, ctx, DT_LNK);
}

/* proc_fdinfo_readdir - see procfs.h. */
int proc_fdinfo_readdir(struct file *f, struct dir_context *ctx)
{
	return fd_readdir_common(f, ctx, DT_REG);
}
