/*
 * procfs: the filesystem, its root directory and the system-wide files.
 *
 * Nothing is stored: each directory is a static table of proc_entry
 * (plus the live pids in the root), its dentries are made on lookup
 * and freed when unused. A file's text is generated whole when it is
 * opened (seq_buf) and read from that snapshot, as seq_file does for
 * small files in Linux.
 */
#include <asm/arch.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

extern char saved_command_line[];

#define USER_HZ 100
#define NS_PER_TICK (1000000000ULL / USER_HZ)

static struct vfsmount *proc_mnt;
static const struct inode_operations proc_link_inode_operations;
static const struct inode_operations proc_file_inode_operations;
static const struct file_operations proc_file_operations;

/* --- inodes and directories --- */

static void proc_evict_inode(struct inode *i)
{
	kfree(i->i_private);
}

static const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = simple_statfs,
};

/* proc_get_task - the task a /proc/<pid> inode stands for, referenced. */
struct task_struct *proc_get_task(struct inode *i)
{
	struct proc_inode *pi = PROC_I(i);

	return pi->pid ? find_get_task_by_pid_ns(pi->pid, &init_pid_ns) : NULL;
}

/*
 * proc_make_inode - an inode for entry e (of task pid, and fd for
 * /proc/<pid>/fd/<fd>). Files of a task belong to its owner.
 */
struct inode *proc_make_inode(struct super_block *sb,
			      const struct proc_entry *e, pid_t pid, int fd)
{
	struct inode *i = new_inode(sb);
	struct proc_inode *pi = kzalloc(sizeof(*pi));

	if (!i || !pi) {
		kfree(pi);
		if (i)
			iput(i);
		return NULL;
	}
	pi->entry = e;
	pi->pid = pid;
	pi->fd = fd;
	i->i_private = pi;
	i->i_mode = e->mode;
	if (pid) {
		struct task_struct *t = proc_get_task(i);

		if (t) {
			task_dump_owner(t, i->i_mode, &i->i_uid, &i->i_gid);
			put_task_struct(t);
		}
	}
	if (S_ISDIR(e->mode)) {
		i->i_op = &proc_dir_inode_operations;
		i->i_fop = &proc_dir_operations;
		i->i_nlink = 2;
	} else if (S_ISLNK(e->mode)) {
		i->i_op = proc_link_iops(e, fd);
	} else {
		i->i_op = &proc_file_inode_operations;
		i->i_fop = &proc_file_operations;
	}
	return i;
}

/* Instantiate d as entry e of dir's task. */
static int proc_instantiate(struct inode *dir, struct dentry *d,
			    const struct proc_entry *e, pid_t pid, int fd)
{
	struct inode *i = proc_make_inode(dir->i_sb, e, pid, fd);

	if (!i)
		return -ENOMEM;
	d_add(d, i);
	return 0;
}

/* Is the task of a /proc/<pid> inode still there? */
static bool task_alive(struct inode *dir)
{
	struct task_struct *t;

	if (!PROC_I(dir)->pid)
		return true;
	t = proc_get_task(dir);
	if (!t)
		return false;
	put_task_struct(t);
	return true;
}

static int proc_dir_lookup(struct inode *dir, struct dentry *d)
{
	struct proc_inode *pi = PROC_I(dir);
	const struct proc_entry *e;

	if (!task_alive(dir))
		return -ENOENT;
	if (pi->entry->lookup) {
		int err = pi->entry->lookup(dir, d);

		if (err != -ENOENT || !pi->entry->children)
			return err;
	}
	for (e = pi->entry->children; e && e->name; e++)
		if (!strcmp(e->name, d->d_name))
			return proc_instantiate(dir, d, e, pi->pid, -1);
	return -ENOENT;
}

static int proc_dir_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	const struct proc_entry *e = pi->entry->children;
	off_t n;

	if (!task_alive(f->f_inode))
		return -ENOENT;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (n = 0; e && e[n].name; n++) {
		if (ctx->pos > n + 2)
			continue;
		if (!dir_emit(ctx, e[n].name, strlen(e[n].name),
			      f->f_inode->i_ino * 64 + n, (e[n].mode >> 12) & 15))
			return 0;
		ctx->pos = n + 3;
	}
	if (pi->entry->iterate)
		return pi->entry->iterate(f, ctx);
	return 0;
}

