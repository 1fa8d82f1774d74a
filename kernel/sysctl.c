/*
 * sysctl: the tree of registered tables and the generic handlers that
 * read and write their values as text (include/tine/sysctl.h; the
 * files are made by fs/proc_sysctl.c).
 *
 * The tree only grows (tables are registered, never removed), under
 * sysctl_mutex; lookups take it too.
 *
 * The handlers follow Linux's rules: numbers are read whole in one
 * read from offset 0 (a read at a later offset gives nothing), vectors
 * are tab-separated with a newline after; a write is parsed from its
 * start (base 0: "0x10" and "010" work), values separated by blanks,
 * anything else is EINVAL, and with kernel.sysctl_writes_strict (1, the
 * default) a write at a non-zero offset is ignored. Strings may be read
 * in pieces and, strictly, written on at their end.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/list.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <uapi/errno.h>

#define INT_MAX 0x7fffffff
#define UINT_MAX 0xffffffffU

const int sysctl_vals[] = { 0, 1, 2, INT_MAX, -1 };
int sysctl_writes_strict = 1;

/* A directory of the tree. [sysctl_mutex] once published. */
struct ctl_dir {
	char *name;
	struct ctl_dir *parent;
	struct list_head subdirs;	/* ctl_dir.sibling, in creation order */
	struct list_head sibling;
	struct list_head tables;	/* ctl_table_header.node */
};

struct ctl_table_header {
	struct list_head node;
	const struct ctl_table *table;
};

static DEFINE_MUTEX_RANKED(sysctl_mutex, LR_MUTEX);
static struct ctl_dir root_dir = {
	.name = "sys",
	.subdirs = LIST_HEAD_INIT(root_dir.subdirs),
	.tables = LIST_HEAD_INIT(root_dir.tables),
};

/* ---- the tree ---- */

/* sysctl_root_dir - see sysctl.h. */
struct ctl_dir *sysctl_root_dir(void)
{
	return &root_dir;
}

/* sysctl_dir_name - see sysctl.h. */
const char *sysctl_dir_name(const struct ctl_dir *dir)
{
	return dir->name;
}

static struct ctl_dir *find_subdir(struct ctl_dir *dir, const char *name,
				   size_t len)
{
	struct ctl_dir *d;

	list_for_each_entry(d, &dir->subdirs, sibling)
		if (strlen(d->name) == len && !strncmp(d->name, name, len))
			return d;
	return NULL;
}

static const struct ctl_table *find_entry(struct ctl_dir *dir,
					  const char *name)
{
	struct ctl_table_header *h;

	list_for_each_entry(h, &dir->tables, node)
		for (const struct ctl_table *t = h->table; t->procname; t++)
			if (!strcmp(t->procname, name))
				return t;
	return NULL;
}

/* dir's child directory name (made if need be). sysctl_mutex held. */
static struct ctl_dir *get_subdir(struct ctl_dir *dir, const char *name,
				  size_t len)
{
	struct ctl_dir *d = find_subdir(dir, name, len);

	mutex_assert_held(&sysctl_mutex);
	if (d)
		return d;
	d = kzalloc(sizeof(*d));
	if (!d)
		return NULL;
	d->name = kmalloc(len + 1, GFP_KERNEL);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->parent = dir;
	INIT_LIST_HEAD(&d->subdirs);
	INIT_LIST_HEAD(&d->tables);
	list_add_tail(&d->sibling, &dir->subdirs);
	return d;
}

/* register_sysctl - see sysctl.h. */
int register_sysctl(const char *path, const struct ctl_table *table)
{
	struct ctl_table_header *h = kzalloc(sizeof(*h));
	struct ctl_dir *dir = &root_dir;
	int err = 0;

	if (!h)
		return -ENOMEM;
	mutex_lock(&sysctl_mutex);
	while (*path && dir) {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);

		dir = get_subdir(dir, path, len);
		path += len + (slash != NULL);
	}
	if (!dir)
		err = -ENOMEM;
	for (const struct ctl_table *t = table; !err && t->procname; t++)
		if (find_entry(dir, t->procname) ||
		    find_subdir(dir, t->procname, strlen(t->procname)))
			err = -EEXIST;
	if (!err) {
		h->table = table;
		list_add_tail(&h->node, &dir->tables);
	}
	mutex_unlock(&sysctl_mutex);
	if (err) {
		pr_err("sysctl: cannot register %s...: %d\n", table->procname,
		       err);
		kfree(h);
	}
	return err;
}

