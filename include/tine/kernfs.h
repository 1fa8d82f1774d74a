/*
 * kernfs: a filesystem whose tree is a set of kernel objects, each
 * directory and file a kernfs_node made by kernel code (sysfs and
 * tracefs are built on it). Nothing is stored: an inode and dentry are
 * made when a name is looked up; a file's text is generated when it is
 * opened (ops->show) and a write is handed over whole (ops->store), or
 * the file brings its own file_operations (ops->fops).
 *
 * Nodes are only added, never removed (FIXME: removal, once some
 * subsystem needs it, must wait for open files of the node); the tree
 * is guarded by kernfs_mutex.
 */
#ifndef TINE_KERNFS_H
#define TINE_KERNFS_H

#include <tine/fs.h>
#include <tine/list.h>
#include <tine/seq_buf.h>

struct kernfs_node;

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

/* kernfs_node_of - the node an inode of a kernfs filesystem shows. */
static inline struct kernfs_node *kernfs_node_of(struct inode *i)
{
	return i->i_private;
}

#endif
