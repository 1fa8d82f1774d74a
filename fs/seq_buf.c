/* Growing text buffers for generated files (see seq_buf.h). */
#include <stdarg.h>
#include <tine/cpumask.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/seq_buf.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <uapi/errno.h>

/* seq_write - append n bytes (or mark the buffer overflowed). */
void seq_write(struct seq_buf *m, const void *data, size_t n)
{
	if (m->overflow || m->len + n > m->size) {
		m->overflow = true;
		return;
	}
	memcpy(m->buf + m->len, data, n);
	m->len += n;
}

/* seq_puts - append a string (or mark the buffer overflowed). */
void seq_puts(struct seq_buf *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

/* seq_putc - append one character (or mark the buffer overflowed). */
void seq_putc(struct seq_buf *m, char c)
{
	seq_write(m, &c, 1);
}

/*
 * seq_printf - append formatted text; if it does not all fit, nothing
 * is appended and the buffer is marked overflowed (seq_generate then
 * retries with a bigger one). Any context.
 */
void seq_printf(struct seq_buf *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->len, m->size - m->len, fmt, ap);
	va_end(ap);
	if (n < 0 || m->len + n >= m->size) {
		m->overflow = true;
		return;
	}
	m->len += n;
}

/* seq_generate - see seq_buf.h. */
int seq_generate(struct seq_buf *m, int (*show)(struct seq_buf *, void *),
		 void *arg)
{
	size_t size = PAGE_SIZE;

	for (;;) {
		int err;

		/* Exempt from fault injection: reading /proc/<pid>/fail-nth
		 * must not move the count it reports (Linux's does not
		 * allocate at all). */
		m->buf = kmalloc(size, GFP_NOFAIL_INJECT);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->len = 0;
		m->overflow = false;
		err = show(m, arg);
		if (err || !m->overflow) {
			if (err) {
				kfree(m->buf);
				m->buf = NULL;
			}
			return err;
		}
		kfree(m->buf);
		m->buf = NULL;
		if (size >= (1UL << 22))
			return -ENOMEM;
		size *= 2;
	}
}

/* seq_cpumask - see seq_buf.h. */
void seq_cpumask(struct seq_buf *m, const struct cpumask *mask)
{
	int digits = (nr_cpu_ids + 3) / 4, d;

	for (d = digits - 1; d >= 0; d--) {
		unsigned int nib = 0;

		for (int b = 0; b < 4; b++) {
			unsigned int cpu = d * 4 + b;

			if (cpu < nr_cpu_ids && cpumask_test_cpu(cpu, mask))
				nib |= 1U << b;
		}
		seq_putc(m, "0123456789abcdef"[nib]);
		if (d && d % 8 == 0)
			seq_putc(m, ',');
	}
}

/* seq_cpulist - see seq_buf.h. */
void seq_cpulist(struct seq_buf *m, const struct cpumask *mask)
{
	unsigned int cpu = 0, end;
	bool first = true;

	while ((cpu = cpumask_next_from(cpu, mask)) < nr_cpu_ids) {
		for (end = cpu; end + 1 < nr_cpu_ids &&
				cpumask_test_cpu(end + 1, mask);
		     end++)
			;
		seq_printf(m, first ? "%u" : ",%u", cpu);
		if (end > cpu)
			seq_printf(m, "-%u", end);
		first = false;
		cpu = end + 1;
	}
}
