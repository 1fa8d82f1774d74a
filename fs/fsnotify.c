/*
 * fsnotify: the VFS tells who watches an inode what happened to it.
 *
 * Marks (inotify watches) hang on inodes; each inode keeps the union
 * of its marks' events in i_fsnotify_mask. The VFS calls one hook per
 * event (fsnotify_create, _delete, _move, _open, _modify...); a hook
 * delivers the event to the marks of the inode it is about and, with
 * the inode's name, to the marks of its parent directory, as Linux:
 * the parent first. While no mark exists anywhere the hooks return at
 * once.
 *
 * Lock: fsnotify_mutex (see <tine/fsnotify.h>). A parent and a name
 * are read under dcache_lock (a rename may change them) and kept by a
 * reference and a copy. Destroyed marks keep their inode until the
 * mutex is dropped (fsnotify_unlock), so no iput runs under it.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/stat.h>

DEFINE_MUTEX_RANKED(fsnotify_mutex, LR_FSNOTIFY);
atomic_t fsnotify_nr_marks;
static LIST_HEAD(all_marks);		/* [fsnotify_mutex] */
static LIST_HEAD(dead_marks);		/* [fsnotify_mutex] to free at unlock */
static atomic_t rename_cookie;		/* pairs MOVED_FROM with MOVED_TO */

static bool no_marks(void)
{
	return !atomic_read(&fsnotify_nr_marks);
}

/* ---- marks ---- */

/* fsnotify_add_mark - see fsnotify.h. */
void fsnotify_add_mark(struct fsnotify_mark *m, struct inode *inode)
{
	mutex_assert_held(&fsnotify_mutex);
	ihold(inode);
	m->inode = inode;
	list_add_tail(&m->i_list, &inode->i_fsnotify_marks);
	list_add_tail(&m->all_list, &all_marks);
	atomic_inc(&fsnotify_nr_marks);
	fsnotify_recalc_mask(inode);
}

/* fsnotify_find_mark - see fsnotify.h. */
struct fsnotify_mark *fsnotify_find_mark(struct inode *inode,
					 struct inotify_group *group)
{
	struct fsnotify_mark *m;

	mutex_assert_held(&fsnotify_mutex);
	list_for_each_entry(m, &inode->i_fsnotify_marks, i_list)
		if (m->group == group)
			return m;
	return NULL;
}

/* fsnotify_recalc_mask - see fsnotify.h. */
void fsnotify_recalc_mask(struct inode *inode)
{
	struct fsnotify_mark *m;
	u32 mask = 0;

	mutex_assert_held(&fsnotify_mutex);
	list_for_each_entry(m, &inode->i_fsnotify_marks, i_list)
		mask |= m->mask & IN_ALL_EVENTS;
	WRITE_ONCE(inode->i_fsnotify_mask, mask);
}

/* fsnotify_destroy_mark - see fsnotify.h. */
void fsnotify_destroy_mark(struct fsnotify_mark *m)
{
	mutex_assert_held(&fsnotify_mutex);
	inotify_freeing_mark(m);
	list_del_init(&m->i_list);
	list_del_init(&m->g_list);
	list_del_init(&m->all_list);
	fsnotify_recalc_mask(m->inode);
	list_add_tail(&m->all_list, &dead_marks);
	atomic_dec(&fsnotify_nr_marks);
}

/* fsnotify_unlock - see fsnotify.h. */
void fsnotify_unlock(void)
{
	LIST_HEAD(dead);
	struct fsnotify_mark *m, *n;

	list_splice_init(&dead_marks, &dead);
	mutex_unlock(&fsnotify_mutex);
	list_for_each_entry_safe(m, n, &dead, all_list) {
		iput(m->inode);
		kfree(m);
	}
}

/* ---- delivery ---- */

/*
 * Give an event to inode's marks that want it: mask (IN_* with
 * IN_ISDIR), the name of a child for a directory's marks, the cookie
 * of a move; d is the dentry of a file event (IN_EXCL_UNLINK marks skip
 * it once unlinked). fsnotify_mutex held.
 */
