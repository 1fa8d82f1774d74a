/*
 * Superblocks and filesystem types, statfs(2), and vfs_init(), which
 * registers the filesystems and mounts the root.
 */
#include <asm/rtc.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/net_namespace.h>
#include <tine/ns_common.h>
#include <tine/cred.h>
#include <tine/user_namespace.h>
#include <tine/mount.h>
#include <tine/fsnotify.h>
#include <tine/sysfs.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

static struct file_system_type *file_systems;	/* [V] */
static unsigned int next_anon_dev = 1;

/* register_filesystem - make t mountable by name. 0 or -EBUSY. */
int register_filesystem(struct file_system_type *t)
{
	struct file_system_type **pp;

	for (pp = &file_systems; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->name, t->name))
			return -EBUSY;
	t->next = NULL;
	*pp = t;
	return 0;
}

/* get_fs_type - the registered type called name, or NULL. */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *t;

	for (t = file_systems; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* show_filesystems - /proc/filesystems. */
void show_filesystems(struct seq_buf *m)
{
	struct file_system_type *t;

	for (t = file_systems; t; t = t->next)
		seq_printf(m, "%s\t%s\n", t->nodev ? "nodev" : "", t->name);
}

/*
 * alloc_super - a new superblock of type t with an anonymous device
 * number and no mounts yet. NULL when out of memory.
 */
struct super_block *alloc_super(struct file_system_type *t,
				const struct super_operations *ops,
				unsigned long magic)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->s_type = t;
	sb->s_op = ops;
	INIT_LIST_HEAD(&sb->s_mounts);
	/* Made by the mounter: owned by its user namespace, where device
	 * files mean nothing unless that is the initial one. */
	sb->s_user_ns = get_user_ns(current_user_ns());
	if (sb->s_user_ns != &init_user_ns)
		sb->s_iflags |= SB_I_NODEV;
	sb->s_magic = magic;
	sb->s_dev = MKDEV(0, __atomic_fetch_add(&next_anon_dev, 1,
						 __ATOMIC_RELAXED));
	return sb;
}

/*
 * mount_pseudo - a superblock holding only a root directory of the given
 * mode: the kernel-internal filesystems (pipefs, anon_inodefs) that
 * exist only to give their files inodes. ERR_PTR(-ENOMEM) on failure.
 */
struct super_block *mount_pseudo(struct file_system_type *t,
				 const struct super_operations *ops,
				 unsigned long magic, mode_t root_mode)
{
	struct super_block *sb = alloc_super(t, ops, magic);
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	root = new_inode(sb);
	if (!root) {
		free_unused_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	root->i_mode = S_IFDIR | root_mode;
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		free_unused_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

/* free_unused_super - free sb that never had a mount (mount failed). */
void free_unused_super(struct super_block *sb)
{
	put_user_ns(sb->s_user_ns);
	kfree(sb);
}

/* kill_anon_super - free sb and its root (the tree is already gone). */
void kill_anon_super(struct super_block *sb)
{
	dput(sb->s_root);
	put_user_ns(sb->s_user_ns);
	kfree(sb);
}

/* kill_litter_super - unpin every name of an in-memory fs, then free. */
void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root)
		d_prune_children(sb->s_root);
	kill_anon_super(sb);
}

/* deactivate_super - a mount of sb went away; the last kills it. */
void deactivate_super(struct super_block *sb)
{
	if (atomic_dec_and_test(&sb->s_active)) {
		fsnotify_sb_delete(sb);	/* watches hear IN_UNMOUNT */
		sb->s_type->kill_sb(sb);
	}
}

/* simple_statfs - statfs of a filesystem with no size. */
int simple_statfs(struct super_block *sb, struct kstatfs *st)
{
	st->f_type = sb->s_magic;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	return 0;
}

/* vfs_statfs - statfs of the filesystem p lives on. */
int vfs_statfs(const struct path *p, struct kstatfs *st)
{
	struct super_block *sb = p->dentry->d_sb;

	memset(st, 0, sizeof(*st));
	if (sb->s_op && sb->s_op->statfs)
		return sb->s_op->statfs(sb, st);
	return simple_statfs(sb, st);
}

/* statfs's f_flags: ST_VALID and the mount's flags (Linux's
 * calculate_f_flags: the mount's, then the superblock's). */
static long statfs_flags(const struct path *p)
{
	int fl = READ_ONCE(p->mnt->mnt_flags);
	unsigned long sfl = READ_ONCE(p->mnt->mnt_sb->s_flags);
	long f = ST_VALID;

	if ((fl & MNT_READONLY) || (sfl & MS_RDONLY))
		f |= ST_RDONLY;
	if (fl & MNT_NOSUID)
		f |= ST_NOSUID;
	if (fl & MNT_NODEV)
		f |= ST_NODEV;
	if (fl & MNT_NOEXEC)
		f |= ST_NOEXEC;
	if (fl & MNT_NOATIME)
		f |= ST_NOATIME;
	if (fl & MNT_NODIRATIME)
		f |= ST_NODIRATIME;
	if (fl & MNT_RELATIME)
		f |= ST_RELATIME;
	if (fl & MNT_NOSYMFOLLOW)
		f |= ST_NOSYMFOLLOW;
	if (sfl & MS_SYNCHRONOUS)
		f |= ST_SYNCHRONOUS;
	if (sfl & MS_MANDLOCK)
		f |= ST_MANDLOCK;
	return f;
}

static long put_statfs(const struct path *p, struct statfs __user *buf)
{
	struct kstatfs k;
	struct statfs s;
	int err = vfs_statfs(p, &k);

	if (err)
		return err;
	memset(&s, 0, sizeof(s));
	s.f_type = k.f_type;
	s.f_bsize = k.f_bsize;
	s.f_frsize = k.f_bsize;
	s.f_blocks = k.f_blocks;
	s.f_bfree = k.f_bfree;
	s.f_bavail = k.f_bavail;
	s.f_files = k.f_files;
	s.f_ffree = k.f_ffree;
	s.f_namelen = k.f_namelen;
	s.f_fsid[0] = p->dentry->d_sb->s_dev;
	s.f_flags = statfs_flags(p);
	return copy_to_user(buf, &s, sizeof(s)) ? -EFAULT : 0;
}

static long sys_statfs(const char __user *name, struct statfs __user *buf)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = put_statfs(&p, buf);
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(statfs, sys_statfs);

static long sys_fstatfs(unsigned int fd, struct statfs __user *buf)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_statfs(&f->f_path, buf);
	fput(f);
	return err;
}
SYSCALL_ENTRY(fstatfs, sys_fstatfs);

/*
 * vfs_init - register the filesystems and mount a ramfs ("rootfs") as
 * "/". Called once at boot, before the first task gets an fs_struct.
 */
void vfs_init(void)
{
	struct file_system_type *rootfs;
	struct vfsmount *m;

	ramfs_init();
	pipe_init();
	nsfs_init();
	chr_dev_init();
	rtc_dev_init();
	random_init();
	rootfs = get_fs_type("rootfs");
	m = vfs_kern_mount(rootfs, 0, "rootfs", NULL);
	if (IS_ERR(m))
		panic("vfs_init: cannot mount rootfs: %ld", PTR_ERR(m));
	m->mnt_flags = MNT_RELATIME;
	net_ns_init();
	init_mount_tree(m);
	devtmpfs_init();
	proc_root_init();
	sysfs_init();
}
