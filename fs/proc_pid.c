/*
 * /proc/<pid> and /proc/<pid>/task/<tid>: one directory per process
 * (listed by thread-group id; any thread's id may be looked up) and, in
 * task/, one per thread. Each is a table of entries (Linux's tgid and
 * tid "base stuff"): the process table's files add up the threads where
 * Linux does, the thread table's show one thread.
 *
 * The files made here: comm, limits, io, syscall, wchan, stack, cgroup,
 * mounts, mountinfo, children, fail-nth and the cwd/root/exe links;
 * stat, statm and status are in fs/proc_array.c, the memory readers in
 * fs/proc_mem.c, fd/ and fdinfo/ in fs/proc_fd.c.
 *
 * A task's fields are read under the locks that guard them (see each);
 * its files, fs and mm are borrowed with a reference.
 */
#include <asm/syscall.h>
#include <tine/cgroup.h>
#include <tine/nsproxy.h>
#include <tine/capability.h>
#include <tine/coredump.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/oom.h>
#include <tine/mm_types.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/posix-timers.h>
#include <tine/procfs.h>
#include <tine/time_namespace.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/stacktrace.h>
#include <tine/string.h>
#include <tine/symbols.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define PID_POS_BASE 0x10000		/* readdir positions of pid dirs */
#define STACK_DEPTH 64			/* Linux's MAX_STACK_TRACE_DEPTH */

/* ---- comm ---- */

static int comm_show(struct seq_buf *m, struct task_struct *t)
{
	char comm[TASK_COMM_LEN];

	task_lock(t);
	memcpy(comm, t->comm, TASK_COMM_LEN);
	task_unlock(t);
	comm[TASK_COMM_LEN - 1] = 0;
	seq_printf(m, "%s\n", comm);
	return 0;
}

/*
 * A thread of the writer's own process may be renamed (the first 15
 * bytes, taken as they are: a newline is part of the name, as on
 * Linux); anyone else's: EINVAL.
 */
static ssize_t comm_write(struct task_struct *t, const char *buf, size_t n)
{
	char name[TASK_COMM_LEN] = "";

	if (!same_thread_group(t, current))
		return -EINVAL;
	memcpy(name, buf, MIN(n, (size_t)TASK_COMM_LEN - 1));
	set_task_comm(t, name);
	return n;
}

/* ---- fail-nth: make the Nth allocation from now fail ---- */

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

/* A number written to oom_score_adj or oom_adj, blanks around it
 * allowed (base 0). 0 or -EINVAL. */
static int parse_oom_value(const char *buf, long *v)
{
	char tmp[32];
	size_t len;

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
	return kstrtol(tmp, 0, v) ? -EINVAL : 0;
}

/*
 * Set t's process's oom_score_adj to v, as Linux's __set_oom_adj():
 * going below oom_score_adj_min (legacy oom_adj: below the current
 * value) needs CAP_SYS_RESOURCE (EACCES), and a value set with it
 * through oom_score_adj becomes the new minimum. 0, -EACCES or -ESRCH.
 */
static int set_oom_adj(struct task_struct *t, long v, bool legacy)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	int err = 0;
	long floor;

	if (!t->signal || !t->sighand || t->exit_state) {
		read_unlock_irqrestore(&tasklist_lock, f);
		return -ESRCH;
	}
	spin_lock(&t->sighand->siglock);
	floor = legacy ? t->signal->oom_score_adj
		       : t->signal->oom_score_adj_min;
	if (v < floor && !oom_adj_capable()) {
		err = -EACCES;
	} else {
		t->signal->oom_score_adj = v;
		if (!legacy && oom_adj_capable())
			t->signal->oom_score_adj_min = v;
	}
	spin_unlock(&t->sighand->siglock);
	read_unlock_irqrestore(&tasklist_lock, f);
	return err;
}

/* oom_score_adj: -1000..1000. */
static ssize_t oom_score_adj_write(struct task_struct *t, const char *buf,
				   size_t n)
{
	long v;
	int err = parse_oom_value(buf, &v);

	if (!err && (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX))
		err = -EINVAL;
	if (!err)
		err = set_oom_adj(t, v, false);
	return err ? err : (ssize_t)n;
}

