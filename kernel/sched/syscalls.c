/*
 * The scheduler's system calls: policies and priorities
 * (sched_setscheduler, sched_setparam, sched_setattr and their getters,
 * sched_get_priority_max/min, sched_rr_get_interval), sched_yield, nice
 * levels (setpriority/getpriority), CPU affinity and getcpu. The rules
 * are Linux's, including who may change whom:
 *
 * - anyone may read anyone's settings (no check, as Linux);
 * - changing another task needs the same owner (our euid is its uid or
 *   euid), else CAP_SYS_NICE;
 * - raising priority (a lower nice, a real-time policy, a higher
 *   rt_priority) is limited by the target's RLIMIT_NICE and
 *   RLIMIT_RTPRIO, else needs CAP_SYS_NICE; setpriority's failure there
 *   is EACCES, the sched_* calls' EPERM.
 *
 * Locks: tasks are found under tasklist_lock (or with a reference); a
 * change takes task_rq_lock(). User memory is copied before or after,
 * never under either.
 */
#include <tine/cred.h>
#include <tine/futex.h>
#include <tine/pid.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "sched.h"

#define SETPARAM_POLICY -1	/* sched_setparam: keep the policy */

/* CAP_SYS_NICE in the initial namespace: raising priority, real-time
 * policies (Linux's can_nice() and __sched_setscheduler()). */
static bool sched_capable_nice(void)
{
	return capable(CAP_SYS_NICE);
}

/* Linux's check_same_owner(): our euid is p's real or effective uid. */
static bool sched_same_owner(struct task_struct *p)
{
	const struct cred *pcred = get_task_cred(p);
	kuid_t euid = current_euid();
	bool ok = uid_eq(euid, pcred->euid) || uid_eq(euid, pcred->uid);

	put_cred(pcred);
	return ok;
}

/* CAP_SYS_NICE over p's user namespace (setpriority, setaffinity). */
static bool sched_capable_nice_over(struct task_struct *p)
{
	return has_ns_capability_over(p, CAP_SYS_NICE);
}

/* setpriority's rule (set_one_prio_perm): p's uid or euid is our euid,
 * or CAP_SYS_NICE over p's user namespace. */
static bool setpriority_perm(struct task_struct *p)
{
	return sched_same_owner(p) || sched_capable_nice_over(p);
}

static unsigned long task_rlimit(struct task_struct *p, unsigned int res)
{
	return READ_ONCE(p->signal->rlim[res].rlim_cur);
}

/* RLIMIT_NICE counts 1..40 for nice 19..-20 (20 - nice). */
static long nice_to_rlimit(long nice)
{
	return MAX_NICE - nice + 1;
}

/* May nice be set on p: within its RLIMIT_NICE, or CAP_SYS_NICE. */
static bool can_nice(struct task_struct *p, int nice)
{
	return (unsigned long)nice_to_rlimit(nice) <= task_rlimit(p, RLIMIT_NICE) ||
	       sched_capable_nice();
}

/* pid 0 is the caller; otherwise the thread with that id, referenced. */
static struct task_struct *find_get_process(pid_t pid)
{
	if (!pid) {
		get_task_struct(current);
		return current;
	}
	return find_get_task_by_vpid(pid);
}

/* ---- policies ---- */

/* What sched_setscheduler/setattr asks, as Linux's struct sched_attr. */
struct sched_request {
	int policy;			/* SCHED_* or SETPARAM_POLICY */
	u64 flags;			/* SCHED_FLAG_* */
	int nice;			/* fair policies */
	unsigned int priority;		/* FIFO/RR: 1..99 */
};

/* The unprivileged caller's limits (Linux's user_check_sched_setscheduler). */
static int check_sched_permission(struct task_struct *p,
				  const struct sched_request *r, int policy,
				  bool reset_on_fork)
{
	unsigned long rtprio;

	if (fair_policy(policy) && r->nice < task_nice(p) &&
	    !can_nice(p, r->nice))
		goto req_priv;
	if (rt_policy(policy)) {
		rtprio = task_rlimit(p, RLIMIT_RTPRIO);
		if (policy != (int)p->policy && !rtprio)
			goto req_priv;
		if (r->priority > p->rt_priority && r->priority > rtprio)
			goto req_priv;
	}
	/* SCHED_IDLE counts as nice 20: leaving it needs RLIMIT_NICE. */
	if (p->policy == SCHED_IDLE && policy != SCHED_IDLE &&
	    !can_nice(p, task_nice(p)))
		goto req_priv;
	if (!sched_same_owner(p))
		goto req_priv;
	/* Only the privileged may clear reset-on-fork. */
	if (p->sched_reset_on_fork && !reset_on_fork)
		goto req_priv;
	return 0;
req_priv:
	return sched_capable_nice() ? 0 : -EPERM;
}

