/*
 * kernfs: filesystems whose tree is made of kernel objects (see
 * include/tine/kernfs.h). sysfs and tracefs are built on it.
 *
 * Lock: kernfs_mutex guards every node's children list; it is taken
 * for lookups and readdir, never with a spinlock held, and nests inside
 * vfs_lock (lookups run under it).
 */
#include <tine/err.h>
#include <tine/kernfs.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/seq_file.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

static DEFINE_MUTEX(kernfs_mutex);

static const struct inode_operations kernfs_dir_iops;
static const struct inode_operations kernfs_file_iops;
static const struct inode_operations kernfs_link_iops;
static const struct file_operations kernfs_dir_fops;
static const struct file_operations kernfs_file_fops;

/* --- the tree --- */

static struct kernfs_node *kernfs_new_node(const char *name, mode_t mode)
{
	struct kernfs_node *kn = kzalloc(sizeof(*kn));

	if (!kn)
		return NULL;
	kn->name = kstrdup(name);
	if (!kn->name) {
		kfree(kn);
		return NULL;
	}
	kn->mode = mode;
	kn->ino = get_next_ino();
	atomic_set(&kn->count, 1);
	INIT_LIST_HEAD(&kn->children);
	INIT_LIST_HEAD(&kn->sibling);
	init_waitqueue_head(&kn->poll);
	return kn;
}

/* The child of parent called name, or NULL. Holds kernfs_mutex. */
static struct kernfs_node *find_child(struct kernfs_node *parent,
				      const char *name)
{
	struct kernfs_node *kn;

	mutex_assert_held(&kernfs_mutex);
	list_for_each_entry(kn, &parent->children, sibling)
		if (!strcmp(kn->name, name))
			return kn;
	return NULL;
}

/* Link kn into parent, in name order (ls shows them sorted anyway). */
static struct kernfs_node *kernfs_add(struct kernfs_node *parent,
				      struct kernfs_node *kn)
{
	struct kernfs_node *pos;

	if (!kn)
		return NULL;
	mutex_lock(&kernfs_mutex);
	if (find_child(parent, kn->name)) {
		mutex_unlock(&kernfs_mutex);
		kfree((void *)kn->name);
		kfree(kn);
		return NULL;
	}
	kn->parent = parent;
	kernfs_get(parent);
	list_for_each_entry(pos, &parent->children, sibling)
		if (strcmp(pos->name, kn->name) > 0)
			break;
	list_add_tail(&kn->sibling, &pos->sibling);
	parent->nr_children++;
	mutex_unlock(&kernfs_mutex);
	return kn;
}

/* kernfs_create_dir - see kernfs.h. */
struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent,
				      const char *name, mode_t mode)
{
	return kernfs_add(parent, kernfs_new_node(name, S_IFDIR | mode));
}

/* kernfs_create_dir_ops - see kernfs.h. */
struct kernfs_node *kernfs_create_dir_ops(struct kernfs_node *parent,
					  const char *name, mode_t mode,
					  const struct kernfs_dir_ops *ops,
					  void *priv, kuid_t uid, kgid_t gid)
{
	struct kernfs_node *kn = kernfs_new_node(name, S_IFDIR | mode);

	if (kn) {
		kn->dir_ops = ops;
		kn->priv = priv;
		kn->uid = uid;
		kn->gid = gid;
	}
	return kernfs_add(parent, kn);
}

/* kernfs_set_owner - see kernfs.h. */
void kernfs_set_owner(struct kernfs_node *kn, kuid_t uid, kgid_t gid)
{
	mutex_lock(&kernfs_mutex);
	kn->uid = uid;
	kn->gid = gid;
	mutex_unlock(&kernfs_mutex);
}

