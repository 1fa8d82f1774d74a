/*
 * /proc/<pid>/{stat,statm,status} and their task/<tid> forms: every
 * field Linux 6.1 prints, in its order and format (fs/proc/array.c
 * there), so that procps and friends parse them unchanged. The process
 * files (tgid) add up the threads where Linux does; the thread files
 * show the one thread.
 *
 * The task's fields are copied under the locks that guard them:
 * tasklist_lock for its family and exit state (and to know it is not
 * yet released, pid_alive()), its siglock for signals, limits and the
 * children's times, task_lock (get_task_mm) for the mm, whose own
 * numbers are read under mmap_lock. Nothing is formatted while a
 * spinlock is held.
 */
#include <asm/pgtable.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/mm_types.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/tty.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

#define USER_HZ 100
#define NS_PER_USER_HZ (1000000000ULL / USER_HZ)

static unsigned long long nsec_to_clock_t(u64 ns)
{
	return ns / NS_PER_USER_HZ;
}

/* What stat and status print, copied under the task's locks. */
struct task_snap {
	char comm[TASK_COMM_LEN];
	char state;
	const char *state_name;
	bool alive;			/* not yet released */
	pid_t pid, tgid, ppid, pgrp, session, tpgid, tracer;
	unsigned int tty_nr, flags;
	struct tty_struct *tty;		/* referenced while snapshotting */
	int nr_threads, exit_signal, exit_code, umask;
	u64 utime, stime, cutime, cstime, start_time;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	unsigned long rsslim, sigq_limit;
	unsigned long pending, shpending, blocked, ignored, caught;
	unsigned long nvcsw, nivcsw;
	int prio, nice;
	unsigned int cpu, rt_priority, policy;
	struct cpumask cpus_allowed;
	/* ids in each namespace from the reader's level down to the
	 * task's own: NStgid, NSpid, NSpgid, NSsid */
	int ns_levels;
	pid_t ns_tgid[MAX_PID_NS_LEVEL + 1], ns_pid[MAX_PID_NS_LEVEL + 1];
	pid_t ns_pgid[MAX_PID_NS_LEVEL + 1], ns_sid[MAX_PID_NS_LEVEL + 1];
};

/* The state letter and name, as Linux's task_state_array. */
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

/* Signals: pending, blocked, ignored and caught. siglock held. */
static void snap_signals(struct task_struct *t, struct task_snap *s)
{
	assert_spin_locked(&t->sighand->siglock);
	s->pending = t->pending.signal.sig[0];
	s->blocked = t->blocked.sig[0];
	s->shpending = t->signal->shared_pending.signal.sig[0];
	for (int sig = 1; sig <= 64; sig++) {
		void *h = t->sighand->action[sig - 1].handler;

		if (h == SIG_IGN)
			s->ignored |= 1UL << (sig - 1);
		else if (h != SIG_DFL)
			s->caught |= 1UL << (sig - 1);
	}
}

/*
 * What the siglock guards: signals, limits, the children's times, and
 * the per-thread counts summed over the group (whole). The thread
 * list may be walked under the siglock. siglock held.
 */
static void snap_group(struct task_struct *t, bool whole,
		       struct task_snap *s)
{
	struct signal_struct *sig = t->signal;
	struct task_struct *th;

	assert_spin_locked(&t->sighand->siglock);
	snap_signals(t, s);
	s->nr_threads = sig->nr_threads;
	s->cutime = sig->cutime;
	s->cstime = sig->cstime;
	s->cmin_flt = sig->cmin_flt;
	s->cmaj_flt = sig->cmaj_flt;
	s->rsslim = sig->rlim[RLIMIT_RSS].rlim_cur;
	s->sigq_limit = sig->rlim[RLIMIT_SIGPENDING].rlim_cur;
	if (!whole) {
		s->min_flt = t->min_flt;
		s->maj_flt = t->maj_flt;
		task_cputime(t, &s->utime, &s->stime);
		return;
	}
	/* The threads gone so far (__unhash_process), then the others. */
	s->min_flt = sig->min_flt;
	s->maj_flt = sig->maj_flt;
	list_for_each_entry(th, &sig->thread_head, thread_node) {
		s->min_flt += th->min_flt;
		s->maj_flt += th->maj_flt;
	}
	thread_group_cputime(sig, &s->utime, &s->stime);
}

