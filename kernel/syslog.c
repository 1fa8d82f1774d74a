/*
 * The kernel log's readers and writers: syslog(2), /dev/kmsg and
 * /proc/kmsg, over the record ring of kernel/printk.c.
 *
 * syslog(2) and /proc/kmsg share one destructive reading position
 * (syslog_it, with syslog_partial bytes of its record already read),
 * guarded by syslog_mutex; user copies happen with it dropped. Each
 * open /dev/kmsg has a cursor of its own (devkmsg_user, its mutex held
 * across the reader's copy-out).
 *
 * Who may read (Linux's check_syslog_permissions): reading the whole log
 * (READ_ALL, /dev/kmsg) and its size is open to all unless
 * kernel.dmesg_restrict is set; everything else needs CAP_SYSLOG (or the
 * deprecated CAP_SYS_ADMIN). /proc/kmsg is checked once, at open.
 */
#include <tine/capability.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <tine/syslog.h>
#include <tine/uaccess.h>
#include <tine/uio.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

enum syslog_source {
	SYSLOG_FROM_READER,		/* syslog(2), /dev/kmsg */
	SYSLOG_FROM_PROC,		/* /proc/kmsg */
};

/* "<N>[sssss.uuuuuu] ", the longest. */
#define SYSLOG_PREFIX_MAX 32
/* A record as syslog(2) shows it: every line prefixed. */
#define SYSLOG_TEXT_MAX (LOG_LINE_MAX * (SYSLOG_PREFIX_MAX + 1) + 1)
/* A record as /dev/kmsg shows it (Linux's CONSOLE_EXT_LOG_MAX). */
#define DEVKMSG_TEXT_MAX 8192

int dmesg_restrict = 1;		/* kernel.dmesg_restrict: Debian's default */

static DEFINE_MUTEX_RANKED(syslog_mutex, LR_MUTEX);
static struct kmsg_iter syslog_it;	/* [syslog_mutex] */
static size_t syslog_partial;		/* [syslog_mutex] of syslog_it's record */
static bool syslog_it_set;		/* [syslog_mutex] syslog_it initialised */
static int saved_console_loglevel = -1;	/* [syslog_mutex] CONSOLE_OFF */

/* ---- formatting ---- */

static size_t syslog_prefix(const struct kmsg_record *r, char *buf)
{
	u64 us = r->ts_nsec / 1000;

	return snprintf(buf, SYSLOG_PREFIX_MAX, "<%u>[%5lu.%06lu] ",
			(r->facility << 3) | r->level,
			(unsigned long)(us / 1000000),
			(unsigned long)(us % 1000000));
}

/*
 * A record as syslog(2) reads it: each line of its text behind the
 * prefix and ending in a newline. buf holds SYSLOG_TEXT_MAX bytes.
 * Returns the length.
 */
static size_t syslog_format(const struct kmsg_record *r, char *buf)
{
	char prefix[SYSLOG_PREFIX_MAX];
	size_t plen = syslog_prefix(r, prefix), len = 0, i = 0;

	do {
		size_t start = i;

		while (i < r->text_len && r->text[i] != '\n')
			i++;
		memcpy(buf + len, prefix, plen);
		len += plen;
		memcpy(buf + len, r->text + start, i - start);
		len += i - start;
		buf[len++] = '\n';
	} while (i++ < r->text_len);
	return len;
}

/* The length syslog_format() would give. */
static size_t syslog_format_len(const struct kmsg_record *r)
{
	char prefix[SYSLOG_PREFIX_MAX];
	size_t lines = 1;

	for (size_t i = 0; i < r->text_len; i++)
		lines += r->text[i] == '\n';
	return lines * (syslog_prefix(r, prefix) + 1) + r->text_len -
	       (lines - 1);
}

/*
 * A record as /dev/kmsg reads it: "PRI,SEQ,USEC,-;TEXT\n", with
 * unprintable bytes and backslashes as \xNN. buf holds
 * DEVKMSG_TEXT_MAX bytes. Returns the length.
 */
