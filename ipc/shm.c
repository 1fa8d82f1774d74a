/*
 * SysV shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment's pages live in an unlinked tmpfs file on the internal shm
 * mount ("/SYSV<key> (deleted)", shmem_file_setup()). shmat() maps a
 * file of its own (struct shm_file_data: the segment and its tmpfs
 * file) whose ->mmap hooks shm_vm_ops onto the VMA: every VMA of an
 * attach counts in shm_nattch (open on each copy, by fork, split or
 * mremap; close on each free, by munmap, exit or exec), as on Linux.
 * IPC_RMID destroys a segment at once when nothing is attached, else
 * marks it SHM_DEST (its key becomes IPC_PRIVATE) and the last detach
 * destroys it.
 *
 * Locks (<tine/ipc.h>): the table's mutex, then the segment's
 * shm_perm.lock. Decisions to destroy (nattch 0 and SHM_DEST) are made
 * under both; vm_ops->close runs under mmap_lock, so the table mutex
 * ranks inside mmap_lock and shmat() never holds it across do_mmap().
 * cpid/lpid are kept as struct pids and numbered for each reader (the
 * shmctl caller's pid namespace; /proc/sysvipc/shm's reader's).
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/mm_types.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "util.h"

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;	/* first: [P] marks shm_perm.lock */
	struct file *shm_file;		/* the tmpfs file (a reference),
					 * set once, put at destroy */
	size_t shm_segsz;		/* set once: shmget's size */
	unsigned long shm_nattch;	/* [P] attached VMAs */
	long shm_atim;			/* [P] last attach */
	long shm_dtim;			/* [P] last detach */
	long shm_ctim;			/* [P] creation or last IPC_SET */
	struct pid *shm_cprid;		/* set once: the creator (a reference) */
	struct pid *shm_lprid;		/* [P] last attacher/detacher (a
					 * reference), or NULL */
	struct ipc_namespace *ns;	/* set once, not counted: the
					 * table and each attach's file hold
					 * the namespace */
};

/* What an attach maps: its own file's private_data. */
struct shm_file_data {
	struct shmid_kernel *shp;	/* a reference */
	struct file *file;		/* the segment's tmpfs file (a ref) */
	struct ipc_namespace *ns;	/* a reference: shm_close() needs
					 * the segment's table */
};

#define shm_ids(ns) (&(ns)->ids[IPC_SHM_IDS])

static struct shmid_kernel *to_shp(struct kern_ipc_perm *p)
{
	return container_of(p, struct shmid_kernel, shm_perm);
}

static void shm_free(struct kern_ipc_perm *p)
{
	struct shmid_kernel *shp = to_shp(p);

	put_pid(shp->shm_cprid);
	put_pid(shp->shm_lprid);
	kfree(shp);
}

static void shm_put(struct shmid_kernel *shp)
{
	ipc_put(&shp->shm_perm, shm_free);
}

static size_t shm_pages(const struct shmid_kernel *shp)
{
	return PAGE_ALIGN(shp->shm_segsz) >> PAGE_SHIFT;
}

/*
 * Remove shp from its table and let its pages go (they stay while an
 * attach's file still holds the tmpfs file). Needs the table mutex;
 * may sleep.
 */
static void shm_destroy(struct ipc_namespace *ns, struct shmid_kernel *shp)
{
	mutex_assert_held(&shm_ids(ns)->mutex);
	ipc_rmid(shm_ids(ns), &shp->shm_perm);
	ns->shm_tot -= shm_pages(shp);
	fput(shp->shm_file);
	shm_put(shp);			/* the table's reference */
}

/* Nothing attached and IPC_RMID'ed (still in the table). Needs [P]. */
static bool shm_may_destroy(struct shmid_kernel *shp)
{
	return shp->shm_nattch == 0 && (shp->shm_perm.mode & SHM_DEST) &&
	       !shp->shm_perm.deleted;
}

