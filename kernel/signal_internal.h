/*
 * What kernel/signal.c shares with kernel/signal_sys.c (the syscalls)
 * and nothing else: not a public interface.
 */
#ifndef KERNEL_SIGNAL_INTERNAL_H
#define KERNEL_SIGNAL_INTERNAL_H

#include <tine/sched.h>
#include <tine/signal.h>

#define for_each_thread(p, t) \
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

void fill_user_info(siginfo_t *info, int sig, int code);
int do_send_sig_info(int sig, siginfo_t *info, struct task_struct *p,
		     bool group);
int check_kill_permission(int sig, siginfo_t *info, struct task_struct *t);
int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact);

/* kernel/signal.c */
bool is_global_init(struct task_struct *t);
bool sig_handler_ignored(void *handler, int sig);
void signal_wake_up(struct task_struct *t, bool fatal);
/* jobctl.c: a SEIZEd tracee's group stop changed (siglock held). */
void ptrace_trap_notify(struct task_struct *t);
void retarget_shared_pending(struct task_struct *tsk, const sigset_t *which);
void set_stop_flags(struct task_struct *p, unsigned int flags);
int __send_signal_locked(int sig, siginfo_t *info, struct task_struct *t,
			 bool group, bool force);

/* kernel/sigqueue.c */
void sigqueue_free(struct sigqueue *q);
struct sigqueue *sigqueue_alloc(struct task_struct *t, bool override);
void flush_group_sigqueue_mask(struct task_struct *p, const sigset_t *mask);
void fill_kernel_info(siginfo_t *info, int sig);

/* kernel/jobctl.c */
void do_notify_parent_cldstop(struct task_struct *tsk, int why, int status);
bool task_participate_group_stop(struct task_struct *t);
bool do_signal_stop(int signr, unsigned long *flags);

#endif
