/*
 * /proc/<pid>: one directory per live process (thread group), made on
 * lookup. Task fields are read under tasklist_lock; the task's files,
 * fs and mm are borrowed with a reference.
 */
#include <tine/coredump.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/oom.h>
#include <tine/mm_types.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/tty.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define USER_HZ 100
#define NS_PER_TICK (1000000000ULL / USER_HZ)
#define PID_POS_BASE 0x10000		/* readdir positions of pid dirs */

static unsigned long ticks(u64 ns)
{
	return ns / NS_PER_TICK;
}

static char task_state_char(struct task_struct *t, const char **name)
{
	long s = READ_ONCE(t->state);

	if (t->exit_state & EXIT_ZOMBIE)
		return *name = "zombie", 'Z';
	if (t->exit_state & EXIT_DEAD)
		return *name = "dead", 'X';
	if (s == TASK_RUNNING)
		return *name = "running", 'R';
	if (s & __TASK_TRACED)
		return *name = "tracing stop", 't';
	if (s & __TASK_STOPPED)
		return *name = "stopped", 'T';
	if (s & TASK_UNINTERRUPTIBLE)
		return *name = "disk sleep", 'D';
	return *name = "sleeping", 'S';
}

/* What stat and status print, gathered under tasklist_lock. */
struct task_info {
	char comm[TASK_COMM_LEN];
	char state;
	const char *state_name;
	pid_t pid, tgid, ppid, pgrp, session, tpgid;
	unsigned int tty_nr, flags;
	int nr_threads, exit_signal, exit_code;
	u64 utime, stime, cutime, cstime, start_time;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	unsigned long pending, shpending, blocked, ignored, caught;
	unsigned long nvcsw, nivcsw;
	int prio, nice;			/* stat 18, 19 (task_prio, task_nice) */
	unsigned int cpu, rt_priority, policy;	/* stat 39, 40, 41 */
	struct cpumask cpus_allowed;
	pid_t tracer;			/* TracerPid (proc's namespace) */
	/* ids in each namespace from the initial one (proc's) down to the
	 * task's own: NStgid, NSpid, NSpgid, NSsid in status */
	int ns_level;
	pid_t ns_tgid[MAX_PID_NS_LEVEL + 1], ns_pid[MAX_PID_NS_LEVEL + 1];
	pid_t ns_pgid[MAX_PID_NS_LEVEL + 1], ns_sid[MAX_PID_NS_LEVEL + 1];
};

static void gather_sigs(struct task_struct *t, struct task_info *ti)
{
	int sig;

	ti->pending = t->pending.signal.sig[0];
	ti->blocked = t->blocked.sig[0];
	if (t->signal)
		ti->shpending = t->signal->shared_pending.signal.sig[0];
	if (!t->sighand)
		return;
	for (sig = 1; sig <= 64; sig++) {
		void *h = t->sighand->action[sig - 1].handler;

		if (h == SIG_IGN)
			ti->ignored |= 1UL << (sig - 1);
		else if (h != SIG_DFL)
			ti->caught |= 1UL << (sig - 1);
	}
}

/* The ids of t at each level of its namespaces. tasklist_lock held. */
static void gather_ns_ids(struct task_struct *t, struct task_info *ti)
{
	struct pid *pid = t->thread_pid;
	unsigned int i;

	assert_rwlock_held(&tasklist_lock);
	if (!pid) {
		ti->ns_pid[0] = ti->ns_tgid[0] = t->pid;
		ti->ns_pgid[0] = ti->pgrp;
		ti->ns_sid[0] = ti->session;
		return;
	}
	ti->ns_level = pid->level;
	for (i = 0; i <= pid->level; i++) {
		struct pid_namespace *ns = pid->numbers[i].ns;

		ti->ns_pid[i] = pid->numbers[i].nr;
		ti->ns_tgid[i] = task_tgid_nr_ns(t, ns);
		ti->ns_pgid[i] = pid_nr_ns(task_pgrp(t), ns);
		ti->ns_sid[i] = pid_nr_ns(task_session(t), ns);
	}
}

