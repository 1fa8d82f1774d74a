/*
 * User namespaces (tine/user_namespace.h): creation by clone/unshare
 * with CLONE_NEWUSER, the id maps and their /proc files.
 *
 * A map is written once through /proc/<pid>/uid_map or gid_map. Its
 * extents are stored with lower_first already translated to kernel
 * (initial namespace) ids, so make_kuid()/from_kuid() look at one map
 * only. The writer fills the extents, then publishes nr_extents with a
 * release store; readers load it with acquire and take no lock.
 *
 * Locks: userns_state_mutex serialises map writes and the setgroups
 * flag. A namespace is freed when its last reference goes (creds hold
 * them, as do the namespaces it owns, and its children their parent).
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/init.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

DEFINE_MUTEX_RANKED(userns_state_mutex, LR_MUTEX);

int overflowuid = DEFAULT_OVERFLOWUID;
int overflowgid = DEFAULT_OVERFLOWGID;

static struct uid_gid_extent init_extent = { 0, 0, 4294967295U };

struct user_namespace init_user_ns = {
	.ns = { .ops = &userns_operations, .inum = PROC_USER_INIT_INO,
		.count = ATOMIC_INIT(3) },
	.uid_map = { .nr_extents = 1, .extent = &init_extent },
	.gid_map = { .nr_extents = 1, .extent = &init_extent },
	.level = 0,
	.owner = GLOBAL_ROOT_UID,
	.group = GLOBAL_ROOT_GID,
	.flags = USERNS_INIT_FLAGS,
	.ucount_max = { [UCOUNT_USER_NAMESPACES] = 1024 },
	.ucounts_list = LIST_HEAD_INIT(init_user_ns.ucounts_list),
};

/*
 * user_namespaces_init - the initial namespace's limit on user
 * namespaces per user: half of Linux's threads-max for this much memory
 * (RAM / (8 kernel stacks)), as Linux's fork_init(). Boot.
 */
void user_namespaces_init(void)
{
	unsigned long threads = totalram_pages() * PAGE_SIZE / (KSTACK_SIZE * 8);

	threads = MAX(threads, 20UL);
	threads = MIN(threads, 0x3fffffffUL);
	init_user_ns.ucount_max[UCOUNT_USER_NAMESPACES] = threads / 2;
}

/* ---- sysctl: user.max_user_namespaces ---- */

/*
 * user.max_user_namespaces: the limit of the reader's own user
 * namespace (each level also stays within its ancestors'), 0..INT_MAX.
 */
static int proc_max_user_namespaces(const struct ctl_table *t, int write,
				    char *buf, size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;

	tmp.data = &current_user_ns()->ucount_max[UCOUNT_USER_NAMESPACES];
	return proc_dointvec_minmax(&tmp, write, buf, lenp, ppos);
}

/* Read by all, written with CAP_SYS_RESOURCE in one's own user
 * namespace (Linux's set_permissions for the user sysctls). */
static int user_sysctl_permission(const struct ctl_table *t, int mask)
{
	if (mask & MAY_EXEC)
		return -EACCES;
	if ((mask & MAY_WRITE) &&
	    !ns_capable(current_user_ns(), CAP_SYS_RESOURCE))
		return -EACCES;
	return 0;
}

static const int overflow_max = 65535;

static const struct ctl_table overflow_table[] = {
	{ .procname = "overflowuid", .data = &overflowuid,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = &overflow_max },
	{ .procname = "overflowgid", .data = &overflowgid,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = &overflow_max },
	{ }
};

static const struct ctl_table user_table[] = {
	{ .procname = "max_user_namespaces",
	  .data = &init_user_ns.ucount_max[UCOUNT_USER_NAMESPACES],
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_max_user_namespaces,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_INT_MAX,
	  .permission = user_sysctl_permission },
	{ }
};

static void user_sysctl_init(void)
{
	register_sysctl("user", user_table);
	register_sysctl("kernel", overflow_table);
}
__initcall(user_sysctl_init);

static u32 map_extents(const struct uid_gid_map *map)
{
	return __atomic_load_n(&map->nr_extents, __ATOMIC_ACQUIRE);
}

