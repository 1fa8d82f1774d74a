/* /proc: generated files and per-task directories. */
#ifndef TINE_PROCFS_H
#define TINE_PROCFS_H

#include <tine/fs.h>
#include <tine/seq_buf.h>

struct task_struct;
struct pid;
struct pid_namespace;
struct mm_struct;

/*
 * One entry of a static /proc directory. show() generates a file's text
 * at open time; write() accepts a whole write for a writable file
 * (write_file() instead when the check needs the opener's credentials,
 * f->f_cred, or the offset); readlink()/get_path() make a symlink;
 * children make a directory. Access (fs/proc_access.c): ptrace_mode is
 * the ptrace_may_access() mode a reader needs (at open, or to follow a
 * link); open() may refuse an open; own_threads_ok opens the entry to
 * the task's own threads whatever its mode. fops: a special file
 * with operations of its own (/proc/kmsg) instead of show/write.
 */
struct proc_entry {
	const char *name;
	mode_t mode;
	int (*show)(struct seq_buf *m, struct task_struct *t);
	ssize_t (*write)(struct task_struct *t, const char *buf, size_t n);
	ssize_t (*write_file)(struct file *f, struct task_struct *t,
			      const char *buf, size_t n, off_t pos);
	int (*open)(struct file *f, struct task_struct *t);
	unsigned int ptrace_mode;
	bool own_threads_ok;
	int (*permission)(struct inode *i, int mask);	/* instead of the
					 * mode bits (per-namespace sysctls) */
	int (*readlink)(struct inode *i, struct task_struct *t, char *buf,
			size_t len);
	int (*get_path)(struct task_struct *t, struct path *p);
	const struct proc_entry *children;	/* NULL-name terminated */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	int (*lookup)(struct inode *dir, struct dentry *d);
	const struct file_operations *fops;
	/* A magic link whose target depends on the inode (map_files/<range>),
	 * instead of get_path; may_follow: what following it (not reading
	 * it) also needs, 0 or -errno. */
	int (*inode_path)(struct inode *i, struct task_struct *t,
			  struct path *p);
	int (*may_follow)(void);
	/* Is a cached dentry of this entry still good (t: its live task)? */
	bool (*revalidate)(struct inode *i, struct task_struct *t);
};

/* /proc/<pid>/net's files: the task's network namespace (net/proc_net.c). */
extern const struct proc_entry proc_net_entries[];

/* What a /proc inode stands for (inode->i_private). */
struct proc_inode {
	const struct proc_entry *entry;
	struct pid *pid;		/* a reference; NULL outside /proc/<pid> */
	int fd;				/* fd/<fd> and fdinfo/<fd>; else -1 */
	unsigned long vm_start, vm_end;	/* map_files/<start>-<end> */
	const void *data;		/* /proc/sys: its ctl_dir or ctl_table */
};

static inline struct proc_inode *PROC_I(struct inode *i)
{
	return i->i_private;
}

/* --- fs/procfs.c: the filesystem --- */
struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_entry *e, struct pid *pid,
			      int fd);
/* The task a /proc/<pid> inode stands for, referenced; NULL once it is
 * released (or for inodes outside /proc/<pid>). Any context. */
struct task_struct *proc_get_task(struct inode *i);
/*
 * A procfs instance (super_block.s_fs_info). Every mount of proc is a
 * new instance showing the processes of the mounter's pid namespace,
 * with its own options: hidepid= hides other users' processes (not
 * ptrace-readable ones) from all but gid=; subset=pid leaves only the
 * process directories, self and thread-self. [I]: fixed once mounted;
 * [R]: changed by a remount (namespace_sem), read with READ_ONCE.
 */
struct proc_fs_info {
	struct pid_namespace *pid_ns;	/* [I] a reference */
	int hide_pid;			/* [R] HIDEPID_* */
	kgid_t pid_gid;			/* [R] exempt from hide_pid */
	bool subset_pid;		/* [R] subset=pid */
};

#define HIDEPID_OFF 0
#define HIDEPID_NO_ACCESS 1		/* listed, not entered */
#define HIDEPID_INVISIBLE 2		/* not even listed */
#define HIDEPID_NOT_PTRACEABLE 4	/* all but ptrace-readable ones */

