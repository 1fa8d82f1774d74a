/*
 * inotify: an instance (struct inotify_group, the file of inotify_init)
 * holds watches (fsnotify marks, fs/fsnotify.c) named by watch
 * descriptors, and a queue of events read(2) returns as struct
 * inotify_event records, each name NUL-padded to 16 bytes.
 *
 * As Linux: an event equal to the last one queued is dropped (merged);
 * past max_queued_events one IN_Q_OVERFLOW event stands for all that
 * are lost; a read whose buffer cannot hold the next event fails with
 * EINVAL; a watch that goes away (inotify_rm_watch, IN_ONESHOT, its
 * inode deleted or unmounted) queues IN_IGNORED. Each user may have
 * max_user_instances instances (EMFILE) and max_user_watches watches
 * (ENOSPC).
 *
 * Locks: fsnotify_mutex protects a group's marks, its wd allocation and
 * the per-user counts; group->wq.lock (irq-safe) protects its queue.
 */
#include <tine/anon_inodes.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>
#include <uapi/stat.h>

/* fs.inotify.*: the limits (as Linux's defaults); written whole. */
static int inotify_max_queued_events = 16384;
static int inotify_max_user_instances = 128;
#define INOTIFY_MAX_USER_WATCHES_MIN 8192
#define INOTIFY_MAX_USER_WATCHES_MAX 1048576
#define ALL_INOTIFY_BITS                                                \
	(IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED |      \
	 IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_MASK_CREATE | \
	 IN_MASK_ADD | IN_ISDIR | IN_ONESHOT)
/* What a watch keeps of the mask it was given. */
#define WATCH_BITS (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK)
#define EVENT_SIZE sizeof(struct inotify_event)

struct inotify_kevent {
	struct list_head list;		/* [wq.lock] in group->events */
	struct inotify_event ev;	/* len: the padded name length */
	/* the name follows, NUL-padded */
};

struct inotify_group {
	struct wait_queue_head wq;	/* readers; its lock guards the queue */
	struct list_head events;	/* [wq.lock] oldest first */
	unsigned int q_len;		/* [wq.lock] events queued */
	size_t q_bytes;			/* [wq.lock] their read(2) size */
	struct inotify_kevent overflow;	/* [wq.lock] queued at most once */
	struct list_head marks;		/* [fsnotify_mutex] */
	int last_wd;			/* [fsnotify_mutex] wds go up, cyclic */
	uid_t uid;			/* [I] the user charged */
};

/* Per-user counts of instances and watches. [fsnotify_mutex] */
#define INOTIFY_USERS 64
static struct inotify_user {
	uid_t uid;
	int instances;
	int watches;
} inotify_users[INOTIFY_USERS];
static int max_user_watches;

static const struct file_operations inotify_fops;

/* The count slot of uid (claiming a free one); NULL if all are taken. */
static struct inotify_user *inotify_user(uid_t uid)
{
	struct inotify_user *free = NULL;

	mutex_assert_held(&fsnotify_mutex);
	for (int i = 0; i < INOTIFY_USERS; i++) {
		struct inotify_user *u = &inotify_users[i];

		if ((u->instances || u->watches) && u->uid == uid)
			return u;
		if (!u->instances && !u->watches && !free)
			free = u;
	}
	if (free)
		free->uid = uid;
	return free;
}

/* ---- the queue ---- */

static size_t kevent_size(const struct inotify_kevent *e)
{
	return EVENT_SIZE + e->ev.len;
}

/* Same as the last event queued (and so merged away)? wq.lock held. */
static bool same_as_last(struct inotify_group *g, struct inotify_kevent *e)
{
	struct inotify_kevent *last;

	assert_spin_locked(&g->wq.lock);
	if (list_empty(&g->events))
		return false;
	last = list_entry(g->events.prev, struct inotify_kevent, list);
	return last->ev.wd == e->ev.wd && last->ev.mask == e->ev.mask &&
	       last->ev.cookie == e->ev.cookie && last->ev.len == e->ev.len &&
	       !memcmp(last + 1, e + 1, e->ev.len);
}

/*
 * Queue e (or NULL: memory ran out) on g, as Linux: merged with an
 * equal last event, or replaced by the one overflow event when full.
 * Takes e. Wakes readers.
 */
