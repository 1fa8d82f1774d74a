/*
 * The dentry cache: the tree of names. For in-memory filesystems the
 * dcache *is* the directory structure: a linked name holds an extra
 * reference on its dentry (the "pin") so it never drops to zero while
 * hashed. Other dentries (procfs) are freed as soon as they are unused.
 *
 * A dentry holds a reference on its parent and on its inode, so an
 * unlinked-but-open file keeps both alive until its last dput().
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include "mount.h"

DEFINE_SPINLOCK_RANKED(dcache_lock, LR_DCACHE);
DEFINE_MUTEX_RANKED(vfs_lock, LR_VFS);

static u64 next_d_pos = 2;		/* [D] readdir positions; 0, 1 = dots */

/*
 * d_alloc - a new unhashed dentry named name[0..len) under parent, with
 * one reference. Takes a reference on parent. NULL when out of memory.
 */
struct dentry *d_alloc(struct dentry *parent, const char *name, int len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->d_name = kmalloc(len + 1, GFP_KERNEL);
	if (!d->d_name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->d_name, name, len);
	d->d_name[len] = 0;
	atomic_set(&d->d_count, 1);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	if (parent) {
		d->d_parent = dget(parent);
		d->d_sb = parent->d_sb;
	} else {
		d->d_parent = d;
	}
	return d;
}

/*
 * d_make_root - the root dentry of a new superblock, owning the inode
 * reference it is given (dropped on failure). NULL when out of memory.
 */
struct dentry *d_make_root(struct inode *root)
{
	struct dentry *d = d_alloc(NULL, "/", 1);

	if (!d) {
		iput(root);
		return NULL;
	}
	d->d_inode = root;
	d->d_sb = root->i_sb;
	d->d_flags = DCACHE_HASHED;
	return d;
}

/* dget - take a reference on a dentry the caller already holds one on. */
struct dentry *dget(struct dentry *d)
{
	if (d)
		atomic_inc(&d->d_count);
	return d;
}

/*
 * dput - drop a reference. The last one unhashes and frees the dentry
 * and drops its inode and parent references in turn. May sleep (iput).
 */
void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;
		unsigned long f = spin_lock_irqsave(&dcache_lock);

		if (!atomic_dec_and_test(&d->d_count)) {
			spin_unlock_irqrestore(&dcache_lock, f);
			return;
		}
		if (d->d_flags & DCACHE_HASHED && d->d_parent != d)
			list_del_init(&d->d_child);
		d->d_flags &= ~DCACHE_HASHED;
		spin_unlock_irqrestore(&dcache_lock, f);

		parent = d->d_parent == d ? NULL : d->d_parent;
		/* The last user of a name with no links left: the inode
		 * is gone for its watchers (IN_DELETE_SELF). */
		if (d->d_inode && !d->d_inode->i_nlink)
			fsnotify_inoderemove(d->d_inode);
		if (d->d_inode)
			iput(d->d_inode);
		kfree(d->d_name);
		kfree(d);
		d = parent;
	}
}

/* d_instantiate - attach inode (the caller's reference) to d. */
void d_instantiate(struct dentry *d, struct inode *i)
{
	d->d_inode = i;
}

/* d_tmpfile - see fs.h. */
int d_tmpfile(struct dentry *d, struct inode *i)
{
	char name[24];
	char *s, *old;

	snprintf(name, sizeof(name), "#%lu", i->i_ino);
	s = kstrdup(name);
	if (!s)
		return -ENOMEM;
	old = d->d_name;
	d->d_name = s;
	kfree(old);
	d_instantiate(d, i);
	return 0;
}

/*
 * d_add - attach inode (the caller's reference) to d and link d into
 * its parent's children, so lookups find it. Caller holds vfs_lock.
 */
