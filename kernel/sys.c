/*
 * Small system calls about the caller itself: identity, credentials,
 * limits, names, process groups and sessions, power.
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
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

static long sys_getuid(void) { return current->cred.uid; }
SYSCALL_ENTRY(getuid, sys_getuid);
static long sys_geteuid(void) { return current->cred.euid; }
SYSCALL_ENTRY(geteuid, sys_geteuid);
static long sys_getgid(void) { return current->cred.gid; }
SYSCALL_ENTRY(getgid, sys_getgid);
static long sys_getegid(void) { return current->cred.egid; }
SYSCALL_ENTRY(getegid, sys_getegid);

static bool capable(void) { return current->cred.euid == 0; }

/* setresuid semantics; -1 leaves a field alone. Root may set any id;
 * others only to one of their current real/effective/saved ids. */
static bool uid_allowed(uid_t v, const struct cred *c)
{
	return v == (uid_t)-1 || capable() || v == c->uid || v == c->euid ||
	       v == c->suid;
}

static long sys_setresuid(uid_t r, uid_t e, uid_t s)
{
	struct cred *c = &current->cred;

	if (!uid_allowed(r, c) || !uid_allowed(e, c) || !uid_allowed(s, c))
		return -EPERM;
	if (r != (uid_t)-1)
		c->uid = r;
	if (e != (uid_t)-1)
		c->euid = e;
	if (s != (uid_t)-1)
		c->suid = s;
	c->fsuid = c->euid;
	return 0;
}
SYSCALL_ENTRY(setresuid, sys_setresuid);

static bool gid_allowed(gid_t v, const struct cred *c)
{
	return v == (gid_t)-1 || capable() || v == c->gid || v == c->egid ||
	       v == c->sgid;
}

static long sys_setresgid(gid_t r, gid_t e, gid_t s)
{
	struct cred *c = &current->cred;

	if (!gid_allowed(r, c) || !gid_allowed(e, c) || !gid_allowed(s, c))
		return -EPERM;
	if (r != (gid_t)-1)
		c->gid = r;
	if (e != (gid_t)-1)
		c->egid = e;
	if (s != (gid_t)-1)
		c->sgid = s;
	c->fsgid = c->egid;
	return 0;
}
SYSCALL_ENTRY(setresgid, sys_setresgid);

static long sys_setuid(uid_t uid)
{
	if (uid == (uid_t)-1)
		return -EINVAL;
	if (capable())
		return sys_setresuid(uid, uid, uid);
	if (uid != current->cred.uid && uid != current->cred.suid)
		return -EPERM;
	return sys_setresuid(-1, uid, -1);
}
SYSCALL_ENTRY(setuid, sys_setuid);

static long sys_setgid(gid_t gid)
{
	if (gid == (gid_t)-1)
		return -EINVAL;
	if (capable())
		return sys_setresgid(gid, gid, gid);
	if (gid != current->cred.gid && gid != current->cred.sgid)
		return -EPERM;
	return sys_setresgid(-1, gid, -1);
}
SYSCALL_ENTRY(setgid, sys_setgid);

static long sys_setreuid(uid_t r, uid_t e)
{
	return sys_setresuid(r, e, e != (uid_t)-1 ? e : (uid_t)-1);
}
SYSCALL_ENTRY(setreuid, sys_setreuid);

static long sys_setregid(gid_t r, gid_t e)
{
	return sys_setresgid(r, e, e != (gid_t)-1 ? e : (gid_t)-1);
}
SYSCALL_ENTRY(setregid, sys_setregid);