/* The kernel id of [id, id + count) in map, or -1 unless one extent
 * holds the whole range. */
static u32 map_id_range_down(const struct uid_gid_map *map, u32 id,
			     u32 count)
{
	u32 n = map_extents(map), last = id + count - 1;

	for (u32 i = 0; i < n; i++) {
		const struct uid_gid_extent *e = &map->extent[i];

		if (id >= e->first && last >= e->first &&
		    id - e->first < e->count && last - e->first < e->count)
			return e->lower_first + (id - e->first);
	}
	return (u32)-1;
}

/* The namespace id for kernel id, or -1. */
static u32 map_id_up(const struct uid_gid_map *map, u32 id)
{
	u32 n = map_extents(map);

	for (u32 i = 0; i < n; i++) {
		const struct uid_gid_extent *e = &map->extent[i];

		if (id >= e->lower_first && id - e->lower_first < e->count)
			return e->first + (id - e->lower_first);
	}
	return (u32)-1;
}

/* make_kuid - see tine/uidgid.h. */
kuid_t make_kuid(struct user_namespace *ns, uid_t uid)
{
	return KUIDT_INIT(map_id_range_down(&ns->uid_map, uid, 1));
}

/* make_kgid - as make_kuid, for group ids. */
kgid_t make_kgid(struct user_namespace *ns, gid_t gid)
{
	return KGIDT_INIT(map_id_range_down(&ns->gid_map, gid, 1));
}

/* from_kuid - see tine/uidgid.h. */
uid_t from_kuid(struct user_namespace *ns, kuid_t kuid)
{
	return map_id_up(&ns->uid_map, __kuid_val(kuid));
}

/* from_kgid - as from_kuid, for group ids. */
gid_t from_kgid(struct user_namespace *ns, kgid_t kgid)
{
	return map_id_up(&ns->gid_map, __kgid_val(kgid));
}

/* from_kuid_munged - see tine/uidgid.h. */
uid_t from_kuid_munged(struct user_namespace *ns, kuid_t kuid)
{
	uid_t uid = from_kuid(ns, kuid);

	return uid == (uid_t)-1 ? (uid_t)READ_ONCE(overflowuid) : uid;
}

/* from_kgid_munged - as from_kuid_munged, for group ids (overflowgid). */
gid_t from_kgid_munged(struct user_namespace *ns, kgid_t kgid)
{
	gid_t gid = from_kgid(ns, kgid);

	return gid == (gid_t)-1 ? (gid_t)READ_ONCE(overflowgid) : gid;
}

/* in_userns - see tine/user_namespace.h. */
bool in_userns(const struct user_namespace *ancestor,
	       const struct user_namespace *ns)
{
	for (; ns; ns = ns->parent)
		if (ns == ancestor)
			return true;
	return false;
}

/* current_in_userns - see tine/user_namespace.h. */
bool current_in_userns(const struct user_namespace *ns)
{
	return in_userns(ns, current_user_ns());
}

/* put_user_ns - see tine/user_namespace.h. */
void put_user_ns(struct user_namespace *ns)
{
	while (ns && ns != &init_user_ns && atomic_dec_and_test(&ns->ns.count)) {
		struct user_namespace *parent = ns->parent;

		dec_ucount(ns->ucounts, UCOUNT_USER_NAMESPACES);
		kfree(ns->uid_map.extent);
		kfree(ns->gid_map.extent);
		kfree(ns);
		ns = parent;
	}
}

/*
 * The new namespace's credentials: every capability, but in the new
 * namespace only, so they give power over nothing the parent owns.
 */
static void set_cred_user_ns(struct cred *cred, struct user_namespace *ns)
{
	cred->securebits = 0;
	cred->cap_inheritable = CAP_EMPTY_SET;
	cred->cap_permitted = CAP_FULL_SET;
	cred->cap_effective = CAP_FULL_SET;
	cred->cap_ambient = CAP_EMPTY_SET;
	cred->cap_bset = CAP_FULL_SET;
	cred->user_ns = ns;
}