static void send_to_marks(struct inode *inode, u32 mask, const char *name,
			  u32 cookie, struct dentry *d)
{
	struct fsnotify_mark *m, *n;
	u32 ev = mask & IN_ALL_EVENTS;

	mutex_assert_held(&fsnotify_mutex);
	list_for_each_entry_safe(m, n, &inode->i_fsnotify_marks, i_list) {
		if (ev && !(m->mask & ev))
			continue;
		if ((m->mask & IN_EXCL_UNLINK) && d && d_unhashed(d))
			continue;
		inotify_handle_event(m, mask, cookie, name);
		if (m->mask & IN_ONESHOT)
			fsnotify_destroy_mark(m);
	}
}

static u32 isdir_bit(struct inode *i)
{
	return S_ISDIR(i->i_mode) ? IN_ISDIR : 0;
}

/* An event named name in directory dir (create, delete, moves). */
static void fsnotify_name(struct inode *dir, u32 mask, const char *name,
			  u32 cookie)
{
	if (!(READ_ONCE(dir->i_fsnotify_mask) & mask & IN_ALL_EVENTS))
		return;
	mutex_lock(&fsnotify_mutex);
	send_to_marks(dir, mask, name, cookie, NULL);
	fsnotify_unlock();
}

/*
 * An event about inode itself, for its own marks only (as Linux's
 * fsnotify_inode: without IN_ISDIR, even for a directory).
 */
static void fsnotify_inode_event(struct inode *inode, u32 mask)
{
	if (!(READ_ONCE(inode->i_fsnotify_mask) & mask & IN_ALL_EVENTS))
		return;
	mutex_lock(&fsnotify_mutex);
	send_to_marks(inode, mask, NULL, 0, NULL);
	fsnotify_unlock();
}

/*
 * A file event on the inode of d: to d's parent directory's marks with
 * d's name (if they want it), then to the inode's own.
 */
static void fsnotify_dentry(struct dentry *d, u32 mask)
{
	struct inode *inode = d->d_inode, *pdir = NULL;
	struct dentry *parent = NULL;
	char *name = NULL;
	unsigned long f;

	if (no_marks() || !inode)
		return;
	mask |= isdir_bit(inode);
	f = spin_lock_irqsave(&dcache_lock);
	if (d->d_parent != d && d->d_parent->d_inode &&
	    (READ_ONCE(d->d_parent->d_inode->i_fsnotify_mask) & mask)) {
		name = kstrdup(d->d_name);
		if (name)
			parent = dget(d->d_parent);
	}
	spin_unlock_irqrestore(&dcache_lock, f);
	if (parent)
		pdir = parent->d_inode;
	if (pdir || (READ_ONCE(inode->i_fsnotify_mask) & mask)) {
		mutex_lock(&fsnotify_mutex);
		if (pdir)
			send_to_marks(pdir, mask, name, 0, d);
		send_to_marks(inode, mask, NULL, 0, d);
		fsnotify_unlock();
	}
	kfree(name);
	dput(parent);
}

/* ---- the hooks ---- */

/* fsnotify_create - see fsnotify.h. */
void fsnotify_create(struct inode *dir, struct dentry *d)
{
	if (!no_marks() && d->d_inode)
		fsnotify_name(dir, IN_CREATE | isdir_bit(d->d_inode), d->d_name,
			      0);
}

/* fsnotify_link - see fsnotify.h. */
void fsnotify_link(struct inode *dir, struct inode *inode, struct dentry *d)
{
	if (no_marks())
		return;
	fsnotify_link_count(inode);
	fsnotify_name(dir, IN_CREATE | isdir_bit(inode), d->d_name, 0);
}

/* fsnotify_delete - see fsnotify.h. */
void fsnotify_delete(struct inode *dir, struct dentry *d, struct inode *inode)
{
	if (!no_marks())
		fsnotify_name(dir, IN_DELETE | isdir_bit(inode), d->d_name, 0);
}

