/*
 * The virtual filesystem: inodes, dentries, mounts, open files, the
 * per-process fd table (files_struct) and root/cwd (fs_struct).
 *
 * Locking (the lock order, outermost first):
 *   vfs_lock (mutex)        serializes every change to the namespace:
 *                           path walks, create, unlink, rename, mount.
 *   namespace_sem (mutex)   mount namespaces and propagation
 *                           (fs/namespace.c has the mount rules).
 *   inode->i_lock (mutex)   an inode's data pages and size.
 *   pipe->mutex             a pipe's ring.
 *   mount_lock (spinlock)   the mount hash and each mount's links.
 *   files->file_lock, fs->lock (spinlocks)
 *   dcache_lock (spinlock)  dentry reference counts reaching zero and
 *                           the d_subdirs lists, so dput() works without
 *                           vfs_lock.
 * Legend: [V] vfs_lock, [D] dcache_lock, [I] i_lock, [F] file_lock.
 */
#ifndef TINE_FS_H
#define TINE_FS_H

#include <tine/atomic.h>
#include <tine/list.h>
#include <tine/mutex.h>
#include <tine/spinlock.h>
#include <tine/types.h>
#include <tine/uidgid.h>
#include <tine/wait.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

struct file;
struct inode;
struct pid;
struct simple_xattrs;
struct xattr_handler;
struct dentry;
struct path;
struct vfsmount;
struct super_block;
struct page;
struct task_struct;
struct poll_table;
struct kstat;
struct kstatfs;
struct iov_iter;
struct vm_area_struct;
struct seq_buf;
struct mnt_namespace;
struct mountpoint;
struct user_namespace;

#define NAME_MAX 255
#define MAXSYMLINKS 40

/* Kernel device numbers: 12-bit major, 20-bit minor (as Linux). */
#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))

/* The user-visible encoding (st_rdev, mknod's dev argument). */
static inline unsigned int new_encode_dev(unsigned int dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}
static inline unsigned int new_decode_dev(unsigned int dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
	return MKDEV(major, minor);
}

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

/* getdents64 state: the filesystem calls dir_emit() for each entry. */
struct dir_context {
	off_t pos;			/* position of the next entry */
	void __user *dirent;		/* where the next record goes */
	size_t count;			/* bytes left in the user buffer */
	long written;			/* bytes emitted so far */
	int error;			/* -EFAULT, -EINVAL (buffer too small) */
};
/* Emit one entry; false when the buffer is full (stop iterating). */
bool dir_emit(struct dir_context *ctx, const char *name, int len, u64 ino,
	      unsigned int type);
/* Emit "." and ".." for positions 0 and 1. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx);


struct file_operations {
	ssize_t (*read)(struct file *f, char __user *buf, size_t n, off_t *pos);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t n,
			 off_t *pos);
	off_t (*llseek)(struct file *f, off_t off, int whence);
	/* O_ASYNC turned on or off for f as fd (fd -1: the file is going):
	 * fasync_helper() on the object's list. 0 or -errno. May be NULL
	 * (the flag is kept, no signal ever comes, as Linux). */
	int (*fasync)(int fd, struct file *f, int on);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* getdents64: emit entries from ctx->pos on; 0 or -err */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	int (*open)(struct inode *i, struct file *f);
	int (*release)(struct inode *i, struct file *f);
	/* flush: an fd of the file is being closed (every close, not
	 * just the last; filp_close). May be NULL; may sleep. */
	void (*flush)(struct file *f);
	/* poll: mask of POLLIN/POLLOUT/...; may be NULL (always ready) */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	/*
	 * For mmap: the page backing file page pgoff, with a reference
	 * taken for the caller; create says a write fault may extend a
	 * sparse file page. NULL return = SIGBUS (beyond EOF).
	 */
	struct page *(*get_page)(struct file *f, unsigned long pgoff,
				 bool create);
	bool mmap_ok;			/* file may be mmapped */
	/* ->read is called for a count of 0 too (a regular file whose read
	 * says what 0 means: /proc/kmsg's EAGAIN); others read 0 at once. */
	bool read_zero_count;
	/* Kernel-buffer I/O for kernel_read/kernel_write/sendfile (or NULL) */
	ssize_t (*kread)(struct file *f, void *buf, size_t n, off_t *pos);
	ssize_t (*kwrite)(struct file *f, const void *buf, size_t n,
			  off_t *pos);
	/*
	 * readv/writev as one operation over the whole vector (sockets:
	 * one writev is one datagram); NULL = segment by segment through
	 * ->read/->write. Bytes moved or -errno.
	 */
	ssize_t (*read_iter)(struct file *f, struct iov_iter *to);
	ssize_t (*write_iter)(struct file *f, struct iov_iter *from);
	/* Extra /proc/<pid>/fdinfo/N lines for this kind of file (or NULL:
	 * just pos, flags, mnt_id and ino). */
	void (*show_fdinfo)(struct seq_buf *m, struct file *f);
	/*
	 * fallocate(2) after vfs_fallocate()'s checks (f is a writable
	 * regular file, the range valid): 0 or -errno. NULL: EOPNOTSUPP.
	 */
	long (*fallocate)(struct file *f, int mode, off_t off, off_t len);
	/*
	 * mmap: a last say over a new mapping of the file (vma filled in,
	 * not yet linked; mmap_lock held): may refuse it (-errno, with no
	 * side effect), drop VM_MAY* bits, or set vma->vm_ops. May be NULL.
	 */
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
};

