/*
 * Namespaces: which a clone shares, which it gets anew.
 * FIXME: CLONE_NEWPID and CLONE_NEWUTS (issue 3); until then they, like
 * every namespace tine lacks, are refused with EINVAL by copy_process.
 */
#include <tine/clone.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <uapi/errno.h>

struct uts_namespace init_uts_ns = {
	.count = ATOMIC_INIT(1),
	.sysname = "Linux",
	.nodename = "tine",
	.release = "6.1.0-tine",
	.version = "#1 SMP PREEMPT_DYNAMIC tine",
	.machine = "x86_64",
	.domainname = "(none)",
};

struct nsproxy init_nsproxy = {
	.count = ATOMIC_INIT(1),
	.uts_ns = &init_uts_ns,
	.pid_ns_for_children = &init_pid_ns,
};

int copy_namespaces(unsigned long flags, struct task_struct *p)
{
	atomic_inc(&p->nsproxy->count);
	return 0;
}

void put_nsproxy(struct nsproxy *ns)
{
	if (atomic_dec_and_test(&ns->count))
		kfree(ns);
}

void exit_task_namespaces(struct task_struct *p)
{
	struct nsproxy *ns = p->nsproxy;

	p->nsproxy = NULL;
	if (ns)
		put_nsproxy(ns);
}