static inline struct proc_fs_info *proc_sb_info(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* The pid namespace whose numbers a proc superblock shows. */
struct pid_namespace *proc_pid_ns(struct super_block *sb);
/*
 * proc_has_pid_permissions - may current see t in the instance fi at
 * hidepid level (HIDEPID_NO_ACCESS: enter its directory,
 * HIDEPID_INVISIBLE: see it listed)? May sleep.
 */
bool proc_has_pid_permissions(struct proc_fs_info *fi, struct task_struct *t,
			      int level);
/* In a show(): the inode of the file being generated, the pid
 * namespace of its mount, and its task's number there. */
struct inode *proc_seq_inode(struct seq_buf *m);
#define proc_seq_pid_ns(m) proc_pid_ns(proc_seq_inode(m)->i_sb)
pid_t proc_seq_pid_nr(struct seq_buf *m);
const struct inode_operations *proc_link_iops(const struct proc_entry *e,
					      int fd);
extern const struct inode_operations proc_dir_inode_operations;
extern const struct file_operations proc_dir_operations;

/* --- fs/proc_misc.c: the root's entries --- */
extern const struct proc_entry proc_root_entries[];

/* --- fs/proc_sysctl.c: /proc/sys (the sysctl tree) --- */
int proc_sys_lookup(struct inode *dir, struct dentry *d);
int proc_sys_readdir(struct file *f, struct dir_context *ctx);

/* --- fs/proc_pid.c: /proc/<pid>, task/<tid> --- */
int proc_pid_lookup(struct inode *dir, struct dentry *d);
int proc_pid_readdir(struct file *f, struct dir_context *ctx);
extern const struct proc_entry proc_pid_entry;
/* fs/proc_ns.c: /proc/<pid>/ns */
extern const struct proc_entry proc_ns_entries[];
extern const struct proc_entry proc_tid_entry;	/* task/<tid> */

/* --- fs/proc_array.c: stat, statm, status --- */
int proc_tgid_stat(struct seq_buf *m, struct task_struct *t);
int proc_tid_stat(struct seq_buf *m, struct task_struct *t);
int proc_pid_statm(struct seq_buf *m, struct task_struct *t);
int proc_pid_status(struct seq_buf *m, struct task_struct *t);

/* --- fs/proc_task_mmu.c: maps, smaps, smaps_rollup, pagemap --- */
int proc_pid_maps(struct seq_buf *m, struct task_struct *t);
int proc_pid_smaps(struct seq_buf *m, struct task_struct *t);
int proc_pid_smaps_rollup(struct seq_buf *m, struct task_struct *t);
extern const struct file_operations proc_pagemap_operations;

/* --- fs/proc_map_files.c: map_files/ --- */
int proc_map_files_lookup(struct inode *dir, struct dentry *d);
int proc_map_files_readdir(struct file *f, struct dir_context *ctx);

/* --- fs/proc_mem.c: cmdline, environ, auxv, mem --- */
int proc_pid_cmdline(struct seq_buf *m, struct task_struct *t);
int proc_pid_environ(struct seq_buf *m, struct task_struct *t);
int proc_pid_auxv(struct seq_buf *m, struct task_struct *t);
extern const struct file_operations proc_mem_operations;

/* --- fs/proc_fd.c: fd/ and fdinfo/ --- */
int proc_fd_lookup(struct inode *dir, struct dentry *d);
int proc_fd_readdir(struct file *f, struct dir_context *ctx);
int proc_fdinfo_lookup(struct inode *dir, struct dentry *d);
int proc_fdinfo_readdir(struct file *f, struct dir_context *ctx);
/* The open file at fd of t, as a path (referenced): 0 or -ENOENT. */
int proc_fd_path(struct task_struct *t, int fd, struct path *p);
/* Is fd open in t's table? */
bool proc_fd_is_open(struct task_struct *t, int fd);

/* ipc/ipc_sysctl.c: the files of /proc/sysvipc. */
extern const struct proc_entry ipc_sysvipc_entries[];

/* --- fs/locks.c: /proc/locks --- */
int proc_locks_show(struct seq_buf *m, struct task_struct *unused);

/* fs/proc_access.c */
void task_dump_owner(struct task_struct *t, mode_t mode, kuid_t *uid,
		     kgid_t *gid);
struct task_struct *proc_pid_update_inode(struct inode *i);
int proc_permission(struct inode *i, int mask);
void proc_getattr(struct dentry *d, struct kstat *st);
int proc_may_access(const struct proc_entry *e, struct task_struct *t,
		    int fd);
struct mm_struct *proc_mm_access(struct task_struct *t, unsigned int mode);

#endif