/* notify_change() attributes (ia_valid) */
#define ATTR_MODE (1 << 0)
#define ATTR_UID (1 << 1)
#define ATTR_GID (1 << 2)
#define ATTR_SIZE (1 << 3)
#define ATTR_ATIME (1 << 4)
#define ATTR_MTIME (1 << 5)
#define ATTR_CTIME (1 << 6)
#define ATTR_ATIME_SET (1 << 7)
#define ATTR_MTIME_SET (1 << 8)
#define ATTR_FORCE (1 << 9)		/* no permission checks (internal) */
#define ATTR_KILL_SUID (1 << 11)	/* drop S_ISUID */
#define ATTR_KILL_SGID (1 << 12)	/* drop S_ISGID (if group-exec) */

struct iattr {
	unsigned int ia_valid;		/* ATTR_* */
	mode_t ia_mode;
	kuid_t ia_uid;
	kgid_t ia_gid;
	off_t ia_size;
	struct timespec64 ia_atime;
	struct timespec64 ia_mtime;
};

struct inode_operations {
	/*
	 * Look name up in dir (the dentry d, still unhashed). Returns 0
	 * after d_add(d, inode), -ENOENT when the name does not exist, or
	 * another -err. In-memory filesystems keep every name in the
	 * dcache, so their lookup is simply -ENOENT.
	 */
	int (*lookup)(struct inode *dir, struct dentry *d);
	int (*create)(struct inode *dir, struct dentry *d, mode_t mode,
		      unsigned int rdev);
	int (*mkdir)(struct inode *dir, struct dentry *d, mode_t mode);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	/* O_TMPFILE: instantiate d (unhashed) with an unlinked inode. */
	int (*tmpfile)(struct inode *dir, struct dentry *d, mode_t mode);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir,
		      struct dentry *nd, unsigned int flags);
	/* Apply attribute changes (size changes included); 0 or -err. */
	int (*setattr)(struct dentry *d, struct iattr *ia);
	/* Own permission check instead of generic_permission() (may be
	 * NULL): 0 or -err for MAY_* mask. */
	int (*permission)(struct inode *i, int mask);
	/* Override stat fields after the generic fill (may be NULL). */
	void (*getattr)(struct dentry *d, struct kstat *st);
	/* readlink: the target, into buf (not NUL-terminated); or -err */
	long (*readlink)(struct dentry *d, char *buf, size_t len);
	/*
	 * A "magic" link (/proc/pid/fd/N, exe, cwd): the walk jumps to
	 * this path instead of reading the text (a reference in *p).
	 */
	int (*get_path)(struct dentry *d, struct path *p);
	/*
	 * Is this cached dentry (of this inode) still what its name means?
	 * false: the walk unhashes it and looks the name up afresh (/proc
	 * entries of tasks that exited). May be NULL. vfs_lock held.
	 */
	bool (*revalidate)(struct dentry *d);
};

