/*
 * /proc/sys: the sysctl tree (kernel/sysctl.c) as directories and
 * files. A directory's inode points at its ctl_dir, a file's at its
 * ctl_table entry (proc_inode.data); both live for ever. Opening a file
 * checks the entry's permission (sysctl_perm: the mode bits for root,
 * its group and others, or the entry's own rule); reads and writes go
 * through its handler with a kernel copy of the user's buffer.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/procfs.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define SYSCTL_IO_MAX (1UL << 20)	/* the most one read or write moves */

static const struct proc_entry sysctl_dir_entry;
static const struct proc_entry sysctl_file_entry;

/* The directory of a /proc/sys inode (the root's has none recorded). */
static struct ctl_dir *inode_dir(struct inode *i)
{
	const void *d = PROC_I(i)->data;

	return d ? (struct ctl_dir *)d : sysctl_root_dir();
}

/* proc_sys_lookup - see procfs.h. */
int proc_sys_lookup(struct inode *dir, struct dentry *d)
{
	const struct ctl_table *entry;
	struct ctl_dir *sub;
	struct inode *i;

	sysctl_lookup(inode_dir(dir), d->d_name, &sub, &entry);
	if (!sub && !entry)
		return -ENOENT;
	i = proc_make_inode(dir->i_sb, sub ? &sysctl_dir_entry
					   : &sysctl_file_entry, NULL, -1);
	if (!i)
		return -ENOMEM;
	if (sub) {
		PROC_I(i)->data = sub;
	} else {
		PROC_I(i)->data = entry;
		i->i_mode = S_IFREG | (entry->mode & 07777);
	}
	d_add(d, i);
	return 0;
}

/* proc_sys_readdir - see procfs.h: subdirectories, then entries. */
int proc_sys_readdir(struct file *f, struct dir_context *ctx)
{
	struct ctl_dir *dir = inode_dir(f->f_inode);
	const struct ctl_table *entry;
	struct ctl_dir *sub;

	while (sysctl_nth(dir, ctx->pos - 2, &sub, &entry)) {
		const char *name = sub ? sysctl_dir_name(sub) : entry->procname;

		if (!dir_emit(ctx, name, strlen(name), 0x400000 + ctx->pos,
			      sub ? DT_DIR : DT_REG))
			break;
		ctx->pos++;
	}
	return 0;
}

/* Who may open a knob: its rule, not the inode's mode bits. */
static int proc_sys_permission(struct inode *i, int mask)
{
	if (S_ISDIR(i->i_mode))
		return generic_permission(i, mask);
	return sysctl_perm(PROC_I(i)->data, mask);
}

/* One read or write through the entry's handler. */
static ssize_t proc_sys_rw(struct file *f, char __user *ubuf, size_t n,
			   off_t *ppos, int write)
{
	const struct ctl_table *t = PROC_I(f->f_inode)->data;
	size_t len = MIN(n, SYSCTL_IO_MAX);
	char *kbuf;
	int err;

	if (!t->proc_handler)
		return -EINVAL;
	if (write && n > SYSCTL_IO_MAX)
		return -ENOMEM;
	kbuf = kzalloc(len + 1);
	if (!kbuf)
		return -ENOMEM;
	err = write && copy_from_user(kbuf, ubuf, len) ? -EFAULT : 0;
	if (!err)
		err = t->proc_handler(t, write, kbuf, &len, ppos);
	if (!err && !write && len && copy_to_user(ubuf, kbuf, len))
		err = -EFAULT;
	kfree(kbuf);
	return err ? err : (ssize_t)len;
}

static ssize_t proc_sys_read(struct file *f, char __user *buf, size_t n,
			     off_t *pos)
{
	return proc_sys_rw(f, buf, n, pos, 0);
}

static ssize_t proc_sys_write(struct file *f, const char __user *buf,
			      size_t n, off_t *pos)
{
	return proc_sys_rw(f, (char __user *)buf, n, pos, 1);
}

static const struct file_operations proc_sys_file_operations = {
	.read = proc_sys_read,
	.write = proc_sys_write,
	.llseek = generic_file_llseek,
};

static const struct proc_entry sysctl_dir_entry = {
	.name = "sysctl",
	.mode = S_IFDIR | 0555,
	.lookup = proc_sys_lookup,
	.iterate = proc_sys_readdir,
};

static const struct proc_entry sysctl_file_entry = {
	.name = "sysctl",
	.mode = S_IFREG | 0444,
	.fops = &proc_sys_file_operations,
	.permission = proc_sys_permission,
};