static int proc_setattr(struct dentry *d, struct iattr *ia)
{
	if (ia->ia_valid & (ATTR_UID | ATTR_GID | ATTR_SIZE))
		return -EPERM;
	return simple_setattr(d, ia);
}

const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_dir_lookup,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

static const struct inode_operations proc_file_inode_operations = {
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

const struct file_operations proc_dir_operations = {
	.iterate = proc_dir_readdir,
	.llseek = default_dir_llseek,
};

/* --- symlinks --- */

static long proc_readlink(struct dentry *d, char *buf, size_t len)
{
	const struct proc_entry *e = PROC_I(d->d_inode)->entry;
	struct task_struct *t = proc_get_task(d->d_inode);
	long n;

	if (PROC_I(d->d_inode)->pid && !t)
		return -ENOENT;
	n = proc_may_access(e, t, -1);
	if (!n)
		n = e->readlink ? e->readlink(t, buf, len) : -EINVAL;
	if (t)
		put_task_struct(t);
	return n;
}

static int proc_get_link_path(struct dentry *d, struct path *p)
{
	struct proc_inode *pi = PROC_I(d->d_inode);
	struct task_struct *t = proc_get_task(d->d_inode);
	int err;

	if (!t)
		return -ENOENT;
	err = proc_may_access(pi->entry, t, pi->fd);
	if (!err)
		err = pi->fd >= 0 ? proc_fd_path(t, pi->fd, p)
				  : pi->entry->get_path(t, p);
	put_task_struct(t);
	return err;
}

/* Links either have text (readlink) or are magic (get_path). */
static long proc_link_readlink(struct dentry *d, char *buf, size_t len)
{
	struct proc_inode *pi = PROC_I(d->d_inode);
	struct path p;
	char *tmp, *s;
	long n;
	int err;

	if (pi->entry->readlink)
		return proc_readlink(d, buf, len);
	err = proc_get_link_path(d, &p);
	if (err)
		return err;
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp) {
		path_put(&p);
		return -ENOMEM;
	}
	s = d_path(&p, tmp, PATH_MAX);
	path_put(&p);
	n = IS_ERR(s) ? PTR_ERR(s) : (long)MIN(strlen(s), len);
	if (n > 0)
		memcpy(buf, s, n);
	kfree(tmp);
	return n;
}

