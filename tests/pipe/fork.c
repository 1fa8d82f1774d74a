/*
 * tests/pipe/fork.c: pipes across fork: a writer child sends far more than
 * PIPE_BUF (and more than the pipe holds), the parent reads it all intact;
 * small writes are atomic between two concurrent writers; EOF comes only
 * when the last copy of the write end is closed.
 */
#include "tap.h"
#include <limits.h>

#define BIG (256 * 1024)

/* Byte i of the test stream: a pattern that catches reordering. */
static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 + i / 4096);
}

static void writer(int fd)
{
	static unsigned char buf[BIG];
	long i;

	for (i = 0; i < BIG; i++)
		buf[i] = pattern(i);
	_exit(write(fd, buf, BIG) == BIG ? 0 : 1);
}

static void test_big_write(void)
{
	static unsigned char buf[8192];
	long got = 0, bad = 0, i, n;
	int fds[2], status;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		writer(fds[1]);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			bad += buf[i] != pattern(got + i);
		got += n;
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	is(got, BIG, "all of a 256 KiB write arrives");
	is(bad, 0, "the data arrives in order and intact");
	ok(exited_with(status, 0), "the writer's single write returned the full count");
}

/* Two children write PIPE_BUF-sized records; none may be split. */
static void record_writer(int fd, char tag)
{
	char rec[PIPE_BUF];
	int i;

	memset(rec, tag, sizeof(rec));
	for (i = 0; i < 32; i++)
		write(fd, rec, sizeof(rec));
	_exit(0);
}

static void test_atomic(void)
{
	static char buf[PIPE_BUF];
	int fds[2], torn = 0, records = 0, i;
	pid_t a, b;

	pipe(fds);
	if ((a = fork()) == 0)
		record_writer(fds[1], 'a');
	if ((b = fork()) == 0)
		record_writer(fds[1], 'b');
	close(fds[1]);
	for (;;) {
		long n = 0, r;

		while (n < PIPE_BUF && (r = read(fds[0], buf + n, PIPE_BUF - n)) > 0)
			n += r;
		if (n < PIPE_BUF)
			break;
		records++;
		for (i = 1; i < PIPE_BUF; i++)
			torn += buf[i] != buf[0];
	}
	close(fds[0]);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
	is(records, 64, "every PIPE_BUF record arrives");
	is(torn, 0, "writes of PIPE_BUF bytes are not interleaved");
}

static void test_eof_after_all_writers(void)
{
	char c;
	int fds[2], go[2];
	pid_t pid;

	pipe(fds);
	pipe(go);
	pid = fork();
	if (pid == 0) {
		/* Hold the write end until told to go, then exit. */
		close(fds[0]);
		close(go[1]);
		read(go[0], &c, 1);
		_exit(0);
	}
	close(go[0]);
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	expect_errno(read(fds[0], &c, 1), EAGAIN);
	write(go[1], "g", 1);
	waitpid(pid, NULL, 0);
	is(read(fds[0], &c, 1), 0, "EOF once the child's copy is closed too");
	close(fds[0]);
	close(go[1]);
}

int main(void)
{
	test_big_write();
	test_atomic();
	test_eof_after_all_writers();
	return tap_done();
}