struct inode {
	unsigned long i_ino;
	mode_t i_mode;			/* [V] */
	unsigned int i_nlink;		/* [V] */
	kuid_t i_uid;			/* [V] owner (a kernel id) */
	kgid_t i_gid;			/* [V] group (a kernel id) */
	unsigned int i_rdev;		/* MKDEV() for device nodes */
	off_t i_size;			/* [I] */
	struct timespec64 i_atime, i_mtime, i_ctime;
	atomic_t i_count;		/* references (dentries, pipes) */
	atomic_t i_writecount;		/* >0: open for writing; <0: being
					 * executed (deny_write_access) */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct mutex i_lock;		/* protects data pages and size */
	struct page **i_pages;		/* [I] data pages (ramfs) */
	unsigned long i_npages;		/* [I] slots in i_pages */
	void *i_private;		/* filesystem's own data */
	struct simple_xattrs *i_xattrs;	/* in-memory extended attributes
					 * (tine/xattr.h), NULL: none yet */
	struct pipe_inode_info *i_pipe;	/* [I] FIFO / pipe */
	unsigned int i_state;		/* [V] I_LINKABLE */
	struct list_head i_fsnotify_marks;	/* [fsnotify_mutex] inotify watches */
	u32 i_fsnotify_mask;		/* [fsnotify_mutex] events they want */
	atomic_t i_mmap_writable;	/* [A] VM_SHARED mappings of it; < 0:
					 * refused (F_SEAL_WRITE) */
	unsigned int i_seals;		/* [I] F_SEAL_* (tmpfs files only) */
};

/*
 * Shared mappings that may write to an inode's pages are counted, so a
 * memfd's F_SEAL_WRITE can refuse while one exists (mapping_deny_writable
 * -EBUSY) and refuse new ones for ever after (mapping_map_writable
 * -EPERM). Lock-free.
 */
static inline int mapping_map_writable(struct inode *i)
{
	return atomic_inc_unless_negative(&i->i_mmap_writable) ? 0 : -EPERM;
}
static inline void mapping_unmap_writable(struct inode *i)
{
	atomic_dec(&i->i_mmap_writable);
}
static inline int mapping_deny_writable(struct inode *i)
{
	return atomic_dec_unless_positive(&i->i_mmap_writable) ? 0 : -EBUSY;
}
static inline void mapping_allow_writable(struct inode *i)
{
	atomic_inc(&i->i_mmap_writable);
}

#define I_LINKABLE 0x1			/* O_TMPFILE: linkat may name it */

#define DCACHE_HASHED 0x1		/* linked in d_parent->d_subdirs */

struct dentry {
	char *d_name;
	struct inode *d_inode;		/* NULL = not yet instantiated */
	struct dentry *d_parent;	/* itself for a root (a reference) */
	struct list_head d_child;	/* [D] in d_parent->d_subdirs */
	struct list_head d_subdirs;	/* [D] children, in creation order */
	atomic_t d_count;		/* [D] when it drops to zero */
	unsigned int d_flags;		/* [D] DCACHE_* */
	u64 d_pos;			/* readdir position in d_parent */
	int d_mounted;			/* [mount_lock] it is a mountpoint
					 * (fs/namespace.c); read as a hint */
	struct super_block *d_sb;
};

#define FS_USERNS_MOUNT 8		/* mountable by root of a user ns */

struct super_operations {
	/* Free the filesystem's part of an inode (last iput). */
	void (*evict_inode)(struct inode *i);
	int (*statfs)(struct super_block *sb, struct kstatfs *st);
	/* Name for d_path() of a pseudo file ("pipe:[123]"), or NULL. */
	char *(*d_dname)(struct dentry *d, char *buf, size_t len);
	/* MS_REMOUNT: apply the filesystem's options in data (a string,
	 * or NULL): 0, or -EINVAL with nothing changed. namespace_sem
	 * held; may sleep. NULL: options are ignored, as before. */
	int (*remount_fs)(struct super_block *sb, const char *data);
	/* The filesystem's own options after the generic ones in
	 * /proc/<pid>/mounts and mountinfo (",size=1024k"), or NULL.
	 * namespace_sem held; does not sleep. */
	void (*show_options)(struct seq_buf *s, struct super_block *sb);
};

struct file_system_type {
	const char *name;
	bool nodev;			/* listed as "nodev" */
	int fs_flags;			/* FS_USERNS_MOUNT */
	/* A superblock with s_root, or ERR_PTR. */
	struct super_block *(*mount)(struct file_system_type *t, int flags,
				     const char *dev, void *data);
	/* Tear down an sb whose last mount went away. */
	void (*kill_sb)(struct super_block *sb);
	/* Is key (value a string, or NULL for a flag) an option of this
	 * filesystem? 0 or -EINVAL, so fsconfig() refuses a bad one at
	 * once. NULL: any, checked when the superblock is made. */
	int (*check_param)(const char *key, const char *value);
	struct file_system_type *next;	/* [V] registered list */
};

