/*
 * tests/mqueue/mqueue.c: POSIX message queues through the raw calls:
 * mq_open's name, flag and attribute rules, priorities (highest first,
 * FIFO within one), EMSGSIZE, O_NONBLOCK and mq_getsetattr, absolute
 * timeouts, a receiver woken by a sender, mq_notify (SIGEV_SIGNAL with
 * SI_MESGQ, EBUSY, one-shot, SIGEV_NONE, SIGEV_THREAD without netlink),
 * the mqueue filesystem (mount -t mqueue, QSIZE line), poll,
 * /proc/sys/fs/mqueue limits, RLIMIT_MSGQUEUE, EACCES/EPERM as an
 * unprivileged user.
 */
#include "ipc_util.h"
#include <poll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

struct mq_attr_k {
	long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, __reserved[4];
};

struct sigevent_k {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	int pad[12];
};

#define SIGEV_SIGNAL_K 0
#define SIGEV_NONE_K 1
#define SIGEV_THREAD_K 2

static int mq_open_k(const char *name, int flags, int mode,
		     struct mq_attr_k *attr)
{
	return syscall(SYS_mq_open, name, flags, mode, attr);
}

static int mq_send_k(int fd, const char *msg, size_t len, unsigned prio,
		     const struct timespec *ts)
{
	return syscall(SYS_mq_timedsend, fd, msg, len, prio, ts);
}

static long mq_recv_k(int fd, char *buf, size_t len, unsigned *prio,
		      const struct timespec *ts)
{
	return syscall(SYS_mq_timedreceive, fd, buf, len, prio, ts);
}

static int mq_attr_get(int fd, struct mq_attr_k *a)
{
	return syscall(SYS_mq_getsetattr, fd, NULL, a);
}

static int mq_notify_k(int fd, struct sigevent_k *ev)
{
	return syscall(SYS_mq_notify, fd, ev);
}

#define NAME "tine-mq-test"

static void test_open(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 4, .mq_msgsize = 64 }, got;
	int fd, fd2;

	syscall(SYS_mq_unlink, NAME);
	expect_errno(mq_open_k(NAME, O_RDWR, 0, NULL), ENOENT);
	expect_errno(mq_open_k("a/b", O_RDWR | O_CREAT, 0600, NULL), EACCES);
	expect_errno(mq_open_k(KERNEL_PTR, O_RDWR, 0, NULL), EFAULT);
	{
		char longname[300];

		memset(longname, 'q', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = 0;
		expect_errno(mq_open_k(longname, O_RDWR | O_CREAT, 0600, NULL),
			     ENAMETOOLONG);
		expect_errno(syscall(SYS_mq_unlink, longname), ENAMETOOLONG);
	}
	a.mq_maxmsg = 0;
	expect_errno(mq_open_k(NAME, O_RDWR | O_CREAT, 0600, &a), EINVAL);
	a.mq_maxmsg = 70000;
	expect_errno(mq_open_k(NAME, O_RDWR | O_CREAT, 0600, &a), EINVAL);
	a.mq_maxmsg = 4;
	a.mq_msgsize = -1;
	expect_errno(mq_open_k(NAME, O_RDWR | O_CREAT, 0600, &a), EINVAL);
	a.mq_msgsize = 64;
	fd = expect_ok(mq_open_k(NAME, O_RDWR | O_CREAT | O_EXCL, 0600, &a));
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "a queue fd is close-on-exec");
	expect_errno(mq_open_k(NAME, O_RDWR | O_CREAT | O_EXCL, 0600, &a), EEXIST);
	expect_errno(mq_open_k(NAME, O_RDWR | O_WRONLY, 0, NULL), EINVAL);
	/* An existing queue's attributes are not checked again. */
	a.mq_maxmsg = 0;
	fd2 = mq_open_k(NAME, O_RDONLY | O_CREAT, 0600, &a);
	ok(fd2 >= 0, "O_CREAT of an existing queue ignores the attributes");
	close(fd2);
	expect_ok(mq_attr_get(fd, &got));
	ok(got.mq_maxmsg == 4 && got.mq_msgsize == 64 && got.mq_curmsgs == 0 &&
	   got.mq_flags == 0, "mq_getsetattr reports the attributes");
	close(fd);
	fd = expect_ok(mq_open_k("tine-mq-default", O_RDWR | O_CREAT, 0600, NULL));
	expect_ok(mq_attr_get(fd, &got));
	is(got.mq_maxmsg, read_proc_long("/proc/sys/fs/mqueue/msg_default"),
	   "default mq_maxmsg is fs.mqueue.msg_default");
	is(got.mq_msgsize, read_proc_long("/proc/sys/fs/mqueue/msgsize_default"),
	   "default mq_msgsize is fs.mqueue.msgsize_default");
	close(fd);
	expect_ok(syscall(SYS_mq_unlink, "tine-mq-default"));
	expect_errno(syscall(SYS_mq_unlink, "tine-mq-default"), ENOENT);
}