/* kernfs_create_file - see kernfs.h. */
struct kernfs_node *kernfs_create_file(struct kernfs_node *parent,
				       const char *name, mode_t mode,
				       const struct kernfs_ops *ops,
				       void *priv)
{
	struct kernfs_node *kn = kernfs_new_node(name, S_IFREG | mode);

	if (kn) {
		kn->ops = ops;
		kn->priv = priv;
	}
	return kernfs_add(parent, kn);
}

/* kernfs_create_link - see kernfs.h. */
struct kernfs_node *kernfs_create_link(struct kernfs_node *parent,
				       const char *name,
				       struct kernfs_node *target)
{
	struct kernfs_node *kn = kernfs_new_node(name, S_IFLNK | 0777);

	if (kn)
		kn->target = target;
	return kernfs_add(parent, kn);
}

/* kernfs_get - see kernfs.h. */
void kernfs_get(struct kernfs_node *kn)
{
	atomic_inc(&kn->count);
}

/* kernfs_put - see kernfs.h. */
void kernfs_put(struct kernfs_node *kn)
{
	while (kn && atomic_dec_and_test(&kn->count)) {
		struct kernfs_node *parent = kn->parent;

		if (kn->dir_ops && kn->dir_ops->release)
			kn->dir_ops->release(kn);
		kfree((void *)kn->name);
		kfree(kn);
		kn = parent;
	}
}

/* Unlink kn's subtree, children first; the tree's references go.
 * Holds kernfs_mutex. */
static void __kernfs_remove(struct kernfs_node *kn)
{
	struct kernfs_node *c, *tmp;

	mutex_assert_held(&kernfs_mutex);
	list_for_each_entry_safe(c, tmp, &kn->children, sibling)
		__kernfs_remove(c);
	if (kn->parent && !list_empty(&kn->sibling)) {
		list_del_init(&kn->sibling);
		kn->parent->nr_children--;
		kernfs_put(kn);
	}
}

/* kernfs_remove - see kernfs.h. */
void kernfs_remove(struct kernfs_node *kn)
{
	mutex_lock(&kernfs_mutex);
	__kernfs_remove(kn);
	mutex_unlock(&kernfs_mutex);
}

/* kernfs_create_root - see kernfs.h. */
struct kernfs_node *kernfs_create_root(mode_t mode)
{
	return kernfs_new_node("", S_IFDIR | mode);
}

/* --- inodes and directories --- */

static struct inode *kernfs_make_inode(struct super_block *sb,
				       struct kernfs_node *kn)
{
	struct inode *i = new_inode(sb);

	if (!i)
		return NULL;
	kernfs_get(kn);		/* dropped by kernfs_evict_inode */
	i->i_ino = kn->ino;
	mutex_lock(&kernfs_mutex);
	i->i_mode = kn->mode;
	i->i_uid = kn->uid;
	i->i_gid = kn->gid;
	mutex_unlock(&kernfs_mutex);
	i->i_private = kn;
	if (S_ISDIR(kn->mode)) {
		i->i_op = &kernfs_dir_iops;
		i->i_fop = &kernfs_dir_fops;
		i->i_nlink = 2;
	} else if (S_ISLNK(kn->mode)) {
		i->i_op = &kernfs_link_iops;
	} else {
		i->i_op = &kernfs_file_iops;
		i->i_fop = kn->ops && kn->ops->fops ? kn->ops->fops
						    : &kernfs_file_fops;
	}
	return i;
}

static int kernfs_lookup(struct inode *dir, struct dentry *d)
{
	struct kernfs_node *kn;
	struct inode *i;

	mutex_lock(&kernfs_mutex);
	kn = find_child(kernfs_node_of(dir), d->d_name);
	if (kn)
		kernfs_get(kn);
	mutex_unlock(&kernfs_mutex);
	if (!kn)
		return -ENOENT;
	i = kernfs_make_inode(dir->i_sb, kn);
	kernfs_put(kn);
	if (!i)
		return -ENOMEM;
	d_add(d, i);
	return 0;
}

