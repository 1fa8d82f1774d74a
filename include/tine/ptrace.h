/*
 * ptrace state carried by tasks. FIXME: the tracer side (issue 3);
 * until then nothing can attach, so no task is ever traced and every
 * event below is disabled.
 */
#ifndef TINE_PTRACE_H
#define TINE_PTRACE_H

#include <tine/sched.h>

#define PT_PTRACED 0x00000001
#define PT_SEIZED 0x00010000
#define PT_OPT_FLAG_SHIFT 3
#define PTRACE_EVENT_FORK 1
#define PTRACE_EVENT_VFORK 2
#define PTRACE_EVENT_CLONE 3
#define PTRACE_EVENT_EXEC 4
#define PTRACE_EVENT_VFORK_DONE 5
#define PTRACE_EVENT_EXIT 6
#define PT_EVENT_FLAG(ev) (1 << (PT_OPT_FLAG_SHIFT + (ev)))

struct pid;

static inline bool ptrace_event_enabled(struct task_struct *t, int event)
{
	return t->ptrace & PT_EVENT_FLAG(event);
}

void ptrace_init_task(struct task_struct *child, bool ptrace);
void ptrace_event_pid(int event, struct pid *pid);
void ptrace_event(int event, unsigned long message);
void exit_ptrace(struct task_struct *tracer);

#endif
