/*
 * File locks: POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK), their
 * open-file-description form (F_OFD_*), and flock(2).
 *
 * A POSIX lock belongs to a process (its fd table, as in Linux) and goes
 * when that process closes any descriptor of the file, or exits. An OFD
 * lock or a flock lock belongs to the open file description and goes
 * with its last reference. POSIX/OFD locks and flock locks never see
 * each other, as in Linux. A lock that cannot be had now is EAGAIN
 * (F_SETLK, LOCK_NB) or a sleep until it can (F_SETLKW, flock). A
 * sleeping request is queued as Linux queues it: under the first lock
 * that conflicts, or under an earlier request queued there that it also
 * conflicts with (a tree); every change wakes the sleepers, who unqueue
 * and look again.
 * FIXME: no deadlock detection (Linux's EDEADLK for F_SETLKW cycles).
 *
 * /proc/locks lists them (proc_locks_show()) as Linux does, each lock
 * followed by the requests waiting on it ("N: -> ...", one more space
 * of indent per level of the tree).
 *
 * Lock: file_locks_lock protects the list, every file_lock on it, the
 * queued requests (blocker, blocked, blocked_member) and file_locks_gen.
 */
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/procfs.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define OFFSET_MAX 0x7fffffffffffffffL

struct file_lock {
	struct list_head list;		/* [file_locks_lock] */
	struct inode *inode;
	void *owner;			/* files_struct (POSIX) or file */
	bool flock;			/* flock(2), else a record lock */
	bool ofd;			/* owned by an open file description */
	int type;			/* F_RDLCK or F_WRLCK */
	off_t start, end;		/* bytes, inclusive */
	struct pid *pid;		/* the taker's process (a reference
					 * for a lock, none for a request,
					 * which lives on its taker's
					 * stack): F_GETLK, /proc/locks */
	struct file_lock *blocker;	/* [file_locks_lock] a request: what
					 * it waits on; NULL for a lock */
	struct list_head blocked;	/* [file_locks_lock] requests queued
					 * on this lock or request */
	struct list_head blocked_member; /* [file_locks_lock] in
					 * blocker->blocked */
};

static DEFINE_MUTEX(file_locks_lock);
static LIST_HEAD(file_locks);		/* [file_locks_lock] */
static DECLARE_WAIT_QUEUE_HEAD(file_locks_wait);
static unsigned long file_locks_gen;	/* [file_locks_lock] changes so far */

static bool overlap(const struct file_lock *a, off_t start, off_t end)
{
	return a->start <= end && start <= a->end;
}

/* Does request or lock a forbid b (other owners, overlapping, a writer)? */
static bool locks_conflict(const struct file_lock *a,
			   const struct file_lock *b)
{
	return a->flock == b->flock && a->owner != b->owner &&
	       overlap(a, b->start, b->end) &&
	       (a->type == F_WRLCK || b->type == F_WRLCK);
}

/* The first lock of another owner that forbids `want`, or NULL. */
static struct file_lock *conflict(struct inode *i, void *owner, bool flock,
				  int type, off_t start, off_t end)
{
	struct file_lock *l;

	list_for_each_entry(l, &file_locks, list)
		if (l->inode == i && l->flock == flock && l->owner != owner &&
		    overlap(l, start, end) &&
		    (type == F_WRLCK || l->type == F_WRLCK))
			return l;
	return NULL;
}

static struct file_lock *new_lock(struct inode *i, void *owner, bool flock,
				  int type, off_t start, off_t end)
{
	struct file_lock *l = kmalloc(sizeof(*l), 0);

	if (l) {
		*l = (struct file_lock){
			.inode = i, .owner = owner, .flock = flock,
			.type = type, .start = start, .end = end,
			.pid = get_pid(current->group_leader->thread_pid) };
		INIT_LIST_HEAD(&l->blocked);
		INIT_LIST_HEAD(&l->blocked_member);
		list_add_tail(&l->list, &file_locks);
	}
	return l;
}

