/*
 * ptrace requests that read a stopped tracee's state, as Linux 6.1:
 * PTRACE_GETREGSET/SETREGSET with NT_PRSTATUS (the user_regs_struct,
 * whole words, iov_len cut to 216 and written back) and NT_PRFPREG (the
 * 512-byte FXSAVE image, written only whole, a bad MXCSR refused);
 * unknown types and odd lengths EINVAL. PTRACE_GET_SYSCALL_INFO at a
 * TRACESYSGOOD syscall-entry stop (number and six arguments, 80 bytes),
 * exit stop (result and is_error, 33 bytes) and a signal stop (none,
 * 24 bytes), copying no more than asked. PTRACE_PEEKSIGINFO: the
 * thread's queue and, with PTRACE_PEEKSIGINFO_SHARED, the process's,
 * from an offset, without dequeuing; bad flags or a negative count
 * EINVAL.
 */
#include "ptrace_util.h"
#include <elf.h>
#include <stdbool.h>
#include <sys/uio.h>

#ifndef PTRACE_GETREGSET
#define PTRACE_GETREGSET 0x4204
#define PTRACE_SETREGSET 0x4205
#endif
#ifndef PTRACE_PEEKSIGINFO
#define PTRACE_PEEKSIGINFO 0x4209
#endif
#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif
#define PEEK_SHARED 1

struct syscall_info {
	unsigned char op, pad[3];
	unsigned arch;
	unsigned long ip, sp;
	union {
		struct {
			unsigned long nr, args[6];
		} entry;
		struct {
			long rval;
			unsigned char is_error;
		} exit;
	};
};

struct peek_args {
	unsigned long off;
	unsigned flags;
	int nr;
};

static int child_int3(void)
{
	__asm__ volatile("mov $0x1234, %%rbx\n\tint3\n\tmov %%rbx, %%rax"
			 ::: "rbx", "rax", "memory");
	return 0;
}

static long regset(long req, pid_t pid, long type, void *buf, size_t *len)
{
	struct iovec iov = { buf, *len };
	long r = pt(req, pid, (void *)type, &iov);

	*len = iov.iov_len;
	return r;
}

static void test_gpr(pid_t pid)
{
	struct user_regs_struct r, g;
	size_t len = sizeof(g) + 64;
	unsigned long word[2] = { 0, 0 };

	pt(PTRACE_GETREGS, pid, 0, &r);
	is(regset(PTRACE_GETREGSET, pid, NT_PRSTATUS, &g, &len), 0,
	   "GETREGSET NT_PRSTATUS");
	is(len, sizeof(g), "iov_len cut to the 216 bytes of user_regs_struct");
	ok(!memcmp(&r, &g, sizeof(r)), "the same registers as GETREGS");
	len = 16;
	is(regset(PTRACE_GETREGSET, pid, NT_PRSTATUS, word, &len), 0,
	   "GETREGSET of the first two words");
	ok(len == 16 && word[0] == r.r15 && word[1] == r.r14, "r15, r14");
	len = 7;
	errno = 0;
	ok(regset(PTRACE_GETREGSET, pid, NT_PRSTATUS, word, &len) == -1 &&
	   errno == EINVAL, "a length that is not whole words: EINVAL");
	len = 8;
	errno = 0;
	ok(regset(PTRACE_GETREGSET, pid, 0x999, word, &len) == -1 &&
	   errno == EINVAL, "an unknown regset: EINVAL");
	g.rbx = 0x5678;
	len = sizeof(g);
	is(regset(PTRACE_SETREGSET, pid, NT_PRSTATUS, &g, &len), 0,
	   "SETREGSET NT_PRSTATUS with rbx changed");
	pt(PTRACE_GETREGS, pid, 0, &r);
	is(r.rbx, 0x5678, "GETREGS sees it");
	g.cs = 0x10;
	errno = 0;
	ok(regset(PTRACE_SETREGSET, pid, NT_PRSTATUS, &g, &len) == -1 &&
	   errno == EIO, "a kernel cs: EIO");
}

static void test_fpr(pid_t pid)
{
	unsigned char fx[512], got[512];
	size_t len = sizeof(got);

	pt(PTRACE_GETFPREGS, pid, 0, fx);
	is(regset(PTRACE_GETREGSET, pid, NT_PRFPREG, got, &len), 0,
	   "GETREGSET NT_PRFPREG");
	ok(len == 512 && !memcmp(fx, got, 512), "the GETFPREGS image");
	*(unsigned *)&got[24] = 0x1f80 | (3 << 13);	/* round to zero */
	len = 256;
	errno = 0;
	ok(regset(PTRACE_SETREGSET, pid, NT_PRFPREG, got, &len) == -1 &&
	   errno == EINVAL, "SETREGSET NT_PRFPREG of half the image: EINVAL");
	len = 512;
	is(regset(PTRACE_SETREGSET, pid, NT_PRFPREG, got, &len), 0,
	   "SETREGSET NT_PRFPREG whole");
	pt(PTRACE_GETFPREGS, pid, 0, fx);
	is(*(unsigned *)&fx[24], 0x1f80 | (3 << 13), "MXCSR changed");
	*(unsigned *)&got[24] = 0xffffffff;
	errno = 0;
	ok(regset(PTRACE_SETREGSET, pid, NT_PRFPREG, got, &len) == -1 &&
	   errno == EINVAL, "reserved MXCSR bits: EINVAL");
}

