/*
 * tests/pidfd/pidfd.c: process file descriptors. CLONE_PIDFD (clone:
 * into the parent_tid slot; clone3: args.pidfd), pidfd_open and its
 * errors, pidfd_send_signal (also through a /proc/<pid> directory fd, as
 * Linux allows there only), waitid(P_PIDFD) (PIDFD_NONBLOCK: EAGAIN),
 * poll (readable once the process exited). Every pidfd is close-on-exec.
 */
#include "tap.h"
#include "proc.h"
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define PIDFD_NONBLOCK O_NONBLOCK
#define CLONE_PIDFD_ 0x1000

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

static int pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static int pidfd_send_signal(int fd, int sig, siginfo_t *info,
			     unsigned int flags)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}

static int waitid_fd(int fd, siginfo_t *si, int options)
{
	memset(si, 0, sizeof(*si));
	return syscall(SYS_waitid, P_PIDFD, fd, si, options, NULL);
}

/* A child that waits for a byte on p[0], then exits with code. */
static pid_t spawn_waiting(int p[2], int code)
{
	pid_t pid;
	char c;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);
		_exit(code);
	}
	close(p[0]);
	return pid;
}

static void test_clone_pidfd(void)
{
	int fd = -1, status;
	siginfo_t si;
	pid_t pid;

	pid = syscall(SYS_clone, CLONE_PIDFD_ | SIGCHLD, 0, &fd, NULL, 0);
	if (pid == 0)
		_exit(7);
	ok(pid > 0 && fd >= 0, "clone(CLONE_PIDFD) writes a pidfd to parent_tid (%d)",
	   fd);
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "the pidfd is close-on-exec");
	is(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "the pidfd is O_RDWR");
	is(waitid_fd(fd, &si, WEXITED), 0, "waitid(P_PIDFD) reaps the child");
	is(si.si_pid, pid, "si_pid is the child");
	is(si.si_code, CLD_EXITED, "si_code CLD_EXITED");
	is(si.si_status, 7, "si_status 7");
	expect_errno(waitpid(pid, &status, WNOHANG), ECHILD);
	expect_errno(pidfd_send_signal(fd, 0, NULL, 0), ESRCH);
	close(fd);
}

static void test_clone3_pidfd(void)
{
	struct clone_args_ a;
	int fd = -1, status;
	long pid;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD_;
	a.pidfd = (uintptr_t)&fd;
	a.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &a, sizeof(a));
	if (pid == 0)
		_exit(0);
	ok(pid > 0 && fd >= 0, "clone3(CLONE_PIDFD) writes args.pidfd");
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "and it is close-on-exec");
	waitpid(pid, &status, 0);
	close(fd);
}

static void test_clone_flags(void)
{
	static char stack[16384];
	int fd = -1;

	expect_errno(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_PARENT_SETTID |
			     SIGCHLD, 0, &fd, NULL, 0), EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_THREAD |
			     CLONE_SIGHAND | CLONE_VM, stack + sizeof(stack),
			     &fd, NULL, 0), EINVAL);
	expect_errno(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_DETACHED | SIGCHLD,
			     0, &fd, NULL, 0), EINVAL);
	is(fd, -1, "nothing written on failure");
}

static void *thread_wait(void *arg)
{
	int *p = arg;
	char c;

	p[2] = syscall(SYS_gettid);
	write(p[3], "r", 1);
	read(p[0], &c, 1);
	return NULL;
}

