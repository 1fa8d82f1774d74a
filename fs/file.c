/*
 * Open files and the per-process fd table (files_struct).
 *
 * A struct file is counted in f_count: every fd slot and every mapping
 * holds one. The table grows by doubling up to RLIMIT_NOFILE; a slot is
 * "open" in open_fds from get_unused_fd_flags() on, before the file is
 * installed, so two threads never get the same number.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/eventpoll.h>
#include <tine/fs.h>
#include <tine/mount.h>
#include <tine/fsnotify.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define BITS_PER_LONG 64
#define BITMAP_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static bool test_bit(unsigned int n, const unsigned long *map)
{
	return map[n / BITS_PER_LONG] & (1UL << (n % BITS_PER_LONG));
}
static void set_bit(unsigned int n, unsigned long *map)
{
	map[n / BITS_PER_LONG] |= 1UL << (n % BITS_PER_LONG);
}
static void clear_bit(unsigned int n, unsigned long *map)
{
	map[n / BITS_PER_LONG] &= ~(1UL << (n % BITS_PER_LONG));
}

/* Open files, and their limit fs.file-max (10% of memory at 1 kB a
 * file, at least 8192, as Linux). */
static atomic_long_t nr_files;
static unsigned long files_max = 8192;
/* fs.nr_open: the highest RLIMIT_NOFILE may be set to. */
unsigned int sysctl_nr_open = NR_OPEN_MAX;

/*
 * alloc_file - a new open file on p (references taken) with the O_
 * flags and operations given, f_count 1. ERR_PTR(-ENOMEM).
 */
struct file *alloc_file(struct path *p, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f;

	/* fs.file-max: then ENFILE, but for CAP_SYS_ADMIN (as Linux). */
	if (atomic_long_read(&nr_files) >= (long)READ_ONCE(files_max) &&
	    !capable(CAP_SYS_ADMIN))
		return ERR_PTR(-ENFILE);
	f = kzalloc(sizeof(*f));
	if (!f)
		return ERR_PTR(-ENOMEM);
	atomic_long_add(&nr_files, 1);
	atomic_long_add(&f->f_count, 1);
	mutex_init(&f->f_pos_lock);
	spin_lock_init_ranked(&f->f_lock, "file->f_lock", LR_FILE);
	file_owner_init(f);
	INIT_LIST_HEAD(&f->f_ep_links);
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC |
			       O_CLOEXEC);
	f->f_mode = build_fmode(flags);
	f->f_path = *p;
	path_get(p);
	f->f_inode = p->dentry->d_inode;
	f->f_op = fop;
	f->f_cred = get_cred(current_cred());
	if (S_ISREG(f->f_inode->i_mode) || S_ISDIR(f->f_inode->i_mode))
		f->f_mode |= FMODE_ATOMIC_POS;
	return f;
}

/*
 * __fput - the last reference is gone: release and free. A file with
 * FMODE_PATH (O_PATH, or one whose ->open failed: finish_open marks it)
 * never reached its driver, so neither ->fasync nor ->release runs:
 * their private_data was never set up.
 */
void __fput(struct file *f)
{
	bool opened = !(f->f_mode & FMODE_PATH) && f->f_op;

	eventpoll_release(f);
	fsnotify_close(f);
	locks_remove_file(f);
	if (opened && (f->f_flags & O_ASYNC) && f->f_op->fasync)
		f->f_op->fasync(-1, f, 0);
	file_owner_release(f);
	if (opened && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_mode & FMODE_WRITER) {
		put_write_access(f->f_inode);
		mnt_drop_write(f->f_path.mnt);
	}
	if (f->f_mode & FMODE_NEED_UNMOUNT)
		dissolve_on_fput(f->f_path.mnt);
	path_put(&f->f_path);
	put_cred(f->f_cred);
	kfree(f);
	atomic_long_add(&nr_files, -1);
}

