/*
 * tests/unix/names.c: AF_UNIX names. Filesystem names are S_IFSOCK nodes
 * (mode from the umask, EADDRINUSE when the path exists, unlink makes the
 * name unreachable), abstract names, autobind, getsockname/getpeername
 * lengths, and the errors of bind and connect (EINVAL, EFAULT, ENOENT,
 * ECONNREFUSED, EPROTOTYPE, EACCES for a node we may not write).
 */
#include "tap.h"
#include "unixsock.h"
#include <grp.h>

static char p1[64], p2[64];

static void test_bind_path(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un a = un_path(p1, &(socklen_t){ 0 });
	socklen_t alen, len;
	struct stat st;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), t;
	mode_t old = umask(022);

	a = un_path(p1, &alen);
	expect_ok(bind(s, (struct sockaddr *)&a, alen));
	umask(old);
	expect_ok(sys_stat(p1, &st));
	ok(S_ISSOCK(st.st_mode), "bind made an S_IFSOCK node");
	is(st.st_mode & 0777, 0755, "its mode is 0777 minus the umask");
	len = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	expect_ok(getsockname(s, (struct sockaddr *)&ss, &len));
	is(len, offsetof(struct sockaddr_un, sun_path) + strlen(p1) + 1,
	   "getsockname length: family + path + NUL");
	is_str(((struct sockaddr_un *)&ss)->sun_path, p1, "getsockname path");
	expect_errno(open(p1, O_RDWR), ENXIO);
	t = socket(AF_UNIX, SOCK_STREAM, 0);
	expect_errno(bind(t, (struct sockaddr *)&a, alen), EADDRINUSE);
	a = un_path(p2, &alen);
	expect_errno(bind(s, (struct sockaddr *)&a, alen), EINVAL);
	ok(access(p2, F_OK) == -1, "a failed rebind leaves no node");
	a = un_path(p1, &alen);
	expect_errno(bind(s, (struct sockaddr *)&a, alen), EADDRINUSE);
	/* Unlinked: still bound, but nobody can reach it by name. */
	expect_ok(listen(s, 1));
	expect_ok(unlink(p1));
	expect_errno(connect(t, (struct sockaddr *)&a, alen), ENOENT);
	len = sizeof(ss);
	getsockname(s, (struct sockaddr *)&ss, &len);
	is_str(((struct sockaddr_un *)&ss)->sun_path, p1,
	       "getsockname still names the unlinked path");
	expect_ok(bind(t, (struct sockaddr *)&a, alen));
	close(s);
	close(t);
	unlink(p1);
}

static void test_bind_errors(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	a = un_path("/nonexistent-dir/sock", &alen);
	expect_errno(bind(s, (struct sockaddr *)&a, alen), ENOENT);
	a = un_path(p1, &alen);
	expect_errno(bind(s, (struct sockaddr *)&a, 1), EINVAL);
	expect_errno(bind(s, (struct sockaddr *)&a, 0), EINVAL);
	expect_errno(bind(s, (struct sockaddr *)&a, -1), EINVAL);
	expect_errno(bind(s, (struct sockaddr *)&a, sizeof(a) + 1), EINVAL);
	expect_errno(bind(s, (struct sockaddr *)&a, 129), EINVAL);
	a.sun_family = AF_INET;
	expect_errno(bind(s, (struct sockaddr *)&a, alen), EINVAL);
	expect_errno(bind(s, (struct sockaddr *)KERNEL_PTR, alen), EFAULT);
	expect_errno(bind(s, (struct sockaddr *)8, alen), EFAULT);
	expect_errno(connect(s, (struct sockaddr *)KERNEL_PTR, alen), EFAULT);
	close(s);
}

/* A 108-byte path without its NUL is a name too (Linux adds the NUL). */
static void test_long_path(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char path[109];
	socklen_t len;
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);

	snprintf(path, sizeof(path), "/tmp/l%d-", (int)getpid());
	memset(path + strlen(path), 'x', sizeof(path) - 1 - strlen(path));
	path[108] = 0;
	memcpy(a.sun_path, path, 108);
	expect_ok(bind(s, (struct sockaddr *)&a, sizeof(a)));
	ok(access(path, F_OK) == 0, "the node of a 108-byte path exists");
	len = sizeof(ss);
	getsockname(s, (struct sockaddr *)&ss, &len);
	is(len, sizeof(a) + 1, "its name is 111 bytes long (with the NUL)");
	close(s);
	unlink(path);
}

static void test_abstract(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un a, b;
	socklen_t alen, blen, len;
	char name[32];
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	int t = socket(AF_UNIX, SOCK_STREAM, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);

	snprintf(name, sizeof(name), "tine-names-%d", (int)getpid());
	a = un_abstract(name, &alen);
	expect_ok(bind(s, (struct sockaddr *)&a, alen));
	len = sizeof(ss);
	memset(&ss, 0xff, sizeof(ss));
	getsockname(s, (struct sockaddr *)&ss, &len);
	is(len, alen, "getsockname gives the abstract name's length");
	ok(!memcmp(&ss, &a, alen), "and its bytes");
	expect_errno(bind(t, (struct sockaddr *)&a, alen), EADDRINUSE);
	expect_ok(bind(d, (struct sockaddr *)&a, alen));	/* per type */
	/* The same bytes plus one more are another name. */
	b = a;
	b.sun_path[alen - 2] = 0;
	blen = alen + 1;
	expect_ok(bind(t, (struct sockaddr *)&b, blen));
	expect_ok(listen(s, 4));
	close(t);
	t = socket(AF_UNIX, SOCK_STREAM, 0);
	expect_ok(connect(t, (struct sockaddr *)&a, alen));
	len = sizeof(ss);
	getpeername(t, (struct sockaddr *)&ss, &len);
	ok(len == alen && !memcmp(&ss, &a, alen), "getpeername: the abstract name");
	close(t);
	close(s);
	close(d);
	t = socket(AF_UNIX, SOCK_STREAM, 0);
	expect_errno(connect(t, (struct sockaddr *)&a, alen), ECONNREFUSED);
	close(t);
}