/* create_user_ns - see tine/user_namespace.h. */
int create_user_ns(struct cred *new)
{
	struct user_namespace *ns, *parent = new->user_ns;
	struct ucounts *ucounts;
	int err;

	if (parent->level > MAX_USER_NS_LEVEL)
		return -ENOSPC;
	ucounts = inc_ucount(parent, new->euid, UCOUNT_USER_NAMESPACES);
	if (!ucounts)
		return -ENOSPC;
	err = -EPERM;
	/* A chroot'ed creator would escape its root with a new mount
	 * namespace; an unmapped one could not be named as the owner. */
	if (current_chrooted() || !kuid_has_mapping(parent, new->euid) ||
	    !kgid_has_mapping(parent, new->egid))
		goto fail_dec;
	err = -ENOMEM;
	ns = kzalloc(sizeof(*ns));
	if (!ns)
		goto fail_dec;
	ns->ns.ops = &userns_operations;
	ns->ns.inum = ns_alloc_inum();
	atomic_set(&ns->ns.count, 1);
	ns->parent = parent;	/* new's reference passes to ns */
	ns->level = parent->level + 1;
	ns->owner = new->euid;
	ns->group = new->egid;
	ns->parent_could_setfcap = cap_raised(new->cap_effective, CAP_SETFCAP);
	ns->ucounts = ucounts;
	for (int i = 0; i < UCOUNT_COUNTS; i++)
		ns->ucount_max[i] = 0x7fffffff;
	INIT_LIST_HEAD(&ns->ucounts_list);
	mutex_lock(&userns_state_mutex);
	ns->flags = parent->flags;
	mutex_unlock(&userns_state_mutex);
	set_cred_user_ns(new, ns);
	return 0;

fail_dec:
	dec_ucount(ucounts, UCOUNT_USER_NAMESPACES);
	return err;
}

/* unshare_userns - see tine/user_namespace.h. */
int unshare_userns(unsigned long flags, struct cred **new_cred)
{
	struct cred *cred;
	int err;

	*new_cred = NULL;
	if (!(flags & CLONE_NEWUSER))
		return 0;
	cred = prepare_creds();
	if (!cred)
		return -ENOMEM;
	err = create_user_ns(cred);
	if (err) {
		abort_creds(cred);
		return err;
	}
	*new_cred = cred;
	return 0;
}

/* userns_may_setgroups - see tine/user_namespace.h. */
bool userns_may_setgroups(const struct user_namespace *ns)
{
	bool allowed;

	mutex_lock(&userns_state_mutex);
	allowed = ns->gid_map.nr_extents != 0 &&
		  (ns->flags & USERNS_SETGROUPS_ALLOWED);
	mutex_unlock(&userns_state_mutex);
	return allowed;
}

/* --- /proc/<pid>/uid_map, gid_map, setgroups --- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	       c == '\f' || c == '\r';
}

static const char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* The user namespace of t, referenced. */
static struct user_namespace *task_user_ns(struct task_struct *t)
{
	const struct cred *c = get_task_cred(t);
	struct user_namespace *ns = get_user_ns(c->user_ns);

	put_cred(c);
	return ns;
}

/*
 * One map as the reader sees it: "first lower count" with lower in the
 * reader's namespace (its parent's, when reading its own namespace's).
 */
static void map_show(struct seq_buf *m, struct task_struct *t, bool gid)
{
	struct user_namespace *ns = task_user_ns(t), *lower_ns;
	const struct uid_gid_map *map = gid ? &ns->gid_map : &ns->uid_map;
	u32 n = map_extents(map);

	lower_ns = current_user_ns();
	if (lower_ns == ns && lower_ns->parent)
		lower_ns = lower_ns->parent;
	for (u32 i = 0; i < n; i++) {
		const struct uid_gid_extent *e = &map->extent[i];
		u32 lower = gid ? from_kgid(lower_ns, KGIDT_INIT(e->lower_first))
				: from_kuid(lower_ns, KUIDT_INIT(e->lower_first));

		seq_printf(m, "%10u %10u %10u\n", e->first, lower, e->count);
	}
	put_user_ns(ns);
}

/*
 * proc_uid_map_show - /proc/<pid>/uid_map: t's namespace's extents, the
 * lower ids as the reader's namespace sees them. Returns 0. Sleeps.
 */
