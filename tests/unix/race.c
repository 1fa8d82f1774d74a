/*
 * tests/unix/race.c: AF_UNIX sockets hammered from several threads at
 * once (on several CPUs under make check-smp): concurrent writers keep
 * each write whole and in order, concurrent datagram readers get each
 * message exactly once, a connect storm against a small backlog is all
 * accepted, shutdown wakes a blocked reader and a blocked accept, and
 * cycles of sockets in flight made and dropped by several threads are
 * all collected.
 */
#include "tap.h"
#include "unixsock.h"
#include <pthread.h>

#define THREADS 4

struct rec {
	int thread;
	int seq;
	char pad[56];
};

static int ssv[2];

static void *stream_writer(void *arg)
{
	struct rec r;
	long t = (long)arg;

	memset(&r, 0, sizeof(r));
	r.thread = t;
	for (r.seq = 0; r.seq < 2000; r.seq++) {
		memset(r.pad, 'a' + t, sizeof(r.pad));
		if (write(ssv[0], &r, sizeof(r)) != sizeof(r))
			return (void *)1;
	}
	return NULL;
}

static void test_stream_writers(void)
{
	pthread_t th[THREADS];
	int next[THREADS] = { 0 }, bad = 0, got = 0;
	struct rec r;
	void *ret;

	socketpair(AF_UNIX, SOCK_STREAM, 0, ssv);
	for (long t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, stream_writer, (void *)t);
	while (got < THREADS * 2000) {
		size_t have = 0;

		while (have < sizeof(r)) {
			ssize_t n = read(ssv[1], (char *)&r + have,
					 sizeof(r) - have);

			if (n <= 0) {
				bad = 1;
				break;
			}
			have += n;
		}
		if (bad)
			break;
		if (r.thread < 0 || r.thread >= THREADS ||
		    r.seq != next[r.thread] || r.pad[0] != 'a' + r.thread ||
		    r.pad[55] != 'a' + r.thread) {
			bad = 2;
			break;
		}
		next[r.thread]++;
		got++;
	}
	for (int t = 0; t < THREADS; t++) {
		pthread_join(th[t], &ret);
		bad |= ret != NULL;
	}
	ok(!bad && got == THREADS * 2000,
	   "%d writers: every write whole and in order (%d, %d)", THREADS, bad,
	   got);
	close(ssv[0]);
	close(ssv[1]);
}

static int dsv[2];
static int seen[THREADS * 1000];

static void *dgram_reader(void *arg __attribute__((unused)))
{
	int v;
	long n = 0;

	while (recv(dsv[1], &v, sizeof(v), 0) == sizeof(v)) {
		if (v < 0)
			break;
		__atomic_add_fetch(&seen[v], 1, __ATOMIC_RELAXED);
		n++;
	}
	return (void *)n;
}

static void test_dgram_readers(void)
{
	pthread_t th[THREADS];
	long total = 0;
	int dup = 0, missing = 0, stop = -1;
	void *ret;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, dsv);
	for (long t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, dgram_reader, NULL);
	for (int v = 0; v < THREADS * 1000; v++)
		send(dsv[0], &v, sizeof(v), 0);
	for (int t = 0; t < THREADS; t++)
		send(dsv[0], &stop, sizeof(stop), 0);
	for (int t = 0; t < THREADS; t++) {
		pthread_join(th[t], &ret);
		total += (long)ret;
	}
	for (int v = 0; v < THREADS * 1000; v++) {
		dup += seen[v] > 1;
		missing += seen[v] == 0;
	}
	ok(total == THREADS * 1000 && !dup && !missing,
	   "%d readers: each datagram exactly once (%ld, %d dup, %d lost)",
	   THREADS, total, dup, missing);
	close(dsv[0]);
	close(dsv[1]);
}

static struct sockaddr_un la;
static socklen_t lalen;