static void gather(struct task_struct *t, struct task_info *ti)
{
	struct tty_struct *tty;
	struct task_struct *th;
	unsigned long f = read_lock_irqsave(&tasklist_lock);

	memset(ti, 0, sizeof(*ti));
	memcpy(ti->comm, t->comm, TASK_COMM_LEN);
	ti->comm[TASK_COMM_LEN - 1] = 0;
	ti->state = task_state_char(t, &ti->state_name);
	ti->pid = t->pid;
	ti->tgid = t->tgid;
	ti->ppid = (t->real_parent && t->real_parent != t && t->pid != 1) ?
		t->real_parent->tgid : 0;
	ti->flags = t->flags;
	ti->exit_signal = t->exit_signal;
	ti->exit_code = t->exit_code;
	ti->start_time = t->start_time;
	ti->prio = task_prio(t);
	ti->nice = task_nice(t);
	ti->cpu = task_cpu(t);
	ti->rt_priority = READ_ONCE(t->rt_priority);
	ti->policy = READ_ONCE(t->policy);
	ti->cpus_allowed = t->cpus_allowed;
	if (t->ptrace && t->parent)
		ti->tracer = t->parent->tgid;
	ti->tpgid = -1;
	if (t->signal) {
		ti->pgrp = pid_nr_ns(task_pgrp(t), &init_pid_ns);
		ti->session = pid_nr_ns(task_session(t), &init_pid_ns);
		ti->nr_threads = t->signal->nr_threads;
		ti->cutime = t->signal->cutime;
		ti->cstime = t->signal->cstime;
		ti->cmin_flt = t->signal->cmin_flt;
		ti->cmaj_flt = t->signal->cmaj_flt;
		tty = get_task_tty(t);
		if (tty) {
			ti->tty_nr = tty_devnum(tty);
			ti->tpgid = tty_get_pgrp(tty);
			tty_kref_put(tty);
		}
		list_for_each_entry(th, &t->signal->thread_head, thread_node) {
			ti->utime += th->utime;
			ti->stime += th->stime;
			ti->min_flt += th->min_flt;
			ti->maj_flt += th->maj_flt;
			ti->nvcsw += th->nvcsw;
			ti->nivcsw += th->nivcsw;
		}
	}
	if (!ti->nr_threads) {
		ti->nr_threads = 1;
		ti->utime = t->utime;
		ti->stime = t->stime;
	}
	gather_ns_ids(t, ti);
	gather_sigs(t, ti);
	read_unlock_irqrestore(&tasklist_lock, f);
}

/*
 * stat: the addresses in a task's memory and its exit code are shown
 * only to those who may ptrace-read it (Linux shows 1/0 instead).
 */
static int stat_show(struct seq_buf *m, struct task_struct *t)
{
	struct task_info ti;
	struct mm_struct *mm = get_task_mm(t);
	unsigned long vsize = 0, start_code = 0, end_code = 0, stack = 0;
	unsigned long sd = 0, ed = 0, brk = 0, as = 0, ae = 0, es = 0, ee = 0;
	bool permitted = ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS |
						     PTRACE_MODE_NOAUDIT);

	gather(t, &ti);
	if (!permitted)
		ti.exit_code = 0;
	if (mm) {
		vsize = mm->total_vm * PAGE_SIZE;
		start_code = end_code = 1;
		if (permitted) {
			start_code = mm->start_code;
			end_code = mm->end_code;
			stack = mm->start_stack;
			sd = mm->start_data;
			ed = mm->end_data;
			brk = mm->start_brk;
			as = mm->arg_start;
			ae = mm->arg_end;
			es = mm->env_start;
			ee = mm->env_end;
		}
		mmput(mm);
	}
	seq_printf(m, "%d (%s) %c %d %d %d %u %d %u %lu %lu %lu %lu ", ti.pid,
		   ti.comm, ti.state, ti.ppid, ti.pgrp, ti.session, ti.tty_nr,
		   ti.tpgid, ti.flags, ti.min_flt, ti.cmin_flt, ti.maj_flt,
		   ti.cmaj_flt);
	seq_printf(m, "%lu %lu %lu %lu %d %d %d 0 %lu %lu %lu %lu ",
		   ticks(ti.utime), ticks(ti.stime), ticks(ti.cutime),
		   ticks(ti.cstime), ti.prio, ti.nice, ti.nr_threads,
		   ticks(ti.start_time), vsize, 0UL, ~0UL);
	seq_printf(m, "%lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d %u %u %u 0 0 0 ",
		   start_code, end_code, stack, ti.pending | ti.shpending,
		   ti.blocked, ti.ignored, ti.caught, ti.exit_signal, ti.cpu,
		   ti.rt_priority, ti.policy);
	seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n", sd, ed, brk, as, ae,
		   es, ee, ti.exit_code);
	return 0;
}

