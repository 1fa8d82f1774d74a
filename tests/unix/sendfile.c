/*
 * tests/unix/sendfile.c: sendfile with AF_UNIX sockets: a file into a
 * stream socket (all bytes, the offset argument), into a datagram socket
 * (a message per page, as Linux), and the errors: a socket is no
 * input (EINVAL: sendfile reads regular files), EPIPE once the peer is
 * gone.
 */
#include "tap.h"
#include "unixsock.h"
#include <sys/sendfile.h>

static char path[64];
static unsigned char data[100000];

static int make_file(void)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 13 + (i >> 9));
	write(fd, data, sizeof(data));
	return fd;
}

/* Read n bytes from fd in a child-free loop and compare with data+off. */
static int read_back(int fd, size_t off, size_t n)
{
	static unsigned char buf[sizeof(data)];
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);

		if (r <= 0)
			return 0;
		got += r;
	}
	return !memcmp(buf, data + off, n);
}

static void test_file_to_stream(void)
{
	int fd = make_file(), sv[2];
	off_t off = 1000;
	pid_t pid;
	int st;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		_exit(read_back(sv[1], 0, sizeof(data)) &&
		      read_back(sv[1], 1000, 5000) ? 0 : 1);
	}
	lseek(fd, 0, SEEK_SET);
	is(sendfile(sv[0], fd, NULL, sizeof(data)), (long)sizeof(data),
	   "sendfile a 100000-byte file into a stream socket");
	is(lseek(fd, 0, SEEK_CUR), (long)sizeof(data), "the file offset moved");
	is(sendfile(sv[0], fd, &off, 5000), 5000, "sendfile from an offset");
	is(off, 6000, "the offset argument moved");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the peer read every byte in order");
	close(sv[0]);
	close(sv[1]);
	close(fd);
}

static void test_file_to_dgram(void)
{
	int fd = make_file(), sv[2];
	static unsigned char buf[20000];
	off_t off = 0;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	is(sendfile(sv[0], fd, &off, 10000), 10000, "sendfile into a dgram socket");
	is(recv(sv[1], buf, sizeof(buf), 0), 4096, "a datagram per page");
	ok(!memcmp(buf, data, 4096), "its bytes");
	is(recv(sv[1], buf, sizeof(buf), 0), 4096, "the second page");
	is(recv(sv[1], buf, sizeof(buf), 0), 10000 - 8192, "and the rest");
	ok(!memcmp(buf, data + 8192, 10000 - 8192), "intact");
	close(sv[0]);
	close(sv[1]);
	close(fd);
}

/* Linux's sendfile reads only regular files and block devices: not a
 * socket, nor a character device. */
static void test_socket_input(void)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), sv[2];
	off_t off = 0;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "spliced", 7);
	expect_errno(sendfile(fd, sv[0], &off, 7), ESPIPE);
	expect_errno(sendfile(fd, sv[0], NULL, 7), EINVAL);
	{
		int z = open("/dev/zero", O_RDONLY);

		expect_errno(sendfile(sv[1], z, NULL, 7), EINVAL);
		close(z);
	}
	is(read(sv[0], (char[8]){ 0 }, 8), 7, "the data is still there");
	close(sv[0]);
	close(sv[1]);
	close(fd);
}

static void test_errors(void)
{
	int fd = make_file(), sv[2];
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;
	off_t off = 0;
	long n;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	sigaction(SIGPIPE, &sa, &old);
	expect_errno(sendfile(sv[0], fd, &off, 4096), EPIPE);
	sigaction(SIGPIPE, &old, NULL);
	close(sv[0]);
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	off = 0;
	n = sendfile(sv[0], fd, &off, sizeof(data));
	ok(n > 0 && n <= (long)sizeof(data) && off == n,
	   "non-blocking: as much as fits (%ld), the offset after it", n);
	close(sv[0]);
	close(sv[1]);
	close(fd);
}

int main(void)
{
	scratch(path, sizeof(path), "unix-sendfile");
	test_file_to_stream();
	test_file_to_dgram();
	test_socket_input();
	test_errors();
	unlink(path);
	return tap_done();
}