/* oom_adj (legacy): -17 (OOM_DISABLE)..15, oom_score_adj scaled by
 * 17/1000 (1000 shows as 15). */
static int oom_adj_show(struct seq_buf *m, struct task_struct *t)
{
	int adj = t->signal ? READ_ONCE(t->signal->oom_score_adj) : 0;

	seq_printf(m, "%d\n", adj == OOM_SCORE_ADJ_MAX ? OOM_ADJUST_MAX
						       : adj * -OOM_DISABLE /
							 OOM_SCORE_ADJ_MAX);
	return 0;
}

static ssize_t oom_adj_write(struct task_struct *t, const char *buf,
			     size_t n)
{
	long v;
	int err = parse_oom_value(buf, &v);

	if (!err && (v < OOM_DISABLE || v > OOM_ADJUST_MAX))
		err = -EINVAL;
	if (err)
		return err;
	v = v == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX
				: v * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	printk_once(KERN_WARNING "%s (%d): /proc/%d/oom_adj is deprecated, "
		    "please use /proc/%d/oom_score_adj instead.\n",
		    current->comm, task_pid_vnr(current), task_pid_vnr(t),
		    task_pid_vnr(t));
	err = set_oom_adj(t, v, true);
	return err ? err : (ssize_t)n;
}

/* ---- mounts, mountinfo and the fs links ---- */

/* t's root (or cwd), referenced; -ENOENT once t has left its fs. */
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

/* The mounts t sees: those under its root. */
static int mounts_common(struct seq_buf *m, struct task_struct *t, bool info)
{
	struct path root;

	if (get_fs_path(t, &root, true))
		return 0;
	if (info)
		show_mountinfo(m, &root);
	else
		show_mounts(m, &root);
	path_put(&root);
	return 0;
}

static int mounts_show(struct seq_buf *m, struct task_struct *t)
{
	return mounts_common(m, t, false);
}

static int mountinfo_show(struct seq_buf *m, struct task_struct *t)
{
	return mounts_common(m, t, true);
}

static int cwd_get_path(struct task_struct *t, struct path *p)
{
	return get_fs_path(t, p, false);
}

static int root_get_path(struct task_struct *t, struct path *p)
{
	return get_fs_path(t, p, true);
}

/*
 * As Linux's lock_trace(): hold t's execs off (its cred_guard_mutex)
 * and check that the reader may attach to it. 0 with the mutex held,
 * -EPERM, or -EINTR. Process context, no lock held; may sleep.
 */
static int lock_trace(struct task_struct *t)
{
	if (mutex_lock_killable(&t->signal->cred_guard_mutex))
		return -EINTR;
	if (!ptrace_may_access(t, PTRACE_MODE_ATTACH_FSCREDS)) {
		mutex_unlock(&t->signal->cred_guard_mutex);
		return -EPERM;
	}
	return 0;
}

