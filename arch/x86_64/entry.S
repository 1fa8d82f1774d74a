/*
 * Kernel entry and exit: the syscall instruction, exceptions and
 * interrupts, the first return of a new task, and the stack switch.
 * Every entry builds a struct pt_regs (asm/ptrace.h) on the kernel stack.
 */
#include <asm/ptrace.h>
#include <asm/percpu.h>

	.text

/* Save the general registers below orig_ax (which the caller pushed). */
.macro SAVE_REGS_AFTER_RDI
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rax
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
.endm

/*
 * syscall: rip in rcx, rflags in r11, IF masked by SFMASK, still on the
 * user stack with the user's GS. Arguments in rdi rsi rdx r10 r8 r9.
 */
	.globl entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	movq %rsp, %gs:PERCPU_OFF_USER_RSP
	movq %gs:PERCPU_OFF_TOP_OF_STACK, %rsp
	pushq $__USER_DS			/* ss */
	pushq %gs:PERCPU_OFF_USER_RSP		/* sp */
	pushq %r11				/* flags */
	pushq $__USER_CS			/* cs */
	pushq %rcx				/* ip */
	pushq %rax				/* orig_ax */
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq $-38				/* ax = -ENOSYS */
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	/* pt_regs is 168 bytes: rsp is 8 off a 16-byte boundary here,
	 * and C code wants it aligned at every call. */
	movq %rsp, %rdi
	subq $8, %rsp
	call do_syscall_64			/* returns true: may sysret */
	addq $8, %rsp
	cli
	testb %al, %al
	jz return_via_iret
	/* sysret needs rcx = rip and r11 = rflags, as the frame says. */
	RESTORE_REGS
	addq $8, %rsp				/* orig_ax */
	movq 0(%rsp), %rcx
	movq 16(%rsp), %r11
	movq 24(%rsp), %rsp
	swapgs
	sysretq

/* Full restore through iret: any pt_regs the kernel may have changed. */
	.globl return_via_iret
return_via_iret:
	RESTORE_REGS
	addq $8, %rsp
	testb $3, 8(%rsp)
	jz 1f
	swapgs
1:	iretq

/*
 * Exceptions and interrupts. Each stub leaves the error code (or 0) in
 * the orig_ax slot, saves rdi and puts its vector there.
 */
.macro STUB vec, has_err
	.align 16
	.if \has_err == 0
	pushq $-1
	.endif
	pushq %rdi
	movl $\vec, %edi
	jmp interrupt_common
.endm

	.align 16
	.globl interrupt_stubs
interrupt_stubs:
	vec = 0
	.rept 256
	.if (vec == 8 || vec == 10 || vec == 11 || vec == 12 || vec == 13 || vec == 14 || vec == 17 || vec == 21)
	STUB vec, 1
	.else
	STUB vec, 0
	.endif
	vec = vec + 1
	.endr

interrupt_common:
	SAVE_REGS_AFTER_RDI
	testb $3, PT_CS(%rsp)
	jz 1f
	swapgs
1:	cld
	movq %rdi, %rsi
	movq %rsp, %rdi
	subq $8, %rsp				/* align for C, as above */
	call handle_interrupt
	addq $8, %rsp
	cli
	jmp return_via_iret

/*
 * A new task's first run: switch_to "returns" here with prev in rax.
 * rbx holds a kernel thread's function (NULL for user tasks), r12 its
 * argument.
 */
	.globl ret_from_fork
ret_from_fork:
	subq $8, %rsp				/* rsp is &pt_regs: align for C */
	movq %rax, %rdi
	call schedule_tail
	testq %rbx, %rbx
	jnz 1f
	leaq 8(%rsp), %rdi
	call syscall_exit_to_user_mode
	addq $8, %rsp
	cli
	jmp return_via_iret
1:	movq %r12, %rdi
	call *%rbx
	testq %rax, %rax			/* 0: it exec'd a user program */
	jnz 2f
	leaq 8(%rsp), %rdi
	call syscall_exit_to_user_mode
	addq $8, %rsp
	cli
	jmp return_via_iret
2:	movq %rax, %rdi
	call do_exit

/*
 * switch_to_asm(prev, next): save callee-saved registers on prev's
 * stack, switch stacks, restore next's. Returns prev (in next's context).
 */
	.globl switch_to_asm
switch_to_asm:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, 0(%rdi)			/* prev->thread.sp */
	movq 0(%rsi), %rsp			/* next->thread.sp */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	movq %rdi, %rax
	ret
