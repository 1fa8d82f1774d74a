/*
 * Time namespaces (include/tine/time_namespace.h): making, entering and
 * joining them, their offsets file, and the offsets the clocks add.
 *
 * Lock: timens_offset_lock (mutex, a leaf) guards the offsets and
 * frozen_offsets of every namespace until frozen; after that they never
 * change and readers (the clocks) take no lock.
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mutex.h>
#include <tine/nsproxy.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/time.h>
#include <tine/time_namespace.h>
#include <tine/user_namespace.h>
#include <tine/vdso.h>
#include <uapi/errno.h>

/* Linux's bound on an offset and on the shifted clock: KTIME_SEC_MAX. */
#define TIMENS_SEC_MAX ((s64)(0x7fffffffffffffffLL / 1000000000LL))

static DEFINE_MUTEX(timens_offset_lock);

struct time_namespace init_time_ns = {
	.ns = { .ops = &timens_operations, .inum = PROC_TIME_INIT_INO,
		.count = ATOMIC_INIT(2) },
	.user_ns = &init_user_ns,
	.frozen_offsets = true,
};

/* copy_time_ns - see tine/time_namespace.h. */
struct time_namespace *copy_time_ns(unsigned long flags,
				    struct user_namespace *user_ns,
				    struct time_namespace *old)
{
	struct time_namespace *ns;

	if (!(flags & CLONE_NEWTIME))
		return get_time_ns(old);
	ns = kzalloc(sizeof(*ns));
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->ns.ops = &timens_operations;
	ns->ns.inum = ns_alloc_inum();
	atomic_set(&ns->ns.count, 1);
	ns->vvar_page = alloc_page(0);
	if (!ns->vvar_page) {
		kfree(ns);
		return ERR_PTR(-ENOMEM);
	}
	ns->user_ns = get_user_ns(user_ns);
	mutex_lock(&timens_offset_lock);
	ns->offsets = old->offsets;
	mutex_unlock(&timens_offset_lock);
	return ns;
}

/* get_time_ns - another reference on ns. */
struct time_namespace *get_time_ns(struct time_namespace *ns)
{
	atomic_inc(&ns->ns.count);
	return ns;
}

/* put_time_ns - drop a reference; the last frees ns. */
void put_time_ns(struct time_namespace *ns)
{
	if (ns == &init_time_ns || !atomic_dec_and_test(&ns->ns.count))
		return;
	put_page(ns->vvar_page);
	put_user_ns(ns->user_ns);
	kfree(ns);
}

/* timens_commit - see tine/time_namespace.h. The vDSO page gets the
 * final offsets before any task of ns can run. */
void timens_commit(struct time_namespace *ns)
{
	if (READ_ONCE(ns->frozen_offsets))
		return;
	mutex_lock(&timens_offset_lock);
	if (!ns->frozen_offsets)
		vdso_timens_page_init(page_address(ns->vvar_page),
				      ns->offsets.monotonic,
				      ns->offsets.boottime);
	WRITE_ONCE(ns->frozen_offsets, true);
	mutex_unlock(&timens_offset_lock);
}

/* timens_on_fork - see tine/time_namespace.h. */
int timens_on_fork(struct nsproxy *nsproxy, struct task_struct *p)
{
	struct time_namespace *ns = nsproxy->time_ns_for_children;
	int err;

	if (nsproxy->time_ns == ns)
		return 0;
	/* p's [vvar] pages are copies of ours: fault in ns's instead. */
	err = vdso_join_timens(p->mm);
	if (err)
		return err;
	put_time_ns(nsproxy->time_ns);
	nsproxy->time_ns = get_time_ns(ns);
	timens_commit(ns);
	return 0;
}

/* timens_vvar_page - see tine/vdso.h. current's own (t is current). */
struct page *timens_vvar_page(struct task_struct *t)
{
	struct time_namespace *ns = t->nsproxy ? t->nsproxy->time_ns
					       : &init_time_ns;