static void test_send_receive(void)
{
	int fd = mq_open_k(NAME, O_RDWR, 0, NULL);
	int wfd = mq_open_k(NAME, O_WRONLY, 0, NULL);
	char buf[64];
	unsigned prio = 0;
	struct timespec ts;
	struct mq_attr_k a = { .mq_flags = O_NONBLOCK }, old;

	expect_ok(mq_send_k(fd, "low", 3, 1, NULL));
	expect_ok(mq_send_k(fd, "high", 4, 9, NULL));
	expect_ok(mq_send_k(fd, "low2", 4, 1, NULL));
	expect_ok(mq_send_k(fd, "mid", 3, 5, NULL));
	expect_errno(mq_send_k(fd, "x", 1, 32768, NULL), EINVAL);
	expect_errno(mq_send_k(fd, buf, 65, 0, NULL), EMSGSIZE);
	expect_errno(mq_recv_k(fd, buf, 63, NULL, NULL), EMSGSIZE);
	expect_errno(mq_recv_k(wfd, buf, 64, NULL, NULL), EBADF);
	expect_errno(mq_recv_k(0, buf, 64, NULL, NULL), EBADF);
	expect_errno(mq_send_k(99999, "x", 1, 0, NULL), EBADF);
	is(mq_recv_k(fd, buf, 64, &prio, NULL), 4, "the highest priority first");
	ok(!memcmp(buf, "high", 4) && prio == 9, "with its priority");
	is(mq_recv_k(fd, buf, 64, &prio, NULL), 3, "then the next");
	ok(!memcmp(buf, "mid", 3) && prio == 5, "mid");
	mq_recv_k(fd, buf, 64, &prio, NULL);
	ok(!memcmp(buf, "low", 3), "FIFO within a priority");
	mq_recv_k(fd, buf, 64, &prio, NULL);
	ok(!memcmp(buf, "low2", 4), "FIFO within a priority, second");

	/* Full and empty queues, O_NONBLOCK through mq_getsetattr. */
	for (int i = 0; i < 4; i++)
		mq_send_k(fd, "f", 1, 0, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	expect_errno(mq_send_k(fd, "f", 1, 0, &ts), ETIMEDOUT);
	expect_ok(syscall(SYS_mq_getsetattr, fd, &a, &old));
	is(old.mq_flags, 0, "the old flags");
	is(old.mq_curmsgs, 4, "mq_curmsgs");
	is(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "O_NONBLOCK is the file's");
	expect_errno(mq_send_k(fd, "f", 1, 0, NULL), EAGAIN);
	for (int i = 0; i < 4; i++)
		mq_recv_k(fd, buf, 64, NULL, NULL);
	expect_errno(mq_recv_k(fd, buf, 64, NULL, NULL), EAGAIN);
	a.mq_flags = O_NONBLOCK | O_APPEND;
	expect_errno(syscall(SYS_mq_getsetattr, fd, &a, NULL), EINVAL);
	a.mq_flags = 0;
	expect_ok(syscall(SYS_mq_getsetattr, fd, &a, NULL));
	clock_gettime(CLOCK_REALTIME, &ts);
	expect_errno(mq_recv_k(fd, buf, 64, NULL, &ts), ETIMEDOUT);
	ts.tv_nsec = 1000000000;
	expect_errno(mq_recv_k(fd, buf, 64, NULL, &ts), EINVAL);
	close(wfd);
	close(fd);
}

static int child_sends(void)
{
	int fd = mq_open_k(NAME, O_WRONLY, 0, NULL);

	usleep(100000);
	return mq_send_k(fd, "wake", 4, 3, NULL) ? errno : 0;
}

static void test_wakeup_and_poll(void)
{
	int fd = mq_open_k(NAME, O_RDWR, 0, NULL);
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	char buf[64];
	int status;
	pid_t pid;

	is(poll(&p, 1, 0), 1, "poll: an empty queue");
	is(p.revents, POLLOUT, "is writable, not readable");
	pid = fork();
	if (pid == 0)
		_exit(child_sends());
	is(mq_recv_k(fd, buf, 64, NULL, NULL), 4, "a receiver sleeps until a send");
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the sender");
	mq_send_k(fd, "x", 1, 0, NULL);
	p.events = POLLIN;
	is(poll(&p, 1, 0), 1, "poll: a message is readable");
	mq_recv_k(fd, buf, 64, NULL, NULL);
	close(fd);
}

static volatile sig_atomic_t got_sig, got_code, got_pid, got_val;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_val = si->si_value.sival_int;
}

