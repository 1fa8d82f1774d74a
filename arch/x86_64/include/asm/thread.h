/* Per-task architecture state: saved kernel stack pointer, TLS, FPU. */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

#include <tine/types.h>

struct fpu_state {
	u8 fxsave[512];		/* legacy FXSAVE image: x87 + SSE */
} __attribute__((aligned(16)));

struct thread_struct {
	unsigned long sp;	/* kernel rsp saved by switch_to */
	unsigned long fsbase;	/* user FS base (TLS) */
	unsigned long gsbase;	/* user GS base */
	unsigned long trap_nr;	/* last fault: vector, error code, address */
	unsigned long error_code;
	unsigned long cr2;
	/* ptrace's hardware breakpoints (arch/x86_64/hw_breakpoint.c),
	 * written by the tracer while stopped, loaded by __switch_to */
	unsigned long debugreg[4];	/* DR0-DR3 */
	unsigned long ptrace_dr7;	/* DR7 as the tracer wrote it */
	unsigned long virtual_dr6;	/* DR6 as the tracer reads it */
	struct fpu_state fpu;
};

#endif
