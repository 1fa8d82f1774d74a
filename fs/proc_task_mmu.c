/*
 * The files of /proc/<pid> that describe the address space: maps,
 * smaps, smaps_rollup and pagemap (map_files/ is fs/proc_map_files.c).
 *
 * Each takes the address space with proc_mm_access() (the reader must
 * be allowed to ptrace-read the task, checked against the mm it gets).
 * What they show of the VMAs and page tables is copied under mmap_lock;
 * paths are made (d_path) and user memory written without it, as d_path
 * takes locks that rank above mmap_lock and a copy to user memory may
 * fault.
 */
#include <asm/vsyscall.h>
#include <tine/capability.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/mm_types.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

/* Linux's width of a maps line before the name: 25 + 6 * sizeof(void *)
 * - 1 columns (the name starts one blank further). */
#define MAPS_NAME_COLUMN 72
#define PSS_SHIFT 12

/* What smaps counts of one VMA's (or all VMAs') resident pages, bytes. */
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean;
	unsigned long private_dirty, referenced, anonymous;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked;
};

/* A VMA as maps and smaps print it, copied out under mmap_lock. */
struct vma_snap {
	unsigned long start, end, flags, pgoff;
	struct file *file;		/* a reference, or NULL */
	const char *special;		/* [vdso], [vvar], or NULL */
	struct mem_size_stats mss;	/* smaps only */
};

/* ---- the walk smaps makes ---- */

struct smaps_walk {
	struct mem_size_stats *mss;
	bool locked, shmem;
};

/* One resident page into the counts (Linux's smaps_account). */
static int smaps_pte(const struct pte_info *pi, unsigned long addr, void *arg)
{
	struct smaps_walk *w = arg;
	struct mem_size_stats *mss = w->mss;
	bool private = pi->mapcount < 2;
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;

	if (!private)
		pss /= pi->mapcount;
	mss->resident += PAGE_SIZE;
	if (pi->young)
		mss->referenced += PAGE_SIZE;
	mss->pss += pss;
	if (pi->anon) {
		mss->anonymous += PAGE_SIZE;
		mss->pss_anon += pss;
	} else if (w->shmem) {
		mss->pss_shmem += pss;
	} else {
		mss->pss_file += pss;
	}
	if (w->locked)
		mss->pss_locked += pss;
	if (pi->dirty) {
		mss->pss_dirty += pss;
		*(private ? &mss->private_dirty : &mss->shared_dirty) +=
			PAGE_SIZE;
	} else {
		*(private ? &mss->private_clean : &mss->shared_clean) +=
			PAGE_SIZE;
	}
	return 0;
}

/* Add vma's resident pages to mss. mmap_lock held. */
static void smaps_gather(struct vm_area_struct *vma,
			 struct mem_size_stats *mss)
{
	struct smaps_walk w = { mss, vma->vm_flags & VM_LOCKED,
				vma->vm_shmem != NULL };

	mmap_assert_locked(vma->vm_mm);
	walk_page_info(vma->vm_mm, vma->vm_start, vma->vm_end, smaps_pte, &w);
}

/*
 * Copy mm's VMAs (with smaps: their counts) into a new array: *n of
 * them. NULL when out of memory. Takes mmap_lock.
 */
static struct vma_snap *snap_vmas(struct mm_struct *mm, bool stats, int *n)
{
	struct vm_area_struct *v;
	struct vma_snap *snap;
	int cap;

	*n = 0;
	mutex_lock(&mm->mmap_lock);
	cap = mm->map_count;
	snap = kmalloc((cap + 1) * sizeof(*snap), GFP_KERNEL);
	if (snap) {
		list_for_each_entry(v, &mm->mmap, vm_list) {
			struct vma_snap *s = &snap[*n];

			if (*n == cap)
				break;
			*s = (struct vma_snap){
				.start = v->vm_start, .end = v->vm_end,
				.flags = v->vm_flags, .pgoff = v->vm_pgoff,
				.file = v->vm_file,
				.special = v->vm_special ? v->vm_special->name
							 : NULL };
			if (v->vm_file)
				get_file(v->vm_file);
			if (stats)
				smaps_gather(v, &s->mss);
			(*n)++;
		}
	}
	mutex_unlock(&mm->mmap_lock);
	return snap;
}

static void put_snap(struct vma_snap *snap, int n)
{
	for (int i = 0; i < n; i++)
		if (snap[i].file)
			fput(snap[i].file);
	kfree(snap);
}

