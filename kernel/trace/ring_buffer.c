/*
 * The trace buffer: one ring of pages per CPU, as Linux's, so a CPU
 * that records much overwrites only its own oldest events and
 * buffer_size_kb is what each CPU keeps. All rings are under one
 * trace_lock (Linux's rings are lockless; one lock is the simple SMP
 * design, and it is taken only when an event is enabled).
 *
 * Events are packed in pages, never across a page end; a ring's writer
 * (head) moves on page by page and, when the ring is full, drops the
 * oldest page (Linux's default overwrite mode: the header's
 * entries-in-buffer/entries-written shows the loss). Readers merge the
 * rings by time stamp: the consumer of trace_pipe takes the oldest
 * event of any ring; a reader of `trace` walks every ring from its tail
 * without taking anything, with recording paused while it is open
 * (Linux's pause-on-trace).
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

/* One CPU's ring. Legend: every field [trace_lock]. */
struct trace_ring {
	void **pages;			/* nr_pages page addresses */
	struct rb_page_info *info;
	unsigned int nr_pages;		/* 0: this CPU has no ring */
	unsigned int head_page, head_off;	/* where the next event goes */
	unsigned int tail_page, tail_off;	/* the oldest event */
	unsigned long entries;		/* in the ring, not consumed */
	unsigned long overrun;		/* dropped by overwriting */
};

static DEFINE_SPINLOCK_RANKED(trace_lock, LR_TRACE);
static DEFINE_MUTEX(resize_mutex);	/* one resize at a time */

