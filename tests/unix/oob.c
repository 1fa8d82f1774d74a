/*
 * tests/unix/oob.c: MSG_OOB on AF_UNIX stream sockets (Linux's
 * CONFIG_AF_UNIX_OOB): the last byte of a MSG_OOB send is out of band;
 * recv(MSG_OOB) takes it, a normal read stops at the mark and then
 * skips the byte unless SO_OOBINLINE; SIOCATMARK; POLLPRI; a newer OOB
 * byte supersedes the older; and the errors (EINVAL with nothing out of
 * band or inline, EOPNOTSUPP for datagrams and empty sends). The
 * receiving socket's owner (F_SETOWN) gets SIGURG, O_ASYNC or not; an
 * O_ASYNC file with an F_SETSIG signal also gets it with POLL_PRI.
 */
#include "tap.h"
#include "unixsock.h"

#ifndef SIOCATMARK
#define SIOCATMARK 0x8905
#endif

static int atmark(int fd)
{
	int v = -1;

	return ioctl(fd, SIOCATMARK, &v) < 0 ? -errno : v;
}

static void test_basic(void)
{
	char buf[16] = { 0 };
	int sv[2], n = -1;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	is(atmark(sv[1]), 0, "SIOCATMARK of an empty socket");
	is(send(sv[0], "abc", 3, MSG_OOB), 3, "send 3 bytes with MSG_OOB");
	ok(poll1(sv[1], POLLIN | POLLPRI, 0) & POLLPRI, "POLLPRI: urgent data");
	ioctl(sv[1], FIONREAD, &n);
	is(n, 3, "FIONREAD counts the OOB byte too");
	is(recv(sv[1], buf, sizeof(buf), 0), 2, "a normal read stops at the mark");
	is_str(buf, "ab", "with the bytes before it");
	is(atmark(sv[1]), 1, "SIOCATMARK: at the mark");
	memset(buf, 0, sizeof(buf));
	is(recv(sv[1], buf, sizeof(buf), MSG_OOB | MSG_PEEK), 1, "peek the OOB byte");
	is(recv(sv[1], buf, sizeof(buf), MSG_OOB), 1, "recv(MSG_OOB)");
	is_str(buf, "c", "gets the last byte sent");
	expect_errno(recv(sv[1], buf, sizeof(buf), MSG_OOB), EINVAL);
	ok(!(poll1(sv[1], POLLIN | POLLPRI, 0) & POLLPRI), "no POLLPRI after");
	expect_errno(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	close(sv[0]);
	close(sv[1]);
}

/* Read on without taking the OOB byte: it is skipped. */
static void test_skipped(void)
{
	char buf[16] = { 0 };
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "abc", 3, MSG_OOB);
	send(sv[0], "de", 2, 0);
	is(recv(sv[1], buf, sizeof(buf), 0), 2, "up to the mark");
	memset(buf, 0, sizeof(buf));
	is(recv(sv[1], buf, sizeof(buf), 0), 2, "then past it");
	is_str(buf, "de", "the OOB byte is not in the stream");
	expect_errno(recv(sv[1], buf, sizeof(buf), MSG_OOB), EINVAL);
	close(sv[0]);
	close(sv[1]);
}

static void test_inline(void)
{
	char buf[16] = { 0 };
	int sv[2], on = 1;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	setsockopt(sv[1], SOL_SOCKET, SO_OOBINLINE, &on, sizeof(on));
	send(sv[0], "abc", 3, MSG_OOB);
	send(sv[0], "de", 2, 0);
	expect_errno(recv(sv[1], buf, sizeof(buf), MSG_OOB), EINVAL);
	is(recv(sv[1], buf, sizeof(buf), 0), 2, "inline: a read stops at the mark");
	memset(buf, 0, sizeof(buf));
	is(recv(sv[1], buf, sizeof(buf), 0), 3, "then reads the byte inline");
	is_str(buf, "cde", "in its place");
	close(sv[0]);
	close(sv[1]);
}

