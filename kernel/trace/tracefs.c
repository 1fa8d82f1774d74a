/*
 * tracefs: Linux's tracing interface for the events tine has (see
 * include/tine/trace.h), mounted with `mount -t tracefs nodev
 * /sys/kernel/tracing`. Every mount shows the one instance (kernfs).
 *
 *	trace			the events, with Linux's header; reading it
 *				pauses recording; O_TRUNC empties the buffer
 *	trace_pipe		the events, consumed as they are read; blocks
 *	trace_marker		a write becomes an event in the trace
 *	free_buffer		closing it frees the buffer
 *	tracing_on		0 stops recording, 1 resumes
 *	buffer_size_kb		per CPU (buffer_total_size_kb: all CPUs)
 *	trace_clock		local global counter uptime mono boot
 *	saved_cmdlines		the pid -> comm table the output uses
 *	current_tracer		nop, the only tracer (available_tracers)
 *	set_event, available_events, events/	see events.c
 *
 * Files are root's (0640, directories 0750), as on Linux.
 */
#include <tine/err.h>
#include <tine/kernfs.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/sysfs.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include "trace.h"

#define TRACE_MARKER_MAX 1024		/* Linux's TRACE_BUF_SIZE */

static struct kernfs_root tracefs_root = { .magic = TRACEFS_MAGIC };

/* --- trace and trace_pipe --- */

/* An open trace or trace_pipe: the text not yet read, and where it is. */
struct trace_reader {
	struct mutex lock;		/* one read at a time on this file */
	bool pipe;			/* trace_pipe: events are consumed */
	bool header_done;		/* trace: the header is out */
	struct trace_iter it;		/* trace: the next event */
	char *text;			/* a page: the text of one event */
	size_t len, off;		/* its length, what was read of it */
	struct trace_event_rec rec;
};

/* Make the next text: 1, 0 at the end (nothing to consume for a pipe). */
static int reader_fill(struct trace_reader *r)
{
	struct seq_buf m = { .buf = r->text, .size = PAGE_SIZE };

	if (!r->pipe && !r->header_done) {
		trace_print_header(&m);
		r->header_done = true;
	} else if (r->pipe ? trace_consume(&r->rec)
			   : trace_iter_next(&r->it, &r->rec)) {
		trace_print_event(&m, &r->rec);
	} else {
		return 0;
	}
	r->len = m.overflow ? PAGE_SIZE : m.len;
	r->off = 0;
	return 1;
}

/*
 * Read: whole lines as they fit, a line cut only by a short buffer. A
 * pipe with nothing waits for an event, then returns what it has.
 */
static ssize_t reader_read(struct file *f, char __user *buf, size_t n,
			   off_t *pos)
{
	struct trace_reader *r = f->private_data;
	size_t done = 0;
	ssize_t err = 0;

	mutex_lock(&r->lock);
	while (done < n) {
		size_t chunk;

		if (r->off == r->len && !reader_fill(r)) {
			if (!r->pipe || done)
				break;
			err = (f->f_flags & O_NONBLOCK) ? -EAGAIN
							 : trace_wait_pipe();
			if (err)
				break;
			continue;
		}
		chunk = MIN(n - done, r->len - r->off);
		if (copy_to_user(buf + done, r->text + r->off, chunk)) {
			err = -EFAULT;
			break;
		}
		done += chunk;
		r->off += chunk;
	}
	mutex_unlock(&r->lock);
	if (done) {
		*pos += done;
		return done;
	}
	return err;
}

static int reader_open(struct file *f, bool pipe)
{
	struct trace_reader *r = kzalloc(sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->text = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!r->text) {
		kfree(r);
		return -ENOMEM;
	}
	mutex_init(&r->lock);
	r->pipe = pipe;
	if (!pipe) {
		trace_pause();
		trace_iter_start(&r->it);
	}
	f->private_data = r;
	return 0;
}

static int reader_release(struct inode *i, struct file *f)
{
	struct trace_reader *r = f->private_data;

	if (!r)
		return 0;
	if (!r->pipe)
		trace_unpause();
	kfree(r->text);
	kfree(r);
	return 0;
}

/* trace: O_TRUNC for writing empties the buffer; reading pauses it. */
static int trace_open(struct inode *i, struct file *f)
{
	if ((f->f_mode & FMODE_WRITE) && (f->f_flags & O_TRUNC))
		trace_buffer_reset();
	if (!(f->f_mode & FMODE_READ))
		return 0;
	return reader_open(f, false);
}

/* Writing to trace does nothing (the O_TRUNC did it), as on Linux. */
static ssize_t trace_write(struct file *f, const char __user *buf, size_t n,
			   off_t *pos)
{
	return n;
}

static ssize_t trace_read(struct file *f, char __user *buf, size_t n,
			  off_t *pos)
{
	if (!f->private_data)
		return -EBADF;
	return reader_read(f, buf, n, pos);
}

static const struct file_operations trace_fops = {
	.open = trace_open,
	.read = trace_read,
	.write = trace_write,
	.llseek = no_llseek,
	.release = reader_release,
};

static int trace_pipe_open(struct inode *i, struct file *f)
{
	return reader_open(f, true);
}

static const struct file_operations trace_pipe_fops = {
	.open = trace_pipe_open,
	.read = reader_read,
	.llseek = no_llseek,
	.release = reader_release,
};

/* --- trace_marker --- */

static ssize_t marker_write(struct file *f, const char __user *buf, size_t n,
			    off_t *pos)
{
	size_t len = MIN(n, (size_t)TRACE_MARKER_MAX);
	char *kbuf = kmalloc(len + 1, GFP_KERNEL);
	int err;

	if (!kbuf)
		return -ENOMEM;
	if (copy_from_user(kbuf, buf, len)) {
		kfree(kbuf);
		return -EFAULT;
	}
	err = trace_marker_write(kbuf, len);
	kfree(kbuf);
	return err ? err : (ssize_t)len;
}

