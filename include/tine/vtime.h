/*
 * The user/kernel boundary half of precise CPU time (kernel/cputime.c
 * has the context-switch half and the readers), inline: it runs at
 * every syscall, interrupt and exception from user mode, where a call
 * chain and a general "charge whatever the state was" test cost a
 * syscall like getppid a third of its instructions.
 */
#ifndef TINE_VTIME_H
#define TINE_VTIME_H

#include <asm/processor.h>
#include <tine/sched.h>

/* kernel/time.c: the TSC clock (set once at boot, read-only after). */
extern u64 tsc_base;
extern u64 tsc_ns_mult;

/* ktime_get_ns(), inline. */
static inline u64 vtime_clock_ns(void)
{
	u64 d = rdtsc() - tsc_base;

	return (u64)(((unsigned __int128)d * tsc_ns_mult) >> 32);
}

/*
 * Charge the stretch since t's last change to *acc and start state
 * next, inside t's write sequence (readers on other CPUs retry while it
 * is odd; x86 keeps our stores in order, so compiler barriers do). t is
 * current, interrupts off. No "clock went back" test: vt->start was
 * read on this CPU (at the switch-in or the last flip), whose TSC only
 * goes forward.
 */
static inline void vtime_flip(struct task_struct *t, u64 *acc,
			      enum vtime_state next)
{
	struct vtime *vt = &t->vtime;
	u64 now = vtime_clock_ns();

	vt->seq++;
	barrier();
	*acc += now - vt->start;
	vt->start = now;
	vt->state = next;
	barrier();
	vt->seq++;
}

/*
 * vtime_user_exit - t (current) entered the kernel from user mode: its
 * user stretch ends. A task in user mode is always in VTIME_USER (set
 * by vtime_user_enter on its way out), so there is no state to test.
 * Interrupts off.
 */
static inline void vtime_user_exit(struct task_struct *t)
{
	vtime_flip(t, &t->utime, VTIME_SYS);
}

/*
 * vtime_user_enter - t (current) returns to user mode: its system
 * stretch ends (it is in VTIME_SYS: switched in, or entered from user
 * mode). Interrupts off.
 */
static inline void vtime_user_enter(struct task_struct *t)
{
	vtime_flip(t, &t->stime, VTIME_USER);
}

/*
 * enter_from_user_mode - the CPU came into the kernel from user mode
 * (a syscall, interrupt or exception): from here it is system time.
 * Interrupts off.
 */
static inline void enter_from_user_mode(void)
{
	vtime_user_exit(current);
}

/*
 * exit_to_user_mode - the last step before going back to user mode:
 * user time starts. Interrupts off.
 */
static inline void exit_to_user_mode(void)
{
	vtime_user_enter(current);
}

#endif
