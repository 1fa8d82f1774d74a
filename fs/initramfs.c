/*
 * The initramfs: unpack the boot loader's cpio archive(s) into the
 * root ramfs, as Linux's init/initramfs.c does.
 *
 * Accepted: "newc" archives (magic 070701, and 070702 whose data is
 * checked against the header's byte-sum), gzip-compressed or not,
 * several of them back to back with zero padding in between, each
 * ended by a TRAILER!!! entry. Directories, regular files (hard links
 * by inode number), symlinks, device nodes, FIFOs and sockets are made
 * with the archive's mode, owner and mtime.
 *
 * A compressed archive must run to the end of the image: gunzip()
 * decodes every member it finds there, and cannot say where one ends.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/inflate.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "cpio.h"
#include "internal.h"

#define CONTIG_ORDER 10			/* the buddy allocator's largest */

/* A file seen with nlink >= 2, so later entries can link to it. */
struct hardlink {
	u32 ino, devmajor, devminor;
	char *name;
	struct hardlink *next;
};

/* A directory whose mtime is set after everything in it is made. */
struct dir_time {
	char *name;
	u32 mtime;
	struct dir_time *next;
};

struct unpack_state {
	struct hardlink *links;
	struct dir_time *dirs;
	int errors;
};

/*
 * Weak stand-in for mm's contiguous allocator: nr pages physically in a
 * row, beyond what one buddy block holds (a decompressed archive can be
 * bigger than 4 MiB). Collects top-order blocks until some are
 * adjacent; the rest go back.
 */
__attribute__((weak)) struct page *alloc_contig_pages(unsigned long nr)
{
	unsigned long want = (nr + (1UL << CONTIG_ORDER) - 1) >> CONTIG_ORDER;
	struct page *blocks[128];
	struct page *found = NULL;
	unsigned int n = 0, i, j;

	if (nr <= (1UL << CONTIG_ORDER)) {
		unsigned int order = 0;

		while ((1UL << order) < nr)
			order++;
		return alloc_pages(0, order);
	}
	while (!found && n < ARRAY_SIZE(blocks)) {
		struct page *b = alloc_pages(0, CONTIG_ORDER);

		if (!b)
			break;
		/* Keep blocks sorted by address. */
		for (i = n; i > 0 && blocks[i - 1] > b; i--)
			blocks[i] = blocks[i - 1];
		blocks[i] = b;
		n++;
		for (i = 0; i + want <= n && !found; i++) {
			for (j = 1; j < want; j++)
				if (blocks[i + j] !=
				    blocks[i] + (j << CONTIG_ORDER))
					break;
			if (j == want)
				found = blocks[i];
		}
	}
	for (i = 0; i < n; i++)
		if (!found || blocks[i] < found ||
		    blocks[i] >= found + (want << CONTIG_ORDER))
			__free_pages(blocks[i], CONTIG_ORDER);
	return found;
}

__attribute__((weak)) void free_contig_pages(struct page *p, unsigned long nr)
{
	unsigned long i;

	if (nr <= (1UL << CONTIG_ORDER)) {
		unsigned int order = 0;

		while ((1UL << order) < nr)
			order++;
		__free_pages(p, order);
		return;
	}
	for (i = 0; i < nr; i += 1UL << CONTIG_ORDER)
		__free_pages(p + i, CONTIG_ORDER);
}

/* Set owner, mode and times of a freshly made name. */
static void set_attrs(const char *name, const struct cpio_hdr *h,
		      bool mode, bool times)
{
	struct iattr ia = { .ia_valid = ATTR_UID | ATTR_GID };
	struct path p;

	if (kern_path(name, 0, &p))
		return;
	ia.ia_uid = KUIDT_INIT(h->uid);
	ia.ia_gid = KGIDT_INIT(h->gid);
	if (mode) {
		ia.ia_valid |= ATTR_MODE;
		ia.ia_mode = h->mode & 07777;
	}
	if (times) {
		ia.ia_valid |= ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
			       ATTR_MTIME_SET;
		ia.ia_atime = ia.ia_mtime = (struct timespec64){ h->mtime, 0 };
	}
	mutex_lock(&vfs_lock);
	notify_change(p.dentry, &ia);
	mutex_unlock(&vfs_lock);
	path_put(&p);
}