static const struct inode_operations proc_link_inode_operations = {
	.readlink = proc_link_readlink,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

/* Used by the walk: text links are followed as text. */
static int proc_link_get_path(struct dentry *d, struct path *p)
{
	return proc_get_link_path(d, p);
}

static const struct inode_operations proc_magic_link_inode_operations = {
	.readlink = proc_link_readlink,
	.get_path = proc_link_get_path,
	.setattr = proc_setattr,
	.permission = proc_permission,
	.getattr = proc_getattr,
};

/* proc_link_iops - the operations for a link entry (text or magic). */
const struct inode_operations *proc_link_iops(const struct proc_entry *e,
					      int fd)
{
	if (fd >= 0 || e->get_path)
		return &proc_magic_link_inode_operations;
	return &proc_link_inode_operations;
}

/* --- generated files --- */

struct show_arg {
	const struct proc_entry *e;
	struct task_struct *t;
	int fd;				/* for show_fd() */
};

static int show_one(struct seq_buf *m, void *arg)
{
	struct show_arg *a = arg;

	if (a->e->show_fd)
		return a->e->show_fd(m, a->t, a->fd);
	return a->e->show(m, a->t);
}

static int proc_file_open(struct inode *i, struct file *f)
{
	const struct proc_entry *e = PROC_I(i)->entry;
	struct show_arg a = { e, proc_get_task(i), PROC_I(i)->fd };
	struct seq_buf *m;
	int err = 0;

	if (PROC_I(i)->pid && !a.t)
		return -ENOENT;
	err = proc_may_access(e, a.t, -1);
	if (!err && e->open)
		err = e->open(f, a.t);
	if (err) {
		if (a.t)
			put_task_struct(a.t);
		return err;
	}
	m = kzalloc(sizeof(*m));
	if (!m)
		err = -ENOMEM;
	else if ((e->show || e->show_fd) && (f->f_mode & FMODE_READ))
		err = seq_generate(m, show_one, &a);
	if (a.t)
		put_task_struct(a.t);
	if (err) {
		kfree(m);
		return err;
	}
	f->private_data = m;
	return 0;
}

/* Generate the file's text anew, as seq_file does on a read at 0. */
static int proc_regenerate(struct file *f)
{
	const struct proc_entry *e = PROC_I(f->f_inode)->entry;
	struct show_arg a = { e, proc_get_task(f->f_inode),
			      PROC_I(f->f_inode)->fd };
	struct seq_buf *m = f->private_data, fresh = { 0 };
	int err;

	if ((!e->show && !e->show_fd) || (PROC_I(f->f_inode)->pid && !a.t))
		return 0;
	err = seq_generate(&fresh, show_one, &a);
	if (a.t)
		put_task_struct(a.t);
	if (err)
		return err;
	kfree(m->buf);
	*m = fresh;
	return 0;
}

static ssize_t proc_do_read(struct file *f, void *buf, size_t n, off_t *pos,
			    bool user)
{
	struct seq_buf *m = f->private_data;

	/* A read from the start (after lseek 0) sees the current state. */
	if (*pos == 0 && m->buf) {
		int err = proc_regenerate(f);
		if (err)
			return err;
	}

	if (*pos >= (off_t)m->len)
		return 0;
	n = MIN(n, m->len - *pos);
	if (!user)
		memcpy(buf, m->buf + *pos, n);
	else if (copy_to_user(buf, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static ssize_t proc_file_read(struct file *f, char __user *buf, size_t n,
			      off_t *pos)
{
	return proc_do_read(f, buf, n, pos, true);
}

static ssize_t proc_file_kread(struct file *f, void *buf, size_t n,
			       off_t *pos)
{
	return proc_do_read(f, buf, n, pos, false);
}

static ssize_t proc_file_write(struct file *f, const char __user *buf,
			       size_t n, off_t *pos)
{
	const struct proc_entry *e = PROC_I(f->f_inode)->entry;
	struct task_struct *t;
	char *kbuf;
	ssize_t r;

	if (!e->write && !e->write_file)
		return -EIO;
	if (n >= PAGE_SIZE)
		return -EINVAL;
	kbuf = kmalloc(n + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (copy_from_user(kbuf, buf, n)) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[n] = 0;
	t = proc_get_task(f->f_inode);
	if (PROC_I(f->f_inode)->pid && !t)
		r = -ESRCH;
	else if (e->write_file)
		r = e->write_file(f, t, kbuf, n, *pos);
	else
		r = e->write(t, kbuf, n);
	if (t)
		put_task_struct(t);
	kfree(kbuf);
	if (r > 0)
		*pos += r;
	return r;
}

static off_t proc_file_llseek(struct file *f, off_t off, int whence)
{
	struct seq_buf *m = f->private_data;

	if (whence == SEEK_END)
		off += m->len;
	else if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

static int proc_file_release(struct inode *i, struct file *f)
{
	struct seq_buf *m = f->private_data;

	if (m) {
		kfree(m->buf);
		kfree(m);
	}
	return 0;
}

static const struct file_operations proc_file_operations = {
	.open = proc_file_open,
	.read = proc_file_read,
	.kread = proc_file_kread,
	.write = proc_file_write,
	.llseek = proc_file_llseek,
	.release = proc_file_release,
};

/* --- system-wide files --- */

/* One "Key:   value kB" line of /proc/meminfo, aligned as Linux's. */
static void meminfo_kb(struct seq_buf *m, const char *key, unsigned long kb)
{
	seq_printf(m, "%-16s%8lu kB\n", key, kb);
}

/* /proc/meminfo: Linux's keys in Linux's order; what we lack reads 0. */
/*
 * slabinfo, in Linux's version 2.1 layout: one line per kmalloc size
 * class (active objects, total objects, object size, objects per slab,
 * pages per slab), then "kmalloc-large" for page-sized allocations.
 */
static int slabinfo_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long size, active, total, all = nr_kmalloc_objects();

	kmalloc_drain_cpu_caches();
	seq_printf(m, "slabinfo - version: 2.1\n# name            <active_objs> "
		   "<num_objs> <objsize> <objperslab> <pagesperslab>\n");
	for (int c = 0; kmalloc_class_stats(c, &size, &active, &total); c++) {
		seq_printf(m, "kmalloc-%-9lu %6lu %6lu %6lu %4lu %4d\n", size,
			   active, total, size, PAGE_SIZE / size, 1);
		all -= MIN(all, active);
	}
	seq_printf(m, "kmalloc-large     %6lu %6lu %6lu %4d %4d\n", all, all,
		   PAGE_SIZE, 1, 1);
	return 0;
}

static int meminfo_show(struct seq_buf *m, struct task_struct *t)
{
	static const char *const zeros1[] = {
		"Buffers:", "Cached:", "SwapCached:", "Active:", "Inactive:",
		"Active(anon):", "Inactive(anon):", "Active(file):",
		"Inactive(file):", "Unevictable:", "Mlocked:", "SwapTotal:",
		"SwapFree:", "Zswap:", "Zswapped:", "Dirty:", "Writeback:",
		"AnonPages:", "Mapped:", "Shmem:", "KReclaimable:", "Slab:",
		"SReclaimable:", "SUnreclaim:", "KernelStack:", "PageTables:",
		"SecPageTables:", "NFS_Unstable:", "Bounce:", "WritebackTmp:",
	};
	static const char *const zeros2[] = {
		"VmallocUsed:", "VmallocChunk:", "Percpu:",
		"HardwareCorrupted:", "AnonHugePages:", "ShmemHugePages:",
		"ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:",
	};
	unsigned long total, free, shmem;
	unsigned int i;

	kmalloc_drain_cpu_caches();	/* their pages count as free */
	total = totalram_pages() * 4;
	free = nr_free_pages() * 4;
	shmem = atomic_long_read(&ramfs_nr_pages) * 4;

	meminfo_kb(m, "MemTotal:", total);
	meminfo_kb(m, "MemFree:", free);
	meminfo_kb(m, "MemAvailable:", free);
	for (i = 0; i < ARRAY_SIZE(zeros1); i++) {
		bool sh = !strcmp(zeros1[i], "Cached:") ||
			  !strcmp(zeros1[i], "Shmem:");

		meminfo_kb(m, zeros1[i], sh ? shmem : 0);
	}
	meminfo_kb(m, "CommitLimit:", total / 2);
	meminfo_kb(m, "Committed_AS:", total > free ? total - free : 0);
	meminfo_kb(m, "VmallocTotal:", 34359738367UL);
	for (i = 0; i < ARRAY_SIZE(zeros2); i++)
		seq_printf(m, "%s%*lu kB\n", zeros2[i],
			   MAX(24 - (int)strlen(zeros2[i]), 6), 0UL);
	seq_printf(m, "HugePages_Total:%8d\nHugePages_Free: %8d\n"
		      "HugePages_Rsvd: %8d\nHugePages_Surp: %8d\n", 0, 0, 0, 0);
	meminfo_kb(m, "Hugepagesize:", 2048);
	meminfo_kb(m, "Hugetlb:", 0);
	meminfo_kb(m, "DirectMap4k:", 0);
	meminfo_kb(m, "DirectMap2M:", total);
	return 0;
}

static int cpuinfo_show(struct seq_buf *m, struct task_struct *t)
{
	arch_show_cpuinfo(m);
	return 0;
}

static int cmdline_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", saved_command_line);
	return 0;
}

/* Sum of user and system time of every task, in ns. */
static void total_times(u64 *user, u64 *sys, u64 *switches, int *running,
			int *nr)
{
	struct task_struct *p;
	unsigned long f = read_lock_irqsave(&tasklist_lock);

	*user = *sys = *switches = 0;
	*running = *nr = 0;
	list_for_each_entry(p, &task_list, tasks) {
		*user += p->utime;
		*sys += p->stime;
		*switches += p->nvcsw + p->nivcsw;
		(*nr)++;
		if (p->state == TASK_RUNNING && !p->exit_state)
			(*running)++;
	}
	read_unlock_irqrestore(&tasklist_lock, f);
}

/* /proc/uptime: time since boot, and the idle time of all CPUs. */
static int uptime_show(struct seq_buf *m, struct task_struct *t)
{
	u64 up = ktime_get_ns(), idle = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		idle += READ_ONCE(per_cpu_ptr(cpu)->cpustat[CPUTIME_IDLE]);
	idle *= 1000000000ULL / HZ;
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / 1000000000),
		   (unsigned long)(up / 10000000 % 100),
		   (unsigned long)(idle / 1000000000),
		   (unsigned long)(idle / 10000000 % 100));
	return 0;
}

static int version_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s version %s (tine@tine) (gcc) %s\n",
		   init_uts_ns.sysname, init_uts_ns.release,
		   init_uts_ns.version);
	return 0;
}