static void test_open(void)
{
	int fd, p[4], q[2];
	pthread_t th;
	char c;

	expect_errno(pidfd_open(getpid(), 1), EINVAL);
	expect_errno(pidfd_open(getpid(), O_CLOEXEC), EINVAL);
	expect_errno(pidfd_open(0, 0), EINVAL);
	expect_errno(pidfd_open(-1, 0), EINVAL);
	expect_errno(pidfd_open(4000000, 0), ESRCH);
	fd = pidfd_open(getpid(), 0);
	ok(fd >= 0, "pidfd_open(getpid(), 0)");
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "pidfd_open's fd is close-on-exec");
	is(fcntl(fd, F_GETFL) & O_NONBLOCK, 0, "and blocking");
	close(fd);
	fd = pidfd_open(getpid(), PIDFD_NONBLOCK);
	ok(fd >= 0, "pidfd_open(getpid(), PIDFD_NONBLOCK)");
	is(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "it is O_NONBLOCK");
	close(fd);

	/* A thread that is not its group's leader has no pidfd in 6.1. */
	pipe(p);
	pipe(q);
	p[3] = q[1];
	if (pthread_create(&th, NULL, thread_wait, p) == 0) {
		read(q[0], &c, 1);
		expect_errno(pidfd_open(p[2], 0), EINVAL);
		write(p[1], "x", 1);
		pthread_join(th, NULL);
	}
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static void test_send_signal(void)
{
	int p[2], fd, nfd, status;
	siginfo_t si;
	pid_t pid = spawn_waiting(p, 0);

	fd = pidfd_open(pid, 0);
	ok(fd >= 0, "pidfd_open of a child");
	is(pidfd_send_signal(fd, 0, NULL, 0), 0, "signal 0 checks the process");
	expect_errno(pidfd_send_signal(fd, SIGTERM, NULL, 1), EINVAL);
	expect_errno(pidfd_send_signal(fd, 1000, NULL, 0), EINVAL);
	expect_errno(pidfd_send_signal(-1, SIGTERM, NULL, 0), EBADF);
	expect_errno(pidfd_send_signal(p[1], SIGTERM, NULL, 0), EBADF);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	expect_errno(pidfd_send_signal(fd, SIGTERM, &si, 0), EINVAL);
	si.si_signo = SIGTERM;
	si.si_code = SI_USER;
	expect_errno(pidfd_send_signal(fd, SIGTERM, &si, 0), EPERM);
	expect_errno(pidfd_send_signal(fd, SIGTERM, KERNEL_PTR, 0), EFAULT);
	is(pidfd_send_signal(fd, SIGTERM, NULL, 0), 0, "pidfd_send_signal SIGTERM");
	is(waitid_fd(fd, &si, WEXITED | WNOWAIT), 0, "waitid(P_PIDFD, WNOWAIT)");
	is(si.si_code, CLD_KILLED, "the child was killed");
	is(si.si_status, SIGTERM, "by SIGTERM");
	is(pidfd_send_signal(fd, 0, NULL, 0), 0, "a zombie can still be signalled");
	waitpid(pid, &status, 0);
	expect_errno(pidfd_send_signal(fd, SIGTERM, NULL, 0), ESRCH);
	close(fd);
	close(p[1]);

	/* With a queued siginfo to ourselves. */
	nfd = pidfd_open(getpid(), 0);
	signal(SIGUSR2, SIG_IGN);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_USER;
	is(pidfd_send_signal(nfd, SIGUSR2, &si, 0), 0,
	   "any si_code is allowed to ourselves");
	signal(SIGUSR2, SIG_DFL);
	close(nfd);
}

/* A /proc directory or file opened as path, or -1. */
static int open_proc(const char *fmt, long n, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), fmt, n);
	return open(path, flags | O_CLOEXEC);
}

static void test_proc_dir(void)
{
	int p[2], dfd, fd, status = 0;
	siginfo_t si;
	pid_t pid = spawn_waiting(p, 0);

	dfd = open_proc("/proc/%ld", pid, O_DIRECTORY);
	ok(dfd >= 0, "open /proc/<child>");
	is(pidfd_send_signal(dfd, 0, NULL, 0), 0,
	   "pidfd_send_signal through a /proc/<pid> directory fd");
	expect_errno(waitid_fd(dfd, &si, WEXITED | WNOHANG), EBADF);
	is(pidfd_send_signal(dfd, SIGKILL, NULL, 0), 0, "SIGKILL through it");
	waitpid(pid, &status, 0);
	ok(killed_by(status, SIGKILL), "the child was killed by SIGKILL");
	expect_errno(pidfd_send_signal(dfd, 0, NULL, 0), ESRCH);
	close(dfd);
	close(p[1]);
	fd = open_proc("/proc/self/task/%ld", gettid(), O_DIRECTORY);
	expect_errno(pidfd_send_signal(fd, 0, NULL, 0), EBADF);
	close(fd);
	fd = open_proc("/proc/self/fd", 0, O_DIRECTORY);
	expect_errno(pidfd_send_signal(fd, 0, NULL, 0), EBADF);
	close(fd);
	fd = open_proc("/proc/self/status", 0, O_RDONLY);
	expect_errno(pidfd_send_signal(fd, 0, NULL, 0), EBADF);
	close(fd);
	fd = open_proc("/proc", 0, O_DIRECTORY);
	expect_errno(pidfd_send_signal(fd, 0, NULL, 0), EBADF);
	close(fd);
}

