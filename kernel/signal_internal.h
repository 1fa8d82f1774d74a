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

#endif