/* fput - drop a file reference. May sleep. */
void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count.counter, 1, __ATOMIC_ACQ_REL) == 0)
		__fput(f);
}

/* filp_close - close an fd's file (or one the kernel opened): the
 * file's ->flush, then the reference goes. */
int filp_close(struct file *f)
{
	if (f->f_op && f->f_op->flush && !(f->f_mode & FMODE_PATH))
		f->f_op->flush(f);
	fput(f);
	return 0;
}

/* rlimit_nofile - the caller's RLIMIT_NOFILE soft limit, capped. */
unsigned long rlimit_nofile(void)
{
	unsigned long n = current->signal ?
		current->signal->rlim[RLIMIT_NOFILE].rlim_cur : 1024;

	return MIN(n, (unsigned long)READ_ONCE(sysctl_nr_open));
}

static void init_embedded_fdtable(struct files_struct *files)
{
	files->fdtab.max_fds = NR_OPEN_DEFAULT;
	files->fdtab.fd = files->fd_array;
	files->fdtab.close_on_exec = files->close_on_exec_init;
	files->fdtab.open_fds = files->open_fds_init;
	files->fdt = &files->fdtab;
}

/* files_new_empty - an empty fd table, count 1 (NULL without memory). */
struct files_struct *files_new_empty(void)
{
	struct files_struct *files = kzalloc(sizeof(*files));

	if (!files)
		return NULL;
	atomic_set(&files->count, 1);
	spin_lock_init_ranked(&files->file_lock, "files->file_lock", LR_FILES);
	init_embedded_fdtable(files);
	return files;
}

static void free_fdtable(struct files_struct *files, struct fdtable *fdt)
{
	if (fdt == &files->fdtab)
		return;
	kfree(fdt->fd);
	kfree(fdt->close_on_exec);
	kfree(fdt->open_fds);
	kfree(fdt);
}

static struct fdtable *alloc_fdtable(unsigned int nr)
{
	struct fdtable *fdt = kzalloc(sizeof(*fdt));

	if (!fdt)
		return NULL;
	fdt->max_fds = nr;
	fdt->fd = kzalloc(nr * sizeof(struct file *));
	fdt->close_on_exec = kzalloc(BITMAP_LONGS(nr) * sizeof(long));
	fdt->open_fds = kzalloc(BITMAP_LONGS(nr) * sizeof(long));
	if (!fdt->fd || !fdt->close_on_exec || !fdt->open_fds) {
		kfree(fdt->fd);
		kfree(fdt->close_on_exec);
		kfree(fdt->open_fds);
		kfree(fdt);
		return NULL;
	}
	return fdt;
}

static void copy_fdtable(struct fdtable *n, const struct fdtable *o)
{
	unsigned int cnt = MIN(n->max_fds, o->max_fds);

	memcpy(n->fd, o->fd, cnt * sizeof(struct file *));
	memcpy(n->close_on_exec, o->close_on_exec,
	       BITMAP_LONGS(cnt) * sizeof(long));
	memcpy(n->open_fds, o->open_fds, BITMAP_LONGS(cnt) * sizeof(long));
}

/*
 * expand_files - make slot nr exist. Called and returns with file_lock
 * held (flags in *f), dropping it to allocate. 0, -EMFILE or -ENOMEM.
 */
static int expand_files(struct files_struct *files, unsigned int nr,
			unsigned long *f)
{
	struct fdtable *n, *old;
	unsigned int size;

	assert_spin_locked(&files->file_lock);
	while (nr >= files->fdt->max_fds) {
		if (nr >= rlimit_nofile())
			return -EMFILE;
		size = MAX(files->fdt->max_fds * 2, 64U);
		while (size <= nr)
			size *= 2;
		size = MIN(size, (unsigned int)MAX(rlimit_nofile(),
						   (unsigned long)NR_OPEN_DEFAULT));
		spin_unlock_irqrestore(&files->file_lock, *f);
		n = alloc_fdtable(size);
		*f = spin_lock_irqsave(&files->file_lock);
		if (!n)
			return -ENOMEM;
		old = files->fdt;
		if (old->max_fds >= size) {
			free_fdtable(files, n);	/* someone else grew it */
			continue;
		}
		copy_fdtable(n, old);
		files->fdt = n;
		free_fdtable(files, old);
	}
	return 0;
}