static void show_ids(struct seq_buf *m, const char *tag, const pid_t *ids,
		     int level)
{
	int i;

	seq_printf(m, "%s:", tag);
	for (i = 0; i <= level; i++)
		seq_printf(m, "\t%d", ids[i]);
	seq_putc(m, '\n');
}

/* Sizes of an address space for status, in kB. */
struct vm_sizes {
	unsigned long size, data, stk, exe;
};

static bool vm_sizes(struct task_struct *t, struct vm_sizes *v)
{
	struct mm_struct *mm = get_task_mm(t);

	memset(v, 0, sizeof(*v));
	if (!mm)
		return false;
	v->size = mm->total_vm * 4;
	v->data = mm->brk > mm->start_data ? (mm->brk - mm->start_data) >> 10
					   : 0;
	v->stk = 132;
	v->exe = (mm->end_code - mm->start_code) >> 10;
	mmput(mm);
	return true;
}

static void status_mem(struct seq_buf *m, const struct vm_sizes *v)
{
	static const char *const zero[] = { "VmLck:", "VmPin:" };
	unsigned int i;

	seq_printf(m, "%s\t%8lu kB\n%s\t%8lu kB\n", "VmPeak:", v->size,
		   "VmSize:", v->size);
	for (i = 0; i < ARRAY_SIZE(zero); i++)
		seq_printf(m, "%s\t%8lu kB\n", zero[i], 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n", v->size, v->size);
	seq_printf(m, "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
		      "RssShmem:\t%8lu kB\n", v->size, 0UL, 0UL);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
		   v->data, v->stk, v->exe);
	seq_printf(m, "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
		   0UL, 0UL, 0UL);
	seq_printf(m, "HugetlbPages:\t%8lu kB\nCoreDumping:\t0\n"
		      "THP_enabled:\t0\n", 0UL);
}

/* A CPU mask as Linux's %*pb: nr_cpu_ids bits in hex, most significant
 * first, a comma between 32-bit groups. */
static void show_cpumask(struct seq_buf *m, const struct cpumask *mask)
{
	int digits = (nr_cpu_ids + 3) / 4, d;

	for (d = digits - 1; d >= 0; d--) {
		unsigned int nib = 0;

		for (int b = 0; b < 4; b++) {
			unsigned int cpu = d * 4 + b;

			if (cpu < nr_cpu_ids && cpumask_test_cpu(cpu, mask))
				nib |= 1U << b;
		}
		seq_putc(m, "0123456789abcdef"[nib]);
		if (d && d % 8 == 0)
			seq_putc(m, ',');
	}
}

/* A CPU mask as Linux's %*pbl: ranges, "0-3,6". */
static void show_cpulist(struct seq_buf *m, const struct cpumask *mask)
{
	unsigned int cpu = 0, end;
	bool first = true;

	while ((cpu = cpumask_next_from(cpu, mask)) < nr_cpu_ids) {
		for (end = cpu; end + 1 < nr_cpu_ids &&
				cpumask_test_cpu(end + 1, mask);
		     end++)
			;
		seq_printf(m, first ? "%u" : ",%u", cpu);
		if (end > cpu)
			seq_printf(m, "-%u", end);
		first = false;
		cpu = end + 1;
	}
}

/* Uid, Gid (real, effective, saved, fs) and Groups, as the reader's
 * user namespace sees them. */
static void status_ids(struct seq_buf *m, const struct cred *c,
		       unsigned int fdsize)
{
	struct user_namespace *ns = current_user_ns();
	const struct group_info *gi = c->group_info;
	int i;

	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", from_kuid_munged(ns, c->uid),
		   from_kuid_munged(ns, c->euid), from_kuid_munged(ns, c->suid),
		   from_kuid_munged(ns, c->fsuid));
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", from_kgid_munged(ns, c->gid),
		   from_kgid_munged(ns, c->egid), from_kgid_munged(ns, c->sgid),
		   from_kgid_munged(ns, c->fsgid));
	seq_printf(m, "FDSize:\t%u\nGroups:\t", fdsize);
	for (i = 0; i < gi->ngroups; i++)
		seq_printf(m, i ? " %u" : "%u", from_kgid_munged(ns, gi->gid[i]));
	seq_puts(m, " \n");
}