/* Does the request change anything but reset-on-fork? rq locked. */
static bool sched_request_changes(struct task_struct *p,
				  const struct sched_request *r, int policy)
{
	if (policy != (int)p->policy)
		return true;
	if (fair_policy(policy))
		return r->nice != task_nice(p);
	return r->priority != p->rt_priority;
}

/* Apply policy and parameters to p. rq locked (task_rq_lock). */
static void __setscheduler(struct rq *rq, struct task_struct *p,
			   const struct sched_request *r, int policy)
{
	const struct sched_class *new_class;
	struct sched_change c;
	int eflags = 0;

	update_rq_clock(rq);
	sched_change_begin(rq, p, &c);
	p->policy = policy;
	if (fair_policy(policy))
		p->static_prio = NICE_TO_PRIO(r->nice);
	p->rt_priority = r->priority;
	set_load_weight(p);
	p->prio = effective_prio(p);
	new_class = rt_prio(p->prio) ? &rt_sched_class : &fair_sched_class;
	/* A fair newcomer starts at the queue's minimum (relative 0). */
	if (new_class == &fair_sched_class && c.prev_class != new_class &&
	    c.queued)
		p->se.vruntime = 0;
	p->sched_class = new_class;
	/* Lowered (user's view) RT priority: to the head of its new list,
	 * as Linux; raised: to the tail. */
	if (c.old_prio < p->prio)
		eflags |= ENQUEUE_HEAD;
	sched_change_end(rq, p, &c, eflags);
}

/*
 * sched_setscheduler_task - change p's policy and parameters as r asks,
 * checking permissions when @user. Returns 0 or -errno. Takes
 * task_rq_lock(); does not sleep.
 */
static int sched_setscheduler_task(struct task_struct *p,
				   const struct sched_request *r, bool user)
{
	int policy = r->policy;
	bool reset_on_fork;
	unsigned long f;
	struct rq *rq;
	int err;

	if (policy < 0) {
		reset_on_fork = p->sched_reset_on_fork;
		policy = p->policy;
	} else {
		reset_on_fork = r->flags & SCHED_FLAG_RESET_ON_FORK;
		if (!valid_policy(policy))
			return -EINVAL;
	}
	if (r->flags & ~(u64)SCHED_FLAG_ALL)
		return -EINVAL;
	/* Priorities 1..99 for FIFO and RR, 0 for the others. */
	if (r->priority > MAX_RT_PRIO - 1 ||
	    rt_policy(policy) != (r->priority != 0))
		return -EINVAL;
	if (user) {
		err = check_sched_permission(p, r, policy, reset_on_fork);
		if (err)
			return err;
	}
	/* Utilisation clamping is not built (Linux without
	 * CONFIG_UCLAMP_TASK says the same). */
	if (r->flags & SCHED_FLAG_UTIL_CLAMP)
		return -EOPNOTSUPP;
	if (is_idle_task(p))
		return -EINVAL;
	rq = task_rq_lock(p, &f);
	p->sched_reset_on_fork = reset_on_fork;
	if (!(r->flags & SCHED_FLAG_KEEP_PARAMS) &&
	    sched_request_changes(p, r, policy))
		__setscheduler(rq, p, r, policy);
	task_rq_unlock(rq, p, f);
	futex_pi_adjust(p);	/* a PI waiter moves in its lock's queue */
	return 0;
}

