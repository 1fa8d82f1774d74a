/*
 * The cgroup2 filesystem: each cgroup a kernfs directory with the core
 * interface files (cgroup.procs, cgroup.threads, cgroup.controllers,
 * cgroup.subtree_control, cgroup.type, cgroup.events, cgroup.kill,
 * cgroup.max.descendants, cgroup.max.depth, cgroup.stat), mkdir and
 * rmdir; every mount shows the tree from the mounter's cgroup namespace
 * root. No controllers: cgroup.controllers is empty. Locks as in
 * cgroup.c; file handlers take cgroup_mutex.
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs_context.h>
#include <tine/init.h>
#include <tine/kernfs.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "cgroup_internal.h"

#define CGROUP2_SUPER_MAGIC 0x63677270

/* mount -o nsdelegate (from the initial namespace): namespaces are
 * delegation boundaries for migrations. [M] */
static bool cgrp_ns_delegate;

bool cgrp_dfl_visible;

static struct cgroup *kn_cgroup(struct kernfs_node *kn)
{
	return kn->priv;
}

/* Every file: a removed cgroup's files answer ENODEV, as Linux. */
static int cgroup_file_open(struct file *f, struct kernfs_node *kn)
{
	return READ_ONCE(kn_cgroup(kn)->dead) ? -ENODEV : 0;
}

/* The text written, without the surrounding blanks (in place). */
static char *strip(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		s[--n] = 0;
	return s;
}

/* ---- cgroup.procs, cgroup.threads ---- */

/* Is a live thread of p's process in cg? tasklist_lock held. */
static bool process_in_cgroup(struct task_struct *p, struct cgroup *cg)
{
	struct task_struct *t;
	bool in = false;

	assert_rwlock_held(&tasklist_lock);
	spin_lock(&css_set_lock);
	list_for_each_entry(t, &p->signal->thread_head, thread_node)
		if (t->cgroup == cg && !t->cgroup_exited) {
			in = true;
			break;
		}
	spin_unlock(&css_set_lock);
	return in;
}

/* The processes (threads) in cg, numbered in the reader's pid
 * namespace; those it cannot see are left out. */
static void show_tasks(struct seq_buf *m, struct cgroup *cg, bool threads)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct task_struct *p;
	pid_t nr;

	list_for_each_entry(p, &task_list, tasks) {
		bool in;

		if (threads) {
			spin_lock(&css_set_lock);
			in = p->cgroup == cg && !p->cgroup_exited;
			spin_unlock(&css_set_lock);
		} else {
			in = thread_group_leader(p) && process_in_cgroup(p, cg);
		}
		nr = threads ? task_pid_nr_ns(p, ns) : task_tgid_nr_ns(p, ns);
		if (in && nr > 0)
			seq_printf(m, "%d\n", nr);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
}

static int procs_show(struct seq_buf *m, struct kernfs_node *kn)
{
	show_tasks(m, kn_cgroup(kn), false);
	return 0;
}

static int threads_show(struct seq_buf *m, struct kernfs_node *kn)
{
	show_tasks(m, kn_cgroup(kn), true);
	return 0;
}

/* The task a write names: "0" is the writer. With a reference. */
static struct task_struct *written_task(const char *buf)
{
	long nr;

	if (kstrtol(buf, 10, &nr) || nr < 0 || nr > 0x3fffffff)
		return ERR_PTR(-EINVAL);
	if (!nr) {
		get_task_struct(current);
		return current;
	}
	return find_get_task_by_vpid(nr) ?: ERR_PTR(-ESRCH);
}

/*
 * May current move a task from src to dst? As Linux's
 * cgroup_procs_write_permission: write access to cgroup.procs of their
 * common ancestor, and with nsdelegate both inside current's namespace.
 * cgroup_mutex held.
 */
static int cgroup_attach_permission(struct super_block *sb,
				    struct cgroup *src, struct cgroup *dst)
{
	struct cgroup *com = cgroup_common_ancestor(src, dst);
	struct cgroup *root = current->nsproxy->cgroup_ns->root_cgrp;
	int err;

	mutex_assert_held(&cgroup_mutex);
	if (!com->procs_kn)
		return -ENOENT;
	err = kernfs_node_permission(sb, com->procs_kn, MAY_WRITE);
	if (err)
		return err;
	if (cgrp_ns_delegate && (!cgroup_is_descendant(src, root) ||
				 !cgroup_is_descendant(dst, root)))
		return -ENOENT;
	return 0;
}