static int child_notify(void)
{
	int fd = mq_open_k(NAME, O_RDWR, 0, NULL);
	struct sigevent_k ev = { .sigev_notify = SIGEV_NONE_K };

	return mq_notify_k(fd, &ev) == -1 ? errno : 0;
}

static void test_notify(void)
{
	int fd = mq_open_k(NAME, O_RDWR, 0, NULL), sv[2], pfd[2];
	struct sigevent_k ev = { .sigev_notify = SIGEV_SIGNAL_K,
				 .sigev_signo = SIGUSR1 };
	struct sigaction sa = { .sa_sigaction = on_usr1,
				.sa_flags = SA_SIGINFO };
	char buf[64], cookie[32];
	pid_t pid;
	int status;

	sigaction(SIGUSR1, &sa, NULL);
	ev.sigev_value.sival_int = 42;
	ev.sigev_notify = 7;
	expect_errno(mq_notify_k(fd, &ev), EINVAL);
	ev.sigev_notify = SIGEV_SIGNAL_K;
	ev.sigev_signo = 65;
	expect_errno(mq_notify_k(fd, &ev), EINVAL);
	ev.sigev_signo = SIGUSR1;
	expect_errno(mq_notify_k(0, &ev), EBADF);
	expect_errno(mq_notify_k(fd, KERNEL_PTR), EFAULT);
	expect_ok(mq_notify_k(fd, &ev));
	expect_errno(mq_notify_k(fd, &ev), EBUSY);
	pid = fork();
	if (pid == 0)
		_exit(child_notify());
	waitpid(pid, &status, 0);
	ok(exited_with(status, EBUSY), "another process gets EBUSY");
	mq_send_k(fd, "n", 1, 0, NULL);
	ok(poll_until(got_sig == SIGUSR1), "a message in an empty queue signals");
	is(got_code, -3, "si_code SI_MESGQ");
	is(got_pid, getpid(), "si_pid is the sender");
	is(got_val, 42, "si_value is the registration's");
	mq_recv_k(fd, buf, 64, NULL, NULL);
	pid = fork();
	if (pid == 0)
		_exit(child_notify());
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "one-shot: then another may register");
	expect_ok(mq_notify_k(fd, &ev));	/* its close dropped it */
	expect_errno(mq_notify_k(fd, &ev), EBUSY);
	expect_ok(mq_notify_k(fd, NULL));
	expect_ok(mq_notify_k(fd, NULL));	/* none: nothing to drop */

	/* SIGEV_THREAD needs a netlink socket (sigev_signo is its fd). */
	ev.sigev_notify = SIGEV_THREAD_K;
	ev.sigev_value.sival_ptr = cookie;
	ev.sigev_signo = 9999;
	expect_errno(mq_notify_k(fd, &ev), EBADF);
	if (pipe(pfd) == 0) {
		ev.sigev_signo = pfd[0];
		expect_errno(mq_notify_k(fd, &ev), ENOTSOCK);
		close(pfd[0]);
		close(pfd[1]);
	}
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0) {
		ev.sigev_signo = sv[0];
		expect_errno(mq_notify_k(fd, &ev), EINVAL);
		close(sv[0]);
		close(sv[1]);
	}
	close(fd);
}