static long sys_getresuid(uid_t __user *r, uid_t __user *e, uid_t __user *s)
{
	if (put_user(current->cred.uid, r) || put_user(current->cred.euid, e) ||
	    put_user(current->cred.suid, s))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(getresuid, sys_getresuid);

static long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s)
{
	if (put_user(current->cred.gid, r) || put_user(current->cred.egid, e) ||
	    put_user(current->cred.sgid, s))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(getresgid, sys_getresgid);

static long sys_getgroups(int size, gid_t __user *list)
{
	struct cred *c = &current->cred;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((unsigned int)size < c->ngroups)
		return -EINVAL;
	if (copy_to_user(list, c->groups, c->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return c->ngroups;
}
SYSCALL_ENTRY(getgroups, sys_getgroups);

static long sys_setgroups(int size, const gid_t __user *list)
{
	gid_t g[32];

	if (!capable())
		return -EPERM;
	if (size < 0 || size > 65536)
		return -EINVAL;
	if (size > 32)
		return -ENOMEM;	/* FIXME: more than 32 supplementary groups */
	if (copy_from_user(g, list, size * sizeof(gid_t)))
		return -EFAULT;
	memcpy(current->cred.groups, g, size * sizeof(gid_t));
	current->cred.ngroups = size;
	return 0;
}
SYSCALL_ENTRY(setgroups, sys_setgroups);

static long sys_setfsuid(uid_t uid)
{
	uid_t old = current->cred.fsuid;

	if (uid_allowed(uid, &current->cred) || uid == current->cred.fsuid)
		current->cred.fsuid = uid;
	return old;
}
SYSCALL_ENTRY(setfsuid, sys_setfsuid);

static long sys_setfsgid(gid_t gid)
{
	gid_t old = current->cred.fsgid;

	if (gid_allowed(gid, &current->cred) || gid == current->cred.fsgid)
		current->cred.fsgid = gid;
	return old;
}
SYSCALL_ENTRY(setfsgid, sys_setfsgid);

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

static long set_uts_field(char *field, const char __user *name, int len)
{
	char buf[65];

	if (!capable())
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

/* prlimit64: read and/or set one resource limit of pid (0 = self). */
/*
 * May the caller read or change t's limits?  As Linux: itself, a task
 * whose real, effective and saved ids all equal the caller's real ids,
 * or with privilege (CAP_SYS_RESOURCE; root here).  0 or -EPERM.
 */
static int check_prlimit_permission(struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (t == current || capable())
		return 0;
	if (c->uid == tc->uid && c->uid == tc->euid && c->uid == tc->suid &&
	    c->gid == tc->gid && c->gid == tc->egid && c->gid == tc->sgid)
		return 0;
	return -EPERM;
}

static long sys_prlimit64(pid_t pid, unsigned int res,
			  const struct rlimit __user *new,
			  struct rlimit __user *old)
{
	struct rlimit nr, or;
	struct task_struct *t = current;
	unsigned long f;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (new) {
		if (copy_from_user(&nr, new, sizeof(nr)))
			return -EFAULT;
		if (nr.rlim_cur > nr.rlim_max)
			return -EINVAL;
	}
	if (pid) {
		t = find_get_task_by_vpid(pid);
		if (!t)
			return -ESRCH;
	} else {
		get_task_struct(t);
	}
	if (check_prlimit_permission(t)) {
		put_task_struct(t);
		return -EPERM;
	}
	f = spin_lock_irqsave(&t->sighand->siglock);
	or = t->signal->rlim[res];
	if (new) {
		if (nr.rlim_max > or.rlim_max && !capable()) {
			spin_unlock_irqrestore(&t->sighand->siglock, f);
			put_task_struct(t);
			return -EPERM;
		}
		if (res == RLIMIT_NOFILE && nr.rlim_max > 1048576) {
			spin_unlock_irqrestore(&t->sighand->siglock, f);
			put_task_struct(t);
			return -EPERM;
		}
		t->signal->rlim[res] = nr;
	}
	spin_unlock_irqrestore(&t->sighand->siglock, f);
	put_task_struct(t);
	if (old && copy_to_user(old, &or, sizeof(or)))
		return -EFAULT;
	return 0;
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

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static long sys_arch_prctl(int code, unsigned long addr)
{
	switch (code) {
	case ARCH_SET_FS:
		return arch_prctl_set_fs(current, addr);
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase,
				(unsigned long __user *)addr);
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		current->thread.gsbase = addr;
		wrmsr(MSR_KERNEL_GS_BASE, addr);
		return 0;
	case ARCH_GET_GS:
		return put_user(current->thread.gsbase,
				(unsigned long __user *)addr);
	}
	return -EINVAL;
}
SYSCALL_ENTRY(arch_prctl, sys_arch_prctl);

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

static long sys_get_robust_list(int pid, void __user *__user *head,
				size_t __user *len)
{
	struct task_struct *t = pid ? find_get_task_by_vpid(pid) : current;
	void __user *h;

	if (!t)
		return -ESRCH;
	h = t->robust_list;
	if (pid)
		put_task_struct(t);
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
#define LINUX_REBOOT_CMD_HALT 0xcdef0123
#define LINUX_REBOOT_CMD_CAD_ON 0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

static long sys_reboot(int magic1, int magic2, unsigned int cmd,
		       void __user *arg)
{
	if (!capable())
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
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

u64 task_cputime_ns(struct task_struct *t, bool whole_process)
{
	u64 ns = t->utime + t->stime;
	struct task_struct *p;
	unsigned long f;

	if (!whole_process)
		return ns;
	ns = 0;
	f = write_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &t->signal->thread_head, thread_node)
		ns += p->utime + p->stime;
	write_unlock_irqrestore(&tasklist_lock, f);
	return ns;
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define USER_HZ 100
static long ns_to_clock_t(u64 ns) { return ns / (1000000000ULL / USER_HZ); }

static long sys_times(struct tms __user *buf)
{
	struct tms t = {
		ns_to_clock_t(current->utime), ns_to_clock_t(current->stime),
		ns_to_clock_t(current->signal->cutime),
		ns_to_clock_t(current->signal->cstime),
	};

	if (buf && copy_to_user(buf, &t, sizeof(t)))
		return -EFAULT;
	return ns_to_clock_t(ktime_get_ns()) + 1000;
}
SYSCALL_ENTRY(times, sys_times);

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN -1
#define RUSAGE_THREAD 1

static long sys_getrusage(int who, struct rusage __user *ru)
{
	struct rusage_k r = { 0 };
	struct signal_struct *s = current->signal;

	switch (who) {
	case RUSAGE_SELF:
	case RUSAGE_THREAD:
		r.utime = current->utime;
		r.stime = current->stime;
		r.minflt = current->min_flt;
		r.majflt = current->maj_flt;
		r.nvcsw = current->nvcsw;
		r.nivcsw = current->nivcsw;
		break;
	case RUSAGE_CHILDREN:
		r.utime = s->cutime;
		r.stime = s->cstime;
		r.minflt = s->cmin_flt;
		r.majflt = s->cmaj_flt;
		r.nvcsw = s->cnvcsw;
		r.nivcsw = s->cnivcsw;
		break;
	default:
		return -EINVAL;
	}
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

int nr_processes(void);

static long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo s = { 0 };

	s.uptime = ktime_get_ns() / 1000000000ULL;
	s.totalram = totalram_pages();
	s.freeram = nr_free_pages();
	s.procs = nr_processes();
	s.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(sysinfo, sys_sysinfo);