/* Lowest free slot >= start, reserved; -EMFILE or -ENOMEM. */
static int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned long f = spin_lock_irqsave(&files->file_lock);
	unsigned int fd = start;
	int err;

	for (;;) {
		struct fdtable *fdt = files->fdt;

		while (fd < fdt->max_fds && test_bit(fd, fdt->open_fds))
			fd++;
		if (fd >= rlimit_nofile()) {
			err = -EMFILE;
			break;
		}
		err = expand_files(files, fd, &f);
		if (err)
			break;
		fdt = files->fdt;
		if (test_bit(fd, fdt->open_fds))
			continue;	/* taken while we slept */
		set_bit(fd, fdt->open_fds);
		if (flags & O_CLOEXEC)
			set_bit(fd, fdt->close_on_exec);
		else
			clear_bit(fd, fdt->close_on_exec);
		err = fd;
		break;
	}
	spin_unlock_irqrestore(&files->file_lock, f);
	return err;
}

/* get_unused_fd_flags - reserve the lowest free fd (O_CLOEXEC honored). */
int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, flags);
}

/* get_unused_fd_flags_from - the same, at or above start (F_DUPFD). */
int get_unused_fd_flags_from(unsigned int start, unsigned int flags)
{
	return alloc_fd(start, flags);
}

/* put_unused_fd - give back a reserved fd that was never installed. */
void put_unused_fd(int fd)
{
	struct files_struct *files = current->files;
	unsigned long f = spin_lock_irqsave(&files->file_lock);

	clear_bit(fd, files->fdt->open_fds);
	spin_unlock_irqrestore(&files->file_lock, f);
}

/* fd_install - put f (the caller's reference) in reserved slot fd. */
void fd_install(int fd, struct file *file)
{
	struct files_struct *files = current->files;
	unsigned long f = spin_lock_irqsave(&files->file_lock);

	files->fdt->fd[fd] = file;
	spin_unlock_irqrestore(&files->file_lock, f);
}

/* A reference to the file at fd of files (O_PATH ones too), or NULL. */
static struct file *files_fget(struct files_struct *files, int fd)
{
	struct file *file = NULL;
	unsigned long f;

	if (!files || fd < 0)
		return NULL;
	f = spin_lock_irqsave(&files->file_lock);
	if ((unsigned int)fd < files->fdt->max_fds) {
		file = files->fdt->fd[fd];
		if (file)
			get_file(file);
	}
	spin_unlock_irqrestore(&files->file_lock, f);
	return file;
}

/* fget_raw - a reference to the file at fd (O_PATH ones too), or NULL. */
struct file *fget_raw(int fd)
{
	return files_fget(current->files, fd);
}

/*
 * fget_task - a reference to the file at fd of task t (O_PATH ones
 * too), or NULL. The caller checked its right to look (pidfd_getfd,
 * kcmp). May sleep.
 */
struct file *fget_task(struct task_struct *t, int fd)
{
	struct files_struct *files = get_task_files(t);
	struct file *file = files_fget(files, fd);

	if (files)
		put_files_struct(files);
	return file;
}

/* fget - a reference to the file at fd, or NULL (also for O_PATH). */
struct file *fget(int fd)
{
	struct file *f = fget_raw(fd);

	if (f && (f->f_mode & FMODE_PATH)) {
		fput(f);
		return NULL;
	}
	return f;
}

