/*
 * Writers and read-only mounts: mnt_want_write() counts a writer on a
 * mount (refused, EROFS, on a read-only mount or superblock); making a
 * mount or a superblock read-only holds new writers off (MNT_WRITE_HOLD)
 * while it counts those there are (EBUSY). The mount flags that refuse
 * exec and device nodes are read here too. mount_lock (fs/namespace.c)
 * guards the flags.
 */
#include <tine/fs.h>
#include <asm/processor.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

static bool mnt_is_readonly(struct vfsmount *m)
{
	return (READ_ONCE(m->mnt_flags) & MNT_READONLY) ||
	       (READ_ONCE(m->mnt_sb->s_flags) & MS_RDONLY);
}

/* mnt_want_write - see tine/mount.h. */
int mnt_want_write(struct vfsmount *m)
{
	atomic_inc(&m->mnt_writers);
	smp_mb();
	/* Someone is making it read-only and counting us: wait. */
	while (READ_ONCE(m->mnt_flags) & MNT_WRITE_HOLD)
		cpu_relax();
	smp_rmb();
	if (mnt_is_readonly(m)) {
		atomic_dec(&m->mnt_writers);
		return -EROFS;
	}
	return 0;
}

/* mnt_drop_write - the end of a mnt_want_write(). */
void mnt_drop_write(struct vfsmount *m)
{
	atomic_dec(&m->mnt_writers);
}

/*
 * mnt_make_readonly - m becomes read-only, or -EBUSY if a file is open
 * for writing on it. [M]
 */
int mnt_make_readonly(struct vfsmount *m)
{
	int err = 0;

	assert_spin_locked(&mount_lock);
	WRITE_ONCE(m->mnt_flags, m->mnt_flags | MNT_WRITE_HOLD);
	smp_mb();
	if (atomic_read(&m->mnt_writers) > 0)
		err = -EBUSY;
	else
		WRITE_ONCE(m->mnt_flags, m->mnt_flags | MNT_READONLY);
	smp_wmb();
	WRITE_ONCE(m->mnt_flags, m->mnt_flags & ~MNT_WRITE_HOLD);
	return err;
}

/*
 * sb_prepare_remount_readonly - sb becomes read-only, or -EBUSY if a
 * file is open for writing on any of its mounts. Takes mount_lock.
 */
int sb_prepare_remount_readonly(struct super_block *sb)
{
	struct vfsmount *m;
	int err = 0;

	spin_lock(&mount_lock);
	list_for_each_entry(m, &sb->s_mounts, mnt_instance)
		WRITE_ONCE(m->mnt_flags, m->mnt_flags | MNT_WRITE_HOLD);
	smp_mb();
	list_for_each_entry(m, &sb->s_mounts, mnt_instance)
		if (atomic_read(&m->mnt_writers) > 0)
			err = -EBUSY;
	if (!err)
		WRITE_ONCE(sb->s_flags, sb->s_flags | MS_RDONLY);
	smp_wmb();
	list_for_each_entry(m, &sb->s_mounts, mnt_instance)
		WRITE_ONCE(m->mnt_flags, m->mnt_flags & ~MNT_WRITE_HOLD);
	spin_unlock(&mount_lock);
	return err;
}

/* is_mnt_rdonly - writes through this mount are refused (EROFS). */
bool is_mnt_rdonly(struct vfsmount *m)
{
	return mnt_is_readonly(m);
}

/* path_noexec - see tine/fs.h. */
bool path_noexec(const struct path *p)
{
	return (READ_ONCE(p->mnt->mnt_flags) & MNT_NOEXEC) ||
	       (p->mnt->mnt_sb->s_iflags & SB_I_NOEXEC);
}

/* may_open_dev - see tine/fs.h. */
bool may_open_dev(const struct path *p)
{
	return !(READ_ONCE(p->mnt->mnt_flags) & MNT_NODEV) &&
	       !(p->mnt->mnt_sb->s_iflags & SB_I_NODEV);
}