/*
 * The permission to move a task from src to dst by a write to f, judged
 * with the credentials f was opened with (as Linux: an inherited or
 * passed fd gives no more than its opener had). cgroup_mutex held.
 */
static int cgroup_attach_permission_file(struct file *f, struct cgroup *src,
					 struct cgroup *dst)
{
	const struct cred *old;
	int err;

	mutex_assert_held(&cgroup_mutex);
	old = override_creds(f->f_cred);
	err = cgroup_attach_permission(f->f_inode->i_sb, src, dst);
	revert_creds(old);
	return err;
}

/* A write of a pid (tid) to dst's cgroup.procs (cgroup.threads). */
static ssize_t tasks_write(struct file *f, struct kernfs_node *kn,
			   char *buf, size_t n, bool threadgroup)
{
	struct cgroup *dst = kn_cgroup(kn), *src;
	struct task_struct *t = written_task(strip(buf));
	ssize_t err;

	if (IS_ERR(t))
		return PTR_ERR(t);
	mutex_lock(&cgroup_mutex);
	src = task_get_cgroup(t);	/* a process's threads share one */
	err = -ENODEV;
	if (dst->dead)
		goto out;
	err = -EINVAL;			/* kernel threads stay in the root */
	if (t->flags & PF_KTHREAD)
		goto out;
	err = cgroup_attach_permission_file(f, src, dst);
	if (err)
		goto out;
	err = n;
	if (!threadgroup)		/* FIXME: no threaded cgroups */
		err = src == dst ? (ssize_t)n : -EOPNOTSUPP;
	else
		cgroup_attach_process(t, dst);
out:
	mutex_unlock(&cgroup_mutex);
	put_cgroup(src);
	put_task_struct(t);
	return err;
}

static ssize_t procs_write(struct file *f, struct kernfs_node *kn,
			   const char *buf, size_t n)
{
	return tasks_write(f, kn, (char *)buf, n, true);
}

static ssize_t threads_write(struct file *f, struct kernfs_node *kn,
			     const char *buf, size_t n)
{
	return tasks_write(f, kn, (char *)buf, n, false);
}

/* ---- controllers, type, events, stat ---- */

/* No controllers: both lists are empty lines. */
static int empty_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_putc(m, '\n');
	return 0;
}

/* "+name" / "-name" for each controller; there are none, so any name
 * is unknown: EINVAL, as Linux for a controller it was built without. */
static ssize_t subtree_control_write(struct file *f, struct kernfs_node *kn,
				     const char *buf, size_t n)
{
	char *s = strip((char *)buf);

	return *s ? -EINVAL : (ssize_t)n;
}

static int type_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_puts(m, "domain\n");
	return 0;
}

/* Only "threaded" may be written (Linux); tine has no threaded mode. */
static ssize_t type_write(struct file *f, struct kernfs_node *kn,
			  const char *buf, size_t n)
{
	return strcmp(strip((char *)buf), "threaded") ? -EINVAL : -EOPNOTSUPP;
}

static int events_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_printf(m, "populated %d\nfrozen 0\n",
		   cgroup_is_populated(kn_cgroup(kn)));
	return 0;
}

static int stat_show(struct seq_buf *m, struct kernfs_node *kn)
{
	struct cgroup *cg = kn_cgroup(kn);

	mutex_lock(&cgroup_mutex);
	seq_printf(m, "nr_descendants %d\nnr_dying_descendants %d\n",
		   cg->nr_descendants,
		   __atomic_load_n(&cg->nr_dying_descendants, __ATOMIC_RELAXED));
	mutex_unlock(&cgroup_mutex);
	return 0;
}

/* ---- cgroup.kill ---- */

/* "1" kills every process in the subtree (Linux: anything else that is
 * a number ERANGE, what is not one EINVAL). */
static ssize_t kill_write(struct file *f, struct kernfs_node *kn,
			  const char *buf, size_t n)
{
	struct cgroup *cg = kn_cgroup(kn);
	ssize_t err = n;
	long v;

	if (kstrtol(strip((char *)buf), 0, &v))
		return -EINVAL;
	if (v != 1)
		return -ERANGE;
	mutex_lock(&cgroup_mutex);
	if (cg->dead)
		err = -ENODEV;
	else
		cgroup_kill(cg);
	mutex_unlock(&cgroup_mutex);
	return err;
}