/* Take file out of slot fd; the caller puts it. Holds file_lock. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = files->fdt;
	struct file *file;

	if (fd >= fdt->max_fds)
		return NULL;
	file = fdt->fd[fd];
	if (!file)
		return NULL;
	fdt->fd[fd] = NULL;
	clear_bit(fd, fdt->open_fds);
	clear_bit(fd, fdt->close_on_exec);
	return file;
}

/* close_fd - close fd of the current task: 0 or -EBADF. */
int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	unsigned long f = spin_lock_irqsave(&files->file_lock);
	struct file *file = pick_file(files, fd);

	spin_unlock_irqrestore(&files->file_lock, f);
	if (!file)
		return -EBADF;
	locks_remove_posix(file, files);
	return filp_close(file);
}

/* get_close_on_exec / set_close_on_exec - FD_CLOEXEC of an open fd. */
static bool files_close_on_exec(struct files_struct *files, int fd)
{
	unsigned long f = spin_lock_irqsave(&files->file_lock);
	bool r = (unsigned int)fd < files->fdt->max_fds &&
		 test_bit(fd, files->fdt->close_on_exec);

	spin_unlock_irqrestore(&files->file_lock, f);
	return r;
}

/* get_close_on_exec - is the caller's fd close-on-exec? Takes file_lock. */
bool get_close_on_exec(int fd)
{
	return files_close_on_exec(current->files, fd);
}

/* task_close_on_exec - is fd of t close-on-exec? (/proc fdinfo) */
bool task_close_on_exec(struct task_struct *t, int fd)
{
	struct files_struct *files = get_task_files(t);
	bool r = files && files_close_on_exec(files, fd);

	if (files)
		put_files_struct(files);
	return r;
}

/*
 * set_close_on_exec - set or clear the caller's fd's close-on-exec flag
 * (fd past the table: nothing). Takes file_lock; does not sleep.
 */
void set_close_on_exec(int fd, bool on)
{
	struct files_struct *files = current->files;
	unsigned long f = spin_lock_irqsave(&files->file_lock);

	if ((unsigned int)fd < files->fdt->max_fds) {
		if (on)
			set_bit(fd, files->fdt->close_on_exec);
		else
			clear_bit(fd, files->fdt->close_on_exec);
	}
	spin_unlock_irqrestore(&files->file_lock, f);
}

/*
 * replace_fd - install file (a new reference taken) at fd, closing
 * what was there: dup2's core. -EBADF beyond the limit, -EBUSY when fd
 * is reserved by an open in progress, -ENOMEM.
 */
int replace_fd(int fd, struct file *file, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *old;
	unsigned long f;
	int err;

	if ((unsigned long)fd >= rlimit_nofile())
		return -EBADF;
	f = spin_lock_irqsave(&files->file_lock);
	err = expand_files(files, fd, &f);
	if (err) {
		spin_unlock_irqrestore(&files->file_lock, f);
		return err == -EMFILE ? -EBADF : err;
	}
	old = files->fdt->fd[fd];
	if (!old && test_bit(fd, files->fdt->open_fds)) {
		spin_unlock_irqrestore(&files->file_lock, f);
		return -EBUSY;
	}
	files->fdt->fd[fd] = get_file(file);
	set_bit(fd, files->fdt->open_fds);
	if (flags & O_CLOEXEC)
		set_bit(fd, files->fdt->close_on_exec);
	else
		clear_bit(fd, files->fdt->close_on_exec);
	spin_unlock_irqrestore(&files->file_lock, f);
	if (old)
		filp_close(old);
	return fd;
}

/* Highest open fd + 1 of fdt (a word of the bitmap at a time). */
static unsigned int count_open_files(struct fdtable *fdt)
{
	unsigned int w = BITMAP_LONGS(fdt->max_fds);

	while (w--)
		if (fdt->open_fds[w])
			return w * BITS_PER_LONG + BITS_PER_LONG -
			       __builtin_clzl(fdt->open_fds[w]);
	return 0;
}

