/*
 * procfs: the filesystem, its inodes, directories, links and generated
 * files (the entries themselves: fs/proc_misc.c for the root's,
 * fs/proc_pid.c for /proc/<pid> and its task/<tid>).
 *
 * Nothing is stored: each directory is a static table of proc_entry
 * (plus the live pids in the root), its dentries are made on lookup
 * and freed when unused. An inode of a process's directory pins the
 * process's struct pid (not the task): the task is found again at
 * every use, so an exited task's files say ENOENT (lookups) or ESRCH
 * (reads), and a cached dentry of a dead task is revalidated away
 * before a new process with its number is looked up. A file's text is
 * generated whole when it is opened (seq_buf) and again at each read
 * from offset 0, as seq_file does for small files in Linux.
 */
#include <asm/arch.h>
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/sched.h>
#include <tine/seq_file.h>
#include <tine/string.h>
#include <tine/syslog.h>
#include <tine/fs_context.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

static struct vfsmount *proc_mnt;
static const struct inode_operations proc_link_inode_operations;
static const struct inode_operations proc_file_inode_operations;
static const struct file_operations proc_file_operations;

/* --- inodes and directories --- */

static void proc_evict_inode(struct inode *i)
{
	struct proc_inode *pi = i->i_private;

	if (pi)
		put_pid(pi->pid);
	kfree(pi);
}

static int proc_remount(struct super_block *sb, const char *data);

static const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = simple_statfs,
	.remount_fs = proc_remount,
};

/* proc_pid_ns - see procfs.h. */
struct pid_namespace *proc_pid_ns(struct super_block *sb)
{
	return proc_sb_info(sb)->pid_ns;
}

/* proc_seq_inode - see procfs.h. */
struct inode *proc_seq_inode(struct seq_buf *m)
{
	return (struct inode *)m->private;
}

/* proc_seq_pid_nr - see procfs.h. */
pid_t proc_seq_pid_nr(struct seq_buf *m)
{
	struct inode *i = proc_seq_inode(m);

	return pid_nr_ns(PROC_I(i)->pid, proc_pid_ns(i->i_sb));
}

/* proc_get_task - see procfs.h. */
struct task_struct *proc_get_task(struct inode *i)
{
	struct pid *pid = PROC_I(i)->pid;
	struct task_struct *t;
	unsigned long f;

	if (!pid)
		return NULL;
	f = read_lock_irqsave(&tasklist_lock);
	t = pid_task(pid, PIDTYPE_PID);
	if (t)
		get_task_struct(t);
	read_unlock_irqrestore(&tasklist_lock, f);
	return t;
}

/*
 * proc_make_inode - an inode for entry e (of the task of pid, and fd
 * for fd/<fd> and fdinfo/<fd>). Files of a task belong to its owner.
 * Takes its own reference on pid.
 */
struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_entry *e, struct pid *pid,
			      int fd)
{
	struct inode *i = new_inode(sb);
	struct proc_inode *pi = kzalloc(sizeof(*pi));

	if (!i || !pi) {
		kfree(pi);
		if (i)
			iput(i);
		return NULL;
	}
	pi->entry = e;
	pi->pid = get_pid(pid);
	pi->fd = fd;
	i->i_private = pi;
	i->i_mode = e->mode;
	if (pid) {
		struct task_struct *t = proc_get_task(i);

		if (t) {
			task_dump_owner(t, i->i_mode, &i->i_uid, &i->i_gid);
			put_task_struct(t);
		}
	}
	if (S_ISDIR(e->mode)) {
		i->i_op = &proc_dir_inode_operations;
		i->i_fop = &proc_dir_operations;
		i->i_nlink = 2;
	} else if (S_ISLNK(e->mode)) {
		i->i_op = proc_link_iops(e, fd);
	} else {
		i->i_op = &proc_file_inode_operations;
		i->i_fop = e->fops ? e->fops : &proc_file_operations;
	}
	return i;
}

/* Instantiate d as entry e of dir's task. */
static int proc_instantiate(struct inode *dir, struct dentry *d,
			    const struct proc_entry *e, struct pid *pid, int fd)
{
	struct inode *i = proc_make_inode(dir->i_sb, e, pid, fd);

	if (!i)
		return -ENOMEM;
	d_add(d, i);
	return 0;
}

/* Is the task of a /proc/<pid> inode still there? */
static bool task_alive(struct inode *dir)
{
	struct task_struct *t;

	if (!PROC_I(dir)->pid)
		return true;
	t = proc_get_task(dir);
	if (!t)
		return false;
	put_task_struct(t);
	return true;
}

static const struct proc_entry proc_root_entry;

