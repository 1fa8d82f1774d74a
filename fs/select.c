/*
 * poll, ppoll, select, pselect6.
 *
 * The first pass over the files queues the caller on every wait queue
 * their ->poll() names (poll_wait, through __pollwait and a struct
 * poll_wqueues); later passes only look. Between passes the caller
 * sleeps, and a wake-up on any of the queues that carries an event it
 * polls that fd for (pollwake), a signal or the deadline ends the
 * sleep. Each entry holds a reference to its file, so a file closed
 * by another thread meanwhile keeps its queues until we unhook.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

#define NSEC_PER_SEC 1000000000ULL

/* Entries beyond the inline ones: page-sized chunks that never move. */
struct poll_table_page {
	struct poll_table_page *next;
	int nr;				/* entries used */
	struct poll_table_entry entries[];
};

#define POLL_PAGE_ENTRIES                                     \
	((PAGE_SIZE - sizeof(struct poll_table_page)) /       \
	 sizeof(struct poll_table_entry))

/*
 * The wake function of a select/poll entry: wake the poller if the
 * event is one it polls this fd for (or the waker did not say).
 * Called under the queue's lock (lock-unchecked: an entry does not know
 * its queue; the wake-up walk holds it).
 */
static int pollwake(struct wait_queue_entry *w, unsigned int mode,
		    unsigned long key)
{
	struct poll_table_entry *e = container_of(w, struct poll_table_entry,
						  wait);
	struct poll_wqueues *pwq = e->pwq;

	if (key && !(key & e->key))
		return 0;
	/* Seen by poll_schedule_timeout() before or after its state change:
	 * either it does not sleep, or this wake-up finds it asleep. */
	__atomic_store_n(&pwq->triggered, 1, __ATOMIC_RELEASE);
	return wake_up_state(pwq->polling_task, mode);
}

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *pwq)
{
	struct poll_table_page *t = pwq->table;

	if (pwq->inline_index < POLL_INLINE_ENTRIES)
		return &pwq->inline_entries[pwq->inline_index++];
	if (!t || t->nr == (int)POLL_PAGE_ENTRIES) {
		t = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!t) {
			pwq->error = -ENOMEM;
			return NULL;
		}
		t->nr = 0;
		t->next = pwq->table;
		pwq->table = t;
	}
	return &t->entries[t->nr++];
}

/* The queue procedure of select/poll: hook an entry that wakes us. */
static void __pollwait(struct file *f, struct wait_queue_head *wq,
		       struct poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = poll_get_entry(pwq);

	if (!e)
		return;
	e->filp = get_file(f);
	e->key = pt->key;
	e->wq = wq;
	e->pwq = pwq;
	init_waitqueue_func_entry(&e->wait, pollwake);
	add_wait_queue(wq, &e->wait);
}

/* poll_initwait - see poll.h. */
void poll_initwait(struct poll_wqueues *pwq)
{
	init_poll_funcptr(&pwq->pt, __pollwait);
	pwq->table = NULL;
	pwq->polling_task = current;
	pwq->triggered = 0;
	pwq->error = 0;
	pwq->inline_index = 0;
}

static void free_poll_entry(struct poll_table_entry *e)
{
	remove_wait_queue(e->wq, &e->wait);
	fput(e->filp);
}

/* poll_freewait - see poll.h. */
void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *t = pwq->table, *next;
	int i;

	for (i = 0; i < pwq->inline_index; i++)
		free_poll_entry(&pwq->inline_entries[i]);
	for (; t; t = next) {
		for (i = 0; i < t->nr; i++)
			free_poll_entry(&t->entries[i]);
		next = t->next;
		kfree(t);
	}
}

/* poll_schedule_timeout - see poll.h. */
bool poll_schedule_timeout(struct poll_wqueues *pwq, u64 deadline)
{
	bool slept = true;

	set_current_state(TASK_INTERRUPTIBLE);
	if (!__atomic_load_n(&pwq->triggered, __ATOMIC_ACQUIRE)) {
		if (!deadline)
			schedule();
		else if (ktime_get_ns() < deadline)
			schedule_timeout(deadline);
		else
			slept = false;
	}
	set_current_state(TASK_RUNNING);
	__atomic_store_n(&pwq->triggered, 0, __ATOMIC_RELAXED);
	return slept;
}