void d_add(struct dentry *d, struct inode *i)
{
	unsigned long f;

	mutex_assert_held(&vfs_lock);
	d->d_inode = i;
	f = spin_lock_irqsave(&dcache_lock);
	d->d_pos = next_d_pos++;
	list_add_tail(&d->d_child, &d->d_parent->d_subdirs);
	d->d_flags |= DCACHE_HASHED;
	spin_unlock_irqrestore(&dcache_lock, f);
}

/* d_lookup - the hashed child of parent named name[0..len), referenced. */
struct dentry *d_lookup(struct dentry *parent, const char *name, int len)
{
	struct dentry *d, *found = NULL;
	unsigned long f = spin_lock_irqsave(&dcache_lock);

	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (!strncmp(d->d_name, name, len) && !d->d_name[len]) {
			found = dget(d);
			break;
		}
	}
	spin_unlock_irqrestore(&dcache_lock, f);
	return found;
}

/* d_delete - unhash d: lookups no longer find it. Caller holds vfs_lock. */
void d_delete(struct dentry *d)
{
	unsigned long f = spin_lock_irqsave(&dcache_lock);

	mutex_assert_held(&vfs_lock);
	if (d->d_flags & DCACHE_HASHED && d->d_parent != d) {
		list_del_init(&d->d_child);
		d->d_flags &= ~DCACHE_HASHED;
	}
	spin_unlock_irqrestore(&dcache_lock, f);
}

/* d_move - see fs.h. Caller holds vfs_lock; d stays hashed. */
void d_move(struct dentry *d, struct dentry *newparent, char *newname)
{
	struct dentry *oldparent;
	char *oldname;
	unsigned long f = spin_lock_irqsave(&dcache_lock);

	mutex_assert_held(&vfs_lock);
	list_del_init(&d->d_child);
	list_add_tail(&d->d_child, &newparent->d_subdirs);
	d->d_flags |= DCACHE_HASHED;
	d->d_pos = next_d_pos++;
	oldname = d->d_name;
	d->d_name = newname;
	oldparent = d->d_parent;
	d->d_parent = dget(newparent);
	spin_unlock_irqrestore(&dcache_lock, f);
	dput(oldparent);
	kfree(oldname);
}

/* d_unhashed - true once d has been unlinked (or was never linked). */
bool d_unhashed(struct dentry *d)
{
	return !(READ_ONCE(d->d_flags) & DCACHE_HASHED);
}

/* d_has_children - true when some name is still linked under d. */
bool d_has_children(struct dentry *d)
{
	unsigned long f = spin_lock_irqsave(&dcache_lock);
	bool r = !list_empty(&d->d_subdirs);

	spin_unlock_irqrestore(&dcache_lock, f);
	return r;
}

/* is_subdir - true when ancestor is d or one of its ancestors. */
bool is_subdir(struct dentry *d, struct dentry *ancestor)
{
	bool r = false;
	unsigned long f = spin_lock_irqsave(&dcache_lock);

	for (;;) {
		if (d == ancestor) {
			r = true;
			break;
		}
		if (d->d_parent == d)
			break;
		d = d->d_parent;
	}
	spin_unlock_irqrestore(&dcache_lock, f);
	return r;
}

/* Prepend s[0..n) before *pos in a buffer starting at buf. */
static bool prepend(char **pos, char *buf, const char *s, size_t n)
{
	if ((size_t)(*pos - buf) < n)
		return false;
	*pos -= n;
	memcpy(*pos, s, n);
	return true;
}

/* Walk up from p to root (or the global root), prepending names.
 * Holds mount_lock (the mounts' links) and dcache_lock. */
