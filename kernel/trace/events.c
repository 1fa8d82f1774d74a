/*
 * The trace events of the process lifecycle (include/tine/trace.h):
 * their entries (Linux's layout, field by field, so the format files
 * tell the truth), the record functions the trace points call, their
 * text, and the tracefs files that switch them on and off: set_event,
 * available_events, events/enable, events/<system>/enable and
 * events/<system>/<event>/{enable,format,id}.
 *
 * Lock: trace_event_mutex serialises changes of trace_events_on (and
 * the buffer's first allocation); the trace points read it without one.
 */
#include <tine/kernfs.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include "trace.h"

unsigned long trace_events_on;		/* [trace_event_mutex] writers */
static DEFINE_MUTEX(trace_event_mutex);

/* --- the entries --- */

struct fork_entry {
	struct trace_entry ent;
	char parent_comm[TRACE_COMM_LEN];
	s32 parent_pid;
	char child_comm[TRACE_COMM_LEN];
	s32 child_pid;
};

struct exec_entry {
	struct trace_entry ent;
	u32 filename;			/* __data_loc: length << 16 | offset */
	s32 pid;
	s32 old_pid;
	char data[];			/* the filename, at offset 20 */
};

/* sched_process_exit, _wait and _free. */
struct task_prio_entry {
	struct trace_entry ent;
	char comm[TRACE_COMM_LEN];
	s32 pid;
	s32 prio;
};

struct wakeup_entry {
	struct trace_entry ent;
	char comm[TRACE_COMM_LEN];
	s32 pid;
	s32 prio;
	s32 target_cpu;
};

struct newtask_entry {
	struct trace_entry ent;
	s32 pid;
	char comm[TRACE_COMM_LEN];
	u64 clone_flags;
	s16 oom_score_adj;
};

struct rename_entry {
	struct trace_entry ent;
	s32 pid;
	char oldcomm[TRACE_COMM_LEN];
	char newcomm[TRACE_COMM_LEN];
	s16 oom_score_adj;
};

struct print_entry {
	struct trace_entry ent;
	u64 ip;
	char buf[];			/* NUL-terminated */
};

/* Linux's offsets, which the format files below state. */
BUILD_BUG_ON(offsetof(struct fork_entry, child_pid) != 44);
BUILD_BUG_ON(offsetof(struct exec_entry, data) != 20);
BUILD_BUG_ON(offsetof(struct wakeup_entry, target_cpu) != 32);
BUILD_BUG_ON(offsetof(struct newtask_entry, clone_flags) != 32);
BUILD_BUG_ON(offsetof(struct newtask_entry, oom_score_adj) != 40);
BUILD_BUG_ON(offsetof(struct rename_entry, oom_score_adj) != 44);
BUILD_BUG_ON(offsetof(struct print_entry, buf) != 16);

/* --- recording (called from the trace points) --- */

static void copy_comm(char *dst, const char *comm)
{
	memcpy(dst, comm, TRACE_COMM_LEN);
	dst[TRACE_COMM_LEN - 1] = 0;
}

/* __trace_sched_process_fork - see tine/trace.h. */
void __trace_sched_process_fork(struct task_struct *parent,
				struct task_struct *child)
{
	unsigned long flags;
	struct fork_entry *e = trace_reserve(TRACE_SCHED_PROCESS_FORK,
					     sizeof(*e), &flags);

	if (!e)
		return;
	copy_comm(e->parent_comm, parent->comm);
	e->parent_pid = parent->pid;
	copy_comm(e->child_comm, child->comm);
	e->child_pid = child->pid;
	trace_commit(flags);
}

/* __trace_sched_process_exec - see tine/trace.h (the name cut at 2 kB). */
void __trace_sched_process_exec(struct task_struct *p, pid_t old_pid,
				const char *filename)
{
	size_t len = MIN(strlen(filename) + 1, (size_t)2048);
	unsigned long flags;
	struct exec_entry *e = trace_reserve(TRACE_SCHED_PROCESS_EXEC,
					     sizeof(*e) + len, &flags);

	if (!e)
		return;
	e->filename = (u32)(len << 16) | offsetof(struct exec_entry, data);
	e->pid = p->pid;
	e->old_pid = old_pid;
	memcpy(e->data, filename, len - 1);
	e->data[len - 1] = 0;
	trace_commit(flags);
}

