/* /proc: generated files and per-task directories. */
#ifndef TINE_PROCFS_H
#define TINE_PROCFS_H

#include <tine/fs.h>
#include <tine/seq_buf.h>

struct task_struct;

/*
 * One entry of a static /proc directory. show() generates a file's text
 * at open time; write() accepts a whole write for a writable file
 * (write_file() instead when the check needs the opener's credentials,
 * f->f_cred, or the offset); readlink()/get_path() make a symlink;
 * children make a directory. Access (fs/proc_access.c): ptrace_mode is
 * the ptrace_may_access() mode a reader needs (at open, or to follow a
 * link); open() may refuse an open; own_threads_ok opens the entry to
 * the task's own threads whatever its mode.
 */
struct proc_entry {
	const char *name;
	mode_t mode;
	int (*show)(struct seq_buf *m, struct task_struct *t);
	/* show() for a per-fd file (/proc/<pid>/fdinfo/N): fd is N. */
	int (*show_fd)(struct seq_buf *m, struct task_struct *t, int fd);
	ssize_t (*write)(struct task_struct *t, const char *buf, size_t n);
	ssize_t (*write_file)(struct file *f, struct task_struct *t,
			      const char *buf, size_t n, off_t pos);
	int (*open)(struct file *f, struct task_struct *t);
	unsigned int ptrace_mode;
	bool own_threads_ok;
	int (*permission)(struct inode *i, int mask);	/* instead of the
					 * mode bits (per-namespace sysctls) */
	int (*readlink)(struct task_struct *t, char *buf, size_t len);
	int (*get_path)(struct task_struct *t, struct path *p);
	const struct proc_entry *children;	/* NULL-name terminated */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	int (*lookup)(struct inode *dir, struct dentry *d);
};

/* What a /proc inode stands for (inode->i_private). */
struct proc_inode {
	const struct proc_entry *entry;
	pid_t pid;			/* 0 outside /proc/<pid> */
	int fd;				/* /proc/<pid>/fd/<fd>, else -1 */
};

static inline struct proc_inode *PROC_I(struct inode *i)
{
	return i->i_private;
}

struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_entry *e, pid_t pid, int fd);
struct task_struct *proc_get_task(struct inode *i);
int proc_pid_lookup(struct inode *dir, struct dentry *d);
int proc_pid_readdir(struct file *f, struct dir_context *ctx);
extern const struct proc_entry proc_pid_entry;
const struct inode_operations *proc_link_iops(const struct proc_entry *e,
					      int fd);
/* fs/proc_fd.c: /proc/<pid>/fd and fdinfo. */
int proc_fd_path(struct task_struct *t, int fd, struct path *p);
int proc_fd_lookup(struct inode *dir, struct dentry *d);
int proc_fd_readdir(struct file *f, struct dir_context *ctx);
int proc_fdinfo_lookup(struct inode *dir, struct dentry *d);
int proc_fdinfo_readdir(struct file *f, struct dir_context *ctx);
int proc_fdinfo_permission(struct inode *i, int mask);
/* A decimal pid or fd name (no sign, no leading zero) below 2^31. */
bool proc_parse_number(const char *s, unsigned long *v);
extern const struct inode_operations proc_dir_inode_operations;

/* fs/proc_access.c */
void task_dump_owner(struct task_struct *t, mode_t mode, kuid_t *uid,
		     kgid_t *gid);
struct task_struct *proc_pid_update_inode(struct inode *i);
int proc_permission(struct inode *i, int mask);
void proc_getattr(struct dentry *d, struct kstat *st);
int proc_may_access(const struct proc_entry *e, struct task_struct *t,
		    int fd);
extern const struct file_operations proc_dir_operations;

#endif