static const struct file_operations marker_fops = {
	.write = marker_write,
	.llseek = no_llseek,
};

/* --- free_buffer: closing it gives the buffer's memory back --- */

static ssize_t free_buffer_write(struct file *f, const char __user *buf,
				 size_t n, off_t *pos)
{
	return n;
}

static int free_buffer_release(struct inode *i, struct file *f)
{
	trace_buffer_free();
	return 0;
}

static const struct file_operations free_buffer_fops = {
	.write = free_buffer_write,
	.release = free_buffer_release,
	.llseek = no_llseek,
};

/* --- small files --- */

static int parse_ulong(const char *buf, unsigned long *v)
{
	const char *end;

	*v = simple_strtoul(buf, &end, 10);
	if (end == buf || (*end && *end != '\n'))
		return -EINVAL;
	return 0;
}

static int tracing_on_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_printf(m, "%d\n", READ_ONCE(tracing_on));
	return 0;
}

static ssize_t tracing_on_store(struct file *f, struct kernfs_node *kn,
				const char *buf, size_t n)
{
	unsigned long v;

	if (parse_ulong(buf, &v))
		return -EINVAL;
	WRITE_ONCE(tracing_on, v != 0);
	return n;
}

/* Before the buffer is made, Linux's style: "0 (expanded: 1408)". */
static void show_kb(struct seq_buf *m, unsigned long per_cpu,
		    unsigned int ncpu)
{
	unsigned long kb = trace_buffer_kb();

	if (kb)
		seq_printf(m, "%lu\n", kb * ncpu);
	else
		seq_printf(m, "0 (expanded: %lu)\n", per_cpu * ncpu);
}

static int buffer_size_show(struct seq_buf *m, struct kernfs_node *kn)
{
	show_kb(m, 1408, 1);
	return 0;
}

static int buffer_total_show(struct seq_buf *m, struct kernfs_node *kn)
{
	show_kb(m, 1408, cpumask_weight(cpu_online_mask));
	return 0;
}

static ssize_t buffer_size_store(struct file *f, struct kernfs_node *kn,
				 const char *buf, size_t n)
{
	unsigned long kb;
	int err;

	if (parse_ulong(buf, &kb))
		return -EINVAL;
	err = trace_buffer_resize(kb);
	return err ? err : (ssize_t)n;
}

static int nop_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_puts(m, "nop\n");
	return 0;
}

static ssize_t current_tracer_store(struct file *f, struct kernfs_node *kn,
				    const char *buf, size_t n)
{
	return strcmp(buf, "nop") && strcmp(buf, "nop\n") ? -EINVAL
							   : (ssize_t)n;
}

static const struct kernfs_ops trace_ops = { .fops = &trace_fops };
static const struct kernfs_ops trace_pipe_ops = { .fops = &trace_pipe_fops };
static const struct kernfs_ops marker_ops = { .fops = &marker_fops };
static const struct kernfs_ops free_buffer_ops = { .fops = &free_buffer_fops };
static const struct kernfs_ops tracing_on_ops = {
	.show = tracing_on_show, .store = tracing_on_store,
};
static const struct kernfs_ops buffer_size_ops = {
	.show = buffer_size_show, .store = buffer_size_store,
};
static const struct kernfs_ops buffer_total_ops = {
	.show = buffer_total_show,
};
static const struct kernfs_ops trace_clock_ops = {
	.show = trace_clock_show, .store = trace_clock_store,
};
static const struct kernfs_ops cmdlines_ops = { .show = trace_show_cmdlines };
static const struct kernfs_ops current_tracer_ops = {
	.show = nop_show, .store = current_tracer_store,
};
static const struct kernfs_ops available_tracers_ops = { .show = nop_show };

static struct super_block *tracefs_mount(struct file_system_type *t,
					 int flags, const char *dev,
					 void *data)
{
	return kernfs_get_sb(&tracefs_root, t);
}

static struct file_system_type tracefs_fs_type = {
	.name = "tracefs",
	.nodev = true,
	.mount = tracefs_mount,
	.kill_sb = kill_anon_super,
};

static const struct {
	const char *name;
	mode_t mode;
	const struct kernfs_ops *ops;
} tracefs_files[] = {
	{ "trace", 0640, &trace_ops },
	{ "trace_pipe", 0440, &trace_pipe_ops },
	{ "trace_marker", 0220, &marker_ops },
	{ "free_buffer", 0200, &free_buffer_ops },
	{ "tracing_on", 0640, &tracing_on_ops },
	{ "buffer_size_kb", 0640, &buffer_size_ops },
	{ "buffer_total_size_kb", 0440, &buffer_total_ops },
	{ "trace_clock", 0640, &trace_clock_ops },
	{ "saved_cmdlines", 0440, &cmdlines_ops },
	{ "current_tracer", 0640, &current_tracer_ops },
	{ "available_tracers", 0440, &available_tracers_ops },
};

/* trace_init - see include/tine/trace.h. */
void trace_init(void)
{
	kernfs_init_root(&tracefs_root, &tracefs_fs_type, 0750);
	for (unsigned int i = 0; i < ARRAY_SIZE(tracefs_files); i++)
		if (!kernfs_create_file(tracefs_root.kn, tracefs_files[i].name,
					tracefs_files[i].mode,
					tracefs_files[i].ops, NULL))
			panic("tracefs: no memory");
	trace_events_init(tracefs_root.kn);
}
