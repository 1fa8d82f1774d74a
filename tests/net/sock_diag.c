/*
 * NETLINK_SOCK_DIAG with unix_diag (what `ss -x` uses), in a new network
 * namespace so that only this test's sockets are listed: a dump with a
 * bound listening socket and its pending connection, a connected
 * stream pair with queued data and a shutdown, and an abstract dgram
 * socket, with every attribute ss asks for; the states filter; a get
 * by inode and cookie; and the errors (bad lengths, unknown families
 * and types: EINVAL, ENOENT, EOPNOTSUPP as Linux).
 *
 * On Debian's Linux unix_diag is a module: when the kernel answers
 * ENOENT for AF_UNIX, the test loads /lib/modules/unix_diag.ko (put in
 * the image by tools/fetch-linux-modules.sh), and skips when it cannot.
 */
#include "nl.h"
#include <sched.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#define NETLINK_SOCK_DIAG 4
#define TCPDIAG_GETSOCK 18
#define SOCK_DIAG_BY_FAMILY 20
#define SOCK_DESTROY 21
#define UDIAG_SHOW_ALL 0x5f		/* all but MEMINFO */
#define UNIX_DIAG_NAME 0
#define UNIX_DIAG_VFS 1
#define UNIX_DIAG_PEER 2
#define UNIX_DIAG_ICONS 3
#define UNIX_DIAG_RQLEN 4
#define UNIX_DIAG_SHUTDOWN 6
#define UNIX_DIAG_UID 7
#define TCP_ESTABLISHED 1
#define TCP_CLOSE 7
#define TCP_LISTEN 10
#define PATH "/tmp/sock_diag.sock"

struct unix_diag_req {
	uint8_t family, protocol;
	uint16_t pad;
	uint32_t states, ino, show, cookie[2];
};

struct unix_diag_msg {
	uint8_t family, type, state, pad;
	uint32_t ino, cookie[2];
};

/* What the dump said about one socket. */
struct diag {
	struct unix_diag_msg m;
	char name[108];
	int name_len;			/* -1: no UNIX_DIAG_NAME */
	uint32_t vfs_ino, peer, icons[4], rq[2], uid;
	int has_peer, nicons, shutdown;
};

static char buf[65536];
static struct diag seen[16];
static int nseen;

static int diag_open(void)
{
	struct timeval tv = { .tv_sec = 5 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static void parse(struct nlmsghdr *h)
{
	struct diag *d = &seen[nseen < 16 ? nseen++ : 15];
	void *a;
	int len;

	memset(d, 0, sizeof(*d));
	memcpy(&d->m, NLMSG_DATA(h), sizeof(d->m));
	d->name_len = -1;
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_NAME, &len)) &&
	    len <= (int)sizeof(d->name)) {
		memcpy(d->name, a, len);
		d->name_len = len;
	}
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_VFS, &len)) && len == 8)
		memcpy(&d->vfs_ino, a, 4);
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_PEER, &len)) && len == 4) {
		memcpy(&d->peer, a, 4);
		d->has_peer = 1;
	}
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_ICONS, &len))) {
		d->nicons = len / 4;
		memcpy(d->icons, a, len < 16 ? len : 16);
	} else {
		d->nicons = -1;
	}
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_RQLEN, &len)) && len == 8)
		memcpy(d->rq, a, 8);
	d->shutdown = -1;
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_SHUTDOWN, &len)) && len == 1)
		d->shutdown = *(unsigned char *)a;
	d->uid = 12345;
	if ((a = nl_attr(h, sizeof(d->m), UNIX_DIAG_UID, &len)) && len == 4)
		memcpy(&d->uid, a, 4);
}

/*
 * Send a SOCK_DIAG_BY_FAMILY request (dump when flags has NLM_F_DUMP)
 * and collect the answers into seen[]: 0 at NLMSG_DONE or after a
 * single answer, the NLMSG_ERROR's error otherwise.
 */
static int diag_req(int fd, int type, int flags, const void *req, int len)
{
	struct {
		struct nlmsghdr h;
		char req[64];
	} r;
	long n;

	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = NLMSG_HDRLEN + len;
	r.h.nlmsg_type = type;
	r.h.nlmsg_flags = NLM_F_REQUEST | flags;
	r.h.nlmsg_seq = 7;
	memcpy(r.req, req, len);
	nseen = 0;
	if (nl_send_raw(fd, &r, r.h.nlmsg_len) < 0)
		return -1000 - errno;
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; n >= NLMSG_HDRLEN && h->nlmsg_len >= (uint32_t)NLMSG_HDRLEN &&
		       h->nlmsg_len <= n;
		     n -= NLMSG_ALIGN(h->nlmsg_len),
		     h = (struct nlmsghdr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len))) {
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			parse(h);
			if (!(h->nlmsg_flags & NLM_F_MULTI))
				return 0;
		}
	}
	return -2000;
}

