/* Declarations shared by the files of fs/ only. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <tine/fs.h>
#include <uapi/signal.h>
#include <tine/uio.h>

/* Types of the final component of a walk. */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* The state of one path walk (fs/namei.c). */
struct nameidata {
	struct path path;		/* where we stand (references) */
	struct path root;		/* the walk's "/" (references) */
	char *buf;			/* kmalloc'd text being walked */
	const char *p;			/* next component in buf */
	const char *last;		/* final component (in buf) */
	int last_len;
	int last_type;			/* LAST_* */
	bool last_slash;		/* final component had a '/' after it */
	unsigned int flags;		/* LOOKUP_* */
	int link_count;			/* symlinks followed so far */
};

int path_init(struct nameidata *nd, int dfd, const char *name,
	      unsigned int flags);
void nd_cleanup(struct nameidata *nd);
int link_path_walk(struct nameidata *nd);
int lookup_last(struct nameidata *nd);
void follow_mount(struct path *p);
struct dentry *lookup_one(struct dentry *parent, const char *name, int len);
struct dentry *lookup_create(struct nameidata *nd, bool is_dir);
int parent_walk(struct nameidata *nd, int dfd, const char *name);
void parent_done(struct nameidata *nd);
bool is_mnt_rdonly(struct vfsmount *m);


/* fs/file.c */
void __fput(struct file *f);
int get_unused_fd_flags_from(unsigned int start, unsigned int flags);

/* fs/open.c */
struct file *do_open(struct path *p, int flags, bool created);
int build_fmode(int flags);

/* fs/open.c: attribute changes for chmod, chown, utimes. */
int path_setattr(const struct path *p, struct iattr *ia);

/* fs/select.c: the temporary signal mask of ppoll, pselect6, epoll_pwait */
int set_user_sigmask(const sigset_t __user *umask, size_t size, bool *set);
void restore_user_sigmask(bool set, long ret);

/* fs/read_write.c: MAX_RW_COUNT is in tine/uio.h */

/* fs/tty.c, fs/pipe.c: special files need their inode's wait queues.
 * (create_pipe_files() is in tine/pipe.h.) */



/*
 * fs/namei.c, the link protections: may_linkat - may the caller hard-
 * link to i (fs.protected_hardlinks)? 0 or -EPERM. may_create_in_sticky
 * - may an O_CREAT open of existing i in dir go on (fs.protected_fifos,
 * fs.protected_regular)? 0 or -EACCES. vfs_lock held.
 */
int may_linkat(struct inode *i);
int may_create_in_sticky(struct inode *dir, struct inode *i);

/* fs/ramfs.c */
struct super_block *ramfs_mount(struct file_system_type *t, int flags,
				const char *dev, void *data);

/*
 * A tmpfs superblock's limits (sb->s_fs_info of a tmpfs mounted by
 * someone; ramfs and kernel-internal tmpfs have none), fs/shmem.c.
 * Legend: [L] stat_lock; [I] fixed once mounted.
 */
struct shmem_sb_info {
	spinlock_t stat_lock;		/* guards [L]; inside i_lock */
	unsigned long max_blocks;	/* [L] size= in pages, 0: none */
	unsigned long max_inodes;	/* [L] nr_inodes=, 0: none */
	unsigned long free_inodes;	/* [L] of max_inodes */
	mode_t mode;			/* [I] mode= of the root */
	kuid_t uid;			/* [I] uid= of the root */
	kgid_t gid;			/* [I] gid= of the root */
	bool full_inums;		/* [L] inode64 (the default), not
					 * inode32 */
};

static inline struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_magic == TMPFS_MAGIC ? sb->s_fs_info : NULL;
}

/* fs/shmem.c, see there. */
int shmem_fill_super(struct super_block *sb, const char *data, bool tmpfs,
		     bool kernmount, mode_t *mode, kuid_t *uid, kgid_t *gid);
int shmem_check_param(const char *key, const char *value);
int ramfs_check_param(const char *key, const char *value);
int shmem_reserve_inode(struct super_block *sb);
void shmem_free_inode(struct super_block *sb);
int shmem_charge_pages(struct super_block *sb, unsigned long n);
long shmem_free_pages(struct super_block *sb);
int shmem_statfs(struct super_block *sb, struct kstatfs *st);
int shmem_remount(struct super_block *sb, const char *data);
void shmem_show_options(struct seq_buf *s, struct super_block *sb);
void shmem_kill_sb(struct super_block *sb);
#endif