/*
 * One attach fewer, by the current task: destroy a removed segment on
 * the last. Takes the table mutex; may sleep.
 */
static void shm_detach_one(struct shmid_kernel *shp)
{
	struct ipc_namespace *ns = shp->ns;
	bool destroy;

	mutex_lock(&shm_ids(ns)->mutex);
	spin_lock(&shp->shm_perm.lock);
	shp->shm_nattch--;
	ipc_update_pid(&shp->shm_lprid, task_tgid(current));
	shp->shm_dtim = ipc_seconds();
	destroy = shm_may_destroy(shp);
	spin_unlock(&shp->shm_perm.lock);
	if (destroy)
		shm_destroy(ns, shp);
	mutex_unlock(&shm_ids(ns)->mutex);
}

static struct shm_file_data *shm_file_data(struct file *f)
{
	return f->private_data;
}

/* One attach more, by the current task. */
static void shm_attach_one(struct shmid_kernel *shp)
{
	spin_lock(&shp->shm_perm.lock);
	shp->shm_nattch++;
	shp->shm_atim = ipc_seconds();
	ipc_update_pid(&shp->shm_lprid, task_tgid(current));
	spin_unlock(&shp->shm_perm.lock);
}

/* A copy of an attach's VMA appears (fork, a split, mremap). */
static void shm_open(struct vm_area_struct *vma)
{
	shm_attach_one(shm_file_data(vma->vm_file)->shp);
}

/* A VMA of an attach goes (mmap_lock held). */
static void shm_close(struct vm_area_struct *vma)
{
	mmap_assert_locked(vma->vm_mm);
	shm_detach_one(shm_file_data(vma->vm_file)->shp);
}

static const struct vm_operations_struct shm_vm_ops = {
	.open = shm_open,
	.close = shm_close,
};

static int shm_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &shm_vm_ops;
	shm_attach_one(shm_file_data(f)->shp);	/* vma->vm_file not set yet */
	return 0;
}

static struct page *shm_get_page(struct file *f, unsigned long pgoff,
				 bool create)
{
	struct file *seg = shm_file_data(f)->file;

	return seg->f_op->get_page(seg, pgoff, create);
}

static int shm_release(struct inode *i, struct file *f)
{
	struct shm_file_data *sfd = shm_file_data(f);

	fput(sfd->file);
	shm_put(sfd->shp);
	put_ipc_ns(sfd->ns);
	kfree(sfd);
	return 0;
}

static const struct file_operations shm_file_operations = {
	.mmap = shm_mmap,
	.get_page = shm_get_page,
	.release = shm_release,
	.mmap_ok = true,
};

static bool is_shm_vma(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shm_vm_ops;
}

/* --- shmget --- */

/* A new segment of params->size bytes: its id or -errno. Table mutex. */
static int newseg(struct ipc_namespace *ns, struct ipc_params *params)
{
	size_t size = params->u.size;
	size_t pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct shmid_kernel *shp;
	char name[16];
	int err;

	if (size < SHMMIN || size > READ_ONCE(ns->shm_ctlmax))
		return -EINVAL;
	if (pages << PAGE_SHIFT < size)
		return -ENOSPC;
	if (ns->shm_tot + pages < ns->shm_tot ||
	    ns->shm_tot + pages > READ_ONCE(ns->shm_ctlall))
		return -ENOSPC;
	if (params->flg & SHM_HUGETLB)
		return -ENOMEM;		/* no huge pages reserved, as mmap */
	shp = kzalloc(sizeof(*shp));
	if (!shp)
		return -ENOMEM;
	shp->shm_perm.key = params->key;
	shp->shm_perm.mode = params->flg & 0777;
	snprintf(name, sizeof(name), "SYSV%08x", (unsigned int)params->key);
	shp->shm_file = shmem_file_setup(name, size);
	if (IS_ERR(shp->shm_file)) {
		err = PTR_ERR(shp->shm_file);
		goto free_shp;
	}
	shp->shm_segsz = size;
	shp->shm_cprid = get_pid(task_tgid(current));
	shp->shm_ctim = ipc_seconds();
	shp->ns = ns;
	err = ipc_addid(shm_ids(ns), &shp->shm_perm, READ_ONCE(ns->shm_ctlmni));
	if (err < 0)
		goto put_file;
	ns->shm_tot += pages;
	return shp->shm_perm.id;

put_file:
	put_pid(shp->shm_cprid);
	fput(shp->shm_file);
free_shp:
	kfree(shp);
	return err;
}