/* personality: t's execution domain and flags, to those who may attach. */
static int personality_show(struct seq_buf *m, struct task_struct *t)
{
	int err = lock_trace(t);

	if (err)
		return err;
	seq_printf(m, "%08x\n", READ_ONCE(t->personality));
	mutex_unlock(&t->signal->cred_guard_mutex);
	return 0;
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
	mutex_lock(&mm->mmap_lock);
	if (mm->exe_file) {
		*p = mm->exe_file->f_path;
		path_get(p);
		err = 0;
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	return err;
}

/* ---- limits ---- */

static const struct {
	const char *name, *unit;
} limit_names[RLIM_NLIMITS] = {
	{ "Max cpu time", "seconds" },		{ "Max file size", "bytes" },
	{ "Max data size", "bytes" },		{ "Max stack size", "bytes" },
	{ "Max core file size", "bytes" },	{ "Max resident set", "bytes" },
	{ "Max processes", "processes" },	{ "Max open files", "files" },
	{ "Max locked memory", "bytes" },	{ "Max address space", "bytes" },
	{ "Max file locks", "locks" },		{ "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" },	{ "Max nice priority", NULL },
	{ "Max realtime priority", NULL },	{ "Max realtime timeout", "us" },
};

/* Copy t's limits under its siglock; false if t is already released. */
static bool task_rlimits(struct task_struct *t, struct rlimit *rlim)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	bool alive = pid_alive(t);

	if (alive) {
		spin_lock(&t->sighand->siglock);
		memcpy(rlim, t->signal->rlim, sizeof(t->signal->rlim));
		spin_unlock(&t->sighand->siglock);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return alive;
}

static void limit_value(struct seq_buf *m, unsigned long v)
{
	if (v == RLIM_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20lu ", v);
}

/* limits: a table of the resource limits, in Linux's layout. */
static int limits_show(struct seq_buf *m, struct task_struct *t)
{
	struct rlimit rlim[RLIM_NLIMITS];

	if (!task_rlimits(t, rlim))
		return -ESRCH;
	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit",
		   "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", limit_names[i].name);
		limit_value(m, rlim[i].rlim_cur);
		limit_value(m, rlim[i].rlim_max);
		if (limit_names[i].unit)
			seq_printf(m, "%-10s", limit_names[i].unit);
		seq_putc(m, '\n');
	}
	return 0;
}

/* ---- io ---- */

/* I/O counts of t (whole: and of its other and released threads). */
static int do_io_accounting(struct seq_buf *m, struct task_struct *t,
			    bool whole)
{
	struct task_io_accounting acct = { 0 };
	unsigned long f;

	if (!ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS))
		return -EACCES;
	task_io_accounting_add(&acct, &t->ioac);
	f = read_lock_irqsave(&tasklist_lock);
	if (whole && pid_alive(t)) {
		struct task_struct *th;

		spin_lock(&t->sighand->siglock);
		task_io_accounting_add(&acct, &t->signal->ioac);
		list_for_each_entry(th, &t->signal->thread_head, thread_node)
			if (th != t)
				task_io_accounting_add(&acct, &th->ioac);
		spin_unlock(&t->sighand->siglock);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	seq_printf(m, "rchar: %lu\nwchar: %lu\nsyscr: %lu\nsyscw: %lu\n"
		      "read_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n",
		   (unsigned long)acct.rchar, (unsigned long)acct.wchar,
		   (unsigned long)acct.syscr, (unsigned long)acct.syscw);
	return 0;
}

static int tgid_io_show(struct seq_buf *m, struct task_struct *t)
{
	return do_io_accounting(m, t, true);
}

static int tid_io_show(struct seq_buf *m, struct task_struct *t)
{
	return do_io_accounting(m, t, false);
}

/* ---- syscall, wchan, stack ---- */

/*
 * The call t is blocked in: its number and arguments, stack and
 * instruction pointers, from its saved user registers. "running" while
 * it runs (or just woke up). Needs PTRACE_MODE_ATTACH (EPERM).
 */
static int syscall_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long args[6], sp, ip, ncsw = 0;
	long state = READ_ONCE(t->state), nr;
	struct pt_regs *regs = task_pt_regs(t);

	if (!ptrace_may_access(t, PTRACE_MODE_ATTACH_FSCREDS))
		return -EPERM;
	if (t != current) {
		if (state == TASK_RUNNING || !(ncsw = wait_task_inactive(t, state)))
			goto running;
	}
	nr = syscall_get_nr(regs);
	syscall_get_arguments(regs, args);
	sp = user_stack_pointer(regs);
	ip = instruction_pointer(regs);
	if (t != current && wait_task_inactive(t, state) != ncsw)
		goto running;
	if (nr < 0)
		seq_printf(m, "%ld 0x%lx 0x%lx\n", nr, sp, ip);
	else
		seq_printf(m, "%ld 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx "
			      "0x%lx\n", nr, args[0], args[1], args[2], args[3],
			   args[4], args[5], sp, ip);
	return 0;
running:
	seq_puts(m, "running\n");
	return 0;
}

/* Functions a sleeper passes through on its way to the scheduler: the
 * wait channel is the first frame outside them. */