static void test_regsets(void)
{
	pid_t pid = fork_tracee(child_int3);
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	if (!ok(stop_code(st) == SIGTRAP, "the tracee stops at int3"))
		return;
	test_gpr(pid);
	test_fpr(pid);
	pt(PTRACE_KILL, pid, 0, 0);
	wait_for(pid);
}

static int child_lseek(void)
{
	return syscall(SYS_lseek, 12345, 678, SEEK_CUR) == -1 &&
	       errno == EBADF ? 0 : 1;
}

/* Syscall stops until the entry of nr; false if it exited first. */
static bool until_entry(pid_t pid, long nr, struct syscall_info *si)
{
	for (int i = 0; i < 20; i++) {
		pt(PTRACE_SYSCALL, pid, 0, 0);
		if (stop_code(wait_for(pid)) != (SIGTRAP | 0x80))
			return false;
		memset(si, 0, sizeof(*si));
		pt(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(*si), si);
		if (si->op == 1 && si->entry.nr == (unsigned long)nr)
			return true;
	}
	return false;
}

static void test_syscall_info(void)
{
	struct syscall_info si;
	pid_t pid = fork_tracee(child_lseek);
	unsigned long head[2];
	long n;

	if (pid <= 0)
		return;
	memset(&si, 0xff, sizeof(si));
	n = pt(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si), &si);
	ok(n == 24 && si.op == 0 && si.arch == 0xc000003e && si.sp,
	   "at the SIGSTOP: op NONE, arch x86-64, 24 bytes (%ld)", n);
	pt(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD);
	if (!ok(until_entry(pid, SYS_lseek, &si), "an entry stop of lseek"))
		goto out;
	ok(si.entry.args[0] == 12345 && si.entry.args[1] == 678 &&
	   si.entry.args[2] == SEEK_CUR, "its three arguments");
	is(pt(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si), &si), 80,
	   "an entry answer is 80 bytes");
	memset(head, 0, sizeof(head));
	is(pt(PTRACE_GET_SYSCALL_INFO, pid, (void *)8, head), 80,
	   "asking 8 bytes still returns 80");
	ok(head[1] == 0, "but copies only 8");
	pt(PTRACE_SYSCALL, pid, 0, 0);
	wait_for(pid);
	memset(&si, 0, sizeof(si));
	n = pt(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si), &si);
	ok(n == 33 && si.op == 2 && si.exit.rval == -EBADF && si.exit.is_error,
	   "exit stop: op EXIT, rval -EBADF, is_error (%ld)", n);
out:
	pt(PTRACE_CONT, pid, 0, 0);
	ok(exited_with(cont_until_exit(pid), 0), "the tracee's lseek failed "
	   "EBADF and it exits 0");
}

static int child_queue(void)
{
	sigset_t set;
	union sigval v = { .sival_int = 7 };

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	syscall(SYS_tgkill, getpid(), gettid(), SIGRTMIN);
	sigqueue(getpid(), SIGRTMIN + 1, v);
	raise(SIGSTOP);
	return 0;
}

static void test_peeksiginfo(void)
{
	pid_t pid = fork_tracee(child_queue);
	struct peek_args a = { 0, 0, 8 };
	siginfo_t si[8];
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	if (!ok(stop_code(st) == SIGSTOP, "the tracee stops with its signals "
		"queued"))
		return;
	is(pt(PTRACE_PEEKSIGINFO, pid, &a, si), 2, "two on its own queue");
	ok(si[0].si_signo == SIGUSR1 && si[1].si_signo == SIGRTMIN &&
	   si[0].si_code == SI_TKILL, "SIGUSR1 then SIGRTMIN, from tgkill");
	a.flags = PEEK_SHARED;
	is(pt(PTRACE_PEEKSIGINFO, pid, &a, si), 1, "one on the process's");
	ok(si[0].si_signo == SIGRTMIN + 1 && si[0].si_code == SI_QUEUE &&
	   si[0].si_value.sival_int == 7, "the sigqueue'd one with its value");
	a = (struct peek_args){ 1, 0, 8 };
	ok(pt(PTRACE_PEEKSIGINFO, pid, &a, si) == 1 &&
	   si[0].si_signo == SIGRTMIN, "from offset 1");
	a.nr = 0;
	is(pt(PTRACE_PEEKSIGINFO, pid, &a, si), 0, "nr 0: none");
	a.nr = -1;
	errno = 0;
	ok(pt(PTRACE_PEEKSIGINFO, pid, &a, si) == -1 && errno == EINVAL,
	   "nr < 0: EINVAL");
	a = (struct peek_args){ 0, 2, 1 };
	errno = 0;
	ok(pt(PTRACE_PEEKSIGINFO, pid, &a, si) == -1 && errno == EINVAL,
	   "unknown flags: EINVAL");
	a = (struct peek_args){ 0, 0, 8 };
	is(pt(PTRACE_PEEKSIGINFO, pid, &a, si), 2, "peeking dequeued nothing");
	pt(PTRACE_KILL, pid, 0, 0);
	wait_for(pid);
}

int main(void)
{
	test_regsets();
	test_syscall_info();
	test_peeksiginfo();
	return tap_done();
}