static void status_caps(struct seq_buf *m, const struct cred *c,
			bool no_new_privs, const struct task_info *ti)
{
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n",
		   (unsigned long long)c->cap_inheritable,
		   (unsigned long long)c->cap_permitted,
		   (unsigned long long)c->cap_effective);
	seq_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\nNoNewPrivs:\t%d\n",
		   (unsigned long long)c->cap_bset,
		   (unsigned long long)c->cap_ambient, no_new_privs);
	seq_puts(m, "Seccomp:\t0\nSeccomp_filters:\t0\n");
	seq_puts(m, "Cpus_allowed:\t");
	show_cpumask(m, &ti->cpus_allowed);
	seq_puts(m, "\nCpus_allowed_list:\t");
	show_cpulist(m, &ti->cpus_allowed);
	seq_puts(m, "\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
}

/* /proc/<pid>/status, in Linux's order (fields we lack read 0). */
static int status_show(struct seq_buf *m, struct task_struct *t)
{
	struct task_info ti;
	struct vm_sizes v;
	bool has_mm = vm_sizes(t, &v);
	struct files_struct *files = get_task_files(t);
	unsigned int fdsize = files ? files->fdt->max_fds : 0;
	const struct cred *c = get_task_cred(t);

	if (files)
		put_files_struct(files);
	gather(t, &ti);
	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\n", ti.comm,
		   t->fs ? t->fs->umask : 022, ti.state, ti.state_name);
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		      "TracerPid:\t%d\n", ti.tgid, ti.pid, ti.ppid, ti.tracer);
	status_ids(m, c, fdsize);
	show_ids(m, "NStgid", ti.ns_tgid, ti.ns_level);
	show_ids(m, "NSpid", ti.ns_pid, ti.ns_level);
	show_ids(m, "NSpgid", ti.ns_pgid, ti.ns_level);
	show_ids(m, "NSsid", ti.ns_sid, ti.ns_level);
	if (has_mm)
		status_mem(m, &v);
	seq_printf(m, "Threads:\t%d\nSigQ:\t0/%lu\n", ti.nr_threads,
		   t->signal ? t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur : 0);
	seq_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n"
		      "SigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		   ti.pending, ti.shpending, ti.blocked, ti.ignored, ti.caught);
	status_caps(m, c, READ_ONCE(t->no_new_privs), &ti);
	put_cred(c);
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\n"
		      "nonvoluntary_ctxt_switches:\t%lu\n", ti.nvcsw,
		   ti.nivcsw);
	return 0;
}

static int statm_show(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);
	unsigned long vm = 0, text = 0;

	unsigned long rss = 0, shared = 0;

	if (mm) {
		vm = mm->total_vm;
		text = (mm->end_code - mm->start_code) >> PAGE_SHIFT;
		rss = get_mm_rss(mm);
		shared = mm->rss[MM_FILEPAGES] + mm->rss[MM_SHMEMPAGES];
		mmput(mm);
	}
	seq_printf(m, "%lu %lu %lu %lu 0 0 0\n", vm, rss, shared, text);
	return 0;
}

/* A VMA as maps prints it, copied out under mmap_lock. */
struct vma_snap {
	unsigned long start, end, flags, pgoff;
	struct file *file;		/* a reference, or NULL */
	const char *special;		/* [vdso], [vvar], or NULL */
};