static bool in_sched_functions(const char *name)
{
	static const char *const sched[] = {
		"switch_to_asm", "__switch_to", "__schedule", "schedule",
		"schedule_timeout", "schedule_idle", "cond_resched",
		"wait_for_completion", "wait_for_completion_killable",
		"mutex_lock", "mutex_lock_killable", "__mutex_lock",
		"hrtimer_sleep_until",
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(sched); i++)
		if (!strcmp(name, sched[i]))
			return true;
	return false;
}

/*
 * wchan: the kernel function a sleeping task waits in, or "0" (running,
 * or the reader may not ptrace-read it).
 */
static int wchan_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long pcs[STACK_DEPTH], off;
	unsigned int n = 0;

	if (t != current && READ_ONCE(t->state) != TASK_RUNNING &&
	    ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS))
		n = stack_trace_save_tsk(t, pcs, ARRAY_SIZE(pcs));
	for (unsigned int i = 0; i < n; i++) {
		const char *name = ksym_lookup(pcs[i], &off);

		if (name && !in_sched_functions(name)) {
			seq_puts(m, name);
			return 0;
		}
	}
	seq_putc(m, '0');
	return 0;
}

/*
 * stack: the kernel call chain, "[<0>] function+off/size" per frame
 * (addresses are never shown). Root only (CAP_SYS_ADMIN: EACCES), and
 * ptrace ATTACH access (EPERM), as Linux.
 */
static int stack_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long *pcs, off, size;
	unsigned int n;

	if (!capable(CAP_SYS_ADMIN))
		return -EACCES;
	if (!ptrace_may_access(t, PTRACE_MODE_ATTACH_FSCREDS))
		return -EPERM;
	pcs = kmalloc(STACK_DEPTH * sizeof(*pcs), GFP_KERNEL);
	if (!pcs)
		return -ENOMEM;
	n = stack_trace_save_tsk(t, pcs, STACK_DEPTH);
	for (unsigned int i = 0; i < n; i++) {
		const char *name = ksym_lookup_size(pcs[i], &off, &size);

		if (name)
			seq_printf(m, "[<0>] %s+0x%lx/0x%lx\n", name, off, size);
		else
			seq_puts(m, "[<0>] 0x0\n");
	}
	kfree(pcs);
	return 0;
}

/* ---- cgroup, children ---- */

/* The task's cgroup in the one (v2) hierarchy, seen from the reader's
 * cgroup namespace root; nothing before cgroup2 was first mounted. */
static int cgroup_show(struct seq_buf *m, struct task_struct *t)
{
	struct cgroup *cg;

	if (!READ_ONCE(cgrp_dfl_visible))
		return 0;
	cg = task_get_cgroup(t);
	seq_puts(m, "0::");
	cgroup_path_ns(m, cg, current->nsproxy->cgroup_ns);
	put_cgroup(cg);
	return 0;
}

/* task/<tid>/children: the ids of the thread's children, each with a
 * space after it. */
static int children_show(struct seq_buf *m, struct task_struct *t)
{
	struct pid_namespace *ns = proc_seq_pid_ns(m);
	struct task_struct *c;
	unsigned long f = read_lock_irqsave(&tasklist_lock);

	if (pid_alive(t))
		list_for_each_entry(c, &t->children, sibling)
			seq_printf(m, "%d ", task_pid_nr_ns(c, ns));
	read_unlock_irqrestore(&tasklist_lock, f);
	return 0;
}

/* timers: the process's POSIX timers (kernel/posix-timers.c). */
static int timers_show(struct seq_buf *m, struct task_struct *t)
{
	return proc_timers_show(m, t, proc_seq_pid_ns(m));
}

/* ---- the tables ---- */

#define REG(n, mo, sh, ...) \
	{ .name = n, .mode = S_IFREG | (mo), .show = sh, __VA_ARGS__ }
#define LNK(n, gp) \
	{ .name = n, .mode = S_IFLNK | 0777, .get_path = gp, \
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS }

static int task_lookup(struct inode *dir, struct dentry *d);
static int task_readdir(struct file *f, struct dir_context *ctx);

/* /proc/<pid>: the process's files. */
static const struct proc_entry tgid_entries[] = {
	REG("auxv", 0400, proc_pid_auxv,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	REG("cgroup", 0444, cgroup_show),
	REG("cmdline", 0444, proc_pid_cmdline),
	REG("comm", 0644, comm_show, .write = comm_write),
	REG("coredump_filter", 0644, coredump_filter_show,
	    .write = coredump_filter_write),
	LNK("cwd", cwd_get_path),
	REG("environ", 0400, proc_pid_environ,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	LNK("exe", exe_get_path),
	REG("fail-nth", 0644, fail_nth_show, .write = fail_nth_write),
	{ .name = "fd", .mode = S_IFDIR | 0500, .lookup = proc_fd_lookup,
	  .iterate = proc_fd_readdir, .own_threads_ok = true },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555,
	  .lookup = proc_fdinfo_lookup, .iterate = proc_fdinfo_readdir,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	REG("gid_map", 0644, proc_gid_map_show,
	    .write_file = proc_gid_map_write),
	REG("io", 0400, tgid_io_show),
	REG("limits", 0444, limits_show),
	{ .name = "map_files", .mode = S_IFDIR | 0500,
	  .lookup = proc_map_files_lookup, .iterate = proc_map_files_readdir,
	  .own_threads_ok = true },
	REG("maps", 0444, proc_pid_maps,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	{ .name = "mem", .mode = S_IFREG | 0600,
	  .fops = &proc_mem_operations },
	REG("mountinfo", 0444, mountinfo_show),
	REG("mounts", 0444, mounts_show),
	{ .name = "net", .mode = S_IFDIR | 0555, .children = proc_net_entries },
	{ .name = "ns", .mode = S_IFDIR | 0511, .children = proc_ns_entries },
	REG("oom_adj", 0644, oom_adj_show, .write = oom_adj_write),
	REG("oom_score", 0444, oom_score_show),
	REG("oom_score_adj", 0644, oom_score_adj_show,
	    .write = oom_score_adj_write),
	{ .name = "pagemap", .mode = S_IFREG | 0400,
	  .fops = &proc_pagemap_operations },
	REG("personality", 0400, personality_show),
	LNK("root", root_get_path),
	REG("setgroups", 0644, proc_setgroups_show,
	    .open = proc_setgroups_open, .write_file = proc_setgroups_write),
	REG("smaps", 0444, proc_pid_smaps,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	REG("stack", 0400, stack_show),
	REG("stat", 0444, proc_tgid_stat),
	REG("statm", 0444, proc_pid_statm),
	REG("status", 0444, proc_pid_status),
	REG("syscall", 0400, syscall_show),
	{ .name = "task", .mode = S_IFDIR | 0555, .lookup = task_lookup,
	  .iterate = task_readdir },
	REG("timers", 0444, timers_show),
	REG("timens_offsets", 0644, proc_timens_offsets_show,
	    .write_file = proc_timens_offsets_write),
	REG("uid_map", 0644, proc_uid_map_show,
	    .write_file = proc_uid_map_write),
	REG("wchan", 0444, wchan_show),
	{ .name = NULL },
};

/* /proc/<pid>/task/<tid>: one thread's files. */
static const struct proc_entry tid_entries[] = {
	REG("auxv", 0400, proc_pid_auxv,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	REG("cgroup", 0444, cgroup_show),
	REG("children", 0444, children_show),
	REG("cmdline", 0444, proc_pid_cmdline),
	REG("comm", 0644, comm_show, .write = comm_write),
	LNK("cwd", cwd_get_path),
	REG("environ", 0400, proc_pid_environ,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	LNK("exe", exe_get_path),
	REG("fail-nth", 0644, fail_nth_show, .write = fail_nth_write),
	{ .name = "fd", .mode = S_IFDIR | 0500, .lookup = proc_fd_lookup,
	  .iterate = proc_fd_readdir, .own_threads_ok = true },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555,
	  .lookup = proc_fdinfo_lookup, .iterate = proc_fdinfo_readdir,
	  .ptrace_mode = PTRACE_MODE_READ_FSCREDS },
	REG("gid_map", 0644, proc_gid_map_show,
	    .write_file = proc_gid_map_write),
	REG("io", 0400, tid_io_show),
	REG("limits", 0444, limits_show),
	REG("maps", 0444, proc_pid_maps,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	{ .name = "mem", .mode = S_IFREG | 0600,
	  .fops = &proc_mem_operations },
	REG("mountinfo", 0444, mountinfo_show),
	REG("mounts", 0444, mounts_show),
	{ .name = "net", .mode = S_IFDIR | 0555, .children = proc_net_entries },
	{ .name = "ns", .mode = S_IFDIR | 0511, .children = proc_ns_entries },
	REG("oom_adj", 0644, oom_adj_show, .write = oom_adj_write),
	REG("oom_score", 0444, oom_score_show),
	REG("oom_score_adj", 0644, oom_score_adj_show,
	    .write = oom_score_adj_write),
	{ .name = "pagemap", .mode = S_IFREG | 0400,
	  .fops = &proc_pagemap_operations },
	REG("personality", 0400, personality_show),
	LNK("root", root_get_path),
	REG("setgroups", 0644, proc_setgroups_show,
	    .open = proc_setgroups_open, .write_file = proc_setgroups_write),
	REG("smaps", 0444, proc_pid_smaps,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup,
	    .ptrace_mode = PTRACE_MODE_READ_FSCREDS),
	REG("stack", 0400, stack_show),
	REG("stat", 0444, proc_tid_stat),
	REG("statm", 0444, proc_pid_statm),
	REG("status", 0444, proc_pid_status),
	REG("syscall", 0400, syscall_show),
	REG("uid_map", 0644, proc_uid_map_show,
	    .write_file = proc_uid_map_write),
	REG("wchan", 0444, wchan_show),
	{ .name = NULL },
};

const struct proc_entry proc_pid_entry = {
	.name = "<pid>",
	.mode = S_IFDIR | 0555,
	.children = tgid_entries,
};

const struct proc_entry proc_tid_entry = {
	.name = "<tid>",
	.mode = S_IFDIR | 0555,
	.children = tid_entries,
};

/* "N" without sign or leading zero, 0 < N < INT_MAX. */
static bool parse_pid(const char *s, pid_t *nr)
{
	const char *end;
	unsigned long v;

	if (!*s || (*s == '0' && s[1]) || *s < '1' || *s > '9')
		return false;
	v = simple_strtoul(s, &end, 10);
	if (*end || v >= 0x7fffffff)
		return false;
	*nr = v;
	return true;
}

/*
 * The struct pid of the live task numbered nr in ns (referenced), or
 * NULL; with leader, only if that task is in leader's thread group.
 */
static struct pid *get_task_pid_nr(pid_t nr, struct pid_namespace *ns,
				   struct task_struct *leader)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct pid *pid = find_pid_ns(nr, ns);
	struct task_struct *t = pid_task(pid, PIDTYPE_PID);

	if (!t || (leader && !same_thread_group(t, leader)))
		pid = NULL;
	get_pid(pid);
	read_unlock_irqrestore(&tasklist_lock, f);
	return pid;
}

/* hidepid=invisible or ptraceable: is pid's process shown at all? */
static bool pid_visible(struct super_block *sb, struct pid *pid)
{
	struct proc_fs_info *fi = proc_sb_info(sb);
	struct task_struct *t;
	bool ok;

	if (READ_ONCE(fi->hide_pid) < HIDEPID_INVISIBLE)
		return true;
	t = get_pid_task(pid);
	if (!t)
		return false;
	ok = proc_has_pid_permissions(fi, t, HIDEPID_INVISIBLE);
	put_task_struct(t);
	return ok;
}

/* Instantiate d as the directory of pid with entry e. */
static int pid_dir_instantiate(struct inode *dir, struct dentry *d,
			       const struct proc_entry *e, struct pid *pid)
{
	struct inode *i = proc_make_inode(dir->i_sb, e, pid, -1);

	put_pid(pid);
	if (!i)
		return -ENOMEM;
	d_add(d, i);
	return 0;
}

/* proc_pid_lookup - see procfs.h: any live task's id (threads too). */
int proc_pid_lookup(struct inode *dir, struct dentry *d)
{
	struct pid *pid;
	pid_t nr;

	if (!parse_pid(d->d_name, &nr))
		return -ENOENT;
	pid = get_task_pid_nr(nr, proc_pid_ns(dir->i_sb), NULL);
	if (!pid)
		return -ENOENT;
	if (!pid_visible(dir->i_sb, pid)) {
		put_pid(pid);
		return -ENOENT;
	}
	return pid_dir_instantiate(dir, d, &proc_pid_entry, pid);
}

/* task/<tid>: a thread of the directory's process. */
static int task_lookup(struct inode *dir, struct dentry *d)
{
	struct task_struct *leader = proc_get_task(dir);
	struct pid *pid = NULL;
	pid_t nr;

	if (leader && parse_pid(d->d_name, &nr))
		pid = get_task_pid_nr(nr, proc_pid_ns(dir->i_sb), leader);
	if (leader)
		put_task_struct(leader);
	if (!pid)
		return -ENOENT;
	return pid_dir_instantiate(dir, d, &proc_tid_entry, pid);
}

/*
 * The smallest id >= from in ns of a live thread group leader (or, with
 * group, of a thread of that group), or 0.
 */
static pid_t next_pid(pid_t from, struct pid_namespace *ns,
		      struct task_struct *group)
{
	struct task_struct *t;
	pid_t best = 0;
	unsigned long f = read_lock_irqsave(&tasklist_lock);

	list_for_each_entry(t, &task_list, tasks) {
		pid_t nr;

		if (group ? !same_thread_group(t, group) :
			    !thread_group_leader(t))
			continue;
		if (t->exit_state & EXIT_DEAD)
			continue;
		nr = task_pid_nr_ns(t, ns);
		if (nr >= from && nr > 0 && (!best || nr < best))
			best = nr;
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return best;
}

/* pid_visible() for the process numbered nr in ns. */
static bool pid_nr_visible(struct super_block *sb, struct pid_namespace *ns,
			   pid_t nr)
{
	struct pid *pid;
	bool ok;

	if (READ_ONCE(proc_sb_info(sb)->hide_pid) < HIDEPID_INVISIBLE)
		return true;
	pid = get_task_pid_nr(nr, ns, NULL);
	ok = pid && pid_visible(sb, pid);
	put_pid(pid);
	return ok;
}

/* Emit the pid directories from ctx->pos on (pos = base + pid). */
static int pid_readdir(struct file *f, struct dir_context *ctx,
		       struct task_struct *group)
{
	struct pid_namespace *ns = proc_pid_ns(f->f_inode->i_sb);
	pid_t pid;

	if (ctx->pos < PID_POS_BASE)
		ctx->pos = PID_POS_BASE;
	while ((pid = next_pid(ctx->pos - PID_POS_BASE, ns, group))) {
		char name[16];

		if (!group && !pid_nr_visible(f->f_inode->i_sb, ns, pid)) {
			ctx->pos = PID_POS_BASE + pid + 1;
			continue;
		}

		snprintf(name, sizeof(name), "%d", pid);
		if (!dir_emit(ctx, name, strlen(name), 0x200000 + pid, DT_DIR))
			break;
		ctx->pos = PID_POS_BASE + pid + 1;
	}
	return 0;
}

/* proc_pid_readdir - see procfs.h: the processes, after the root's files. */
int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	return pid_readdir(f, ctx, NULL);
}

/* task/: the threads of the process, as they are now. */
static int task_readdir(struct file *f, struct dir_context *ctx)
{
	struct task_struct *leader = proc_get_task(f->f_inode);
	int err;

	if (!leader)
		return -ENOENT;
	err = pid_readdir(f, ctx, leader);
	put_task_struct(leader);
	return err;
}