static void queue_event(struct inotify_group *g, struct inotify_kevent *e)
{
	unsigned long f = spin_lock_irqsave(&g->wq.lock);

	if (g->q_len >= (unsigned int)READ_ONCE(inotify_max_queued_events) ||
	    !e) {
		kfree(e);
		e = list_empty(&g->overflow.list) ? &g->overflow : NULL;
	} else if (same_as_last(g, e)) {
		kfree(e);
		e = NULL;
	}
	if (e) {
		list_add_tail(&e->list, &g->events);
		g->q_len++;
		g->q_bytes += kevent_size(e);
		__wake_up_locked_key(&g->wq, TASK_NORMAL, 1, POLLIN | POLLRDNORM);
	}
	spin_unlock_irqrestore(&g->wq.lock, f);
}

static struct inotify_kevent *alloc_event(int wd, u32 mask, u32 cookie,
					  const char *name)
{
	size_t len = name ? strlen(name) : 0;
	size_t padded = name ? ALIGN_UP(len + 1, EVENT_SIZE) : 0;
	struct inotify_kevent *e = kzalloc(sizeof(*e) + padded);

	if (!e)
		return NULL;
	INIT_LIST_HEAD(&e->list);
	e->ev.wd = wd;
	e->ev.mask = mask;
	e->ev.cookie = cookie;
	e->ev.len = padded;
	if (name)
		memcpy(e + 1, name, len);
	return e;
}

/* inotify_handle_event - see fsnotify.h. */
void inotify_handle_event(struct fsnotify_mark *m, u32 mask, u32 cookie,
			  const char *name)
{
	mutex_assert_held(&fsnotify_mutex);
	queue_event(m->group, alloc_event(m->wd, mask, cookie, name));
}

/* inotify_freeing_mark - see fsnotify.h. */
void inotify_freeing_mark(struct fsnotify_mark *m)
{
	struct inotify_user *u = inotify_user(m->group->uid);

	mutex_assert_held(&fsnotify_mutex);
	queue_event(m->group, alloc_event(m->wd, IN_IGNORED, 0, NULL));
	if (u)
		u->watches--;
}

/* ---- the file ---- */

static unsigned int inotify_poll(struct file *f, struct poll_table *pt)
{
	struct inotify_group *g = f->private_data;

	poll_wait(f, &g->wq, pt);
	return READ_ONCE(g->q_len) ? POLLIN | POLLRDNORM : 0;
}

/*
 * Take the events that fit in n bytes off the queue into out, waiting
 * for one unless nonblock. 0, or -EINVAL (the first does not fit),
 * -EAGAIN, -ERESTARTSYS.
 */
static int take_events(struct inotify_group *g, size_t n, bool nonblock,
		       struct list_head *out)
{
	struct inotify_kevent *e;
	unsigned long f;
	int err;

	for (;;) {
		f = spin_lock_irqsave(&g->wq.lock);
		if (g->q_len)
			break;
		spin_unlock_irqrestore(&g->wq.lock, f);
		if (nonblock)
			return -EAGAIN;
		err = wait_event_interruptible(g->wq, READ_ONCE(g->q_len));
		if (err)
			return err;
	}
	err = -EINVAL;
	while (!list_empty(&g->events)) {
		e = list_first_entry(&g->events, struct inotify_kevent, list);
		if (kevent_size(e) > n)
			break;
		n -= kevent_size(e);
		list_del_init(&e->list);
		g->q_len--;
		g->q_bytes -= kevent_size(e);
		list_add_tail(&e->list, out);
		err = 0;
	}
	spin_unlock_irqrestore(&g->wq.lock, f);
	return err;
}

static void free_kevent(struct inotify_group *g, struct inotify_kevent *e)
{
	unsigned long f;

	if (e != &g->overflow) {
		kfree(e);
		return;
	}
	f = spin_lock_irqsave(&g->wq.lock);
	INIT_LIST_HEAD(&e->list);	/* may be queued again */
	spin_unlock_irqrestore(&g->wq.lock, f);
}

static ssize_t inotify_read(struct file *f, char __user *buf, size_t n,
			    off_t *pos)
{
	struct inotify_group *g = f->private_data;
	struct inotify_kevent *e, *next;
	LIST_HEAD(out);
	size_t done = 0;
	int err;

	err = take_events(g, n, f->f_flags & O_NONBLOCK, &out);
	if (err)
		return err;
	list_for_each_entry_safe(e, next, &out, list) {
		list_del_init(&e->list);
		/* As Linux: an event taken is gone, copied or not. */
		if (!err && copy_to_user(buf + done, &e->ev, kevent_size(e)))
			err = -EFAULT;
		else if (!err)
			done += kevent_size(e);
		free_kevent(g, e);
	}
	return done ? (ssize_t)done : err;
}