/* sched_setscheduler(2) and sched_setparam(2): policy -1 keeps it. */
static long do_sched_setscheduler(pid_t pid, int policy,
				  struct sched_param __user *param)
{
	struct sched_request r = { .policy = policy };
	struct sched_param lp;
	struct task_struct *p;
	long err;

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&lp, param, sizeof(lp)))
		return -EFAULT;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	if (policy >= 0 && (policy & SCHED_RESET_ON_FORK)) {
		r.flags |= SCHED_FLAG_RESET_ON_FORK;
		r.policy &= ~SCHED_RESET_ON_FORK;
	}
	/* The priority is an int here; a negative one is never valid. */
	r.priority = lp.sched_priority < 0 ? MAX_RT_PRIO : lp.sched_priority;
	r.nice = task_nice(p);
	err = sched_setscheduler_task(p, &r, true);
	put_task_struct(p);
	return err;
}

static long sys_sched_setscheduler(pid_t pid, int policy,
				   struct sched_param __user *param)
{
	if (policy < 0)
		return -EINVAL;
	return do_sched_setscheduler(pid, policy, param);
}
SYSCALL_ENTRY(sched_setscheduler, sys_sched_setscheduler);

static long sys_sched_setparam(pid_t pid, struct sched_param __user *param)
{
	return do_sched_setscheduler(pid, SETPARAM_POLICY, param);
}
SYSCALL_ENTRY(sched_setparam, sys_sched_setparam);

static long sys_sched_getscheduler(pid_t pid)
{
	struct task_struct *p;
	long policy;

	if (pid < 0)
		return -EINVAL;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	policy = READ_ONCE(p->policy);
	if (READ_ONCE(p->sched_reset_on_fork))
		policy |= SCHED_RESET_ON_FORK;
	put_task_struct(p);
	return policy;
}
SYSCALL_ENTRY(sched_getscheduler, sys_sched_getscheduler);