/*
 * The next used slot of bitmap word w from bits (what is left of the
 * word), clearing it: for walks over the open fds only. A slot with a
 * file always has its open_fds bit; a reserved one has the bit and no
 * file yet.
 */
static inline unsigned int next_fd_bit(unsigned int w, unsigned long *bits)
{
	unsigned int i = w * BITS_PER_LONG + __builtin_ctzl(*bits);

	*bits &= *bits - 1;
	return i;
}

/*
 * dup_fd - a copy of old: same files (new references), same flags.
 * Slots reserved by an open in progress are not copied.
 */
static struct files_struct *dup_fd(struct files_struct *old, int *err)
{
	struct files_struct *n = files_new_empty();
	unsigned int count, w;
	unsigned long f;

	*err = -ENOMEM;
	if (!n)
		return NULL;
	f = spin_lock_irqsave(&old->file_lock);
	while ((count = count_open_files(old->fdt)) > n->fdt->max_fds) {
		unsigned int size = old->fdt->max_fds;
		struct fdtable *fdt;

		spin_unlock_irqrestore(&old->file_lock, f);
		fdt = alloc_fdtable(size);
		free_fdtable(n, n->fdt);
		if (!fdt) {
			kfree(n);
			return NULL;
		}
		n->fdt = fdt;
		f = spin_lock_irqsave(&old->file_lock);
	}
	for (w = 0; w < BITMAP_LONGS(count); w++) {
		unsigned long bits = old->fdt->open_fds[w];

		while (bits) {
			unsigned int i = next_fd_bit(w, &bits);
			struct file *file = old->fdt->fd[i];

			if (!file)
				continue;
			n->fdt->fd[i] = get_file(file);
			set_bit(i, n->fdt->open_fds);
			if (test_bit(i, old->fdt->close_on_exec))
				set_bit(i, n->fdt->close_on_exec);
		}
	}
	spin_unlock_irqrestore(&old->file_lock, f);
	*err = 0;
	return n;
}

/* put_files_struct - drop a sharer; the last closes every file. */
void put_files_struct(struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	if (!atomic_dec_and_test(&files->count))
		return;
	for (unsigned int w = 0; w < BITMAP_LONGS(fdt->max_fds); w++) {
		unsigned long bits = fdt->open_fds[w];

		while (bits) {
			struct file *file = fdt->fd[next_fd_bit(w, &bits)];

			if (file) {
				locks_remove_posix(file, files);
				filp_close(file);
			}
		}
	}
	free_fdtable(files, fdt);
	kfree(files);
}

/*
 * copy_files - give the new task p the caller's fd table: shared with
 * CLONE_FILES, else a copy. 0 or -ENOMEM. Called from copy_process().
 */
int copy_files(unsigned long clone_flags, struct task_struct *p)
{
	struct files_struct *old = current->files;
	int err;

	if (!old) {
		p->files = NULL;
		return 0;
	}
	if (clone_flags & 0x400 /* CLONE_FILES */) {
		atomic_inc(&old->count);
		p->files = old;
		return 0;
	}
	p->files = dup_fd(old, &err);
	return err;
}

/* exit_files - p lets go of its fd table (exit). */
void exit_files(struct task_struct *p)
{
	struct files_struct *files = p->files;

	unsigned long f;

	if (!files)
		return;
	/* /proc readers take their reference under tasklist_lock. */
	f = write_lock_irqsave(&tasklist_lock);
	p->files = NULL;
	write_unlock_irqrestore(&tasklist_lock, f);
	put_files_struct(files);
}

/* get_task_files - t's fd table with a reference, or NULL (exited). */
struct files_struct *get_task_files(struct task_struct *t)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct files_struct *files = t->files;

	if (files)
		atomic_inc(&files->count);
	read_unlock_irqrestore(&tasklist_lock, f);
	return files;
}