static size_t devkmsg_format(const struct kmsg_record *r, char *buf)
{
	size_t len = snprintf(buf, DEVKMSG_TEXT_MAX, "%u,%lu,%lu,-;",
			      (r->facility << 3) | r->level,
			      (unsigned long)r->seq,
			      (unsigned long)(r->ts_nsec / 1000));

	for (size_t i = 0; i < r->text_len; i++) {
		unsigned char c = r->text[i];

		if (c < ' ' || c >= 127 || c == '\\')
			len += snprintf(buf + len, DEVKMSG_TEXT_MAX - len,
					"\\x%02x", c);
		else
			buf[len++] = c;
	}
	buf[len++] = '\n';
	return len;
}

/* ---- permissions ---- */

/* Does action type need CAP_SYSLOG? */
static bool syslog_action_restricted(int type)
{
	if (READ_ONCE(dmesg_restrict))
		return true;
	return type != SYSLOG_ACTION_READ_ALL &&
	       type != SYSLOG_ACTION_SIZE_BUFFER;
}

static int check_syslog_permissions(int type, enum syslog_source source)
{
	/* /proc/kmsg was checked when it was opened. */
	if (source == SYSLOG_FROM_PROC && type != SYSLOG_ACTION_OPEN)
		return 0;
	if (!syslog_action_restricted(type))
		return 0;
	if (capable(CAP_SYSLOG))
		return 0;
	if (capable(CAP_SYS_ADMIN)) {
		printk_once(KERN_WARNING "%s (%d): Attempt to access syslog "
			    "with CAP_SYS_ADMIN but no CAP_SYSLOG "
			    "(deprecated).\n", current->comm, current->tgid);
		return 0;
	}
	return -EPERM;
}

/* ---- syslog(2) ---- */

/* The destructive position, started at the oldest record. */
static struct kmsg_iter *syslog_iter(void)
{
	mutex_assert_held(&syslog_mutex);
	if (!syslog_it_set) {
		kmsg_iter_init(&syslog_it, KMSG_FIRST);
		syslog_it_set = true;
	}
	return &syslog_it;
}

/* Wait until syslog_it has a record to read. syslog_mutex held (and
 * dropped while sleeping). 0 or -ERESTARTSYS. */
static int syslog_wait(void)
{
	mutex_assert_held(&syslog_mutex);
	for (;;) {
		struct kmsg_iter it = *syslog_iter();
		int err;

		if (kmsg_iter_pending(&it) || kmsg_iter_lost(&it))
			return 0;
		mutex_unlock(&syslog_mutex);
		err = wait_event_interruptible(log_wait,
					       kmsg_iter_pending(&it));
		mutex_lock(&syslog_mutex);
		if (err)
			return err;
	}
}

/*
 * SYSLOG_ACTION_READ: whole records (and the rest of a partly read
 * one) from the destructive position, as many as fit; a first record
 * larger than len is read in pieces. Sleeps until there is one.
 */
static long syslog_print(char __user *buf, size_t size, char *text,
			 struct kmsg_record *r)
{
	long len = 0;
	int err;

	mutex_lock(&syslog_mutex);
	err = syslog_wait();
	if (err)
		goto out;
	while (size) {
		struct kmsg_iter *it = syslog_iter(), save = *it;
		size_t n, skip;

		err = kmsg_read(it, r);
		if (err == -EPIPE) {
			syslog_partial = 0;
			continue;
		}
		if (err)
			break;
		skip = syslog_partial;
		n = syslog_format(r, text);
		if (n - skip <= size) {
			n -= skip;
			syslog_partial = 0;
		} else if (!len) {
			n = size;
			syslog_partial += n;
			*it = save;
		} else {
			*it = save;
			break;
		}
		mutex_unlock(&syslog_mutex);
		err = copy_to_user(buf, text + skip, n) ? -EFAULT : 0;
		mutex_lock(&syslog_mutex);
		if (err)
			break;
		len += n;
		size -= n;
		buf += n;
	}
out:
	mutex_unlock(&syslog_mutex);
	return len ? len : err;
}

/* kmsg_read(), but only records older than end (-EAGAIN from there):
 * a reader's loop ends even while messages keep coming. */
