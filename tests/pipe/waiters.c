/*
 * tests/pipe/waiters.c: many processes blocked on one pipe (readers
 * and writers wait exclusive, as Linux's: one wake-up per event, passed
 * on while the pipe stays readable or writable). Eight readers blocked
 * on an empty pipe each get a byte of one eight-byte write; eight
 * writers blocked on a full pipe all finish once it is drained; readers
 * blocked when the last writer closes all see end of file.
 */
#include "tap.h"
#include <signal.h>

#define N 8

static int p[2];

/* N children reading one byte each; returns how many read exactly 1. */
static int readers_get_one_each(void)
{
	pid_t pids[N];
	int good = 0, st;

	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			char c;

			close(p[1]);
			alarm(20);
			_exit(read(p[0], &c, 1) == 1 ? 0 : 1);
		}
	}
	usleep(200000);			/* let them all block */
	if (write(p[1], "abcdefgh", N) != N)
		diag("write: %s", strerror(errno));
	for (int i = 0; i < N; i++)
		if (waitpid(pids[i], &st, 0) == pids[i] && exited_with(st, 0))
			good++;
	return good;
}

static void test_readers(void)
{
	pipe(p);
	is(readers_get_one_each(), N, "8 blocked readers each got a byte");
	close(p[0]);
	close(p[1]);
}

static void test_writers(void)
{
	static char big[65536];
	pid_t pids[N];
	int good = 0, st, fl;
	ssize_t r, got = 0;

	pipe(p);
	fl = fcntl(p[1], F_GETFL);
	fcntl(p[1], F_SETFL, fl | O_NONBLOCK);
	while (write(p[1], big, sizeof(big)) > 0)
		;
	fcntl(p[1], F_SETFL, fl);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			alarm(20);
			_exit(write(p[1], "w", 1) == 1 ? 0 : 1);
		}
	}
	usleep(200000);			/* let them all block */
	alarm(20);
	while (got < 65536 + N) {
		r = read(p[0], big, sizeof(big));
		if (r <= 0)
			break;
		got += r;
	}
	alarm(0);
	for (int i = 0; i < N; i++)
		if (waitpid(pids[i], &st, 0) == pids[i] && exited_with(st, 0))
			good++;
	is(good, N, "8 writers blocked on a full pipe all wrote");
	is(got, 65536 + N, "every byte came through");
	close(p[0]);
	close(p[1]);
}

static void test_eof(void)
{
	pid_t pids[N];
	int good = 0, st;

	pipe(p);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			char c;

			close(p[1]);
			alarm(20);
			_exit(read(p[0], &c, 1) == 0 ? 0 : 1);
		}
	}
	usleep(200000);
	close(p[1]);
	for (int i = 0; i < N; i++)
		if (waitpid(pids[i], &st, 0) == pids[i] && exited_with(st, 0))
			good++;
	is(good, N, "the last writer's close gives all 8 readers end of file");
	close(p[0]);
}

int main(void)
{
	test_readers();
	test_writers();
	test_eof();
	return tap_done();
}
