/*
 * printk: formatted kernel messages. Every message is kept in the
 * kernel log (a ring of records below, read by syslog(2), /dev/kmsg and
 * /proc/kmsg: kernel/syslog.c) and written to the serial console if its
 * level passes console_loglevel.
 *
 * The log is one static buffer of variable-sized records, oldest first.
 * A record is a struct log_rec header followed by its text, padded to 8
 * bytes; a header with len 0 marks where the ring wraps (the next record
 * is at offset 0). When a new record does not fit, the oldest ones are
 * dropped. Each record has a sequence number, one more than the
 * previous one's; readers keep a (seq, offset) cursor and notice from
 * the sequence number that records they had not read were dropped.
 *
 * Locks: logbuf_lock (irq-safe spinlock, a leaf but for the allocators)
 * guards the ring, its cursors and the pending continuation line;
 * console_lock serialises output on the serial port. printk takes them
 * one after the other, never nested. printk may be called in any
 * context, with any lock held, so it wakes no one: readers waiting on
 * log_wait are woken from the next tick (printk_tick()).
 */
#include <asm/arch.h>
#include <tine/init.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <tine/syslog.h>
#include <tine/time.h>
#include <tine/wait.h>
#include <uapi/errno.h>

static DEFINE_SPINLOCK_RANKED(console_lock, LR_CONSOLE);
static DEFINE_SPINLOCK_RANKED(logbuf_lock, LR_LOGBUF);

/* kernel.printk: console, default message, minimum console and default
 * console log levels. [boot, then READ_ONCE/WRITE_ONCE] */
int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT, MESSAGE_LOGLEVEL_DEFAULT,
	CONSOLE_LOGLEVEL_MIN, CONSOLE_LOGLEVEL_DEFAULT,
};
static bool ignore_loglevel;				/* [boot] */

DECLARE_WAIT_QUEUE_HEAD(log_wait);
static int log_wake_pending;		/* [atomic] a record since the last tick */

/* ---- the ring ---- */

#define LOG_BUF_SHIFT 17
#define LOG_BUF_LEN (1U << LOG_BUF_SHIFT)

/* The header of one record in log_buf. */
struct log_rec {
	u64 seq;			/* its sequence number */
	u64 ts_nsec;			/* when it was logged (ns since boot) */
	u16 len;			/* header + text + padding; 0 = wrap */
	u16 text_len;
	u8 facility;			/* 0 = kernel, 1 = user, ... */
	u8 level;			/* 0..7 */
	u8 pad[4];
};

static char log_buf[LOG_BUF_LEN] __aligned(8);
/* [logbuf_lock]: the oldest record, the next to be written, and the
 * first record after the last SYSLOG_ACTION_CLEAR. first == next: empty. */
static struct kmsg_iter log_first, log_next, log_clear;

/* The continuation line being built (a printk without a newline): it
 * becomes a record when ended, or when anyone else prints. */
static struct {
	char text[LOG_LINE_MAX];
	u16 len;			/* 0: none pending */
	u8 facility, level;
	u64 ts_nsec;
	struct task_struct *owner;	/* who may continue it */
} cont;					/* [logbuf_lock] */

static struct log_rec *rec_at(u32 idx)
{
	return (struct log_rec *)(log_buf + idx);
}

/* The record a cursor's offset designates (following a wrap mark). */
static u32 rec_idx(u32 idx)
{
	if (idx + sizeof(struct log_rec) > LOG_BUF_LEN || !rec_at(idx)->len)
		return 0;
	return idx;
}

static u32 rec_size(u16 text_len)
{
	return ALIGN_UP((u32)sizeof(struct log_rec) + text_len, 8);
}

/* Step a cursor to the next record. logbuf_lock held. */
static void iter_advance(struct kmsg_iter *it)
{
	u32 idx = rec_idx(it->idx);

	assert_spin_locked(&logbuf_lock);
	it->idx = idx + rec_at(idx)->len;
	it->seq++;
}

/*
 * Room for size bytes at log_next (and a wrap mark after them) without
 * touching the oldest record? logbuf_lock held.
 */
static bool log_has_room(u32 size)
{
	u32 need = size + sizeof(struct log_rec);

	assert_spin_locked(&logbuf_lock);
	if (log_first.seq == log_next.seq)
		return true;		/* empty: wraps to 0 if need be */
	if (log_next.idx > log_first.idx)
		return LOG_BUF_LEN - log_next.idx >= need ||
		       log_first.idx >= need;
	return log_first.idx - log_next.idx >= need;
}