/* vfs_poll - see poll.h. */
unsigned int vfs_poll(struct file *f, struct poll_table *pt)
{
	if (!f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

/* file_can_poll - see poll.h. */
bool file_can_poll(struct file *f)
{
	return f->f_op->poll != NULL;
}

/* One pass over the pollfds; the number with events. */
static int poll_pass(struct pollfd *fds, unsigned int n,
		     struct poll_table *pt)
{
	unsigned int i;
	int count = 0;

	for (i = 0; i < n; i++) {
		struct file *f;
		unsigned int mask;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = fget(fds[i].fd);
		if (!f) {
			fds[i].revents = POLLNVAL;
			count++;
			continue;
		}
		if (pt)
			pt->key = (unsigned short)fds[i].events | POLLERR |
				  POLLHUP;
		mask = vfs_poll(f, pt);
		fput(f);
		mask &= fds[i].events | POLLERR | POLLHUP;
		fds[i].revents = mask;
		if (mask) {
			count++;
			pt = NULL;	/* no need to queue on the rest */
		}
	}
	return count;
}

/*
 * After a pass of poll or select that found *count ready: is the call
 * done? It is when something is ready or the call only looks
 * (timeout_zero), with a queueing error (*count becomes it), a pending
 * signal (-ERESTARTNOHAND) or once the deadline passes; else it slept
 * until woken and passes again.
 */
static bool poll_done(struct poll_wqueues *table, int *count,
		      bool timeout_zero, u64 deadline)
{
	if (*count || timeout_zero)
		return true;
	if (table->error) {
		*count = table->error;
		return true;
	}
	if (signal_pending(current)) {
		*count = -ERESTARTNOHAND;
		return true;
	}
	return !poll_schedule_timeout(table, deadline);
}

/*
 * do_poll - poll fds until one is ready, a signal arrives
 * (-ERESTARTNOHAND) or the deadline passes; timeout_zero polls once.
 */
static int do_poll(struct pollfd *fds, unsigned int n, u64 deadline,
		   bool timeout_zero)
{
	struct poll_wqueues table;
	struct poll_table *pt;
	int count;

	poll_initwait(&table);
	pt = timeout_zero ? NULL : &table.pt;
	for (;;) {
		count = poll_pass(fds, n, pt);
		pt = NULL;	/* queued once: later passes only look */
		if (poll_done(&table, &count, timeout_zero, deadline))
			break;
	}
	poll_freewait(&table);
	return count;
}

static long poll_common(struct pollfd __user *ufds, unsigned int n,
			u64 deadline, bool zero)
{
	struct pollfd *fds;
	long r;

	if (n > rlimit_nofile() && n > NR_OPEN_DEFAULT)
		return -EINVAL;
	fds = kmalloc(MAX(n, 1U) * sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	r = -EFAULT;
	if (copy_from_user(fds, ufds, n * sizeof(*fds)))
		goto out;
	r = do_poll(fds, n, deadline, zero);
	if (r >= 0) {
		unsigned int i;

		for (i = 0; i < n; i++)
			if (put_user(fds[i].revents, &ufds[i].revents)) {
				r = -EFAULT;
				break;
			}
	}
out:
	kfree(fds);
	return r;
}

static long sys_poll(struct pollfd __user *ufds, unsigned int n, int ms)
{
	u64 deadline = 0;

	if (ms > 0)
		deadline = ktime_get_ns() + (u64)ms * 1000000;
	return poll_common(ufds, n, deadline, ms == 0);
}
SYSCALL_ENTRY(poll, sys_poll);

/* Read a timespec timeout into an absolute deadline; *zero if 0. */
static int get_deadline(const struct uapi_timespec __user *uts, u64 *deadline,
			bool *zero)
{
	struct uapi_timespec ts;

	*deadline = 0;
	*zero = false;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if (!ts.tv_sec && !ts.tv_nsec) {
		*zero = true;
		return 0;
	}
	*deadline = ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

/* Write back the time left (ppoll, pselect6, as Linux). */
static void put_remaining(struct uapi_timespec __user *uts, u64 deadline)
{
	struct uapi_timespec ts = { 0, 0 };
	u64 now = ktime_get_ns();

	if (!uts || !deadline)
		return;
	if (now < deadline) {
		ts.tv_sec = (deadline - now) / NSEC_PER_SEC;
		ts.tv_nsec = (deadline - now) % NSEC_PER_SEC;
	}
	(void)copy_to_user(uts, &ts, sizeof(ts));
}

/*
 * set_user_sigmask - install a temporary signal mask for ppoll,
 * pselect6 and epoll_pwait (*set says whether one was given). 0,
 * -EINVAL for a bad size or -EFAULT. Undo with restore_user_sigmask().
 */
int set_user_sigmask(const sigset_t __user *umask, size_t size,
			    bool *set)
{
	sigset_t m;

	*set = false;
	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&m, umask, sizeof(m)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	sigdelset(&m, SIGKILL);
	sigdelset(&m, SIGSTOP);
	set_current_blocked(&m);
	*set = true;
	return 0;
}

/*
 * restore_user_sigmask - after the call: an interrupted caller keeps
 * the temporary mask until its handler has run (restore_sigmask);
 * otherwise the old one comes back at once.
 */
void restore_user_sigmask(bool set, long ret)
{
	if (!set)
		return;
	if (ret == -ERESTARTNOHAND || ret == -EINTR) {
		current->restore_sigmask = true;
		return;
	}
	set_current_blocked(&current->saved_sigmask);
}

static long sys_ppoll(struct pollfd __user *ufds, unsigned int n,
		      struct uapi_timespec __user *uts,
		      const sigset_t __user *umask, size_t size)
{
	u64 deadline;
	bool zero, set;
	long r = get_deadline(uts, &deadline, &zero);

	if (r)
		return r;
	r = set_user_sigmask(umask, size, &set);
	if (r)
		return r;
	r = poll_common(ufds, n, deadline, zero);
	restore_user_sigmask(set, r);
	if (r == -ERESTARTNOHAND)
		r = -EINTR;	/* the timeout is not restartable */
	put_remaining(uts, deadline);
	return r;
}
SYSCALL_ENTRY(ppoll, sys_ppoll);

#define BITS_PER_LONG 64

struct fd_sets {
	unsigned long *in, *out, *ex;		/* requested */
	unsigned long *res_in, *res_out, *res_ex;	/* results */
};

static bool fdbit(const unsigned long *set, int fd)
{
	return set && (set[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG)) & 1;
}

static void fdset(unsigned long *set, int fd)
{
	set[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
}

#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET (POLLPRI)

/* One pass of select; the count of ready bits, or -EBADF. */
static int select_pass(struct fd_sets *s, int n, struct poll_table *pt)
{
	int fd, count = 0;

	for (fd = 0; fd < n; fd++) {
		bool in = fdbit(s->in, fd), out = fdbit(s->out, fd);
		bool ex = fdbit(s->ex, fd);
		struct file *f;
		unsigned int mask;

		if (!in && !out && !ex)
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		if (pt)
			pt->key = POLLERR | (in ? POLLIN_SET : 0) |
				  (out ? POLLOUT_SET : 0) |
				  (ex ? POLLEX_SET : 0);
		mask = vfs_poll(f, pt);
		fput(f);
		if (in && (mask & POLLIN_SET)) {
			fdset(s->res_in, fd);
			count++;
			pt = NULL;
		}
		if (out && (mask & POLLOUT_SET)) {
			fdset(s->res_out, fd);
			count++;
			pt = NULL;
		}
		if (ex && (mask & POLLEX_SET)) {
			fdset(s->res_ex, fd);
			count++;
			pt = NULL;
		}
	}
	return count;
}

static int do_select(struct fd_sets *s, int n, size_t bytes, u64 deadline,
		     bool zero)
{
	struct poll_wqueues table;
	struct poll_table *pt;
	int count;

	poll_initwait(&table);
	pt = zero ? NULL : &table.pt;
	for (;;) {
		memset(s->res_in, 0, bytes);
		memset(s->res_out, 0, bytes);
		memset(s->res_ex, 0, bytes);
		count = select_pass(s, n, pt);
		pt = NULL;	/* queued once: later passes only look */
		if (poll_done(&table, &count, zero, deadline))
			break;
	}
	poll_freewait(&table);
	return count;
}

static long core_sys_select(int n, unsigned long __user *inp,
			    unsigned long __user *outp,
			    unsigned long __user *exp, u64 deadline, bool zero)
{
	struct fd_sets s;
	size_t bytes;
	unsigned long *bits;
	long r;

	if (n < 0)
		return -EINVAL;
	if ((unsigned int)n > current->files->fdt->max_fds)
		n = current->files->fdt->max_fds;
	bytes = ((n + BITS_PER_LONG - 1) / BITS_PER_LONG) * sizeof(long);
	bits = kzalloc(MAX(bytes, sizeof(long)) * 6);
	if (!bits)
		return -ENOMEM;
	s.in = inp ? bits : NULL;
	s.out = outp ? (unsigned long *)((char *)bits + bytes) : NULL;
	s.ex = exp ? (unsigned long *)((char *)bits + 2 * bytes) : NULL;
	s.res_in = (unsigned long *)((char *)bits + 3 * bytes);
	s.res_out = (unsigned long *)((char *)bits + 4 * bytes);
	s.res_ex = (unsigned long *)((char *)bits + 5 * bytes);
	r = -EFAULT;
	if ((inp && copy_from_user(s.in, inp, bytes)) ||
	    (outp && copy_from_user(s.out, outp, bytes)) ||
	    (exp && copy_from_user(s.ex, exp, bytes)))
		goto out;
	r = do_select(&s, n, bytes, deadline, zero);
	if (r < 0)
		goto out;
	if ((inp && copy_to_user(inp, s.res_in, bytes)) ||
	    (outp && copy_to_user(outp, s.res_out, bytes)) ||
	    (exp && copy_to_user(exp, s.res_ex, bytes)))
		r = -EFAULT;
out:
	kfree(bits);
	return r;
}

static long sys_select(int n, unsigned long __user *inp,
		       unsigned long __user *outp, unsigned long __user *exp,
		       struct uapi_timeval __user *utv)
{
	struct uapi_timeval tv;
	u64 deadline = 0, now;
	bool zero = false;
	long r;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* Linux normalizes oversized tv_usec rather than failing. */
		zero = !tv.tv_sec && !tv.tv_usec;
		if (!zero)
			deadline = ktime_get_ns() + tv.tv_sec * NSEC_PER_SEC +
				   (u64)tv.tv_usec * 1000;
	}
	r = core_sys_select(n, inp, outp, exp, deadline, zero);
	if (utv && deadline) {
		now = ktime_get_ns();
		tv.tv_sec = now < deadline ? (deadline - now) / NSEC_PER_SEC : 0;
		tv.tv_usec = now < deadline ?
			((deadline - now) % NSEC_PER_SEC) / 1000 : 0;
		(void)copy_to_user(utv, &tv, sizeof(tv));
	}
	return r;
}
SYSCALL_ENTRY(select, sys_select);

struct sigset_argpack {
	const sigset_t __user *p;
	size_t size;
};

static long sys_pselect6(int n, unsigned long __user *inp,
			 unsigned long __user *outp,
			 unsigned long __user *exp,
			 struct uapi_timespec __user *uts,
			 const struct sigset_argpack __user *usig)
{
	struct sigset_argpack pack = { NULL, 0 };
	u64 deadline;
	bool zero, set;
	long r = get_deadline(uts, &deadline, &zero);

	if (r)
		return r;
	if (usig && copy_from_user(&pack, usig, sizeof(pack)))
		return -EFAULT;
	r = set_user_sigmask(pack.p, pack.size, &set);
	if (r)
		return r;
	r = core_sys_select(n, inp, outp, exp, deadline, zero);
	restore_user_sigmask(set, r);
	put_remaining(uts, deadline);
	return r;
}
SYSCALL_ENTRY(pselect6, sys_pselect6);
