/*
 * bench/fork.c MODE [ITERS]: create a child that exits at once, and wait.
 *
 *	fork      fork(); the child calls _exit(0)
 *	vfork     vfork(); the child calls _exit(0) (the parent sleeps until then)
 *	clone-vm  raw clone(CLONE_VM | SIGCHLD) on a small stack of its own;
 *	          the child makes the exit syscall straight from the entry code
 *
 * One sample is the whole create + exit + waitpid cycle, seen from the
 * parent, which is as small as a process can be here: a static binary a few
 * pages big.
 */
#include "bench.h"
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static char child_stack[16384] __attribute__((aligned(16)));

/*
 * clone(CLONE_VM | SIGCHLD) with the stack above.  The child never returns
 * to C: it shares our memory, so it must not touch our stack, and it goes
 * straight to exit(0).  Returns the child's pid or -errno.
 */
static long clone_vm_exit(void)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %[exit_nr], %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"((long)SYS_clone),
			   "D"((long)(CLONE_VM | SIGCHLD)),
			   "S"(child_stack + sizeof(child_stack)), "d"(0L),
			   "r"(r10), "r"(r8), [exit_nr] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Start one child the MODE way; the child exits at once.  Returns its pid. */
static pid_t spawn_child(const char *mode)
{
	pid_t pid;

	if (mode[0] == 'c')
		return (pid_t)clone_vm_exit();
	pid = mode[0] == 'v' ? vfork() : fork();
	if (pid == 0)
		_exit(0);
	return pid;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fork";
	size_t i, n = bench_iters(argc, argv, 2, 200);
	uint64_t *s = bench_alloc(n);
	int status;

	if (strcmp(mode, "fork") && strcmp(mode, "vfork") &&
	    strcmp(mode, "clone-vm")) {
		printf("# bench: fork.c: unknown mode %s\n", mode);
		return 2;
	}
	for (i = 0; i < n; i++) {
		uint64_t t0 = bench_tsc();
		pid_t pid = spawn_child(mode);

		if (pid < 0) {
			if (mode[0] == 'c')
				errno = (int)-pid;	/* raw syscall: -errno */
			bench_fail(mode, "create");
		}
		if (waitpid(pid, &status, 0) != pid)
			bench_fail(mode, "waitpid");
		s[i] = bench_tsc() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			printf("# bench %s: child status %#x\n", mode, status);
			return 1;
		}
	}
	bench_report(mode, s, n, 0);
	return 0;
}