/* ---- cgroup.max.descendants, cgroup.max.depth ---- */

static int show_limit(struct seq_buf *m, int v)
{
	if (v == CGROUP_NO_LIMIT)
		seq_puts(m, "max\n");
	else
		seq_printf(m, "%d\n", v);
	return 0;
}

/* "max" or an int from 0 (Linux: ERANGE out of range, EINVAL for what
 * is no number). */
static ssize_t write_limit(struct kernfs_node *kn, const char *buf,
			   size_t n, bool depth)
{
	char *s = strip((char *)buf);
	struct cgroup *cg = kn_cgroup(kn);
	long v = CGROUP_NO_LIMIT;

	if (strcmp(s, "max")) {
		if (kstrtol(s, 0, &v))
			return -EINVAL;
		if (v < 0 || v > CGROUP_NO_LIMIT)
			return -ERANGE;
	}
	mutex_lock(&cgroup_mutex);
	if (depth)
		cg->max_depth = v;
	else
		cg->max_descendants = v;
	mutex_unlock(&cgroup_mutex);
	return n;
}

static int max_descendants_show(struct seq_buf *m, struct kernfs_node *kn)
{
	return show_limit(m, READ_ONCE(kn_cgroup(kn)->max_descendants));
}

static int max_depth_show(struct seq_buf *m, struct kernfs_node *kn)
{
	return show_limit(m, READ_ONCE(kn_cgroup(kn)->max_depth));
}

static ssize_t max_descendants_write(struct file *f, struct kernfs_node *kn,
				     const char *buf, size_t n)
{
	return write_limit(kn, buf, n, false);
}

static ssize_t max_depth_write(struct file *f, struct kernfs_node *kn,
			       const char *buf, size_t n)
{
	return write_limit(kn, buf, n, true);
}

/* ---- the directory ---- */

#define CG_OPS(n, sh, st) \
	static const struct kernfs_ops n = { \
		.show = sh, .store = st, .open = cgroup_file_open }
CG_OPS(procs_ops, procs_show, procs_write);
CG_OPS(threads_ops, threads_show, threads_write);
CG_OPS(controllers_ops, empty_show, NULL);
CG_OPS(subtree_control_ops, empty_show, subtree_control_write);
CG_OPS(type_ops, type_show, type_write);
CG_OPS(events_ops, events_show, NULL);
CG_OPS(max_descendants_ops, max_descendants_show, max_descendants_write);
CG_OPS(max_depth_ops, max_depth_show, max_depth_write);
CG_OPS(stat_ops, stat_show, NULL);
CG_OPS(kill_ops, NULL, kill_write);

struct cgroup_file {
	const char *name;
	mode_t mode;
	const struct kernfs_ops *ops;
	bool not_on_root;
};

/* Linux 6.1's cgroup_base_files, without cgroup.freeze and cpu.stat. */
static const struct cgroup_file cgroup_base_files[] = {
	{ "cgroup.type", 0644, &type_ops, true },
	{ "cgroup.procs", 0644, &procs_ops, false },
	{ "cgroup.threads", 0644, &threads_ops, false },
	{ "cgroup.controllers", 0444, &controllers_ops, false },
	{ "cgroup.subtree_control", 0644, &subtree_control_ops, false },
	{ "cgroup.events", 0444, &events_ops, true },
	{ "cgroup.max.descendants", 0644, &max_descendants_ops, false },
	{ "cgroup.max.depth", 0644, &max_depth_ops, false },
	{ "cgroup.stat", 0444, &stat_ops, false },
	{ "cgroup.kill", 0200, &kill_ops, true },
};

static struct kernfs_node *cgroup_mkdir(struct kernfs_node *parent_kn,
					const char *name, mode_t mode);
static int cgroup_rmdir(struct kernfs_node *kn);

static void cgroup_kn_release(struct kernfs_node *kn)
{
	put_cgroup(kn_cgroup(kn));
}

static const struct kernfs_dir_ops cgroup_dir_ops = {
	.mkdir = cgroup_mkdir,
	.rmdir = cgroup_rmdir,
	.release = cgroup_kn_release,
};