static void trace_task_prio(enum trace_event_type type, struct task_struct *p,
			    pid_t pid)
{
	unsigned long flags;
	struct task_prio_entry *e = trace_reserve(type, sizeof(*e), &flags);

	if (!e)
		return;
	copy_comm(e->comm, p->comm);
	e->pid = pid;
	e->prio = READ_ONCE(p->prio);
	trace_commit(flags);
}

/* __trace_sched_process_exit - see tine/trace.h. */
void __trace_sched_process_exit(struct task_struct *p)
{
	trace_task_prio(TRACE_SCHED_PROCESS_EXIT, p, p->pid);
}

/* The waiter is current; pid the (global) id it waits for, 0: any. */
void __trace_sched_process_wait(pid_t pid)
{
	trace_task_prio(TRACE_SCHED_PROCESS_WAIT, current, pid);
}

/* __trace_sched_process_free - see tine/trace.h. */
void __trace_sched_process_free(struct task_struct *p)
{
	trace_task_prio(TRACE_SCHED_PROCESS_FREE, p, p->pid);
}

/* __trace_sched_wakeup_new - see tine/trace.h. */
void __trace_sched_wakeup_new(struct task_struct *p)
{
	unsigned long flags;
	struct wakeup_entry *e = trace_reserve(TRACE_SCHED_WAKEUP_NEW,
					       sizeof(*e), &flags);

	if (!e)
		return;
	copy_comm(e->comm, p->comm);
	e->pid = p->pid;
	e->prio = READ_ONCE(p->prio);
	e->target_cpu = task_cpu(p);
	trace_commit(flags);
}

/* FIXME: oom_score_adj reads 0, Linux's default, until tine has one. */
void __trace_task_newtask(struct task_struct *p, u64 clone_flags)
{
	unsigned long flags;
	struct newtask_entry *e = trace_reserve(TRACE_TASK_NEWTASK,
						sizeof(*e), &flags);

	if (!e)
		return;
	e->pid = p->pid;
	copy_comm(e->comm, p->comm);
	e->clone_flags = clone_flags;
	trace_commit(flags);
}

/* __trace_task_rename - see tine/trace.h. */
void __trace_task_rename(struct task_struct *p, const char *comm)
{
	unsigned long flags;
	struct rename_entry *e = trace_reserve(TRACE_TASK_RENAME, sizeof(*e),
					       &flags);

	if (!e)
		return;
	e->pid = p->pid;
	copy_comm(e->oldcomm, p->comm);
	strlcpy(e->newcomm, comm, TRACE_COMM_LEN);
	trace_commit(flags);
}

/*
 * trace_marker_write - text written to trace_marker, recorded as Linux's
 * ftrace:print event (a newline added if missing). 0 or -err.
 */
int trace_marker_write(const char *text, size_t n)
{
	bool nl = n && text[n - 1] == '\n';
	unsigned long flags;
	struct print_entry *e;
	int err = trace_buffer_ensure();

	if (err)
		return err;
	e = trace_reserve(TRACE_PRINT, sizeof(*e) + n + !nl + 1, &flags);
	if (!e)
		return 0;
	memcpy(e->buf, text, n);
	if (!nl)
		e->buf[n++] = '\n';
	e->buf[n] = 0;
	trace_commit(flags);
	return 0;
}

/* --- text --- */

static void print_fork(struct seq_buf *m, const struct trace_entry *ent,
		       unsigned int len)
{
	const struct fork_entry *e = (const void *)ent;

	seq_printf(m, "comm=%s pid=%d child_comm=%s child_pid=%d",
		   e->parent_comm, e->parent_pid, e->child_comm, e->child_pid);
}

