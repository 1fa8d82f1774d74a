/*
 * tests/unix/fuzz.c: a bounded, seeded random walk over the AF_UNIX
 * calls: sockets of every type, names (abstract, filesystem, autobind,
 * junk lengths), listen/connect/accept, sendmsg/recvmsg with random
 * sizes, flags and control messages (SCM_RIGHTS of random fds, sockets
 * included, so cycles form; SCM_CREDENTIALS right and wrong; junk),
 * options, ioctls, shutdown, close, dup, sendfile, mmsg, and forked
 * children sharing the sockets. Everything is non-blocking. It passes if
 * every call answers (0/positive, or -1 with a real errno), no process
 * dies or hangs, and the kernel survives (and, on tine, gives its
 * memory back: the runner's leak check). make check runs 4000 steps;
 * `make fuzz-unix` (mk/unix.mk) a long run, with unixfuzz.iters=N and
 * unixfuzz.seed=S on the kernel command line.
 */
#include "tap.h"
#include "unixsock.h"
#include <dirent.h>
#include <sys/sendfile.h>

#define POOL 24
#define NAMES 4

static unsigned long long rng;
static int pool[POOL];
static int bad_errno;
static char names[NAMES][48];
static char scratch_dir[64];

static unsigned int rnd(unsigned int n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned int)(rng >> 33) % n : 0;
}

/* A call's answer: fine if it is >= 0 or -1 with a plausible errno. */
static long calls, succeeded;
static int errs[134];

static long check(long r)
{
	calls++;
	if (r >= 0)
		succeeded++;
	else if (errno <= 0 || errno > 133)
		bad_errno++;
	else
		errs[errno]++;
	return r;
}

/* Mostly an open fd of the pool; now and then an empty slot or junk. */
static int pick_fd(void)
{
	int i = rnd(POOL);

	if (!rnd(20))
		return (int)rnd(40) - 5;
	for (int tries = 0; pool[i] < 0 && tries < 4; tries++)
		i = rnd(POOL);
	return pool[i];
}

static void put_fd(int fd)
{
	int i = rnd(POOL);

	if (fd < 0)
		return;
	if (pool[i] >= 0)
		close(pool[i]);
	pool[i] = fd;
	fcntl(fd, F_SETFL, O_NONBLOCK);
}

static int rand_type(void)
{
	static const int t[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET,
				 SOCK_RAW, 0, 11 };

	return t[rnd(6)] | (rnd(4) ? SOCK_NONBLOCK : 0) |
	       (rnd(2) ? SOCK_CLOEXEC : 0);
}

/* A random address: one of our names, autobind, or junk. */
static socklen_t rand_addr(struct sockaddr_un *a)
{
	int k = rnd(10);
	socklen_t len;

	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	if (k < 4) {
		*a = un_abstract(names[rnd(NAMES)] + 1, &len);
	} else if (k < 7) {
		*a = un_path(names[rnd(NAMES)], &len);
	} else if (k < 8) {
		len = 2;
	} else {
		for (unsigned int i = 0; i < sizeof(a->sun_path); i++)
			a->sun_path[i] = rnd(256);
		/* Relative junk (or abstract): nodes land in our scratch dir. */
		if (a->sun_path[0])
			a->sun_path[0] = 'j';
		a->sun_family = rnd(3) ? AF_UNIX : rnd(50);
		len = rnd(140);
	}
	return len;
}

/* A control buffer: SCM_RIGHTS of pool fds, creds, or junk. */
static size_t rand_cmsg(char *buf, size_t room)
{
	struct cmsghdr *c = (struct cmsghdr *)buf;
	int k = rnd(8), n, i;
	struct ucred u = { getpid(), getuid(), getgid() };

	memset(buf, 0, room);
	if (k < 3) {
		n = 1 + rnd(4);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(n * sizeof(int));
		for (i = 0; i < n; i++)
			((int *)CMSG_DATA(c))[i] = pick_fd();
		return CMSG_SPACE(n * sizeof(int));
	}
	if (k < 5) {
		if (rnd(3) == 0)
			u.uid = rnd(3) ? 0 : 12345;
		if (rnd(4) == 0)
			u.pid = rnd(100000);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_CREDENTIALS;
		c->cmsg_len = CMSG_LEN(sizeof(u)) + (rnd(5) ? 0 : 4);
		memcpy(CMSG_DATA(c), &u, sizeof(u));
		return CMSG_SPACE(sizeof(u));
	}
	if (k < 6) {
		for (i = 0; i < 64; i++)
			buf[i] = rnd(256);
		return rnd(80);
	}
	return 0;
}

