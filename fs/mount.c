/*
 * The mount table: which filesystem sits on which directory.
 *
 * A vfsmount is attached to the tree at (mnt_parent, mnt_mountpoint);
 * the dentry it covers counts its mounts in d_mounted, so the walk only
 * searches the table at mount points. Mounting twice on one directory
 * stacks: the new mount covers the root of the previous one.
 *
 * References: the tree holds one mnt_count on every attached mount; a
 * path (open file, cwd, root) holds one more. umount finds a mount busy
 * when anything beyond its tree reference and the caller's remains.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
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

struct vfsmount *root_mnt;
static LIST_HEAD(mount_list);		/* [V] attached mounts, oldest first */
static int next_mnt_id = 21;		/* Linux's first ids are about here */

#define MNT_USER_FLAGS                                               \
	(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | \
	 MS_NODIRATIME | MS_RELATIME)

/* mntget - another reference on m (NULL ok). */
struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		atomic_inc(&m->mnt_count);
	return m;
}

/* mntput - drop a reference; the last frees a detached mount. */
void mntput(struct vfsmount *m)
{
	if (!m || !atomic_dec_and_test(&m->mnt_count))
		return;
	dput(m->mnt_root);
	deactivate_super(m->mnt_sb);
	kfree(m->mnt_devname);
	kfree(m);
}

static struct vfsmount *alloc_vfsmnt(struct super_block *sb,
				     struct dentry *root, const char *dev)
{
	struct vfsmount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->mnt_devname = kstrdup(dev ? dev : "none");
	if (!m->mnt_devname) {
		kfree(m);
		return NULL;
	}
	atomic_set(&m->mnt_count, 1);
	m->mnt_root = dget(root);
	m->mnt_sb = sb;
	m->mnt_parent = m;
	m->mnt_id = __atomic_fetch_add(&next_mnt_id, 1, __ATOMIC_RELAXED);
	INIT_LIST_HEAD(&m->mnt_list);
	atomic_inc(&sb->s_active);
	return m;
}

/*
 * vfs_kern_mount - a new, unattached mount of a fresh (or, for single
 * instance types, the shared) superblock of type t. ERR_PTR on error.
 */
struct vfsmount *vfs_kern_mount(struct file_system_type *t, int flags,
				const char *dev, void *data)
{
	struct super_block *sb = t->mount(t, flags, dev, data);
	struct vfsmount *m;

	if (IS_ERR(sb))
		return ERR_PTR(PTR_ERR(sb));
	m = alloc_vfsmnt(sb, sb->s_root, dev);
	if (!m) {
		if (!atomic_read(&sb->s_active))
			t->kill_sb(sb);
		return ERR_PTR(-ENOMEM);
	}
	m->mnt_flags = flags & MNT_USER_FLAGS;
	return m;
}

/* kern_mount - an internal mount of t (pipefs, devtmpfs, proc). */
struct vfsmount *kern_mount(struct file_system_type *t)
{
	return vfs_kern_mount(t, 0, t->name, NULL);
}

/* mount_root - make m the namespace root (vfs_init). */
void mount_root(struct vfsmount *m)
{
	m->mnt_attached = true;
	list_add_tail(&m->mnt_list, &mount_list);
}

/*
 * lookup_mnt - the mount attached on p, referenced, or NULL. Caller
 * holds vfs_lock.
 */
struct vfsmount *lookup_mnt(const struct path *p)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_parent == p->mnt && m->mnt_mountpoint == p->dentry &&
		    m != p->mnt)
			return mntget(m);
	return NULL;
}

/* path_is_mountpoint - is p the root of its mount? */
bool path_is_mountpoint(const struct path *p)
{
	return p->dentry == p->mnt->mnt_root;
}

/* Attach m on mp (already at the top of its stack). Holds vfs_lock. */
static void attach_mnt(struct vfsmount *m, struct path *mp)
{
	unsigned long f = spin_lock_irqsave(&dcache_lock);

	m->mnt_parent = mntget(mp->mnt);
	m->mnt_mountpoint = dget(mp->dentry);
	m->mnt_attached = true;
	spin_unlock_irqrestore(&dcache_lock, f);
	mp->dentry->d_mounted++;
	list_add_tail(&m->mnt_list, &mount_list);
}

/*
 * Detach m from the tree; the references it held on its place go on
 * the caller's list of things to drop after vfs_lock is released.
 */