/* sysctl_lookup - see sysctl.h. */
void sysctl_lookup(struct ctl_dir *dir, const char *name,
		   struct ctl_dir **subdir, const struct ctl_table **entry)
{
	mutex_lock(&sysctl_mutex);
	*subdir = find_subdir(dir, name, strlen(name));
	*entry = *subdir ? NULL : find_entry(dir, name);
	mutex_unlock(&sysctl_mutex);
}

/* How many names of dir sort before name. sysctl_mutex held. */
static unsigned long names_before(struct ctl_dir *dir, const char *name)
{
	struct ctl_table_header *h;
	struct ctl_dir *d;
	unsigned long n = 0;

	mutex_assert_held(&sysctl_mutex);
	list_for_each_entry(d, &dir->subdirs, sibling)
		n += strcmp(d->name, name) < 0;
	list_for_each_entry(h, &dir->tables, node)
		for (const struct ctl_table *t = h->table; t->procname; t++)
			n += strcmp(t->procname, name) < 0;
	return n;
}

/* sysctl_nth - see sysctl.h. Names come in alphabetical order, as in
 * Linux's tree (directories and entries mixed). */
bool sysctl_nth(struct ctl_dir *dir, unsigned long n, struct ctl_dir **subdir,
		const struct ctl_table **entry)
{
	struct ctl_table_header *h;
	struct ctl_dir *d;

	*subdir = NULL;
	*entry = NULL;
	mutex_lock(&sysctl_mutex);
	list_for_each_entry(d, &dir->subdirs, sibling)
		if (names_before(dir, d->name) == n) {
			*subdir = d;
			goto out;
		}
	list_for_each_entry(h, &dir->tables, node)
		for (const struct ctl_table *t = h->table; t->procname; t++)
			if (names_before(dir, t->procname) == n) {
				*entry = t;
				goto out;
			}
out:
	mutex_unlock(&sysctl_mutex);
	return *subdir || *entry;
}

/*
 * sysctl_perm - see sysctl.h. As Linux's test_perm: the owner bits for
 * root, the group bits for root's group, the others' bits for the rest
 * (no capability overrides them: a 0444 knob is read-only for root).
 */
int sysctl_perm(const struct ctl_table *t, int mask)
{
	mode_t mode = t->mode;

	if (t->permission)
		return t->permission(t, mask);
	if (uid_eq(current_euid(), GLOBAL_ROOT_UID))
		mode >>= 6;
	else if (in_egroup_p(GLOBAL_ROOT_GID))
		mode >>= 3;
	return (mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) ? -EACCES : 0;
}

/* ---- parsing and printing ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Skip blanks at *p (before end). */
static void skip_blanks(const char **p, const char *end)
{
	while (*p < end && is_blank(**p))
		(*p)++;
}

/*
 * One number at *p: an optional '-', then decimal, 0x hex or 0 octal
 * digits, followed by a blank or the end. 0 (and *p past it) or -EINVAL
 * (no digits, junk after, or more than an unsigned long).
 */
static int get_number(const char **p, const char *end, unsigned long *v,
		      bool *neg)
{
	const char *s = *p;
	unsigned int base = 10, digits = 0;

	*neg = s < end && *s == '-';
	s += *neg;
	if (end - s > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s < end && s[0] == '0') {
		base = 8;
	}
	for (*v = 0; s < end; s++, digits++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base || *v > (~0UL - d) / base)
			return -EINVAL;
		*v = *v * base + d;
	}
	if (!digits || (s < end && !is_blank(*s)))
		return -EINVAL;
	*p = s;
	return 0;
}

/* Append text to the read buffer while room is left (*left). */
static void put_text(char **buf, size_t *left, const char *text)
{
	size_t n = MIN(strlen(text), *left);

	memcpy(*buf, text, n);
	*buf += n;
	*left -= n;
}

/* ---- vectors of numbers ---- */

/* How one kind of number is stored, checked and shown. */
struct num_ops {
	size_t size;
	/* Store v (negative if neg) at slot after checking it: 0, -EINVAL. */
	int (*store)(void *slot, unsigned long v, bool neg,
		     const struct ctl_table *t);
	void (*load)(const void *slot, unsigned long *v, bool *neg);
};

