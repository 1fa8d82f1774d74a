/*
 * ramfs: a read-write filesystem in memory. Names live in the dcache
 * (fs/libfs.c); a regular file's data is an array of whole pages
 * (inode->i_pages, NULL slots are holes reading as zeros), which the mm
 * maps directly for MAP_SHARED through ->get_page(). "tmpfs" and the
 * root filesystem ("rootfs") are the same code under other names.
 *
 * tmpfs files may be sealed (F_ADD_SEALS, mm/memfd.c): i_seals, under
 * i_lock, refuses writes, growth or shrinking here. Every tmpfs file is
 * born with F_SEAL_SEAL (no seals may be added), as Linux's shmem; only
 * memfd_create(MFD_ALLOW_SEALING) makes one without. The unnamed files
 * behind memfds and SysV shared memory live on an internal tmpfs mount
 * (shmem_file_setup()), named "/memfd:NAME (deleted)" and
 * "/SYSV%08x (deleted)" as on Linux.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/pipe.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/xattr.h>
#include <uapi/errno.h>
#include <uapi/falloc.h>
#include <uapi/stat.h>
#include "internal.h"

atomic_long_t ramfs_nr_pages;		/* pages of all files, for meminfo */

#define MAX_LFS_FILESIZE 0x7fffffffffffffffL

#define BOGO_DIRENT_SIZE 20		/* see dir_size_add() */

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_file_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations;
static const struct file_operations ramfs_file_operations;

