/*
 * devpts: the filesystem of pty slaves, mounted at /dev/pts. As on
 * Linux since 4.7, every mount is an instance of its own with its own
 * numbering: "ptmx" inside it (mode from ptmxmode=, 0000 by default)
 * makes pairs numbered in it, and /dev/ptmx (devtmpfs) reaches the
 * instance mounted on "pts" beside it. Each pair gets a node N (mode
 * from mode=, 0600 by default; owned by the opener, or by uid=/gid=),
 * removed when the master closes.
 *
 * Locks: vfs_lock (mutex) around changes to the directory; inside it
 * fsi->lock (spin) over the number bitmap and each node's i_private
 * (the slave tty, cleared when the master goes), so an open of a node
 * racing with the master's close either gets a reference or EIO.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/tty.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define DEVPTS_SUPER_MAGIC 0x1cd1
#define DEVPTS_MAX 4096			/* ptys per instance */
#define BITS_PER_LONG_ 64

struct pts_mount_opts {
	bool setuid, setgid;
	kuid_t uid;
	kgid_t gid;
	mode_t mode;			/* slaves */
	mode_t ptmxmode;		/* the ptmx node */
	int max;
};

struct pts_fs_info {
	spinlock_t lock;		/* protects used[], nodes' i_private */
	struct pts_mount_opts opts;	/* [C] */
	unsigned long used[DEVPTS_MAX / BITS_PER_LONG_];	/* [lock] */
	struct super_block *sb;		/* [C] */
};

static struct file_system_type devpts_fs_type;

/* is_devpts_sb - see tty.h. */
bool is_devpts_sb(struct super_block *sb)
{
	return sb->s_type == &devpts_fs_type;
}

/* devpts_new_index - see tty.h. */
int devpts_new_index(struct pts_fs_info *fsi)
{
	unsigned long f = spin_lock_irqsave(&fsi->lock);
	int i, ret = -ENOSPC;

	for (i = 0; i < fsi->opts.max; i++) {
		unsigned long bit = 1UL << (i % BITS_PER_LONG_);

		if (!(fsi->used[i / BITS_PER_LONG_] & bit)) {
			fsi->used[i / BITS_PER_LONG_] |= bit;
			ret = i;
			break;
		}
	}
	spin_unlock_irqrestore(&fsi->lock, f);
	return ret;
}

/* devpts_kill_index - see tty.h. */
void devpts_kill_index(struct pts_fs_info *fsi, int idx)
{
	unsigned long f = spin_lock_irqsave(&fsi->lock);

	fsi->used[idx / BITS_PER_LONG_] &= ~(1UL << (idx % BITS_PER_LONG_));
	spin_unlock_irqrestore(&fsi->lock, f);
}

static const struct inode_operations devpts_node_iops = {
	.setattr = simple_setattr,
};

static const struct inode_operations devpts_dir_iops = {
	.lookup = simple_lookup,
};

/* A device node in the root of sb, pinned (d_add + the pin). vfs_lock
 * held. */
static struct dentry *devpts_node(struct super_block *sb, const char *name,
				  mode_t mode, unsigned int dev,
				  unsigned long ino)
{
	struct dentry *d = d_alloc(sb->s_root, name, strlen(name));
	struct inode *i;

	mutex_assert_held(&vfs_lock);
	if (!d)
		return ERR_PTR(-ENOMEM);
	i = new_inode(sb);
	if (!i) {
		dput(d);
		return ERR_PTR(-ENOMEM);
	}
	i->i_ino = ino;
	i->i_mode = mode;
	i->i_op = &devpts_node_iops;
	init_special_inode(i, mode, dev);
	d_add(d, i);
	return d;	/* d_alloc's reference is the pin */
}

/* devpts_pty_new - see tty.h. Takes vfs_lock. */
struct dentry *devpts_pty_new(struct pts_fs_info *fsi, int idx,
			      struct tty_struct *tty)
{
	struct pts_mount_opts *o = &fsi->opts;
	char name[16];
	struct dentry *d;
	struct inode *i;

	snprintf(name, sizeof(name), "%d", idx);
	mutex_lock(&vfs_lock);
	d = devpts_node(fsi->sb, name, S_IFCHR | o->mode,
			MKDEV(UNIX98_PTY_SLAVE_MAJOR, idx), idx + 3);
	if (!IS_ERR(d)) {
		i = d->d_inode;
		i->i_uid = o->setuid ? o->uid : current_fsuid();
		i->i_gid = o->setgid ? o->gid : current_fsgid();
		i->i_private = tty;
	}
	mutex_unlock(&vfs_lock);
	return d;
}

/* devpts_pty_kill - see tty.h. Takes vfs_lock; may sleep. */
void devpts_pty_kill(struct pts_fs_info *fsi, struct dentry *d)
{
	unsigned long f = spin_lock_irqsave(&fsi->lock);

	d->d_inode->i_private = NULL;
	spin_unlock_irqrestore(&fsi->lock, f);
	mutex_lock(&vfs_lock);
	d->d_inode->i_nlink = 0;
	d_delete(d);
	mutex_unlock(&vfs_lock);
	dput(d);		/* the pin */
}

/* devpts_get_tty - see tty.h. */
struct tty_struct *devpts_get_tty(struct inode *inode)
{
	struct pts_fs_info *fsi;
	struct tty_struct *tty;
	unsigned long f;