/* Something changed: every sleeper looks again. file_locks_lock held. */
static void locks_changed(void)
{
	mutex_assert_held(&file_locks_lock);
	WRITE_ONCE(file_locks_gen, file_locks_gen + 1);
	wake_up(&file_locks_wait);
}

/* Unqueue the requests waiting on l (they look again when woken). */
static void locks_release_blocked(struct file_lock *l)
{
	struct file_lock *w, *n;

	list_for_each_entry_safe(w, n, &l->blocked, blocked_member) {
		list_del_init(&w->blocked_member);
		w->blocker = NULL;
	}
}

/* Unlink lock l from the list and free it. file_locks_lock held. */
static void locks_free(struct file_lock *l)
{
	mutex_assert_held(&file_locks_lock);
	locks_release_blocked(l);
	list_del(&l->list);
	put_pid(l->pid);
	kfree(l);
}

/*
 * Queue request w under blocker, or (as Linux) under a request already
 * queued there that w conflicts with, and so on down. file_locks_lock.
 */
static void locks_insert_block(struct file_lock *blocker,
			       struct file_lock *w)
{
	struct file_lock *q;

again:
	list_for_each_entry(q, &blocker->blocked, blocked_member)
		if (locks_conflict(q, w)) {
			blocker = q;
			goto again;
		}
	w->blocker = blocker;
	list_add_tail(&w->blocked_member, &blocker->blocked);
}

/* Take request w out of the tree; requests queued on it look again. */
static void locks_delete_block(struct file_lock *w)
{
	if (w->blocker) {
		list_del_init(&w->blocked_member);
		w->blocker = NULL;
	}
	if (!list_empty(&w->blocked)) {
		locks_release_blocked(w);
		locks_changed();
	}
}

/*
 * Sleep as request w, queued under blocker, until the locks change.
 * file_locks_lock held (dropped while sleeping); w is unqueued again on
 * return. 0 or -ERESTARTSYS.
 */
static int locks_wait_blocker(struct file_lock *w, struct file_lock *blocker)
{
	unsigned long gen = file_locks_gen;
	int err;

	mutex_assert_held(&file_locks_lock);
	locks_insert_block(blocker, w);
	mutex_unlock(&file_locks_lock);
	err = wait_event_interruptible(file_locks_wait,
				       READ_ONCE(file_locks_gen) != gen);
	mutex_lock(&file_locks_lock);
	locks_delete_block(w);
	return err;
}

/*
 * Carve [start, end] out of owner's locks on i (splitting one that
 * straddles it needs a new piece: -ENOMEM, before anything changed).
 */
static int remove_range(struct inode *i, void *owner, bool flock,
			off_t start, off_t end)
{
	struct file_lock *l, *n;

	list_for_each_entry(l, &file_locks, list)
		if (l->inode == i && l->owner == owner && l->flock == flock &&
		    l->start < start && l->end > end) {
			struct file_lock *tail = new_lock(i, owner, flock,
							  l->type, end + 1,
							  l->end);
			if (!tail)
				return -ENOMEM;
			tail->ofd = l->ofd;
			put_pid(tail->pid);
			tail->pid = get_pid(l->pid);
			l->end = start - 1;
			return 0;
		}
	list_for_each_entry_safe(l, n, &file_locks, list) {
		if (l->inode != i || l->owner != owner || l->flock != flock ||
		    !overlap(l, start, end))
			continue;
		if (l->start >= start && l->end <= end)
			locks_free(l);
		else if (l->start < start) {
			l->end = start - 1;
		} else {
			l->start = end + 1;
		}
	}
	return 0;
}

