/* The one process-creation core: kernel_clone() and its arguments. */
#ifndef TINE_CLONE_H
#define TINE_CLONE_H

#include <tine/types.h>
#include <uapi/sched.h>

#define MAX_PID_NS_LEVEL 32

struct kernel_clone_args {
	u64 flags;			/* CLONE_* (without the exit signal) */
	int __user *pidfd;
	int __user *child_tid;
	int __user *parent_tid;
	int exit_signal;
	unsigned long stack;		/* new user stack pointer, or 0 */
	unsigned long stack_size;
	unsigned long tls;
	pid_t *set_tid;			/* kernel copy of clone3 set_tid */
	size_t set_tid_size;
	int cgroup;			/* CLONE_INTO_CGROUP: a cgroup2 dir fd */
	struct cgroup *cgrp;		/* ... its cgroup, from cgroup_can_fork()
					 * to cgroup_fork_done() (cgroup_mutex
					 * held between) */
	/* kernel threads */
	int (*fn)(void *);
	void *fn_arg;
	bool kthread;
	bool io_thread;
};

pid_t kernel_clone(struct kernel_clone_args *args);

#endif