static int loadavg_show(struct seq_buf *m, struct task_struct *t)
{
	u64 user, sys, sw;
	int running, nr;

	total_times(&user, &sys, &sw, &running, &nr);
	seq_printf(m, "0.00 0.00 0.00 %d/%d %d\n", running, nr,
		   READ_ONCE(init_pid_ns.last_pid));
	return 0;
}

/* The columns tine counts: user nice system idle iowait irq. */
#define STAT_COLS 6

/* One /proc/stat cpu line: ticks (HZ) of each kind, in USER_HZ. */
static void show_cpustat(struct seq_buf *m, const char *name,
			 const u64 *ticks)
{
	seq_printf(m, "%s", name);
	for (int i = 0; i < STAT_COLS; i++)
		seq_printf(m, " %lu", (unsigned long)(ticks[i] * USER_HZ / HZ));
	seq_puts(m, " 0 0 0 0\n");	/* softirq steal guest guest_nice */
}

/* cpu's ticks in /proc/stat's column order. */
static void cpu_ticks(unsigned int cpu, u64 *out)
{
	const u64 *t = per_cpu_ptr(cpu)->cpustat;

	out[0] = READ_ONCE(t[CPUTIME_USER]);
	out[1] = READ_ONCE(t[CPUTIME_NICE]);
	out[2] = READ_ONCE(t[CPUTIME_SYSTEM]);
	out[3] = READ_ONCE(t[CPUTIME_IDLE]);
	out[4] = 0;				/* iowait: not tracked */
	out[5] = READ_ONCE(t[CPUTIME_IRQ]);
}