static int kmsg_read_before(struct kmsg_iter *it, const struct kmsg_iter *end,
			    struct kmsg_record *r)
{
	if (it->seq >= end->seq)
		return -EAGAIN;
	return kmsg_read(it, r);
}

/*
 * SYSLOG_ACTION_READ_ALL / READ_CLEAR: the newest records since the last
 * clear that fit in size bytes, oldest first (non-destructive).
 */
static long syslog_print_all(char __user *buf, size_t size, bool clear,
			     char *text, struct kmsg_record *r)
{
	struct kmsg_iter it, start, end;
	size_t total = 0;
	long len = 0;
	int err;

	kmsg_iter_init(&end, KMSG_END);
	kmsg_iter_init(&start, KMSG_CLEAR);
	it = start;
	while ((err = kmsg_read_before(&it, &end, r)) != -EAGAIN)
		if (!err)
			total += syslog_format_len(r);
	it = start;
	while (total > size && (err = kmsg_read_before(&it, &end, r)) != -EAGAIN)
		if (!err)
			total -= MIN(total, syslog_format_len(r));
	for (;;) {
		struct kmsg_iter save = it;
		size_t n;

		err = kmsg_read_before(&it, &end, r);
		if (err == -EAGAIN)
			break;
		if (err)
			continue;
		n = syslog_format(r, text);
		if (len + n > size) {
			it = save;
			break;
		}
		if (copy_to_user(buf + len, text, n))
			return -EFAULT;
		len += n;
	}
	if (clear)
		kmsg_set_clear(&it);
	return len;
}

/* SYSLOG_ACTION_SIZE_UNREAD: bytes (records, for /proc/kmsg) unread. */
static long syslog_unread(enum syslog_source source, struct kmsg_record *r)
{
	struct kmsg_iter it, end;
	long n = 0;
	int err;

	mutex_lock(&syslog_mutex);
	kmsg_iter_init(&end, KMSG_END);
	it = *syslog_iter();
	while ((err = kmsg_read_before(&it, &end, r)) != -EAGAIN) {
		if (err == -EPIPE) {
			*syslog_iter() = it;
			syslog_partial = 0;
			continue;
		}
		n += source == SYSLOG_FROM_PROC ? 1 : (long)syslog_format_len(r);
	}
	if (source != SYSLOG_FROM_PROC)
		n -= MIN((long)syslog_partial, n);
	mutex_unlock(&syslog_mutex);
	return n;
}

/* CONSOLE_OFF, CONSOLE_ON, CONSOLE_LEVEL. */
static long syslog_console(int type, int len)
{
	long err = 0;

	mutex_lock(&syslog_mutex);
	if (type == SYSLOG_ACTION_CONSOLE_OFF) {
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		WRITE_ONCE(console_loglevel, minimum_console_loglevel);
	} else if (type == SYSLOG_ACTION_CONSOLE_ON) {
		if (saved_console_loglevel != -1) {
			WRITE_ONCE(console_loglevel, saved_console_loglevel);
			saved_console_loglevel = -1;
		}
	} else if (len < 1 || len > 8) {
		err = -EINVAL;
	} else {
		WRITE_ONCE(console_loglevel,
			   MAX(len, READ_ONCE(minimum_console_loglevel)));
		saved_console_loglevel = -1;
	}
	mutex_unlock(&syslog_mutex);
	return err;
}

/* The actions that copy records out: buffers and their checks. */
static long syslog_read_action(int type, char __user *buf, int len)
{
	struct kmsg_record *r;
	char *text;
	long ret;

	if (!buf || len < 0)
		return -EINVAL;
	if (!len)
		return 0;
	if (!access_ok(buf, len))
		return -EFAULT;
	r = kmalloc(sizeof(*r), GFP_KERNEL);
	text = kmalloc(SYSLOG_TEXT_MAX, GFP_KERNEL);
	if (!r || !text)
		ret = -ENOMEM;
	else if (type == SYSLOG_ACTION_READ)
		ret = syslog_print(buf, len, text, r);
	else
		ret = syslog_print_all(buf, len,
				       type == SYSLOG_ACTION_READ_CLEAR, text, r);
	kfree(text);
	kfree(r);
	return ret;
}