	return ns == &init_time_ns ? NULL : ns->vvar_page;
}

/* timens_clock_offset - see tine/time_namespace.h. */
s64 timens_clock_offset(int clockid)
{
	struct time_namespace *ns = current->nsproxy->time_ns;

	switch (clockid) {
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
		return ns->offsets.monotonic;
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		return ns->offsets.boottime;
	}
	return 0;
}

/* timens_ktime_to_host - see tine/time_namespace.h. */
u64 timens_ktime_to_host(int clockid, u64 t)
{
	s64 off = timens_clock_offset(clockid);

	if (off > 0 && t < (u64)off)
		return 0;
	return t - off;
}

/* --- /proc/<pid>/timens_offsets --- */

static struct time_namespace *task_time_ns_for_children(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct time_namespace *ns;

	if (!nsp)
		return NULL;
	ns = get_time_ns(nsp->time_ns_for_children);
	put_nsproxy(nsp);
	return ns;
}

static void show_offset(struct seq_buf *m, const char *clock, s64 off)
{
	s64 sec = off / (s64)NSEC_PER_SEC, nsec = off % (s64)NSEC_PER_SEC;

	if (nsec < 0) {		/* timespec style: nsec in [0, 1e9) */
		sec--;
		nsec += NSEC_PER_SEC;
	}
	seq_printf(m, "%-10s %10ld %9ld\n", clock, (long)sec, (long)nsec);
}

/* proc_timens_offsets_show - "monotonic S N" and "boottime S N". */
int proc_timens_offsets_show(struct seq_buf *m, struct task_struct *t)
{
	struct time_namespace *ns = task_time_ns_for_children(t);
	struct timens_offsets o;

	if (!ns)
		return -ESRCH;
	mutex_lock(&timens_offset_lock);
	o = ns->offsets;
	mutex_unlock(&timens_offset_lock);
	put_time_ns(ns);
	show_offset(m, "monotonic", o.monotonic);
	show_offset(m, "boottime", o.boottime);
	return 0;
}

struct timens_offset_req {
	int clockid;
	s64 sec;
	long nsec;
};

/* One "<clock> <sec> <nsec>" line; the clock by name or number. */
static int parse_offset_line(const char *line, struct timens_offset_req *r)
{
	char clock[16], num[3][24];
	const char *p = line;
	long v;

	for (int i = 0; i < 3; i++) {
		char *dst = i ? num[i] : clock;
		size_t cap = i ? sizeof(num[i]) : sizeof(clock), len = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (len + 1 >= cap)
				return -EINVAL;
			dst[len++] = *p++;
		}
		if (!len)
			return -EINVAL;
		dst[len] = 0;
	}
	if (!strcmp(clock, "monotonic"))
		r->clockid = CLOCK_MONOTONIC;
	else if (!strcmp(clock, "boottime"))
		r->clockid = CLOCK_BOOTTIME;
	else if (!kstrtol(clock, 10, &v))
		r->clockid = (int)v;
	else
		return -EINVAL;
	if (kstrtol(num[1], 10, &v))
		return -EINVAL;
	r->sec = v;
	if (kstrtol(num[2], 10, &v) || v < 0 || v >= (long)NSEC_PER_SEC)
		return -EINVAL;
	r->nsec = v;
	return 0;
}

/* Would clock, shifted by r, leave Linux's range? (ERANGE) */
static int check_offset(const struct timens_offset_req *r)
{
	s64 now = (s64)(ktime_get_ns() / NSEC_PER_SEC);

	if (r->clockid != CLOCK_MONOTONIC && r->clockid != CLOCK_BOOTTIME)
		return -EINVAL;
	if (r->sec > TIMENS_SEC_MAX || r->sec < -TIMENS_SEC_MAX)
		return -ERANGE;
	if (now + r->sec < 0 || now + r->sec >= TIMENS_SEC_MAX / 2)
		return -ERANGE;
	return 0;
}

