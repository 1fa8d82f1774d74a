/*
 * tests/unix/gc.c: garbage collection of files in flight. Unreachable
 * cycles (a socket sent over itself, two sockets sent to each other, a
 * listener sent into its own pending connection) are freed: a pipe end
 * put into the cycle reaches EOF, and memory comes back after many
 * rounds. What is still reachable is not touched, and a long chain of
 * sockets in flight is released without trouble.
 *
 * Linux collects when a unix socket is released while files are in
 * flight (maybe asynchronously), so after making garbage we close a
 * fresh socketpair and wait for the probe pipe's EOF.
 */
#include "tap.h"
#include "proc.h"
#include "unixsock.h"

/* Close a throwaway socketpair: the release runs the collector. */
static void trigger_gc(void)
{
	int t[2];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, t);
	close(t[0]);
	close(t[1]);
}

/* Has the probe's write end gone (EOF on the read end)? */
static int probe_closed(int rd)
{
	char c;

	for (int i = 0; i < 50; i++) {
		trigger_gc();
		if (poll1(rd, POLLIN, 100) & (POLLHUP | POLLIN))
			return read(rd, &c, 1) == 0;
	}
	return 0;
}

static int send2(int s, int a, int b)
{
	int fds[2] = { a, b };

	return send_fds(s, fds, 2, 0) == 1;
}

static void test_self_cycle(void)
{
	int s[2], p[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	pipe(p);
	ok(send2(s[0], s[1], p[1]), "send a socket into its own queue");
	close(p[1]);
	close(s[1]);
	close(s[0]);
	ok(probe_closed(p[0]), "a socket in its own queue is collected");
	close(p[0]);
}

static void test_pair_cycle(int type)
{
	int a[2], b[2], p[2];

	socketpair(AF_UNIX, type, 0, a);
	socketpair(AF_UNIX, type, 0, b);
	pipe(p);
	ok(send2(a[0], b[1], p[1]), "b1 into a1's queue");
	ok(send2(b[0], a[1], a[1]), "a1 into b1's queue");
	close(p[1]);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	ok(probe_closed(p[0]), "two sockets holding each other are collected (type %d)",
	   type);
	close(p[0]);
}

/* A listener sent into its own not yet accepted connection. */
static void test_embryo_cycle(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	int p[2];
	char name[32];

	snprintf(name, sizeof(name), "tine-gc-%d", (int)getpid());
	a = un_abstract(name, &alen);
	bind(l, (struct sockaddr *)&a, alen);
	listen(l, 1);
	connect(c, (struct sockaddr *)&a, alen);
	pipe(p);
	ok(send2(c, l, p[1]), "the listener into its pending connection");
	close(p[1]);
	close(l);
	close(c);
	ok(probe_closed(p[0]), "a cycle through a pending connection is collected");
	close(p[0]);
}

/* In flight but reachable: must survive collections. */
static void test_reachable(void)
{
	int x[2], p[2], got[2], n;
	char buf[4];

	socketpair(AF_UNIX, SOCK_STREAM, 0, x);
	pipe(p);
	send2(x[0], x[0], p[1]);	/* x0 into x1's queue; x1 stays open */
	close(p[1]);
	close(x[0]);
	trigger_gc();
	trigger_gc();
	ok(!(poll1(p[0], POLLIN, 0) & POLLHUP), "a reachable socket is left alone");
	is(recv_fds(x[1], got, 2, &n, 0, NULL), 1, "receive it back");
	is(n, 2, "both files");
	is(write(got[1], "ok", 2), 2, "the pipe end still works");
	is(read(p[0], buf, sizeof(buf)), 2, "and its data arrives");
	is(send(got[0], "hi", 2, 0), 2, "the received socket still works");
	is(recv(x[1], buf, sizeof(buf), 0), 2, "its data arrives");
	close(got[0]);
	close(got[1]);
	close(x[1]);
	is(read(p[0], buf, sizeof(buf)), 0, "then everything closes normally");
	close(p[0]);
}

/*
 * Each socket's queue holds the next: releasing the head frees all.
 * 1000 long: every close runs the collector over what is in flight, so
 * the chain costs n * n; 2000 took tine 13 s of the runner's 30 on a
 * loaded host (Linux 0.8 s).
 */
static void test_chain(void)
{
	int s[2], p[2], prev = -1, i, n = 1000;

	pipe(p);
	for (i = 0; i < n; i++) {
		socketpair(AF_UNIX, SOCK_DGRAM, 0, s);
		if (prev < 0)
			send2(s[0], p[1], p[1]);
		else
			send2(s[0], prev, prev);
		if (prev >= 0)
			close(prev);
		close(s[0]);
		prev = s[1];
	}
	close(p[1]);
	ok(!(poll1(p[0], POLLIN, 0) & POLLHUP), "a chain of %d sockets in flight", n);
	close(prev);
	ok(probe_closed(p[0]), "releasing its head releases all of it");
	close(p[0]);
}

/* Many rounds of cycles: memory must come back. */
static void test_no_leak(void)
{
	int rounds = 1000, i, a[2], b[2], p[2];
	long before, after;

	/* Warm up the allocators first. */
	for (i = 0; i < 50; i++) {
		socketpair(AF_UNIX, SOCK_DGRAM, 0, a);
		socketpair(AF_UNIX, SOCK_DGRAM, 0, b);
		send2(a[0], b[1], b[1]);
		send2(b[0], a[1], a[1]);
		close(a[0]); close(a[1]); close(b[0]); close(b[1]);
	}
	trigger_gc();
	usleep(100000);
	before = memfree_kb();
	for (i = 0; i < rounds; i++) {
		socketpair(AF_UNIX, SOCK_DGRAM, 0, a);
		socketpair(AF_UNIX, SOCK_DGRAM, 0, b);
		send2(a[0], b[1], b[1]);
		send2(b[0], a[1], a[1]);
		close(a[0]); close(a[1]); close(b[0]); close(b[1]);
	}
	pipe(p);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, a);
	send2(a[0], a[1], p[1]);
	close(p[1]); close(a[0]); close(a[1]);
	ok(probe_closed(p[0]), "the last of %d cycles is collected", rounds);
	close(p[0]);
	usleep(200000);
	after = memfree_kb();
	diag("MemFree before %ld kB, after %ld kB", before, after);
	ok(before > 0 && before - after < 2048,
	   "memory of %d collected cycles comes back (%ld kB)", rounds,
	   before - after);
}

int main(void)
{
	test_self_cycle();
	test_pair_cycle(SOCK_STREAM);
	test_pair_cycle(SOCK_DGRAM);
	test_pair_cycle(SOCK_SEQPACKET);
	test_embryo_cycle();
	test_reachable();
	test_chain();
	test_no_leak();
	return tap_done();
}