static long do_syslog(int type, char __user *buf, int len,
		      enum syslog_source source)
{
	struct kmsg_record *r;
	long err = check_syslog_permissions(type, source);

	if (err)
		return err;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		return syslog_read_action(type, buf, len);
	case SYSLOG_ACTION_CLEAR:
		kmsg_clear();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return syslog_console(type, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		r = kmalloc(sizeof(*r), GFP_KERNEL);
		if (!r)
			return -ENOMEM;
		err = syslog_unread(source, r);
		kfree(r);
		return err;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return kmsg_size();
	}
	return -EINVAL;
}

static long sys_syslog(int type, char __user *buf, int len)
{
	return do_syslog(type, buf, len, SYSLOG_FROM_READER);
}
SYSCALL_ENTRY(syslog, sys_syslog);

/* ---- /proc/kmsg: syslog(2)'s destructive read as a file ---- */

static int proc_kmsg_open(struct inode *i, struct file *f)
{
	return do_syslog(SYSLOG_ACTION_OPEN, NULL, 0, SYSLOG_FROM_PROC);
}

static ssize_t proc_kmsg_read(struct file *f, char __user *buf, size_t n,
			      off_t *pos)
{
	if ((f->f_flags & O_NONBLOCK) &&
	    !do_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0, SYSLOG_FROM_PROC))
		return -EAGAIN;
	return do_syslog(SYSLOG_ACTION_READ, buf, MIN(n, (size_t)0x7fffffff),
			 SYSLOG_FROM_PROC);
}

static unsigned int proc_kmsg_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(f, &log_wait, pt);
	if (do_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0, SYSLOG_FROM_PROC) > 0)
		return POLLIN | POLLRDNORM;
	return 0;
}

const struct file_operations proc_kmsg_operations = {
	.open = proc_kmsg_open,
	.read = proc_kmsg_read,
	.poll = proc_kmsg_poll,
	.llseek = generic_file_llseek,
	.read_zero_count = true,	/* O_NONBLOCK, none unread: EAGAIN */
};

/* ---- /dev/kmsg: one record per read, each reader its own cursor ---- */

/* printk.devkmsg / kernel.printk_devkmsg: what writes to /dev/kmsg do. */
enum devkmsg_mode { DEVKMSG_RATELIMIT, DEVKMSG_ON, DEVKMSG_OFF };
static int devkmsg_mode = DEVKMSG_RATELIMIT;

#define DEVKMSG_RATELIMIT_NS (5 * 1000000000ULL)	/* 10 lines per 5 s */
#define DEVKMSG_RATELIMIT_BURST 10

struct devkmsg_user {
	struct mutex lock;		/* a reader at a time; guards all below */
	struct kmsg_iter it;		/* the next record to read */
	u64 rs_begin;			/* writes: start of the interval */
	unsigned int rs_printed, rs_missed;
	struct kmsg_record rec;
	char buf[DEVKMSG_TEXT_MAX];
};

/* May this write go to the log (Linux's ___ratelimit)? u->lock held. */
static bool devkmsg_ratelimit(struct devkmsg_user *u)
{
	u64 now = ktime_get_ns();

	mutex_assert_held(&u->lock);
	if (!u->rs_begin || now - u->rs_begin > DEVKMSG_RATELIMIT_NS) {
		u->rs_begin = now;
		u->rs_printed = 0;
	}
	if (u->rs_printed < DEVKMSG_RATELIMIT_BURST) {
		u->rs_printed++;
		return true;
	}
	u->rs_missed++;
	return false;
}

