/*
 * The new mount API's filesystem half: fsopen() and fspick() hand out a
 * filesystem context (struct fs_context, fs/fs_context.c) as a file,
 * fsconfig() sets its parameters and runs CMD_CREATE (make the
 * superblock) or CMD_RECONFIGURE (change the picked one), and fsmount()
 * turns a made superblock into a detached mount, held by an O_PATH file
 * until move_mount() attaches it (fs/mount_api.c). Linux's checks in
 * Linux's order; the superblock work is the same code mount(2) uses.
 *
 * Each context file's users are serialised by the context's uapi_mutex;
 * superblock and mount changes take namespace_sem as mount(2) does.
 */
#include <tine/anon_inodes.h>
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs_context.h>
#include <tine/mm.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

#define FSCONFIG_VALUE_MAX 256		/* keys and string values, as Linux */

/* read(): the context's oldest message (fc_log_read()). */
static ssize_t fscontext_read(struct file *f, char __user *buf, size_t n,
			      off_t *pos)
{
	return fc_log_read(f->private_data, buf, n);
}

static int fscontext_release(struct inode *i, struct file *f)
{
	put_fs_context(f->private_data);
	return 0;
}

static const struct file_operations fscontext_fops = {
	.read = fscontext_read,
	.release = fscontext_release,
};

/* A new fd for fc (which it then owns, with a message log), or -errno
 * (fc freed). */