/* Take (or, with F_UNLCK, drop) a lock; wait for it if wait. */
static int set_lock(struct inode *i, void *owner, bool flock, bool ofd,
		    int type, off_t start, off_t end, bool wait)
{
	struct file_lock *l, req = {
		.inode = i, .owner = owner, .flock = flock, .ofd = ofd,
		.type = type, .start = start, .end = end,
		.pid = current->group_leader->thread_pid };
	int err = 0;

	INIT_LIST_HEAD(&req.blocked);
	INIT_LIST_HEAD(&req.blocked_member);
	mutex_lock(&file_locks_lock);
	while (type != F_UNLCK &&
	       (l = conflict(i, owner, flock, type, start, end))) {
		err = wait ? locks_wait_blocker(&req, l) : -EAGAIN;
		if (err)
			goto out;
	}
	err = remove_range(i, owner, flock, start, end);
	if (!err && type != F_UNLCK) {
		l = new_lock(i, owner, flock, type, start, end);
		if (!l)
			err = -ENOMEM;
		else
			l->ofd = ofd;
	}
	locks_changed();
out:
	mutex_unlock(&file_locks_lock);
	return err;
}

/* struct flock's range, relative to whence, as [start, end]. */
static int flock_range(struct file *f, const struct flock *fl, off_t *start,
		       off_t *end)
{
	off_t base;

	switch (fl->l_whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->f_inode->i_size; break;
	default: return -EINVAL;
	}
	if (fl->l_start > OFFSET_MAX - base)
		return -EOVERFLOW;
	*start = base + fl->l_start;
	if (*start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > OFFSET_MAX - *start)
			return -EOVERFLOW;
		*end = *start + fl->l_len - 1;
	} else if (fl->l_len < 0) {
		*end = *start - 1;
		*start += fl->l_len;
	} else {
		*end = OFFSET_MAX;
	}
	return *start < 0 ? -EINVAL : 0;
}

/*
 * fcntl's record locks. ofd: the owner is the open file description,
 * not the process (l_pid must be 0, and F_GETLK reports -1).
 */
long do_record_lock(struct file *f, unsigned int cmd, struct flock __user *u,
		    bool ofd, bool wait, bool get)
{
	void *owner = ofd ? (void *)f : (void *)current->files;
	struct file_lock *l;
	struct flock fl;
	off_t start, end;
	int err;

	if (copy_from_user(&fl, u, sizeof(fl)))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK &&
	    fl.l_type != F_UNLCK)
		return -EINVAL;
	if (ofd && fl.l_pid != 0)
		return -EINVAL;
	err = flock_range(f, &fl, &start, &end);
	if (err)
		return err;
	if (get) {
		mutex_lock(&file_locks_lock);
		l = fl.l_type == F_UNLCK ? NULL :
			conflict(f->f_inode, owner, false, fl.l_type, start, end);
		if (l) {
			fl.l_type = l->type;
			fl.l_whence = SEEK_SET;
			fl.l_start = l->start;
			fl.l_len = l->end == OFFSET_MAX ? 0 : l->end - l->start + 1;
			fl.l_pid = l->ofd ? -1 : pid_vnr(l->pid);
		} else {
			fl.l_type = F_UNLCK;
		}
		mutex_unlock(&file_locks_lock);
		return copy_to_user(u, &fl, sizeof(fl)) ? -EFAULT : 0;
	}
	if (fl.l_type == F_RDLCK && !(f->f_mode & FMODE_READ))
		return -EBADF;
	if (fl.l_type == F_WRLCK && !(f->f_mode & FMODE_WRITE))
		return -EBADF;
	return set_lock(f->f_inode, owner, false, ofd, fl.l_type, start, end,
			wait);
}

/* flock(2): LOCK_SH 1, LOCK_EX 2, LOCK_NB 4, LOCK_UN 8. */
long do_flock(struct file *f, unsigned int cmd)
{
	int type;

	if (cmd & 32)		/* LOCK_MAND: gone; Linux ignores it */
		return 0;
	switch (cmd & ~4U) {
	case 1: type = F_RDLCK; break;
	case 2: type = F_WRLCK; break;
	case 8: type = F_UNLCK; break;
	default: return -EINVAL;
	}
	/* Converting a flock lock drops it first, as Linux does. */
	if (type != F_UNLCK)
		set_lock(f->f_inode, f, true, true, F_UNLCK, 0, OFFSET_MAX,
			 false);
	return set_lock(f->f_inode, f, true, true, type, 0, OFFSET_MAX,
			!(cmd & 4));
}

