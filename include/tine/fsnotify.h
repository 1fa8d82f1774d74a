/*
 * File-system change notification (fs/fsnotify.c), the hooks the VFS
 * calls, one place per event, and the watches (marks) inotify hangs on
 * inodes (fs/inotify.c).
 *
 * Lock: fsnotify_mutex (a sleeping lock after vfs_lock and the inode
 * and mm locks) protects every mark, every inode's mark list and mask,
 * and every inotify group's list of marks. The hooks may be called
 * with vfs_lock held, never with a spinlock held (they may sleep).
 */
#ifndef TINE_FSNOTIFY_H
#define TINE_FSNOTIFY_H

#include <tine/atomic.h>
#include <tine/list.h>
#include <tine/mutex.h>
#include <uapi/inotify.h>

struct inode;
struct dentry;
struct file;
struct super_block;
struct inotify_group;

/* An inotify watch of one inode. [fsnotify_mutex] */
struct fsnotify_mark {
	struct list_head i_list;	/* in inode->i_fsnotify_marks */
	struct list_head g_list;	/* in its group's marks */
	struct list_head all_list;	/* in the list of every mark */
	struct inode *inode;		/* a reference */
	struct inotify_group *group;	/* [I] */
	u32 mask;			/* IN_* events, IN_ONESHOT, IN_EXCL_UNLINK */
	int wd;				/* [I] the watch descriptor */
};

extern struct mutex fsnotify_mutex;
/* Marks that exist anywhere: the hooks' "nothing to do" test. */
extern atomic_t fsnotify_nr_marks;

/* ---- for inotify (fsnotify_mutex held) ---- */

/* Hook m, set up but for its list links, on inode (a reference taken). */
void fsnotify_add_mark(struct fsnotify_mark *m, struct inode *inode);
/* group's mark on inode, or NULL. */
struct fsnotify_mark *fsnotify_find_mark(struct inode *inode,
					 struct inotify_group *group);
/* The watched events changed: recompute inode->i_fsnotify_mask. */
void fsnotify_recalc_mask(struct inode *inode);
/*
 * fsnotify_destroy_mark - unhook m (its group hears IN_IGNORED); the
 * inode reference and the memory go at fsnotify_unlock().
 */
void fsnotify_destroy_mark(struct fsnotify_mark *m);
/* Drop fsnotify_mutex, then free the marks destroyed meanwhile. */
void fsnotify_unlock(void);

/* fs/inotify.c: an event for m's group. fsnotify_mutex held. */
void inotify_handle_event(struct fsnotify_mark *m, u32 mask, u32 cookie,
			  const char *name);
/* fs/inotify.c: m is being destroyed (IN_IGNORED). fsnotify_mutex held. */
void inotify_freeing_mark(struct fsnotify_mark *m);

/* ---- the VFS hooks (may sleep; no spinlock held) ---- */

/* name d was created in dir (a file, directory, node or link). */
void fsnotify_create(struct inode *dir, struct dentry *d);
/* d in dir is a new name of inode (link, linkat of an O_TMPFILE). */
void fsnotify_link(struct inode *dir, struct inode *inode, struct dentry *d);
/* name d of inode was removed from dir (unlink, rmdir). */
void fsnotify_delete(struct inode *dir, struct dentry *d, struct inode *inode);
/* inode lost a link (its link count changed: IN_ATTRIB). */
void fsnotify_link_count(struct inode *inode);
/* inode is gone (no links, no users): IN_DELETE_SELF, watches end. */
void fsnotify_inoderemove(struct inode *inode);
/* source (a directory if isdir) moved from oname in odir to nname in
 * ndir, replacing target (or NULL). */
void fsnotify_move(struct inode *odir, const char *oname, struct inode *ndir,
		   const char *nname, bool isdir, struct inode *target,
		   struct inode *source);
void fsnotify_open(struct file *f);
void fsnotify_close(struct file *f);
void fsnotify_access(struct file *f);
void fsnotify_modify(struct file *f);
/* notify_change() changed the attributes in ia_valid (ATTR_*). */
void fsnotify_change(struct dentry *d, unsigned int ia_valid);
/* sb goes away: its watches hear IN_UNMOUNT and end. */
void fsnotify_sb_delete(struct super_block *sb);

#endif