struct super_block {
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;		/* a reference */
	unsigned long s_magic;
	unsigned int s_dev;		/* anonymous device number */
	void *s_fs_info;
	atomic_t s_active;		/* [V] mounts of it */
	unsigned long s_flags;		/* MS_RDONLY */
	atomic_long_t s_nr_pages;	/* data pages (ramfs/tmpfs df) */
	/* Extended attribute namespaces kept (NULL-terminated; NULL:
	 * none, EOPNOTSUPP), see tine/xattr.h. */
	const struct xattr_handler *const *s_xattr;
	unsigned long s_iflags;		/* SB_I_* */
	struct user_namespace *s_user_ns;	/* owner (a reference): who
					 * may remount it (CAP_SYS_ADMIN) */
	struct list_head s_mounts;	/* [mount_lock] its mounts */
};

/* super_block.s_iflags */
#define SB_I_NODEV 0x4			/* no device files (user ns mounts) */
#define SB_I_NOEXEC 0x2			/* nothing executes from it */
#define SB_I_USERNS_VISIBLE 0x10	/* proc: mountable in a user ns
					 * only where already fully visible */

/*
 * A mount: a filesystem's tree (or, for a bind mount, a subtree of it)
 * attached at a mountpoint of its parent mount, the root of a mount
 * namespace, or detached. The rules are at the top of fs/namespace.c.
 * Legend: [N] namespace_sem; [M] mount_lock (changes to the tree's
 * shape also hold namespace_sem and vfs_lock, so the walk, under
 * vfs_lock, reads a stable tree); [A] atomic; [I] fixed once made.
 */
