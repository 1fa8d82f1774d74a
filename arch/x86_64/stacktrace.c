/*
 * Another task's kernel call chain, by frame pointers (the kernel is
 * built with -fno-omit-frame-pointer): for /proc/<pid>/stack and wchan.
 *
 * A sleeping task's chain starts at what switch_to_asm saved on its
 * stack. The task may wake up and run while we read, so every frame
 * must lie inside its stack (which our reference on the task keeps
 * allocated), and a task seen on a CPU afterwards gets no trace at all.
 */
#include <tine/sched.h>
#include <tine/stacktrace.h>

/* Where switch_to_asm left prev's registers: r15 .. rbp, return. */
struct switch_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret;
};

/* Follow the frame chain from bp within [lo, hi). */
static unsigned int walk_frames(unsigned long bp, unsigned long lo,
				unsigned long hi, unsigned long *store,
				unsigned int n, unsigned int size)
{
	while (n < size && bp >= lo && bp + 16 <= hi && !(bp & 7)) {
		unsigned long *frame = (unsigned long *)bp;
		unsigned long next = READ_ONCE(frame[0]);
		unsigned long ret = READ_ONCE(frame[1]);

		if (!ret)
			break;
		store[n++] = ret;
		if (next <= bp)
			break;		/* frames only go up the stack */
		bp = next;
	}
	return n;
}

/* stack_trace_save_tsk - see stacktrace.h. */
unsigned int stack_trace_save_tsk(struct task_struct *t, unsigned long *store,
				  unsigned int size)
{
	unsigned long lo = (unsigned long)t->stack, hi = lo + KSTACK_SIZE;
	struct switch_frame *sf;
	unsigned int n = 0;

	if (t == current)
		return walk_frames((unsigned long)__builtin_frame_address(0), lo,
				   hi, store, 0, size);
	if (READ_ONCE(t->on_cpu) || !size)
		return 0;
	sf = (struct switch_frame *)READ_ONCE(t->thread.sp);
	if ((unsigned long)sf < lo || (unsigned long)(sf + 1) > hi)
		return 0;
	store[n++] = READ_ONCE(sf->ret);
	n = walk_frames(READ_ONCE(sf->bp), lo, hi, store, n, size);
	if (READ_ONCE(t->on_cpu))
		return 0;	/* it ran meanwhile: the chain may be torn */
	return n;
}
