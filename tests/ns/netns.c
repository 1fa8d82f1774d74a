/*
 * tests/ns/netns.c: network namespaces scope abstract AF_UNIX names. A
 * name bound in one namespace cannot be reached from another
 * (ECONNREFUSED) and may be bound there again; sockets keep the
 * namespace they were made in; filesystem names are not scoped.
 */
#include "ns.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path + 1, name);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static int listener(struct sockaddr_un *a, socklen_t len)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	if (s < 0 || bind(s, (struct sockaddr *)a, len) || listen(s, 1))
		return -1;
	return s;
}

static int try_connect(struct sockaddr_un *a, socklen_t len)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), r;

	r = connect(s, (struct sockaddr *)a, len);
	close(s);
	return r;
}

static int in_new_netns(void)
{
	struct sockaddr_un a, f;
	socklen_t len = abstract(&a, "tine-netns-test");
	int s;

	if (unshare(CLONE_NEWNET))
		return 10;
	expect_errno(try_connect(&a, len), ECONNREFUSED);
	s = listener(&a, len);
	ok(s >= 0, "the same abstract name binds in the new namespace");
	expect_ok(try_connect(&a, len));
	memset(&f, 0, sizeof(f));
	f.sun_family = AF_UNIX;
	strcpy(f.sun_path, "/tmp/ns-netns.sock");
	expect_ok(try_connect(&f, sizeof(f)));
	return tap_done();
}

int main(void)
{
	struct sockaddr_un a, f;
	socklen_t len = abstract(&a, "tine-netns-test");
	int s = listener(&a, len), fs, early, status;
	pid_t c;

	ok(s >= 0, "an abstract name bound here");
	memset(&f, 0, sizeof(f));
	f.sun_family = AF_UNIX;
	strcpy(f.sun_path, "/tmp/ns-netns.sock");
	unlink(f.sun_path);
	fs = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(fs >= 0 && !bind(fs, (struct sockaddr *)&f, sizeof(f)) &&
	   !listen(fs, 4), "and a filesystem name");
	ok(exited_with(run_child(in_new_netns), 0), "case new_netns");
	/* A socket made before unshare stays in the old namespace. */
	c = fork();
	if (c == 0) {
		early = socket(AF_UNIX, SOCK_STREAM, 0);
		if (unshare(CLONE_NEWNET))
			_exit(10);
		_exit(connect(early, (struct sockaddr *)&a, len) ? 1 : 0);
	}
	waitpid(c, &status, 0);
	ok(exited_with(status, 0),
	   "a socket made before unshare(CLONE_NEWNET) reaches the old name");
	expect_ok(try_connect(&a, len));
	close(s);
	close(fs);
	unlink(f.sun_path);
	return tap_done();
}
