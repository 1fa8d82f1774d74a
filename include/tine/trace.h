/*
 * Trace points of the process lifecycle, recorded in the trace buffer
 * that tracefs shows (/sys/kernel/tracing; kernel/trace/). Each is
 * Linux's event of the same name, with Linux's fields and text:
 *
 *	task:task_newtask		copy_process(), the child made
 *	sched:sched_process_fork	kernel_clone(), before the wake-up
 *	sched:sched_wakeup_new		wake_up_new_task()
 *	task:task_rename		__set_task_comm() (exec, PR_SET_NAME)
 *	sched:sched_process_exec	exec_binprm(), the new image loaded
 *	sched:sched_process_exit	do_exit(), after the mm is gone
 *	sched:sched_process_wait	do_wait(), on entry
 *	sched:sched_process_free	release_task(), the task reaped
 *
 * A disabled event costs one load and a not-taken branch: the call
 * sites test trace_events_on, a word of one bit per event. The record
 * functions take the buffer's lock (a leaf: any lock may be held) with
 * interrupts off, never sleep and never allocate.
 */
#ifndef TINE_TRACE_H
#define TINE_TRACE_H

#include <tine/compiler.h>
#include <tine/types.h>

struct task_struct;

enum trace_event_type {
	TRACE_PRINT = 1,		/* ftrace:print (trace_marker) */
	TRACE_SCHED_PROCESS_FORK,
	TRACE_SCHED_PROCESS_EXEC,
	TRACE_SCHED_PROCESS_EXIT,
	TRACE_SCHED_PROCESS_WAIT,
	TRACE_SCHED_PROCESS_FREE,
	TRACE_SCHED_WAKEUP_NEW,
	TRACE_TASK_NEWTASK,
	TRACE_TASK_RENAME,
	NR_TRACE_EVENT_TYPES
};

/* Bit (1 << type) set: the event is enabled. Written under
 * trace_event_mutex, read without a lock. */
extern unsigned long trace_events_on;

static inline bool trace_event_enabled(enum trace_event_type type)
{
	return unlikely(READ_ONCE(trace_events_on) & (1UL << type));
}

/*
 * __trace_<event> - record one entry of the event with Linux's fields;
 * the trace points below call them only when the event is enabled. A
 * full or paused buffer drops the entry. Any context; never sleeps.
 */
void __trace_sched_process_fork(struct task_struct *parent,
				struct task_struct *child);
void __trace_sched_process_exec(struct task_struct *p, pid_t old_pid,
				const char *filename);
void __trace_sched_process_exit(struct task_struct *p);
void __trace_sched_process_wait(pid_t pid);
void __trace_sched_process_free(struct task_struct *p);
void __trace_sched_wakeup_new(struct task_struct *p);
void __trace_task_newtask(struct task_struct *p, u64 clone_flags);
void __trace_task_rename(struct task_struct *p, const char *comm);

#define TRACE_POINT(type, call)                                           \
	do {                                                              \
		if (trace_event_enabled(type))                            \
			call;                                             \
	} while (0)

#define trace_sched_process_fork(parent, child)                           \
	TRACE_POINT(TRACE_SCHED_PROCESS_FORK,                            \
		    __trace_sched_process_fork(parent, child))
#define trace_sched_process_exec(p, old_pid, filename)                    \
	TRACE_POINT(TRACE_SCHED_PROCESS_EXEC,                            \
		    __trace_sched_process_exec(p, old_pid, filename))
#define trace_sched_process_exit(p)                                       \
	TRACE_POINT(TRACE_SCHED_PROCESS_EXIT, __trace_sched_process_exit(p))
#define trace_sched_process_wait(pid)                                     \
	TRACE_POINT(TRACE_SCHED_PROCESS_WAIT, __trace_sched_process_wait(pid))
#define trace_sched_process_free(p)                                       \
	TRACE_POINT(TRACE_SCHED_PROCESS_FREE, __trace_sched_process_free(p))
#define trace_sched_wakeup_new(p)                                         \
	TRACE_POINT(TRACE_SCHED_WAKEUP_NEW, __trace_sched_wakeup_new(p))
#define trace_task_newtask(p, clone_flags)                                \
	TRACE_POINT(TRACE_TASK_NEWTASK, __trace_task_newtask(p, clone_flags))
#define trace_task_rename(p, comm)                                        \
	TRACE_POINT(TRACE_TASK_RENAME, __trace_task_rename(p, comm))

/* trace_init - the trace buffer and tracefs (boot, after sysfs_init). */
void trace_init(void);

#endif
