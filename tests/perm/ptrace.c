/*
 * tests/perm/ptrace.c: the calls that reach into another process under
 * ptrace_may_access(): PTRACE_ATTACH/SEIZE, process_vm_readv/writev
 * (ATTACH), pidfd_getfd (ATTACH), kcmp (READ), get_robust_list (READ).
 * Allowed on one's own (dumpable, not more capable) children, refused
 * (EPERM) for another user's, a non-dumpable process, or one holding
 * capabilities we lack. (Debian's Yama limits ATTACH to descendants, so
 * every target here is our child.)
 */
#include "cred.h"
#include <sys/epoll.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#define KCMP_FILE 0
#define KCMP_VM 1
#define KCMP_FILES 2
#define KCMP_EPOLL_TFD 7

struct kcmp_epoll_slot {
	uint32_t efd, tfd;
	uint64_t toff;
};

static int ready[2], go[2];
static char secret[32] = "the child's secret";

/* A child that becomes uid (keeping its caps if keep), dumpable or not,
 * and waits. -1 for uid: stay root. */
static pid_t spawn(int uid, int dumpable, int keep)
{
	pid_t pid;
	char c;

	pipe(ready);
	pipe(go);
	pid = fork();
	if (pid == 0) {
		if (keep)
			prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
		if (uid >= 0 && drop_to(uid, uid))
			_exit(1);
		if (dumpable)
			prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	return pid;
}

static void reap(pid_t pid)
{
	write(go[1], "g", 1);
	waitpid(pid, NULL, __WALL);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

static long vm_read(pid_t pid, void *dst, void *src, size_t n)
{
	struct iovec l = { dst, n }, r = { src, n };

	return syscall(SYS_process_vm_readv, pid, &l, 1, &r, 1, 0);
}

static long vm_write(pid_t pid, void *dst, void *src, size_t n)
{
	struct iovec l = { src, n }, r = { dst, n };

	return syscall(SYS_process_vm_writev, pid, &l, 1, &r, 1, 0);
}

static int pidfd_of(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

/* Everything works on our own dumpable child of the same uid. */
static int own_child(void)
{
	pid_t c;
	char buf[32] = { 0 };
	int pfd, fd, st;
	void *head;
	size_t len;

	drop_to(1000, 1000);
	c = spawn(-1, 1, 0);	/* dumpable again after our setuid */
	is(vm_read(c, buf, secret, sizeof(secret)), sizeof(secret),
	   "process_vm_readv of our child");
	is_str(buf, secret, "... reads its memory");
	is(vm_write(c, secret, buf, 4), 4, "process_vm_writev of our child");
	pfd = pidfd_of(c);
	fd = syscall(SYS_pidfd_getfd, pfd, 1, 0);
	ok(fd >= 0, "pidfd_getfd of our child's fd 1");
	ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
	   "... gives a close-on-exec fd");
	expect_errno(syscall(SYS_pidfd_getfd, pfd, 1, 1), EINVAL);
	expect_errno(syscall(SYS_pidfd_getfd, pfd, 999, 0), EBADF);
	expect_errno(syscall(SYS_pidfd_getfd, 1, 1, 0), EBADF);
	is(syscall(SYS_kcmp, getpid(), c, KCMP_FILE, 1, 1), 0,
	   "kcmp: our fd 1 and the child's are one file");
	ok(syscall(SYS_kcmp, getpid(), c, KCMP_VM, 0, 0) > 0,
	   "kcmp: different address spaces");
	expect_errno(syscall(SYS_kcmp, getpid(), c, KCMP_FILE, 1, 999), EBADF);
	expect_errno(syscall(SYS_kcmp, getpid(), c, 99, 0, 0), EINVAL);
	is(syscall(SYS_get_robust_list, c, &head, &len), 0,
	   "get_robust_list of our child");
	is(ptrace(PTRACE_ATTACH, c, 0, 0), 0, "PTRACE_ATTACH our child");
	waitpid(c, &st, __WALL);
	ptrace(PTRACE_DETACH, c, 0, 0);
	close(fd);
	close(pfd);
	reap(c);
	return tap_done();
}

/* A child that became another user: all refused. */
static int other_user(void)
{
	pid_t c = spawn(1001, 1, 0);
	char buf[32];
	int pfd;
	void *head;
	size_t len;

	drop_to(1000, 1000);
	expect_errno(vm_read(c, buf, secret, sizeof(secret)), EPERM);
	expect_errno(vm_write(c, secret, buf, 4), EPERM);
	pfd = pidfd_of(c);
	expect_errno(syscall(SYS_pidfd_getfd, pfd, 1, 0), EPERM);
	expect_errno(syscall(SYS_kcmp, getpid(), c, KCMP_FILE, 1, 1), EPERM);
	expect_errno(syscall(SYS_get_robust_list, c, &head, &len), EPERM);
	expect_errno(ptrace(PTRACE_ATTACH, c, 0, 0), EPERM);
	expect_errno(ptrace(PTRACE_SEIZE, c, 0, 0), EPERM);
	close(pfd);
	reap(c);
	return tap_done();
}

/* Same uid, but the child is not dumpable (it changed ids). */
static int nondumpable(void)
{
	pid_t c = spawn(1000, 0, 0);
	char buf[32];

	drop_to(1000, 1000);
	expect_errno(vm_read(c, buf, secret, sizeof(secret)), EPERM);
	expect_errno(ptrace(PTRACE_ATTACH, c, 0, 0), EPERM);
	expect_errno(syscall(SYS_kcmp, getpid(), c, KCMP_FILES, 0, 0), EPERM);
	reap(c);
	return tap_done();
}

/* Same uid and dumpable, but it kept capabilities we do not have. */
static int more_capable(void)
{
	pid_t c = spawn(1000, 1, 1);
	struct caps k = { 0 };

	get_caps(c, &k);
	ok(k.prm == CAP_ALL, "the child kept its permitted capabilities");
	drop_to(1000, 1000);
	expect_errno(ptrace(PTRACE_ATTACH, c, 0, 0), EPERM);
	expect_errno(syscall(SYS_kcmp, getpid(), c, KCMP_FILES, 0, 0), EPERM);
	reap(c);
	return tap_done();
}

/* Root reaches any process; bad arguments still fail. */
static int as_root(void)
{
	pid_t c = spawn(1001, 0, 0);
	char buf[32] = { 0 };
	struct iovec l = { buf, 8 }, r = { (void *)8, 8 };
	int st;

	is(vm_read(c, buf, secret, sizeof(secret)), sizeof(secret),
	   "root reads a non-dumpable process of another user");
	expect_errno(syscall(SYS_process_vm_readv, c, &l, 1, &r, 1, 1), EINVAL);
	expect_errno(syscall(SYS_process_vm_readv, c, &l, 1, &r, 1, 0), EFAULT);
	expect_errno(syscall(SYS_process_vm_readv, c, &l, 1025, &r, 1, 0),
		     EINVAL);
	l.iov_len = 0;
	is(syscall(SYS_process_vm_readv, 0x7ffffff0, &l, 1, &r, 1, 0), 0,
	   "nothing to copy: 0 at once, whatever the pid");
	l.iov_len = 8;
	expect_errno(syscall(SYS_process_vm_readv, 0x7ffffff0, &l, 1, &r, 1, 0),
		     ESRCH);
	is(ptrace(PTRACE_ATTACH, c, 0, 0), 0, "root attaches to it");
	waitpid(c, &st, __WALL);
	ptrace(PTRACE_DETACH, c, 0, 0);
	reap(c);
	return tap_done();
}

/* kcmp(KCMP_EPOLL_TFD): is a file the one an epoll watches? */
static int epoll_target(void)
{
	int ep = epoll_create1(0), p[2], q[2];
	struct epoll_event ev = { .events = EPOLLIN };
	struct kcmp_epoll_slot slot;
	pid_t me = getpid();

	pipe(p);
	pipe(q);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	slot = (struct kcmp_epoll_slot){ ep, p[0], 0 };
	is(syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, p[0], &slot), 0,
	   "kcmp: the epoll watches this very file");
	ok(syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, q[0], &slot) > 0,
	   "... and not that one");
	slot.toff = 1;
	expect_errno(syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, p[0], &slot),
		     ENOENT);
	slot = (struct kcmp_epoll_slot){ p[1], p[0], 0 };
	expect_errno(syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, p[0], &slot),
		     EINVAL);
	expect_errno(syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, p[0], 8), EFAULT);
	return tap_done();
}

int main(void)
{
	proc_sane();
	run_case(own_child, "our own child");
	run_case(other_user, "another user's process");
	run_case(nondumpable, "a non-dumpable process");
	run_case(more_capable, "a more capable process");
	run_case(as_root, "root");
	run_case(epoll_target, "kcmp of an epoll's target");
	return tap_done();
}