struct vfsmount {
	struct dentry *mnt_root;	/* [I] root of what it shows (ref) */
	struct super_block *mnt_sb;	/* [I] (an s_active reference) */
	int mnt_flags;			/* [M] MNT_* (tine/mount.h); read
					 * with READ_ONCE */
	int mnt_id;			/* [I] */
	char *mnt_devname;		/* [I] the source argument of mount(2) */
	atomic_t mnt_count;		/* [A] references; the last is put
					 * under mount_lock (mntput) */
	atomic_t mnt_writers;		/* [A] files open for writing */
	int mnt_expiry_mark;		/* MNT_EXPIRE: not used since marked */
	struct vfsmount *mnt_parent;	/* [M] itself when not attached */
	struct dentry *mnt_mountpoint;	/* [M] where it sits (mnt_mp's
					 * dentry); its root when detached */
	struct mountpoint *mnt_mp;	/* [M] NULL when detached */
	struct list_head mnt_mp_list;	/* [M] in mnt_mp->m_list */
	struct list_head mnt_hash;	/* [M] in the mount hash */
	struct list_head mnt_mounts;	/* [M] its children */
	struct list_head mnt_child;	/* [M] in mnt_parent->mnt_mounts */
	struct list_head mnt_instance;	/* [M] in mnt_sb->s_mounts */
	struct mnt_namespace *mnt_ns;	/* [N] NULL: in no namespace */
	struct list_head mnt_list;	/* [N] in mnt_ns->list */
	struct list_head mnt_share;	/* [N] ring of its peers (shared) */
	struct list_head mnt_slave_list;	/* [N] mounts it propagates to */
	struct list_head mnt_slave;	/* [N] in mnt_master->mnt_slave_list */
	struct vfsmount *mnt_master;	/* [N] what propagates to it */
	int mnt_group_id;		/* [N] peer group; 0 if not shared */
	struct list_head mnt_umount;	/* [N] on a work list (umount,
					 * propagation) */
	struct list_head mnt_prop_list;	/* [N] queued by a propagation walk */
	bool mnt_prop_mark;		/* [N] seen by this propagation */
	struct vfsmount *mnt_prop_copy;	/* [N] the copy its group follows */
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4
#define FMODE_PREAD 0x8
#define FMODE_PWRITE 0x10
#define FMODE_PATH 0x20			/* O_PATH: no I/O */
#define FMODE_CREATED 0x40		/* open created the file */
#define FMODE_ATOMIC_POS 0x80		/* f_pos under f_pos_lock */
#define FMODE_WRITER 0x100		/* holds i_writecount: put at __fput */
#define FMODE_EXEC 0x200		/* opened by execve (open_exec) */
#define FMODE_NEED_UNMOUNT 0x400	/* holds a detached tree: __fput
					 * unmounts it if still detached */

/*
 * Who gets SIGIO (or the F_SETSIG signal) when a file with O_ASYNC
 * becomes ready (fs/fasync.c): a thread, a process or a process group,
 * with the credentials of whoever set it.
 */
enum fown_type {
	FOWN_TID,			/* F_OWNER_TID */
	FOWN_PID,			/* F_OWNER_PID: a process */
	FOWN_PGRP,			/* F_OWNER_PGRP */
};

struct fown_struct {
	spinlock_t lock;		/* protects the members below */
	struct pid *pid;		/* [lock] a reference, or NULL: none */
	enum fown_type type;		/* [lock] */
	kuid_t uid, euid;		/* [lock] of the setter (sigio_perm) */
	int signum;			/* [lock] F_SETSIG (0: SIGIO) */
};

struct file {
	atomic_long_t f_count;		/* references (fd slots, mmaps) */
	unsigned int f_flags;		/* [f_pos_lock] O_* status flags */
	unsigned int f_mode;		/* FMODE_* */
	struct mutex f_pos_lock;	/* protects f_pos */
	off_t f_pos;
	struct path f_path;		/* references */
	struct inode *f_inode;
	const struct file_operations *f_op;
	void *private_data;
	spinlock_t f_lock;		/* protects f_ep_links */
	struct list_head f_ep_links;	/* [f_lock] epoll items watching it */
	const struct cred *f_cred;	/* the opener's credentials (a
					 * reference): checks made on use of
					 * an open file are against them */
	struct fown_struct f_owner;	/* F_SETOWN, F_SETSIG (fs/fasync.c) */
};

#define NR_OPEN_DEFAULT 64
#define NR_OPEN_MAX 1048576		/* fs.nr_open's default */
extern unsigned int sysctl_nr_open;	/* fs.nr_open (fs/file.c) */

struct fdtable {
	unsigned int max_fds;
	struct file **fd;		/* [F] */
	unsigned long *close_on_exec;	/* [F] bitmap */
	unsigned long *open_fds;	/* [F] bitmap: slot used or reserved */
};

struct files_struct {
	atomic_t count;			/* tasks sharing it (CLONE_FILES) */
	spinlock_t file_lock;		/* protects fdt and its arrays */
	struct fdtable *fdt;		/* [F] */
	struct fdtable fdtab;		/* embedded first table */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
};

struct fs_struct {
	atomic_t users;			/* tasks sharing it (CLONE_FS) */
	spinlock_t lock;		/* protects root, pwd, umask */
	int umask;
	struct path root, pwd;		/* references */
};

/* stat's view of an inode */
struct kstat {
	u64 ino;
	unsigned int dev;
	mode_t mode;
	unsigned int nlink;
	kuid_t uid;
	kgid_t gid;
	unsigned int rdev;
	off_t size;
	u64 blocks;			/* 512-byte units */
	unsigned int blksize;
	struct timespec64 atime, mtime, ctime;
	int mnt_id;
};

struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks;
	u64 f_bfree;
	u64 f_bavail;
	u64 f_files;
	u64 f_ffree;
	long f_namelen;
};

/* fs/file.c: fd tables. copy_files shares (CLONE_FILES) or duplicates. */
int copy_files(unsigned long clone_flags, struct task_struct *p);
void exit_files(struct task_struct *p);
struct files_struct *files_new_empty(void);
void put_files_struct(struct files_struct *files);
struct files_struct *get_task_files(struct task_struct *t);
void do_close_on_exec(struct files_struct *files);
int unshare_files(void);
struct file *fget(int fd);		/* a reference, or NULL */
struct file *fget_raw(int fd);		/* O_PATH files too */
struct file *fget_task(struct task_struct *t, int fd);	/* O_PATH too */
void fput(struct file *f);
static inline struct file *get_file(struct file *f)
{
	atomic_long_add(&f->f_count, 1);
	return f;
}
/* A reference to f unless its last one is gone (its final fput is
 * under way; f stays valid only while its release cannot finish, e.g.
 * under the lock that release takes): f, or NULL. */
static inline struct file *get_file_rcu(struct file *f)
{
	return atomic_long_inc_not_zero(&f->f_count) ? f : NULL;
}
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(int fd);
void fd_install(int fd, struct file *f);
int close_fd(unsigned int fd);
bool get_close_on_exec(int fd);
bool task_close_on_exec(struct task_struct *t, int fd);
void set_close_on_exec(int fd, bool on);
unsigned long rlimit_nofile(void);
int replace_fd(int fd, struct file *f, unsigned int flags);

