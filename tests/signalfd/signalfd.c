/*
 * tests/signalfd/signalfd.c: signalfd and signalfd4: the errors, the
 * signalfd_siginfo fields for kill, tkill, sigqueue and SIGCHLD,
 * several records per read, blocking reads woken by another process,
 * changing the mask through the same fd, poll and epoll readiness,
 * and what a signalfd reads after fork and after exec (the reader's
 * own signals). Signals are blocked: a signalfd does not stop delivery.
 */
#include "tap.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

static sigset_t set_of(int a, int b)
{
	sigset_t s;

	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

static int readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1;
}

static void test_errors(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	int p[2], fd;

	pipe(p);
	expect_errno(syscall(SYS_signalfd4, -1, &s, 8, 0x1), EINVAL);
	expect_errno(syscall(SYS_signalfd4, -1, &s, 4, 0), EINVAL);
	expect_errno(syscall(SYS_signalfd4, -1, &s, 16, 0), EINVAL);
	expect_errno(syscall(SYS_signalfd4, -1, NULL, 8, 0), EFAULT);
	expect_errno(syscall(SYS_signalfd4, p[0], &s, 8, 0), EINVAL);
	expect_errno(syscall(SYS_signalfd4, 999, &s, 8, 0), EBADF);
	expect_errno(syscall(SYS_signalfd4, -2, &s, 8, 0), EBADF);
	expect_errno(syscall(SYS_signalfd, -1, &s, 4), EINVAL);
	fd = expect_ok(syscall(SYS_signalfd4, -1, &s, 8, SFD_CLOEXEC | SFD_NONBLOCK));
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "SFD_CLOEXEC");
	ok(fcntl(fd, F_GETFL) & O_NONBLOCK, "SFD_NONBLOCK");
	{
		char small[64];

		expect_errno(read(fd, small, sizeof(small)), EINVAL);
	}
	expect_errno(read(fd, &(struct signalfd_siginfo){ 0 }, 128), EAGAIN);
	close(fd);
	close(p[0]);
	close(p[1]);
}

static void test_fields(void)
{
	sigset_t s = set_of(SIGUSR1, SIGRTMIN);
	struct signalfd_siginfo si[3];
	union sigval v = { .sival_int = 4242 };
	int fd = signalfd(-1, &s, SFD_NONBLOCK);

	sigprocmask(SIG_BLOCK, &s, NULL);
	ok(!readable(fd), "nothing pending: not readable");
	kill(getpid(), SIGUSR1);
	ok(readable(fd), "pending: readable");
	is(read(fd, si, sizeof(si)), 128, "one record");
	is(si[0].ssi_signo, SIGUSR1, "ssi_signo");
	is(si[0].ssi_code, SI_USER, "kill: SI_USER");
	is(si[0].ssi_pid, getpid(), "ssi_pid");
	is(si[0].ssi_uid, getuid(), "ssi_uid");
	ok(!readable(fd), "read: no longer pending");
	sigset_t pend;
	sigpending(&pend);
	ok(!sigismember(&pend, SIGUSR1), "the signal was taken off the queue");

	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	read(fd, si, sizeof(si));
	is(si[0].ssi_code, SI_TKILL, "tgkill: SI_TKILL");

	sigqueue(getpid(), SIGRTMIN, v);
	v.sival_int = 4343;
	sigqueue(getpid(), SIGRTMIN, v);
	kill(getpid(), SIGUSR1);
	is(read(fd, si, sizeof(si)), 3 * 128, "three records in one read");
	is(si[0].ssi_signo, SIGUSR1, "lowest signal first");
	is(si[1].ssi_signo, SIGRTMIN, "then the queued real-time ones");
	is(si[1].ssi_code, SI_QUEUE, "sigqueue: SI_QUEUE");
	is(si[1].ssi_int, 4242, "ssi_int");
	is(si[2].ssi_int, 4343, "a second real-time signal queues again");
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	close(fd);
}

static void test_mask_update(void)
{
	sigset_t s = set_of(SIGUSR1, SIGUSR2), one = set_of(SIGUSR1, 0),
		 two = set_of(SIGUSR2, SIGKILL);
	struct signalfd_siginfo si;
	int fd = signalfd(-1, &one, SFD_NONBLOCK);

	sigprocmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGUSR2);
	ok(!readable(fd), "a signal outside the mask is not readable");
	is(signalfd(fd, &two, 0), fd, "the mask changes through the same fd");
	ok(readable(fd), "now it is");
	read(fd, &si, sizeof(si));
	is(si.ssi_signo, SIGUSR2, "SIGUSR2 read");
	kill(getpid(), SIGUSR1);
	ok(!readable(fd), "SIGUSR1 is no longer accepted");
	signalfd(fd, &one, 0);
	read(fd, &si, sizeof(si));
	is(si.ssi_signo, SIGUSR1, "back: SIGUSR1 read");
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	close(fd);
}

