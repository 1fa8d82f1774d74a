/*
 * tests/unix/bigxfer.c: large transfers with forked peers. A stream
 * carries 8 MiB each way at once (one process writing, one reading at
 * the far end; a poll loop with odd-sized non-blocking I/O at the near
 * end) and every byte is checked; 2000 datagrams of varied sizes keep
 * their order, sizes and contents; a seqpacket peer echoes records.
 */
#include "tap.h"
#include "unixsock.h"

#define STREAM_BYTES (8L << 20)

static unsigned char pattern(long i, int seed)
{
	return (unsigned char)(i * 31 + (i >> 13) + seed);
}

/* Write n pattern bytes in pieces of varying size; 0 on success. */
static int write_pattern(int fd, long n, int seed)
{
	static unsigned char buf[70000];
	long done = 0;

	while (done < n) {
		long len = 1 + (done * 7919) % (long)sizeof(buf), i;
		ssize_t w;

		if (len > n - done)
			len = n - done;
		for (i = 0; i < len; i++)
			buf[i] = pattern(done + i, seed);
		w = write(fd, buf, len);
		if (w <= 0)
			return 1;
		done += w;
	}
	return 0;
}

/* Read n bytes, checking the pattern; 0 on success. */
static int read_pattern(int fd, long n, int seed)
{
	static unsigned char buf[50000];
	long done = 0;

	while (done < n) {
		ssize_t r = read(fd, buf, sizeof(buf) - (done % 97));

		if (r <= 0)
			return 1;
		for (ssize_t i = 0; i < r; i++)
			if (buf[i] != pattern(done + i, seed))
				return 2;
		done += r;
	}
	return 0;
}

static void test_stream_both_ways(void)
{
	static unsigned char out[40000], in[40000];
	long sent = 0, got = 0;
	int sv[2], bad = 0, st1, st2;
	pid_t w, r;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	w = fork();
	if (w == 0)
		_exit(write_pattern(sv[0], STREAM_BYTES, 1));
	r = fork();
	if (r == 0)
		_exit(read_pattern(sv[0], STREAM_BYTES, 2));
	close(sv[0]);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	while ((sent < STREAM_BYTES || got < STREAM_BYTES) && !bad) {
		short ev = (sent < STREAM_BYTES ? POLLOUT : 0) |
			   (got < STREAM_BYTES ? POLLIN : 0);
		int re = poll1(sv[1], ev, 10000);

		if (re <= 0) {
			bad = 1;
			break;
		}
		if (re & POLLOUT) {
			long len = sizeof(out) - sent % 1000, i;
			ssize_t n;

			if (len > STREAM_BYTES - sent)
				len = STREAM_BYTES - sent;
			for (i = 0; i < len; i++)
				out[i] = pattern(sent + i, 2);
			n = write(sv[1], out, len);
			if (n > 0)
				sent += n;
			else if (errno != EAGAIN)
				bad = 2;
		}
		if (re & POLLIN) {
			ssize_t n = read(sv[1], in, sizeof(in));

			for (ssize_t i = 0; i < n; i++)
				if (in[i] != pattern(got + i, 1))
					bad = 3;
			if (n > 0)
				got += n;
			else if (n == 0 || errno != EAGAIN)
				bad = 4;
		}
	}
	ok(!bad, "8 MiB each way through one stream pair (%d)", bad);
	is(got, STREAM_BYTES, "all bytes read");
	waitpid(w, &st1, 0);
	waitpid(r, &st2, 0);
	ok(exited_with(st1, 0), "the far writer finished");
	ok(exited_with(st2, 0), "the far reader saw every byte in order");
	close(sv[1]);
}

static void test_dgrams(void)
{
	static unsigned char buf[70000];
	int sv[2], bad = 0, st, i;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 2000; i++) {
			long len = 4 + (i * 7331) % 60000, j;

			memcpy(buf, &i, 4);
			for (j = 4; j < len; j++)
				buf[j] = pattern(j, i);
			if (send(sv[0], buf, len, 0) != len)
				_exit(1);
		}
		_exit(0);
	}
	for (i = 0; i < 2000 && !bad; i++) {
		long len = 4 + (i * 7331) % 60000, j;
		ssize_t n = recv(sv[1], buf, sizeof(buf), 0);
		int seq;

		memcpy(&seq, buf, 4);
		if (n != len || seq != i)
			bad = 1;
		for (j = 4; j < n && !bad; j++)
			if (buf[j] != pattern(j, i))
				bad = 2;
	}
	ok(!bad, "2000 datagrams: order, sizes, contents (%d at %d)", bad, i);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the sender finished");
	close(sv[0]);
	close(sv[1]);
}

static void test_seqpacket_echo(void)
{
	static char buf[20000], back[20000];
	int sv[2], bad = 0, st, i;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	pid = fork();
	if (pid == 0) {
		ssize_t n;

		close(sv[1]);
		while ((n = recv(sv[0], buf, sizeof(buf), 0)) > 0)
			if (send(sv[0], buf, n, 0) != n)
				_exit(1);
		_exit(n == 0 ? 0 : 2);
	}
	close(sv[0]);
	for (i = 0; i < 500 && !bad; i++) {
		int len = 1 + (i * 131) % (int)sizeof(buf);

		memset(buf, 'a' + i % 26, len);
		if (send(sv[1], buf, len, 0) != len ||
		    recv(sv[1], back, sizeof(back), 0) != len ||
		    memcmp(buf, back, len))
			bad = 1;
	}
	ok(!bad, "500 seqpacket records echoed back intact");
	close(sv[1]);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the echo peer saw EOF and exited");
}

int main(void)
{
	test_stream_both_ways();
	test_dgrams();
	test_seqpacket_echo();
	return tap_done();
}
