/*
 * tests/glibc/sockets.c: AF_UNIX as a glibc static program uses it:
 * socketpair between a parent and a forked child, stdio (fdopen) over a
 * socket, glibc's sendmsg/recvmsg with an SCM_RIGHTS fd, threads
 * blocked in recv woken by another thread, and a named server with
 * accept in a thread.
 */
#include "tap.h"
#include "unixsock.h"
#include <pthread.h>

static void test_fork_stdio(void)
{
	int sv[2], st;
	char line[64] = { 0 };
	FILE *f;
	pid_t pid;

	ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0,
	   "glibc socketpair");
	pid = fork();
	if (pid == 0) {
		FILE *o = fdopen(sv[1], "w");

		close(sv[0]);
		fprintf(o, "hello from %d\n", 42);
		fclose(o);
		_exit(0);
	}
	close(sv[1]);
	f = fdopen(sv[0], "r");
	ok(f && fgets(line, sizeof(line), f), "fgets from the socket");
	is_str(line, "hello from 42\n", "a line written by the child with stdio");
	ok(f && !fgets(line, sizeof(line), f) && feof(f), "then EOF");
	fclose(f);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the child exited");
}

static void test_fd_passing(void)
{
	int sv[2], p[2], fd = -1;
	char cbuf[CMSG_SPACE(sizeof(int))], c = 'x', buf[8] = { 0 };
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	pipe(p);
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(h), &p[1], sizeof(int));
	is(sendmsg(sv[0], &m, 0), 1, "glibc sendmsg with SCM_RIGHTS");
	close(p[1]);
	memset(cbuf, 0, sizeof(cbuf));
	is(recvmsg(sv[1], &m, 0), 1, "glibc recvmsg");
	h = CMSG_FIRSTHDR(&m);
	if (h && h->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(h), sizeof(int));
	ok(fd >= 0 && write(fd, "pipe", 4) == 4, "the received pipe end works");
	ok(read(p[0], buf, sizeof(buf)) == 4 && !strcmp(buf, "pipe"), "data arrives");
	close(fd);
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

static int tsv[2];

static void *blocked_reader(void *arg __attribute__((unused)))
{
	char buf[8];

	return (void *)(long)recv(tsv[1], buf, sizeof(buf), 0);
}

static void test_threads(void)
{
	pthread_t t[4];
	void *r;
	long total = 0;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, tsv);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, blocked_reader, NULL);
	usleep(100000);
	for (int i = 0; i < 4; i++)
		send(tsv[0], "1234", 4, 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], &r);
		total += (long)r;
	}
	is(total, 16, "four threads blocked in recv each get a datagram");
	close(tsv[0]);
	close(tsv[1]);
}

static struct sockaddr_un srv;
static socklen_t srvlen;
static int lfd;

static void *server(void *arg __attribute__((unused)))
{
	int c = accept(lfd, NULL, NULL);
	char buf[16];
	ssize_t n = read(c, buf, sizeof(buf));

	write(c, buf, n > 0 ? n : 0);
	close(c);
	return NULL;
}

static void test_server(void)
{
	char path[64], buf[16] = { 0 };
	pthread_t t;
	int c;

	scratch(path, sizeof(path), "glibc-sock");
	unlink(path);
	srv = un_path(path, &srvlen);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(bind(lfd, (struct sockaddr *)&srv, srvlen) == 0 && listen(lfd, 4) == 0,
	   "bind and listen on a path");
	pthread_create(&t, NULL, server, NULL);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(connect(c, (struct sockaddr *)&srv, srvlen) == 0, "connect");
	write(c, "echo", 4);
	ok(read(c, buf, sizeof(buf)) == 4 && !strcmp(buf, "echo"),
	   "a server thread echoes");
	pthread_join(t, NULL);
	close(c);
	close(lfd);
	unlink(path);
}

int main(void)
{
	test_fork_stdio();
	test_fd_passing();
	test_threads();
	test_server();
	return tap_done();
}
