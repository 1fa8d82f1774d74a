/*
 * ptrace errors, as Linux gives them: ESRCH for a task we do not trace
 * or that is not stopped, EPERM for attaching to ourselves, to a task
 * already traced or with other credentials, EIO for bad requests,
 * offsets, signals and SEIZE arguments, EINVAL for unknown options,
 * EFAULT for bad buffers.
 */
#include "ptrace_util.h"

static int child_wait_parent(void)
{
	return 0;
}

static void reap_killed(pid_t pid)
{
	kill(pid, SIGKILL);
	wait_for(pid);
}

static void test_not_traced(void)
{
	pid_t pid = spawn_pauser();
	struct user_regs_struct r;

	expect_errno(pt(PTRACE_CONT, pid, 0, 0), ESRCH);
	expect_errno(pt(PTRACE_GETREGS, pid, 0, &r), ESRCH);
	expect_errno(pt(PTRACE_KILL, pid, 0, 0), ESRCH);
	expect_errno(pt(PTRACE_INTERRUPT, pid, 0, 0), ESRCH);
	expect_errno(pt(PTRACE_CONT, 0x3fffffff, 0, 0), ESRCH);
	expect_errno(pt(PTRACE_ATTACH, 0x3fffffff, 0, 0), ESRCH);
	expect_errno(pt(PTRACE_ATTACH, getpid(), 0, 0), EPERM);

	/* Seized but running: the stopped-only requests say ESRCH. */
	is(pt(PTRACE_SEIZE, pid, 0, 0), 0, "SEIZE a running child");
	expect_errno(pt(PTRACE_GETREGS, pid, 0, &r), ESRCH);
	expect_errno(pt(PTRACE_SEIZE, pid, 0, 0), EPERM);
	expect_errno(pt(PTRACE_ATTACH, pid, 0, 0), EPERM);
	reap_killed(pid);

	pid = spawn_pauser();
	expect_errno(pt(PTRACE_SEIZE, pid, (void *)1, 0), EIO);
	expect_errno(pt(PTRACE_SEIZE, pid, 0, (void *)(1L << 30)), EIO);
	is(pt(PTRACE_ATTACH, pid, 0, 0), 0, "ATTACH (not SEIZE)");
	is(stop_code(wait_for(pid)), SIGSTOP, "ATTACH stops it with SIGSTOP");
	expect_errno(pt(PTRACE_INTERRUPT, pid, 0, 0), EIO);
	reap_killed(pid);
}

static int child_traceme_twice(void)
{
	return pt(PTRACE_TRACEME, 0, 0, 0) == -1 && errno == EPERM ? 0 : 1;
}

static void test_stopped_errors(void)
{
	pid_t pid = fork_tracee(child_wait_parent);
	unsigned long w;

	if (pid <= 0)
		return;
	expect_errno(pt(12345, pid, 0, 0), EIO);
	expect_errno(pt(PTRACE_SETOPTIONS, pid, 0, (void *)(1L << 30)), EINVAL);
	expect_errno(pt(PTRACE_CONT, pid, 0, (void *)1000), EIO);
	expect_errno(pt(PTRACE_DETACH, pid, 0, (void *)-1L), EIO);
	expect_errno(pt(PTRACE_PEEKDATA, pid, (void *)8, &w), EIO);
	expect_errno(pt(PTRACE_POKEDATA, pid, (void *)8, 0), EIO);
	expect_errno(pt(PTRACE_PEEKUSER, pid, (void *)3, &w), EIO);
	/* The kernel's struct user has two more words than libc's. */
	is(pt(PTRACE_PEEKUSER, pid, (void *)(sizeof(struct user) + 8), &w), 0,
	   "PEEKUSER of the kernel's struct user past libc's");
	expect_errno(pt(PTRACE_PEEKUSER, pid, (void *)928, &w), EIO);
	expect_errno(pt(PTRACE_POKEUSER, pid, (void *)5, 0), EIO);
	expect_errno(pt(PTRACE_GETREGS, pid, 0, NULL), EFAULT);
	expect_errno(pt(PTRACE_GETEVENTMSG, pid, 0, KERNEL_PTR), EFAULT);
	expect_errno(pt(PTRACE_PEEKDATA, pid, (void *)&w, KERNEL_PTR), EFAULT);
	expect_errno(pt(PTRACE_GETSIGINFO, pid, 0, NULL), EFAULT);
	expect_errno(pt(PTRACE_POKEUSER, pid,
			(void *)offsetof(struct user_regs_struct, fs_base),
			(void *)-4096L), EIO);
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT after the errors");
	ok(exited_with(wait_for(pid), 0), "tracee unharmed");

	pid = fork_tracee(child_traceme_twice);
	if (pid <= 0)
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(wait_for(pid), 0), "a second TRACEME fails EPERM");
}

/* A non-root process may not trace a root one. */
static int child_unprivileged(void)
{
	pid_t victim = spawn_pauser();
	pid_t me = fork();
	int st;

	if (me == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(2);
		_exit(pt(PTRACE_ATTACH, victim, 0, 0) == -1 && errno == EPERM ?
		      0 : 1);
	}
	st = wait_for(me);
	reap_killed(victim);
	return exited_with(st, 0) ? 0 : 1;
}

int main(void)
{
	test_not_traced();
	test_stopped_errors();
	ok(exited_with(run_child(child_unprivileged), 0),
	   "uid 1000 cannot ATTACH to a root process (EPERM)");
	return tap_done();
}