/* cg's files in its directory, owned by uid/gid. */
static int cgroup_add_files(struct cgroup *cg, kuid_t uid, kgid_t gid)
{
	for (size_t i = 0; i < ARRAY_SIZE(cgroup_base_files); i++) {
		const struct cgroup_file *cf = &cgroup_base_files[i];
		struct kernfs_node *kn;

		if (cf->not_on_root && !cg->parent)
			continue;
		kn = kernfs_create_file(cg->kn, cf->name, cf->mode, cf->ops, cg);
		if (!kn)
			return -ENOMEM;
		kernfs_set_owner(kn, uid, gid);
		if (cf->ops == &procs_ops)
			cg->procs_kn = kn;
		if (cf->ops == &events_ops)
			cg->events_kn = kn;	/* before any task can join */
	}
	return 0;
}

/* cgroup_populate_dir - see cgroup_internal.h. */
int cgroup_populate_dir(struct cgroup *cg, mode_t mode)
{
	const struct cred *cred = current_cred();

	mutex_assert_held(&cgroup_mutex);
	cg->kn = kernfs_create_dir_ops(cg->parent->kn, cg->name, mode & 07777,
				       &cgroup_dir_ops, cg, cred->fsuid,
				       cred->fsgid);
	if (!cg->kn) {
		put_cgroup(cg);
		return -ENOMEM;
	}
	if (cgroup_add_files(cg, cred->fsuid, cred->fsgid)) {
		kernfs_remove(cg->kn);	/* frees cg with the directory */
		return -ENOMEM;
	}
	return 0;
}

static struct kernfs_node *cgroup_mkdir(struct kernfs_node *parent_kn,
					const char *name, mode_t mode)
{
	struct kernfs_node *kn;
	struct cgroup *cg;

	if (strchr(name, '\n'))
		return ERR_PTR(-EINVAL);
	mutex_lock(&cgroup_mutex);
	cg = cgroup_create(kn_cgroup(parent_kn), name, mode);
	kn = IS_ERR(cg) ? ERR_PTR(PTR_ERR(cg)) : cg->kn;
	if (!IS_ERR(kn))
		kernfs_get(kn);
	mutex_unlock(&cgroup_mutex);
	return kn;
}

static int cgroup_rmdir(struct kernfs_node *kn)
{
	int err;

	mutex_lock(&cgroup_mutex);
	err = cgroup_destroy(kn_cgroup(kn));
	mutex_unlock(&cgroup_mutex);
	return err;
}

/* ---- CLONE_INTO_CGROUP ---- */

static struct file_system_type cgroup2_fs_type;

/* The live cgroup the directory f shows (a reference), or ERR_PTR:
 * EBADF for anything else, ENOENT once removed (Linux: no online css
 * there). cgroup_mutex held. */
static struct cgroup *cgroup_get_from_file(struct file *f)
{
	struct inode *i = f->f_inode;
	struct cgroup *cg;

	mutex_assert_held(&cgroup_mutex);
	if (!i || i->i_sb->s_type != &cgroup2_fs_type || !S_ISDIR(i->i_mode))
		return ERR_PTR(-EBADF);
	cg = kn_cgroup(kernfs_node_of(i));
	if (cg->dead)
		return ERR_PTR(-ENOENT);
	get_cgroup(cg);
	return cg;
}

/* The checks of a write to dst's cgroup.procs (cgroup.threads for a
 * thread). cgroup_mutex held. */
static int cgroup_fork_permission(struct file *f, struct cgroup *dst,
				  bool thread)
{
	struct cgroup *src = task_get_cgroup(current);
	int err = cgroup_attach_permission(f->f_inode->i_sb, src, dst);

	mutex_assert_held(&cgroup_mutex);
	if (!err && thread && src != dst)
		err = -EOPNOTSUPP;	/* no threaded cgroups */
	put_cgroup(src);
	return err;
}