/* A second OOB byte moves the mark; the first becomes ordinary data. */
static void test_superseded(void)
{
	char buf[16] = { 0 };
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "x", 1, MSG_OOB);
	send(sv[0], "y", 1, MSG_OOB);
	is(recv(sv[1], buf, 1, MSG_OOB), 1, "recv(MSG_OOB)");
	is(buf[0], 'y', "gets the newest OOB byte");
	memset(buf, 0, sizeof(buf));
	is(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), 1,
	   "the older one is ordinary data now");
	is_str(buf, "x", "and reads");
	close(sv[0]);
	close(sv[1]);
}

static void test_errors(void)
{
	char buf[4];
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	expect_errno(send(sv[0], "", 0, MSG_OOB), EOPNOTSUPP);
	expect_errno(recv(sv[1], buf, 1, MSG_OOB), EINVAL);
	close(sv[0]);
	close(sv[1]);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	expect_errno(send(sv[0], "a", 1, MSG_OOB), EOPNOTSUPP);
	expect_errno(recv(sv[1], buf, 1, MSG_OOB), EOPNOTSUPP);
	close(sv[0]);
	close(sv[1]);
	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	expect_errno(send(sv[0], "a", 1, MSG_OOB), EOPNOTSUPP);
	close(sv[0]);
	close(sv[1]);
}

static volatile int urg_count, rt_count, rt_code;
static volatile long rt_band;

static void on_urg(int sig)
{
	(void)sig;
	urg_count++;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	rt_count++;
	if (si->si_code == POLL_PRI) {
		rt_code = si->si_code;
		rt_band = si->si_band;
	}
}

static void test_sigurg(void)
{
	struct sigaction sa = { .sa_handler = on_urg };
	int sv[2];

	sigaction(SIGURG, &sa, NULL);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	is(send(sv[0], "x", 1, MSG_OOB), 1, "OOB to a socket without owner");
	is(urg_count, 0, "no SIGURG without an owner");
	is(fcntl(sv[1], F_SETOWN, getpid()), 0, "F_SETOWN on the receiver");
	is(send(sv[0], "ab", 2, 0), 2, "in-band data");
	is(urg_count, 0, "no SIGURG for in-band data");
	is(send(sv[0], "y", 1, MSG_OOB), 1, "OOB again");
	is(urg_count, 1, "the owner got SIGURG (no O_ASYNC needed)");
	is(send(sv[1], "z", 1, MSG_OOB), 1, "OOB the other way");
	is(urg_count, 1, "the sender's side has no owner: no SIGURG");
	close(sv[0]);
	close(sv[1]);
	signal(SIGURG, SIG_DFL);
}

static void test_sigurg_child(void)
{
	int sv[2], st;
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGURG);
	sigprocmask(SIG_BLOCK, &set, NULL);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 10, 0 };

		_exit(sigtimedwait(&set, NULL, &ts) == SIGURG ? 0 : 1);
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	is(fcntl(sv[1], F_SETOWN, pid), 0, "F_SETOWN to a child");
	is(fcntl(sv[1], F_GETOWN), pid, "F_GETOWN says it");
	is(send(sv[0], "u", 1, MSG_OOB), 1, "send OOB");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child got SIGURG (%#x)", st);
	close(sv[0]);
	close(sv[1]);
}

static void test_setsig(void)
{
	struct sigaction sa = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO };
	struct sigaction ign = { .sa_handler = SIG_IGN };
	int sv[2];

	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGURG, &ign, NULL);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	fcntl(sv[1], F_SETOWN, getpid());
	fcntl(sv[1], F_SETSIG, SIGRTMIN);
	fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) | O_ASYNC);
	is(send(sv[0], "v", 1, MSG_OOB), 1, "OOB to an O_ASYNC file with F_SETSIG");
	ok(rt_count >= 2, "the F_SETSIG signal came (%d times)", rt_count);
	is(rt_code, POLL_PRI, "one with si_code POLL_PRI");
	is(rt_band, POLLPRI | POLLRDBAND, "and si_band POLLPRI|POLLRDBAND");
	close(sv[0]);
	close(sv[1]);
	signal(SIGURG, SIG_DFL);
	signal(SIGRTMIN, SIG_DFL);
}

int main(void)
{
	test_basic();
	test_skipped();
	test_inline();
	test_superseded();
	test_errors();
	test_sigurg();
	test_sigurg_child();
	test_setsig();
	return tap_done();
}