int proc_uid_map_show(struct seq_buf *m, struct task_struct *t)
{
	map_show(m, t, false);
	return 0;
}

/* proc_gid_map_show - /proc/<pid>/gid_map, as proc_uid_map_show. */
int proc_gid_map_show(struct seq_buf *m, struct task_struct *t)
{
	map_show(m, t, true);
	return 0;
}

/* Do two ranges [a, a + an) and [b, b + bn) overlap? */
static bool ranges_overlap(u32 a, u32 an, u32 b, u32 bn)
{
	u32 a_last = a + an - 1, b_last = b + bn - 1;

	return a <= b_last && b <= a_last;
}

static bool mappings_overlap(const struct uid_gid_map *map,
			     const struct uid_gid_extent *e)
{
	for (u32 i = 0; i < map->nr_extents; i++) {
		const struct uid_gid_extent *p = &map->extent[i];

		if (ranges_overlap(p->first, p->count, e->first, e->count) ||
		    ranges_overlap(p->lower_first, p->count, e->lower_first,
				   e->count))
			return true;
	}
	return false;
}

/* Parse one "first lower count" line into e; false if malformed. */
static bool parse_extent(const char *pos, struct uid_gid_extent *e)
{
	const char *end;

	pos = skip_spaces(pos);
	e->first = simple_strtoul(pos, &end, 10);
	if (!is_space(*end))
		return false;
	pos = skip_spaces(end);
	e->lower_first = simple_strtoul(pos, &end, 10);
	if (!is_space(*end))
		return false;
	pos = skip_spaces(end);
	e->count = simple_strtoul(pos, &end, 10);
	if (*end && !is_space(*end))
		return false;
	if (*skip_spaces(end))
		return false;
	return e->first != (u32)-1 && e->lower_first != (u32)-1 &&
	       e->first + e->count > e->first &&
	       e->lower_first + e->count > e->lower_first;
}

/* Parse the lines of buf (modified) into map. 0 or -EINVAL. */
static int parse_map(char *buf, struct uid_gid_map *map)
{
	char *pos, *next;

	for (pos = buf; pos; pos = next) {
		struct uid_gid_extent e;

		next = strchr(pos, '\n');
		if (next) {
			*next++ = 0;
			if (!*next)
				next = NULL;
		}
		if (!parse_extent(pos, &e) || mappings_overlap(map, &e))
			return -EINVAL;
		if (map->nr_extents == UID_GID_MAP_MAX_EXTENTS)
			return -EINVAL;
		map->extent[map->nr_extents++] = e;
	}
	return map->nr_extents ? 0 : -EINVAL;
}

/*
 * A map that maps the parent's root needs CAP_SETFCAP: the creator's
 * at unshare time when the namespace writes its own map, else the
 * opener's over the parent.
 */
static bool verify_root_map(const struct cred *opener,
			    struct user_namespace *ns,
			    const struct uid_gid_map *map)
{
	for (u32 i = 0; i < map->nr_extents; i++) {
		if (map->extent[i].lower_first != 0)
			continue;
		if (ns == opener->user_ns)
			return ns->parent_could_setfcap;
		return cred_has_capability(opener, ns->parent, CAP_SETFCAP);
	}
	return true;
}

/*
 * Linux's new_idmap_permitted: the owner may map just its own euid (or
 * egid, once setgroups is denied) as one id; anything else needs
 * CAP_SETUID/CAP_SETGID over the parent namespace, for both the writer
 * and the opener.
 */
static bool new_idmap_permitted(const struct cred *opener,
				struct user_namespace *ns, bool gid,
				const struct uid_gid_map *map)
{
	int cap = gid ? CAP_SETGID : CAP_SETUID;

	if (!gid && !verify_root_map(opener, ns, map))
		return false;
	if (map->nr_extents == 1 && map->extent[0].count == 1 &&
	    uid_eq(ns->owner, opener->euid)) {
		u32 id = map->extent[0].lower_first;

		if (!gid && uid_eq(make_kuid(ns->parent, id), opener->euid))
			return true;
		if (gid && !(ns->flags & USERNS_SETGROUPS_ALLOWED) &&
		    gid_eq(make_kgid(ns->parent, id), opener->egid))
			return true;
	}
	return ns_capable(ns->parent, cap) &&
	       cred_has_capability(opener, ns->parent, cap);
}