/* cgroup_can_fork - see tine/cgroup.h. */
int cgroup_can_fork(struct kernel_clone_args *args)
{
	struct cgroup *cg;
	struct file *f;
	int err;

	args->cgrp = NULL;
	if (!(args->flags & CLONE_INTO_CGROUP))
		return 0;
	f = fget_raw(args->cgroup);
	if (!f)
		return -EBADF;
	mutex_lock(&cgroup_mutex);
	cg = cgroup_get_from_file(f);
	err = IS_ERR(cg) ? PTR_ERR(cg) : 0;
	if (!err) {
		err = cgroup_fork_permission(f, cg, args->flags & CLONE_THREAD);
		if (err)
			put_cgroup(cg);
	}
	fput(f);
	if (err) {
		mutex_unlock(&cgroup_mutex);
		return err;
	}
	args->cgrp = cg;	/* cgroup_mutex stays held */
	return 0;
}

/* cgroup_fork_done - see tine/cgroup.h. */
void cgroup_fork_done(struct kernel_clone_args *args)
{
	if (!args->cgrp)
		return;
	put_cgroup(args->cgrp);
	args->cgrp = NULL;
	mutex_unlock(&cgroup_mutex);
}

/* ---- the filesystem ---- */

/* One cgroup2 option into the bool *nsdelegate priv: Linux 6.1's
 * options, of which only nsdelegate means anything here (the others
 * tune controllers tine does not have). 0, -EINVAL (a value given) or
 * -ENOPARAM (no such option). */
static int cgroup2_parse_param(void *priv, const char *key,
			       const char *value)
{
	static const char *const opts[] = {
		"nsdelegate", "favordynmods", "memory_localevents",
		"memory_recursiveprot",
	};
	bool *nsdelegate = priv;

	for (size_t i = 0; i < ARRAY_SIZE(opts); i++) {
		if (strcmp(key, opts[i]))
			continue;
		if (value)
			return -EINVAL;
		if (i == 0)
			*nsdelegate = true;
		return 0;
	}
	return -ENOPARAM;
}

/* Is key[=value] a cgroup2 option (fsconfig)? 0 or -errno, as above. */
static int cgroup2_check_param(const char *key, const char *value)
{
	bool nsdelegate;

	return cgroup2_parse_param(&nsdelegate, key, value);
}

/* The mount's option string: 0 or -EINVAL; *nsdelegate set. */
static int cgroup2_parse_options(const char *data, bool *nsdelegate)
{
	*nsdelegate = false;
	return fs_parse_monolithic(data, cgroup2_parse_param, nsdelegate);
}

/* A new superblock rooted at the mounter's cgroup namespace root. */
static struct super_block *cgroup2_mount(struct file_system_type *t,
					 int flags, const char *dev, void *data)
{
	struct cgroup_namespace *ns = current->nsproxy->cgroup_ns;
	struct super_block *sb;
	bool nsdelegate;
	int err = cgroup2_parse_options(data, &nsdelegate);

	if (err)
		return ERR_PTR(err);
	/* Linux: the namespace's owner must be ours to administer. */
	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	mutex_lock(&cgroup_mutex);
	if (ns == &init_cgroup_ns)	/* Linux: only there */
		cgrp_ns_delegate = nsdelegate;
	sb = ns->root_cgrp->kn
		     ? kernfs_new_sb(t, CGROUP2_SUPER_MAGIC, ns->root_cgrp->kn)
		     : ERR_PTR(-ENOENT);
	mutex_unlock(&cgroup_mutex);
	if (!IS_ERR(sb))
		WRITE_ONCE(cgrp_dfl_visible, true);
	return sb;
}

static struct file_system_type cgroup2_fs_type = {
	.name = "cgroup2",
	.nodev = true,
	.fs_flags = FS_USERNS_MOUNT,
	.mount = cgroup2_mount,
	.kill_sb = kill_anon_super,
	.check_param = cgroup2_check_param,
};

/* The root's directory and files, and the filesystem type. Boot. */
static void cgroup_init(void)
{
	struct kernfs_node *kn = kernfs_create_root(0755);

	if (!kn)
		panic("cgroup: no memory");
	kn->dir_ops = &cgroup_dir_ops;
	kn->priv = &cgrp_dfl_root;
	mutex_lock(&cgroup_mutex);
	cgrp_dfl_root.kn = kn;
	if (cgroup_add_files(&cgrp_dfl_root, GLOBAL_ROOT_UID, GLOBAL_ROOT_GID))
		panic("cgroup: no memory");
	mutex_unlock(&cgroup_mutex);
	register_filesystem(&cgroup2_fs_type);
}
__initcall(cgroup_init);
