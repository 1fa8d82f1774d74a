/*
 * UTS namespaces: the names uname(2) reports. CLONE_NEWUTS (clone,
 * clone3, unshare) gives a task a copy that sethostname() and
 * setdomainname() change without touching its parent's.
 *
 * setns() joins another (utsns_operations).
 *
 * FIXME: no lock around the names; a uname() racing a sethostname()
 * may see a torn name (Linux holds uts_sem).
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

struct uts_namespace init_uts_ns = {
	.ns = { .ops = &utsns_operations, .inum = PROC_UTS_INIT_INO,
		.count = ATOMIC_INIT(1) },
	.sysname = "Linux",
	.nodename = "tine",
	.release = "6.1.0-tine",
	.version = "#1 SMP PREEMPT_DYNAMIC tine",
	.machine = "x86_64",
	.domainname = "(none)",
	.user_ns = &init_user_ns,
};

static struct uts_namespace *clone_uts_ns(struct user_namespace *user_ns,
					  struct uts_namespace *old)
{
	struct uts_namespace *ns = kmalloc(sizeof(*ns), 0);

	if (!ns)
		return ERR_PTR(-ENOMEM);
	memcpy(ns, old, sizeof(*ns));
	ns->ns.inum = ns_alloc_inum();
	atomic_set(&ns->ns.count, 1);
	ns->user_ns = get_user_ns(user_ns);
	return ns;
}

/*
 * copy_utsname - old shared (a reference), or with CLONE_NEWUTS a copy
 * owned by user_ns. Returns the namespace or ERR_PTR(-ENOMEM).
 */
struct uts_namespace *copy_utsname(unsigned long flags,
				   struct user_namespace *user_ns,
				   struct uts_namespace *old)
{
	if (!(flags & CLONE_NEWUTS)) {
		atomic_inc(&old->ns.count);
		return old;
	}
	return clone_uts_ns(user_ns, old);
}

/*
 * put_uts_ns - drop a reference; the last frees ns (never init_uts_ns).
 * Does not sleep.
 */
void put_uts_ns(struct uts_namespace *ns)
{
	if (ns != &init_uts_ns && atomic_dec_and_test(&ns->ns.count)) {
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}

/* ---- sysctl: kernel.{arch,hostname,domainname,ostype,osrelease,version} ---- */

/* The field of the caller's UTS namespace that a table entry (whose
 * data is that field of init_uts_ns) stands for. */
static char *uts_field(const struct ctl_table *t)
{
	struct uts_namespace *uts = current->nsproxy->uts_ns;

	return (char *)uts + ((char *)t->data - (char *)&init_uts_ns);
}

/* A name of the caller's namespace, read or written whole through a
 * copy (FIXME: without the lock Linux takes, as uname()). */
static int proc_do_uts_string(const struct ctl_table *t, int write,
			      char *buf, size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;
	char name[sizeof(init_uts_ns.nodename)];
	int err;

	memcpy(name, uts_field(t), sizeof(name));
	tmp.data = name;
	err = proc_dostring(&tmp, write, buf, lenp, ppos);
	if (!err && write)
		memcpy(uts_field(t), name, sizeof(name));
	return err;
}

#define UTS_ENTRY(n, field, m)                                             \
	{ .procname = n, .data = init_uts_ns.field,                        \
	  .maxlen = sizeof(init_uts_ns.field), .mode = m,                  \
	  .proc_handler = proc_do_uts_string }

static const struct ctl_table uts_table[] = {
	UTS_ENTRY("arch", machine, 0444),
	UTS_ENTRY("ostype", sysname, 0444),
	UTS_ENTRY("osrelease", release, 0444),
	UTS_ENTRY("version", version, 0444),
	UTS_ENTRY("hostname", nodename, 0644),
	UTS_ENTRY("domainname", domainname, 0644),
	{ }
};

static void uts_sysctl_init(void)
{
	register_sysctl("kernel", uts_table);
}
__initcall(uts_sysctl_init);
/* --- /proc/<pid>/ns/uts and setns --- */

static struct uts_namespace *to_uts_ns(struct ns_common *ns)
{
	return container_of(ns, struct uts_namespace, ns);
}

static struct ns_common *utsns_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct uts_namespace *ns;

	if (!nsp)
		return NULL;
	ns = nsp->uts_ns;
	atomic_inc(&ns->ns.count);
	put_nsproxy(nsp);
	return &ns->ns;
}

static void utsns_put(struct ns_common *ns)
{
	put_uts_ns(to_uts_ns(ns));
}

/* Joining needs CAP_SYS_ADMIN over the namespace and in our own. */
static int utsns_install(struct nsset *nsset, struct ns_common *new)
{
	struct uts_namespace *ns = to_uts_ns(new);

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	atomic_inc(&ns->ns.count);
	put_uts_ns(nsset->nsproxy->uts_ns);
	nsset->nsproxy->uts_ns = ns;
	return 0;
}

static struct user_namespace *utsns_owner(struct ns_common *ns)
{
	return to_uts_ns(ns)->user_ns;
}

const struct proc_ns_operations utsns_operations = {
	.name = "uts",
	.type = CLONE_NEWUTS,
	.get = utsns_get,
	.put = utsns_put,
	.install = utsns_install,
	.owner = utsns_owner,
};