static int shm_more_checks(struct kern_ipc_perm *p,
			   const struct ipc_params *params)
{
	return to_shp(p)->shm_segsz < params->u.size ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = {
	.getnew = newseg,
	.more_checks = shm_more_checks,
};

static long sys_shmget(int key, size_t size, int shmflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_params params = { .key = key, .flg = shmflg,
				     .u.size = size };

	return ipcget(ns, shm_ids(ns), &shm_ops, &params);
}
SYSCALL_ENTRY(shmget, sys_shmget);

/* --- shmat / shmdt --- */

/* shmat's address: rounded or checked as Linux. 0 or -EINVAL. */
static int shmat_addr(unsigned long *addr, int shmflg, unsigned long *flags)
{
	unsigned long a = *addr;

	if (!a) {
		if (shmflg & SHM_REMAP)
			return -EINVAL;
		return 0;
	}
	if (a & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		a &= ~(unsigned long)(SHMLBA - 1);
		if (!a && (shmflg & SHM_REMAP))
			return -EINVAL;
	}
	*flags |= (shmflg & SHM_REMAP) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	*addr = a;
	return 0;
}

/*
 * Find shmid, check current may attach it as acc asks and count the
 * attach in progress (so IPC_RMID cannot destroy it under us). The
 * segment with a reference, or ERR_PTR(-EINVAL/-EACCES/-EIDRM).
 */
static struct shmid_kernel *shm_attach_begin(struct ipc_namespace *ns,
					     int shmid, int acc)
{
	struct shmid_kernel *shp = NULL;
	struct kern_ipc_perm *p;
	int err;

	mutex_lock(&shm_ids(ns)->mutex);
	p = ipc_obtain_object_check(shm_ids(ns), shmid);
	if (IS_ERR(p)) {
		err = PTR_ERR(p);
		goto out;
	}
	err = ipcperms(ns, p, acc);
	if (err)
		goto out;
	shp = to_shp(p);
	spin_lock(&p->lock);
	if (p->deleted) {
		err = -EIDRM;
	} else {
		shp->shm_nattch++;
		atomic_inc(&p->refcount);
	}
	spin_unlock(&p->lock);
out:
	mutex_unlock(&shm_ids(ns)->mutex);
	return err ? ERR_PTR(err) : shp;
}

/* An attach's own file over shp's tmpfs file, or ERR_PTR(-ENOMEM). */
static struct file *shm_attach_file(struct shmid_kernel *shp, bool rdonly)
{
	struct shm_file_data *sfd = kzalloc(sizeof(*sfd));
	struct file *f;

	if (!sfd)
		return ERR_PTR(-ENOMEM);
	f = alloc_file(&shp->shm_file->f_path, rdonly ? O_RDONLY : O_RDWR,
		       &shm_file_operations);
	if (IS_ERR(f)) {
		kfree(sfd);
		return f;
	}
	atomic_inc(&shp->shm_perm.refcount);
	sfd->shp = shp;
	sfd->file = get_file(shp->shm_file);
	sfd->ns = get_ipc_ns(shp->ns);
	f->private_data = sfd;
	return f;
}

/**
 * do_shmat - attach segment shmid at addr (0: anywhere) for current
 *
 * Returns the address or -errno as unsigned long (IS_ERR_VALUE):
 * EINVAL (bad id or address, or something mapped there without
 * SHM_REMAP), EACCES, EIDRM, ENOMEM. Takes the table mutex, then
 * mmap_lock (not nested). May sleep.
 */
unsigned long do_shmat(int shmid, unsigned long addr, int shmflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	unsigned long flags = MAP_SHARED, prot = PROT_READ, ret;
	int acc = IPC_READ;
	struct shmid_kernel *shp;
	struct file *f;
	int err;

	if (shmid < 0)
		return -EINVAL;
	err = shmat_addr(&addr, shmflg, &flags);
	if (err)
		return err;
	if (!(shmflg & SHM_RDONLY)) {
		prot |= PROT_WRITE;
		acc |= IPC_WRITE;
	}
	if (shmflg & SHM_EXEC) {
		prot |= PROT_EXEC;
		acc |= IPC_EXEC;
	}
	shp = shm_attach_begin(ns, shmid, acc);
	if (IS_ERR(shp))
		return PTR_ERR(shp);
	f = shm_attach_file(shp, shmflg & SHM_RDONLY);
	if (IS_ERR(f)) {
		ret = PTR_ERR(f);
	} else {
		ret = do_mmap(f, addr, shp->shm_segsz, prot, flags, 0);
		fput(f);
		if (ret == (unsigned long)-EEXIST)
			ret = -EINVAL;	/* mapped there, no SHM_REMAP */
	}
	shm_detach_one(shp);		/* the attach in progress */
	shm_put(shp);
	return ret;
}

static long sys_shmat(int shmid, unsigned long shmaddr, int shmflg)
{
	return (long)do_shmat(shmid, shmaddr, shmflg);
}
SYSCALL_ENTRY(shmat, sys_shmat);

/* Is vma part of the attach that starts at addr? */
static bool shm_vma_at(const struct vm_area_struct *vma, unsigned long addr)
{
	return is_shm_vma(vma) &&
	       (vma->vm_start - addr) / PAGE_SIZE == vma->vm_pgoff;
}

/* Unmap every VMA of the attach of file at addr, up to its size. */
static void shmdt_rest(struct mm_struct *mm, unsigned long addr,
		       struct file *file, unsigned long pos)
{
	struct vm_area_struct *vma;
	unsigned long size = PAGE_ALIGN(shm_file_data(file)->shp->shm_segsz);

	while ((vma = find_vma(mm, pos)) && vma->vm_end - addr <= size) {
		pos = vma->vm_end;
		if (shm_vma_at(vma, addr) && vma->vm_file == file)
			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
}

/*
 * shmdt: the first attach at or above addr whose offset-0 page would be
 * at addr is unmapped, with the rest of the same attach. 0 or -EINVAL.
 */
static long sys_shmdt(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long pos = addr;
	long err = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	while ((vma = find_vma(mm, pos))) {
		pos = vma->vm_end;
		if (shm_vma_at(vma, addr)) {
			struct file *file = get_file(vma->vm_file);

			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
			shmdt_rest(mm, addr, file, pos);
			fput(file);
			err = 0;
			break;
		}
	}
	mutex_unlock(&mm->mmap_lock);
	return err;
}
SYSCALL_ENTRY(shmdt, sys_shmdt);

/* --- shmctl --- */

/* Pages of the segment present in memory. */
static unsigned long shm_rss(struct shmid_kernel *shp)
{
	struct inode *i = shp->shm_file->f_inode;
	unsigned long n = 0;

	mutex_lock(&i->i_lock);
	for (unsigned long k = 0; k < i->i_npages; k++)
		n += i->i_pages[k] != NULL;
	mutex_unlock(&i->i_lock);
	return n;
}

static long shmctl_ipc_info(struct ipc_namespace *ns, void __user *buf)
{
	struct shminfo64 info = {
		.shmmax = READ_ONCE(ns->shm_ctlmax),
		.shmmin = SHMMIN,
		.shmmni = READ_ONCE(ns->shm_ctlmni),
		.shmseg = SHMSEG,
		.shmall = READ_ONCE(ns->shm_ctlall),
	};

	return ipcctl_info_copy(buf, &info, sizeof(info),
				ipc_get_maxidx(shm_ids(ns)));
}

static long shmctl_shm_info(struct ipc_namespace *ns, void __user *buf)
{
	struct ipc_ids *ids = shm_ids(ns);
	struct shm_info info = { 0 };
	int max;

	mutex_lock(&ids->mutex);
	info.used_ids = ids->in_use;
	info.shm_tot = ns->shm_tot;
	for (int i = 0; i < ids->max_idx; i++)
		if (ids->entries[i])
			info.shm_rss += shm_rss(to_shp(ids->entries[i]));
	max = __ipc_get_maxidx(ids);
	mutex_unlock(&ids->mutex);
	return ipcctl_info_copy(buf, &info, sizeof(info), max);
}

/* The segment p as shmid64_ds (zeroed). Needs [P]. */
static void shm_fill(struct kern_ipc_perm *p, void *ds)
{
	struct shmid_kernel *shp = to_shp(p);
	struct shmid64_ds *out = ds;

	kernel_to_ipc64_perm(p, &out->shm_perm);
	out->shm_segsz = shp->shm_segsz;
	out->shm_atime = shp->shm_atim;
	out->shm_dtime = shp->shm_dtim;
	out->shm_ctime = shp->shm_ctim;
	out->shm_cpid = pid_vnr(shp->shm_cprid);
	out->shm_lpid = pid_vnr(shp->shm_lprid);
	out->shm_nattch = shp->shm_nattch;
}

/* IPC_STAT (by id), SHM_STAT and SHM_STAT_ANY (by slot). */
static long shmctl_stat(struct ipc_namespace *ns, int shmid, int cmd,
			void __user *buf)
{
	struct shmid64_ds ds;
	struct ipc_stat st = { .cmd = cmd, .any = cmd == SHM_STAT_ANY,
			       .fill = shm_fill, .ds = &ds,
			       .size = sizeof(ds) };

	return ipcctl_stat(ns, shm_ids(ns), shmid, &st, buf);
}

/* IPC_RMID: destroy now, or at the last detach. Table mutex held. */
static void do_shm_rmid(struct ipc_namespace *ns, struct shmid_kernel *shp)
{
	bool now;

	spin_lock(&shp->shm_perm.lock);
	shp->shm_perm.mode |= SHM_DEST;
	shp->shm_perm.key = IPC_PRIVATE;	/* no get finds it again */
	now = shm_may_destroy(shp);
	spin_unlock(&shp->shm_perm.lock);
	if (now)
		shm_destroy(ns, shp);
}

/* SHM_LOCK/SHM_UNLOCK's segment, if current may (un)lock it: the
 * owner or creator (SHM_LOCK: with a nonzero RLIMIT_MEMLOCK), or
 * CAP_IPC_LOCK. tine never swaps, so the flag is the state. The
 * segment or ERR_PTR(-EINVAL/-EPERM). Table mutex held. */
static struct kern_ipc_perm *shm_obtain_lock_check(struct ipc_namespace *ns,
						   struct ipc_ids *ids,
						   int shmid, int cmd)
{
	struct kern_ipc_perm *p = ipc_obtain_object_check(ids, shmid);
	kuid_t euid = current_euid();

	if (IS_ERR(p) || ns_capable(ns->user_ns, CAP_IPC_LOCK))
		return p;
	if (!uid_eq(euid, READ_ONCE(p->uid)) && !uid_eq(euid, p->cuid))
		return ERR_PTR(-EPERM);
	if (cmd == SHM_LOCK &&
	    !current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur)
		return ERR_PTR(-EPERM);
	return p;
}

/* IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK: under the table mutex. */
static long shmctl_change(struct ipc_namespace *ns, int shmid, int cmd,
			  const struct shmid64_ds *ds)
{
	struct ipc_ids *ids = shm_ids(ns);
	struct kern_ipc_perm *p;
	long err;

	mutex_lock(&ids->mutex);
	if (cmd == SHM_LOCK || cmd == SHM_UNLOCK)
		p = shm_obtain_lock_check(ns, ids, shmid, cmd);
	else
		p = ipcctl_obtain_check(ns, ids, shmid);
	err = PTR_ERR_OR_ZERO(p);
	if (err)
		goto out;
	switch (cmd) {
	case IPC_SET:
		err = ipc_update_perm(&ds->shm_perm, p);
		if (!err) {
			spin_lock(&p->lock);
			to_shp(p)->shm_ctim = ipc_seconds();
			spin_unlock(&p->lock);
		}
		break;
	case IPC_RMID:
		do_shm_rmid(ns, to_shp(p));
		break;
	default:
		spin_lock(&p->lock);
		if (cmd == SHM_LOCK)
			p->mode |= SHM_LOCKED;
		else
			p->mode &= ~SHM_LOCKED;
		spin_unlock(&p->lock);
	}
out:
	mutex_unlock(&ids->mutex);
	return err;
}

static long sys_shmctl(int shmid, int cmd, void __user *buf)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct shmid64_ds ds;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
		return shmctl_ipc_info(ns, buf);
	case SHM_INFO:
		return shmctl_shm_info(ns, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shmctl_stat(ns, shmid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		/* fall through */
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_change(ns, shmid, cmd, &ds);
	default:
		return -EINVAL;
	}
}
SYSCALL_ENTRY(shmctl, sys_shmctl);

/* --- /proc/sysvipc/shm and namespaces --- */

/* One line of /proc/sysvipc/shm. Takes the segment's inode lock
 * (rss), then [P]. */
static void sysvipc_shm_line(struct seq_buf *m, struct kern_ipc_perm *p)
{
	struct user_namespace *uns = current_user_ns();
	struct pid_namespace *pns = task_active_pid_ns(current);
	struct shmid_kernel *shp = to_shp(p);
	unsigned long rss = shm_rss(shp) << PAGE_SHIFT;

	spin_lock(&p->lock);
	seq_printf(m, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u "
		      "%5u %10ld %10ld %10ld %21lu %21lu\n",
		   p->key, p->id, p->mode, (unsigned long)shp->shm_segsz,
		   pid_nr_ns(shp->shm_cprid, pns),
		   pid_nr_ns(shp->shm_lprid, pns), shp->shm_nattch,
		   from_kuid_munged(uns, p->uid), from_kgid_munged(uns, p->gid),
		   from_kuid_munged(uns, p->cuid),
		   from_kgid_munged(uns, p->cgid),
		   shp->shm_atim, shp->shm_dtim, shp->shm_ctim, rss, 0UL);
	spin_unlock(&p->lock);
}

/* sysvipc_shm_show - /proc/sysvipc/shm for ns. Takes the table mutex;
 * may sleep. */
int sysvipc_shm_show(struct seq_buf *m, struct ipc_namespace *ns)
{
	return sysvipc_show_ids(m, shm_ids(ns),
		"       key      shmid perms                  size  cpid"
		"  lpid nattch   uid   gid  cuid  cgid      atime      "
		"dtime      ctime                   rss                  "
		"swap\n", sysvipc_shm_line);
}

/* Remove the segment p of a dying namespace. Table mutex held. */
static void shm_exit_one(struct ipc_namespace *ns, struct kern_ipc_perm *p)
{
	shm_destroy(ns, to_shp(p));
}

/* shm_exit_ns - a dying namespace's segments: gone from its table;
 * attached ones live until their last detach. May sleep. */
void shm_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, shm_ids(ns), shm_exit_one);
}