static void op_send(void)
{
	static char cbuf[256] __attribute__((aligned(8)));
	static char *data;
	struct sockaddr_un a;
	struct iovec iov[3];
	struct msghdr m = { 0 };
	int i, n = 1 + rnd(3);

	if (!data)
		data = calloc(1, 70000);
	for (i = 0; i < n; i++) {
		iov[i].iov_base = rnd(30) ? data : (void *)KERNEL_PTR;
		iov[i].iov_len = rnd(4) ? rnd(300) : rnd(70000);
	}
	m.msg_iov = iov;
	m.msg_iovlen = n;
	if (rnd(3) == 0) {
		m.msg_namelen = rand_addr(&a);
		m.msg_name = &a;
	}
	m.msg_controllen = rand_cmsg(cbuf, sizeof(cbuf));
	m.msg_control = m.msg_controllen ? cbuf : NULL;
	check(syscall(SYS_sendmsg, pick_fd(), &m,
		      MSG_DONTWAIT | MSG_NOSIGNAL |
			      (rnd(10) ? 0 : MSG_OOB | MSG_EOR | MSG_MORE)));
}

static void close_received(struct msghdr *m)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / 4;
			     i++) {
				int fd = ((int *)CMSG_DATA(c))[i];

				if (rnd(2))
					put_fd(fd);
				else
					close(fd);
			}
}

static void op_recv(void)
{
	static char cbuf[512] __attribute__((aligned(8)));
	static char *data;
	struct sockaddr_storage ss;
	struct iovec iov;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	static const int fl[] = { 0, MSG_PEEK, MSG_TRUNC, MSG_WAITALL,
				  MSG_CMSG_CLOEXEC, MSG_OOB, MSG_ERRQUEUE };

	if (!data)
		data = calloc(1, 70000);
	iov.iov_base = data;
	iov.iov_len = rnd(3) ? rnd(100) : 70000;

	m.msg_name = rnd(2) ? &ss : NULL;
	m.msg_namelen = rnd(2) ? sizeof(ss) : rnd(10);
	m.msg_control = rnd(4) ? cbuf : NULL;
	m.msg_controllen = rnd(sizeof(cbuf));
	if (check(syscall(SYS_recvmsg, pick_fd(), &m,
			  MSG_DONTWAIT | fl[rnd(7)] | fl[rnd(7)])) >= 0 &&
	    m.msg_control)
		close_received(&m);
}

static unsigned int namemask = ~0U;

static void op_names(void)
{
	struct sockaddr_un a;
	struct sockaddr_storage ss;
	socklen_t len = rnd(2) ? sizeof(ss) : rnd(20);

	unsigned int w = rnd(6);

	if (!(namemask & (1U << w)))
		return;
	switch (w) {
	case 0:
		len = rand_addr(&a);
		check(bind(pick_fd(), (struct sockaddr *)&a, len));
		break;
	case 1:
		len = rand_addr(&a);
		check(connect(pick_fd(), (struct sockaddr *)&a, len));
		break;
	case 2:
		check(listen(pick_fd(), (int)rnd(6) - 1));
		break;
	case 3:
		put_fd(check(accept4(pick_fd(), (struct sockaddr *)&ss, &len,
				     SOCK_NONBLOCK | (rnd(2) ? SOCK_CLOEXEC : 0))));
		break;
	case 4:
		check(getsockname(pick_fd(), (struct sockaddr *)&ss, &len));
		break;
	default:
		check(getpeername(pick_fd(), (struct sockaddr *)&ss, &len));
	}
}

static void op_opts(void)
{
	static const int opts[] = {
		SO_SNDBUF, SO_RCVBUF, SO_PASSCRED, SO_PEERCRED, SO_RCVTIMEO,
		SO_SNDTIMEO, SO_PEEK_OFF, SO_LINGER, SO_ERROR, SO_TYPE,
		SO_RCVLOWAT, SO_TIMESTAMP, SO_TIMESTAMPNS, SO_PEERGROUPS,
		SO_PEERNAME, SO_COOKIE, SO_KEEPALIVE, 9999,
	};
	char buf[64];
	socklen_t len = rnd(sizeof(buf));
	int opt = opts[rnd(sizeof(opts) / sizeof(opts[0]))];

	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = rnd(4) ? 0 : rnd(256);
	if (opt == SO_RCVTIMEO || opt == SO_SNDTIMEO)
		memset(buf, 0, sizeof(buf));	/* keep them short */
	if (rnd(2))
		check(setsockopt(pick_fd(), rnd(10) ? SOL_SOCKET : 6, opt, buf,
				 rnd(3) ? 4 : len));
	else
		check(getsockopt(pick_fd(), rnd(10) ? SOL_SOCKET : 6, opt, buf,
				 &len));
}