/* Ids in each namespace from ns down to the task's. tasklist_lock. */
static void snap_ns_ids(struct task_struct *t, struct pid_namespace *ns,
			struct task_snap *s)
{
	struct pid *pid = t->thread_pid;
	unsigned int i;

	assert_rwlock_held(&tasklist_lock);
	if (!pid || pid->level < ns->level)
		return;
	for (i = ns->level; i <= pid->level; i++) {
		struct pid_namespace *n = pid->numbers[i].ns;
		int k = s->ns_levels++;

		s->ns_pid[k] = pid->numbers[i].nr;
		s->ns_tgid[k] = task_tgid_nr_ns(t, n);
		s->ns_pgid[k] = pid_nr_ns(task_pgrp(t), n);
		s->ns_sid[k] = pid_nr_ns(task_session(t), n);
	}
}

/* Family, ids and terminal. tasklist_lock held, t not yet released. */
static void snap_family(struct task_struct *t, struct pid_namespace *ns,
			struct task_snap *s)
{
	struct task_struct *p = t->real_parent;

	assert_rwlock_held(&tasklist_lock);
	s->pid = task_pid_nr_ns(t, ns);
	s->tgid = task_tgid_nr_ns(t, ns);
	s->ppid = (p && p != t) ? task_tgid_nr_ns(p, ns) : 0;
	if (t->ptrace && t->parent)
		s->tracer = task_tgid_nr_ns(t->parent, ns);
	s->pgrp = pid_nr_ns(task_pgrp(t), ns);
	s->session = pid_nr_ns(task_session(t), ns);
	s->tpgid = -1;
	/* Its numbers are read once tasklist_lock is dropped (tty->lock). */
	s->tty = tty_kref_get(t->signal->tty);
	s->umask = t->fs ? READ_ONCE(t->fs->umask) : -1;
	snap_ns_ids(t, ns, s);
}

/*
 * Copy what stat and status show of t (whole: of its thread group).
 * An already released task has only its own fields (s->alive false).
 */
static void task_snapshot(struct task_struct *t, bool whole,
			  struct pid_namespace *ns, struct task_snap *s)
{
	unsigned long f;

