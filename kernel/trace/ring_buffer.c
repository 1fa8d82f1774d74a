/*
 * The trace buffer: one ring of pages for every CPU, under trace_lock
 * (Linux keeps one per CPU without locks; one lock is the simple SMP
 * design, and it is taken only when an event is enabled).
 *
 * Events are packed in pages, never across a page end; the writer
 * (head) moves on page by page and, when the ring is full, drops the
 * oldest page (Linux's default overwrite mode: the header's
 * entries-in-buffer/entries-written shows the loss). The consumer of
 * trace_pipe takes events at the tail; a reader of `trace` walks from
 * the tail without taking anything, with recording paused while it is
 * open (Linux's pause-on-trace).
 *
 * Also here: the pid -> comm table the output shows (saved_cmdlines)
 * and the trace clocks.
 *
 * Lock order: trace_lock is a leaf (rank LR_TRACE): events are recorded
 * from anywhere, rq->lock and every other lock may be held; nothing is
 * taken inside it, nothing allocated, nothing woken.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <tine/init.h>
#include <tine/lockdep.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <tine/time.h>
#include <uapi/errno.h>
#include "trace.h"

#define TRACE_BUF_KB_DEFAULT 1408	/* per CPU, as Linux's */
#define SAVED_CMDLINES 128		/* Linux's default saved_cmdlines_size */

/* What precedes each entry in a page. */
struct rb_hdr {
	u32 len;			/* of the entry */
	u32 cpu;
	u64 ts;
};

struct rb_page_info {
	u16 used;			/* bytes of events in the page */
	u16 entries;			/* events not yet consumed */
};

static DEFINE_SPINLOCK_RANKED(trace_lock, LR_TRACE);
static DEFINE_MUTEX(resize_mutex);	/* one resize at a time */

/* Legend: every field [trace_lock]. */
static struct {
	void **pages;			/* nr_pages page addresses */
	struct rb_page_info *info;
	unsigned int nr_pages;
	unsigned int head_page, head_off;	/* where the next event goes */
	unsigned int tail_page, tail_off;	/* the oldest event */
	unsigned long entries;		/* in the buffer, not consumed */
	unsigned long overrun;		/* dropped by overwriting */
	u64 generation;			/* bumped by reset and resize */
	int paused;			/* `trace` files open for reading */
	unsigned long kb;		/* per CPU; 0: not allocated */
} rb;

bool tracing_on = true;		/* tracefs tracing_on */

static struct {
	pid_t pid;
	char comm[TRACE_COMM_LEN];
} cmdlines[SAVED_CMDLINES];		/* [trace_lock] */

/* --- clocks --- */

enum trace_clock_id { CLOCK_LOCAL, CLOCK_GLOBAL, CLOCK_COUNTER,
		      CLOCK_UPTIME, CLOCK_MONO, CLOCK_BOOT, NR_TRACE_CLOCKS };

static const char *const clock_names[NR_TRACE_CLOCKS] = {
	"local", "global", "counter", "uptime", "mono", "boot",
};
static int trace_clock_id;		/* [trace_lock] for writers */
static u64 trace_counter;		/* [trace_lock] */

/*
 * The time stamp of an event. local, global, mono and boot are all the
 * TSC-based monotonic clock here (synchronised across CPUs, never
 * suspended); uptime counts ticks; counter counts events.
 */
static u64 trace_clock(void)
{
	switch (trace_clock_id) {
	case CLOCK_COUNTER:
		return trace_counter++;
	case CLOCK_UPTIME:
		return READ_ONCE(jiffies) * (1000000000ULL / HZ);
	default:
		return ktime_get_ns();
	}
}

/* trace_clock_in_ns - are time stamps in ns (else a count)? */
bool trace_clock_in_ns(void)
{
	return READ_ONCE(trace_clock_id) != CLOCK_COUNTER;
}

/* trace_clock_show - the clocks, the one in use in brackets. */
int trace_clock_show(struct seq_buf *m, struct kernfs_node *kn)
{
	int cur = READ_ONCE(trace_clock_id);

	for (int i = 0; i < NR_TRACE_CLOCKS; i++)
		seq_printf(m, i == cur ? "%s[%s]" : "%s%s", i ? " " : "",
			   clock_names[i]);
	seq_putc(m, '\n');
	return 0;
}

