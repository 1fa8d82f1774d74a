/*
 * Restartable sequences (kernel/rseq.c): rseq(2) and the hooks that keep
 * a registered thread's struct rseq current.
 */
#ifndef TINE_RSEQ_H
#define TINE_RSEQ_H

struct pt_regs;
struct task_struct;

/*
 * rseq_handle_notify_resume - current is about to return to user mode
 * (or, sig != 0, to run a handler for sig) after being switched out:
 * abort a critical section it was in, update cpu_id_start and cpu_id.
 * A fault or a bad descriptor is SIGSEGV. Interrupts on, no locks;
 * may sleep (user memory).
 */
void rseq_handle_notify_resume(struct pt_regs *regs, int sig);
/* The new task p's registration: none for a CLONE_VM child (a thread
 * registers its own), the parent's otherwise (copy_thread). */
void rseq_fork(struct task_struct *p, unsigned long clone_flags);
/* exec drops the registration (the memory is gone). */
void rseq_execve(struct task_struct *t);

#endif