static void detach_mnt(struct vfsmount *m, struct path *old)
{
	unsigned long f;

	list_del_init(&m->mnt_list);
	m->mnt_mountpoint->d_mounted--;
	f = spin_lock_irqsave(&dcache_lock);
	old->mnt = m->mnt_parent;
	old->dentry = m->mnt_mountpoint;
	m->mnt_parent = m;
	m->mnt_mountpoint = NULL;
	m->mnt_attached = false;
	spin_unlock_irqrestore(&dcache_lock, f);
}

static bool has_child_mounts(struct vfsmount *m)
{
	struct vfsmount *c;

	list_for_each_entry(c, &mount_list, mnt_list)
		if (c->mnt_parent == m && c != m)
			return true;
	return false;
}

/* Mount a new filesystem of type on p. */
static int do_new_mount(struct path *p, const char *type, int flags,
			const char *dev, void *data)
{
	struct file_system_type *t;
	struct vfsmount *m;
	int err = 0;

	if (!type)
		return -EINVAL;
	t = get_fs_type(type);
	if (!t)
		return -ENODEV;
	m = vfs_kern_mount(t, flags, dev, data);
	if (IS_ERR(m))
		return PTR_ERR(m);
	mutex_lock(&vfs_lock);
	follow_mount(p);
	if (!S_ISDIR(p->dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else if (d_unhashed(p->dentry))
		err = -ENOENT;
	else
		attach_mnt(m, p);
	mutex_unlock(&vfs_lock);
	if (err)
		mntput(m);
	return err;
}

/* mount --bind: the tree at source appears at p too. */
static int do_bind_mount(struct path *p, const char *source)
{
	struct path src;
	struct vfsmount *m;
	int err;

	if (!source)
		return -EINVAL;
	err = kern_path(source, LOOKUP_FOLLOW, &src);
	if (err)
		return err;
	err = -ENOMEM;
	m = alloc_vfsmnt(src.mnt->mnt_sb, src.dentry, src.mnt->mnt_devname);
	if (!m)
		goto out;
	m->mnt_flags = src.mnt->mnt_flags;
	mutex_lock(&vfs_lock);
	follow_mount(p);
	err = 0;
	if (S_ISDIR(p->dentry->d_inode->i_mode) !=
	    S_ISDIR(src.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else if (d_unhashed(p->dentry))
		err = -ENOENT;
	else
		attach_mnt(m, p);
	mutex_unlock(&vfs_lock);
	if (err)
		mntput(m);
out:
	path_put(&src);
	return err;
}

static int do_remount(struct path *p, int flags)
{
	if (!path_is_mountpoint(p))
		return -EINVAL;
	mutex_lock(&vfs_lock);
	p->mnt->mnt_flags = flags & MNT_USER_FLAGS;
	mutex_unlock(&vfs_lock);
	return 0;
}

/*
 * do_mount - mount(2) with kernel strings: a new mount of type, a bind
 * mount (MS_BIND), a remount (MS_REMOUNT), or a propagation change
 * (accepted and ignored: there is one namespace).
 */
int do_mount(const char *dev, const char *dir, const char *type,
	     unsigned long flags, void *data)
{
	struct path p;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = kern_path(dir, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (flags & MS_REMOUNT)
		err = do_remount(&p, flags);
	else if (flags & MS_BIND)
		err = do_bind_mount(&p, dev);
	else if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		err = path_is_mountpoint(&p) ? 0 : -EINVAL;
	else if (flags & MS_MOVE)
		err = -EINVAL;
	else
		err = do_new_mount(&p, type, flags, dev, data);
	path_put(&p);
	return err;
}

/* Copy an optional user string (mount's source, type) into the kernel. */
static char *copy_mount_string(const char __user *s)
{
	return s ? getname_flags(s, true) : NULL;
}

/*
 * may_mount - CAP_SYS_ADMIN over the mount namespace (tine has one, owned
 * by the initial user namespace; a mount namespace of its own would
 * check its owner instead).
 */
static bool may_mount(void)
{
	return capable(CAP_SYS_ADMIN);
}

static long sys_mount(const char __user *dev, const char __user *dir,
		      const char __user *type, unsigned long flags,
		      const void __user *data)
{
	char *kdev, *kdir, *ktype, *kdata = NULL;
	long err;

	kdir = getname(dir);
	if (IS_ERR(kdir))
		return PTR_ERR(kdir);
	ktype = copy_mount_string(type);
	err = PTR_ERR(ktype);
	if (IS_ERR(ktype))
		goto out_dir;
	kdev = copy_mount_string(dev);
	err = PTR_ERR(kdev);
	if (IS_ERR(kdev))
		goto out_type;
	if (data) {
		kdata = getname_flags(data, true);
		err = PTR_ERR(kdata);
		if (IS_ERR(kdata))
			goto out_dev;
	}
	err = may_mount() ? do_mount(kdev, kdir, ktype, flags, kdata) : -EPERM;
	kfree(kdata);
out_dev:
	kfree(kdev);
out_type:
	kfree(ktype);
out_dir:
	kfree(kdir);
	return err;
}
SYSCALL_ENTRY(mount, sys_mount);

/* Detach m and everything mounted below it (umount -l). */
static int umount_tree(struct vfsmount *m, struct path *drop, int max)
{
	int n = 0;

	for (;;) {
		struct vfsmount *c, *leaf = NULL;

		list_for_each_entry(c, &mount_list, mnt_list)
			if (c != m && is_mnt_below(c, m) && !has_child_mounts(c))
				leaf = c;
		if (!leaf || n + 1 >= max)
			break;
		detach_mnt(leaf, &drop[n]);
		drop[n + 1] = (struct path){ leaf, NULL };
		n += 2;
	}
	detach_mnt(m, &drop[n]);
	return n + 1;
}

/* is_mnt_below - is c mounted (directly or not) on m? Holds vfs_lock. */
bool is_mnt_below(struct vfsmount *c, struct vfsmount *m)
{
	while (c->mnt_parent != c) {
		c = c->mnt_parent;
		if (c == m)
			return true;
	}
	return false;
}

#define UMOUNT_MAX_DROP 64

static int do_umount(struct path *p, int flags)
{
	struct vfsmount *m = p->mnt;
	struct path *drop;
	int n = 0, i, err = 0;

	drop = kzalloc(UMOUNT_MAX_DROP * sizeof(*drop));
	if (!drop)
		return -ENOMEM;
	mutex_lock(&vfs_lock);
	if (!path_is_mountpoint(p) || !m->mnt_attached)
		err = -EINVAL;
	else if (m->mnt_parent == m)
		err = -EBUSY;
	else if (flags & MNT_DETACH)
		n = umount_tree(m, drop, UMOUNT_MAX_DROP - 1);
	else if (has_child_mounts(m) || atomic_read(&m->mnt_count) > 2)
		err = -EBUSY;
	else
		detach_mnt(m, &drop[n++]);
	mutex_unlock(&vfs_lock);
	for (i = 0; i < n; i++)
		path_put(&drop[i]);
	if (!err)
		mntput(m);	/* the tree's reference */
	kfree(drop);
	return err;
}

static long sys_umount2(const char __user *name, int flags)
{
	struct path p;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, name,
			   (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (!may_mount())
		err = -EPERM;
	else if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		err = -EINVAL;
	else
		err = do_umount(&p, flags);
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(umount2, sys_umount2);

static long sys_chroot(const char __user *name)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, name,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC);
	if (!err && !ns_capable(current_user_ns(), CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		set_fs_root(current->fs, &p);
	path_put(&p);
	return err;
}
SYSCALL_ENTRY(chroot, sys_chroot);

/*
 * current_chrooted - is current's root anything but the root of the
 * mount tree (the top of whatever is stacked on it)? May sleep.
 */
bool current_chrooted(void)
{
	struct path ns_root = { root_mnt, root_mnt->mnt_root }, root;
	bool ret;

	path_get(&ns_root);
	mutex_lock(&vfs_lock);
	follow_mount(&ns_root);
	mutex_unlock(&vfs_lock);
	get_fs_root(current->fs, &root);
	ret = !path_equal(&root, &ns_root);
	path_put(&root);
	path_put(&ns_root);
	return ret;
}

/* Is the mount m visible from root? Holds vfs_lock. */
static bool mnt_visible(struct vfsmount *m, const struct path *root)
{
	struct dentry *d = m->mnt_root;

	while (m != root->mnt) {
		if (m->mnt_parent == m)
			return false;
		d = m->mnt_mountpoint;
		m = m->mnt_parent;
	}
	return is_subdir(d, root->dentry);
}

static void show_escaped(struct seq_buf *s, const char *str)
{
	for (; *str; str++) {
		if (*str == ' ' || *str == '\t' || *str == '\n' ||
		    *str == '\\')
			seq_printf(s, "\\%03o", (unsigned char)*str);
		else
			seq_putc(s, *str);
	}
}

/* The per-mount options of m: rw/ro, nosuid, nodev, noexec, atime. */
static void show_mnt_opts(struct seq_buf *s, struct vfsmount *m)
{
	seq_printf(s, "%s%s%s%s%s", is_mnt_rdonly(m) ? "ro" : "rw",
		   m->mnt_flags & MS_NOSUID ? ",nosuid" : "",
		   m->mnt_flags & MS_NODEV ? ",nodev" : "",
		   m->mnt_flags & MS_NOEXEC ? ",noexec" : "",
		   m->mnt_flags & MS_NOATIME ? ",noatime" : ",relatime");
}

/*
 * The name of d from the root of its filesystem ("/" for the root
 * itself), at the end of buf. vfs_lock held (names do not move).
 */
static char *fs_root_path(struct dentry *d, char *buf, size_t len)
{
	char *pos = buf + len;
	unsigned long f = spin_lock_irqsave(&dcache_lock);
	bool any = false;

	*--pos = 0;
	for (; d->d_parent != d && pos; d = d->d_parent) {
		size_t n = strlen(d->d_name);

		if ((size_t)(pos - buf) < n + 1) {
			pos = NULL;
			break;
		}
		pos -= n;
		memcpy(pos, d->d_name, n);
		*--pos = '/';
		any = true;
	}
	spin_unlock_irqrestore(&dcache_lock, f);
	if (pos && !any)
		*--pos = '/';
	return pos ? pos : ERR_PTR(-ENAMETOOLONG);
}

/* One line of mountinfo (Linux's format; no propagation: all private). */
static void show_mountinfo_one(struct seq_buf *s, struct vfsmount *m,
			       const char *point, const char *mroot)
{
	unsigned int dev = m->mnt_sb->s_dev;

	seq_printf(s, "%d %d %u:%u ", m->mnt_id, m->mnt_parent->mnt_id,
		   MAJOR(dev), MINOR(dev));
	show_escaped(s, mroot);
	seq_putc(s, ' ');
	show_escaped(s, point);
	seq_putc(s, ' ');
	show_mnt_opts(s, m);
	seq_printf(s, " - %s ", m->mnt_sb->s_type->name);
	show_escaped(s, m->mnt_devname);
	seq_printf(s, " %s\n", m->mnt_sb->s_flags & MS_RDONLY ? "ro" : "rw");
}

/*
 * show_mountinfo - /proc/<pid>/mountinfo: the mounts visible from root,
 * with ids, device, root within the filesystem and options. Takes
 * vfs_lock; may sleep.
 */
void show_mountinfo(struct seq_buf *s, const struct path *root)
{
	char *buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	struct vfsmount *m;

	if (!buf) {
		s->overflow = true;
		return;
	}
	mutex_lock(&vfs_lock);
	list_for_each_entry(m, &mount_list, mnt_list) {
		struct path p = { m, m->mnt_root };
		char *point, *mroot;

		if (!mnt_visible(m, root))
			continue;
		point = d_absolute_path(&p, root, buf, PATH_MAX);
		mroot = fs_root_path(m->mnt_root, buf + PATH_MAX, PATH_MAX);
		if (!IS_ERR(point) && !IS_ERR(mroot))
			show_mountinfo_one(s, m, point, mroot);
	}
	mutex_unlock(&vfs_lock);
	kfree(buf);
}

/* show_mounts - /proc/mounts: "source target type options 0 0" lines. */
void show_mounts(struct seq_buf *s, const struct path *root)
{
	struct vfsmount *m;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!buf) {
		s->overflow = true;
		return;
	}
	mutex_lock(&vfs_lock);
	list_for_each_entry(m, &mount_list, mnt_list) {
		struct path p = { m, m->mnt_root };
		char *name;

		if (!mnt_visible(m, root))
			continue;
		name = d_absolute_path(&p, root, buf, PATH_MAX);
		if (IS_ERR(name))
			continue;
		show_escaped(s, m->mnt_devname);
		seq_putc(s, ' ');
		show_escaped(s, name);
		seq_printf(s, " %s ", m->mnt_sb->s_type->name);
		show_mnt_opts(s, m);
		seq_puts(s, " 0 0\n");
	}
	mutex_unlock(&vfs_lock);
	kfree(buf);
}