static long inotify_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct inotify_group *g = f->private_data;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user((int)READ_ONCE(g->q_bytes), (int __user *)arg);
}

/* Drop g's watches and events and free it. May sleep. */
static void free_group(struct inotify_group *g)
{
	struct inotify_kevent *e, *n;
	struct inotify_user *u;

	mutex_lock(&fsnotify_mutex);
	while (!list_empty(&g->marks))
		fsnotify_destroy_mark(list_first_entry(&g->marks,
						       struct fsnotify_mark,
						       g_list));
	u = inotify_user(g->uid);
	if (u)
		u->instances--;
	fsnotify_unlock();
	/* No one else can queue now: the marks are gone. */
	list_for_each_entry_safe(e, n, &g->events, list) {
		list_del_init(&e->list);
		if (e != &g->overflow)
			kfree(e);
	}
	kfree(g);
}

static int inotify_release(struct inode *i, struct file *f)
{
	free_group(f->private_data);
	return 0;
}

/*
 * fdinfo: one line per watch, as Linux prints them (without the file
 * handle Linux adds where the filesystem can make one: tine has none).
 */
static void inotify_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct inotify_group *g = f->private_data;
	struct fsnotify_mark *mark;

	mutex_lock(&fsnotify_mutex);
	list_for_each_entry(mark, &g->marks, g_list)
		seq_printf(m, "inotify wd:%x ino:%lx sdev:%x mask:%x "
			      "ignored_mask:0 \n", mark->wd, mark->inode->i_ino,
			   mark->inode->i_sb ? mark->inode->i_sb->s_dev : 0,
			   mark->mask);
	mutex_unlock(&fsnotify_mutex);
}

static const struct file_operations inotify_fops = {
	.show_fdinfo = inotify_show_fdinfo,
	.read = inotify_read,
	.poll = inotify_poll,
	.ioctl = inotify_ioctl,
	.release = inotify_release,
	.llseek = noop_llseek,
};

/* ---- syscalls ---- */

/* A new group charged to the caller's user: ERR_PTR(-EMFILE) past the
 * limit. */
static struct inotify_group *inotify_new_group(void)
{
	struct inotify_group *g = kzalloc(sizeof(*g));
	struct inotify_user *u;

	if (!g)
		return ERR_PTR(-ENOMEM);
	init_waitqueue_head(&g->wq);
	INIT_LIST_HEAD(&g->events);
	INIT_LIST_HEAD(&g->marks);
	INIT_LIST_HEAD(&g->overflow.list);
	g->overflow.ev.wd = -1;
	g->overflow.ev.mask = IN_Q_OVERFLOW;
	g->uid = __kuid_val(current_uid());
	mutex_lock(&fsnotify_mutex);
	u = inotify_user(g->uid);
	if (u && u->instances >= READ_ONCE(inotify_max_user_instances)) {
		mutex_unlock(&fsnotify_mutex);
		kfree(g);
		return ERR_PTR(-EMFILE);
	}
	if (u)
		u->instances++;
	mutex_unlock(&fsnotify_mutex);
	return g;
}

static long sys_inotify_init1(int flags)
{
	struct inotify_group *g;
	int fd;

	if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	g = inotify_new_group();
	if (IS_ERR(g))
		return PTR_ERR(g);
	fd = anon_inode_getfd("inotify", &inotify_fops, g,
			      O_RDONLY | (flags & (IN_CLOEXEC | IN_NONBLOCK)));
	if (fd < 0)
		free_group(g);
	return fd;
}
SYSCALL_ENTRY(inotify_init1, sys_inotify_init1);

static long sys_inotify_init(void)
{
	return sys_inotify_init1(0);
}
SYSCALL_ENTRY(inotify_init, sys_inotify_init);

/* The next free wd of g (cyclic from 1, as Linux). fsnotify_mutex held. */
static int alloc_wd(struct inotify_group *g)
{
	struct fsnotify_mark *m;
	int wd = g->last_wd;
	bool taken;

	mutex_assert_held(&fsnotify_mutex);
	do {
		wd = wd == INT32_MAX ? 1 : wd + 1;
		taken = false;
		list_for_each_entry(m, &g->marks, g_list)
			if (m->wd == wd)
				taken = true;
	} while (taken);
	g->last_wd = wd;
	return wd;
}