static int kernfs_readdir(struct file *f, struct dir_context *ctx)
{
	struct kernfs_node *dir = kernfs_node_of(f->f_inode), *kn;
	off_t n = 2;

	if (!dir_emit_dots(f, ctx))
		return 0;
	mutex_lock(&kernfs_mutex);
	list_for_each_entry(kn, &dir->children, sibling) {
		if (ctx->pos > n++)
			continue;
		if (!dir_emit(ctx, kn->name, strlen(kn->name), kn->ino,
			      (kn->mode >> 12) & 15))
			break;
		ctx->pos = n;
	}
	mutex_unlock(&kernfs_mutex);
	return 0;
}

/* Contents are generated: an O_TRUNC's size change is accepted and
 * means nothing here (a file's open sees O_TRUNC itself). */
static int kernfs_setattr(struct dentry *d, struct iattr *ia)
{
	struct inode *i = d->d_inode;
	struct kernfs_node *kn = kernfs_node_of(i);
	int err;

	ia->ia_valid &= ~ATTR_SIZE;
	err = simple_setattr(d, ia);
	if (err)
		return err;
	/* Owner and mode live in the node: the next inode shows them
	 * (cgroup delegation chowns a directory and its files). */
	mutex_lock(&kernfs_mutex);
	kn->mode = i->i_mode;
	kn->uid = i->i_uid;
	kn->gid = i->i_gid;
	mutex_unlock(&kernfs_mutex);
	return 0;
}

/* mkdir and rmdir: only where the directory's owner allows them. */
static int kernfs_iop_mkdir(struct inode *dir, struct dentry *d, mode_t mode)
{
	struct kernfs_node *parent = kernfs_node_of(dir), *kn;
	struct inode *i;

	if (!parent->dir_ops || !parent->dir_ops->mkdir)
		return -EPERM;
	kn = parent->dir_ops->mkdir(parent, d->d_name, mode);
	if (IS_ERR(kn))
		return PTR_ERR(kn);
	i = kernfs_make_inode(dir->i_sb, kn);
	kernfs_put(kn);		/* the reference mkdir returned */
	if (!i)
		return -ENOMEM;	/* FIXME: the directory stays made */
	d_instantiate(d, i);
	return 0;
}

static int kernfs_iop_rmdir(struct inode *dir, struct dentry *d)
{
	struct kernfs_node *parent = kernfs_node_of(dir);

	if (!parent->dir_ops || !parent->dir_ops->rmdir)
		return -EPERM;
	return parent->dir_ops->rmdir(kernfs_node_of(d->d_inode));
}

/* kernfs_node_permission - see kernfs.h. */
int kernfs_node_permission(struct super_block *sb, struct kernfs_node *kn,
			   int mask)
{
	struct inode *i = kernfs_make_inode(sb, kn);
	int err;

	if (!i)
		return -ENOMEM;
	err = inode_permission(i, mask);
	iput(i);
	return err;
}

/* Directories count their subdirectories in nlink, as on Linux. */
static void kernfs_getattr(struct dentry *d, struct kstat *st)
{
	struct kernfs_node *dir = kernfs_node_of(d->d_inode), *kn;

	if (!S_ISDIR(dir->mode))
		return;
	st->nlink = 2;
	mutex_lock(&kernfs_mutex);
	list_for_each_entry(kn, &dir->children, sibling)
		if (S_ISDIR(kn->mode))
			st->nlink++;
	mutex_unlock(&kernfs_mutex);
}

static const struct inode_operations kernfs_dir_iops = {
	.lookup = kernfs_lookup,
	.mkdir = kernfs_iop_mkdir,
	.rmdir = kernfs_iop_rmdir,
	.setattr = kernfs_setattr,
	.getattr = kernfs_getattr,
};

static const struct inode_operations kernfs_file_iops = {
	.setattr = kernfs_setattr,
};

/* --- links --- */

static unsigned int kernfs_depth(const struct kernfs_node *kn)
{
	unsigned int d = 0;

	for (; kn->parent; kn = kn->parent)
		d++;
	return d;
}