static int stat_show(struct seq_buf *m, struct task_struct *t)
{
	u64 up = ktime_get_ns(), user, sys, sw, intr = 0;
	u64 btime = (ktime_get_real_ns() - up) / 1000000000;
	u64 all[STAT_COLS] = { 0 }, one[STAT_COLS];
	unsigned int cpu;
	int running, nr;
	char name[16];

	total_times(&user, &sys, &sw, &running, &nr);
	for_each_online_cpu(cpu) {
		cpu_ticks(cpu, one);
		for (int i = 0; i < STAT_COLS; i++)
			all[i] += one[i];
		intr += READ_ONCE(per_cpu_ptr(cpu)->irqs);
	}
	show_cpustat(m, "cpu ", all);
	for_each_online_cpu(cpu) {
		cpu_ticks(cpu, one);
		snprintf(name, sizeof(name), "cpu%u", cpu);
		show_cpustat(m, name, one);
	}
	seq_printf(m, "intr %lu\nctxt %lu\nbtime %lu\nprocesses %d\n",
		   (unsigned long)intr, (unsigned long)sw,
		   (unsigned long)btime, READ_ONCE(init_pid_ns.last_pid));
	seq_printf(m, "procs_running %d\nprocs_blocked 0\nsoftirq 0\n",
		   running);
	return 0;
}

static int filesystems_show(struct seq_buf *m, struct task_struct *t)
{
	show_filesystems(m);
	return 0;
}

static int self_readlink(struct task_struct *t, char *buf, size_t len)
{
	char tmp[16];
	int n = snprintf(tmp, sizeof(tmp), "%d", current->tgid);

	n = MIN((size_t)n, len);
	memcpy(buf, tmp, n);
	return n;
}

static int mounts_readlink(struct task_struct *t, char *buf, size_t len)
{
	size_t n = MIN(strlen("self/mounts"), len);

	memcpy(buf, "self/mounts", n);
	return n;
}

static int pid_max_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%d\n", READ_ONCE(pid_max));
	return 0;
}

static ssize_t pid_max_write(struct task_struct *t, const char *buf,
			     size_t n)
{
	const char *end;
	unsigned long v = simple_strtoul(buf, &end, 10);

	if (end == buf || (*end && *end != '\n'))
		return -EINVAL;
	if (v < 301 || v > 4194304)
		return -EINVAL;
	WRITE_ONCE(pid_max, (int)v);
	return n;
}