static void print_exec(struct seq_buf *m, const struct trace_entry *ent,
		       unsigned int len)
{
	const struct exec_entry *e = (const void *)ent;
	unsigned int off = e->filename & 0xffff, n = e->filename >> 16;
	const char *name = off + n <= len && n ? (const char *)ent + off : "";

	seq_printf(m, "filename=%s pid=%d old_pid=%d", name, e->pid,
		   e->old_pid);
}

static void print_task_prio(struct seq_buf *m, const struct trace_entry *ent,
			    unsigned int len)
{
	const struct task_prio_entry *e = (const void *)ent;

	seq_printf(m, "comm=%s pid=%d prio=%d", e->comm, e->pid, e->prio);
}

static void print_wakeup(struct seq_buf *m, const struct trace_entry *ent,
			 unsigned int len)
{
	const struct wakeup_entry *e = (const void *)ent;

	seq_printf(m, "comm=%s pid=%d prio=%d target_cpu=%03d", e->comm,
		   e->pid, e->prio, e->target_cpu);
}

static void print_newtask(struct seq_buf *m, const struct trace_entry *ent,
			  unsigned int len)
{
	const struct newtask_entry *e = (const void *)ent;

	seq_printf(m, "pid=%d comm=%s clone_flags=%lx oom_score_adj=%hd",
		   e->pid, e->comm, (unsigned long)e->clone_flags,
		   e->oom_score_adj);
}

static void print_rename(struct seq_buf *m, const struct trace_entry *ent,
			 unsigned int len)
{
	const struct rename_entry *e = (const void *)ent;

	seq_printf(m, "pid=%d oldcomm=%s newcomm=%s oom_score_adj=%hd",
		   e->pid, e->oldcomm, e->newcomm, e->oom_score_adj);
}

static void print_print(struct seq_buf *m, const struct trace_entry *ent,
			unsigned int len)
{
	const struct print_entry *e = (const void *)ent;
	size_t n = strnlen(e->buf, len - sizeof(*e));

	/* The text keeps its newline; output.c adds none after it. */
	seq_write(m, e->buf, n && e->buf[n - 1] == '\n' ? n - 1 : n);
}

/* --- the table --- */

#define COMM_FIELD(name, off) { "char " name "[16]", off, 16, true }
#define INT_FIELD(decl, off) { decl, off, 4, true }

static const struct trace_field fork_fields[] = {
	COMM_FIELD("parent_comm", 8), INT_FIELD("pid_t parent_pid", 24),
	COMM_FIELD("child_comm", 28), INT_FIELD("pid_t child_pid", 44),
	{ NULL, 0, 0, false },
};

static const struct trace_field exec_fields[] = {
	{ "__data_loc char[] filename", 8, 4, true },
	INT_FIELD("pid_t pid", 12), INT_FIELD("pid_t old_pid", 16),
	{ NULL, 0, 0, false },
};

static const struct trace_field task_prio_fields[] = {
	COMM_FIELD("comm", 8), INT_FIELD("pid_t pid", 24),
	INT_FIELD("int prio", 28), { NULL, 0, 0, false },
};

static const struct trace_field wakeup_fields[] = {
	COMM_FIELD("comm", 8), INT_FIELD("pid_t pid", 24),
	INT_FIELD("int prio", 28), INT_FIELD("int target_cpu", 32),
	{ NULL, 0, 0, false },
};

static const struct trace_field newtask_fields[] = {
	INT_FIELD("pid_t pid", 8), COMM_FIELD("comm", 12),
	{ "unsigned long clone_flags", 32, 8, false },
	{ "short oom_score_adj", 40, 2, true }, { NULL, 0, 0, false },
};

static const struct trace_field rename_fields[] = {
	INT_FIELD("pid_t pid", 8), COMM_FIELD("oldcomm", 12),
	COMM_FIELD("newcomm", 28), { "short oom_score_adj", 44, 2, true },
	{ NULL, 0, 0, false },
};

