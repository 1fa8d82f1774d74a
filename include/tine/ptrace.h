/*
 * ptrace: one task (the tracer) stops, inspects and resumes another
 * (the tracee). The tracee's `parent` is the tracer while it is traced
 * (`real_parent` stays who forked it); it sits on the tracer's
 * `ptraced` list through `ptrace_entry`. Stops are reported through
 * wait, as `exit_trace_sig`; the tracer's answer (the signal to
 * deliver) comes back in the same field. All of it [tasklist_lock].
 */
#ifndef TINE_PTRACE_H
#define TINE_PTRACE_H

#include <tine/sched.h>

/* The requests (Linux's numbers). */
#define PTRACE_TRACEME 0
#define PTRACE_PEEKTEXT 1
#define PTRACE_PEEKDATA 2
#define PTRACE_PEEKUSR 3
#define PTRACE_POKETEXT 4
#define PTRACE_POKEDATA 5
#define PTRACE_POKEUSR 6
#define PTRACE_CONT 7
#define PTRACE_KILL 8
#define PTRACE_SINGLESTEP 9
#define PTRACE_GETREGS 12
#define PTRACE_SETREGS 13
#define PTRACE_GETFPREGS 14
#define PTRACE_SETFPREGS 15
#define PTRACE_ATTACH 16
#define PTRACE_DETACH 17
#define PTRACE_SYSCALL 24
#define PTRACE_SYSEMU 31
#define PTRACE_SYSEMU_SINGLESTEP 32
#define PTRACE_SINGLEBLOCK 33
#define PTRACE_SETOPTIONS 0x4200
#define PTRACE_GETEVENTMSG 0x4201
#define PTRACE_GETSIGINFO 0x4202
#define PTRACE_SETSIGINFO 0x4203
#define PTRACE_GETREGSET 0x4204
#define PTRACE_SETREGSET 0x4205
#define PTRACE_SEIZE 0x4206
#define PTRACE_INTERRUPT 0x4207
#define PTRACE_LISTEN 0x4208
#define PTRACE_PEEKSIGINFO 0x4209
#define PTRACE_GETSIGMASK 0x420a
#define PTRACE_SETSIGMASK 0x420b
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#define PTRACE_SECCOMP_GET_METADATA 0x420d
#define PTRACE_GET_SYSCALL_INFO 0x420e

/* Register sets (PTRACE_GETREGSET types, as core-file notes). */
#define NT_PRSTATUS 1
#define NT_PRFPREG 2
#define NT_X86_XSTATE 0x202

/* PTRACE_SETOPTIONS bits. */
#define PTRACE_O_TRACESYSGOOD 1
#define PTRACE_O_EXITKILL (1 << 20)
#define PTRACE_O_SUSPEND_SECCOMP (1 << 21)
#define PTRACE_O_MASK (0xff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP)

/* Events: stop status (SIGTRAP | event << 8) << 8 | 0x7f. */
#define PTRACE_EVENT_FORK 1
#define PTRACE_EVENT_VFORK 2
#define PTRACE_EVENT_CLONE 3
#define PTRACE_EVENT_EXEC 4
#define PTRACE_EVENT_VFORK_DONE 5
#define PTRACE_EVENT_EXIT 6
#define PTRACE_EVENT_STOP 128

/* PTRACE_GETEVENTMSG at a syscall stop (Linux 5.3+). */
#define PTRACE_EVENTMSG_SYSCALL_ENTRY 1
#define PTRACE_EVENTMSG_SYSCALL_EXIT 2

/* task->ptrace: the options sit shifted above PT_PTRACED. */
#define PT_PTRACED 0x00000001
#define PT_SEIZED 0x00010000
#define PT_OPT_FLAG_SHIFT 3
#define PT_TRACESYSGOOD (PTRACE_O_TRACESYSGOOD << PT_OPT_FLAG_SHIFT)
#define PT_EXITKILL (PTRACE_O_EXITKILL << PT_OPT_FLAG_SHIFT)
#define PT_EVENT_FLAG(ev) (1 << (PT_OPT_FLAG_SHIFT + (ev)))

/* task->syscall_work and the single-step state [T]. */
#define SYSCALL_WORK_SYSCALL_TRACE 0x01	/* PTRACE_SYSCALL stops */
#define SYSCALL_WORK_SINGLESTEP 0x02	/* PTRACE_SINGLESTEP in effect */
#define SYSCALL_WORK_FORCED_TF 0x04	/* we set TF, the tracee did not */
#define SYSCALL_WORK_SYSCALL_EMU 0x08	/* PTRACE_SYSEMU: stop, never run */
#define SYSCALL_WORK_BLOCKSTEP 0x10	/* PTRACE_SINGLEBLOCK: DEBUGCTL.BTF */

/* task->jobctl: a PTRACE_EVENT_STOP trap to take (INTERRUPT, SEIZE'd
 * auto-attach), Linux's bit; [siglock]. */
#define JOBCTL_TRAP_STOP (1U << 19)
/* A SEIZEd tracee's group stop changed (a stop signal, SIGCONT): it
 * re-traps with PTRACE_EVENT_STOP to tell its tracer; Linux's bit. */
#define JOBCTL_TRAP_NOTIFY (1U << 20)
/* PTRACE_LISTEN: stopped, but not in a ptrace stop (wait and requests
 * do not see it) until a TRAP_NOTIFY, INTERRUPT or SIGKILL. */
