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

#endif