/* One line of /proc/<pid>/maps, as Linux prints it. */
static void show_vma(struct seq_buf *m, struct mm_struct *mm,
		     const struct vma_snap *v, char *pathbuf)
{
	const char *name = "";
	unsigned long ino = 0;
	unsigned int dev = 0;

	if (v->special) {
		name = v->special;
	} else if (v->file) {
		struct inode *i = v->file->f_inode;
		char *p = d_path(&v->file->f_path, pathbuf, 4096);

		name = IS_ERR(p) ? "?" : p;
		ino = i->i_ino;
		dev = i->i_sb ? i->i_sb->s_dev : 0;
	} else if (v->start <= mm->brk && v->end >= mm->start_brk &&
		   mm->brk > mm->start_brk) {
		name = "[heap]";
	} else if (v->start <= mm->start_stack && v->end >= mm->start_stack) {
		name = "[stack]";
	}
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu", v->start,
		   v->end, (v->flags & VM_READ) ? 'r' : '-',
		   (v->flags & VM_WRITE) ? 'w' : '-',
		   (v->flags & VM_EXEC) ? 'x' : '-',
		   (v->flags & VM_MAYSHARE) ? 's' : 'p',
		   v->file ? v->pgoff << PAGE_SHIFT : 0, dev >> 8, dev & 0xff,
		   ino);
	if (*name)
		seq_printf(m, "%*s%s", 24, " ", name);
	seq_printf(m, "\n");
}

/*
 * maps: the VMA list is copied (with file references) under mmap_lock,
 * then formatted without it: d_path takes fs locks that rank above
 * mmap_lock.
 */
static int maps_show(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);
	struct vm_area_struct *v;
	struct vma_snap *snap;
	char *pathbuf;
	int n = 0, cap;

	if (!mm)
		return 0;
	mutex_lock(&mm->mmap_lock);
	cap = mm->map_count;
	snap = kmalloc((cap + 1) * sizeof(*snap), GFP_NOFAIL_INJECT);
	if (snap) {
		list_for_each_entry(v, &mm->mmap, vm_list) {
			if (n == cap)
				break;
			snap[n] = (struct vma_snap){
				v->vm_start, v->vm_end, v->vm_flags,
				v->vm_pgoff, v->vm_file,
				v->vm_special ? v->vm_special->name : NULL };
			if (v->vm_file)
				get_file(v->vm_file);
			n++;
		}
	}
	mutex_unlock(&mm->mmap_lock);
	pathbuf = kmalloc(4096, GFP_NOFAIL_INJECT);
	for (int i = 0; i < n; i++) {
		if (pathbuf)
			show_vma(m, mm, &snap[i], pathbuf);
		if (snap[i].file)
			fput(snap[i].file);
	}
	kfree(pathbuf);
	kfree(snap);
	mmput(mm);
	return snap && pathbuf ? 0 : -ENOMEM;
}

/* Copy [start, end) of t's memory into m (cmdline, environ). */
static int show_mem_range(struct seq_buf *m, struct task_struct *t,
			  bool env)
{
	struct mm_struct *mm = get_task_mm(t);
	unsigned long start, end;
	char *buf;

	if (!mm)
		return 0;
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	mmput(mm);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (start < end && !m->overflow) {
		int len = MIN(end - start, PAGE_SIZE);
		int n = access_process_vm(t, start, buf, len, 0);

		if (n <= 0)
			break;
		seq_write(m, buf, n);
		start += n;
	}
	kfree(buf);
	return 0;
}

static int cmdline_show(struct seq_buf *m, struct task_struct *t)
{
	return show_mem_range(m, t, false);
}

static int environ_show(struct seq_buf *m, struct task_struct *t)
{
	return show_mem_range(m, t, true);
}

static int comm_show(struct seq_buf *m, struct task_struct *t)
{
	char comm[TASK_COMM_LEN];

	memcpy(comm, t->comm, TASK_COMM_LEN);
	comm[TASK_COMM_LEN - 1] = 0;
	seq_printf(m, "%s\n", comm);
	return 0;
}

static ssize_t comm_write(struct task_struct *t, const char *buf, size_t n)
{
	size_t len = MIN(n, (size_t)TASK_COMM_LEN - 1);
	char name[TASK_COMM_LEN] = "";

	if (t->tgid != current->tgid)
		return -EINVAL;
	if (len && buf[len - 1] == '\n')
		len--;
	memcpy(name, buf, len);
	set_task_comm(t, name);
	return n;
}

/* fail-nth: make the Nth allocation from now fail (fault injection). */
static int fail_nth_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%ld\n", READ_ONCE(t->fail_nth));
	return 0;
}

static ssize_t fail_nth_write(struct task_struct *t, const char *buf,
			      size_t n)
{
	const char *end;
	long v = simple_strtoul(buf, &end, 10);

	if (t != current || end == buf || (*end && *end != '\n'))
		return -EINVAL;
	/* Counting starts after this write's own bookkeeping. */
	fail_nth_set(v);
	return n;
}