static int fscontext_create_fd(struct fs_context *fc, unsigned int o_flags)
{
	struct file *f;
	int fd = fc_log_alloc(fc);

	if (!fd)
		fd = get_unused_fd_flags(o_flags);
	if (fd < 0) {
		put_fs_context(fc);
		return fd;
	}
	f = anon_inode_getfile("[fscontext]", &fscontext_fops, fc,
			       O_RDWR | o_flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		put_fs_context(fc);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

/* A user string of at most FSCONFIG_VALUE_MAX bytes, copied. */
static char *strndup_user(const char __user *s)
{
	char *k = kmalloc(FSCONFIG_VALUE_MAX, GFP_KERNEL);
	long n;

	if (!k)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(k, s, FSCONFIG_VALUE_MAX);
	if (n < 0 || n >= FSCONFIG_VALUE_MAX) {
		kfree(k);
		return ERR_PTR(n < 0 ? n : -EINVAL);
	}
	return k;
}

/*
 * fsopen - a context for a new filesystem of the named type: CAP_SYS_ADMIN
 * over the mount namespace's owner (EPERM), a known type (ENODEV).
 */
static long sys_fsopen(const char __user *name, unsigned int flags)
{
	struct file_system_type *t;
	struct fs_context *fc;
	char *kname;

	if (!may_mount())
		return -EPERM;
	if (flags & ~FSOPEN_CLOEXEC)
		return -EINVAL;
	kname = getname_flags(name, false);
	if (IS_ERR(kname))
		return PTR_ERR(kname);
	t = get_fs_type(kname);
	kfree(kname);
	if (!t)
		return -ENODEV;
	fc = fs_context_for_mount(t, 0);
	if (IS_ERR(fc))
		return PTR_ERR(fc);
	return fscontext_create_fd(fc, flags & FSOPEN_CLOEXEC ? O_CLOEXEC : 0);
}
SYSCALL_ENTRY(fsopen, sys_fsopen);

/* The lookup flags of fspick()'s flags. */
static unsigned int fspick_lookup_flags(unsigned int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;

	if (flags & FSPICK_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & FSPICK_NO_AUTOMOUNT)
		lookup |= LOOKUP_NO_AUTOMOUNT;
	if (flags & FSPICK_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	return lookup;
}

/*
 * fspick - a context to reconfigure the filesystem mounted at path (the
 * root of a mount: EINVAL otherwise).
 */
static long sys_fspick(int dfd, const char __user *path, unsigned int flags)
{
	struct fs_context *fc;
	struct path p;
	long err;

	if (!may_mount())
		return -EPERM;
	if (flags & ~(FSPICK_CLOEXEC | FSPICK_SYMLINK_NOFOLLOW |
		      FSPICK_NO_AUTOMOUNT | FSPICK_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, path, fspick_lookup_flags(flags), &p);
	if (err)
		return err;
	err = -EINVAL;
	if (!path_mounted(&p))
		goto out;
	fc = fs_context_for_reconfigure(p.mnt, 0, 0);
	err = PTR_ERR(fc);
	if (IS_ERR(fc))
		goto out;
	err = fscontext_create_fd(fc, flags & FSPICK_CLOEXEC ? O_CLOEXEC : 0);
out:
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(fspick, sys_fspick);

/* fsconfig's argument rules per command (Linux's order): 0, -EINVAL,
 * -EOPNOTSUPP for an unknown command. */
static int fsconfig_args_ok(unsigned int cmd, const void __user *key,
			    const void __user *value, int aux)
{
	switch (cmd) {
	case FSCONFIG_SET_FLAG:
		return !key || value || aux ? -EINVAL : 0;
	case FSCONFIG_SET_STRING:
		return !key || !value || aux ? -EINVAL : 0;
	case FSCONFIG_SET_BINARY:
		return !key || !value || aux <= 0 || aux > 1024 * 1024 ?
			-EINVAL : 0;
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
		return !key || !value || (aux != AT_FDCWD && aux < 0) ?
			-EINVAL : 0;
	case FSCONFIG_SET_FD:
		return !key || value || aux < 0 ? -EINVAL : 0;
	case FSCONFIG_CMD_CREATE:
	case FSCONFIG_CMD_RECONFIGURE:
		return key || value || aux ? -EINVAL : 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* CMD_CREATE: make the superblock (by someone who may: EPERM). */
static int fsconfig_create(struct fs_context *fc)
{
	int err;

	if (fc->phase != FS_CONTEXT_CREATE_PARAMS)
		return -EBUSY;
	if (!mount_capable(fc))
		return -EPERM;
	fc->phase = FS_CONTEXT_CREATING;
	err = vfs_get_tree(fc);
	fc->phase = err ? FS_CONTEXT_FAILED : FS_CONTEXT_AWAITING_MOUNT;
	return err;
}

/* CMD_RECONFIGURE: by the superblock's owner (EPERM). */
static int fsconfig_reconfigure(struct fs_context *fc)
{
	struct super_block *sb = fc->mnt->mnt_sb;
	int err = -EPERM;

	if (fc->phase != FS_CONTEXT_RECONF_PARAMS)
		return -EBUSY;
	fc->phase = FS_CONTEXT_RECONFIGURING;
	if (ns_capable(sb->s_user_ns, CAP_SYS_ADMIN)) {
		namespace_lock();
		err = reconfigure_super(fc);
		namespace_unlock();
	}
	if (err) {
		fc->phase = FS_CONTEXT_FAILED;
		return err;
	}
	vfs_clean_context(fc);
	return 0;
}

/*
 * One parameter: strings and flags go to the context; the binary, path
 * and fd kinds are refused, as by every filesystem tine has (no
 * parameter of theirs takes one: Linux says EINVAL too).
 */
static int fsconfig_param(struct fs_context *fc, unsigned int cmd,
			  const char *key, const char *value)
{
	if (fc->phase != FS_CONTEXT_CREATE_PARAMS &&
	    fc->phase != FS_CONTEXT_RECONF_PARAMS)
		return -EBUSY;
	if (cmd != FSCONFIG_SET_FLAG && cmd != FSCONFIG_SET_STRING)
		return -EINVAL;
	return vfs_parse_fs_string(fc, key, value);
}

/* The key and (for SET_STRING) value of a parameter command, copied. */
static int fsconfig_copy_args(unsigned int cmd, const char __user *key,
			      const char __user *value, char **kkey,
			      char **kvalue)
{
	*kkey = *kvalue = NULL;
	if (cmd == FSCONFIG_CMD_CREATE || cmd == FSCONFIG_CMD_RECONFIGURE)
		return 0;
	*kkey = strndup_user(key);
	if (IS_ERR(*kkey))
		return PTR_ERR(*kkey);
	if (cmd != FSCONFIG_SET_STRING)
		return 0;
	*kvalue = strndup_user(value);
	if (IS_ERR(*kvalue)) {
		kfree(*kkey);
		return PTR_ERR(*kvalue);
	}
	return 0;
}

/* fsconfig - set a parameter of a context, or run one of its commands. */
static long sys_fsconfig(int fd, unsigned int cmd, const char __user *key,
			 const void __user *value, int aux)
{
	char *kkey, *kvalue;
	struct fs_context *fc;
	struct file *f;
	long err;

	if (fd < 0)
		return -EINVAL;
	err = fsconfig_args_ok(cmd, key, value, aux);
	if (err)
		return err;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = -EINVAL;
	if (f->f_op != &fscontext_fops)
		goto out;
	fc = f->private_data;
	err = fsconfig_copy_args(cmd, key, value, &kkey, &kvalue);
	if (err)
		goto out;
	mutex_lock(&fc->uapi_mutex);
	if (cmd == FSCONFIG_CMD_CREATE)
		err = fsconfig_create(fc);
	else if (cmd == FSCONFIG_CMD_RECONFIGURE)
		err = fsconfig_reconfigure(fc);
	else
		err = fsconfig_param(fc, cmd, kkey, kvalue);
	mutex_unlock(&fc->uapi_mutex);
	kfree(kkey);
	kfree(kvalue);
out:
	fput(f);
	return err;
}
SYSCALL_ENTRY(fsconfig, sys_fsconfig);

/*
 * mount_attr_to_mnt_flags - the mount flags of MOUNT_ATTR_* flags (no
 * IDMAP): MNT_* flags, or -EINVAL for an unknown flag or atime value.
 */
int mount_attr_to_mnt_flags(unsigned int attr)
{
	int fl = 0;

	if (attr & ~(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
		     MOUNT_ATTR_NOEXEC | MOUNT_ATTR__ATIME |
		     MOUNT_ATTR_NODIRATIME | MOUNT_ATTR_NOSYMFOLLOW))
		return -EINVAL;
	if (attr & MOUNT_ATTR_RDONLY)
		fl |= MNT_READONLY;
	if (attr & MOUNT_ATTR_NOSUID)
		fl |= MNT_NOSUID;
	if (attr & MOUNT_ATTR_NODEV)
		fl |= MNT_NODEV;
	if (attr & MOUNT_ATTR_NOEXEC)
		fl |= MNT_NOEXEC;
	if (attr & MOUNT_ATTR_NODIRATIME)
		fl |= MNT_NODIRATIME;
	if (attr & MOUNT_ATTR_NOSYMFOLLOW)
		fl |= MNT_NOSYMFOLLOW;
	switch (attr & MOUNT_ATTR__ATIME) {
	case MOUNT_ATTR_STRICTATIME:
		break;
	case MOUNT_ATTR_NOATIME:
		fl |= MNT_NOATIME;
		break;
	case MOUNT_ATTR_RELATIME:
		fl |= MNT_RELATIME;
		break;
	default:
		return -EINVAL;
	}
	return fl;
}

/* The new mount of a made context, in an anonymous namespace, as an
 * O_PATH file that unmounts it if closed unattached. [U] */
static struct file *fsmount_file(struct fs_context *fc, int mnt_flags)
{
	struct vfsmount *m;
	struct file *f;

	namespace_lock();
	m = clone_mnt(fc->mnt, fc->mnt->mnt_root, CL_PRIVATE);
	namespace_unlock();
	if (IS_ERR(m))
		return ERR_PTR(PTR_ERR(m));
	m->mnt_flags = mnt_flags;
	f = open_detached_mount(m);
	if (!IS_ERR(f))
		vfs_clean_context(fc);
	return f;
}

/*
 * fsmount - mount a context's superblock (made by CMD_CREATE: EINVAL
 * before; EBUSY once mounted) with the attributes given, detached; its
 * O_PATH fd is returned for move_mount().
 */
static long sys_fsmount(int fs_fd, unsigned int flags,
			unsigned int attr_flags)
{
	struct fs_context *fc;
	struct file *f, *mf;
	int mnt_flags, fd;
	long err;

	if (!may_mount())
		return -EPERM;
	if (flags & ~FSMOUNT_CLOEXEC)
		return -EINVAL;
	if (attr_flags & MOUNT_ATTR_NOSYMFOLLOW)
		return -EINVAL;	/* not among fsmount's attributes */
	mnt_flags = mount_attr_to_mnt_flags(attr_flags);
	if (mnt_flags < 0)
		return mnt_flags;
	f = fget(fs_fd);
	if (!f)
		return -EBADF;
	err = -EINVAL;
	if (f->f_op != &fscontext_fops)
		goto out;
	fc = f->private_data;
	mutex_lock(&fc->uapi_mutex);
	err = -EINVAL;
	if (!fc->mnt)
		goto out_unlock;
	err = -EPERM;
	if (mount_too_revealing(fc->mnt->mnt_sb, &mnt_flags))
		goto out_unlock;
	err = -EBUSY;
	if (fc->phase != FS_CONTEXT_AWAITING_MOUNT)
		goto out_unlock;
	fd = get_unused_fd_flags(flags & FSMOUNT_CLOEXEC ? O_CLOEXEC : 0);
	err = fd;
	if (fd < 0)
		goto out_unlock;
	mf = fsmount_file(fc, mnt_flags);
	err = PTR_ERR(mf);
	if (IS_ERR(mf)) {
		put_unused_fd(fd);
		goto out_unlock;
	}
	fd_install(fd, mf);
	err = fd;
out_unlock:
	mutex_unlock(&fc->uapi_mutex);
out:
	fput(f);
	return err;
}
SYSCALL_ENTRY(fsmount, sys_fsmount);