static void *connector(void *arg __attribute__((unused)))
{
	long ok_n = 0;

	for (int i = 0; i < 100; i++) {
		int c = socket(AF_UNIX, SOCK_STREAM, 0);

		if (connect(c, (struct sockaddr *)&la, lalen) == 0 &&
		    write(c, "x", 1) == 1)
			ok_n++;
		close(c);
	}
	return (void *)ok_n;
}

static void test_connect_storm(void)
{
	pthread_t th[THREADS];
	int l = socket(AF_UNIX, SOCK_STREAM, 0), accepted = 0, data = 0;
	long connected = 0;
	char name[32], c;
	void *ret;

	snprintf(name, sizeof(name), "tine-race-%d", (int)getpid());
	la = un_abstract(name, &lalen);
	bind(l, (struct sockaddr *)&la, lalen);
	listen(l, 2);
	for (long t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, connector, NULL);
	while (accepted < THREADS * 100) {
		int a = accept(l, NULL, NULL);

		if (a < 0)
			break;
		accepted++;
		data += read(a, &c, 1) == 1;
		close(a);
	}
	for (int t = 0; t < THREADS; t++) {
		pthread_join(th[t], &ret);
		connected += (long)ret;
	}
	ok(connected == THREADS * 100 && accepted == THREADS * 100 &&
		   data == accepted,
	   "a connect storm on a backlog of 2: all connected and accepted "
	   "(%ld, %d, %d)", connected, accepted, data);
	close(l);
}

static int wfd;

static void *blocked(void *arg)
{
	char c;

	if (arg)
		return (void *)(long)accept(wfd, NULL, NULL);
	return (void *)(long)read(wfd, &c, 1);
}

static void test_shutdown_wakes(void)
{
	pthread_t th;
	int sv[2], l = socket(AF_UNIX, SOCK_STREAM, 0);
	char name[32];
	void *ret;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	wfd = sv[0];
	pthread_create(&th, NULL, blocked, NULL);
	usleep(50000);
	shutdown(sv[0], SHUT_RD);
	pthread_join(th, &ret);
	is((long)ret, 0, "SHUT_RD wakes a reader blocked in another thread: EOF");
	close(sv[0]);
	close(sv[1]);
	snprintf(name, sizeof(name), "tine-racel-%d", (int)getpid());
	la = un_abstract(name, &lalen);
	bind(l, (struct sockaddr *)&la, lalen);
	listen(l, 2);
	wfd = l;
	pthread_create(&th, NULL, blocked, (void *)1);
	usleep(50000);
	shutdown(l, SHUT_RD);
	pthread_join(th, &ret);
	is((long)ret, -1, "SHUT_RD wakes a blocked accept: it fails");
	close(l);
}

static int probe[2];

static void *cycle_maker(void *arg __attribute__((unused)))
{
	for (int i = 0; i < 300; i++) {
		int a[2], b[2], fds[2];

		socketpair(AF_UNIX, SOCK_STREAM, 0, a);
		socketpair(AF_UNIX, SOCK_DGRAM, 0, b);
		fds[0] = b[1];
		fds[1] = probe[1];
		send_fds(a[0], fds, 2, 0);
		fds[0] = a[1];
		send_fds(b[0], fds, 1, 0);
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
	}
	return NULL;
}

static void test_gc_threads(void)
{
	pthread_t th[THREADS];
	char c;
	int closed = 0;

	pipe(probe);
	for (long t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, cycle_maker, NULL);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	close(probe[1]);
	for (int i = 0; i < 50 && !closed; i++) {
		int t[2];

		socketpair(AF_UNIX, SOCK_DGRAM, 0, t);
		close(t[0]);
		close(t[1]);
		if (poll1(probe[0], POLLIN, 100) & (POLLIN | POLLHUP))
			closed = read(probe[0], &c, 1) == 0;
	}
	ok(closed, "cycles made by %d threads at once are all collected",
	   THREADS);
	close(probe[0]);
}

int main(void)
{
	test_stream_writers();
	test_dgram_readers();
	test_connect_storm();
	test_shutdown_wakes();
	test_gc_threads();
	return tap_done();
}