/* Drop every lock matching (inode or NULL, owner). */
static void remove_owned(struct inode *i, void *owner)
{
	struct file_lock *l, *n;
	bool any = false;

	mutex_lock(&file_locks_lock);
	list_for_each_entry_safe(l, n, &file_locks, list)
		if (l->owner == owner && (!i || l->inode == i)) {
			locks_free(l);
			any = true;
		}
	if (any)
		locks_changed();
	mutex_unlock(&file_locks_lock);
}

/* close(fd): POSIX drops the process's record locks on that file. */
void locks_remove_posix(struct file *f, struct files_struct *files)
{
	remove_owned(f->f_inode, files);
}

/* The last reference to f: its OFD and flock locks go. */
void locks_remove_file(struct file *f)
{
	remove_owned(NULL, f);
}

/* One /proc/locks line: lock or request l, level deep in the tree. */
static void lock_get_status(struct seq_buf *m, const struct file_lock *l,
			    long id, int level, struct pid_namespace *ns)
{
	pid_t pid = l->ofd && !l->flock ? -1 : pid_nr_ns(l->pid, ns);
	unsigned int dev = l->inode->i_sb ? l->inode->i_sb->s_dev : 0;

	seq_printf(m, "%ld: ", id);
	if (level)
		seq_printf(m, "%*s", level + 2, "-> ");
	seq_printf(m, "%s %s %d %02x:%02x:%lu ",
		   l->flock ? "FLOCK  ADVISORY " :
		   l->ofd ? "OFDLCK ADVISORY " : "POSIX  ADVISORY ",
		   l->type == F_WRLCK ? "WRITE" : "READ", pid,
		   dev >> 8, dev & 0xff, l->inode->i_ino);
	if (l->flock || l->end == OFFSET_MAX)
		seq_printf(m, "%ld EOF\n", l->flock ? 0L : (long)l->start);
	else
		seq_printf(m, "%ld %ld\n", (long)l->start, (long)l->end);
}

/* The request after w among its blocker's, or NULL. */
static struct file_lock *next_blocked_member(struct file_lock *w)
{
	if (w->blocked_member.next == &w->blocker->blocked)
		return NULL;
	return list_entry(w->blocked_member.next, struct file_lock,
			  blocked_member);
}

/* Lock l and, depth first, the tree of requests waiting on it. */
static void lock_show_tree(struct seq_buf *m, struct file_lock *l, long id,
			   struct pid_namespace *ns)
{
	struct file_lock *cur = l, *next;
	int level = 0;

	for (;;) {
		lock_get_status(m, cur, id, level, ns);
		if (!list_empty(&cur->blocked)) {
			cur = list_first_entry(&cur->blocked, struct file_lock,
					       blocked_member);
			level++;
			continue;
		}
		for (;;) {
			if (cur == l)
				return;
			next = next_blocked_member(cur);
			if (next)
				break;
			cur = cur->blocker;
			level--;
		}
		cur = next;
	}
}

/*
 * proc_locks_show - /proc/locks: every lock as Linux's lock_get_status
 * prints it, numbered from 1 ("1: POSIX  ADVISORY  WRITE 42 00:0b:7 0
 * EOF"), then the requests waiting on it under the same number ("1: ->
 * FLOCK ..."); the taker's pid as the reader's /proc numbers it (-1 for
 * an OFD lock), and a lock whose taker that namespace cannot see is left
 * out, as Linux. Takes file_locks_lock; may sleep.
 */
int proc_locks_show(struct seq_buf *m, struct task_struct *unused)
{
	struct pid_namespace *ns = proc_seq_pid_ns(m);
	struct file_lock *l;
	long id = 0;

	mutex_lock(&file_locks_lock);
	list_for_each_entry(l, &file_locks, list) {
		if (!(l->ofd && !l->flock) && !pid_nr_ns(l->pid, ns))
			continue;
		lock_show_tree(m, l, ++id, ns);
	}
	mutex_unlock(&file_locks_lock);
	return 0;
}