static int devkmsg_open(struct inode *i, struct file *f)
{
	struct devkmsg_user *u;
	int err;

	if (READ_ONCE(devkmsg_mode) == DEVKMSG_OFF)
		return -EPERM;
	if ((f->f_flags & O_ACCMODE) != O_WRONLY) {
		err = check_syslog_permissions(SYSLOG_ACTION_READ_ALL,
					       SYSLOG_FROM_READER);
		if (err)
			return err;
	}
	u = kzalloc(sizeof(*u));
	if (!u)
		return -ENOMEM;
	mutex_init_ranked(&u->lock, "devkmsg_user.lock", LR_KMSG_USER);
	kmsg_iter_init(&u->it, KMSG_FIRST);
	f->private_data = u;
	return 0;
}

static int devkmsg_release(struct inode *i, struct file *f)
{
	struct devkmsg_user *u = f->private_data;

	if (u->rs_missed)
		pr_warn("printk: %s: %u output lines suppressed due to "
			"ratelimiting\n", current->comm, u->rs_missed);
	kfree(u);
	return 0;
}

/* The next record for u into u->buf (u->lock held, dropped to sleep).
 * Returns its length or -errno. */
static ssize_t devkmsg_next(struct file *f, struct devkmsg_user *u)
{
	mutex_assert_held(&u->lock);
	for (;;) {
		int err = kmsg_read(&u->it, &u->rec);

		if (!err)
			return devkmsg_format(&u->rec, u->buf);
		if (err != -EAGAIN)
			return err;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		mutex_unlock(&u->lock);
		err = wait_event_interruptible(log_wait,
					       kmsg_iter_pending(&u->it));
		if (err)
			return err;
		if (mutex_lock_killable(&u->lock))
			return -EINTR;
	}
}

static ssize_t devkmsg_read(struct file *f, char __user *buf, size_t n,
			    off_t *pos)
{
	struct devkmsg_user *u = f->private_data;
	ssize_t len;

	if (mutex_lock_killable(&u->lock))
		return -EINTR;
	len = devkmsg_next(f, u);
	if (len == -ERESTARTSYS || len == -EINTR)
		return len;		/* the lock was dropped */
	if (len > 0 && (size_t)len > n)
		len = -EINVAL;		/* the record is gone all the same */
	else if (len > 0 && copy_to_user(buf, u->buf, len))
		len = -EFAULT;
	mutex_unlock(&u->lock);
	return len;
}

/*
 * One write is one message: "<N>" in front sets its level (N & 7) and,
 * if not 0, its facility (N >> 3); else it is LOG_USER at the default
 * level. Returns len (also when the ratelimit drops it).
 */
