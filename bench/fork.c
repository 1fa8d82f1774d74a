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

/* Start one child the MODE way; the child exits at once. Returns its
 * pid, or -1 with errno. */
static pid_t spawn_child(const char *mode)
{
	pid_t pid;

	if (mode[0] == 'c') {
		long r = clone_vm_exit();

		if (r < 0) {
			errno = (int)-r;	/* raw syscall: -errno */
			return -1;
		}
		return (pid_t)r;
	}
	pid = mode[0] == 'v' ? vfork() : fork();
	if (pid == 0)
		_exit(0);
	return pid;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fork";

	if (strcmp(mode, "fork") && strcmp(mode, "vfork") &&
	    strcmp(mode, "clone-vm")) {
		printf("# bench: fork.c: unknown mode %s\n", mode);
		return 2;
	}
	return bench_spawn_wait(mode, bench_iters(argc, argv, 2, 200),
				spawn_child);
}