/* ---- maps ---- */

/* The start of a maps line, up to and with the blank after the inode:
 * returns the length written, for the padding. */
static size_t show_vma_prefix(struct seq_buf *m, unsigned long start,
			      unsigned long end, unsigned long flags,
			      unsigned long long pgoff, unsigned int dev,
			      unsigned long ino)
{
	size_t len = m->len;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", start, end,
		   (flags & VM_READ) ? 'r' : '-',
		   (flags & VM_WRITE) ? 'w' : '-',
		   (flags & VM_EXEC) ? 'x' : '-',
		   (flags & VM_MAYSHARE) ? 's' : 'p', pgoff, dev >> 8,
		   dev & 0xff, ino);
	return m->len - len;
}

/* The name after a prefix of len columns: blanks up to Linux's column. */
static void show_vma_name(struct seq_buf *m, size_t len, const char *name)
{
	if (len < MAPS_NAME_COLUMN)
		seq_printf(m, "%*s", (int)(MAPS_NAME_COLUMN - len), "");
	seq_printf(m, " %s", name);
}

/* One line of /proc/<pid>/maps, as Linux prints it. */
static void show_vma(struct seq_buf *m, struct mm_struct *mm,
		     const struct vma_snap *v, char *pathbuf)
{
	const char *name = NULL;
	unsigned long ino = 0;
	unsigned int dev = 0;
	size_t len;

	if (v->file) {
		struct inode *i = v->file->f_inode;
		char *p = d_path(&v->file->f_path, pathbuf, PATH_MAX);

		name = IS_ERR(p) ? "?" : p;
		ino = i->i_ino;
		dev = i->i_sb ? i->i_sb->s_dev : 0;
	} else if (v->special) {
		name = v->special;
	} else if (v->start <= mm->brk && v->end >= mm->start_brk) {
		name = "[heap]";
	} else if (v->start <= mm->start_stack && v->end >= mm->start_stack) {
		name = "[stack]";
	}
	len = show_vma_prefix(m, v->start, v->end, v->flags,
			      v->file ? (unsigned long long)v->pgoff << PAGE_SHIFT
				      : 0,
			      dev, ino);
	if (name)
		show_vma_name(m, len, name);
	seq_putc(m, '\n');
}

/* The fields smaps and smaps_rollup share (Linux's __show_smap). */
static void show_smap_counts(struct seq_buf *m,
			     const struct mem_size_stats *mss, bool rollup)
{
#define KB(name, v) seq_printf(m, "%-16s%8llu kB\n", name ":", \
			       (unsigned long long)(v) >> 10)
	KB("Rss", mss->resident);
	KB("Pss", mss->pss >> PSS_SHIFT);
	KB("Pss_Dirty", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		KB("Pss_Anon", mss->pss_anon >> PSS_SHIFT);
		KB("Pss_File", mss->pss_file >> PSS_SHIFT);
		KB("Pss_Shmem", mss->pss_shmem >> PSS_SHIFT);
	}
	KB("Shared_Clean", mss->shared_clean);
	KB("Shared_Dirty", mss->shared_dirty);
	KB("Private_Clean", mss->private_clean);
	KB("Private_Dirty", mss->private_dirty);
	KB("Referenced", mss->referenced);
	KB("Anonymous", mss->anonymous);
	KB("LazyFree", 0);
	KB("AnonHugePages", 0);
	KB("ShmemPmdMapped", 0);
	KB("FilePmdMapped", 0);
	KB("Shared_Hugetlb", 0);
	seq_printf(m, "Private_Hugetlb: %7u kB\n", 0);
	KB("Swap", 0);
	KB("SwapPss", 0);
	KB("Locked", mss->pss_locked >> PSS_SHIFT);
#undef KB
}

/* "VmFlags: rd wr mr mw me ac sd " as Linux names the flags tine has;
 * soft_dirty: a VMA of the address space (not the vsyscall page). */
static void show_vm_flags(struct seq_buf *m, unsigned long flags,
			  bool soft_dirty)
{
	static const char names[32][3] = {
		"rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "pf",
		"", "", "", "lo", "io", "sr", "rr", "dc", "de", "ac", "nr",
		"ht", "sf", "ar", "", "wf", "dd", "", "mm", "hg", "nh", "mg",
	};

	seq_puts(m, "VmFlags: ");
	/* Linux marks every VMA soft-dirty until clear_refs resets it;
	 * tine has no clear_refs, so every VMA is (VM_SOFTDIRTY, bit 27). */
	for (int i = 0; i < 32; i++)
		if (((flags & (1UL << i)) && names[i][0]) ||
		    (i == 27 && soft_dirty))
			seq_printf(m, "%s ", i == 27 ? "sd" : names[i]);
	seq_putc(m, '\n');
}