/* Append one name to the link text at *pos (within len). */
static void link_put(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = MIN(strlen(s), len - *pos);

	memcpy(buf + *pos, s, n);
	*pos += n;
}

/* The names from 'from' (excluded) down to kn, '/'-separated. */
static void link_put_path(char *buf, size_t len, size_t *pos,
			  const struct kernfs_node *from,
			  const struct kernfs_node *kn)
{
	if (kn == from)
		return;
	if (kn->parent != from) {
		link_put_path(buf, len, pos, from, kn->parent);
		link_put(buf, len, pos, "/");
	}
	link_put(buf, len, pos, kn->name);
}

/* A link's text: up from its directory to the common ancestor with the
 * target, then down to the target. Nodes are never removed: no lock. */
static long kernfs_readlink(struct dentry *d, char *buf, size_t len)
{
	struct kernfs_node *kn = kernfs_node_of(d->d_inode);
	const struct kernfs_node *a = kn->parent, *b = kn->target;
	unsigned int da = kernfs_depth(a), db = kernfs_depth(b);
	size_t pos = 0;

	while (da > db) {
		a = a->parent;
		da--;
		link_put(buf, len, &pos, "../");
	}
	while (db > da) {
		b = b->parent;
		db--;
	}
	while (a != b) {
		a = a->parent;
		b = b->parent;
		link_put(buf, len, &pos, "../");
	}
	link_put_path(buf, len, &pos, a, kn->target);
	if (pos && buf[pos - 1] == '/')
		pos--;		/* a link to an ancestor: "../.." */
	return pos;
}

static const struct inode_operations kernfs_link_iops = {
	.readlink = kernfs_readlink,
};

static const struct file_operations kernfs_dir_fops = {
	.iterate = kernfs_readdir,
	.llseek = default_dir_llseek,
};

/* --- generated files --- */

/* An open generated file: its text, and the notifications it saw. */
struct kernfs_open_file {
	struct seq_buf m;		/* first: seq_release() frees it */
	int event;			/* kn->event when last shown */
};

static int show_node(struct seq_buf *m, void *arg)
{
	struct kernfs_node *kn = arg;

	return kn->ops->show(m, kn);
}

/* kernfs_notify - see kernfs.h. */
void kernfs_notify(struct kernfs_node *kn)
{
	atomic_inc(&kn->event);
	wake_up_interruptible_poll(&kn->poll, POLLPRI | POLLERR);
}

/* Readable and writable as any attribute; POLLPRI | POLLERR when a
 * notification came since the text was last made. */
static unsigned int kernfs_file_poll(struct file *f, struct poll_table *pt)
{
	struct kernfs_node *kn = kernfs_node_of(f->f_inode);
	struct kernfs_open_file *of = f->private_data;
	unsigned int mask = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

	poll_wait(f, &kn->poll, pt);
	if (READ_ONCE(of->event) != atomic_read(&kn->event))
		mask |= POLLERR | POLLPRI;
	return mask;
}

static int kernfs_file_open(struct inode *i, struct file *f)
{
	struct kernfs_node *kn = kernfs_node_of(i);
	struct kernfs_open_file *of;
	int err = 0;

	/* As Linux: an attribute opens for reading (writing) only if some
	 * read (write) bit is set and it can be read (written); root too. */
	if ((f->f_mode & FMODE_READ) &&
	    (!(kn->mode & 0444) || !kn->ops || !kn->ops->show))
		return -EACCES;
	if ((f->f_mode & FMODE_WRITE) &&
	    (!(kn->mode & 0222) || !kn->ops || !kn->ops->store))
		return -EACCES;
	if (kn->ops && kn->ops->open) {
		err = kn->ops->open(f, kn);
		if (err)
			return err;
	}
	of = kzalloc(sizeof(*of));
	if (!of)
		return -ENOMEM;
	of->event = atomic_read(&kn->event);
	if (kn->ops && kn->ops->show && (f->f_mode & FMODE_READ))
		err = seq_generate(&of->m, show_node, kn);
	if (err) {
		kfree(of);
		return err;
	}
	f->private_data = &of->m;
	return 0;
}

