/*
 * tests/splice/sockets.c: splice and sendfile with AF_UNIX sockets at
 * either end: a file through a pipe into a stream socket and back out
 * into a file (every byte, in order, past the socket's buffer), one
 * datagram per read from a dgram or seqpacket socket, a pipe's bytes as
 * one datagram, SPLICE_F_NONBLOCK on an empty stream socket (EAGAIN),
 * a peer that shut down (0), EPIPE with SIGPIPE ignored and the SIGPIPE
 * itself otherwise (splice and sendfile alike), and a socket that is
 * no pipe on either side (EINVAL).
 */
#include "tap.h"
#include <sys/sendfile.h>
#include <sys/socket.h>

#define SPLICE_F_NONBLOCK 2
#define BIG 300000

static unsigned char data[BIG];
static char path[64], out_path[64];

static long splice_k(int in, loff_t *offin, int out, loff_t *offout,
		     size_t len, unsigned flags)
{
	return syscall(SYS_splice, in, offin, out, offout, len, flags);
}

static int make_file(void)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + (i >> 11));
	if (fd >= 0 && write(fd, data, sizeof(data)) != (ssize_t)sizeof(data)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Child: splice the socket into a pipe and the pipe into out_path until
 * the peer is done; 0 when the file then holds data. */
static int socket_to_file(int s)
{
	static unsigned char back[BIG];
	int p[2], out = open(out_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	long total = 0, n, m;

	if (out < 0 || pipe(p))
		return 2;
	while ((n = splice_k(s, NULL, p[1], NULL, 65536, 0)) > 0) {
		for (long left = n; left > 0; left -= m) {
			m = splice_k(p[0], NULL, out, NULL, left, 0);
			if (m <= 0)
				return 3;
		}
		total += n;
	}
	if (n < 0 || total != BIG)
		return 4;
	if (pread(out, back, BIG, 0) != BIG || memcmp(back, data, BIG))
		return 5;
	close(out);
	return 0;
}

static void test_stream_round_trip(void)
{
	int fd = make_file(), sv[2], p[2], st;
	loff_t off = 0;
	long total = 0, n, m;
	pid_t pid;

	if (fd < 0 || pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		ok(0, "setup");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		_exit(socket_to_file(sv[1]));
	}
	close(sv[1]);
	while (total < BIG) {
		n = splice_k(fd, &off, p[1], NULL, BIG - total, 0);
		if (n <= 0)
			break;
		for (long left = n; left > 0; left -= m) {
			m = splice_k(p[0], NULL, sv[0], NULL, left, 0);
			if (m <= 0)
				break;
		}
		total += n;
	}
	is(total, BIG, "a 300000-byte file through a pipe into a stream socket");
	close(sv[0]);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0),
	   "the peer spliced it out into a file, every byte in order (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink(out_path);
}

/* A datagram-keeping socket: each splice out reads one message. */
static void test_messages(int type, const char *what)
{
	char buf[64];
	int sv[2], p[2];

	if (pipe(p) || socketpair(AF_UNIX, type, 0, sv)) {
		ok(0, "%s: setup", what);
		return;
	}
	send(sv[1], "first", 5, 0);
	send(sv[1], "second one", 10, 0);
	is(splice_k(sv[0], NULL, p[1], NULL, 64, 0), 5,
	   "%s to a pipe: one message per splice", what);
	is(splice_k(sv[0], NULL, p[1], NULL, 64, 0), 10, "%s: the next one", what);
	is(read(p[0], buf, sizeof(buf)), 15, "%s: both in the pipe", what);
	ok(!memcmp(buf, "firstsecond one", 15), "%s: in order", what);
	write(p[1], "abc", 3);
	write(p[1], "defg", 4);
	is(splice_k(p[0], NULL, sv[0], NULL, 64, 0), 7,
	   "a pipe to a %s socket", what);
	is(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), 7,
	   "%s: the pipe's bytes came as one message", what);
	ok(!memcmp(buf, "abcdefg", 7), "%s: its bytes", what);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

static void test_nonblock_and_eof(void)
{
	int sv[2], p[2];

	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		ok(0, "setup");
		return;
	}
	expect_errno(splice_k(sv[0], NULL, p[1], NULL, 64, SPLICE_F_NONBLOCK),
		     EAGAIN);
	shutdown(sv[1], SHUT_WR);
	is(splice_k(sv[0], NULL, p[1], NULL, 64, 0), 0,
	   "the peer shut down writing: 0");
	close(sv[1]);
	is(splice_k(sv[0], NULL, p[1], NULL, 64, 0), 0, "the peer closed: 0");
	close(sv[0]);
	close(p[0]);
	close(p[1]);
}

/* Splice and sendfile into a socket whose peer is gone: EPIPE, and
 * SIGPIPE unless it is ignored. */
static int pipe_to_dead_socket(void)
{
	int sv[2], p[2];

	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 2;
	close(sv[1]);
	write(p[1], "lost", 4);
	splice_k(p[0], NULL, sv[0], NULL, 4, 0);
	return 3;
}

static int file_to_dead_socket(void)
{
	int fd = open(path, O_RDONLY), sv[2];

	if (fd < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 2;
	close(sv[1]);
	sendfile(sv[0], fd, NULL, 100);
	return 3;
}

static void test_epipe(void)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	int sv[2], p[2];
	char buf[8];

	ok(killed_by(run_child(pipe_to_dead_socket), SIGPIPE),
	   "splice into a socket whose peer closed: SIGPIPE");
	ok(killed_by(run_child(file_to_dead_socket), SIGPIPE),
	   "sendfile into a socket whose peer closed: SIGPIPE");
	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		ok(0, "setup");
		return;
	}
	sigaction(SIGPIPE, &ign, &old);
	close(sv[1]);
	write(p[1], "kept", 4);
	expect_errno(splice_k(p[0], NULL, sv[0], NULL, 4, 0), EPIPE);
	is(read(p[0], buf, sizeof(buf)), 4, "the bytes stay in the pipe");
	sigaction(SIGPIPE, &old, NULL);
	close(sv[0]);
	close(p[0]);
	close(p[1]);
}

static void test_not_a_pipe(void)
{
	int fd = open(path, O_RDWR), sv[2];
	loff_t off = 0;

	if (fd < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		ok(0, "setup");
		return;
	}
	write(sv[1], "x", 1);
	expect_errno(splice_k(sv[0], NULL, fd, &off, 1, 0), EINVAL);
	expect_errno(splice_k(fd, &off, sv[0], NULL, 1, 0), EINVAL);
	expect_errno(splice_k(sv[0], NULL, sv[1], NULL, 1, 0), EINVAL);
	close(sv[0]);
	close(sv[1]);
	close(fd);
}

int main(void)
{
	scratch(path, sizeof(path), "splice-sock-in");
	scratch(out_path, sizeof(out_path), "splice-sock-out");
	test_stream_round_trip();
	test_messages(SOCK_DGRAM, "dgram");
	test_messages(SOCK_SEQPACKET, "seqpacket");
	test_nonblock_and_eof();
	test_epipe();
	test_not_a_pipe();
	unlink(path);
	return tap_done();
}