	if (!is_devpts_sb(inode->i_sb))
		return NULL;	/* a 136:N node made elsewhere */
	fsi = inode->i_sb->s_fs_info;
	f = spin_lock_irqsave(&fsi->lock);
	tty = tty_kref_get(inode->i_private);
	spin_unlock_irqrestore(&fsi->lock, f);
	return tty;
}

/* devpts_open_peer - see tty.h. */
struct file *devpts_open_peer(struct vfsmount *mnt, struct dentry *d,
			      int flags)
{
	struct path p = { mntget(mnt), dget(d) };
	struct file *f = do_open(&p, flags | O_LARGEFILE, true);

	path_put(&p);
	return f;
}

/* devpts_find - see tty.h. Takes vfs_lock. */
struct vfsmount *devpts_find(struct file *ptmx, struct pts_fs_info **fsi)
{
	struct dentry *parent = ptmx->f_path.dentry->d_parent;
	struct vfsmount *ret;
	struct path p;
	struct dentry *d;

	mutex_lock(&vfs_lock);
	d = lookup_one(parent, "pts", 3);
	if (IS_ERR(d)) {
		ret = ERR_PTR(-ENOENT);
		goto out;
	}
	p.mnt = mntget(ptmx->f_path.mnt);
	p.dentry = d;
	follow_mount(&p);
	ret = ERR_PTR(-ENODEV);
	if (is_devpts_sb(p.mnt->mnt_sb)) {
		*fsi = p.mnt->mnt_sb->s_fs_info;
		ret = mntget(p.mnt);
	}
	path_put(&p);
out:
	mutex_unlock(&vfs_lock);
	return ret;
}

/* Parse devpts options; unknown ones are EINVAL (as Linux). */
static int devpts_parse(const char *data, struct pts_mount_opts *o)
{
	o->mode = 0600;
	o->ptmxmode = 0;
	o->max = DEVPTS_MAX;
	while (data && *data) {
		const char *end = data;
		unsigned long v = 0;

		if (!strncmp(data, "uid=", 4)) {
			v = simple_strtoul(data + 4, &end, 10);
			o->uid = make_kuid(current_user_ns(), v);
			if (!uid_valid(o->uid))
				return -EINVAL;
			o->setuid = true;
		} else if (!strncmp(data, "gid=", 4)) {
			v = simple_strtoul(data + 4, &end, 10);
			o->gid = make_kgid(current_user_ns(), v);
			if (!gid_valid(o->gid))
				return -EINVAL;
			o->setgid = true;
		} else if (!strncmp(data, "mode=", 5)) {
			o->mode = simple_strtoul(data + 5, &end, 8) & 07777;
		} else if (!strncmp(data, "ptmxmode=", 9)) {
			o->ptmxmode = simple_strtoul(data + 9, &end, 8) & 07777;
		} else if (!strncmp(data, "max=", 4)) {
			v = simple_strtoul(data + 4, &end, 10);
			o->max = v < DEVPTS_MAX ? (int)v : DEVPTS_MAX;
		} else if (!strncmp(data, "newinstance", 11)) {
			end = data + 11;
		} else {
			return -EINVAL;
		}
		if (*end && *end != ',')
			return -EINVAL;
		data = *end ? end + 1 : end;
	}
	return 0;
}

static void devpts_kill_sb(struct super_block *sb)
{
	struct pts_fs_info *fsi = sb->s_fs_info;

	kill_litter_super(sb);
	kfree(fsi);
}

/* A new instance: root directory and ptmx. */
static struct super_block *devpts_mount(struct file_system_type *t, int flags,
					const char *dev, void *data)
{
	struct pts_fs_info *fsi = kzalloc(sizeof(*fsi));
	struct super_block *sb;
	struct dentry *ptmx;
	int err = -ENOMEM;

	if (!fsi)
		return ERR_PTR(-ENOMEM);
	spin_lock_init_ranked(&fsi->lock, "devpts fsi->lock", LR_DEVPTS);
	err = devpts_parse(data, &fsi->opts);
	if (err)
		goto out_fsi;
	sb = mount_pseudo(t, NULL, DEVPTS_SUPER_MAGIC, 0755);
	if (IS_ERR(sb)) {
		err = PTR_ERR(sb);
		goto out_fsi;
	}
	sb->s_fs_info = fsi;
	sb->s_flags = flags & MS_RDONLY;
	/* Its device nodes are its ptys: usable even when mounted in a
	 * user namespace (Linux's devpts_fill_super). */
	sb->s_iflags &= ~SB_I_NODEV;
	fsi->sb = sb;
	sb->s_root->d_inode->i_ino = 1;
	sb->s_root->d_inode->i_op = &devpts_dir_iops;
	sb->s_root->d_inode->i_fop = &simple_dir_operations;
	sb->s_root->d_inode->i_nlink = 2;
	mutex_lock(&vfs_lock);
	ptmx = devpts_node(sb, "ptmx", S_IFCHR | fsi->opts.ptmxmode,
			   MKDEV(5, 2), 2);
	mutex_unlock(&vfs_lock);
	if (IS_ERR(ptmx)) {
		kill_anon_super(sb);
		err = PTR_ERR(ptmx);
		goto out_fsi;
	}
	return sb;

out_fsi:
	kfree(fsi);
	return ERR_PTR(err);
}

static struct file_system_type devpts_fs_type = {
	.name = "devpts",
	.nodev = true,
	.fs_flags = FS_USERNS_MOUNT,
	.mount = devpts_mount,
	.kill_sb = devpts_kill_sb,
};

/* devpts_init - register devpts (boot). */
void devpts_init(void)
{
	register_filesystem(&devpts_fs_type);
}
