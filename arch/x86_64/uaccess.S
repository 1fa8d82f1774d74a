/*
 * User copies. The instructions that touch user memory have exception
 * table entries: a fault there resumes at the fixup, which returns the
 * bytes left. SMAP is opened (stac) only around the access.
 * The caller (mm/uaccess.c) has already checked the range is below
 * TASK_SIZE, so a kernel address never gets here.
 */
	.text

.macro EX insn_label, fixup_label
	.pushsection __ex_table, "a"
	.quad \insn_label, \fixup_label
	.popsection
.endm

/* unsigned long __copy_user(void *dst, const void *src, size_t n) */
	.globl __copy_user
__copy_user:
	movq %rdx, %rcx
	call smap_open
1:	rep movsb
	call smap_close
	movq %rcx, %rax
	ret
2:	call smap_close
	movq %rcx, %rax
	ret
	EX 1b, 2b

/* unsigned long __clear_user(void *dst, size_t n): 8 bytes per step,
 * then the rest; a fault returns the bytes left. */
	.globl __clear_user
__clear_user:
	movq %rsi, %rcx
	movq %rsi, %rdx
	shrq $3, %rcx
	andq $7, %rdx
	xorl %eax, %eax
	call smap_open
1:	rep stosq
	movq %rdx, %rcx
3:	rep stosb
	call smap_close
	movq %rcx, %rax
	ret
2:	call smap_close			/* fault in the qwords */
	leaq (%rdx,%rcx,8), %rax
	ret
4:	call smap_close			/* fault in the tail */
	movq %rcx, %rax
	ret
	EX 1b, 2b
	EX 3b, 4b

/*
 * long __strnlen_user(const char *s, long n): bytes before the NUL,
 * n if none in the first n, or -1 on a fault.
 */
	.globl __strnlen_user
__strnlen_user:
	xorl %eax, %eax
	call smap_open
3:	cmpq %rsi, %rax
	jae 4f
1:	cmpb $0, (%rdi,%rax)
	je 4f
	incq %rax
	jmp 3b
4:	call smap_close
	ret
2:	call smap_close
	movq $-1, %rax
	ret
	EX 1b, 2b

smap_open:
	testb $1, cpu_has_smap(%rip)
	jz 1f
	stac
1:	ret
smap_close:
	testb $1, cpu_has_smap(%rip)
	jz 1f
	clac
1:	ret

/*
 * int futex_atomic_cmpxchg(u32 *uval, u32 __user *uaddr, u32 old, u32 new)
 * The range check is the caller's (futex.c checks alignment and
 * access_ok). Returns 0 with *uval = the value found, or -EFAULT.
 */
	.globl futex_atomic_cmpxchg
futex_atomic_cmpxchg:
	movabsq $0x00007ffffffff000, %rax
	cmpq %rax, %rsi
	jae 2f
	movl %edx, %eax
	call smap_open
1:	lock cmpxchgl %ecx, (%rsi)
	call smap_close
	movl %eax, (%rdi)
	xorl %eax, %eax
	ret
3:	call smap_close
2:	movl $-14, %eax
	ret
	EX 1b, 3b