/*
 * unshare_files - give current a private copy of a shared fd table
 * (exec does this before closing close-on-exec files). 0 or -ENOMEM.
 */
int unshare_files(void)
{
	struct files_struct *old = current->files, *n;
	unsigned long f;
	int err;

	if (!old || atomic_read(&old->count) == 1)
		return 0;
	n = dup_fd(old, &err);
	if (!n)
		return err;
	f = write_lock_irqsave(&tasklist_lock);
	current->files = n;
	write_unlock_irqrestore(&tasklist_lock, f);
	put_files_struct(old);
	return 0;
}

/* do_close_on_exec - close every FD_CLOEXEC file (exec). */
void do_close_on_exec(struct files_struct *files)
{
	unsigned int i;

	for (i = 0;; i++) {
		struct file *file = NULL;
		unsigned long f = spin_lock_irqsave(&files->file_lock);

		if (i >= files->fdt->max_fds) {
			spin_unlock_irqrestore(&files->file_lock, f);
			return;
		}
		if (test_bit(i, files->fdt->close_on_exec))
			file = pick_file(files, i);
		spin_unlock_irqrestore(&files->file_lock, f);
		if (file)
			filp_close(file);
	}
}

static long sys_close(unsigned int fd)
{
	int err = close_fd(fd);

	/* A close interrupted by a signal has still closed the fd. */
	if (err == -ERESTARTSYS)
		err = -EINTR;
	return err;
}
SYSCALL_ENTRY(close, sys_close);

static long sys_close_range(unsigned int fd, unsigned int max_fd,
			    unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned int i;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		int err = unshare_files();

		if (err)
			return err;
		files = current->files;
	}
	for (i = fd; i <= max_fd; i++) {
		struct file *file = NULL;
		unsigned long f = spin_lock_irqsave(&files->file_lock);

		if (i >= files->fdt->max_fds) {
			spin_unlock_irqrestore(&files->file_lock, f);
			break;
		}
		if (flags & CLOSE_RANGE_CLOEXEC) {
			if (test_bit(i, files->fdt->open_fds))
				set_bit(i, files->fdt->close_on_exec);
		} else {
			file = pick_file(files, i);
		}
		spin_unlock_irqrestore(&files->file_lock, f);
		if (file)
			filp_close(file);
	}
	return 0;
}
SYSCALL_ENTRY(close_range, sys_close_range);

/* ---- sysctl: fs.file-max, fs.file-nr, fs.nr_open ---- */

/* fs.file-nr: open files, 0 (freed, kept: none), the limit. */
static int proc_nr_files(const struct ctl_table *t, int write, char *buf,
			 size_t *lenp, off_t *ppos)
{
	unsigned long v[3] = { atomic_long_read(&nr_files), 0,
			       READ_ONCE(files_max) };
	struct ctl_table tmp = *t;

	tmp.data = v;
	return proc_doulongvec_minmax(&tmp, write, buf, lenp, ppos);
}

static const unsigned int nr_open_min = 8 * sizeof(long);
static const unsigned int nr_open_max = 0x3ffffff8;	/* Linux's, 64-bit */

static const struct ctl_table fs_table[] = {
	{ .procname = "file-max", .data = &files_max,
	  .maxlen = sizeof(files_max), .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "file-nr", .maxlen = 3 * sizeof(long), .mode = 0444,
	  .proc_handler = proc_nr_files },
	{ .procname = "nr_open", .data = &sysctl_nr_open,
	  .maxlen = sizeof(unsigned int), .mode = 0644,
	  .proc_handler = proc_douintvec_minmax, .extra1 = &nr_open_min,
	  .extra2 = &nr_open_max },
	{ }
};

static void files_sysctl_init(void)
{
	files_max = MAX(totalram_pages() * (PAGE_SIZE / 1024) / 10, 8192UL);
	register_sysctl("fs", fs_table);
}
__initcall(files_sysctl_init);
