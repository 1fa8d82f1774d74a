/*
 * UTS namespaces: the names uname(2) reports. CLONE_NEWUTS (clone,
 * clone3, unshare) gives a task a copy that sethostname() and
 * setdomainname() change without touching its parent's.
 *
 * FIXME: no lock around the names; a uname() racing a sethostname()
 * may see a torn name (Linux holds uts_sem).
 */
#include <tine/clone.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

struct uts_namespace init_uts_ns = {
	.count = ATOMIC_INIT(1),
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
	atomic_set(&ns->count, 1);
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
		atomic_inc(&old->count);
		return old;
	}
	return clone_uts_ns(user_ns, old);
}

void put_uts_ns(struct uts_namespace *ns)
{
	if (ns != &init_uts_ns && atomic_dec_and_test(&ns->count)) {
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}