/* trace_clock_store - change clock (the buffer is reset, as Linux). */
ssize_t trace_clock_store(struct file *f, struct kernfs_node *kn,
			  const char *buf, size_t n)
{
	size_t len = n;
	unsigned long flags;

	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	for (int i = 0; i < NR_TRACE_CLOCKS; i++) {
		if (strlen(clock_names[i]) != len ||
		    strncmp(clock_names[i], buf, len))
			continue;
		flags = spin_lock_irqsave(&trace_lock);
		trace_clock_id = i;
		spin_unlock_irqrestore(&trace_lock, flags);
		trace_buffer_reset();
		return n;
	}
	return -EINVAL;
}

/* --- saved comms --- */

/* Remember p's comm for the output. trace_lock held. */
static void save_cmdline(struct task_struct *p)
{
	unsigned int slot = (unsigned int)p->pid % SAVED_CMDLINES;

	assert_spin_locked(&trace_lock);
	cmdlines[slot].pid = p->pid;
	memcpy(cmdlines[slot].comm, p->comm, TRACE_COMM_LEN);
	cmdlines[slot].comm[TRACE_COMM_LEN - 1] = 0;
}

/* trace_find_cmdline - see trace.h. */
void trace_find_cmdline(pid_t pid, char comm[TRACE_COMM_LEN])
{
	unsigned int slot = (unsigned int)pid % SAVED_CMDLINES;
	unsigned long flags;

	if (pid == 0) {
		strlcpy(comm, "<idle>", TRACE_COMM_LEN);
		return;
	}
	flags = spin_lock_irqsave(&trace_lock);
	if (cmdlines[slot].pid == pid)
		memcpy(comm, cmdlines[slot].comm, TRACE_COMM_LEN);
	else
		strlcpy(comm, "<...>", TRACE_COMM_LEN);
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* trace_show_cmdlines - saved_cmdlines: "pid comm" lines. */
int trace_show_cmdlines(struct seq_buf *m, struct kernfs_node *kn)
{
	for (int i = 0; i < SAVED_CMDLINES; i++) {
		char comm[TRACE_COMM_LEN];
		pid_t pid;
		unsigned long flags = spin_lock_irqsave(&trace_lock);

		pid = cmdlines[i].pid;
		memcpy(comm, cmdlines[i].comm, TRACE_COMM_LEN);
		spin_unlock_irqrestore(&trace_lock, flags);
		if (pid)
			seq_printf(m, "%d %s\n", pid, comm);
	}
	return 0;
}

/* --- writing --- */

static size_t rb_total(size_t len)
{
	return ALIGN_UP(sizeof(struct rb_hdr) + len, 8);
}

/* Move the head to the next page, dropping the oldest if it is there. */
static void rb_next_head_page(void)
{
	unsigned int next = (rb.head_page + 1) % rb.nr_pages;

	if (next == rb.tail_page) {
		rb.entries -= rb.info[next].entries;
		rb.overrun += rb.info[next].entries;
		rb.tail_page = (next + 1) % rb.nr_pages;
		rb.tail_off = 0;
	}
	rb.head_page = next;
	rb.head_off = 0;
	rb.info[next].used = 0;
	rb.info[next].entries = 0;
}

static u8 entry_flags(bool irqs_off)
{
	u8 flags = irqs_off ? TRACE_FLAG_IRQS_OFF : 0;

	if (this_cpu_read_ptr(need_resched))
		flags |= TRACE_FLAG_NEED_RESCHED;
	if (this_cpu_read_ptr(irq_count) > 0)
		flags |= TRACE_FLAG_HARDIRQ;
	return flags;
}

/* trace_reserve - see trace.h. */
void *trace_reserve(enum trace_event_type type, size_t len,
		    unsigned long *flags)
{
	size_t total = rb_total(len);
	bool irqs_off = irqs_disabled();
	struct trace_entry *ent;
	struct rb_hdr *hdr;

	*flags = spin_lock_irqsave(&trace_lock);
	if (!tracing_on || !rb.nr_pages || rb.paused || total > PAGE_SIZE) {
		spin_unlock_irqrestore(&trace_lock, *flags);
		return NULL;
	}
	if (rb.head_off + total > PAGE_SIZE)
		rb_next_head_page();
	hdr = (struct rb_hdr *)((char *)rb.pages[rb.head_page] + rb.head_off);
	hdr->len = len;
	hdr->cpu = smp_processor_id();
	hdr->ts = trace_clock();
	ent = (struct trace_entry *)(hdr + 1);
	memset(ent, 0, len);
	ent->type = type;
	ent->flags = entry_flags(irqs_off);
	ent->pid = current->pid;
	save_cmdline(current);
	rb.head_off += total;
	rb.info[rb.head_page].used = rb.head_off;
	rb.info[rb.head_page].entries++;
	rb.entries++;
	return ent;
}

/* trace_commit - the entry from trace_reserve() is filled in. */
void trace_commit(unsigned long flags)
{
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* --- reading --- */

/* Step over page ends to the next event; false at the head. */
static bool rb_settle(unsigned int *page, unsigned int *off)
{
	assert_spin_locked(&trace_lock);
	while (*off >= rb.info[*page].used && *page != rb.head_page) {
		*page = (*page + 1) % rb.nr_pages;
		*off = 0;
	}
	return rb.nr_pages && !(*page == rb.head_page && *off >= rb.head_off);
}

/* Copy the event at page/off into rec; its size in the page. */
static size_t rb_copy(unsigned int page, unsigned int off,
		      struct trace_event_rec *rec)
{
	const struct rb_hdr *hdr =
		(const void *)((char *)rb.pages[page] + off);

	rec->ts = hdr->ts;
	rec->cpu = hdr->cpu;
	rec->len = hdr->len;
	memcpy(rec->data, hdr + 1, hdr->len);
	return rb_total(hdr->len);
}

/* trace_iter_start - see trace.h. */
void trace_iter_start(struct trace_iter *it)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	it->page = rb.tail_page;
	it->off = rb.tail_off;
	it->generation = rb.generation;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* trace_iter_next - see trace.h. */
int trace_iter_next(struct trace_iter *it, struct trace_event_rec *rec)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);
	int found = 0;

	if (it->generation == rb.generation &&
	    rb_settle(&it->page, &it->off)) {
		it->off += rb_copy(it->page, it->off, rec);
		found = 1;
	}
	spin_unlock_irqrestore(&trace_lock, flags);
	return found;
}