/* fsnotify_link_count - see fsnotify.h. */
void fsnotify_link_count(struct inode *inode)
{
	if (!no_marks())
		fsnotify_inode_event(inode, IN_ATTRIB);
}

/* fsnotify_inoderemove - see fsnotify.h. */
void fsnotify_inoderemove(struct inode *inode)
{
	struct fsnotify_mark *m, *n;

	if (no_marks())
		return;
	mutex_lock(&fsnotify_mutex);
	if (!list_empty(&inode->i_fsnotify_marks)) {
		send_to_marks(inode, IN_DELETE_SELF, NULL, 0, NULL);
		list_for_each_entry_safe(m, n, &inode->i_fsnotify_marks,
					 i_list)
			fsnotify_destroy_mark(m);
	}
	fsnotify_unlock();
}

/* fsnotify_move - see fsnotify.h. */
void fsnotify_move(struct inode *odir, const char *oname, struct inode *ndir,
		   const char *nname, bool isdir, struct inode *target,
		   struct inode *source)
{
	u32 cookie, dirbit = isdir ? IN_ISDIR : 0;

	if (no_marks())
		return;
	cookie = atomic_add_return(&rename_cookie, 1);
	fsnotify_name(odir, IN_MOVED_FROM | dirbit, oname, cookie);
	fsnotify_name(ndir, IN_MOVED_TO | dirbit, nname, cookie);
	if (target)
		fsnotify_link_count(target);
	fsnotify_inode_event(source, IN_MOVE_SELF);
}

/* fsnotify_open - see fsnotify.h. */
void fsnotify_open(struct file *f)
{
	if (!(f->f_mode & FMODE_PATH))
		fsnotify_dentry(f->f_path.dentry, IN_OPEN);
}

/* fsnotify_close - see fsnotify.h. */
void fsnotify_close(struct file *f)
{
	if (!(f->f_mode & FMODE_PATH))
		fsnotify_dentry(f->f_path.dentry,
				(f->f_mode & FMODE_WRITE) ? IN_CLOSE_WRITE :
							    IN_CLOSE_NOWRITE);
}

/* fsnotify_access - see fsnotify.h. */
void fsnotify_access(struct file *f)
{
	fsnotify_dentry(f->f_path.dentry, IN_ACCESS);
}

/* fsnotify_modify - see fsnotify.h. */
void fsnotify_modify(struct file *f)
{
	fsnotify_dentry(f->f_path.dentry, IN_MODIFY);
}

/*
 * fsnotify_change - see fsnotify.h. As Linux: setting both times is a
 * utime(), an attribute change; atime alone an access, mtime alone a
 * modification.
 */
void fsnotify_change(struct dentry *d, unsigned int ia_valid)
{
	u32 mask = 0;

	if (ia_valid & (ATTR_UID | ATTR_GID | ATTR_MODE))
		mask |= IN_ATTRIB;
	if (ia_valid & ATTR_SIZE)
		mask |= IN_MODIFY;
	if ((ia_valid & (ATTR_ATIME | ATTR_MTIME)) == (ATTR_ATIME | ATTR_MTIME))
		mask |= IN_ATTRIB;
	else if (ia_valid & ATTR_ATIME)
		mask |= IN_ACCESS;
	else if (ia_valid & ATTR_MTIME)
		mask |= IN_MODIFY;
	if (mask)
		fsnotify_dentry(d, mask);
}

/* fsnotify_sb_delete - see fsnotify.h. */
void fsnotify_sb_delete(struct super_block *sb)
{
	struct fsnotify_mark *m, *n;

	if (no_marks())
		return;
	mutex_lock(&fsnotify_mutex);
	list_for_each_entry_safe(m, n, &all_marks, all_list) {
		if (m->inode->i_sb != sb)
			continue;
		inotify_handle_event(m, IN_UNMOUNT, 0, NULL);
		fsnotify_destroy_mark(m);
	}
	fsnotify_unlock();
}