static const struct trace_field print_fields[] = {
	{ "unsigned long ip", 8, 8, false }, { "char buf[]", 16, 0, true },
	{ NULL, 0, 0, false },
};

#define PRIO_FMT "\"comm=%s pid=%d prio=%d\", REC->comm, REC->pid, REC->prio"

static const struct trace_event_call events[] = {
	{ "task", "task_newtask", TRACE_TASK_NEWTASK, newtask_fields,
	  "\"pid=%d comm=%s clone_flags=%lx oom_score_adj=%hd\", REC->pid, "
	  "REC->comm, REC->clone_flags, REC->oom_score_adj", print_newtask },
	{ "task", "task_rename", TRACE_TASK_RENAME, rename_fields,
	  "\"pid=%d oldcomm=%s newcomm=%s oom_score_adj=%hd\", REC->pid, "
	  "REC->oldcomm, REC->newcomm, REC->oom_score_adj", print_rename },
	{ "sched", "sched_process_fork", TRACE_SCHED_PROCESS_FORK, fork_fields,
	  "\"comm=%s pid=%d child_comm=%s child_pid=%d\", REC->parent_comm, "
	  "REC->parent_pid, REC->child_comm, REC->child_pid", print_fork },
	{ "sched", "sched_process_exec", TRACE_SCHED_PROCESS_EXEC, exec_fields,
	  "\"filename=%s pid=%d old_pid=%d\", __get_str(filename), "
	  "REC->pid, REC->old_pid", print_exec },
	{ "sched", "sched_process_exit", TRACE_SCHED_PROCESS_EXIT,
	  task_prio_fields, PRIO_FMT, print_task_prio },
	{ "sched", "sched_process_wait", TRACE_SCHED_PROCESS_WAIT,
	  task_prio_fields, PRIO_FMT, print_task_prio },
	{ "sched", "sched_process_free", TRACE_SCHED_PROCESS_FREE,
	  task_prio_fields, PRIO_FMT, print_task_prio },
	{ "sched", "sched_wakeup_new", TRACE_SCHED_WAKEUP_NEW, wakeup_fields,
	  "\"comm=%s pid=%d prio=%d target_cpu=%03d\", REC->comm, REC->pid, "
	  "REC->prio, REC->target_cpu", print_wakeup },
	{ "ftrace", "print", TRACE_PRINT, print_fields,
	  "\"%ps: %s\", (void *)REC->ip, REC->buf", print_print },
};

/* trace_event_of - see trace.h. */
const struct trace_event_call *trace_event_of(unsigned int type)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(events); i++)
		if (events[i].type == type)
			return &events[i];
	return NULL;
}

/* ftrace events are the tracer's own: always on, not switchable. */
static bool switchable(const struct trace_event_call *call)
{
	return strcmp(call->system, "ftrace") != 0;
}

static bool is_on(const struct trace_event_call *call)
{
	return READ_ONCE(trace_events_on) & (1UL << call->type);
}

/* Switch one event. trace_event_mutex held. */
static int event_enable(const struct trace_event_call *call, bool on)
{
	int err;

	mutex_assert_held(&trace_event_mutex);
	if (on) {
		err = trace_buffer_ensure();
		if (err)
			return err;
		WRITE_ONCE(trace_events_on, trace_events_on | (1UL << call->type));
	} else {
		WRITE_ONCE(trace_events_on,
			   trace_events_on & ~(1UL << call->type));
	}
	return 0;
}

/*
 * Switch every event of system (NULL: all) whose name or system matches
 * the glob patterns. Returns the number switched, or -err.
 */
static int enable_matching(const char *sys, const char *name, bool on)
{
	int n = 0, err;

	for (unsigned int i = 0; i < ARRAY_SIZE(events); i++) {
		const struct trace_event_call *c = &events[i];

		if (!switchable(c) || (sys && !glob_match(sys, c->system)) ||
		    (name && !glob_match(name, c->name)))
			continue;
		err = event_enable(c, on);
		if (err)
			return err;
		n++;
	}
	return n;
}