/* subset=pid: of the root's own entries only self and thread-self. */
static bool proc_entry_hidden(struct inode *dir, const struct proc_entry *e)
{
	return PROC_I(dir)->entry == &proc_root_entry &&
	       READ_ONCE(proc_sb_info(dir->i_sb)->subset_pid) &&
	       strcmp(e->name, "self") && strcmp(e->name, "thread-self");
}

static int proc_dir_lookup(struct inode *dir, struct dentry *d)
{
	struct proc_inode *pi = PROC_I(dir);
	const struct proc_entry *e;

	if (!task_alive(dir))
		return -ENOENT;
	if (pi->entry->lookup) {
		int err = pi->entry->lookup(dir, d);

		if (err != -ENOENT || !pi->entry->children)
			return err;
	}
	for (e = pi->entry->children; e && e->name; e++)
		if (!strcmp(e->name, d->d_name) && !proc_entry_hidden(dir, e))
			return proc_instantiate(dir, d, e, pi->pid, -1);
	return -ENOENT;
}

static int proc_dir_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	const struct proc_entry *e = pi->entry->children;
	off_t n;

	if (!task_alive(f->f_inode))
		return -ENOENT;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (n = 0; e && e[n].name; n++) {
		if (ctx->pos > n + 2 || proc_entry_hidden(f->f_inode, &e[n]))
			continue;
		if (!dir_emit(ctx, e[n].name, strlen(e[n].name),
			      f->f_inode->i_ino * 64 + n, (e[n].mode >> 12) & 15))
			return 0;
		ctx->pos = n + 3;
	}
	if (pi->entry->iterate)
		return pi->entry->iterate(f, ctx);
	return 0;
}

/*
 * A cached dentry of a task's file is good while the task lives (and,
 * for fd/<fd> and fdinfo/<fd>, while the fd is open): else the next
 * lookup makes a new one, for whatever now has that name.
 */
static bool proc_revalidate(struct dentry *d)
{
	struct proc_inode *pi = PROC_I(d->d_inode);
	struct task_struct *t;
	bool ok;

	if (!pi->pid)
		return true;
	t = proc_get_task(d->d_inode);
	if (!t)
		return false;
	ok = pi->fd < 0 || proc_fd_is_open(t, pi->fd);
	if (ok && pi->entry->revalidate)
		ok = pi->entry->revalidate(d->d_inode, t);
	put_task_struct(t);
	return ok;
}

/* As Linux: no chmod or chown of /proc files (EPERM); truncation (an
 * O_TRUNC open: "echo x > /proc/sys/...") does nothing. */
