/*
 * Inodes: allocation and reference counts, permission checks, and the
 * generic attribute code behind stat, chmod, chown, utimensat, truncate.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mount.h>
#include <tine/fsnotify.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

static unsigned long last_ino = 1;

/* get_next_ino - a fresh inode number (never 0). */
unsigned long get_next_ino(void)
{
	return __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
}

/* current_time - the wall clock, for inode timestamps. */
struct timespec64 current_time(void)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec64){ ns / 1000000000, ns % 1000000000 };
}

/*
 * new_inode - a zeroed inode of sb with one reference, a fresh number,
 * one link and the current time. NULL when out of memory.
 */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *i = kzalloc(sizeof(*i));

	if (!i)
		return NULL;
	i->i_ino = get_next_ino();
	i->i_nlink = 1;
	i->i_sb = sb;
	atomic_set(&i->i_count, 1);
	INIT_LIST_HEAD(&i->i_fsnotify_marks);
	mutex_init_ranked(&i->i_lock, "inode->i_lock", LR_INODE);
	i->i_atime = i->i_mtime = i->i_ctime = current_time();
	return i;
}

/* ihold - take another reference on an inode. */
void ihold(struct inode *i)
{
	atomic_inc(&i->i_count);
}

/*
 * iput - drop a reference; the last one lets the filesystem free its
 * data (evict_inode) and frees the inode. May sleep.
 */
void iput(struct inode *i)
{
	if (!i || !atomic_dec_and_test(&i->i_count))
		return;
	if (i->i_sb && i->i_sb->s_op && i->i_sb->s_op->evict_inode)
		i->i_sb->s_op->evict_inode(i);
	kfree(i);
}

/*
 * inode_init_owner - set mode and owner of a new inode in dir: the
 * caller's fsuid, and fsgid unless dir is set-group-ID (then the
 * directory's group; new directories inherit S_ISGID, and a new
 * set-group-ID file keeps the bit only if the caller is in that group
 * or holds CAP_FSETID over dir).
 */
void inode_init_owner(struct inode *i, struct inode *dir, mode_t mode)
{
	i->i_uid = current_fsuid();
	i->i_gid = current_fsgid();
	if (dir && (dir->i_mode & S_ISGID)) {
		i->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
		else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
			 !in_group_p(dir->i_gid) &&
			 !capable_wrt_inode_uidgid(dir, CAP_FSETID))
			mode &= ~S_ISGID;
	}
	i->i_mode = mode;
}

/* The mode bits alone: owner, else group (fsgid or supplementary),
 * else other. 0 or -EACCES. */
