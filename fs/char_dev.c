/*
 * Character and block device nodes. A device inode's file operations
 * are a stub whose open looks the driver up by major number and
 * switches the file over to the driver's operations, so a node made
 * anywhere (mknod, the initramfs, devtmpfs) reaches the same driver.
 *
 * Major 1 is the memory devices: null, zero, full, random, urandom,
 * and kmsg (the kernel log, kernel/syslog.c).
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/pipe.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/syslog.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define MAX_CHRDEV 256

static const struct file_operations *chrdevs[MAX_CHRDEV];	/* [boot] */
static const char *chrdev_names[MAX_CHRDEV];			/* [boot] */

/* register_chrdev - route opens of major to fops. 0, -EINVAL, -EBUSY. */
int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV)
		return -EINVAL;
	if (chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	chrdev_names[major] = name;
	return 0;
}

/* chrdev_show - /proc/devices's "Character devices:" part: one
 * "major name" line per registered major. Any time after boot. */
void chrdev_show(struct seq_buf *m)
{
	seq_puts(m, "Character devices:\n");
	for (unsigned int major = 0; major < MAX_CHRDEV; major++)
		if (chrdevs[major])
			seq_printf(m, "%3u %s\n", major, chrdev_names[major]);
}

static int chrdev_open(struct inode *i, struct file *f)
{
	unsigned int major = MAJOR(i->i_rdev);
	const struct file_operations *fops =
		major < MAX_CHRDEV ? chrdevs[major] : NULL;

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	return fops->open ? fops->open(i, f) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
	.llseek = no_llseek,
};

static int blkdev_open(struct inode *i, struct file *f)
{
	return -ENXIO;	/* no block drivers */
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
};

/* init_special_inode - set up a device, FIFO or socket inode. */
void init_special_inode(struct inode *i, mode_t mode, unsigned int rdev)
{
	i->i_mode = (i->i_mode & ~S_IFMT) | (mode & S_IFMT);
	if (S_ISCHR(mode)) {
		i->i_fop = &def_chr_fops;
		i->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		i->i_fop = &def_blk_fops;
		i->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		i->i_fop = &pipefifo_fops;
	} else {
		i->i_fop = NULL;	/* sockets: open gives ENXIO */
	}
}

/* --- /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom --- */

static ssize_t null_read(struct file *f, char __user *buf, size_t n,
			 off_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t n,
			  off_t *pos)
{
	return n;
}

static ssize_t null_kwrite(struct file *f, const void *buf, size_t n,
			   off_t *pos)
{
	return n;
}

static off_t null_lseek(struct file *f, off_t off, int whence)
{
	f->f_pos = 0;
	return 0;
}

static ssize_t zero_read(struct file *f, char __user *buf, size_t n,
			 off_t *pos)
{
	size_t left = clear_user(buf, n);

	if (left == n && n)
		return -EFAULT;
	return n - left;
}

static ssize_t full_write(struct file *f, const char __user *buf, size_t n,
			  off_t *pos)
{
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, char __user *buf, size_t n,
			   off_t *pos)
{
	char tmp[256];
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(sizeof(tmp), n - done);

		get_random_bytes(tmp, chunk);
		if (copy_to_user(buf + done, tmp, chunk))
			return done ? (ssize_t)done : -EFAULT;
		done += chunk;
		if (signal_pending(current) && done < n)
			break;
	}
	memset(tmp, 0, sizeof(tmp));
	return done;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
	.kwrite = null_kwrite,
	.llseek = null_lseek,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.kwrite = null_kwrite,
	.llseek = null_lseek,
	/* No get_page: mm maps /dev/zero as anonymous memory, shared
	 * across fork when MAP_SHARED (Linux's mmap_zero). */
	.mmap_ok = true,
};

static const struct file_operations full_fops = {
	.read = zero_read,
	.write = full_write,
	.llseek = null_lseek,
};

/*
 * /dev/random's poll: as Linux, readable once the pool is seeded, and
 * until then writable (seeding input is welcome); tine's is seeded at
 * boot. /dev/urandom has no poll (epoll refuses it).
 */
static unsigned int random_poll(struct file *f, struct poll_table *pt)
{
	return POLLIN | POLLRDNORM;
}

static const struct file_operations random_fops = {
	.read = random_read,
	.write = null_write,
	.llseek = null_lseek,
	.poll = random_poll,
};

static const struct file_operations urandom_fops = {
	.read = random_read,
	.write = null_write,
	.llseek = null_lseek,
};

static int memory_open(struct inode *i, struct file *f)
{
	switch (MINOR(i->i_rdev)) {
	case 3:
		f->f_op = &null_fops;
		break;
	case 5:
		f->f_op = &zero_fops;
		break;
	case 7:
		f->f_op = &full_fops;
		break;
	case 8:
		f->f_op = &random_fops;
		break;
	case 9:
		f->f_op = &urandom_fops;
		break;
	case 11:
		f->f_op = &kmsg_fops;
		return kmsg_fops.open(i, f);
	default:
		return -ENXIO;
	}
	return 0;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

/* chr_dev_init - register the memory devices (boot). */
void chr_dev_init(void)
{
	register_chrdev(1, "mem", &memory_fops);
}
