/*
 * ptrace. FIXME (issue 3): PTRACE_TRACEME/ATTACH/SEIZE and the requests.
 * The hooks copy_process and exec call are here so the core already
 * has its final shape: a traced child inherits the tracer and starts
 * with SIGSTOP pending; events stop the tracee for its tracer.
 */
#include <tine/pid.h>
#include <tine/ptrace.h>
#include <tine/syscall.h>
#include <uapi/errno.h>

/* Called under tasklist_lock from copy_process (past the point of no
 * return). The seeds: "a traced child starts with SIGSTOP". */
void ptrace_init_task(struct task_struct *child, bool ptrace)
{
	INIT_LIST_HEAD(&child->ptrace_entry);
	INIT_LIST_HEAD(&child->ptraced);
	child->ptrace = 0;
	if (ptrace && current->ptrace) {
		child->ptrace = current->ptrace;
		child->parent = current->parent;
		list_add(&child->ptrace_entry, &current->parent->ptraced);
		sigaddset(&child->pending.signal, SIGSTOP);
	}
}

void ptrace_event_pid(int event, struct pid *pid) { (void)event; (void)pid; }
void ptrace_event(int event, unsigned long message) { (void)event; (void)message; }
void exit_ptrace(struct task_struct *tracer) { (void)tracer; }