static int acl_permission_check(struct inode *i, int mask)
{
	mode_t mode = i->i_mode;

	if (uid_eq(current_fsuid(), i->i_uid))
		mode >>= 6;
	else if (in_group_p(i->i_gid))
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

/*
 * generic_permission - Linux's check of mask (MAY_READ, MAY_WRITE,
 * MAY_EXEC) against i's mode for current's filesystem ids, with the
 * overrides: CAP_DAC_READ_SEARCH to read a file or read and search a
 * directory, CAP_DAC_OVERRIDE for anything but executing a file that
 * has no x bit at all; each held in current's user namespace, which
 * must map i's owner and group. 0 or -EACCES.
 */
int generic_permission(struct inode *i, int mask)
{
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (!acl_permission_check(i, mask))
		return 0;
	if (S_ISDIR(i->i_mode)) {
		if (!(mask & MAY_WRITE) &&
		    capable_wrt_inode_uidgid(i, CAP_DAC_READ_SEARCH))
			return 0;
		return capable_wrt_inode_uidgid(i, CAP_DAC_OVERRIDE) ? 0
								    : -EACCES;
	}
	if (mask == MAY_READ && capable_wrt_inode_uidgid(i, CAP_DAC_READ_SEARCH))
		return 0;
	if ((!(mask & MAY_EXEC) || (i->i_mode & S_IXUGO)) &&
	    capable_wrt_inode_uidgid(i, CAP_DAC_OVERRIDE))
		return 0;
	return -EACCES;
}

/*
 * inode_permission - may current access i as mask (MAY_READ, MAY_WRITE,
 * MAY_EXEC)? Writes to a regular file, directory or symlink on a
 * read-only filesystem are -EROFS; then a filesystem's own permission()
 * or generic_permission(). 0, -EACCES, -EPERM or -EROFS.
 */
int inode_permission(struct inode *i, int mask)
{
	mode_t mode = i->i_mode;

	if ((mask & MAY_WRITE) && i->i_sb && (i->i_sb->s_flags & MS_RDONLY) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	if (i->i_op && i->i_op->permission)
		return i->i_op->permission(i, mask);
	return generic_permission(i, mask);
}

/* inode_owner_or_capable - may current change i's mode and times? Its
 * owner (by fsuid), or CAP_FOWNER where i's owner is mapped. */
bool inode_owner_or_capable(struct inode *i)
{
	struct user_namespace *ns = current_user_ns();

	if (uid_eq(current_fsuid(), i->i_uid))
		return true;
	return kuid_has_mapping(ns, i->i_uid) && ns_capable(ns, CAP_FOWNER);
}

/*
 * should_remove_suid - the ATTR_KILL_* a write to i asks for: a
 * set-user-ID bit always, a set-group-ID bit with group execute (without
 * it the bit marks mandatory locking), unless the writer holds
 * CAP_FSETID. Regular files only.
 */
int should_remove_suid(struct inode *i)
{
	mode_t mode = READ_ONCE(i->i_mode);
	int kill = 0;

	if (mode & S_ISUID)
		kill = ATTR_KILL_SUID;
	if ((mode & S_ISGID) && (mode & S_IXGRP))
		kill |= ATTR_KILL_SGID;
	if (kill && S_ISREG(mode) && !capable(CAP_FSETID))
		return kill;
	return 0;
}

/*
 * file_remove_privs - before a write through f: drop the set-id bits
 * should_remove_suid() names. 0 or -errno. May sleep.
 */
int file_remove_privs(struct file *f)
{
	struct iattr ia = { 0 };
	int kill = should_remove_suid(f->f_inode);

	if (!kill)
		return 0;
	ia.ia_valid = kill | ATTR_FORCE;
	mutex_lock(&vfs_lock);
	kill = notify_change(f->f_path.dentry, &ia);
	mutex_unlock(&vfs_lock);
	return kill;
}

/*
 * simple_setattr - apply ia to an in-memory inode (everything but the
 * size, which the filesystem's own setattr handles first).
 */
int simple_setattr(struct dentry *d, struct iattr *ia)
{
	struct inode *i = d->d_inode;
	struct timespec64 now = current_time();

	if (ia->ia_valid & ATTR_MODE)
		i->i_mode = (i->i_mode & S_IFMT) | (ia->ia_mode & 07777);
	if (ia->ia_valid & ATTR_UID)
		i->i_uid = ia->ia_uid;
	if (ia->ia_valid & ATTR_GID)
		i->i_gid = ia->ia_gid;
	if (ia->ia_valid & ATTR_ATIME)
		i->i_atime = (ia->ia_valid & ATTR_ATIME_SET) ? ia->ia_atime
							      : now;
	if (ia->ia_valid & ATTR_MTIME)
		i->i_mtime = (ia->ia_valid & ATTR_MTIME_SET) ? ia->ia_mtime
							      : now;
	if (ia->ia_valid & ATTR_CTIME)
		i->i_ctime = now;
	return 0;
}

/*
 * notify_change - change attributes of d's inode (the caller checked
 * permissions). Changing mode, owner or size also updates ctime.
 */
int notify_change(struct dentry *d, struct iattr *ia)
{
	struct inode *i = d->d_inode;
	mode_t mode = i->i_mode;
	int err;

	if ((ia->ia_valid & ATTR_KILL_SUID) && (mode & S_ISUID)) {
		if (!(ia->ia_valid & ATTR_MODE))
			ia->ia_mode = mode;
		ia->ia_valid |= ATTR_MODE;
		ia->ia_mode &= ~S_ISUID;
	}
	if ((ia->ia_valid & ATTR_KILL_SGID) &&
	    (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) {
		if (!(ia->ia_valid & ATTR_MODE))
			ia->ia_mode = mode;
		ia->ia_valid |= ATTR_MODE;
		ia->ia_mode &= ~S_ISGID;
	}

	if (ia->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_SIZE))
		ia->ia_valid |= ATTR_CTIME;
	if (i->i_op && i->i_op->setattr)
		err = i->i_op->setattr(d, ia);
	else if (ia->ia_valid & ATTR_SIZE)
		err = -EINVAL;
	else
		err = simple_setattr(d, ia);
	if (!err)
		fsnotify_change(d, ia->ia_valid);
	return err;
}

/* generic_fillattr - stat fields straight from the inode. */
void generic_fillattr(struct inode *i, struct kstat *st)
{
	st->ino = i->i_ino;
	st->dev = i->i_sb ? i->i_sb->s_dev : 0;
	st->mode = i->i_mode;
	st->nlink = i->i_nlink;
	st->uid = i->i_uid;
	st->gid = i->i_gid;
	st->rdev = i->i_rdev;
	st->size = i->i_size;
	st->atime = i->i_atime;
	st->mtime = i->i_mtime;
	st->ctime = i->i_ctime;
	st->blksize = PAGE_SIZE;
	st->blocks = 0;		/* in-memory: only the pages held count */
	if (i->i_pages) {
		unsigned long n;

		for (n = 0; n < i->i_npages; n++)
			if (i->i_pages[n])
				st->blocks += PAGE_SIZE / 512;
	}
}

/* vfs_getattr - stat of the object at p. */
int vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *i = p->dentry->d_inode;

	memset(st, 0, sizeof(*st));
	mutex_lock(&i->i_lock);
	generic_fillattr(i, st);
	mutex_unlock(&i->i_lock);
	st->mnt_id = p->mnt->mnt_id;
	if (i->i_op && i->i_op->getattr)
		i->i_op->getattr(p->dentry, st);
	return 0;
}

static bool ts_le(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec < b.tv_sec ||
	       (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

/*
 * touch_atime - note a read, with Linux's default "relatime" rule:
 * only when atime is not newer than mtime/ctime, or a day old.
 */
void touch_atime(struct file *f)
{
	struct inode *i = f->f_inode;
	struct timespec64 now;

	if ((f->f_flags & O_NOATIME) || (READ_ONCE(f->f_path.mnt->mnt_flags) & MNT_NOATIME))
		return;
	now = current_time();
	if (ts_le(i->i_atime, i->i_mtime) || ts_le(i->i_atime, i->i_ctime) ||
	    now.tv_sec - i->i_atime.tv_sec >= 24 * 3600)
		i->i_atime = now;
}

/* file_update_time - note a write: mtime and ctime become now. */
void file_update_time(struct file *f)
{
	struct inode *i = f->f_inode;

	i->i_mtime = i->i_ctime = current_time();
}