static int is_hex5(const char *p)
{
	for (int i = 0; i < 5; i++)
		if (!strchr("0123456789abcdef", p[i]) || !p[i])
			return 0;
	return 1;
}

static void test_autobind(void)
{
	struct sockaddr_storage ss, ss2;
	struct sockaddr_un *u = (struct sockaddr_un *)&ss;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(ss);
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);

	getsockname(s, (struct sockaddr *)&ss, &len);
	is(len, 2, "an unbound socket's name is just the family");
	expect_ok(bind(s, (struct sockaddr *)&a, 2));
	len = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	getsockname(s, (struct sockaddr *)&ss, &len);
	is(len, 8, "autobind: a 6-byte abstract name");
	ok(u->sun_path[0] == 0 && is_hex5(u->sun_path + 1),
	   "autobind: NUL and 5 hex digits");
	expect_ok(bind(s, (struct sockaddr *)&a, 2));
	len = sizeof(ss2);
	getsockname(s, (struct sockaddr *)&ss2, &len);
	ok(!memcmp(&ss, &ss2, 8), "a second autobind keeps the name");
	close(s);
}

static void test_getname_lengths(void)
{
	struct sockaddr_un a;
	struct sockaddr_storage ss;
	socklen_t alen, len;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];

	a = un_path(p1, &alen);
	bind(s, (struct sockaddr *)&a, alen);
	len = 4;
	memset(&ss, 0, sizeof(ss));
	expect_ok(getsockname(s, (struct sockaddr *)&ss, &len));
	is(len, alen, "a short buffer gets the full length back");
	is(((char *)&ss)[3], p1[1], "and the bytes that fit");
	is(((char *)&ss)[4], 0, "but no more");
	len = 0;
	expect_ok(getsockname(s, (struct sockaddr *)&ss, &len));
	is(len, alen, "length 0: just the length");
	len = -1;
	expect_errno(getsockname(s, (struct sockaddr *)&ss, &len), EINVAL);
	expect_errno(getsockname(s, (struct sockaddr *)&ss,
				 (socklen_t *)KERNEL_PTR), EFAULT);
	len = sizeof(ss);
	expect_errno(getsockname(s, (struct sockaddr *)KERNEL_PTR, &len), EFAULT);
	expect_errno(getpeername(s, (struct sockaddr *)&ss, &len), ENOTCONN);
	close(s);
	unlink(p1);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	len = sizeof(ss);
	expect_ok(getpeername(sv[0], (struct sockaddr *)&ss, &len));
	is(len, 2, "getpeername of an unbound peer: the family only");
	close(sv[0]);
	close(sv[1]);
}

static void test_connect_errors(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	int fd;

	a = un_path(p1, &alen);
	expect_errno(connect(s, (struct sockaddr *)&a, alen), ENOENT);
	fd = open(p1, O_CREAT | O_WRONLY, 0666);
	close(fd);
	expect_errno(connect(s, (struct sockaddr *)&a, alen), ECONNREFUSED);
	unlink(p1);
	bind(d, (struct sockaddr *)&a, alen);
	expect_errno(connect(s, (struct sockaddr *)&a, alen), EPROTOTYPE);
	close(d);
	expect_errno(connect(s, (struct sockaddr *)&a, alen), ECONNREFUSED);
	unlink(p1);
	d = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(d, (struct sockaddr *)&a, alen);
	expect_errno(connect(s, (struct sockaddr *)&a, alen), ECONNREFUSED);
	expect_errno(connect(s, (struct sockaddr *)&a, 1), EINVAL);
	a.sun_family = AF_INET;
	expect_errno(connect(s, (struct sockaddr *)&a, alen), EINVAL);
	close(d);
	close(s);
	unlink(p1);
}

/* connect needs write permission on the node. */
static int connect_as_nobody(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	a = un_path(p1, &alen);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (connect(s, (struct sockaddr *)&a, alen) == 0)
		return 11;
	if (errno != EACCES)
		return 12;
	a = un_path(p2, &alen);
	if (connect(s, (struct sockaddr *)&a, alen) != 0)
		return 13;
	return 0;
}

static void test_permission(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	int t = socket(AF_UNIX, SOCK_STREAM, 0);
	int st;

	a = un_path(p1, &alen);
	bind(s, (struct sockaddr *)&a, alen);
	listen(s, 4);
	chmod(p1, 0755);
	a = un_path(p2, &alen);
	bind(t, (struct sockaddr *)&a, alen);
	listen(t, 4);
	chmod(p2, 0777);
	st = run_child(connect_as_nobody);
	ok(exited_with(st, 0),
	   "no write permission on the node: EACCES; with it: connected (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	close(s);
	close(t);
	unlink(p1);
	unlink(p2);
}

int main(void)
{
	scratch(p1, sizeof(p1), "unix-names-a");
	scratch(p2, sizeof(p2), "unix-names-b");
	test_bind_path();
	test_bind_errors();
	test_long_path();
	test_abstract();
	test_autobind();
	test_getname_lengths();
	test_connect_errors();
	test_permission();
	return tap_done();
}