/* Remove what is at name, unless it is a directory we would reuse. */
static void clean_path(const char *name, mode_t mode)
{
	struct path p;
	struct kstat st;

	if (kern_path(name, 0, &p))
		return;
	vfs_getattr(&p, &st);
	path_put(&p);
	if ((st.mode ^ mode) & S_IFMT || !S_ISDIR(mode))
		vfs_unlink_path(name, S_ISDIR(st.mode));
}

static int write_file(const char *name, const struct cpio_hdr *h,
		      const char *data)
{
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC,
				   h->mode & 07777);
	off_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = h->filesize ? kernel_write(f, data, h->filesize, &pos) : 0;
	fput(f);
	if (n < 0)
		return n;
	return (size_t)n == h->filesize ? 0 : -ENOSPC;
}

/* A regular file: a hard link to an earlier entry, or new contents. */
static int do_file(struct unpack_state *s, const char *name,
		   const struct cpio_hdr *h, const char *data)
{
	struct hardlink *l;

	if (h->nlink >= 2) {
		for (l = s->links; l; l = l->next)
			if (l->ino == h->ino && l->devmajor == h->devmajor &&
			    l->devminor == h->devminor)
				return vfs_link_path(l->name, name);
		l = kzalloc(sizeof(*l));
		if (!l || !(l->name = kstrdup(name))) {
			kfree(l);
			return -ENOMEM;
		}
		l->ino = h->ino;
		l->devmajor = h->devmajor;
		l->devminor = h->devminor;
		l->next = s->links;
		s->links = l;
	}
	return write_file(name, h, data);
}

static int do_dir(struct unpack_state *s, const char *name,
		  const struct cpio_hdr *h)
{
	struct dir_time *d;
	int err = vfs_mkdir_path(name, h->mode & 07777);

	if (err && err != -EEXIST)
		return err;
	d = kzalloc(sizeof(*d));
	if (!d || !(d->name = kstrdup(name))) {
		kfree(d);
		return -ENOMEM;
	}
	d->mtime = h->mtime;
	d->next = s->dirs;
	s->dirs = d;
	return 0;
}

static int do_symlink(const char *name, const struct cpio_hdr *h,
		      const char *data)
{
	char *target = kmalloc(h->filesize + 1, GFP_KERNEL);
	int err;

	if (!target)
		return -ENOMEM;
	memcpy(target, data, h->filesize);
	target[h->filesize] = 0;
	err = vfs_symlink_path(target, name);
	kfree(target);
	return err;
}

/* Make one archive entry. */
static int do_entry(struct unpack_state *s, const char *name,
		    const struct cpio_hdr *h, const char *data)
{
	mode_t mode = h->mode;
	int err;

	clean_path(name, mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		err = do_file(s, name, h, data);
		break;
	case S_IFDIR:
		err = do_dir(s, name, h);
		break;
	case S_IFLNK:
		err = do_symlink(name, h, data);
		if (!err)
			set_attrs(name, h, false, true);
		return err;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = vfs_mknod_path(name, mode,
				     MKDEV(h->rdevmajor, h->rdevminor));
		break;
	default:
		pr_warn("initramfs: %s: unknown file type %o\n", name, mode);
		return 0;
	}
	if (!err)
		set_attrs(name, h, true, !S_ISDIR(mode));
	return err;
}

static int unpack(struct unpack_state *s, const char *buf, size_t len,
		  int depth);

/* Decompress buf (gzip to its end) and unpack the result. */
static int unpack_gzip(struct unpack_state *s, const char *buf, size_t len,
		       int depth)
{
	long size = gzip_size(buf, len);
	unsigned long cap, nr;
	struct page *pages;
	long out;
	int err;

	if (depth > 1 || size < 0) {
		pr_err("initramfs: bad gzip data\n");
		return -EINVAL;
	}
	/* ISIZE of a damaged stream can be anything: trust it within reason. */
	cap = (unsigned long)size <= len * 64 ? (unsigned long)size : len * 4;
	cap = MAX(cap, (unsigned long)len) + PAGE_SIZE;
	for (;;) {
		nr = (cap + PAGE_SIZE - 1) >> PAGE_SHIFT;
		if (nr > totalram_pages() / 2) {
			pr_err("initramfs: archive too big to decompress\n");
			return -ENOMEM;
		}
		pages = alloc_contig_pages(nr);
		if (!pages) {
			pr_err("initramfs: no memory to decompress %lu bytes\n",
			       cap);
			return -ENOMEM;
		}
		out = gunzip(buf, len, page_address(pages), nr << PAGE_SHIFT);
		if (out != INFLATE_ENOSPC)
			break;
		free_contig_pages(pages, nr);
		cap *= 2;
	}
	if (out < 0) {
		pr_err("initramfs: gunzip failed (%ld)\n", out);
		err = -EINVAL;
	} else {
		err = unpack(s, page_address(pages), out, depth + 1);
	}
	free_contig_pages(pages, nr);
	return err;
}