	memset(s, 0, sizeof(*s));
	memcpy(s->comm, t->comm, TASK_COMM_LEN);
	s->comm[TASK_COMM_LEN - 1] = 0;
	s->flags = READ_ONCE(t->flags);
	s->start_time = t->start_time;
	s->prio = task_prio(t);
	s->nice = task_nice(t);
	s->cpu = task_cpu(t);
	s->rt_priority = READ_ONCE(t->rt_priority);
	s->policy = READ_ONCE(t->policy);
	s->cpus_allowed = t->cpus_allowed;
	s->nvcsw = READ_ONCE(t->nvcsw);
	s->nivcsw = READ_ONCE(t->nivcsw);
	s->nr_threads = 1;
	f = read_lock_irqsave(&tasklist_lock);
	s->state = task_state_char(t, &s->state_name);
	s->exit_signal = t->exit_signal;
	s->exit_code = t->exit_code;
	s->alive = pid_alive(t);
	if (s->alive) {
		snap_family(t, ns, s);
		spin_lock(&t->sighand->siglock);
		snap_group(t, whole, s);
		spin_unlock(&t->sighand->siglock);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	if (s->tty) {
		s->tty_nr = tty_devnum(s->tty);		/* encoded */
		s->tpgid = tty_get_pgrp(s->tty, ns);
		tty_kref_put(s->tty);
		s->tty = NULL;
	}
}

/* The numbers of an address space that stat, statm and status show. */
struct mm_snap {
	bool has_mm;
	unsigned long total_vm, hiwater_vm, rss, hiwater_rss;
	unsigned long anon, file, shmem;	/* pages */
	unsigned long data_vm, stack_vm, exec_vm, locked_vm;	/* pages */
	unsigned long start_code, end_code, start_stack, start_data;
	unsigned long end_data, start_brk, arg_start, arg_end;
	unsigned long env_start, env_end;
	unsigned long pgtables;			/* page-table pages it owns */
};

/* Sum the VMAs by kind, as Linux keeps data_vm, stack_vm... */
static void count_vmas(struct mm_struct *mm, struct mm_snap *ms)
{
	struct vm_area_struct *v;

	mmap_assert_locked(mm);
	list_for_each_entry(v, &mm->mmap, vm_list) {
		unsigned long pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT;
		unsigned long fl = v->vm_flags;

		if (fl & VM_LOCKED)
			ms->locked_vm += pages;
		if (fl & VM_GROWSDOWN)
			ms->stack_vm += pages;
		else if ((fl & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			ms->data_vm += pages;
		else if ((fl & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			ms->exec_vm += pages;
	}
}

/* Copy t's address space's numbers (none for a task without an mm). */
static void mm_snapshot(struct task_struct *t, struct mm_snap *ms)
{
	struct mm_struct *mm = get_task_mm(t);

	memset(ms, 0, sizeof(*ms));
	if (!mm)
		return;
	ms->has_mm = true;
	mutex_lock(&mm->mmap_lock);
	ms->total_vm = mm->total_vm;
	ms->rss = get_mm_rss(mm);
	ms->hiwater_vm = MAX(mm->hiwater_vm, ms->total_vm);
	ms->hiwater_rss = MAX(mm->hiwater_rss, ms->rss);
	ms->anon = mm->rss[MM_ANONPAGES];
	ms->file = mm->rss[MM_FILEPAGES];
	ms->shmem = mm->rss[MM_SHMEMPAGES];
	ms->start_code = mm->start_code;
	ms->end_code = mm->end_code;
	ms->start_stack = mm->start_stack;
	ms->start_data = mm->start_data;
	ms->end_data = mm->end_data;
	ms->start_brk = mm->start_brk;
	ms->arg_start = mm->arg_start;
	ms->arg_end = mm->arg_end;
	ms->env_start = mm->env_start;
	ms->env_end = mm->env_end;
	count_vmas(mm, ms);
	ms->pgtables = pgtable_pages_of(mm->pgd);
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
}

/* Pages of text, as Linux's VmExe and statm count them. */
static unsigned long text_pages(const struct mm_snap *ms)
{
	return (PAGE_ALIGN(ms->end_code) - (ms->start_code & PAGE_MASK)) >>
	       PAGE_SHIFT;
}

/* ---- stat ---- */

/* Fields 1-25: ids, state, counts, times, priorities, sizes. */
static void stat_ids_times(struct seq_buf *m, pid_t pid,
			   const struct task_snap *s, const struct mm_snap *ms)
{
	seq_printf(m, "%d (%s) %c %d %d %d %u %d %u %lu %lu %lu %lu ", pid,
		   s->comm, s->state, s->ppid, s->pgrp, s->session, s->tty_nr,
		   s->tpgid, s->flags, s->min_flt, s->cmin_flt, s->maj_flt,
		   s->cmaj_flt);
	seq_printf(m, "%llu %llu %llu %llu %d %d %d 0 %llu %lu %lu %lu",
		   nsec_to_clock_t(s->utime), nsec_to_clock_t(s->stime),
		   nsec_to_clock_t(s->cutime), nsec_to_clock_t(s->cstime),
		   s->prio, s->nice, s->nr_threads,
		   nsec_to_clock_t(s->start_time), ms->total_vm * PAGE_SIZE,
		   ms->rss, s->rsslim);
}

/*
 * do_task_stat - /proc/<pid>/stat (whole) and task/<tid>/stat. The
 * addresses in the task's memory and its exit code are only for those
 * who may ptrace-read it (others see 1/0 placeholders, as Linux); the
 * stack and instruction pointers and the wait channel address are
 * never shown (0, and wchan is 1 while the task sleeps).
 */
static int do_task_stat(struct seq_buf *m, struct task_struct *t, bool whole)
{
	struct pid_namespace *ns = proc_seq_pid_ns(m);
	bool permitted = ptrace_may_access(t, PTRACE_MODE_READ_FSCREDS |
						     PTRACE_MODE_NOAUDIT);
	struct task_snap s;
	struct mm_snap ms;

	task_snapshot(t, whole, ns, &s);
	mm_snapshot(t, &ms);
	stat_ids_times(m, proc_seq_pid_nr(m), &s, &ms);
	seq_printf(m, " %lu %lu %lu 0 0 %lu %lu %lu %lu %d 0 0 %d %u %u %u 0 0 0",
		   ms.has_mm ? (permitted ? ms.start_code : 1) : 0,
		   ms.has_mm ? (permitted ? ms.end_code : 1) : 0,
		   permitted ? ms.start_stack : 0, s.pending & 0x7fffffffUL,
		   s.blocked & 0x7fffffffUL, s.ignored & 0x7fffffffUL,
		   s.caught & 0x7fffffffUL, s.state != 'R', s.exit_signal,
		   s.cpu, s.rt_priority, s.policy);
	if (ms.has_mm && permitted)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", ms.start_data,
			   ms.end_data, ms.start_brk, ms.arg_start, ms.arg_end,
			   ms.env_start, ms.env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
	seq_printf(m, " %d\n", permitted ? s.exit_code : 0);
	return 0;
}

/* proc_tgid_stat - see procfs.h. */
int proc_tgid_stat(struct seq_buf *m, struct task_struct *t)
{
	return do_task_stat(m, t, true);
}

/* proc_tid_stat - see procfs.h. */
int proc_tid_stat(struct seq_buf *m, struct task_struct *t)
{
	return do_task_stat(m, t, false);
}

/* proc_pid_statm - see procfs.h: size resident shared text lib data dt. */
int proc_pid_statm(struct seq_buf *m, struct task_struct *t)
{
	struct mm_snap ms;

	mm_snapshot(t, &ms);
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", ms.total_vm,
		   ms.file + ms.shmem + ms.anon, ms.file + ms.shmem,
		   ms.has_mm ? text_pages(&ms) : 0, ms.data_vm + ms.stack_vm);
	return 0;
}

/* ---- status ---- */

/* The name, with newlines and backslashes escaped as Linux does. */
static void status_name(struct seq_buf *m, const char *comm)
{
	static const char from[] = "\n\\", to[] = "n\\";

	seq_puts(m, "Name:\t");
	for (; *comm; comm++) {
		const char *e = strchr(from, *comm);

		if (e) {
			seq_putc(m, '\\');
			seq_putc(m, to[e - from]);
		} else {
			seq_putc(m, *comm);
		}
	}
	seq_putc(m, '\n');
}

static void show_ids(struct seq_buf *m, const char *tag, const pid_t *ids,
		     int n)
{
	seq_printf(m, "%s:", tag);
	for (int i = 0; i < n; i++)
		seq_printf(m, "\t%d", ids[i]);
	seq_putc(m, '\n');
}

/* Uid, Gid (real, effective, saved, fs), FDSize and Groups, as the
 * reader's user namespace sees them. */
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

static void status_kb(struct seq_buf *m, const char *key, unsigned long pages)
{
	seq_printf(m, "%s\t%8lu kB\n", key, pages << (PAGE_SHIFT - 10));
}

/* The Vm and Rss lines (tasks with an address space only). */
static void status_mem(struct seq_buf *m, const struct mm_snap *ms)
{
	unsigned long text = text_pages(ms);

	status_kb(m, "VmPeak:", ms->hiwater_vm);
	status_kb(m, "VmSize:", ms->total_vm);
	status_kb(m, "VmLck:", ms->locked_vm);
	status_kb(m, "VmPin:", 0);		/* no pinned pages in tine */
	status_kb(m, "VmHWM:", ms->hiwater_rss);
	status_kb(m, "VmRSS:", ms->rss);
	status_kb(m, "RssAnon:", ms->anon);
	status_kb(m, "RssFile:", ms->file);
	status_kb(m, "RssShmem:", ms->shmem);
	status_kb(m, "VmData:", ms->data_vm);
	status_kb(m, "VmStk:", ms->stack_vm);
	status_kb(m, "VmExe:", text);
	status_kb(m, "VmLib:", ms->exec_vm > text ? ms->exec_vm - text : 0);
	/* The tables it owns: shared ones (docs/odf.md) count for none. */
	status_kb(m, "VmPTE:", ms->pgtables);
	status_kb(m, "VmSwap:", 0);		/* no swap in tine */
	seq_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
}

static void status_caps(struct seq_buf *m, const struct cred *c,
			bool no_new_privs)
{
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n",
		   (unsigned long long)c->cap_inheritable,
		   (unsigned long long)c->cap_permitted,
		   (unsigned long long)c->cap_effective);
	seq_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\nNoNewPrivs:\t%d\n",
		   (unsigned long long)c->cap_bset,
		   (unsigned long long)c->cap_ambient, no_new_privs);
	seq_puts(m, "Seccomp:\t0\nSeccomp_filters:\t0\n");
}

/* Cpus_allowed and Mems_allowed (one memory node, of MAX_NUMNODES 1024,
 * in Linux's layout), and the context switches. */
static void status_cpus(struct seq_buf *m, const struct task_snap *s)
{
	seq_puts(m, "Cpus_allowed:\t");
	seq_cpumask(m, &s->cpus_allowed);
	seq_puts(m, "\nCpus_allowed_list:\t");
	seq_cpulist(m, &s->cpus_allowed);
	seq_puts(m, "\nMems_allowed:\t");
	for (int i = 0; i < 31; i++)
		seq_puts(m, "00000000,");
	seq_puts(m, "00000001\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\n"
		      "nonvoluntary_ctxt_switches:\t%lu\n", s->nvcsw, s->nivcsw);
}

/* Signals: queued for the user against the limit, then the masks. */
static void status_signals(struct seq_buf *m, const struct task_snap *s,
			   const struct cred *c)
{
	seq_printf(m, "Threads:\t%d\nSigQ:\t%lu/%lu\n", s->nr_threads,
		   sigpending_of_user(c->uid), s->sigq_limit);
	seq_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n"
		      "SigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		   s->pending, s->shpending, s->blocked, s->ignored, s->caught);
}

/* proc_pid_status - see procfs.h. */
int proc_pid_status(struct seq_buf *m, struct task_struct *t)
{
	struct files_struct *files = get_task_files(t);
	unsigned int fdsize = files ? files->fdt->max_fds : 0;
	const struct cred *c = get_task_cred(t);
	struct task_snap s;
	struct mm_snap ms;

	if (files)
		put_files_struct(files);
	task_snapshot(t, false, proc_seq_pid_ns(m), &s);
	mm_snapshot(t, &ms);
	status_name(m, s.comm);
	if (s.umask >= 0)
		seq_printf(m, "Umask:\t%04o\n", s.umask);
	seq_printf(m, "State:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		      "PPid:\t%d\nTracerPid:\t%d\n", s.state, s.state_name,
		   s.tgid, proc_seq_pid_nr(m), s.ppid, s.tracer);
	status_ids(m, c, fdsize);
	show_ids(m, "NStgid", s.ns_tgid, s.ns_levels);
	show_ids(m, "NSpid", s.ns_pid, s.ns_levels);
	show_ids(m, "NSpgid", s.ns_pgid, s.ns_levels);
	show_ids(m, "NSsid", s.ns_sid, s.ns_levels);
	if (ms.has_mm) {
		status_mem(m, &ms);
		seq_puts(m, "CoreDumping:\t0\nTHP_enabled:\t0\n");
	}
	status_signals(m, &s, c);
	status_caps(m, c, READ_ONCE(t->no_new_privs));
	put_cred(c);
	status_cpus(m, &s);
	return 0;
}