static void op_misc(void)
{
	int sv[2], n = 0, p[2];
	off_t off = 0;

	switch (rnd(9)) {
	case 0:
		put_fd(check(socket(AF_UNIX, rand_type(), rnd(10) ? 0 : rnd(3))));
		break;
	case 1:
		if (check(socketpair(AF_UNIX, rand_type(), 0, sv)) == 0) {
			put_fd(sv[0]);
			put_fd(sv[1]);
		}
		break;
	case 2:
		check(shutdown(pick_fd(), (int)rnd(4) - 1 + (rnd(10) ? 0 : 7)));
		break;
	case 3: {
		int i = rnd(POOL);

		if (pool[i] >= 0)
			close(pool[i]);
		pool[i] = -1;
		break;
	}
	case 4:
		put_fd(check(dup(pick_fd())));
		break;
	case 5:
		check(ioctl(pick_fd(), rnd(2) ? SIOCINQ : SIOCOUTQ, &n));
		break;
	case 6:
		poll1(pick_fd(), POLLIN | POLLOUT | POLLRDHUP, 0);
		break;
	case 7:
		if (pipe(p) == 0) {
			write(p[1], "pipe", 4);
			put_fd(p[rnd(2)]);
			close(p[0] == pool[0] ? p[1] : p[0]);
		}
		break;
	default: {
		int fd = open("/proc/self/status", O_RDONLY);

		check(sendfile(pick_fd(), fd, &off, rnd(9000)));
		close(fd);
	}
	}
}

static unsigned int opmask = ~0U;	/* unixfuzz.ops: which of 10 kinds */

static void walk(int iters)
{
	for (int i = 0; i < iters; i++) {
		unsigned int w = rnd(10);

		if (!(opmask & (1U << w)))
			continue;
		switch (w) {
		case 0:
		case 1:
		case 2:
			op_send();
			break;
		case 3:
		case 4:
			op_recv();
			break;
		case 5:
			op_names();
			break;
		case 6:
			op_opts();
			break;
		default:
			op_misc();
		}
	}
}

/* Remove what binds to junk names left in the scratch directory. */
static void clean_scratch(void)
{
	DIR *d = opendir(".");
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (de->d_name[0] == 'j')
			unlink(de->d_name);
	if (d)
		closedir(d);
}

static void close_all(void)
{
	for (int i = 0; i < POOL; i++)
		if (pool[i] >= 0)
			close(pool[i]);
	for (int i = 0; i < NAMES; i++)
		unlink(names[i]);
}

/* A "name=value" option of the kernel command line, or NULL. */
static const char *cmdline_opt(const char *name)
{
	static char buf[1024];
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	char *p;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	for (p = strtok(buf, " \n"); p; p = strtok(NULL, " \n"))
		if (!strncmp(p, name, strlen(name)) && p[strlen(name)] == '=')
			return p + strlen(name) + 1;
	return NULL;
}

int main(void)
{
	const char *e = cmdline_opt("unixfuzz.iters");
	int iters = e ? atoi(e) : 4000, st, rounds = 0, kids = 0;
	unsigned long long seed;

	e = cmdline_opt("unixfuzz.seed");
	seed = e ? strtoull(e, NULL, 0) : 1;
	e = cmdline_opt("unixfuzz.names");
	if (e)
		namemask = strtoul(e, NULL, 0);
	e = cmdline_opt("unixfuzz.ops");
	if (e)
		opmask = strtoul(e, NULL, 0);
	signal(SIGPIPE, SIG_IGN);
	snprintf(scratch_dir, sizeof(scratch_dir), "/tmp/unix-fuzz-%d.d",
		 (int)getpid());
	mkdir(scratch_dir, 0700);
	if (chdir(scratch_dir))
		return 1;
	for (int i = 0; i < NAMES; i++)
		snprintf(names[i], sizeof(names[i]), "/tmp/unix-fuzz-%d-%d",
			 (int)getpid(), i);
	for (int r = 0; r < 4; r++) {
		pid_t pid;

		rng = seed * 1000 + r;
		for (int i = 0; i < POOL; i++)
			pool[i] = -1;
		walk(iters / 8);
		/* A child walks on with the same pool, beside the parent. */
		alarm(120 + iters / 100);	/* a hang kills us */
		pid = fork();
		if (pid == 0) {
			rng ^= 0x9e3779b97f4a7c15ULL;
			walk(iters / 8);
			close_all();
			_exit(bad_errno ? 3 : 0);
		}
		kids++;
		walk(iters / 8);
		waitpid(pid, &st, 0);
		if (exited_with(st, 0))
			rounds++;
		else
			diag("round %d: child status %#x", r, st);
		close_all();
		clean_scratch();
	}
	if (chdir("/") || rmdir(scratch_dir))
		diag("scratch directory left: %s", strerror(errno));
	diag("parent: %ld calls, %ld succeeded; EBADF %d ENOTSOCK %d EAGAIN %d "
	     "EINVAL %d EFAULT %d", calls, succeeded, errs[EBADF],
	     errs[ENOTSOCK], errs[EAGAIN], errs[EINVAL], errs[EFAULT]);
	is(rounds, kids, "%d forked walkers finished with sane answers", kids);
	is(bad_errno, 0, "every failed call had a real errno");
	/* Whatever cycles were left, a release collects them now. */
	{
		int t[2];

		socketpair(AF_UNIX, SOCK_DGRAM, 0, t);
		close(t[0]);
		close(t[1]);
	}
	return tap_done();
}