static bool prepend_path(const struct path *p, const struct path *root,
			 char **pos, char *buf)
{
	struct dentry *d = p->dentry;
	struct vfsmount *mnt = p->mnt;
	bool any = false;

	while (!(d == root->dentry && mnt == root->mnt)) {
		if (d == mnt->mnt_root || d->d_parent == d) {
			if (mnt->mnt_parent == mnt)
				break;
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (!prepend(pos, buf, d->d_name, strlen(d->d_name)) ||
		    !prepend(pos, buf, "/", 1))
			return false;
		any = true;
		d = d->d_parent;
	}
	if (!any && !prepend(pos, buf, "/", 1))
		return false;
	return true;
}

/*
 * d_absolute_path - the name of p as seen from root, built at the end
 * of buf. Returns a pointer into buf, or ERR_PTR(-ENAMETOOLONG).
 * Unlinked files get Linux's " (deleted)" suffix.
 */
char *d_absolute_path(const struct path *p, const struct path *root,
		      char *buf, size_t len)
{
	char *pos = buf + len;
	bool ok;
	unsigned long f;

	if (p->dentry->d_sb && p->dentry->d_sb->s_op &&
	    p->dentry->d_sb->s_op->d_dname)
		return p->dentry->d_sb->s_op->d_dname(p->dentry, buf, len);
	if (!len)
		return ERR_PTR(-ENAMETOOLONG);
	*--pos = 0;
	spin_lock(&mount_lock);
	f = spin_lock_irqsave(&dcache_lock);
	ok = true;
	if (d_unhashed(p->dentry))
		ok = prepend(&pos, buf, " (deleted)", 10);
	ok = ok && prepend_path(p, root, &pos, buf);
	spin_unlock_irqrestore(&dcache_lock, f);
	spin_unlock(&mount_lock);
	return ok ? pos : ERR_PTR(-ENAMETOOLONG);
}

/*
 * dentry_path - the name of d from the root of its filesystem ("/" for
 * the root itself; "//deleted" after an unlinked one), built at the end
 * of buf. Returns a pointer into buf or ERR_PTR(-ENAMETOOLONG).
 */
char *dentry_path(struct dentry *d, char *buf, size_t len)
{
	char *pos = buf + len;
	bool ok = len > 0, any = false;
	unsigned long f;

	if (ok)
		*--pos = 0;
	f = spin_lock_irqsave(&dcache_lock);
	if (ok && d_unhashed(d))
		ok = prepend(&pos, buf, "//deleted", 9);
	for (; ok && d->d_parent != d; d = d->d_parent) {
		ok = prepend(&pos, buf, d->d_name, strlen(d->d_name)) &&
		     prepend(&pos, buf, "/", 1);
		any = true;
	}
	spin_unlock_irqrestore(&dcache_lock, f);
	if (ok && !any)
		ok = prepend(&pos, buf, "/", 1);
	return ok ? pos : ERR_PTR(-ENAMETOOLONG);
}

/*
 * d_path - the name of p relative to the current task's root (the
 * global root for kernel threads). See d_absolute_path().
 */
char *d_path(const struct path *p, char *buf, size_t len)
{
	struct path root;
	char *r;

	if (current && current->fs)
		get_fs_root(current->fs, &root);
	else
		root = (struct path){ mntget(root_mnt),
				      dget(root_mnt->mnt_root) };
	r = d_absolute_path(p, &root, buf, len);
	path_put(&root);
	return r;
}

/*
 * d_prune_children - unlink and unpin every name below root, depth
 * first (tearing down an in-memory filesystem). Called when the last
 * mount of the filesystem went away, so no path walk reaches root.
 */
void d_prune_children(struct dentry *root)
{
	for (;;) {
		struct dentry *child;
		unsigned long f = spin_lock_irqsave(&dcache_lock);

		if (list_empty(&root->d_subdirs)) {
			spin_unlock_irqrestore(&dcache_lock, f);
			return;
		}
		child = list_first_entry(&root->d_subdirs, struct dentry,
					 d_child);
		list_del_init(&child->d_child);
		child->d_flags &= ~DCACHE_HASHED;
		spin_unlock_irqrestore(&dcache_lock, f);
		d_prune_children(child);
		dput(child);		/* the pin */
	}
}