/* A write at a non-zero offset: ignored (strict), or warned about. */
static bool ignore_write_at(off_t pos, const struct ctl_table *t)
{
	int strict = READ_ONCE(sysctl_writes_strict);

	if (!pos)
		return false;
	if (strict == 0)
		printk_once(KERN_WARNING "%s wrote to %s when file position "
			    "was not 0!\n", current->comm, t->procname);
	return strict == 1;
}

static int read_vec(const struct ctl_table *t, char *buf, size_t *lenp,
		    const struct num_ops *ops)
{
	size_t left = *lenp, n = t->maxlen / ops->size;
	const char *slot = t->data;

	for (size_t i = 0; i < n && left; i++, slot += ops->size) {
		char num[24];
		unsigned long v;
		bool neg;

		ops->load(slot, &v, &neg);
		snprintf(num, sizeof(num), "%s%s%lu", i ? "\t" : "",
			 neg ? "-" : "", v);
		put_text(&buf, &left, num);
	}
	put_text(&buf, &left, "\n");
	*lenp -= left;
	return 0;
}

static int write_vec(const struct ctl_table *t, const char *buf, size_t *lenp,
		     const struct num_ops *ops)
{
	const char *p = buf, *end = buf + MIN(*lenp, PAGE_SIZE - 1);
	size_t n = t->maxlen / ops->size, done = 0;
	char *slot = t->data;
	int err = 0;

	for (; done < n; done++, slot += ops->size) {
		unsigned long v;
		bool neg;

		skip_blanks(&p, end);
		if (p == end)
			break;
		err = get_number(&p, end, &v, &neg);
		if (!err)
			err = ops->store(slot, v, neg, t);
		if (err)
			break;
	}
	if (!done)
		return err ? err : -EINVAL;
	skip_blanks(&p, end);
	if (!err)
		*lenp = p - buf;
	return err;
}

/* Read or write a vector of numbers, as Linux's do_proc_dointvec. */
static int do_vec(const struct ctl_table *t, int write, char *buf,
		  size_t *lenp, off_t *ppos, const struct num_ops *ops)
{
	int err;

	if (!t->data || !t->maxlen || !*lenp || (*ppos && !write)) {
		*lenp = 0;
		return 0;
	}
	if (write && ignore_write_at(*ppos, t)) {
		*ppos += *lenp;
		return 0;
	}
	err = write ? write_vec(t, buf, lenp, ops) : read_vec(t, buf, lenp, ops);
	if (!err)
		*ppos += *lenp;
	return err;
}

static int int_store(void *slot, unsigned long v, bool neg,
		     const struct ctl_table *t)
{
	const int *min = t->extra1, *max = t->extra2;
	long val;

	if (v > (unsigned long)INT_MAX + neg)
		return -EINVAL;
	val = neg ? -(long)v : (long)v;
	if (t->proc_handler != proc_dointvec &&
	    ((min && val < *min) || (max && val > *max)))
		return -EINVAL;
	WRITE_ONCE(*(int *)slot, (int)val);
	return 0;
}

static void int_load(const void *slot, unsigned long *v, bool *neg)
{
	int val = READ_ONCE(*(const int *)slot);

	*neg = val < 0;
	*v = val < 0 ? -(unsigned long)(long)val : (unsigned long)val;
}

static const struct num_ops int_ops = { sizeof(int), int_store, int_load };

static int uint_store(void *slot, unsigned long v, bool neg,
		      const struct ctl_table *t)
{
	const unsigned int *min = t->extra1, *max = t->extra2;

	if (neg || v > UINT_MAX)
		return -EINVAL;
	if (t->proc_handler != proc_douintvec &&
	    ((min && v < *min) || (max && v > *max)))
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)slot, (unsigned int)v);
	return 0;
}

static void uint_load(const void *slot, unsigned long *v, bool *neg)
{
	*v = READ_ONCE(*(const unsigned int *)slot);
	*neg = false;
}

static const struct num_ops uint_ops = { sizeof(int), uint_store, uint_load };

/* Negative values are skipped, as Linux's do_proc_doulongvec_minmax. */
static int ulong_store(void *slot, unsigned long v, bool neg,
		       const struct ctl_table *t)
{
	const unsigned long *min = t->extra1, *max = t->extra2;

	if (neg)
		return 0;
	if ((min && v < *min) || (max && v > *max))
		return -EINVAL;
	WRITE_ONCE(*(unsigned long *)slot, v);
	return 0;
}