/* One VMA of smaps: its maps line and counts. */
static void show_smap(struct seq_buf *m, struct mm_struct *mm,
		      const struct vma_snap *v, char *pathbuf)
{
	show_vma(m, mm, v, pathbuf);
	seq_printf(m, "%-16s%8lu kB\n", "Size:", (v->end - v->start) >> 10);
	seq_printf(m, "%-16s%8lu kB\n", "KernelPageSize:", PAGE_SIZE >> 10);
	seq_printf(m, "%-16s%8lu kB\n", "MMUPageSize:", PAGE_SIZE >> 10);
	show_smap_counts(m, &v->mss, false);
	seq_printf(m, "THPeligible:    %d\n", 0);
	show_vm_flags(m, v->flags, v->start < TASK_SIZE);
}

/* The vsyscall page every 64-bit address space shows last with
 * vsyscall=xonly (Linux's gate VMA, execute-only: asm/vsyscall.h). */
static const struct vma_snap vsyscall_snap = {
	.start = VSYSCALL_ADDR,
	.end = VSYSCALL_ADDR + PAGE_SIZE,
	.flags = VM_EXEC,
	.special = "[vsyscall]",
};

/* maps and smaps: every VMA in address order. */
static int show_maps(struct seq_buf *m, struct task_struct *t, bool smaps)
{
	struct mm_struct *mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	struct vma_snap *snap;
	char *pathbuf;
	int n;

	if (IS_ERR_OR_NULL(mm))
		return PTR_ERR_OR_ZERO(mm);
	snap = snap_vmas(mm, smaps, &n);
	pathbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	for (int i = 0; i <= n - !vsyscall_xonly && snap && pathbuf; i++) {
		const struct vma_snap *v = i < n ? &snap[i] : &vsyscall_snap;

		if (smaps)
			show_smap(m, mm, v, pathbuf);
		else
			show_vma(m, mm, v, pathbuf);
	}
	kfree(pathbuf);
	if (snap)
		put_snap(snap, n);
	mmput(mm);
	return snap && pathbuf ? 0 : -ENOMEM;
}

/* proc_pid_maps - see procfs.h. */
int proc_pid_maps(struct seq_buf *m, struct task_struct *t)
{
	return show_maps(m, t, false);
}

/* proc_pid_smaps - see procfs.h. */
int proc_pid_smaps(struct seq_buf *m, struct task_struct *t)
{
	return show_maps(m, t, true);
}

/*
 * proc_pid_smaps_rollup - see procfs.h. One header line spanning the
 * first VMA's start to the last one's end, then the sums.
 */