/* Drop the oldest records until size bytes fit. logbuf_lock held. */
static void log_make_room(u32 size)
{
	assert_spin_locked(&logbuf_lock);
	while (!log_has_room(size))
		iter_advance(&log_first);
	if (log_clear.seq < log_first.seq)
		log_clear = log_first;
}

/* Append one record (text without its newline). logbuf_lock held. */
static void log_store(int facility, int level, u64 ts, const char *text,
		      size_t len)
{
	u32 size;
	struct log_rec *r;

	assert_spin_locked(&logbuf_lock);
	len = MIN(len, (size_t)LOG_LINE_MAX);
	size = rec_size(len);
	log_make_room(size);
	if (log_next.idx + size + sizeof(struct log_rec) > LOG_BUF_LEN) {
		memset(rec_at(log_next.idx), 0, sizeof(struct log_rec));
		log_next.idx = 0;
	}
	r = rec_at(log_next.idx);
	r->seq = log_next.seq;
	r->ts_nsec = ts;
	r->len = size;
	r->text_len = len;
	r->facility = facility;
	r->level = level;
	memcpy(r + 1, text, len);
	log_next.idx += size;
	log_next.seq++;
	__atomic_store_n(&log_wake_pending, 1, __ATOMIC_RELEASE);
}

/* Turn the pending continuation line into a record. logbuf_lock held. */
static void cont_flush(void)
{
	assert_spin_locked(&logbuf_lock);
	if (!cont.len)
		return;
	log_store(cont.facility, cont.level, cont.ts_nsec, cont.text, cont.len);
	cont.len = 0;
	cont.owner = NULL;
}

/* Add text to the continuation line (a new one if none is pending). */
static void cont_add(int facility, int level, u64 ts, const char *text,
		     size_t len)
{
	if (!cont.len) {
		cont.facility = facility;
		cont.level = level;
		cont.ts_nsec = ts;
		cont.owner = current;
	}
	len = MIN(len, sizeof(cont.text) - cont.len);
	memcpy(cont.text + cont.len, text, len);
	cont.len += len;
}

/*
 * Take logbuf_lock; while the kernel panics, give up after a while
 * instead (a stopped CPU may hold it). Returns false if not taken.
 */
static bool logbuf_lock_irqsave(unsigned long *f)
{
	*f = local_irq_save();
	if (likely(!panic_in_progress())) {
		spin_lock(&logbuf_lock);
		return true;
	}
	for (int i = 0; i < 1000000; i++) {
		if (spin_trylock(&logbuf_lock))
			return true;
		cpu_relax();
	}
	local_irq_restore(*f);
	return false;
}

/*
 * log_message - see syslog.h. A message without a newline is kept open
 * (unseen by readers, as on Linux) until the next message: that one
 * continues it if it may (KERN_CONT, or no level of its own) and comes
 * from the same task; else the open line becomes a record first.
 */
void log_message(int facility, int level, unsigned int lflags,
		 const char *text, size_t len)
{
	u64 ts = local_clock();
	bool newline = len && text[len - 1] == '\n';
	unsigned long f;

	if (newline)
		len--;
	if (!logbuf_lock_irqsave(&f))
		return;
	if (cont.len && (!(lflags & LOG_CONT_OK) || cont.owner != current))
		cont_flush();
	if (cont.len || !newline) {
		cont_add(facility, level, ts, text, len);
		if (newline || cont.len == sizeof(cont.text))
			cont_flush();
	} else {
		log_store(facility, level, ts, text, len);
	}
	spin_unlock_irqrestore(&logbuf_lock, f);
}

/* ---- readers' cursors ---- */

/* kmsg_iter_init - see syslog.h. */
void kmsg_iter_init(struct kmsg_iter *it, enum kmsg_whence where)
{
	unsigned long f = spin_lock_irqsave(&logbuf_lock);

	if (where == KMSG_FIRST)
		*it = log_first;
	else if (where == KMSG_CLEAR)
		*it = log_clear;
	else
		*it = log_next;
	spin_unlock_irqrestore(&logbuf_lock, f);
}

/* kmsg_iter_pending - see syslog.h. */
bool kmsg_iter_pending(const struct kmsg_iter *it)
{
	return READ_ONCE(it->seq) != READ_ONCE(log_next.seq);
}