/* Check, translate to kernel ids and publish map into ns. Holds
 * userns_state_mutex. */
static int map_install(struct file *f, struct user_namespace *ns, bool gid,
		       struct uid_gid_map *map)
{
	struct uid_gid_map *dst = gid ? &ns->gid_map : &ns->uid_map;
	const struct uid_gid_map *parent_map =
		gid ? &ns->parent->gid_map : &ns->parent->uid_map;

	if (!new_idmap_permitted(f->f_cred, ns, gid, map))
		return -EPERM;
	for (u32 i = 0; i < map->nr_extents; i++) {
		struct uid_gid_extent *e = &map->extent[i];

		e->lower_first = map_id_range_down(parent_map, e->lower_first,
						   e->count);
		if (e->lower_first == (u32)-1)
			return -EPERM;
	}
	dst->extent = map->extent;
	__atomic_store_n(&dst->nr_extents, map->nr_extents, __ATOMIC_RELEASE);
	return 0;
}

/*
 * Linux's map_write: one write, at offset 0, of whole lines; once per
 * map; the opener must hold CAP_SYS_ADMIN in the namespace, and must be
 * in it or its parent. Returns n or -errno. May sleep.
 */
static ssize_t map_write(struct file *f, struct task_struct *t,
			 const char *kbuf, size_t n, off_t pos, bool gid)
{
	struct user_namespace *ns = task_user_ns(t);
	struct user_namespace *opener_ns = f->f_cred->user_ns;
	struct uid_gid_map map = { 0 };
	char *buf = NULL;
	ssize_t err = -EPERM;

	if (!ns->parent || (opener_ns != ns && opener_ns != ns->parent))
		goto out_ns;
	err = -EINVAL;
	if (pos != 0 || n >= PAGE_SIZE)
		goto out_ns;
	err = -ENOMEM;
	buf = kmalloc(n + 1, GFP_KERNEL);
	map.extent = kmalloc(UID_GID_MAP_MAX_EXTENTS * sizeof(*map.extent),
			     GFP_KERNEL);
	if (!buf || !map.extent)
		goto out_free;
	memcpy(buf, kbuf, n);
	buf[n] = 0;
	mutex_lock(&userns_state_mutex);
	err = -EPERM;
	if ((gid ? ns->gid_map.nr_extents : ns->uid_map.nr_extents) ||
	    !cred_has_capability(f->f_cred, ns, CAP_SYS_ADMIN))
		goto out_unlock;
	err = parse_map(buf, &map);
	if (!err)
		err = map_install(f, ns, gid, &map);
	if (!err) {
		map.extent = NULL;	/* ns owns it now */
		err = n;
	}
out_unlock:
	mutex_unlock(&userns_state_mutex);
out_free:
	kfree(map.extent);
	kfree(buf);
out_ns:
	put_user_ns(ns);
	return err;
}

/*
 * proc_uid_map_write - set t's namespace's uid_map once, with Linux's
 * rules (one write at offset 0, from the namespace or its parent, with
 * CAP_SYS_ADMIN and the ids' rights). Returns n or -errno. Sleeps
 * (userns_state_mutex).
 */
ssize_t proc_uid_map_write(struct file *f, struct task_struct *t,
			   const char *buf, size_t n, off_t pos)
{
	return map_write(f, t, buf, n, pos, false);
}

/*
 * proc_gid_map_write - /proc/<pid>/gid_map, as proc_uid_map_write
 * (without CAP_SETGID above, the owner maps only its own egid, and only
 * once setgroups is "deny").
 */
ssize_t proc_gid_map_write(struct file *f, struct task_struct *t,
			   const char *buf, size_t n, off_t pos)
{
	return map_write(f, t, buf, n, pos, true);
}

/*
 * proc_setgroups_show - /proc/<pid>/setgroups: "allow" or "deny" for
 * t's user namespace. Returns 0. Sleeps (userns_state_mutex).
 */