/* Legend: every field [trace_lock]. */
static struct {
	struct trace_ring *rings;	/* NR_CPUS, by CPU; NULL: no buffer */
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

/* Move r's head to the next page, dropping the oldest if it is there. */
static void rb_next_head_page(struct trace_ring *r)
{
	unsigned int next = (r->head_page + 1) % r->nr_pages;

	if (next == r->tail_page) {
		r->entries -= r->info[next].entries;
		r->overrun += r->info[next].entries;
		r->tail_page = (next + 1) % r->nr_pages;
		r->tail_off = 0;
	}
	r->head_page = next;
	r->head_off = 0;
	r->info[next].used = 0;
	r->info[next].entries = 0;
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

/* trace_reserve - see trace.h. The entry goes in this CPU's ring. */
void *trace_reserve(enum trace_event_type type, size_t len,
		    unsigned long *flags)
{
	size_t total = rb_total(len);
	bool irqs_off = irqs_disabled();
	struct trace_entry *ent;
	struct trace_ring *r;
	struct rb_hdr *hdr;

	*flags = spin_lock_irqsave(&trace_lock);
	r = rb.rings ? &rb.rings[smp_processor_id()] : NULL;
	if (!tracing_on || !r || !r->nr_pages || rb.paused ||
	    total > PAGE_SIZE) {
		spin_unlock_irqrestore(&trace_lock, *flags);
		return NULL;
	}
	if (r->head_off + total > PAGE_SIZE)
		rb_next_head_page(r);
	hdr = (struct rb_hdr *)((char *)r->pages[r->head_page] + r->head_off);
	hdr->len = len;
	hdr->cpu = smp_processor_id();
	hdr->ts = trace_clock();
	ent = (struct trace_entry *)(hdr + 1);
	memset(ent, 0, len);
	ent->type = type;
	ent->flags = entry_flags(irqs_off);
	ent->pid = current->pid;
	save_cmdline(current);
	r->head_off += total;
	r->info[r->head_page].used = r->head_off;
	r->info[r->head_page].entries++;
	r->entries++;
	return ent;
}

/* trace_commit - the entry from trace_reserve() is filled in. */
void trace_commit(unsigned long flags)
{
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* --- reading --- */

/* Step over r's page ends to the next event at page/off; false at its
 * head. trace_lock held. */
static bool rb_settle(const struct trace_ring *r, unsigned int *page,
		      unsigned int *off)
{
	assert_spin_locked(&trace_lock);
	if (!r->nr_pages)
		return false;
	while (*off >= r->info[*page].used && *page != r->head_page) {
		*page = (*page + 1) % r->nr_pages;
		*off = 0;
	}
	return !(*page == r->head_page && *off >= r->head_off);
}

static const struct rb_hdr *rb_hdr_at(const struct trace_ring *r,
				      unsigned int page, unsigned int off)
{
	return (const void *)((char *)r->pages[page] + off);
}

/* Copy the event at page/off of r into rec; its size in the page. */
static size_t rb_copy(const struct trace_ring *r, unsigned int page,
		      unsigned int off, struct trace_event_rec *rec)
{
	const struct rb_hdr *hdr = rb_hdr_at(r, page, off);

	rec->ts = hdr->ts;
	rec->cpu = hdr->cpu;
	rec->len = hdr->len;
	memcpy(rec->data, hdr + 1, hdr->len);
	return rb_total(hdr->len);
}

/*
 * The CPU whose next event (at page[cpu]/off[cpu], settled on the way)
 * is the oldest of all rings, or -1 when every ring is done. Ties go to
 * the lower CPU. trace_lock held.
 */
static int rb_oldest(unsigned int *page, unsigned int *off)
{
	int best = -1;
	u64 best_ts = 0;

	assert_spin_locked(&trace_lock);
	if (!rb.rings)
		return -1;
	for (int c = 0; c < NR_CPUS; c++) {
		const struct trace_ring *r = &rb.rings[c];
		u64 ts;

		if (!rb_settle(r, &page[c], &off[c]))
			continue;
		ts = rb_hdr_at(r, page[c], off[c])->ts;
		if (best < 0 || ts < best_ts) {
			best = c;
			best_ts = ts;
		}
	}
	return best;
}

/* trace_iter_start - see trace.h. */
void trace_iter_start(struct trace_iter *it)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	for (int c = 0; c < NR_CPUS; c++) {
		it->page[c] = rb.rings ? rb.rings[c].tail_page : 0;
		it->off[c] = rb.rings ? rb.rings[c].tail_off : 0;
	}
	it->generation = rb.generation;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* trace_iter_next - see trace.h. */
int trace_iter_next(struct trace_iter *it, struct trace_event_rec *rec)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);
	int c = -1;

	if (it->generation == rb.generation)
		c = rb_oldest(it->page, it->off);
	if (c >= 0)
		it->off[c] += rb_copy(&rb.rings[c], it->page[c], it->off[c],
				      rec);
	spin_unlock_irqrestore(&trace_lock, flags);
	return c >= 0;
}

/* trace_consume - see trace.h. */
int trace_consume(struct trace_event_rec *rec)
{
	unsigned int page[NR_CPUS], off[NR_CPUS];
	unsigned long flags = spin_lock_irqsave(&trace_lock);
	struct trace_ring *r;
	int c;

	for (c = 0; c < NR_CPUS && rb.rings; c++) {
		page[c] = rb.rings[c].tail_page;
		off[c] = rb.rings[c].tail_off;
	}
	c = rb_oldest(page, off);
	if (c >= 0) {
		r = &rb.rings[c];
		r->tail_page = page[c];
		r->tail_off = off[c] + rb_copy(r, page[c], off[c], rec);
		r->info[r->tail_page].entries--;
		r->entries--;
	}
	spin_unlock_irqrestore(&trace_lock, flags);
	return c >= 0;
}

/*
 * trace_buffer_counts - entries-in-buffer/entries-written over every
 * CPU, as Linux counts them: what is there, and that plus what
 * overwriting dropped (events consumed through trace_pipe count in
 * neither).
 */
void trace_buffer_counts(unsigned long *entries, unsigned long *written)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	*entries = *written = 0;
	for (int c = 0; c < NR_CPUS && rb.rings; c++) {
		*entries += rb.rings[c].entries;
		*written += rb.rings[c].entries + rb.rings[c].overrun;
	}
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* trace_buffer_empty - nothing to consume? */
bool trace_buffer_empty(void)
{
	unsigned long entries, written;

	trace_buffer_counts(&entries, &written);
	return entries == 0;
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

/*
 * trace_pause - stop recording while a `trace` file is open for reading
 * (nested: counted). Takes trace_lock; any context.
 */
void trace_pause(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	rb.paused++;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* trace_unpause - undo one trace_pause(). */
void trace_unpause(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	rb.paused--;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* Empty every ring. trace_lock held. */
static void rb_reset_locked(void)
{
	assert_spin_locked(&trace_lock);
	for (int c = 0; c < NR_CPUS && rb.rings; c++) {
		struct trace_ring *r = &rb.rings[c];

		r->head_page = r->head_off = r->tail_page = r->tail_off = 0;
		r->entries = r->overrun = 0;
		for (unsigned int i = 0; i < r->nr_pages; i++)
			r->info[i].used = r->info[i].entries = 0;
	}
	rb.generation++;
	trace_counter = 0;
}

/* trace_buffer_reset - drop every event (`trace` opened with O_TRUNC). */
void trace_buffer_reset(void)
{
	unsigned long flags = spin_lock_irqsave(&trace_lock);

	rb_reset_locked();
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* --- size --- */

/* Free rings (NR_CPUS of them, some or all empty) and their pages. */
static void free_rings(struct trace_ring *rings)
{
	for (int c = 0; c < NR_CPUS && rings; c++) {
		struct trace_ring *r = &rings[c];

		for (unsigned int i = 0; i < r->nr_pages && r->pages; i++)
			if (r->pages[i])
				free_page(r->pages[i]);
		kfree(r->pages);
		kfree(r->info);
	}
	kfree(rings);
}

/* Give r n zeroed pages. 0 or -ENOMEM (free_rings() cleans up). */
static int ring_alloc(struct trace_ring *r, unsigned long n)
{
	r->pages = kzalloc(n * sizeof(*r->pages));
	r->info = kzalloc(n * sizeof(*r->info));
	if (!r->pages || !r->info)
		return -ENOMEM;
	r->nr_pages = n;
	for (unsigned long i = 0; i < n; i++)
		if (!(r->pages[i] = get_zeroed_page()))
			return -ENOMEM;
	return 0;
}

/* Swap in new rings of kb for every online CPU: the new pages are
 * allocated first, swapped under the lock, the old ones freed after.
 * resize_mutex held. */
static int __trace_buffer_resize(unsigned long kb)
{
	unsigned long n = (kb * 1024 + PAGE_SIZE - 1) / PAGE_SIZE;
	struct trace_ring *rings, *old;
	unsigned long flags;
	unsigned int cpu;

	mutex_assert_held(&resize_mutex);
	if (!kb || n * num_online_cpus() > totalram_pages() / 4)
		return -EINVAL;
	n = MAX(n, 2UL);
	rings = kzalloc(NR_CPUS * sizeof(*rings));
	if (!rings)
		return -ENOMEM;
	for_each_online_cpu(cpu)
		if (ring_alloc(&rings[cpu], n)) {
			free_rings(rings);
			return -ENOMEM;
		}
	flags = spin_lock_irqsave(&trace_lock);
	old = rb.rings;
	rb.rings = rings;
	rb.kb = kb;
	rb_reset_locked();
	spin_unlock_irqrestore(&trace_lock, flags);
	free_rings(old);
	return 0;
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
	struct trace_ring *rings;
	unsigned long flags;

	mutex_lock(&resize_mutex);
	flags = spin_lock_irqsave(&trace_lock);
	rb_reset_locked();
	rings = rb.rings;
	rb.rings = NULL;
	rb.kb = 0;
	spin_unlock_irqrestore(&trace_lock, flags);
	mutex_unlock(&resize_mutex);
	free_rings(rings);
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