static int oom_score_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%lu\n", oom_score(t));
	return 0;
}

static int oom_score_adj_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%d\n", t->signal ? READ_ONCE(t->signal->oom_score_adj)
				       : 0);
	return 0;
}

/* CAP_SYS_RESOURCE: the right to lower an oom_score_adj below what was
 * last set with it. */
static bool oom_adj_capable(void)
{
	return capable(CAP_SYS_RESOURCE);
}

/*
 * oom_score_adj: -1000..1000 (blanks around it allowed). Lowering it
 * below oom_score_adj_min needs CAP_SYS_RESOURCE (EACCES), and a value
 * set with it becomes the new minimum, as Linux's __set_oom_adj().
 */
static ssize_t oom_score_adj_write(struct task_struct *t, const char *buf,
				   size_t n)
{
	char tmp[32];
	size_t len;
	long v;
	unsigned long f;
	int err = 0;

	while (*buf == ' ' || *buf == '\t' || *buf == '\n')
		buf++;
	len = strlen(buf);
	while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t' ||
		       buf[len - 1] == '\n'))
		len--;
	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = 0;
	if (kstrtol(tmp, 0, &v) || v < OOM_SCORE_ADJ_MIN ||
	    v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	f = read_lock_irqsave(&tasklist_lock);
	if (!t->signal || !t->sighand || t->exit_state) {
		read_unlock_irqrestore(&tasklist_lock, f);
		return -ESRCH;
	}
	spin_lock(&t->sighand->siglock);
	if (v < t->signal->oom_score_adj_min && !oom_adj_capable()) {
		err = -EACCES;
	} else {
		t->signal->oom_score_adj = v;
		if (oom_adj_capable())
			t->signal->oom_score_adj_min = v;
	}
	spin_unlock(&t->sighand->siglock);
	read_unlock_irqrestore(&tasklist_lock, f);
	return err ? err : (ssize_t)n;
}

static int mounts_show(struct seq_buf *m, struct task_struct *t)
{
	struct path root;
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	bool ok = t->fs != NULL;

	if (ok)
		get_fs_root(t->fs, &root);
	read_unlock_irqrestore(&tasklist_lock, f);
	if (!ok)
		return 0;
	show_mounts(m, &root);
	path_put(&root);
	return 0;
}

static int get_fs_path(struct task_struct *t, struct path *p, bool root)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	int err = -ENOENT;

	if (t->fs) {
		if (root)
			get_fs_root(t->fs, p);
		else
			get_fs_pwd(t->fs, p);
		err = 0;
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return err;
}

static int cwd_get_path(struct task_struct *t, struct path *p)
{
	return get_fs_path(t, p, false);
}

static int root_get_path(struct task_struct *t, struct path *p)
{
	return get_fs_path(t, p, true);
}

/* coredump_filter: what a core dump of t writes (tine/coredump.h). */
static int coredump_filter_show(struct seq_buf *m, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);

	if (mm) {
		seq_printf(m, "%08lx\n", READ_ONCE(mm->coredump_filter));
		mmput(mm);
	}
	return 0;
}

/* Any number (base 0), as Linux; only the known bits are kept. */
static ssize_t coredump_filter_write(struct task_struct *t, const char *buf,
				     size_t n)
{
	struct mm_struct *mm;
	const char *end;
	unsigned long v;

	while (*buf == ' ' || *buf == '\t')
		buf++;
	v = simple_strtoul(buf, &end, 0);
	if (end == buf || (*end && *end != '\n') || v > 0xffffffffUL)
		return -EINVAL;
	mm = get_task_mm(t);
	if (!mm)
		return -ESRCH;
	WRITE_ONCE(mm->coredump_filter, v & MMF_DUMP_FILTER_MASK);
	mmput(mm);
	return n;
}

static int exe_get_path(struct task_struct *t, struct path *p)
{
	struct mm_struct *mm = get_task_mm(t);
	int err = -ENOENT;

	if (!mm)
		return err;
	if (mm->exe_file) {
		*p = mm->exe_file->f_path;
		path_get(p);
		err = 0;
	}
	mmput(mm);
	return err;
}

