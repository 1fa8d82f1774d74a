/*
 * kernel/trace/: the trace buffer (ring_buffer.c), the events
 * (events.c), their text (output.c) and tracefs (tracefs.c).
 * Declarations shared by these files only.
 */
#ifndef KERNEL_TRACE_TRACE_H
#define KERNEL_TRACE_TRACE_H

#include <tine/kernfs.h>
#include <tine/seq_buf.h>
#include <tine/trace.h>
#include <tine/types.h>

#define TRACEFS_MAGIC 0x74726163
#define TRACE_COMM_LEN 16

/*
 * The head of every event, as Linux lays it out (the format files
 * describe it): the fields after it start at offset 8.
 */
struct trace_entry {
	u16 type;			/* enum trace_event_type */
	u8 flags;			/* TRACE_FLAG_* */
	u8 preempt_count;
	s32 pid;			/* the task that recorded it */
};

#define TRACE_FLAG_IRQS_OFF 0x01
#define TRACE_FLAG_NEED_RESCHED 0x04
#define TRACE_FLAG_HARDIRQ 0x08

/* One event as a reader gets it: where and when, then the entry. */
struct trace_event_rec {
	u64 ts;				/* trace clock at the event */
	unsigned int cpu;
	unsigned int len;		/* of the entry */
	union {
		struct trace_entry ent;
		u8 data[4096];		/* the entry: never more than a page */
	};
};

/* --- ring_buffer.c: one ring per CPU, all under trace_lock --- */

/*
 * Room for an entry of len bytes of type: returns it with trace_lock
 * held and interrupts off (*flags to give back), the common head filled
 * in, or NULL (tracing off, no buffer, a `trace` reader open, too big).
 * Fill it in and call trace_commit(). Any context.
 */
void *trace_reserve(enum trace_event_type type, size_t len,
		    unsigned long *flags);
void trace_commit(unsigned long flags);

/* A non-consuming reader's place in every CPU's ring: the events of
 * all rings come out oldest first. */
struct trace_iter {
	unsigned int page[NR_CPUS], off[NR_CPUS];
	u64 generation;			/* the buffer's, when it started */
};

void trace_iter_start(struct trace_iter *it);
/* Copy the next event at it into rec and step on: 1, or 0 at the end
 * (or when the buffer was reset under the reader). */
int trace_iter_next(struct trace_iter *it, struct trace_event_rec *rec);
/* Take the oldest event out of the buffer (trace_pipe): 1, or 0. */
int trace_consume(struct trace_event_rec *rec);
bool trace_buffer_empty(void);
/* Wait (interruptibly) until an event can be consumed: 0, or -EINTR. */
int trace_wait_pipe(void);

void trace_buffer_reset(void);
/* Resize to kb kilobytes per CPU (contents dropped). 0 or -ENOMEM/-EINVAL. */
int trace_buffer_resize(unsigned long kb);
unsigned long trace_buffer_kb(void);	/* per CPU; 0: not allocated yet */
int trace_buffer_ensure(void);
void trace_buffer_free(void);
void trace_buffer_counts(unsigned long *entries, unsigned long *written);
/* `trace` open for reading: recording stops until the last closes. */
void trace_pause(void);
void trace_unpause(void);
extern bool tracing_on;

/* The comm last recorded for pid, or "<...>". */
void trace_find_cmdline(pid_t pid, char comm[TRACE_COMM_LEN]);
int trace_show_cmdlines(struct seq_buf *m, struct kernfs_node *kn);

/* Clocks: "[local] global counter uptime mono boot". */
int trace_clock_show(struct seq_buf *m, struct kernfs_node *kn);
ssize_t trace_clock_store(struct file *f, struct kernfs_node *kn,
			  const char *buf, size_t n);
bool trace_clock_in_ns(void);

/* --- events.c --- */

struct trace_field {
	const char *decl;		/* "char parent_comm[16]" */
	unsigned int offset, size;
	bool is_signed;
};

struct trace_event_call {
	const char *system;		/* "sched" */
	const char *name;		/* "sched_process_fork" */
	enum trace_event_type type;
	const struct trace_field *fields;	/* NULL-decl terminated */
	const char *print_fmt;		/* the format file's print fmt */
	void (*print)(struct seq_buf *m, const struct trace_entry *ent,
		      unsigned int len);
};

/* The event of type, or NULL. */
const struct trace_event_call *trace_event_of(unsigned int type);
void trace_events_init(struct kernfs_node *tracefs_root);
int trace_marker_write(const char *text, size_t n);

/* --- output.c --- */

/* One line of `trace` / `trace_pipe` for rec, as Linux prints it. */
void trace_print_event(struct seq_buf *m, const struct trace_event_rec *rec);
void trace_print_header(struct seq_buf *m);

#endif