static int unpriv_child(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 11, .mq_msgsize = 16 };

	if (drop_privileges())
		return 100;
	expect_errno(mq_open_k(NAME, O_RDONLY, 0, NULL), EACCES);
	expect_errno(syscall(SYS_mq_unlink, NAME), EPERM);
	expect_errno(mq_open_k("tine-mq-nobody", O_RDWR | O_CREAT, 0600, &a),
		     EINVAL);
	a.mq_maxmsg = 10;
	a.mq_msgsize = 8193;
	expect_errno(mq_open_k("tine-mq-nobody", O_RDWR | O_CREAT, 0600, &a),
		     EINVAL);
	a.mq_msgsize = 16;
	/* RLIMIT_MSGQUEUE: 10 * (48 + 16) + 10 * 48 bytes, as Linux counts. */
	expect_ok(setrlimit(RLIMIT_MSGQUEUE, &(struct rlimit){ 1119, 1120 }));
	expect_errno(mq_open_k("tine-mq-nobody", O_RDWR | O_CREAT, 0600, &a),
		     EMFILE);
	expect_ok(setrlimit(RLIMIT_MSGQUEUE, &(struct rlimit){ 1120, 1120 }));
	expect_ok(close(mq_open_k("tine-mq-nobody", O_RDWR | O_CREAT, 0600, &a)));
	expect_errno(mq_open_k("tine-mq-nobody2", O_RDWR | O_CREAT, 0600, &a),
		     EMFILE);
	expect_ok(syscall(SYS_mq_unlink, "tine-mq-nobody"));
	expect_ok(close(mq_open_k("tine-mq-nobody2", O_RDWR | O_CREAT, 0600, &a)));
	expect_ok(syscall(SYS_mq_unlink, "tine-mq-nobody2"));
	return tap_done();
}

static void test_fs_and_limits(void)
{
	char buf[128];
	struct stat st;
	int fd, mfd;
	ssize_t n;

	ok(exited_with(run_child(unpriv_child), 0),
	   "an unprivileged user: EACCES, EPERM, msg_max and msgsize_max");
	mkdir("/dev/mqueue", 0755);
	if (mount("none", "/dev/mqueue", "mqueue", 0, NULL)) {
		ok(0, "mount -t mqueue: %s", strerror(errno));
		return;
	}
	ok(sys_stat("/dev/mqueue/" NAME, &st) == 0 && S_ISREG(st.st_mode) &&
	   (st.st_mode & 07777) == 0600, "the queue is a 0600 file there");
	ok(sys_stat("/dev/mqueue", &st) == 0 && (st.st_mode & 07777) == 01777,
	   "the root is 1777");
	mfd = mq_open_k(NAME, O_RDWR, 0, NULL);
	mq_send_k(mfd, "hello", 5, 0, NULL);
	mq_send_k(mfd, "hi", 2, 0, NULL);
	fd = open("/dev/mqueue/" NAME, O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	is_str(buf, "QSIZE:7          NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n",
	       "reading the file gives the QSIZE line");
	close(fd);
	close(mfd);
	fd = open("/dev/mqueue/tine-mq-file", O_RDWR | O_CREAT, 0640);
	ok(fd >= 0, "open(O_CREAT) in the filesystem makes a queue");
	close(fd);
	mfd = mq_open_k("tine-mq-file", O_RDWR, 0, NULL);
	ok(mfd >= 0, "which mq_open finds");
	close(mfd);
	expect_ok(unlink("/dev/mqueue/tine-mq-file"));
	expect_errno(mq_open_k("tine-mq-file", O_RDWR, 0, NULL), ENOENT);
	umount("/dev/mqueue");

	/* queues_max binds the unprivileged. */
	expect_ok(write_proc("/proc/sys/fs/mqueue/msg_max", "10"));
	is(write_proc("/proc/sys/fs/mqueue/msg_max", "0"), -EINVAL,
	   "msg_max is at least 1");
	is(write_proc("/proc/sys/fs/mqueue/msgsize_max", "127"), -EINVAL,
	   "msgsize_max is at least 128");
	expect_ok(syscall(SYS_mq_unlink, NAME));
}

int main(void)
{
	test_open();
	test_send_receive();
	test_wakeup_and_poll();
	test_notify();
	test_fs_and_limits();
	return tap_done();
}