/* proc_parse_number - see procfs.h. */
bool proc_parse_number(const char *s, unsigned long *v)
{
	const char *end;

	if (!*s || (*s == '0' && s[1]) || *s < '0' || *s > '9')
		return false;
	*v = simple_strtoul(s, &end, 10);
	return !*end && *v < 0x7fffffff;
}

static const struct proc_entry pid_entries[] = {
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = cmdline_show },
	{ .name = "comm", .mode = S_IFREG | 0644, .show = comm_show,
	  .write = comm_write },
	{ .name = "coredump_filter", .mode = S_IFREG | 0644,
	  .show = coredump_filter_show, .write = coredump_filter_write },
	{ .name = "cwd", .mode = S_IFLNK | 0777, .get_path = cwd_get_path,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	{ .name = "environ", .mode = S_IFREG | 0400, .show = environ_show,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	{ .name = "exe", .mode = S_IFLNK | 0777, .get_path = exe_get_path,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	{ .name = "fail-nth", .mode = S_IFREG | 0644, .show = fail_nth_show,
	  .write = fail_nth_write },
	{ .name = "fd", .mode = S_IFDIR | 0500, .lookup = proc_fd_lookup,
	  .iterate = proc_fd_readdir, .own_threads_ok = true },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555,
	  .lookup = proc_fdinfo_lookup, .iterate = proc_fdinfo_readdir,
	  .permission = proc_fdinfo_permission },
	{ .name = "gid_map", .mode = S_IFREG | 0644, .show = proc_gid_map_show,
	  .write_file = proc_gid_map_write },
	{ .name = "maps", .mode = S_IFREG | 0444, .show = maps_show,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = mounts_show },
	{ .name = "oom_score", .mode = S_IFREG | 0444, .show = oom_score_show },
	{ .name = "oom_score_adj", .mode = S_IFREG | 0644,
	  .show = oom_score_adj_show, .write = oom_score_adj_write },
	{ .name = "root", .mode = S_IFLNK | 0777, .get_path = root_get_path,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	{ .name = "setgroups", .mode = S_IFREG | 0644,
	  .show = proc_setgroups_show, .open = proc_setgroups_open,
	  .write_file = proc_setgroups_write },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = stat_show },
	{ .name = "statm", .mode = S_IFREG | 0444, .show = statm_show },
	{ .name = "status", .mode = S_IFREG | 0444, .show = status_show },
	{ .name = "uid_map", .mode = S_IFREG | 0644, .show = proc_uid_map_show,
	  .write_file = proc_uid_map_write },
	{ .name = NULL },
};

const struct proc_entry proc_pid_entry = {
	.name = "<pid>",
	.mode = S_IFDIR | 0555,
	.children = pid_entries,
};

/* proc_pid_lookup - /proc/<pid> for a live task. */
int proc_pid_lookup(struct inode *dir, struct dentry *d)
{
	struct task_struct *t;
	struct inode *i;
	unsigned long pid;

	if (!proc_parse_number(d->d_name, &pid) || !pid)
		return -ENOENT;
	t = find_get_task_by_pid_ns(pid, &init_pid_ns);
	if (!t)
		return -ENOENT;
	put_task_struct(t);
	i = proc_make_inode(dir->i_sb, &proc_pid_entry, pid, -1);
	if (!i)
		return -ENOMEM;
	d_add(d, i);
	return 0;
}

/* The smallest thread-group id >= from among live tasks, or 0. */
static pid_t next_tgid(pid_t from)
{
	struct task_struct *t;
	pid_t best = 0;
	unsigned long f = read_lock_irqsave(&tasklist_lock);

	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid != t->tgid || t->pid < from || t->pid == 0 ||
		    (t->exit_state & EXIT_DEAD))
			continue;
		if (!best || t->pid < best)
			best = t->pid;
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return best;
}

/* proc_pid_readdir - the pid directories, after the root's files. */
int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	pid_t pid;

	if (ctx->pos < PID_POS_BASE)
		ctx->pos = PID_POS_BASE;
	while ((pid = next_tgid(ctx->pos - PID_POS_BASE))) {
		char name[16];

		snprintf(name, sizeof(name), "%d", pid);
		if (!dir_emit(ctx, name, strlen(name), 0x200000 + pid, DT_DIR))
			break;
		ctx->pos = PID_POS_BASE + pid + 1;
	}
	return 0;
}