/* Parse and check up to two lines into reqs; the count or -errno. */
static int parse_offsets(const char *buf, struct timens_offset_req *reqs)
{
	int n = 0, err;

	while (*buf) {
		if (n == 2)
			return -EINVAL;
		err = parse_offset_line(buf, &reqs[n]);
		if (!err)
			err = check_offset(&reqs[n]);
		if (err)
			return err;
		n++;
		buf = strchr(buf, '\n');
		if (!buf)
			break;
		buf++;
	}
	return n;
}

/*
 * proc_timens_offsets_write - set offsets of t's children's time
 * namespace: CAP_SYS_TIME over it for the opener (EPERM), before any
 * task has entered it (EACCES). Returns n or -errno. Sleeps.
 */
ssize_t proc_timens_offsets_write(struct file *f, struct task_struct *t,
				  const char *buf, size_t n, off_t pos)
{
	struct timens_offset_req reqs[2];
	struct time_namespace *ns = task_time_ns_for_children(t);
	int nr, err = -EPERM;

	if (!ns)
		return -ESRCH;
	if (!cred_has_capability(f->f_cred, ns->user_ns, CAP_SYS_TIME))
		goto out;
	nr = parse_offsets(buf, reqs);
	err = nr;
	if (nr < 0)
		goto out;
	mutex_lock(&timens_offset_lock);
	err = ns->frozen_offsets ? -EACCES : 0;
	for (int i = 0; !err && i < nr; i++) {
		s64 off = reqs[i].sec * (s64)NSEC_PER_SEC + reqs[i].nsec;

		if (reqs[i].clockid == CLOCK_MONOTONIC)
			ns->offsets.monotonic = off;
		else
			ns->offsets.boottime = off;
	}
	mutex_unlock(&timens_offset_lock);
out:
	put_time_ns(ns);
	return err ? err : (ssize_t)n;
}

/* --- /proc/<pid>/ns/time, time_for_children and setns --- */

static struct time_namespace *to_time_ns(struct ns_common *ns)
{
	return container_of(ns, struct time_namespace, ns);
}

static struct ns_common *timens_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct time_namespace *ns;

	if (!nsp)
		return NULL;
	ns = get_time_ns(nsp->time_ns);
	put_nsproxy(nsp);
	return &ns->ns;
}

static struct ns_common *timens_for_children_get(struct task_struct *t)
{
	struct time_namespace *ns = task_time_ns_for_children(t);

	return ns ? &ns->ns : NULL;
}

static void timens_put(struct ns_common *ns)
{
	put_time_ns(to_time_ns(ns));
}

/*
 * setns: the caller and its future children enter ns. Only a single
 * threaded process alone on its mm (EUSERS: they share the vDSO's
 * clock data), with
 * CAP_SYS_ADMIN over ns and in its own user namespace (EPERM).
 */
static int timens_install(struct nsset *nsset, struct ns_common *new)
{
	struct time_namespace *ns = to_time_ns(new);
	struct nsproxy *nsp = nsset->nsproxy;

	if (current->signal->nr_threads > 1 ||
	    (current->mm && atomic_read(&current->mm->mm_users) > 1))
		return -EUSERS;
	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	put_time_ns(nsp->time_ns);
	nsp->time_ns = get_time_ns(ns);
	put_time_ns(nsp->time_ns_for_children);
	nsp->time_ns_for_children = get_time_ns(ns);
	return 0;
}

static struct user_namespace *timens_owner(struct ns_common *ns)
{
	return to_time_ns(ns)->user_ns;
}

const struct proc_ns_operations timens_operations = {
	.name = "time",
	.type = CLONE_NEWTIME,
	.get = timens_get,
	.put = timens_put,
	.install = timens_install,
	.owner = timens_owner,
};

const struct proc_ns_operations timens_for_children_operations = {
	.name = "time_for_children",
	.real_ns_name = "time",
	.type = CLONE_NEWTIME,
	.get = timens_for_children_get,
	.put = timens_put,
	.install = timens_install,
	.owner = timens_owner,
};