/*
 * One word written to set_event: "[!]system:event" (either part may be
 * empty or a glob), or "[!]word" naming an event or a system.
 */
static int set_event_word(char *word)
{
	bool on = *word != '!';
	char *colon;
	int n;

	if (!on)
		word++;
	colon = strchr(word, ':');
	if (colon) {
		*colon = 0;
		n = enable_matching(*word ? word : "*",
				    colon[1] ? colon + 1 : "*", on);
	} else {
		n = enable_matching(word, NULL, on);
		if (n == 0)
			n = enable_matching(NULL, word, on);
	}
	return n < 0 ? n : n == 0 ? -EINVAL : 0;
}

/* --- tracefs files --- */

static int set_event_show(struct seq_buf *m, struct kernfs_node *kn)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(events); i++)
		if (switchable(&events[i]) && is_on(&events[i]))
			seq_printf(m, "%s:%s\n", events[i].system,
				   events[i].name);
	return 0;
}

/* Opening set_event for writing with O_TRUNC switches every event off. */
static int set_event_open(struct file *f, struct kernfs_node *kn)
{
	if ((f->f_mode & FMODE_WRITE) && (f->f_flags & O_TRUNC)) {
		mutex_lock(&trace_event_mutex);
		enable_matching(NULL, NULL, false);
		mutex_unlock(&trace_event_mutex);
	}
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * One word per write, as Linux's parser takes them: the count returned
 * covers the word and the blank after it, so a writer that writes the
 * rest (echo does) gets each word of "a b" done in turn.
 */
static ssize_t set_event_store(struct file *f, struct kernfs_node *kn,
			       const char *buf, size_t n)
{
	size_t start = 0, end;
	char *word;
	int err;

	while (start < n && is_space(buf[start]))
		start++;
	if (start == n)
		return n;
	for (end = start; end < n && !is_space(buf[end]); end++)
		;
	word = kmalloc(end - start + 1, GFP_KERNEL);
	if (!word)
		return -ENOMEM;
	memcpy(word, buf + start, end - start);
	word[end - start] = 0;
	mutex_lock(&trace_event_mutex);
	err = set_event_word(word);
	mutex_unlock(&trace_event_mutex);
	kfree(word);
	return err ? err : (ssize_t)MIN(end + 1, n);
}

static int available_events_show(struct seq_buf *m, struct kernfs_node *kn)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(events); i++)
		if (switchable(&events[i]))
			seq_printf(m, "%s:%s\n", events[i].system,
				   events[i].name);
	return 0;
}

/* "0", "1" or "X" (some on): an enable file of a system (NULL: all). */
static int group_enable_show(struct seq_buf *m, struct kernfs_node *kn)
{
	const char *sys = kn->priv;
	bool any_on = false, any_off = false;

	for (unsigned int i = 0; i < ARRAY_SIZE(events); i++) {
		if (!switchable(&events[i]) ||
		    (sys && strcmp(sys, events[i].system)))
			continue;
		if (is_on(&events[i]))
			any_on = true;
		else
			any_off = true;
	}
	seq_puts(m, any_on && any_off ? "X\n" : any_on ? "1\n" : "0\n");
	return 0;
}

/* "0" or "1", a newline allowed after it; else -EINVAL. */
static int parse_bool(const char *buf, size_t n)
{
	if (n && buf[n - 1] == '\n')
		n--;
	if (n != 1 || (buf[0] != '0' && buf[0] != '1'))
		return -EINVAL;
	return buf[0] == '1';
}

static ssize_t group_enable_store(struct file *f, struct kernfs_node *kn,
				  const char *buf, size_t n)
{
	int on = parse_bool(buf, n), err;

	if (on < 0)
		return on;
	mutex_lock(&trace_event_mutex);
	err = enable_matching(kn->priv ? kn->priv : "*", "*", on);
	mutex_unlock(&trace_event_mutex);
	return err < 0 ? err : (ssize_t)n;
}

static int event_enable_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_puts(m, is_on(kn->priv) ? "1\n" : "0\n");
	return 0;
}