struct flock;
/* fs/locks.c: record locks and flock */
long do_record_lock(struct file *f, unsigned int cmd, struct flock __user *u,
		    bool ofd, bool wait, bool get);
long do_flock(struct file *f, unsigned int cmd);
void locks_remove_posix(struct file *f, struct files_struct *files);
void locks_remove_file(struct file *f);

/* fs/fs_struct.c: CLONE_FS shares, else copies. */
int copy_fs(unsigned long clone_flags, struct task_struct *p);
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void put_fs_struct(struct fs_struct *fs);
void switch_fs_struct(struct fs_struct *new);
void exit_fs(struct task_struct *p);
struct fs_struct *init_fs_struct(void);	/* root and cwd at "/" */
void get_fs_root(struct fs_struct *fs, struct path *root);
/* Is current's root below the root of the mount tree? (fs/mount.c) */
bool current_chrooted(void);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);
void set_fs_root(struct fs_struct *fs, const struct path *p);
void set_fs_pwd(struct fs_struct *fs, const struct path *p);
int current_umask(void);

/* fs/dcache.c */
extern spinlock_t dcache_lock;
extern struct mutex vfs_lock;
struct dentry *d_alloc(struct dentry *parent, const char *name, int len);
struct dentry *d_make_root(struct inode *root);
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
void d_add(struct dentry *d, struct inode *i);
void d_instantiate(struct dentry *d, struct inode *i);
/* d_tmpfile - attach inode (the caller's reference) to the unhashed
 * dentry of an O_TMPFILE open and name it "#<ino>", as Linux: d_path
 * shows "/dir/#<ino> (deleted)". 0 or -ENOMEM (nothing attached). */
int d_tmpfile(struct dentry *d, struct inode *i);
struct dentry *d_lookup(struct dentry *parent, const char *name, int len);
void d_delete(struct dentry *d);
/* Move d under newparent as newname (kmalloc'd; d takes it over). */
void d_move(struct dentry *d, struct dentry *newparent, char *newname);
bool d_unhashed(struct dentry *d);
bool d_has_children(struct dentry *d);
bool is_subdir(struct dentry *d, struct dentry *ancestor);
char *d_path(const struct path *p, char *buf, size_t len);
char *d_absolute_path(const struct path *p, const struct path *root,
		      char *buf, size_t len);
char *dentry_path(struct dentry *d, char *buf, size_t len);
void d_prune_children(struct dentry *root);

/* fs/inode.c */
struct inode *new_inode(struct super_block *sb);
void ihold(struct inode *i);
void iput(struct inode *i);
unsigned long get_next_ino(void);
struct timespec64 current_time(void);
void inode_init_owner(struct inode *i, struct inode *dir, mode_t mode);
int inode_permission(struct inode *i, int mask);	/* MAY_* */
int generic_permission(struct inode *i, int mask);
int should_remove_suid(struct inode *i);		/* ATTR_KILL_* */
int file_remove_privs(struct file *f);
int notify_change(struct dentry *d, struct iattr *ia);
int simple_setattr(struct dentry *d, struct iattr *ia);
void generic_fillattr(struct inode *i, struct kstat *st);
int vfs_getattr(const struct path *p, struct kstat *st);
void touch_atime(struct file *f);
long vfs_fallocate(struct file *f, int mode, off_t off, off_t len);
void file_update_time(struct file *f);
bool inode_owner_or_capable(struct inode *i);
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4
#define MAY_APPEND 8

/*
 * Writers and executors of a regular file exclude each other (Linux's
 * i_writecount): opening for write takes get_write_access(), which is
 * -ETXTBSY while the file is executed; execve takes deny_write_access()
 * on the program, -ETXTBSY while it is open for writing. Lock-free.
 */
static inline int get_write_access(struct inode *i)
{
	return atomic_inc_unless_negative(&i->i_writecount) ? 0 : -ETXTBSY;
}
static inline void put_write_access(struct inode *i)
{
	atomic_dec(&i->i_writecount);
}
static inline int deny_write_access(struct file *f)
{
	return atomic_dec_unless_positive(&f->f_inode->i_writecount) ?
		       0 : -ETXTBSY;
}
static inline void allow_write_access(struct file *f)
{
	if (f)
		atomic_inc(&f->f_inode->i_writecount);
}

