/*
 * Files whose whole text is generated into a seq_buf kept in
 * f->private_data (procfs, kernfs/sysfs): the read, lseek and release
 * halves of their file_operations, shared so that every such file seeks
 * and reads by the same rules.
 */
#ifndef TINE_SEQ_FILE_H
#define TINE_SEQ_FILE_H

#include <tine/seq_buf.h>
#include <tine/types.h>

struct file;
struct inode;

/*
 * seq_buf_read - copy up to n bytes of m's text at *pos to buf (user
 * memory if user, else kernel memory) and advance *pos. Returns the bytes
 * copied (0 at or past the end) or -EFAULT. The caller serialises reads of
 * one file (f_pos_lock). May sleep (faults on buf).
 */
ssize_t seq_buf_read(const struct seq_buf *m, void *buf, size_t n,
		     off_t *pos, bool user);

/*
 * seq_regenerate - run show(m, arg) afresh (seq_generate()) and, only if
 * it succeeds, free m's old text and put the new one in its place.
 * Returns 0, -ENOMEM or show's -err (m then keeps its old text). May sleep.
 */
int seq_regenerate(struct seq_buf *m, int (*show)(struct seq_buf *, void *),
		   void *arg);

/*
 * seq_lseek - llseek of a generated file: SEEK_SET, SEEK_CUR, and SEEK_END
 * from the end of the text generated last. Returns the new offset, or
 * -EINVAL for another whence or a negative result. The VFS holds
 * f_pos_lock. Does not sleep.
 */
off_t seq_lseek(struct file *f, off_t off, int whence);

/*
 * seq_release - release of a generated file: frees the seq_buf in
 * f->private_data and its text (either may be NULL). Returns 0. Called
 * once, on the last fput; no lock needed. Does not sleep.
 */
int seq_release(struct inode *i, struct file *f);

#endif