static ssize_t devkmsg_write_iter(struct file *f, struct iov_iter *from)
{
	struct devkmsg_user *u = f->private_data;
	size_t len = iov_iter_count(from);
	int level = READ_ONCE(default_message_loglevel), facility = LOG_USER;
	char *kbuf, *line;
	bool pass = true;

	if (len > LOG_LINE_MAX)
		return -EINVAL;
	if (READ_ONCE(devkmsg_mode) == DEVKMSG_OFF)
		return len;
	if (READ_ONCE(devkmsg_mode) != DEVKMSG_ON) {
		mutex_lock(&u->lock);
		pass = devkmsg_ratelimit(u);
		mutex_unlock(&u->lock);
	}
	if (!pass)
		return len;
	kbuf = kmalloc(len + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (copy_from_iter(kbuf, len, from) != len) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[len] = 0;
	line = kbuf;
	if (line[0] == '<') {
		const char *end;
		unsigned long pri = simple_strtoul(line + 1, &end, 10);

		if (end > line + 1 && *end == '>') {
			level = pri & 7;
			if (pri >> 3)
				facility = (pri >> 3) & 0xff;
			line = (char *)end + 1;
		}
	}
	vprintk_emit(facility, level, 0, line, strlen(line));
	kfree(kbuf);
	wake_up_interruptible_all(&log_wait);
	return len;
}

static ssize_t devkmsg_write(struct file *f, const char __user *buf, size_t n,
			     off_t *pos)
{
	struct iovec iov;
	struct iov_iter it;
	int err = import_single_range((void __user *)buf, n, &iov, &it);

	return err ? err : devkmsg_write_iter(f, &it);
}

/*
 * Only offset 0 (else -ESPIPE): SEEK_SET to the oldest record, SEEK_DATA
 * to the first after the last clear (what "dmesg -c" left), SEEK_END
 * past the newest.
 */
static off_t devkmsg_llseek(struct file *f, off_t off, int whence)
{
	struct devkmsg_user *u = f->private_data;
	enum kmsg_whence where;

	if (off)
		return -ESPIPE;
	if (whence == SEEK_SET)
		where = KMSG_FIRST;
	else if (whence == SEEK_DATA)
		where = KMSG_CLEAR;
	else if (whence == SEEK_END)
		where = KMSG_END;
	else
		return -EINVAL;
	mutex_lock(&u->lock);
	kmsg_iter_init(&u->it, where);
	mutex_unlock(&u->lock);
	return 0;
}

/* Readable when a record waits; POLLERR|POLLPRI too if some were lost. */
static unsigned int devkmsg_poll(struct file *f, struct poll_table *pt)
{
	struct devkmsg_user *u = f->private_data;
	unsigned int mask = 0;

	poll_wait(f, &log_wait, pt);
	if (kmsg_iter_lost(&u->it))
		mask = POLLIN | POLLRDNORM | POLLERR | POLLPRI;
	else if (kmsg_iter_pending(&u->it))
		mask = POLLIN | POLLRDNORM;
	return mask;
}

const struct file_operations kmsg_fops = {
	.open = devkmsg_open,
	.release = devkmsg_release,
	.read = devkmsg_read,
	.write = devkmsg_write,
	.write_iter = devkmsg_write_iter,
	.llseek = devkmsg_llseek,
	.poll = devkmsg_poll,
};

/* ---- sysctl: kernel.printk, dmesg_restrict, kptr_restrict, printk_devkmsg ---- */

/* kernel.kptr_restrict: tine never shows kernel addresses to user space,
 * so every setting behaves as 2 does on Linux. */
static int kptr_restrict;

static const char *const devkmsg_names[] = {
	[DEVKMSG_RATELIMIT] = "ratelimit", [DEVKMSG_ON] = "on",
	[DEVKMSG_OFF] = "off",
};

/* The mode named at s (up to a newline or the end), or -EINVAL. */
static int devkmsg_mode_of(const char *s)
{
	for (int i = 0; i < (int)ARRAY_SIZE(devkmsg_names); i++) {
		size_t n = strlen(devkmsg_names[i]);

		if (!strncmp(s, devkmsg_names[i], n) && (!s[n] || s[n] == '\n'))
			return i;
	}
	return -EINVAL;
}

/* kernel.printk_devkmsg: "on", "off" or "ratelimit". */
static int proc_devkmsg(const struct ctl_table *t, int write, char *buf,
			size_t *lenp, off_t *ppos)
{
	char name[16];
	struct ctl_table tmp = *t;
	int err, mode;

	strlcpy(name, devkmsg_names[READ_ONCE(devkmsg_mode)], sizeof(name));
	tmp.data = name;
	tmp.maxlen = sizeof(name);
	err = proc_dostring(&tmp, write, buf, lenp, ppos);
	if (err || !write)
		return err;
	mode = devkmsg_mode_of(name);
	if (mode < 0)
		return mode;
	WRITE_ONCE(devkmsg_mode, mode);
	return 0;
}

static int devkmsg_setup(char *val)
{
	int mode = devkmsg_mode_of(val);

	if (mode < 0)
		return -EINVAL;
	devkmsg_mode = mode;
	return 0;
}
__setup("printk.devkmsg=", devkmsg_setup);

static const struct ctl_table printk_table[] = {
	{ .procname = "printk", .data = console_printk,
	  .maxlen = sizeof(console_printk), .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "printk_devkmsg", .maxlen = 16, .mode = 0644,
	  .proc_handler = proc_devkmsg },
	{ .procname = "dmesg_restrict", .data = &dmesg_restrict,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax_sysadmin,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "kptr_restrict", .data = &kptr_restrict,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax_sysadmin,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_TWO },
	{ }
};

static void printk_sysctl_init(void)
{
	register_sysctl("kernel", printk_table);
}
__initcall(printk_sysctl_init);