#define JOBCTL_LISTENING (1U << 22)
#define JOBCTL_TRAP_MASK (JOBCTL_TRAP_STOP | JOBCTL_TRAP_NOTIFY)

/* ptrace_may_access() modes: what for, and with which of the caller's
 * ids (filesystem ids for /proc files, real ids for system calls). */
#define PTRACE_MODE_READ 0x01
#define PTRACE_MODE_ATTACH 0x02
#define PTRACE_MODE_NOAUDIT 0x04
#define PTRACE_MODE_FSCREDS 0x08
#define PTRACE_MODE_REALCREDS 0x10
#define PTRACE_MODE_READ_FSCREDS (PTRACE_MODE_READ | PTRACE_MODE_FSCREDS)
#define PTRACE_MODE_READ_REALCREDS (PTRACE_MODE_READ | PTRACE_MODE_REALCREDS)
#define PTRACE_MODE_ATTACH_FSCREDS (PTRACE_MODE_ATTACH | PTRACE_MODE_FSCREDS)
#define PTRACE_MODE_ATTACH_REALCREDS \
	(PTRACE_MODE_ATTACH | PTRACE_MODE_REALCREDS)

/*
 * ptrace_may_access - may current inspect (READ) or control (ATTACH) t?
 * Linux's __ptrace_may_access without an LSM: always within a thread
 * group; otherwise current's real (REALCREDS) or filesystem (FSCREDS)
 * uid and gid must equal all of t's real, effective and saved ones, or
 * current must hold CAP_SYS_PTRACE in t's user namespace; and a
 * non-dumpable t needs CAP_SYS_PTRACE over its mm's namespace. (No
 * Yama: Debian's kernel also limits ATTACH to descendants by default.)
 * May sleep.
 */
bool ptrace_may_access(struct task_struct *t, unsigned int mode);

/* Is p traced by someone outside its real parent's process? */
static inline bool ptrace_reparented(struct task_struct *p)
{
	return p->real_parent->signal != p->parent->signal;
}

static inline bool ptrace_event_enabled(struct task_struct *t, int event)
{
	return t->ptrace & PT_EVENT_FLAG(event);
}

/* kernel/ptrace.c */
void ptrace_init_task(struct task_struct *child, bool ptrace);
void ptrace_event_pid(int event, struct pid *pid);
void ptrace_event(int event, unsigned long message);
int ptrace_signal(int signr, siginfo_t *info);
void do_jobctl_trap(void);
void exit_ptrace(struct task_struct *tracer, struct list_head *dead);
void __ptrace_unlink(struct task_struct *child);
long syscall_trace_enter(struct pt_regs *regs);

/* kernel/ptrace_info.c: requests on a stopped tracee (see there). */
struct iovec;
long ptrace_regset(struct task_struct *child, long request,
		   unsigned int type, struct iovec __user *uiov);
long ptrace_get_syscall_info(struct task_struct *child, unsigned long user_size,
			     void __user *datap);
long ptrace_peeksiginfo(struct task_struct *child, const void __user *addr,
			siginfo_t __user *data);
void syscall_exit_work(struct pt_regs *regs);

/* arch/x86_64/ptrace.c: the registers as user_regs_struct sees them. */
#define USER_REGS_WORDS 27		/* sizeof(struct user_regs_struct) / 8 */
#define USER_FXSAVE_SIZE 512
unsigned long getreg(struct task_struct *child, unsigned long offset);
int putreg(struct task_struct *child, unsigned long offset,
	   unsigned long value);
int ptrace_getfpregs(struct task_struct *child, void __user *buf);
int ptrace_setfpregs(struct task_struct *child, const void __user *buf);
long arch_ptrace_user(struct task_struct *child, long request,
		      unsigned long addr, unsigned long data);
/*
 * arch_ptrace_regset - read (set false) or write regset type of stopped
 * child from/to the user buffer buf of *len bytes; *len becomes the
 * bytes done. 0, -EINVAL (unknown type, bad length or value), -EIO or
 * -EFAULT.
 */
long arch_ptrace_regset(struct task_struct *child, bool set, unsigned int type,
			void __user *buf, size_t *len);
/* arch/x86_64/hw_breakpoint.c: u_debugreg[n] of t (stopped, or
 * current); set: 0, -EINVAL (a breakpoint that cannot be armed) or
 * -EIO (DR4, DR5). */
unsigned long ptrace_get_debugreg(struct task_struct *t, int n);
int ptrace_set_debugreg(struct task_struct *t, int n, unsigned long val);
/* Forget t's breakpoints (a new thread, exec). */
void hw_breakpoint_flush(struct task_struct *t);
/* Load next's breakpoints on this CPU (interrupts off). */
void hw_breakpoint_switch(struct task_struct *prev, struct task_struct *next);
/* A #DB: the SIGTRAP si_code to send (user mode) or 0; -1 in the kernel
 * if the trap was not a noted watchpoint. */
int hw_breakpoint_trap(struct pt_regs *regs);
/* Trap after one instruction (TF), or (block) after the next taken
 * branch: DEBUGCTL.BTF on top of TF, where the CPU honours it (TCG does
 * not: there it is a single step, as Linux on such a CPU). child is
 * stopped. */
void user_enable_single_step(struct task_struct *child);
void user_enable_block_step(struct task_struct *child);
void user_disable_single_step(struct task_struct *child);
/* Load next's DEBUGCTL.BTF if it differs from prev's (interrupts off). */
void blockstep_switch(struct task_struct *prev, struct task_struct *next);

#endif