static const char *const cpio_errors[] = {
	[-CPIO_ETRUNC] = "truncated entry",
	[-CPIO_EBADHDR] = "corrupt header",
	[-CPIO_ECRC] = "bad checksum",
};

/*
 * Unpack a run of archives in buf: entries, trailers, zero padding,
 * and a gzip stream that runs to the end.
 */
static int unpack(struct unpack_state *s, const char *buf, size_t len,
		  int depth)
{
	size_t pos = 0;
	struct cpio_hdr h;
	int r;

	while ((r = cpio_next(buf, len, &pos, &h)) != CPIO_END) {
		if (r < 0) {
			pr_err("initramfs: %s at offset %lu\n", cpio_errors[-r],
			       (unsigned long)pos);
			return -EINVAL;
		}
		if (r == CPIO_OTHER) {
			if (is_gzip(buf + pos, len - pos))
				return unpack_gzip(s, buf + pos, len - pos,
						   depth);
			pr_err("initramfs: no cpio magic at offset %lu\n",
			       (unsigned long)pos);
			return -EINVAL;
		}
		if (r == CPIO_TRAILER)
			continue;
		if (!strcmp(h.name, ".") && S_ISDIR(h.mode)) {
			set_attrs("/", &h, true, false);
			continue;
		}
		if (do_entry(s, h.name, &h, h.data) && s->errors++ < 10)
			pr_err("initramfs: cannot create %s\n", h.name);
	}
	return 0;
}

/* Set directory mtimes and free the bookkeeping. */
static void finish(struct unpack_state *s)
{
	while (s->links) {
		struct hardlink *l = s->links;

		s->links = l->next;
		kfree(l->name);
		kfree(l);
	}
	while (s->dirs) {
		struct dir_time *d = s->dirs;
		struct cpio_hdr h = { .mtime = d->mtime };
		struct path p;

		s->dirs = d->next;
		if (!kern_path(d->name, 0, &p)) {
			struct iattr ia = {
				.ia_valid = ATTR_ATIME | ATTR_MTIME |
					    ATTR_ATIME_SET | ATTR_MTIME_SET,
				.ia_atime = { h.mtime, 0 },
				.ia_mtime = { h.mtime, 0 },
			};

			mutex_lock(&vfs_lock);
			notify_change(p.dentry, &ia);
			mutex_unlock(&vfs_lock);
			path_put(&p);
		}
		kfree(d->name);
		kfree(d);
	}
}

/*
 * default_rootfs - make what Linux's built-in initramfs holds (/dev,
 * /dev/console, /root), so that init has a console even when the boot
 * loader's archive has no /dev. The archive is unpacked over it and
 * may replace any of it. Boot only, before populate_rootfs().
 */
void default_rootfs(void)
{
	if (vfs_mkdir_path("/dev", 0755) ||
	    vfs_mknod_path("/dev/console", S_IFCHR | 0600, MKDEV(5, 1)) ||
	    vfs_mkdir_path("/root", 0700))
		pr_err("initramfs: cannot make /dev/console\n");
}

/*
 * populate_rootfs - unpack an initramfs image (cpio, maybe gzipped,
 * maybe several) into "/". Returns 0, or -EINVAL for a malformed image
 * (after a message; what came before it stays unpacked), -ENOMEM.
 * Runs at boot in the first task's context.
 */
int populate_rootfs(const void *data, size_t len)
{
	struct unpack_state s = { NULL, NULL, 0 };
	int err = unpack(&s, data, len, 0);

	finish(&s);
	return err;
}