/* trace_consume - see trace.h. */
int trace_consume(struct trace_event_rec *rec)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);
	int found = 0;

	if (rb_settle(&rb.tail_page, &rb.tail_off)) {
		rb.tail_off += rb_copy(rb.tail_page, rb.tail_off, rec);
		rb.info[rb.tail_page].entries--;
		rb.entries--;
		found = 1;
	}
	spin_unlock_irqrestore(&trace_lock, flags);
	return found;
}

/* trace_buffer_empty - nothing to consume? */
bool trace_buffer_empty(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);
	bool empty = rb.entries == 0;

	spin_unlock_irqrestore(&trace_lock, flags);
	return empty;
}

/*
 * trace_wait_pipe - sleep until there is an event to consume: 0, or
 * -ERESTARTSYS on a signal. Events are recorded where nothing may be
 * woken (under rq->lock), so the reader looks every 10 ms instead.
 */
int trace_wait_pipe(void)
{
	while (trace_buffer_empty()) {
		int err = hrtimer_sleep_until(ktime_get_ns() + 10000000);

		if (err)
			return err;
	}
	return 0;
}

void trace_pause(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	rb.paused++;
	spin_unlock_irqrestore(&trace_lock, flags);
}

void trace_unpause(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	rb.paused--;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/*
 * trace_buffer_counts - entries-in-buffer/entries-written, as Linux
 * counts them: what is there, and that plus what overwriting dropped
 * (events consumed through trace_pipe count in neither).
 */
void trace_buffer_counts(unsigned long *entries, unsigned long *written)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	*entries = rb.entries;
	*written = rb.entries + rb.overrun;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* Empty the ring. trace_lock held. */
static void rb_reset_locked(void)
{
	assert_spin_locked(&trace_lock);
	rb.head_page = rb.head_off = rb.tail_page = rb.tail_off = 0;
	rb.entries = rb.overrun = 0;
	rb.generation++;
	trace_counter = 0;
	for (unsigned int i = 0; i < rb.nr_pages; i++)
		rb.info[i].used = rb.info[i].entries = 0;
}

/* trace_buffer_reset - drop every event (`trace` opened with O_TRUNC). */
void trace_buffer_reset(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	rb_reset_locked();
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* --- size --- */

static void free_pages_array(void **pages, struct rb_page_info *info,
			     unsigned int n)
{
	for (unsigned int i = 0; i < n && pages; i++)
		if (pages[i])
			free_page(pages[i]);
	kfree(pages);
	kfree(info);
}

/* Swap in a new ring of kb per CPU: the new pages are allocated
 * first, swapped under the lock, the old ones freed after. */
static int __trace_buffer_resize(unsigned long kb)
{
	unsigned int ncpu = cpumask_weight(cpu_online_mask);
	unsigned long n = (kb * ncpu * 1024 + PAGE_SIZE - 1) / PAGE_SIZE;
	struct rb_page_info *info, *old_info;
	void **pages, **old_pages;
	unsigned int old_n;
	unsigned long flags;

	if (!kb || n > totalram_pages() / 4)
		return -EINVAL;
	n = MAX(n, 2UL);
	pages = kzalloc(n * sizeof(*pages));
	info = kzalloc(n * sizeof(*info));
	if (!pages || !info)
		goto nomem;
	for (unsigned long i = 0; i < n; i++)
		if (!(pages[i] = get_zeroed_page()))
			goto nomem;
	flags = spin_lock_irqsave(&trace_lock);
	old_pages = rb.pages;
	old_info = rb.info;
	old_n = rb.nr_pages;
	rb.pages = pages;
	rb.info = info;
	rb.nr_pages = n;
	rb.kb = kb;
	rb_reset_locked();
	spin_unlock_irqrestore(&trace_lock, flags);
	free_pages_array(old_pages, old_info, old_n);
	return 0;
nomem:
	free_pages_array(pages, info, n);
	return -ENOMEM;
}

/* trace_buffer_resize - see trace.h. Sleeps (resize_mutex). */
int trace_buffer_resize(unsigned long kb)
{
	int err;

	mutex_lock(&resize_mutex);
	err = __trace_buffer_resize(kb);
	mutex_unlock(&resize_mutex);
	return err;
}

/*
 * trace_buffer_free - give the buffer's memory back (closing tracefs's
 * free_buffer does it, as on Linux); the next event enabled makes a
 * new one. Sleeps.
 */
void trace_buffer_free(void)
{
	struct rb_page_info *info;
	unsigned long flags;
	unsigned int n;
	void **pages;

	mutex_lock(&resize_mutex);
	flags = spin_lock_irqsave(&trace_lock);
	pages = rb.pages;
	info = rb.info;
	n = rb.nr_pages;
	rb.pages = NULL;
	rb.info = NULL;
	rb.nr_pages = 0;
	rb.kb = 0;
	rb_reset_locked();
	spin_unlock_irqrestore(&trace_lock, flags);
	mutex_unlock(&resize_mutex);
	free_pages_array(pages, info, n);
}

/* trace_buffer_kb - the size per CPU asked for (0: none yet). */
unsigned long trace_buffer_kb(void)
{
	return READ_ONCE(rb.kb);
}

/*
 * trace_buffer_ensure - make the buffer when it is first needed (an
 * event enabled, a marker written): 1408 KB per CPU, Linux's default,
 * is too much to spend at every boot. 0 or -ENOMEM. Sleeps.
 */
int trace_buffer_ensure(void)
{
	int err = 0;

	mutex_lock(&resize_mutex);
	if (!rb.kb)
		err = __trace_buffer_resize(TRACE_BUF_KB_DEFAULT);
	mutex_unlock(&resize_mutex);
	return err;
}