/*
 * Watch inode for mask in g, or change the existing watch: the wd, or
 * -EEXIST (IN_MASK_CREATE), -ENOSPC (the user's limit), -ENOMEM.
 */
static long inotify_update_watch(struct inotify_group *g, struct inode *inode,
				 u32 mask)
{
	struct fsnotify_mark *m;
	struct inotify_user *u;
	long ret;

	mutex_lock(&fsnotify_mutex);
	m = fsnotify_find_mark(inode, g);
	if (m) {
		ret = -EEXIST;
		if (!(mask & IN_MASK_CREATE)) {
			m->mask = (mask & IN_MASK_ADD) ? m->mask | (mask & WATCH_BITS)
						       : mask & WATCH_BITS;
			fsnotify_recalc_mask(inode);
			ret = m->wd;
		}
		goto out;
	}
	u = inotify_user(g->uid);
	ret = -ENOSPC;
	if (u && u->watches >= READ_ONCE(max_user_watches))
		goto out;
	ret = -ENOMEM;
	m = kzalloc(sizeof(*m));
	if (!m)
		goto out;
	m->group = g;
	m->mask = mask & WATCH_BITS;
	m->wd = alloc_wd(g);
	list_add_tail(&m->g_list, &g->marks);
	fsnotify_add_mark(m, inode);
	if (u)
		u->watches++;
	ret = m->wd;
out:
	fsnotify_unlock();
	return ret;
}

/* The inotify group behind fd (a reference in *fp), or ERR_PTR. */
static struct inotify_group *inotify_fget(int fd, struct file **fp)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &inotify_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	*fp = f;
	return f->private_data;
}

static long sys_inotify_add_watch(int fd, const char __user *name, u32 mask)
{
	unsigned int lf = 0;
	struct inotify_group *g;
	struct file *f;
	struct path p;
	long ret;

	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE))
		return -EINVAL;
	if (!(mask & ALL_INOTIFY_BITS))
		return -EINVAL;
	g = inotify_fget(fd, &f);
	if (IS_ERR(g))
		return PTR_ERR(g);
	if (!(mask & IN_DONT_FOLLOW))
		lf |= LOOKUP_FOLLOW;
	if (mask & IN_ONLYDIR)
		lf |= LOOKUP_DIRECTORY;
	ret = user_path_at(AT_FDCWD, name, lf, &p);
	if (ret)
		goto out;
	/* A watch needs read permission on what it watches. */
	ret = inode_permission(p.dentry->d_inode, MAY_READ);
	if (!ret)
		ret = inotify_update_watch(g, p.dentry->d_inode, mask);
	path_put(&p);
out:
	fput(f);
	return ret;
}
SYSCALL_ENTRY(inotify_add_watch, sys_inotify_add_watch);

static long sys_inotify_rm_watch(int fd, int wd)
{
	struct fsnotify_mark *m;
	struct inotify_group *g;
	struct file *f;
	long ret = -EINVAL;

	g = inotify_fget(fd, &f);
	if (IS_ERR(g))
		return PTR_ERR(g);
	mutex_lock(&fsnotify_mutex);
	list_for_each_entry(m, &g->marks, g_list)
		if (m->wd == wd) {
			fsnotify_destroy_mark(m);
			ret = 0;
			break;
		}
	fsnotify_unlock();
	fput(f);
	return ret;
}
SYSCALL_ENTRY(inotify_rm_watch, sys_inotify_rm_watch);

/* ---- sysctl: fs.inotify.* ---- */

static const struct ctl_table inotify_table[] = {
	{ .procname = "max_queued_events", .data = &inotify_max_queued_events,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "max_user_instances",
	  .data = &inotify_max_user_instances, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "max_user_watches", .data = &max_user_watches,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ }
};

/* The watch limit from memory (1% of it, at 1 kB a watch), as Linux. */
static void inotify_sysctl_init(void)
{
	max_user_watches = MIN(MAX((long)totalram_pages() / 100 * PAGE_SIZE /
				   1024, (long)INOTIFY_MAX_USER_WATCHES_MIN),
			       (long)INOTIFY_MAX_USER_WATCHES_MAX);
	register_sysctl("fs/inotify", inotify_table);
}
__initcall(inotify_sysctl_init);