/* Make room for page index idx in i->i_pages. Holds i_lock. */
static int ramfs_grow_pages(struct inode *i, unsigned long idx)
{
	unsigned long n = MAX(idx + 1, i->i_npages * 2);
	struct page **pages;

	mutex_assert_held(&i->i_lock);
	if (idx < i->i_npages)
		return 0;
	if (n < 8)
		n = 8;
	pages = kzalloc(n * sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	if (i->i_pages)
		memcpy(pages, i->i_pages, i->i_npages * sizeof(*pages));
	kfree(i->i_pages);
	i->i_pages = pages;
	i->i_npages = n;
	return 0;
}

/* A new zeroed page at hole idx, already charged to the sb. i_lock. */
static int ramfs_add_page(struct inode *i, unsigned long idx)
{
	struct page *p;
	int err = ramfs_grow_pages(i, idx);

	if (err)
		return err;
	p = alloc_page(__GFP_ZERO);
	if (!p)
		return -ENOMEM;
	i->i_pages[idx] = p;
	atomic_long_add(&ramfs_nr_pages, 1);
	return 0;
}

/*
 * The page at idx, allocated (zeroed) if it was a hole, or
 * ERR_PTR(-ENOSPC) past tmpfs's size=, -ENOMEM. Holds i_lock.
 */
static struct page *ramfs_page(struct inode *i, unsigned long idx)
{
	int err;

	mutex_assert_held(&i->i_lock);
	if (idx < i->i_npages && i->i_pages[idx])
		return i->i_pages[idx];
	err = shmem_charge_pages(i->i_sb, 1);
	if (err)
		return ERR_PTR(err);
	err = ramfs_add_page(i, idx);
	if (err) {
		atomic_long_add(&i->i_sb->s_nr_pages, -1);
		return ERR_PTR(err);
	}
	return i->i_pages[idx];
}

/* Drop the pages of indexes [first, end). i_lock held, or the inode is
 * being evicted (nobody else can reach it). */
static void ramfs_drop_range(struct inode *i, unsigned long first,
			     unsigned long end)
{
	unsigned long n;

	for (n = first; n < i->i_npages && n < end; n++) {
		if (i->i_pages[n]) {
			put_page(i->i_pages[n]);
			i->i_pages[n] = NULL;
			atomic_long_add(&ramfs_nr_pages, -1);
			atomic_long_add(&i->i_sb->s_nr_pages, -1);
		}
	}
}

/* Drop every page from index first on (same locking). */
static void ramfs_drop_pages(struct inode *i, unsigned long first)
{
	ramfs_drop_range(i, first, ~0UL);
}

/*
 * Set the size of a file: shrinking frees pages and zeroes the tail.
 * 0, or -EPERM when a seal forbids the change.
 */
static int ramfs_truncate(struct inode *i, off_t size)
{
	mutex_lock(&i->i_lock);
	if ((size < i->i_size && (i->i_seals & F_SEAL_SHRINK)) ||
	    (size > i->i_size && (i->i_seals & F_SEAL_GROW))) {
		mutex_unlock(&i->i_lock);
		return -EPERM;
	}
	if (size < i->i_size) {
		unsigned long idx = size >> PAGE_SHIFT;
		size_t off = size & (PAGE_SIZE - 1);

		ramfs_drop_pages(i, off ? idx + 1 : idx);
		if (off && idx < i->i_npages && i->i_pages[idx])
			memset((char *)page_address(i->i_pages[idx]) + off, 0,
			       PAGE_SIZE - off);
	}
	i->i_size = size;
	mutex_unlock(&i->i_lock);
	return 0;
}

/*
 * Copy from a file's pages to a buffer (user or kernel). Each page is
 * looked up under i_lock but copied without it, holding a reference:
 * the user copy may fault on a mapping of this very file, and the
 * fault takes i_lock (f_op->get_page).
 */
static ssize_t ramfs_do_read(struct file *f, void *buf, size_t n, off_t *pos,
			     bool user)
{
	struct inode *i = f->f_inode;
	ssize_t done = 0;

	while (done < (ssize_t)n) {
		unsigned long idx = *pos >> PAGE_SHIFT;
		size_t off = *pos & (PAGE_SIZE - 1);
		char *dst = (char *)buf + done;
		struct page *p;
		size_t chunk, left;

		mutex_lock(&i->i_lock);
		if (*pos >= i->i_size) {
			mutex_unlock(&i->i_lock);
			break;
		}
		chunk = MIN(PAGE_SIZE - off, n - done);
		chunk = MIN(chunk, (size_t)(i->i_size - *pos));
		p = idx < i->i_npages ? i->i_pages[idx] : NULL;
		if (p)
			get_page(p);
		mutex_unlock(&i->i_lock);
		if (!user)
			left = p ? (memcpy(dst, (char *)page_address(p) + off,
					   chunk), 0)
				 : (memset(dst, 0, chunk), 0);
		else if (p)
			left = copy_to_user(dst, (char *)page_address(p) + off,
					    chunk);
		else
			left = clear_user(dst, chunk);
		if (p)
			put_page(p);
		done += chunk - left;
		*pos += chunk - left;
		if (left) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	if (done > 0)
		touch_atime(f);
	return done;
}

static ssize_t ramfs_read(struct file *f, char __user *buf, size_t n,
			  off_t *pos)
{
	return ramfs_do_read(f, buf, n, pos, true);
}

static ssize_t ramfs_kread(struct file *f, void *buf, size_t n, off_t *pos)
{
	return ramfs_do_read(f, buf, n, pos, false);
}

/* RLIMIT_FSIZE: clip n, or SIGXFSZ and -EFBIG at the limit. */
static ssize_t check_fsize(off_t pos, size_t n)
{
	unsigned long limit = current->signal ?
		current->signal->rlim[RLIMIT_FSIZE].rlim_cur : RLIM_INFINITY;

	if (limit != RLIM_INFINITY) {
		if ((unsigned long)pos >= limit) {
			send_sig(SIGXFSZ, current, 0);
			return -EFBIG;
		}
		n = MIN(n, limit - pos);
	}
	if (pos + (off_t)n < pos || pos + (off_t)n < 0)
		return -EFBIG;
	return n;
}

/*
 * How much of a write of n bytes at pos the seals allow (Linux judges
 * each page of a write: past the end of a F_SEAL_GROW file the first
 * page that would grow it fails). Bytes, or -EPERM. Holds i_lock.
 */
static ssize_t seals_allow_write(struct inode *i, off_t pos, size_t n)
{
	off_t end;

	mutex_assert_held(&i->i_lock);
	if (i->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (!(i->i_seals & F_SEAL_GROW) || pos + (off_t)n <= i->i_size)
		return n;
	end = i->i_size & ~(off_t)(PAGE_SIZE - 1);
	return end > pos ? end - pos : -EPERM;
}

/* Write n kernel bytes at *pos. i_lock held. Returns bytes (short when
 * the filesystem fills), or -ENOSPC, -ENOMEM. */
static ssize_t write_locked(struct inode *i, const char *src, size_t n,
			    off_t *pos)
{
	size_t done = 0;

	mutex_assert_held(&i->i_lock);
	while (done < n) {
		unsigned long idx = *pos >> PAGE_SHIFT;
		size_t off = *pos & (PAGE_SIZE - 1);
		size_t chunk = MIN(PAGE_SIZE - off, n - done);
		struct page *p = ramfs_page(i, idx);

		if (IS_ERR(p))
			return done ? (ssize_t)done : PTR_ERR(p);
		memcpy((char *)page_address(p) + off, src + done, chunk);
		done += chunk;
		*pos += chunk;
		if (*pos > i->i_size)
			i->i_size = *pos;
	}
	return done;
}

/*
 * Write to a ramfs file. User data goes through a bounce buffer filled
 * *before* i_lock is taken: the source may be a mapping of this very
 * file, whose fault takes i_lock (f_op->get_page); and a partial copy
 * must not land on file data.
 */
static ssize_t ramfs_do_write(struct file *f, const void *buf, size_t n,
			      off_t *pos, bool user)
{
	struct inode *i = f->f_inode;
	ssize_t done = 0, lim, w;
	char bounce[1024];

	if (n == 0)		/* Linux checks nothing for an empty write */
		return 0;
	done = file_remove_privs(f);	/* a write drops set-id bits */
	if (done)
		return done;
	while (done < (ssize_t)n) {
		const char *src = (const char *)buf + done;
		size_t chunk = n - done, left = 0;

		if (user) {
			chunk = MIN(chunk, sizeof(bounce));
			left = copy_from_user(bounce, src, chunk);
			chunk -= left;
			src = bounce;
			if (!chunk) {
				if (!done)
					done = -EFAULT;
				break;
			}
		}
		mutex_lock(&i->i_lock);
		if (f->f_flags & O_APPEND)
			*pos = i->i_size;
		lim = check_fsize(*pos, chunk);
		if (lim > 0)
			lim = seals_allow_write(i, *pos, lim);
		w = lim < 0 ? lim : write_locked(i, src, lim, pos);
		mutex_unlock(&i->i_lock);
		if (w < 0) {
			if (!done)
				done = w;
			break;
		}
		done += w;
		if (left || (size_t)w < chunk)
			break;
	}
	if (done > 0)
		file_update_time(f);
	return done;
}

static ssize_t ramfs_write(struct file *f, const char __user *buf, size_t n,
			   off_t *pos)
{
	return ramfs_do_write(f, buf, n, pos, true);
}

static ssize_t ramfs_kwrite(struct file *f, const void *buf, size_t n,
			    off_t *pos)
{
	return ramfs_do_write(f, buf, n, pos, false);
}

/*
 * ramfs_get_page - the page behind file page pgoff for a mapping, with
 * a reference for the caller; NULL beyond EOF (SIGBUS) or without
 * memory. Holes are filled in.
 */
static struct page *ramfs_get_page(struct file *f, unsigned long pgoff,
				   bool create)
{
	struct inode *i = f->f_inode;
	struct page *p = NULL;

	mutex_lock(&i->i_lock);
	if (pgoff < ((unsigned long)i->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT) {
		p = ramfs_page(i, pgoff);
		if (IS_ERR(p))
			p = NULL;	/* SIGBUS, as Linux for -ENOSPC */
		else
			get_page(p);
	}
	mutex_unlock(&i->i_lock);
	return p;
}

static int ramfs_setattr(struct dentry *d, struct iattr *ia)
{
	struct inode *i = d->d_inode;

	if (ia->ia_valid & ATTR_SIZE) {
		int err;

		if (!S_ISREG(i->i_mode))
			return -EINVAL;
		err = ramfs_truncate(i, ia->ia_size);
		if (err)
			return err;
	}
	return simple_setattr(d, ia);
}

static void ramfs_evict_inode(struct inode *i)
{
	if (i->i_pages) {
		ramfs_drop_pages(i, 0);
		kfree(i->i_pages);
	}
	if (S_ISLNK(i->i_mode))
		kfree(i->i_private);
	if (i->i_pipe)
		free_pipe_info(i->i_pipe);
	simple_xattrs_free(i);
	shmem_free_inode(i->i_sb);
}

/*
 * ramfs_get_inode - a new inode of the given mode (and device number
 * for device nodes) owned as a creation in dir, charged to a tmpfs's
 * nr_inodes. ERR_PTR(-ENOSPC) when it is full, -ENOMEM.
 */
struct inode *ramfs_get_inode(struct super_block *sb, struct inode *dir,
			      mode_t mode, unsigned int dev)
{
	struct inode *i;
	int err = shmem_reserve_inode(sb);

	if (err)
		return ERR_PTR(err);
	i = new_inode(sb);
	if (!i) {
		shmem_free_inode(sb);
		return ERR_PTR(-ENOMEM);
	}
	inode_init_owner(i, dir, mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		i->i_op = &ramfs_file_inode_operations;
		i->i_fop = &ramfs_file_operations;
		if (sb->s_magic == TMPFS_MAGIC)
			i->i_seals = F_SEAL_SEAL;
		break;
	case S_IFDIR:
		i->i_op = &ramfs_dir_inode_operations;
		i->i_fop = &simple_dir_operations;
		i->i_nlink = 2;
		if (sb->s_magic == TMPFS_MAGIC)
			i->i_size = 2 * BOGO_DIRENT_SIZE;
		break;
	case S_IFLNK:
		i->i_op = &ramfs_symlink_inode_operations;
		break;
	default:
		i->i_op = &ramfs_file_inode_operations;
		init_special_inode(i, mode, dev);
	}
	return i;
}

/*
 * tmpfs directories have a size, as Linux's shmem gives them: 40 bytes
 * empty, 20 more per entry (BOGO_DIRENT_SIZE), so ls and stat show what
 * they show on Linux; ramfs directories stay at 0. Caller holds
 * vfs_lock (every namespace change does). BOGO_DIRENT_SIZE is at the top.
 */
static void dir_size_add(struct inode *dir, int entries)
{
	mutex_assert_held(&vfs_lock);
	if (dir->i_sb->s_magic == TMPFS_MAGIC)
		dir->i_size += entries * BOGO_DIRENT_SIZE;
}

/* Link a new inode at d and pin the name. */
static void ramfs_instantiate(struct inode *dir, struct dentry *d,
			      struct inode *i)
{
	d_add(d, i);
	dget(d);
	dir->i_mtime = dir->i_ctime = current_time();
	dir_size_add(dir, 1);
}

static int ramfs_create(struct inode *dir, struct dentry *d, mode_t mode,
			unsigned int dev)
{
	struct inode *i = ramfs_get_inode(dir->i_sb, dir, mode, dev);

	if (IS_ERR(i))
		return PTR_ERR(i);
	ramfs_instantiate(dir, d, i);
	return 0;
}

static int ramfs_tmpfile(struct inode *dir, struct dentry *d, mode_t mode)
{
	struct inode *i = ramfs_get_inode(dir->i_sb, dir, mode, 0);

	if (IS_ERR(i))
		return PTR_ERR(i);
	i->i_nlink = 0;
	if (d_tmpfile(d, i)) {
		iput(i);
		return -ENOMEM;
	}
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *d, mode_t mode)
{
	int err = ramfs_create(dir, d, mode | S_IFDIR, 0);

	if (!err)
		dir->i_nlink++;
	return err;
}

static int ramfs_symlink(struct inode *dir, struct dentry *d,
			 const char *target)
{
	char *t = kstrdup(target);
	struct inode *i;

	if (!t)
		return -ENOMEM;
	i = ramfs_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);
	if (IS_ERR(i)) {
		kfree(t);
		return PTR_ERR(i);
	}
	i->i_private = t;
	i->i_size = strlen(t);
	ramfs_instantiate(dir, d, i);
	return 0;
}

static long ramfs_readlink(struct dentry *d, char *buf, size_t len)
{
	const char *t = d->d_inode->i_private;
	size_t n = MIN(strlen(t), len);

	memcpy(buf, t, n);
	return n;
}

/* SEEK_DATA / SEEK_HOLE: data is where pages exist. Holds i_lock. */
static off_t ramfs_seek_data(struct inode *i, off_t off, bool data)
{
	unsigned long idx;

	if (off < 0 || off >= i->i_size)
		return -ENXIO;
	for (idx = off >> PAGE_SHIFT;
	     (off_t)(idx << PAGE_SHIFT) < i->i_size; idx++) {
		bool present = idx < i->i_npages && i->i_pages[idx];

		if (present == data)
			return MAX(off, (off_t)(idx << PAGE_SHIFT));
	}
	return data ? -ENXIO : i->i_size;
}

static off_t ramfs_llseek(struct file *f, off_t off, int whence)
{
	struct inode *i = f->f_inode;

	if (whence == SEEK_DATA || whence == SEEK_HOLE) {
		mutex_lock(&i->i_lock);
		off = ramfs_seek_data(i, off, whence == SEEK_DATA);
		mutex_unlock(&i->i_lock);
		if (off >= 0)
			f->f_pos = off;
		return off;
	}
	return generic_file_llseek(f, off, whence);
}

/*
 * A second name costs an inode of nr_inodes, as on Linux (not the
 * first link of an O_TMPFILE file, which was charged when made).
 */
static int ramfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	bool charge = old->d_inode->i_nlink != 0;
	int err = charge ? shmem_reserve_inode(dir->i_sb) : 0;

	if (err)
		return err;
	err = simple_link(old, dir, d);
	if (!err)
		dir_size_add(dir, 1);
	else if (charge)
		shmem_free_inode(dir->i_sb);
	return err;
}

/* A name of a file with others gives back what its link cost. */
static int ramfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *i = d->d_inode;
	bool many = i->i_nlink > 1 && !S_ISDIR(i->i_mode);
	int err = simple_unlink(dir, d);

	if (!err) {
		dir_size_add(dir, -1);
		if (many)
			shmem_free_inode(dir->i_sb);
	}
	return err;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *d)
{
	int err = simple_rmdir(dir, d);

	if (!err)
		dir_size_add(dir, -1);
	return err;
}

/* A replaced name leaves ndir's size as it was; an exchange, both. */
static int ramfs_rename(struct inode *odir, struct dentry *od,
			struct inode *ndir, struct dentry *nd,
			unsigned int flags)
{
	struct inode *victim = flags & RENAME_EXCHANGE ? NULL : nd->d_inode;
	bool many = victim && victim->i_nlink > 1 && !S_ISDIR(victim->i_mode);
	int err = simple_rename(odir, od, ndir, nd, flags);

	if (!err && !(flags & RENAME_EXCHANGE)) {
		dir_size_add(odir, -1);
		if (!victim)
			dir_size_add(ndir, 1);
		else if (many)
			shmem_free_inode(ndir->i_sb);
	}
	return err;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.tmpfile = ramfs_tmpfile,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_file_inode_operations = {
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_symlink_inode_operations = {
	.readlink = ramfs_readlink,
	.setattr = ramfs_setattr,
};

/*
 * A new mapping of a write-sealed file (F_SEAL_WRITE or
 * F_SEAL_FUTURE_WRITE): no shared mapping may write, now or after an
 * mprotect, so a read-only one loses VM_MAYWRITE (and does not count as
 * a writable mapping); private ones stay copy-on-write writable. Linux
 * 6.1's seal_check_write() and is_readonly_sealed().
 */
static int ramfs_mmap(struct file *f, struct vm_area_struct *vma)
{
	unsigned int seals = READ_ONCE(f->f_inode->i_seals);

	if (!(seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) ||
	    !(vma->vm_flags & VM_SHARED))
		return 0;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	vma->vm_flags &= ~VM_MAYWRITE;
	return 0;
}

/* How many pages of [first, end) are holes. i_lock held. */
static unsigned long count_holes(struct inode *i, unsigned long first,
				 unsigned long end)
{
	unsigned long n, holes = end - first;

	mutex_assert_held(&i->i_lock);
	for (n = first; n < end && n < i->i_npages; n++)
		if (i->i_pages[n])
			holes--;
	return holes;
}

/*
 * Allocate the pages of [off, off + len), growing the size unless
 * keep_size: all charged first, so a full tmpfs gives -ENOSPC with
 * nothing allocated. Seals and RLIMIT_FSIZE as Linux. i_lock held.
 */
static long ramfs_falloc_range(struct inode *i, off_t off, off_t len,
			       bool keep_size)
{
	unsigned long first = off >> PAGE_SHIFT, n, holes;
	unsigned long end = (off + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	long err;

	mutex_assert_held(&i->i_lock);
	if (off + len > i->i_size && check_fsize(off + len - 1, 1) < 0)
		return -EFBIG;
	if ((i->i_seals & F_SEAL_GROW) && off + len > i->i_size)
		return -EPERM;
	if (end - first > totalram_pages())
		return -ENOSPC;
	holes = count_holes(i, first, end);
	err = shmem_charge_pages(i->i_sb, holes);
	if (err)
		return err;
	for (n = first; n < end && holes; n++) {
		if (n < i->i_npages && i->i_pages[n])
			continue;
		err = ramfs_add_page(i, n);
		if (err)
			break;
		holes--;
	}
	atomic_long_add(&i->i_sb->s_nr_pages, -(long)holes);
	if (err)
		return err;
	if (!keep_size && off + len > i->i_size)
		i->i_size = off + len;
	i->i_ctime = current_time();
	return 0;
}

/* Free the whole pages of [off, off + len), zero the partial ones. */
static long ramfs_punch_hole(struct inode *i, off_t off, off_t len)
{
	off_t end = off + len;
	unsigned long first = (off + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned long last = end >> PAGE_SHIFT, n;

	if (i->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	for (n = off >> PAGE_SHIFT; n < i->i_npages &&
	     (off_t)(n << PAGE_SHIFT) < end; n++) {
		off_t from = MAX(off, (off_t)(n << PAGE_SHIFT));
		off_t to = MIN(end, (off_t)((n + 1) << PAGE_SHIFT));

		if (i->i_pages[n] && (n < first || n >= last))
			memset((char *)page_address(i->i_pages[n]) +
			       (from & (PAGE_SIZE - 1)), 0, to - from);
	}
	if (last > first)
		ramfs_drop_range(i, first, last);
	i->i_mtime = i->i_ctime = current_time();
	return 0;
}

/* fallocate(2) on a tmpfs file: allocate (KEEP_SIZE) or PUNCH_HOLE. */
static long ramfs_fallocate(struct file *f, int mode, off_t off, off_t len)
{
	struct inode *i = f->f_inode;
	long err;

	if (i->i_sb->s_magic != TMPFS_MAGIC)	/* ramfs has none */
		return -EOPNOTSUPP;
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	mutex_lock(&i->i_lock);
	if (mode & FALLOC_FL_PUNCH_HOLE)
		err = ramfs_punch_hole(i, off, len);
	else
		err = ramfs_falloc_range(i, off, len,
					 mode & FALLOC_FL_KEEP_SIZE);
	mutex_unlock(&i->i_lock);
	return err;
}

static const struct file_operations ramfs_file_operations = {
	.mmap = ramfs_mmap,
	.read = ramfs_read,
	.write = ramfs_write,
	.kread = ramfs_kread,
	.kwrite = ramfs_kwrite,
	.llseek = ramfs_llseek,
	.get_page = ramfs_get_page,
	.mmap_ok = true,
	.fallocate = ramfs_fallocate,
};

static const struct super_operations ramfs_super_operations = {
	.evict_inode = ramfs_evict_inode,
	.statfs = shmem_statfs,
	.remount_fs = shmem_remount,
	.show_options = shmem_show_options,
};

/*
 * A new in-memory superblock of type t with the options in data: tmpfs,
 * devtmpfs and rootfs (which is tmpfs on Linux when no root= is given)
 * report TMPFS_MAGIC, sizes and directory sizes and have tmpfs's
 * limits, unless made for the kernel (kernmount); a tmpfs root is mode
 * 1777, owned by the mounter's fsuid and fsgid unless uid=, gid= say.
 */
static struct super_block *__ramfs_mount(struct file_system_type *t,
					 int flags, void *data,
					 bool kernmount)
{
	bool tmpfs = strcmp(t->name, "ramfs") != 0;
	mode_t mode = !strcmp(t->name, "tmpfs") ? 01777 : 0755;
	kuid_t uid = current_fsuid();
	kgid_t gid = current_fsgid();
	struct super_block *sb;
	struct inode *root;
	int err;

	sb = alloc_super(t, &ramfs_super_operations,
			 tmpfs ? TMPFS_MAGIC : RAMFS_MAGIC);
	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = shmem_fill_super(sb, data, tmpfs, kernmount, &mode, &uid, &gid);
	if (err)
		goto out_free;
	root = ramfs_get_inode(sb, NULL, S_IFDIR | mode, 0);
	err = PTR_ERR(root);
	if (IS_ERR(root))
		goto out_free;
	root->i_uid = uid;
	root->i_gid = gid;
	sb->s_root = d_make_root(root);
	err = -ENOMEM;
	if (!sb->s_root)
		goto out_free;
	sb->s_flags = flags & MS_RDONLY;
	/* Linux 6.1's tmpfs keeps security. and trusted. attributes;
	 * ramfs none. */
	if (tmpfs)
		sb->s_xattr = simple_xattr_handlers;
	return sb;

out_free:
	kfree(sb->s_fs_info);
	free_unused_super(sb);
	return ERR_PTR(err);
}

/*
 * ramfs_mount - a new superblock of ramfs, tmpfs, devtmpfs or rootfs
 * mounted by someone, with the options in data (a string or NULL).
 * ERR_PTR(-EINVAL) for a bad option, -ENOMEM. May sleep.
 */
struct super_block *ramfs_mount(struct file_system_type *t, int flags,
				const char *dev, void *data)
{
	return __ramfs_mount(t, flags, data, false);
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.nodev = true,
	.fs_flags = FS_USERNS_MOUNT,
	.mount = ramfs_mount,
	.check_param = ramfs_check_param,
	.kill_sb = shmem_kill_sb,
};

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.nodev = true,
	.fs_flags = FS_USERNS_MOUNT,
	.mount = ramfs_mount,
	.check_param = shmem_check_param,
	.kill_sb = shmem_kill_sb,
};

static struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.nodev = true,
	.mount = ramfs_mount,
	.kill_sb = shmem_kill_sb,
};

/* --- the internal mount of unnamed tmpfs files (memfd, SysV shm) --- */

static struct vfsmount *shm_mnt;

/* Their /proc/<pid>/fd and maps name: "/NAME (deleted)", as Linux's. */
static char *shmem_dname(struct dentry *d, char *buf, size_t len)
{
	snprintf(buf, len, "/%s (deleted)", d->d_name);
	return buf;
}

static const struct super_operations shmem_internal_operations = {
	.evict_inode = ramfs_evict_inode,
	.statfs = shmem_statfs,
	.d_dname = shmem_dname,
};

static struct super_block *shmem_internal_mount(struct file_system_type *t,
						int flags, const char *dev,
						void *data)
{
	struct super_block *sb = __ramfs_mount(t, flags, data, true);

	if (!IS_ERR(sb))
		sb->s_op = &shmem_internal_operations;
	return sb;
}

/* Not registered: reachable only through the files it makes. */
static struct file_system_type shmem_internal_type = {
	.name = "tmpfs",
	.nodev = true,
	.mount = shmem_internal_mount,
	.kill_sb = shmem_kill_sb,
};

/**
 * shmem_file_setup - a new unlinked tmpfs file of size bytes, open
 * read-write (no fd), on the internal mount
 * @name: its name (the dentry's, shown as "/NAME (deleted)")
 * @size: its initial size
 *
 * The file is mode 0777, owned by the caller's fsuid/fsgid, with no
 * links, and sealed with F_SEAL_SEAL like every tmpfs file. Returns the
 * file or ERR_PTR(-ENOMEM). May sleep.
 */
struct file *shmem_file_setup(const char *name, off_t size)
{
	struct path p = { .mnt = shm_mnt };
	struct inode *i;
	struct file *f;

	i = ramfs_get_inode(shm_mnt->mnt_sb, NULL, S_IFREG | 0777, 0);
	if (IS_ERR(i))
		return ERR_PTR(PTR_ERR(i));
	i->i_nlink = 0;
	i->i_size = size;
	p.dentry = d_alloc(shm_mnt->mnt_root, name, strlen(name));
	if (!p.dentry) {
		iput(i);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(p.dentry, i);
	f = alloc_file(&p, O_RDWR, &ramfs_file_operations);
	dput(p.dentry);
	return f;
}

/* shmem_file - is f a tmpfs file (one that may carry seals)? */
bool shmem_file(struct file *f)
{
	return f->f_op == &ramfs_file_operations &&
	       f->f_inode->i_sb->s_magic == TMPFS_MAGIC;
}

/* ramfs_init - register ramfs, tmpfs and rootfs; the shm mount (boot). */
void ramfs_init(void)
{
	register_filesystem(&rootfs_fs_type);
	register_filesystem(&ramfs_fs_type);
	register_filesystem(&tmpfs_fs_type);
	shm_mnt = kern_mount(&shmem_internal_type);
	if (IS_ERR(shm_mnt))
		panic("ramfs_init: no internal tmpfs: %ld", PTR_ERR(shm_mnt));
}
