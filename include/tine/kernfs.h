/*
 * kernfs: a filesystem whose tree is a set of kernel objects, each
 * directory and file a kernfs_node made by kernel code (sysfs and
 * tracefs are built on it). Nothing is stored: an inode and dentry are
 * made when a name is looked up; a file's text is generated when it is
 * opened (ops->show) and a write is handed over whole (ops->store), or
 * the file brings its own file_operations (ops->fops).
 *
 * Nodes are counted: the tree holds one reference on each linked node,
 * every inode one on the node it shows, every node one on its parent.
 * kernfs_remove() unlinks a subtree (lookups no longer find it); a
 * node is freed with its last reference, so an open file of a removed
 * node stays safe (its owner's ops see their object marked dead). The
 * tree is guarded by kernfs_mutex.
 */
#ifndef TINE_KERNFS_H
#define TINE_KERNFS_H

#include <tine/fs.h>
#include <tine/list.h>
#include <tine/seq_buf.h>
#include <tine/wait.h>

struct kernfs_node;

/* What a directory may do beyond lookup (cgroupfs: mkdir, rmdir). */
struct kernfs_dir_ops {
	/* Make a subdirectory name in parent: the new node or ERR_PTR.
	 * May sleep. */
	struct kernfs_node *(*mkdir)(struct kernfs_node *parent,
				     const char *name, mode_t mode);
	/* Remove the directory kn: 0 or -err. May sleep. */
	int (*rmdir)(struct kernfs_node *kn);
	/* kn (a directory with these ops) is being freed. Any context. */
	void (*release)(struct kernfs_node *kn);
};

struct kernfs_ops {
	/* The file's text, generated whole at open and at a read from 0. */
	int (*show)(struct seq_buf *m, struct kernfs_node *kn);
	/*
	 * One write, copied in and NUL-terminated (less than a page).
	 * Returns n or -err. May sleep.
	 */
	ssize_t (*store)(struct file *f, struct kernfs_node *kn,
			 const char *buf, size_t n);
	/* At open, after permission checks (sees f->f_flags: O_TRUNC). */
	int (*open)(struct file *f, struct kernfs_node *kn);
	/* Own operations instead of show/store (kernfs_node_of() finds
	 * the node from f->f_inode). */
	const struct file_operations *fops;
};

/*
 * One directory or file. Legend: [K] kernfs_mutex, [c] constant once
 * made.
 */
struct kernfs_node {
	const char *name;		/* [c] */
	mode_t mode;			/* [c] S_IFDIR, S_IFREG or S_IFLNK, and
					 * permissions */
	unsigned long ino;		/* [c] */
	struct kernfs_node *parent;	/* [c] NULL for a root */
	struct list_head children;	/* [K] in name order, by sibling */
	struct list_head sibling;	/* [K] */
	unsigned int nr_children;	/* [K] */
	const struct kernfs_ops *ops;	/* [c] files only */
	struct kernfs_node *target;	/* [c] links only: what it names */
	void *priv;			/* [c] the creator's */
	const struct kernfs_dir_ops *dir_ops;	/* [c] directories, or NULL */
	atomic_t count;			/* references (see above) */
	kuid_t uid;			/* [K] owner (chown persists) */
	kgid_t gid;			/* [K] */
	atomic_t event;			/* [A] kernfs_notify()s so far */
	struct wait_queue_head poll;	/* pollers of the file */
};

/* One kernfs filesystem: its tree and its one instance. */
struct kernfs_root {
	struct kernfs_node *kn;		/* the root directory */
	unsigned long magic;		/* statfs f_type */
	struct vfsmount *mnt;		/* internal mount: keeps the sb */
};

/*
 * kernfs_create_dir - a new directory name in parent. Returns the node,
 * or NULL (no memory, or the name is taken). May sleep.
 */
struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent,
				      const char *name, mode_t mode);

/*
 * kernfs_create_dir_ops - as kernfs_create_dir, a directory with dir
 * ops (mkdir, rmdir, release), priv and an owner, all set before the
 * name can be found. The node or NULL. May sleep.
 */
struct kernfs_node *kernfs_create_dir_ops(struct kernfs_node *parent,
					  const char *name, mode_t mode,
					  const struct kernfs_dir_ops *ops,
					  void *priv, kuid_t uid, kgid_t gid);

/* kernfs_set_owner - kn's owner (for the inodes made from now on).
 * May sleep. */
void kernfs_set_owner(struct kernfs_node *kn, kuid_t uid, kgid_t gid);

/*
 * kernfs_create_file - a new file name in parent with ops and priv.
 * Returns the node or NULL. May sleep.
 */
struct kernfs_node *kernfs_create_file(struct kernfs_node *parent,
				       const char *name, mode_t mode,
				       const struct kernfs_ops *ops,
				       void *priv);

/*
 * kernfs_create_link - a symbolic link name in parent to target (a node
 * of the same tree), read as a relative path ("../../devices/...") as
 * sysfs links are. Returns the node or NULL. May sleep.
 */
struct kernfs_node *kernfs_create_link(struct kernfs_node *parent,
				       const char *name,
				       struct kernfs_node *target);

/*
 * kernfs_init_root - make r's root directory (mode) and its instance
 * of filesystem type t (registered here). Boot only; panics on failure.
 */
void kernfs_init_root(struct kernfs_root *r, struct file_system_type *t,
		      mode_t mode);

/*
 * kernfs_get_sb - the one superblock of r (of type t), for t->mount:
 * every mount shows the same instance. ERR_PTR(-ENOMEM) on failure.
 */
struct super_block *kernfs_get_sb(struct kernfs_root *r,
				  struct file_system_type *t);

/*
 * kernfs_create_root - a detached root directory (mode), for a
 * filesystem that makes its own superblocks (kernfs_new_sb). NULL on
 * no memory. May sleep.
 */
struct kernfs_node *kernfs_create_root(mode_t mode);

/*
 * kernfs_new_sb - a new superblock of type t (statfs magic) whose root
 * is the directory kn: a mount showing the subtree at kn (cgroup2 in a
 * cgroup namespace). ERR_PTR(-ENOMEM) on failure. May sleep.
 */
struct super_block *kernfs_new_sb(struct file_system_type *t,
				  unsigned long magic, struct kernfs_node *kn);

/*
 * kernfs_remove - unlink kn and everything below it from the tree; each
 * node is freed with its last reference. May sleep (kernfs_mutex).
 */
void kernfs_remove(struct kernfs_node *kn);

/*
 * kernfs_notify - the file kn says something new (cgroup.events):
 * pollers of its open files get POLLPRI | POLLERR until they read it
 * again from the start, as Linux. Any context (spinlocks held too).
 */
void kernfs_notify(struct kernfs_node *kn);

/* kernfs_get / kernfs_put - count a reference on kn; the last put frees
 * it (dir_ops->release first) and drops its parent. Any context. */
void kernfs_get(struct kernfs_node *kn);
void kernfs_put(struct kernfs_node *kn);

/*
 * kernfs_node_permission - may current access kn as mask (MAY_*), as
 * an inode of sb showing it would say? 0, -EACCES or -ENOMEM. May
 * sleep.
 */
int kernfs_node_permission(struct super_block *sb, struct kernfs_node *kn,
			   int mask);

/* kernfs_node_of - the node an inode of a kernfs filesystem shows. */
static inline struct kernfs_node *kernfs_node_of(struct inode *i)
{
	return i->i_private;
}

#endif