static int threads_max_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%d\n", READ_ONCE(max_threads));
	return 0;
}

/* threads-max: 1..MAX_THREADS (Linux's sysctl_max_threads bounds). */
static ssize_t threads_max_write(struct task_struct *t, const char *buf,
				 size_t n)
{
	long v;

	while (*buf == ' ' || *buf == '\t')
		buf++;
	if (kstrtol(buf, 10, &v) || v < 1 || v > MAX_THREADS)
		return -EINVAL;
	WRITE_ONCE(max_threads, (int)v);
	return n;
}

static int hostname_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", current->nsproxy->uts_ns->nodename);
	return 0;
}

static ssize_t hostname_write(struct task_struct *t, const char *buf,
			      size_t n)
{
	char *name = current->nsproxy->uts_ns->nodename;
	size_t len = n;

	if (len && buf[len - 1] == '\n')
		len--;
	if (len > 64)
		return -EINVAL;
	memcpy(name, buf, len);
	name[len] = 0;
	return n;
}

static int ostype_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", init_uts_ns.sysname);
	return 0;
}

static int osrelease_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", current->nsproxy->uts_ns->release);
	return 0;
}

static const struct proc_entry sys_kernel_entries[] = {
	{ .name = "hostname", .mode = S_IFREG | 0644, .show = hostname_show,
	  .write = hostname_write },
	{ .name = "osrelease", .mode = S_IFREG | 0444,
	  .show = osrelease_show },
	{ .name = "ostype", .mode = S_IFREG | 0444, .show = ostype_show },
	{ .name = "pid_max", .mode = S_IFREG | 0644, .show = pid_max_show,
	  .write = pid_max_write },
	{ .name = "threads-max", .mode = S_IFREG | 0644,
	  .show = threads_max_show, .write = threads_max_write },
	{ .name = NULL },
};

static const struct proc_entry sys_user_entries[] = {
	{ .name = "max_user_namespaces", .mode = S_IFREG | 0644,
	  .show = proc_max_user_namespaces_show,
	  .write = proc_max_user_namespaces_write,
	  .permission = proc_max_user_namespaces_permission },
	{ .name = NULL },
};

static const struct proc_entry sys_entries[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555,
	  .children = sys_kernel_entries },
	{ .name = "user", .mode = S_IFDIR | 0555,
	  .children = sys_user_entries },
	{ .name = NULL },
};

static const struct proc_entry root_entries[] = {
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = cmdline_show },
	{ .name = "cpuinfo", .mode = S_IFREG | 0444, .show = cpuinfo_show },
	{ .name = "filesystems", .mode = S_IFREG | 0444,
	  .show = filesystems_show },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = loadavg_show },
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = meminfo_show },
	{ .name = "mounts", .mode = S_IFLNK | 0777,
	  .readlink = mounts_readlink },
	{ .name = "self", .mode = S_IFLNK | 0777, .readlink = self_readlink },
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = slabinfo_show },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = stat_show },
	{ .name = "sys", .mode = S_IFDIR | 0555, .children = sys_entries },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = uptime_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = version_show },
	{ .name = NULL },
};

static const struct proc_entry proc_root_entry = {
	.name = "/",
	.mode = S_IFDIR | 0555,
	.children = root_entries,
	.lookup = proc_pid_lookup,
	.iterate = proc_pid_readdir,
};

/* proc is one instance shared by every mount (one pid namespace). */
static struct super_block *proc_mount(struct file_system_type *t, int flags,
				      const char *dev, void *data)
{
	struct super_block *sb;
	struct inode *root;

	if (proc_mnt)
		return proc_mnt->mnt_sb;
	sb = alloc_super(t, &proc_sops, PROC_SUPER_MAGIC);
	if (!sb)
		return ERR_PTR(-ENOMEM);
	root = proc_make_inode(sb, &proc_root_entry, 0, -1);
	if (!root) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	root->i_ino = 1;
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.nodev = true,
	.mount = proc_mount,
	.kill_sb = kill_anon_super,
};

/* proc_root_init - register proc and make its instance (boot). */
void proc_root_init(void)
{
	register_filesystem(&proc_fs_type);
	proc_mnt = kern_mount(&proc_fs_type);
	if (IS_ERR(proc_mnt))
		panic("proc: %ld", PTR_ERR(proc_mnt));
}