/* kmsg_iter_lost - see syslog.h. */
bool kmsg_iter_lost(const struct kmsg_iter *it)
{
	unsigned long f = spin_lock_irqsave(&logbuf_lock);
	bool lost = it->seq < log_first.seq;

	spin_unlock_irqrestore(&logbuf_lock, f);
	return lost;
}

/* kmsg_read - see syslog.h. */
int kmsg_read(struct kmsg_iter *it, struct kmsg_record *r)
{
	unsigned long f = spin_lock_irqsave(&logbuf_lock);
	struct log_rec *h;
	int err = 0;

	if (it->seq < log_first.seq) {
		*it = log_first;
		err = -EPIPE;
	} else if (it->seq >= log_next.seq) {
		err = -EAGAIN;
	} else {
		h = rec_at(rec_idx(it->idx));
		r->seq = h->seq;
		r->ts_nsec = h->ts_nsec;
		r->facility = h->facility;
		r->level = h->level;
		r->text_len = h->text_len;
		memcpy(r->text, h + 1, h->text_len);
		iter_advance(it);
	}
	spin_unlock_irqrestore(&logbuf_lock, f);
	return err;
}

/* kmsg_clear - see syslog.h. */
void kmsg_clear(void)
{
	unsigned long f = spin_lock_irqsave(&logbuf_lock);

	cont_flush();
	log_clear = log_next;
	spin_unlock_irqrestore(&logbuf_lock, f);
}

/* kmsg_set_clear - see syslog.h. */
void kmsg_set_clear(const struct kmsg_iter *it)
{
	unsigned long f = spin_lock_irqsave(&logbuf_lock);

	if (it->seq >= log_first.seq && it->seq <= log_next.seq)
		log_clear = *it;
	spin_unlock_irqrestore(&logbuf_lock, f);
}

/* kmsg_size - see syslog.h. */
unsigned int kmsg_size(void)
{
	return LOG_BUF_LEN;
}

/* printk_tick - see syslog.h. */
void printk_tick(void)
{
	if (__atomic_exchange_n(&log_wake_pending, 0, __ATOMIC_ACQ_REL))
		wake_up_interruptible_all(&log_wait);
}

/* ---- the console ---- */

static int quiet_setup(char *val)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
__setup("quiet", quiet_setup);

static int debug_setup(char *val)
{
	console_loglevel = 10;
	return 0;
}
__setup("debug", debug_setup);

static int loglevel_setup(char *val)
{
	const char *end;
	unsigned long n = simple_strtoul(val, &end, 10);

	if (end == val || *end)
		return -EINVAL;
	console_loglevel = n;
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int ignore_loglevel_setup(char *val)
{
	ignore_loglevel = true;
	return 0;
}
__setup("ignore_loglevel", ignore_loglevel_setup);

/*
 * "console=NAME[,OPTIONS]" chooses the console on Linux. tine has one,
 * the first serial port: ttyS0 is the console whatever console= says,
 * and it runs at 115200 8N1 whatever the options say. Other names
 * (tty0, hvc0, ttyS1...) are taken, not passed to init, as on Linux.
 */
static int console_setup(char *val)
{
	if (!strncmp(val, "ttyS0", 5) && (!val[5] || val[5] == ','))
		return 0;
	pr_notice("console=%s: tine has no such console; ttyS0 it is\n", val);
	return 0;
}
__setup("console=", console_setup);

/* Raw console output, translating \n to \r\n for the terminal. */
void console_write(const char *s, size_t n)
{
	unsigned long f = spin_lock_irqsave(&console_lock);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
	spin_unlock_irqrestore(&console_lock, f);
}

/* vprintk_emit - see syslog.h. */
int vprintk_emit(int facility, int level, unsigned int lflags,
		 const char *text, size_t len)
{
	log_message(facility, level, lflags, text, len);
	if (level < READ_ONCE(console_loglevel) || ignore_loglevel)
		console_write(text, len);
	return len;
}

/* printk - see printk.h. */
int printk(const char *fmt, ...)
{
	int level = READ_ONCE(default_message_loglevel);
	unsigned int lflags = LOG_CONT_OK;	/* no level: may continue a line */
	char buf[512];
	va_list ap;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		lflags = 0;
		fmt += 2;
	} else if (fmt[0] == KERN_SOH[0] && fmt[1] == 'c') {
		fmt += 2;
	}
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = MIN(n, (int)sizeof(buf) - 1);
	if (n > 0)
		vprintk_emit(LOG_KERN, level, lflags, buf, n);
	return n;
}
