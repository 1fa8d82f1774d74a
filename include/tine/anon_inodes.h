/* Files on the shared anonymous inode (fs/anon_inodes.c). */
#ifndef TINE_ANON_INODES_H
#define TINE_ANON_INODES_H

struct file;
struct file_operations;

/*
 * anon_inode_getfile - a new file named "anon_inode:<name>" with fops,
 * private data priv and the O_ flags given, on the shared anon inode;
 * not seekable. Returns the file (f_count 1) or an ERR_PTR. May sleep.
 */
struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, unsigned int flags);

/*
 * anon_inode_getfd - the same file installed in a new fd of the caller:
 * O_ACCMODE and O_NONBLOCK of flags go to the file, O_CLOEXEC to the fd.
 * Returns the fd, or -errno with priv still the caller's to free (once
 * installed, fops->release owns it). May sleep.
 */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, unsigned int flags);

#endif