static long sys_sched_getparam(pid_t pid, struct sched_param __user *param)
{
	struct sched_param lp = { 0 };
	struct task_struct *p;

	if (!param || pid < 0)
		return -EINVAL;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	if (task_has_rt_policy(p))
		lp.sched_priority = READ_ONCE(p->rt_priority);
	put_task_struct(p);
	return copy_to_user(param, &lp, sizeof(lp)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(sched_getparam, sys_sched_getparam);

/*
 * Read an extensible struct sched_attr: size 0 means VER0; below VER0
 * or above a page, or a bigger struct with a non-zero tail, is E2BIG
 * with our size written back (as Linux). nice is clamped to -20..19.
 */
static int sched_copy_attr(struct sched_attr __user *uattr,
			   struct sched_attr *attr)
{
	u32 size;

	if (get_user(size, &uattr->size))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;
	if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto err_size;
	memset(attr, 0, sizeof(*attr));
	if (copy_from_user(attr, uattr, MIN(size, sizeof(*attr))))
		return -EFAULT;
	for (u32 off = sizeof(*attr); off < size; off++) {
		char c;

		if (get_user(c, (char __user *)uattr + off))
			return -EFAULT;
		if (c)
			goto err_size;
	}
	if ((attr->sched_flags & SCHED_FLAG_UTIL_CLAMP) &&
	    size < SCHED_ATTR_SIZE_VER1)
		return -EINVAL;
	attr->sched_nice = MAX(MIN(attr->sched_nice, MAX_NICE), MIN_NICE);
	return 0;
err_size:
	put_user((u32)sizeof(*attr), &uattr->size);
	return -E2BIG;
}

static long sys_sched_setattr(pid_t pid, struct sched_attr __user *uattr,
			      unsigned int flags)
{
	struct sched_request r;
	struct sched_attr attr;
	struct task_struct *p;
	long err;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	err = sched_copy_attr(uattr, &attr);
	if (err)
		return err;
	if ((int)attr.sched_policy < 0)
		return -EINVAL;
	r = (struct sched_request){
		.policy = attr.sched_policy,
		.flags = attr.sched_flags,
		.nice = attr.sched_nice,
		.priority = attr.sched_priority,
	};
	if (attr.sched_flags & SCHED_FLAG_KEEP_POLICY)
		r.policy = SETPARAM_POLICY;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	/* As Linux's get_params(): only the current policy's parameter is
	 * read back; the other keeps what the caller passed. */
	if (attr.sched_flags & SCHED_FLAG_KEEP_PARAMS) {
		if (task_has_rt_policy(p))
			r.priority = p->rt_priority;
		else
			r.nice = task_nice(p);
	}
	err = sched_setscheduler_task(p, &r, true);
	put_task_struct(p);
	return err;
}
SYSCALL_ENTRY(sched_setattr, sys_sched_setattr);

static long sys_sched_getattr(pid_t pid, struct sched_attr __user *uattr,
			      unsigned int usize, unsigned int flags)
{
	struct sched_attr k = { 0 };
	struct task_struct *p;

	if (!uattr || pid < 0 || usize > PAGE_SIZE ||
	    usize < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	k.sched_policy = READ_ONCE(p->policy);
	if (READ_ONCE(p->sched_reset_on_fork))
		k.sched_flags |= SCHED_FLAG_RESET_ON_FORK;
	if (task_has_rt_policy(p))
		k.sched_priority = READ_ONCE(p->rt_priority);
	else
		k.sched_nice = task_nice(p);
	put_task_struct(p);
	k.size = MIN(usize, (unsigned int)sizeof(k));
	return copy_to_user(uattr, &k, k.size) ? -EFAULT : 0;
}
SYSCALL_ENTRY(sched_getattr, sys_sched_getattr);

static long sys_sched_get_priority_max(int policy)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO - 1;
	if (fair_policy(policy) || policy == SCHED_DEADLINE)
		return 0;
	return -EINVAL;
}
SYSCALL_ENTRY(sched_get_priority_max, sys_sched_get_priority_max);

static long sys_sched_get_priority_min(int policy)
{
	if (rt_policy(policy))
		return 1;
	if (fair_policy(policy) || policy == SCHED_DEADLINE)
		return 0;
	return -EINVAL;
}
SYSCALL_ENTRY(sched_get_priority_min, sys_sched_get_priority_min);

/* The slice p gets: 100 ms for SCHED_RR, 0 for FIFO, the fair slice. */
static long sys_sched_rr_get_interval(pid_t pid,
				      struct timespec_k __user *interval)
{
	struct timespec_k ts;
	struct task_struct *p;
	unsigned int jif;
	unsigned long f;
	struct rq *rq;
	u64 ns;

	if (pid < 0)
		return -EINVAL;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	rq = task_rq_lock(p, &f);
	jif = p->sched_class->get_rr_interval(rq, p);
	task_rq_unlock(rq, p, f);
	put_task_struct(p);
	ns = (u64)jif * TICK_NSEC;
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
}
SYSCALL_ENTRY(sched_rr_get_interval, sys_sched_rr_get_interval);

static long sys_sched_yield(void)
{
	do_sched_yield();
	return 0;
}
SYSCALL_ENTRY(sched_yield, sys_sched_yield);

/* ---- nice: setpriority, getpriority ---- */

/*
 * One target of setpriority: EPERM if not ours, EACCES if the nice
 * would exceed its RLIMIT_NICE; the first success turns the running
 * -ESRCH into 0 (Linux's set_one_prio). tasklist_lock held.
 */
static int set_one_prio(struct task_struct *p, int nice, int error)
{
	assert_rwlock_held(&tasklist_lock);
	if (!setpriority_perm(p))
		return -EPERM;
	if (nice < task_nice(p) && !can_nice(p, nice))
		return -EACCES;
	if (error == -ESRCH)
		error = 0;
	set_user_nice(p, nice);
	futex_pi_adjust(p);
	return error;
}

/* Does p belong to the target of (which, who)? tasklist_lock held;
 * who is already resolved (a global pgrp id, a uid). */
static bool prio_target(struct task_struct *p, int which, long who)
{
	assert_rwlock_held(&tasklist_lock);
	if (p->exit_state)
		return false;
	if (which == PRIO_PGRP)
		return pid_nr_ns(task_pgrp(p), &init_pid_ns) == who;
	return uid_eq(task_uid(p), KUIDT_INIT((uid_t)who)) && task_pid_vnr(p);
}

/* Resolve who for PRIO_PGRP/PRIO_USER (0: the caller's). Returns
 * false if no such process group. tasklist_lock held. */
static bool prio_resolve(int which, long *who)
{
	struct pid *pg;

	assert_rwlock_held(&tasklist_lock);
	if (which == PRIO_USER) {
		kuid_t uid = *who ? make_kuid(current_user_ns(), *who)
				  : current_uid();

		*who = __kuid_val(uid);
		return uid_valid(uid);
	}
	if (!*who) {
		*who = pid_nr_ns(task_pgrp(current), &init_pid_ns);
		return true;
	}
	pg = find_vpid(*who);
	if (!pg)
		return false;
	*who = pg->numbers[0].nr;
	return true;
}

static long sys_setpriority(int which, int who, int nice)
{
	struct task_struct *p;
	int error = -ESRCH;
	unsigned long f;
	long target = who;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	nice = MAX(MIN(nice, MAX_NICE), MIN_NICE);
	f = read_lock_irqsave(&tasklist_lock);
	if (which == PRIO_PROCESS) {
		p = who ? find_task_by_vpid(who) : current;
		if (p)
			error = set_one_prio(p, nice, error);
	} else if (prio_resolve(which, &target)) {
		list_for_each_entry(p, &task_list, tasks)
			if (prio_target(p, which, target))
				error = set_one_prio(p, nice, error);
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return error;
}
SYSCALL_ENTRY(setpriority, sys_setpriority);

/* getpriority returns 20 - nice (1..40), the highest among the targets,
 * so that no valid answer looks like an error. */
static long sys_getpriority(int which, int who)
{
	struct task_struct *p;
	long ret = -ESRCH, v;
	unsigned long f;
	long target = who;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	f = read_lock_irqsave(&tasklist_lock);
	if (which == PRIO_PROCESS) {
		p = who ? find_task_by_vpid(who) : current;
		if (p)
			ret = nice_to_rlimit(task_nice(p));
	} else if (prio_resolve(which, &target)) {
		list_for_each_entry(p, &task_list, tasks) {
			if (!prio_target(p, which, target))
				continue;
			v = nice_to_rlimit(task_nice(p));
			ret = MAX(ret, v);
		}
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return ret;
}
SYSCALL_ENTRY(getpriority, sys_getpriority);

/* ---- affinity ---- */

/* The size of the CPU masks user space exchanges: whole longs for
 * nr_cpu_ids bits (Linux's cpumask_size()). */
static unsigned int cpumask_user_size(void)
{
	return (nr_cpu_ids + 63) / 64 * sizeof(long);
}

static long sys_sched_setaffinity(pid_t pid, unsigned int len,
				  const unsigned long __user *umask)
{
	struct cpumask mask;
	struct task_struct *p;
	long err;

	/* A short mask is zero-extended, a long one cut (as Linux). */
	cpumask_clear(&mask);
	if (copy_from_user(&mask, umask, MIN(len, cpumask_user_size())))
		return -EFAULT;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	err = -EPERM;
	if (!sched_same_owner(p) && !sched_capable_nice_over(p))
		goto out;
	err = set_cpus_allowed_ptr(p, &mask);
out:
	put_task_struct(p);
	return err;
}
SYSCALL_ENTRY(sched_setaffinity, sys_sched_setaffinity);

static long sys_sched_getaffinity(pid_t pid, unsigned int len,
				  unsigned long __user *umask)
{
	unsigned int size = cpumask_user_size();
	struct task_struct *p;
	struct cpumask mask;
	unsigned long f;
	struct rq *rq;

	if ((u64)len * 8 < nr_cpu_ids || (len & (sizeof(long) - 1)))
		return -EINVAL;
	p = find_get_process(pid);
	if (!p)
		return -ESRCH;
	rq = task_rq_lock(p, &f);
	for (unsigned int i = 0; i < ARRAY_SIZE(mask.bits); i++)
		mask.bits[i] = p->cpus_allowed.bits[i] &
			       cpu_online_mask->bits[i];
	task_rq_unlock(rq, p, f);
	put_task_struct(p);
	size = MIN(len, size);
	return copy_to_user(umask, &mask, size) ? -EFAULT : (long)size;
}
SYSCALL_ENTRY(sched_getaffinity, sys_sched_getaffinity);

static long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep,
		       void __user *unused)
{
	unsigned int cpu = smp_processor_id();

	if (cpup && put_user(cpu, cpup))
		return -EFAULT;
	if (nodep && put_user(0U, nodep))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(getcpu, sys_getcpu);