static ssize_t kernfs_do_read(struct file *f, void *buf, size_t n,
			      off_t *pos, bool user)
{
	struct kernfs_node *kn = kernfs_node_of(f->f_inode);
	struct seq_buf *m = f->private_data;

	/* A read from the start (after lseek 0) sees the current state,
	 * and every notification so far (Linux notes them in
	 * kernfs_seq_show). */
	if (*pos == 0 && m->buf && kn->ops && kn->ops->show) {
		struct kernfs_open_file *of =
			container_of(m, struct kernfs_open_file, m);
		int err;

		WRITE_ONCE(of->event, atomic_read(&kn->event));
		err = seq_regenerate(m, show_node, kn);

		if (err)
			return err;
	}
	return seq_buf_read(m, buf, n, pos, user);
}

static ssize_t kernfs_file_read(struct file *f, char __user *buf, size_t n,
				off_t *pos)
{
	return kernfs_do_read(f, buf, n, pos, true);
}

static ssize_t kernfs_file_kread(struct file *f, void *buf, size_t n,
				 off_t *pos)
{
	return kernfs_do_read(f, buf, n, pos, false);
}

static ssize_t kernfs_file_write(struct file *f, const char __user *buf,
				 size_t n, off_t *pos)
{
	struct kernfs_node *kn = kernfs_node_of(f->f_inode);
	char *kbuf;
	ssize_t r;

	if (!kn->ops || !kn->ops->store)
		return -EINVAL;
	if (n >= PAGE_SIZE)
		return -EINVAL;
	kbuf = memdup_user_nul(buf, n);
	if (IS_ERR(kbuf))
		return PTR_ERR(kbuf);
	r = kn->ops->store(f, kn, kbuf, n);
	kfree(kbuf);
	if (r > 0)
		*pos += r;
	return r;
}

static const struct file_operations kernfs_file_fops = {
	.open = kernfs_file_open,
	.read = kernfs_file_read,
	.kread = kernfs_file_kread,
	.write = kernfs_file_write,
	.poll = kernfs_file_poll,
	.llseek = seq_lseek,
	.release = seq_release,
};

/* --- the filesystem --- */

static void kernfs_evict_inode(struct inode *i)
{
	kernfs_put(kernfs_node_of(i));
}

static const struct super_operations kernfs_sops = {
	.evict_inode = kernfs_evict_inode,
	.statfs = simple_statfs,
};

/* kernfs_get_sb - see kernfs.h. */
struct super_block *kernfs_get_sb(struct kernfs_root *r,
				  struct file_system_type *t)
{
	if (r->mnt)
		return r->mnt->mnt_sb;
	return kernfs_new_sb(t, r->magic, r->kn);
}

/* kernfs_new_sb - see kernfs.h. */
struct super_block *kernfs_new_sb(struct file_system_type *t,
				  unsigned long magic, struct kernfs_node *kn)
{
	struct super_block *sb;
	struct inode *root;

	sb = alloc_super(t, &kernfs_sops, magic);
	if (!sb)
		return ERR_PTR(-ENOMEM);
	root = kernfs_make_inode(sb, kn);
	if (!root) {
		free_unused_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		free_unused_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

/* kernfs_init_root - see kernfs.h. */
void kernfs_init_root(struct kernfs_root *r, struct file_system_type *t,
		      mode_t mode)
{
	r->kn = kernfs_new_node("", S_IFDIR | mode);
	if (!r->kn)
		panic("%s: no memory", t->name);
	register_filesystem(t);
	r->mnt = kern_mount(t);
	if (IS_ERR(r->mnt))
		panic("%s: %ld", t->name, PTR_ERR(r->mnt));
}
