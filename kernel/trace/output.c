/*
 * The text of the trace: the header of `trace` and one line per event,
 * as Linux prints them with its default options, so that the same
 * scripts read both kernels' traces.
 */
#include <tine/cpumask.h>
#include <tine/seq_buf.h>
#include "trace.h"

/* trace_print_header - the comment block at the top of `trace`. */
void trace_print_header(struct seq_buf *m)
{
	unsigned long entries, written;

	trace_buffer_counts(&entries, &written);
	seq_printf(m, "# tracer: nop\n#\n# entries-in-buffer/entries-written: "
		      "%lu/%lu   #P:%u\n#\n", entries, written,
		   cpumask_weight(cpu_online_mask));
	seq_puts(m,
		 "#                                _-----=> irqs-off/BH-disabled\n"
		 "#                               / _----=> need-resched\n"
		 "#                              | / _---=> hardirq/softirq\n"
		 "#                              || / _--=> preempt-depth\n"
		 "#                              ||| / _-=> migrate-disable\n"
		 "#                              |||| /     delay\n"
		 "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		 "#              | |         |   |||||     |         |\n");
}

/*
 * trace_print_event - "comm-pid [cpu] flags seconds.micros: event: text".
 * The flags: irqs off, need-resched, hard interrupt, then preempt depth
 * and migrate-disable, which tine does not count ('.').
 */
void trace_print_event(struct seq_buf *m, const struct trace_event_rec *rec)
{
	const struct trace_event_call *call = trace_event_of(rec->ent.type);
	u8 fl = rec->ent.flags;
	char comm[TRACE_COMM_LEN];

	if (!call)
		return;
	trace_find_cmdline(rec->ent.pid, comm);
	seq_printf(m, "%16s-%-7d [%03u] %c%c%c.. ", comm, rec->ent.pid,
		   rec->cpu, fl & TRACE_FLAG_IRQS_OFF ? 'd' : '.',
		   fl & TRACE_FLAG_NEED_RESCHED ? 'N' : '.',
		   fl & TRACE_FLAG_HARDIRQ ? 'h' : '.');
	if (trace_clock_in_ns())
		seq_printf(m, "%5lu.%06lu: ",
			   (unsigned long)(rec->ts / 1000000000),
			   (unsigned long)(rec->ts % 1000000000 / 1000));
	else
		seq_printf(m, "%12lu: ", (unsigned long)rec->ts);
	seq_printf(m, "%s: ", rec->ent.type == TRACE_PRINT ?
				      "tracing_mark_write" : call->name);
	call->print(m, &rec->ent, rec->len);
	seq_putc(m, '\n');
}