static void test_waitid(void)
{
	int p[2], fd, nfd, parent_fd;
	siginfo_t si;
	pid_t pid = spawn_waiting(p, 5);

	fd = pidfd_open(pid, 0);
	nfd = pidfd_open(pid, PIDFD_NONBLOCK);
	is(waitid_fd(fd, &si, WEXITED | WNOHANG), 0, "WNOHANG on a live child: 0");
	is(si.si_pid, 0, "and no siginfo");
	expect_errno(waitid_fd(nfd, &si, WEXITED), EAGAIN);
	is(waitid_fd(nfd, &si, WEXITED | WNOHANG), 0, "PIDFD_NONBLOCK with WNOHANG: 0");
	expect_errno(waitid_fd(-1, &si, WEXITED), EINVAL);
	expect_errno(waitid_fd(1000, &si, WEXITED), EBADF);
	expect_errno(waitid_fd(p[1], &si, WEXITED), EBADF);
	parent_fd = pidfd_open(getppid(), 0);
	expect_errno(waitid_fd(parent_fd, &si, WEXITED | WNOHANG), ECHILD);
	close(parent_fd);
	write(p[1], "x", 1);
	is(waitid_fd(fd, &si, WEXITED), 0, "waitid(P_PIDFD) waits for the exit");
	is(si.si_pid, pid, "si_pid");
	is(si.si_status, 5, "si_status 5");
	expect_errno(waitid_fd(nfd, &si, WEXITED), ECHILD);
	close(fd);
	close(nfd);
	close(p[1]);
}

static void test_poll(void)
{
	int p[2], fd, status;
	struct pollfd pfd;
	pid_t pid = spawn_waiting(p, 0);

	fd = pidfd_open(pid, 0);
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	is(poll(&pfd, 1, 0), 0, "poll: a live process's pidfd is not readable");
	write(p[1], "x", 1);
	is(poll(&pfd, 1, 10000), 1, "poll wakes when the process exits");
	ok(pfd.revents & POLLIN, "with POLLIN (revents %#x)", pfd.revents);
	is(poll(&pfd, 1, 0), 1, "and stays readable while a zombie");
	waitpid(pid, &status, 0);
	is(poll(&pfd, 1, 0), 1, "and after it was reaped");
	close(fd);
	close(p[1]);
}

static int leader_gate[2];

static void *last_thread(void *arg)
{
	char c;

	(void)arg;
	read(leader_gate[0], &c, 1);
	syscall(SYS_exit_group, 0);
	return NULL;
}

/* The child's leader exits first; its other thread waits for a byte. */
static int leader_first(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, last_thread, NULL))
		return 1;
	/* The raw exit: only this thread ends (musl's would keep locks). */
	for (;;)
		syscall(SYS_exit, 0);
}

/* poll tells of the process, not its leader: a zombie leader with a
 * live thread is not readable yet. */
static void test_poll_threads(void)
{
	struct pollfd pfd;
	int fd, status;
	pid_t pid;

	pipe(leader_gate);
	pid = fork();
	if (pid == 0)
		_exit(leader_first());
	fd = pidfd_open(pid, 0);
	is(wait_proc_state(pid, 'Z', 3000), 'Z',
	   "the leader exited first (a zombie)");
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	is(poll(&pfd, 1, 0), 0, "poll: not readable while a thread lives");
	write(leader_gate[1], "x", 1);
	is(poll(&pfd, 1, 10000), 1, "readable once the last thread exited");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the process exited 0");
	close(fd);
	close(leader_gate[0]);
	close(leader_gate[1]);
}

int main(void)
{
	test_clone_pidfd();
	test_clone3_pidfd();
	test_clone_flags();
	test_open();
	test_send_signal();
	test_proc_dir();
	test_waitid();
	test_poll();
	test_poll_threads();
	return tap_done();
}