int proc_setgroups_show(struct seq_buf *m, struct task_struct *t)
{
	struct user_namespace *ns = task_user_ns(t);
	unsigned long flags;

	mutex_lock(&userns_state_mutex);
	flags = ns->flags;
	mutex_unlock(&userns_state_mutex);
	seq_printf(m, "%s\n",
		   (flags & USERNS_SETGROUPS_ALLOWED) ? "allow" : "deny");
	put_user_ns(ns);
	return 0;
}

/* Opening setgroups for writing needs CAP_SYS_ADMIN in its namespace. */
int proc_setgroups_open(struct file *f, struct task_struct *t)
{
	struct user_namespace *ns;
	int err = 0;

	if (!(f->f_mode & FMODE_WRITE))
		return 0;
	ns = task_user_ns(t);
	if (!ns_capable(ns, CAP_SYS_ADMIN))
		err = -EACCES;
	put_user_ns(ns);
	return err;
}

/*
 * "deny" turns setgroups(2) off for good (allowed only before gid_map
 * is written); "allow" is accepted only while it is still allowed.
 */
ssize_t proc_setgroups_write(struct file *f, struct task_struct *t,
			     const char *buf, size_t n, off_t pos)
{
	struct user_namespace *ns;
	const char *p = buf;
	bool allow;
	ssize_t err = -EINVAL;

	if (pos != 0 || n >= 8)
		return -EINVAL;
	if (!strncmp(p, "allow", 5))
		allow = true, p += 5;
	else if (!strncmp(p, "deny", 4))
		allow = false, p += 4;
	else
		return -EINVAL;
	if (*skip_spaces(p))
		return -EINVAL;
	ns = task_user_ns(t);
	mutex_lock(&userns_state_mutex);
	err = -EPERM;
	if (allow && !(ns->flags & USERNS_SETGROUPS_ALLOWED))
		goto out;
	if (!allow && ns->gid_map.nr_extents)
		goto out;
	if (!allow)
		ns->flags &= ~USERNS_SETGROUPS_ALLOWED;
	err = n;
out:
	mutex_unlock(&userns_state_mutex);
	put_user_ns(ns);
	return err;
}

/* --- /proc/<pid>/ns/user and setns --- */

static struct user_namespace *to_user_ns(struct ns_common *ns)
{
	return container_of(ns, struct user_namespace, ns);
}

static struct ns_common *userns_get(struct task_struct *t)
{
	return &task_user_ns(t)->ns;
}

static void userns_put(struct ns_common *ns)
{
	put_user_ns(to_user_ns(ns));
}

/*
 * setns: the caller's new credentials move into ns with every
 * capability there, as if it had made it. Not into the namespace it is
 * in (that would regain dropped capabilities), nor with other threads
 * or a shared fs_struct (EINVAL); CAP_SYS_ADMIN in ns (EPERM).
 */
static int userns_install(struct nsset *nsset, struct ns_common *new)
{
	struct user_namespace *ns = to_user_ns(new);
	struct cred *cred = nsset_cred(nsset);

	if (ns == current_user_ns())
		return -EINVAL;
	if (current->signal->nr_threads > 1)
		return -EINVAL;
	if (current->fs && atomic_read(&current->fs->users) > 1)
		return -EINVAL;
	if (!ns_capable(ns, CAP_SYS_ADMIN))
		return -EPERM;
	put_user_ns(cred->user_ns);
	set_cred_user_ns(cred, get_user_ns(ns));
	return 0;
}

static struct user_namespace *userns_owner(struct ns_common *ns)
{
	return to_user_ns(ns)->parent;
}

/* NS_GET_PARENT: the caller's own user namespace or one below it,
 * never above (EPERM). */
static struct ns_common *userns_get_parent(struct ns_common *ns)
{
	struct user_namespace *parent = to_user_ns(ns)->parent;

	if (!parent || !in_userns(current_user_ns(), parent))
		return ERR_PTR(-EPERM);
	return &get_user_ns(parent)->ns;
}

const struct proc_ns_operations userns_operations = {
	.name = "user",
	.type = CLONE_NEWUSER,
	.get = userns_get,
	.put = userns_put,
	.install = userns_install,
	.owner = userns_owner,
	.get_parent = userns_get_parent,
};