static int dump(int fd, uint32_t states, uint32_t show)
{
	struct unix_diag_req q = { .family = AF_UNIX, .states = states,
				   .show = show };

	return diag_req(fd, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, sizeof(q));
}

static struct diag *find(uint32_t ino)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (seen[i].m.ino == ino)
			return &seen[i];
	return NULL;
}

static uint32_t ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : (uint32_t)st.st_ino;
}

/* On Linux unix_diag may be a module not yet loaded: load it from the
 * image. 1 when AF_UNIX can be asked, 0 when not. */
static int have_unix_diag(int fd)
{
	int r = dump(fd, 0, 0), m;

	if (r != -ENOENT)
		return r == 0;
	m = open("/lib/modules/unix_diag.ko", O_RDONLY | O_CLOEXEC);
	if (m < 0)
		return 0;
	r = syscall(SYS_finit_module, m, "", 0);
	close(m);
	return (r == 0 || errno == EEXIST) && dump(fd, 0, 0) == 0;
}

static void test_dump(int fd)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = PATH };
	struct sockaddr_un abs = { .sun_family = AF_UNIX };
	int l, c, sp[2], dg;
	struct diag *d;
	struct stat st;

	unlink(PATH);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	dg = socket(AF_UNIX, SOCK_DGRAM, 0);
	memcpy(abs.sun_path, "\0sock_diag", 10);
	ok(!bind(l, (struct sockaddr *)&sun, sizeof(sun)) && !listen(l, 4) &&
	   !connect(c, (struct sockaddr *)&sun, sizeof(sun)) &&
	   !socketpair(AF_UNIX, SOCK_STREAM, 0, sp) &&
	   !bind(dg, (struct sockaddr *)&abs, offsetof(struct sockaddr_un,
						       sun_path) + 10),
	   "a listener with a pending connection, a pair, a dgram socket");
	is(write(sp[0], "hello", 5), 5, "5 bytes queued in the pair");
	shutdown(sp[1], SHUT_WR);
	stat(PATH, &st);

	is(dump(fd, ~0U, UDIAG_SHOW_ALL), 0, "dump all states");
	is(nseen, 5, "five sockets (the pending connection has no inode)");
	d = find(ino_of(l));
	ok(d && d->m.type == SOCK_STREAM && d->m.state == TCP_LISTEN &&
	   d->m.family == AF_UNIX, "the listener: stream, TCP_LISTEN");
	ok(d && d->name_len == (int)sizeof(PATH) && !memcmp(d->name, PATH,
							     sizeof(PATH)),
	   "UNIX_DIAG_NAME: its path with the NUL (%d)", d ? d->name_len : -2);
	ok(d && d->vfs_ino == (uint32_t)st.st_ino,
	   "UNIX_DIAG_VFS: the node's inode");
	ok(d && d->nicons == 1 && d->icons[0] == ino_of(c),
	   "UNIX_DIAG_ICONS: the connecting socket's inode");
	ok(d && d->rq[0] == 1 && d->rq[1] == 4,
	   "UNIX_DIAG_RQLEN: 1 pending, backlog 4 (%u %u)", d ? d->rq[0] : 0,
	   d ? d->rq[1] : 0);
	ok(d && !d->has_peer && d->shutdown == 0 && d->uid == 0,
	   "no peer, shutdown 0, UNIX_DIAG_UID 0");
	d = find(ino_of(c));
	ok(d && d->m.state == TCP_ESTABLISHED && d->has_peer && d->peer == 0 &&
	   d->name_len == -1 && d->nicons == -1,
	   "the connector: established, its peer not accepted (inode 0)");
	d = find(ino_of(sp[0]));
	ok(d && d->peer == ino_of(sp[1]) && d->shutdown == 1,
	   "a pair: UNIX_DIAG_PEER the other end, RCV_SHUTDOWN (%d)",
	   d ? d->shutdown : -2);
	ok(d && d->rq[0] == 0 && d->rq[1] > 0,
	   "the sender: nothing to read, its sent bytes in memory (%u)",
	   d ? d->rq[1] : 0);
	d = find(ino_of(sp[1]));
	ok(d && d->peer == ino_of(sp[0]) && d->shutdown == 2 && d->rq[0] == 5,
	   "the other end: SEND_SHUTDOWN, 5 bytes to read");
	d = find(ino_of(dg));
	ok(d && d->m.type == SOCK_DGRAM && d->m.state == TCP_CLOSE &&
	   d->name_len == 10 && !memcmp(d->name, "\0sock_diag", 10) &&
	   !d->has_peer, "the dgram socket: its abstract name, no peer");

	is(dump(fd, 1 << TCP_LISTEN, 0), 0, "dump of TCP_LISTEN only");
	ok(nseen == 1 && seen[0].m.ino == ino_of(l) && seen[0].name_len == -1 &&
	   seen[0].shutdown == 0 && seen[0].nicons == -1,
	   "the listener alone, with only UNIX_DIAG_SHUTDOWN");
	{
		struct unix_diag_req q = { .family = AF_UNIX, .ino = ino_of(l),
					   .show = 1 };

		q.cookie[0] = seen[0].m.cookie[0];
		q.cookie[1] = seen[0].m.cookie[1];
		is(diag_req(fd, SOCK_DIAG_BY_FAMILY, 0, &q, sizeof(q)), 0,
		   "a get by inode and cookie");
		ok(nseen == 1 && seen[0].m.ino == ino_of(l) &&
		   seen[0].name_len == sizeof(PATH), "answers that socket");
		q.cookie[0] ^= 1;
		is(diag_req(fd, SOCK_DIAG_BY_FAMILY, 0, &q, sizeof(q)), -ESTALE,
		   "another cookie: ESTALE");
		q.cookie[0] = q.cookie[1] = ~0U;
		is(diag_req(fd, SOCK_DIAG_BY_FAMILY, 0, &q, sizeof(q)), 0,
		   "no cookie (~0): answered");
		q.ino = 0;
		is(diag_req(fd, SOCK_DIAG_BY_FAMILY, 0, &q, sizeof(q)), -EINVAL,
		   "inode 0: EINVAL");
		q.ino = 0x7ffffff0;
		is(diag_req(fd, SOCK_DIAG_BY_FAMILY, 0, &q, sizeof(q)), -ENOENT,
		   "an unknown inode: ENOENT");
	}
	close(l);
	close(c);
	close(sp[0]);
	close(sp[1]);
	close(dg);
	unlink(PATH);
}