static int proc_setattr(struct dentry *d, struct iattr *ia)
{
	if (ia->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	ia->ia_valid &= ~ATTR_SIZE;
	return simple_setattr(d, ia);
}

const struct inode_operations proc_dir_inode_operations = {
	.revalidate = proc_revalidate,
	.lookup = proc_dir_lookup,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

static const struct inode_operations proc_file_inode_operations = {
	.revalidate = proc_revalidate,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

const struct file_operations proc_dir_operations = {
	.iterate = proc_dir_readdir,
	.llseek = default_dir_llseek,
};

/* --- symlinks --- */

static long proc_readlink(struct dentry *d, char *buf, size_t len)
{
	const struct proc_entry *e = PROC_I(d->d_inode)->entry;
	struct task_struct *t = proc_get_task(d->d_inode);
	long n;

	if (PROC_I(d->d_inode)->pid && !t)
		return -ENOENT;
	n = proc_may_access(e, t, -1);
	if (!n)
		n = e->readlink ? e->readlink(d->d_inode, t, buf, len) : -EINVAL;
	if (t)
		put_task_struct(t);
	return n;
}

static int proc_get_link_path(struct dentry *d, struct path *p)
{
	struct proc_inode *pi = PROC_I(d->d_inode);
	struct task_struct *t = proc_get_task(d->d_inode);
	int err;

	if (!t)
		return -ENOENT;
	err = proc_may_access(pi->entry, t, pi->fd);
	if (!err && pi->fd >= 0)
		err = proc_fd_path(t, pi->fd, p);
	else if (!err && pi->entry->inode_path)
		err = pi->entry->inode_path(d->d_inode, t, p);
	else if (!err)
		err = pi->entry->get_path(t, p);
	put_task_struct(t);
	return err;
}

/* Links either have text (readlink) or are magic (get_path). */
static long proc_link_readlink(struct dentry *d, char *buf, size_t len)
{
	struct proc_inode *pi = PROC_I(d->d_inode);
	struct path p;
	int err;

	if (pi->entry->readlink)
		return proc_readlink(d, buf, len);
	err = proc_get_link_path(d, &p);
	return err ? err : path_readlink(&p, buf, len);
}

static const struct inode_operations proc_link_inode_operations = {
	.revalidate = proc_revalidate,
	.readlink = proc_link_readlink,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

/* Used by the walk: text links are followed as text. */
static int proc_link_get_path(struct dentry *d, struct path *p)
{
	const struct proc_entry *e = PROC_I(d->d_inode)->entry;
	int err = e->may_follow ? e->may_follow() : 0;

	return err ? err : proc_get_link_path(d, p);
}

static const struct inode_operations proc_magic_link_inode_operations = {
	.revalidate = proc_revalidate,
	.readlink = proc_link_readlink,
	.get_path = proc_link_get_path,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

/* proc_link_iops - the operations for a link entry (text or magic). */
const struct inode_operations *proc_link_iops(const struct proc_entry *e,
					      int fd)
{
	if (fd >= 0 || e->get_path || e->inode_path)
		return &proc_magic_link_inode_operations;
	return &proc_link_inode_operations;
}

/* --- generated files --- */

struct show_arg {
	const struct proc_entry *e;
	struct task_struct *t;
	struct inode *inode;
};

static int show_one(struct seq_buf *m, void *arg)
{
	struct show_arg *a = arg;

	m->private = a->inode;
	return a->e->show(m, a->t);
}

static int proc_file_open(struct inode *i, struct file *f)
{
	const struct proc_entry *e = PROC_I(i)->entry;
	struct show_arg a = { e, proc_get_task(i), i };
	struct seq_buf *m;
	int err = 0;

	if (PROC_I(i)->pid && !a.t)
		return -ENOENT;
	err = proc_may_access(e, a.t, -1);
	if (!err && e->open)
		err = e->open(f, a.t);
	if (err) {
		if (a.t)
			put_task_struct(a.t);
		return err;
	}
	if (a.t)
		put_task_struct(a.t);
	/* The text is made by the first read (and again by each read at
	 * offset 0), as seq_file does: errors of show() are read errors. */
	m = kzalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	f->private_data = m;
	return 0;
}

/* Generate the file's text anew, as seq_file does on a read at 0. */
static int proc_regenerate(struct file *f)
{
	const struct proc_entry *e = PROC_I(f->f_inode)->entry;
	struct show_arg a = { e, proc_get_task(f->f_inode), f->f_inode };
	int err;

	if (!e->show)
		return 0;
	if (PROC_I(f->f_inode)->pid && !a.t)
		return -ESRCH;		/* reaped since it was opened */
	err = seq_regenerate(f->private_data, show_one, &a);
	if (a.t)
		put_task_struct(a.t);
	return err;
}

static ssize_t proc_do_read(struct file *f, void *buf, size_t n, off_t *pos,
			    bool user)
{
	struct seq_buf *m = f->private_data;

	/* A read from the start (after lseek 0) sees the current state. */
	if (*pos == 0 || !m->buf) {
		int err = proc_regenerate(f);
		if (err)
			return err;
	}

	return seq_buf_read(m, buf, n, pos, user);
}

static ssize_t proc_file_read(struct file *f, char __user *buf, size_t n,
			      off_t *pos)
{
	return proc_do_read(f, buf, n, pos, true);
}

static ssize_t proc_file_kread(struct file *f, void *buf, size_t n,
			       off_t *pos)
{
	return proc_do_read(f, buf, n, pos, false);
}

static ssize_t proc_file_write(struct file *f, const char __user *buf,
			       size_t n, off_t *pos)
{
	const struct proc_entry *e = PROC_I(f->f_inode)->entry;
	struct task_struct *t;
	char *kbuf;
	ssize_t r;

	if (!e->write && !e->write_file)
		return -EIO;
	if (n >= PAGE_SIZE)
		return -EINVAL;
	kbuf = memdup_user_nul(buf, n);
	if (IS_ERR(kbuf))
		return PTR_ERR(kbuf);
	t = proc_get_task(f->f_inode);
	if (PROC_I(f->f_inode)->pid && !t)
		r = -ESRCH;
	else if (e->write_file)
		r = e->write_file(f, t, kbuf, n, *pos);
	else
		r = e->write(t, kbuf, n);
	if (t)
		put_task_struct(t);
	kfree(kbuf);
	if (r > 0)
		*pos += r;
	return r;
}

static const struct file_operations proc_file_operations = {
	.open = proc_file_open,
	.read = proc_file_read,
	.kread = proc_file_kread,
	.write = proc_file_write,
	.llseek = seq_lseek,
	.release = seq_release,
};

static const struct proc_entry proc_root_entry = {
	.name = "/",
	.mode = S_IFDIR | 0555,
	.children = proc_root_entries,
	.lookup = proc_pid_lookup,
	.iterate = proc_pid_readdir,
};

/* One key=value option of a proc mount into the proc_fs_info priv:
 * 0, -EINVAL (a bad value) or -ENOPARAM (no such option). */
static int proc_parse_param(void *priv, const char *key, const char *val)
{
	static const char *const hidepid_names[] = {
		"off", "noaccess", "invisible", NULL, "ptraceable",
	};
	struct proc_fs_info *fi = priv;
	long v;

	if (strcmp(key, "hidepid") && strcmp(key, "gid") &&
	    strcmp(key, "subset"))
		return -ENOPARAM;
	if (!val)
		return -EINVAL;
	if (!strcmp(key, "subset")) {
		if (strcmp(val, "pid"))
			return -EINVAL;
		fi->subset_pid = true;
		return 0;
	}
	if (!strcmp(key, "gid")) {
		if (kstrtol(val, 10, &v) || v < 0 ||
		    !gid_valid(make_kgid(current_user_ns(), v)))
			return -EINVAL;
		fi->pid_gid = make_kgid(current_user_ns(), v);
		return 0;
	}
	for (int i = 0; i < 5; i++)
		if (hidepid_names[i] && !strcmp(val, hidepid_names[i])) {
			fi->hide_pid = i;
			return 0;
		}
	if (kstrtol(val, 10, &v) || v < 0 || v > 4 || v == 3)
		return -EINVAL;
	fi->hide_pid = v;
	return 0;
}

/* Is key=value an option proc takes (fsconfig)? 0, -EINVAL (a bad
 * value) or -ENOPARAM (no such option). */
static int proc_check_param(const char *key, const char *value)
{
	struct proc_fs_info fi = { .pid_gid = GLOBAL_ROOT_GID };

	return proc_parse_param(&fi, key, value);
}

/* A new instance's settings from the mount's option string. */
static int proc_parse_options(struct proc_fs_info *fi, const char *data)
{
	return fs_parse_monolithic(data, proc_parse_param, fi);
}

/*
 * A remount's options: those given change, the others stay (Linux's
 * proc_reconfigure). All or nothing: -EINVAL changes none. [N]
 */
static int proc_remount(struct super_block *sb, const char *data)
{
	struct proc_fs_info *fi = proc_sb_info(sb), tmp = *fi;
	int err = proc_parse_options(&tmp, data);

	if (err)
		return err;
	WRITE_ONCE(fi->hide_pid, tmp.hide_pid);
	WRITE_ONCE(fi->pid_gid.val, tmp.pid_gid.val);
	WRITE_ONCE(fi->subset_pid, tmp.subset_pid);
	return 0;
}

static void proc_free_info(struct proc_fs_info *fi)
{
	put_pid_ns(fi->pid_ns);
	kfree(fi);
}

/*
 * Every mount is a new instance for the mounter's pid namespace, whose
 * owner must grant CAP_SYS_ADMIN (EPERM); unknown options are EINVAL.
 */
static struct super_block *proc_mount(struct file_system_type *t, int flags,
				      const char *dev, void *data)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct proc_fs_info *fi;
	struct super_block *sb;
	struct inode *root;
	int err = -EPERM;

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return ERR_PTR(err);
	fi = kzalloc(sizeof(*fi));
	if (!fi)
		return ERR_PTR(-ENOMEM);
	fi->pid_ns = get_pid_ns(ns);
	fi->pid_gid = GLOBAL_ROOT_GID;
	err = proc_parse_options(fi, data);
	if (err)
		goto out_info;
	err = -ENOMEM;
	sb = alloc_super(t, &proc_sops, PROC_SUPER_MAGIC);
	if (!sb)
		goto out_info;
	sb->s_fs_info = fi;
	root = proc_make_inode(sb, &proc_root_entry, 0, -1);
	if (!root)
		goto out_sb;
	root->i_ino = 1;
	sb->s_iflags |= SB_I_USERNS_VISIBLE | SB_I_NOEXEC | SB_I_NODEV;
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		goto out_sb;
	return sb;

out_sb:
	free_unused_super(sb);
out_info:
	proc_free_info(fi);
	return ERR_PTR(err);
}

static void proc_kill_sb(struct super_block *sb)
{
	struct proc_fs_info *fi = proc_sb_info(sb);

	kill_anon_super(sb);
	proc_free_info(fi);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.nodev = true,
	.fs_flags = FS_USERNS_MOUNT,
	.mount = proc_mount,
	.check_param = proc_check_param,
	.kill_sb = proc_kill_sb,
};

/* proc_root_init - register proc and make its instance (boot). */
void proc_root_init(void)
{
	register_filesystem(&proc_fs_type);
	proc_mnt = kern_mount(&proc_fs_type);
	if (IS_ERR(proc_mnt))
		panic("proc: %ld", PTR_ERR(proc_mnt));
}