static void test_blocking(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	struct signalfd_siginfo si;
	int fd = signalfd(-1, &s, 0);
	pid_t pid, parent = getpid();

	sigprocmask(SIG_BLOCK, &s, NULL);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	is(read(fd, &si, sizeof(si)), 128, "a blocking read wakes on the signal");
	is(si.ssi_pid, pid, "sent by the child");
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	close(fd);
}

static void test_sigchld(void)
{
	sigset_t s = set_of(SIGCHLD, 0);
	struct signalfd_siginfo si;
	int fd = signalfd(-1, &s, 0);
	pid_t pid;

	sigprocmask(SIG_BLOCK, &s, NULL);
	pid = fork();
	if (pid == 0)
		_exit(3);
	is(read(fd, &si, sizeof(si)), 128, "SIGCHLD read");
	is(si.ssi_signo, SIGCHLD, "ssi_signo SIGCHLD");
	is(si.ssi_code, CLD_EXITED, "CLD_EXITED");
	is(si.ssi_pid, pid, "the child's pid");
	is(si.ssi_status, 3, "its exit status");
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	close(fd);
}

static void test_epoll(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	struct epoll_event ev = { .events = EPOLLIN };
	int fd = signalfd(-1, &s, SFD_NONBLOCK), ep = epoll_create1(0);
	int sfd2, status;
	pid_t pid;

	sigprocmask(SIG_BLOCK, &s, NULL);
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	is(epoll_wait(ep, &ev, 1, 0), 0, "epoll: nothing pending");
	kill(getpid(), SIGUSR1);
	is(epoll_wait(ep, &ev, 1, 0), 1, "epoll: a pending signal");
	read(fd, &(struct signalfd_siginfo){ 0 }, 128);

	/* A child hooks an epoll item on its own signal handlers and
	 * exits: they are freed under the item, which must let go. */
	sfd2 = signalfd(-1, &s, SFD_NONBLOCK);
	pid = fork();
	if (pid == 0) {
		struct epoll_event e = { .events = EPOLLIN };

		_exit(epoll_ctl(ep, EPOLL_CTL_ADD, sfd2, &e) != 0);
	}
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "a child watched a signalfd and exited");
	kill(getpid(), SIGUSR1);
	ok(epoll_wait(ep, &ev, 1, 0) >= 0, "the instance still works");
	is(epoll_ctl(ep, EPOLL_CTL_DEL, sfd2, NULL), 0,
	   "and the item can be deleted");
	read(fd, &(struct signalfd_siginfo){ 0 }, 128);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	close(sfd2);
	close(fd);
	close(ep);
}

/* After fork the same fd reads the child's signals, not the parent's. */
static void test_fork(void)
{
	sigset_t s = set_of(SIGUSR1, SIGUSR2);
	int fd = signalfd(-1, &s, SFD_NONBLOCK), status;
	pid_t pid;

	sigprocmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGUSR2);	/* the parent's, pending */
	pid = fork();
	if (pid == 0) {
		struct signalfd_siginfo si;

		if (readable(fd))
			_exit(1);	/* a child starts with nothing pending */
		kill(getpid(), SIGUSR1);
		if (read(fd, &si, sizeof(si)) != 128 || si.ssi_signo != SIGUSR1)
			_exit(2);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	is(WEXITSTATUS(status), 0, "the child reads its own signals only");
	ok(readable(fd), "the parent's signal is still there");
	read(fd, &(struct signalfd_siginfo){ 0 }, 128);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	close(fd);
}

/* The fd survives exec (no CLOEXEC), with the blocked mask. */
static int exec_child(int fd)
{
	struct signalfd_siginfo si;

	kill(getpid(), SIGUSR1);
	if (read(fd, &si, sizeof(si)) != 128)
		return 1;
	return si.ssi_signo == SIGUSR1 ? 0 : 2;
}

static void test_exec(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	int fd = signalfd(-1, &s, SFD_NONBLOCK), status;
	char arg[16];
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", fd);
	pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_BLOCK, &s, NULL);
		execl("/proc/self/exe", "signalfd", "exec-child", arg,
		      (char *)NULL);
		_exit(9);
	}
	waitpid(pid, &status, 0);
	is(WEXITSTATUS(status), 0, "after exec the signalfd reads the new image's signals");
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "exec-child"))
		return exec_child(atoi(argv[2]));
	test_errors();
	test_fields();
	test_mask_update();
	test_blocking();
	test_sigchld();
	test_epoll();
	test_fork();
	test_exec();
	return tap_done();
}