static void ulong_load(const void *slot, unsigned long *v, bool *neg)
{
	*v = READ_ONCE(*(const unsigned long *)slot);
	*neg = false;
}

static const struct num_ops ulong_ops = { sizeof(long), ulong_store,
					  ulong_load };

/* proc_dointvec - see sysctl.h. */
int proc_dointvec(const struct ctl_table *t, int write, char *buf,
		  size_t *lenp, off_t *ppos)
{
	return do_vec(t, write, buf, lenp, ppos, &int_ops);
}

/* proc_dointvec_minmax - see sysctl.h. */
int proc_dointvec_minmax(const struct ctl_table *t, int write, char *buf,
			 size_t *lenp, off_t *ppos)
{
	return do_vec(t, write, buf, lenp, ppos, &int_ops);
}

/* proc_dointvec_minmax_sysadmin - see sysctl.h. */
int proc_dointvec_minmax_sysadmin(const struct ctl_table *t, int write,
				  char *buf, size_t *lenp, off_t *ppos)
{
	if (write && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	return do_vec(t, write, buf, lenp, ppos, &int_ops);
}

/* proc_douintvec - see sysctl.h. */
int proc_douintvec(const struct ctl_table *t, int write, char *buf,
		   size_t *lenp, off_t *ppos)
{
	return do_vec(t, write, buf, lenp, ppos, &uint_ops);
}

/* proc_douintvec_minmax - see sysctl.h. */
int proc_douintvec_minmax(const struct ctl_table *t, int write, char *buf,
			  size_t *lenp, off_t *ppos)
{
	return do_vec(t, write, buf, lenp, ppos, &uint_ops);
}

/* proc_doulongvec_minmax - see sysctl.h. */
int proc_doulongvec_minmax(const struct ctl_table *t, int write, char *buf,
			   size_t *lenp, off_t *ppos)
{
	return do_vec(t, write, buf, lenp, ppos, &ulong_ops);
}

/* ---- strings ---- */

/* Write: from *ppos on (strict: not past the end), to a newline. */
static void write_string(const struct ctl_table *t, const char *buf,
			 size_t *lenp, off_t *ppos)
{
	char *data = t->data;
	size_t len = 0, max = t->maxlen - 1;

	if (READ_ONCE(sysctl_writes_strict) == 1) {
		len = MIN(strlen(data), max);
		if ((size_t)*ppos > len)
			return;
		len = *ppos;
	}
	*ppos += *lenp;
	for (const char *p = buf; p < buf + *lenp && len < max; p++) {
		if (!*p || *p == '\n')
			break;
		data[len++] = *p;
	}
	data[len] = 0;
}

/* proc_dostring - see sysctl.h. */
int proc_dostring(const struct ctl_table *t, int write, char *buf,
		  size_t *lenp, off_t *ppos)
{
	const char *data = t->data;
	size_t len;

	if (!t->data || t->maxlen < 1) {
		*lenp = 0;
		return 0;
	}
	if (write) {
		write_string(t, buf, lenp, ppos);
		return 0;
	}
	len = strnlen(data, t->maxlen);
	if ((size_t)*ppos > len) {
		*lenp = 0;
		return 0;
	}
	data += *ppos;
	len = MIN(len - *ppos, *lenp);
	memcpy(buf, data, len);
	if (len < *lenp)
		buf[len++] = '\n';
	*lenp = len;
	*ppos += len;
	return 0;
}

/* ---- the knobs of no other owner ---- */

static const int cap_last_cap = CAP_LAST_CAP;
static const int ngroups_max = NGROUPS_MAX;
static const int sysctl_strict_min = -1;

static const struct ctl_table kern_table[] = {
	{ .procname = "cap_last_cap", .data = (void *)&cap_last_cap,
	  .maxlen = sizeof(int), .mode = 0444, .proc_handler = proc_dointvec },
	{ .procname = "ngroups_max", .data = (void *)&ngroups_max,
	  .maxlen = sizeof(int), .mode = 0444, .proc_handler = proc_dointvec },
	{ .procname = "sysctl_writes_strict", .data = &sysctl_writes_strict,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = &sysctl_strict_min, .extra2 = SYSCTL_ONE },
	{ }
};

static void sysctl_init(void)
{
	register_sysctl("kernel", kern_table);
}
__initcall(sysctl_init);