int proc_pid_smaps_rollup(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	struct mem_size_stats mss = { 0 };
	unsigned long start = 0, end = 0;
	struct vm_area_struct *v;

	if (IS_ERR(mm))
		return PTR_ERR(mm);
	if (!mm)
		return -ESRCH;
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(v, &mm->mmap, vm_list) {
		if (!end)
			start = v->vm_start;
		smaps_gather(v, &mss);
		end = v->vm_end;
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	show_vma_name(m, show_vma_prefix(m, start, end, 0, 0, 0, 0),
		      "[rollup]");
	seq_putc(m, '\n');
	show_smap_counts(m, &mss, true);
	return 0;
}

/* ---- pagemap ---- */

#define PM_ENTRY_BYTES 8
#define PM_PFRAME_MASK ((1ULL << 55) - 1)
#define PM_SOFT_DIRTY (1ULL << 55)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE (1ULL << 61)
#define PM_SWAP (1ULL << 62)
#define PM_PRESENT (1ULL << 63)
#define PM_CHUNK 512			/* entries made per mmap_lock hold */

/* The reader: the address space (mmgrab) and whether frame numbers
 * are shown (CAP_SYS_ADMIN in the initial namespace at open). */
struct pagemap_priv {
	struct mm_struct *mm;
	bool show_pfn;
};

struct pagemap_walk {
	u64 *buf;
	unsigned long start;		/* the address of buf[0] */
	bool show_pfn;
	bool file;			/* the VMA maps a file or shmem */
};

static int pagemap_pte(const struct pte_info *pi, unsigned long addr,
		       void *arg)
{
	struct pagemap_walk *w = arg;
	u64 e = PM_PRESENT | PM_SOFT_DIRTY;

	if (!pi->anon && w->file)
		e |= PM_FILE;
	if (pi->mapcount == 1)
		e |= PM_MMAP_EXCLUSIVE;
	if (w->show_pfn)
		e |= pi->pfn & PM_PFRAME_MASK;
	w->buf[(addr - w->start) >> PAGE_SHIFT] = e;
	return 0;
}

/*
 * Fill buf with the entries of the n pages from addr: 0 outside any
 * VMA, soft-dirty inside one (every VMA is: tine has no clear_refs),
 * and the page's bits where one is mapped. Takes mmap_lock.
 */
static void pagemap_fill(struct mm_struct *mm, u64 *buf, unsigned long addr,
			 unsigned long n, bool show_pfn)
{
	unsigned long end = addr + n * PAGE_SIZE;
	struct pagemap_walk w = { buf, addr, show_pfn, false };
	struct vm_area_struct *v;

	memset(buf, 0, n * sizeof(*buf));
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(v, &mm->mmap, vm_list) {
		unsigned long s = MAX(v->vm_start, addr);
		unsigned long e = MIN(v->vm_end, end);

		if (v->vm_start >= end)
			break;
		if (s >= e)
			continue;
		for (unsigned long a = s; a < e; a += PAGE_SIZE)
			buf[(a - addr) >> PAGE_SHIFT] = PM_SOFT_DIRTY;
		w.file = v->vm_file || v->vm_shmem || v->vm_special;
		walk_page_info(mm, s, e, pagemap_pte, &w);
	}
	mutex_unlock(&mm->mmap_lock);
}

static int pagemap_open(struct inode *i, struct file *f)
{
	struct task_struct *t = proc_get_task(i);
	struct pagemap_priv *p;
	struct mm_struct *mm;

	if (!t)
		return -ESRCH;
	mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	put_task_struct(t);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	p = kzalloc(sizeof(*p));
	if (!p) {
		if (mm)
			mmput(mm);
		return -ENOMEM;
	}
	if (mm) {
		mmgrab(mm);
		mmput(mm);
	}
	p->mm = mm;
	p->show_pfn = capable(CAP_SYS_ADMIN);
	f->private_data = p;
	return 0;
}

/*
 * Entry k (8 bytes) is the page at address k * PAGE_SIZE: reads and
 * offsets in whole entries (EINVAL), up to the top of user space.
 */
static ssize_t pagemap_read(struct file *f, char __user *ubuf, size_t n,
			    off_t *pos)
{
	struct pagemap_priv *p = f->private_data;
	unsigned long page = *pos / PM_ENTRY_BYTES;
	ssize_t done = 0;
	u64 *buf;

	if (!p->mm || !mmget_not_zero(p->mm))
		return 0;
	if (*pos % PM_ENTRY_BYTES || n % PM_ENTRY_BYTES) {
		done = -EINVAL;
		goto out_mm;
	}
	buf = kmalloc(PM_CHUNK * sizeof(*buf), GFP_KERNEL);
	if (!buf) {
		done = -ENOMEM;
		goto out_mm;
	}
	while (n && page < TASK_SIZE >> PAGE_SHIFT) {
		unsigned long k = MIN(n / PM_ENTRY_BYTES, PM_CHUNK);

		k = MIN(k, (TASK_SIZE >> PAGE_SHIFT) - page);
		pagemap_fill(p->mm, buf, page << PAGE_SHIFT, k, p->show_pfn);
		if (copy_to_user(ubuf + done, buf, k * PM_ENTRY_BYTES)) {
			done = done ? done : -EFAULT;
			break;
		}
		done += k * PM_ENTRY_BYTES;
		n -= k * PM_ENTRY_BYTES;
		page += k;
		if (fatal_signal_pending(current))
			break;
	}
	if (done > 0)
		*pos += done;
	kfree(buf);
out_mm:
	mmput(p->mm);
	return done;
}

/* Any entry may be sought (offsets are addresses / 512). */
static off_t pagemap_lseek(struct file *f, off_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

static int pagemap_release(struct inode *i, struct file *f)
{
	struct pagemap_priv *p = f->private_data;

	if (p->mm)
		mmdrop(p->mm);
	kfree(p);
	return 0;
}

const struct file_operations proc_pagemap_operations = {
	.open = pagemap_open,
	.read = pagemap_read,
	.llseek = pagemap_lseek,
	.release = pagemap_release,
};
