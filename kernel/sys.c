/*
 * Small system calls about the caller itself: limits, names, process
 * groups and sessions, power. (Identity and credentials: kernel/sys_ids.c,
 * kernel/groups.c, kernel/capability.c.)
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/posix-timers.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <tine/wait_api.h>
#include <uapi/errno.h>

static long sys_getpid(void) { return task_tgid_vnr(current); }
SYSCALL_ENTRY(getpid, sys_getpid);

static long sys_gettid(void) { return task_pid_vnr(current); }
SYSCALL_ENTRY(gettid, sys_gettid);

static long sys_getppid(void)
{
	struct task_struct *t = current;

	/* In the initial namespace the global tgid is the answer. */
	if (likely(t->thread_pid->level == 0))
		return READ_ONCE(t->real_parent)->tgid;
	return task_ppid_nr_ns(t, task_active_pid_ns(t));
}
SYSCALL_ENTRY(getppid, sys_getppid);

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65],
		machine[65], domainname[65];
};

static long sys_uname(struct new_utsname __user *name)
{
	struct uts_namespace *u = current->nsproxy->uts_ns;
	struct new_utsname n;

	memcpy(n.sysname, u->sysname, 65);
	memcpy(n.nodename, u->nodename, 65);
	memcpy(n.release, u->release, 65);
	memcpy(n.version, u->version, 65);
	memcpy(n.machine, u->machine, 65);
	memcpy(n.domainname, u->domainname, 65);
	return copy_to_user(name, &n, sizeof(n)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(uname, sys_uname);

/* sethostname/setdomainname: CAP_SYS_ADMIN over the UTS namespace. */
static long set_uts_field(char *field, const char __user *name, int len)
{
	char buf[65];

	if (!ns_capable(current->nsproxy->uts_ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(buf, name, len))
		return -EFAULT;
	buf[len] = 0;
	memcpy(field, buf, len + 1);
	return 0;
}

static long sys_sethostname(const char __user *name, int len)
{
	return set_uts_field(current->nsproxy->uts_ns->nodename, name, len);
}
SYSCALL_ENTRY(sethostname, sys_sethostname);

static long sys_setdomainname(const char __user *name, int len)
{
	return set_uts_field(current->nsproxy->uts_ns->domainname, name, len);
}
SYSCALL_ENTRY(setdomainname, sys_setdomainname);

/*
 * Linux's check_prlimit_permission: a task's own limits, or another's
 * whose real, effective and saved uids and gids all equal the caller's
 * real ones, or with CAP_SYS_RESOURCE over its user namespace.
 */
static int check_prlimit_permission(struct task_struct *t)
{
	const struct cred *tcred;
	bool ok;

	if (t == current)
		return 0;
	tcred = get_task_cred(t);
	ok = cred_ids_match(current_cred(), tcred) ||
	     ns_capable(tcred->user_ns, CAP_SYS_RESOURCE);
	put_cred(tcred);
	return ok ? 0 : -EPERM;
}

/* Read and/or set t's limit res (Linux's do_prlimit). Raising a hard
 * limit needs CAP_SYS_RESOURCE (in the initial namespace, as Linux). */
static long do_prlimit(struct task_struct *t, unsigned int res,
		       const struct rlimit *nr, struct rlimit *or)
{
	unsigned long f;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (nr && nr->rlim_cur > nr->rlim_max)
		return -EINVAL;
	if (nr && res == RLIMIT_NOFILE && nr->rlim_max > READ_ONCE(sysctl_nr_open))
		return -EPERM;
	/* A process already reaped has no limits any more. */
	if (!lock_task_sighand(t, &f))
		return -ESRCH;
	*or = t->signal->rlim[res];
	if (nr && nr->rlim_max > or->rlim_max && !capable(CAP_SYS_RESOURCE)) {
		unlock_task_sighand(t, &f);
		return -EPERM;
	}
	if (nr)
		t->signal->rlim[res] = *nr;
	unlock_task_sighand(t, &f);
	return 0;
}

/* prlimit64: read and/or set one resource limit of pid (0 = self). */
static long sys_prlimit64(pid_t pid, unsigned int res,
			  const struct rlimit __user *new,
			  struct rlimit __user *old)
{
	struct rlimit nr, or;
	struct task_struct *t = current;
	long err;

	if (new && copy_from_user(&nr, new, sizeof(nr)))
		return -EFAULT;
	if (pid) {
		t = find_get_task_by_vpid(pid);
		if (!t)
			return -ESRCH;
	} else {
		get_task_struct(t);
	}
	err = check_prlimit_permission(t);
	if (!err)
		err = do_prlimit(t, res, new ? &nr : NULL, &or);
	put_task_struct(t);
	if (!err && old && copy_to_user(old, &or, sizeof(or)))
		return -EFAULT;
	return err;
}
SYSCALL_ENTRY(prlimit64, sys_prlimit64);

static long sys_getrlimit(unsigned int res, struct rlimit __user *r)
{
	if (!r && res < RLIM_NLIMITS)
		return -EFAULT;
	return sys_prlimit64(0, res, NULL, r);
}
SYSCALL_ENTRY(getrlimit, sys_getrlimit);

static long sys_setrlimit(unsigned int res, const struct rlimit __user *r)
{
	if (!r && res < RLIM_NLIMITS)
		return -EFAULT;
	return sys_prlimit64(0, res, r, NULL);
}
SYSCALL_ENTRY(setrlimit, sys_setrlimit);

static long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return task_pid_vnr(current);
}
SYSCALL_ENTRY(set_tid_address, sys_set_tid_address);

/* The robust futex list head: walked at exit and exec (kernel/futex.c). */
static long sys_set_robust_list(void __user *head, size_t len)
{
	if (len != 24)	/* sizeof(struct robust_list_head) */
		return -EINVAL;
	current->robust_list = head;
	return 0;
}
SYSCALL_ENTRY(set_robust_list, sys_set_robust_list);

/* get_robust_list: another task's needs PTRACE_MODE_READ_REALCREDS. */
static long sys_get_robust_list(int pid, void __user *__user *head,
				size_t __user *len)
{
	struct task_struct *t = pid ? find_get_task_by_vpid(pid) : current;
	void __user *h;
	bool ok = true;

	if (!t)
		return -ESRCH;
	if (pid) {
		ok = ptrace_may_access(t, PTRACE_MODE_READ_REALCREDS);
		h = READ_ONCE(t->robust_list);
		put_task_struct(t);
	} else {
		h = t->robust_list;
	}
	if (!ok)
		return -EPERM;
	if (put_user((size_t)24, len) || put_user(h, head))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(get_robust_list, sys_get_robust_list);

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_MAGIC2A 85072278
#define LINUX_REBOOT_MAGIC2B 369367448
#define LINUX_REBOOT_MAGIC2C 537993216
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_RESTART2 0xa1b2c3d4
#define LINUX_REBOOT_CMD_HALT 0xcdef0123
#define LINUX_REBOOT_CMD_CAD_ON 0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

/*
 * reboot: CAP_SYS_BOOT over the caller's pid namespace. Inside a child
 * pid namespace restart, halt and power-off end that namespace instead
 * (its init is killed, as Linux's reboot_pid_ns()).
 */
/*
 * A reboot inside a child pid namespace: kill its init and exit.
 * FIXME: Linux makes the init die of SIGHUP (restart) or SIGINT (halt,
 * power off) as its parent sees it; here it is SIGKILL.
 */
static long reboot_pid_ns(struct pid_namespace *ns, unsigned int cmd)
{
	unsigned long f;

	if (cmd != LINUX_REBOOT_CMD_RESTART &&
	    cmd != LINUX_REBOOT_CMD_RESTART2 &&
	    cmd != LINUX_REBOOT_CMD_POWER_OFF &&
	    cmd != LINUX_REBOOT_CMD_HALT)
		return -EINVAL;
	f = read_lock_irqsave(&tasklist_lock);
	if (ns->child_reaper)
		send_sig_info(SIGKILL, NULL, ns->child_reaper);
	read_unlock_irqrestore(&tasklist_lock, f);
	do_exit(0);
}

static long sys_reboot(int magic1, int magic2, unsigned int cmd,
		       void __user *arg)
{
	struct pid_namespace *pid_ns = task_active_pid_ns(current);

	if (!ns_capable(pid_ns->user_ns, CAP_SYS_BOOT))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	if (pid_ns != &init_pid_ns)
		return reboot_pid_ns(pid_ns, cmd);
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("reboot: Power down\n");
		arch_power_off();
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("reboot: System halted\n");
		local_irq_disable();
		for (;;)
			halt();
	case LINUX_REBOOT_CMD_RESTART:
		pr_emerg("reboot: Restarting system\n");
		arch_reboot();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
SYSCALL_ENTRY(reboot, sys_reboot);

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define USER_HZ 100
static long ns_to_clock_t(u64 ns) { return ns / (1000000000ULL / USER_HZ); }

/* times - the process's (all threads') and its reaped children's times. */
static long sys_times(struct tms __user *buf)
{
	struct signal_struct *sig = current->signal;
	u64 u, s;
	struct tms t;

	thread_group_cputime_locked(sig, &u, &s);
	t = (struct tms){ ns_to_clock_t(u), ns_to_clock_t(s),
			  ns_to_clock_t(sig->cutime), ns_to_clock_t(sig->cstime) };

	if (buf && copy_to_user(buf, &t, sizeof(t)))
		return -EFAULT;
	return ns_to_clock_t(ktime_get_ns()) + 1000;
}
SYSCALL_ENTRY(times, sys_times);

/* t's own counts (a live thread). */
static void accumulate_thread_rusage(struct task_struct *t,
				     struct rusage_k *r)
{
	r->minflt += t->min_flt;
	r->majflt += t->maj_flt;
	r->nvcsw += t->nvcsw;
	r->nivcsw += t->nivcsw;
}

/*
 * getrusage - see wait_api.h. As Linux: the whole process's times and
 * counts (its live threads' and its released threads' kept in the
 * signal_struct) for RUSAGE_SELF, the reaped children's for
 * RUSAGE_CHILDREN, both added for wait's RUSAGE_BOTH, the calling
 * thread's for RUSAGE_THREAD; maxrss is the highest peak among those
 * that apply, the current address space's included unless only the
 * children are asked for.
 */
void getrusage(struct task_struct *p, int who, struct rusage_k *r)
{
	struct signal_struct *sig = p->signal;
	unsigned long f, maxrss = 0;
	struct task_struct *t;
	u64 u, s;

	memset(r, 0, sizeof(*r));
	if (who == RUSAGE_THREAD) {
		task_cputime(p, &r->utime, &r->stime);
		accumulate_thread_rusage(p, r);
		maxrss = READ_ONCE(sig->maxrss);
		goto out;
	}
	f = spin_lock_irqsave(&p->sighand->siglock);
	if (who == RUSAGE_CHILDREN || who == RUSAGE_BOTH) {
		r->utime = sig->cutime;
		r->stime = sig->cstime;
		r->minflt = sig->cmin_flt;
		r->majflt = sig->cmaj_flt;
		r->nvcsw = sig->cnvcsw;
		r->nivcsw = sig->cnivcsw;
		maxrss = sig->cmaxrss;
	}
	if (who != RUSAGE_CHILDREN) {
		/* The thread list may be walked under the siglock. */
		thread_group_cputime(sig, &u, &s);
		r->utime += u;
		r->stime += s;
		r->minflt += sig->min_flt;
		r->majflt += sig->maj_flt;
		r->nvcsw += sig->nvcsw;
		r->nivcsw += sig->nivcsw;
		if (maxrss < sig->maxrss)
			maxrss = sig->maxrss;
		list_for_each_entry(t, &sig->thread_head, thread_node)
			accumulate_thread_rusage(t, r);
	}
	spin_unlock_irqrestore(&p->sighand->siglock, f);
out:
	if (who != RUSAGE_CHILDREN) {
		/* The mm lives while it is p's (task_lock). */
		task_lock(p);
		if (p->mm && maxrss < get_mm_hiwater_rss(p->mm))
			maxrss = get_mm_hiwater_rss(p->mm);
		task_unlock(p);
	}
	r->maxrss = maxrss;
}

/* setmax_mm_hiwater_rss - see wait_api.h. */
void setmax_mm_hiwater_rss(struct mm_struct *mm)
{
	struct signal_struct *sig = current->signal;
	unsigned long rss = get_mm_hiwater_rss(mm);
	unsigned long f = spin_lock_irqsave(&current->sighand->siglock);

	if (sig->maxrss < rss)
		sig->maxrss = rss;
	spin_unlock_irqrestore(&current->sighand->siglock, f);
}

static long sys_getrusage(int who, struct rusage __user *ru)
{
	struct rusage_k r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN &&
	    who != RUSAGE_THREAD)
		return -EINVAL;
	getrusage(current, who, &r);
	return put_rusage(&r, ru);
}
SYSCALL_ENTRY(getrusage, sys_getrusage);

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

static long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo s = { 0 };

	s.uptime = ktime_get_ns() / 1000000000ULL;
	s.totalram = totalram_pages();
	s.freeram = nr_free_pages();
	s.procs = nr_processes();
	s.mem_unit = PAGE_SIZE;
	get_avenrun(s.loads, 0, 16 - FSHIFT);	/* SI_LOAD_SHIFT */
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(sysinfo, sys_sysinfo);