/* fs/namespace.c: does p lie where nothing may be executed (noexec)? */
bool path_noexec(const struct path *p);
/* May device files be opened through p's mount (not nodev)? */
bool may_open_dev(const struct path *p);

/* fs/namei.c: path lookup */
#define LOOKUP_FOLLOW 0x0001		/* follow a final symlink */
#define LOOKUP_DIRECTORY 0x0002		/* final must be a directory */
#define LOOKUP_EMPTY 0x0004		/* "" means dfd itself */
#define LOOKUP_NO_AUTOMOUNT 0x0008
unsigned int at_lookup_flags(unsigned int flags);
int kern_path(const char *name, unsigned int flags, struct path *p);
int user_path_at(int dfd, const char __user *name, unsigned int flags,
		 struct path *p);
int filename_lookup(int dfd, const char *name, unsigned int flags,
		    struct path *p);
void path_get(const struct path *p);
void path_put(const struct path *p);
bool path_equal(const struct path *a, const struct path *b);
struct file *do_filp_open(int dfd, const char *name, int flags, mode_t mode);
int vfs_mknod_path(const char *path, mode_t mode, unsigned int dev);
int vfs_mknod_socket(const char *name, mode_t mode, struct path *res);
int vfs_mkdir_path(const char *path, mode_t mode);
int vfs_symlink_path(const char *target, const char *path);
int vfs_link_path(const char *old, const char *new);
int vfs_unlink_path(const char *path, bool dir);
long vfs_readlink(struct dentry *d, char *buf, size_t len);
/* path_readlink - a magic link's text: p's d_path into buf, at most len
 * bytes, no NUL. Drops the caller's reference on p. Returns the length
 * or -errno (-ENOMEM, d_path's). May sleep. */
long path_readlink(struct path *p, char *buf, size_t len);

/* fs/fasync.c: signal-driven I/O (F_SETOWN, O_ASYNC). */
struct fasync_struct;
/* Set up / drop f's owner (alloc_file, __fput). */
void file_owner_init(struct file *f);
void file_owner_release(struct file *f);
/* Give f the owner pid (a group if pgrp) unless it has one (a tty's
 * O_ASYNC). */
void fasync_default_owner(struct file *f, struct pid *pid, bool pgrp);
/* F_SETOWN, F_GETOWN, F_SETOWN_EX, F_GETOWN_EX, F_SETSIG, F_GETSIG. */
long fcntl_owner(struct file *f, unsigned int cmd, unsigned long arg);
/* Put f (as fd) on *list, or take it off (on 0): an f_op->fasync's
 * work. 0 or -ENOMEM. Takes fasync_lock. */
int fasync_helper(int fd, struct file *f, int on, struct fasync_struct **list);
/* The object of *list is ready for reason (POLL_IN, POLL_OUT...):
 * signal every O_ASYNC file's owner. No spinlock ranked after
 * fasync_lock held. */
void kill_fasync(struct fasync_struct **list, int reason);
/* Out-of-band data arrived: SIGURG to f's owner (F_SETOWN; no O_ASYNC
 * needed), as sigio_perm allows. Whether there is an owner. No
 * spinlock ranked after f_owner.lock held. */
bool send_sigurg(struct file *f);
/* Out-of-band data arrived at the object of *list: POLL_PRI to the
 * owners of its O_ASYNC files that chose a signal with F_SETSIG (the
 * others have SIGURG), as Linux's kill_fasync(..., SIGURG, ...). */
void kill_fasync_urgent(struct fasync_struct **list);
#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

/* fs/open.c, fs/read_write.c: kernel-internal helpers. */
struct file *filp_open(const char *path, int flags, mode_t mode);
int filp_close(struct file *f);
ssize_t kernel_read(struct file *f, void *buf, size_t n, off_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, off_t *pos);
ssize_t vfs_read(struct file *f, char __user *buf, size_t n, off_t *pos);
ssize_t vfs_write(struct file *f, const char __user *buf, size_t n,
		  off_t *pos);
struct file *alloc_file(struct path *p, unsigned int flags,
			const struct file_operations *fop);