static ssize_t event_enable_store(struct file *f, struct kernfs_node *kn,
				  const char *buf, size_t n)
{
	int on = parse_bool(buf, n), err;

	if (on < 0)
		return on;
	mutex_lock(&trace_event_mutex);
	err = event_enable(kn->priv, on);
	mutex_unlock(&trace_event_mutex);
	return err ? err : (ssize_t)n;
}

static int event_id_show(struct seq_buf *m, struct kernfs_node *kn)
{
	const struct trace_event_call *call = kn->priv;

	seq_printf(m, "%d\n", call->type);
	return 0;
}

static void format_field(struct seq_buf *m, const char *decl,
			 unsigned int off, unsigned int size, bool is_signed)
{
	seq_printf(m, "\tfield:%s;\toffset:%u;\tsize:%u;\tsigned:%d;\n", decl,
		   off, size, is_signed);
}

static int event_format_show(struct seq_buf *m, struct kernfs_node *kn)
{
	const struct trace_event_call *call = kn->priv;

	seq_printf(m, "name: %s\nID: %d\nformat:\n", call->name, call->type);
	format_field(m, "unsigned short common_type", 0, 2, false);
	format_field(m, "unsigned char common_flags", 2, 1, false);
	format_field(m, "unsigned char common_preempt_count", 3, 1, false);
	format_field(m, "int common_pid", 4, 4, true);
	seq_putc(m, '\n');
	for (const struct trace_field *f = call->fields; f->decl; f++)
		format_field(m, f->decl, f->offset, f->size, f->is_signed);
	seq_printf(m, "\nprint fmt: %s\n", call->print_fmt);
	return 0;
}

static const struct kernfs_ops set_event_ops = {
	.show = set_event_show, .store = set_event_store,
	.open = set_event_open,
};
static const struct kernfs_ops available_events_ops = {
	.show = available_events_show,
};
static const struct kernfs_ops group_enable_ops = {
	.show = group_enable_show, .store = group_enable_store,
};
static const struct kernfs_ops event_enable_ops = {
	.show = event_enable_show, .store = event_enable_store,
};
static const struct kernfs_ops event_id_ops = { .show = event_id_show };
static const struct kernfs_ops event_format_ops = {
	.show = event_format_show,
};

/* events/<system>, made on first use. */
static struct kernfs_node *system_dir(struct kernfs_node *events_dir,
				      const char *sys)
{
	struct kernfs_node *dir = kernfs_create_dir(events_dir, sys, 0750);

	if (dir && strcmp(sys, "ftrace"))
		kernfs_create_file(dir, "enable", 0640, &group_enable_ops,
				   (void *)sys);
	return dir;
}

/* trace_events_init - the event files of tracefs (boot). */
void trace_events_init(struct kernfs_node *root)
{
	struct kernfs_node *dir = kernfs_create_dir(root, "events", 0750);
	struct kernfs_node *sys = NULL, *ev;
	const char *cur = "";

	kernfs_create_file(root, "set_event", 0640, &set_event_ops, NULL);
	kernfs_create_file(root, "available_events", 0440,
			   &available_events_ops, NULL);
	if (!dir)
		panic("tracefs: no memory");
	kernfs_create_file(dir, "enable", 0640, &group_enable_ops, NULL);
	for (unsigned int i = 0; i < ARRAY_SIZE(events); i++) {
		void *call = (void *)&events[i];

		if (strcmp(cur, events[i].system)) {
			cur = events[i].system;
			sys = system_dir(dir, cur);
		}
		ev = sys ? kernfs_create_dir(sys, events[i].name, 0750) : NULL;
		if (!ev)
			panic("tracefs: no memory");
		if (switchable(&events[i]))
			kernfs_create_file(ev, "enable", 0640,
					   &event_enable_ops, call);
		kernfs_create_file(ev, "format", 0440, &event_format_ops, call);
		kernfs_create_file(ev, "id", 0440, &event_id_ops, call);
	}
}
