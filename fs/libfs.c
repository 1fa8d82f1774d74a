/*
 * Helpers shared by the in-memory filesystems (ramfs, tmpfs, devtmpfs):
 * their directories live entirely in the dcache, each linked name
 * pinned by one extra dentry reference.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

/* dt_type - the getdents d_type of an inode. */
unsigned int dt_type(struct inode *i)
{
	return (i->i_mode >> 12) & 15;
}

/* dir_emit_dots - "." at position 0 and ".." at 1. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, d->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, d->d_parent->d_inode->i_ino,
			      DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/* The first hashed child at or after position pos, referenced. */
static struct dentry *next_child(struct dentry *dir, off_t pos)
{
	struct dentry *d, *found = NULL;
	unsigned long f = spin_lock_irqsave(&dcache_lock);

	list_for_each_entry(d, &dir->d_subdirs, d_child) {
		if ((off_t)d->d_pos >= pos && d->d_inode) {
			found = dget(d);
			break;
		}
	}
	spin_unlock_irqrestore(&dcache_lock, f);
	return found;
}

/*
 * dcache_readdir - getdents of an in-memory directory. Positions are
 * the children's creation stamps, so unlinking entries while reading
 * (rm -r) skips nothing.
 */
int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry;
	struct dentry *d;

	if (!dir_emit_dots(f, ctx))
		return 0;
	while ((d = next_child(dir, ctx->pos))) {
		bool ok = dir_emit(ctx, d->d_name, strlen(d->d_name),
				   d->d_inode->i_ino, dt_type(d->d_inode));

		if (ok)
			ctx->pos = d->d_pos + 1;
		dput(d);
		if (!ok)
			break;
	}
	return 0;
}

static ssize_t generic_read_dir(struct file *f, char __user *buf, size_t n,
				off_t *pos)
{
	return -EISDIR;
}

const struct file_operations simple_dir_operations = {
	.read = generic_read_dir,
	.iterate = dcache_readdir,
	.llseek = default_dir_llseek,
};

/* The operations of an O_PATH file: none. */
const struct file_operations empty_fops = {
	.llseek = no_llseek,
};

/* simple_lookup - in-memory filesystems know every name already. */
int simple_lookup(struct inode *dir, struct dentry *d)
{
	return -ENOENT;
}

/* simple_empty - true when no name is linked in directory d. */
int simple_empty(struct dentry *d)
{
	return !d_has_children(d);
}

static void dir_changed(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time();
}

/* simple_link - a new name d in dir for old's inode. */
int simple_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *i = old->d_inode;

	i->i_ctime = current_time();
	i->i_nlink++;
	i->i_state &= ~I_LINKABLE;
	ihold(i);
	dir_changed(dir);
	d_add(d, i);
	dget(d);		/* the pin */
	return 0;
}

/* simple_unlink - remove the name d from dir. */
int simple_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *i = d->d_inode;

	i->i_ctime = current_time();
	if (i->i_nlink)
		i->i_nlink--;
	dir_changed(dir);
	d_delete(d);
	dput(d);		/* the pin */
	return 0;
}

/* simple_rmdir - remove the empty directory d from dir. */
int simple_rmdir(struct inode *dir, struct dentry *d)
{
	if (!simple_empty(d))
		return -ENOTEMPTY;
	d->d_inode->i_nlink = 1;
	dir->i_nlink--;
	return simple_unlink(dir, d);
}

static int simple_exchange(struct inode *odir, struct dentry *od,
			   struct inode *ndir, struct dentry *nd)
{
	char *oname = kstrdup(od->d_name), *nname = kstrdup(nd->d_name);
	struct dentry *oparent = dget(od->d_parent);
	struct dentry *nparent = dget(nd->d_parent);
	bool odirish = S_ISDIR(od->d_inode->i_mode);
	bool ndirish = S_ISDIR(nd->d_inode->i_mode);

	if (!oname || !nname) {
		kfree(oname);
		kfree(nname);
		dput(oparent);
		dput(nparent);
		return -ENOMEM;
	}
	if (odir != ndir && odirish != ndirish) {
		if (odirish) {
			odir->i_nlink--;
			ndir->i_nlink++;
		} else {
			ndir->i_nlink--;
			odir->i_nlink++;
		}
	}
	d_move(od, nparent, nname);
	d_move(nd, oparent, oname);
	dput(oparent);
	dput(nparent);
	dir_changed(odir);
	dir_changed(ndir);
	od->d_inode->i_ctime = nd->d_inode->i_ctime = current_time();
	return 0;
}

/*
 * simple_rename - move od (in odir) to nd's name in ndir, replacing
 * nd's inode if it has one (the VFS has checked types; we check that a
 * replaced directory is empty), or exchange the two (RENAME_EXCHANGE).
 */
int simple_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
		  struct dentry *nd, unsigned int flags)
{
	bool isdir = S_ISDIR(od->d_inode->i_mode);
	char *name;

	if (flags & RENAME_EXCHANGE)
		return simple_exchange(odir, od, ndir, nd);
	if (nd->d_inode && isdir && !simple_empty(nd))
		return -ENOTEMPTY;
	name = kstrdup(nd->d_name);
	if (!name)
		return -ENOMEM;
	/* No failure after this point. */
	if (nd->d_inode) {
		if (isdir)
			simple_rmdir(ndir, nd);
		else
			simple_unlink(ndir, nd);
	}
	if (isdir && odir != ndir) {
		odir->i_nlink--;
		ndir->i_nlink++;
	}
	d_move(od, nd->d_parent, name);
	dir_changed(odir);
	dir_changed(ndir);
	od->d_inode->i_ctime = current_time();
	return 0;
}