struct file *dentry_open(const struct path *p, int flags);
struct file *open_exec_path(struct path *p);
int vfs_truncate(const struct path *p, off_t len);
off_t generic_file_llseek(struct file *f, off_t off, int whence);
off_t no_llseek(struct file *f, off_t off, int whence);
off_t noop_llseek(struct file *f, off_t off, int whence);
off_t default_dir_llseek(struct file *f, off_t off, int whence);
/* vfs_setpos - f->f_pos = off for an llseek: off, or -EINVAL if off is
 * negative. The caller (the VFS's lseek) holds f_pos_lock. */
off_t vfs_setpos(struct file *f, off_t off);
int vfs_statfs(const struct path *p, struct kstatfs *st);

/* fs/super.c, fs/mount.c */
int register_filesystem(struct file_system_type *t);
struct file_system_type *get_fs_type(const char *name);
struct super_block *alloc_super(struct file_system_type *t,
				const struct super_operations *ops,
				unsigned long magic);
struct super_block *mount_pseudo(struct file_system_type *t,
				 const struct super_operations *ops,
				 unsigned long magic, mode_t root_mode);
void deactivate_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);
void free_unused_super(struct super_block *sb);
void kill_litter_super(struct super_block *sb);
struct vfsmount *vfs_kern_mount(struct file_system_type *t, int flags,
				const char *dev, void *data);
struct vfsmount *kern_mount(struct file_system_type *t);
struct vfsmount *mntget(struct vfsmount *m);
void mntput(struct vfsmount *m);
struct vfsmount *lookup_mnt(const struct path *p);
/* fs/namespace.c: a mount of the caller's namespace sits on d? */
bool is_local_mountpoint(struct dentry *d);
/* ... d was removed: other namespaces' mounts on it are detached. */
void detach_mounts(struct dentry *d);
int do_mount(const char *dev, const char *dir, const char *type,
	     unsigned long flags, void *data);
/* Write /proc/mounts lines for mounts visible from root into buf. */
void show_mounts(struct seq_buf *m, const struct path *root);
/* ... and /proc/<pid>/mountinfo lines (fs/mount.c). */
/* ... and /proc/<pid>/mountinfo lines (fs/proc_namespace.c). */
void show_mountinfo(struct seq_buf *m, const struct path *root);
void show_filesystems(struct seq_buf *m);
void vfs_init(void);			/* mounts the root ramfs */
extern struct vfsmount *root_mnt;

/* fs/libfs.c: helpers for in-memory filesystems */
int dcache_readdir(struct file *f, struct dir_context *ctx);
int simple_lookup(struct inode *dir, struct dentry *d);
int simple_link(struct dentry *old, struct inode *dir, struct dentry *d);
int simple_unlink(struct inode *dir, struct dentry *d);
int simple_rmdir(struct inode *dir, struct dentry *d);
int simple_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
		  struct dentry *nd, unsigned int flags);
int simple_statfs(struct super_block *sb, struct kstatfs *st);
int simple_empty(struct dentry *d);
extern const struct file_operations simple_dir_operations;
extern const struct file_operations empty_fops;
unsigned int dt_type(struct inode *i);

/* fs/ramfs.c */
struct inode *ramfs_get_inode(struct super_block *sb, struct inode *dir,
			      mode_t mode, unsigned int dev);
extern atomic_long_t ramfs_nr_pages;
void ramfs_init(void);
struct file *shmem_file_setup(const char *name, off_t size);
bool shmem_file(struct file *f);

/* fs/char_dev.c: character devices by major number */
int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops);
/* /proc/devices: the registered majors and their names. */
void chrdev_show(struct seq_buf *m);
void init_special_inode(struct inode *i, mode_t mode, unsigned int rdev);
extern const struct file_operations def_chr_fops;
extern const struct file_operations def_blk_fops;
void chr_dev_init(void);

/* fs/random.c */
void get_random_bytes(void *buf, size_t n);
void random_init(void);

/* fs/devfs.c, fs/procfs.c, fs/pipe.c */
void devtmpfs_init(void);
/* devtmpfs_for_each_node - fn(name, mode, devt) for each node devtmpfs
 * makes at boot (the device model gives each a sysfs device). Boot. */
void devtmpfs_for_each_node(void (*fn)(const char *name, mode_t mode,
				       unsigned int devt));
void proc_root_init(void);
void pipe_init(void);

/* fs/initramfs.c + fs/super.c */
int populate_rootfs(const void *data, size_t len);
void default_rootfs(void);

/* fs/tty_io.c: the console, /dev/tty, ptys and devpts (tine/tty.h). */
void tty_init(void);

#endif