static void test_errors(int fd)
{
	struct unix_diag_req q = { .family = AF_INET, .states = ~0U };

	is(diag_req(fd, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, sizeof(q)), -ENOENT,
	   "AF_INET (no inet_diag): ENOENT");
	q.family = AF_NETLINK;
	is(diag_req(fd, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, sizeof(q)), -ENOENT,
	   "AF_NETLINK (no netlink_diag): ENOENT");
	q.family = 200;
	is(diag_req(fd, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, sizeof(q)), -EINVAL,
	   "a family beyond AF_MAX: EINVAL");
	q.family = AF_UNIX;
	is(diag_req(fd, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, 1), -EINVAL,
	   "a request shorter than sock_diag_req: EINVAL");
	is(diag_req(fd, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, 8), -EINVAL,
	   "shorter than unix_diag_req: EINVAL");
	is(diag_req(fd, SOCK_DESTROY, 0, &q, sizeof(q)), -EOPNOTSUPP,
	   "SOCK_DESTROY of a unix socket: EOPNOTSUPP");
	is(diag_req(fd, TCPDIAG_GETSOCK, NLM_F_DUMP, &q, sizeof(q)), -EOPNOTSUPP,
	   "TCPDIAG_GETSOCK: EOPNOTSUPP");
	is(diag_req(fd, 0x40, 0, &q, sizeof(q)), -EINVAL,
	   "an unknown type: EINVAL");
}

static int unprivileged(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int fd, g = 5;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	fd = diag_open();
	ok(!bind(fd, (struct sockaddr *)&a, sizeof(a)),
	   "an unprivileged user may join a sock_diag group");
	is(dump(fd, ~0U, 0), 0, "and dump");
	expect_ok(setsockopt(fd, SOL_NETLINK, 1, &g, sizeof(g)));
	g = 33;
	expect_errno(setsockopt(fd, SOL_NETLINK, 1, &g, sizeof(g)), EINVAL);
	return tap_failures ? 1 : 0;
}

static int in_new_netns(void)
{
	int fd, st;
	pid_t pid;

	if (unshare(CLONE_NEWNET))
		return 3;
	fd = diag_open();
	ok(fd >= 0, "socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG)");
	if (!have_unix_diag(fd)) {
		ok(1, "unix_diag is a module this image cannot load # SKIP");
		return 0;
	}
	test_dump(fd);
	test_errors(fd);
	pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the unprivileged child passed");
	return tap_failures ? 1 : 0;
}

int main(void)
{
	int st = run_child(in_new_netns);

	ok(exited_with(st, 0), "the new-namespace child passed (%#x)", st);
	return tap_done();
}
