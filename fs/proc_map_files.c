/*
 * /proc/<pid>/map_files/: one magic link per VMA that maps a file, named
 * "<start>-<end>" in lower-case hex without leading zeros, to the mapped
 * file (Linux 6.1's rules, fs/proc/base.c):
 *
 * - The directory is 0500, the task's owner's; it is also open to the
 *   task's own threads. Looking a name up, or listing, needs ptrace
 *   READ access to the address space (EACCES).
 * - readlink needs ptrace READ access; following a link (open) also
 *   needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE in the initial user
 *   namespace (EPERM), as the link could reach a file through
 *   directories the reader could not search.
 * - A link's mode says how the file is open: r for reading, w for
 *   writing, for the owner only.
 * - A name stays good while a VMA with exactly that range exists.
 */
#include <tine/capability.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/mm_types.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define MAP_FILES_POS_BASE 2		/* readdir positions after . and .. */

/*
 * One hex number of a name, as Linux's dname_to_vma_addr reads it: no
 * leading zero (but "0" itself), no overflow. Returns the character
 * after it, or NULL.
 */
static const char *parse_hex(const char *s, unsigned long *v, char next)
{
	int digits = 0;

	if (s[0] == '0' && s[1] != next)
		return NULL;
	*v = 0;
	for (;; s++, digits++) {
		char c = *s;
		int d = c >= '0' && c <= '9' ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			break;
		if (*v >> 60)
			return NULL;	/* would overflow */
		*v = *v << 4 | d;
	}
	return digits ? s : NULL;
}

/* "<start>-<end>" into the two addresses: 0 or -EINVAL. */
static int name_to_range(const char *name, unsigned long *start,
			 unsigned long *end)
{
	const char *s = parse_hex(name, start, '-');

	if (!s || *s != '-')
		return -EINVAL;
	s = parse_hex(s + 1, end, 0);
	return s && !*s ? 0 : -EINVAL;
}

/* The file mapped by the VMA of mm that is exactly [start, end),
 * referenced, or NULL. Takes mmap_lock. */
static struct file *exact_vma_file(struct mm_struct *mm, unsigned long start,
				   unsigned long end)
{
	struct vm_area_struct *v;
	struct file *file = NULL;

	mutex_lock(&mm->mmap_lock);
	v = find_vma(mm, start);
	if (v && v->vm_start == start && v->vm_end == end && v->vm_file)
		file = get_file(v->vm_file);
	mutex_unlock(&mm->mmap_lock);
	return file;
}

/* The file a map_files inode names in t, referenced, or NULL. */
static struct file *map_files_file(struct inode *i, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);
	struct file *file;

	if (!mm)
		return NULL;
	file = exact_vma_file(mm, PROC_I(i)->vm_start, PROC_I(i)->vm_end);
	mmput(mm);
	return file;
}

static int map_files_path(struct inode *i, struct task_struct *t,
			  struct path *p)
{
	struct file *file = map_files_file(i, t);

	if (!file)
		return -ENOENT;
	*p = file->f_path;
	path_get(p);
	fput(file);
	return 0;
}

static bool map_files_revalidate(struct inode *i, struct task_struct *t)
{
	struct file *file = map_files_file(i, t);

	if (file)
		fput(file);
	return file != NULL;
}

static int map_files_may_follow(void)
{
	if (capable(CAP_SYS_ADMIN) || capable(CAP_CHECKPOINT_RESTORE))
		return 0;
	return -EPERM;
}

static const struct proc_entry map_files_link_entry = {
	.name = "map_files",
	.mode = S_IFLNK,
	.ptrace_mode = PTRACE_MODE_READ_FSCREDS,
	.inode_path = map_files_path,
	.may_follow = map_files_may_follow,
	.revalidate = map_files_revalidate,
};

/* lr--, l-w- or lrw- for the owner, as the file is open. */
static mode_t map_files_mode(struct file *file)
{
	return S_IFLNK | ((file->f_mode & FMODE_READ) ? 0400 : 0) |
	       ((file->f_mode & FMODE_WRITE) ? 0200 : 0);
}

/* proc_map_files_lookup - see procfs.h. */
int proc_map_files_lookup(struct inode *dir, struct dentry *d)
{
	struct task_struct *t = proc_get_task(dir);
	unsigned long start, end;
	struct file *file = NULL;
	struct mm_struct *mm;
	struct inode *i;

	if (!t)
		return -ENOENT;
	if (name_to_range(d->d_name, &start, &end)) {
		put_task_struct(t);
		return -ENOENT;
	}
	mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	put_task_struct(t);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	if (mm) {
		file = exact_vma_file(mm, start, end);
		mmput(mm);
	}
	if (!file)
		return -ENOENT;
	i = proc_make_inode(dir->i_sb, &map_files_link_entry, PROC_I(dir)->pid,
			    -1);
	if (i) {
		i->i_mode = map_files_mode(file);
		PROC_I(i)->vm_start = start;
		PROC_I(i)->vm_end = end;
		d_add(d, i);
	}
	fput(file);
	return i ? 0 : -ENOMEM;
}

/* A listed link: its range and mode, copied under mmap_lock. */
struct map_files_info {
	unsigned long start, end;
};

/* The file-backed VMAs of mm from the pos-th on (*n of them, at most
 * cap). Takes mmap_lock. */
static void map_files_collect(struct mm_struct *mm, off_t pos,
			      struct map_files_info *info, int cap, int *n)
{
	struct vm_area_struct *v;
	off_t k = MAP_FILES_POS_BASE;

	*n = 0;
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(v, &mm->mmap, vm_list) {
		if (!v->vm_file || k++ < pos)
			continue;
		if (*n == cap)
			break;
		info[(*n)++] = (struct map_files_info){ v->vm_start, v->vm_end };
	}
	mutex_unlock(&mm->mmap_lock);
}

/* proc_map_files_readdir - see procfs.h. */
int proc_map_files_readdir(struct file *f, struct dir_context *ctx)
{
	struct task_struct *t = proc_get_task(f->f_inode);
	struct map_files_info *info;
	struct mm_struct *mm;
	int n, cap;

	if (!t)
		return -ENOENT;
	if (!dir_emit_dots(f, ctx)) {
		put_task_struct(t);
		return 0;
	}
	mm = proc_mm_access(t, PTRACE_MODE_READ_FSCREDS);
	put_task_struct(t);
	if (IS_ERR_OR_NULL(mm))
		return PTR_ERR_OR_ZERO(mm);
	cap = READ_ONCE(mm->map_count) + 1;
	info = kmalloc(cap * sizeof(*info), GFP_KERNEL);
	if (!info) {
		mmput(mm);
		return -ENOMEM;
	}
	map_files_collect(mm, ctx->pos, info, cap, &n);
	mmput(mm);
	for (int k = 0; k < n; k++) {
		char name[2 * 16 + 2];
		int len = snprintf(name, sizeof(name), "%lx-%lx",
				   info[k].start, info[k].end);

		if (!dir_emit(ctx, name, len, 0x200000 + ctx->pos, DT_LNK))
			break;
		ctx->pos++;
	}
	kfree(info);
	return 0;
}
