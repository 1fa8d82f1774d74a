/*
 * A growing text buffer for files generated at open time (/proc):
 * seq_printf() into it; if the text did not fit, m->overflow is set and
 * the caller grows the buffer and generates again (seq_generate()).
 */
#ifndef TINE_SEQ_BUF_H
#define TINE_SEQ_BUF_H

#include <tine/compiler.h>
#include <tine/types.h>

struct cpumask;

struct seq_buf {
	char *buf;			/* kmalloc'd */
	size_t size;			/* capacity */
	size_t len;			/* bytes used */
	bool overflow;			/* a write did not fit */
	const void *private;		/* the generator's (procfs: the inode) */
};

void seq_printf(struct seq_buf *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_buf *m, const char *s);
void seq_putc(struct seq_buf *m, char c);
void seq_write(struct seq_buf *m, const void *data, size_t n);
/*
 * Run show(m, arg) into a buffer big enough for its output (starting
 * at one page, doubling). Returns 0 with m->buf owned by the caller
 * (kfree), or -ENOMEM, or show's own -err.
 */
int seq_generate(struct seq_buf *m, int (*show)(struct seq_buf *, void *),
		 void *arg);

/* A CPU mask as Linux's %*pb (nr_cpu_ids bits in hex, most significant
 * first, a comma between 32-bit groups) and %*pbl ("0-3,6"). */
void seq_cpumask(struct seq_buf *m, const struct cpumask *mask);
void seq_cpulist(struct seq_buf *m, const struct cpumask *mask);

#endif
