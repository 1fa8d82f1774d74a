/*
 * The file side of generated files (see seq_file.h): procfs and kernfs
 * generate their text into a seq_buf at open or at a read from offset 0;
 * reading, seeking and releasing it are the same for both and live here.
 */
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/seq_file.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

/* seq_buf_read - see seq_file.h. */
ssize_t seq_buf_read(const struct seq_buf *m, void *buf, size_t n,
		     off_t *pos, bool user)
{
	if (*pos >= (off_t)m->len)
		return 0;
	n = MIN(n, m->len - *pos);
	if (!user)
		memcpy(buf, m->buf + *pos, n);
	else if (copy_to_user(buf, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

/* seq_regenerate - see seq_file.h. */
int seq_regenerate(struct seq_buf *m, int (*show)(struct seq_buf *, void *),
		   void *arg)
{
	struct seq_buf fresh = { 0 };
	int err = seq_generate(&fresh, show, arg);

	if (err)
		return err;
	kfree(m->buf);
	*m = fresh;
	return 0;
}

/* seq_lseek - see seq_file.h. */
off_t seq_lseek(struct file *f, off_t off, int whence)
{
	struct seq_buf *m = f->private_data;

	if (whence == SEEK_END)
		off += m->len;
	else if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	return vfs_setpos(f, off);
}

/* seq_release - see seq_file.h. */
int seq_release(struct inode *i, struct file *f)
{
	struct seq_buf *m = f->private_data;

	if (m) {
		kfree(m->buf);
		kfree(m);
	}
	return 0;
}
