/*
 * memfd_create(2) and file sealing (F_ADD_SEALS, F_GET_SEALS).
 *
 * A memfd is an unlinked tmpfs file on the internal shm mount
 * (shmem_file_setup(), fs/ramfs.c) named "memfd:NAME". Seals live in
 * the inode (i_seals, under i_lock) and only grow; fs/ramfs.c enforces
 * them on write, truncate and mmap. F_SEAL_WRITE may only be added
 * while no shared mapping could write (i_mmap_writable is 0), and then
 * refuses such mappings for good.
 *
 * MFD_HUGETLB: tine has no hugetlbfs, so it is what Linux built without
 * CONFIG_HUGETLBFS answers, -ENOSYS (after the flag checks).
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/memfd.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/memfd.h>
#include <uapi/stat.h>

#define F_ALL_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
		     F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)

#define MFD_NAME_PREFIX "memfd:"
#define MFD_NAME_PREFIX_LEN (sizeof(MFD_NAME_PREFIX) - 1)
#define MFD_NAME_MAX_LEN (NAME_MAX - MFD_NAME_PREFIX_LEN)
#define MFD_ALL_FLAGS (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB)

/* Add seals to f's inode, in Linux's order of checks. 0 or -errno. */
static int memfd_add_seals(struct file *f, unsigned int seals)
{
	struct inode *i = f->f_inode;
	int err = 0;

	if (!(f->f_mode & FMODE_WRITE))
		return -EPERM;
	if (seals & ~(unsigned int)F_ALL_SEALS)
		return -EINVAL;
	if (!shmem_file(f))
		return -EINVAL;
	mutex_lock(&i->i_lock);
	if (i->i_seals & F_SEAL_SEAL) {
		err = -EPERM;
		goto out;
	}
	if ((seals & F_SEAL_WRITE) && !(i->i_seals & F_SEAL_WRITE)) {
		err = mapping_deny_writable(i);
		if (err)
			goto out;
	}
	i->i_seals |= seals;
out:
	mutex_unlock(&i->i_lock);
	return err;
}

/**
 * memfd_fcntl - fcntl's F_ADD_SEALS and F_GET_SEALS on f
 *
 * Returns 0 or the seals, or -EINVAL (not a tmpfs file, unknown seal),
 * -EPERM (not open for writing, or F_SEAL_SEAL), -EBUSY (F_SEAL_WRITE
 * while a shared mapping may write). Takes f's inode i_lock; may sleep.
 */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_ADD_SEALS:
		if (arg > 0xffffffffUL)
			return -EINVAL;
		return memfd_add_seals(f, arg);
	case F_GET_SEALS:
		return shmem_file(f) ? (long)READ_ONCE(f->f_inode->i_seals)
				     : -EINVAL;
	default:
		return -EINVAL;
	}
}

/* The flags memfd_create accepts: MFD_HUGETLB may carry a page size. */
static bool memfd_flags_valid(unsigned int flags)
{
	unsigned int ok = MFD_ALL_FLAGS;

	if (flags & MFD_HUGETLB)
		ok |= MFD_HUGE_MASK << MFD_HUGE_SHIFT;
	return !(flags & ~ok);
}

/* "memfd:" and the user's name, or ERR_PTR(-EFAULT/-EINVAL/-ENOMEM). */
static char *memfd_name(const char __user *uname)
{
	long len = strnlen_user(uname, MFD_NAME_MAX_LEN + 1);
	char *name;

	if (len <= 0)
		return ERR_PTR(-EFAULT);
	if (len > (long)MFD_NAME_MAX_LEN + 1)
		return ERR_PTR(-EINVAL);
	name = kmalloc(len + MFD_NAME_PREFIX_LEN, GFP_KERNEL);
	if (!name)
		return ERR_PTR(-ENOMEM);
	memcpy(name, MFD_NAME_PREFIX, MFD_NAME_PREFIX_LEN);
	/* The string may change under us: it must still end where it did. */
	if (copy_from_user(name + MFD_NAME_PREFIX_LEN, uname, len) ||
	    name[MFD_NAME_PREFIX_LEN + len - 1]) {
		kfree(name);
		return ERR_PTR(-EFAULT);
	}
	return name;
}

static long sys_memfd_create(const char __user *uname, unsigned int flags)
{
	struct file *f;
	char *name;
	int fd;

	if (!memfd_flags_valid(flags))
		return -EINVAL;
	name = memfd_name(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags((flags & MFD_CLOEXEC) ? O_CLOEXEC : 0);
	if (fd < 0)
		goto out;
	if (flags & MFD_HUGETLB)
		f = ERR_PTR(-ENOSYS);	/* no hugetlbfs */
	else
		f = shmem_file_setup(name, 0);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		fd = PTR_ERR(f);
		goto out;
	}
	f->f_flags |= O_LARGEFILE;
	if (flags & MFD_ALLOW_SEALING)
		f->f_inode->i_seals &= ~F_SEAL_SEAL;	/* not yet shared */
	fd_install(fd, f);
out:
	kfree(name);
	return fd;
}
SYSCALL_ENTRY(memfd_create, sys_memfd_create);
